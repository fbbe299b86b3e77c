"""Reading the ผด.02 sheets offices keep in Excel (บัญชีโครงการ/กิจกรรม/งบประมาณ of the
operational plan) into projects, without touching the database.

``parse_pd02(source, fiscal_year=None)`` reads every sheet that has a ผด.02 table (title
and linkage rows above the header are skipped; other sheets are listed in
``ignored_sheets``) and returns a :class:`Pd02Result`. A file that is not a workbook, or has
no ผด.02 table in any sheet, raises :class:`Pd02Error`. Everything else — a budget that is
not a number, a project without a name, a month marked outside the twelve columns, a
fiscal year other than the one asked for — is a :class:`CellError` in ``result.errors``
naming sheet, row and column; the import is all-or-nothing, so nothing is saved while
there is one. See phaen/plans/importers/README.md for the shapes of sheet understood.
"""

from __future__ import annotations

import io
import os
import warnings as python_warnings
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook

from .cells import is_formula
from .pd02_layout import column_letter, find_layout
from .pd02_result import CellError, Pd02Project, Pd02Result
from .pd02_rows import SheetReader

__all__ = ["CellError", "Pd02Error", "Pd02Project", "Pd02Result", "parse_pd02"]

# An Excel 97–2003 (.xls) file is an OLE2 compound document, not a zip.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Pd02Error(Exception):
    """The file cannot be read as a ผด.02 workbook at all (not an .xlsx, damaged, empty,
    or without a ผด.02 table in any sheet).

    ``message`` is a lazy translation: ``str(error)`` renders it in the language active
    when it is shown. ``params`` fill its named placeholders.
    """

    def __init__(self, message: Any, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text


def parse_pd02(source: Any, *, fiscal_year: int | None = None) -> Pd02Result:
    """Read a ผด.02 workbook: ``source`` is a path, a binary file (an upload), bytes, or an
    openpyxl ``Workbook``. When ``fiscal_year`` (Buddhist Era) is given, a sheet whose
    header names another year is an error naming the header cell."""
    book, data = _open(source)
    formulas = _Formulas(data)
    result = Pd02Result()
    found_years: list[tuple[int, str, tuple[int, int]]] = []
    for ws in book.worksheets:
        merges = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
        layout = find_layout(ws, merges)
        if layout is None:
            result.ignored_sheets.append(ws.title)
            continue
        if ws.sheet_state != "visible":
            result.ignored_sheets.append(ws.title)
            result.warnings.append(CellError(ws.title, None, "", gettext("Hidden sheet skipped.")))
            continue
        result.sheets.append(ws.title)
        for target, problems in (
            (result.errors, layout.errors),
            (result.warnings, layout.warnings),
        ):
            target.extend(
                CellError(ws.title, p.row, column_letter(p.column), p.message) for p in problems
            )
        SheetReader(ws, layout, result, lambda r, c, t=ws.title: formulas(t, r, c)).read()
        if layout.fiscal_year is not None:
            found_years.append((layout.fiscal_year, ws.title, layout.year_cell))
    if not result.sheets:
        raise Pd02Error(
            _(
                "No sheet has a ผด.02 table header (ที่, โครงการ, งบประมาณ and the twelve "
                "month columns)."
            )
        )
    _settle_fiscal_year(result, found_years, fiscal_year)
    order = {ws.title: i for i, ws in enumerate(book.worksheets)}
    for problems in (result.errors, result.warnings):
        problems.sort(
            key=lambda e: (order[e.sheet], e.row or 0, len(e.column_letter), e.column_letter)
        )
    return result


def _settle_fiscal_year(result: Pd02Result, found, expected: int | None) -> None:
    """Every sheet must name the same fiscal year, and the one asked for if any."""
    if found:
        result.fiscal_year = found[0][0]
    else:
        result.fiscal_year = expected
    for year, sheet, (row, col) in found:
        if expected is not None and year != expected:
            message = gettext("The sheet is for fiscal year %(found)s, not %(expected)s.")
            params = {"found": year, "expected": expected}
        elif expected is None and year != found[0][0]:
            message = gettext(
                "This sheet is for fiscal year %(found)s but sheet “%(sheet)s” is for "
                "fiscal year %(expected)s."
            )
            params = {"found": year, "sheet": found[0][1], "expected": found[0][0]}
        else:
            continue
        result.errors.append(CellError(sheet, row, column_letter(col), message % params))


# --- opening the file -----------------------------------------------------------------------


def _open(source: Any) -> tuple[Workbook, bytes | None]:
    """The workbook with computed values, and the file's bytes (None for a Workbook)."""
    if isinstance(source, Workbook):
        return source, None
    data = _read_bytes(source)
    return _load(data, data_only=True), data


def _read_bytes(source: Any) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if isinstance(source, str | os.PathLike):
        try:
            with open(source, "rb") as handle:
                return handle.read()
        except OSError as exc:
            message = _("The file could not be opened: %(reason)s")
            raise Pd02Error(message, reason=exc.strerror or str(exc)) from exc
    if hasattr(source, "read"):
        if getattr(source, "seekable", lambda: False)():
            source.seek(0)  # an upload read once already (for a preview) is read again whole
        data = source.read()
        if isinstance(data, str):
            raise TypeError("parse_pd02 needs a file opened in binary mode")
        return data
    raise TypeError(f"parse_pd02 cannot read a {type(source).__name__}")


def _load(data: bytes, *, data_only: bool) -> Workbook:
    if not data:
        raise Pd02Error(_("The file is empty."))
    if data.startswith(_OLE_SIGNATURE):
        raise Pd02Error(
            _(
                "This is an old Excel 97–2003 file (.xls); save it as an Excel workbook "
                "(.xlsx) and try again."
            )
        )
    try:
        with python_warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, conditional styles)
            python_warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=data_only, keep_links=False)
    except Exception as exc:  # a damaged file fails in many places inside openpyxl
        raise Pd02Error(_("The file is not an Excel workbook (.xlsx), or it is damaged.")) from exc


class _Formulas:
    """Whether a cell holds a formula, read lazily from a second, formula-keeping load of
    the file: openpyxl's computed-values view shows a formula Excel never calculated (a
    file written by a program) as an empty cell."""

    def __init__(self, data: bytes | None) -> None:
        self.data = data
        self.book: Workbook | None = None

    def __call__(self, sheet: str, row: int, col: int) -> bool:
        if self.data is None:
            return False  # a Workbook given directly holds its formulas as values
        if self.book is None:
            self.book = _load(self.data, data_only=False)
        return is_formula(self.book[sheet].cell(row, col).value)
