"""Demo: indicator results and a performance agreement.

* Every demo organisation with a multi-year plan covering the years gets results for the
  four quarters of FY 2569 (the year is complete) and for Q1 of FY 2570 (the current
  year), near their targets with some above and some behind; indicators whose criteria
  are described in words report the level reached.
* สำนักงาน พมจ.สงขลา (SK-PMJ) has an organisation-level agreement for FY 2569 with five of
  its plan's indicators (weights 100), signed, assessed by itself and by the committee,
  and published to the public; and the FY 2570 agreement, signed and published to staff,
  waiting for the year to end.

Numbers are deterministic (no randomness) so that the pages show the same every time.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from phaen.performance import services
from phaen.strategy.models import Indicator, StrategicPlan

ORGS = ("SK-PMJ", "SAO-NBT", "NST-PEO", "NST-PESAO1")
# How close to the target each indicator lands, in turn (1 = on target).
FACTORS = (Decimal("1.04"), Decimal("0.92"), Decimal("0.97"), Decimal("1.10"), Decimal("0.85"))
ROUND = Decimal("0.01")


def _quarter_values(indicator, target: Decimal, factor: Decimal, quarters: int) -> list[Decimal]:
    """Plausible quarter values that make ``target × factor`` over the full year."""
    goal = target * factor
    if indicator.combination == "cumulative_sum":
        shares = (Decimal("0.20"), Decimal("0.25"), Decimal("0.25"), Decimal("0.30"))
        return [(goal * s).quantize(ROUND) for s in shares[:quarters]]
    if indicator.direction == "lower":
        goal = target / factor
    # latest / not cumulative: values climbing towards the year's level
    steps = (Decimal("0.94"), Decimal("0.97"), Decimal("0.99"), Decimal("1.00"))
    return [(goal * s).quantize(ROUND) for s in steps[:quarters]]


def _level_values(target: Decimal, index: int, quarters: int) -> list[Decimal]:
    """Criteria in words: the level reached rises through the year."""
    year = min(Decimal(5), max(Decimal(1), target - (index % 2)))
    return [max(Decimal(1), year - 1) if q == 0 else year for q in range(quarters)]


def _results(org, by, fiscal_year: int, quarters: int) -> None:
    from phaen.monitoring.selectors import period_by_code

    plan = (
        StrategicPlan.objects.filter(
            organization=org, start_year__lte=fiscal_year, end_year__gte=fiscal_year
        )
        .order_by("status", "-revision")
        .first()
    )
    if plan is None:
        return
    periods = [
        period_by_code(organization=org, fiscal_year=fiscal_year, code=f"Q{q}")
        for q in range(1, quarters + 1)
    ]
    indicators = Indicator.objects.filter(plan=plan).prefetch_related("targets", "criteria")
    for index, indicator in enumerate(indicators):
        target = next(
            (
                t.value
                for t in indicator.targets.all()
                if t.fiscal_year == fiscal_year and not t.quarter
            ),
            None,
        )
        if target is None:
            continue
        worded = indicator.criteria.exists() and all(
            c.value is None for c in indicator.criteria.all()
        )
        if worded:
            values = _level_values(target, index, quarters)
        else:
            values = _quarter_values(indicator, target, FACTORS[index % len(FACTORS)], quarters)
        rows = [
            {
                "indicator": indicator,
                "period": period,
                "actual": value,
                "comment": "ข้อมูลจากระบบรายงานของหน่วยงาน" if q == 0 else "",
            }
            for q, (period, value) in enumerate(zip(periods, values, strict=True))
        ]
        services.results_bulk(rows=rows, by=by)


def _levels(target: Decimal, lower: bool) -> dict[str, Decimal]:
    """The usual scale: the target at level 3, each level a step of 5% of the target."""
    step = (target * Decimal("0.05")).quantize(ROUND) or Decimal(1)
    sign = -1 if lower else 1
    return {f"level_{n}": (target + sign * (n - 3) * step).quantize(ROUND) for n in range(1, 6)}


def _agreement(ctx, fiscal_year: int, weights: list[int]):
    org = ctx.organizations["SK-PMJ"]
    by = ctx.users["planner"]
    plan = StrategicPlan.objects.filter(organization=org).order_by("status", "-revision").first()
    chosen = [
        ind
        for ind in Indicator.objects.filter(plan=plan, parent__isnull=True).prefetch_related(
            "targets", "criteria"
        )
        if any(t.fiscal_year == fiscal_year and not t.quarter for t in ind.targets.all())
    ][: len(weights)]
    executive = ctx.people["executive"]
    agreement = services.agreement_create(
        organization=org,
        fiscal_year=fiscal_year,
        title=f"คำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {fiscal_year} {org.name_th}",
        giver_name="นายวีระพงษ์ ทองศรีสุข",
        giver_position="ผู้ว่าราชการจังหวัดสงขลา",
        receiver_name=executive.full_name,
        receiver_position="พัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดสงขลา",
        by=by,
    )
    for weight, ind in zip(weights, chosen, strict=False):
        target = next(
            t.value for t in ind.targets.all() if t.fiscal_year == fiscal_year and not t.quarter
        )
        worded = ind.criteria.exists() and all(c.value is None for c in ind.criteria.all())
        levels = {} if worded else _levels(target, ind.direction == "lower")
        services.agreement_indicator_add(
            agreement=agreement,
            indicator=ind,
            weight=Decimal(weight),
            target=target,
            by=by,
            **levels,
        )
    return agreement


def _year_result(agreement_indicator) -> Decimal:
    """The FY result of the plan indicator behind an agreement indicator (from the
    results recorded above), through the same selector the pages use."""
    from phaen.performance.selectors import indicator_rows

    rows = {r.id: r for r in indicator_rows(agreement_indicator.indicator.plan, 2569)}
    return rows[agreement_indicator.indicator_id].value


def load(ctx) -> None:
    from phaen.core.thai import fiscal_year as fy_of

    current = fy_of(ctx.today)
    for code in ORGS:
        org = ctx.organizations.get(code)
        if org is None:
            continue
        planner = next(
            (
                u
                for name, u in ctx.users.items()
                if name.endswith("planner") and _org_of(ctx, name) == org
            ),
            None,
        )
        _results(org, planner, current - 1, 4)
        _results(org, planner, current, 1)

    planner = ctx.users["planner"]
    weights = [25, 20, 20, 15, 20]
    last_year = _agreement(ctx, current - 1, weights)
    services.agreement_sign(agreement=last_year, signed_on=dt.date(2025, 10, 20), by=planner)
    items = list(last_year.indicators.select_related("indicator__plan"))
    own = {item.pk: _year_result(item) for item in items}
    services.assessment_record(
        agreement=last_year,
        kind="self",
        results=own,
        assessed_on=dt.date(2026, 10, 10),
        note="ประเมินตนเองเมื่อสิ้นปีงบประมาณ",
        by=planner,
    )
    # The committee accepts most results, and counts one lower after checking its evidence.
    checked = dict(own)
    first = items[0]
    checked[first.pk] = (own[first.pk] * Decimal("0.97")).quantize(ROUND)
    services.assessment_record(
        agreement=last_year,
        kind="committee",
        results=checked,
        assessed_on=dt.date(2026, 11, 5),
        note="คณะกรรมการตรวจสอบหลักฐานแล้ว ปรับผลตัวชี้วัดที่ 1 ตามข้อมูลที่ตรวจสอบได้",
        by=ctx.users["committee"],
    )
    services.agreement_publish(
        agreement=last_year, audience="public", on=dt.date(2026, 11, 10), by=planner
    )
    this_year = _agreement(ctx, current, weights)
    services.agreement_sign(agreement=this_year, signed_on=dt.date(2026, 10, 19), by=planner)
    services.agreement_publish(
        agreement=this_year, audience="staff", on=dt.date(2026, 10, 20), by=planner
    )


def _org_of(ctx, username: str):
    from phaen.organizations.access import user_context

    user = ctx.users[username]
    roles = user_context(user).roles_by_org
    for code in ORGS:
        org = ctx.organizations.get(code)
        if org is not None and org.pk in roles:
            return org
    return None
