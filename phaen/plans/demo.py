"""Demo annual plans for the current fiscal year, modelled on the seeds: the Songkhla
office's action plan (announced, with a later addition edition in draft), the education
office's plan in review, the SAO's operational plan linked to its development plan and its
budget ordinance (announced), and small draft plans of the education agencies."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from phaen.budget.models import (
    AllocationRound,
    Appropriation,
    AppropriationLine,
    BudgetSource,
    ExpenseCategory,
)
from phaen.core.thai import fiscal_year, fiscal_year_range
from phaen.plans import services, workflow
from phaen.plans.checks import alignment_check
from phaen.plans.models import Activity, BudgetLine, Project, ProjectOutput, Risk
from phaen.strategy.models import PlanProject, StrategicPlan

ACTIVITY_STEPS = [
    ("ประชุมชี้แจงและวางแผนการดำเนินงาน", "ประชุมคณะทำงาน"),
    ("ดำเนินกิจกรรมตามแผน", "ลงพื้นที่ร่วมกับภาคีเครือข่าย"),
    ("ติดตามและสรุปผลการดำเนินงาน", "สรุปรายงานเสนอผู้บริหาร"),
]
RISKS = [
    ("กลุ่มเป้าหมายเข้าร่วมน้อยกว่าที่กำหนด", "ประสานผู้นำชุมชนและแจ้งล่วงหน้า", "จัดกิจกรรมเพิ่มรอบในพื้นที่ใกล้เคียง"),
    ("งบประมาณได้รับการจัดสรรล่าช้า", "วางแผนกิจกรรมตามงวดเงิน", "ปรับลดขนาดกิจกรรมและเลื่อนไปไตรมาสถัดไป"),
    ("สภาพอากาศไม่เอื้ออำนวย", "กำหนดช่วงเวลาให้เหมาะสมกับฤดูกาล", "ย้ายไปจัดในอาคาร"),
]
SK_EXTRA = [
    "โครงการพัฒนาศักยภาพผู้ดูแลผู้สูงอายุ",
    "โครงการส่งเสริมความเสมอภาคระหว่างเพศ",
    "โครงการป้องกันและแก้ไขปัญหาการตั้งครรภ์ในวัยรุ่น",
    "โครงการสร้างเครือข่ายเฝ้าระวังภัยทางสังคม",
    "โครงการศูนย์พัฒนาครอบครัวในชุมชน",
    "โครงการส่งเสริมการเข้าถึงสิทธิคนพิการ",
    "โครงการบ้านพอเพียงชนบท",
    "โครงการพัฒนาทักษะชีวิตเด็กและเยาวชน",
    "โครงการรณรงค์ยุติความรุนแรงในครอบครัว",
    "โครงการสนับสนุนกองทุนผู้สูงอายุ",
    "โครงการพัฒนาระบบติดตามผลการช่วยเหลือรายกรณี",
    "โครงการประชาสัมพันธ์สิทธิและสวัสดิการ",
]
EDU_EXTRA = [
    "โครงการพัฒนาครูด้านการจัดการเรียนรู้เชิงรุก",
    "โครงการส่งเสริมการอ่านในโรงเรียนขนาดเล็ก",
    "โครงการแนะแนวการศึกษาต่อและอาชีพ",
    "โครงการพัฒนาระบบข้อมูลสารสนเทศทางการศึกษาจังหวัด",
    "โครงการส่งเสริมการศึกษาเอกชนในพื้นที่",
    "โครงการลูกเสือจิตอาสาพัฒนาชุมชน",
]


def _months(order: int) -> list[int]:
    start = 1 + (order * 2) % 9
    return list(range(start, min(12, start + 3) + 1))


def _project(
    plan,
    name,
    *,
    order,
    issue,
    strategy,
    by,
    owner,
    indicator,
    amount,
    source,
    category,
    line=None,
    **extra,
) -> Project:
    start, _end = fiscal_year_range(plan.fiscal_year)
    months = _months(order)
    first = dt.date(start.year + (months[0] > 3), (months[0] + 8) % 12 + 1, 1)
    project = services.project_create(
        plan=plan,
        by=by,
        name=name,
        issue=issue,
        strategy=strategy,
        owner=owner,
        indicators=[indicator] if indicator else [],
        importance=1 + order % 5,
        urgency=1 + (order * 3) % 5,
        months=months,
        start_date=first,
        end_date=first + dt.timedelta(days=90),
        place=extra.pop("place", "จังหวัดสงขลา"),
        objectives=f"เพื่อ{name.removeprefix('โครงการ')}",
        target_group=extra.pop("target_group", "ประชาชนกลุ่มเป้าหมายในพื้นที่"),
        target_count=50 + order * 10,
        code=f"{plan.fiscal_year}-{order:03d}",
        **extra,
    )
    ProjectOutput.objects.create(
        project=project,
        description=f"ผู้เข้าร่วม{name.removeprefix('โครงการ')}",
        unit="คน",
        target=50 + order * 10,
    )
    for index, (step, method) in enumerate(ACTIVITY_STEPS):
        Activity.objects.create(
            project=project,
            name=step,
            method=method,
            sort_order=index,
            months=[months[min(index, len(months) - 1)]],
        )
    risk = RISKS[order % len(RISKS)]
    Risk.objects.create(
        project=project,
        description=risk[0],
        likelihood=2 + order % 3,
        impact=2 + order % 2,
        mitigation=risk[1],
        fallback_plan=risk[2],
    )
    amount = Decimal(amount)
    profile = [Decimal(0)] * 12
    for month in months:
        profile[month - 1] = amount / len(months)
    profile[months[-1] - 1] += amount - sum(profile)  # keep the exact sum
    BudgetLine.objects.create(
        project=project,
        source=source,
        category=category,
        appropriation_line=line,
        amount=amount,
        monthly_plan=[str(v.quantize(Decimal("0.01"))) for v in profile],
    )
    return project


def _accept_warnings(plan, by) -> None:
    for finding in alignment_check(plan).open_warnings:
        workflow.override_finding(
            plan=plan, finding=finding.code, by=by, reason="ข้อมูลตัวอย่าง: ยอมรับตามมติคณะทำงาน"
        )


def _run_route(plan, users, stop_after: int | None = None):
    """Submit and move through the route with the users holding each step's role."""
    plan = workflow.plan_submit(plan=plan, by=users["planner"])
    for index, step in enumerate(workflow.route(plan)):
        if stop_after is not None and index >= stop_after:
            return plan
        actor = users[step.role_list[0]]
        plan = workflow.plan_advance(plan=plan, by=actor, comment="เห็นชอบ")
    return plan


def _appropriation(org, fy, kind, title, effective, lines, by):
    appropriation = Appropriation.objects.create(
        organization=org, fiscal_year=fy, kind=kind, title=title, effective_on=effective
    )
    rounds = [
        AllocationRound.objects.create(
            appropriation=appropriation, number=n + 1, date=effective + dt.timedelta(days=45 * n)
        )
        for n in range(2)
    ]
    made = []
    for index, (category, item, amount, work_plan) in enumerate(lines):
        made.append(
            AppropriationLine.objects.create(
                appropriation=appropriation,
                round=rounds[index % 2],
                category=category,
                item=item,
                amount=Decimal(amount),
                work_plan=work_plan,
                code=f"{fy}{index + 1:04d}",
            )
        )
    return made


def _sk_plan(ctx, fy, by):
    org = ctx.organizations["SK-PMJ"]
    strategic = StrategicPlan.objects.get(organization=org)
    operating = ExpenseCategory.objects.get(code="C2.1")
    subsidy = ExpenseCategory.objects.get(code="C4.1")
    lines = _appropriation(
        org,
        fy,
        "budget_act",
        f"งบประมาณตาม พ.ร.บ.งบประมาณรายจ่ายประจำปี พ.ศ. {fy}",
        dt.date(fy - 543 - 1, 10, 1),
        [
            (operating, "ค่าตอบแทน ใช้สอยและวัสดุ (โครงการตามยุทธศาสตร์)", 3_200_000, None),
            (subsidy, "เงินอุดหนุนโครงการพัฒนาสังคม", 1_500_000, None),
        ],
        by,
    )
    plan = services.plan_create(
        organization=org, kind="action_plan", fiscal_year=fy, multi_year_plan=strategic, by=by
    )
    state = BudgetSource.objects.get(code="state_budget")
    sbpac = BudgetSource.objects.get(code="sbpac")
    owners = itertools.cycle([ctx.people["owner"], ctx.people["planner"]])
    order = itertools.count(1)
    for issue in strategic.issues.all():
        indicator = issue.indicators.filter(parent=None).first()
        for strategy in issue.strategies.all():
            for plan_project in strategy.projects.all():
                n = next(order)
                _project(
                    plan,
                    plan_project.name,
                    order=n,
                    issue=issue,
                    strategy=strategy,
                    by=by,
                    owner=next(owners),
                    indicator=indicator,
                    amount=80_000 + 15_000 * n,
                    source=state if n % 4 else sbpac,
                    category=operating,
                    line=lines[0] if n % 4 else None,
                )
    issues = list(strategic.issues.all())
    for index, name in enumerate(SK_EXTRA):
        n = next(order)
        issue = issues[index % len(issues)]
        _project(
            plan,
            name,
            order=n,
            issue=issue,
            strategy=issue.strategies.first(),
            by=by,
            owner=next(owners),
            indicator=issue.indicators.filter(parent=None).first(),
            amount=45_000 + 10_000 * index,
            source=state,
            category=subsidy,
            line=lines[1],
        )
    return plan


def _sao_plan(ctx, fy, by):
    org = ctx.organizations["SAO-NBT"]
    ldp = StrategicPlan.objects.get(organization=org)
    year_budgets = (
        PlanProject.objects.filter(
            plan=ldp,
            removed_in__isnull=True,
            year_budgets__year=fy,
            year_budgets__amount__gt=0,
            category="own",
        )
        .select_related("issue", "strategy", "work_plan", "responsible_unit")
        .prefetch_related("year_budgets")
        .distinct()
    )
    categories = {
        "ENG": ExpenseCategory.objects.get(code="L3.2"),
        "default": ExpenseCategory.objects.get(code="L2.2"),
    }
    own_revenue = BudgetSource.objects.get(code="state_budget")
    ordinance_lines = []
    for project in year_budgets:
        amount = next(b.amount for b in project.year_budgets.all() if b.year == fy)
        unit = project.responsible_unit.code if project.responsible_unit else "default"
        ordinance_lines.append(
            (categories.get(unit, categories["default"]), project.name, amount, project.work_plan)
        )
    lines = _appropriation(
        org,
        fy,
        "ordinance",
        f"ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {fy}",
        dt.date(fy - 543 - 1, 9, 20),
        ordinance_lines,
        by,
    )
    plan = services.plan_create(
        organization=org,
        kind="operational_plan",
        fiscal_year=fy,
        multi_year_plan=ldp,
        by=by,
        budget_threshold=Decimal(300000),
    )
    for n, (project, line) in enumerate(zip(year_budgets, lines, strict=True), start=1):
        indicator = project.issue.indicators.filter(parent=None).first()
        made = _project(
            plan,
            project.name,
            order=n,
            issue=project.issue,
            strategy=project.strategy,
            by=by,
            owner=ctx.people["lao.owner"],
            indicator=indicator,
            amount=line.amount,
            source=own_revenue,
            category=line.category,
            line=line,
            work_plan=project.work_plan,
            ldp_project=project,
            responsible_unit=project.responsible_unit,
            place="ตำบลนาบัวทอง",
            target_group="ประชาชนในตำบลนาบัวทอง",
        )
        made.objectives = project.objectives or made.objectives
        made.save()
    other = plan.multi_year_plan.issues.get(number=2)
    services.project_create(
        plan=plan,
        by=by,
        name="โครงการหน่วยแพทย์เคลื่อนที่",
        other_agency="โรงพยาบาลส่งเสริมสุขภาพตำบลนาบัวทอง",
        issue=other,
        strategy=other.strategies.first(),
        months=[5],
        place="ศาลาประชาคม",
    )
    return plan


def _edu_plan(ctx, code, fy, by, extra, amount_base):
    org = ctx.organizations[code]
    strategic = StrategicPlan.objects.filter(organization=org).first()
    plan = services.plan_create(
        organization=org, kind="action_plan", fiscal_year=fy, multi_year_plan=strategic, by=by
    )
    state = BudgetSource.objects.get(code="state_budget")
    operating = ExpenseCategory.objects.get(code="C2.1")
    issues = list(strategic.issues.all())
    owner = ctx.people.get("edu.planner") or ctx.people.get("agency.planner")
    for n, name in enumerate(extra, start=1):
        issue = issues[n % len(issues)]
        _project(
            plan,
            name,
            order=n,
            issue=issue,
            strategy=issue.strategies.first(),
            by=by,
            owner=owner,
            indicator=issue.indicators.first(),
            amount=amount_base + 5_000 * n,
            source=state,
            category=operating,
            place=org.province.name_th if org.province else "",
        )
    return plan


def load(ctx) -> None:
    fy = fiscal_year(timezone.now())
    users = ctx.users
    sk = _sk_plan(ctx, fy, users["planner"])
    _accept_warnings(sk, users["planner"])
    sk = _run_route(
        sk,
        {
            "planner": users["planner"],
            "committee": users["committee"],
            "executive": users["executive"],
        },
    )
    sk = workflow.plan_announce(plan=sk, by=users["executive"])
    edition = workflow.edition_create(
        plan=sk, kind="addition", by=users["planner"], reason="ได้รับจัดสรรงบประมาณเพิ่มเติมจาก ศอ.บต."
    )
    issue = sk.multi_year_plan.issues.get(number=2)
    services.project_create(
        plan=edition,
        by=users["planner"],
        name="โครงการสานสัมพันธ์ครอบครัวชายแดนใต้",
        issue=issue,
        strategy=issue.strategies.first(),
        out_of_plan=True,
        months=[7, 8],
        importance=4,
        urgency=4,
        owner=ctx.people["owner"],
    )

    sao = _sao_plan(ctx, fy, users["lao.planner"])
    _accept_warnings(sao, users["lao.planner"])
    sao = _run_route(
        sao,
        {
            "planner": users["lao.planner"],
            "committee": users["lao.committee"],
            "executive": users["lao.executive"],
        },
    )
    workflow.plan_announce(plan=sao, by=users["lao.executive"])

    peo = _edu_plan(ctx, "NST-PEO", fy, users["edu.planner"], EDU_EXTRA, 60_000)
    _accept_warnings(peo, users["edu.planner"])
    _run_route(
        peo,
        {
            "planner": users["edu.planner"],
            "committee": users["edu.planner"],
            "executive": users["edu.executive"],
        },
        stop_after=1,
    )
    _edu_plan(ctx, "NST-PESAO1", fy, users["agency.planner"], EDU_EXTRA[:3], 30_000)
