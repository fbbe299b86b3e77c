"""Posting of a local administration's monitoring report (issue 5 item 12; DOMAIN.md §1.3,
ข้อ 29 of the local development-plan regulation as amended in 2561): the six-month (R6)
and annual (R12) reports are announced publicly within 15 days of being presented, stay
posted for at least 30 days and, for the annual one, by December. The rule values are
constants here; README.md gives their source and what is uncertain."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from phaen.core import thai
from phaen.monitoring.choices import PeriodKind
from phaen.monitoring.models import ReportingPeriod, ReportPosting

__all__ = [
    "DECEMBER_ROUND",
    "MIN_POSTED_DAYS",
    "POSTED_WITHIN_DAYS",
    "POSTING_ROUNDS",
    "PostingFinding",
    "december_deadline",
    "posting_deadline",
    "posting_findings",
    "posting_save",
]

POSTED_WITHIN_DAYS = 15  # posted at the latest this many days after being presented
MIN_POSTED_DAYS = 30  # kept posted at least this many days, first and last day included
POSTING_ROUNDS = (6, 12)  # the six-month and the annual round
DECEMBER_ROUND = 12  # the annual report is posted by 31 December after the fiscal year


@dataclass(frozen=True)
class PostingFinding:
    code: str  # "not_posted", "late", "too_short", "after_december"
    field: str
    message: str


def december_deadline(fiscal_year: int) -> dt.date:
    """31 December following BE ``fiscal_year`` (which ends on 30 September)."""
    _start, end = thai.fiscal_year_range(fiscal_year)
    return dt.date(end.year, 12, 31)


def posting_deadline(posting: ReportPosting) -> dt.date:
    """The last day the posting may start: 15 days after presenting, and for the annual
    report not after 31 December."""
    deadline = posting.reported_on + dt.timedelta(days=POSTED_WITHIN_DAYS)
    if posting.period.number == DECEMBER_ROUND:
        deadline = min(deadline, december_deadline(posting.period.fiscal_year))
    return deadline


def _date(value: dt.date) -> str:
    from django.utils.translation import get_language

    return thai.format_thai_date(value, style="medium", lang=get_language() or "th")


def posting_findings(posting: ReportPosting, today: dt.date | None = None) -> list[PostingFinding]:
    """What is wrong with ``posting`` as of ``today`` (Asia/Bangkok): not posted by its
    deadline, posted late, posted for too short a time, posted after December."""
    from django.utils import timezone

    today = today or timezone.localdate()
    found = []
    within = posting.reported_on + dt.timedelta(days=POSTED_WITHIN_DAYS)
    december = (
        december_deadline(posting.period.fiscal_year)
        if posting.period.number == DECEMBER_ROUND
        else None
    )
    if posting.posted_from is None:
        deadline = posting_deadline(posting)
        if today > deadline:
            found.append(
                PostingFinding(
                    "not_posted",
                    "posted_from",
                    _("Not posted although it was due by %(due)s.") % {"due": _date(deadline)},
                )
            )
        return found
    if posting.posted_from > within:
        found.append(
            PostingFinding(
                "late",
                "posted_from",
                _(
                    "Posted %(days)s days after it was presented; the rule is within "
                    "%(limit)s days (by %(due)s)."
                )
                % {
                    "days": (posting.posted_from - posting.reported_on).days,
                    "limit": POSTED_WITHIN_DAYS,
                    "due": _date(within),
                },
            )
        )
    if december is not None and posting.posted_from > december:
        found.append(
            PostingFinding(
                "after_december",
                "posted_from",
                _("The annual report was posted after the December deadline (%(due)s).")
                % {"due": _date(december)},
            )
        )
    if posting.posted_until is not None:
        days = (posting.posted_until - posting.posted_from).days + 1
        if days < MIN_POSTED_DAYS:
            found.append(
                PostingFinding(
                    "too_short",
                    "posted_until",
                    _(
                        "Posted for %(days)s days; the rule is at least %(limit)s days "
                        "(until %(until)s)."
                    )
                    % {
                        "days": days,
                        "limit": MIN_POSTED_DAYS,
                        "until": _date(
                            posting.posted_from + dt.timedelta(days=MIN_POSTED_DAYS - 1)
                        ),
                    },
                )
            )
    return found


def _validate(posting: ReportPosting) -> None:
    errors: dict[str, list[str]] = {}
    try:
        posting.full_clean(exclude=["period", "plan", "organization"], validate_unique=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    period, plan, org = posting.period, posting.plan, posting.organization
    if not org.kind.is_local_administration:
        errors.setdefault("organization", []).append(
            _("Only a local administration posts its monitoring report.")
        )
    if period.kind != PeriodKind.ROUND or period.number not in POSTING_ROUNDS:
        errors.setdefault("period", []).append(_("Choose the six-month or the twelve-month round."))
    if (period.organization_id, plan.organization_id) != (org.pk, org.pk) or (
        plan.fiscal_year != period.fiscal_year
    ):
        errors.setdefault("plan", []).append(
            _("The plan and the round must be of the organisation and the same fiscal year.")
        )
    if posting.reported_on and posting.reported_on <= period.end:
        errors.setdefault("reported_on", []).append(
            _("A round is presented after it ends (%(end)s).") % {"end": _date(period.end)}
        )
    if posting.posted_from and posting.reported_on and posting.posted_from < posting.reported_on:
        errors.setdefault("posted_from", []).append(
            _("It is posted on or after the day it was presented.")
        )
    if posting.posted_until and not posting.posted_from:
        errors.setdefault("posted_from", []).append(_("Give the first day it was posted."))
    if posting.posted_until and posting.posted_from and posting.posted_until < posting.posted_from:
        errors.setdefault("posted_until", []).append(
            _("The last day comes on or after the first day.")
        )
    other = ReportPosting.objects.filter(period=period).exclude(pk=posting.pk)
    if other.exists():
        errors.setdefault("period", []).append(_("This round's posting is already recorded."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def posting_save(
    *,
    plan,
    period: ReportingPeriod,
    reported_on: dt.date,
    by,
    posted_from: dt.date | None = None,
    posted_until: dt.date | None = None,
    note: str = "",
    posting: ReportPosting | None = None,
) -> ReportPosting:
    """Record (or correct) the posting of ``plan``'s monitoring report for round
    ``period`` (R6 or R12). The windows are not refused: they are reported as findings."""
    posting = posting or ReportPosting()
    posting.organization = plan.organization
    posting.plan = plan
    posting.period = period
    posting.reported_on = reported_on
    posting.posted_from = posted_from
    posting.posted_until = posted_until
    posting.note = note or ""
    posting.recorded_by = by
    _validate(posting)
    posting._history_user = by
    posting.save()
    return posting
