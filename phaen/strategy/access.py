"""Access policies of the strategy app (registered with the one permission module)."""

from phaen.organizations.access import ALL_ROLES, Rule, register
from phaen.organizations.choices import Role

PLANNERS = frozenset({Role.PLANNER, Role.ORG_ADMIN})


def plan_rules() -> dict:
    write = [Rule(PLANNERS)]
    return {
        "view": [Rule(ALL_ROLES, descendants=True)],
        "add": write,
        "change": write,
        "delete": write,
        "approve": [Rule(frozenset({Role.EXECUTIVE}))],
    }


def register_policies() -> None:
    from phaen.strategy import models as m

    paths = {
        m.StrategicPlan: "organization",
        m.Mission: "plan__organization",
        m.Goal: "plan__organization",
        m.Issue: "plan__organization",
        m.Indicator: "plan__organization",
        m.PlanProject: "plan__organization",
        m.PlanEdition: "plan__organization",
        m.Strategy: "issue__plan__organization",
        m.IndicatorTarget: "indicator__plan__organization",
        m.IndicatorCriterion: "indicator__plan__organization",
        m.ProjectYearBudget: "project__plan__organization",
        m.EditionApproval: "edition__plan__organization",
        m.SwotItem: "organization",
        m.TowsStrategy: "organization",
    }
    for model, path in paths.items():
        register(model, org_path=path, rules=plan_rules())
