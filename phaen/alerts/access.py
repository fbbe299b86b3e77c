"""Access policies of the alerts app (registered with the one permission module)."""

from django.db.models import Q

from phaen.organizations.access import ALL_ROLES, Rule, UserContext, register
from phaen.organizations.choices import Role

PLANNERS = frozenset({Role.PLANNER, Role.ORG_ADMIN})


def _own(ctx: UserContext) -> Q:
    return Q(recipient_id=ctx.user_id) if ctx.user_id else Q(pk__in=[])


def register_policies() -> None:
    from phaen.alerts import models as m

    manage = [Rule(PLANNERS)]
    register(
        m.AlertSettings,
        org_path="organization",
        rules={
            "view": [Rule(ALL_ROLES, descendants=True)],
            "add": manage,
            "change": manage,
            "delete": manage,
        },
    )
    # A notification is its recipient's alone, whatever their roles.
    mine = [Rule(None, object_q=_own)]
    register(
        m.Notification,
        org_path="organization",
        rules={"view": mine, "change": mine, "delete": mine, "add": []},
    )
    register(
        m.ReminderLog,
        org_path="organization",
        rules={"view": [Rule(PLANNERS, descendants=True)], "add": [], "change": [], "delete": []},
    )
