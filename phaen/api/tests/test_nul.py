"""NUL characters in JSON text or query parameters are a 400 naming the problem, never a
server error (PostgreSQL cannot store or even compare them)."""

import json

import pytest

from phaen.api.testing import bearer_client

pytestmark = pytest.mark.django_db


def test_nul_in_a_json_body_is_a_400(world):
    client = bearer_client(world.planner)
    response = client.post(
        "/api/v1/strategies/",
        data=json.dumps({"issue": 1, "name": "x", "frameworks": ["a\x00b"]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "NUL" in response.json()["error"]["message"]


def test_nul_in_a_query_parameter_is_a_400(world):
    client = bearer_client(world.planner)
    response = client.get("/api/v1/projects/", {"search": "a\x00b"})
    assert response.status_code == 400
    assert "search" in response.json()["error"]["fields"]
