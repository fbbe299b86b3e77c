"""The follow-up pages: the list (pinned query count), the owner's monthly report with a
photo, the planner's acknowledgement, the locked month, the project check, problems."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phaen.monitoring import services
from phaen.monitoring.images import png
from phaen.monitoring.models import MeetingDecision, Problem, ProgressReport, ProjectCheck
from phaen.monitoring.tests.conftest import month
from phaen.plans.tests.conftest import add_project
from phaen.plans.tests.test_project_views import login

pytestmark = pytest.mark.django_db


def test_index_lists_the_plan_in_force_with_missing_and_overdue(client, world, good):
    login(client, world.planner, world.own)
    response = client.get(reverse("monitoring:index"), {"month": 3})
    assert response.status_code == 200
    html = response.content.decode()
    assert good.name in html
    assert html.count('data-testid="follow-up-row"') == 3
    assert 'data-testid="overdue"' in html  # December 2567 was due long ago


def test_without_a_month_asked_the_month_shown_is_the_month_selected(client, world, good):
    login(client, world.planner, world.own)
    response = client.get(reverse("monitoring:index"))
    period = response.context["period"]
    html = response.content.decode()
    select = html[html.index('name="month"') :]
    select = select[: select.index("</select>")]
    assert select.count(" selected>") == 1
    assert f'<option value="{period.number}" selected>' in select


def test_index_filters_by_status(client, world, good):
    services.report_save(
        project=good,
        period=month(good.plan, "2567-10"),
        by=world.planner,
        status="in_progress",
        percent=5,
    )
    login(client, world.planner, world.own)
    response = client.get(reverse("monitoring:index"), {"status": "in_progress", "month": 1})
    html = response.content.decode()
    assert html.count('data-testid="follow-up-row"') == 1 and good.name in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_index_query_count_is_the_same_for_5_and_50_projects(client, world, approved, good):
    login(client, world.planner, world.own)
    url = reverse("monitoring:index") + "?month=2"
    from phaen.plans.models import AnnualPlan, Project

    AnnualPlan.objects.filter(pk=approved.pk).update(state="draft")
    for n in range(2):
        add_project(approved, f"โครงการเพิ่ม {n}")
    client.get(url)  # periods created on the first visit
    small = _queries(client, url)
    for n in range(45):
        add_project(approved, f"โครงการอื่น {n}", owner=world.planner.person)
    oct_ = month(approved, "2567-10")
    for project in Project.objects.filter(plan=approved).select_related("plan")[:20]:
        services.report_save(
            project=project, period=oct_, by=world.planner, percent=3, status="in_progress"
        )
    assert Project.objects.filter(plan=approved).count() == 50
    assert _queries(client, url) == small


def test_owner_reports_with_a_photo_and_planner_acknowledges(client, world, good):
    owner = world.role_users["project_owner"]
    login(client, owner, world.own)
    url = reverse("monitoring:report_edit", args=[good.pk, 4])
    page = client.get(url).content.decode()
    assert 'accept="image/*,application/pdf"' in page
    output = good.outputs.get()
    activity = good.activities.get()
    data = {
        "status": "in_progress",
        "percent": "10",
        "narrative": "",
        "problems": "",
        "suggestions": "",
        f"output_{output.pk}": "20",
        f"activity_{activity.pk}": "in_progress",
        "submit": "1",
        "evidence_caption": "ลงพื้นที่",
        "evidence_file": SimpleUploadedFile("visit.png", png(), content_type="image/png"),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Narrative" in response.content.decode() and "behind" in response.content.decode()
    assert not ProgressReport.objects.exists()
    data["narrative"] = "ฝนตกหนัก เลื่อนลงพื้นที่"
    data["evidence_file"] = SimpleUploadedFile("visit.png", png(), content_type="image/png")
    response = client.post(url, data)
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and report.state == "submitted"
    evidence = report.evidence.get()
    assert client.get(reverse("monitoring:evidence_file", args=[evidence.pk])).status_code == 200
    # the owner cannot acknowledge
    ack = reverse("monitoring:report_action", args=[report.pk, "acknowledge"])
    assert client.post(ack).status_code == 403
    login(client, world.planner, world.own)
    assert client.post(ack).status_code == 302
    report.refresh_from_db()
    assert report.state == "acknowledged" and report.snapshots.count() == 1
    client.post(
        reverse("monitoring:report_action", args=[report.pk, "meeting"]),
        {"approved_on": "15/2/2568", "note": "ประชุมประจำเดือน"},
    )
    report.refresh_from_db()
    assert report.meeting_approved_on == dt.date(2025, 2, 15)


def test_a_locked_month_refuses_the_form_naming_the_period(client, world, good):
    period = month(good.plan, "2567-11")
    services.period_lock(period=period, by=world.planner)
    login(client, world.role_users["project_owner"], world.own)
    response = client.post(
        reverse("monitoring:report_edit", args=[good.pk, 2]),
        {"status": "in_progress", "percent": "50"},
    )
    assert response.status_code == 200
    assert "is locked" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_lock_button_needs_force_and_reason_with_waiting_reports(client, world, good):
    period = month(good.plan, "2567-10")
    report = services.report_save(project=good, period=period, by=world.planner)
    services.report_submit(report=report, by=world.planner)
    login(client, world.planner, world.own)
    url = reverse("monitoring:period_lock", args=[period.pk])
    client.post(url)
    period.refresh_from_db()
    assert not period.is_locked
    client.post(url, {"force": "on", "reason": "สิ้นสุดกำหนดส่ง"})
    period.refresh_from_db()
    assert period.is_locked
    login(client, world.viewer, world.own)
    assert client.post(url).status_code == 403


def test_others_cannot_report_on_a_project(client, world, good):
    for user in (world.viewer, world.role_users["executive"], world.outsider):
        login(client, user, world.own)
        code = client.get(reverse("monitoring:report_edit", args=[good.pk, 2])).status_code
        assert code in (403, 404)


def test_project_check_officer_then_approver(client, world, good):
    login(client, world.planner, world.own)
    url = reverse("monitoring:project_check", args=[good.pk])
    client.post(url, {"start": "1"})
    check = ProjectCheck.objects.get(project=good)
    items = list(check.items.all())
    answers = {f"item_{i.pk}": "yes" for i in items[:-1]}
    response = client.post(url, {**answers, "submit": "1"})
    assert "Answer every question first" in response.content.decode()
    answers[f"item_{items[-1].pk}"] = "no"
    client.post(url, {**answers, f"comment_{items[-1].pk}": "ยังไม่ระบุ", "submit": "1"})
    check.refresh_from_db()
    assert check.state == "checked" and check.checked_by == world.planner
    assert client.post(url, {"decision": "approve"}).status_code == 403
    login(client, world.role_users["executive"], world.own)
    client.post(url, {"decision": "approve", "comment": ""})
    check.refresh_from_db()
    assert check.state == "approved" and check.decided_on is not None


def test_problems_and_meetings_with_carried_decisions(client, world, good, approved):
    login(client, world.planner, world.own)
    response = client.post(
        reverse("monitoring:problem_create"),
        {
            "category": "late_report",
            "description": "ส่งรายงานช้า",
            "found_on": "5/1/2568",
            "status": "open",
            "project": good.pk,
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Problem.objects.get().published
    client.post(
        reverse("monitoring:meeting_create"),
        {
            "held_on": "20/3/2568",
            "title": "ประชุมประสานแผน",
            "decisions": "ติดตามทุกเดือน\n+ เพิ่มโครงการอบรม",
        },
    )
    assert list(MeetingDecision.objects.values_list("text", "carry_forward")) == [
        ("ติดตามทุกเดือน", False),
        ("เพิ่มโครงการอบรม", True),
    ]
    login(client, world.planner, world.own, year=2569)
    from phaen.plans import services as plan_services

    plan_services.plan_create(
        organization=world.own, kind="action_plan", fiscal_year=2569, by=world.planner
    )
    html = client.get(reverse("monitoring:problems")).content.decode()
    assert "เพิ่มโครงการอบรม" in html and "ติดตามทุกเดือน" not in html
    login(client, world.viewer, world.own)
    assert client.get(reverse("monitoring:problem_create")).status_code == 403
