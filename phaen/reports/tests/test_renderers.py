import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from phaen.core.testing import appoint, make_person, make_position
from phaen.organizations.models import Unit
from phaen.reports.builders.org_directory import OrgDirectoryReport
from phaen.reports.registry import decimal_number, get_report, plain
from phaen.reports.renderers import render
from phaen.reports.tests.factories import populate_directory
from phaen.reports.tests.pdf_text import page_count, page_size, pdf_text

ON = dt.date(2025, 1, 15)


@pytest.fixture
def report():
    return get_report("org-directory")


@pytest.fixture
def tricky(world):
    """Names that would be Typst markup if they were ever pasted into a template."""
    unit = Unit.objects.create(organization=world.own, code="T1", name_th="#set text(red)")
    Unit.objects.create(organization=world.own, code="T2", name_th="$x$ *bold* _i_ <l> @r \\")
    position = make_position(world.own, "ผู้อำนวยการ #emph[x]", unit=unit)
    person = make_person(world.own, first="ญาณิศา", last="น้ำใจ")
    person.email, person.phone = "user1@example.go.th", "0 2123 4567"
    person.save()
    appoint(person, position, kind="acting", start=dt.date(2024, 10, 1))
    return world


def build(report, world):
    return report.build(user=world.superuser, org="OWN", as_of=ON.isoformat())


# --- JSON ---------------------------------------------------------------------------------
def test_json_has_the_documented_shape_and_readable_thai(report, tricky):
    out = render(report, build(report, tricky), "json")
    assert out.content_type == "application/json"
    assert "สำนักงานจังหวัดทดสอบ".encode() in out.content  # not \\u escapes
    doc = json.loads(out.content)
    assert {"organization", "units", "positions", "people", "totals", "as_of"} <= set(doc)
    assert doc["organization"]["code"] == "OWN"
    assert doc["organization"]["name"] == "สำนักงานจังหวัดทดสอบ"
    assert [u["name"] for u in doc["units"]] == ["#set text(red)", "$x$ *bold* _i_ <l> @r \\"]
    holder = doc["positions"][0]["holders"][0]
    assert holder["acting"] is True and holder["mark"] == "รักษาราชการแทน"
    assert holder["start_date"] == "2024-10-01" and holder["end_date"] is None
    assert doc["totals"]["units"] == 2 and isinstance(doc["totals"]["people"], int)


def test_decimals_become_json_numbers():
    assert plain({"a": Decimal("1234.50"), "b": Decimal("100.00"), "c": [Decimal("0.1")]}) == {
        "a": 1234.5,
        "b": 100,
        "c": [0.1],
    }
    assert decimal_number(Decimal("9999999999999.99")) == 9999999999999.99
    with pytest.raises(ValueError):
        decimal_number(Decimal("123456789012345678.12"))


def test_plain_refuses_model_instances(world):
    with pytest.raises(TypeError):
        plain({"org": world.own})


# --- Excel --------------------------------------------------------------------------------
def test_xlsx_has_title_rows_header_row_and_thai_rows(report, tricky):
    out = render(report, build(report, tricky), "xlsx")
    assert out.content_type.endswith("spreadsheetml.sheet")
    wb = load_workbook(io.BytesIO(out.content))
    assert wb.sheetnames == ["หน่วยย่อย", "ตำแหน่ง", "บุคลากร"]
    ws = wb["ตำแหน่ง"]
    assert ws["A1"].value == "ทำเนียบหน่วยงาน"
    assert ws["A2"].value == "สำนักงานจังหวัดทดสอบ"
    assert ws["A3"].value == "ผู้ดำรงตำแหน่ง ณ วันที่ 15 มกราคม 2568"
    header = [c.value for c in ws[5]]
    assert header == ["หน่วยย่อย", "เลขที่ตำแหน่ง", "ตำแหน่ง", "ผู้ดำรงตำแหน่ง", "ประเภท", "ตั้งแต่", "ถึง"]
    assert ws.freeze_panes == "A6"
    assert [c.value for c in ws[6]] == [
        "#set text(red)",
        None,
        "ผู้อำนวยการ #emph[x]",
        "นายญาณิศา น้ำใจ",
        "รักษาราชการแทน",
        "1 ต.ค. 2567",
        None,
    ]
    assert ws["D6"].font.name == "Sarabun" and ws["A5"].font.b
    units = wb["หน่วยย่อย"]
    assert units["D6"].value == 1 and units["D6"].number_format == "#,##0"


def test_xlsx_lists_vacant_positions_and_people(report, world):
    populate_directory(world.own, units=1)
    wb = load_workbook(io.BytesIO(render(report, build(report, world), "xlsx").content))
    rows = [[c.value for c in row] for row in wb["ตำแหน่ง"].iter_rows(min_row=6)]
    assert rows[0][3] == "(ว่าง)"
    people = [[c.value for c in row] for row in wb["บุคลากร"].iter_rows(min_row=6)]
    assert ["นายบุคคลU01 " in (p[0] or "") for p in people].count(True) == 1
    held = next(p for p in people if p[0].startswith("นายบุคคลU01"))
    assert held[1] == "รักษาราชการแทน นักวิเคราะห์นโยบายและแผน 0-1 (กลุ่มงานที่ U0)"
    assert held[2] == "u01@example.go.th"


# --- PDF ----------------------------------------------------------------------------------
def test_pdf_is_an_a4_pdfa_with_the_thai_organisation_name(report, tricky):
    out = render(report, build(report, tricky), "pdf")
    assert out.content.startswith(b"%PDF-")
    assert out.content_type == "application/pdf"
    assert page_size(out.content) == (595.3, 841.9)  # A4 portrait
    assert b"<pdfaid:part>2</pdfaid:part>" in out.content
    assert b"<pdfaid:conformance>U</pdfaid:conformance>" in out.content
    text = pdf_text(out.content)
    assert "ทำเนียบหน่วยงาน" in text
    assert "สำนักงานจังหวัดทดสอบ" in text
    assert "นายญาณิศา น้ำใจ" in text  # stacked marks survive shaping and extraction
    assert f"หน้า 1 / {page_count(out.content)}" in text


def test_pdf_prints_markup_in_data_literally(report, tricky):
    text = pdf_text(render(report, build(report, tricky), "pdf").content)
    assert "#set text(red)" in text
    assert "$x$ *bold* _i_ <l> @r \\" in text
    assert "ผู้อำนวยการ #emph[x]" in text


def test_pdf_thai_digits_change_numbers_dates_and_pages_but_not_e_mail(report, tricky):
    text = pdf_text(render(report, build(report, tricky), "pdf", thai_digits=True).content)
    assert re.search(r"หน้า ๑ / [๑-๙]", text)
    assert "๑๕ มกราคม ๒๕๖๘" in text
    assert "๐ ๒๑๒๓ ๔๕๖๗" in text
    assert "user1@example.go.th" in text
    plain_text = pdf_text(render(report, build(report, tricky), "pdf").content)
    assert "15 มกราคม 2568" in plain_text and "๑" not in plain_text


def test_pdf_repeats_the_table_header_on_every_page(report, world):
    populate_directory(world.own, units=25, positions_per_unit=3)
    pdf = render(report, build(report, world), "pdf").content
    pages = page_count(pdf)
    assert pages >= 4
    assert f"หน้า {pages} / {pages}" in pdf_text(pdf, page=pages)
    with_position_header = [
        n for n in range(1, pages + 1) if "ผู้ดำรงตำแหน่ง" in pdf_text(pdf, page=n)
    ]
    # the positions table spans several pages and its header starts each of them
    assert len(with_position_header) >= 2
    second = pdf_text(pdf, page=with_position_header[1])
    assert second.lstrip().splitlines()[0].startswith("สำนักงานจังหวัดทดสอบ")  # running header


def test_pdf_can_be_landscape(report, world):
    class Landscape(OrgDirectoryReport):
        orientation = "landscape"

    pdf = render(Landscape(), build(report, world), "pdf").content
    assert page_size(pdf) == (841.9, 595.3)


def test_pdf_in_english(report, world):
    from django.utils import translation

    with translation.override("en"):
        text = pdf_text(render(report, build(report, world), "pdf").content)
    assert "Organisation directory" in text and "Page 1 / 1" in text
    assert "15 January 2568" in text


def test_pdf_header_and_title_carry_the_fiscal_year_when_a_report_has_one(report, world):
    class WithYear(OrgDirectoryReport):
        def heading(self, data):
            return {"organization": data.organization.name, "fiscal_year": 2568}

    populate_directory(world.own, units=12, positions_per_unit=3)
    pdf = render(WithYear(), build(report, world), "pdf", thai_digits=True).content
    first, second = pdf_text(pdf, page=1), pdf_text(pdf, page=2)
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๘" in first
    assert "ทำเนียบหน่วยงาน · ปีงบประมาณ พ.ศ. ๒๕๖๘" in second  # running header


def test_excel_title_rows_name_the_organisation_and_fiscal_year():
    from openpyxl import Workbook

    from phaen.reports.renderers.styles import Column, new_sheet, write_table, write_title

    wb = Workbook()
    ws = new_sheet(wb, "แผน/ผล [1]")
    row = write_title(
        ws, title="รายงาน", organization="อบต.ทดสอบ", fiscal_year="ปีงบประมาณ พ.ศ. 2568", width=2
    )
    assert row == 5 and wb.sheetnames == ["แผน ผล  1"]
    count = write_table(
        ws,
        start_row=row,
        columns=[Column("โครงการ", 40), Column("งบประมาณ", 16, "money")],
        rows=[["ก", 1234.5], ["ข", 10]],
    )
    assert count == 2
    assert [ws["A1"].value, ws["A2"].value, ws["A3"].value] == [
        "รายงาน",
        "อบต.ทดสอบ",
        "ปีงบประมาณ พ.ศ. 2568",
    ]
    assert ws["B6"].number_format == "#,##0.00" and ws["B6"].value == 1234.5
    assert ws["A5"].fill.start_color.rgb.endswith("DCE6F1")
    assert ws.column_dimensions["A"].width == 40 and ws.freeze_panes == "A6"
    assert ws.auto_filter.ref == "A5:B7" and ws["A6"].border.left.style == "thin"
    assert new_sheet(wb, "สอง").title == "สอง" and len(wb.sheetnames) == 2
