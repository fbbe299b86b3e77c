"""Writes of the monitoring app."""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phaen.core import thai
from phaen.monitoring.choices import PeriodKind, ReportState
from phaen.monitoring.models import ReportingPeriod

# Reports are due this many days after a period ends (monthly reports by the 10th of the
# next month; quarterly and round reports within 15 days, as the local monitoring report
# must be posted within 15 days of its round — DOMAIN.md §1.3).
DUE_DAYS = {PeriodKind.MONTH: 10, PeriodKind.QUARTER: 15, PeriodKind.ROUND: 15}
ROUNDS = (6, 9, 12)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_specs(fiscal_year: int) -> list[tuple[str, int, dt.date, dt.date]]:
    """(kind, number, first day, last day) of every period of a BE fiscal year: 12 months,
    4 quarters and the cumulative 6-, 9- and 12-month rounds."""
    first, _last = thai.fiscal_year_range(fiscal_year)
    specs = []
    for index, (year, month) in enumerate(thai.fiscal_months(fiscal_year), start=1):
        specs.append((PeriodKind.MONTH, index, dt.date(year, month, 1), _month_end(year, month)))
    for q in range(1, 5):
        start, end = thai.quarter_range(fiscal_year, q)
        specs.append((PeriodKind.QUARTER, q, start, end))
    months = thai.fiscal_months(fiscal_year)
    for length in ROUNDS:
        year, month = months[length - 1]
        specs.append((PeriodKind.ROUND, length, first, _month_end(year, month)))
    return specs


@transaction.atomic
def periods_ensure(*, organization, fiscal_year: int) -> list[ReportingPeriod]:
    """Create the fiscal year's periods for ``organization`` where missing (idempotent) and
    return all of them, months first."""
    existing = {
        (p.kind, p.number): p
        for p in ReportingPeriod.objects.filter(organization=organization, fiscal_year=fiscal_year)
    }
    for kind, number, start, end in period_specs(fiscal_year):
        if (kind, number) not in existing:
            existing[(kind, number)] = ReportingPeriod.objects.create(
                organization=organization,
                fiscal_year=fiscal_year,
                kind=kind,
                number=number,
                start=start,
                end=end,
                due_date=end + dt.timedelta(days=DUE_DAYS[kind]),
            )
    order = {PeriodKind.MONTH: 0, PeriodKind.QUARTER: 1, PeriodKind.ROUND: 2}
    return sorted(existing.values(), key=lambda p: (order[p.kind], p.number))


class PeriodLockedError(ValueError):
    """Something tried to report into a locked period."""

    def __init__(self, period: ReportingPeriod):
        super().__init__(
            _("The period %(period)s is locked; its reports can no longer change.")
            % {"period": period.label}
        )
        self.period = period


def ensure_open(period: ReportingPeriod) -> None:
    """Raise :class:`PeriodLockedError` when ``period`` is locked (as stored)."""
    if ReportingPeriod.objects.filter(pk=period.pk, locked_at__isnull=False).exists():
        raise PeriodLockedError(period)


@transaction.atomic
def period_lock(
    *, period: ReportingPeriod, by, force: bool = False, reason: str = ""
) -> ReportingPeriod:
    """Lock ``period``. Refused while reports of it are submitted but not acknowledged,
    unless ``force`` with a ``reason`` (which is recorded)."""
    from phaen.monitoring.models import ProgressReport

    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.locked_at is not None:
        return period
    waiting = ProgressReport.objects.filter(period=period, state=ReportState.SUBMITTED).count()
    reason = (reason or "").strip()
    if waiting and not force:
        raise ValidationError(
            {
                "force": _(
                    "%(n)s submitted report(s) of %(period)s are not acknowledged yet; "
                    "acknowledge them or lock anyway with a reason."
                )
                % {"n": waiting, "period": period.label}
            }
        )
    if waiting and not reason:
        raise ValidationError(
            {"reason": _("Say why the period is locked with reports still unacknowledged.")}
        )
    period.locked_at = timezone.now()
    period.locked_by = by
    period.lock_note = reason if waiting else ""
    period._history_user = by
    period.save(update_fields=["locked_at", "locked_by", "lock_note", "updated_at"])
    return period


@transaction.atomic
def period_unlock(*, period: ReportingPeriod, by) -> ReportingPeriod:
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    period.locked_at = None
    period.locked_by = None
    period._history_user = by
    period.save(update_fields=["locked_at", "locked_by", "updated_at"])
    return period


# The progress, check, problem and meeting services live in their own modules and are
# re-exported here so callers import one place.
from phaen.monitoring.checks import *  # noqa: E402, F403
from phaen.monitoring.improvement import *  # noqa: E402, F403
from phaen.monitoring.posting import *  # noqa: E402, F403
from phaen.monitoring.progress import *  # noqa: E402, F403
