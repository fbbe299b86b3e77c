"""Reporting rounds (app rounds): an organisation asked in a round by the organisation
above it that has not sent its figures, or was sent back and has not sent them again.

A round belongs to the parent; the warning belongs to the child asked (``ctx.organization``),
so this kind reads no plan: it runs for the organisation whether or not it has a plan in
force (``kinds.ORGANIZATION_PROVIDERS``)."""

from __future__ import annotations

import datetime as dt

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from phaen.alerts.choices import Severity
from phaen.alerts.kinds.schedule import short_date
from phaen.alerts.rules import rule_for

KIND = "round_submission"


def _key(submission) -> str:
    """One item per submission and deadline (an extended deadline is a new item: the
    reminders before it go out again), and per sending back (a returned report is reminded
    afresh)."""
    key = f"round:{submission.pk}:{submission.round.deadline.isoformat()}"
    if submission.state == "returned" and submission.decided_at is not None:
        key += f":returned-{submission.decided_at:%Y%m%d%H%M%S}"
    return key


def round_submission(ctx) -> list:
    """Submissions asked of the organisation in rounds of this fiscal year and the last
    (a 12-month round is due after its year) that are not submitted or were sent back:
    coming up from ``before_days`` (reminder_rules.csv) before the round's deadline, overdue
    the day after it (the deadline is a day in Asia/Bangkok, like "late" on the round's
    board). Reminders go to the organisation's planners, escalation to its executives. One
    query, whatever the number of rounds."""
    from phaen.alerts.selectors import Warning, url_or
    from phaen.rounds.choices import SubmissionState
    from phaen.rounds.models import RoundSubmission

    lead = dt.timedelta(days=rule_for(KIND).before_days)
    pending = (
        RoundSubmission.objects.filter(
            organization=ctx.organization,
            state__in=(SubmissionState.NOT_SUBMITTED, SubmissionState.RETURNED),
            round__fiscal_year__in=(ctx.fiscal_year - 1, ctx.fiscal_year),
            round__deadline__lte=ctx.today + lead,
        )
        .select_related("round__organization")
        .order_by("round__deadline", "pk")
    )
    found = []
    for submission in pending:
        round_ = submission.round
        due = round_.deadline
        overdue = ctx.today > due
        values = {
            "parent": round_.organization,
            "period": round_.period_label,
            "due": short_date(due),
            "comment": Truncator(submission.comment).chars(120),
        }
        if submission.state == SubmissionState.RETURNED:
            if overdue:
                message = _(
                    "%(parent)s sent your report back (%(comment)s); it was due on %(due)s: "
                    "correct it and submit again."
                )
            else:
                message = _(
                    "%(parent)s sent your report back (%(comment)s); submit it again by %(due)s."
                )
        elif overdue:
            message = _(
                "%(parent)s asked for your figures of %(period)s by %(due)s; nothing has "
                "been sent yet."
            )
        else:
            message = _("%(parent)s asks for your figures of %(period)s; send them by %(due)s.")
        found.append(
            Warning(
                kind=KIND,
                severity=Severity.DANGER if overdue else Severity.INFO,
                subject=round_.title,
                message=message % values,
                due_date=due,
                url=url_or("rounds:submission_detail", submission.pk),
                key=_key(submission),
            )
        )
    return found
