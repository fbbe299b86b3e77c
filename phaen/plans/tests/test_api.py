"""The annual-plan API: scoped, lost updates refused (409), frozen plans 409, workflow."""

import pytest
from rest_framework.test import APIClient

from phaen.plans.models import Activity, Project

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_plans_and_projects_are_scoped(annual, world):
    assert [p["id"] for p in api(world.viewer).get("/api/v1/annual-plans/").json()["results"]] == [
        annual.pk
    ]
    assert api(world.outsider).get(f"/api/v1/annual-plans/{annual.pk}/").status_code == 404
    projects = api(world.viewer).get(f"/api/v1/projects/?plan={annual.pk}").json()["results"]
    assert {p["name"] for p in projects} == set(annual.projects.values_list("name", flat=True))
    assert {p["budget"] for p in projects} == {"150000.00", "40000.00", "60000.00"}


def test_a_save_from_an_old_version_is_a_409_and_changes_nothing(annual, world):
    project = annual.projects.get(name="โครงการอบรมอาสาสมัคร")
    url = f"/api/v1/projects/{project.pk}/"
    ok = api(world.planner).patch(url, {"place": "หอประชุม", "version": 1}, format="json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = api(world.planner).patch(url, {"place": "ศาลา", "version": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale"
    assert Project.objects.get(pk=project.pk).place == "หอประชุม"


def test_a_project_owner_edits_their_own_project_and_adds_activities(annual, world):
    owner = world.role_users["project_owner"]
    mine = annual.projects.get(name="โครงการเยี่ยมบ้านผู้สูงอายุ")
    other = annual.projects.get(name="โครงการอบรมอาสาสมัคร")
    assert (
        api(owner)
        .patch(f"/api/v1/projects/{mine.pk}/", {"place": "บ้าน", "version": 1}, format="json")
        .status_code
        == 200
    )
    assert (
        api(owner)
        .patch(f"/api/v1/projects/{other.pk}/", {"place": "x", "version": 1}, format="json")
        .status_code
        == 403
    )
    created = api(owner).post(
        "/api/v1/activities/", {"project": mine.pk, "name": "สรุปผล", "months": [12]}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert (
        api(owner)
        .post("/api/v1/activities/", {"project": other.pk, "name": "x"}, format="json")
        .status_code
        == 403
    )
    bad = api(owner).post(
        "/api/v1/activities/", {"project": mine.pk, "name": "x", "months": [13]}, format="json"
    )
    assert bad.status_code == 400 and "months" in bad.json()["error"]["fields"]
    assert Activity.objects.filter(project=mine).count() == 2


def test_budget_line_months_must_add_up(annual, world):
    project = annual.projects.get(name="โครงการอบรมอาสาสมัคร")
    line = project.budget_lines.get()
    months = ["0"] * 11 + ["30000"]
    response = api(world.planner).patch(
        f"/api/v1/budget-lines/{line.pk}/", {"monthly_plan": months}, format="json"
    )
    assert response.status_code == 400 and "monthly_plan" in response.json()["error"]["fields"]


def test_the_check_and_the_workflow_through_the_api(annual, world):
    check = api(world.planner).get(f"/api/v1/annual-plans/{annual.pk}/check/").json()
    assert check["may_submit"] is True
    warnings = [f for f in check["findings"] if not f["overridden"]]
    from phaen.plans import workflow

    for finding in warnings:
        workflow.override_finding(
            plan=annual, finding=finding["code"], reason="ok", by=world.planner
        )
    url = f"/api/v1/annual-plans/{annual.pk}/"
    assert api(world.planner).post(url + "submit/").json()["state"] == "in_review"
    assert api(world.viewer).post(url + "advance/").status_code == 403
    back = api(world.planner).post(url + "return/", {"comment": ""}, format="json")
    assert back.status_code == 400
    assert api(world.planner).post(url + "advance/").json()["current_step"] == 2
    assert api(world.role_users["committee"]).post(url + "advance/").status_code == 200
    assert api(world.role_users["executive"]).post(url + "advance/").json()["state"] == "approved"
    frozen = api(world.planner).patch(url, {"title": "x"}, format="json")
    assert frozen.status_code == 409
