"""Reports pd01, pd02, pd02-1 and plan-book: the official outputs of an annual plan."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import pgettext
from openpyxl import load_workbook

from phaen.accounts.models import User
from phaen.budget.models import BudgetSource, ExpenseCategory, WorkPlan
from phaen.core.testing import PASSWORD
from phaen.core.thai import FISCAL_MONTH_ABBRS
from phaen.organizations.models import Unit
from phaen.plans import services
from phaen.plans.models import Activity, AnnualPlan, BudgetLine, EquipmentItem, Project
from phaen.plans.tests.conftest import add_project, annual, strategic  # noqa: F401
from phaen.reports.models import ReportRun
from phaen.reports.registry import ReportError, get_report
from phaen.reports.renderers import render
from phaen.reports.tests.pdf_text import page_size, pdf_text
from phaen.reports.tests.test_local_plan_forms import flat, pdf_words
from phaen.strategy.models import StrategicPlan
from phaen.web.middleware import SESSION_FY

TRICKY = "#set text(red) $x$ *โครงการ*"
FY = 2568


def build(name, plan, user=None, **options):
    from phaen.reports.management.commands.report import console_user

    report = get_report(name)
    return report, report.build(user=user or console_user(), plan=plan.pk, **options)


def as_json(name, plan, user=None):
    report, built = build(name, plan, user)
    return json.loads(render(report, built, "json").content)


def fresh_total(plan) -> Decimal:
    """The plan's money straight from the database: its budget lines of projects that are
    not cancelled."""
    total = (
        BudgetLine.objects.filter(project__plan=plan)
        .exclude(project__status="cancelled")
        .aggregate(s=Sum("amount"))["s"]
    )
    return total or Decimal(0)


@pytest.fixture
def unit(world):
    return Unit.objects.create(organization=world.own, code="ENG", name_th="กองช่าง")


@pytest.fixture
def operational(world, strategic, unit):  # noqa: F811
    """An operational plan: projects under two issues and two work plans, one without an
    issue, one out of plan, one cancelled, one with a tricky name; equipment items. The
    multi-year plan uses Arabic digits (the sample chose Thai ones)."""
    StrategicPlan.objects.filter(pk=strategic.pk).update(digits="arabic")
    plan = services.plan_create(
        organization=world.own,
        kind="operational_plan",
        fiscal_year=FY,
        multi_year_plan=strategic,
        by=world.planner,
    )
    issue1, issue2 = strategic.issues.get(number=1), strategic.issues.get(number=2)
    roads, health = WorkPlan.objects.get(ordinal=9), WorkPlan.objects.get(ordinal=4)
    road = add_project(
        plan,
        "โครงการก่อสร้างถนน หมู่ที่ 1",
        450000,
        issue=issue1,
        work_plan=roads,
        responsible_unit=unit,
        place="หมู่ที่ 1",
        months=[2, 3, 4],
    )
    BudgetLine.objects.create(
        project=road,
        source=BudgetSource.objects.get(code="own_revenue"),
        category=ExpenseCategory.objects.get(code="L3.2"),
        amount=Decimal("50000.50"),
    )
    ditch = add_project(
        plan,
        TRICKY,
        120000,
        issue=issue1,
        work_plan=roads,
        other_agency="อำเภอเมือง",
        objectives="เพื่อระบายน้ำ\nเพื่อลดน้ำท่วม",
    )
    Activity.objects.create(project=ditch, name="ขุดลอกคลอง", months=[4, 3], sort_order=1)
    Activity.objects.create(project=ditch, name="ตรวจรับงาน", months=[5], sort_order=2)
    add_project(plan, "โครงการป้องกันไข้เลือดออก", 30000, issue=issue2, work_plan=health)
    add_project(plan, "โครงการนอกแผน", 10000, issue=issue2, work_plan=health, out_of_plan=True)
    add_project(plan, "โครงการยกเลิก", 99999, issue=issue2, work_plan=health, status="cancelled")
    add_project(plan, "โครงการไม่ระบุยุทธศาสตร์", 5000, objectives="ทดสอบ")
    EquipmentItem.objects.create(
        plan=plan,
        work_plan=roads,
        category=ExpenseCategory.objects.get(code="L3.1"),
        name="เครื่องตัดหญ้า",
        details="แบบข้อแข็ง\nจำนวน 2 เครื่อง",
        amount=Decimal("19000"),
        place="สำนักงาน",
        responsible_unit=unit,
        months=[1],
    )
    return plan


# --- ผด.02 ------------------------------------------------------------------------------------
def test_it_lays_out_pd02_as_json_by_strategy_and_work_plan(operational):
    doc = as_json("pd02", operational)
    assert (doc["plan"], doc["fiscal_year"], doc["form"]) == (operational.pk, FY, "ผด.02")
    heads = [(g["strategy"][:2], g["work_plan"]) for g in doc["groups"]]
    assert heads == [
        ("1.", "แผนงานอุตสาหกรรมและการโยธา"),
        ("2.", "แผนงานสาธารณสุข"),
        ("", ""),
    ]
    road, ditch = doc["groups"][0]["projects"]
    assert road == {
        "no": 1,
        "name": "โครงการก่อสร้างถนน หมู่ที่ 1",
        "details": [],
        "budget": 500000.5,
        "place": "หมู่ที่ 1",
        "unit": "กองช่าง",
        "months": ["พ.ย.", "ธ.ค.", "ม.ค."],
        "id": road["id"],
        "code": "",
        "out_of_plan": False,
    }
    # activities make the details and, when the project has none, the months
    assert ditch["no"] == 2 and ditch["name"] == TRICKY
    assert ditch["details"] == ["ขุดลอกคลอง", "ตรวจรับงาน"]
    assert ditch["months"] == ["ธ.ค.", "ม.ค.", "ก.พ."]
    assert ditch["unit"] == "อำเภอเมือง"
    health = doc["groups"][1]["projects"]
    assert [(p["no"], p["name"], p["out_of_plan"]) for p in health] == [
        (1, "โครงการป้องกันไข้เลือดออก", False),
        (2, "โครงการนอกแผน", True),
    ]  # numbering restarts per group; the cancelled project is left out
    assert doc["groups"][2]["projects"][0]["details"] == ["ทดสอบ"]
    assert doc["total"] == {"projects": 5, "budget": 665000.5}


def test_the_totals_equal_a_fresh_sum_of_the_budget_lines(operational):
    pd02, pd01 = as_json("pd02", operational), as_json("pd01", operational)
    fresh = fresh_total(operational)
    assert Decimal(str(pd02["total"]["budget"])) == fresh == Decimal("665000.50")
    assert pd01["total"] == pd02["total"]
    count = Project.objects.filter(plan=operational).exclude(status="cancelled").count()
    assert pd02["total"]["projects"] == count
    group_sums = sum(Decimal(str(g["total"]["budget"])) for g in pd02["groups"])
    assert group_sums == fresh
    pd021 = as_json("pd02-1", operational)
    items = EquipmentItem.objects.filter(plan=operational).aggregate(s=Sum("amount"))["s"]
    assert Decimal(str(pd021["total"]["budget"])) == items


def test_pd01_counts_shares_and_units_per_strategy_and_work_plan(operational):
    doc = as_json("pd01", operational)
    rows = [
        (r["work_plan"], r["projects"], r["projects_pct"], r["budget"], r["budget_pct"], r["unit"])
        for r in doc["rows"]
    ]
    assert rows == [
        ("แผนงานอุตสาหกรรมและการโยธา", 2, 40.0, 620000.5, 93.23, "กองช่าง, อำเภอเมือง"),
        ("แผนงานสาธารณสุข", 2, 40.0, 40000, 6.02, ""),
        ("", 1, 20.0, 5000, 0.75, ""),
    ]
    assert [s["projects"] for s in doc["strategies"]] == [2, 2, 1]
    assert doc["total"] == {"projects": 5, "budget": 665000.5}


def test_an_empty_plan_gives_zeros_in_every_form_and_format(world):
    plan = services.plan_create(organization=world.own, kind="action_plan", fiscal_year=FY)
    for name in ("pd01", "pd02", "pd02-1"):
        doc = as_json(name, plan)
        key = "items" if name == "pd02-1" else "projects"
        assert doc["total"] == {key: 0, "budget": 0}
        assert doc.get("rows", doc.get("groups")) == []
        report, built = build(name, plan)
        assert render(report, built, "pdf").content[:5] == b"%PDF-"
        assert render(report, built, "xlsx").content[:2] == b"PK"
    book = as_json("plan-book", plan)
    assert book["sections"] == ["cover", "introduction", "pd01", "pd02"]


def test_the_month_columns_sit_under_the_previous_and_the_fiscal_year(operational):
    report, built = build("pd02", operational)
    header = built.layout.header
    assert [(h.text, h.colspan) for h in header[0][6:]] == [("พ.ศ. 2567", 3), ("พ.ศ. 2568", 9)]
    assert [h.text for h in header[1]] == list(FISCAL_MONTH_ABBRS)
    assert FISCAL_MONTH_ABBRS[0] == "ต.ค." and FISCAL_MONTH_ABBRS[-1] == "ก.ย."
    typst = report.typst_data(built)
    road_cells = typst["groups"][0]["rows"][0]["cells"]
    assert road_cells[6:] == [False, True, True, True] + [False] * 8
    pdf = render(report, built, "pdf").content
    assert page_size(pdf) == (841.9, 595.3)  # A4 landscape
    words = pdf_words(pdf)
    for text in ("พ.ศ.2567", "พ.ศ.2568", "ต.ค.", "ก.ย.", "สถานที่ดำเนินการ", "หน่วยงานรับผิดชอบหลัก"):
        assert text in words


def test_a_name_that_looks_like_typst_markup_prints_literally(operational):
    report, built = build("pd02", operational)
    words = pdf_words(render(report, built, "pdf").content)
    assert "#settext(red)$x$*โครงการ*" in words
    assert flat(pgettext("report", "(outside the plan)")) in words and "-ขุดลอกคลอง" in words


def test_thai_digits_when_asked_or_chosen_by_the_multi_year_plan(operational, strategic):  # noqa: F811
    report, built = build("pd02", operational)
    plain_text = pdf_text(render(report, built, "pdf").content)
    assert "500,000.50" in plain_text and "๕๐๐" not in plain_text
    thai = pdf_text(render(report, built, "pdf", thai_digits=True).content)
    assert "๕๐๐,๐๐๐.๕๐" in thai and "๒๕๖๗" in thai
    StrategicPlan.objects.filter(pk=strategic.pk).update(digits="thai")
    report, built = build("pd01", operational)
    assert report.thai_digits(built) is True
    assert "๖๖๕,๐๐๐.๕๐" in pdf_text(render(report, built, "pdf").content)


def test_it_refuses_unknown_and_invisible_plans_alike(world, operational):
    outsider = get_report("pd02")
    with pytest.raises(ReportError) as invisible:
        outsider.build(user=world.outsider, plan=operational.pk)
    with pytest.raises(ReportError) as missing:
        outsider.build(user=world.outsider, plan=999999)
    assert str(invisible.value).replace(str(operational.pk), "N") == str(missing.value).replace(
        "999999", "N"
    )
    doc = as_json("pd02", operational, user=world.viewer)  # a viewer of the organisation may
    assert doc["total"]["projects"] == 5
    with pytest.raises(ReportError, match="2499"):
        get_report("pd02").build(user=world.planner, plan=operational.pk, version="2499")


# --- Excel ------------------------------------------------------------------------------------
def workbook_of(name, plan):
    report, built = build(name, plan)
    return load_workbook(io.BytesIO(render(report, built, "xlsx").content))


def test_the_pd02_workbook_has_live_totals_and_month_bars(operational):
    ws = workbook_of("pd02", operational)["ผด.02"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ" in cells and "พ.ศ. 2567" in cells
    formulas = [c for row in ws.iter_rows() for c in row if str(c.value).startswith("=")]
    assert len(formulas) == 4  # three groups and the grand total
    group_totals, grand = formulas[:3], formulas[3]
    road_row = cells["โครงการก่อสร้างถนน หมู่ที่ 1"].row
    assert group_totals[0].value == f"=SUM(D{road_row}:D{road_row + 1})"
    assert grand.value == "=SUM(" + ",".join(c.coordinate for c in group_totals) + ")"
    assert ws.cell(row=road_row, column=4).value == Decimal("500000.50")
    filled = [
        ws.cell(row=road_row, column=col).fill.start_color.rgb[-6:] == "4472C4"
        for col in range(7, 19)
    ]
    assert filled == [False, True, True, True] + [False] * 8
    assert f"โครงการนอกแผน {pgettext('report', '(outside the plan)')}" in cells


def test_the_pd01_workbook_sums_and_divides_with_formulas(operational):
    ws = workbook_of("pd01", operational)["ผด.01"]
    rows = {str(r[0].value).strip(): r for r in ws.iter_rows() if r[0].value}
    total = rows[pgettext("report", "Total")]
    assert str(total[1].value).startswith("=SUM(") and str(total[3].value).startswith("=SUM(")
    first = rows[next(k for k in rows if k.startswith("1."))]
    assert first[1].value == f"=SUM(B{first[1].row + 1}:B{first[1].row + 1})"
    road = rows["แผนงานอุตสาหกรรมและการโยธา"]
    assert road[1].value == 2 and road[3].value == Decimal("620000.50")
    assert road[2].value == f"=IF(B${total[1].row}=0,0,B{road[1].row}/B${total[1].row})"
    assert road[2].number_format == "0.00%"


# --- the command ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["pd01", "pd02", "pd02-1", "plan-book"])
def test_the_command_writes_every_format(operational, tmp_path, name):
    for fmt in ("pdf", "xlsx", "json"):
        out = tmp_path / f"{name}.{fmt}"
        call_command("report", name, "--plan", str(operational.pk), "--out", str(out),
                     stdout=io.StringIO())  # fmt: skip
        content = out.read_bytes()
        assert content[:5] == b"%PDF-" if fmt == "pdf" else True
        assert content[:2] == b"PK" if fmt == "xlsx" else True
        if fmt == "json":
            assert json.loads(content)["plan"] == operational.pk
    with pytest.raises(CommandError, match="999999"):
        call_command("report", name, "--plan", "999999", stdout=io.StringIO())


# --- query counts -----------------------------------------------------------------------------
def bulk_plan(org, issue, n: int) -> AnnualPlan:
    plan = services.plan_create(
        organization=org, kind="operational_plan", fiscal_year=FY, multi_year_plan=issue.plan
    )
    wps = list(WorkPlan.objects.order_by("ordinal")[:3])
    projects = Project.objects.bulk_create(
        Project(plan=plan, name=f"โครงการ {i}", issue=issue if i % 2 else None,
                work_plan=wps[i % 3], sort_order=i, months=[i % 12 + 1])
        for i in range(n)
    )  # fmt: skip
    source, category = BudgetSource.objects.first(), ExpenseCategory.objects.get(code="L2.2")
    BudgetLine.objects.bulk_create(
        BudgetLine(project=p, source=source, category=category, amount=Decimal(1000 + i))
        for i, p in enumerate(projects)
    )
    Activity.objects.bulk_create(Activity(project=p, name="กิจกรรม", months=[1]) for p in projects)
    EquipmentItem.objects.bulk_create(
        EquipmentItem(plan=plan, category=ExpenseCategory.objects.get(code="L3.1"),
                      work_plan=wps[i % 3], name=f"ครุภัณฑ์ {i}", amount=Decimal(500))
        for i in range(n // 10)
    )  # fmt: skip
    return plan


@pytest.mark.parametrize("name", ["pd01", "pd02", "pd02-1", "plan-book"])
def test_the_number_of_queries_does_not_grow_with_the_plan(
    world,
    strategic,  # noqa: F811
    django_assert_num_queries,
    name,
):
    issue = strategic.issues.get(number=1)
    small, big = bulk_plan(world.own, issue, 50), bulk_plan(world.own, issue, 500)
    report = get_report(name)
    # 4 queries find the user's roles; then the plan, the projects, their activities and
    # budget lines (ผด.02/1: the items); the book adds the items and 18 queries that read
    # the multi-year plan (the strategic-plan report's builder)
    expected = {"pd01": 8, "pd02": 8, "pd02-1": 6, "plan-book": 27}[name]
    for plan in (small, big):
        user = User.objects.get(pk=world.planner.pk)  # nothing cached from the last build
        with django_assert_num_queries(expected) as ctx:
            built = report.build(user=user, plan=plan.pk)
        groups = built.pd02.groups if name == "plan-book" else getattr(built, "groups", None)
        assert name in ("pd01", "pd02-1") or len(groups) == 6
    assert len(ctx.captured_queries) == expected


# --- the plan book ----------------------------------------------------------------------------
def test_the_plan_book_has_every_section_of_a_plan_with_a_multi_year_plan(world, operational):
    doc = as_json("plan-book", operational)
    assert doc["sections"] == [
        "cover", "introduction", "vision", "swot", "strategies", "pd01", "pd02", "pd02_1",
        "appendix",
    ]  # fmt: skip
    assert len(doc["objectives"]) == 4
    assert all(world.own.name_th in text for text in [doc["introduction"], *doc["objectives"]])
    assert doc["pd02"]["total"] == as_json("pd02", operational)["total"]
    appendix = {p["name"]: p for p in doc["appendix"]}
    road = appendix["โครงการก่อสร้างถนน หมู่ที่ 1"]
    assert [line["amount"] for line in road["lines"]] == [450000, 50000.5]
    assert road["lines"][1]["category"] == "งบลงทุน: ค่าที่ดินและสิ่งก่อสร้าง"
    assert sum(Decimal(str(p["total"])) for p in doc["appendix"]) == fresh_total(operational)
    report, built = build("plan-book", operational)
    pdf = render(report, built, "pdf").content
    assert page_size(pdf) == (595.3, 841.9)  # portrait book, landscape pages for the forms
    words = pdf_words(pdf)
    for text in (
        pgettext("report", "Introduction"),
        pgettext("report", "Vision"),
        "ผด.01",
        "ผด.02/1",
        "เครื่องตัดหญ้า",
        "งบลงทุน:ค่าที่ดินและสิ่งก่อสร้าง",
    ):
        assert flat(text) in words


def test_the_plan_book_leaves_out_what_it_has_no_data_for(world):
    plan = services.plan_create(organization=world.own, kind="action_plan", fiscal_year=FY)
    add_project(plan, "โครงการเดียว", 1000)
    doc = as_json("plan-book", plan)
    assert doc["sections"] == ["cover", "introduction", "pd01", "pd02", "appendix"]
    assert doc["objectives"] == [] and doc["vision"] == "" and doc["strategies"] == []
    report, built = build("plan-book", plan)
    words = pdf_words(render(report, built, "pdf").content)
    assert flat(pgettext("report", "Vision")) not in words
    assert flat(pgettext("report", "SWOT analysis")) not in words


# --- from the pages ---------------------------------------------------------------------------
def test_the_organisation_plan_for_the_year_is_the_announced_one_else_approved_else_draft(
    world, operational
):
    report = get_report("pd02")
    assert report.options_for_organization(world.own, FY)["plan"] == operational.pk
    approved = services.plan_create(organization=world.own, kind="action_plan", fiscal_year=FY)
    AnnualPlan.objects.filter(pk=approved.pk).update(state="approved")
    assert report.options_for_organization(world.own, FY)["plan"] == approved.pk
    with pytest.raises(ReportError, match="2570"):
        report.options_for_organization(world.own, 2570)


def test_a_background_run_of_pd02_from_the_page_completes(
    client, world, operational, django_capture_on_commit_callbacks
):
    client.login(username=world.planner.username, password=PASSWORD)
    session = client.session
    session[SESSION_FY] = FY
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:run_create", args=["pd02"]), {"pd02-format": "pdf"})
    run = ReportRun.objects.get()
    assert response.status_code == 302 and run.options["plan"] == operational.pk
    assert (run.status, run.progress) == ("done", 100)
    assert run.filename == f"pd02-OWN-{FY}.pdf"
    assert "โครงการก่อสร้างถนน" in pdf_words(run.result.read())


# --- the benchmark command ------------------------------------------------------------------
def test_the_benchmark_measures_pd02_and_leaves_no_data_behind(world):
    out = io.StringIO()
    call_command("bench_pd02", "--projects", "12", "--runs", "2", "--in-process-only", stdout=out)
    result = json.loads(out.getvalue())
    inside = result["in_process"]
    assert (result["report"], result["projects"], result["runs"]) == ("pd02", 12, 2)
    assert len(inside["build_s"]) == 2 and inside["median_s"] > 0 and inside["pdf_bytes"] > 1000
    assert result["whole_process"] is None and inside["queries"] == 4
    assert not AnnualPlan.objects.filter(organization__code="BENCH-PD02").exists()
    with pytest.raises(CommandError):
        call_command("bench_pd02", "--projects", "0", stdout=io.StringIO())
