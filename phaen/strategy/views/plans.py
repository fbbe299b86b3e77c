"""Plan list, creation, the plan page (editor), the one-screen map, approval, revision,
exports, alignment to national frameworks, and change history."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from phaen.organizations import access
from phaen.strategy import selectors, services
from phaen.strategy.excel import template_workbook, tree_to_workbook
from phaen.strategy.forms import PlanCreateForm, PlanEditForm
from phaen.strategy.models import StrategicPlan
from phaen.strategy.tree import plan_to_tree
from phaen.strategy.views.common import get_plan, plan_crumbs, require_draft


@login_required
def plan_list(request):
    org = request.organization
    if org is None:
        raise Http404
    plans = StrategicPlan.objects.for_user(request.user).select_related("organization")
    context = {
        "plans": plans.filter(organization=org).order_by("-start_year", "-revision"),
        "child_plans": plans.filter(organization__path__startswith=org.path)
        .exclude(organization=org)
        .order_by("organization__path", "-start_year"),
        "can_edit": access.can_in_org(request.user, "edit_plans", org),
        "breadcrumbs": [{"label": _("Strategic plans"), "url": None}],
    }
    return render(request, "strategy/plan_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    org = request.organization
    if org is None or not access.can_in_org(request.user, "edit_plans", org):
        raise PermissionDenied
    form = PlanCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(organization=org, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The plan was created."))
            return redirect("strategy:plan_detail", plan.pk)
    crumbs = [
        {"label": _("Strategic plans"), "url": reverse("strategy:plan_list")},
        {"label": _("New plan"), "url": None},
    ]
    return render(request, "strategy/plan_form.html", {"form": form, "breadcrumbs": crumbs})


@login_required
def plan_detail(request, pk: int):
    plan = get_plan(request, pk, full=True)
    context = selectors.plan_page(plan, request.user)
    context["breadcrumbs"] = [*plan_crumbs(plan)[:-1], {"label": plan.title, "url": None}]
    return render(request, "strategy/plan_detail.html", context)


@login_required
def plan_map(request, pk: int):
    plan = get_plan(request, pk, full=True)
    context = selectors.plan_page(plan, request.user)
    context["breadcrumbs"] = plan_crumbs(plan, (_("Strategy map"), None))
    return render(request, "strategy/plan_map.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    plan = get_plan(request, pk, "change")
    require_draft(plan)
    form = PlanEditForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        services.part_save(instance=form.instance, by=request.user)
        messages.success(request, _("Saved."))
        return redirect("strategy:plan_detail", plan.pk)
    return render(
        request,
        "strategy/plan_form.html",
        {"form": form, "plan": plan, "breadcrumbs": plan_crumbs(plan, (_("Edit"), None))},
    )


@login_required
@require_POST
def plan_approve(request, pk: int):
    plan = get_plan(request, pk, "approve")
    try:
        services.plan_approve(plan=plan, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "The plan is approved. It can no longer be changed; "
                "changes are made in a new revision."
            ),
        )
    return redirect("strategy:plan_detail", plan.pk)


@login_required
@require_POST
def plan_revise(request, pk: int):
    plan = get_plan(request, pk, "add")
    try:
        revision = services.plan_revise(plan=plan, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("strategy:plan_detail", plan.pk)
    messages.success(
        request, _("Revision %(n)s was started as a draft.") % {"n": revision.revision}
    )
    return redirect("strategy:plan_detail", revision.pk)


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def plan_export(request, pk: int, fmt: str):
    if fmt not in {"json", "xlsx"}:
        raise Http404
    plan = get_plan(request, pk, full=True)
    tree = {**plan_to_tree(plan), "plan": plan.pk}
    name = f"strategic-plan-{plan.organization.code}-{plan.start_year}-{plan.end_year}"
    if fmt == "json":
        return _download(
            json.dumps(tree, ensure_ascii=False, indent=2).encode(),
            f"{name}.json",
            "application/json",
        )
    import io

    buffer = io.BytesIO()
    tree_to_workbook(tree).save(buffer)
    return _download(
        buffer.getvalue(),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def plan_template(request):
    org = request.organization
    if org is None:
        raise Http404
    start = request.fiscal_year
    import io

    buffer = io.BytesIO()
    template_workbook(org.code, start, start + 4).save(buffer)
    return _download(
        buffer.getvalue(),
        f"strategic-plan-template-{org.code}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def plan_alignment(request, pk: int):
    plan = get_plan(request, pk)
    return render(
        request,
        "strategy/plan_alignment.html",
        {
            "plan": plan,
            "frameworks": selectors.alignment(plan),
            "breadcrumbs": plan_crumbs(plan, (_("Alignment with national frameworks"), None)),
        },
    )


@login_required
def plan_history(request, pk: int):
    plan = get_plan(request, pk)
    return render(
        request,
        "strategy/plan_history.html",
        {
            "plan": plan,
            "changes": selectors.plan_history(plan),
            "breadcrumbs": plan_crumbs(plan, (_("Change history"), None)),
        },
    )
