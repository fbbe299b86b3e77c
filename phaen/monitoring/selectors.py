"""Reads of the monitoring app."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from phaen.core import thai
from phaen.monitoring.choices import PeriodKind
from phaen.monitoring.models import ReportingPeriod

_QUARTER = re.compile(r"^[Qq]([1-4])$")
_ROUND = re.compile(r"^[Rr](6|9|12)$")


def parse_period_code(code: str, fiscal_year: int) -> tuple[str, int]:
    """``(kind, number)`` of a period code within BE ``fiscal_year``: "Q1"…"Q4",
    "R6"/"R9"/"R12", or a Buddhist-Era month such as "2567-10" (which must fall inside
    the fiscal year). Raises ``ValueError`` with a message naming the code."""
    text = (code or "").strip()
    if m := _QUARTER.match(text):
        return PeriodKind.QUARTER, int(m.group(1))
    if m := _ROUND.match(text):
        return PeriodKind.ROUND, int(m.group(1))
    try:
        year, month = thai.parse_be_month(text)
    except (ValueError, TypeError):
        raise ValueError(
            _("“%(code)s” is not a period: use Q1–Q4 or a Buddhist-Era month such as 2567-10.")
            % {"code": code}
        ) from None
    if thai.fiscal_year(dt.date(year, month, 1)) != fiscal_year:
        raise ValueError(
            _("%(code)s is not in fiscal year %(fy)s.") % {"code": code, "fy": fiscal_year}
        )
    return PeriodKind.MONTH, thai.fiscal_month_index(month)


def period_by_code(*, organization, fiscal_year: int, code: str) -> ReportingPeriod:
    """The organisation's period for ``code`` (created with the year's periods if needed)."""
    from phaen.monitoring.services import periods_ensure

    kind, number = parse_period_code(code, fiscal_year)
    periods = periods_ensure(organization=organization, fiscal_year=fiscal_year)
    return next(p for p in periods if p.kind == kind and p.number == number)


def month_of(*, organization, day: dt.date) -> ReportingPeriod:
    """The monthly period containing ``day`` (periods created if needed)."""
    from phaen.monitoring.services import periods_ensure

    fy = thai.fiscal_year(day)
    periods = periods_ensure(organization=organization, fiscal_year=fy)
    return next(p for p in periods if p.kind == PeriodKind.MONTH and p.contains(day))
