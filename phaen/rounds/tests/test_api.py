import pytest

from phaen.api.testing import bearer_client, error_fields
from phaen.core.testing import make_user
from phaen.organizations.choices import Role
from phaen.rounds.tests.factories import add_child, child_plan

BASE = "/api/v1"


@pytest.fixture
def kids(world):
    child_planner = make_user(world.child, Role.PLANNER, username="child-planner")
    sib, sib_planner = add_child(world, "SIB")
    child_plan(world.child, child_planner, amounts=(1000, 500))
    return child_planner, sib, sib_planner


def _open(world, **extra):
    body = {
        "organization": world.own.pk,
        "fiscal_year": 2570,
        "period_code": "Q1",
        "title": "ไตรมาส 1",
        "deadline": "2027-01-15",
        **extra,
    }
    return bearer_client(world.planner).post(f"{BASE}/reporting-rounds/", body, format="json")


def test_open_submit_return_resubmit_accept(world, kids):
    child_planner, sib, sib_planner = kids
    response = _open(world)
    assert response.status_code == 201, response.json()
    round_ = response.json()
    assert sorted(round_["asked"]) == sorted([world.child.pk, sib.pk])
    assert round_["counts"]["not_submitted"] == 2
    child = bearer_client(child_planner)
    subs = child.get(f"{BASE}/round-submissions/").json()
    items = subs["results"] if isinstance(subs, dict) else subs
    assert [s["organization"] for s in items] == [world.child.pk]  # not the sibling's
    sub = items[0]["id"]
    r = child.post(f"{BASE}/round-submissions/{sub}/submit/", {"summary": "ส่ง"}, format="json")
    assert r.status_code == 200 and r.json()["snapshot"]["budget_planned"] == "1500.00"
    parent = bearer_client(world.planner)
    r = parent.post(f"{BASE}/round-submissions/{sub}/return/", {"comment": ""}, format="json")
    assert r.status_code == 400 and "comment" in error_fields(r)
    r = parent.post(f"{BASE}/round-submissions/{sub}/return/", {"comment": "แก้"}, format="json")
    assert r.json()["state"] == "returned"
    assert (
        child.post(f"{BASE}/round-submissions/{sub}/accept/", {}, format="json").status_code == 403
    )
    child.post(f"{BASE}/round-submissions/{sub}/submit/", {}, format="json")
    r = parent.post(f"{BASE}/round-submissions/{sub}/accept/", {}, format="json")
    assert r.json()["state"] == "accepted"
    r = child.post(f"{BASE}/round-submissions/{sub}/submit/", {}, format="json")
    assert r.status_code == 400 and "state" in error_fields(r)
    moves = parent.get(f"{BASE}/round-submissions/{sub}/moves/").json()
    assert [m["kind"] for m in moves] == ["submitted", "returned", "submitted", "accepted"]
    data = parent.get(f"{BASE}/reporting-rounds/{round_['id']}/consolidated/").json()
    assert data["total"]["budget_planned"] == "1500.00" and data["pending"] == ["SIB"]
    # a sibling does not see the child's submission; an outsider sees no round
    sibling = bearer_client(sib_planner)
    assert sibling.get(f"{BASE}/round-submissions/{sub}/").status_code == 404
    outsider = bearer_client(world.outsider)
    assert outsider.get(f"{BASE}/reporting-rounds/{round_['id']}/").status_code == 404


def test_open_refusals(world, kids):
    _child_planner, _sib, sib_planner = kids
    r = _open(world, period_code="Q7")
    assert r.status_code == 400 and "period_code" in error_fields(r)
    r = _open(world, children=[world.other.pk])  # invisible to the planner: unknown id
    assert r.status_code == 400 and "children" in error_fields(r)
    body = {
        "organization": world.own.pk,
        "fiscal_year": 2570,
        "period_code": "Q1",
        "title": "x",
        "deadline": "2027-01-15",
    }
    r = bearer_client(world.viewer).post(f"{BASE}/reporting-rounds/", body, format="json")
    assert r.status_code == 403
    r = bearer_client(sib_planner).post(f"{BASE}/reporting-rounds/", body, format="json")
    assert r.status_code == 400  # OWN is invisible to a child's planner
