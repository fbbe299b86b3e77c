"""Finance imports: all-or-nothing with named rows and columns, mixed Thai/BE dates,
matching, re-import changes nothing, reconciliation."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from phaen.finance import choices as c
from phaen.finance import imports, selectors
from phaen.finance.models import ImportBatch, Transaction
from phaen.finance.tests.conftest import FY, record

pytestmark = pytest.mark.django_db
D = Decimal
HEADER = "เลขที่ฎีกา,วันที่วางฎีกา,รหัสโครงการ,รายการ,จำนวนเงิน\n"


def csv_bytes(*rows):
    return ("ทะเบียนฎีกา ปีงบประมาณ 2570\n" + HEADER + "\n".join(rows) + "\n").encode("utf-8-sig")


GOOD = csv_bytes(
    'ฎ.1/70,5/10/2569,P-001,ค่าวัสดุ,"4,850.00"',
    "ฎ.2/70,15 ต.ค. 69,P-001,ค่าอาหาร,๓๖๐๐",
    "ฎ.3/70,๒๑ ตุลาคม ๒๕๖๙,P-001,ค่าป้าย,1200.5",
    "ฎ.4/70,2569-11-02,P-001,ค่าถ่ายเอกสาร,1250",
)


def run(world, content, name="vouchers.csv", kind=c.ImportKind.VOUCHERS, confirm=True):
    preview = imports.preview(
        organization=world.own,
        fiscal_year=FY,
        kind=kind,
        file_name=name,
        content=content,
        by=world.role_users["finance"],
    )
    if confirm:
        imports.confirm(batch=preview.batch, by=world.role_users["finance"])
    return preview


def test_import_creates_confirmed_records_with_mixed_dates(world, project):
    preview = run(world, GOOD)
    assert preview.counts["new"] == 4
    made = Transaction.objects.filter(batch=preview.batch).order_by("date")
    assert [t.date for t in made] == [
        dt.date(2026, 10, 5),
        dt.date(2026, 10, 15),
        dt.date(2026, 10, 21),
        dt.date(2026, 11, 2),
    ]
    assert [t.amount for t in made] == [D("4850.00"), D("3600.00"), D("1200.50"), D("1250.00")]
    assert all(t.source == "imported" and t.confirmed_at for t in made)
    assert selectors.project_balance(project).total.spent == D("10900.50")


def test_reimport_changes_nothing(world, project):
    run(world, GOOD)
    before = list(Transaction.objects.values_list("pk", "amount", "updated_at").order_by("pk"))
    again = run(world, GOOD)
    assert again.already_imported
    assert again.counts["duplicate"] == 4 and again.counts["new"] == 0
    assert (
        list(Transaction.objects.values_list("pk", "amount", "updated_at").order_by("pk")) == before
    )


def test_bad_rows_are_named_and_nothing_is_saved(world, project):
    bad = csv_bytes(
        'ฎ.1/70,5/10/2569,P-001,ค่าวัสดุ,"4,850.00"',
        "ฎ.2/70,31/02/2569,P-001,ค่าอาหาร,3600",
        "ฎ.3/70,1/11/2569,P-001,ค่าป้าย,หนึ่งพัน",
        ",1/11/2569,P-001,ค่าป้าย,10",
    )
    with pytest.raises(imports.ImportRefused) as err:
        run(world, bad)
    problems = [(p.row, p.column) for p in err.value.problems]
    assert problems == [(4, "วันที่วางฎีกา"), (5, "จำนวนเงิน"), (6, "เลขที่ฎีกา")]
    assert "31/02/2569" in err.value.problems[0].message
    assert not ImportBatch.objects.exists() and not Transaction.objects.exists()


def test_missing_column_is_named(world, project):
    content = "เลขที่,วันที่วางฎีกา,รหัสโครงการ,จำนวนเงิน\nฎ1,1/10/2569,P-001,10\n".encode()
    with pytest.raises(imports.ImportRefused) as err:
        run(world, content)
    assert err.value.problems[0].column == "เลขที่ฎีกา"
    assert "เลขที่, วันที่วางฎีกา" in err.value.problems[0].message


def test_a_row_over_its_budget_line_refuses_the_file(world, project):
    content = csv_bytes(
        "ฎ.1/70,5/10/2569,P-001,ค่าวัสดุ,90000", "ฎ.2/70,6/10/2569,P-001,ค่าวัสดุ,10000.01"
    )
    with pytest.raises(imports.ImportRefused) as err:
        run(world, content)
    assert err.value.problems[0].row == 4
    assert not Transaction.objects.exists()


def test_difference_resolved_by_accepting_the_finance_amount(world, project):
    mine = record(project, "disbursement", "ฎ.1/70", 4800, by=world.planner)
    same = record(project, "disbursement", "ฎ.2/70", 3600, day=dt.date(2026, 10, 15))
    preview = run(world, GOOD)
    rows = {r.data["number"]: r for r in preview.batch.rows.all()}
    assert rows["ฎ.1/70"].status == "difference" and rows["ฎ.1/70"].our_amount == D(4800)
    assert rows["ฎ.2/70"].status == "matched"
    same.refresh_from_db()
    assert same.confirmed_at is not None  # the finance system corroborates it
    mine.refresh_from_db()
    assert mine.confirmed_at is None and mine.amount == D(4800)
    imports.resolve_accept(row=rows["ฎ.1/70"], by=world.role_users["finance"])
    mine.refresh_from_db()
    assert mine.amount == D(4850) and mine.confirmed_by == world.role_users["finance"]
    assert mine.history.first().history_user == world.role_users["finance"]
    rows["ฎ.1/70"].refresh_from_db()
    assert rows["ฎ.1/70"].status == "resolved"


def test_unmatched_row_linked_to_a_hand_entered_record(world, project):
    mine = record(project, "disbursement", "ใบสำคัญ 7", 999)
    content = csv_bytes("ฎ.9/70,5/10/2569,XX-404,ค่าวัสดุ,1000")
    preview = run(world, content)
    row = preview.batch.rows.get()
    assert row.status == "unmatched"
    assert list(imports.unconfirmed_manual(world.own, FY)) == [mine]
    imports.resolve_link(row=row, record=mine, by=world.role_users["finance"])
    mine.refresh_from_db()
    assert (mine.number, mine.amount) == ("ฎ.9/70", D(1000)) and mine.confirmed_at
    assert list(imports.unconfirmed_manual(world.own, FY)) == []


def test_xlsx_with_title_rows_and_a_saved_mapping(world, project):
    imports.mapping_save(
        organization=world.own,
        kind="vouchers",
        columns={"number": "เลขที่เอกสาร", "date": "วันที่เอกสาร", "amount": "จำนวนเงินขอเบิก"},
        by=world.planner,
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["รายงานรายการขอเบิก"])
    sheet.append(
        ["ประเภทเอกสาร", "เลขที่เอกสาร", "วันที่เอกสาร", "วันที่ผ่านรายการ", "รหัสโครงการ", "จำนวนเงินขอเบิก"]
    )
    sheet.append(["ขบ02", 3600012301, "07.10.2569", "08.10.2569", "P-001", 12500.0])
    sheet.append(["ขบ01", 3600012302, dt.datetime(2026, 10, 9), "10.10.2569", "P-001", "1,000.25"])
    buf = io.BytesIO()
    book.save(buf)
    preview = run(world, buf.getvalue(), name="ขบ.xlsx")
    made = {t.number: t for t in Transaction.objects.filter(batch=preview.batch)}
    assert made["3600012301"].date == dt.date(2026, 10, 7)
    assert made["3600012301"].document_ref == "ขบ02"
    assert made["3600012302"].amount == D("1000.25")


def test_budget_status_difference_adjusts(world, project):
    record(project, "disbursement", "ฎ1", 1000)
    content = (
        "รหัสโครงการ,งบประมาณอนุมัติ,โอนเพิ่ม,โอนลด,ก่อหนี้ผูกพัน,เบิกจ่าย,คงเหลือ\n"
        'P-001,"100,000.00",0,0,0,"1,500.00","98,500.00"\n'
    ).encode()
    preview = run(world, content, kind=c.ImportKind.BUDGET_STATUS, name="status.csv")
    row = preview.batch.rows.get()
    assert row.status == "difference" and "1,500.00" in row.message
    imports.resolve_accept(row=row, by=world.role_users["finance"])
    assert selectors.project_balance(project).lines[0].balance.spent == D(1500)


def test_an_imported_record_is_not_changed_by_hand(world, project):
    from django.core.exceptions import ValidationError

    from phaen.finance import services

    run(world, GOOD)
    imported = Transaction.objects.filter(source="imported").first()
    with pytest.raises(ValidationError):
        services.transaction_save(record=imported, amount=D(1), by=world.planner)
    imported.refresh_from_db()
    assert imported.amount != D(1)
