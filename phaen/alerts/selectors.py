"""Warnings, computed on demand (never stored).

``warnings(organization, fiscal_year, today=None)`` gathers every warning kind for an
organisation's plan in force in a fixed number of queries, whatever the plan's size: each
kind (``phaen/alerts/kinds/``) reads what it needs for all projects at once. Kinds about the
organisation itself (a reporting round asked of it) run even without a plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from phaen.alerts import choices as c
from phaen.alerts.models import AlertSettings, Notification
from phaen.plans.choices import ProjectStatus
from phaen.plans.models import AnnualPlan, Project

SEVERITY_ORDER = {c.Severity.DANGER: 0, c.Severity.WARNING: 1, c.Severity.INFO: 2}


@dataclass
class Warning:
    """One thing that needs attention. ``key`` identifies the item across runs (reminders
    are sent once per key, stage, recipient and channel)."""

    kind: str
    severity: str
    subject: str
    message: str
    due_date: dt.date | None
    url: str
    key: str
    unit_id: int | None = None
    unit_name: str = ""
    project_id: int | None = None
    # who acts on it (resolved to users by the reminder service)
    owner_person_id: int | None = None
    position_ids: tuple[int, ...] = ()
    supervisor_position_id: int | None = None

    @property
    def kind_label(self) -> str:
        return str(c.WarningKind(self.kind).label)

    @property
    def severity_label(self) -> str:
        return str(c.Severity(self.severity).label)

    @property
    def sort_key(self):
        return (SEVERITY_ORDER[self.severity], self.due_date or dt.date.max, self.subject)


def plan_in_force(organization, fiscal_year: int) -> AnnualPlan | None:
    """The plan the follow-up pages use (monitoring's rule: the latest approved or
    announced edition of the year, else the newest; one query)."""
    from phaen.monitoring.selectors import plan_in_force as in_force

    return in_force(organization=organization, fiscal_year=fiscal_year)


@dataclass
class Context:
    """What every kind shares: the organisation, the year, today, settings and the plan in
    force with its (not cancelled) projects."""

    organization: object
    fiscal_year: int
    today: dt.date
    settings: AlertSettings
    plan: AnnualPlan | None
    projects: list = field(default_factory=list)

    @cached_property
    def lineages(self) -> list:
        return [p.lineage for p in self.projects]

    def follow_up_filter(self, prefix: str = "project__") -> Q:
        """Follow-up records of the plan's projects across editions (by lineage)."""
        return Q(
            **{
                f"{prefix}lineage__in": self.lineages,
                f"{prefix}plan__organization": self.organization,
                f"{prefix}plan__fiscal_year": self.fiscal_year,
            }
        )

    def for_project(self, project, **fields) -> dict:
        """The project's share of a warning: unit, subject and the people who act on it."""
        return {
            "subject": project.name,
            "unit_id": project.responsible_unit_id,
            "unit_name": str(project.responsible_unit) if project.responsible_unit_id else "",
            "project_id": project.pk,
            "owner_person_id": project.owner_id,
            "position_ids": (project.lead_position_id,) if project.lead_position_id else (),
            "supervisor_position_id": project.supervisor_id,
            **fields,
        }


def url_or(name: str, *args, fallback: str = "") -> str:
    """``reverse(name, args)``, or ``fallback`` while the page does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return fallback


def project_url(project) -> str:
    return url_or(
        "monitoring:project_detail",
        project.pk,
        fallback=reverse("plans:project_detail", args=[project.pk]),
    )


def today() -> dt.date:
    """Today in Asia/Bangkok (one place, so tests can move it)."""
    return timezone.localdate()


def context(organization, fiscal_year: int, today: dt.date | None = None) -> Context:
    today = today or globals()["today"]()
    plan = plan_in_force(organization, fiscal_year)
    projects = []
    if plan is not None:
        projects = list(
            Project.objects.filter(plan=plan)
            .exclude(status=ProjectStatus.CANCELLED)
            .select_related("responsible_unit")
            .order_by("sort_order", "id")
        )
    return Context(
        organization=organization,
        fiscal_year=fiscal_year,
        today=today,
        settings=AlertSettings.for_organization(organization),
        plan=plan,
        projects=projects,
    )


def warnings(organization, fiscal_year: int, today: dt.date | None = None) -> list[Warning]:
    """Every warning of ``organization`` for BE ``fiscal_year`` as of ``today``
    (Asia/Bangkok), most urgent first: those of its plan in force (when it has one) and
    those of the organisation itself (rounds asked of it)."""
    from phaen.alerts.kinds import ORGANIZATION_PROVIDERS, PROVIDERS

    ctx = context(organization, fiscal_year, today)
    found: list[Warning] = []
    if ctx.plan is not None:
        for provider in PROVIDERS:
            found.extend(provider(ctx))
    for provider in ORGANIZATION_PROVIDERS:
        found.extend(provider(ctx))
    return sorted(found, key=lambda w: w.sort_key)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
