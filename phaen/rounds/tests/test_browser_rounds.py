"""An agency submits to its parent's round, is sent back once with a comment, submits
again and is accepted, in headless Chromium. The parent's planner opens the round on a
desktop; the agency's planner works at phone width. Screenshots in
test-artifacts/screens/rounds-*.png (looked at)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phaen.conftest import ARTIFACTS
from phaen.core.testing import make_user
from phaen.organizations.choices import Role
from phaen.rounds.models import ReportingRound
from phaen.rounds.tests.factories import add_child, child_plan
from phaen.strategy.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ARTIFACTS / "screens"


def shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"rounds-{name}.png"), full_page=True)


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_an_agency_is_sent_back_once_then_accepted(live_server, world, new_page):
    agency_planner = make_user(world.child, Role.PLANNER, username="agency-planner")
    child_plan(world.child, agency_planner, amounts=(120000, 30000.5), statuses=("in_progress",))
    add_child(world, "SIB")

    parent = new_page()
    log_in(parent, live_server.url, world.planner.username)
    parent.goto(live_server.url + reverse("rounds:index"))
    parent.click("[data-testid=round-new]")
    parent.fill("#id_title", "รายงานผลไตรมาสที่ 1")
    parent.select_option("#id_period_code", "Q1")
    parent.fill("#id_deadline", "15/1/2570")
    parent.fill("#id_instructions", "รายงานความก้าวหน้าและปัญหาอุปสรรค")
    parent.click("[data-testid=round-save]")
    parent.wait_for_selector("[data-testid=round-title]")
    round_ = ReportingRound.objects.get()
    assert round_.submissions.count() == 2  # the direct children, by default
    board_url = live_server.url + reverse("rounds:round_detail", args=[round_.pk])

    agency = new_page(phone=True)
    log_in(agency, live_server.url, agency_planner.username)
    agency.goto(live_server.url + reverse("rounds:index"))
    agency.click("[data-testid=asked-table] a")
    agency.fill("#id_summary", "ดำเนินการแล้ว 1 โครงการ")
    assert _width(agency) <= 390
    shot(agency, "1-agency-submit-phone")
    agency.click("[data-testid=submit-button]")
    agency.wait_for_selector("[data-testid=snapshot]")
    assert agency.inner_text("[data-testid=snap-projects]") == "2"
    assert "150,000.50" in agency.inner_text("[data-testid=snap-budget]")

    parent.goto(board_url)
    parent.wait_for_selector("[data-testid=review-CHILD]")
    parent.click("[data-testid=review-CHILD]")
    parent.click("[data-testid=return-button]")  # without a comment: refused
    parent.wait_for_selector("[data-testid=form-errors]")
    parent.fill("#id_comment", "โปรดระบุปัญหาอุปสรรคของโครงการที่ยังไม่เริ่ม")
    parent.click("[data-testid=return-button]")
    parent.wait_for_selector("[data-testid=board]")
    assert "ส่งกลับแก้ไข" in parent.inner_text("[data-testid=row-CHILD]")
    shot(parent, "2-board-sent-back")

    agency.goto(live_server.url + reverse("rounds:index"))
    agency.click("[data-testid=asked-table] a")
    assert "โปรดระบุปัญหาอุปสรรค" in agency.inner_text("[data-testid=returned-comment]")
    agency.fill("#id_summary", "โครงการที่ 2 รอการจัดสรรงบงวดที่ 2 จะเริ่มเดือนมกราคม")
    shot(agency, "3-agency-resubmit-phone")
    agency.click("[data-testid=submit-button]")
    agency.wait_for_selector("[data-testid=moves]")
    assert agency.locator("[data-testid=moves] li").count() == 3

    parent.goto(board_url)
    parent.click("[data-testid=accept-CHILD]")
    parent.wait_for_selector("[data-testid=state-CHILD]")
    assert "รับแล้ว" in parent.inner_text("[data-testid=state-CHILD]")
    total = parent.inner_text("[data-testid=consolidated-total]")
    assert "150,000.50" in total
    shot(parent, "4-board-accepted-consolidated")
    board_phone = new_page(phone=True)
    log_in(board_phone, live_server.url, world.planner.username)
    board_phone.goto(board_url)
    assert _width(board_phone) <= 390  # wide tables scroll inside their card
    shot(board_phone, "5-board-phone")
    submission = round_.submissions.get(organization=world.child)
    assert submission.state == "accepted"
    assert list(submission.moves.values_list("kind", flat=True)) == [
        "submitted",
        "returned",
        "submitted",
        "accepted",
    ]
