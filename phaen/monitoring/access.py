"""Access policies of follow-up records (registered with the one permission module).

* everyone with a role in the organisation (or in a parent of it) reads;
* except problems: a problem not yet *published to staff* is read only by planners (and
  organisation administrators) of the organisation or of a parent of it, and by the
  problem's owner (the person named, or whoever currently holds the position named);
  every other role reads the published ones;
* planners (and organisation administrators) manage periods, check projects,
  acknowledge/return reports, lock periods and keep the problem register and meetings;
* a project owner writes the reports of the projects they own or lead (the same object
  fact as ``phaen.plans.access._owned``);
* the executive decides on a project check.
"""

from django.db.models import Q

from phaen.organizations.access import ALL_ROLES, Rule, register
from phaen.organizations.choices import Role
from phaen.plans.access import _owned

PLANNERS = frozenset({Role.PLANNER, Role.ORG_ADMIN})
EXECUTIVES = frozenset({Role.EXECUTIVE})
READ = [Rule(ALL_ROLES, descendants=True)]


def _report_rules(project_prefix: str) -> dict:
    write = [Rule(PLANNERS), Rule(frozenset({Role.PROJECT_OWNER}), object_q=_owned(project_prefix))]
    return {
        "view": READ,
        "add": write,
        "change": write,
        "delete": write,
        "acknowledge": [Rule(PLANNERS)],
    }


def _local_administration(_ctx) -> Q:
    """Object fact: the record belongs to a local administration."""
    return Q(organization__kind__is_local_administration=True)


def _planner_rules() -> dict:
    manage = [Rule(PLANNERS)]
    return {"view": READ, "add": manage, "change": manage, "delete": manage}


def _published(_ctx) -> Q:
    """Object fact: the problem is published to staff."""
    return Q(published=True)


def _problem_owner(ctx) -> Q:
    """Object fact: the user is the problem's owner, as the person named or as the current
    holder of the position named."""
    condition = Q(pk__in=[])
    if ctx.person_id:
        condition |= Q(owner_person_id=ctx.person_id)
    if ctx.position_ids:
        condition |= Q(owner_position_id__in=sorted(ctx.position_ids))
    return condition


# Problems: planners read the whole register, the owner their own problems, every other
# role (staff, project owners, finance, executives, committee) the published ones.
PROBLEM_VIEW = [
    Rule(PLANNERS, descendants=True),
    Rule(ALL_ROLES, descendants=True, object_q=_published),
    Rule(None, object_q=_problem_owner),
]


def register_policies() -> None:
    from phaen.monitoring import models as m

    register(
        m.ReportingPeriod,
        org_path="organization",
        rules={
            "view": READ,
            "add": [Rule(PLANNERS)],
            "change": [Rule(PLANNERS)],
            "delete": [Rule(PLANNERS)],
            "lock": [Rule(PLANNERS)],
        },
    )
    register(
        m.ProjectCheck,
        org_path="project__plan__organization",
        rules={**_planner_rules(), "decide": [Rule(EXECUTIVES)]},
    )
    register(
        m.CheckItem,
        org_path="check_record__project__plan__organization",
        rules=_planner_rules(),
    )
    register(
        m.ProgressReport, org_path="project__plan__organization", rules=_report_rules("project__")
    )
    for model in (m.ActivityProgress, m.OutputAchievement, m.Evidence, m.RiskOccurrence):
        register(
            model,
            org_path="report__project__plan__organization",
            rules=_report_rules("report__project__"),
        )
    register(
        m.ReportSnapshot,
        org_path="report__project__plan__organization",
        rules={"view": READ, "add": [], "change": [], "delete": []},
    )
    register(
        m.Problem, org_path="plan__organization", rules={**_planner_rules(), "view": PROBLEM_VIEW}
    )
    local = [Rule(PLANNERS, object_q=_local_administration)]
    register(
        m.ReportPosting,
        org_path="organization",
        rules={"view": READ, "add": local, "change": local, "delete": local},
    )
    register(m.CoordinationMeeting, org_path="plan__organization", rules=_planner_rules())
    register(m.MeetingDecision, org_path="meeting__plan__organization", rules=_planner_rules())
