"""What the pages of a plan's review and after share: the plan as the user may see it,
breadcrumbs, the way back, refusals as messages, and the projects with their money."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from phaen.core.thai import (
    month_name,
)
from phaen.plans import choices as c
from phaen.plans.models import (
    AnnualPlan,
    BudgetLine,
    Project,
)

EDITABLE = (c.PlanState.DRAFT, c.PlanState.RETURNED)
FROZEN = (c.PlanState.APPROVED, c.PlanState.ANNOUNCED)


def _plan(request, pk, queryset=None):
    queryset = queryset or AnnualPlan.objects.select_related("organization", "previous")
    return get_object_or_404(queryset.for_user(request.user), pk=pk)


def _crumbs(plan, *extra):
    return [
        {"label": _("Annual plans"), "url": reverse("plans:plan_list")},
        {"label": plan.title, "url": reverse("plans:plan_detail", args=[plan.pk])},
        *({"label": label, "url": url} for label, url in extra),
    ]


def _back(plan):
    return redirect("plans:plan_detail", plan.pk)


def _refused(request, exc: ValidationError) -> None:
    """Show a service's refusal (stale move, findings, wrong state) as a message."""
    messages.error(request, " ".join(exc.messages))


def _editions(plan, user):
    """Every edition of the plan's organisation, kind and year (oldest first)."""
    return (
        AnnualPlan.objects.for_user(user)
        .filter(organization_id=plan.organization_id, kind=plan.kind, fiscal_year=plan.fiscal_year)
        .order_by("id")
    )


def money_projects(plans):
    """Projects of ``plans`` (not cancelled) with their money and strategic issue, ready for
    ``selectors.rollup`` (three queries, the lines' category parents included)."""
    return (
        Project.objects.filter(plan__in=plans)
        .exclude(status=c.ProjectStatus.CANCELLED)
        .select_related("issue", "responsible_unit")
        .prefetch_related(
            Prefetch(
                "budget_lines", BudgetLine.objects.select_related("source", "category__parent")
            )
        )
        .order_by("plan", "sort_order", "id")
    )


def _active_projects(plan):
    return list(money_projects([plan]))


def month_labels(months) -> str:
    lang = get_language() or "th"
    calendar_months = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    return " ".join(month_name(calendar_months[m - 1], abbr=True, lang=lang) for m in months)
