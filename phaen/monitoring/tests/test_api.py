"""The monitoring API: reports through the same rules as the pages, bulk submission all or
nothing with errors per item and field, acknowledgement, locks, checks and problems."""

import pytest

from phaen.api.testing import bearer_client, error_fields
from phaen.monitoring import services
from phaen.monitoring.models import ProgressReport, ReportSnapshot
from phaen.monitoring.tests.conftest import month

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_owner_creates_and_submits_planner_acknowledges(world, good):
    owner = bearer_client(world.role_users["project_owner"])
    oct_ = month(good.plan, "2567-10")
    output = good.outputs.get()
    response = owner.post(
        f"{API}/progress-reports/",
        {
            "project": good.pk,
            "period": oct_.pk,
            "status": "in_progress",
            "percent": 5,
            "achievements": [{"output": output.pk, "actual": "12"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["achievements"] == [{"output": output.pk, "actual": "12.00"}]
    rid = body["id"]
    assert owner.post(f"{API}/progress-reports/{rid}/submit/").status_code == 200
    assert owner.post(f"{API}/progress-reports/{rid}/acknowledge/").status_code == 403
    planner = bearer_client(world.planner)
    response = planner.post(f"{API}/progress-reports/{rid}/acknowledge/")
    assert response.json()["state"] == "acknowledged"
    snapshots = planner.get(f"{API}/report-snapshots/", {"report": rid}).json()
    assert snapshots["count"] == 1 and snapshots["results"][0]["data"]["percent"] == 5


def test_behind_without_narrative_names_the_field(world, good):
    client = bearer_client(world.role_users["project_owner"])
    response = client.post(
        f"{API}/progress-reports/",
        {
            "project": good.pk,
            "period": month(good.plan, "2568-02").pk,
            "percent": 10,
            "status": "in_progress",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "narrative" in error_fields(response)


def test_locked_period_is_refused_naming_it(world, good):
    period = month(good.plan, "2567-11")
    services.period_lock(period=period, by=world.planner)
    client = bearer_client(world.role_users["project_owner"])
    response = client.post(
        f"{API}/progress-reports/",
        {"project": good.pk, "period": period.pk, "percent": 50, "status": "in_progress"},
        format="json",
    )
    assert response.status_code == 400
    assert "locked" in error_fields(response)["period"][0]


def test_others_may_not_report(world, good):
    for user in (world.viewer, world.role_users["finance"]):
        response = bearer_client(user).post(
            f"{API}/progress-reports/",
            {"project": good.pk, "period": month(good.plan, "2567-10").pk, "percent": 0},
            format="json",
        )
        assert response.status_code == 403
    response = bearer_client(world.outsider).post(
        f"{API}/progress-reports/",
        {"project": good.pk, "period": month(good.plan, "2567-10").pk, "percent": 0},
        format="json",
    )
    assert response.status_code == 400 and "project" in error_fields(response)


def test_bulk_is_all_or_nothing_with_errors_per_item(world, good, approved):
    client = bearer_client(world.planner)
    other = approved.projects.exclude(pk=good.pk).first()
    oct_, dec = month(good.plan, "2567-10"), month(good.plan, "2567-12")
    items = [
        {"project": other.pk, "period": oct_.pk, "percent": 10, "status": "in_progress"},
        {"project": good.pk, "period": dec.pk, "percent": 5, "status": "in_progress"},
        {"project": good.pk, "period": oct_.pk, "percent": 101, "status": "in_progress"},
    ]
    response = client.post(f"{API}/progress-reports/bulk/", items, format="json")
    assert response.status_code == 400
    fields = error_fields(response)
    assert (
        "1.narrative" in fields
        and "2.percent" in fields
        and not any(k.startswith("0.") for k in fields)
    )
    assert not ProgressReport.objects.exists()
    items[1]["narrative"] = "ล่าช้าเพราะน้ำท่วม"
    items[2]["percent"] = 5
    response = client.post(f"{API}/progress-reports/bulk/", items, format="json")
    assert response.status_code == 201, response.json()
    assert [r["state"] for r in response.json()["submitted"]] == ["submitted"] * 3


def test_bulk_refuses_a_project_the_user_may_not_report_on(world, good):
    client = bearer_client(world.role_users["project_owner"])
    other = good.plan.projects.exclude(pk=good.pk).first()  # owned by the planner
    items = [
        {"project": good.pk, "period": month(good.plan, "2567-10").pk, "percent": 0},
        {"project": other.pk, "period": month(good.plan, "2567-10").pk, "percent": 0},
    ]
    response = client.post(f"{API}/progress-reports/bulk/", items, format="json")
    assert response.status_code == 400 and "1.project" in error_fields(response)
    assert not ProgressReport.objects.exists()


def test_period_lock_through_the_api(world, good):
    period = month(good.plan, "2567-10")
    report = services.report_save(project=good, period=period, by=world.planner)
    services.report_submit(report=report, by=world.planner)
    client = bearer_client(world.planner)
    response = client.post(f"{API}/reporting-periods/{period.pk}/lock/", {}, format="json")
    assert response.status_code == 400 and "force" in error_fields(response)
    response = client.post(
        f"{API}/reporting-periods/{period.pk}/lock/",
        {"force": True, "reason": "ครบกำหนด"},
        format="json",
    )
    assert response.json()["is_locked"] is True
    assert (
        bearer_client(world.viewer).post(f"{API}/reporting-periods/{period.pk}/unlock/").status_code
        == 403
    )


def test_check_and_problem_through_the_api(world, good, approved):
    planner = bearer_client(world.planner)
    response = planner.post(f"{API}/project-checks/", {"project": good.pk}, format="json")
    assert response.status_code == 201
    check = response.json()
    answers = [{"id": i["id"], "answer": True} for i in check["items"]]
    response = planner.post(
        f"{API}/project-checks/{check['id']}/record/",
        {"items": answers, "submit": True},
        format="json",
    )
    assert response.json()["state"] == "checked"
    executive = bearer_client(world.role_users["executive"])
    response = executive.post(
        f"{API}/project-checks/{check['id']}/decide/", {"approve": False}, format="json"
    )
    assert response.status_code == 400 and "decision_comment" in error_fields(response)
    response = executive.post(
        f"{API}/project-checks/{check['id']}/decide/", {"approve": True}, format="json"
    )
    assert response.json()["state"] == "approved"
    response = planner.post(
        f"{API}/problems/",
        {
            "plan": approved.pk,
            "category": "incomplete_data",
            "description": "ข้อมูลไม่ครบ",
            "found_on": "2025-01-10",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (
        bearer_client(world.viewer)
        .post(
            f"{API}/problems/",
            {
                "plan": approved.pk,
                "category": "other",
                "description": "x",
                "found_on": "2025-01-10",
            },
            format="json",
        )
        .status_code
        == 403
    )
    response = planner.post(
        f"{API}/coordination-meetings/",
        {
            "plan": approved.pk,
            "held_on": "2025-03-01",
            "title": "ประชุม",
            "decisions": [{"text": "ทำต่อ", "carry_forward": True}],
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["decisions"][0]["carry_forward"]
    assert ReportSnapshot.objects.count() == 0
