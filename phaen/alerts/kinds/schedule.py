"""Month arithmetic of the fiscal year shared by the kinds (pure functions)."""

from __future__ import annotations

import calendar
import datetime as dt

from phaen.core import thai


def month_bounds(fiscal_year: int) -> list[tuple[dt.date, dt.date]]:
    """(first day, last day) of fiscal months 1 (October) … 12 (September)."""
    return [
        (dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]))
        for y, m in thai.fiscal_months(fiscal_year)
    ]


def planned_months(project, fiscal_year: int) -> list[int]:
    """The project's planned fiscal months, from ``months`` or else its start and end dates
    within the fiscal year (empty when it has neither)."""
    if project.months:
        return sorted(set(project.months))
    if project.start_date and project.end_date:
        return [
            index
            for index, (first, last) in enumerate(month_bounds(fiscal_year), start=1)
            if project.start_date <= last and first <= project.end_date
        ]
    return []


def short_date(value: dt.date) -> str:
    """A date as the warnings show it (Buddhist Era, the active language)."""
    from django.utils.translation import get_language

    return thai.format_thai_date(value, style="medium", lang=get_language() or "th")


def baht(value) -> str:
    return thai.format_baht(value)
