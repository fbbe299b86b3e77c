"""A finance officer imports a finance export, resolves one mismatch and confirms, in
headless Chromium. Screenshots in test-artifacts/screens/finance-*.png (looked at)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from phaen.conftest import ARTIFACTS
from phaen.finance.models import ImportBatch, Transaction
from phaen.finance.tests.conftest import record
from phaen.finance.tests.test_imports import GOOD
from phaen.strategy.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ARTIFACTS / "screens"


def shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"finance-{name}.png"), full_page=True)


def test_a_finance_officer_imports_resolves_a_mismatch_and_confirms(
    live_server, world, project, new_page, tmp_path
):
    typo = record(project, "disbursement", "ฎ.1/70", 4800, by=world.planner)
    waiting = record(project, "commitment", "PO-9", 20000, by=world.planner)
    page = new_page()
    log_in(page, live_server.url, world.role_users["finance"].username)

    page.goto(live_server.url + reverse("finance:index"))
    page.wait_for_selector("[data-testid=transaction-table]")
    shot(page, "index")
    page.click("text=นำเข้าจากระบบการเงิน")
    path = tmp_path / "ทะเบียนฎีกา.csv"
    path.write_bytes(GOOD)
    page.select_option("#id_kind", "vouchers")
    page.set_input_files("#id_file", str(path))
    page.click("[data-testid=upload]")
    page.wait_for_selector("[data-testid=import-rows]")
    shot(page, "preview")
    assert page.locator("[data-testid=import-rows] tbody tr").count() == 4
    assert not Transaction.objects.filter(source="imported").exists()
    page.click("[data-testid=confirm-import]")
    page.wait_for_selector("[data-testid=open-rows]")
    assert ImportBatch.objects.get().state == "confirmed"
    assert Transaction.objects.filter(source="imported").count() == 3
    shot(page, "reconciliation")

    row = page.locator("[data-testid=open-row]", has_text="ฎ.1/70")
    assert "4,850.00" in row.inner_text() and "4,800.00" in row.inner_text()
    row.locator("[data-testid=accept]").click()
    page.wait_for_selector("text=ไม่มีรายการที่ต้องแก้ไข")
    typo.refresh_from_db()
    assert typo.amount == Decimal("4850.00") and typo.confirmed_by == world.role_users["finance"]

    page.locator("li", has_text="PO-9").get_by_role("button", name="ยืนยัน").click()
    page.wait_for_selector("text=รายการที่บันทึกเองยืนยันครบแล้ว")
    waiting.refresh_from_db()
    assert waiting.confirmed_at is not None
    shot(page, "reconciled")

    phone = new_page(phone=True)
    log_in(phone, live_server.url, world.role_users["finance"].username)
    phone.goto(live_server.url + reverse("finance:project_balance", args=[project.pk]))
    phone.wait_for_selector("[data-testid=balance-total]")
    shot(phone, "balance-phone")
    phone.goto(live_server.url + reverse("finance:s_curve", args=[project.plan_id]))
    phone.wait_for_selector("[data-testid=s-curve-svg]")
    shot(phone, "s-curve-phone")
