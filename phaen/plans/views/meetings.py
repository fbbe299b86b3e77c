"""Committee meetings on an annual plan: date, members present, decision and comments per
project."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from phaen.core.forms import ThaiDateField
from phaen.organizations import access
from phaen.plans import workflow
from phaen.plans.models import (
    MeetingDecision,
    Project,
    ReviewStep,
)
from phaen.plans.views.common import _back, _crumbs, _plan


class MeetingForm(forms.Form):
    step = forms.ModelChoiceField(label=gettext_lazy("Review step"), queryset=None, required=False)
    date = ThaiDateField(label=gettext_lazy("Date of the meeting"))
    members_present = forms.CharField(
        label=gettext_lazy("Members present"),
        help_text=gettext_lazy("One name per line."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decision = forms.ChoiceField(label=gettext_lazy("Decision"), choices=MeetingDecision.choices)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, plan, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = ReviewStep.objects.filter(plan_kind=plan.kind)
        self.projects = projects
        for project in projects:
            self.fields[f"comment_{project.pk}"] = forms.CharField(
                label=project.name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    def project_comments(self) -> dict:
        return {p: self.cleaned_data.get(f"comment_{p.pk}", "") for p in self.projects}


# --- Committee meetings ----------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request, pk: int):
    plan = _plan(request, pk)
    if not (access.can(request.user, "review", plan) or access.can(request.user, "change", plan)):
        raise PermissionDenied(_("You may not record meetings on this plan."))
    projects = list(Project.objects.filter(plan=plan).order_by("sort_order", "id"))
    form = MeetingForm(
        request.POST or None,
        plan=plan,
        projects=projects,
        initial={"step": workflow.current_step(plan), "date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("comment_")}
        try:
            workflow.meeting_record(
                plan=plan, by=request.user, comments=form.project_comments(), **data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The meeting was recorded."))
            return _back(plan)
    return render(
        request,
        "plans/review_meeting_form.html",
        {
            "plan": plan,
            "form": form,
            "breadcrumbs": _crumbs(plan, (_("Record a committee meeting"), None)),
        },
    )


urlpatterns = [
    path("<int:pk>/meetings/new/", meeting_add, name="meeting_add"),
]
