"""Demo follow-up: for the demo organisations' plans in force, monthly reports of the fiscal
year's months that have passed (October acknowledged, November partly in draft), photos
generated at load time, one project behind its plan with a narrative and its first risk
reported as occurred, one report overdue,
project checks, problems and a coordination meeting, and at the local administration the
posting of each monitoring round that has ended and been presented by the demo's "today".
People are fictional."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from phaen.core.thai import fiscal_year
from phaen.monitoring import selectors, services
from phaen.monitoring.choices import PeriodKind
from phaen.monitoring.images import png
from phaen.monitoring.models import ReportPosting

ORGS = {"SK-PMJ": "planner", "SAO-NBT": "lao.planner"}
COLOURS = [
    ((46, 125, 50), (255, 235, 59)),
    ((21, 101, 192), (255, 255, 255)),
    ((198, 40, 40), (255, 205, 210)),
    ((93, 64, 55), (255, 183, 77)),
]
NARRATIVE_BEHIND = (
    "การจัดซื้อจัดจ้างล่าช้ากว่ากำหนดเนื่องจากผู้เสนอราคาไม่ครบตามหลักเกณฑ์ "
    "ต้องประกาศใหม่ คาดว่าจะเริ่มกิจกรรมได้ภายในเดือนถัดไป"
)
RISK_NOTE = "ผู้เสนอราคาไม่ครบตามหลักเกณฑ์ ต้องประกาศจัดซื้อจัดจ้างใหม่"
PROBLEMS_TEXT = [
    "ประสานงานกับภาคีเครือข่ายในพื้นที่ได้ล่าช้า",
    "กลุ่มเป้าหมายบางส่วนไม่สะดวกเข้าร่วมในวันทำการ",
    "",
]
# The local administration's posting of its six-month and annual monitoring reports: the
# executive presents a round to the council this many days after it ends, the report is
# posted a few days later (well within posting.POSTED_WITHIN_DAYS) and stays up for longer
# than posting.MIN_POSTED_DAYS. Weekends are skipped: offices present and post on workdays.
PRESENTED_AFTER_DAYS = 10
POSTED_AFTER_DAYS = 3
POSTED_FOR_DAYS = 45
POSTING_NOTE = (
    "ปิดประกาศ ณ บอร์ดประชาสัมพันธ์ที่ทำการองค์การบริหารส่วนตำบล และเผยแพร่บนเว็บไซต์ขององค์การบริหารส่วนตำบล"
)


def _writer(ctx, project, planner):
    person = project.owner
    if person is not None and person.user_id:
        return person.user
    return planner


def _photo(report, by, index: int, caption: str) -> None:
    colour, accent = COLOURS[index % len(COLOURS)]
    data = png(96, 72, colour, accent)
    services.evidence_add(
        report=report,
        upload=ContentFile(data, name=f"activity-{report.pk}-{index}.png"),
        caption=caption,
        by=by,
    )


def _month_value(project, number: int) -> tuple[str, int]:
    planned = services.planned_percent(project, number)
    if not planned:
        return "not_started", 0
    return "in_progress", min(100, planned + 5)


def _follow_up(ctx, code: str, planner_login: str) -> None:
    org = ctx.organizations.get(code)
    if org is None:
        return
    fy = fiscal_year(ctx.today)
    plan = selectors.plan_in_force(organization=org, fiscal_year=fy)
    if plan is None:
        return
    planner = ctx.users[planner_login]
    months = [
        p
        for p in services.periods_ensure(organization=org, fiscal_year=fy)
        if p.kind == PeriodKind.MONTH
    ]
    current = selectors.current_month_number(fy, ctx.today)
    projects = list(plan.projects.select_related("plan", "owner").exclude(status="cancelled"))
    if not projects:
        return
    behind = next((p for p in projects if (services.planned_percent(p, 1) or 0) > 0), projects[0])
    overdue = projects[-1]
    for index, project in enumerate(projects):
        by = _writer(ctx, project, planner)
        for period in months[: max(current, 1)]:
            number = period.number
            this_month = number == current
            if project == overdue and number == 1:
                continue  # its October report never came: overdue
            if this_month and index % 3 == 2:
                continue  # not yet reported this month (not due yet)
            status, percent = _month_value(project, number)
            narrative = ""
            if project == behind:
                planned = services.planned_percent(project, number) or 0
                status, percent = "in_progress", max(0, planned // 2)
                narrative = NARRATIVE_BEHIND if percent < planned else ""
            report = services.report_save(
                project=project,
                period=period,
                by=by,
                status=status,
                percent=percent,
                narrative=narrative,
                problems=PROBLEMS_TEXT[index % len(PROBLEMS_TEXT)] if percent else "",
                suggestions="ควรจัดกิจกรรมในวันหยุดเพื่อให้กลุ่มเป้าหมายเข้าร่วมได้มากขึ้น"
                if index % 4 == 1
                else "",
                activities=[
                    (a, "in_progress" if percent else "not_started", "")
                    for a in project.activities.all()
                ],
                achievements=[
                    (o, (o.target or 0) * percent / 100)
                    for o in project.outputs.all()
                    if o.target is not None
                ],
                risks=[(r, RISK_NOTE) for r in project.risks.all()[:1]]
                if project == behind
                else [],
            )
            if percent and index % 2 == 0:
                _photo(report, by, index, f"ภาพกิจกรรม {project.name[:60]}")
            if this_month and index % 3 == 0:
                continue  # a draft for this month
            services.report_submit(report=report, by=by)
            if not this_month:
                services.report_acknowledge(report=report, by=planner)
                if index == 0:
                    services.report_meeting_approval(
                        report=report,
                        by=planner,
                        approved_on=period.due_date - dt.timedelta(days=3),
                        note="ที่ประชุมประจำเดือนของหน่วยงานเห็นชอบสรุปผล",
                    )
    _checks(ctx, projects, planner, code)
    _problems(plan, projects, behind, overdue, planner, ctx)
    postings(plan, planner, ctx.today)


def _workday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def postings(plan, by, today: dt.date) -> list[ReportPosting]:
    """Record, for a local administration's ``plan``, the posting of each round of its year
    (six-month, annual) that has ended and been presented by ``today``: presented some days
    after the round's end, posted at the office notice board and on the website a few days
    later for the required period. Nothing is recorded for a round that has not ended, and
    a report presented but not yet due to be posted is recorded without a posting date."""
    org = plan.organization
    if not org.kind.is_local_administration:
        return []
    rounds = [
        p
        for p in services.periods_ensure(organization=org, fiscal_year=plan.fiscal_year)
        if p.kind == PeriodKind.ROUND and p.number in services.POSTING_ROUNDS
    ]
    made = []
    for period in rounds:
        if period.end >= today:
            continue  # the round has not ended
        presented = _workday(period.end + dt.timedelta(days=PRESENTED_AFTER_DAYS))
        if presented > today:
            continue  # not presented yet
        posted_from = _workday(presented + dt.timedelta(days=POSTED_AFTER_DAYS))
        posted_until = posted_from + dt.timedelta(days=POSTED_FOR_DAYS - 1)
        if posted_from > today:
            posted_from = posted_until = None
        made.append(
            services.posting_save(
                plan=plan,
                period=period,
                by=by,
                reported_on=presented,
                posted_from=posted_from,
                posted_until=posted_until,
                note=POSTING_NOTE if posted_from else "",
            )
        )
    return made


def _checks(ctx, projects, planner, code) -> None:
    executive = ctx.users.get("executive" if code == "SK-PMJ" else "lao.executive")
    for n, project in enumerate(projects[:2]):
        check = services.check_open(project=project, by=planner)
        answers = {item.pk: (True, "") for item in check.items.all()}
        services.check_record(
            check=check,
            by=planner,
            answers=answers,
            officer_comment="สอดคล้องกับประเด็นยุทธศาสตร์ของแผน",
            submit=True,
        )
        if n == 0 and executive is not None:
            services.check_decide(check=check, by=executive, approve=True, comment="อนุมัติ")


def _problems(plan, projects, behind, overdue, planner, ctx) -> None:
    org = plan.organization
    position = org.positions.first() if hasattr(org, "positions") else None
    services.problem_save(
        plan=plan,
        by=planner,
        project=overdue,
        category="late_report",
        description="ผู้รับผิดชอบโครงการยังไม่ส่งรายงานผลการดำเนินงานประจำเดือนตุลาคม",
        found_on=ctx.today - dt.timedelta(days=10),
        measure="แจ้งเตือนผู้รับผิดชอบและกำหนดส่งภายในสัปดาห์นี้",
        owner_position=position,
        due=ctx.today + dt.timedelta(days=7),
        status="in_progress",
        published=True,
    )
    services.problem_save(
        plan=plan,
        by=planner,
        project=behind,
        category="other",
        description="การจัดซื้อจัดจ้างล่าช้า ทำให้กิจกรรมเริ่มช้ากว่าแผน",
        found_on=ctx.today - dt.timedelta(days=5),
        measure="เร่งรัดการจัดซื้อจัดจ้างและปรับแผนการดำเนินงานรายเดือน",
        status="open",
    )
    services.problem_save(
        plan=plan,
        by=planner,
        category="incomplete_data",
        description="ข้อมูลค่าเป้าหมายผลผลิตของบางโครงการไม่ครบ",
        found_on=ctx.today - dt.timedelta(days=20),
        measure="ให้ผู้รับผิดชอบโครงการทบทวนตัวชี้วัดและค่าเป้าหมาย",
        status="done",
        published=True,
    )
    services.meeting_save(
        plan=plan,
        by=planner,
        held_on=ctx.today - dt.timedelta(days=8),
        title="การประชุมประสานแผนและติดตามผลการดำเนินงาน ครั้งที่ 1",
        attendees="ผู้อำนวยการ หัวหน้ากลุ่มงาน และผู้รับผิดชอบโครงการทุกโครงการ",
        decisions=[
            ("ให้ทุกโครงการส่งรายงานความก้าวหน้าภายในวันที่ 10 ของเดือนถัดไป", False),
            ("เร่งรัดโครงการที่ล่าช้ากว่าแผนและรายงานในการประชุมครั้งถัดไป", False),
            ("จัดทำฐานข้อมูลกลุ่มเป้าหมายร่วมกันก่อนจัดทำแผนปีถัดไป", True),
        ],
    )


def load(ctx) -> None:
    for code, planner in ORGS.items():
        _follow_up(ctx, code, planner)
