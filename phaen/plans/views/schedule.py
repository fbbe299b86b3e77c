"""The schedule (month bars of projects and activities) and the consolidation of child
organisations' plans."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from phaen.core.thai import (
    fiscal_months,
    month_name,
)
from phaen.organizations import access
from phaen.organizations.models import Organization
from phaen.plans import choices as c
from phaen.plans import selectors
from phaen.plans.filters import ScheduleFilter
from phaen.plans.models import (
    AnnualPlan,
    Project,
)
from phaen.plans.views.common import _crumbs, _plan, money_projects


def month_flags(months, start, end, fiscal_year) -> list[bool]:
    """Twelve flags, October first: the planned months, or else the months the dates span."""
    if months:
        return [m in months for m in range(1, 13)]
    if not (start or end):
        return [False] * 12
    flags = []
    for year, month in fiscal_months(fiscal_year):
        first = (year, month)
        flags.append(
            (start is None or (start.year, start.month) <= first)
            and (end is None or first <= (end.year, end.month))
        )
    return flags


def schedule_header(fiscal_year):
    lang = get_language() or "th"
    return {
        "years": [(fiscal_year - 1, 3), (fiscal_year, 9)],
        "months": [month_name(m, abbr=True, lang=lang) for _y, m in fiscal_months(fiscal_year)],
    }


@login_required
def plan_schedule(request, pk: int):
    plan = _plan(request, pk)
    base = (
        Project.objects.filter(plan=plan)
        .exclude(status=c.ProjectStatus.CANCELLED)
        .select_related("responsible_unit", "owner", "issue")
        .prefetch_related("activities")
        .order_by("sort_order", "id")
    )
    filterset = ScheduleFilter(request.GET or None, queryset=base, plan=plan)
    rows = []
    for project in filterset.qs:
        fy = plan.fiscal_year
        rows.append(
            {
                "project": project,
                "flags": month_flags(project.months, project.start_date, project.end_date, fy),
                "activities": [
                    (a, month_flags(a.months, a.start_date, a.end_date, fy))
                    for a in project.activities.all()
                ],
            }
        )
    return render(
        request,
        "plans/schedule.html",
        {
            "plan": plan,
            "filter": filterset,
            "rows": rows,
            "header": schedule_header(plan.fiscal_year),
            "breadcrumbs": _crumbs(plan, (_("Schedule"), None)),
        },
    )


# --- Consolidation -------------------------------------------------------------------------------
CURRENT_STATES = (c.PlanState.ANNOUNCED, c.PlanState.APPROVED)


def current_plans(plans) -> dict:
    """Per organisation, its current plan: the latest announced or approved edition, else
    the latest draft (whatever its kind, action plans before operational plans)."""
    chosen: dict = {}
    for plan in plans:
        key = (plan.state not in CURRENT_STATES, -plan.edition_number, -plan.pk)
        best = chosen.get(plan.organization_id)
        if best is None or key < best[0]:
            chosen[plan.organization_id] = (key, plan)
    return {org_id: plan for org_id, (_key, plan) in chosen.items()}


def consolidation_data(org, fiscal_year, user) -> dict:
    """The children's current plans of ``fiscal_year`` combined (four queries plus the
    project prefetches, whatever the number of children)."""
    children = list(Organization.objects.for_user(user).filter(parent=org).order_by("code"))
    plans = AnnualPlan.objects.for_user(user).filter(
        organization__in=children, fiscal_year=fiscal_year
    )
    chosen = current_plans(plans)
    projects = list(money_projects(list(chosen.values())))
    by_plan = defaultdict(list)
    for project in projects:
        by_plan[project.plan_id].append(project)
    rows = []
    for child in children:
        plan = chosen.get(child.pk)
        rows.append(
            {
                "organization": child,
                "plan": plan,
                "rollup": selectors.rollup(by_plan[plan.pk]) if plan else None,
            }
        )
    total = selectors.rollup(projects)
    by_issue: dict = defaultdict(lambda: Decimal(0))
    for (_number, title), amount in total.by_strategy.items():
        by_issue[title] += amount
    return {"rows": rows, "total": total, "by_issue": dict(by_issue)}


@login_required
def consolidation(request):
    org = request.organization
    if org is None:
        raise Http404
    if not access.can_in_org(request.user, "consolidate", org):
        raise PermissionDenied(_("Planners and executives consolidate their organisation."))
    fiscal_year = request.fiscal_year
    data = consolidation_data(org, fiscal_year, request.user)
    return render(
        request,
        "plans/consolidation.html",
        {
            "organization": org,
            "fiscal_year": fiscal_year,
            **data,
            "breadcrumbs": [
                {"label": _("Annual plans"), "url": reverse("plans:plan_list")},
                {"label": _("Consolidation"), "url": None},
            ],
        },
    )


urlpatterns = [
    path("<int:pk>/schedule/", plan_schedule, name="plan_schedule"),
    path("consolidation/", consolidation, name="consolidation"),
]
