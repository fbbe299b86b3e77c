"""API: warnings (read-only, scoped to what the caller may see) and notifications."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from phaen.alerts import selectors
from phaen.alerts.services import notify
from phaen.alerts.tests.factories import FY, plan, project

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(selectors, "today", lambda: dt.date(2026, 11, 20))


@pytest.fixture
def annual(world):
    annual = plan(world)
    project(annual, "โครงการ ก", months=[1])
    return annual


def test_warnings_list(world, annual):
    answer = api(world.viewer).get(
        "/api/v1/warnings/", {"organization": world.own.pk, "fiscal_year": FY}
    )
    assert answer.status_code == 200
    kinds = {row["kind"] for row in answer.json()}
    assert kinds == {"no_progress", "report_overdue"}
    row = answer.json()[0]
    assert set(row) >= {"kind", "severity", "subject", "message", "due_date", "url", "unit"}
    only = api(world.viewer).get(
        "/api/v1/warnings/",
        {"organization": world.own.pk, "fiscal_year": FY, "kind": "no_progress"},
    )
    assert [r["kind"] for r in only.json()] == ["no_progress"]


def test_a_parent_reads_its_childs_warnings_others_get_404(world, annual):
    parent_user = api(world.superuser)
    assert parent_user.get("/api/v1/warnings/", {"organization": world.own.pk}).status_code == 200
    answer = api(world.outsider).get("/api/v1/warnings/", {"organization": world.own.pk})
    assert answer.status_code == 404
    assert answer.json()["error"]["status"] == 404


def test_bad_query_names_the_field(world):
    answer = api(world.viewer).get("/api/v1/warnings/", {"organization": "x"})
    assert answer.status_code == 400
    assert "organization" in answer.json()["error"]["fields"]
    assert api(world.viewer).get("/api/v1/warnings/").status_code == 400


def test_anonymous_is_refused(world):
    assert APIClient().get("/api/v1/warnings/", {"organization": world.own.pk}).status_code in (
        401,
        403,
    )
    assert APIClient().get("/api/v1/notifications/").status_code in (401, 403)


def test_notifications_are_the_callers_own(world):
    mine = notify(recipient=world.viewer, kind="stale", subject="ของฉัน")
    theirs = notify(recipient=world.planner, kind="stale", subject="ของคนอื่น")
    client = api(world.viewer)
    listing = client.get("/api/v1/notifications/").json()
    rows = listing["results"] if isinstance(listing, dict) else listing
    assert [r["id"] for r in rows] == [mine.pk]
    assert client.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    answer = client.post(f"/api/v1/notifications/{mine.pk}/read/")
    assert answer.status_code == 200 and answer.json()["is_read"] is True
    notify(recipient=world.viewer, kind="stale", subject="อีก")
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
