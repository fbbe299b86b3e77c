"""A planner builds an annual plan's project in headless Chromium: a new plan, a project,
an activity with its months, a risk with a fallback plan and a budget line, all inline;
then the totals. Screenshots in test-artifacts/screens/plans-project*.png (looked at)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from phaen.conftest import ARTIFACTS
from phaen.plans.models import AnnualPlan
from phaen.strategy.services import plan_from_tree
from phaen.strategy.tests.samples import sample_tree
from phaen.strategy.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ARTIFACTS / "screens"


def _add_part(page, kind: str, fill) -> None:
    page.click(f"[data-testid=add-{kind}]")
    form = page.locator(f"#part-form-{kind}")
    form.wait_for()
    fill(form)
    form.locator("[data-testid=part-save]").click()
    page.wait_for_selector(f"#part-form-{kind}:not(.part-form)", state="attached")


def test_a_planner_builds_a_project_with_activity_risk_and_budget(live_server, world, new_page):
    strategic = plan_from_tree(organization=world.own, tree=sample_tree())
    page = new_page()
    log_in(page, live_server.url, world.planner.username)

    page.goto(live_server.url + reverse("plans:plan_create"))
    page.select_option("#id_kind", "action_plan")
    page.select_option("#id_multi_year_plan", str(strategic.pk))
    page.click("[data-testid=plan-save]")
    page.wait_for_selector("[data-testid=annual-plan-title]")
    plan = AnnualPlan.objects.get(organization=world.own)

    page.goto(live_server.url + reverse("plans:project_create", args=[plan.pk]))
    page.fill("#id_name", "โครงการส่งเสริมสุขภาพผู้สูงอายุ")
    page.fill("#id_place", "ศาลาประชาคมหมู่ 3")
    for month in ("ม.ค.", "ก.พ.", "มี.ค."):
        page.locator("[data-testid=months] label", has_text=month).click()
    page.select_option("#id_issue", str(strategic.issues.get(number=1).pk))
    page.click("[data-testid=project-save]")
    page.wait_for_selector("[data-testid=project-name]")
    project = plan.projects.get()
    assert project.months == [4, 5, 6]

    def activity(form):
        form.locator("#id_name").fill("อบรมแกนนำผู้สูงอายุ")
        form.locator("#id_time_place").fill("09.00–16.00 น. ศาลาประชาคม")
        for month in ("ม.ค.", "ก.พ."):
            form.locator("[data-testid=months] label", has_text=month).click()

    _add_part(page, "activity", activity)
    page.wait_for_selector("text=อบรมแกนนำผู้สูงอายุ")
    act = project.activities.get()

    def risk(form):
        form.locator("#id_activity").select_option(str(act.pk))
        form.locator("#id_description").fill("ผู้เข้าอบรมมาไม่ครบ")
        form.locator("#id_likelihood").select_option("3")
        form.locator("#id_impact").select_option("4")
        form.locator("#id_mitigation").fill("แจ้งล่วงหน้าผ่าน อสม.")
        form.locator("#id_fallback_plan").fill("จัดอบรมรอบเก็บตกในเดือนถัดไป")

    _add_part(page, "risk", risk)
    page.wait_for_selector("text=จัดอบรมรอบเก็บตกในเดือนถัดไป")

    def budget(form):
        form.locator("#id_activity").select_option(str(act.pk))
        form.locator("#id_source").select_option(label="เงินรายได้")
        form.locator("#id_category").select_option(label="ค่าตอบแทน ใช้สอยและวัสดุ")
        form.locator("#id_description").fill("ค่าอาหารและอาหารว่าง")
        form.locator("#id_amount").fill("24500")
        form.locator("#id_monthly_plan_3").fill("12000")
        form.locator("#id_monthly_plan_4").fill("12000")

    # The months add up to 24,000, not 24,500: the error names the field, nothing saved.
    page.click("[data-testid=add-budget]")
    form = page.locator("#part-form-budget")
    budget(form)
    form.locator("[data-testid=part-save]").click()
    page.wait_for_selector("#part-form-budget [data-testid=form-errors]")
    assert "แผนการใช้จ่ายรายเดือน" in page.inner_text(  # the field, named in Thai
        "#part-form-budget [data-testid=form-errors]"
    )
    assert not project.budget_lines.exists()
    page.locator("#part-form-budget #id_monthly_plan_4").fill("12500")
    page.locator("#part-form-budget [data-testid=part-save]").click()
    page.wait_for_selector("[data-testid=budget-total]")

    assert project.budget_lines.get().amount == Decimal("24500")
    assert page.inner_text("[data-testid=budget-total]") == "24,500.00"
    assert "24,500.00" in page.inner_text("[data-testid=activity-total]")
    assert "3×4 = 12" in page.inner_text("[data-testid=risks]")
    page.reload()
    assert page.inner_text("[data-testid=project-total]") == "24,500.00"
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "plans-project.png"), full_page=True)

    phone = new_page(phone=True)
    log_in(phone, live_server.url, world.planner.username)
    phone.goto(live_server.url + reverse("plans:project_detail", args=[project.pk]))
    phone.wait_for_selector("[data-testid=budget-total]")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    phone.screenshot(path=str(SCREENS / "plans-project-phone.png"), full_page=True)
