"""Indicator results: refusals, and weighted achievement from hand-computed examples."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from phaen.monitoring.services import period_lock
from phaen.performance import selectors, services
from phaen.performance.models import IndicatorResult
from phaen.performance.tests.factories import make_indicator, make_issue, make_plan

pytestmark = pytest.mark.django_db


def record(world, q, indicator, code, actual):
    return services.result_record(
        indicator=indicator, period=q(code), actual=D(actual), by=world.planner
    )


@pytest.fixture
def reported(world, sp, q):
    for code, a, b, c in (("Q1", 70, 50, 12), ("Q2", 72, 70, 13)):
        record(world, q, sp["a"], code, a)
        record(world, q, sp["b"], code, b)
        record(world, q, sp["c"], code, c)
    return sp


def test_a_result_is_recorded_once_per_indicator_and_period(world, sp, q):
    first = record(world, q, sp["a"], "Q1", 70)
    again = record(world, q, sp["a"], "Q1", 71)
    assert first.pk == again.pk
    assert IndicatorResult.objects.get().actual == D(71)
    assert again.recorded_by == world.planner and again.organization == world.own


def test_a_locked_period_is_refused_naming_the_period(world, sp, q):
    period_lock(period=q("Q1"), by=world.planner)
    with pytest.raises(ValidationError) as error:
        record(world, q, sp["a"], "Q1", 70)
    assert "period" in error.value.message_dict
    assert not IndicatorResult.objects.exists()


def test_an_indicator_of_another_organisation_or_year_is_refused(world, sp, q):
    other = make_plan(world.other)
    foreign = make_indicator(other, make_issue(other, 1, "อื่น"), "1", "อื่น")
    with pytest.raises(ValidationError) as error:
        record(world, q, foreign, "Q1", 1)
    assert "indicator" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.result_record(
            indicator=sp["a"], period=q("Q1", fy=2571), actual=D(1), by=world.planner
        )
    assert "indicator" in error.value.message_dict


def test_only_quarters_and_the_year_take_results(world, sp, q):
    with pytest.raises(ValidationError) as error:
        record(world, q, sp["a"], "2569-10", 70)
    assert "period" in error.value.message_dict
    assert record(world, q, sp["a"], "R12", 70).period.code == "R12"


def test_bulk_is_all_or_nothing_with_errors_per_row(world, sp, q):
    period_lock(period=q("Q2"), by=world.planner)
    rows = [
        {"indicator": sp["a"], "period": q("Q1"), "actual": "70"},
        {"indicator": sp["b"], "period": q("Q2"), "actual": "5"},
        {"indicator": sp["c"], "period": q("Q1"), "actual": "abc"},
    ]
    with pytest.raises(services.BulkError) as error:
        services.results_bulk(rows=rows, by=world.planner)
    assert set(error.value.rows) == {1, 2}
    assert "period" in error.value.rows[1] and "actual" in error.value.rows[2]
    assert not IndicatorResult.objects.exists()
    saved = services.results_bulk(rows=[rows[0], {**rows[2], "actual": "12"}], by=world.planner)
    assert len(saved) == 2 and IndicatorResult.objects.count() == 2


def test_year_achievement_per_issue_and_plan_equals_hand_computed(reported):
    data = selectors.issue_achievement(reported["plan"], 2570)
    rows = {r.number: r for issue in data.issues for r in issue.indicators}
    # 1.1 latest: 72 of 80 = 90.00; 1.2 cumulative: 50 + 70 = 120 of 200 = 60.00;
    # 2.1 lower is better, not cumulative: mean(12, 13) = 12.5; 10 / 12.5 = 80.00
    assert (rows["1.1"].value, rows["1.1"].achievement) == (D(72), D("90.00"))
    assert (rows["1.2"].value, rows["1.2"].achievement) == (D(120), D("60.00"))
    assert (rows["2.1"].value, rows["2.1"].achievement) == (D("12.5"), D("80.00"))
    assert rows["1.1"].level_score == D("3.4000")
    one, two = data.issues
    assert one.weighted_achievement == D("78.00")  # (60 × 90 + 40 × 60) / 100
    assert one.formula == "(60 × 90.00 + 40 × 60.00) ÷ (60 + 40) = 78.00"
    assert two.weighted_achievement == D("80.00")
    assert data.total.weighted_achievement == D("79.00")  # (5400 + 2400 + 8000) / 200


def test_quarter_achievement_uses_the_quarter_target_and_caps_at_100(reported, q):
    data = selectors.issue_achievement(reported["plan"], 2570, period=q("Q1"))
    rows = {r.number: r for issue in data.issues for r in issue.indicators}
    assert rows["1.1"].achievement_raw == D("350.00")  # 70 of the Q1 target 20
    assert rows["1.1"].achievement == D("100")
    assert rows["1.2"].achievement == D("25.00")  # 50 so far of the year's 200
    assert rows["2.1"].achievement == D("83.33")  # 10 / 12
    assert data.issues[0].weighted_achievement == D("70.00")  # (60 × 100 + 40 × 25) / 100
    assert data.period == "Q1"


def test_a_year_result_wins_over_the_quarters(world, reported, q):
    record(world, q, reported["b"], "R12", 190)
    rows = {r.number: r for r in selectors.indicator_rows(reported["plan"], 2570)}
    assert rows["1.2"].value == D(190) and rows["1.2"].achievement == D("95.00")


def test_issue_achievement_has_a_fixed_number_of_queries(world, sp, q, django_assert_num_queries):
    record(world, q, sp["a"], "Q1", 70)
    with django_assert_num_queries(4):
        small = selectors.issue_achievement(sp["plan"], 2570)
    issue = sp["issues"][0]
    for n in range(10):
        ind = make_indicator(
            sp["plan"],
            issue,
            f"1.{n + 3}",
            f"ตัวชี้วัด {n}",
            weight=D(5),
            targets={(2570, None): 10},
            levels={1: 1, 5: 5},
        )
        record(world, q, ind, "Q1", n)
    with django_assert_num_queries(4):
        large = selectors.issue_achievement(sp["plan"], 2570)
    assert len(large.issues[0].indicators) == len(small.issues[0].indicators) + 10
