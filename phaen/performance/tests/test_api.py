"""The performance API: results (one and bulk, all-or-nothing), agreements, assessments,
weighted achievement."""

import pytest
from rest_framework.test import APIClient

from phaen.monitoring.services import period_lock
from phaen.performance.models import Agreement, IndicatorResult
from phaen.performance.tests.factories import make_agreement

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_result_is_recorded_and_a_locked_period_is_a_400_naming_the_period(world, sp, q):
    created = api(world.planner).post(
        "/api/v1/indicator-results/",
        {"indicator": sp["a"].pk, "period": q("Q1").pk, "actual": "70.5", "comment": "ok"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert (
        created.json()["period_code"] == "Q1" and created.json()["recorded_by"] == world.planner.pk
    )
    period_lock(period=q("Q2"), by=world.planner)
    refused = api(world.planner).post(
        "/api/v1/indicator-results/",
        {"indicator": sp["a"].pk, "period": q("Q2").pk, "actual": "1"},
        format="json",
    )
    assert refused.status_code == 400
    assert "period" in refused.json()["error"]["fields"]
    viewer = api(world.viewer).post(
        "/api/v1/indicator-results/",
        {"indicator": sp["a"].pk, "period": q("Q3").pk, "actual": "1"},
        format="json",
    )
    assert viewer.status_code == 403


def test_bulk_is_all_or_nothing_with_errors_per_index(world, sp, q):
    period_lock(period=q("Q2"), by=world.planner)
    body = {
        "results": [
            {"indicator": sp["a"].pk, "period": q("Q1").pk, "actual": "70"},
            {"indicator": sp["b"].pk, "period": q("Q2").pk, "actual": "5"},
            {"indicator": sp["c"].pk, "period": q("Q1").pk, "actual": "x"},
        ]
    }
    response = api(world.planner).post("/api/v1/indicator-results/bulk/", body, format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert any(key.startswith("results.2.actual") for key in fields), fields
    assert not IndicatorResult.objects.exists()
    body["results"] = [body["results"][0], {**body["results"][2], "actual": "12"}]
    response = api(world.planner).post("/api/v1/indicator-results/bulk/", body, format="json")
    assert response.status_code == 201 and len(response.json()) == 2
    response = api(world.planner).post(
        "/api/v1/indicator-results/bulk/",
        {"results": [{"indicator": sp["a"].pk, "period": q("Q2").pk, "actual": "1"}]},
        format="json",
    )
    assert any(key.startswith("results.0.period") for key in response.json()["error"]["fields"])


def test_agreement_sign_refuses_weights_not_100_then_assess(world):
    agreement = make_agreement(world.own, world.planner, weights=(40, 35))
    url = f"/api/v1/agreements/{agreement.pk}/"
    refused = api(world.planner).post(url + "sign/", {"signed_on": "2026-10-15"}, format="json")
    assert refused.status_code == 400 and "weight" in refused.json()["error"]["fields"]
    added = api(world.planner).post(
        "/api/v1/agreement-indicators/",
        {
            "agreement": agreement.pk,
            "name": "ตัวชี้วัดที่ 3",
            "weight": "25",
            "level_1": "1",
            "level_5": "5",
        },
        format="json",
    )
    assert added.status_code == 201, added.json()
    assert added.json()["sort_order"] == 3
    assert (
        api(world.planner)
        .post(url + "sign/", {"signed_on": "2026-10-15"}, format="json")
        .status_code
        == 200
    )
    assert api(world.planner).patch(url, {"title": "x"}, format="json").status_code == 409
    by_name = dict(agreement.indicators.values_list("name", "pk"))
    items = [by_name["ตัวชี้วัดที่ 1"], by_name["ตัวชี้วัดที่ 2"], by_name["ตัวชี้วัดที่ 3"]]
    results = [
        {"indicator": items[0], "result": "72"},
        {"indicator": items[1], "result": "65"},
        {"indicator": items[2], "result": "4"},
    ]
    by_planner = api(world.planner).post(
        url + "assess/", {"kind": "committee", "results": results}, format="json"
    )
    assert by_planner.status_code == 403
    done = api(world.role_users["committee"]).post(
        url + "assess/", {"kind": "committee", "results": results}, format="json"
    )
    assert done.status_code == 201, done.json()
    # 3.4 × 0.40 + 2.0 × 0.35 + 4.0 × 0.25 = 1.36 + 0.70 + 1.00
    assert done.json()["total"] == "3.0600"
    published = api(world.planner).post(url + "publish/", {"audience": "public"}, format="json")
    assert published.json()["state"] == "published"
    version = api(world.planner).post(url + "new-version/", format="json")
    assert (
        version.status_code == 201 and Agreement.objects.get(pk=version.json()["id"]).version == 2
    )


def test_weighted_achievement_endpoint(world, sp, q):
    api(world.planner).post(
        "/api/v1/indicator-results/",
        {"indicator": sp["a"].pk, "period": q("Q1").pk, "actual": "72"},
        format="json",
    )
    response = api(world.viewer).get(
        f"/api/v1/weighted-achievement/?strategic_plan={sp['plan'].pk}&fiscal_year=2570"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["issues"][0]["weighted_achievement"] == "90.00"
    assert response.json()["total"]["weighted_achievement"] == "90.00"
    assert (
        api(world.outsider)
        .get(f"/api/v1/weighted-achievement/?strategic_plan={sp['plan'].pk}&fiscal_year=2570")
        .status_code
        == 404
    )
