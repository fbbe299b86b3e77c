"""Reads of the performance app with a fixed number of queries (whatever the plan's size):
indicator rows with their period results and achievements, weighted achievement per issue
and plan, and an agreement's score sheet. Documented in README.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from phaen.monitoring.choices import PeriodKind
from phaen.performance import scoring
from phaen.performance.models import Agreement, AssessmentItem, IndicatorResult
from phaen.strategy.models import Indicator, IndicatorCriterion, IndicatorTarget, StrategicPlan


def strategic_plan_for(organization, fiscal_year: int) -> StrategicPlan | None:
    """The organisation's multi-year plan whose span covers ``fiscal_year`` (an approved
    one first, then the latest revision). One query."""
    return (
        StrategicPlan.objects.filter(
            organization=organization, start_year__lte=fiscal_year, end_year__gte=fiscal_year
        )
        .order_by(
            # approved before draft ("approved" < "draft"), then the latest revision
            "status",
            "-revision",
            "-pk",
        )
        .first()
    )


@dataclass
class IndicatorRow:
    """An indicator of the plan in one fiscal year: its period values and targets, the
    year's value, the achievements (raw and capped) and its 1–5 level score."""

    id: int
    number: str
    name: str
    unit: str
    direction: str
    combination: str
    weight: Decimal | None
    issue_number: int | None
    issue_title: str
    parent_id: int | None
    quarters: dict[int, Decimal | None]
    quarter_result_ids: dict[int, int | None]
    year_result: Decimal | None
    year_result_id: int | None
    quarter_targets: dict[int, Decimal | None]
    year_target: Decimal | None
    value: Decimal | None  # the year's (or year-to-date) value per the combination
    target: Decimal | None  # the target the achievement is measured against
    achievement_raw: Decimal | None
    achievement: Decimal | None  # capped, counted in weighted averages
    level_score: Decimal | None
    counted_weight: Decimal | None = None  # the weight used in the averages (None: not counted)

    @property
    def is_sub(self) -> bool:
        return self.parent_id is not None

    @property
    def cells(self) -> list[tuple[int, str, Decimal | None, Decimal | None]]:
        """(quarter, period code, value, quarter target) of the four quarters (pages)."""
        return [
            (q, f"Q{q}", self.quarters.get(q), self.quarter_targets.get(q)) for q in range(1, 5)
        ]

    @property
    def over_cap(self) -> bool:
        return self.achievement_raw is not None and self.achievement_raw > scoring.MAX_ACHIEVEMENT


@dataclass
class Average:
    """A weighted average with its formula, numbers filled in."""

    weighted_achievement: Decimal | None
    formula: str
    weight_total: Decimal
    count: int


@dataclass
class IssueAchievement:
    id: int | None
    number: int | None
    title: str
    weighted_achievement: Decimal | None
    formula: str
    indicators: list[IndicatorRow] = field(default_factory=list)


@dataclass
class PlanAchievement:
    strategic_plan_id: int | None
    strategic_plan: str
    fiscal_year: int
    period: str | None  # "Q1".."Q4" or None for the year
    issues: list[IssueAchievement]
    total: Average


def _fmt(value: Decimal) -> str:
    text = f"{value:,.2f}"
    return text[:-3] if text.endswith(".00") and value == value.to_integral_value() else text


def average(rows: list[IndicatorRow]) -> Average:
    counted = [r for r in rows if r.counted_weight is not None and r.achievement is not None]
    value = scoring.weighted_average((r.counted_weight, r.achievement) for r in counted)
    weight_total = sum((r.counted_weight for r in counted), Decimal(0))
    if not counted:
        return Average(None, "", weight_total, 0)
    top = " + ".join(f"{_fmt(r.counted_weight)} × {r.achievement:.2f}" for r in counted)
    bottom = " + ".join(_fmt(r.counted_weight) for r in counted)
    formula = f"({top}) ÷ ({bottom}) = {value:.2f}"
    return Average(value, formula, weight_total, len(counted))


def _quarter_of(period) -> int | None:
    if period is None:
        return None
    if isinstance(period, int):
        return period
    if getattr(period, "kind", None) == PeriodKind.QUARTER:
        return period.number
    return None  # the 12-month round is the year


def indicator_rows(
    strategic_plan: StrategicPlan, fiscal_year: int, period=None
) -> list[IndicatorRow]:
    """Rows of every indicator of the plan (top-level and sub-indicators) for the year, or
    as of a quarter (``period``: a quarter ReportingPeriod or 1–4). Four queries."""
    quarter = _quarter_of(period)
    indicators = list(
        Indicator.objects.filter(plan=strategic_plan)
        .select_related("issue")
        .prefetch_related(
            Prefetch(
                "targets",
                IndicatorTarget.objects.filter(fiscal_year=fiscal_year),
                to_attr="year_targets",
            ),
            Prefetch("criteria", IndicatorCriterion.objects.order_by("level"), to_attr="levels"),
        )
    )
    results = (
        IndicatorResult.objects.filter(
            indicator__plan=strategic_plan, period__fiscal_year=fiscal_year
        )
        .filter(
            Q(period__kind=PeriodKind.QUARTER) | Q(period__kind=PeriodKind.ROUND, period__number=12)
        )
        .values_list("pk", "indicator_id", "period__kind", "period__number", "actual")
    )
    values: dict[int, dict] = {}
    for pk, indicator_id, kind, number, actual in results:
        key = number if kind == PeriodKind.QUARTER else 0  # 0: the year
        values.setdefault(indicator_id, {})[key] = (pk, actual)
    weighted = any(i.weight for i in indicators if i.parent_id is None)
    rows = []
    for ind in indicators:
        mine = values.get(ind.pk, {})
        quarters = {q: mine[q][1] if q in mine else None for q in range(1, 5)}
        targets = {t.quarter: t.value for t in ind.year_targets}
        year_target = targets.get(None)
        if quarter is None:
            year = mine[0][1] if 0 in mine else None
            value = scoring.year_value(
                ind.combination, {q: v for q, v in quarters.items() if v is not None}, year
            )
            target = year_target
        else:
            so_far = {q: v for q, v in quarters.items() if v is not None and q <= quarter}
            if targets.get(quarter) is not None:
                value, target = quarters[quarter], targets[quarter]
            elif ind.combination == scoring.CUMULATIVE_SUM:
                value, target = scoring.year_value(ind.combination, so_far), year_target
            else:
                value, target = quarters[quarter], year_target
        raw = scoring.achievement(value, target, ind.direction, (ind.band_low, ind.band_high))
        levels = {c.level: c.value for c in ind.levels}
        score = None
        if value is not None and any(v is not None for v in levels.values()):
            score = scoring.level_score(value, levels)
        counted = None
        if ind.parent_id is None:
            counted = ind.weight if weighted else Decimal(1)
            counted = counted if counted else None
        rows.append(
            IndicatorRow(
                id=ind.pk,
                number=ind.number,
                name=ind.name,
                unit=ind.unit,
                direction=ind.direction,
                combination=ind.combination,
                weight=ind.weight,
                issue_number=ind.issue.number if ind.issue_id else None,
                issue_title=ind.issue.title if ind.issue_id else "",
                parent_id=ind.parent_id,
                quarters=quarters,
                quarter_result_ids={q: mine[q][0] if q in mine else None for q in range(1, 5)},
                year_result=mine[0][1] if 0 in mine else None,
                year_result_id=mine[0][0] if 0 in mine else None,
                quarter_targets={q: targets.get(q) for q in range(1, 5)},
                year_target=year_target,
                value=value,
                target=target,
                achievement_raw=raw,
                achievement=scoring.capped(raw),
                level_score=score,
                counted_weight=counted,
            )
        )
    return rows


def _resolve_plan(plan_or_strategic_plan, fiscal_year: int) -> StrategicPlan | None:
    if isinstance(plan_or_strategic_plan, StrategicPlan):
        return plan_or_strategic_plan
    plan = plan_or_strategic_plan  # an annual plan
    if plan.multi_year_plan_id:
        return StrategicPlan.objects.get(pk=plan.multi_year_plan_id)
    return strategic_plan_for(plan.organization_id, fiscal_year)


def issue_achievement(plan_or_strategic_plan, fiscal_year: int, period=None) -> PlanAchievement:
    """Weighted achievement per issue of the plan and the plan's total, for the year (or as
    of a quarter). ``plan_or_strategic_plan``: a StrategicPlan, or an annual plan (its
    multi-year plan, else the organisation's plan covering the year). Five queries.

    Only top-level indicators count; weights are the indicators' own (all count equally
    when no indicator of the plan has a weight); achievements are capped at 100.
    """
    strategic = _resolve_plan(plan_or_strategic_plan, fiscal_year)
    quarter = _quarter_of(period)
    label = f"Q{quarter}" if quarter else None
    if strategic is None:
        return PlanAchievement(None, "", fiscal_year, label, [], average([]))
    rows = indicator_rows(strategic, fiscal_year, quarter)
    by_issue: dict[int | None, list[IndicatorRow]] = {}
    titles: dict[int | None, tuple[int | None, str]] = {}
    for row in rows:
        key = row.issue_number
        by_issue.setdefault(key, []).append(row)
        titles[key] = (row.issue_number, row.issue_title)
    issues = []
    for key in sorted(by_issue, key=lambda k: (k is None, k or 0)):
        avg = average(by_issue[key])
        number, title = titles[key]
        issues.append(
            IssueAchievement(
                id=None,
                number=number,
                title=title,
                weighted_achievement=avg.weighted_achievement,
                formula=avg.formula,
                indicators=by_issue[key],
            )
        )
    return PlanAchievement(
        strategic_plan_id=strategic.pk,
        strategic_plan=str(strategic),
        fiscal_year=fiscal_year,
        period=label,
        issues=issues,
        total=average(rows),
    )


# --- agreements -----------------------------------------------------------------------------
@dataclass
class SheetRow:
    number: str
    name: str
    unit: str
    weight: Decimal
    target: Decimal | None
    levels: list[Decimal | None]
    result: Decimal | None
    score: Decimal | None
    weighted_score: Decimal | None
    achievement_raw: Decimal | None = None
    achievement: Decimal | None = None


@dataclass
class ScoreSheet:
    agreement_id: int
    title: str
    organization: str
    fiscal_year: int
    level: str
    kind: str | None  # self | committee | None (not assessed)
    assessed_on: object
    rows: list[SheetRow]
    weight_total: Decimal
    total: Decimal | None
    formula: str
    weighted_achievement: Decimal | None = None
    achievement_formula: str = ""


def score_sheet(agreement: Agreement, kind: str | None) -> ScoreSheet:
    """The score sheet of ``agreement`` for the ``kind`` of assessment (or its criteria
    only when that assessment does not exist yet). Three queries."""
    indicators = list(agreement.indicators.all())
    assessment = agreement.assessments.filter(kind=kind).first() if kind else None
    items = {}
    if assessment is not None:
        items = {
            i.agreement_indicator_id: i
            for i in AssessmentItem.objects.filter(assessment=assessment)
        }
    rows = []
    for ind in indicators:
        item = items.get(ind.pk)
        values = [v for v in ind.levels.values() if v is not None]
        falling = len(values) > 1 and values[-1] < values[0]
        raw = scoring.achievement(
            item.result if item else None, ind.target, scoring.LOWER if falling else scoring.HIGHER
        )
        rows.append(
            SheetRow(
                number=ind.number,
                name=ind.name,
                unit=ind.unit,
                weight=ind.weight,
                target=ind.target,
                levels=[ind.levels[n] for n in range(1, 6)],
                result=item.result if item else None,
                score=item.score if item else None,
                weighted_score=item.weighted_score if item else None,
                achievement_raw=raw,
                achievement=scoring.capped(raw),
            )
        )
    pseudo = [
        IndicatorRow(
            id=0,
            number=r.number,
            name=r.name,
            unit=r.unit,
            direction="",
            combination="",
            weight=r.weight,
            issue_number=None,
            issue_title="",
            parent_id=None,
            quarters={},
            quarter_result_ids={},
            year_result=None,
            year_result_id=None,
            quarter_targets={},
            year_target=None,
            value=r.result,
            target=r.target,
            achievement_raw=r.achievement_raw,
            achievement=r.achievement,
            level_score=r.score,
            counted_weight=r.weight,
        )
        for r in rows
    ]
    achieved = average(pseudo)
    total = None
    formula = ""
    if assessment is not None:
        total = scoring.agreement_total(
            r.weighted_score for r in rows if r.weighted_score is not None
        )
        formula = (
            " + ".join(
                f"{r.score:.4f} × {_fmt(r.weight)} ÷ 100" for r in rows if r.score is not None
            )
            + f" = {total:.4f}"
        )
    return ScoreSheet(
        agreement_id=agreement.pk,
        title=agreement.title,
        organization=str(agreement.organization.name),
        fiscal_year=agreement.fiscal_year,
        level=agreement.level,
        kind=kind if assessment is not None else None,
        assessed_on=assessment.assessed_on if assessment else None,
        rows=rows,
        weight_total=sum((r.weight for r in rows), Decimal(0)),
        total=total,
        formula=formula,
        weighted_achievement=achieved.weighted_achievement,
        achievement_formula=achieved.formula,
    )


def public_agreements():
    """Agreements published to the public (for the page without login)."""
    from phaen.performance.choices import AgreementState, Audience

    return Agreement.objects.filter(
        state=AgreementState.PUBLISHED, audience=Audience.PUBLIC
    ).select_related("organization")
