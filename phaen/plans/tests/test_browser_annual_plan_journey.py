"""Issue 4's "done when", end to end in headless Chromium, in one journey.

A local administration's planner builds the operational plan of FY 2570: two projects by the
Excel project template, two from a ผด.02 sheet, one by hand in the forms (activity, risk,
budget line). The alignment check blocks submission (the ผด.02 projects trace to no
development-plan project and draw on no line of the budget ordinance, the template's to no
development-plan project); the planner fixes each finding on the project's pages, accepts the
warnings with reasons and submits. The committee sends the plan back once with a comment; it
is resubmitted, approved and announced; the public page shows it without login. An additional
budget is recorded as an event, an addition is made (edition 2, with a new project that only
it holds), approved and announced. ผด.01 and ผด.02 are made through the reports page's job and
opened as PDFs; their pages are rendered to PNG (test-artifacts/screens/plans-journey-*.png)
and were looked at: the Thai renders cleanly. The public page offers the forms of the
announced edition, without login.

What other issues own is set up as data: the local development plan (strategy), the budget
ordinance and the additional budget (budget), the organisation's units and positions.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse

from phaen.budget.models import Appropriation, AppropriationLine, ExpenseCategory
from phaen.conftest import ARTIFACTS, require_or_skip
from phaen.core.testing import appoint, make_person, make_position
from phaen.organizations.models import OrganizationKind
from phaen.plans import excel
from phaen.plans.checks import alignment_check
from phaen.plans.models import AnnualPlan, BudgetLine, CommitteeMeeting, Project
from phaen.plans.tests.sheets.build import GREEN, ORANGE, _fills, _sheet
from phaen.plans.tests.test_excel import make_refs
from phaen.reports.models import ReportRun
from phaen.reports.tests.test_local_plan_forms import make_ldp, pdf_words
from phaen.strategy.models import PlanProject
from phaen.strategy.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ARTIFACTS / "screens"
PDFS = ARTIFACTS / "pdf"
YEAR = 2570  # the working fiscal year (the suite runs in FY 2570)


def shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"plans-journey-{name}.png"), full_page=True)


def refresh(obj):
    obj.refresh_from_db()
    return obj


def open_plan(page, base: str, plan) -> None:
    page.goto(base + reverse("plans:plan_detail", args=[plan.pk]))
    page.wait_for_selector("[data-testid=review-panel]")  # loaded by htmx


# --- what the journey starts from ----------------------------------------------------------
def ordinance(world):
    """The budget ordinance of FY 2570 with two lines (what the budget app records)."""
    appropriation = Appropriation.objects.create(
        organization=world.own,
        fiscal_year=YEAR,
        kind="ordinance",
        title="ข้อบัญญัติงบประมาณรายจ่ายประจำปี พ.ศ. 2570",
        effective_on=dt.date(2026, 9, 20),
    )
    lines = {}
    for code, category, item, amount in (
        ("ORD-01", "L2.2", "ค่าใช้จ่ายในการฝึกอบรม", 300000),
        ("ORD-02", "L3.2", "ค่าก่อสร้างสิ่งสาธารณูปโภค", 1500000),
    ):
        lines[code] = AppropriationLine.objects.create(
            appropriation=appropriation,
            code=code,
            category=ExpenseCategory.objects.get(code=category),
            item=item,
            amount=Decimal(amount),
        )
    return lines


def template_workbook(plan):
    """The plan's project template, filled in by the planner: two projects with an activity,
    a risk with its fallback plan and budget lines on the ordinance's lines."""
    wb = excel.template_workbook(plan)
    wb["โครงการ"].append(
        ["P-01", "โครงการฝึกอบรมอาชีพระยะสั้น", 2, None, None, "ศาลาประชาคม หมู่ที่ 2",
         "1/11/2569", "31/3/2570", "ธ.ค.-ก.พ.", 4, 3, "ส่งเสริมรายได้", "ผู้ว่างงาน", 40, "U1",
         "planner@example.go.th", "", "ประชาชนว่างงานหลังฤดูเก็บเกี่ยว"]
    )  # fmt: skip
    wb["โครงการ"].append(
        ["P-02", "โครงการส่งเสริมสุขภาพผู้สูงอายุ", 2, None, None, "รพ.สต.", "1/1/2570",
         "31/5/2570", "ม.ค.-พ.ค.", 3, 3, "ผู้สูงอายุมีสุขภาพดี", "ผู้สูงอายุ", 120, "U1",
         "planner@example.go.th"]
    )  # fmt: skip
    wb["กิจกรรม"].append(
        ["P-01", "อบรมเชิงปฏิบัติการ", "บรรยายและฝึกปฏิบัติ", "1/12/2569", "28/2/2570",
         "ธ.ค.-ก.พ.", "ศาลาประชาคม", "1234"]
    )  # fmt: skip
    wb["กิจกรรม"].append(["P-02", "ตรวจสุขภาพประจำปี", "ตรวจคัดกรอง", "1/1/2570", "31/5/2570"])
    wb["ความเสี่ยง"].append(
        ["P-01", "อบรมเชิงปฏิบัติการ", "ผู้เข้าอบรมไม่ครบ", 2, 4, "ประชาสัมพันธ์", "อบรมออนไลน์"]
    )
    wb["ความเสี่ยง"].append(["P-02", None, "ผู้สูงอายุเดินทางไม่สะดวก", 3, 2, "จัดรถรับส่ง",
                            "ออกหน่วยตรวจถึงบ้าน"])  # fmt: skip
    wb["งบประมาณ"].append(
        ["P-01", "อบรมเชิงปฏิบัติการ", "state_budget", "L2.2", "ORD-01", "ค่าวิทยากร", 45000]
    )
    wb["งบประมาณ"].append(
        ["P-02", None, "state_budget", "L2.2", "ORD-01", "ค่าอาหารและอาหารว่าง", 30000]
    )
    return wb


def pd02_workbook():
    """The ผด.02 sheet the office kept in Excel: FY 2570, one strategy of the development
    plan, one work plan, two projects with months shaded; a continuation row."""
    book, w = _sheet()
    w.line("บัญชีโครงการ/กิจกรรม/งบประมาณ", bold=True)
    w.line(f"แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {YEAR}", bold=True)
    w.line("สำนักงานจังหวัดทดสอบ", bold=True)
    w.header(years=(f"พ.ศ. {YEAR - 1}", f"พ.ศ. {YEAR}"))
    w.line("1. ยุทธศาสตร์การพัฒนาโครงสร้างพื้นฐาน 0", bold=True)
    w.line("1.1 แผนงานเคหะและชุมชน", bold=True)
    w.project(
        1,
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนา",
        "ก่อสร้างถนน คสล. กว้าง 5 เมตร",
        480000,
        "บ้านนา หมู่ที่ 1",
        "กองช่าง",
        fills=_fills(ORANGE, "ม.ค.", "ก.พ.", "มี.ค."),
    )
    w.project(details="ยาว 200 เมตร หนา 0.15 เมตร")
    w.project(
        2,
        "โครงการวางท่อระบายน้ำภายในหมู่บ้าน",
        "วางท่อระบายน้ำ คสล. พร้อมบ่อพัก",
        350000,
        "บ้านหนองแวง หมู่ที่ 5",
        "กองช่าง",
        fills=_fills(GREEN, "ก.พ.", "มี.ค.", "เม.ย."),
    )
    return book


def add_part(page, kind: str, fill) -> None:
    page.click(f"[data-testid=add-{kind}]")
    form = page.locator(f"#part-form-{kind}")
    form.wait_for()
    fill(form)
    form.locator("[data-testid=part-save]").click()
    page.wait_for_selector(f"#part-form-{kind}:not(.part-form)", state="attached")


def fix_project(page, base: str, project, ldp_project, line=None) -> None:
    """On the project's pages: link the development-plan project; put each budget line on
    the ordinance's ``line`` (and on an expense item, a sheet only says the type)."""
    page.goto(base + reverse("plans:project_edit", args=[project.pk]))
    page.select_option("#id_ldp_project", str(ldp_project.pk))
    page.click("[data-testid=project-save]")
    page.wait_for_selector("[data-testid=project-name]")
    if line is None:
        return
    for budget in project.budget_lines.all():
        page.click(f"[data-testid=edit-budget-{budget.pk}]")
        form = page.locator("#part-form-budget")
        form.locator("#id_appropriation_line").wait_for()
        form.locator("#id_category").select_option(str(line.category_id))
        form.locator("#id_appropriation_line").select_option(str(line.pk))
        form.locator("[data-testid=part-save]").click()
        page.wait_for_selector("#part-form-budget:not(.part-form)", state="attached")
        assert refresh(budget).appropriation_line_id == line.pk


def accept_warnings(page, base: str, plan, reason: str) -> None:
    page.goto(base + reverse("plans:plan_check", args=[plan.pk]))
    while page.locator("[data-testid=accept-finding]").count():
        form = page.locator("details:has([data-testid=accept-finding])").first
        form.locator("summary").click()
        form.locator("input[name=reason]").fill(reason)
        form.locator("[data-testid=accept-finding]").click()
        page.wait_for_load_state()


def approve_and_announce(base, plan, planner, committee, executive, announced_on: str) -> None:
    """Submitted already: the planners' step, the committee's, the executive's; announced."""
    open_plan(planner, base, plan)
    planner.click("[data-testid=advance-plan]")  # the support committee drafted it
    planner.wait_for_selector("[data-testid=review-panel]")
    open_plan(committee, base, plan)
    committee.click("[data-testid=advance-plan]")
    committee.wait_for_selector("[data-testid=review-panel]")
    open_plan(executive, base, plan)
    executive.click("[data-testid=advance-plan]")
    executive.wait_for_selector("[data-testid=announce-plan]")
    executive.fill("#id_announced_on", announced_on)
    executive.click("[data-testid=announce-plan]")
    executive.wait_for_selector("[data-testid=public-link]")


def report_pdf(page, base: str, plan, name: str) -> bytes:
    """From the plan's page: the forms' link, the report's card, PDF, the job's page; the
    file downloaded when the job is done."""
    open_plan(page, base, plan)
    page.click(f"a[href='{reverse('reports:index')}']")
    card = page.locator(f"[data-testid=report-{name}]")
    card.locator("input[value=pdf]").check()
    card.locator("button[type=submit]").click()
    page.wait_for_selector("[data-testid=run-status]")
    page.wait_for_selector("[data-testid=download]", timeout=60_000)
    run = ReportRun.objects.filter(report=name).latest("pk")
    assert run.options["plan"] == plan.pk and run.format == "pdf"
    with page.expect_download() as info:
        page.click("[data-testid=download]")
    PDFS.mkdir(parents=True, exist_ok=True)
    path = PDFS / f"plans-journey-{name}.pdf"
    info.value.save_as(str(path))
    require_or_skip(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) missing")
    SCREENS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(path), str(SCREENS / f"plans-journey-{name}")],
        check=True,
        timeout=60,
    )
    return path.read_bytes()


def test_the_annual_plan_journey_of_issue_4(live_server, world, new_page, tmp_path):
    base = live_server.url
    world.own.kind = OrganizationKind.objects.get(code="sao")  # a local administration
    world.own.save()
    ldp = make_ldp(world)
    make_refs(world)  # unit U1, position 1234, the planner's e-mail
    lines = ordinance(world)
    head = make_position(world.own, "นายกองค์การบริหารส่วนตำบลทดสอบ")
    head.is_head = True
    head.save()
    appoint(make_person(world.own, first="สมศักดิ์", last="ใจดี"), head)
    ldp_road = PlanProject.objects.get(plan=ldp, name="โครงการก่อสร้างถนน หมู่ที่ 1 ชุด 0")
    ldp_water = PlanProject.objects.get(plan=ldp, name="โครงการปรับปรุงประปา 0")
    ldp_health = PlanProject.objects.get(plan=ldp, name="โครงการป้องกันไข้เลือดออก 0")

    # 1. The planner makes the operational plan of the working year on the development plan.
    planner = new_page()
    log_in(planner, base, world.planner.username)
    planner.goto(base + reverse("plans:plan_create"))
    planner.select_option("#id_kind", "operational_plan")
    planner.select_option("#id_multi_year_plan", str(ldp.pk))
    planner.click("[data-testid=plan-save]")
    planner.wait_for_selector("[data-testid=annual-plan-title]")
    plan = AnnualPlan.objects.get(organization=world.own)
    assert (plan.kind, plan.fiscal_year, plan.multi_year_plan_id) == (
        "operational_plan",
        YEAR,
        ldp.pk,
    )

    # 2. Two projects by the Excel project template: upload, preview, confirm.
    template = tmp_path / "projects.xlsx"
    template_workbook(plan).save(template)
    planner.click(f"a[href='{reverse('plans:import_projects', args=[plan.pk])}']")
    planner.set_input_files("#id_file", str(template))
    planner.click("[data-testid=import-upload]")
    planner.wait_for_selector("[data-testid=import-preview]")
    assert planner.locator("[data-testid=import-row]").count() == 2
    planner.click("[data-testid=import-confirm]")
    planner.wait_for_url(base + reverse("plans:plan_detail", args=[plan.pk]))
    assert plan.projects.count() == 2

    # 3. Two more from the ผด.02 sheet the office kept.
    sheet = tmp_path / "pd02.xlsx"
    pd02_workbook().save(sheet)
    planner.goto(base + reverse("plans:import_pd02"))
    planner.set_input_files("#id_file", str(sheet))
    planner.click("[data-testid=import-upload]")
    planner.wait_for_selector("[data-testid=import-preview]")
    assert planner.locator("[data-testid=import-row]").count() == 2
    shot(planner, "pd02-preview")
    planner.click("[data-testid=import-confirm]")
    planner.wait_for_url(base + reverse("plans:plan_detail", args=[plan.pk]))
    assert plan.projects.count() == 4
    road = plan.projects.get(name="โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนา")
    drain = plan.projects.get(name="โครงการวางท่อระบายน้ำภายในหมู่บ้าน")
    assert road.issue.number == 1 and road.months == [4, 5, 6]

    # 4. One by hand, with an activity, a risk and a budget line on the ordinance.
    planner.goto(base + reverse("plans:project_create", args=[plan.pk]))
    planner.fill("#id_name", "โครงการป้องกันโรคไข้เลือดออก")
    planner.fill("#id_place", "หมู่ที่ 1 - 12")
    for month in ("พ.ค.", "มิ.ย.", "ก.ค."):
        planner.locator("[data-testid=months] label", has_text=month).click()
    planner.select_option("#id_issue", str(ldp.issues.get(number=2).pk))
    planner.select_option("#id_ldp_project", str(ldp_health.pk))
    planner.click("[data-testid=project-save]")
    planner.wait_for_selector("[data-testid=project-name]")
    assert plan.projects.get(name="โครงการป้องกันโรคไข้เลือดออก").ldp_project == ldp_health

    def activity(form):
        form.locator("#id_name").fill("พ่นหมอกควันกำจัดยุงลาย")
        for month in ("พ.ค.", "มิ.ย."):
            form.locator("[data-testid=months] label", has_text=month).click()

    add_part(planner, "activity", activity)
    planner.wait_for_selector("text=พ่นหมอกควันกำจัดยุงลาย")

    def risk(form):
        form.locator("#id_description").fill("ฝนตกหนักพ่นหมอกควันไม่ได้")
        form.locator("#id_likelihood").select_option("3")
        form.locator("#id_impact").select_option("3")
        form.locator("#id_mitigation").fill("ติดตามพยากรณ์อากาศ")
        form.locator("#id_fallback_plan").fill("แจกทรายอะเบทแทน")

    add_part(planner, "risk", risk)
    planner.wait_for_selector("text=แจกทรายอะเบทแทน")

    def budget(form):
        form.locator("#id_source").select_option(label="เงินรายได้")
        form.locator("#id_category").select_option(label="ค่าใช้สอย")
        form.locator("#id_appropriation_line").select_option(str(lines["ORD-01"].pk))
        form.locator("#id_description").fill("ค่าน้ำมันเครื่องพ่นหมอกควัน")
        form.locator("#id_amount").fill("60000")

    add_part(planner, "budget", budget)
    planner.wait_for_selector("[data-testid=budget-total]")
    assert planner.inner_text("[data-testid=budget-total]") == "60,000.00"
    shot(planner, "project-by-hand")

    # 5. The alignment check blocks submission; each finding links to its project.
    open_plan(planner, base, plan)
    assert planner.is_visible("[data-testid=submit-blocked]")
    planner.goto(base + reverse("plans:plan_check", args=[plan.pk]))
    shot(planner, "check-blocked")
    blocking = {f.code for f in alignment_check(plan).blocking}
    p01, p02 = plan.projects.get(code="P-01"), plan.projects.get(code="P-02")
    assert blocking == {
        f"no_ldp_project:{p01.pk}",
        f"no_ldp_project:{p02.pk}",
        f"no_ldp_project:{road.pk}",
        f"no_ldp_project:{drain.pk}",
        f"no_appropriation:{road.pk}",
        f"no_appropriation:{drain.pk}",
    }
    finding = planner.locator(f"[data-testid=finding][data-code='no_ldp_project:{road.pk}']")
    finding.locator("a.btn").click()  # "Fix" opens the project
    planner.wait_for_url(base + reverse("plans:project_detail", args=[road.pk]))
    fix_project(planner, base, road, ldp_road, lines["ORD-02"])
    fix_project(planner, base, drain, ldp_water, lines["ORD-02"])
    fix_project(planner, base, p01, ldp_health)
    fix_project(planner, base, p02, ldp_health)
    assert not alignment_check(plan).blocking
    accept_warnings(planner, base, plan, "ตัวชี้วัดของโครงการจะกำหนดในไตรมาสแรก")
    shot(planner, "check-fixed")
    assert not alignment_check(plan).open_warnings

    # 6. Submitted; the committee sends it back once with a comment.
    open_plan(planner, base, plan)
    planner.fill("#submit-comment", "เสนอเพื่อพิจารณา")
    planner.click("[data-testid=submit-plan]")
    planner.wait_for_selector("[data-testid=advance-plan]")
    planner.click("[data-testid=advance-plan]")  # the support committee's draft
    planner.wait_for_selector("[data-testid=review-panel]")
    assert (refresh(plan).state, plan.current_step) == ("in_review", 2)

    committee = new_page()
    log_in(committee, base, world.role_users["committee"].username)
    committee.goto(base + reverse("plans:meeting_add", args=[plan.pk]))
    committee.fill("#id_date", "10/10/2569")
    committee.fill("#id_members_present", "นายหนึ่ง ประธาน\nนางสอง กรรมการ")
    committee.select_option("#id_decision", "sent_back")
    committee.locator("[data-testid=project-comments] textarea").first.fill("ระบุกลุ่มเป้าหมาย")
    committee.click("[data-testid=save-meeting]")
    committee.wait_for_selector("[data-testid=review-panel]")
    committee.fill("#return-comment", "ขอให้ระบุกลุ่มเป้าหมายของโครงการก่อสร้างถนน")
    committee.click("[data-testid=return-plan]")
    committee.wait_for_selector("[data-testid=meetings]")
    assert refresh(plan).state == "returned"
    assert CommitteeMeeting.objects.filter(plan=plan).count() == 1
    shot(committee, "returned")

    # 7. Fixed and resubmitted, approved by the executive and announced.
    planner.goto(base + reverse("plans:project_edit", args=[road.pk]))
    planner.fill("#id_target_group", "ประชาชนบ้านนา หมู่ที่ 1")
    planner.click("[data-testid=project-save]")
    planner.wait_for_selector("[data-testid=project-name]")
    open_plan(planner, base, plan)
    assert "ขอให้ระบุกลุ่มเป้าหมาย" in planner.inner_text("[data-testid=transitions]")
    planner.click("[data-testid=submit-plan]")
    planner.wait_for_selector("[data-testid=advance-plan]")
    executive = new_page()
    log_in(executive, base, world.role_users["executive"].username)
    approve_and_announce(base, plan, planner, committee, executive, "1/11/2569")
    assert (refresh(plan).state, plan.announced_on) == ("announced", dt.date(2026, 11, 1))
    shot(executive, "announced")

    # 8. The public page, no login, on a phone.
    public = new_page(phone=True)
    public.goto(base + reverse("plans:public_list"))
    public.click(f"a[href='{reverse('plans:public_plan', args=[plan.pk])}']")
    public.wait_for_selector("[data-testid=public-projects]")
    listed = public.inner_text("[data-testid=public-projects]")
    assert all(p.name in listed for p in plan.projects.all())
    total = BudgetLine.objects.filter(project__plan=plan).aggregate(t=Sum("amount"))["t"]
    assert total == Decimal(965000)
    assert "965,000.00" in public.inner_text("[data-testid=public-total]")
    shot(public, "public")

    # 9. An additional budget: the event is recorded, an addition becomes edition 2.
    additional = Appropriation.objects.create(
        organization=world.own,
        fiscal_year=YEAR,
        kind="additional",
        title="ข้อบัญญัติงบประมาณรายจ่ายเพิ่มเติม ฉบับที่ 1",
        effective_on=dt.date(2026, 11, 15),
    )
    extra_line = AppropriationLine.objects.create(
        appropriation=additional,
        code="ADD-01",
        category=ExpenseCategory.objects.get(code="L3.2"),
        item="ค่าก่อสร้างลานกีฬา",
        amount=Decimal(200000),
    )
    open_plan(planner, base, plan)
    planner.click("details:has([data-testid=add-event]) summary")
    planner.select_option("#id_event", "additional_budget")
    planner.fill("#id_date", "15/11/2569")
    planner.fill("#id_note", "ข้อบัญญัติงบประมาณรายจ่ายเพิ่มเติม ฉบับที่ 1")
    planner.click("[data-testid=add-event]")
    planner.wait_for_selector("[data-testid=deadlines]")
    assert "15 พ.ย. 2569" in planner.inner_text("[data-testid=deadlines]")
    planner.click("details:has([data-testid=start-edition]) summary")
    planner.select_option("#id_kind", "addition")
    planner.fill("#id_reason", "ได้รับงบประมาณรายจ่ายเพิ่มเติม")
    planner.click("[data-testid=start-edition]")
    planner.wait_for_selector("[data-testid=review-panel]")
    edition = AnnualPlan.objects.get(previous=plan)
    assert edition.edition_kind == "addition" and edition.projects.count() == 5

    planner.goto(base + reverse("plans:project_create", args=[edition.pk]))
    planner.fill("#id_name", "โครงการก่อสร้างลานกีฬาประจำหมู่บ้าน")
    planner.fill("#id_place", "บ้านนา หมู่ที่ 1")
    for month in ("ม.ค.", "ก.พ."):
        planner.locator("[data-testid=months] label", has_text=month).click()
    planner.select_option("#id_issue", str(ldp.issues.get(number=2).pk))
    ldp_sports = PlanProject.objects.get(plan=ldp, name__startswith="โครงการลานกีฬา")
    planner.select_option("#id_ldp_project", str(ldp_sports.pk))
    planner.click("[data-testid=project-save]")
    planner.wait_for_selector("[data-testid=project-name]")

    def extra_budget(form):
        form.locator("#id_source").select_option(label="งบประมาณรายจ่ายเพิ่มเติม")
        form.locator("#id_category").select_option(label="ค่าที่ดินและสิ่งก่อสร้าง")
        form.locator("#id_appropriation_line").select_option(str(extra_line.pk))
        form.locator("#id_amount").fill("200000")

    add_part(planner, "budget", extra_budget)
    planner.wait_for_selector("[data-testid=budget-total]")
    planner.goto(base + reverse("plans:edition_diff", args=[edition.pk]))
    assert "โครงการก่อสร้างลานกีฬาประจำหมู่บ้าน" in planner.inner_text("[data-testid=diff-added]")
    shot(planner, "edition-diff")
    assert not alignment_check(edition).blocking
    accept_warnings(planner, base, edition, "เป็นโครงการจากงบประมาณเพิ่มเติม")
    open_plan(planner, base, edition)
    planner.click("[data-testid=submit-plan]")
    planner.wait_for_selector("[data-testid=advance-plan]")
    approve_and_announce(base, edition, planner, committee, executive, "25/11/2569")
    assert refresh(edition).state == "announced" and refresh(plan).state == "announced"

    public.goto(base + reverse("plans:public_plan", args=[edition.pk]))
    assert "โครงการก่อสร้างลานกีฬาประจำหมู่บ้าน" in public.inner_text("[data-testid=public-projects]")
    assert edition.edition_label in public.inner_text("[data-testid=public-editions]")
    shot(public, "public-edition-2")
    with public.expect_download() as info:  # the forms, without login, of this edition only
        public.click("[data-testid=public-form-pd02-pdf]")
    assert info.value.suggested_filename.startswith("pd02-OWN-2570")
    public_pd02 = pdf_words(info.value.path().read_bytes())
    assert "โครงการก่อสร้างลานกีฬาประจำหมู่บ้าน" in public_pd02 and "1,165,000.00" in public_pd02
    public.goto(base + reverse("plans:public_plan", args=[plan.pk]))
    assert "โครงการก่อสร้างลานกีฬา" not in public.inner_text("[data-testid=public-projects]")
    assert not Project.objects.filter(plan=plan, name__contains="ลานกีฬา").exists()

    # 10. ผด.01 and ผด.02 of the plan in force (edition 2) as PDFs, through the report job.
    pd01 = pdf_words(report_pdf(planner, base, edition, "pd01"))
    pd02 = pdf_words(report_pdf(planner, base, edition, "pd02"))
    fresh = BudgetLine.objects.filter(project__plan=edition).aggregate(t=Sum("amount"))["t"]
    assert fresh == Decimal(1165000)
    assert "ผด.01" in pd01 and "1,165,000.00" in pd01 and "100.00" in pd01
    assert "ผด.02" in pd02 and "1,165,000.00" in pd02 and "เพิ่มเติม1/2570" in pd02
    assert "โครงการก่อสร้างลานกีฬาประจำหมู่บ้าน" in pd02
    assert "โครงการป้องกันโรคไข้เลือดออก" in pd02 and "ถนนคอนกรีตเสริมเหล็ก" in pd02
