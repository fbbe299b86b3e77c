"""Projects of an annual plan in Excel: a template to fill offline, its reader, the import and
an export in the same layout.

``template_workbook(plan)`` and ``export_workbook(plan)`` write four sheets (projects,
activities, risks, budget lines) plus a sheet of the values the lists offer and a sheet of
notes; ``read_projects(workbook, plan)`` reads them back into ``ProjectRow``s, raising
``ExcelImportError`` whose ``errors`` name each sheet, row and column; ``import_projects``
saves the rows through the plan services in one transaction (all or nothing). An exported
plan imported into an empty plan exports the same workbook again (tested).

Columns are found by their header text, so they may be moved; a missing optional column
reads as empty. Dates are typed day/month/Buddhist-Era year; months as Thai abbreviations
("ต.ค., พ.ย." or a range "ต.ค.-ธ.ค."); numbers may use Thai digits and thousands commas.
"""

from __future__ import annotations

from phaen.plans.excel.export import export_workbook
from phaen.plans.excel.layout import (
    ACTIVITY_COLUMNS,
    BUDGET_COLUMNS,
    PROJECT_COLUMNS,
    RISK_COLUMNS,
    SHEET_ACTIVITIES,
    SHEET_BUDGET,
    SHEET_LISTS,
    SHEET_NOTES,
    SHEET_PROJECTS,
    SHEET_RISKS,
    SHEETS,
)
from phaen.plans.excel.template import template_workbook
from phaen.plans.excel.workbook_import import (
    CellError,
    ExcelImportError,
    PartRow,
    ProjectRow,
    import_projects,
    plan_clashes,
    read_projects,
)

__all__ = [
    "ACTIVITY_COLUMNS",
    "BUDGET_COLUMNS",
    "PROJECT_COLUMNS",
    "RISK_COLUMNS",
    "SHEETS",
    "SHEET_ACTIVITIES",
    "SHEET_BUDGET",
    "SHEET_LISTS",
    "SHEET_NOTES",
    "SHEET_PROJECTS",
    "SHEET_RISKS",
    "CellError",
    "ExcelImportError",
    "PartRow",
    "ProjectRow",
    "export_workbook",
    "import_projects",
    "plan_clashes",
    "read_projects",
    "template_workbook",
]
