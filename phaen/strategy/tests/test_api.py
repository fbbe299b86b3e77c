"""The strategy API: scoped like the pages, frozen plans answer 409, the tree round-trips."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from phaen.strategy.models import Indicator, PlanProject, StrategicPlan
from phaen.strategy.services import plan_approve, plan_from_tree
from phaen.strategy.tree import plan_queryset, plan_to_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world, tree):
    return plan_from_tree(organization=world.own, tree=tree, by=world.planner)


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_plans_are_listed_within_the_users_reach(world, plan, tree):
    other = plan_from_tree(organization=world.other, tree=copy.deepcopy(tree))
    ids = [p["id"] for p in api(world.viewer).get("/api/v1/strategic-plans/").json()["results"]]
    assert ids == [plan.pk]
    assert api(world.viewer).get(f"/api/v1/strategic-plans/{other.pk}/").status_code == 404
    covering = api(world.superuser).get("/api/v1/strategic-plans/?year=2568").json()["results"]
    assert {p["id"] for p in covering} == {plan.pk, other.pk}
    assert api(world.superuser).get("/api/v1/strategic-plans/?year=2580").json()["results"] == []


def test_the_tree_endpoint_gives_the_exchange_json(world, plan):
    data = api(world.viewer).get(f"/api/v1/strategic-plans/{plan.pk}/tree/").json()
    assert data == {**plan_to_tree(plan_queryset().get(pk=plan.pk)), "plan": plan.pk}


def test_import_creates_a_plan_and_bad_trees_name_their_paths(world, tree):
    created = api(world.planner).post("/api/v1/strategic-plans/import/", tree, format="json")
    assert created.status_code == 201
    tree["issues"][0]["frameworks"] = ["sdg:99"]
    bad = api(world.planner).post("/api/v1/strategic-plans/import/", tree, format="json")
    assert bad.status_code == 400
    assert "issues.0.frameworks.0" in bad.json()["error"]["fields"]
    assert StrategicPlan.objects.count() == 1
    denied = api(world.viewer).post("/api/v1/strategic-plans/import/", tree, format="json")
    assert denied.status_code in (400, 403) and StrategicPlan.objects.count() == 1


def test_a_planner_adds_an_indicator_with_targets(world, plan):
    issue = plan.issues.get(number=2)
    response = api(world.planner).post(
        "/api/v1/indicators/",
        {
            "plan": plan.pk,
            "issue": issue.pk,
            "number": "1",
            "name": "จำนวนเครือข่าย",
            "frameworks": ["sdg:17"],
            "targets": [
                {"fiscal_year": 2566, "value": "10"},
                {"fiscal_year": 2567, "quarter": 1, "value": "2"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    ind = Indicator.objects.get(pk=response.json()["id"])
    assert ind.targets.count() == 2 and ind.frameworks.get().code == "17"
    outside = api(world.planner).post(
        "/api/v1/indicators/",
        {
            "plan": plan.pk,
            "issue": issue.pk,
            "number": "2",
            "name": "x",
            "targets": [{"fiscal_year": 2590, "value": "1"}],
        },
        format="json",
    )
    assert outside.status_code == 400
    assert "targets.0.fiscal_year" in outside.json()["error"]["fields"]


def test_project_budgets_are_written_per_year(world, plan):
    issue = plan.issues.get(number=1)
    response = api(world.planner).post(
        "/api/v1/plan-projects/",
        {
            "plan": plan.pk,
            "issue": issue.pk,
            "name": "โครงการใหม่",
            "work_plan": 3,
            "budgets": {"2566": "100000", "2567": 250000.5},
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    project = PlanProject.objects.get(pk=response.json()["id"])
    assert {b.year: str(b.amount) for b in project.year_budgets.all()} == {
        2566: "100000.00",
        2567: "250000.50",
    }
    assert response.json()["budgets"] == {"2566": "100000.00", "2567": "250000.50"}


def test_viewers_get_403_and_approved_plans_409(world, plan):
    issue = plan.issues.get(number=1)
    url = f"/api/v1/plan-issues/{issue.pk}/"
    assert api(world.viewer).patch(url, {"title": "x"}, format="json").status_code == 403
    plan_approve(plan=plan, by=world.superuser)
    frozen = api(world.planner).patch(url, {"title": "x"}, format="json")
    assert frozen.status_code == 409 and frozen.json()["error"]["code"] == "frozen"


def test_approve_and_revise_actions(world, plan):
    url = f"/api/v1/strategic-plans/{plan.pk}/"
    assert api(world.planner).post(url + "approve/").status_code == 403
    assert api(world.role_users["executive"]).post(url + "approve/").json()["status"] == "approved"
    revision = api(world.planner).post(url + "revise/")
    assert revision.status_code == 201 and revision.json()["revision"] == 2


def test_indicator_list_costs_the_same_queries_at_two_sizes(world, plan, tree):
    client = api(world.viewer)
    client.get("/api/v1/indicators/")
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/indicators/")
    big = copy.deepcopy(tree)
    big["issues"] = [dict(copy.deepcopy(tree["issues"][0]), number=n) for n in range(1, 8)]
    plan_from_tree(organization=world.own, tree=big)
    with CaptureQueriesContext(connection) as large:
        assert len(client.get("/api/v1/indicators/").json()["results"]) > 10
    assert len(small.captured_queries) == len(large.captured_queries)
