"""Forms of the monitoring pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phaen.core.forms import ThaiDateField
from phaen.monitoring import choices as c
from phaen.monitoring.models import Problem

ACCEPT = "image/*,application/pdf"


class ProgressReportForm(forms.Form):
    """The owner's monthly report: the figures, one status per activity and one value per
    output target, and optionally a photo or document."""

    status = forms.ChoiceField(label=_("Status"), choices=c.ProgressStatus.choices)
    percent = forms.IntegerField(
        label=_("Percent complete"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the project is behind its plan, postponed or cancelled."),
    )
    problems = forms.CharField(
        label=_("Problems and obstacles"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    suggestions = forms.CharField(
        label=_("Suggestions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_file = forms.FileField(
        label=_("Photo or document"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("A photo (phone camera) or a PDF, up to 10 MB."),
    )
    evidence_caption = forms.CharField(label=_("Caption"), required=False, max_length=300)

    def __init__(self, *args, activities=(), outputs=(), risks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.activity_list = list(activities)
        self.output_list = list(outputs)
        self.risk_list = list(risks)
        for risk in self.risk_list:
            self.fields[f"risk_{risk.pk}"] = forms.BooleanField(
                label=risk.description, required=False
            )
            self.fields[f"risk_note_{risk.pk}"] = forms.CharField(
                label=_("What happened"), required=False, max_length=500
            )
        for activity in self.activity_list:
            self.fields[f"activity_{activity.pk}"] = forms.ChoiceField(
                label=activity.name, choices=c.ActivityStatus.choices, required=False
            )
        for output in self.output_list:
            label = output.description
            if output.target is not None:
                label = _("%(output)s (target %(target)s %(unit)s)") % {
                    "output": output.description,
                    "target": f"{output.target:,.0f}",
                    "unit": output.unit,
                }
            self.fields[f"output_{output.pk}"] = forms.DecimalField(
                label=label, required=False, min_value=0, max_digits=16, decimal_places=2
            )

    def main_fields(self):
        return [
            self[name] for name in ("status", "percent", "narrative", "problems", "suggestions")
        ]

    def activity_fields(self):
        return [self[f"activity_{a.pk}"] for a in self.activity_list]

    def output_fields(self):
        return [self[f"output_{o.pk}"] for o in self.output_list]

    def risk_rows(self):
        """(risk, its "occurred" checkbox, its note) for each of the project's risks."""
        return [(r, self[f"risk_{r.pk}"], self[f"risk_note_{r.pk}"]) for r in self.risk_list]

    def evidence_fields(self):
        return [self["evidence_file"], self["evidence_caption"]]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "percent": data["percent"],
            "narrative": data["narrative"],
            "problems": data["problems"],
            "suggestions": data["suggestions"],
            "activities": [
                (a, data.get(f"activity_{a.pk}") or c.ActivityStatus.NOT_STARTED, "")
                for a in self.activity_list
            ],
            "achievements": [
                (o, data[f"output_{o.pk}"])
                for o in self.output_list
                if data.get(f"output_{o.pk}") is not None
            ],
            "risks": [
                (r, data.get(f"risk_note_{r.pk}") or "")
                for r in self.risk_list
                if data.get(f"risk_{r.pk}")
            ],
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"), widget=forms.Textarea(attrs={"rows": 2})
    )


class MeetingApprovalForm(forms.Form):
    approved_on = ThaiDateField(label=_("Staff meeting date"))
    note = forms.CharField(label=_("Meeting note"), required=False, max_length=500)


class LockForm(forms.Form):
    force = forms.BooleanField(label=_("Lock even with unacknowledged reports"), required=False)
    reason = forms.CharField(label=_("Reason"), required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve to start")), ("return", _("Send back"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProblemForm(forms.ModelForm):
    found_on = ThaiDateField(label=_("Found on"))
    due = ThaiDateField(label=_("Due"), required=False)

    class Meta:
        model = Problem
        fields = [
            "project",
            "category",
            "description",
            "found_on",
            "measure",
            "owner_position",
            "owner_person",
            "due",
            "status",
            "published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "published": _(
                "Everyone in the organisation then sees it on the page “Problems and "
                "measures”; publishing notifies each of them once."
            ),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        from phaen.organizations.models import Person, Position

        self.fields["project"].queryset = plan.projects.all()
        self.fields["owner_position"].queryset = Position.objects.filter(
            organization=plan.organization
        )
        self.fields["owner_person"].queryset = Person.objects.filter(organization=plan.organization)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class MeetingForm(forms.Form):
    held_on = ThaiDateField(label=_("Date"))
    title = forms.CharField(label=_("Title"), max_length=300)
    attendees = forms.CharField(
        label=_("Attendees"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One decision a line. Start a line with + to carry it into next year's plan."),
    )

    def decision_list(self) -> list[tuple[str, bool]]:
        rows = []
        for line in (self.cleaned_data.get("decisions") or "").splitlines():
            text = line.strip()
            if not text:
                continue
            carry = text.startswith("+")
            rows.append((text.lstrip("+").strip(), carry))
        return rows


class PostingForm(forms.Form):
    """When the round's monitoring report was presented and posted publicly."""

    reported_on = ThaiDateField(
        label=_("Presented on"),
        help_text=_("The day the executive presented it to the council and the committee."),
    )
    posted_from = ThaiDateField(label=_("Posted from"), required=False)
    posted_until = ThaiDateField(label=_("Posted until"), required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        help_text=_("Where it was posted (notice board, website)."),
    )
