"""The public side of annual plans, no login (issue §8): the list of announced plans and
each one's page with its announcement, projects and editions.

Only announced editions exist here; anything else is a 404 for everyone. Nothing private
is shown: no people other than the signatory of the announcement, no comments, no reviews.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse

from phaen.plans import choices as c
from phaen.plans.models import AnnualPlan
from phaen.plans.views.review import announcement, money_projects, month_labels

PER_PAGE = 50


def _announced():
    return AnnualPlan.objects.filter(state=c.PlanState.ANNOUNCED).select_related(
        "organization", "multi_year_plan"
    )


def public_list(request):
    plans = _announced().order_by("-fiscal_year", "organization__name_th", "kind", "id")
    year = request.GET.get("year", "")
    if year.isdigit():
        plans = plans.filter(fiscal_year=int(year))
    page = Paginator(plans, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "plans/public_list.html", {"page": page, "year": year})


def _public_projects(plan):
    """The plan's projects with only their public facts and money (three queries)."""
    return list(money_projects([plan]))


def public_plan(request, pk: int):
    plan = get_object_or_404(_announced(), pk=pk)
    projects = _public_projects(plan)
    rows = [
        {
            "project": p,
            "budget": sum((line.amount for line in p.budget_lines.all()), Decimal(0)),
            "months": month_labels(p.months),
        }
        for p in projects
    ]
    editions = (
        _announced()
        .filter(organization=plan.organization, kind=plan.kind, fiscal_year=plan.fiscal_year)
        .order_by("id")
    )
    return render(
        request,
        "plans/public_plan.html",
        {
            "plan": plan,
            "doc": announcement(plan, projects),
            "rows": rows,
            "total": sum((r["budget"] for r in rows), Decimal(0)),
            "editions": editions,
        },
    )


def public_announcement(request, pk: int):
    plan = get_object_or_404(_announced(), pk=pk)
    return render(
        request,
        "plans/review_announcement.html",
        {
            "plan": plan,
            "doc": announcement(plan, _public_projects(plan)),
            "back_url": reverse("plans:public_plan", args=[plan.pk]),
        },
    )


urlpatterns = [
    path("public/", public_list, name="public_list"),
    path("public/<int:pk>/", public_plan, name="public_plan"),
    path("public/<int:pk>/announcement/", public_announcement, name="public_announcement"),
]
