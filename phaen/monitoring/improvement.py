"""Problems and improvement: the problem register and plan-coordination meetings.

Publishing a problem to staff (unpublished or new → published) notifies, in the app, every
user with a role in the plan's organisation, once per user and problem: unpublishing and
publishing again reaches only those not notified before (users who joined since)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from phaen.core import thai
from phaen.monitoring.models import CoordinationMeeting, MeetingDecision, Problem

__all__ = [
    "PROBLEM_PUBLISHED",
    "meeting_save",
    "problem_notify_published",
    "problem_save",
    "problem_staff_url",
]

PROBLEM_PUBLISHED = "problem_published"  # the notifications' kind

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
    # What is stored, not the instance: a model form has already set the new values on it.
    # The row is locked so that two planners publishing at once notify once.
    was_published = bool(
        problem.pk
        and Problem.objects.select_for_update()
        .filter(pk=problem.pk)
        .values_list("published", flat=True)
        .first()
    )
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
    if problem.published and not was_published:
        problem_notify_published(problem=problem)
    return problem


def problem_staff_url(problem: Problem) -> str:
    """The problem on the staff page "Problems and measures" of its plan."""
    url = reverse("monitoring:problems_staff")
    return f"{url}?plan={problem.plan_id}#problem-{problem.pk}"


def problem_notify_published(*, problem: Problem) -> int:
    """Notify every active user with a role in the problem's organisation (through their
    person or a position they hold today; the planner publishing it included, so everyone
    has the same record) that ``problem`` is published, except users already notified of
    it. Returns how many were notified. A fixed number of queries whatever the number of
    users (``alerts.services.users_with_roles`` and ``notify_many``; imported here: alerts
    comes after monitoring in the apps' order)."""
    from phaen.alerts.models import Notification
    from phaen.alerts.services import notify_many, users_with_roles

    organization = problem.plan.organization
    anchor = f"#problem-{problem.pk}"
    everyone = users_with_roles([organization.pk]).get(organization.pk, set())
    already = set(
        Notification.objects.filter(
            kind=PROBLEM_PUBLISHED, url__endswith=anchor, recipient_id__in=everyone
        ).values_list("recipient_id", flat=True)
    )
    subject, message = _published_texts(problem)
    url = problem_staff_url(problem)
    return notify_many(
        Notification(
            recipient_id=user_id,
            organization=organization,
            kind=PROBLEM_PUBLISHED,
            subject=subject,
            message=message,
            url=url,
        )
        for user_id in sorted(everyone - already)
    )


def _published_texts(problem: Problem) -> tuple[str, str]:
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    subject = _("Problem published to staff: %(problem)s") % {
        "problem": " ".join(problem.description.split())[:200]
    }
    lines = []
    if problem.measure:
        lines.append(_("Measure decided: %(measure)s") % {"measure": problem.measure})
    owners = [str(o) for o in (problem.owner_position, problem.owner_person) if o is not None]
    if owners:
        lines.append(_("Owner: %(owner)s") % {"owner": ", ".join(owners)})
    if problem.due:
        lines.append(
            _("Due: %(date)s")
            % {
                "date": thai.format_thai_date(
                    problem.due, style="medium", lang=get_language() or "th"
                )
            }
        )
    lines.append(_("Plan: %(plan)s") % {"plan": problem.plan.title})
    return subject, "\n".join(lines)


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
