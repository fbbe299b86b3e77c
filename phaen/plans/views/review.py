"""Pages of an annual plan's review: the review panel with its actions (submit, complete a
step, send back, announce) and accepting findings with a reason. Committee meetings are in
``meetings``, deadlines, posting and the announcement document in ``announce``, editions and
priorities in ``editions``, the schedule and the consolidation in ``schedule``.

Thin views over ``workflow``, ``checks``, ``selectors`` and ``deadlines``. The forms are
small and used only here, so they live here too.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from phaen.core.forms import ThaiDateField
from phaen.organizations import access
from phaen.plans import choices as c
from phaen.plans import workflow
from phaen.plans.checks import alignment_check
from phaen.plans.deadlines import plan_deadlines
from phaen.plans.models import (
    MeetingComment,
)
from phaen.plans.views.announce import PlanEventForm, PostingForm
from phaen.plans.views.common import EDITABLE, FROZEN, _back, _crumbs, _editions, _plan, _refused
from phaen.plans.views.editions import EditionForm
from phaen.web.htmx import is_fragment


# --- Forms ---------------------------------------------------------------------------------
class CommentForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("What must change"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnnounceForm(forms.Form):
    announced_on = ThaiDateField(
        label=gettext_lazy("Announced on"),
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )


class OverrideForm(forms.Form):
    finding = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Why this is acceptable"), widget=forms.Textarea(attrs={"rows": 2})
    )


def review_context(request, plan) -> dict:
    """What the review panel of a plan shows, with the actions this user may take."""
    user = request.user
    step = workflow.current_step(plan)
    can_change = access.can(user, "change", plan)
    can_edit = plan.state in EDITABLE and can_change
    check = alignment_check(plan) if can_edit else None
    meetings = plan.meetings.select_related("step").prefetch_related(
        Prefetch("comments", MeetingComment.objects.select_related("project"))
    )
    return {
        "plan": plan,
        "route": workflow.route(plan),
        "step": step,
        "may_act": workflow.may_act_on_step(user, plan, step),
        "can_edit": can_edit,
        "can_change": can_change,
        "can_announce": plan.state == c.PlanState.APPROVED and access.can(user, "approve", plan),
        "can_record_meeting": access.can(user, "review", plan) or can_change,
        "check": check,
        "may_submit": check is not None and not check.blocking and not check.open_warnings,
        "blockers": len(check.blocking) + len(check.open_warnings) if check else 0,
        "transitions": plan.transitions.select_related("by", "step"),
        "meetings": meetings,
        "deadlines": plan_deadlines(plan),
        "editions": _editions(plan, user),
        "can_start_edition": plan.state in FROZEN
        and can_change
        and not plan.next_editions.exists(),
        "advance_form": CommentForm(),
        "return_form": ReturnForm(),
        "announce_form": AnnounceForm(initial={"announced_on": timezone.localdate()}),
        "posting_form": PostingForm(
            initial={"posted_from": plan.posted_from, "posted_until": plan.posted_until}
        ),
        "event_form": PlanEventForm(),
        "edition_form": EditionForm(),
    }


@login_required
def plan_review(request, pk: int):
    """The review panel: a page of its own, or the fragment the plan page loads."""
    plan = _plan(request, pk)
    context = review_context(request, plan)
    if is_fragment(request):  # inside the plan page, which shows the stepper itself
        return render(request, "plans/_route_panel.html", {**context, "embedded": True})
    context["breadcrumbs"] = _crumbs(plan, (_("Review and announcement"), None))
    return render(request, "plans/review_plan.html", context)


# --- Route actions (one URL each) -----------------------------------------------------------
def _transition(request, pk, action, form_class=None):
    plan = _plan(request, pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
        return _back(plan)
    data = form.cleaned_data if form is not None else {}
    try:
        moved = action(plan=plan, by=request.user, **data)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        state = moved.get_state_display()
        messages.success(request, _("Done: the plan is now “%(state)s”.") % {"state": state})
    return _back(plan)


@login_required
@require_POST
def plan_submit(request, pk: int):
    return _transition(request, pk, workflow.plan_submit, CommentForm)


@login_required
@require_POST
def plan_advance(request, pk: int):
    return _transition(request, pk, workflow.plan_advance, CommentForm)


@login_required
@require_POST
def plan_return(request, pk: int):
    return _transition(request, pk, workflow.plan_return, ReturnForm)


def _announce(*, plan, by, announced_on=None):
    return workflow.plan_announce(plan=plan, by=by, on=announced_on)


@login_required
@require_POST
def plan_announce(request, pk: int):
    return _transition(request, pk, _announce, AnnounceForm)


@login_required
@require_POST
def finding_override(request, pk: int):
    plan = _plan(request, pk)
    if not access.can(request.user, "change", plan):
        raise PermissionDenied(_("Only the plan's planners accept findings."))
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            workflow.override_finding(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("The finding was accepted with your reason."))
    else:
        messages.error(request, _("Say why this finding is acceptable."))
    return redirect("plans:plan_check", plan.pk)


urlpatterns = [
    path("<int:pk>/review/", plan_review, name="plan_review"),
    path("<int:pk>/submit/", plan_submit, name="plan_submit"),
    path("<int:pk>/advance/", plan_advance, name="plan_advance"),
    path("<int:pk>/return/", plan_return, name="plan_return"),
    path("<int:pk>/announce/", plan_announce, name="plan_announce"),
    path("<int:pk>/check/accept/", finding_override, name="finding_override"),
]
