"""``users_with_roles``: who holds a role in an organisation — given to their person, or to a
position they hold today — and only active users; a fixed number of queries."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from phaen.alerts.services import users_with_roles
from phaen.core.testing import appoint, make_person, make_position, make_user
from phaen.organizations.choices import Role
from phaen.organizations.models import RoleAssignment

TODAY = dt.date(2027, 1, 10)


def test_people_and_position_holders_of_today_active_only(world):
    planner = make_user(world.child, Role.PLANNER)
    viewer = make_user(world.child, Role.VIEWER)
    gone = make_user(world.child, Role.PLANNER)
    gone.is_active = False
    gone.save()
    position = make_position(world.child)
    RoleAssignment.objects.create(organization=world.child, role=Role.PLANNER, position=position)
    holder = make_person(world.child, username="holder")
    appoint(holder, position, start=dt.date(2026, 10, 1))
    former = make_person(world.child, username="former")
    appoint(former, position, start=dt.date(2025, 10, 1), end=dt.date(2026, 9, 30))

    everyone = users_with_roles([world.child.pk], today=TODAY)[world.child.pk]
    assert everyone == {planner.pk, viewer.pk, holder.user.pk}
    planners = users_with_roles([world.child.pk], roles=[Role.PLANNER], today=TODAY)
    assert planners[world.child.pk] == {planner.pk, holder.user.pk}


def test_two_queries_for_any_number_of_organisations(world):
    orgs = [world.own, world.child, world.org("other")]
    for org in orgs:
        position = make_position(org)
        RoleAssignment.objects.create(organization=org, role=Role.PLANNER, position=position)
        appoint(make_person(org, username=f"h-{org.pk}"), position, start=dt.date(2026, 1, 1))
    with CaptureQueriesContext(connection) as ctx:
        found = users_with_roles([o.pk for o in orgs], today=TODAY)
    assert len(ctx.captured_queries) == 2 and set(found) == {o.pk for o in orgs}
