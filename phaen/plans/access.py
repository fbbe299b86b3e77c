"""Access policies of annual plans (registered with the one permission module)."""

from django.db.models import Q

from phaen.organizations.access import ALL_ROLES, Rule, UserContext, register
from phaen.organizations.choices import Role

PLANNERS = frozenset({Role.PLANNER, Role.ORG_ADMIN})


def _owned(prefix: str):
    """Object fact: the project is the user's own, or its lead position is one they hold."""

    def condition(ctx: UserContext) -> Q:
        q = Q(**{f"{prefix}lead_position__in": list(ctx.position_ids)})
        if ctx.person_id:
            q |= Q(**{f"{prefix}owner": ctx.person_id})
        return q

    return condition


def rules(owner_prefix: str | None) -> dict:
    """Planners edit everything of their organisation's plans; a project owner edits the
    projects they own or lead (``owner_prefix`` is the lookup from the model to the
    project; None for the plan itself)."""
    write = [Rule(PLANNERS)]
    if owner_prefix is not None:
        write = [*write, Rule(frozenset({Role.PROJECT_OWNER}), object_q=_owned(owner_prefix))]
    return {
        "view": [Rule(ALL_ROLES, descendants=True)],
        "add": write,
        "change": write,
        "delete": [Rule(PLANNERS)],
        "approve": [Rule(frozenset({Role.EXECUTIVE}))],
        "review": [Rule(frozenset({Role.COMMITTEE, Role.EXECUTIVE, Role.PLANNER}))],
    }


def register_policies() -> None:
    from phaen.plans import models as m

    register(m.AnnualPlan, org_path="organization", rules=rules(None))
    register(m.Project, org_path="plan__organization", rules=rules(""))
    register(m.EquipmentItem, org_path="plan__organization", rules=rules(None))
    for model in (m.ProjectOutput, m.Activity, m.Risk, m.BudgetLine):
        register(model, org_path="project__plan__organization", rules=rules("project__"))
