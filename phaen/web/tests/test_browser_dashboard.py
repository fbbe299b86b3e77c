"""The planner's follow-up journey in headless Chromium: the dashboard of the plan in force
(charts with their numbers), a warning followed to the late project's page, then the
quarterly report printed through the reports page's job; the PDF rendered to PNG with
pdftoppm. The dashboard at phone width does not scroll sideways. Screenshots in
test-artifacts/screens/dashboard-*.png (looked at)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from phaen.conftest import ARTIFACTS, require_or_skip
from phaen.finance.tests.conftest import record
from phaen.plans import services
from phaen.plans.models import AnnualPlan
from phaen.reports.builders.followup_data import default_period_code
from phaen.reports.models import ReportRun
from phaen.reports.tests.pdf_text import pdf_text
from phaen.strategy.services import plan_from_tree
from phaen.strategy.tests.samples import sample_tree
from phaen.strategy.tests.test_browser import log_in
from phaen.web.tests.test_dashboard import add

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ARTIFACTS / "screens"
LATE = "โครงการเยี่ยมบ้านผู้สูงอายุที่ล่าช้า"


def shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"dashboard-{name}.png"), full_page=True)


@pytest.fixture
def followed_plan(world):
    strategic = plan_from_tree(organization=world.own, tree=sample_tree())
    plan = services.plan_create(
        organization=world.own,
        kind="action_plan",
        fiscal_year=2570,
        by=world.planner,
        multi_year_plan=strategic,
    )
    one, two = strategic.issues.get(number=1), strategic.issues.get(number=2)
    late = add(plan, LATE, "120000", [1], issue=one)  # planned for October, nothing reported
    busy = add(plan, "โครงการอบรมอาสาสมัคร", "60000", [1, 2, 3], issue=two)
    record(busy, "disbursement", "ฎ1", "15000", dt.date(2026, 10, 20))
    record(busy, "disbursement", "ฎ2", "5000.50", dt.date(2026, 11, 10))
    AnnualPlan.objects.filter(pk=plan.pk).update(state="approved")
    return plan, late


def test_the_planner_follows_a_warning_and_prints_the_quarterly_report(
    live_server, world, new_page, followed_plan
):
    plan, late = followed_plan
    base = live_server.url
    page = new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, base, world.planner.username)

    page.goto(base + reverse("web:dashboard"))
    page.wait_for_selector("[data-testid=dashboard-stats]")
    # the charts are drawn: Chart.js knows three of them and the page raised no error
    page.wait_for_function("window.Chart && Object.keys(Chart.instances).length === 3")
    assert not errors, errors
    assert page.inner_text("[data-testid=disbursed-pct]").startswith("11.11")  # 20,000.50/180,000
    assert LATE in page.inner_text("[data-testid=late-projects]")
    page.click("[data-testid=curve-card] details summary")  # the chart's numbers as a table
    assert "180,000.00" in page.inner_text("[data-testid=curve-table]")
    shot(page, "desktop")

    # A warning about the late project leads to its follow-up page.
    warning = page.locator("[data-testid=warning-link]", has_text=LATE).first
    warning.click()
    page.wait_for_load_state()
    assert f"/projects/{late.pk}/" in page.url
    assert LATE in page.inner_text("main")
    shot(page, "warning-followed")

    # Back on the dashboard: print the quarterly report through the reports page's job.
    page.goto(base + reverse("web:dashboard"))
    page.click("[data-testid=print-quarterly]")
    card = page.locator("[data-testid=report-quarterly]")
    quarter = default_period_code(plan.fiscal_year, "quarter")
    assert card.locator("select[name=quarterly-period]").input_value() == quarter
    card.locator("input[value=pdf]").check()
    card.locator("button[type=submit]").click()
    page.wait_for_selector("[data-testid=run-status]")
    page.wait_for_selector("[data-testid=download]", timeout=90_000)
    run = ReportRun.objects.filter(report="quarterly").latest("pk")
    assert run.options == {"plan": plan.pk, "period": quarter}
    with page.expect_download() as info:
        page.click("[data-testid=download]")
    pdfs = ARTIFACTS / "pdfs"
    pdfs.mkdir(parents=True, exist_ok=True)
    path = pdfs / "dashboard-quarterly.pdf"
    info.value.save_as(str(path))
    text = "".join(pdf_text(path.read_bytes()).split())
    assert "รายงานผลการติดตามรายไตรมาสต่อคณะกรรมการ" in text
    assert "โครงการอบรมอาสาสมัคร" in text
    require_or_skip(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) missing")
    SCREENS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(SCREENS / "dashboard-quarterly-pdf"),
        ],
        check=True,
        timeout=60,
    )

    # The dashboard at phone width: no sideways scrolling.
    phone = new_page(phone=True)
    log_in(phone, base, world.planner.username)
    phone.goto(base + reverse("web:dashboard"))
    phone.wait_for_selector("[data-testid=dashboard-stats]")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the dashboard scrolls sideways on a phone ({width}px)"
    shot(phone, "phone")
    assert plan.projects.count() == 2 and Decimal("180000") == sum(
        line.amount for p in plan.projects.all() for line in p.budget_lines.all()
    )
