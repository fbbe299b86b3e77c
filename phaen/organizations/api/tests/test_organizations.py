"""Organisations through the API: creating, moving, deleting, filtering."""

from __future__ import annotations

import pytest

from phaen.api.testing import bearer_client, error_fields
from phaen.core import testing
from phaen.organizations.choices import Role
from phaen.organizations.models import Organization, Province

URL = "/api/v1/organizations/"


@pytest.fixture
def admin(world):
    return world.role_users[Role.ORG_ADMIN]


def test_it_creates_an_organisation_under_one_the_admin_manages(world, admin):
    response = bearer_client(admin).post(
        URL,
        {
            "code": "NEW",
            "name_th": "โรงเรียนใหม่",
            "parent": world.own.pk,
            "kind": "school_or_agency",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    org = Organization.objects.get(code="NEW")
    assert org.parent == world.own
    assert org.kind.code == "school_or_agency"
    assert org.path == f"{world.own.path}{org.pk}/"
    assert response.json()["id"] == org.pk
    assert response.json()["path"] == org.path
    assert org.history.get().history_user == admin


def test_it_gives_a_new_organisation_the_default_kind(world, admin):
    response = bearer_client(admin).post(
        URL, {"code": "DEF", "name_th": "หน่วยงาน", "parent": world.own.pk}, format="json"
    )
    assert response.status_code == 201
    assert Organization.objects.get(code="DEF").kind.is_default


def test_it_refuses_to_create_under_an_organisation_the_user_only_reads(world):
    response = bearer_client(world.planner).post(
        URL, {"code": "NEW", "name_th": "ใหม่", "parent": world.own.pk}, format="json"
    )
    assert response.status_code == 403
    assert not Organization.objects.filter(code="NEW").exists()


def test_it_names_an_invisible_parent_as_unknown(world, admin):
    for parent in (world.other.pk, world.parent.pk, 999_999):
        response = bearer_client(admin).post(
            URL, {"code": "NEW", "name_th": "ใหม่", "parent": parent}, format="json"
        )
        assert response.status_code == 400
        assert error_fields(response) == {"parent": [f"Unknown organisation: {parent}."]}
    assert not Organization.objects.filter(code="NEW").exists()


def test_it_lets_only_a_superuser_create_a_root(world, admin):
    payload = {"code": "ROOT", "name_th": "กระทรวงใหม่", "kind": "ministry"}
    assert bearer_client(admin).post(URL, payload, format="json").status_code == 403
    assert not Organization.objects.filter(code="ROOT").exists()
    response = bearer_client(world.superuser).post(URL, payload, format="json")
    assert response.status_code == 201
    assert Organization.objects.get(code="ROOT").parent is None


def test_it_rejects_a_duplicate_code_and_unknown_references(world, admin):
    response = bearer_client(admin).post(
        URL,
        {
            "code": "CHILD",
            "name_th": "ซ้ำ",
            "parent": world.own.pk,
            "kind": "nope",
            "province": "99",
        },
        format="json",
    )
    assert response.status_code == 400
    assert set(error_fields(response)) == {"code", "kind", "province"}
    assert Organization.objects.filter(code="CHILD").count() == 1


def test_it_refuses_a_cycle(world, admin):
    response = bearer_client(admin).patch(
        f"{URL}{world.own.pk}/", {"parent": world.child.pk}, format="json"
    )
    assert response.status_code == 400
    assert list(error_fields(response)) == ["parent"]
    world.own.refresh_from_db()
    assert world.own.parent == world.parent


def test_it_moves_a_subtree_and_rewrites_its_paths(world, admin):
    sister = testing.make_org("SIS", parent=world.own)
    grandchild = testing.make_org("GRAND", parent=world.child)
    response = bearer_client(admin).patch(
        f"{URL}{world.child.pk}/", {"parent": sister.pk}, format="json"
    )
    assert response.status_code == 200, response.json()
    grandchild.refresh_from_db()
    assert grandchild.path == f"{sister.path}{world.child.pk}/{grandchild.pk}/"
    assert response.json()["depth"] == sister.depth + 1


def test_it_refuses_to_move_an_organisation_to_the_root_for_an_admin(world, admin):
    response = bearer_client(admin).patch(
        f"{URL}{world.child.pk}/", {"parent": None}, format="json"
    )
    assert response.status_code == 403
    world.child.refresh_from_db()
    assert world.child.parent == world.own


def test_it_deletes_a_leaf_and_protects_an_organisation_in_use(world, admin):
    client = bearer_client(admin)
    leaf = testing.make_org("LEAF", parent=world.child)
    assert client.delete(f"{URL}{leaf.pk}/").status_code == 204
    assert not Organization.objects.filter(pk=leaf.pk).exists()
    assert Organization.history.filter(id=leaf.pk, history_type="-").get().history_user == admin

    response = client.delete(f"{URL}{world.own.pk}/")  # it has people and a child
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "protected"
    assert Organization.objects.filter(pk=world.own.pk).exists()


def test_it_filters_by_kind_parent_province_code_and_text(world):
    bangkok = Province.objects.get(code="10")
    world.child.province = bangkok
    world.child.save()
    client = bearer_client(world.superuser)

    def codes(**params):
        return {row["code"] for row in client.get(URL, params).json()["results"]}

    assert codes(kind="provincial_office") == {"OWN"}
    assert codes(parent=world.own.pk) == {"CHILD"}
    assert codes(province="10") == {"CHILD"}
    assert codes(code="OTHER") == {"OTHER"}
    assert codes(q="Test org MIN") == {"MIN"}
    assert codes(q="สำนักงานจังหวัด") == {"OWN"}


def test_it_names_a_malformed_filter(world):
    response = bearer_client(world.superuser).get(URL, {"parent": "abc"})
    assert response.status_code == 400
    assert list(error_fields(response)) == ["parent"]
    response = bearer_client(world.superuser).get(URL, {"parent": 2**70})
    assert response.status_code == 400


def test_it_answers_an_invisible_parent_filter_with_nothing(world):
    response = bearer_client(world.planner).get(URL, {"parent": world.other.pk})
    assert response.status_code == 200
    assert response.json()["count"] == 0
