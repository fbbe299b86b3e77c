"""Reports "pd01", "pd02" and "pd02-1": the official forms of an annual plan.

* ผด.01 (บัญชีสรุปจำนวนโครงการและงบประมาณ): per strategy (ยุทธศาสตร์ = the project's
  issue) and work plan (แผนงาน), the number of projects, their share of all projects, the
  budget, its share of the whole budget and the responsible units, with a total row.
* ผด.02 (บัญชีโครงการ/กิจกรรม/งบประมาณ): the projects per strategy and work plan with the
  details of their activities, budget, place, responsible unit and twelve month columns
  (ต.ค.–ธ.ค. under the previous พ.ศ., ม.ค.–ก.ย. under the fiscal year) where the planned
  months are marked as bars.
* ผด.02/1: the equipment (ครุภัณฑ์) not tied to a project, grouped by kind of equipment
  and work plan, with the same month columns.

Every plan kind prints them (action plan, annual government action plan, operational plan).
Cancelled projects are left out; projects added outside the plan (นอกแผน) are included
and marked. A project's budget is the sum of its budget lines. ผด.01 is computed from the
same groups as ผด.02, so their totals agree by construction (and a test says so).

The columns of each form version are data (``reports/data/form_columns.csv``, read through
the local-plan forms' loader); header texts may use ``{fiscal_year}`` and
``{previous_year}`` (B.E.). The number of queries does not depend on the plan's size.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy, pgettext
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from phaen.core.thai import format_number
from phaen.plans import choices as pc
from phaen.plans.models import AnnualPlan
from phaen.reports.builders.annual_plan_data import (
    CURRENT_VERSION,
    PD01,
    PD02,
    PD02_1,
    ZERO,
    FormDocument,
    FormGroup,
    FormRow,
    PlanHead,
    StrategySummary,
    SummaryDocument,
    build_pd01,
    build_pd02,
    build_pd02_1,
    fiscal_month_of,
    form_json,
    pd01_json,
    percent,
)
from phaen.reports.builders.local_plan_forms import Layout
from phaen.reports.registry import Report, ReportError, register
from phaen.reports.renderers.styles import (
    BODY_FONT,
    BORDER,
    HEADER_FILL,
    HEADER_FONT,
    NUMBER_FORMATS,
    new_sheet,
    write_title,
)


# --- rows of the printed tables, shared by the PDF and the workbook ------------------------------
def no_strategy() -> str:
    return pgettext("report", "No strategy given")


def no_work_plan() -> str:
    return pgettext("report", "No work plan given")


def out_of_plan_mark() -> str:
    return pgettext("report", "(outside the plan)")


def row_values(layout: Layout, row: FormRow) -> list[Any]:
    """One value per leaf: text, Decimal, or True/False for a month column."""
    name = f"{row.name} {out_of_plan_mark()}" if row.out_of_plan else row.name
    values = {
        "no": str(row.no),
        "name": name,
        "details": "\n".join(f"- {d}" for d in row.details),
        "budget": row.budget,
        "place": row.place,
        "unit": row.unit,
    }
    months = set(row.months)
    return [
        fiscal_month_of(leaf.key) in months if leaf.kind == "month" else values[leaf.key]
        for leaf in layout.leaves
    ]


def total_values(layout: Layout, label: str, budget: Decimal) -> list[Any]:
    keys = [leaf.key for leaf in layout.leaves]
    at = keys.index("name") if "name" in keys else 0
    values: list[Any] = [False if leaf.kind == "month" else None for leaf in layout.leaves]
    values[at] = label
    if "budget" in keys:
        values[keys.index("budget")] = budget
    return values


def group_lines(data: FormDocument, group: FormGroup) -> list[str]:
    """The heading lines above a group: the strategy (or kind of equipment), the work plan."""
    lines = [group.heading or no_strategy()]
    if group.work_plan:
        lines.append(f"{group.work_plan_number}. {group.work_plan}")
    elif data.form == PD02_1 or group.heading:
        lines.append(no_work_plan())
    return lines


def count_label(data: FormDocument, label: str, n: int) -> str:
    if data.form == PD02_1:
        text = pgettext("report", "%(label)s: %(n)s items")
    else:
        text = pgettext("report", "%(label)s: %(n)s projects")
    return text % {"label": label, "n": n}


def money(value: Decimal | None) -> str:
    """An amount as the forms print it: always two decimals, so a column lines up; "-" for
    nothing. Formatted here (Decimal, half up), never by Typst's floats."""
    return format_number(value, 2, dash_zero=True)


def _cell_text(kind: str, value: Any) -> Any:
    if kind == "month":
        return bool(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if kind == "percent":
        return format_number(value, 2)
    if isinstance(value, Decimal):
        return money(value)
    return format_number(value, 0, dash_zero=True)


def typst_layout(layout: Layout, widths: dict[str, dict[str, float]]) -> dict[str, Any]:
    def width(leaf) -> dict[str, float]:
        if leaf.kind == "month":
            return {"cm": 0.72}
        return widths.get(leaf.key, {"fr": 1})

    return {
        "header": [
            [{"text": h.text, "colspan": h.colspan, "rowspan": h.rowspan} for h in tier]
            for tier in layout.header
        ],
        "columns": [width(leaf) for leaf in layout.leaves],
        "kinds": ["no" if leaf.key == "no" else leaf.kind for leaf in layout.leaves],
    }


def typst_rows(layout: Layout, style: str, values: list[Any]) -> dict[str, Any]:
    kinds = [leaf.kind for leaf in layout.leaves]
    return {
        "style": style,
        "cells": [_cell_text(k, v) for k, v in zip(kinds, values, strict=True)],
    }


PD02_WIDTHS = {
    "no": {"cm": 0.8},
    "name": {"fr": 1.25},
    "details": {"fr": 1.5},
    "budget": {"cm": 2.1},
    "place": {"fr": 0.85},
    "unit": {"fr": 0.85},
}
PD01_WIDTHS = {
    "strategy": {"fr": 2.2},
    "projects": {"cm": 2.4},
    "projects_pct": {"cm": 2.6},
    "budget": {"cm": 3.2},
    "budget_pct": {"cm": 2.6},
    "unit": {"fr": 1},
}


def form_typst(data: FormDocument) -> dict[str, Any]:
    """What pd02.typ / pd02_1.typ (and the plan book) print for ผด.02 or ผด.02/1."""
    layout = data.layout
    groups = []
    for group in data.groups:
        rows = [typst_rows(layout, "row", row_values(layout, r)) for r in group.rows]
        label = count_label(data, pgettext("report", "Total"), len(group.rows))
        rows.append(typst_rows(layout, "sum", total_values(layout, label, group.budget)))
        groups.append({"heading": group_lines(data, group), "rows": rows})
    grand = count_label(data, pgettext("report", "Grand total"), data.count)
    return {
        "form": data.form,
        "plan_line": plan_line(data.plan),
        "organization": data.plan.organization,
        "layout": typst_layout(layout, PD02_WIDTHS),
        "groups": groups,
        "total": [typst_rows(layout, "total", total_values(layout, grand, data.budget))],
        "empty": pgettext("report", "The plan has no projects.")
        if data.form == PD02
        else pgettext("report", "The plan has no equipment items."),
    }


def pd01_table(data: SummaryDocument) -> list[tuple[str, list[Any]]]:
    """(style, values) of the ผด.01 table: each strategy with its work plans, the total."""
    rows: list[tuple[str, list[Any]]] = []

    def values(label: str, x, unit: str) -> list[Any]:
        by_key = {
            "strategy": label,
            "projects": x.projects,
            "projects_pct": x.projects_pct,
            "budget": x.budget,
            "budget_pct": x.budget_pct,
            "unit": unit,
        }
        return [by_key[leaf.key] for leaf in data.layout.leaves]

    for summary in data.strategies:
        rows.append(("strategy", values(summary.strategy or no_strategy(), summary, "")))
        for line in summary.lines:
            rows.append(("work_plan", values(line.work_plan or no_work_plan(), line, line.unit)))
    total = StrategySummary(
        "", data.projects, percent(data.projects, data.projects), data.budget, ZERO
    )
    total.budget_pct = percent(data.budget, data.budget)
    rows.append(("total", values(pgettext("report", "Total"), total, "")))
    return rows


def pd01_typst(data: SummaryDocument) -> dict[str, Any]:
    layout = data.layout
    return {
        "form": data.form,
        "plan_line": plan_line(data.plan),
        "layout": typst_layout(layout, PD01_WIDTHS),
        "rows": [typst_rows(layout, style, values) for style, values in pd01_table(data)],
    }


def plan_line(plan: PlanHead) -> str:
    return f"{plan.title} {plan.edition}".strip()


# --- Excel ------------------------------------------------------------------------------------
BAR_FILL = PatternFill("solid", start_color="4472C4", end_color="4472C4")
TOTAL_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
BOLD = Font(name=BODY_FONT.name, size=BODY_FONT.size, bold=True)


def xlsx_header(ws, layout: Layout, start_row: int, widths: dict[str, float]) -> int:
    """The form's header rows, merged as on paper; returns the first row below them."""
    occupied: set[tuple[int, int]] = set()
    for level, tier in enumerate(layout.header):
        column = 1
        for cell in tier:
            while (start_row + level, column) in occupied:
                column += 1
            top, left = start_row + level, column
            bottom, right = top + cell.rowspan - 1, left + cell.colspan - 1
            for r in range(top, bottom + 1):
                for col in range(left, right + 1):
                    occupied.add((r, col))
                    other = ws.cell(row=r, column=col)
                    other.fill, other.border = HEADER_FILL, BORDER
            first = ws.cell(row=top, column=left, value=cell.text)
            first.font = HEADER_FONT
            first.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if (top, left) != (bottom, right):
                ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
            column = right + 1
    for index, leaf in enumerate(layout.leaves, start=1):
        width = 5 if leaf.kind == "month" else widths.get(leaf.key, 16)
        ws.column_dimensions[get_column_letter(index)].width = width
    below = start_row + len(layout.header)
    ws.freeze_panes = ws.cell(row=below, column=1)
    return below


def xlsx_cell(ws, row: int, column: int, kind: str, value: Any, *, bold: bool = False):
    if kind == "month":
        cell = ws.cell(row=row, column=column)
        if value:
            cell.fill = BAR_FILL
    else:
        cell = ws.cell(row=row, column=column, value=value)
    cell.font = BOLD if bold else BODY_FONT
    cell.border = BORDER
    if kind in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[kind]
        cell.alignment = Alignment(horizontal="right", vertical="top")
    elif kind != "month":
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    return cell


def xlsx_row(ws, row: int, leaves, values: list[Any], *, bold: bool = False) -> list:
    return [
        xlsx_cell(ws, row, col, leaf.kind, value, bold=bold)
        for col, (leaf, value) in enumerate(zip(leaves, values, strict=True), start=1)
    ]


def xlsx_title(ws, plan: PlanHead, title: str, form: str, width: int) -> int:
    row = write_title(
        ws, title=f"{title} ({form})", extra=[plan_line(plan), plan.organization], width=width
    )
    return row


def xlsx_form(data: FormDocument, workbook, title: str) -> None:
    """ผด.02 / ผด.02/1 on one sheet: per group a heading row, its rows and a total row with a
    live ``=SUM`` formula; the grand total sums the group totals."""
    layout = data.layout
    leaves = layout.leaves
    width = len(leaves)
    ws = new_sheet(workbook, data.form.replace("/", "-"))
    row = xlsx_title(ws, data.plan, title, data.form, width)
    row = xlsx_header(ws, layout, row, {"no": 6, "name": 36, "details": 40, "budget": 16})
    keys = [leaf.key for leaf in leaves]
    budget_col = get_column_letter(keys.index("budget") + 1)
    last = get_column_letter(width)
    totals: list[str] = []
    for group in data.groups:
        ws.cell(row=row, column=1, value="\n".join(group_lines(data, group))).font = HEADER_FONT
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 20 * len(group_lines(data, group))
        row += 1
        first = row
        for item in group.rows:
            xlsx_row(ws, row, leaves, row_values(layout, item))
            row += 1
        label = count_label(data, pgettext("report", "Total"), len(group.rows))
        xlsx_row(ws, row, leaves, total_values(layout, label, group.budget), bold=True)
        formula = f"=SUM({budget_col}{first}:{budget_col}{row - 1})" if group.rows else 0
        ws[f"{budget_col}{row}"] = formula
        totals.append(f"{budget_col}{row}")
        row += 1
    grand = count_label(data, pgettext("report", "Grand total"), data.count)
    for cell in xlsx_row(ws, row, leaves, total_values(layout, grand, ZERO), bold=True):
        cell.fill = TOTAL_FILL
    ws[f"{budget_col}{row}"] = f"=SUM({','.join(totals)})" if totals else 0


def xlsx_pd01(data: SummaryDocument, workbook, title: str) -> None:
    """ผด.01 with live formulas: strategy rows sum their work plans, the total sums the
    strategies, and the percentages divide by the total."""
    layout = data.layout
    leaves = layout.leaves
    keys = [leaf.key for leaf in leaves]
    ws = new_sheet(workbook, data.form)
    row = xlsx_title(ws, data.plan, title, data.form, len(leaves))
    row = xlsx_header(ws, layout, row, {"strategy": 50, "unit": 30})
    table = pd01_table(data)
    total_row = row + len(table) - 1
    col = {key: get_column_letter(keys.index(key) + 1) for key in keys}
    strategy_rows: list[int] = []
    for offset, (style, values) in enumerate(table):
        r = row + offset
        for index, (leaf, value) in enumerate(zip(leaves, values, strict=True), start=1):
            shown = f"    {value}" if style == "work_plan" and leaf.key == "strategy" else value
            cell = xlsx_cell(ws, r, index, leaf.kind, shown, bold=style != "work_plan")
            if style == "total":
                cell.fill = TOTAL_FILL
        end = offset + 1  # the strategy's work plans are the rows up to the next strategy
        while end < len(table) and table[end][0] == "work_plan":
            end += 1
        if style == "strategy":
            strategy_rows.append(r)
        for key in ("projects", "budget"):
            c = col.get(key)
            if c is None:
                continue
            if style == "strategy":
                ws[f"{c}{r}"] = f"=SUM({c}{r + 1}:{c}{row + end - 1})" if end > offset + 1 else 0
            elif style == "total":
                refs = ",".join(f"{c}{s}" for s in strategy_rows)
                ws[f"{c}{r}"] = f"=SUM({refs})" if refs else 0
            if f"{key}_pct" in col:
                ws[f"{col[key + '_pct']}{r}"] = f"=IF({c}${total_row}=0,0,{c}{r}/{c}${total_row})"


# --- the reports ------------------------------------------------------------------------------
def _positive_int(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError("give the plan's id, a whole number")
    return int(value)


def current_plan_id(organization, fiscal_year: int | None) -> int:
    """The organisation's plan for ``fiscal_year``: announced, else approved, else its latest
    draft; of those the latest edition. ``ReportError`` when it has none."""
    plans = AnnualPlan.objects.filter(organization=organization)
    if fiscal_year is not None:
        plans = plans.filter(fiscal_year=fiscal_year)
    rank = {pc.PlanState.ANNOUNCED: 2, pc.PlanState.APPROVED: 1}
    candidates = list(
        plans.order_by("-fiscal_year", "-edition_number", "-pk").values_list("pk", "state")
    )
    if not candidates:
        raise ReportError(
            pgettext("report", "%(org)s has no annual plan for fiscal year %(year)s.")
            % {"org": organization.name, "year": fiscal_year or "-"}
        )
    best = max(candidates, key=lambda p: rank.get(p[1], 0))  # max keeps the first of equals
    return best[0]


class AnnualPlanForm(Report):
    """What the forms of an annual plan share: options, header, file names."""

    orientation = "landscape"
    form = ""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--plan", required=True, type=_positive_int, metavar="ID", help="Id of the plan."
        )
        parser.add_argument(
            "--form-version",
            default=CURRENT_VERSION,
            metavar="VERSION",
            help="Version of the form's columns in reports/data/form_columns.csv "
            "(default: %(default)s).",
        )

    def options_from_command(self, options: dict[str, Any], user) -> dict[str, Any]:
        return {"plan": options["plan"], "version": options.get("form_version") or CURRENT_VERSION}

    def options_for_organization(self, organization, fiscal_year: int | None) -> dict[str, Any]:
        return {"plan": current_plan_id(organization, fiscal_year), "version": CURRENT_VERSION}

    def thai_digits(self, data) -> bool:
        return data.plan.thai_digits

    def heading(self, data) -> dict[str, Any]:
        return {"organization": data.plan.organization, "fiscal_year": data.plan.fiscal_year}

    def filename(self, data, fmt: str) -> str:
        plan = data.plan
        edition = f"-e{plan.edition.split()[-1].replace('/', '-')}" if plan.edition else ""
        return f"{self.name}-{plan.organization_code}-{plan.fiscal_year}{edition}.{fmt}"

    def labels(self) -> dict[str, str]:
        return {"code": self.form}


@register
class PD01Report(AnnualPlanForm):
    name = "pd01"
    form = PD01
    title = gettext_lazy("Summary of projects and budget")
    description = gettext_lazy(
        "Form ผด.01 of an annual plan: number of projects and budget per strategy and work "
        "plan, with their shares of the whole plan and the responsible units."
    )
    typst_template = "pd01.typ"

    def build(self, *, user, plan, version=CURRENT_VERSION, **options: Any):
        return build_pd01(user=user, plan_id=plan, version=version)

    def to_json(self, data: SummaryDocument) -> dict[str, Any]:
        return pd01_json(data)

    def typst_data(self, data: SummaryDocument) -> dict[str, Any]:
        return pd01_typst(data)

    def xlsx(self, data: SummaryDocument, workbook) -> None:
        xlsx_pd01(data, workbook, str(self.title))


@register
class PD02Report(AnnualPlanForm):
    name = "pd02"
    form = PD02
    title = gettext_lazy("Projects, activities and budget")
    description = gettext_lazy(
        "Form ผด.02 of an annual plan: the projects per strategy and work plan with their "
        "activities, budget, place, responsible unit and planned months."
    )
    typst_template = "pd02.typ"

    def build(self, *, user, plan, version=CURRENT_VERSION, **options: Any):
        return build_pd02(user=user, plan_id=plan, version=version)

    def to_json(self, data: FormDocument) -> dict[str, Any]:
        return form_json(data, "projects", "strategy")

    def typst_data(self, data: FormDocument) -> dict[str, Any]:
        return form_typst(data)

    def xlsx(self, data: FormDocument, workbook) -> None:
        xlsx_form(data, workbook, str(self.title))


@register
class PD021Report(AnnualPlanForm):
    name = "pd02-1"
    form = PD02_1
    title = gettext_lazy("Equipment not tied to a project")
    description = gettext_lazy(
        "Form ผด.02/1 of an annual plan: the equipment bought outside the projects, per kind "
        "of equipment and work plan, with budget, place, responsible unit and planned months."
    )
    typst_template = "pd02_1.typ"

    def build(self, *, user, plan, version=CURRENT_VERSION, **options: Any):
        return build_pd02_1(user=user, plan_id=plan, version=version)

    def to_json(self, data: FormDocument) -> dict[str, Any]:
        return form_json(data, "items", "category")

    def typst_data(self, data: FormDocument) -> dict[str, Any]:
        return form_typst(data)

    def xlsx(self, data: FormDocument, workbook) -> None:
        xlsx_form(data, workbook, str(self.title))
