"""Amending an open round: deadline, title, instructions, organisations asked or withdrawn;
refusals keyed by field that change nothing; the changes list; the page and the API."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from phaen.api.testing import bearer_client, error_fields
from phaen.core.testing import make_org, make_user
from phaen.organizations.choices import Role
from phaen.rounds import choices as c
from phaen.rounds import selectors, services
from phaen.rounds.models import ReportingRound, RoundChange, RoundSubmission
from phaen.rounds.tests.factories import add_child, open_round

S = c.SubmissionState
DEADLINE = dt.date(2027, 1, 15)


def set_today(monkeypatch, day: dt.date, hour: int = 10):
    """Move "now" to ``hour`` o'clock in Bangkok on ``day``."""
    bangkok = ZoneInfo("Asia/Bangkok")
    moment = dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=bangkok)
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.fixture
def kids(world):
    """OWN asks CHILD and KIDA (each with a planner); KIDB is below OWN but not asked."""
    child_planner = make_user(world.child, Role.PLANNER, username="child-planner")
    a, a_planner = add_child(world, "KIDA")
    b, b_planner = add_child(world, "KIDB")
    round_ = open_round(world, children=[world.child, a], deadline=DEADLINE)
    return {
        "round": round_,
        "child_planner": child_planner,
        "a": (a, a_planner),
        "b": (b, b_planner),
    }


def fields_of(err) -> set:
    return set(err.value.message_dict)


def test_extend_the_deadline_and_edit_title_and_instructions(world, kids, monkeypatch):
    set_today(monkeypatch, dt.date(2027, 1, 10))
    round_ = kids["round"]
    versions = round_.history.count()
    fresh = services.round_amend(
        round_=round_,
        by=world.planner,
        title="รายงานผลไตรมาส 1 (ขยายเวลา)",
        instructions="ส่งภายในวันที่ขยาย",
        deadline=dt.date(2027, 1, 31),
    )
    round_.refresh_from_db()
    assert round_.deadline == dt.date(2027, 1, 31)
    assert round_.title == "รายงานผลไตรมาส 1 (ขยายเวลา)"
    assert round_.instructions == "ส่งภายในวันที่ขยาย"
    changes = {ch.field: ch for ch in RoundChange.objects.filter(round=round_)}
    assert set(changes) == {"title", "instructions", "deadline"}
    assert (changes["deadline"].before, changes["deadline"].after) == ("2027-01-15", "2027-01-31")
    assert changes["deadline"].after_date == dt.date(2027, 1, 31)
    assert changes["title"].before == "รายงานผลไตรมาส 1"
    assert all(ch.by == world.planner for ch in changes.values())
    assert len(fresh.applied_changes) == 3
    assert round_.history.count() == versions + 1
    assert round_.history.first().history_user == world.planner


def test_unchanged_values_record_nothing(world, kids, monkeypatch):
    set_today(monkeypatch, dt.date(2027, 1, 20))  # the deadline has passed: kept as it is
    round_ = kids["round"]
    fresh = services.round_amend(
        round_=round_,
        by=world.planner,
        title=round_.title,
        instructions=round_.instructions,
        deadline=round_.deadline,
    )
    assert fresh.applied_changes == []
    assert not RoundChange.objects.exists()


def test_a_deadline_earlier_than_today_is_refused_and_nothing_changes(world, kids, monkeypatch):
    set_today(monkeypatch, dt.date(2027, 1, 20))
    round_ = kids["round"]
    a = kids["a"][0]
    with pytest.raises(ValidationError) as err:
        services.round_amend(
            round_=round_,
            by=world.planner,
            title="ชื่อใหม่",
            deadline=dt.date(2027, 1, 19),
            withdraw_children=[a],
        )
    assert fields_of(err) == {"deadline"}
    round_.refresh_from_db()
    assert (round_.title, round_.deadline) == ("รายงานผลไตรมาส 1", DEADLINE)
    assert round_.submissions.filter(organization=a).exists()
    assert not RoundChange.objects.exists()
    # today itself is a valid deadline (the day counts until midnight in Bangkok)
    services.round_amend(round_=round_, by=world.planner, deadline=dt.date(2027, 1, 20))
    round_.refresh_from_db()
    assert round_.deadline == dt.date(2027, 1, 20)


def test_a_blank_title_is_refused(world, kids):
    with pytest.raises(ValidationError) as err:
        services.round_amend(round_=kids["round"], by=world.planner, title="  ")
    assert fields_of(err) == {"title"}


def test_ask_another_organisation_below_the_parent(world, kids):
    round_ = kids["round"]
    b, b_planner = kids["b"]
    grandchild = make_org("GRAND", parent=kids["a"][0])
    services.round_amend(round_=round_, by=world.planner, add_children=[b, grandchild])
    asked = list(round_.submissions.values_list("organization__code", "state"))
    assert asked == [
        ("CHILD", S.NOT_SUBMITTED),
        ("GRAND", S.NOT_SUBMITTED),
        ("KIDA", S.NOT_SUBMITTED),
        ("KIDB", S.NOT_SUBMITTED),
    ]
    added = round_.submissions.get(organization=b)
    assert added.history.first().history_user == world.planner
    assert ReportingRound.objects.for_user(b_planner).filter(pk=round_.pk).exists()
    assert set(
        RoundChange.objects.filter(round=round_, field="asked").values_list(
            "organization__code", flat=True
        )
    ) == {"KIDB", "GRAND"}


@pytest.mark.parametrize("who", ["other", "parent", "self", "already"])
def test_asking_outside_the_parent_or_twice_is_refused(world, kids, who):
    round_ = kids["round"]
    org = {
        "other": world.other,  # unrelated
        "parent": world.parent,  # above the parent
        "self": world.own,  # the parent itself
        "already": kids["a"][0],
    }[who]
    with pytest.raises(ValidationError) as err:
        services.round_amend(round_=round_, by=world.planner, add_children=[org])
    assert fields_of(err) == {"add_children"}
    assert str(org) in err.value.message_dict["add_children"][0]
    assert round_.submissions.count() == 2
    assert not RoundChange.objects.exists()


def test_withdraw_a_child_that_has_not_submitted(world, kids):
    round_ = kids["round"]
    a, a_planner = kids["a"]
    submission = round_.submissions.get(organization=a)
    services.round_amend(round_=round_, by=world.planner, withdraw_children=[a])
    assert not round_.submissions.filter(organization=a).exists()
    deleted = RoundSubmission.history.filter(id=submission.pk, history_type="-").get()
    assert deleted.history_user == world.planner
    change = RoundChange.objects.get(round=round_)
    assert (change.field, change.organization, change.before) == ("withdrawn", a, str(a))
    # the withdrawn child no longer sees the round
    assert not ReportingRound.objects.for_user(a_planner).filter(pk=round_.pk).exists()


@pytest.mark.parametrize("state", ["submitted", "returned", "accepted"])
def test_a_child_that_has_submitted_cannot_be_withdrawn(world, kids, state):
    round_ = kids["round"]
    a, a_planner = kids["a"]
    sub = services.submission_submit(
        submission=round_.submissions.get(organization=a), by=a_planner
    )
    if state == "returned":
        services.submission_return(submission=sub, by=world.planner, comment="แก้")
    elif state == "accepted":
        services.submission_accept(submission=sub, by=world.planner)
    with pytest.raises(ValidationError) as err:
        services.round_amend(round_=round_, by=world.planner, title="ชื่อใหม่", withdraw_children=[a])
    assert fields_of(err) == {"withdraw_children"}
    assert str(a) in err.value.message_dict["withdraw_children"][0]
    assert round_.submissions.get(organization=a).state == state
    round_.refresh_from_db()
    assert round_.title == "รายงานผลไตรมาส 1"


def test_withdrawing_one_not_asked_or_everyone_is_refused(world, kids):
    round_ = kids["round"]
    with pytest.raises(ValidationError) as err:
        services.round_amend(round_=round_, by=world.planner, withdraw_children=[kids["b"][0]])
    assert fields_of(err) == {"withdraw_children"}
    with pytest.raises(ValidationError) as err:
        services.round_amend(
            round_=round_, by=world.planner, withdraw_children=[world.child, kids["a"][0]]
        )
    assert fields_of(err) == {"withdraw_children"}
    assert round_.submissions.count() == 2
    # withdrawing everyone while asking someone else leaves the round with one organisation
    services.round_amend(
        round_=round_,
        by=world.planner,
        withdraw_children=[world.child, kids["a"][0]],
        add_children=[kids["b"][0]],
    )
    assert list(round_.submissions.values_list("organization__code", flat=True)) == ["KIDB"]


@pytest.mark.parametrize("who", ["viewer", "finance", "child_planner", "outsider"])
def test_only_the_people_who_open_rounds_amend_them(world, kids, who):
    user = {
        "viewer": world.viewer,
        "finance": world.role_users[Role.FINANCE],
        "child_planner": kids["child_planner"],
        "outsider": world.outsider,
    }[who]
    with pytest.raises(PermissionDenied):
        services.round_amend(round_=kids["round"], by=user, title="x")
    services.round_amend(
        round_=kids["round"], by=world.role_users[Role.EXECUTIVE], title="โดยผู้บริหาร"
    )
    assert RoundChange.objects.get().by == world.role_users[Role.EXECUTIVE]


def test_the_board_counts_late_again_after_an_extension(world, kids, monkeypatch, client):
    set_today(monkeypatch, dt.date(2027, 1, 16), hour=1)  # 1 a.m. in Bangkok, the day after
    round_ = kids["round"]
    assert selectors.round_board(round_, world.planner).late == 2
    services.round_amend(round_=round_, by=world.planner, deadline=dt.date(2027, 1, 31))
    round_.refresh_from_db()
    assert selectors.round_board(round_, world.planner).late == 0
    client.force_login(world.planner)
    html = client.get(reverse("rounds:round_detail", args=[round_.pk])).content.decode()
    assert 'data-testid="count-late">0<' in html
    assert 'data-testid="late-CHILD"' not in html
    set_today(monkeypatch, dt.date(2027, 2, 1))  # past the new deadline: late again
    assert selectors.round_board(round_, world.planner).late == 2


# --- The page ------------------------------------------------------------------------------
def test_the_parent_planner_amends_through_the_page(world, kids, client, monkeypatch):
    set_today(monkeypatch, dt.date(2027, 1, 10))
    round_ = kids["round"]
    b = kids["b"][0]
    client.force_login(world.planner)
    detail = reverse("rounds:round_detail", args=[round_.pk])
    assert 'data-testid="round-amend"' in client.get(detail).content.decode()
    url = reverse("rounds:round_amend", args=[round_.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="add_children"' in html and f'value="{b.pk}"' in html
    response = client.post(
        url,
        {
            "title": round_.title,
            "deadline": "31/1/2570",
            "instructions": "ส่งให้ครบ",
            "add_children": [b.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    round_.refresh_from_db()
    assert round_.deadline == dt.date(2027, 1, 31) and round_.instructions == "ส่งให้ครบ"
    assert round_.submissions.filter(organization=b).exists()
    html = client.get(detail).content.decode()
    assert 'data-testid="round-changes"' in html
    for field in ("deadline", "instructions", "asked"):
        assert f'data-testid="change-{field}"' in html
    assert "31 มกราคม 2570" in html and str(b) in html


def test_a_refused_amendment_shows_the_error_on_its_field(world, kids, client, monkeypatch):
    set_today(monkeypatch, dt.date(2027, 1, 20))
    round_ = kids["round"]
    client.force_login(world.planner)
    response = client.post(
        reverse("rounds:round_amend", args=[round_.pk]),
        {"title": "ชื่อใหม่", "deadline": "19/1/2570", "instructions": ""},
    )
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"deadline"}
    round_.refresh_from_db()
    assert round_.title == "รายงานผลไตรมาส 1" and round_.deadline == DEADLINE


def test_a_child_planner_cannot_amend_and_an_outsider_sees_nothing(world, kids, client):
    round_ = kids["round"]
    url = reverse("rounds:round_amend", args=[round_.pk])
    client.force_login(kids["child_planner"])
    assert client.get(url).status_code == 403
    body = {"title": "x", "deadline": "31/1/2570", "instructions": ""}
    assert client.post(url, body).status_code == 403
    detail = client.get(reverse("rounds:round_detail", args=[round_.pk])).content.decode()
    assert 'data-testid="round-amend"' not in detail
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, body).status_code == 404
    round_.refresh_from_db()
    assert round_.title == "รายงานผลไตรมาส 1"


def test_a_child_sees_round_wide_changes_not_other_children(world, kids, client, monkeypatch):
    set_today(monkeypatch, dt.date(2027, 1, 10))
    round_ = kids["round"]
    services.round_amend(
        round_=round_,
        by=world.planner,
        deadline=dt.date(2027, 1, 31),
        add_children=[kids["b"][0]],
    )
    client.force_login(kids["child_planner"])
    html = client.get(reverse("rounds:round_detail", args=[round_.pk])).content.decode()
    assert 'data-testid="change-deadline"' in html
    assert 'data-testid="change-asked"' not in html
    client.force_login(kids["b"][1])  # the organisation asked sees that it was asked
    html = client.get(reverse("rounds:round_detail", args=[round_.pk])).content.decode()
    assert 'data-testid="change-asked"' in html


# --- The API -------------------------------------------------------------------------------
def test_amend_through_the_api(world, kids, monkeypatch):
    set_today(monkeypatch, dt.date(2027, 1, 10))
    round_ = kids["round"]
    a, b = kids["a"][0], kids["b"][0]
    parent = bearer_client(world.planner)
    url = f"/api/v1/reporting-rounds/{round_.pk}/amend/"
    r = parent.post(url, {"deadline": "2027-01-05", "title": "ใหม่"}, format="json")
    assert r.status_code == 400 and set(error_fields(r)) == {"deadline"}
    r = parent.post(url, {"add_children": [world.other.pk]}, format="json")
    assert r.status_code == 400 and "add_children" in error_fields(r)
    sub = services.submission_submit(
        submission=round_.submissions.get(organization=a), by=kids["a"][1]
    )
    r = parent.post(url, {"withdraw_children": [a.pk]}, format="json")
    assert r.status_code == 400 and "withdraw_children" in error_fields(r)
    r = parent.post(
        url,
        {"deadline": "2027-01-31", "add_children": [b.pk], "withdraw_children": [world.child.pk]},
        format="json",
    )
    assert r.status_code == 200, r.json()
    body = r.json()
    assert body["deadline"] == "2027-01-31" and body["title"] == "รายงานผลไตรมาส 1"
    assert sorted(body["asked"]) == sorted([a.pk, b.pk])
    assert RoundSubmission.objects.get(pk=sub.pk).state == S.SUBMITTED
    changes = parent.get(f"/api/v1/reporting-rounds/{round_.pk}/changes/").json()
    assert sorted(ch["field"] for ch in changes) == ["asked", "deadline", "withdrawn"]
    # the child that submitted reads the deadline change, not who else was asked
    child_changes = bearer_client(kids["a"][1]).get(
        f"/api/v1/reporting-rounds/{round_.pk}/changes/"
    )
    assert [ch["field"] for ch in child_changes.json()] == ["deadline"]


def test_the_api_refuses_a_child_and_hides_the_round_from_outsiders(world, kids):
    round_ = kids["round"]
    url = f"/api/v1/reporting-rounds/{round_.pk}/amend/"
    r = bearer_client(kids["child_planner"]).post(url, {"title": "x"}, format="json")
    assert r.status_code == 403
    r = bearer_client(world.outsider).post(url, {"title": "x"}, format="json")
    assert r.status_code == 404
    round_.refresh_from_db()
    assert round_.title == "รายงานผลไตรมาส 1"
