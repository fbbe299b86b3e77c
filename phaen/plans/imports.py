"""Imports into annual plans: ผด.02 sheets (``importers.pd02`` reads them; this module saves
what was read). All-or-nothing: a sheet with any error saves nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from phaen.budget.models import BudgetSource, ExpenseCategory, WorkPlan
from phaen.organizations.choices import UnitKind
from phaen.organizations.models import Unit
from phaen.plans import choices as c
from phaen.plans import services
from phaen.plans.models import Activity, AnnualPlan, BudgetLine, Project
from phaen.strategy.models import Issue, StrategicPlan

#: Imported budget lines are booked to the local "งบดำเนินงาน" type until the planner
#: chooses the exact item: a ผด.02 sheet does not say which expense category it is.
DEFAULT_CATEGORY = "L2"
DEFAULT_SOURCE = "state_budget"


def name_key(text: str) -> str:
    """Compare names (units, strategies, work plans) without numbering, spaces and trailing dots."""
    text = re.sub(r"^\s*(ยุทธศาสตร์(ที่)?\s*)?[\d๐-๙.()\s]*", "", text or "")
    return re.sub(r"\s+", "", text).rstrip(".")


@dataclass
class Pd02Import:
    plan: AnnualPlan
    projects: list[Project] = field(default_factory=list)
    created_units: list[str] = field(default_factory=list)


def operational_plan_for(organization, fiscal_year: int, by=None) -> AnnualPlan:
    """The organisation's operational plan of the year (its latest edition), created if
    there is none; refused when that edition is approved or announced."""
    plan = (
        AnnualPlan.objects.filter(
            organization=organization,
            fiscal_year=fiscal_year,
            kind=c.AnnualPlanKind.OPERATIONAL_PLAN,
        )
        .order_by("-edition_number", "-pk")
        .first()
    )
    if plan is None:
        ldp = (
            StrategicPlan.objects.filter(
                organization=organization,
                kind="local_development",
                start_year__lte=fiscal_year,
                end_year__gte=fiscal_year,
            )
            .order_by("-revision")
            .first()
        )
        return services.plan_create(
            organization=organization,
            fiscal_year=fiscal_year,
            kind=c.AnnualPlanKind.OPERATIONAL_PLAN,
            multi_year_plan=ldp,
            by=by,
        )
    if plan.state in (c.PlanState.APPROVED, c.PlanState.ANNOUNCED):
        raise ValidationError(
            _("The operational plan of %(year)s is approved; add projects through a new edition.")
            % {"year": fiscal_year}
        )
    return plan


def _unit(organization, name: str, units: dict, created: list) -> Unit | None:
    if not name:
        return None
    found = units.get(name_key(name))
    if found is None:
        code = f"IMP{Unit.objects.filter(organization=organization).count() + 1:03d}"
        found = Unit.objects.create(
            organization=organization, code=code, name_th=name.strip(), kind=UnitKind.OTHER
        )
        units[name_key(name)] = found
        created.append(found.name_th)
    return found


@transaction.atomic
def pd02_import(*, organization, fiscal_year: int, result, by=None) -> Pd02Import:
    """Add the projects of a read ผด.02 workbook (``importers.pd02.parse_pd02``) to the
    organisation's operational plan of ``fiscal_year``."""
    if result.errors:
        raise ValidationError([str(error) for error in result.errors])
    plan = operational_plan_for(organization, fiscal_year, by)
    units = {name_key(u.name_th): u for u in Unit.objects.filter(organization=organization)}
    issues = {}
    if plan.multi_year_plan_id:
        issues = {name_key(i.title): i for i in Issue.objects.filter(plan=plan.multi_year_plan)}
    work_plans = {name_key(w.name_th): w for w in WorkPlan.objects.all()}
    source = BudgetSource.objects.get(code=DEFAULT_SOURCE)
    category = ExpenseCategory.objects.get(code=DEFAULT_CATEGORY)
    done = Pd02Import(plan=plan)
    for row in result.projects:
        project = services.project_create(
            plan=plan,
            by=by,
            name=row.name,
            place=row.place,
            months=row.month_numbers,
            objectives="\n".join(row.details),
            responsible_unit=_unit(organization, row.unit, units, done.created_units),
            issue=issues.get(name_key(row.strategy)),
            work_plan=work_plans.get(name_key(row.work_plan)),
        )
        for order, detail in enumerate(row.details):
            Activity.objects.create(project=project, name=detail[:500], sort_order=order)
        if row.budget:
            BudgetLine.objects.create(
                project=project, source=source, category=category, amount=row.budget
            )
        done.projects.append(project)
    return done
