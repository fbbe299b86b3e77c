"""Demo money for the current fiscal year on the demo's plans in force: vouchers for the
months passed, advances (one cleared, one open, one near its clear-by date), a commitment
partly paid, a transfer, carry-over money near its deadline, a saved GFMIS column mapping,
and the e-LAAS sample voucher register imported with one deliberate mismatch left to
resolve on the reconciliation page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from phaen.core import thai
from phaen.finance import imports, selectors, services
from phaen.finance.models import Transaction

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
CENT = Decimal("0.01")


def _months_passed(fy: int, today: dt.date) -> list[tuple[int, int]]:
    return [(y, m) for y, m in thai.fiscal_months(fy) if dt.date(y, m, 1) <= today]


def _day(year: int, month: int, day: int, today: dt.date) -> dt.date:
    return min(dt.date(year, month, day), today)


def _vouchers(projects, fy, today, by, prefix, skip_numbers=()):
    """One voucher a month per project for the months passed (about 8% of its line)."""
    count = 0
    for n, project in enumerate(projects, start=1):
        line = project.budget_lines.order_by("id").first()
        if line is None or not line.monthly_plan:
            continue
        for index, (year, month) in enumerate(_months_passed(fy, today)):
            count += 1
            number = f"{prefix}{count:04d}"
            if number in skip_numbers:
                continue
            services.transaction_save(
                project=project,
                budget_line=line,
                kind="disbursement",
                number=number,
                date=_day(year, month, 5 + (n * 3) % 20, today),
                amount=(line.amount * Decimal("0.08") * (1 + index % 2)).quantize(CENT),
                description="ค่าใช้จ่ายตามโครงการ",
                by=by,
            )


def _sk(ctx, fy, today):
    org = ctx.organizations["SK-PMJ"]
    finance, executive = ctx.users["finance"], ctx.users["executive"]
    projects = list(
        selectors.projects_in_force(org, fy).filter(budget_lines__isnull=False).distinct()
    )
    if len(projects) < 4:
        return
    _vouchers(projects[:6], fy, today, finance, "3600010")
    start = thai.fiscal_year_range(fy)[0]
    a, b, cc, d = projects[6:10] if len(projects) >= 10 else projects[:4]

    def line(p):
        return p.budget_lines.order_by("id").first()

    cleared = services.transaction_save(
        project=a,
        budget_line=line(a),
        kind="advance",
        number="ยม.01/2570",
        date=start + dt.timedelta(days=9),
        clear_by=start + dt.timedelta(days=39),
        amount=Decimal("12000.00"),
        payee=str(ctx.people["owner"]),
        description="ยืมเงินจัดอบรม",
        by=finance,
    )
    services.transaction_save(
        project=a,
        budget_line=line(a),
        kind="clearing",
        number="สย.01/2570",
        related=cleared,
        date=start + dt.timedelta(days=30),
        amount=Decimal("11450.00"),
        description="ส่งใช้เงินยืม",
        by=finance,
    )
    services.transaction_save(
        project=b,
        budget_line=line(b),
        kind="advance",
        number="ยม.02/2570",
        date=today - dt.timedelta(days=20),
        clear_by=today + dt.timedelta(days=25),
        amount=Decimal("8000.00"),
        payee=str(ctx.people["owner"]),
        description="ยืมเงินลงพื้นที่",
        by=finance,
    )
    services.transaction_save(
        project=cc,
        budget_line=line(cc),
        kind="advance",
        number="ยม.03/2570",
        date=today - dt.timedelta(days=26),
        clear_by=today + dt.timedelta(days=4),
        amount=Decimal("6500.00"),
        payee=str(ctx.people["planner"]),
        description="ยืมเงินจัดประชุม",
        by=finance,
    )
    po = services.transaction_save(
        project=d,
        budget_line=line(d),
        kind="commitment",
        number="PO 7000001201",
        procurement_method="specific",
        date=start + dt.timedelta(days=20),
        amount=Decimal("18000.00"),
        payee="หจก.หาดใหญ่ออฟฟิศ",
        description="จ้างพิมพ์เอกสาร",
        by=finance,
    )
    services.transaction_save(
        project=d,
        budget_line=line(d),
        kind="disbursement",
        number="3600019901",
        related=po,
        date=start + dt.timedelta(days=35),
        amount=Decimal("9000.00"),
        document_ref="ขบ01 PO 7000001201",
        description="จ่ายตามใบสั่งจ้าง งวดที่ 1",
        by=finance,
    )
    first = Transaction.objects.filter(organization=org).order_by("id").first()
    for record in Transaction.objects.filter(organization=org).exclude(pk=first.pk):
        services.transaction_confirm(record=record, by=finance)
    transfer = services.transfer_create(
        from_line=line(projects[-1]),
        to_line=line(a),
        amount=Decimal("5000.00"),
        reason="ค่าวัสดุโครงการเพิ่มขึ้นตามจำนวนผู้เข้าร่วม",
        by=finance,
    )
    services.transfer_decide(
        transfer=transfer, approve=True, by=executive, on=today - dt.timedelta(days=3)
    )
    services.carry_over_save(
        budget_line=line(b),
        reference="C6900123",
        amount=Decimal("45000.00"),
        approved_on=start - dt.timedelta(days=1),
        spend_by=today + dt.timedelta(days=12),
        spent=Decimal("30000.00"),
        note="กันเงินไว้เบิกเหลื่อมปีตามสัญญาจ้างที่ยังไม่ส่งมอบ",
        by=finance,
    )
    imports.mapping_save(
        organization=org,
        kind="vouchers",
        columns={"number": "เลขที่เอกสาร", "date": "วันที่เอกสาร", "amount": "จำนวนเงินขอเบิก"},
        by=finance,
    )


def _sao(ctx, fy, today):
    org = ctx.organizations["SAO-NBT"]
    finance = ctx.users["lao.finance"]
    projects = list(
        selectors.projects_in_force(org, fy).filter(budget_lines__isnull=False).distinct()
    )
    if not projects:
        return
    _vouchers(projects[4:8], fy, today, finance, "ฎ.01")
    sample = SAMPLES / "elaas_voucher_register_SAO-NBT_2570.csv"
    if fy != 2570:
        return  # the sample file's codes and dates are those of FY 2570
    lines = {
        line.appropriation_line.code: line
        for p in projects
        for line in p.budget_lines.select_related("appropriation_line")
        if line.appropriation_line
    }
    fourth = lines.get("25700001")
    if fourth is None:
        return
    # the officer typed this voucher by hand with a typo: 1,205 instead of 1,250
    services.transaction_save(
        project=fourth.project,
        budget_line=fourth,
        kind="disbursement",
        number="ฎ.0004/2570",
        date=_day(2026, 11, 2, today),
        amount=Decimal("1205.00"),
        description="ค่าถ่ายเอกสาร",
        by=finance,
    )
    preview = imports.preview(
        organization=org,
        fiscal_year=fy,
        kind="vouchers",
        file_name=sample.name,
        content=sample.read_bytes(),
        by=finance,
    )
    imports.confirm(batch=preview.batch, by=finance)


def load(ctx) -> None:
    today = ctx.today
    fy = thai.fiscal_year(today)
    _sk(ctx, fy, today)
    _sao(ctx, fy, today)
