"""The consolidated table of a round as an Excel workbook: one row per accepted child,
then the total row as live SUM formulas (so the sheet stays right if someone edits it)
next to nothing hand-typed."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from phaen.rounds import choices as c
from phaen.rounds.selectors import Consolidation

MONEY = "#,##0.00"


def headings() -> list[str]:
    return [
        _("Organisation code"),
        _("Organisation"),
        _("Projects"),
        _("Not started"),
        _("In progress"),
        _("Done"),
        _("Postponed"),
        _("Budget planned (baht)"),
        _("Disbursed (baht)"),
        _("Weighted achievement (%)"),
        _("Problems"),
    ]


def _cells(row) -> list:
    by_status = row.by_status
    return [
        row.organization.code,
        str(row.organization),
        row.projects,
        *(by_status.get(key, 0) for key in c.STATUS_KEYS),
        row.budget_planned,
        row.disbursed,
        row.weighted_achievement,
        row.problems,
    ]


def workbook(consolidation: Consolidation) -> Workbook:
    r = consolidation.round
    book = Workbook()
    sheet = book.active
    sheet.title = _("Consolidated")[:31]
    sheet.append([r.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"{r.organization} · {r.fiscal_year} · {r.period_code}"])
    sheet.append([])
    sheet.append(headings())
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    first = 5
    for row in consolidation.rows:
        sheet.append(_cells(row))
    last = first + len(consolidation.rows) - 1
    total_row = last + 1
    total = consolidation.total
    values = [_("Total"), "", total.projects, *(total.by_status.get(k, 0) for k in c.STATUS_KEYS)]
    values += [total.budget_planned, total.disbursed, total.weighted_achievement, total.problems]
    sheet.append(values)
    if consolidation.rows:
        for col in (3, 4, 5, 6, 7, 8, 9, 11):
            if values[col - 1] is None:
                continue
            letter = get_column_letter(col)
            sheet[f"{letter}{total_row}"] = f"=SUM({letter}{first}:{letter}{last})"
    for cell in sheet[total_row]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=first, max_row=total_row, min_col=8, max_col=10):
        for cell in row:
            if isinstance(cell.value, Decimal) or (
                isinstance(cell.value, str) and cell.value.startswith("=")
            ):
                cell.number_format = MONEY
    sheet.column_dimensions["B"].width = 40
    for col in range(3, 12):
        sheet.column_dimensions[get_column_letter(col)].width = 16
    if consolidation.pending:
        sheet.append([])
        sheet.append([_("Not accepted yet"), ", ".join(str(o) for o in consolidation.pending)])
    return book


def workbook_bytes(consolidation: Consolidation) -> bytes:
    buffer = io.BytesIO()
    workbook(consolidation).save(buffer)
    return buffer.getvalue()
