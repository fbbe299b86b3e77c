"""Finding the ผด.02 table in a worksheet: the header row by its words, the month columns
by their abbreviations, the Buddhist-Era years over them, and the fiscal year."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from phaen.core.thai import FISCAL_MONTH_ABBRS, FISCAL_MONTH_NAMES

from .cells import cell_text, compact

__all__ = ["Layout", "Problem", "column_key", "find_layout", "is_header_word", "month_of"]

# The header is near the top (title and linkage rows rarely take more than a dozen rows)
# and within the first columns; the limits keep a sheet formatted to column XFD cheap.
_SCAN_ROWS = 60
_SCAN_COLUMNS = 80
# How many month abbreviations make a row the month row of a ผด.02 (the rest are reported
# missing); ผ.02 and ผด.01 sheets have ที่/โครงการ/งบประมาณ too, but no months.
_MIN_MONTHS = 6
_OCTOBER, _JANUARY = 0, 3

_MONTH_WORDS = {re.sub(r"[.\s]", "", abbr): i for i, abbr in enumerate(FISCAL_MONTH_ABBRS)} | {
    name: i for i, name in enumerate(FISCAL_MONTH_NAMES)
}
_MONTH = re.compile(r"(\D+?)(\d{2}|\d{4})?")
_NO_WORDS = {"ที่", "ลำดับ", "ลำดับที่", "ลำดับที"}
_NAME_WORDS = {"โครงการ", "โครงการ/กิจกรรม", "ชื่อโครงการ", "แผนงาน/โครงการ", "โครงการ/งาน"}
_YEAR_TEXT = re.compile(r"(?:ปี(?:งบประมาณ)?)?(?:(พ\.?ศ|ค\.?ศ)\.?)?(\d{4})")
_TITLE_YEAR = re.compile(r"ปีงบประมาณ(?:พ\.?ศ\.?)?(\d{4})")


@dataclass
class Problem:
    """An error or warning found while reading the header, before rows are read."""

    row: int
    column: int | None
    message: str


@dataclass
class Layout:
    """Where the ผด.02 table is in one sheet. Columns are 1-based indexes; ``months`` maps a
    month column to its fiscal index (0 = ต.ค. … 11 = ก.ย.)."""

    header_row: int
    month_row: int
    columns: dict[str, int]
    months: dict[int, int]
    headed: set[int]
    fiscal_year: int | None = None
    year_cell: tuple[int, int] | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def first_month_column(self) -> int:
        return min(self.months)

    @property
    def last_month_column(self) -> int:
        return max(self.months)

    @property
    def data_start(self) -> int:
        return self.month_row + 1


def column_key(text: str) -> str | None:
    """Which ผด.02 column a (compacted) header text names, or None."""
    if text in _NO_WORDS:
        return "no"
    if text.startswith("รายละเอียด"):
        return "details"
    if text.startswith("งบประมาณ"):
        return "budget"
    if text.startswith("สถานที่"):
        return "place"
    if "รับผิดชอบ" in text or text.startswith(("หน่วยดำเนินการ", "หน่วยงาน")):
        return "unit"
    if "โครงการ" in text:
        return "name"
    return None


def is_header_word(text: str) -> bool:
    """Whether a compacted cell text is one of the header's own words (used to skip a
    header repeated further down the sheet, as each printed page repeats it)."""
    if text in _NO_WORDS or text in _NAME_WORDS or text in {"(บาท)", "บาท"}:
        return True
    if month_of(text) is not None or _YEAR_TEXT.fullmatch(text):
        return True
    key = column_key(text)
    return key in {"details", "budget", "place", "unit"} and len(text) <= 45


def month_of(value: object) -> tuple[int, int | None] | None:
    """(fiscal index, year written after it or None) for a month header cell: "ต.ค.",
    "ตค", "ต.ค", "ตุลาคม", "ต.ค. 67", "ต.ค.๖๗"; None for anything else."""
    match = _MONTH.fullmatch(compact(value).replace(".", ""))
    if not match or match.group(1) not in _MONTH_WORDS:
        return None
    year = match.group(2)
    if year is not None:
        year = int(year) + (2500 if len(year) == 2 else 0)
    return _MONTH_WORDS[match.group(1)], year


def _year_of(value: object) -> int | None:
    """A Buddhist-Era year in a header cell ("พ.ศ. 2567", "๒๕๖๘", "ปี 2568",
    "ปีงบประมาณ พ.ศ. 2568"); a year marked ค.ศ. or in the Christian-Era range is
    converted."""
    match = _YEAR_TEXT.fullmatch(compact(value))
    if not match:
        return None
    year = int(match.group(2))
    if (match.group(1) or "").startswith("ค") or 1900 <= year < 2200:
        year += 543
    return year if 2400 <= year <= 2800 else None


def find_layout(ws, merges: dict[tuple[int, int], object]) -> Layout | None:
    """The ผด.02 table of ``ws``: the first row holding ที่, โครงการ and งบประมาณ with at
    least six month abbreviations in it or in one of the next three rows. ``merges`` maps
    the top-left cell of every merged range to the range."""
    width = min(ws.max_column, _SCAN_COLUMNS)
    for row in range(1, min(ws.max_row, _SCAN_ROWS) + 1):
        keys = {column_key(compact(ws.cell(row, col).value)) for col in range(1, width + 1)}
        if not {"no", "name", "budget"} <= keys:
            continue
        for month_row in range(row, min(row + 3, ws.max_row) + 1):
            months = _month_cells(ws, month_row)
            if len(months) >= _MIN_MONTHS:
                return _build(ws, merges, row, month_row, months)
    return None


def _month_cells(ws, row: int) -> dict[int, tuple[int, int | None]]:
    found = {}
    for col in range(1, min(ws.max_column, _SCAN_COLUMNS) + 1):
        month = month_of(ws.cell(row, col).value)
        if month is not None:
            found[col] = month
    return found


def _build(ws, merges, header_row: int, month_row: int, month_cells) -> Layout:
    layout = Layout(header_row, month_row, {}, {}, set())
    seen: dict[int, int] = {}
    for col, (index, _year) in sorted(month_cells.items()):
        if index in seen:
            message = _("The month %(month)s appears twice in the header.")
            layout.errors.append(
                Problem(month_row, col, message % {"month": FISCAL_MONTH_ABBRS[index]})
            )
            continue
        seen[index] = col
        layout.months[col] = index
    _read_columns(ws, layout)
    _check_columns(layout)
    _read_fiscal_year(ws, merges, layout, month_cells)
    return layout


def _read_columns(ws, layout: Layout) -> None:
    """Name the columns from the header text, read down all header rows (a header split
    over two rows, "งบประมาณ" over "(บาท)", reads as one)."""
    for col in range(1, min(ws.max_column, _SCAN_COLUMNS) + 1):
        rows = range(layout.header_row, layout.month_row + 1)
        text = "".join(compact(ws.cell(row, col).value) for row in rows)
        if not text:
            continue
        layout.headed.add(col)
        key = column_key(text)
        if col not in layout.months and key is not None and key not in layout.columns:
            layout.columns[key] = col


def _check_columns(layout: Layout) -> None:
    missing = [abbr for i, abbr in enumerate(FISCAL_MONTH_ABBRS) if i not in layout.months.values()]
    if missing:
        message = _("Month columns missing from the header (%(months)s).")
        layout.errors.append(
            Problem(layout.month_row, None, message % {"months": ", ".join(missing)})
        )
    optional = {
        "details": "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ",
        "place": "สถานที่ดำเนินการ",
        "unit": "หน่วยงานรับผิดชอบหลัก",
    }
    for key, header in optional.items():
        if key not in layout.columns:
            message = _("Column “%(column)s” was not found in the header; it is left empty.")
            layout.warnings.append(Problem(layout.header_row, None, message % {"column": header}))


def _read_fiscal_year(ws, merges, layout: Layout, month_cells) -> None:
    """The fiscal year from the years over the months (FY−1 over ต.ค.–ธ.ค., FY over
    ม.ค.–ก.ย.), else from years written after the month names, else from the title
    ("ประจำปีงบประมาณ พ.ศ. 2568"). A title that disagrees with the header is an error."""
    found = _year_over_months(ws, merges, layout) or _year_in_month_names(layout, month_cells)
    title = _year_in_title(ws, layout)
    if found and title and found[0] != title[0]:
        message = _("The title says fiscal year %(title)s but the month header says %(header)s.")
        layout.errors.append(
            Problem(title[1][0], title[1][1], message % {"title": title[0], "header": found[0]})
        )
    chosen = found or title
    if chosen:
        layout.fiscal_year, layout.year_cell = chosen


def _year_cells(ws, merges, layout: Layout) -> list[tuple[int, int, int, int]]:
    """(year, row, first column, last column) of every year cell over the month block."""
    first, last = layout.first_month_column, layout.last_month_column
    cells = []
    for row in range(layout.header_row, layout.month_row):
        in_row = [(col, _year_of(ws.cell(row, col).value)) for col in range(first, last + 1)]
        in_row = [(col, year) for col, year in in_row if year]
        for i, (col, year) in enumerate(in_row):
            merged = merges.get((row, col))
            if merged is not None:
                end = merged.max_col
            else:  # unmerged: the year reaches to the next year cell
                end = in_row[i + 1][0] - 1 if i + 1 < len(in_row) else last
            cells.append((year, row, col, end))
    return cells


def _year_over_months(ws, merges, layout: Layout):
    columns = {index: col for col, index in layout.months.items()}
    cells = _year_cells(ws, merges, layout)

    def over(index):
        col = columns.get(index)
        return next((c for c in cells if col is not None and c[2] <= col <= c[3]), None)

    october, january = over(_OCTOBER), over(_JANUARY)
    if january and october and january is not october and october[0] + 1 != january[0]:
        message = _(
            "The year over October (%(october)s) must be one less than the year over "
            "January (%(january)s)."
        )
        params = {"october": october[0], "january": january[0]}
        layout.errors.append(Problem(january[1], january[2], message % params))
    if january:
        return january[0], (january[1], january[2])
    if october:
        return october[0] + 1, (october[1], october[2])
    return None


def _year_in_month_names(layout: Layout, month_cells):
    for col, (index, year) in sorted(month_cells.items()):
        if year is not None and col in layout.months:
            fiscal_year = year if index >= _JANUARY else year + 1
            return fiscal_year, (layout.month_row, col)
    return None


def _year_in_title(ws, layout: Layout):
    for row in range(1, layout.header_row):
        for col in range(1, min(ws.max_column, _SCAN_COLUMNS) + 1):
            match = _TITLE_YEAR.search(compact(ws.cell(row, col).value))
            if match:
                return int(match.group(1)), (row, col)
    return None


def column_letter(column: int | None) -> str:
    return get_column_letter(column) if column else ""


def plain_text(value: object) -> str:
    """Cell text on one line, Thai digits kept (for headings and names)."""
    return " ".join(cell_text(value).split("\n"))
