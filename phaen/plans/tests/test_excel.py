"""The project workbook: template, reader with errors naming sheet, row and column, the
all-or-nothing import, and export → import round trips."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook, load_workbook

from phaen.budget.models import (
    Appropriation,
    AppropriationLine,
    BudgetSource,
    ExpenseCategory,
    WorkPlan,
)
from phaen.core.frozen import FrozenRecordError
from phaen.core.testing import make_position
from phaen.organizations.models import Unit
from phaen.plans import excel, services
from phaen.plans.models import Activity, AnnualPlan, BudgetLine, Project, Risk
from phaen.plans.tests.conftest import add_project

pytestmark = pytest.mark.django_db
SHEETS = ("โครงการ", "กิจกรรม", "ความเสี่ยง", "งบประมาณ")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def empty_plan(world, strategic):
    return services.plan_create(
        organization=world.own,
        kind="operational_plan",
        fiscal_year=2568,
        multi_year_plan=strategic,
        by=world.planner,
    )


@pytest.fixture
def refs(world):
    return make_refs(world)


def make_refs(world) -> dict:
    """A unit, a position and a project owner with an e-mail in world.own."""
    unit = Unit.objects.create(organization=world.own, code="U1", name_th="กลุ่มงานยุทธศาสตร์")
    position = make_position(world.own, "นักวิเคราะห์นโยบายและแผนชำนาญการ")
    position.number = "1234"
    position.save()
    person = world.planner.person
    person.email = "planner@example.go.th"
    person.save()
    return {"unit": unit, "position": position, "person": person}


def good_workbook(plan) -> Workbook:
    """The template of ``plan`` filled with two projects, their activities, risks and
    budget lines (the way a planner fills it, with Thai digits and a range of months)."""
    wb = excel.template_workbook(plan)
    wb["โครงการ"].append(
        ["P-01", "โครงการพัฒนาทักษะอาชีพ", 1, "1", "2", "ศาลาประชาคม", "1/11/2567", "31/3/2568",
         "ต.ค.-ธ.ค., ก.พ.", 5, "๔", "ส่งเสริมอาชีพ", "ผู้ว่างงาน", "๑,๒๐๐", "U1",
         "planner@example.go.th", "", "รายได้น้อย"]
    )  # fmt: skip
    wb["โครงการ"].append(["", "โครงการจัดทำฐานข้อมูล", 2, None, "แผนงานการศึกษา"])
    wb["กิจกรรม"].append(
        ["P-01", "อบรมเชิงปฏิบัติการ", "บรรยายและฝึกปฏิบัติ", "1/12/2567", "31/12/2567", "ธ.ค.",
         "ห้องประชุม", "1234"]
    )  # fmt: skip
    wb["กิจกรรม"].append(["โครงการจัดทำฐานข้อมูล", "สำรวจข้อมูล"])
    wb["ความเสี่ยง"].append(
        ["P-01", "อบรมเชิงปฏิบัติการ", "ผู้เข้าอบรมไม่ครบ", 2, 4, "ประชาสัมพันธ์", "อบรมออนไลน์"]
    )
    wb["ความเสี่ยง"].append(["P-01", None, "งบประมาณล่าช้า", 3, 3, "", "เลื่อนกิจกรรม"])
    wb["งบประมาณ"].append(
        ["P-01", "อบรมเชิงปฏิบัติการ", "งบประมาณรายจ่ายประจำปี (พ.ร.บ./ข้อบัญญัติ/เทศบัญญัติ)",
         "C2.1 ค่าตอบแทน ใช้สอยและวัสดุ", None, "ค่าอาหาร", "๑๒,๐๐๐", None, None, 12000]
        + [None] * 9
    )  # fmt: skip
    wb["งบประมาณ"].append(["P-01", None, "own_revenue", "C3.1", None, "ครุภัณฑ์", 30000.5])
    wb["งบประมาณ"].append(["โครงการจัดทำฐานข้อมูล", None, "เงินสะสม", "งบดำเนินงาน", None, "", 5000])
    return wb


def as_file(wb: Workbook) -> io.BytesIO:
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def errors_of(wb: Workbook, plan) -> list[excel.CellError]:
    with pytest.raises(excel.ExcelImportError) as caught:
        excel.read_projects(as_file(wb), plan)
    return caught.value.errors


def sheet_values(wb: Workbook) -> dict[str, list[tuple]]:
    return {title: [tuple(r) for r in wb[title].iter_rows(values_only=True)] for title in SHEETS}


def test_it_writes_the_template_with_headers_lists_and_notes(annual, refs):
    wb = load_workbook(as_file(excel.template_workbook(annual)))
    assert wb.sheetnames[:4] == list(SHEETS)
    for title, columns in excel.SHEETS.items():
        assert [c.value for c in wb[title][1]] == [header for _k, header, _w in columns]
        assert wb[title].max_row == 1  # no data rows in the template
    projects = wb["โครงการ"]
    assert "Buddhist-Era" in projects["G1"].comment.text  # the start date's header note
    lists = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in projects.data_validations.dataValidation
    }
    assert "รายการให้เลือก" in lists["C2"]  # issues offered from the lists sheet
    choices = wb["รายการให้เลือก"]
    column = {cell.value: cell.column_letter for cell in choices[1]}
    offered = [c.value for c in choices[column["หน่วยงาน"]] if c.value][1:]
    assert offered == ["กลุ่มงานยุทธศาสตร์"]
    assert [c.value for c in choices[column["ประเด็นยุทธศาสตร์"]] if c.value][1:] == ["1", "2"]
    assert "C2.1 ค่าตอบแทน ใช้สอยและวัสดุ" in [c.value for c in choices[column["หมวดรายจ่าย"]]]
    assert annual.title in [row[0] for row in wb["คำอธิบาย"].iter_rows(values_only=True)]


def test_it_imports_a_good_workbook_with_activities_risks_and_budget_lines(
    world, empty_plan, refs, strategic
):
    rows = excel.read_projects(as_file(good_workbook(empty_plan)), empty_plan)
    assert [r.name for r in rows] == ["โครงการพัฒนาทักษะอาชีพ", "โครงการจัดทำฐานข้อมูล"]
    assert Project.objects.count() == 0  # reading saves nothing
    excel.import_projects(empty_plan, rows, by=world.planner)

    first = Project.objects.get(plan=empty_plan, code="P-01")
    issue = strategic.issues.get(number=1)
    assert (first.issue, first.strategy) == (issue, issue.strategies.get(number="1"))
    assert first.work_plan == WorkPlan.objects.get(ordinal=2)
    assert (first.start_date, first.end_date) == (dt.date(2024, 11, 1), dt.date(2025, 3, 31))
    assert first.months == [1, 2, 3, 5]
    assert (first.importance, first.urgency, first.target_count) == (5, 4, 1200)
    assert (first.responsible_unit, first.owner) == (refs["unit"], refs["person"])
    assert first.history.first().history_user == world.planner

    activity = Activity.objects.get(project=first)
    assert activity.responsible_position == refs["position"] and activity.months == [3]
    risks = {r.description: r for r in Risk.objects.filter(project=first)}
    assert risks["ผู้เข้าอบรมไม่ครบ"].activity == activity and risks["ผู้เข้าอบรมไม่ครบ"].level == 8
    assert risks["งบประมาณล่าช้า"].activity is None
    assert risks["งบประมาณล่าช้า"].fallback_plan == "เลื่อนกิจกรรม"
    lines = {line.description: line for line in BudgetLine.objects.filter(project=first)}
    food = lines["ค่าอาหาร"]
    assert food.activity == activity and food.amount == Decimal("12000")
    assert food.category.code == "C2.1" and food.source.code == "state_budget"
    assert food.monthly_plan[2] == "12000.00" and len(food.monthly_plan) == 12
    assert lines["ครุภัณฑ์"].amount == Decimal("30000.50")
    assert lines["ครุภัณฑ์"].source == BudgetSource.objects.get(code="own_revenue")

    second = Project.objects.get(plan=empty_plan, name="โครงการจัดทำฐานข้อมูล")
    assert second.issue.number == 2 and second.work_plan.name_th == "แผนงานการศึกษา"
    line = second.budget_lines.get()
    assert line.source.code == "accumulated_funds" and line.category.code == "C2"
    assert second.activities.get().name == "สำรวจข้อมูล"


# (sheet, cell, value written there, part of the message)
BAD_CELLS = [
    ("โครงการ", "C2", 99, "no strategic issue 99"),
    ("โครงการ", "D2", "9", "has no strategy 9"),
    ("โครงการ", "E2", "แผนงานที่ไม่มี", "is not a work plan"),
    ("โครงการ", "G2", "32/13/2567", "is not a date"),
    ("โครงการ", "H2", "1/10/2567", "before the start date"),
    ("โครงการ", "I2", "ต.ค., ABC", "“ABC” is not a month"),
    ("โครงการ", "J2", "สูง", "is not a number"),
    ("โครงการ", "K2", 7, "from 1 to 5"),
    ("โครงการ", "N2", 2.5, "not a whole number"),
    ("โครงการ", "O2", "กองที่ไม่มี", "No unit of"),
    ("โครงการ", "P2", "nobody@example.com", "No person of"),
    ("โครงการ", "B2", "", "name is empty"),
    ("โครงการ", "A3", "P-01", "already used on row 2"),
    ("กิจกรรม", "A3", "P-99", "No project on the projects sheet"),
    ("กิจกรรม", "H2", "9999", "No position of"),
    ("กิจกรรม", "B3", "อบรมเชิงปฏิบัติการ", None),  # same activity twice in one project
    ("ความเสี่ยง", "B2", "กิจกรรมที่ไม่มี", "has no activity"),
    ("ความเสี่ยง", "D2", 0, "from 1 to 5"),
    ("งบประมาณ", "C2", "เงินจากฟ้า", "is not a budget source"),
    ("งบประมาณ", "D2", "หมวดที่ไม่มี", "is not an expense category"),
    ("งบประมาณ", "E2", "9999-01", "No appropriation line of 2568"),
    ("งบประมาณ", "G2", "-5", "cannot be negative"),
    ("งบประมาณ", "H2", 1, "The months add up to 12001"),
    ("งบประมาณ", "G3", None, "The amount is empty"),
]


@pytest.mark.parametrize(("sheet", "cell", "value", "message"), BAD_CELLS)
def test_each_kind_of_bad_cell_is_named_and_nothing_is_saved(
    world, empty_plan, refs, sheet, cell, value, message
):
    wb = good_workbook(empty_plan)
    if sheet == "กิจกรรม" and cell == "B3":
        wb["กิจกรรม"]["A3"] = "P-01"
    wb[sheet][cell] = value
    errors = errors_of(wb, empty_plan)
    assert [(e.sheet, e.cell) for e in errors] == [(sheet, cell)], errors
    header = wb[sheet][f"{cell[0]}1"].value
    assert errors[0].message.startswith(f"{header}: ")
    assert message is None or message in errors[0].message
    assert not Project.objects.exists() and not Activity.objects.exists()


def test_it_names_missing_sheets_columns_and_an_empty_sheet(empty_plan):
    wb = Workbook()
    wb.active.title = "อื่น"
    assert [str(e) for e in errors_of(wb, empty_plan)] == ["โครงการ: The sheet is missing."]
    wb = excel.template_workbook(empty_plan)
    assert [(e.sheet, e.row) for e in errors_of(wb, empty_plan)] == [("โครงการ", 2)]
    wb["งบประมาณ"]["G1"] = "เงิน"
    wb["โครงการ"].append(["A", "โครงการ ก"])
    errors = errors_of(wb, empty_plan)
    assert [(e.sheet, e.row) for e in errors] == [("งบประมาณ", 1)]
    assert "จำนวนเงิน (บาท)" in errors[0].message


def test_an_unreadable_file_is_one_error(empty_plan):
    with pytest.raises(excel.ExcelImportError) as caught:
        excel.read_projects(io.BytesIO(b"not a workbook"), empty_plan)
    assert [str(e) for e in caught.value.errors] == [
        ": The file is not an Excel workbook (.xlsx) or it is damaged."
    ]


def test_dates_typed_into_excel_date_cells_and_issues_without_a_multi_year_plan(world, refs):
    plan = services.plan_create(organization=world.own, kind="action_plan", fiscal_year=2568)
    wb = excel.template_workbook(plan)
    # Excel turns "1/10/2567" typed into a date cell into 1 October 2567 AD.
    wb["โครงการ"].append(
        ["", "ก", None, None, None, "", dt.datetime(2567, 10, 1), dt.date(2025, 9, 30)]
    )
    [row] = excel.read_projects(as_file(wb), plan)
    assert (row.fields["start_date"], row.fields["end_date"]) == (
        dt.date(2024, 10, 1),
        dt.date(2025, 9, 30),
    )
    wb["โครงการ"]["C2"] = 1
    [error] = errors_of(wb, plan)
    assert error.cell == "C2" and "not linked to a multi-year plan" in error.message


def test_it_refuses_a_frozen_plan_and_saves_nothing(world, annual, refs):
    rows = excel.read_projects(as_file(good_workbook(annual)), annual)
    AnnualPlan.objects.filter(pk=annual.pk).update(state="approved")
    annual.refresh_from_db()
    with pytest.raises(FrozenRecordError):
        excel.import_projects(annual, rows, by=world.planner)
    assert annual.projects.count() == 3


def test_a_failure_half_way_rolls_back_everything(world, empty_plan, refs, monkeypatch):
    rows = excel.read_projects(as_file(good_workbook(empty_plan)), empty_plan)
    rows[1].fields["importance"] = 9  # past the reader: the model's constraint refuses it
    with pytest.raises(Exception):  # noqa: B017 - ValidationError from full_clean
        excel.import_projects(empty_plan, rows, by=world.planner)
    assert not Project.objects.exists() and not Activity.objects.exists()


def test_clashes_with_projects_already_in_the_plan_are_warnings(annual, refs):
    wb = good_workbook(annual)
    wb["โครงการ"]["B2"] = "โครงการอบรมอาสาสมัคร"
    rows = excel.read_projects(as_file(wb), annual)
    warnings = excel.plan_clashes(annual, rows)  # the fixture plan has both names already
    assert [w.cell for w in warnings] == ["B2", "B3"]
    assert "already has a project named “โครงการอบรมอาสาสมัคร”" in warnings[0].message


def enrich(annual, refs):
    """Give the fixture plan everything the layout carries."""
    project = annual.projects.get(name="โครงการเยี่ยมบ้านผู้สูงอายุ")
    appropriation = Appropriation.objects.create(
        organization=annual.organization, fiscal_year=2568, kind="budget_act", title="พ.ร.บ."
    )
    category = ExpenseCategory.objects.get(code="C2.1")
    line = AppropriationLine.objects.create(
        appropriation=appropriation, code="6811", category=category, amount=500000
    )
    Project.objects.filter(pk=project.pk).update(
        code="P1",
        months=[2, 3, 4],
        place="ทุกอำเภอ",
        responsible_unit=refs["unit"],
        work_plan=WorkPlan.objects.get(ordinal=5),
        target_group="ผู้สูงอายุติดบ้าน",
        target_count=300,
        other_agency="โรงพยาบาลส่งเสริมสุขภาพตำบล",
        rationale="ผู้สูงอายุเพิ่มขึ้น",
        objectives="ดูแลผู้สูงอายุ",
    )
    activity = project.activities.get()
    Activity.objects.filter(pk=activity.pk).update(
        responsible_position=refs["position"], method="ลงพื้นที่", time_place="ทุกตำบล"
    )
    profile = ["0.00"] * 12
    profile[3] = "25000.50"
    BudgetLine.objects.create(
        project=project,
        activity=activity,
        source=BudgetSource.objects.get(code="sbpac"),
        category=category,
        appropriation_line=line,
        description="ค่าพาหนะ",
        amount=Decimal("25000.50"),
        monthly_plan=profile,
    )
    add_project(annual, "โครงการไม่มีอะไรเลย", importance=1, urgency=5)


def test_export_then_import_into_an_empty_plan_round_trips(world, annual, empty_plan, refs):
    enrich(annual, refs)
    exported = excel.export_workbook(annual)
    rows = excel.read_projects(as_file(exported), empty_plan)
    excel.import_projects(empty_plan, rows, by=world.planner)
    again = excel.export_workbook(empty_plan)
    assert sheet_values(again) == sheet_values(exported)
    assert len(sheet_values(exported)["งบประมาณ"]) == 5  # header + 4 lines
    assert excel.read_projects(as_file(again), empty_plan) == rows

    def money(plan):
        return sorted(
            BudgetLine.objects.filter(project__plan=plan).values_list("amount", flat=True)
        )

    assert money(empty_plan) == money(annual)
    copied = empty_plan.projects.get(code="P1")
    assert copied.budget_lines.get(description="ค่าพาหนะ").appropriation_line.code == "6811"
    assert copied.risks.get().activity.name == "ลงพื้นที่เยี่ยมบ้าน"


def test_export_runs_a_fixed_number_of_queries(annual, refs):
    enrich(annual, refs)
    with CaptureQueriesContext(connection) as few:
        excel.export_workbook(annual)
    for n in range(6):
        project = add_project(annual, f"โครงการเพิ่ม {n}", 1000 + n)
        Activity.objects.create(
            project=project, name="กิจกรรม", responsible_position=refs["position"]
        )
        Risk.objects.create(project=project, description="ความเสี่ยง")
    with CaptureQueriesContext(connection) as many:
        wb = excel.export_workbook(annual)
    assert len(many) == len(few)
    assert wb["โครงการ"].max_row == 1 + 4 + 6
