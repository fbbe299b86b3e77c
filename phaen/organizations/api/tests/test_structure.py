"""Units, positions, people, appointments and roles through the API: writes and their rules."""

from __future__ import annotations

import datetime as dt

import pytest

from phaen.api.testing import bearer_client, error_fields
from phaen.core import testing
from phaen.organizations.choices import Role
from phaen.organizations.models import Appointment, Person, Position, RoleAssignment, Unit


@pytest.fixture
def admin(world):
    return world.role_users[Role.ORG_ADMIN]


@pytest.fixture
def client(admin):
    return bearer_client(admin)


def test_it_creates_a_unit_for_an_admin_with_history(world, admin, client):
    response = client.post(
        "/api/v1/units/",
        {
            "organization": world.own.pk,
            "code": "PLAN",
            "name_th": "กลุ่มงานยุทธศาสตร์",
            "kind": "group",
        },
        format="json",
    )
    assert response.status_code == 201
    unit = Unit.objects.get(code="PLAN")
    assert (unit.organization, unit.kind) == (world.own, "group")
    assert unit.history.get().history_user == admin


def test_it_refuses_a_unit_from_a_planner_and_saves_nothing(world):
    response = bearer_client(world.planner).post(
        "/api/v1/units/", {"organization": world.own.pk, "code": "X", "name_th": "x"}, format="json"
    )
    assert response.status_code == 403
    assert not Unit.objects.exists()


def test_it_names_an_invisible_organisation_in_a_create(world, client):
    response = client.post(
        "/api/v1/units/",
        {"organization": world.other.pk, "code": "X", "name_th": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert error_fields(response) == {"organization": [f"Unknown organisation: {world.other.pk}."]}
    assert not Unit.objects.exists()


def test_it_names_both_fields_of_a_duplicate_unit_code(world, client):
    Unit.objects.create(organization=world.own, code="U", name_th="หน่วย")
    response = client.post(
        "/api/v1/units/",
        {"organization": world.own.pk, "code": "U", "name_th": "ซ้ำ"},
        format="json",
    )
    message = ["This organisation already has a unit with this code."]
    assert error_fields(response) == {"organization": message, "code": message}
    assert Unit.objects.count() == 1


def test_it_keeps_a_units_parent_in_its_organisation_and_out_of_its_subtree(world, client):
    top = Unit.objects.create(organization=world.own, code="TOP", name_th="สำนัก")
    below = Unit.objects.create(organization=world.own, code="LOW", name_th="กลุ่ม", parent=top)
    elsewhere = Unit.objects.create(organization=world.child, code="C", name_th="หน่วยลูก")
    for parent in (elsewhere.pk, below.pk, top.pk):
        response = client.patch(f"/api/v1/units/{top.pk}/", {"parent": parent}, format="json")
        assert response.status_code == 400
        assert list(error_fields(response)) == ["parent"]
    top.refresh_from_db()
    assert top.parent is None


def test_it_moves_a_unit_only_into_an_organisation_the_user_manages(world, admin):
    unit = Unit.objects.create(organization=world.own, code="U", name_th="หน่วย")
    # the admin of OWN moves it to CHILD (below OWN): allowed
    response = bearer_client(admin).patch(
        f"/api/v1/units/{unit.pk}/", {"organization": world.child.pk}, format="json"
    )
    assert response.status_code == 200
    # an admin of CHILD only may not move it back up to OWN
    child_admin = testing.make_user(world.child, Role.ORG_ADMIN)
    response = bearer_client(child_admin).patch(
        f"/api/v1/units/{unit.pk}/", {"organization": world.own.pk}, format="json"
    )
    assert response.status_code == 400  # OWN is not even visible to them
    unit.refresh_from_db()
    assert unit.organization == world.child


def test_it_lists_the_current_holders_of_a_position(world, client):
    position = testing.make_position(world.own)
    now = testing.make_person(world.own, first="ปัจจุบัน")
    before = testing.make_person(world.own, first="คนเก่า")
    testing.appoint(before, position, start=dt.date(2015, 1, 1), end=dt.date(2019, 12, 31))
    testing.appoint(now, position, kind="acting")
    row = client.get(f"/api/v1/positions/{position.pk}/").json()
    assert [(h["person"], h["kind"]) for h in row["holders"]] == [(now.pk, "acting")]
    assert row["holders"][0]["full_name"] == now.full_name


def test_it_keeps_a_positions_unit_in_its_organisation(world, client):
    unit = Unit.objects.create(organization=world.child, code="C", name_th="หน่วยลูก")
    response = client.post(
        "/api/v1/positions/",
        {"organization": world.own.pk, "unit": unit.pk, "title_th": "นักวิเคราะห์"},
        format="json",
    )
    assert list(error_fields(response)) == ["unit"]
    assert not Position.objects.exists()


def test_it_creates_a_person_without_exposing_a_login(world, client):
    response = client.post(
        "/api/v1/people/",
        {
            "organization": world.child.pk,
            "first_name_th": "สมหญิง",
            "last_name_th": "ใจดี",
            "user": world.planner.pk,
        },
        format="json",
    )
    assert response.status_code == 201
    person = Person.objects.get(first_name_th="สมหญิง")
    assert person.user is None  # the login link is made from the users endpoint
    assert response.json()["full_name"] == "สมหญิง ใจดี"


def test_it_lets_a_person_update_their_own_record(world):
    me = world.viewer.person
    client = bearer_client(world.viewer)
    response = client.patch(f"/api/v1/people/{me.pk}/", {"phone": "081"}, format="json")
    assert response.status_code == 200
    me.refresh_from_db()
    assert me.phone == "081"
    assert me.history.first().history_user == world.viewer


def test_it_appoints_and_filters_current_appointments(world, client):
    position = testing.make_position(world.own)
    old = testing.make_person(world.own)
    new = testing.make_person(world.own)
    testing.appoint(old, position, start=dt.date(2010, 1, 1), end=dt.date(2011, 1, 1))
    response = client.post(
        "/api/v1/appointments/",
        {"position": position.pk, "person": new.pk, "start_date": "2024-10-01"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["is_current"] is True
    current = client.get("/api/v1/appointments/", {"position": position.pk, "current": "true"})
    assert [row["person"] for row in current.json()["results"]] == [new.pk]
    past = client.get("/api/v1/appointments/", {"position": position.pk, "current": "false"})
    assert [row["person"] for row in past.json()["results"]] == [old.pk]


def test_it_refuses_an_appointment_ending_before_it_starts(world, client):
    position = testing.make_position(world.own)
    person = testing.make_person(world.own)
    response = client.post(
        "/api/v1/appointments/",
        {
            "position": position.pk,
            "person": person.pk,
            "start_date": "2024-10-01",
            "end_date": "2024-09-30",
        },
        format="json",
    )
    assert error_fields(response) == {"end_date": ["The end date cannot be before the start date."]}
    assert not Appointment.objects.exists()


def test_it_gives_a_role_to_a_position_and_rejects_ambiguous_holders(world, client):
    position = testing.make_position(world.own)
    person = testing.make_person(world.own)
    url = "/api/v1/role-assignments/"
    response = client.post(
        url,
        {"organization": world.own.pk, "role": "planner", "position": position.pk},
        format="json",
    )
    assert response.status_code == 201
    both = {
        "organization": world.own.pk,
        "role": "viewer",
        "position": position.pk,
        "person": person.pk,
    }
    neither = {"organization": world.own.pk, "role": "viewer"}
    for payload in (both, neither):
        response = client.post(url, payload, format="json")
        assert set(error_fields(response)) == {"person", "position"}
    again = client.post(
        url,
        {"organization": world.own.pk, "role": "planner", "position": position.pk},
        format="json",
    )
    assert "This position already has this role here." in error_fields(again)["position"]
    assert RoleAssignment.objects.filter(position=position).count() == 1


def test_it_deletes_a_person_for_an_admin_only(world, admin, client):
    person = testing.make_person(world.own)
    assert bearer_client(world.viewer).delete(f"/api/v1/people/{person.pk}/").status_code == 403
    assert client.delete(f"/api/v1/people/{person.pk}/").status_code == 204
    assert not Person.objects.filter(pk=person.pk).exists()
    assert Person.history.get(id=person.pk, history_type="-").history_user == admin
