"""Warning kinds read from finance (spending against plan and target, advances, carry-over)
and from performance (indicators off track), with dates around their boundaries."""

import datetime as dt
from decimal import Decimal as D

import pytest

from phaen.alerts.models import AlertSettings
from phaen.alerts.selectors import warnings
from phaen.alerts.tests.factories import FY, day, line, money, plan, project
from phaen.finance.models import CarryOver, Transaction
from phaen.monitoring.choices import PeriodKind
from phaen.monitoring.services import periods_ensure

pytestmark = pytest.mark.django_db


def kinds(org, today, kind):
    return [w for w in warnings(org, FY, today) if w.kind == kind]


@pytest.fixture
def funded(world):
    annual = plan(world)
    p = project(annual, "โครงการมีงบ", months=[1, 2, 3])
    bl = line(p, 120000, [40000, 40000, 40000] + [0] * 9)
    return p, bl


# --- spending against the project's own plan ----------------------------------------------
def test_disbursement_behind_plan_beyond_the_threshold(world, funded):
    p, bl = funded
    # end of October: 40,000 planned; 36,000 spent is 10% short = the default threshold
    money(p, bl, "disbursement", 36000, day("2026-10-20"))
    assert kinds(world.own, day("2026-11-05"), "disbursement_plan") == []
    Transaction.objects.update(amount=D(35999))
    [w] = kinds(world.own, day("2026-11-05"), "disbursement_plan")
    assert w.due_date == dt.date(2026, 10, 31) and w.project_id == p.pk
    assert "40,000.00" in w.message


def test_uncleared_advance_is_not_spending(world, funded):
    p, bl = funded
    money(p, bl, "advance", 40000, day("2026-10-05"), clear_by=day("2026-12-31"))
    assert len(kinds(world.own, day("2026-11-05"), "disbursement_plan")) == 1


def test_before_the_first_month_ends_nothing_is_compared(world, funded):
    assert kinds(world.own, day("2026-10-31"), "disbursement_plan") == []
    assert len(kinds(world.own, day("2026-11-01"), "disbursement_plan")) == 1


def test_threshold_is_the_organisations(world, funded):
    p, bl = funded
    money(p, bl, "disbursement", 30000, day("2026-10-20"))  # 25% short
    AlertSettings.objects.create(organization=world.own, disbursement_gap_pct=D(30))
    assert kinds(world.own, day("2026-11-05"), "disbursement_plan") == []


# --- against the government's target -------------------------------------------------------
def test_behind_the_government_target(world, funded):
    p, bl = funded
    # Q1 (Oct–Dec 2026) target 30% overall (finance/data/disbursement_targets.csv)
    money(p, bl, "disbursement", 30000, day("2026-11-15"))  # 25% of 120,000
    assert kinds(world.own, day("2026-12-16"), "disbursement_target") == []  # 15 days before
    [w] = kinds(world.own, day("2026-12-17"), "disbursement_target")  # 14 days before
    assert (w.severity, w.due_date) == ("warning", dt.date(2026, 12, 31))
    [w] = kinds(world.own, day("2027-01-01"), "disbursement_target")  # the quarter ended
    assert w.severity == "danger" and "30" in w.message
    [w] = kinds(world.own, day("2027-01-01"), "disbursement_target")
    money(p, bl, "disbursement", 6000, day("2026-12-20"))  # 30% overall reached …
    [w] = kinds(world.own, day("2027-01-01"), "disbursement_target")
    assert "34" in w.message  # … but current spending (target 34%) is still behind
    money(p, bl, "disbursement", 6000, day("2026-12-21"))  # 35%
    assert kinds(world.own, day("2027-01-01"), "disbursement_target") == []


# --- advances and carry-over ----------------------------------------------------------------
def test_advance_near_then_after_its_clear_by_date(world, funded):
    p, bl = funded
    advance = money(p, bl, "advance", 10000, day("2026-10-05"), clear_by=day("2026-11-30"))
    assert kinds(world.own, day("2026-11-15"), "advance_due") == []  # 15 days before
    [w] = kinds(world.own, day("2026-11-16"), "advance_due")  # 14 days before
    assert (w.severity, w.due_date, w.project_id) == ("info", dt.date(2026, 11, 30), p.pk)
    assert kinds(world.own, day("2026-11-30"), "advance_due")[0].severity == "info"
    assert kinds(world.own, day("2026-12-01"), "advance_due")[0].severity == "danger"
    money(p, bl, "clearing", 4000, day("2026-11-20"), related=advance)
    [w] = kinds(world.own, day("2026-12-01"), "advance_due")
    assert "6,000.00" in w.message
    money(p, bl, "clearing", 6000, day("2026-11-21"), related=advance)
    assert kinds(world.own, day("2026-12-01"), "advance_due") == []


def test_carry_over_deadline_and_extension(world, funded):
    _p, bl = funded
    carry = CarryOver.objects.create(
        organization=world.own,
        budget_line=bl,
        reference="กัน 1/2569",
        amount=D(50000),
        approved_on=day("2026-09-20"),
        spend_by=day("2027-03-31"),
    )
    assert kinds(world.own, day("2027-03-16"), "carry_over_due") == []
    [w] = kinds(world.own, day("2027-03-17"), "carry_over_due")
    assert w.severity == "info" and "กัน 1/2569" in w.subject
    assert kinds(world.own, day("2027-04-01"), "carry_over_due")[0].severity == "danger"
    carry.extended_to = day("2027-09-30")
    carry.save()
    assert kinds(world.own, day("2027-04-01"), "carry_over_due") == []
    carry.spent = D(50000)
    carry.save()
    assert kinds(world.own, day("2027-09-30"), "carry_over_due") == []


# --- indicators -----------------------------------------------------------------------------
@pytest.fixture
def indicators(world):
    from phaen.performance.tests.factories import sample

    data = sample(world.own)
    annual = plan(world)
    annual.multi_year_plan = data["plan"]
    type(annual).objects.filter(pk=annual.pk).update(multi_year_plan=data["plan"])
    return data


def result(world, indicator, quarter, actual):
    from phaen.performance.models import IndicatorResult

    periods = periods_ensure(organization=world.own, fiscal_year=FY)
    period = next(p for p in periods if p.kind == PeriodKind.QUARTER and p.number == quarter)
    return IndicatorResult.objects.create(
        organization=world.own, indicator=indicator, period=period, actual=D(actual)
    )


def test_indicator_off_track_in_the_latest_quarter(world, indicators):
    today = day("2027-01-20")
    assert kinds(world.own, today, "indicator_off_track") == []  # no result yet
    result(world, indicators["a"], 1, 19)  # Q1 target 20 (higher is better): 95%
    result(world, indicators["c"], 1, 10)  # lower is better, target 10: on track
    [w] = kinds(world.own, today, "indicator_off_track")
    assert w.subject.startswith("1.1") and "95" in w.message
    assert w.due_date == dt.date(2026, 12, 31)
    result(world, indicators["b"], 1, 40)  # cumulative: 40 of 200 × 1/4 = 50 → 80%
    assert {w.subject[:3] for w in kinds(world.own, today, "indicator_off_track")} == {
        "1.1",
        "1.2",
    }


def test_indicator_at_its_target_is_on_track(world, indicators):
    result(world, indicators["a"], 1, 20)
    result(world, indicators["b"], 1, 50)
    result(world, indicators["c"], 1, 12)  # 10 ÷ 12: 83% → off track
    found = kinds(world.own, day("2027-01-20"), "indicator_off_track")
    assert [w.subject[:3] for w in found] == ["2.1"]
