"""A planner at phone width opens the warnings page, filters it, follows a warning to the
late project's follow-up page; the owner reads the reminder among their notifications.
Screenshots in test-artifacts/screens/alerts-*.png (looked at)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from phaen.alerts.services import send_reminders
from phaen.alerts.tests.factories import People, project
from phaen.conftest import ARTIFACTS
from phaen.core import thai
from phaen.plans import services as plan_services
from phaen.strategy.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ARTIFACTS / "screens"


def shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"alerts-{name}.png"), full_page=True)


def test_a_planner_follows_a_warning_and_the_owner_reads_the_reminder(live_server, world, new_page):
    today = timezone.localdate()
    fiscal_year = thai.fiscal_year(today)
    annual = plan_services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=fiscal_year, by=world.planner
    )
    people = People(world.own)
    month = thai.fiscal_month_index(today.month)
    # planned in every month of the year so far, never reported: late and without progress
    late = project(annual, "โครงการเยี่ยมบ้านผู้สูงอายุ", people, months=list(range(1, month + 1)))
    project(annual, "โครงการอบรมอาสาสมัคร", months=[12])  # not due yet

    page = new_page(phone=True)
    log_in(page, live_server.url, world.planner.username)
    page.goto(live_server.url + reverse("alerts:index"))
    rows = page.locator("[data-testid=warning]")
    assert rows.count() >= 1
    assert "โครงการอบรมอาสาสมัคร" not in page.inner_text("[data-testid=warning-list]")
    shot(page, "index-phone")

    page.select_option("#id_kind", "report_overdue")
    page.locator("[data-testid=warning-filter] button").click()
    page.wait_for_url("**kind=report_overdue**")
    kinds = {rows.nth(i).get_attribute("data-kind") for i in range(rows.count())}
    assert kinds == {"report_overdue"}
    rows.first.locator("[data-testid=warning-fix]").click()
    page.wait_for_load_state()
    assert f"/{late.pk}/" in page.url
    assert "โครงการเยี่ยมบ้านผู้สูงอายุ" in page.content()
    shot(page, "fix-target-phone")

    result = send_reminders(today=today)
    assert result.channels["in_app"].sent
    owner_page = new_page()
    log_in(owner_page, live_server.url, people.owner.username)
    owner_page.goto(live_server.url + reverse("alerts:notifications"))
    assert owner_page.locator("[data-testid=notification]").count() >= 1
    assert "โครงการเยี่ยมบ้านผู้สูงอายุ" in owner_page.inner_text("[data-testid=notification-list]")
    shot(owner_page, "notifications")
    owner_page.locator("[data-testid=notification-open]").first.click()
    owner_page.wait_for_load_state()
    assert f"/{late.pk}/" in owner_page.url
