"""Demo: the provincial education office (ศธจ.นครศรีธรรมราช, NST-PEO) opens a Q1 round of
the current fiscal year for its agencies, with a deadline that has just passed:

* สพป.นครศรีธรรมราช เขต 1 (NST-PESAO1, login agency.planner) submitted, was sent back
  once with a comment and submitted again: it waits for the office's decision;
* สพม. (NST-SESAO) and สกร. (NST-DLE) submitted and were accepted;
* the technical college (NST-TECH) has sent nothing: late.

The agencies without a plan get a small action plan here so their figures are real.
Logins sesao.planner, dle.planner and tech.planner are added for their planners.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from phaen.core.thai import fiscal_year

AGENCY_PLANS = {
    "NST-SESAO": [
        ("โครงการยกระดับผลสัมฤทธิ์ทางการเรียนระดับมัธยมศึกษา", 185000),
        ("โครงการพัฒนาครูด้านการจัดการเรียนรู้เชิงรุก", 96000),
        ("โครงการโรงเรียนปลอดภัย ห่างไกลยาเสพติด", 54000),
    ],
    "NST-DLE": [
        ("โครงการส่งเสริมการรู้หนังสือประชาชนในพื้นที่ห่างไกล", 72000),
        ("โครงการห้องสมุดประชาชนเคลื่อนที่", 48500),
    ],
}
PLANNER_LOGINS = {
    "NST-SESAO": ("sesao.planner", "sesao-planner"),
    "NST-DLE": ("dle.planner", "dle-planner"),
    "NST-TECH": ("tech.planner", "tech-planner"),
}


def _login(ctx, username: str, position_key: str):
    """A login for the person holding ``position_key`` (created by the organisations demo)."""
    from phaen.accounts.models import User
    from phaen.organizations.demo import DEMO_PASSWORD
    from phaen.organizations.models import Appointment

    appointment = (
        Appointment.objects.filter(position=ctx.positions[position_key])
        .select_related("person")
        .first()
    )
    person = appointment.person
    user = User.objects.create_user(
        username=username,
        password=DEMO_PASSWORD,
        first_name=person.first_name_en,
        last_name=person.last_name_en,
        email=f"{username}@example.org",
    )
    person.user = user
    person.save(update_fields=["user"])
    ctx.users[username] = user
    ctx.people[username] = person
    return user


def _agency_plan(org, fy: int, by, projects) -> None:
    """A small action plan of the agency serving its multi-year plan's issues."""
    from phaen.budget.models import BudgetSource, ExpenseCategory
    from phaen.plans import services as plan_services
    from phaen.plans.models import BudgetLine
    from phaen.strategy.models import StrategicPlan

    strategic = StrategicPlan.objects.filter(organization=org).first()
    plan = plan_services.plan_create(
        organization=org, kind="action_plan", fiscal_year=fy, multi_year_plan=strategic, by=by
    )
    issues = list(strategic.issues.all()) if strategic else []
    source = BudgetSource.objects.get(code="state_budget")
    category = ExpenseCategory.objects.get(code="C2.1")
    for n, (name, amount) in enumerate(projects):
        issue = issues[n % len(issues)] if issues else None
        indicator = issue.indicators.first() if issue else None
        project = plan_services.project_create(
            plan=plan,
            name=name,
            by=by,
            months=[1, 2, 3],
            issue=issue,
            strategy=issue.strategies.first() if issue else None,
            indicators=[indicator] if indicator else [],
        )
        BudgetLine.objects.create(
            project=project, source=source, category=category, amount=Decimal(amount)
        )


def load(ctx) -> None:
    from phaen.rounds import services

    fy = fiscal_year(ctx.today)
    peo = ctx.organizations["NST-PEO"]
    planners = {"NST-PESAO1": ctx.users["agency.planner"]}
    for code, (username, position) in PLANNER_LOGINS.items():
        planners[code] = ctx.users.get(username) or _login(ctx, username, position)
    for code, projects in AGENCY_PLANS.items():
        _agency_plan(ctx.organizations[code], fy, planners[code], projects)

    round_ = services.round_open(
        organization=peo,
        fiscal_year=fy,
        period_code="Q1",
        title=f"รายงานผลการดำเนินงานตามแผนปฏิบัติการ ไตรมาสที่ 1 ปีงบประมาณ {fy}",
        instructions=(
            "ให้หน่วยงานในสังกัดรายงานความก้าวหน้าโครงการ ผลการเบิกจ่าย และปัญหาอุปสรรค "
            "ผ่านระบบ เพื่อรวบรวมเสนอคณะกรรมการศึกษาธิการจังหวัด"
        ),
        deadline=ctx.today - dt.timedelta(days=2),
        by=ctx.users["edu.planner"],
    )
    subs = {s.organization.code: s for s in round_.submissions.select_related("organization")}
    executive = ctx.users["edu.executive"]
    for code, summary in (
        ("NST-SESAO", "ดำเนินการตามแผนครบทุกโครงการ อยู่ระหว่างจัดอบรมครู"),
        ("NST-DLE", "เริ่มโครงการห้องสมุดเคลื่อนที่แล้ว 4 อำเภอ"),
    ):
        sub = services.submission_submit(submission=subs[code], by=planners[code], summary=summary)
        services.submission_accept(submission=sub, by=executive, comment="รับทราบ")
    agency = ctx.users["agency.planner"]
    sub = services.submission_submit(
        submission=subs["NST-PESAO1"], by=agency, summary="รายงานตามแบบ"
    )
    sub = services.submission_return(
        submission=sub,
        by=ctx.users["edu.planner"],
        comment="โปรดระบุปัญหาอุปสรรคและแนวทางแก้ไขของโครงการที่ยังไม่เริ่มดำเนินการ",
    )
    services.submission_submit(
        submission=sub,
        by=agency,
        summary=("โครงการที่ยังไม่เริ่มรอการจัดสรรงบประมาณงวดที่ 2 จะเริ่มดำเนินการในเดือนมกราคม"),
    )
