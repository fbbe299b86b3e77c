"""Shared Excel styles: every workbook Phaen writes looks the same.

Sarabun in every cell, a title block (report title, organisation, fiscal year), a filled
and bordered header row that stays in view (freeze panes) with a filter, thin borders,
thousands separators on numbers and fixed column widths. Reports describe their tables
with :class:`Column` and call :func:`write_table`; they do not style cells themselves.

Thai digits are not offered in Excel: cells hold real numbers so that people can sum them.
Dates are written as text in Buddhist-Era form by the report (Excel's own BE date formats
differ between Excel and LibreOffice, and a wrong year is worse than a text cell).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "Sarabun"
FONT_SIZE = 14
TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True)
SUBTITLE_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
HEADER_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
BODY_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
HEADER_FILL = PatternFill("solid", start_color="DCE6F1", end_color="DCE6F1")
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

NUMBER_FORMATS = {
    "int": "#,##0",
    "number": "#,##0.00",
    "money": "#,##0.00",
    "percent": "0.00%",
}
# Excel forbids these in sheet names, which are also limited to 31 characters.
_SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, width (in characters) and kind of value.

    ``kind`` is ``text`` (wrapped), ``int``, ``number``/``money`` (two decimals) or
    ``percent``; numeric kinds get a thousands separator and align right.
    """

    header: str
    width: float = 15
    kind: str = "text"


def new_sheet(workbook: Workbook, title: str) -> Worksheet:
    """A new worksheet called ``title`` (the workbook's first, empty sheet is reused)."""
    name = str(title).translate(_SHEET_NAME_FORBIDDEN).strip()[:31] or "Sheet"
    first = workbook.worksheets[0] if workbook.worksheets else None
    if (
        first is not None
        and first.max_row == 1
        and first["A1"].value is None
        and (first.title in ("Sheet", "Sheet1"))
    ):
        first.title = name
        return first
    return workbook.create_sheet(name)


def write_title(
    ws: Worksheet,
    *,
    title: str,
    organization: str = "",
    fiscal_year: str = "",
    extra: Sequence[str] = (),
    width: int = 1,
) -> int:
    """Title rows at the top of ``ws``; returns the next free row (after a blank row)."""
    lines = [(str(title), TITLE_FONT)]
    lines += [(str(text), SUBTITLE_FONT) for text in (organization, fiscal_year, *extra) if text]
    for row, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = font
        if width > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    return len(lines) + 2


def write_table(
    ws: Worksheet, *, columns: Sequence[Column], rows: Iterable[Sequence], start_row: int
) -> int:
    """Header row plus ``rows`` from ``start_row``; freezes the header and adds a filter.

    Returns the number of data rows written.
    """
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=start_row, column=index, value=str(column.header))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(index)].width = column.width
    count = 0
    for count, values in enumerate(rows, start=1):
        row = start_row + count
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = ws.cell(row=row, column=index, value=value)
            cell.font = BODY_FONT
            cell.border = BORDER
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
                cell.alignment = Alignment(horizontal="right", vertical="top")
            else:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    last_row = start_row + max(count, 1)
    ws.auto_filter.ref = f"A{start_row}:{get_column_letter(len(columns))}{last_row}"
    return count
