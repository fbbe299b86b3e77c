"""Writes and workflows of annual plans: create, projects (with lost-update protection),
copy and carry forward, the review route, editions and announcement.

Every page, API call, import and command goes through these functions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from phaen.plans import choices as c
from phaen.plans.models import (
    AnnualPlan,
    Project,
)


class StaleEditError(ValidationError):
    """The record changed since the user opened it: their save is refused, nothing lost."""


def record_save(instance, by, m2m: dict[str, Any] | None = None):
    """Validate and save one record with ``by`` in its history, then set its m2m fields."""
    instance.full_clean()
    instance._history_user = by
    instance.save()
    for name, values in (m2m or {}).items():
        if values is not None:
            getattr(instance, name).set(values)
    return instance


def default_title(organization, kind: str, fiscal_year: int) -> str:
    label = {
        c.AnnualPlanKind.OPERATIONAL_PLAN: "แผนการดำเนินงาน",
        c.AnnualPlanKind.GOVERNMENT_ACTION_PLAN: "แผนปฏิบัติราชการประจำปี",
    }.get(kind, "แผนปฏิบัติการ")
    return f"{label} ประจำปีงบประมาณ พ.ศ. {fiscal_year} {organization.name_th}"


@transaction.atomic
def plan_create(
    *, organization, kind: str, fiscal_year: int, by=None, title: str = "", **fields: Any
) -> AnnualPlan:
    plan = AnnualPlan(
        organization=organization,
        kind=kind,
        fiscal_year=fiscal_year,
        title=title or default_title(organization, kind, fiscal_year),
        **fields,
    )
    return record_save(plan, by)


# --- projects -----------------------------------------------------------------------------
PROJECT_M2M = ("indicators", "frameworks", "co_host_units", "supporter_units")


@transaction.atomic
def project_create(*, plan: AnnualPlan, by=None, **fields: Any) -> Project:
    m2m = {name: fields.pop(name, None) for name in PROJECT_M2M}
    if plan.state in (c.PlanState.APPROVED, c.PlanState.ANNOUNCED):
        fields.setdefault("out_of_plan", False)
    fields.setdefault("sort_order", plan.projects.count() + 1)
    return record_save(Project(plan=plan, **fields), by, m2m)


@transaction.atomic
def project_update(*, project: Project, version: int, by=None, **fields: Any) -> Project:
    """Save changes made from ``version`` of the project. If someone saved in between, the
    save is refused with a clear message and their changes stay (no lost update)."""
    m2m = {name: fields.pop(name, None) for name in PROJECT_M2M}
    claimed = Project.objects.filter(pk=project.pk, version=version).update(version=version + 1)
    if not claimed:
        current = Project.objects.get(pk=project.pk)
        who = current.history.first().history_user if current.history.exists() else None
        raise StaleEditError(
            _(
                "Someone else (%(who)s) saved this project after you opened it. Nothing of "
                "yours was saved; reload the page to see their changes and make yours again."
            )
            % {"who": who.display_name() if who else _("another user")},
            code="stale",
        )
    project.version = version + 1
    for name, value in fields.items():
        setattr(project, name, value)
    return record_save(project, by, m2m)


def _copy_row(obj, **changes):
    obj.pk = obj.id = None
    obj._state.adding = True
    # Prefetched relations belong to the original: m2m.set() would read them as the copy's.
    obj.__dict__.pop("_prefetched_objects_cache", None)
    for name, value in changes.items():
        setattr(obj, name, value)
    return obj


@transaction.atomic
def project_copy(
    *, project: Project, to_plan: AnnualPlan, by=None, keep_lineage: bool = False
) -> Project:
    """Copy a project with its outputs, activities, risks and budget lines into ``to_plan``
    (last year's project into this year's plan, or a project into a new edition)."""
    source = Project.objects.prefetch_related(
        *PROJECT_M2M, "outputs", "activities__risks", "risks", "budget_lines"
    ).get(pk=project.pk)
    m2m = {name: list(getattr(source, name).all()) for name in PROJECT_M2M}
    outputs, risks = list(source.outputs.all()), list(source.risks.all())
    activities, lines = list(source.activities.all()), list(source.budget_lines.all())
    lineage = source.lineage if keep_lineage else None
    copy = _copy_row(
        source, plan=to_plan, copied_from=project, version=1, status=c.ProjectStatus.PLANNED
    )
    if lineage is None:
        import uuid

        copy.lineage = uuid.uuid4()
    if to_plan.fiscal_year != project.plan.fiscal_year:
        copy.start_date = copy.end_date = None
    record_save(copy, by, m2m)
    new_activities = {}
    for activity in activities:
        old_pk = activity.pk
        new_activities[old_pk] = record_save(_copy_row(activity, project=copy), by)
    for output in outputs:
        record_save(_copy_row(output, project=copy), by)
    for risk in risks:
        record_save(
            _copy_row(risk, project=copy, activity=new_activities.get(risk.activity_id)), by
        )
    same_year = to_plan.fiscal_year == project.plan.fiscal_year
    for line in lines:
        record_save(
            _copy_row(
                line,
                project=copy,
                activity=new_activities.get(line.activity_id),
                appropriation_line=line.appropriation_line if same_year else None,
            ),
            by,
        )
    return copy


# --- parts --------------------------------------------------------------------------------
def part_save(*, instance, by=None):
    """Save an output, activity, risk or budget line (frozen with its plan)."""
    with transaction.atomic():
        return record_save(instance, by)


def part_delete(*, instance, by=None) -> None:
    with transaction.atomic():
        instance._history_user = by
        instance.delete()


# --- totals -------------------------------------------------------------------------------
def project_total(project: Project) -> Decimal:
    return sum((line.amount for line in project.budget_lines.all()), Decimal(0))
