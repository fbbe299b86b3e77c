"""Reports through the API: the same JSON as `phaen report … --format json`, scoped."""

import pytest
from rest_framework.test import APIClient

from phaen.reports.registry import get_report
from phaen.strategy.services import plan_from_tree
from phaen.strategy.tests.samples import sample_tree

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_list_names_every_report(world):
    names = {r["name"] for r in api(world.viewer).get("/api/v1/reports/").json()}
    assert {"org-directory", "strategic-plan", "p01", "p02", "pd01", "pd02", "plan-book"} <= names


def test_a_report_is_the_builders_json_with_the_callers_access(world):
    plan = plan_from_tree(organization=world.own, tree=sample_tree())
    response = api(world.viewer).get(f"/api/v1/reports/strategic-plan/?plan={plan.pk}")
    report = get_report("strategic-plan")
    assert response.status_code == 200
    assert response.json() == report.to_json(report.build(user=world.viewer, plan=plan.pk))
    assert (
        api(world.outsider).get(f"/api/v1/reports/strategic-plan/?plan={plan.pk}").status_code
        == 404
    )
    directory = api(world.viewer).get("/api/v1/reports/org-directory/?org=OWN")
    assert directory.status_code == 200 and directory.json()["organization"]["code"] == "OWN"


def test_bad_parameters_are_named(world):
    assert api(world.viewer).get("/api/v1/reports/strategic-plan/").status_code == 400
    bad = api(world.viewer).get("/api/v1/reports/pd02/?plan=abc")
    assert bad.status_code == 400 and "plan" in bad.json()["error"]["fields"]
    assert api(world.viewer).get("/api/v1/reports/nope/").status_code == 404


def test_follow_up_reports_take_a_period_and_name_a_bad_one(world):
    from phaen.plans.models import AnnualPlan

    plan = AnnualPlan.objects.create(
        organization=world.own, kind="action_plan", fiscal_year=2568, title="แผนทดสอบ"
    )
    response = api(world.planner).get(f"/api/v1/reports/quarterly/?plan={plan.pk}&period=Q2")
    assert response.status_code == 200, response.content
    assert response.json()["period"] == "Q2"
    assert response.json()["total"]["budget_planned"] == 0
    bad = api(world.planner).get(f"/api/v1/reports/quarterly/?plan={plan.pk}&period=Q9")
    assert bad.status_code in (400, 404)
    assert "Q9" in str(bad.json()["error"])


def test_agreement_score_takes_its_assessment(world):
    response = api(world.planner).get(
        "/api/v1/reports/agreement-score/?agreement=1&assessment=nobody"
    )
    assert response.status_code == 400
    assert "assessment" in response.json()["error"]["fields"]


def test_the_public_plan_book_carries_the_multi_year_plan_of_an_announced_plan_only(world):
    """The public reader sees a multi-year plan only through an announced annual plan."""
    import datetime as dt

    from phaen.plans.models import AnnualPlan
    from phaen.reports.builders.annual_plan_book import build_plan_book
    from phaen.reports.builders.annual_plan_data import PUBLIC
    from phaen.reports.builders.strategic_plan import build_strategic_plan
    from phaen.reports.registry import ReportError

    strategic = plan_from_tree(organization=world.own, tree=sample_tree())
    annual = AnnualPlan.objects.create(
        organization=world.own,
        kind="action_plan",
        fiscal_year=2568,
        title="แผนปฏิบัติการทดสอบ",
        multi_year_plan=strategic,
    )
    with pytest.raises(ReportError):
        build_strategic_plan(user=PUBLIC, plan_id=strategic.pk)
    AnnualPlan.objects.filter(pk=annual.pk).update(
        state="announced", announced_on=dt.date(2024, 10, 1)
    )
    book = build_plan_book(user=PUBLIC, plan_id=annual.pk)
    assert book.vision and book.vision == strategic.vision
