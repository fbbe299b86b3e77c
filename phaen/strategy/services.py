"""Writes and workflows of strategic plans: create, import, approve, revise.

Every page, API call, import and command goes through these functions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phaen.organizations.models import Organization
from phaen.strategy import choices as c
from phaen.strategy.models import StrategicPlan
from phaen.strategy.tree import plan_queryset, plan_to_tree, tree_to_plan


def default_title(organization: Organization, kind: str, start: int, end: int) -> str:
    name = organization.short_name_th or organization.name_th
    label = {
        c.PlanKind.LOCAL_DEVELOPMENT: "แผนพัฒนาท้องถิ่น",
        c.PlanKind.ACTION_MULTI_YEAR: "แผนปฏิบัติราชการ ระยะ 5 ปี",
    }.get(kind, "แผนยุทธศาสตร์")
    return f"{label} {name} (พ.ศ. {start}–{end})"


@transaction.atomic
def plan_create(
    *,
    organization: Organization,
    start_year: int,
    end_year: int,
    kind: str = c.PlanKind.STRATEGIC,
    title: str = "",
    by=None,
    tree: dict[str, Any] | None = None,
    **fields: Any,
) -> StrategicPlan:
    """Create a draft plan, optionally filled from an exchange tree (see ``tree``)."""
    plan = StrategicPlan(
        organization=organization,
        kind=kind,
        start_year=start_year,
        end_year=end_year,
        title=title or default_title(organization, kind, start_year, end_year),
        **fields,
    )
    plan.full_clean()
    plan._history_user = by
    plan.save()
    if tree:
        tree_to_plan(plan=plan, tree=tree, by=by)
    return plan


def _plan_fields(tree: dict[str, Any]) -> dict[str, Any]:
    labels = tree.get("labels") or {}
    fields = {
        "vision": tree.get("vision") or "",
        "digits": tree.get("digits") or c.Digits.ARABIC,
        "label_issue": labels.get("issue", ""),
        "label_goal": labels.get("goal", ""),
        "label_strategy": labels.get("strategy", ""),
        "weights_total_100": bool(tree.get("weights_total_100")),
    }
    return fields


def plan_from_tree(
    *,
    organization: Organization,
    tree: dict[str, Any],
    start_year: int | None = None,
    end_year: int | None = None,
    by=None,
    **extra: Any,
) -> StrategicPlan:
    """A new draft plan from the exchange JSON (or a parsed document's tree)."""
    start = start_year or tree.get("start_year")
    end = end_year or tree.get("end_year")
    errors = {}
    if not start:
        errors["start_year"] = _("The first year of the plan is required (e.g. 2566).")
    if not end:
        errors["end_year"] = _("The last year of the plan is required (e.g. 2570).")
    if errors:
        raise ValidationError(errors)
    return plan_create(
        organization=organization,
        start_year=int(start),
        end_year=int(end),
        kind=tree.get("kind") or c.PlanKind.STRATEGIC,
        title=tree.get("title") or "",
        by=by,
        tree=tree,
        **{**_plan_fields(tree), **extra},
    )


@transaction.atomic
def plan_approve(*, plan: StrategicPlan, by, on: dt.date | None = None) -> StrategicPlan:
    """Approve a draft: from now on it is frozen (changes make a new revision)."""
    plan = StrategicPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != c.PlanStatus.DRAFT:
        raise ValidationError({"status": _("Only a draft plan can be approved.")})
    plan.status = c.PlanStatus.APPROVED
    plan.approved_on = on or timezone.localdate()
    plan._history_user = by
    plan.save()
    return plan


@transaction.atomic
def plan_revise(*, plan: StrategicPlan, by) -> StrategicPlan:
    """Start a new revision of an approved plan: a draft copy of its whole tree."""
    if plan.status != c.PlanStatus.APPROVED:
        raise ValidationError({"status": _("Only an approved plan is revised; edit the draft.")})
    tree = plan_to_tree(plan_queryset().get(pk=plan.pk))
    return plan_create(
        organization=plan.organization,
        start_year=plan.start_year,
        end_year=plan.end_year,
        kind=plan.kind,
        title=plan.title,
        by=by,
        tree=tree,
        revision=plan.revision + 1,
        previous=plan,
        **_plan_fields(tree),
    )


def plan_latest(organization: Organization, user=None) -> StrategicPlan | None:
    """The organisation's most recent plan (latest period, then latest revision)."""
    qs = StrategicPlan.objects.filter(organization=organization)
    if user is not None:
        qs = qs.for_user(user, "view")
    return qs.order_by("-start_year", "-revision", "-pk").first()


# --- editing the parts of a draft plan --------------------------------------------------------
@transaction.atomic
def part_save(*, instance, by, frameworks=None):
    """Validate and save one part of a plan (issue, indicator, strategy, project, mission …)."""
    instance.full_clean()
    instance._history_user = by
    instance.save()
    if frameworks is not None:
        instance.frameworks.set(frameworks)
    return instance


@transaction.atomic
def indicator_save(*, indicator, by, frameworks=None, targets=(), criteria=()):
    """Save an indicator with its targets ``(year, quarter|None, value)`` and criteria
    ``(level, description, value)``; targets and criteria not given are removed."""
    from phaen.strategy.models import IndicatorCriterion, IndicatorTarget

    part_save(instance=indicator, by=by, frameworks=frameworks)
    kept = []
    for year, quarter, value in targets:
        target = IndicatorTarget.objects.filter(
            indicator=indicator, fiscal_year=year, quarter=quarter
        ).first() or IndicatorTarget(indicator=indicator, fiscal_year=year, quarter=quarter)
        target.value = value
        kept.append(part_save(instance=target, by=by).pk)
    indicator.targets.exclude(pk__in=kept).delete()
    kept = []
    for level, description, value in criteria:
        criterion = IndicatorCriterion.objects.filter(
            indicator=indicator, level=level
        ).first() or IndicatorCriterion(indicator=indicator, level=level)
        criterion.description, criterion.value = description, value
        kept.append(part_save(instance=criterion, by=by).pk)
    indicator.criteria.exclude(pk__in=kept).delete()
    return indicator


@transaction.atomic
def project_save(*, project, by, frameworks=None, budgets=None):
    """Save a plan project and (for local development plans) its budget per year."""
    from phaen.strategy.models import ProjectYearBudget

    part_save(instance=project, by=by, frameworks=frameworks)
    if budgets is not None:
        kept = []
        for year, amount in budgets.items():
            row = ProjectYearBudget.objects.filter(
                project=project, year=year
            ).first() or ProjectYearBudget(project=project, year=year)
            row.amount = amount
            kept.append(part_save(instance=row, by=by).pk)
        project.year_budgets.exclude(pk__in=kept).delete()
    return project


@transaction.atomic
def part_delete(*, instance, by) -> None:
    """Delete a part of a draft plan with what hangs under it. A strategy's projects move
    up to its issue rather than disappear."""
    from phaen.strategy.models import Indicator, Issue, PlanProject, Strategy

    if isinstance(instance, Issue):
        for project in instance.projects.all():
            part_delete(instance=project, by=by)
        for strategy in instance.strategies.all():
            part_delete(instance=strategy, by=by)
        for indicator in instance.indicators.filter(parent__isnull=True):
            part_delete(instance=indicator, by=by)
    elif isinstance(instance, Indicator):
        for child in instance.children.all():
            part_delete(instance=child, by=by)
    elif isinstance(instance, Strategy):
        for project in instance.projects.all():
            project.strategy = None
            part_save(instance=project, by=by)
    elif isinstance(instance, PlanProject):
        instance.year_budgets.all().delete()
    instance._history_user = by
    instance.delete()
