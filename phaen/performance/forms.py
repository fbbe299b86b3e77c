"""Forms of the performance pages. The services validate again (full_clean); a form only
offers the choices of the current organisation."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from phaen.core.forms import ThaiDateField
from phaen.organizations.models import Person, Unit
from phaen.performance.choices import Audience
from phaen.performance.models import Agreement, AgreementIndicator
from phaen.plans.models import Project
from phaen.strategy.models import Indicator


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: under its field when the form has it."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class ResultForm(forms.Form):
    actual = forms.DecimalField(label=_("actual value"), max_digits=18, decimal_places=4)
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(
        label=_("evidence"),
        required=False,
        # a photo or a PDF (checked by the service); a phone offers its camera
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "fiscal_year",
            "level",
            "unit",
            "project",
            "person",
            "parent",
            "title",
            "giver_name",
            "giver_position",
            "receiver_name",
            "receiver_position",
        ]

    def __init__(self, *args, organization, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        if self.instance.pk:
            del self.fields["fiscal_year"]
        self.fields["unit"].queryset = Unit.objects.filter(organization=organization)
        self.fields["project"].queryset = Project.objects.filter(
            plan__organization=organization
        ).select_related("plan")
        self.fields["person"].queryset = Person.objects.filter(organization=organization)
        self.fields["parent"].queryset = Agreement.objects.for_user(user).exclude(
            pk=self.instance.pk
        )


class AgreementIndicatorForm(forms.ModelForm):
    class Meta:
        model = AgreementIndicator
        fields = [
            "indicator",
            "number",
            "name",
            "unit",
            "weight",
            "target",
            "level_1",
            "level_2",
            "level_3",
            "level_4",
            "level_5",
        ]
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agreement = agreement
        self.fields["indicator"].queryset = Indicator.objects.filter(
            plan__organization=agreement.organization,
            plan__start_year__lte=agreement.fiscal_year,
            plan__end_year__gte=agreement.fiscal_year,
        ).select_related("plan")
        self.fields["name"].required = False
        self.fields["indicator"].help_text = _(
            "Choose an indicator of the plan, or leave it empty and write the indicator."
        )

    def clean(self):
        data = super().clean()
        indicator = data.get("indicator")
        if indicator is None and not data.get("name"):
            self.add_error("name", _("Choose a plan indicator or write the indicator."))
        if indicator is not None:
            data["name"] = data.get("name") or indicator.name
            data["number"] = data.get("number") or indicator.number
            data["unit"] = data.get("unit") or indicator.unit
            self.instance.name = data["name"]
        return data


class SignForm(forms.Form):
    signed_on = ThaiDateField(label=_("signed on"))


class PublishForm(forms.Form):
    audience = forms.ChoiceField(label=_("published to"), choices=Audience.choices)


class AssessmentForm(forms.Form):
    """One result per agreement indicator, the date and a note."""

    assessed_on = ThaiDateField(label=_("assessed on"))
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for item in self.indicators:
            self.fields[f"result_{item.pk}"] = forms.DecimalField(
                label=f"{item.number} {item.name}".strip(),
                max_digits=18,
                decimal_places=4,
                help_text=item.unit,
            )

    def results(self) -> dict[int, object]:
        return {item.pk: self.cleaned_data[f"result_{item.pk}"] for item in self.indicators}
