"""The ผด.02 parser, read against realistic workbooks (phaen/plans/tests/sheets/build.py
builds them; the .xlsx files beside it are the same workbooks saved)."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from phaen.plans.importers import CellError, Pd02Error, Pd02Result, parse_pd02
from phaen.plans.importers.cells import parse_budget
from phaen.plans.tests.sheets import build
from phaen.plans.tests.sheets.build import SheetWriter

SHEETS = Path(build.__file__).resolve().parent


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in their English source form."""
    with translation.override("en"):
        yield


def parse_file(name: str, **kwargs) -> Pd02Result:
    return parse_pd02(SHEETS / name, **kwargs)


def places(problems: list[CellError]) -> list[tuple[str, int | None, str, str]]:
    return [(p.sheet, p.row, p.column_letter, p.message) for p in problems]


def project(strategy, work_plan, name, details, budget, place, unit, months):
    return {
        "strategy": strategy,
        "work_plan": work_plan,
        "name": name,
        "details": details,
        "budget": budget,
        "place": place,
        "unit": unit,
        "months": months,
    }


INFRA = "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"
LIFE = "ยุทธศาสตร์การพัฒนาด้านคุณภาพชีวิต"
EDU_UNIT = "กองการศึกษา ศาสนา และวัฒนธรรม"
ALL_MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค."]
ALL_MONTHS += ["เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]

SAO_PROJECTS = [
    project(
        INFRA,
        "แผนงานเคหะและชุมชน",
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านดอนทราย - บ้านหนองแวง",
        [
            "ก่อสร้างถนน คสล. ขนาดกว้าง 5 เมตร",
            "ยาว 200 เมตร หนา 0.15 เมตร",
            "หรือมีพื้นที่ไม่น้อยกว่า 1,000 ตารางเมตร",
        ],
        480000,
        "บ้านดอนทราย หมู่ที่ 3",
        "กองช่าง",
        ["ม.ค.", "ก.พ.", "มี.ค."],
    ),
    project(
        INFRA,
        "แผนงานเคหะและชุมชน",
        "โครงการวางท่อระบายน้ำ คสล. ภายในหมู่บ้านหนองแวง",
        ["วางท่อระบายน้ำ คสล. ขนาด 0.40 เมตร", "พร้อมบ่อพัก ยาว 120 เมตร"],
        350000,
        "บ้านหนองแวง หมู่ที่ 5",
        "กองช่าง",
        ["ก.พ.", "มี.ค.", "เม.ย."],
    ),
    project(
        INFRA,
        "แผนงานอุตสาหกรรมและการโยธา",
        "โครงการปรับปรุงถนนลูกรังสายบ้านโคกสว่าง",
        ["ลงหินคลุกปรับเกรดผิวจราจร กว้าง 4 เมตร ยาว 850 เมตร", "ติดตั้งป้ายโครงการ 1 ป้าย"],
        150000,
        "บ้านโคกสว่าง หมู่ที่ 7",
        "กองช่าง",
        ["พ.ย.", "ธ.ค."],
    ),
    project(
        INFRA,
        "แผนงานอุตสาหกรรมและการโยธา",
        "โครงการขยายเขตไฟฟ้าแรงต่ำ",
        ["อุดหนุนการไฟฟ้าส่วนภูมิภาคอำเภอโนนสูง"],
        250000,
        "บ้านหนองบัว หมู่ที่ 2",
        "กองช่าง",
        ["ธ.ค."],
    ),
    project(
        LIFE,
        "แผนงานการศึกษา",
        "โครงการอาหารกลางวันศูนย์พัฒนาเด็กเล็ก",
        [
            "จัดจ้างทำอาหารกลางวันสำหรับเด็กเล็ก",
            "จำนวน 45 คน อัตรามื้อละ 21 บาท",
            "จำนวน 245 วัน",
        ],
        231525,
        "ศูนย์พัฒนาเด็กเล็ก อบต.ดอนทรายทอง",
        EDU_UNIT,
        ALL_MONTHS,
    ),
    project(
        LIFE,
        "แผนงานการศึกษา",
        "โครงการแข่งขันกีฬาเยาวชนต้านยาเสพติด",
        ["จัดการแข่งขันฟุตบอล วอลเลย์บอล", "สำหรับเยาวชนในตำบล 12 หมู่บ้าน"],
        80000,
        "สนามกีฬา อบต.ดอนทรายทอง",
        EDU_UNIT,
        ["มี.ค.", "เม.ย."],
    ),
    project(
        LIFE,
        "แผนงานสาธารณสุข",
        "โครงการป้องกันและควบคุมโรคไข้เลือดออก",
        ["พ่นหมอกควันกำจัดยุงลาย", "แจกทรายอะเบททุกครัวเรือน", "ให้ความรู้แก่ประชาชน"],
        60000,
        "หมู่ที่ 1 - 12",
        "สำนักปลัด",
        ["พ.ค.", "มิ.ย.", "ก.ค."],
    ),
    project(
        LIFE,
        "แผนงานสาธารณสุข",
        "โครงการตรวจคัดกรองสุขภาพผู้สูงอายุ",
        ["ตรวจวัดความดันและเบาหวาน"],
        25000,
        "ศาลาประชาคมหมู่บ้าน",
        "สำนักปลัด",
        [],
    ),
]

HEALTH = "ยุทธศาสตร์ที่ ๓ การพัฒนาด้านสาธารณสุขและสิ่งแวดล้อม"
THAI_DIGIT_PROJECTS = [
    project(
        HEALTH,
        "แผนงานสาธารณสุข",
        "โครงการจัดซื้อวัสดุวิทยาศาสตร์หรือการแพทย์",
        ["จัดซื้อทรายอะเบทและน้ำยาพ่นหมอกควัน"],
        120000,
        "ทั้ง ๑๒ หมู่บ้าน",
        "สำนักปลัด",
        ["ต.ค.", "พ.ย.", "ธ.ค."],
    ),
    project(
        HEALTH,
        "แผนงานสาธารณสุข",
        "โครงการสัตว์ปลอดโรค คนปลอดภัย จากโรคพิษสุนัขบ้า",
        ["ฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า สุนัขและแมว"],
        35500,
        "หมู่ที่ ๑ - ๑๒",
        "สำนักปลัด",
        ["มี.ค.", "เม.ย."],
    ),
    project(
        HEALTH,
        "แผนงานสาธารณสุข",
        "โครงการอบรมอาสาสมัครสาธารณสุขประจำหมู่บ้าน",
        ["อบรม อสม. จำนวน ๑๒๐ คน"],
        0,
        "ห้องประชุม อบต.ห้วยน้ำใส",
        "สำนักปลัด",
        ["ก.ค.", "ส.ค."],
    ),
    project(
        HEALTH,
        "แผนงานเคหะและชุมชน",
        "โครงการจัดการขยะมูลฝอยชุมชน",
        ["คัดแยกขยะต้นทาง", "จัดหาถังขยะอินทรีย์", "รณรงค์ลดขยะในครัวเรือน"],
        50000,
        "ทุกหมู่บ้าน",
        "กองสาธารณสุขและสิ่งแวดล้อม",
        ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย."],
    ),
    project(
        HEALTH,
        "แผนงานเคหะและชุมชน",
        "โครงการอบรมการคัดแยกขยะ",
        ["อบรมแกนนำชุมชน"],
        12345.5,
        "ศาลาประชาคม หมู่ที่ ๔",
        "กองสาธารณสุขและสิ่งแวดล้อม",
        ["ส.ค."],
    ),
]

ECONOMY = "ยุทธศาสตร์ที่ 2 การพัฒนาด้านเศรษฐกิจ"
COMMUNITY = "แผนงานสร้างความเข้มแข็งของชุมชน"
BAR_PROJECTS = [
    project(
        ECONOMY,
        "แผนงานการเกษตร",
        "โครงการส่งเสริมการปลูกผักปลอดสารพิษ",
        ["อบรมและแจกเมล็ดพันธุ์ผัก"],
        30000,
        "หมู่ที่ 4",
        "สำนักปลัด",
        ["ม.ค.", "ก.พ.", "มี.ค."],
    ),
    project(
        ECONOMY,
        "แผนงานการเกษตร",
        "โครงการส่งเสริมอาชีพการเลี้ยงโคเนื้อ",
        ["อบรมการเลี้ยงและการทำอาหารสัตว์"],
        45000,
        "หมู่ที่ 6",
        "สำนักปลัด",
        ["ต.ค.", "พ.ย."],
    ),
    project(
        ECONOMY,
        COMMUNITY,
        "โครงการจัดทำแผนชุมชน",
        ["ประชุมประชาคมหมู่บ้าน", "และประชาคมตำบล"],
        20000,
        "ทุกหมู่บ้าน",
        "สำนักปลัด",
        ["ก.ค.", "ส.ค.", "ก.ย."],
    ),
    project(
        ECONOMY,
        COMMUNITY,
        "โครงการส่งเสริมกลุ่มสตรีแม่บ้าน",
        ["ฝึกอบรมอาชีพแปรรูปอาหาร"],
        25000,
        "หมู่ที่ 2",
        "สำนักปลัด",
        ["มี.ค.", "เม.ย.", "พ.ค."],
    ),
]

COVER_PROJECTS = [
    project(
        "ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน",
        "แผนงานเคหะและชุมชน",
        "โครงการขยายเขตระบบประปาหมู่บ้าน หมู่ที่ 8",
        ["วางท่อ PVC ขนาด 2 นิ้ว ยาว 1,500 เมตร"],
        400000,
        "บ้านหนองปลาไหล หมู่ที่ 8",
        "กองช่าง",
        ["เม.ย.", "พ.ค."],
    ),
    project(
        "ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน",
        "แผนงานเคหะและชุมชน",
        "โครงการเจาะบ่อบาดาลเพื่อการเกษตร",
        ["เจาะบ่อบาดาลขนาด 6 นิ้ว ลึก 60 เมตร"],
        250000,
        "บ้านบึงใหญ่ หมู่ที่ 1",
        "กองช่าง",
        ["มิ.ย."],
    ),
    project(
        "ยุทธศาสตร์ที่ 2 การพัฒนาด้านการศึกษา",
        "แผนงานการศึกษา",
        "โครงการจัดซื้อสื่อการเรียนการสอน",
        ["จัดซื้อสื่อสำหรับศูนย์พัฒนาเด็กเล็ก"],
        35000,
        "ศูนย์พัฒนาเด็กเล็กบ้านบึงใหญ่",
        "กองการศึกษาฯ",
        ["พ.ย."],
    ),
]


# --- the five workbooks ---------------------------------------------------------------------


def test_it_reads_the_sao_sheet_with_shaded_months():
    result = parse_file("pd02_sao_shaded.xlsx")

    assert result.to_dict() == {"projects": SAO_PROJECTS}
    assert result.fiscal_year == 2568
    assert result.sheets == ["ผด.02"]
    assert result.errors == []
    # The row highlighted as a whole (name cell and months in one colour) marks no month.
    assert places(result.warnings) == [
        ("ผด.02", 30, "G", "No month is marked for this project."),
    ]


def test_it_keeps_where_each_project_starts_and_its_number():
    result = parse_file("pd02_sao_shaded.xlsx")

    starts = [(p.sheet, p.row, p.number) for p in result.projects]
    assert starts == [
        ("ผด.02", 10, 1),
        ("ผด.02", 13, 2),
        ("ผด.02", 15, 1),
        ("ผด.02", 17, 2),
        ("ผด.02", 24, 1),
        ("ผด.02", 26, 2),
        ("ผด.02", 28, 1),
        ("ผด.02", 30, 2),
    ]
    assert result.projects[0].budget == Decimal("480000")
    assert isinstance(result.projects[0].budget, Decimal)
    assert result.projects[0].month_numbers == [4, 5, 6]
    assert result.total_budget == Decimal("1626525")
    assert result.units == ["กองช่าง", EDU_UNIT, "สำนักปลัด"]


def test_it_reads_thai_digits_marks_and_numbers_typed_as_text():
    result = parse_file("pd02_thai_digits_marks.xlsx")

    assert result.to_dict() == {"projects": THAI_DIGIT_PROJECTS}
    assert result.fiscal_year == 2569  # "พ.ศ. ๒๕๖๘" over ต.ค., "พ.ศ. ๒๕๖๙" over ม.ค.
    assert [p.number for p in result.projects] == [1, 2, 3, 1, 2]
    assert [p.budget for p in result.projects] == [
        Decimal("120000"),
        Decimal("35500"),
        Decimal("0"),
        Decimal("50000"),
        Decimal("12345.50"),
    ]
    assert result.errors == []
    assert result.warnings == []


def test_it_reads_bars_of_merged_cells_and_checks_the_totals():
    result = parse_file("pd02_bars_totals.xlsx")

    assert result.to_dict() == {"projects": BAR_PROJECTS}
    assert result.fiscal_year == 2568
    assert result.errors == []
    # "รวม 2 โครงการ" (75,000) and "รวมทั้งสิ้น" (120,000) are right; the second "รวม" is not.
    assert places(result.warnings) == [
        (
            "ผด.02",
            15,
            "D",
            "The total 40,000 does not match the sum of the projects above it (45,000).",
        ),
    ]


def test_it_names_sheet_row_and_column_of_every_problem():
    result = parse_file("pd02_with_errors.xlsx")

    assert places(result.errors) == [
        ("ผด.02", 5, "D", "The budget “หนึ่งแสน” is not a number."),
        ("ผด.02", 8, "B", "The project has no name."),
        ("ผด.02", 9, "S", "A month is marked in column S, outside the twelve month columns."),
        (
            "ผด.02",
            10,
            "D",
            "The budget is a formula whose result was never saved; open the file in Excel, "
            "save it and import it again.",
        ),
        (
            "ผด.02",
            12,
            "D",
            "The project above already has a budget; a row without a sequence number cannot "
            "add another. Give this row its own number if it is a separate project.",
        ),
        (
            "ผด.02",
            14,
            "C",
            "The row has text but no sequence number, and there is no project above it to "
            "continue.",
        ),
    ]
    assert places(result.warnings) == [
        ("ผด.02", 5, "A", "No strategy heading above this project; its strategy is left empty."),
        ("ผด.02", 5, "A", "No work plan heading above this project; its work plan is left empty."),
    ]
    assert not result.is_valid
    assert str(result.errors[0]) == "ผด.02!D5: The budget “หนึ่งแสน” is not a number."
    assert result.errors[0].to_dict() == {
        "sheet": "ผด.02",
        "row": 5,
        "column": "D",
        "message": "The budget “หนึ่งแสน” is not a number.",
    }


def test_it_still_lists_the_projects_of_a_sheet_with_errors_for_the_preview():
    result = parse_file("pd02_with_errors.xlsx")

    rows = [(p.row, p.strategy, p.name, p.budget, p.months) for p in result.projects]
    infra = "ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน"
    assert rows == [
        (5, "", "โครงการซ่อมแซมถนนลูกรังเพื่อการเกษตร", Decimal(0), ["ต.ค."]),
        (8, infra, "", Decimal(20000), ["พ.ย."]),
        (9, infra, "โครงการขุดลอกคลองส่งน้ำ", Decimal(90000), ["ธ.ค."]),
        (10, infra, "โครงการติดตั้งไฟกิ่งสาธารณะ", Decimal(0), ["ม.ค."]),
        (11, infra, "โครงการก่อสร้างรางระบายน้ำ", Decimal(60000), ["ก.พ."]),
    ]
    assert result.projects[4].details == ["รางระบายน้ำ คสล. ยาว 80 เมตร", "พร้อมฝาปิด"]


def test_it_reads_the_pd02_on_the_second_sheet_and_lists_the_others():
    result = parse_file("pd02_cover_second_sheet.xlsx")

    assert result.to_dict() == {"projects": COVER_PROJECTS}
    assert result.sheets == ["ผด.02"]
    assert result.ignored_sheets == ["ปก", "ผด.01", "ผด.02 (ร่างเดิม)"]
    assert result.errors == []
    assert places(result.warnings) == [("ผด.02 (ร่างเดิม)", None, "", "Hidden sheet skipped.")]
    assert str(result.warnings[0]) == "ผด.02 (ร่างเดิม): Hidden sheet skipped."


@pytest.mark.parametrize("name", sorted(build.BUILDERS))
def test_it_reads_the_committed_file_as_the_build_script_makes_it(name):
    from_file = parse_file(name)
    built = build.BUILDERS[name]()
    # Saving drops uncalculated formula results: compare with the saved form of the build.
    buffer = io.BytesIO()
    built.save(buffer)
    from_build = parse_pd02(buffer.getvalue())

    assert from_file.to_dict() == from_build.to_dict()
    assert places(from_file.errors) == places(from_build.errors)
    assert places(from_file.warnings) == places(from_build.warnings)


# --- the JSON the command prints ------------------------------------------------------------


def test_it_gives_the_command_json_shape():
    result = parse_file("pd02_thai_digits_marks.xlsx")

    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert list(data) == ["projects"]
    first = data["projects"][0]
    assert list(first) == [
        "strategy",
        "work_plan",
        "name",
        "details",
        "budget",
        "place",
        "unit",
        "months",
    ]
    budgets = [p["budget"] for p in data["projects"]]
    assert budgets == [120000, 35500, 0, 50000, 12345.5]
    assert [type(b) for b in budgets] == [int, int, int, int, float]


# --- fiscal year ----------------------------------------------------------------------------


def test_it_accepts_the_fiscal_year_the_sheet_names():
    result = parse_file("pd02_sao_shaded.xlsx", fiscal_year=2568)

    assert result.fiscal_year == 2568
    assert result.errors == []


def test_it_rejects_another_fiscal_year_naming_the_header_cell():
    result = parse_file("pd02_sao_shaded.xlsx", fiscal_year=2569)

    # J6 holds "พ.ศ. 2568", merged over ม.ค.–ก.ย.
    assert places(result.errors) == [
        ("ผด.02", 6, "J", "The sheet is for fiscal year 2568, not 2569."),
    ]
    assert result.fiscal_year == 2568


def test_it_takes_the_callers_year_when_the_sheet_names_none():
    book, w = _blank_book()
    w.header(years=None)
    w.line("แผนงานเคหะและชุมชน")
    w.project(1, "โครงการซ่อมถนน", None, 1000, "หมู่ที่ 1", "กองช่าง", marks={"ต.ค.": "/"})

    assert parse_pd02(book).fiscal_year is None
    assert parse_pd02(book, fiscal_year=2570).fiscal_year == 2570


def test_it_reads_the_year_from_the_title_when_the_header_has_none():
    book, w = _blank_book()
    w.line("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ.๒๕๗๐")
    w.header(years=None)
    w.project(1, "โครงการซ่อมถนน", None, 1000, "หมู่ที่ 1", "กองช่าง", marks={"ต.ค.": "/"})

    result = parse_pd02(book, fiscal_year=2569)
    assert result.fiscal_year == 2570
    assert places(result.errors) == [
        ("ผด.02", 1, "A", "The sheet is for fiscal year 2570, not 2569."),
    ]


def test_it_reads_the_year_written_after_the_month_names():
    book, w = _blank_book()
    months = [f"{m} {67 if i < 3 else 68}" for i, m in enumerate(build.FISCAL_MONTH_ABBRS)]
    w.header(years=None, months=tuple(months))
    w.project(1, "โครงการซ่อมถนน", None, 1000, "หมู่ที่ 1", "กองช่าง", marks={"ต.ค.": "/"})

    result = parse_pd02(book)
    assert result.fiscal_year == 2568
    assert result.projects[0].months == ["ต.ค."]


def test_it_reads_one_fiscal_year_over_all_months_in_a_three_row_header():
    book = Workbook()
    ws = book.active
    ws.append(["ที่", "โครงการ", "งบประมาณ (บาท)", "ระยะเวลาดำเนินการ"])
    ws.append([None, None, None, "ปีงบประมาณ พ.ศ. 2571"])
    ws.append([None, None, None, *build.FISCAL_MONTH_ABBRS])
    ws.merge_cells("D1:O1")
    ws.merge_cells("D2:O2")
    ws.append([1, "โครงการซ่อมถนน", 1000, None, None, None, "/"])

    result = parse_pd02(book)
    assert result.fiscal_year == 2571
    assert result.projects[0].months == ["ม.ค."]


def test_it_reports_a_title_that_disagrees_with_the_header():
    book, w = _blank_book()
    w.line("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2567")
    w.header()  # พ.ศ. 2567 over ต.ค., พ.ศ. 2568 over ม.ค.: fiscal year 2568

    result = parse_pd02(book)
    assert places(result.errors) == [
        (
            "ผด.02",
            1,
            "A",
            "The title says fiscal year 2567 but the month header says 2568.",
        ),
    ]


def test_it_reports_years_over_the_months_that_do_not_follow():
    book, w = _blank_book()
    w.header(years=("พ.ศ. 2568", "พ.ศ. 2568"))

    result = parse_pd02(book)
    assert places(result.errors) == [
        (
            "ผด.02",
            1,
            "J",
            "The year over October (2568) must be one less than the year over January (2568).",
        ),
    ]


def test_it_reports_sheets_for_different_years():
    book, w = _blank_book("ยุทธศาสตร์ 1")
    w.header()
    w.project(1, "โครงการซ่อมถนน", None, 1000, "หมู่ที่ 1", "กองช่าง", marks={"ต.ค.": "/"})
    second = SheetWriter(book.create_sheet("ยุทธศาสตร์ 2"))
    second.header(years=("พ.ศ. 2568", "พ.ศ. 2569"))
    second.project(1, "โครงการอบรม", None, 500, "หมู่ที่ 2", "สำนักปลัด", marks={"ม.ค.": "/"})

    result = parse_pd02(book)
    assert result.fiscal_year == 2568
    assert places(result.errors) == [
        (
            "ยุทธศาสตร์ 2",
            1,
            "J",
            "This sheet is for fiscal year 2569 but sheet “ยุทธศาสตร์ 1” is for fiscal year 2568.",
        ),
    ]


# --- sheet shapes ---------------------------------------------------------------------------


def test_it_reads_every_pd02_sheet_with_its_own_headings():
    book, w = _blank_book("ยุทธศาสตร์ 1")
    w.header()
    w.line("ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน")
    w.line("แผนงานเคหะและชุมชน")
    w.project(1, "โครงการซ่อมถนน", None, 1000, "หมู่ที่ 1", "กองช่าง", marks={"ต.ค.": "/"})
    second = SheetWriter(book.create_sheet("ยุทธศาสตร์ 2"))
    second.header()
    second.project(1, "โครงการอบรม", None, 500, "หมู่ที่ 2", "สำนักปลัด", marks={"ม.ค.": "/"})

    result = parse_pd02(book)
    assert result.sheets == ["ยุทธศาสตร์ 1", "ยุทธศาสตร์ 2"]
    assert [(p.sheet, p.strategy, p.work_plan, p.name) for p in result.projects] == [
        ("ยุทธศาสตร์ 1", "ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน", "แผนงานเคหะและชุมชน", "โครงการซ่อมถนน"),
        ("ยุทธศาสตร์ 2", "", "", "โครงการอบรม"),
    ]
    assert places(result.warnings) == [
        (
            "ยุทธศาสตร์ 2",
            3,
            "A",
            "No strategy heading above this project; its strategy is left empty.",
        ),
        (
            "ยุทธศาสตร์ 2",
            3,
            "A",
            "No work plan heading above this project; its work plan is left empty.",
        ),
    ]


def test_it_reads_headings_on_coloured_rows_and_writes_work_plans_as_the_budget_does():
    book, w = _blank_book()
    w.header()
    grey = PatternFill("solid", fgColor="FFBFBFBF")
    # Headings typed in the first column, not merged, the whole row coloured but the name.
    w.project("ยุทธศาสตร์ที่ 4 การพัฒนาด้านสังคม", fills=dict.fromkeys(ALL_MONTHS, grey))
    w.project("4.1 แผนงาน : สังคมสงเคราะห์", fills=dict.fromkeys(ALL_MONTHS, grey))
    w.project(1, "โครงการสงเคราะห์ผู้ยากไร้", None, 5000, "ทุกหมู่บ้าน", "สำนักปลัด")
    w.project(details="มอบถุงยังชีพ", marks={"ธ.ค.": "/"})

    result = parse_pd02(book)
    assert result.to_dict() == {
        "projects": [
            project(
                "ยุทธศาสตร์ที่ 4 การพัฒนาด้านสังคม",
                "แผนงานสังคมสงเคราะห์",
                "โครงการสงเคราะห์ผู้ยากไร้",
                ["มอบถุงยังชีพ"],
                5000,
                "ทุกหมู่บ้าน",
                "สำนักปลัด",
                ["ธ.ค."],
            )
        ]
    }
    assert result.warnings == []


def test_it_keeps_detail_lines_that_start_like_totals_notes_or_tactics():
    book, w = _blank_book()
    w.header()
    w.line("แผนงานการเกษตร")
    w.project(1, "โครงการซ่อมแซมถนน", "ซ่อมแซมถนนลูกรัง", 9000, "หมู่ที่ 1", "กองช่าง")
    w.project(name="รวม 3 สาย", marks={"ต.ค.": "/"})
    w.project(details="แนวทางการดำเนินงาน: จ้างเหมา")
    w.project(details="หมายเหตุ ใช้จ่ายจากเงินสะสม")
    w.project(details="ที่มา: ประชาคมหมู่บ้าน")

    result = parse_pd02(book)
    [only] = result.projects
    assert only.name == "โครงการซ่อมแซมถนน รวม 3 สาย"
    assert only.details == [
        "ซ่อมแซมถนนลูกรัง",
        "แนวทางการดำเนินงาน: จ้างเหมา",
        "หมายเหตุ ใช้จ่ายจากเงินสะสม",
        "ที่มา: ประชาคมหมู่บ้าน",
    ]
    assert only.months == ["ต.ค."]


def test_it_reads_on_when_a_project_follows_notes_under_the_table():
    book, w = _blank_book()
    w.header()
    w.line("แผนงานการเกษตร")
    w.project(1, "โครงการซ่อมแซมถนน", None, 9000, "หมู่ที่ 1", "กองช่าง", marks={"ต.ค.": "/"})
    w.line("หมายเหตุ แถบสีแสดงช่วงเวลาดำเนินการ", merge=False)
    w.line("ลงชื่อ ................................ ผู้จัดทำ", merge=False, col=2)
    w.project(2, "โครงการขุดลอกคลอง", None, 1000, "หมู่ที่ 2", "กองช่าง", marks={"พ.ย.": "/"})

    result = parse_pd02(book)
    assert [p.name for p in result.projects] == ["โครงการซ่อมแซมถนน", "โครงการขุดลอกคลอง"]
    assert places(result.warnings)[-1] == (
        "ผด.02",
        5,
        "",
        "Rows 5 to 6 were skipped as notes or signatures.",
    )


def test_it_reads_a_one_row_header_and_reports_missing_columns():
    book = Workbook()
    ws = book.active
    ws.title = "ผด.02"
    ws.append(["ลำดับที่", "ชื่อโครงการ", "งบประมาณ", *build.FISCAL_MONTH_ABBRS[:11]])
    ws.append(["แผนงานการศึกษา"])
    ws.append([1, "โครงการห้องสมุดชุมชน", "๒๐,๐๐๐ บาท", None, "✓"])

    result = parse_pd02(book)
    assert result.to_dict() == {
        "projects": [project("", "แผนงานการศึกษา", "โครงการห้องสมุดชุมชน", [], 20000, "", "", ["พ.ย."])]
    }
    assert places(result.errors) == [
        ("ผด.02", 1, "", "Month columns missing from the header (ก.ย.)."),
    ]
    missing = [w.message for w in result.warnings if w.row == 1]
    assert missing == [
        "Column “รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ” was not found in the header; "
        "it is left empty.",
        "Column “สถานที่ดำเนินการ” was not found in the header; it is left empty.",
        "Column “หน่วยงานรับผิดชอบหลัก” was not found in the header; it is left empty.",
    ]


def test_it_reports_a_month_twice_in_the_header_and_a_project_without_budget():
    book, w = _blank_book()
    w.header(months=("ต.ค.", "ต.ค.", *build.FISCAL_MONTH_ABBRS[2:]))
    w.line("แผนงานการศึกษา")
    w.project(1, "โครงการห้องสมุดชุมชน", None, None, "หมู่ที่ 1", "กองการศึกษาฯ")
    w.project(name="รวม", budget="ประมาณแสนห้า")

    result = parse_pd02(book)
    assert places(result.errors) == [
        ("ผด.02", 2, "", "Month columns missing from the header (พ.ย.)."),
        ("ผด.02", 2, "H", "The month ต.ค. appears twice in the header."),
    ]
    assert places(result.warnings)[-3:] == [
        ("ผด.02", 4, "D", "The project has no budget; it is read as 0."),
        ("ผด.02", 4, "G", "No month is marked for this project."),
        ("ผด.02", 5, "D", "The total “ประมาณแสนห้า” is not a number, so it was not checked."),
    ]
    assert result.projects[0].budget == Decimal(0)


def test_it_reports_a_bar_drawn_past_september():
    book, w = _blank_book()
    w.header()
    w.project(1, "โครงการซ่อมถนน", None, 1000, "หมู่ที่ 1", "กองช่าง")
    w.ws.merge_cells("Q3:T3")  # ส.ค., ก.ย. and two columns beyond

    result = parse_pd02(book)
    assert result.projects[0].months == ["ส.ค.", "ก.ย."]
    assert places(result.errors) == [
        ("ผด.02", 3, "S", "A month is marked in column S, outside the twelve month columns."),
        ("ผด.02", 3, "T", "A month is marked in column T, outside the twelve month columns."),
    ]


def test_it_skips_numbered_rows_left_empty_in_a_template():
    book, w = _blank_book()
    w.header()
    w.line("แผนงานการศึกษา")
    w.project(1, "โครงการห้องสมุดชุมชน", None, 20000, "หมู่ที่ 1", "กองการศึกษาฯ", marks={"ต.ค.": "/"})
    w.project(2)

    result = parse_pd02(book)
    assert [p.name for p in result.projects] == ["โครงการห้องสมุดชุมชน"]
    assert ("ผด.02", 5, "A", "Row ignored: it has a number but nothing else.") in places(
        result.warnings
    )


def test_it_warns_about_text_in_the_number_column_that_is_no_heading():
    book, w = _blank_book()
    w.header()
    w.line("แผนงานการศึกษา")
    w.project(1, "โครงการห้องสมุดชุมชน", None, 20000, "หมู่ที่ 1", "กองการศึกษาฯ", marks={"ต.ค.": "/"})
    w.project("(ต่อ)")

    result = parse_pd02(book)
    assert [p.details for p in result.projects] == [[]]
    assert ("ผด.02", 5, "A", "Row ignored: it is neither a project nor a heading.") in places(
        result.warnings
    )


def test_it_stops_after_a_long_run_of_empty_rows_and_says_so():
    book, w = _blank_book()
    w.header()
    w.line("แผนงานการศึกษา")
    w.project(1, "โครงการห้องสมุดชุมชน", None, 20000, "หมู่ที่ 1", "กองการศึกษาฯ", marks={"ต.ค.": "/"})
    w.ws.cell(700, 2, "โครงการที่อยู่ไกลเกินไป")

    result = parse_pd02(book)
    assert [p.name for p in result.projects] == ["โครงการห้องสมุดชุมชน"]
    assert places(result.warnings)[-1] == (
        "ผด.02",
        305,
        "",
        "Rows from 305 on were not read: 300 empty rows end the table.",
    )


def test_it_reports_a_formula_in_a_workbook_given_directly():
    book, w = _blank_book()
    w.header()
    w.line("แผนงานการศึกษา")
    w.project(1, "โครงการห้องสมุดชุมชน", None, "=SUM(1,2)", "หมู่ที่ 1", "กองการศึกษาฯ")

    result = parse_pd02(book)
    assert [(e.row, e.column_letter) for e in result.errors] == [(4, "D")]


def test_it_shades_months_only_in_a_colour_other_than_the_rows_highlight():
    book, w = _blank_book()
    w.header()
    w.line("แผนงานการศึกษา")
    yellow = PatternFill("solid", fgColor="FFFFFF00")
    w.project(1, "ก", None, 1, "-", "-", fills=dict.fromkeys(("ต.ค.", "พ.ย."), yellow))
    w.ws.cell(4, 2).fill = yellow  # the name cell in the same colour as the bars

    result = parse_pd02(book)
    assert result.projects[0].months == ["ต.ค.", "พ.ย."]


# --- inputs ---------------------------------------------------------------------------------


def test_it_reads_a_path_a_binary_file_bytes_and_a_workbook_alike():
    path = SHEETS / "pd02_bars_totals.xlsx"
    data = path.read_bytes()
    upload = io.BytesIO(data)
    upload.read()  # already read once, e.g. for a preview

    results = [
        parse_pd02(str(path)),
        parse_pd02(path),
        parse_pd02(io.BytesIO(data)),
        parse_pd02(upload),
        parse_pd02(data),
        parse_pd02(build.build_bars_totals()),
    ]
    assert all(r.to_dict() == {"projects": BAR_PROJECTS} for r in results)
    with path.open("rb") as handle:
        assert parse_pd02(handle).to_dict() == {"projects": BAR_PROJECTS}


def test_it_refuses_a_word_document_renamed_xlsx(tmp_path):
    docx = tmp_path / "แผน.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")

    with pytest.raises(Pd02Error) as raised:
        parse_pd02(docx)
    assert str(raised.value) == "The file is not an Excel workbook (.xlsx), or it is damaged."


def test_it_refuses_a_workbook_without_a_pd02_table():
    book, w = _blank_book()
    w.line("บัญชีสรุปจำนวนโครงการและงบประมาณ")
    # A ผ.02-like header has ที่, โครงการ and งบประมาณ but no months.
    w.ws.append(["ที่", "โครงการ", "วัตถุประสงค์", "งบประมาณ 2568", "หน่วยงานรับผิดชอบหลัก"])
    buffer = io.BytesIO()
    book.save(buffer)

    with pytest.raises(Pd02Error) as raised:
        parse_pd02(buffer.getvalue())
    assert str(raised.value) == (
        "No sheet has a ผด.02 table header (ที่, โครงการ, งบประมาณ and the twelve month columns)."
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        ("ที่,โครงการ,งบประมาณ\n1,ถนน,100\n".encode(), None),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            "This is an old Excel 97–2003 file (.xls); save it as an Excel workbook (.xlsx) "
            "and try again.",
        ),
    ],
)
def test_it_refuses_files_that_are_not_xlsx(tmp_path, content, message):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(content)

    with pytest.raises(Pd02Error) as raised:
        parse_pd02(path)
    expected = message or "The file is not an Excel workbook (.xlsx), or it is damaged."
    assert str(raised.value) == expected


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(Pd02Error) as raised:
        parse_pd02(tmp_path / "nothing.xlsx")
    assert str(raised.value) == "The file could not be opened: No such file or directory"


def test_it_rejects_a_file_opened_in_text_mode(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_text("x")
    with path.open() as handle, pytest.raises(TypeError):
        parse_pd02(handle)


# --- single cells ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        (120000, Decimal("120000")),
        (120000.0, Decimal("120000")),
        (0.5, Decimal("0.5")),
        ("120,000", Decimal("120000")),
        ("๑๒๐,๐๐๐", Decimal("120000")),
        ("๓๕,๕๐๐ บาท", Decimal("35500")),
        ("50,000.-", Decimal("50000")),
        ("50,000-", Decimal("50000")),
        ("(บาท) 5,000", Decimal("5000")),
        ("12,345.50", Decimal("12345.50")),
        ("-", Decimal("0")),
        ("–", Decimal("0")),
        (None, None),
        ("  ", None),
    ],
)
def test_it_reads_budgets_as_people_type_them(value, amount):
    parsed = parse_budget(value)
    assert (parsed.amount, parsed.problem) == (amount, None)


@pytest.mark.parametrize("value", ["หนึ่งแสน", "-5000", "1.2.3", "ประมาณ 5,000", -10])
def test_it_refuses_budgets_that_are_not_amounts(value):
    parsed = parse_budget(value)
    assert parsed.amount is None
    assert parsed.problem == str(value)


# --- helpers --------------------------------------------------------------------------------


def _blank_book(title: str = "ผด.02") -> tuple[Workbook, SheetWriter]:
    book = Workbook()
    ws = book.active
    ws.title = title
    return book, SheetWriter(ws)
