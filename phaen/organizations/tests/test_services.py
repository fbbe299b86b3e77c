"""Services that write units, positions, people, appointments and roles: the rows they
write, the rules they refuse, and the history user they record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from phaen.core.testing import appoint, make_person, make_position
from phaen.organizations import services
from phaen.organizations.choices import AppointmentKind, Role, UnitKind
from phaen.organizations.models import Appointment, Person, Position, RoleAssignment, Unit

D = dt.date


@pytest.fixture
def admin(world):
    return world.role_users[Role.ORG_ADMIN]


def unit_data(**overrides):
    data = {
        "code": "PLAN",
        "name_th": "กลุ่มงานยุทธศาสตร์",
        "name_en": "Strategy Group",
        "kind": UnitKind.GROUP,
        "sort_order": 1,
        "parent": None,
    }
    return {**data, **overrides}


def position_data(**overrides):
    data = {
        "title_th": "นักวิเคราะห์นโยบายและแผน",
        "title_en": "",
        "number": "01-001",
        "unit": None,
        "supervisor": None,
        "sort_order": 0,
        "is_head": False,
    }
    return {**data, **overrides}


# --- units ----------------------------------------------------------------------------------


def test_it_creates_a_unit_with_its_history_user(world, admin):
    unit = services.unit_create(organization=world.own, by=admin, **unit_data())

    row = Unit.objects.get(pk=unit.pk)
    assert (row.organization, row.code, row.name_th, row.kind) == (
        world.own,
        "PLAN",
        "กลุ่มงานยุทธศาสตร์",
        UnitKind.GROUP,
    )
    record = row.history.get()
    assert record.history_type == "+" and record.history_user == admin


def test_it_nests_a_unit_under_a_unit_of_the_same_organisation(world, admin):
    parent = services.unit_create(organization=world.own, by=admin, **unit_data())
    child = services.unit_create(
        organization=world.own, by=admin, **unit_data(code="SUB", parent=parent)
    )
    assert Unit.objects.get(pk=child.pk).parent == parent


def test_it_refuses_a_parent_unit_of_another_organisation(world, admin):
    foreign = services.unit_create(organization=world.child, by=admin, **unit_data())
    with pytest.raises(ValidationError) as exc:
        services.unit_create(organization=world.own, by=admin, **unit_data(parent=foreign))
    assert "parent" in exc.value.message_dict
    assert not Unit.objects.filter(organization=world.own).exists()


def test_it_refuses_a_unit_under_its_own_descendant(world, admin):
    top = services.unit_create(organization=world.own, by=admin, **unit_data())
    sub = services.unit_create(organization=world.own, by=admin, **unit_data(code="S", parent=top))
    with pytest.raises(ValidationError) as exc:
        services.unit_update(unit=top, by=admin, **unit_data(parent=sub))
    assert "parent" in exc.value.message_dict
    assert Unit.objects.get(pk=top.pk).parent is None


def test_it_refuses_a_duplicate_unit_code_in_one_organisation(world, admin):
    services.unit_create(organization=world.own, by=admin, **unit_data())
    with pytest.raises(ValidationError):
        services.unit_create(organization=world.own, by=admin, **unit_data(name_th="อื่น"))
    assert Unit.objects.filter(organization=world.own).count() == 1
    # the same code in another organisation is fine
    services.unit_create(organization=world.child, by=admin, **unit_data())


def test_it_updates_a_unit_and_records_the_change(world, admin):
    unit = services.unit_create(organization=world.own, by=admin, **unit_data())
    services.unit_update(unit=unit, by=world.superuser, **unit_data(name_th="กลุ่มงานแผน"))
    assert Unit.objects.get(pk=unit.pk).name_th == "กลุ่มงานแผน"
    latest = unit.history.first()
    assert latest.history_type == "~" and latest.history_user == world.superuser


def test_it_rejects_unknown_fields(world, admin):
    with pytest.raises(TypeError):
        services.unit_create(organization=world.own, by=admin, **unit_data(organization=None))


# --- positions --------------------------------------------------------------------------------


def test_it_creates_a_position_in_a_unit(world, admin):
    unit = services.unit_create(organization=world.own, by=admin, **unit_data())
    position = services.position_create(
        organization=world.own, by=admin, **position_data(unit=unit, is_head=True)
    )
    row = Position.objects.get(pk=position.pk)
    assert (row.organization, row.unit, row.is_head, row.number) == (
        world.own,
        unit,
        True,
        "01-001",
    )
    assert row.history.get().history_user == admin


def test_it_refuses_a_unit_of_another_organisation_for_a_position(world, admin):
    foreign = services.unit_create(organization=world.other, by=admin, **unit_data())
    with pytest.raises(ValidationError) as exc:
        services.position_create(organization=world.own, by=admin, **position_data(unit=foreign))
    assert "unit" in exc.value.message_dict
    assert not Position.objects.filter(organization=world.own).exists()


def test_it_accepts_a_supervisor_above_and_refuses_one_below_or_itself(world, admin):
    boss = make_position(world.parent, "อธิบดี")
    position = services.position_create(
        organization=world.own, by=admin, **position_data(supervisor=boss)
    )
    assert position.supervisor == boss
    below = make_position(world.child, "ผู้อำนวยการ")
    with pytest.raises(ValidationError):
        services.position_update(position=position, by=admin, **position_data(supervisor=below))
    with pytest.raises(ValidationError):
        services.position_update(position=position, by=admin, **position_data(supervisor=position))
    assert Position.objects.get(pk=position.pk).supervisor == boss


def test_it_refuses_a_position_without_title(world, admin):
    with pytest.raises(ValidationError) as exc:
        services.position_create(organization=world.own, by=admin, **position_data(title_th=""))
    assert "title_th" in exc.value.message_dict


# --- people -----------------------------------------------------------------------------------


def test_it_creates_and_updates_a_person(world, admin):
    person = services.person_create(
        organization=world.own,
        by=admin,
        title_th="นาง",
        first_name_th="สมใจ",
        last_name_th="ใจดี",
        first_name_en="Somjai",
        last_name_en="Jaidee",
        email="somjai@example.org",
        phone="0 7431 1000",
    )
    row = Person.objects.get(pk=person.pk)
    assert (row.organization, row.full_name, row.user) == (world.own, "นางสมใจ ใจดี", None)
    services.person_update(person=row, by=admin, email="new@example.org")
    assert Person.objects.get(pk=person.pk).email == "new@example.org"
    assert [r.history_user for r in row.history.all()] == [admin, admin]


def test_it_refuses_a_bad_email(world, admin):
    with pytest.raises(ValidationError) as exc:
        services.person_create(
            organization=world.own, by=admin, first_name_th="ก", last_name_th="ข", email="nope"
        )
    assert "email" in exc.value.message_dict


# --- appointments -----------------------------------------------------------------------------


@pytest.fixture
def post(world):
    return make_position(world.own, "หัวหน้ากลุ่มงานยุทธศาสตร์")


def test_it_appoints_a_person_regularly(world, admin, post):
    person = make_person(world.own)
    appointment = services.appointment_create(
        position=post,
        person=person,
        kind=AppointmentKind.REGULAR,
        start_date=D(2024, 10, 1),
        order_reference="คำสั่งที่ 1/2568",
        by=admin,
    )
    row = Appointment.objects.get(pk=appointment.pk)
    assert (row.person, row.position, row.end_date, row.order_reference) == (
        person,
        post,
        None,
        "คำสั่งที่ 1/2568",
    )
    assert row.history.get().history_user == admin
    assert list(post.holders(on=D(2025, 1, 1))) == [person]


def test_it_refuses_a_second_regular_holder_at_the_same_time(world, admin, post):
    first = appoint(make_person(world.own), post, start=D(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.appointment_create(
            position=post,
            person=make_person(world.own),
            kind=AppointmentKind.REGULAR,
            start_date=D(2025, 1, 1),
            by=admin,
        )
    assert "start_date" in exc.value.message_dict
    assert Appointment.objects.filter(position=post).count() == 1
    assert Appointment.objects.get(pk=first.pk).end_date is None


def test_it_ends_the_predecessor_when_a_successor_takes_over(world, admin, post):
    first = appoint(make_person(world.own), post, start=D(2024, 1, 1))
    successor = make_person(world.own)

    services.appointment_create(
        position=post,
        person=successor,
        kind=AppointmentKind.REGULAR,
        start_date=D(2025, 3, 1),
        end_previous=True,
        by=admin,
    )

    first.refresh_from_db()
    assert first.end_date == D(2025, 2, 28)
    assert first.history.first().history_user == admin
    assert list(post.holders(on=D(2025, 2, 28))) == [first.person]
    assert list(post.holders(on=D(2025, 3, 1))) == [successor]


def test_it_lets_an_acting_appointment_overlap_the_regular_holder(world, admin, post):
    holder = make_person(world.own)
    appoint(holder, post, start=D(2024, 1, 1))
    deputy = make_person(world.own)

    acting = services.appointment_create(
        position=post,
        person=deputy,
        kind=AppointmentKind.ACTING,
        start_date=D(2025, 1, 6),
        end_date=D(2025, 1, 10),
        by=admin,
    )

    assert acting.kind == AppointmentKind.ACTING
    assert set(post.holders(on=D(2025, 1, 8))) == {holder, deputy}
    assert set(post.holders(on=D(2025, 1, 11))) == {holder}


def test_it_refuses_the_same_person_twice_in_one_position(world, admin, post):
    person = make_person(world.own)
    appoint(person, post, start=D(2024, 1, 1), kind=AppointmentKind.ACTING)
    with pytest.raises(ValidationError) as exc:
        services.appointment_create(
            position=post,
            person=person,
            kind=AppointmentKind.ACTING,
            start_date=D(2024, 6, 1),
            by=admin,
        )
    assert "person" in exc.value.message_dict


def test_it_refuses_an_end_before_the_start(world, admin, post):
    with pytest.raises(ValidationError):
        services.appointment_create(
            position=post,
            person=make_person(world.own),
            kind=AppointmentKind.REGULAR,
            start_date=D(2025, 1, 1),
            end_date=D(2024, 12, 31),
            by=admin,
        )
    assert not Appointment.objects.exists()


def test_it_ends_an_appointment(world, admin, post):
    appointment = appoint(make_person(world.own), post, start=D(2024, 1, 1))
    services.appointment_end(appointment=appointment, end_date=D(2025, 9, 30), by=admin)
    row = Appointment.objects.get(pk=appointment.pk)
    assert row.end_date == D(2025, 9, 30)
    assert row.history.first().history_user == admin
    with pytest.raises(ValidationError):
        services.appointment_end(appointment=row, end_date=D(2023, 1, 1), by=admin)
    assert Appointment.objects.get(pk=appointment.pk).end_date == D(2025, 9, 30)


# --- roles ------------------------------------------------------------------------------------


def test_it_gives_a_role_to_a_person_and_to_a_position(world, admin, post):
    person = make_person(world.own)
    to_person = services.role_assign(
        organization=world.own, role=Role.FINANCE, person=person, by=admin
    )
    to_position = services.role_assign(
        organization=world.own, role=Role.EXECUTIVE, position=post, by=admin
    )
    assert RoleAssignment.objects.get(pk=to_person.pk).person == person
    assert RoleAssignment.objects.get(pk=to_position.pk).position == post
    assert to_person.history.get().history_user == admin


def test_it_refuses_both_or_neither_holder(world, admin, post):
    person = make_person(world.own)
    for kwargs in ({}, {"person": person, "position": post}):
        with pytest.raises(ValidationError):
            services.role_assign(organization=world.own, role=Role.VIEWER, by=admin, **kwargs)
    assert not RoleAssignment.objects.filter(person=person).exists()


def test_it_refuses_a_holder_of_another_organisation(world, admin):
    stranger = make_person(world.other)
    with pytest.raises(ValidationError) as exc:
        services.role_assign(organization=world.own, role=Role.VIEWER, person=stranger, by=admin)
    assert "person" in exc.value.message_dict


def test_it_refuses_the_same_role_twice(world, admin):
    person = make_person(world.own)
    services.role_assign(organization=world.own, role=Role.VIEWER, person=person, by=admin)
    with pytest.raises(ValidationError):
        services.role_assign(organization=world.own, role=Role.VIEWER, person=person, by=admin)
    assert RoleAssignment.objects.filter(person=person).count() == 1


def test_it_revokes_a_role_and_records_who(world, admin):
    assignment = services.role_assign(
        organization=world.own, role=Role.VIEWER, person=make_person(world.own), by=admin
    )
    pk = assignment.pk
    services.role_revoke(assignment=assignment, by=world.superuser)
    assert not RoleAssignment.objects.filter(pk=pk).exists()
    deleted = RoleAssignment.history.filter(id=pk, history_type="-").get()
    assert deleted.history_user == world.superuser
