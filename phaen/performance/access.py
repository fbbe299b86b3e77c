"""Access policies of indicator results and agreements (registered with the one permission
module): planners write results and agreements and the self-assessment; the executive and
the committee record the committee's assessment; every role reads (a parent reads its
children)."""

from django.db.models import Q

from phaen.organizations.access import ALL_ROLES, Rule, register
from phaen.organizations.choices import Role

PLANNERS = frozenset({Role.PLANNER, Role.ORG_ADMIN})
ASSESSORS = frozenset({Role.EXECUTIVE, Role.COMMITTEE})


def _kind(prefix: str, kind: str):
    return lambda ctx: Q(**{f"{prefix}kind": kind})


def _assessment_rules(prefix: str) -> dict:
    write = [
        Rule(PLANNERS, object_q=_kind(prefix, "self")),
        Rule(ASSESSORS, object_q=_kind(prefix, "committee")),
    ]
    return {
        "view": [Rule(ALL_ROLES, descendants=True)],
        "add": write,
        "change": write,
        "delete": write,
    }


def register_policies() -> None:
    from phaen.performance import models as m

    read = [Rule(ALL_ROLES, descendants=True)]
    write = [Rule(PLANNERS)]
    register(
        m.IndicatorResult,
        org_path="organization",
        rules={"view": read, "add": write, "change": write, "delete": write},
    )
    agreement_rules = {
        "view": read,
        "add": write,
        "change": write,
        "delete": write,
        "sign": write,
        "publish": write,
        "assess_self": write,
        "assess_committee": [Rule(ASSESSORS)],
    }
    register(m.Agreement, org_path="organization", rules=agreement_rules)
    register(
        m.AgreementIndicator,
        org_path="agreement__organization",
        rules={"view": read, "add": write, "change": write, "delete": write},
    )
    register(m.Assessment, org_path="agreement__organization", rules=_assessment_rules(""))
    register(
        m.AssessmentItem,
        org_path="assessment__agreement__organization",
        rules=_assessment_rules("assessment__"),
    )
