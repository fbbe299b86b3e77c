"""The permission matrix: role × relation of the object's organisation × action.

Relations are seen from the user's own organisation OWN: ``own`` (OWN itself), ``child``
(an organisation under OWN), ``parent`` (the department above OWN) and ``other`` (an
unrelated organisation). Later issues extend this matrix with their objects.
"""

import datetime as dt

import pytest

from phaen.core import testing
from phaen.organizations import access
from phaen.organizations.choices import Role
from phaen.organizations.models import Organization, Person, Position, RoleAssignment, Unit

pytestmark = pytest.mark.django_db

RELATIONS = ("own", "child", "parent", "other")
READ = {"own", "child"}
NONE: set[str] = set()

# Expected object actions on organisation-directory objects (Organization, Unit, Position,
# Person, RoleAssignment): every role reads its organisation and the ones below it; only
# the organisation admin manages them (also below).
OBJECT_MATRIX = {
    role: {"view": READ, "add": NONE, "change": NONE, "delete": NONE} for role in Role.values
}
OBJECT_MATRIX[Role.ORG_ADMIN] = {"view": READ, "add": READ, "change": READ, "delete": READ}

# Organisation-level capabilities.
CAPABILITY_MATRIX = {
    Role.ORG_ADMIN: {"view": READ, "manage_people": READ, "edit_plans": {"own"}},
    Role.PLANNER: {
        "view": READ,
        "edit_plans": {"own"},
        "own_projects": {"own"},
        "review": {"own"},
        "consolidate": READ,
    },
    Role.PROJECT_OWNER: {"view": READ, "own_projects": {"own"}},
    Role.FINANCE: {"view": READ, "record_finance": {"own"}},
    Role.EXECUTIVE: {"view": READ, "review": {"own"}, "approve": {"own"}, "consolidate": READ},
    Role.COMMITTEE: {"view": READ, "review": {"own"}},
    Role.VIEWER: {"view": READ},
}


def _objects_by_relation(world):
    objects = {}
    for relation in RELATIONS:
        org = world.org(relation)
        unit = Unit.objects.create(organization=org, code=f"U-{relation}", name_th="กลุ่มงานทดสอบ")
        position = testing.make_position(org, unit=unit)
        person = testing.make_person(org)
        assignment = RoleAssignment.objects.create(
            organization=org, role=Role.VIEWER, person=person
        )
        objects[relation] = [org, unit, position, person, assignment]
    return objects


@pytest.mark.parametrize("role", Role.values)
def test_object_matrix(world, role, django_assert_max_num_queries):
    user = world.role_users[role]
    objects = _objects_by_relation(world)
    for action, allowed_relations in OBJECT_MATRIX[role].items():
        for relation in RELATIONS:
            for obj in objects[relation]:
                expected = relation in allowed_relations
                got = access.can(user, action, obj)
                assert got == expected, f"{role} {action} {type(obj).__name__} in {relation}"
                in_scope = type(obj).objects.for_user(user, action).filter(pk=obj.pk).exists()
                assert in_scope == expected, f"queryset disagrees: {role} {action} {relation}"


@pytest.mark.parametrize("role", Role.values)
def test_capability_matrix(world, role):
    user = world.role_users[role]
    for capability in access.ORG_CAPABILITIES:
        allowed_relations = CAPABILITY_MATRIX[role].get(capability, NONE)
        for relation in RELATIONS:
            got = access.can_in_org(user, capability, world.org(relation))
            expected = relation in allowed_relations
            assert got == expected, f"{role} {capability} in {relation}"


def test_superuser_may_do_everything(world):
    objects = _objects_by_relation(world)
    for relation in RELATIONS:
        for obj in objects[relation]:
            for action in ("view", "add", "change", "delete"):
                assert access.can(world.superuser, action, obj)
        for capability in access.ORG_CAPABILITIES:
            assert access.can_in_org(world.superuser, capability, world.org(relation))
    assert Organization.objects.for_user(world.superuser).count() == Organization.objects.count()


def test_anonymous_and_inactive_users_may_do_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not Organization.objects.for_user(AnonymousUser()).exists()
    assert not access.can(AnonymousUser(), "view", world.own)
    world.planner.is_active = False
    world.planner.save()
    assert not Organization.objects.for_user(world.planner).exists()
    assert not access.can_in_org(world.planner, "view", world.own)


def test_a_user_without_roles_sees_nothing(world):
    user = testing.make_user(world.own, role=None, username="norole")
    assert not Organization.objects.for_user(user).exists()
    assert not access.can_in_org(user, "view", world.own)


def test_a_person_may_view_and_change_their_own_record_only(world):
    me = world.viewer.person
    colleague = testing.make_person(world.own)
    assert access.can(world.viewer, "change", me)
    assert not access.can(world.viewer, "change", colleague)
    assert not access.can(world.viewer, "delete", me)
    outsider_person = world.outsider.person
    assert access.can(world.outsider, "view", outsider_person)
    assert not access.can(world.outsider, "view", me)


def test_rights_follow_the_position_to_the_successor(world):
    """A transfer: the successor takes over the position's rights without re-creating them."""
    position = Position.objects.create(organization=world.own, title_th="หัวหน้ากลุ่มงานยุทธศาสตร์")
    RoleAssignment.objects.create(organization=world.own, role=Role.PLANNER, position=position)
    first = testing.make_user(world.other, role=None, username="first-holder")
    second = testing.make_user(world.other, role=None, username="successor")
    appointment = testing.appoint(first.person, position, start=dt.date(2020, 1, 1))
    assert access.can_in_org(first, "edit_plans", world.own)
    assert not access.can_in_org(second, "edit_plans", world.own)

    appointment.end_date = dt.date(2021, 1, 1)
    appointment.save()
    testing.appoint(second.person, position, start=dt.date(2021, 1, 2))
    access.forget(first)
    access.forget(second)
    assert not access.can_in_org(first, "edit_plans", world.own)
    assert access.can_in_org(second, "edit_plans", world.own)
    assert Organization.objects.for_user(second).filter(pk=world.own.pk).exists()


def test_acting_appointment_grants_rights_only_between_its_dates(world):
    position = Position.objects.create(organization=world.own, title_th="ผู้อำนวยการ", is_head=True)
    RoleAssignment.objects.create(organization=world.own, role=Role.EXECUTIVE, position=position)
    deputy = testing.make_user(world.own, role=Role.VIEWER, username="deputy")
    today = dt.date.today()
    testing.appoint(
        deputy.person,
        position,
        kind="acting",
        start=today - dt.timedelta(days=3),
        end=today + dt.timedelta(days=3),
    )
    assert access.can_in_org(deputy, "approve", world.own)

    later = testing.make_user(world.own, role=Role.VIEWER, username="future-acting")
    testing.appoint(later.person, position, kind="acting", start=today + dt.timedelta(days=10))
    assert not access.can_in_org(later, "approve", world.own)

    former = testing.make_user(world.own, role=Role.VIEWER, username="former-acting")
    testing.appoint(
        former.person,
        position,
        kind="acting",
        start=today - dt.timedelta(days=30),
        end=today - dt.timedelta(days=1),
    )
    assert not access.can_in_org(former, "approve", world.own)


def test_the_scope_costs_a_fixed_number_of_queries(world, django_assert_num_queries):
    for index in range(30):
        testing.make_org(f"C{index}", parent=world.own)
    access.forget(world.planner)
    with django_assert_num_queries(5):  # person, positions, roles, org paths, then the list
        list(Organization.objects.for_user(world.planner))
    with django_assert_num_queries(1):  # the context is cached on the user
        list(Person.objects.for_user(world.planner))
