"""Access policies of follow-up records (registered with the one permission module)."""

from phaen.organizations.access import ALL_ROLES, Rule, register
from phaen.organizations.choices import Role

PLANNERS = frozenset({Role.PLANNER, Role.ORG_ADMIN})


def register_policies() -> None:
    from phaen.monitoring import models as m

    register(
        m.ReportingPeriod,
        org_path="organization",
        rules={
            "view": [Rule(ALL_ROLES, descendants=True)],
            "add": [Rule(PLANNERS)],
            "change": [Rule(PLANNERS)],
            "delete": [Rule(PLANNERS)],
            "lock": [Rule(PLANNERS)],
        },
    )
