"""Shared helpers of the strategy pages: scoped fetching and permission checks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from phaen.organizations import access
from phaen.strategy.models import StrategicPlan
from phaen.strategy.tree import plan_queryset


def get_plan(request, pk: int, action: str = "view", full: bool = False) -> StrategicPlan:
    """The plan ``pk`` if the user may see it (404 otherwise) and may ``action`` it (403)."""
    qs = plan_queryset() if full else StrategicPlan.objects.select_related("organization")
    plan = get_object_or_404(qs.for_user(request.user, "view"), pk=pk)
    if action != "view" and not access.can(request.user, action, plan):
        raise PermissionDenied(_("You may not change this plan."))
    return plan


def require_draft(plan: StrategicPlan) -> None:
    if plan.status != "draft":
        raise PermissionDenied(
            _("This plan is approved and frozen; start a revision to change it.")
        )


def plan_crumbs(plan: StrategicPlan, *extra: tuple[str, str | None]) -> list[dict]:
    crumbs = [
        {"label": _("Strategic plans"), "url": reverse("strategy:plan_list")},
        {"label": plan.title, "url": reverse("strategy:plan_detail", args=[plan.pk])},
    ]
    return crumbs + [{"label": label, "url": url} for label, url in extra]
