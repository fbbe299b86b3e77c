"""Permission matrix of the alerts app's models: role × own/child/other organisation."""

import pytest

from phaen.alerts.models import AlertSettings, Notification, ReminderLog
from phaen.organizations import access
from phaen.organizations.choices import Role

pytestmark = pytest.mark.django_db

PLANNERS = {Role.PLANNER, Role.ORG_ADMIN}


@pytest.mark.parametrize("role", list(Role.values))
@pytest.mark.parametrize("where", ["own", "child", "other"])
def test_alert_settings_matrix(world, role, where):
    user = world.role_users[role]
    settings = AlertSettings.objects.create(organization=world.org(where))
    assert access.can(user, "view", settings) == (where in ("own", "child"))
    for action in ("change", "delete"):
        assert access.can(user, action, settings) == (where == "own" and role in PLANNERS)


@pytest.mark.parametrize("role", list(Role.values))
@pytest.mark.parametrize("where", ["own", "child", "other"])
def test_reminder_log_matrix(world, role, where):
    user = world.role_users[role]
    log = ReminderLog.objects.create(
        organization=world.org(where),
        item="x",
        kind="stale",
        stage="after",
        channel="in_app",
        recipient="user:1",
        sent_on="2026-11-20",
    )
    assert access.can(user, "view", log) == (where in ("own", "child") and role in PLANNERS)
    assert not access.can(user, "change", log)


@pytest.mark.parametrize("role", list(Role.values))
def test_a_notification_is_its_recipients_alone(world, role):
    user = world.role_users[role]
    mine = Notification.objects.create(
        recipient=user, organization=world.own, kind="stale", subject="x"
    )
    theirs = Notification.objects.create(
        recipient=world.outsider, organization=world.own, kind="stale", subject="y"
    )
    for action in ("view", "change", "delete"):
        assert access.can(user, action, mine)
        assert not access.can(user, action, theirs)
    assert not access.can(world.outsider, "view", mine)
    assert access.can(world.superuser, "view", mine)
