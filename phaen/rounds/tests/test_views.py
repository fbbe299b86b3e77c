import json

import pytest
from django.urls import reverse

from phaen.core.testing import make_org, make_user
from phaen.organizations.choices import Role
from phaen.rounds import choices as c
from phaen.rounds import services
from phaen.rounds.models import ReportingRound, RoundMove, RoundSubmission
from phaen.rounds.tests.factories import add_child, child_plan, open_round

S = c.SubmissionState


@pytest.fixture
def setup(world):
    """OWN (the parent) asks CHILD and SIB; LONE is under OWN but not asked; DEP's other
    child COUSIN is a sibling of the parent; OTHER is unrelated."""
    child_planner = make_user(world.child, Role.PLANNER, username="child-planner")
    child_viewer = make_user(world.child, Role.VIEWER, username="child-viewer")
    sib, sib_planner = add_child(world, "SIB")
    _lone, lone_planner = add_child(world, "LONE")
    cousin = make_org("COUSIN", parent=world.parent)
    cousin_planner = make_user(cousin, Role.PLANNER, username="cousin-planner")
    round_ = open_round(world, children=[world.child, sib])
    sub = round_.submissions.get(organization=world.child)
    return {
        "round": round_,
        "sub": sub,
        "users": {
            "parent_planner": world.planner,
            "parent_executive": world.role_users[Role.EXECUTIVE],
            "parent_org_admin": world.role_users[Role.ORG_ADMIN],
            "parent_viewer": world.viewer,
            "parent_finance": world.role_users[Role.FINANCE],
            "grandparent_planner": make_user(world.parent, Role.PLANNER, username="dep-planner"),
            "child_planner": child_planner,
            "child_viewer": child_viewer,
            "sibling_planner": sib_planner,
            "lone_planner": lone_planner,
            "cousin_planner": cousin_planner,
            "other_planner": world.outsider,
        },
    }


# user → (sees the round, sees CHILD's submission, may submit for CHILD, may decide, may open)
MATRIX = {
    "parent_planner": (True, True, False, True, True),
    "parent_executive": (True, True, False, True, True),
    "parent_org_admin": (True, True, False, True, True),
    "parent_viewer": (True, True, False, False, False),
    "parent_finance": (True, True, False, False, False),
    "grandparent_planner": (True, True, False, False, False),
    "child_planner": (True, True, True, False, False),
    "child_viewer": (True, True, False, False, False),
    "sibling_planner": (True, False, False, False, False),
    "lone_planner": (False, False, False, False, False),
    "cousin_planner": (False, False, False, False, False),
    "other_planner": (False, False, False, False, False),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_permission_matrix(setup, world, who):
    from phaen.organizations import access
    from phaen.rounds.access import may_open

    user = setup["users"][who]
    round_, sub = setup["round"], setup["sub"]
    sees_round, sees_sub, submits, decides, opens = MATRIX[who]
    assert ReportingRound.objects.for_user(user).filter(pk=round_.pk).exists() is sees_round
    assert RoundSubmission.objects.for_user(user).filter(pk=sub.pk).exists() is sees_sub
    assert access.can(user, "submit", sub) is submits
    assert access.can(user, "decide", sub) is decides
    assert may_open(user, world.own) is opens


@pytest.mark.parametrize("who", list(MATRIX))
def test_pages_follow_the_matrix(setup, client, who):
    user = setup["users"][who]
    sees_round, sees_sub, submits, decides, _opens = MATRIX[who]
    client.force_login(user)
    round_, sub = setup["round"], setup["sub"]
    assert client.get(reverse("rounds:round_detail", args=[round_.pk])).status_code == (
        200 if sees_round else 404
    )
    page = client.get(reverse("rounds:submission_detail", args=[sub.pk]))
    assert page.status_code == (200 if sees_sub else 404)
    response = client.post(reverse("rounds:submission_submit", args=[sub.pk]), {"summary": "x"})
    expected = 302 if submits else (403 if sees_sub else 404)
    assert response.status_code == expected
    sub.refresh_from_db()
    if submits:
        assert sub.state == S.SUBMITTED
    else:
        services.submission_submit(submission=sub, by=setup["users"]["child_planner"])
    response = client.post(reverse("rounds:submission_accept", args=[sub.pk]), {})
    assert response.status_code == (302 if decides else (403 if sees_sub else 404))


def test_board_shows_states_and_late(setup, client, world, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2027, 1, 20, 3, 0, tzinfo=dt.UTC))
    sib_sub = setup["round"].submissions.get(organization__code="SIB")
    sib_planner = setup["users"]["sibling_planner"]
    services.submission_submit(submission=sib_sub, by=sib_planner)
    client.force_login(world.planner)
    html = client.get(reverse("rounds:round_detail", args=[setup["round"].pk])).content.decode()
    assert 'data-testid="late-CHILD"' in html
    assert 'data-testid="late-SIB"' not in html
    assert 'data-testid="accept-SIB"' in html


def test_return_without_comment_is_refused_on_the_page(setup, client, world):
    sub = services.submission_submit(
        submission=setup["sub"], by=setup["users"]["child_planner"], summary="ส่ง"
    )
    client.force_login(world.planner)
    response = client.post(reverse("rounds:submission_return", args=[sub.pk]), {"comment": " "})
    assert response.status_code == 400
    assert 'data-testid="form-errors"' in response.content.decode()
    sub.refresh_from_db()
    assert sub.state == S.SUBMITTED
    response = client.post(
        reverse("rounds:submission_return", args=[sub.pk]), {"comment": "เพิ่มรายละเอียด"}
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.state == S.RETURNED
    client.force_login(setup["users"]["child_planner"])
    html = client.get(reverse("rounds:submission_detail", args=[sub.pk])).content.decode()
    assert "เพิ่มรายละเอียด" in html and 'data-testid="submit-form"' in html


def test_open_a_round_through_the_page(world, client):
    add_child(world, "KIDA")
    client.force_login(world.planner)
    session = client.session
    session["phaen_org_id"] = world.own.pk
    session["phaen_fiscal_year"] = 2570
    session.save()
    page = client.get(reverse("rounds:round_create"))
    assert page.status_code == 200
    response = client.post(
        reverse("rounds:round_create"),
        {
            "title": "ไตรมาส 1",
            "period_code": "Q1",
            "deadline": "15/1/2570",
            "instructions": "",
            "children": [world.child.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    round_ = ReportingRound.objects.get(title="ไตรมาส 1")
    assert list(round_.submissions.values_list("organization__code", flat=True)) == ["CHILD"]
    assert round_.deadline.isoformat() == "2027-01-15"
    client.force_login(world.viewer)
    assert client.get(reverse("rounds:round_create")).status_code == 403


def _accept_all(round_, world, children):
    for org, user in children:
        sub = services.submission_submit(
            submission=round_.submissions.get(organization=org), by=user
        )
        services.submission_accept(submission=sub, by=world.planner)


def _board_queries(world, client, django_assert_num_queries, n):
    children = []
    for i in range(n):
        org, user = add_child(world, f"K{n:02d}{i:02d}")
        child_plan(org, user, amounts=(1000, 2000))
        children.append((org, user))
    round_ = open_round(world, children=[o for o, _u in children])
    _accept_all(round_, world, children[: n // 2])
    client.force_login(world.planner)
    url = reverse("rounds:round_detail", args=[round_.pk])
    client.get(url)  # warm the session and the user's access context
    return url


@pytest.mark.parametrize("n", [3, 30])
def test_board_query_count_does_not_grow(world, client, django_assert_num_queries, n):
    url = _board_queries(world, client, django_assert_num_queries, n)
    with django_assert_num_queries(BOARD_QUERIES):
        assert client.get(url).status_code == 200


BOARD_QUERIES = 14  # with the list of changes made since the round opened


def test_exports_total_equal_the_rows(setup, client, world):
    from io import BytesIO

    from openpyxl import load_workbook

    sib_sub = setup["round"].submissions.get(organization__code="SIB")
    child_plan(world.child, setup["users"]["child_planner"], amounts=(1000.25, 99.75))
    child_plan(sib_sub.organization, setup["users"]["sibling_planner"], amounts=(500,))
    _accept_all(
        setup["round"],
        world,
        [
            (world.child, setup["users"]["child_planner"]),
            (sib_sub.organization, setup["users"]["sibling_planner"]),
        ],
    )
    client.force_login(world.planner)
    data = json.loads(
        client.get(reverse("rounds:round_export_json", args=[setup["round"].pk])).content
    )
    assert [r["budget_planned"] for r in data["children"]] == ["1100.00", "500.00"]
    assert data["total"]["budget_planned"] == "1600.00"
    assert data["total"]["projects"] == 3
    response = client.get(reverse("rounds:round_export_xlsx", args=[setup["round"].pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A5"].value == "CHILD" and sheet["A6"].value == "SIB"
    assert sheet["H7"].value == "=SUM(H5:H6)"
    assert sheet["H5"].value + sheet["H6"].value == 1600
    # a child cannot export its parent's consolidation of others
    client.force_login(setup["users"]["sibling_planner"])
    data = json.loads(
        client.get(reverse("rounds:round_export_json", args=[setup["round"].pk])).content
    )
    assert [r["organization"] for r in data["children"]] == ["SIB"]


def test_moves_are_listed_on_the_submission(setup, client, world):
    sub = services.submission_submit(submission=setup["sub"], by=setup["users"]["child_planner"])
    services.submission_return(submission=sub, by=world.planner, comment="แก้ไขตัวเลข")
    assert RoundMove.objects.filter(submission=sub).count() == 2
    client.force_login(world.planner)
    html = client.get(reverse("rounds:submission_detail", args=[sub.pk])).content.decode()
    assert "แก้ไขตัวเลข" in html


def test_index_lists_rounds_asked_and_opened(setup, client, world):
    child_planner = setup["users"]["child_planner"]
    client.force_login(child_planner)
    html = client.get(reverse("rounds:index")).content.decode()
    assert 'data-testid="asked-table"' in html
    assert 'data-testid="round-new"' not in html  # CHILD has nobody under it to ask
    client.force_login(world.planner)
    html = client.get(reverse("rounds:index")).content.decode()
    assert 'data-testid="round-new"' in html and 'data-testid="opened-table"' in html
    assert setup["round"].title in html


@pytest.mark.parametrize("n", [2, 12])
def test_index_query_count_does_not_grow(world, client, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _i in range(n):
        open_round(world, children=[world.child])
    client.force_login(world.planner)
    client.get(reverse("rounds:index"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("rounds:index")).status_code == 200
    assert len(queries) == INDEX_QUERIES


INDEX_QUERIES = 12
