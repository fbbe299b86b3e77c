"""Kind read from performance: indicators off track in the latest quarter with results."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from phaen.alerts.choices import Severity, WarningKind
from phaen.core import thai
from phaen.performance import scoring
from phaen.performance import selectors as performance

HUNDRED = Decimal(100)


def _number(value: Decimal | None) -> str:
    """70.0000 → "70", 68.4300 → "68.43" (never in exponent form)."""
    if value is None:
        return "–"
    text = format(Decimal(value).normalize(), "f")
    return text


def _strategic_plan(ctx):
    """The annual plan's multi-year plan, else the organisation's plan covering the year."""
    from phaen.strategy.models import StrategicPlan

    if ctx.plan.multi_year_plan_id:
        return StrategicPlan.objects.filter(pk=ctx.plan.multi_year_plan_id).first()
    return performance.strategic_plan_for(ctx.organization, ctx.fiscal_year)


def indicator_off_track(ctx) -> list:
    """The latest quarter of the year for which any indicator has a result: each indicator
    whose achievement for that quarter (respecting its direction) is below 100%. Measured
    against the quarter's target when there is one; else against the year's target — for a
    cumulative indicator, the share of it due by the quarter (target × quarter ÷ 4)."""
    from phaen.alerts.selectors import Warning, url_or

    strategic = _strategic_plan(ctx)
    if strategic is None:
        return []
    rows = performance.indicator_rows(strategic, ctx.fiscal_year)
    reported = [q for row in rows for q, value in row.quarters.items() if value is not None]
    if not reported:
        return []
    quarter = max(reported)
    quarter_end = thai.quarter_range(ctx.fiscal_year, quarter)[1]
    found = []
    for row in performance.indicator_rows(strategic, ctx.fiscal_year, period=quarter):
        if row.quarters.get(quarter) is None:
            continue
        achievement, target = row.achievement_raw, row.target
        if (
            row.combination == scoring.CUMULATIVE_SUM
            and row.quarter_targets.get(quarter) is None
            and row.year_target is not None
            and row.direction != scoring.BAND
        ):
            target = row.year_target * quarter / 4
            achievement = scoring.achievement(row.value, target, row.direction)
        if achievement is None or achievement >= HUNDRED:
            continue
        found.append(
            Warning(
                kind=WarningKind.INDICATOR_OFF_TRACK,
                severity=Severity.WARNING,
                subject=f"{row.number} {row.name}",
                message=_(
                    "Quarter %(q)s: %(value)s %(unit)s against a target of %(target)s "
                    "(%(achievement)s%% achieved)."
                )
                % {
                    "q": quarter,
                    "value": _number(row.value),
                    "unit": row.unit,
                    "target": _number(target),
                    "achievement": achievement,
                },
                due_date=quarter_end,
                url=url_or("performance:index", fallback=""),
                key=f"indicator:{row.id}:{ctx.fiscal_year}-Q{quarter}",
            )
        )
    return found
