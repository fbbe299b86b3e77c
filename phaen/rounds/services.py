"""Writes of reporting rounds. Each move is race-safe: it is claimed with a conditional
UPDATE on the state the user saw, so two decisions at once make one move and the second
is told so. Every move is kept (``RoundMove``) with its comment and, for a submission,
the figures it carried."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phaen.core import thai
from phaen.organizations import access
from phaen.organizations.models import Organization
from phaen.rounds import access as rounds_access
from phaen.rounds import choices as c
from phaen.rounds.models import ReportingRound, RoundChange, RoundMove, RoundSubmission
from phaen.rounds.selectors import compute_snapshot, period_range

S = c.SubmissionState


def default_children(organization) -> list[Organization]:
    return list(Organization.objects.filter(parent=organization).order_by("code"))


@transaction.atomic
def round_open(
    *,
    organization: Organization,
    fiscal_year: int,
    period_code: str,
    title: str,
    deadline: dt.date,
    by,
    instructions: str = "",
    children=None,
) -> ReportingRound:
    """Open a round of ``organization`` asking ``children`` (default: its direct
    children; any organisation below it may be chosen)."""
    if not rounds_access.may_open(by, organization):
        raise PermissionDenied(_("Planners and executives of the organisation open rounds."))
    code = (period_code or "").strip().upper()
    try:
        period_range(fiscal_year, code)
    except ValueError as exc:
        raise ValidationError({"period_code": str(exc)}) from None
    children = default_children(organization) if children is None else list(children)
    if not children:
        raise ValidationError({"children": _("Choose at least one organisation under this one.")})
    outside = [
        child
        for child in children
        if child.pk == organization.pk or not child.path.startswith(organization.path)
    ]
    if outside:
        raise ValidationError(
            {
                "children": _("%(names)s is not under %(org)s.")
                % {"names": ", ".join(str(o) for o in outside), "org": organization}
            }
        )
    round_ = ReportingRound(
        organization=organization,
        fiscal_year=fiscal_year,
        period_code=code,
        title=title,
        instructions=instructions,
        deadline=deadline,
        opened_by=by,
    )
    round_.full_clean()
    round_._history_user = by
    round_.save()
    asked = []
    for child in sorted({o.pk: o for o in children}.values(), key=lambda o: o.code):
        submission = RoundSubmission(round=round_, organization=child)
        submission._history_user = by
        submission.save()
        asked.append(submission)
    _tell_planners(round_, asked, amended=False)
    return round_


def _names(organizations) -> str:
    return ", ".join(str(o) for o in organizations)


@transaction.atomic
def round_amend(
    *,
    round_: ReportingRound,
    by,
    title: str | None = None,
    instructions: str | None = None,
    deadline: dt.date | None = None,
    add_children=(),
    withdraw_children=(),
) -> ReportingRound:
    """Amend an open round: its title, instructions or deadline (not earlier than today in
    Asia/Bangkok when it changes), ask more organisations below the parent, or withdraw
    ones that have not submitted anything yet. ``None`` leaves a value as it is. Each
    change is kept as a ``RoundChange`` (who, when, before, after) and in the round's and
    submissions' history. Refusals are keyed by field and change nothing. The round
    returned carries ``applied_changes`` (empty when nothing differed)."""
    organization = round_.organization
    if not rounds_access.may_open(by, organization):
        raise PermissionDenied(_("Planners and executives of the organisation amend its rounds."))
    fresh = ReportingRound.objects.select_for_update().get(pk=round_.pk)
    submissions = {
        s.organization_id: s
        for s in RoundSubmission.objects.select_for_update()
        .filter(round=fresh)
        .select_related("organization")
    }
    errors: dict[str, list[str]] = {}
    changes: list[RoundChange] = []

    def change(field, before="", after="", org=None):
        changes.append(
            RoundChange(
                round=fresh, field=field, organization=org, before=before, after=after, by=by
            )
        )

    if title is not None and title.strip() != fresh.title:
        if not title.strip():
            errors["title"] = [_("A round needs a title.")]
        else:
            change(c.ChangeField.TITLE, fresh.title, title.strip())
            fresh.title = title.strip()
    if instructions is not None and instructions.strip() != fresh.instructions.strip():
        change(c.ChangeField.INSTRUCTIONS, fresh.instructions, instructions.strip())
        fresh.instructions = instructions.strip()
    if deadline is not None and deadline != fresh.deadline:
        today = timezone.localdate()
        if deadline < today:
            errors["deadline"] = [
                _("The deadline cannot be earlier than today (%(today)s).")
                % {"today": thai.format_thai_date(today)}
            ]
        else:
            change(c.ChangeField.DEADLINE, fresh.deadline.isoformat(), deadline.isoformat())
            fresh.deadline = deadline

    adding = sorted({o.pk: o for o in add_children}.values(), key=lambda o: o.code)
    withdrawing = sorted({o.pk: o for o in withdraw_children}.values(), key=lambda o: o.code)
    outside = [
        o for o in adding if o.pk == organization.pk or not o.path.startswith(organization.path)
    ]
    already = [o for o in adding if o.pk in submissions]
    if outside:
        errors["add_children"] = [
            _("%(names)s is not under %(org)s.") % {"names": _names(outside), "org": organization}
        ]
    elif already:
        errors["add_children"] = [
            _("%(names)s is already asked in this round.") % {"names": _names(already)}
        ]
    not_asked = [o for o in withdrawing if o.pk not in submissions]
    answered = [
        o for o in withdrawing if o.pk in submissions and submissions[o.pk].state != S.NOT_SUBMITTED
    ]
    if not_asked:
        errors["withdraw_children"] = [
            _("%(names)s is not asked in this round.") % {"names": _names(not_asked)}
        ]
    elif answered:
        errors["withdraw_children"] = [
            _(
                "%(names)s has already submitted and cannot be withdrawn; accept it or send "
                "it back instead."
            )
            % {"names": _names(answered)}
        ]
    elif withdrawing and len(withdrawing) >= len(submissions) + len(adding):
        errors["withdraw_children"] = [_("At least one organisation must stay asked in the round.")]
    try:
        fresh.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)

    for org in adding:
        submission = RoundSubmission(round=fresh, organization=org)
        submission._history_user = by
        submission.save()
        change(c.ChangeField.ASKED, after=str(org), org=org)
    for org in withdrawing:
        submission = submissions[org.pk]
        submission._history_user = by
        submission.delete()
        change(c.ChangeField.WITHDRAWN, before=str(org), org=org)
    if changes:
        fresh._history_user = by
        fresh.save()
        RoundChange.objects.bulk_create(changes)
    new = [ch.organization_id for ch in changes if ch.field == c.ChangeField.ASKED]
    _tell_planners(
        fresh,
        RoundSubmission.objects.filter(round=fresh, organization__in=new).select_related(
            "organization"
        ),
    )
    if any(ch.field in ROUND_FIELDS for ch in changes):
        still_due = (
            RoundSubmission.objects.filter(round=fresh, state__in=(S.NOT_SUBMITTED, S.RETURNED))
            .exclude(organization__in=new)
            .select_related("organization")
        )
        _tell_planners(fresh, still_due, amended=True)
    fresh.applied_changes = changes
    return fresh


ROUND_ASKED = "round_asked"  # the notifications' kind (reminders use "round_submission")
ROUND_FIELDS = (c.ChangeField.TITLE, c.ChangeField.INSTRUCTIONS, c.ChangeField.DEADLINE)


def _tell_planners(round_: ReportingRound, submissions, amended: bool = False) -> None:
    """An in-app notification to the planners of each organisation asked (or whose round was
    amended while it still owes its report), linking to its submission. A fixed number of
    queries whatever the number of organisations."""
    from django.urls import reverse

    from phaen.alerts.models import Notification
    from phaen.alerts.services import notify_many, users_with_roles
    from phaen.organizations.choices import Role

    submissions = list(submissions)
    if not submissions:
        return
    planners = users_with_roles([s.organization_id for s in submissions], roles=[Role.PLANNER])
    values = {
        "parent": round_.organization,
        "title": round_.title,
        "deadline": thai.format_thai_date(round_.deadline),
    }
    subject = (
        _("%(parent)s amended the round “%(title)s”: report by %(deadline)s")
        if amended
        else _("%(parent)s asks for your report “%(title)s” by %(deadline)s")
    ) % values
    notify_many(
        Notification(
            recipient_id=user_id,
            kind=ROUND_ASKED,
            subject=subject,
            message=round_.instructions,
            url=reverse("rounds:submission_detail", args=[submission.pk]),
            organization_id=submission.organization_id,
        )
        for submission in submissions
        for user_id in sorted(planners.get(submission.organization_id, ()))
    )


def _claim(submission: RoundSubmission, expect: tuple[str, ...], **changes) -> RoundSubmission:
    claimed = RoundSubmission.objects.filter(pk=submission.pk, state__in=expect).update(
        updated_at=timezone.now(), **changes
    )
    if not claimed:
        raise ValidationError(
            {
                "state": _(
                    "This submission was moved on by someone else a moment ago; reload "
                    "the page to see where it stands."
                )
            },
            code="stale",
        )
    fresh = RoundSubmission.objects.select_related("round__organization", "organization").get(
        pk=submission.pk
    )
    return fresh


def _record(submission: RoundSubmission, kind: str, by, comment: str = "", snapshot=None):
    RoundMove.objects.create(
        submission=submission, kind=kind, by=by, comment=comment, snapshot=snapshot or {}
    )
    # the UPDATE above bypasses simple-history: record the new state there too
    submission._history_user = by
    submission.save(update_fields=["updated_at"])


@transaction.atomic
def submission_submit(*, submission: RoundSubmission, by, summary: str = "") -> RoundSubmission:
    """The child sends its figures: a snapshot of its plan in force for the round's period
    is computed now and kept as it is."""
    if not access.can(by, "submit", submission):
        raise PermissionDenied(_("Only the organisation's planners submit for it."))
    if not submission.may_submit:
        raise ValidationError(
            {
                "state": _("A submission that is %(state)s cannot be submitted again.")
                % {"state": submission.get_state_display().lower()}
            }
        )
    round_ = submission.round
    snapshot, plan = compute_snapshot(
        organization=submission.organization,
        fiscal_year=round_.fiscal_year,
        period_code=round_.period_code,
    )
    now = timezone.now()
    fresh = _claim(
        submission,
        (S.NOT_SUBMITTED, S.RETURNED),
        state=S.SUBMITTED,
        summary=summary.strip(),
        snapshot=snapshot,
        plan=plan,
        submitted_by=by,
        submitted_at=now,
    )
    _record(fresh, c.MoveKind.SUBMITTED, by, comment=summary.strip(), snapshot=snapshot)
    return fresh


def _check_decide(submission: RoundSubmission, by) -> None:
    if not access.can(by, "decide", submission):
        raise PermissionDenied(
            _("Only planners and executives of the parent organisation decide on submissions.")
        )
    if not submission.may_decide:
        raise ValidationError(
            {
                "state": _(
                    "Only a submitted report can be accepted or sent back; this one is %(state)s."
                )
                % {"state": submission.get_state_display().lower()}
            }
        )


@transaction.atomic
def submission_accept(*, submission: RoundSubmission, by, comment: str = "") -> RoundSubmission:
    """Accept a submitted report: it now counts in the round's consolidated table."""
    _check_decide(submission, by)
    fresh = _claim(
        submission,
        (S.SUBMITTED,),
        state=S.ACCEPTED,
        decided_by=by,
        decided_at=timezone.now(),
        comment=comment.strip(),
    )
    _record(fresh, c.MoveKind.ACCEPTED, by, comment=comment.strip())
    return fresh


@transaction.atomic
def submission_return(*, submission: RoundSubmission, by, comment: str) -> RoundSubmission:
    """Send a submitted report back with comments; the child may submit again."""
    _check_decide(submission, by)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what must change.")})
    fresh = _claim(
        submission,
        (S.SUBMITTED,),
        state=S.RETURNED,
        decided_by=by,
        decided_at=timezone.now(),
        comment=comment.strip(),
    )
    _record(fresh, c.MoveKind.RETURNED, by, comment=comment.strip())
    return fresh
