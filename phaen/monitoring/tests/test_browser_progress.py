"""A project owner at phone width reports a month with a photo (first refused for want of a
narrative while behind), then the planner acknowledges it. Screenshots in
test-artifacts/screens/monitoring-*.png (looked at)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phaen.conftest import ARTIFACTS
from phaen.monitoring.images import png
from phaen.monitoring.models import ProgressReport
from phaen.strategy.tests.test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENS = ARTIFACTS / "screens"


def shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"monitoring-{name}.png"), full_page=True)


def test_owner_reports_from_a_phone_and_the_planner_acknowledges(
    live_server, world, good, new_page, tmp_path
):
    photo = tmp_path / "visit.png"
    photo.write_bytes(png(320, 240))
    phone = new_page(phone=True)
    log_in(phone, live_server.url, world.role_users["project_owner"].username)
    phone.goto(live_server.url + reverse("monitoring:project_detail", args=[good.pk]))
    phone.wait_for_selector("[data-testid=history-table]")
    shot(phone, "project-phone")
    phone.locator(f"a[href='{reverse('monitoring:report_edit', args=[good.pk, 4])}']").click()
    phone.wait_for_selector("[data-testid=report-form]")
    assert phone.get_attribute("#id_evidence_file", "accept") == "image/*,application/pdf"
    phone.select_option("#id_status", "in_progress")
    phone.fill("#id_percent", "10")
    phone.fill(f"#id_output_{good.outputs.get().pk}", "60")
    phone.set_input_files("#id_evidence_file", str(photo))
    phone.fill("#id_evidence_caption", "เยี่ยมบ้านผู้สูงอายุ หมู่ 3")
    phone.click("[data-testid=submit-report]")
    phone.wait_for_selector("[data-testid=form-errors]")
    assert "#id_narrative" in phone.inner_html("[data-testid=form-errors]")
    shot(phone, "report-narrative-required-phone")
    assert not ProgressReport.objects.exists()
    # the file input is empty again after a refused post: choose the photo once more
    phone.fill("#id_narrative", "ฝนตกหนักต่อเนื่อง เลื่อนการลงพื้นที่ไปสัปดาห์หน้า")
    phone.set_input_files("#id_evidence_file", str(photo))
    phone.click("[data-testid=submit-report]")
    phone.wait_for_selector("[data-testid=evidence-gallery] img")
    assert phone.inner_text("[data-testid=report-percent]") == "10%"
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    shot(phone, "report-submitted-phone")
    report = ProgressReport.objects.get()
    assert report.state == "submitted" and report.evidence.get().kind == "photo"

    desk = new_page()
    log_in(desk, live_server.url, world.planner.username)
    desk.goto(live_server.url + reverse("monitoring:report_detail", args=[report.pk]))
    desk.click("[data-testid=acknowledge]")
    desk.wait_for_selector("[data-testid=meeting-approved], form[action$='/meeting/']")
    shot(desk, "report-acknowledged")
    report.refresh_from_db()
    assert report.state == "acknowledged" and report.snapshots.count() == 1
    # the follow-up list of that fiscal year, on the phone too
    desk.goto(live_server.url + reverse("monitoring:index"))
    with desk.expect_navigation():
        desk.select_option("#switch-fiscal-year", "2568")
    desk.goto(live_server.url + reverse("monitoring:index") + "?month=4")
    desk.wait_for_selector("[data-testid=follow-up-table]")
    assert desk.locator("[data-testid=follow-up-row]").count() == 3
    assert desk.locator("[data-testid=overdue]").count() == 2  # the two that never reported
    shot(desk, "index")
