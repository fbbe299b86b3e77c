"""Hand-computed examples of the arithmetic (scoring.py)."""

from decimal import Decimal as D

import pytest

from phaen.performance import scoring as s


@pytest.mark.parametrize(
    ("combination", "quarters", "year", "expected"),
    [
        ("cumulative_sum", {1: D(30), 2: D(45), 3: D(25)}, None, D(100)),
        ("latest", {1: D(70), 3: D(82), 2: D(75)}, None, D(82)),
        ("not_cumulative", {1: D(80), 2: D(90), 3: D(85)}, None, D(85)),
        ("not_cumulative", {1: D(1), 2: D(2), 3: D(2)}, None, D("1.6667")),
        ("cumulative_sum", {1: D(30), 2: D(45)}, D(160), D(160)),  # a year value wins
        ("latest", {}, None, None),
    ],
)
def test_year_value_follows_the_combination(combination, quarters, year, expected):
    assert s.year_value(combination, quarters, year) == expected


@pytest.mark.parametrize(
    ("actual", "target", "direction", "band", "expected"),
    [
        (D(72), D(80), "higher", (None, None), D("90.00")),
        (D(90), D(80), "higher", (None, None), D("112.50")),  # raw, not capped
        (D(5), D(0), "higher", (None, None), D("100.00")),
        (D(12), D(10), "lower", (None, None), D("83.33")),  # 10 / 12 × 100
        (D(8), D(10), "lower", (None, None), D("125.00")),
        (D(0), D(10), "lower", (None, None), D("100.00")),
        (D(3), D(0), "lower", (None, None), D("0.00")),
        (D(50), None, "band", (D(40), D(60)), D("100.00")),
        (D(30), None, "band", (D(40), D(60)), D("75.00")),  # 30 / 40
        (D(75), None, "band", (D(40), D(60)), D("80.00")),  # 60 / 75
        (None, D(80), "higher", (None, None), None),
        (D(5), None, "higher", (None, None), None),
    ],
)
def test_achievement_respects_the_direction(actual, target, direction, band, expected):
    assert s.achievement(actual, target, direction, band) == expected


def test_capped_at_100():
    assert s.capped(D("112.50")) == D(100)
    assert s.capped(D("90.00")) == D("90.00")
    assert s.capped(None) is None


LEVELS = {1: D(60), 2: D(65), 3: D(70), 4: D(75), 5: D(80)}


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (D(70), D("3.0000")),
        (D(72), D("3.4000")),  # 3 + (72 − 70) / (75 − 70)
        (D("61.3"), D("1.2600")),
        (D(80), D("5.0000")),
        (D(95), D("5.0000")),
        (D(59), D("0.0000")),
        (D(60), D("1.0000")),
    ],
)
def test_level_score_interpolates_between_levels(actual, expected):
    assert s.level_score(actual, LEVELS) == expected


def test_level_score_for_falling_values_and_gaps():
    falling = {1: D(20), 2: D(18), 3: D(16), 4: D(14), 5: D(12)}
    assert s.level_score(D(17), falling) == D("2.5000")
    assert s.level_score(D(11), falling) == D("5.0000")
    assert s.level_score(D(21), falling) == D("0.0000")
    gaps = {1: D(10), 2: None, 3: D(30), 4: None, 5: D(50)}
    assert s.level_score(D(20), gaps) == D("2.0000")  # 1 + 2 × (20 − 10) / (30 − 10)


def test_level_score_without_values_takes_the_level_reached():
    assert s.level_score(D(4), {n: None for n in range(1, 6)}) == D("4.0000")
    with pytest.raises(ValueError):
        s.level_score(D(7), {})


def test_weighted_average_is_sum_of_weight_times_achievement_over_weights():
    # (20 × 90 + 30 × 100 + 50 × 75) / 100 = (1800 + 3000 + 3750) / 100 = 85.50
    pairs = [(D(20), D(90)), (D(30), D(100)), (D(50), D(75))]
    assert s.weighted_average(pairs) == D("85.50")
    # unreported indicators do not count: (2 × 80 + 1 × 50) / 3 = 70.00
    assert s.weighted_average([(D(2), D(80)), (D(1), D(50)), (D(5), None)]) == D("70.00")
    assert s.weighted_average([(D(5), None)]) is None


def test_agreement_total_on_the_1_to_5_scale_to_four_decimals():
    # DOMAIN.md's worked rows: 4% at 5.0000 → 0.2000; 3% at 2.0000 → 0.0600
    assert s.weighted_score(D(5), D(4)) == D("0.2000")
    assert s.weighted_score(D(2), D(3)) == D("0.0600")
    rows = [(D("3.4000"), D(40)), (D("4.2500"), D(35)), (D("2.0000"), D(25))]
    weighted = [s.weighted_score(score, weight) for score, weight in rows]
    assert weighted == [D("1.3600"), D("1.4875"), D("0.5000")]
    assert s.agreement_total(weighted) == D("3.3475")
