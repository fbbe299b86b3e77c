"""Logins through the API: organisation admins manage their people's logins; no passwords."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from phaen.accounts.models import User
from phaen.api.testing import bearer_client, error_fields
from phaen.core import testing
from phaen.organizations.choices import Role
from phaen.organizations.models import RoleAssignment

URL = "/api/v1/users/"


@pytest.fixture
def admin(world):
    return world.role_users[Role.ORG_ADMIN]


def test_it_never_shows_a_password(world):
    response = bearer_client(world.superuser).get(URL)
    rows = response.json()["results"]
    assert len(rows) == User.objects.count()
    assert all("password" not in row for row in rows)
    assert world.planner.password.encode() not in response.content


def test_it_creates_a_login_for_a_person_of_the_admins_organisation(world, admin):
    person = testing.make_person(world.child)
    response = bearer_client(admin).post(
        URL,
        {"username": "somsri", "email": "somsri@example.go.th", "person": person.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    user = User.objects.get(username="somsri")
    person.refresh_from_db()
    assert person.user == user
    assert not user.has_usable_password()
    assert response.json()["person"] == person.pk
    assert response.json()["display_name"] == person.full_name
    assert person.history.first().history_user == admin


def test_it_refuses_a_login_for_a_person_who_has_one(world, admin):
    response = bearer_client(admin).post(
        URL, {"username": "second", "person": world.viewer.person.pk}, format="json"
    )
    assert response.status_code == 400
    assert error_fields(response) == {"person": ["This person already has another user account."]}
    assert not User.objects.filter(username="second").exists()


def test_it_leaves_logins_without_a_person_to_superusers(world, admin):
    response = bearer_client(admin).post(URL, {"username": "loose"}, format="json")
    assert response.status_code == 403
    response = bearer_client(world.superuser).post(URL, {"username": "loose"}, format="json")
    assert response.status_code == 201
    assert response.json()["person"] is None


def test_it_refuses_a_login_from_someone_who_does_not_manage_people(world):
    person = testing.make_person(world.own)
    response = bearer_client(world.planner).post(
        URL, {"username": "nope", "person": person.pk}, format="json"
    )
    assert response.status_code == 403
    assert not User.objects.filter(username="nope").exists()


def test_it_rejects_a_taken_username(world, admin):
    person = testing.make_person(world.own)
    response = bearer_client(admin).post(
        URL, {"username": world.planner.username, "person": person.pk}, format="json"
    )
    assert list(error_fields(response)) == ["username"]


def test_it_deactivates_but_never_deletes_a_login(world, admin):
    client = bearer_client(admin)
    target = world.role_users[Role.FINANCE]
    response = client.patch(f"{URL}{target.pk}/", {"is_active": False}, format="json")
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.is_active is False
    assert client.delete(f"{URL}{target.pk}/").status_code == 405
    assert User.objects.filter(pk=target.pk).exists()


def test_it_moves_a_login_to_another_person(world, admin):
    target = world.role_users[Role.FINANCE]
    old_person = target.person
    new_person = testing.make_person(world.own)
    response = bearer_client(admin).patch(
        f"{URL}{target.pk}/", {"person": new_person.pk}, format="json"
    )
    assert response.status_code == 200
    old_person.refresh_from_db()
    new_person.refresh_from_db()
    assert (old_person.user, new_person.user) == (None, target)


def test_it_lets_nobody_but_a_superuser_touch_a_staff_login(world, admin):
    staff = testing.make_user(world.own, None, username="staffer")
    staff.is_staff = True
    staff.save()
    response = bearer_client(admin).patch(f"{URL}{staff.pk}/", {"is_active": False}, format="json")
    assert response.status_code == 403
    staff.refresh_from_db()
    assert staff.is_active
    assert (
        bearer_client(world.superuser)
        .patch(f"{URL}{staff.pk}/", {"is_active": False}, format="json")
        .status_code
        == 200
    )


def test_it_does_not_let_users_change_their_own_login_here(world):
    client = bearer_client(world.viewer)
    response = client.patch(f"{URL}{world.viewer.pk}/", {"username": "renamed"}, format="json")
    assert response.status_code == 403
    world.viewer.refresh_from_db()
    assert world.viewer.username != "renamed"


def test_it_hides_superusers_from_organisation_admins(world, admin):
    response = bearer_client(admin).get(f"{URL}{world.superuser.pk}/")
    assert response.status_code == 404


def test_me_tells_the_caller_who_they_are(world):
    position = testing.make_position(world.child)
    testing.appoint(world.planner.person, position, kind="acting")
    RoleAssignment.objects.create(organization=world.child, role=Role.EXECUTIVE, position=position)
    body = bearer_client(world.planner).get("/api/v1/me/").json()
    assert body["username"] == world.planner.username
    assert body["person"] == {
        "id": world.planner.person.pk,
        "full_name": world.planner.person.full_name,
        "organization": world.own.pk,
    }
    assert body["roles"] == [
        {"organization": world.own.pk, "code": "OWN", "name": "Test org OWN", "roles": ["planner"]},
        {
            "organization": world.child.pk,
            "code": "CHILD",
            "name": "Test org CHILD",
            "roles": ["executive"],
        },
    ]


def test_me_for_a_superuser_without_a_person(world):
    body = bearer_client(world.superuser).get("/api/v1/me/").json()
    assert body["is_superuser"] is True
    assert body["person"] is None
    assert body["roles"] == []


def test_me_needs_a_login(db):
    assert APIClient().get("/api/v1/me/").status_code == 401
