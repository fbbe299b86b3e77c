"""Access policies of surveys (registered with the one permission module).

Planners (and organisation administrators) manage every survey of their organisation; a
project owner manages the surveys of the projects they own or lead; every role reads,
a parent organisation too. Responses are read like their survey and written only through
the public page."""

from django.db.models import Q

from phaen.organizations.access import ALL_ROLES, Rule, UserContext, register
from phaen.organizations.choices import Role

PLANNERS = frozenset({Role.PLANNER, Role.ORG_ADMIN})
OWNERS = frozenset({Role.PROJECT_OWNER})


def _owned(project: str):
    def condition(ctx: UserContext) -> Q:
        q = Q(**{f"{project}lead_position__in": list(ctx.position_ids)})
        if ctx.person_id:
            q |= Q(**{f"{project}owner": ctx.person_id})
        return q

    return condition


def rules(project: str) -> dict:
    manage = [Rule(PLANNERS), Rule(OWNERS, object_q=_owned(project))]
    return {
        "view": [Rule(ALL_ROLES, descendants=True)],
        "add": manage,
        "change": manage,
        "delete": manage,
    }


def register_policies() -> None:
    from phaen.surveys import models as m

    register(m.Survey, org_path="project__plan__organization", rules=rules("project__"))
    register(
        m.Question, org_path="survey__project__plan__organization", rules=rules("survey__project__")
    )
    register(
        m.Response,
        org_path="survey__project__plan__organization",
        rules={"view": [Rule(ALL_ROLES, descendants=True)]},
    )
