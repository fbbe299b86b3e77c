"""The review journey of an annual plan in headless Chromium: findings accepted, submitted,
sent back once by the committee, resubmitted, approved, announced, shown on the public page,
then amended by an addition (edition 2). Screenshots in test-artifacts/screens/plans-review-*.png,
looked at by people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from phaen.conftest import ARTIFACTS
from phaen.core.testing import appoint, make_person, make_position
from phaen.plans import workflow
from phaen.plans.checks import alignment_check
from phaen.plans.models import AnnualPlan, CommitteeMeeting, PlanTransition
from phaen.plans.tests.conftest import add_project
from phaen.strategy.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ARTIFACTS / "screens"


def shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"plans-review-{name}.png"), full_page=True)


def open_plan(page, base: str, plan) -> None:
    page.goto(base + reverse("plans:plan_detail", args=[plan.pk]))
    page.wait_for_selector("[data-testid=review-panel]")  # loaded by htmx


def refresh(plan):
    plan.refresh_from_db()
    return plan


def test_a_plan_goes_through_review_to_the_public_page_and_gets_an_addition(
    live_server, world, annual, new_page
):
    base = live_server.url
    head = make_position(world.own, "ผู้อำนวยการสำนักงานจังหวัดทดสอบ")
    head.is_head = True
    head.save()
    appoint(make_person(world.own, first="วิไล", last="ศรีสุข"), head)
    issue = annual.multi_year_plan.issues.get(number=1)
    add_project(annual, "โครงการสร้างเครือข่ายอาสาสมัคร", 20000, issue=issue)  # two warnings

    # The planner accepts the warnings with reasons on the check page, then submits.
    planner = new_page()
    log_in(planner, base, world.planner.username)
    open_plan(planner, base, annual)
    assert planner.is_visible("[data-testid=submit-blocked]")
    shot(planner, "plan-blocked")
    planner.goto(base + reverse("plans:plan_check", args=[annual.pk]))
    while planner.locator("[data-testid=accept-finding]").count():
        form = planner.locator("details:has([data-testid=accept-finding])").first
        form.locator("summary").click()
        form.locator("input[name=reason]").fill("ตัวชี้วัดจะกำหนดในไตรมาสแรก")
        form.locator("[data-testid=accept-finding]").click()
        planner.wait_for_load_state()
    shot(planner, "check-accepted")
    assert not alignment_check(annual).open_warnings
    open_plan(planner, base, annual)
    planner.fill("#submit-comment", "เสนอเพื่อพิจารณา")
    planner.click("[data-testid=submit-plan]")
    planner.wait_for_selector("[data-testid=advance-plan]")
    planner.click("[data-testid=advance-plan]")  # the planning unit's step
    planner.wait_for_selector("[data-testid=review-panel]")
    assert (refresh(annual).state, annual.current_step) == ("in_review", 2)

    # The committee records its meeting and sends the plan back once.
    committee = new_page()
    log_in(committee, base, world.role_users["committee"].username)
    committee.goto(base + reverse("plans:meeting_add", args=[annual.pk]))
    committee.fill("#id_date", "27/9/2567")
    committee.fill("#id_members_present", "นายหนึ่ง ประธาน\nนางสอง กรรมการ")
    committee.select_option("#id_decision", "sent_back")
    committee.locator("[data-testid=project-comments] textarea").first.fill("ระบุกลุ่มเป้าหมาย")
    committee.click("[data-testid=save-meeting]")
    committee.wait_for_selector("[data-testid=review-panel]")
    committee.fill("#return-comment", "ขอให้ระบุกลุ่มเป้าหมายของโครงการเยี่ยมบ้าน")
    committee.click("[data-testid=return-plan]")
    committee.wait_for_selector("[data-testid=meetings]")
    assert refresh(annual).state == "returned"
    assert "ระบุกลุ่มเป้าหมาย" in committee.inner_text("[data-testid=meetings]")
    shot(committee, "returned")
    assert CommitteeMeeting.objects.filter(plan=annual).count() == 1

    # Resubmitted, through the planning unit and the committee, approved by the head.
    open_plan(planner, base, annual)
    assert "ขอให้ระบุกลุ่มเป้าหมาย" in planner.inner_text("[data-testid=transitions]")
    planner.click("[data-testid=submit-plan]")
    planner.wait_for_selector("[data-testid=advance-plan]")
    planner.click("[data-testid=advance-plan]")
    planner.wait_for_selector("[data-testid=review-panel]")
    open_plan(committee, base, annual)
    committee.click("[data-testid=advance-plan]")
    committee.wait_for_selector("[data-testid=review-panel]")
    executive = new_page()
    log_in(executive, base, world.role_users["executive"].username)
    open_plan(executive, base, annual)
    shot(executive, "to-approve")
    executive.click("[data-testid=advance-plan]")
    executive.wait_for_selector("[data-testid=announce-plan]")
    executive.fill("#id_announced_on", "1/10/2567")
    executive.click("[data-testid=announce-plan]")
    executive.wait_for_selector("[data-testid=public-link]")
    assert (refresh(annual).state, annual.announced_on) == ("announced", dt.date(2024, 10, 1))
    assert PlanTransition.objects.filter(plan=annual).count() == 8
    shot(executive, "announced")
    executive.click("[data-testid=announcement-link]")
    executive.wait_for_selector("[data-testid=announcement]")
    assert "ประกาศ ณ วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๗" in executive.inner_text("[data-testid=announcement]")
    assert "วิไล ศรีสุข" in executive.inner_text("[data-testid=announcement]")
    shot(executive, "announcement")

    # Anyone sees the public page, no login.
    public = new_page(phone=True)
    public.goto(base + reverse("plans:public_list"))
    public.click(f"a[href='{reverse('plans:public_plan', args=[annual.pk])}']")
    public.wait_for_selector("[data-testid=public-projects]")
    assert "โครงการเยี่ยมบ้านผู้สูงอายุ" in public.inner_text("[data-testid=public-projects]")
    assert "270,000.00" in public.inner_text("[data-testid=public-total]")
    shot(public, "public-phone")

    # Priorities and the schedule of the announced plan (the schedule on a phone).
    planner.goto(base + reverse("plans:plan_priorities", args=[annual.pk]) + "?ceiling=200000")
    assert "โครงการอบรมอาสาสมัคร" in planner.inner_text("[data-testid=deferred]")
    shot(planner, "priorities")
    phone = new_page(phone=True)
    log_in(phone, base, world.viewer.username)
    phone.goto(base + reverse("plans:plan_schedule", args=[annual.pk]))
    assert phone.locator("[data-testid=schedule-project]").count() == 4
    shot(phone, "schedule-phone")

    # An additional budget: the planner starts an addition, which becomes edition 2.
    open_plan(planner, base, annual)
    planner.click("details:has([data-testid=start-edition]) summary")
    planner.select_option("#id_kind", "addition")
    planner.fill("#id_reason", "ได้รับงบประมาณรายจ่ายเพิ่มเติม")
    planner.click("[data-testid=start-edition]")
    planner.wait_for_selector("[data-testid=review-panel]")
    edition = AnnualPlan.objects.get(previous=annual)
    assert (edition.edition_kind, edition.edition_number, edition.edition_year) == (
        "addition",
        1,
        2568,
    )
    assert "1/2568" in planner.inner_text("[data-testid=editions]")
    assert "เพิ่มเติม" in planner.inner_text("[data-testid=editions]")
    add_project(edition, "โครงการจากงบเพิ่มเติม", 50000, issue=issue, indicators=[])
    planner.goto(base + reverse("plans:edition_diff", args=[edition.pk]))
    assert "โครงการจากงบเพิ่มเติม" in planner.inner_text("[data-testid=diff-added]")
    shot(planner, "edition-diff")

    for finding in alignment_check(edition).open_warnings:
        workflow.override_finding(plan=edition, finding=finding.code, reason="ok", by=world.planner)
    edition = workflow.plan_submit(plan=edition, by=world.planner)
    edition = workflow.plan_advance(plan=edition, by=world.planner)
    edition = workflow.plan_advance(plan=edition, by=world.role_users["committee"])
    edition = workflow.plan_advance(plan=edition, by=world.role_users["executive"])
    workflow.plan_announce(plan=edition, by=world.role_users["executive"])
    public.goto(base + reverse("plans:public_plan", args=[edition.pk]))
    editions = public.inner_text("[data-testid=public-editions]")
    assert "1/2568" in editions and "โครงการจากงบเพิ่มเติม" in public.inner_text(
        "[data-testid=public-projects]"
    )
    shot(public, "public-edition-2")
