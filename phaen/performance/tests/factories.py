"""A small strategic plan with targets and criteria for the performance tests."""

from __future__ import annotations

from decimal import Decimal as D

from phaen.strategy.models import (
    Indicator,
    IndicatorCriterion,
    IndicatorTarget,
    Issue,
    StrategicPlan,
)


def make_plan(org, *, start=2566, end=2570, title="แผนปฏิบัติราชการทดสอบ"):
    return StrategicPlan.objects.create(
        organization=org, title=title, start_year=start, end_year=end
    )


def make_issue(plan, number, title):
    return Issue.objects.create(plan=plan, number=number, title=title)


def make_indicator(plan, issue, number, name, *, weight=None, targets=None, levels=None, **extra):
    """``targets``: {(fiscal_year, quarter or None): value}; ``levels``: {1: v, … 5: v}."""
    indicator = Indicator.objects.create(
        plan=plan,
        issue=issue,
        number=number,
        name=name,
        weight=weight,
        unit=extra.pop("unit", "ร้อยละ"),
        **extra,
    )
    for (year, quarter), value in (targets or {}).items():
        IndicatorTarget.objects.create(
            indicator=indicator, fiscal_year=year, quarter=quarter, value=D(value)
        )
    for level, value in (levels or {}).items():
        IndicatorCriterion.objects.create(indicator=indicator, level=level, value=value)
    return indicator


def sample(org):
    """Issue 1 with two weighted indicators (60/40), issue 2 with one (100), FY 2570."""
    plan = make_plan(org)
    one = make_issue(plan, 1, "คุณภาพชีวิตกลุ่มเปราะบาง")
    two = make_issue(plan, 2, "องค์กรสมรรถนะสูง")
    a = make_indicator(
        plan,
        one,
        "1.1",
        "ร้อยละผู้สูงอายุที่ได้รับการดูแล",
        weight=D(60),
        targets={(2570, None): 80, (2570, 1): 20},
        combination="latest",
        levels={1: D(60), 2: D(65), 3: D(70), 4: D(75), 5: D(80)},
    )
    b = make_indicator(
        plan,
        one,
        "1.2",
        "จำนวนครอบครัวที่ได้รับการช่วยเหลือ",
        weight=D(40),
        unit="ครอบครัว",
        targets={(2570, None): 200},
        combination="cumulative_sum",
    )
    c = make_indicator(
        plan,
        two,
        "2.1",
        "ระยะเวลาเฉลี่ยในการให้บริการ",
        weight=D(100),
        unit="วัน",
        targets={(2570, None): 10},
        direction="lower",
        combination="not_cumulative",
    )
    return {"plan": plan, "issues": (one, two), "a": a, "b": b, "c": c}


def make_agreement(org, by, *, weights=(40, 35, 25), fiscal_year=2570, **fields):
    """A draft organisation-level agreement with one indicator per weight; each has the
    levels 60/65/70/75/80 (target 70 at level 3)."""
    from phaen.performance import services

    agreement = services.agreement_create(
        organization=org,
        fiscal_year=fiscal_year,
        title=fields.pop("title", "คำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2570"),
        giver_name=fields.pop("giver_name", "นายผู้ให้ ทดสอบ"),
        giver_position=fields.pop("giver_position", "ผู้ว่าราชการจังหวัด"),
        receiver_name=fields.pop("receiver_name", "นางผู้รับ ทดสอบ"),
        receiver_position=fields.pop("receiver_position", "พัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด"),
        by=by,
        **fields,
    )
    for n, weight in enumerate(weights, start=1):
        services.agreement_indicator_add(
            agreement=agreement,
            number=str(n),
            name=f"ตัวชี้วัดที่ {n}",
            unit="ร้อยละ",
            weight=D(weight),
            target=D(70),
            level_1=D(60),
            level_2=D(65),
            level_3=D(70),
            level_4=D(75),
            level_5=D(80),
            by=by,
        )
    return agreement
