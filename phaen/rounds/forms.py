"""Forms of the rounds pages; the services validate again."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from phaen.core import thai
from phaen.core.forms import ThaiDateField
from phaen.organizations.models import Organization


def period_choices(fiscal_year: int) -> list[tuple[str, str]]:
    """Quarters, the 6/9/12-month rounds and the months of the fiscal year, by code."""
    lang = "en" if (get_language() or "th").startswith("en") else "th"
    choices = [(f"Q{q}", _("Quarter %(n)s") % {"n": q}) for q in range(1, 5)]
    choices += [(f"R{n}", _("%(n)s-month round") % {"n": n}) for n in (6, 9, 12)]
    for year, month in thai.fiscal_months(fiscal_year):
        code = f"{thai.be_year(year)}-{month:02d}"
        choices.append((code, f"{thai.month_name(month, lang=lang)} {thai.be_year(year)}"))
    return choices


class RoundForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("reporting round", "Title"), max_length=300)
    period_code = forms.ChoiceField(label=_("Period"))
    deadline = ThaiDateField(label=_("Deadline"))
    instructions = forms.CharField(
        label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    children = forms.ModelMultipleChoiceField(
        label=_("Organisations asked"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisations directly under this one are asked unless you choose."),
    )

    def __init__(self, *args, organization, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_code"].choices = period_choices(fiscal_year)
        below = (
            Organization.objects.filter(path__startswith=organization.path)
            .exclude(pk=organization.pk)
            .order_by("path")
        )
        self.fields["children"].queryset = below
        self.fields["children"].initial = [o.pk for o in below if o.parent_id == organization.pk]


class SubmitForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary for the parent organisation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Results, problems and what you need; the figures are attached as computed."),
    )


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AmendForm(forms.Form):
    """Amend an open round: title, deadline, instructions, organisations asked in
    addition, organisations withdrawn (only those that have sent nothing)."""

    title = forms.CharField(label=pgettext_lazy("reporting round", "Title"), max_length=300)
    deadline = ThaiDateField(
        label=_("Deadline"), help_text=_("Not earlier than today when you change it.")
    )
    instructions = forms.CharField(
        label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    add_children = forms.ModelMultipleChoiceField(
        label=_("Also ask"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Organisations under this one that are not asked yet."),
    )
    withdraw_children = forms.ModelMultipleChoiceField(
        label=_("Withdraw"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only organisations that have not submitted anything can be withdrawn."),
    )

    def __init__(self, *args, round_, **kwargs):
        from phaen.rounds.choices import SubmissionState

        kwargs.setdefault(
            "initial",
            {
                "title": round_.title,
                "deadline": round_.deadline,
                "instructions": round_.instructions,
            },
        )
        super().__init__(*args, **kwargs)
        parent = round_.organization
        asked = round_.submissions.values("organization_id")
        self.fields["add_children"].queryset = (
            Organization.objects.filter(path__startswith=parent.path)
            .exclude(pk=parent.pk)
            .exclude(pk__in=asked)
            .order_by("path")
        )
        self.fields["withdraw_children"].queryset = Organization.objects.filter(
            pk__in=round_.submissions.filter(state=SubmissionState.NOT_SUBMITTED).values(
                "organization_id"
            )
        ).order_by("code")
