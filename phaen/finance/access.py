"""Access policies of finance records (registered with the one permission module).

Finance officers and planners of the organisation write; everyone of the organisation
and of its parents reads; project owners read the money of the projects they own or lead;
executives decide transfers."""

from django.db.models import Q

from phaen.organizations.access import ALL_ROLES, Rule, UserContext, register
from phaen.organizations.choices import Role

WRITERS = frozenset({Role.FINANCE, Role.PLANNER})


def _owned(prefix: str):
    def condition(ctx: UserContext) -> Q:
        q = Q(**{f"{prefix}lead_position__in": list(ctx.position_ids)})
        if ctx.person_id:
            q |= Q(**{f"{prefix}owner": ctx.person_id})
        return q

    return condition


def rules(owner_prefix: str | None = None) -> dict:
    view = [Rule(ALL_ROLES, descendants=True)]
    if owner_prefix is not None:
        view.append(Rule(None, object_q=_owned(owner_prefix)))
    write = [Rule(WRITERS)]
    return {
        "view": view,
        "add": write,
        "change": write,
        "delete": write,
        "confirm": write,
        "approve": [Rule(frozenset({Role.EXECUTIVE}))],
    }


def register_policies() -> None:
    from phaen.finance import models as m

    register(m.Transaction, org_path="organization", rules=rules("project__"))
    register(m.Transfer, org_path="organization", rules=rules("to_line__project__"))
    register(m.CarryOver, org_path="organization", rules=rules("budget_line__project__"))
    register(m.ImportMapping, org_path="organization", rules=rules())
    register(m.ImportBatch, org_path="organization", rules=rules())
    register(m.ImportRow, org_path="batch__organization", rules=rules())
