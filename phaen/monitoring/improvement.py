"""Problems and improvement: the problem register and plan-coordination meetings."""

from __future__ import annotations

from django.db import transaction

from phaen.monitoring.models import CoordinationMeeting, MeetingDecision, Problem

__all__ = ["meeting_save", "problem_save"]

PROBLEM_FIELDS = (
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
)


@transaction.atomic
def problem_save(*, plan, by, problem: Problem | None = None, **fields) -> Problem:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    problem = problem or Problem(plan=plan)
    problem.plan = plan
    for name in PROBLEM_FIELDS:
        if name in fields:
            setattr(problem, name, fields[name])
    errors = {}
    if problem.project_id and problem.project.plan.organization_id != plan.organization_id:
        errors["project"] = [_("The project is not in this plan's organisation.")]
    for name in ("owner_position", "owner_person"):
        owner = getattr(problem, name)
        if owner is not None and owner.organization_id != plan.organization_id:
            errors[name] = [_("The owner is not in this plan's organisation.")]
    if errors:
        raise ValidationError(errors)
    problem.full_clean()
    problem._history_user = by
    problem.save()
    return problem


@transaction.atomic
def meeting_save(
    *, plan, by, held_on, title, attendees="", decisions=(), meeting=None
) -> CoordinationMeeting:
    """Create or change a meeting; ``decisions`` is a list of (text, carry_forward) that
    replaces the meeting's decisions."""
    meeting = meeting or CoordinationMeeting(plan=plan)
    meeting.plan = plan
    meeting.held_on = held_on
    meeting.title = title
    meeting.attendees = attendees or ""
    meeting.full_clean()
    meeting._history_user = by
    meeting.save()
    meeting.decisions.all().delete()
    MeetingDecision.objects.bulk_create(
        MeetingDecision(meeting=meeting, text=text, carry_forward=bool(carry))
        for text, carry in decisions
        if (text or "").strip()
    )
    return meeting
