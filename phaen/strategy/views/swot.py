"""The SWOT board (2×2, for the organisation and for the planning work) and the TOWS view
that pairs items into SO, WO, ST and WT strategies linked to the plan's strategies."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from phaen.organizations import access
from phaen.strategy import services
from phaen.strategy.choices import Quadrant, SwotScope, TowsKind
from phaen.strategy.forms import SwotItemForm, TowsForm
from phaen.strategy.models import StrategicPlan, Strategy, SwotItem, TowsStrategy
from phaen.web.htmx import is_fragment


def _context_plan(request):
    """The plan the board belongs to (?plan=ID) or the organisation's latest one."""
    org = request.organization
    if org is None:
        raise Http404
    plans = StrategicPlan.objects.for_user(request.user, "view")
    plan_id = request.GET.get("plan") or request.POST.get("plan")
    if plan_id:
        plan = get_object_or_404(plans, pk=plan_id)
    else:
        plan = plans.filter(organization=org).order_by("-start_year", "-revision").first()
    return org if plan is None else plan.organization, plan


def _editable(request, org, plan) -> bool:
    if plan is not None:
        return plan.status == "draft" and access.can(request.user, "change", plan)
    return access.can_in_org(request.user, "edit_plans", org)


def _board(org, plan):
    items = SwotItem.objects.filter(organization=org, plan=plan)
    boards = []
    for scope, scope_label in SwotScope.choices:
        quadrants = [
            (q, label, [i for i in items if i.scope == scope and i.quadrant == q])
            for q, label in Quadrant.choices
        ]
        boards.append((scope, scope_label, quadrants))
    return boards


def _render_board(request, org, plan, scope: str | None = None):
    context = {
        "organization": org,
        "plan": plan,
        "boards": _board(org, plan),
        "can_edit": _editable(request, org, plan),
    }
    if scope is not None and is_fragment(request):
        board = next(b for b in context["boards"] if b[0] == scope)
        return render(request, "strategy/_swot_board.html", {**context, "board": board})
    tows = (
        TowsStrategy.objects.filter(organization=org, plan=plan)
        .select_related("strategy")
        .prefetch_related("items")
    )
    context["tows"] = [
        (kind, label, [t for t in tows if t.kind == kind]) for kind, label in TowsKind.choices
    ]
    context["breadcrumbs"] = [{"label": _("Strategic plans"), "url": reverse("strategy:plan_list")}]
    if plan is not None:
        context["breadcrumbs"].append(
            {"label": plan.title, "url": reverse("strategy:plan_detail", args=[plan.pk])}
        )
    context["breadcrumbs"].append({"label": _("SWOT and TOWS"), "url": None})
    return render(request, "strategy/swot.html", context)


@login_required
def swot(request):
    org, plan = _context_plan(request)
    return _render_board(request, org, plan)


def _check_edit(request, org, plan):
    if not _editable(request, org, plan):
        raise PermissionDenied(_("You may not change this SWOT."))


@login_required
@require_POST
def swot_item_add(request, scope: str):
    org, plan = _context_plan(request)
    _check_edit(request, org, plan)
    if scope not in SwotScope.values:
        raise Http404
    form = SwotItemForm(request.POST)
    if form.is_valid():
        item = form.instance
        item.organization, item.plan, item.scope = org, plan, scope
        item.sort_order = (
            SwotItem.objects.filter(
                organization=org, plan=plan, scope=scope, quadrant=item.quadrant
            ).count()
            + 1
        )
        services.part_save(instance=item, by=request.user)
    return _after(request, org, plan, scope)


def _after(request, org, plan, scope):
    if is_fragment(request):
        return _render_board(request, org, plan, scope)
    url = reverse("strategy:swot") + (f"?plan={plan.pk}" if plan else "")
    return redirect(url)


def _item(request, pk):
    return get_object_or_404(SwotItem.objects.for_user(request.user, "change"), pk=pk)


@login_required
@require_http_methods(["POST"])
def swot_item_edit(request, pk: int):
    item = _item(request, pk)
    _check_edit(request, item.organization, item.plan)
    form = SwotItemForm(request.POST, instance=item)
    if form.is_valid():
        services.part_save(instance=form.instance, by=request.user)
    return _after(request, item.organization, item.plan, item.scope)


@login_required
@require_POST
def swot_item_delete(request, pk: int):
    item = _item(request, pk)
    _check_edit(request, item.organization, item.plan)
    org, plan, scope = item.organization, item.plan, item.scope
    item._history_user = request.user
    item.delete()
    return _after(request, org, plan, scope)


@login_required
@require_POST
def swot_item_move(request, pk: int, direction: str):
    """Move an item up or down within its quadrant (reorder)."""
    item = _item(request, pk)
    _check_edit(request, item.organization, item.plan)
    siblings = list(
        SwotItem.objects.filter(
            organization=item.organization, plan=item.plan, scope=item.scope, quadrant=item.quadrant
        )
    )
    index = siblings.index(item)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for order, sibling in enumerate(siblings, start=1):
            if sibling.sort_order != order:
                sibling.sort_order = order
                services.part_save(instance=sibling, by=request.user)
    return _after(request, item.organization, item.plan, item.scope)


@login_required
@require_http_methods(["GET", "POST"])
def tows_add(request):
    org, plan = _context_plan(request)
    _check_edit(request, org, plan)
    items = SwotItem.objects.filter(organization=org, plan=plan)
    strategies = Strategy.objects.filter(issue__plan=plan) if plan else Strategy.objects.none()
    form = TowsForm(
        request.POST or None,
        items=items,
        strategies=strategies,
        initial={"kind": request.GET.get("kind", "SO")},
    )
    if request.method == "POST" and form.is_valid():
        tows = form.instance
        tows.organization, tows.plan = org, plan
        tows.scope = SwotScope.ORGANIZATION
        services.part_save(instance=tows, by=request.user)
        tows.items.set(form.cleaned_data["items"])
        return redirect(reverse("strategy:swot") + (f"?plan={plan.pk}" if plan else "") + "#tows")
    return render(
        request,
        "strategy/tows_form.html",
        {
            "form": form,
            "plan": plan,
            "organization": org,
            "quadrants": Quadrant.choices,
            "breadcrumbs": [
                {
                    "label": _("SWOT and TOWS"),
                    "url": reverse("strategy:swot") + (f"?plan={plan.pk}" if plan else ""),
                },
                {"label": _("New TOWS strategy"), "url": None},
            ],
        },
    )


@login_required
@require_POST
def tows_delete(request, pk: int):
    tows = get_object_or_404(TowsStrategy.objects.for_user(request.user, "change"), pk=pk)
    _check_edit(request, tows.organization, tows.plan)
    plan = tows.plan
    tows._history_user = request.user
    tows.delete()
    return redirect(reverse("strategy:swot") + (f"?plan={plan.pk}" if plan else "") + "#tows")
