"""Test helpers shared by every app: a small organisation tree and personas.

The world (see :func:`build_world`)::

    MIN  ministry
     └─ DEP  department                 ("parent" of OWN)
         └─ OWN  provincial office      (the personas' own organisation)
             └─ CHILD  agency under OWN  ("child")
    OTHER  an unrelated organisation    ("other")

Personas: ``planner`` and ``viewer`` in OWN, ``outsider`` (planner in OTHER), and one
user per role in OWN (``role_users``). People are fictional.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from phaen.accounts.models import User
from phaen.organizations.choices import Role
from phaen.organizations.models import (
    Appointment,
    Organization,
    OrganizationKind,
    Person,
    Position,
    RoleAssignment,
    Unit,
)

PASSWORD = "phaen-test-pass-1"
_counter = itertools.count(1)


def make_org(code: str, name_th: str | None = None, *, parent=None, kind: str | None = None):
    kind_obj = OrganizationKind.objects.get(code=kind) if kind else OrganizationKind.default()
    return Organization.objects.create(
        code=code,
        name_th=name_th or f"หน่วยงานทดสอบ {code}",
        name_en=f"Test org {code}",
        parent=parent,
        kind=kind_obj,
    )


def make_person(org, *, username: str | None = None, first: str = "ทดสอบ", last: str | None = None):
    user = None
    if username:
        user = User.objects.create_user(username=username, password=PASSWORD)
    return Person.objects.create(
        organization=org,
        title_th="นาย",
        first_name_th=first,
        last_name_th=last or f"สมมุติ{next(_counter)}",
        user=user,
    )


def make_user(org, role: str | None, username: str | None = None):
    """A user whose person has ``role`` (if any) in ``org``."""
    username = username or f"user{next(_counter)}"
    person = make_person(org, username=username)
    if role:
        RoleAssignment.objects.create(organization=org, role=role, person=person)
    return person.user


def make_position(org, title: str = "นักวิเคราะห์นโยบายและแผน", unit: Unit | None = None):
    return Position.objects.create(organization=org, unit=unit, title_th=title)


def appoint(
    person,
    position,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    kind: str = "regular",
):
    return Appointment.objects.create(
        person=person,
        position=position,
        kind=kind,
        start_date=start or dt.date(2020, 1, 1),
        end_date=end,
    )


@dataclass
class World:
    ministry: Organization
    parent: Organization
    own: Organization
    child: Organization
    other: Organization
    planner: User
    viewer: User
    outsider: User
    superuser: User
    role_users: dict[str, User] = field(default_factory=dict)

    def org(self, relation: str) -> Organization:
        return {"own": self.own, "child": self.child, "parent": self.parent, "other": self.other}[
            relation
        ]


def build_world() -> World:
    ministry = make_org("MIN", "กระทรวงทดสอบ", kind="ministry")
    parent = make_org("DEP", "กรมทดสอบ", parent=ministry, kind="department")
    own = make_org("OWN", "สำนักงานจังหวัดทดสอบ", parent=parent, kind="provincial_office")
    child = make_org("CHILD", "หน่วยงานในสังกัดทดสอบ", parent=own, kind="school_or_agency")
    other = make_org("OTHER", "หน่วยงานอื่นทดสอบ", kind="sao")
    role_users = {role: make_user(own, role, username=f"own-{role}") for role in Role.values}
    superuser = User.objects.create_superuser("root", "root@example.invalid", PASSWORD)
    return World(
        ministry=ministry,
        parent=parent,
        own=own,
        child=child,
        other=other,
        planner=role_users[Role.PLANNER],
        viewer=role_users[Role.VIEWER],
        outsider=make_user(other, Role.PLANNER, username="outsider"),
        superuser=superuser,
        role_users=role_users,
    )
