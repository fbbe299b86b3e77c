"""Writes on an organisation's units, positions, people, appointments and roles.

Every service takes keyword-only arguments, validates with ``full_clean()`` (so the
database constraints' messages reach the form), runs in one transaction and records
``by`` as the history user. Permission checks happen before, in the interface layer
(``phaen.organizations.access``). Organisations themselves are created in ``tree.py``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from phaen.accounts.models import User
from phaen.organizations.choices import AppointmentKind
from phaen.organizations.models import (
    Appointment,
    Organization,
    Person,
    Position,
    RoleAssignment,
    Unit,
)

UNIT_FIELDS = ("parent", "code", "name_th", "name_en", "kind", "sort_order")
POSITION_FIELDS = ("unit", "number", "title_th", "title_en", "is_head", "supervisor", "sort_order")
PERSON_FIELDS = (
    "title_th",
    "first_name_th",
    "last_name_th",
    "first_name_en",
    "last_name_en",
    "email",
    "phone",
)


def _save(obj, by: User | None):
    obj.full_clean()
    obj._history_user = by
    obj.save()
    return obj


def _assign(obj, fields: tuple[str, ...], data: dict) -> None:
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(obj, name, value)


# --- Units ----------------------------------------------------------------------------------


def _check_unit_parent(unit: Unit) -> None:
    parent = unit.parent
    if parent is None:
        return
    if parent.organization_id != unit.organization_id:
        raise ValidationError(
            {"parent": _("The parent unit must belong to the same organisation.")}
        )
    seen = set()
    while parent is not None and parent.pk not in seen:
        if unit.pk and parent.pk == unit.pk:
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def unit_create(*, organization: Organization, by: User | None, **data) -> Unit:
    """A new unit of ``organization``; ``data`` holds ``UNIT_FIELDS``."""
    unit = Unit(organization=organization)
    _assign(unit, UNIT_FIELDS, data)
    _check_unit_parent(unit)
    return _save(unit, by)


@transaction.atomic
def unit_update(*, unit: Unit, by: User | None, **data) -> Unit:
    _assign(unit, UNIT_FIELDS, data)
    _check_unit_parent(unit)
    return _save(unit, by)


# --- Positions ------------------------------------------------------------------------------


def _check_position(position: Position) -> None:
    errors = {}
    if position.unit_id and position.unit.organization_id != position.organization_id:
        errors["unit"] = _("The unit must belong to the position's organisation.")
    if position.supervisor_id:
        if position.pk and position.supervisor_id == position.pk:
            errors["supervisor"] = _("A position cannot supervise itself.")
        elif position.supervisor.organization_id not in _org_and_ancestors(position.organization):
            errors["supervisor"] = _(
                "The supervising position must be in this organisation or one above it."
            )
    if errors:
        raise ValidationError(errors)


def _org_and_ancestors(organization: Organization) -> set[int]:
    return {organization.pk, *organization.ancestor_ids()}


@transaction.atomic
def position_create(*, organization: Organization, by: User | None, **data) -> Position:
    """A new position of ``organization``; ``data`` holds ``POSITION_FIELDS``."""
    position = Position(organization=organization)
    _assign(position, POSITION_FIELDS, data)
    _check_position(position)
    return _save(position, by)


@transaction.atomic
def position_update(*, position: Position, by: User | None, **data) -> Position:
    _assign(position, POSITION_FIELDS, data)
    _check_position(position)
    return _save(position, by)


# --- People ---------------------------------------------------------------------------------


@transaction.atomic
def person_create(*, organization: Organization, by: User | None, **data) -> Person:
    """A new person of ``organization`` (without a login); ``data`` holds ``PERSON_FIELDS``."""
    person = Person(organization=organization)
    _assign(person, PERSON_FIELDS, data)
    return _save(person, by)


@transaction.atomic
def person_update(*, person: Person, by: User | None, **data) -> Person:
    _assign(person, PERSON_FIELDS, data)
    return _save(person, by)


# --- Appointments ---------------------------------------------------------------------------


def _overlapping(position: Position, start: dt.date, end: dt.date | None):
    """Appointments to ``position`` whose dates meet the span ``start``..``end``."""
    qs = Appointment.objects.filter(position=position).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )
    if end is not None:
        qs = qs.filter(start_date__lte=end)
    return qs


@transaction.atomic
def appointment_create(
    *,
    position: Position,
    person: Person,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    order_reference: str = "",
    end_previous: bool = False,
    by: User | None,
) -> Appointment:
    """Appoint ``person`` to ``position`` from ``start_date``.

    A position has one regular holder at a time: a regular appointment that overlaps
    another is refused, unless ``end_previous`` ends the earlier holders' appointments on
    the day before ``start_date`` (a successor taking over). Acting appointments
    (รักษาราชการแทน, รักษาการในตำแหน่ง) may overlap the regular holder. One person cannot
    hold the same position twice at once.
    """
    appointment = Appointment(
        position=position,
        person=person,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        order_reference=order_reference,
    )
    appointment.full_clean()
    overlapping = _overlapping(position, start_date, end_date)
    if overlapping.filter(person=person).exists():
        raise ValidationError(
            {"person": _("This person already holds this position during these dates.")}
        )
    if kind == AppointmentKind.REGULAR:
        others = overlapping.filter(kind=AppointmentKind.REGULAR)
        if end_previous:
            for previous in others.filter(start_date__lt=start_date):
                appointment_end(
                    appointment=previous, end_date=start_date - dt.timedelta(days=1), by=by
                )
            others = others.filter(start_date__gte=start_date)
        if others.exists():
            raise ValidationError(
                {
                    "start_date": _(
                        "The position already has a regular holder during these dates. End that "
                        "appointment first, or choose to end it when this one starts."
                    )
                }
            )
    return _save(appointment, by)


@transaction.atomic
def appointment_end(*, appointment: Appointment, end_date: dt.date, by: User | None) -> Appointment:
    """End ``appointment`` on ``end_date`` (its last day in the position)."""
    if end_date < appointment.start_date:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    appointment.end_date = end_date
    return _save(appointment, by)


# --- Roles ----------------------------------------------------------------------------------


@transaction.atomic
def role_assign(
    *,
    organization: Organization,
    role: str,
    person: Person | None = None,
    position: Position | None = None,
    by: User | None,
) -> RoleAssignment:
    """Give ``role`` in ``organization`` to a person or to a position (exactly one)."""
    if (person is None) == (position is None):
        raise ValidationError(_("Choose either a person or a position, not both."))
    holder = person or position
    if holder.organization_id != organization.pk:
        field = "person" if person else "position"
        raise ValidationError({field: _("Choose someone of this organisation.")})
    assignment = RoleAssignment(
        organization=organization, role=role, person=person, position=position
    )
    return _save(assignment, by)


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, by: User | None) -> None:
    """Take the role away; the history keeps who had it and who took it away."""
    assignment._history_user = by
    assignment.delete()
