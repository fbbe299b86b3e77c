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

from phaen.organizations import access
from phaen.organizations.models import Organization
from phaen.rounds import access as rounds_access
from phaen.rounds import choices as c
from phaen.rounds.models import ReportingRound, RoundMove, RoundSubmission
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
    for child in sorted({o.pk: o for o in children}.values(), key=lambda o: o.code):
        submission = RoundSubmission(round=round_, organization=child)
        submission._history_user = by
        submission.save()
    return round_


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
