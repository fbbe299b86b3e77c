"""At phone width: the owner ticks a risk that occurred (the report page then shows its
fallback plan), and an อบต. planner records the posting of the six-month report.
Screenshots in test-artifacts/screens/monitoring-*.png (looked at)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from phaen.monitoring.models import ReportPosting, RiskOccurrence
from phaen.monitoring.tests.test_browser_progress import shot
from phaen.monitoring.tests.test_posting import FY, Lao
from phaen.plans.models import AnnualPlan, Risk
from phaen.strategy.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_owner_ticks_a_risk_from_a_phone(live_server, world, good, new_page):
    AnnualPlan.objects.filter(pk=good.plan_id).update(state="draft")
    risk = Risk.objects.create(
        project=good, description="น้ำท่วมเส้นทางลงพื้นที่", fallback_plan="ใช้เรือของ อบต."
    )
    AnnualPlan.objects.filter(pk=good.plan_id).update(state="approved")
    phone = new_page(phone=True)
    log_in(phone, live_server.url, world.role_users["project_owner"].username)
    phone.goto(live_server.url + reverse("monitoring:report_edit", args=[good.pk, 1]))
    phone.wait_for_selector("[data-testid=risk-checkboxes]")
    phone.check(f"#id_risk_{risk.pk}")
    phone.fill(f"#id_risk_note_{risk.pk}", "ถนนขาด 2 วัน")
    shot(phone, "report-risks-phone")
    phone.click("[data-testid=save-draft]")
    phone.wait_for_selector("[data-testid=risks-triggered]")
    assert "ใช้เรือของ อบต." in phone.inner_text("[data-testid=risks-triggered]")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    shot(phone, "report-risks-detail-phone")
    assert RiskOccurrence.objects.get().note == "ถนนขาด 2 วัน"


def test_lao_planner_records_a_posting_from_a_phone(live_server, world, new_page):
    lao = Lao(world)
    phone = new_page(phone=True)
    log_in(phone, live_server.url, lao.planner.username)
    phone.goto(live_server.url + reverse("monitoring:postings") + f"?fiscal_year={FY}")
    phone.wait_for_selector("[data-testid=posting-R6]")
    phone.goto(live_server.url + reverse("monitoring:posting_form", args=["R6"]))
    phone.wait_for_selector("[data-testid=posting-form]")
    phone.fill("#id_reported_on", "5/4/2570")
    phone.fill("#id_posted_from", "21/4/2570")
    phone.fill("#id_posted_until", "30/4/2570")
    phone.click("[data-testid=posting-form] button[type=submit]")
    phone.wait_for_selector("[data-testid=finding-late]")
    assert phone.locator("[data-testid=finding-too_short]").count() == 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    shot(phone, "postings-phone")
    assert ReportPosting.objects.get().posted_from == dt.date(2027, 4, 21)
