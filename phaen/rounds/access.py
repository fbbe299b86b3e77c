"""Access policies of reporting rounds (registered with the one permission module).

* The parent's planners, executives and administrators open rounds and accept or send
  back submissions; everyone with a role in the parent (or above it) reads them.
* A child organisation asked in a round reads the round and its own submission; its
  planners (and administrators) submit.
* Changes made to an open round (``RoundChange``) are read by the parent's side; a child
  asked reads the round-wide ones (title, instructions, deadline) and those about itself,
  not which other organisations were asked or withdrawn.
* Nobody else sees anything: a sibling organisation not asked, an unrelated one.
"""

from django.db.models import Q

from phaen.organizations import access
from phaen.organizations.access import ALL_ROLES, Rule, UserContext, register
from phaen.organizations.choices import Role

OPENERS = frozenset({Role.PLANNER, Role.EXECUTIVE, Role.ORG_ADMIN})
SUBMITTERS = frozenset({Role.PLANNER, Role.ORG_ADMIN})


def _asked_round(ctx: UserContext, prefix: str = "") -> Q:
    from phaen.rounds.models import RoundSubmission

    orgs = ctx.orgs_with(ALL_ROLES)
    asked = RoundSubmission.objects.filter(organization__in=orgs).values("round_id")
    return Q(**{f"{prefix}pk__in": asked})


def _own_submission(roles):
    def condition(ctx: UserContext) -> Q:
        return Q(organization__in=ctx.orgs_with(roles))

    return condition


def _own_move(ctx: UserContext) -> Q:
    return Q(submission__organization__in=ctx.orgs_with(ALL_ROLES))


def _visible_change(ctx: UserContext) -> Q:
    from phaen.rounds.choices import ROUND_WIDE_CHANGES

    return Q(_asked_round(ctx, prefix="round__"), field__in=ROUND_WIDE_CHANGES) | Q(
        organization__in=ctx.orgs_with(ALL_ROLES)
    )


def may_open(user, organization) -> bool:
    """May ``user`` open a round in ``organization`` (its own role there, not inherited)?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(access.roles_in(user, organization) & OPENERS)


def may_submit_for(user, organization) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(access.roles_in(user, organization) & SUBMITTERS)


def register_policies() -> None:
    from phaen.rounds import models as m

    parent_read = Rule(ALL_ROLES, descendants=True)
    parent_write = [Rule(OPENERS)]
    register(
        m.ReportingRound,
        org_path="organization",
        rules={
            "view": [parent_read, Rule(None, object_q=_asked_round)],
            "add": parent_write,
            "change": parent_write,
            "delete": parent_write,
        },
    )
    register(
        m.RoundSubmission,
        org_path="round__organization",
        rules={
            "view": [parent_read, Rule(None, object_q=_own_submission(ALL_ROLES))],
            "submit": [Rule(None, object_q=_own_submission(SUBMITTERS))],
            "decide": parent_write,
            "add": parent_write,
            "change": parent_write,
            "delete": parent_write,
        },
    )
    register(
        m.RoundChange,
        org_path="round__organization",
        rules={
            "view": [parent_read, Rule(None, object_q=_visible_change)],
            "add": [],
            "change": [],
            "delete": [],
        },
    )
    register(
        m.RoundMove,
        org_path="submission__round__organization",
        rules={
            "view": [parent_read, Rule(None, object_q=_own_move)],
            "add": [],
            "change": [],
            "delete": [],
        },
    )
