"""The same promises for every organisation-scoped endpoint, checked endpoint by endpoint.

For each endpoint: lists are scoped (a planner of OWN sees OWN and its child, an outsider
only their own organisation, a superuser everything), another organisation's object is a
404, a viewer's change is a 403, an organisation admin's change is saved with its author
in the history, invalid input is a 400 naming the field with nothing saved, and the list
costs the same number of queries whatever its length.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from phaen.accounts.models import User
from phaen.api.testing import bearer_client, error_fields
from phaen.core import testing
from phaen.organizations import access
from phaen.organizations.choices import Role
from phaen.organizations.models import (
    Appointment,
    Organization,
    Person,
    Position,
    RoleAssignment,
    Unit,
)

_n = itertools.count(1)


def _unit(org):
    return Unit.objects.create(organization=org, code=f"U{next(_n)}", name_th="กลุ่มงานทดสอบ")


def _appointment(org):
    return testing.appoint(testing.make_person(org), testing.make_position(org))


def _role(org):
    return RoleAssignment.objects.create(
        organization=org, role=Role.VIEWER, person=testing.make_person(org)
    )


def _user(org):
    return testing.make_user(org, None)


@dataclass(frozen=True)
class Endpoint:
    url: str
    model: type
    make: Callable  # make(org) -> a new object in org
    change: dict  # a valid partial update
    invalid: dict  # an invalid partial update…
    invalid_field: str  # …and the field its error names
    list_queries: int  # queries of one list request with a Bearer token, any length

    def __str__(self) -> str:
        return self.url


ENDPOINTS = [
    Endpoint(
        "organizations",
        Organization,
        lambda org: testing.make_org(f"M{next(_n)}", parent=org),
        {"name_en": "Renamed office"},
        {"name_th": ""},
        "name_th",
        7,
    ),
    Endpoint("units", Unit, _unit, {"name_th": "กลุ่มงานใหม่"}, {"code": ""}, "code", 7),
    Endpoint(
        "positions",
        Position,
        testing.make_position,
        {"title_th": "ผู้อำนวยการกอง"},
        {"title_th": ""},
        "title_th",
        8,
    ),
    Endpoint(
        "people",
        Person,
        testing.make_person,
        {"phone": "02 123 4567"},
        {"email": "not-an-address"},
        "email",
        7,
    ),
    Endpoint(
        "appointments",
        Appointment,
        _appointment,
        {"order_reference": "คำสั่งที่ 12/2567"},
        {"end_date": "2000-01-01"},
        "end_date",
        7,
    ),
    Endpoint(
        "role-assignments",
        RoleAssignment,
        _role,
        {"role": Role.PLANNER},
        {"role": "boss"},
        "role",
        7,
    ),
    Endpoint(
        "users",
        User,
        _user,
        {"first_name": "Somchai"},
        {"username": "no spaces"},
        "username",
        7,
    ),
]


def all_within(endpoint: Endpoint, ids, top: Organization) -> bool:
    """Do the objects ``ids`` all belong to ``top`` or an organisation below it?"""
    path = access.policy_for(endpoint.model).org_path
    lookup = f"{path}__path" if path else "path"
    paths = endpoint.model._default_manager.filter(pk__in=ids).values_list(lookup, flat=True)
    return all(p.startswith(top.path) for p in paths)


def listed_ids(client, endpoint: Endpoint) -> set[int]:
    response = client.get(f"/api/v1/{endpoint.url}/", {"page_size": 500})
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture(params=ENDPOINTS, ids=str)
def endpoint(request):
    return request.param


@pytest.fixture
def objects(world, endpoint):
    return {name: endpoint.make(world.org(name)) for name in ("own", "child", "other")}


def test_it_lists_own_and_child_objects_to_a_planner(world, endpoint, objects):
    ids = listed_ids(bearer_client(world.planner), endpoint)
    assert {objects["own"].pk, objects["child"].pk} <= ids
    assert objects["other"].pk not in ids
    assert all_within(endpoint, ids, world.own)


def test_it_lists_only_their_organisation_to_an_outsider(world, endpoint, objects):
    ids = listed_ids(bearer_client(world.outsider), endpoint)
    assert objects["other"].pk in ids
    assert all_within(endpoint, ids, world.other)


def test_it_lists_everything_to_a_superuser(world, endpoint, objects):
    ids = listed_ids(bearer_client(world.superuser), endpoint)
    assert {obj.pk for obj in objects.values()} <= ids
    assert len(ids) == endpoint.model._default_manager.count()


def test_it_hides_another_organisations_object(world, endpoint, objects):
    client = bearer_client(world.planner)
    url = f"/api/v1/{endpoint.url}/{objects['other'].pk}/"
    for response in (client.get(url), client.patch(url, endpoint.change, format="json")):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_it_refuses_a_viewers_change_of_a_visible_object(world, endpoint, objects):
    obj = objects["own"]
    client = bearer_client(world.viewer)
    assert client.get(f"/api/v1/{endpoint.url}/{obj.pk}/").status_code == 200
    response = client.patch(f"/api/v1/{endpoint.url}/{obj.pk}/", endpoint.change, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    stored = endpoint.model._default_manager.get(pk=obj.pk)
    for field in endpoint.change:
        assert getattr(stored, field) == getattr(obj, field)


def test_it_saves_an_org_admins_change_with_its_author(world, endpoint, objects):
    admin = world.role_users[Role.ORG_ADMIN]
    obj = objects["child"]  # an admin of OWN manages the organisations below it too
    response = bearer_client(admin).patch(
        f"/api/v1/{endpoint.url}/{obj.pk}/", endpoint.change, format="json"
    )
    assert response.status_code == 200, response.json()
    stored = endpoint.model._default_manager.get(pk=obj.pk)
    for field, value in endpoint.change.items():
        assert getattr(stored, field) == value
        assert response.json()[field] == value
    if hasattr(stored, "history"):  # user accounts keep no history
        latest = stored.history.first()
        assert latest.history_type == "~"
        assert latest.history_user == admin


def test_it_rejects_invalid_input_naming_the_field(world, endpoint, objects):
    obj = objects["own"]
    before = endpoint.model._default_manager.filter(pk=obj.pk).values().get()
    response = bearer_client(world.superuser).patch(
        f"/api/v1/{endpoint.url}/{obj.pk}/", endpoint.invalid, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert endpoint.invalid_field in error_fields(response)
    assert endpoint.model._default_manager.filter(pk=obj.pk).values().get() == before


def test_it_pages_lists(world, endpoint, objects):
    response = bearer_client(world.superuser).get(f"/api/v1/{endpoint.url}/", {"page_size": 1})
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert len(body["results"]) == 1
    assert body["count"] == endpoint.model._default_manager.count()
    assert "page=2" in body["next"]


def test_it_lists_with_a_fixed_number_of_queries(world, endpoint, django_assert_num_queries):
    client = bearer_client(world.planner)
    for batch in (2, 6):
        for i in range(batch):
            endpoint.make(world.child if i % 2 else world.own)
        with django_assert_num_queries(endpoint.list_queries):
            response = client.get(f"/api/v1/{endpoint.url}/")
        assert response.status_code == 200


def test_it_counts_holders_without_a_query_per_position(world, django_assert_num_queries):
    """Positions list their current holders from one prefetch, whatever their number."""
    client = bearer_client(world.planner)
    for count in (2, 8):
        while Position.objects.filter(organization=world.own).count() < count:
            position = testing.make_position(world.own)
            testing.appoint(testing.make_person(world.own), position)
            testing.appoint(testing.make_person(world.own), position, start=dt.date(2021, 1, 1))
        with django_assert_num_queries(ENDPOINTS[2].list_queries):
            rows = client.get("/api/v1/positions/").json()["results"]
        assert all(len(row["holders"]) == 2 for row in rows if row["organization"] == world.own.pk)
