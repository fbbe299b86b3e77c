"""The review route of an annual plan, its editions and its announcement.

Route (data per plan kind, ``ReviewStep``): draft → submitted to step 1 → … → the last
step approves → announced. Any step may send the plan back with comments (returned), after
which it is submitted again. Each move is a ``PlanTransition`` and is race-safe: the move
is claimed with a conditional UPDATE on the state the user saw, so two approvals at once
make one transition and the second is told so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phaen.organizations import access
from phaen.plans import choices as c
from phaen.plans.checks import alignment_check
from phaen.plans.models import AnnualPlan, Override, PlanTransition, ReviewStep
from phaen.plans.services import plan_create, project_copy


def route(plan: AnnualPlan) -> list[ReviewStep]:
    return list(ReviewStep.objects.filter(plan_kind=plan.kind).order_by("order"))


def current_step(plan: AnnualPlan) -> ReviewStep | None:
    if plan.state != c.PlanState.IN_REVIEW:
        return None
    return ReviewStep.objects.filter(plan_kind=plan.kind, order=plan.current_step).first()


def may_act_on_step(user, plan: AnnualPlan, step: ReviewStep | None) -> bool:
    if step is None or not access.can(user, "view", plan):
        return False
    if user.is_superuser:
        return True
    return bool(access.roles_in(user, plan.organization) & set(step.role_list))


def _move(
    plan: AnnualPlan,
    *,
    expect: tuple[str, int],
    to: tuple[str, int],
    by,
    step=None,
    comment: str = "",
    **extra: Any,
) -> AnnualPlan:
    """Claim the move from ``expect`` (state, step) to ``to``; refuse if someone moved first."""
    changes = {"state": to[0], "current_step": to[1], **extra}
    claimed = AnnualPlan.objects.filter(pk=plan.pk, state=expect[0], current_step=expect[1]).update(
        **changes
    )
    if not claimed:
        raise ValidationError(
            _(
                "This plan was moved on by someone else a moment ago; reload "
                "the page to see where it stands."
            ),
            code="stale",
        )
    PlanTransition.objects.create(
        plan=plan, step=step, from_state=expect[0], to_state=to[0], by=by, comment=comment
    )
    plan.refresh_from_db()
    return plan


@transaction.atomic
def override_finding(*, plan: AnnualPlan, finding: str, reason: str, by) -> Override:
    result = alignment_check(plan)
    match = next((f for f in result.findings if f.code == finding), None)
    if match is None:
        raise ValidationError({"finding": _("There is no such finding now.")})
    if match.blocking:
        raise ValidationError({"finding": _("A blocking finding cannot be overridden; fix it.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this finding is acceptable.")})
    override = Override(plan=plan, finding=finding, reason=reason, by=by)
    override.full_clean()
    override.save()
    return override


@transaction.atomic
def plan_submit(*, plan: AnnualPlan, by, comment: str = "") -> AnnualPlan:
    """Send a draft (or a returned plan) into review; refused while blocking findings or
    warnings without an override remain."""
    if not access.can(by, "change", plan):
        raise PermissionDenied(_("You may not submit this plan."))
    if plan.state not in (c.PlanState.DRAFT, c.PlanState.RETURNED):
        raise ValidationError({"state": _("Only a draft or a returned plan can be submitted.")})
    result = alignment_check(plan)
    if result.blocking or result.open_warnings:
        raise ValidationError(
            {
                "findings": [
                    _(
                        "%(n)s finding(s) must be fixed or, for warnings, overridden with a "
                        "reason first."
                    )
                    % {"n": len(result.blocking) + len(result.open_warnings)}
                ]
            }
        )
    steps = route(plan)
    if not steps:
        raise ValidationError({"route": _("This kind of plan has no review route.")})
    return _move(
        plan,
        expect=(plan.state, plan.current_step),
        to=(c.PlanState.IN_REVIEW, steps[0].order),
        by=by,
        step=steps[0],
        comment=comment,
    )


@transaction.atomic
def plan_advance(
    *, plan: AnnualPlan, by, comment: str = "", on: dt.date | None = None
) -> AnnualPlan:
    """Complete the current step: on to the next one, or approved after the last."""
    step = current_step(plan)
    if not may_act_on_step(by, plan, step):
        raise PermissionDenied(_("You may not complete this step."))
    later = [s for s in route(plan) if s.order > step.order]
    if later:
        return _move(
            plan,
            expect=(plan.state, step.order),
            to=(c.PlanState.IN_REVIEW, later[0].order),
            by=by,
            step=step,
            comment=comment,
        )
    return _move(
        plan,
        expect=(plan.state, step.order),
        to=(c.PlanState.APPROVED, 0),
        by=by,
        step=step,
        comment=comment,
        approved_on=on or timezone.localdate(),
    )


@transaction.atomic
def plan_return(*, plan: AnnualPlan, by, comment: str) -> AnnualPlan:
    """Send the plan back from the current step with comments."""
    step = current_step(plan)
    if not may_act_on_step(by, plan, step):
        raise PermissionDenied(_("You may not send this plan back."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what must change.")})
    return _move(
        plan,
        expect=(plan.state, step.order),
        to=(c.PlanState.RETURNED, 0),
        by=by,
        step=step,
        comment=comment,
    )


@transaction.atomic
def plan_announce(
    *, plan: AnnualPlan, by, on: dt.date | None = None, posted_from: dt.date | None = None
) -> AnnualPlan:
    if not access.can(by, "approve", plan):
        raise PermissionDenied(_("You may not announce this plan."))
    if plan.state != c.PlanState.APPROVED:
        raise ValidationError({"state": _("Only an approved plan can be announced.")})
    on = on or timezone.localdate()
    return _move(
        plan,
        expect=(plan.state, 0),
        to=(c.PlanState.ANNOUNCED, 0),
        by=by,
        announced_on=on,
        posted_from=posted_from or on,
    )


@transaction.atomic
def edition_create(
    *, plan: AnnualPlan, kind: str, reason: str, by, year: int | None = None
) -> AnnualPlan:
    """A new draft edition of an approved or announced plan: a copy of its projects (their
    lineage kept, so editions compare) with its own number, reason, route and announcement."""
    if plan.state not in (c.PlanState.APPROVED, c.PlanState.ANNOUNCED):
        raise ValidationError({"plan": _("Editions amend an approved or announced plan.")})
    if plan.next_editions.exists():
        raise ValidationError({"plan": _("This edition already has a later edition.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the plan changes.")})
    year = year or plan.fiscal_year
    number = (
        AnnualPlan.objects.filter(
            organization=plan.organization,
            kind=plan.kind,
            fiscal_year=plan.fiscal_year,
            edition_kind=kind,
            edition_year=year,
        ).count()
        + 1
    )
    edition = plan_create(
        organization=plan.organization,
        kind=plan.kind,
        fiscal_year=plan.fiscal_year,
        title=plan.title,
        by=by,
        multi_year_plan=plan.multi_year_plan,
        action_plan=plan.action_plan,
        edition_kind=kind,
        edition_number=number,
        edition_year=year,
        edition_reason=reason,
        previous=plan,
        budget_threshold=plan.budget_threshold,
    )
    for project in plan.projects.all():
        project_copy(project=project, to_plan=edition, by=by, keep_lineage=True)
    return edition


def edition_diff(old: AnnualPlan, new: AnnualPlan) -> dict[str, list]:
    """Projects added, removed and changed between two editions (by lineage)."""
    fields = [
        "name",
        "status",
        "place",
        "start_date",
        "end_date",
        "months",
        "importance",
        "urgency",
        "out_of_plan",
    ]
    before = {p.lineage: p for p in old.projects.prefetch_related("budget_lines")}
    after = {p.lineage: p for p in new.projects.prefetch_related("budget_lines")}
    changed = []
    for lineage in before.keys() & after.keys():
        a, b = before[lineage], after[lineage]
        differences = [f for f in fields if getattr(a, f) != getattr(b, f)]
        total_a = sum(x.amount for x in a.budget_lines.all())
        total_b = sum(x.amount for x in b.budget_lines.all())
        if total_a != total_b:
            differences.append("budget")
        if differences:
            changed.append((a, b, differences))
    return {
        "added": [after[k] for k in after.keys() - before.keys()],
        "removed": [before[k] for k in before.keys() - after.keys()],
        "changed": sorted(changed, key=lambda item: item[1].sort_order),
    }


@transaction.atomic
def edition_from_proposal(
    *, plan: AnnualPlan, deferred_lineages: list, reason: str, by
) -> AnnualPlan:
    """Turn a fit-to-ceiling proposal into a draft deferral edition: the proposed projects
    are postponed in the new edition; the announced one is untouched."""
    from phaen.plans.models import Project
    from phaen.plans.services import record_save

    edition = edition_create(plan=plan, kind=c.EditionKind.DEFERRAL, reason=reason, by=by)
    for project in Project.objects.filter(plan=edition, lineage__in=deferred_lineages):
        project.status = c.ProjectStatus.POSTPONED
        record_save(project, by)
    return edition


# --- Committee meetings, posting dates and deadline events (review pages) -----------------
@transaction.atomic
def meeting_record(
    *,
    plan: AnnualPlan,
    by,
    date: dt.date,
    members_present: str,
    decision: str,
    note: str = "",
    step: ReviewStep | None = None,
    comments: dict | None = None,
):
    """Record a committee meeting on ``plan`` with comments per project (``{project:
    text}``; blank texts are skipped). Only projects of this plan may be commented on."""
    from phaen.plans.models import CommitteeMeeting, MeetingComment

    if not (access.can(by, "review", plan) or access.can(by, "change", plan)):
        raise PermissionDenied(_("You may not record meetings on this plan."))
    if step is not None and step.plan_kind != plan.kind:
        raise ValidationError({"step": _("That step is not on this plan's route.")})
    meeting = CommitteeMeeting(
        plan=plan,
        step=step,
        date=date,
        members_present=members_present,
        decision=decision,
        note=note,
        recorded_by=by,
    )
    meeting.full_clean()
    meeting.save()
    for project, text in (comments or {}).items():
        if project.plan_id != plan.pk:
            raise ValidationError({"comments": _("A comment names a project of another plan.")})
        if text.strip():
            comment = MeetingComment(meeting=meeting, project=project, comment=text.strip())
            comment.full_clean()
            comment.save()
    return meeting


@transaction.atomic
def posting_record(
    *, plan: AnnualPlan, by, posted_from: dt.date, posted_until: dt.date | None = None
) -> AnnualPlan:
    """Record when the announced plan was posted publicly (the only change an approved or
    announced edition accepts, besides its announcement)."""
    if not access.can(by, "change", plan):
        raise PermissionDenied(_("You may not record the posting of this plan."))
    if plan.state not in (c.PlanState.APPROVED, c.PlanState.ANNOUNCED):
        raise ValidationError({"posted_from": _("Only an approved plan is posted.")})
    if posted_until is not None and posted_until < posted_from:
        raise ValidationError({"posted_until": _("The posting cannot end before it starts.")})
    plan.posted_from, plan.posted_until = posted_from, posted_until
    plan._history_user = by
    plan.save(update_fields=["posted_from", "posted_until"])
    return plan


@transaction.atomic
def plan_event_record(*, plan: AnnualPlan, by, event: str, date: dt.date, note: str = ""):
    """Enter a dated event of the plan's organisation and year that starts a deadline clock
    (e.g. a project notified by another agency)."""
    from phaen.plans.models import PlanEvent

    if not access.can(by, "change", plan):
        raise PermissionDenied(_("You may not record events of this plan."))
    record = PlanEvent(
        organization=plan.organization,
        fiscal_year=plan.fiscal_year,
        event=event,
        date=date,
        note=note,
        recorded_by=by,
    )
    record.full_clean()
    record.save()
    return record
