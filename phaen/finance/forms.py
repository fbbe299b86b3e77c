"""Forms of the finance pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phaen.core.forms import ThaiDateField
from phaen.finance import choices as c
from phaen.finance.imports import FIELDS
from phaen.finance.models import CarryOver, Transaction, Transfer
from phaen.plans.models import Activity, BudgetLine


def _line_label(line: BudgetLine) -> str:
    item = line.description or line.category
    return f"{line.project.code} {line.project.name[:60]} · {item} ({line.amount:,.2f})"


class LineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _line_label(obj)


class TransactionForm(forms.ModelForm):
    date = ThaiDateField(label=_("date"))
    clear_by = ThaiDateField(label=_("to be cleared by"), required=False)
    budget_line = LineChoiceField(queryset=BudgetLine.objects.none(), label=_("budget line"))

    class Meta:
        model = Transaction
        fields = [
            "kind",
            "budget_line",
            "activity",
            "number",
            "date",
            "amount",
            "procurement_method",
            "clear_by",
            "related",
            "document_ref",
            "payee",
            "description",
        ]

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = (
            BudgetLine.objects.filter(project__in=projects)
            .select_related("project", "category")
            .order_by("project__sort_order", "project_id", "id")
        )
        self.fields["activity"].queryset = Activity.objects.filter(project__in=projects)
        self.fields["related"].queryset = Transaction.objects.filter(
            project__in=projects, kind__in=[c.TransactionKind.ADVANCE, c.TransactionKind.COMMITMENT]
        ).select_related("project")
        self.fields["amount"].widget.attrs["inputmode"] = "decimal"


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("File kind"), choices=c.ImportKind.choices)
    file = forms.FileField(
        label=_("File (CSV or Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Upload a CSV or an Excel (.xlsx) file."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class MappingForm(forms.Form):
    """One text field per field of the file kind: the column header in the file."""

    def __init__(self, *args, kind, initial_columns, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, _required, _type, guesses in FIELDS[kind]:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                initial=initial_columns.get(name, ""),
                help_text=_("Recognised without a mapping: %(h)s") % {"h": ", ".join(guesses)},
            )


class TransferForm(forms.ModelForm):
    from_line = LineChoiceField(queryset=BudgetLine.objects.none(), label=_("from budget line"))
    to_line = LineChoiceField(queryset=BudgetLine.objects.none(), label=_("to budget line"))

    class Meta:
        model = Transfer
        fields = ["from_line", "to_line", "amount", "change", "reason"]

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        lines = BudgetLine.objects.filter(project__in=projects).select_related(
            "project", "category"
        )
        self.fields["from_line"].queryset = lines
        self.fields["to_line"].queryset = lines


class TransferDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Approve")), ("no", _("Reject"))],
    )
    council_resolution = forms.CharField(
        label=_("council resolution (meeting, date)"), required=False
    )
    note = forms.CharField(
        label=_("decision note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CarryOverForm(forms.ModelForm):
    approved_on = ThaiDateField(label=_("approved on"))
    spend_by = ThaiDateField(label=_("to be spent by"))
    extended_to = ThaiDateField(label=_("extended to"), required=False)
    budget_line = LineChoiceField(queryset=BudgetLine.objects.none(), label=_("budget line"))

    class Meta:
        model = CarryOver
        fields = [
            "budget_line",
            "reference",
            "amount",
            "approved_on",
            "spend_by",
            "extended_to",
            "spent",
            "note",
        ]

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = lines.select_related("project", "category")
