"""Pages of annual plans: the list, a plan with its projects and money, the alignment
check, and a project."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from phaen.organizations import access
from phaen.plans import selectors
from phaen.plans.checks import alignment_check
from phaen.plans.models import AnnualPlan
from phaen.plans.workflow import current_step, may_act_on_step, route


def _crumbs(*extra):
    return [
        {"label": _("Annual plans"), "url": reverse("plans:plan_list")},
        *({"label": label, "url": url} for label, url in extra),
    ]


@login_required
def plan_list(request):
    org = request.organization
    if org is None:
        raise Http404
    plans = AnnualPlan.objects.for_user(request.user).filter(organization=org)
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans.order_by("-fiscal_year", "kind", "-edition_number"),
            "can_edit": access.can_in_org(request.user, "edit_plans", org),
            "breadcrumbs": [{"label": _("Annual plans"), "url": None}],
        },
    )


def _plan(request, pk):
    return get_object_or_404(
        AnnualPlan.objects.for_user(request.user).select_related("organization", "previous"), pk=pk
    )


@login_required
def plan_detail(request, pk: int):
    plan = _plan(request, pk)
    projects = list(selectors.plan_projects(plan))
    step = current_step(plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "projects": projects,
            "rollup": selectors.rollup(projects),
            "ceiling": selectors.ceiling_check(plan),
            "route": route(plan),
            "step": step,
            "may_act": may_act_on_step(request.user, plan, step),
            "can_edit": plan.state in ("draft", "returned")
            and access.can(request.user, "change", plan),
            "transitions": plan.transitions.select_related("by", "step"),
            "breadcrumbs": _crumbs((plan.title, None)),
        },
    )


@login_required
def plan_check(request, pk: int):
    plan = _plan(request, pk)
    return render(
        request,
        "plans/plan_check.html",
        {
            "plan": plan,
            "result": alignment_check(plan),
            "can_edit": plan.state in ("draft", "returned")
            and access.can(request.user, "change", plan),
            "breadcrumbs": _crumbs(
                (plan.title, reverse("plans:plan_detail", args=[plan.pk])),
                (_("Alignment check"), None),
            ),
        },
    )
