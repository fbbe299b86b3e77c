"""Reporting periods: the fiscal year's months, quarters and rounds, in Bangkok time."""

import datetime as dt

import pytest

from phaen.monitoring import selectors, services
from phaen.monitoring.choices import PeriodKind
from phaen.monitoring.models import ReportingPeriod
from phaen.organizations.access import can

pytestmark = pytest.mark.django_db


def test_a_fiscal_year_has_twelve_months_four_quarters_and_three_rounds(world):
    periods = services.periods_ensure(organization=world.own, fiscal_year=2568)
    kinds = [p.kind for p in periods]
    assert kinds.count(PeriodKind.MONTH) == 12
    assert kinds.count(PeriodKind.QUARTER) == 4
    assert kinds.count(PeriodKind.ROUND) == 3
    months = [p for p in periods if p.kind == PeriodKind.MONTH]
    assert (months[0].start, months[0].end) == (dt.date(2024, 10, 1), dt.date(2024, 10, 31))
    assert months[0].code == "2567-10"
    assert (months[-1].start, months[-1].end) == (dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    q1 = next(p for p in periods if p.code == "Q1")
    assert (q1.start, q1.end) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    six = next(p for p in periods if p.code == "R6")
    assert (six.start, six.end) == (dt.date(2024, 10, 1), dt.date(2025, 3, 31))
    feb = next(p for p in months if p.start.month == 2)
    assert feb.end == dt.date(2025, 2, 28)
    assert months[0].due_date == dt.date(2024, 11, 10)


def test_periods_are_created_once(world):
    services.periods_ensure(organization=world.own, fiscal_year=2568)
    services.periods_ensure(organization=world.own, fiscal_year=2568)
    assert ReportingPeriod.objects.filter(organization=world.own).count() == 19


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("Q1", ("quarter", 1)),
        ("q4", ("quarter", 4)),
        ("R6", ("round", 6)),
        ("2567-10", ("month", 1)),
        ("2568-09", ("month", 12)),
        ("ต.ค. 2567", ("month", 1)),
    ],
)
def test_period_codes(code, expected):
    assert selectors.parse_period_code(code, 2568) == expected


@pytest.mark.parametrize("code", ["Q5", "2568-10", "soon", ""])
def test_bad_period_codes_are_named(code):
    with pytest.raises(ValueError, match=code or "Q1–Q4"):
        selectors.parse_period_code(code, 2568)


def test_month_of_a_day_and_by_code(world):
    october = selectors.month_of(organization=world.own, day=dt.date(2024, 10, 31))
    assert october.code == "2567-10" and october.fiscal_year == 2568
    assert selectors.period_by_code(organization=world.own, fiscal_year=2568, code="Q2").start == (
        dt.date(2025, 1, 1)
    )


def test_lock_is_recorded_and_checked(world):
    period = selectors.period_by_code(organization=world.own, fiscal_year=2568, code="Q1")
    services.ensure_open(period)
    services.period_lock(period=period, by=world.planner)
    period.refresh_from_db()
    assert period.is_locked and period.locked_by == world.planner
    assert period.history.first().history_user == world.planner
    with pytest.raises(services.PeriodLockedError):
        services.ensure_open(period)
    services.period_unlock(period=period, by=world.planner)
    services.ensure_open(period)


def test_only_planners_of_the_organisation_lock(world):
    period = selectors.period_by_code(organization=world.own, fiscal_year=2568, code="Q1")
    assert can(world.planner, "lock", period)
    assert not can(world.viewer, "lock", period)
    assert not can(world.outsider, "view", period)
