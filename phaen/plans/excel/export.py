"""The export: a plan's projects with their activities, risks and budget lines in the
layout of the template, so an exported plan can be imported again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch
from openpyxl import Workbook

from phaen.core.thai import FISCAL_MONTH_ABBRS, be_year
from phaen.plans.excel.layout import SHEET_ACTIVITIES, SHEET_BUDGET, SHEET_PROJECTS, SHEET_RISKS
from phaen.plans.excel.refs import _Refs
from phaen.plans.excel.template import _category_label, _person_label, _position_label, _workbook
from phaen.plans.models import Activity, AnnualPlan, BudgetLine, Project, Risk


def export_workbook(plan: AnnualPlan) -> Workbook:
    """The plan's projects with their activities, risks and budget lines in the import
    layout (a fixed number of queries, whatever the number of projects)."""
    projects = (
        Project.objects.filter(plan=plan)
        .select_related("issue", "strategy", "work_plan", "responsible_unit", "owner")
        .prefetch_related(
            Prefetch("activities", Activity.objects.select_related("responsible_position")),
            Prefetch("risks", Risk.objects.select_related("activity")),
            Prefetch(
                "budget_lines",
                BudgetLine.objects.select_related(
                    "source", "category", "appropriation_line", "activity"
                ),
            ),
        )
        .order_by("sort_order", "id")
    )
    return _workbook(plan, list(projects), _write_project)


def _date_out(value: dt.date | None) -> str | None:
    return f"{value.day}/{value.month}/{be_year(value.year)}" if value else None


def _months_out(months) -> str:
    return ", ".join(FISCAL_MONTH_ABBRS[m - 1] for m in sorted(set(months or [])))


def _number_out(value) -> int | float | None:
    if value in (None, ""):
        return None
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def _write_project(sheets, ref: _Refs, p: Project) -> None:
    key = p.code or p.name
    sheets[SHEET_PROJECTS].append(
        [
            p.code,
            p.name,
            p.issue.number if p.issue else None,
            p.strategy.number if p.strategy else None,
            p.work_plan.name_th if p.work_plan else None,
            p.place,
            _date_out(p.start_date),
            _date_out(p.end_date),
            _months_out(p.months),
            p.importance,
            p.urgency,
            p.objectives,
            p.target_group,
            p.target_count,
            ref.unit_label(p.responsible_unit) if p.responsible_unit else None,
            _person_label(p.owner) if p.owner else None,
            p.other_agency,
            p.rationale,
        ]
    )
    _write_parts(sheets, key, p)


def _write_parts(sheets, key: str, p: Project) -> None:
    for a in p.activities.all():
        sheets[SHEET_ACTIVITIES].append(
            [
                key,
                a.name,
                a.method,
                _date_out(a.start_date),
                _date_out(a.end_date),
                _months_out(a.months),
                a.time_place,
                _position_label(a.responsible_position) if a.responsible_position else None,
            ]
        )
    for r in p.risks.all():
        activity = r.activity.name if r.activity else None
        sheets[SHEET_RISKS].append(
            [key, activity, r.description, r.likelihood, r.impact, r.mitigation, r.fallback_plan]
        )
    for line in p.budget_lines.all():
        months = [_number_out(v) for v in line.monthly_plan or []] or [None] * 12
        sheets[SHEET_BUDGET].append(
            [
                key,
                line.activity.name if line.activity else None,
                line.source.name_th,
                _category_label(line.category),
                line.appropriation_line.code if line.appropriation_line else None,
                line.description,
                _number_out(line.amount),
                *months,
            ]
        )
