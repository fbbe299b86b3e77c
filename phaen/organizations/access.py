"""Permissions in one place: "may this user do this to this object?".

Pages, the API, exports and commands all ask this module, and every queryset an
interface layer runs starts from :func:`scope` (models expose it as
``Model.objects.for_user(user, action)``). :func:`can` answers for one object by running
the same filter on its primary key, so a list and a detail page can never disagree.

Rules combine
* the **role** a user has in an organisation, through their person or through a position
  they currently hold (regular or acting appointment), optionally extended to the
  organisation's **descendants** (a parent reads its children);
* **object-level facts** expressed as ``Q`` objects (the person's own record, the holder
  of a position, later the owner of a project).

A superuser may do everything. Anonymous users may do nothing here (public pages use
their own, explicit querysets of announced material).

Later apps register their models with :func:`register`. Organisation-level
capabilities (``ORG_CAPABILITIES``) answer "may this user plan / approve / report in
this organisation?" for objects that do not exist yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils import timezone

from phaen.core.frozen import FreezableQuerySet
from phaen.organizations.choices import Role

ALL_ROLES: frozenset[str] = frozenset(Role.values)
ADMIN: frozenset[str] = frozenset({Role.ORG_ADMIN})


@dataclass
class UserContext:
    """What a user is, computed once per user object (cached on it)."""

    user_id: int | None
    person_id: int | None
    position_ids: frozenset[int]
    roles_by_org: dict[int, frozenset[str]]
    org_paths: dict[int, str]

    def orgs_with(self, roles: Iterable[str]) -> list[int]:
        wanted = set(roles)
        return sorted(org for org, held in self.roles_by_org.items() if held & wanted)

    def roles_in(self, org) -> frozenset[str]:
        """Roles held in ``org`` itself or (for read rules) inherited from its ancestors."""
        return self.roles_by_org.get(org.pk, frozenset())


@dataclass(frozen=True)
class Rule:
    """Grants an action when the user holds one of ``roles`` in the object's organisation
    (or, with ``descendants``, in any ancestor of it) and the object matches ``object_q``.
    ``roles=None`` means no role is needed: the object fact alone grants it."""

    roles: frozenset[str] | None
    descendants: bool = False
    object_q: Callable[[UserContext], Q] | None = None


@dataclass
class Policy:
    org_path: str  # lookup from the model to its Organization ("" for Organization itself)
    rules: dict[str, list[Rule]] = field(default_factory=dict)


_POLICIES: dict[type[models.Model], Policy] = {}


def register(model: type[models.Model], *, org_path: str, rules: dict[str, list[Rule]]) -> None:
    _POLICIES[model] = Policy(org_path=org_path, rules=rules)


def policy_for(model: type[models.Model]) -> Policy:
    try:
        return _POLICIES[model]
    except KeyError:
        raise LookupError(f"No access policy is registered for {model.__name__}") from None


def user_context(user) -> UserContext:
    """Roles of ``user`` today: person roles plus those of positions currently held."""
    cached = getattr(user, "_phaen_access", None)
    if cached is not None:
        return cached
    from phaen.organizations.models import Appointment, Organization, Person, RoleAssignment

    person = Person.objects.filter(user_id=user.pk).only("pk").first() if user.pk else None
    position_ids: frozenset[int] = frozenset()
    roles: dict[int, set[str]] = {}
    if person is not None:
        position_ids = frozenset(
            Appointment.objects.current(timezone.localdate())
            .filter(person=person)
            .values_list("position_id", flat=True)
        )
        assignments = RoleAssignment.objects.filter(
            Q(person=person) | Q(position_id__in=position_ids)
        ).values_list("organization_id", "role")
        for org_id, role in assignments:
            roles.setdefault(org_id, set()).add(role)
    paths = dict(Organization.objects.filter(pk__in=roles).values_list("pk", "path"))
    ctx = UserContext(
        user_id=user.pk,
        person_id=person.pk if person else None,
        position_ids=position_ids,
        roles_by_org={org: frozenset(r) for org, r in roles.items()},
        org_paths=paths,
    )
    user._phaen_access = ctx
    return ctx


def forget(user) -> None:
    """Drop the cached context (after roles or appointments change)."""
    if hasattr(user, "_phaen_access"):
        del user._phaen_access


def _prefix(org_path: str) -> str:
    return f"{org_path}__" if org_path else ""


def _org_condition(ctx: UserContext, rule: Rule, org_path: str) -> Q | None:
    if rule.roles is None:
        return Q()
    org_ids = ctx.orgs_with(rule.roles)
    if not org_ids:
        return None
    prefix = _prefix(org_path)
    if not rule.descendants:
        return Q(**{f"{prefix}pk__in": org_ids})
    condition = Q(**{f"{prefix}pk__in": []})
    for org_id in org_ids:
        condition |= Q(**{f"{prefix}path__startswith": ctx.org_paths[org_id]})
    return condition


def _is_anonymous(user) -> bool:
    return user is None or not getattr(user, "is_authenticated", False)


def scope(queryset: models.QuerySet, user, action: str = "view") -> models.QuerySet:
    """Filter ``queryset`` to the rows ``user`` may ``action``."""
    if _is_anonymous(user) or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    policy = policy_for(queryset.model)
    rules = policy.rules.get(action, [])
    ctx = user_context(user)
    combined: Q | None = None
    for rule in rules:
        condition = _org_condition(ctx, rule, policy.org_path)
        if condition is None:
            continue
        if rule.object_q is not None:
            condition &= rule.object_q(ctx)
        combined = condition if combined is None else combined | condition
    if combined is None:
        return queryset.none()
    return queryset.filter(combined)


class ScopedQuerySet(models.QuerySet):
    """A queryset with ``for_user(user, action)``; every organisation-scoped model uses it."""

    def for_user(self, user, action: str = "view") -> models.QuerySet:
        return scope(self, user, action)


class ScopedFreezableQuerySet(ScopedQuerySet, FreezableQuerySet):
    """For organisation-scoped records that freeze (plans and everything in them)."""


def can(user, action: str, obj: models.Model) -> bool:
    """May ``user`` do ``action`` to the saved object ``obj``? (One query.)"""
    if _is_anonymous(user) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    model = type(obj)
    return scope(model._base_manager.filter(pk=obj.pk), user, action).exists()


# --- Organisation-level capabilities ------------------------------------------------------
# "May this user … in this organisation?", for things that do not exist yet (a new plan)
# and for the menus. Each maps to (roles, whether a role in an ancestor also counts).
ORG_CAPABILITIES: dict[str, tuple[frozenset[str], bool]] = {
    "view": (ALL_ROLES, True),
    "manage_people": (ADMIN, True),
    "edit_plans": (frozenset({Role.PLANNER, Role.ORG_ADMIN}), False),
    "own_projects": (frozenset({Role.PROJECT_OWNER, Role.PLANNER}), False),
    "record_finance": (frozenset({Role.FINANCE}), False),
    "review": (frozenset({Role.COMMITTEE, Role.EXECUTIVE, Role.PLANNER}), False),
    "approve": (frozenset({Role.EXECUTIVE}), False),
    "consolidate": (frozenset({Role.PLANNER, Role.EXECUTIVE}), True),
}


def can_in_org(user, capability: str, organization) -> bool:
    """May ``user`` exercise ``capability`` in ``organization``?"""
    if _is_anonymous(user) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    roles, inherit = ORG_CAPABILITIES[capability]
    ctx = user_context(user)
    if ctx.roles_by_org.get(organization.pk, frozenset()) & roles:
        return True
    if inherit:
        return any(
            ctx.roles_by_org.get(ancestor, frozenset()) & roles
            for ancestor in organization.ancestor_ids()
        )
    return False


def roles_in(user, organization) -> frozenset[str]:
    """The roles ``user`` holds directly in ``organization`` (for display)."""
    if _is_anonymous(user):
        return frozenset()
    return user_context(user).roles_by_org.get(organization.pk, frozenset())


# --- Policies of this app -----------------------------------------------------------------
def _own_person(ctx: UserContext) -> Q:
    return Q(pk=ctx.person_id) if ctx.person_id else Q(pk__in=[])


def _register_organization_policies() -> None:
    from phaen.accounts.models import User
    from phaen.organizations import models as m

    read = [Rule(ALL_ROLES, descendants=True)]
    manage = [Rule(ADMIN, descendants=True)]
    standard = {"view": read, "add": manage, "change": manage, "delete": manage}
    register(m.Organization, org_path="", rules=standard)
    for model in (m.Unit, m.Position, m.RoleAssignment):
        register(model, org_path="organization", rules=standard)
    register(m.Appointment, org_path="position__organization", rules=standard)
    own = Rule(None, object_q=_own_person)
    register(
        m.Person,
        org_path="organization",
        rules={"view": [*read, own], "add": manage, "change": [*manage, own], "delete": manage},
    )
    own_user = Rule(None, object_q=lambda ctx: Q(pk=ctx.user_id))
    register(
        User,
        org_path="person__organization",
        rules={
            "view": [*read, own_user],
            "change": [*manage, own_user],
            "add": manage,
            "delete": manage,
        },
    )
