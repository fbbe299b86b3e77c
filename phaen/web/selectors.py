"""Reads for the home page: the organisation's summary and its recent changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from phaen.organizations import access
from phaen.organizations.choices import Role
from phaen.organizations.models import (
    Appointment,
    Organization,
    Person,
    Position,
    RoleAssignment,
    Unit,
)

HISTORY_ACTIONS = {
    "+": _("created"),
    "~": _("changed"),
    "-": _("deleted"),
}


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str | None = None


@dataclass
class OrganizationSummary:
    organization: Organization
    ancestors: list[Crumb]
    unit_count: int
    position_count: int
    person_count: int
    children: list[Organization]
    roles: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    when: dt.datetime
    who: str
    action: str
    action_code: str
    kind: str
    label: str
    url: str | None


def ancestor_crumbs(organization: Organization, user) -> list[Crumb]:
    """The organisation's parent chain, top first; linked where the user may view it.

    The names of the parents of a visible organisation are shown even when the user may
    not open them: they say where the organisation sits. One query.
    """
    ids = organization.ancestor_ids()
    if not ids:
        return []
    visible = Organization.objects.for_user(user, "view").filter(pk=OuterRef("pk"))
    rows = (
        Organization.objects.filter(pk__in=ids)
        .annotate(visible=Exists(visible))
        .only("pk", "name_th", "name_en", "short_name_th", "depth")
        .order_by("depth")
    )
    return [
        Crumb(
            short_name(org), reverse("organizations:detail", args=[org.pk]) if org.visible else None
        )
        for org in rows
    ]


def short_name(org: Organization) -> str:
    """The Thai short name ("สป.พม.") in Thai pages when there is one, else the name."""
    thai = not (get_language() or "th").startswith("en")
    return org.short_name_th if thai and org.short_name_th else org.name


def organization_summary(organization: Organization, user) -> OrganizationSummary:
    """What the home page shows about ``organization``, scoped to ``user``."""
    org = organization
    children = list(
        Organization.objects.for_user(user, "view")
        .filter(parent=org)
        .select_related("kind")
        .order_by("name_th")
    )
    held = access.roles_in(user, org)
    return OrganizationSummary(
        organization=org,
        ancestors=ancestor_crumbs(org, user),
        unit_count=Unit.objects.for_user(user, "view").filter(organization=org).count(),
        position_count=Position.objects.for_user(user, "view").filter(organization=org).count(),
        person_count=Person.objects.for_user(user, "view").filter(organization=org).count(),
        children=children,
        roles=[str(label) for value, label in Role.choices if value in held],
    )


def _who(record) -> str:
    user = record.history_user
    return user.display_name() if user is not None else str(_("the system"))


def _url(name: str, pk: int, anchor: str = "") -> str:
    return reverse(name, args=[pk]) + anchor


def _describe(record, model) -> tuple[str, str | None]:
    """Label and link of one historical record, from its own row (no extra query)."""
    deleted = record.history_type == "-"
    if model is Organization:
        org = record.instance
        return org.name, None if deleted else _url("organizations:detail", record.id)
    if model is Unit:
        unit = record.instance
        return unit.name, None if deleted else _url(
            "organizations:detail", record.organization_id, "#units"
        )
    if model is Position:
        position = record.instance
        return position.title, None if deleted else _url("organizations:position_detail", record.id)
    if model is Person:
        person = record.instance
        return person.full_name, None if deleted else _url("organizations:person_detail", record.id)
    if model is Appointment:
        label = (
            f"{_related(record, 'person', 'full_name')} — {_related(record, 'position', 'title')}"
        )
        return label, None if deleted else _url("organizations:position_detail", record.position_id)
    holder = _related(record, "person", "full_name") or _related(record, "position", "title")
    label = f"{record.get_role_display()} — {holder}"
    return label, None if deleted else _url(
        "organizations:detail", record.organization_id, "#roles"
    )


def _related(record, name: str, attr: str) -> str:
    try:
        obj = getattr(record, name)
    except Exception:  # the related row was deleted since; the history keeps only its id
        return ""
    return getattr(obj, attr) if obj is not None else ""


def recent_changes(organization: Organization, limit: int = 10) -> list[Change]:
    """The latest ``limit`` changes to the organisation, its units, positions, people,
    appointments and roles, newest first. One query per model."""
    org_id = organization.pk
    sources = [
        (Organization, {"id": org_id}, []),
        (Unit, {"organization_id": org_id}, []),
        (Position, {"organization_id": org_id}, []),
        (Person, {"organization_id": org_id}, []),
        (Appointment, {"position__organization_id": org_id}, ["person", "position"]),
        (RoleAssignment, {"organization_id": org_id}, ["person", "position"]),
    ]
    changes: list[Change] = []
    for model, filters, related in sources:
        records = (
            model.history.filter(**filters)
            .select_related("history_user__person", *related)
            .order_by("-history_date", "-history_id")[:limit]
        )
        for record in records:
            label, url = _describe(record, model)
            changes.append(
                Change(
                    when=record.history_date,
                    who=_who(record),
                    action=str(HISTORY_ACTIONS.get(record.history_type, record.history_type)),
                    action_code=record.history_type,
                    kind=str(model._meta.verbose_name),
                    label=label,
                    url=url,
                )
            )
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]
