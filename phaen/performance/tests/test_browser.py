"""A planner at phone width enters a quarter result and sees the weighted achievement of
the issue and the plan change; then the agreement's score sheet. Screenshots in
test-artifacts/screens/performance-*.png (looked at)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from phaen.conftest import ARTIFACTS
from phaen.monitoring.selectors import period_by_code
from phaen.performance import services
from phaen.performance.tests.factories import make_agreement, sample
from phaen.strategy.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ARTIFACTS / "screens"


def test_a_planner_enters_a_result_and_the_weighted_achievement_updates(
    live_server, world, new_page
):
    sp = sample(world.own)
    q1 = period_by_code(organization=world.own, fiscal_year=2570, code="Q1")
    services.result_record(indicator=sp["a"], period=q1, actual=D(72), by=world.planner)
    page = new_page(phone=True)
    log_in(page, live_server.url, world.planner.username)
    page.goto(live_server.url + reverse("performance:index"))
    assert (
        page.locator("[data-testid=issue-1] [data-testid=issue-weighted]").inner_text() == "90.00%"
    )
    page.click("[data-testid=enter-1\\.2-Q1]")
    editor = page.locator("[data-testid=result-inline]")  # the row's inline editor (htmx)
    editor.wait_for()
    editor.locator("#id_actual").fill("")
    editor.locator("[data-testid=result-save]").click()
    expect(page.locator("[data-testid=form-errors]")).to_be_visible()
    page.screenshot(path=str(SCREENS / "performance-inline-error-phone.png"), full_page=True)
    editor.locator("#id_actual").fill("150")
    editor.locator("#id_comment").fill("รายงานจากอำเภอครบทุกแห่ง")
    editor.locator("[data-testid=result-save]").click()
    expect(page.locator("[data-testid=plan-weighted]")).to_have_text("84.00%")
    # 1.2: 150 of 200 = 75.00; issue 1 = (60 × 90 + 40 × 75) / 100 = 84.00
    assert (
        page.locator("[data-testid=issue-1] [data-testid=issue-weighted]").inner_text() == "84.00%"
    )
    assert (
        "(60 × 90.00 + 40 × 75.00) ÷ (60 + 40) = 84.00"
        in page.locator("[data-testid=issue-1] [data-testid=issue-formula]").inner_text()
    )
    assert page.locator("[data-testid=plan-weighted]").inner_text() == "84.00%"
    page.screenshot(path=str(SCREENS / "performance-index-phone.png"), full_page=True)

    agreement = make_agreement(world.own, world.planner)
    services.agreement_sign(agreement=agreement, signed_on=dt.date(2026, 10, 15), by=world.planner)
    one, two, three = agreement.indicators.all()
    services.assessment_record(
        agreement=agreement,
        kind="self",
        results={one.pk: D(72), two.pk: D("76.25"), three.pk: D(65)},
        by=world.planner,
    )
    desk = new_page()
    log_in(desk, live_server.url, world.planner.username)
    desk.goto(live_server.url + reverse("performance:agreement_detail", args=[agreement.pk]))
    assert desk.locator("[data-testid=total-self]").inner_text() == "3.3475"
    desk.screenshot(path=str(SCREENS / "performance-agreement.png"), full_page=True)
