"""Forms of the appropriation pages. Values are validated again by the models'
full_clean() inside the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phaen.budget.models import AllocationRound, Appropriation, AppropriationLine, ExpenseCategory
from phaen.core.forms import ThaiDateField
from phaen.organizations.models import Organization


def category_choices(scope: str):
    """Items grouped under their expense type (a type may be chosen itself)."""
    rows = list(ExpenseCategory.objects.filter(scope=scope).order_by("sort_order", "code"))
    choices: list = [("", "---------")]
    for kind in (row for row in rows if row.parent_id is None):
        items = [(row.pk, str(row)) for row in rows if row.parent_id == kind.pk]
        whole = _("%(type)s (whole type)") % {"type": kind} if items else str(kind)
        choices.append((str(kind), [(kind.pk, whole), *items]))
    return [row.pk for row in rows], choices


def scope_of(organization) -> str:
    kind = getattr(organization, "kind", None)
    return "lao" if kind is not None and kind.is_local_administration else "central"


class AppropriationForm(forms.ModelForm):
    effective_on = ThaiDateField(label=_("Takes effect on"), required=False)

    class Meta:
        model = Appropriation
        fields = ["kind", "title", "effective_on", "reference"]


class RoundForm(forms.ModelForm):
    date = ThaiDateField(label=_("Date"))

    class Meta:
        model = AllocationRound
        fields = ["date", "note"]


class LineForm(forms.ModelForm):
    amount = forms.DecimalField(
        label=_("Amount (baht)"), min_value=0, max_digits=16, decimal_places=2
    )

    class Meta:
        model = AppropriationLine
        fields = ["round", "code", "work_plan", "programme", "category", "item", "amount", "unit"]

    field_columns = {
        "round": "col-md-4",
        "code": "col-md-4",
        "work_plan": "col-md-4",
        "category": "col-md-6",
        "amount": "col-md-6",
    }

    def __init__(self, *args, appropriation: Appropriation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = appropriation.rounds.all()
        ids, choices = category_choices(scope_of(appropriation.organization))
        self.fields["category"].queryset = ExpenseCategory.objects.filter(pk__in=ids)
        self.fields["category"].widget.choices = choices
        self.fields["unit"].queryset = appropriation.organization.units.order_by("sort_order")


class AllocateForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Allocate to"), queryset=Organization.objects.none()
    )
    amount = forms.DecimalField(label=_("Amount (baht)"), min_value=0, decimal_places=2)
    item = forms.CharField(label=_("Item"), required=False, max_length=500)

    def __init__(self, *args, line: AppropriationLine, **kwargs):
        super().__init__(*args, **kwargs)
        org = line.appropriation.organization
        self.fields["organization"].queryset = org.descendants().order_by("path")
        self.fields["item"].initial = line.item


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_(
            "Columns แผนงาน | งาน/โครงการ | หมวด/ประเภทรายจ่าย (code or name) | รายการ | "
            "จำนวนเงิน, headings in row 1. Download the template for the layout."
        ),
    )
    round = forms.ModelChoiceField(
        label=_("Allocation round"), queryset=AllocationRound.objects.none(), required=False
    )

    def __init__(self, *args, appropriation: Appropriation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = appropriation.rounds.all()
