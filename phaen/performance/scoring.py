"""The arithmetic of indicator results and agreements: pure functions of numbers (no
database), so that hand-computed examples can test them. Rules in words: README.md.

* :func:`year_value` — the year's value from period values per the indicator's combination;
* :func:`achievement` — % of the target reached, respecting the direction (raw, uncapped);
* :func:`capped` — the achievement used in averages (at most :data:`MAX_ACHIEVEMENT`);
* :func:`level_score` — the 1–5 score interpolated between the criteria's values;
* :func:`weighted_average` — Σ weight × achievement ÷ Σ weight;
* :func:`weighted_score` / :func:`agreement_total` — score × weight / 100, and their sum.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
ZERO = Decimal(0)
#: Achievements above this count as this much in weighted averages (the raw value is shown).
MAX_ACHIEVEMENT = HUNDRED
PERCENT_PLACES = Decimal("0.01")
SCORE_PLACES = Decimal("0.0001")

NOT_CUMULATIVE = "not_cumulative"
CUMULATIVE_SUM = "cumulative_sum"
LATEST = "latest"
HIGHER = "higher"
LOWER = "lower"
BAND = "band"


def q2(value: Decimal) -> Decimal:
    return value.quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def q4(value: Decimal) -> Decimal:
    return value.quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


def year_value(
    combination: str, quarters: Mapping[int, Decimal], year: Decimal | None = None
) -> Decimal | None:
    """The year's value (or the year-to-date value when only some quarters are given).

    A value recorded for the whole year (the 12-month round) is the year's value whatever
    the combination. Otherwise, from the quarters' values:

    * ``cumulative_sum``: their sum;
    * ``latest``: the value of the latest quarter reported;
    * ``not_cumulative``: each quarter stands alone, so the year is their mean (4 places).

    None when nothing is reported.
    """
    if year is not None:
        return year
    values = [quarters[q] for q in sorted(quarters) if quarters[q] is not None]
    if not values:
        return None
    if combination == CUMULATIVE_SUM:
        return sum(values, ZERO)
    if combination == LATEST:
        return values[-1]
    return q4(sum(values, ZERO) / len(values))


def achievement(
    actual: Decimal | None,
    target: Decimal | None,
    direction: str = HIGHER,
    band: tuple[Decimal | None, Decimal | None] = (None, None),
) -> Decimal | None:
    """% of the target reached (two places, not capped), or None when it cannot be said.

    * higher is better: actual ÷ target × 100; a target of 0 is reached (100) by any
      actual ≥ 0;
    * lower is better: target ÷ actual × 100; an actual of 0 reaches any target ≥ 0 (100);
      a target of 0 with an actual above it reaches nothing (0);
    * within a band [low, high] (the indicator's band; the target is not used): 100 inside;
      below it actual ÷ low × 100; above it high ÷ actual × 100 (the proportional distance
      to the nearer end).

    Never below 0.
    """
    if actual is None:
        return None
    if direction == BAND:
        low, high = band
        if low is None or high is None:
            return None
        if low <= actual <= high:
            return q2(HUNDRED)
        if actual < low:
            value = actual / low * HUNDRED if low > 0 else ZERO
        else:
            value = high / actual * HUNDRED if actual > 0 else ZERO
        return q2(max(value, ZERO))
    if target is None:
        return None
    if direction == LOWER:
        if actual == 0:
            return q2(HUNDRED) if target >= 0 else ZERO
        if target == 0:
            return q2(ZERO)
        return q2(max(target / actual * HUNDRED, ZERO))
    if target == 0:
        return q2(HUNDRED) if actual >= 0 else q2(ZERO)
    return q2(max(actual / target * HUNDRED, ZERO))


def capped(value: Decimal | None) -> Decimal | None:
    """The achievement as counted in weighted averages: at most :data:`MAX_ACHIEVEMENT`."""
    return None if value is None else min(value, MAX_ACHIEVEMENT)


def level_score(actual: Decimal | None, levels: Mapping[int, Decimal | None]) -> Decimal | None:
    """The 1–5 score of ``actual`` against the values reaching levels 1–5 (4 places).

    As on ก.พ.ร. score sheets, a result between two levels is interpolated linearly:
    score = level below + (actual − value below) ÷ (value above − value below). Levels
    whose value is missing are skipped (the interpolation runs between the given ones).
    Reaching the highest level's value or beyond scores 5 (the top given level); falling
    short of the lowest given level's value scores 0. Values may fall from level 1 to 5
    (lower is better); the same rule applies mirrored.

    With no values at all (criteria described in words only), the result IS the level
    reached: it must be 0–5 and is returned as the score. None for no result.
    """
    if actual is None:
        return None
    given = sorted((n, Decimal(v)) for n, v in levels.items() if v is not None)
    if not given:
        if not (ZERO <= actual <= 5):
            raise ValueError("a level reached is between 0 and 5")
        return q4(Decimal(actual))
    falling = len(given) > 1 and given[-1][1] < given[0][1]
    sign = Decimal(-1) if falling else Decimal(1)
    x = actual * sign
    points = [(Decimal(n), v * sign) for n, v in given]
    if x < points[0][1]:
        return q4(ZERO)
    if x >= points[-1][1]:
        return q4(points[-1][0])
    for (n_low, v_low), (n_high, v_high) in itertools.pairwise(points):
        if v_low <= x < v_high:
            return q4(n_low + (n_high - n_low) * (x - v_low) / (v_high - v_low))
    return q4(points[0][0])  # pragma: no cover (a single level reached exactly)


def weighted_average(pairs: Iterable[tuple[Decimal | None, Decimal | None]]) -> Decimal | None:
    """Σ weight × achievement ÷ Σ weight over (weight, achievement) pairs with both given
    (two places); None when no pair counts. Callers pass capped achievements."""
    counted = [(w, a) for w, a in pairs if w is not None and a is not None and w > 0]
    total_weight = sum((w for w, _a in counted), ZERO)
    if not counted or total_weight == 0:
        return None
    return q2(sum((w * a for w, a in counted), ZERO) / total_weight)


def weighted_score(score: Decimal, weight: Decimal) -> Decimal:
    """score × weight ÷ 100, four places (4% at 5.0000 → 0.2000)."""
    return q4(score * weight / HUNDRED)


def agreement_total(weighted_scores: Iterable[Decimal]) -> Decimal:
    """The agreement's score on the 1–5 scale: the sum of the weighted scores (4 places)."""
    return q4(sum(weighted_scores, ZERO))
