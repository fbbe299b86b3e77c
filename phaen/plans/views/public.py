"""The public side of annual plans, no login (issue §8): the list of announced plans and
each one's page with its announcement, projects, editions and the official forms to
download (PDF and Excel, built by the reports layer as ``PUBLIC``, who sees announced
editions only; rendered at once, kept in the cache while the plan stays unchanged).

Only announced editions exist here; anything else is a 404 for everyone. Nothing private
is shown: no people other than the signatory of the announcement, no comments, no reviews.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from phaen.plans import choices as c
from phaen.plans.models import AnnualPlan
from phaen.plans.views.announce import announcement
from phaen.plans.views.common import money_projects, month_labels

PER_PAGE = 50
#: The forms offered on the public page, by kind of plan (report names of the reports app).
PUBLIC_FORMS = {
    c.AnnualPlanKind.OPERATIONAL_PLAN: (
        ("pd01", _("ผด.01 Summary of projects and budget")),
        ("pd02", _("ผด.02 Projects, activities and budget")),
        ("pd02-1", _("ผด.02/1 Equipment not tied to a project")),
    ),
    c.AnnualPlanKind.ACTION_PLAN: (
        ("plan-book", _("The plan book")),
        ("pd01", _("Summary of projects and budget")),
        ("pd02", _("Projects, activities and budget")),
    ),
    c.AnnualPlanKind.GOVERNMENT_ACTION_PLAN: (
        ("plan-book", _("The plan book")),
        ("pd01", _("Summary of projects and budget")),
        ("pd02", _("Projects, activities and budget")),
    ),
}
PUBLIC_FORMATS = ("pdf", "xlsx")
CACHE_SECONDS = 6 * 60 * 60


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
            "forms": PUBLIC_FORMS.get(plan.kind, ()),
        },
    )


def _form_file(plan, name: str, fmt: str):
    """(content, content type, file name) of form ``name`` of the announced ``plan``."""
    # The reports layer comes after plans in the dependency order: imported here.
    from phaen.reports.builders.annual_plan_data import PUBLIC
    from phaen.reports.registry import get_report
    from phaen.reports.renderers import render

    report = get_report(name)
    data = report.build(user=PUBLIC, plan=plan.pk)
    rendered = render(report, data, fmt, thai_digits=report.thai_digits(data))
    return rendered.content, rendered.content_type, report.filename(data, fmt)


@require_GET
def public_form(request, pk: int, name: str, fmt: str):
    """A form of an announced plan as a file, for anyone. Nothing but an announced edition
    is found here (a draft, a plan in review or an approved one is a 404)."""
    plan = get_object_or_404(_announced(), pk=pk)
    if name not in dict(PUBLIC_FORMS.get(plan.kind, ())) or fmt not in PUBLIC_FORMATS:
        raise Http404
    stamp = f"{plan.pk}:{plan.updated_at.isoformat()}:{name}:{fmt}:{get_language()}"
    key = "plans-public-form:" + hashlib.sha256(stamp.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _form_file(plan, name, fmt)
        cache.set(key, found, CACHE_SECONDS)
    content, content_type, filename = found
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


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
    path("public/<int:pk>/forms/<slug:name>.<slug:fmt>", public_form, name="public_form"),
]
