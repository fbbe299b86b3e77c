"""Reading the rows of one ผด.02 table: strategy and work-plan headings, projects with the
continuation rows that extend them, totals checked against the projects, and the months
each project is marked in (a character, a shading, or a bar of merged cells)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from phaen.core.thai import FISCAL_MONTH_ABBRS

from .cells import (
    cell_text,
    compact,
    fill_key,
    is_formula,
    is_mark,
    is_mark_symbol,
    parse_budget,
    sequence_number,
    text_lines,
)
from .pd02_layout import Layout, column_letter, is_header_word, plain_text
from .pd02_result import CellError, Pd02Project, Pd02Result

__all__ = ["SheetReader"]

# A list number in front of a heading: "1.", "1.1", "(1)", "1)", "ก.", "๒.๓".
_ENUMERATOR = re.compile(r"^(?:[(\[]?\d+(?:\.\d+)*[.)\]]?|[ก-ฮ][.)])\s*")
_WORK_PLAN_PREFIX = re.compile(r"^แผนงาน\s*[:：]?\s*")
_COLUMN_NUMBER = re.compile(r"\(?(\d{1,2})\)?")
# A total row: "รวม", "รวมทั้งสิ้น", "รวม 5 โครงการ", "ยอดรวม" (but not "รวมพลังชุมชน").
_TOTAL = re.compile(r"(?:ยอด)?รวม(?:ทั้งสิ้น|ทั้งหมด|งบประมาณ|ยุทธศาสตร์|แผนงาน|จำนวน|เป็นเงิน|\d|\(|$)")
# Linkage rows (national, provincial, district plans) and the LAO's tactics: headings that
# are not the strategy or work plan a project belongs to.
_LINKAGE = (
    "ยุทธศาสตร์ชาติ",
    "แผนแม่บท",
    "แผนพัฒนาเศรษฐกิจ",
    "แผนพัฒนาภาค",
    "ยุทธศาสตร์จังหวัด",
    "แผนพัฒนาจังหวัด",
    "ในเขตจังหวัด",
    "เป้าหมายการพัฒนาที่ยั่งยืน",
    "หมุดหมาย",
    "แผนการปฏิรูป",
    "แผนพัฒนาอำเภอ",
)
_OTHER_HEADINGS = ("กลยุทธ์", "แนวทาง", "เป้าประสงค์", "sdg", "SDG")
# Title rows repeated over each printed page.
_TITLE_WORDS = ("แผนการดำเนินงาน", "บัญชีโครงการ")
_TITLE_STARTS = (
    "ผด.",
    "ผด0",
    "แบบผด",
    "องค์การบริหารส่วน",
    "เทศบาล",
    "อำเภอ",
    "จังหวัด",
    "ประจำปีงบประมาณ",
    "ส่วนที่",
)
# Signatures and notes under the table: everything after them up to a repeated header is
# skipped.
_FOOTER_STARTS = (
    "ลงชื่อ",
    "(ลงชื่อ)",
    "หมายเหตุ",
    "ผู้จัดทำ",
    "ผู้เสนอ",
    "ผู้ตรวจสอบ",
    "ผู้อนุมัติ",
    "ผู้เห็นชอบ",
    "ประกาศณ",
    "ที่มา",
)
_NOTE_STARTS = ("หมายเหตุ", "ที่มา")
_BARE_TOTALS = {"รวม", "รวมทั้งสิ้น", "รวมทั้งหมด", "ยอดรวม", "รวมงบประมาณ"}
_SUMS = ("since_total", "work_plan", "strategy", "sheet")
# Columns read right of the table, to find months marked outside the twelve.
_STRAY_COLUMNS = 5
# A run of this many empty rows ends the table. Trap: a stray value far down the sheet
# (A1048576) makes ws.max_row a million, and openpyxl creates every cell it is asked for.
_EMPTY_RUN = 300


def heading_kind(text: str) -> str | None:
    """ "strategy", "work_plan", "other" (linkage and tactic rows), "title" or None."""
    body = compact(_ENUMERATOR.sub("", text, count=1))
    if any(word in body for word in _LINKAGE) or body.startswith(_OTHER_HEADINGS):
        return "other"
    if body.startswith(("ยุทธศาสตร์", "ประเด็นยุทธศาสตร์")):
        return "strategy"
    if body.startswith("แผนงาน") and not body.startswith("แผนงาน/"):
        return "work_plan"
    if any(word in body for word in _TITLE_WORDS) or body.startswith(_TITLE_STARTS):
        return "title"
    return None


def _joined(first: str, more: str) -> str:
    return " ".join(part for part in (first, more) if part)


@dataclass
class _Draft:
    """The project being read: its first row and the continuation rows seen so far."""

    project: Pd02Project
    months: set[int] = field(default_factory=set)
    budget_read: bool = False
    budget_bad: bool = False


class SheetReader:
    """Reads the rows below the header of one sheet into ``result``. ``formula_at(row,
    column)`` says whether the cell holds a formula (to explain an empty budget cell)."""

    def __init__(
        self,
        ws,
        layout: Layout,
        result: Pd02Result,
        formula_at: Callable[[int, int], bool],
    ) -> None:
        self.ws, self.layout, self.result, self.formula_at = ws, layout, result, formula_at
        self.sheet = ws.title
        self.columns = layout.columns
        self.no_column = layout.columns.get("no", 1)
        self.name_column = layout.columns.get("name", self.no_column)
        last = max(layout.headed | set(layout.months))
        self.width = min(ws.max_column, last + _STRAY_COLUMNS)
        self.bars = self._bars_by_row()
        self.strategy: str | None = None
        self.work_plan: str | None = None
        self.draft: _Draft | None = None
        self.footer_row: int | None = None  # where notes or signatures under the table began
        self.sums = dict.fromkeys(_SUMS, Decimal(0))
        self.warned: set[str] = set()

    def read(self) -> None:
        empty = 0
        for row in range(self.layout.data_start, self.ws.max_row + 1):
            if empty >= _EMPTY_RUN:
                message = _(
                    "Rows from %(row)s on were not read: %(count)s empty rows end the table."
                )
                self._warn(row, None, message % {"row": row, "count": _EMPTY_RUN})
                break
            empty = 0 if self._row(row) else empty + 1
        self._finish()

    # --- one row ------------------------------------------------------------------------

    def _row(self, row: int) -> bool:
        """Read one row; False when it is empty."""
        texts = self._texts(row)
        if not texts:
            return False
        label_column = min(texts)
        if self._is_footer(texts, label_column):
            self._finish()
            self.footer_row = self.footer_row or row
        elif self._is_header_row(texts) or self._is_column_numbers(texts):
            self._finish()
            self.footer_row = None
        elif self.footer_row is None or self._ends_footer(row, texts):
            self._content_row(row, texts, label_column)
        return True

    def _is_footer(self, texts: dict[int, str], label_column: int) -> bool:
        """Signatures and notes under the table. "หมายเหตุ" and "ที่มา" count only from the
        left of the table: a detail line may start with them."""
        label = compact(texts[label_column])
        if label_column >= self.layout.first_month_column or not label.startswith(_FOOTER_STARTS):
            return False
        return label_column <= self.name_column or not label.startswith(_NOTE_STARTS)

    def _ends_footer(self, row: int, texts: dict[int, str]) -> bool:
        """A numbered project after the notes: the notes were not the end of the table."""
        if sequence_number(self._value(row, "no")) is None or self.name_column not in texts:
            return False
        message = _("Rows %(first)s to %(last)s were skipped as notes or signatures.")
        self._warn(self.footer_row, None, message % {"first": self.footer_row, "last": row - 1})
        self.footer_row = None
        return True

    def _content_row(self, row: int, texts: dict[int, str], label_column: int) -> None:
        number = sequence_number(self._value(row, "no"))
        heading = self._heading_text(texts)
        kind = heading_kind(heading)
        from_left = label_column <= self.name_column
        is_heading = kind in ("strategy", "work_plan") and not self._has_project_data(texts)
        # Linkage and tactic rows, and title rows repeated over a printed page.
        skipped = (from_left and kind == "other") or (
            kind == "title" and label_column <= self.no_column
        )
        if number is not None and not is_heading:
            self._start(row, number, texts)
        elif from_left and self._is_total(row, heading):
            self._finish()
            self._total(row)
        elif from_left and is_heading:
            self._finish()
            self._heading(kind, heading)
        elif skipped:
            self._finish()
        elif label_column <= self.no_column:
            self._finish()
            self._warn(row, label_column, _("Row ignored: it is neither a project nor a heading."))
        else:
            self._continue(row, texts)

    def _is_total(self, row: int, heading: str) -> bool:
        """A "รวม", "รวมทั้งสิ้น", "รวม 5 โครงการ" — with an amount, unless the label is a
        bare total word (a name continued as "รวม 3 สาย" has no amount)."""
        label = compact(heading)
        if not _TOTAL.match(label):
            return False
        return label in _BARE_TOTALS or self._value(row, "budget") is not None

    def _texts(self, row: int) -> dict[int, str]:
        texts = {}
        for col in range(1, self.width + 1):
            text = cell_text(self.ws.cell(row, col).value)
            if text:
                texts[col] = text
        return texts

    def _value(self, row: int, key: str):
        col = self.columns.get(key)
        return self.ws.cell(row, col).value if col else None

    def _plain(self, row: int, key: str) -> str:
        return plain_text(self._value(row, key))

    def _heading_text(self, texts: dict[int, str]) -> str:
        """The row's text left of the budget column, on one line (a heading may carry a
        subtotal in the budget column)."""
        budget = self.columns["budget"]
        return " ".join(plain_text(texts[col]) for col in sorted(texts) if col < budget)

    def _has_project_data(self, texts: dict[int, str]) -> bool:
        """A place, a unit or a month marked by a character: a project, not a heading.
        Shading is left out: offices colour whole heading rows."""
        if any(self.columns.get(key) in texts for key in ("place", "unit")):
            return True
        return any(is_mark(texts.get(col)) for col in self.layout.months)

    def _is_header_row(self, texts: dict[int, str]) -> bool:
        """A header repeated over a later printed page (or its year or month row)."""
        return len(texts) >= 2 and all(is_header_word(compact(text)) for text in texts.values())

    @staticmethod
    def _is_column_numbers(texts: dict[int, str]) -> bool:
        """The "(1) (2) (3) …" row some offices put under the header."""
        if len(texts) < 4:
            return False
        matches = [_COLUMN_NUMBER.fullmatch(compact(texts[col])) for col in sorted(texts)]
        if not all(matches):
            return False
        numbers = [int(match.group(1)) for match in matches]
        return numbers == list(range(numbers[0], numbers[0] + len(numbers)))

    # --- headings and totals ------------------------------------------------------------

    def _heading(self, kind: str, heading: str) -> None:
        text = _ENUMERATOR.sub("", heading, count=1).strip()
        if kind == "strategy":
            self.strategy, self.work_plan = text, None
            self.sums["strategy"] = Decimal(0)
        else:
            # "แผนงาน : เคหะและชุมชน" is written "แผนงานเคหะและชุมชน" in the budget's list.
            self.work_plan = _WORK_PLAN_PREFIX.sub("แผนงาน", text)
        self.sums["work_plan"] = Decimal(0)

    def _total(self, row: int) -> None:
        """Check a "รวม" row against the projects above it: since the last total, in the
        work plan, in the strategy, in the sheet or in the whole workbook."""
        col = self.columns["budget"]
        value = self.ws.cell(row, col).value
        since_total, self.sums["since_total"] = self.sums["since_total"], Decimal(0)
        parsed = parse_budget(value)
        if parsed.problem is not None:
            message = _("The total “%(value)s” is not a number, so it was not checked.")
            self._warn(row, col, message % {"value": parsed.problem})
        if parsed.amount is None:
            return
        sums = {since_total, self.sums["work_plan"], self.sums["strategy"], self.sums["sheet"]}
        if parsed.amount not in sums | {self.result.total_budget}:
            message = _(
                "The total %(total)s does not match the sum of the projects above it (%(sum)s)."
            )
            params = {"total": f"{parsed.amount:,}", "sum": f"{since_total:,}"}
            self._warn(row, col, message % params)

    # --- projects -----------------------------------------------------------------------

    def _start(self, row: int, number: int, texts: dict[int, str]) -> None:
        self._finish()
        if set(texts) == {self.no_column} and not any(self._months(row)):
            self._warn(row, self.no_column, _("Row ignored: it has a number but nothing else."))
            return
        self.draft = _Draft(
            Pd02Project(
                strategy=self.strategy or "",
                work_plan=self.work_plan or "",
                number=number,
                name=self._plain(row, "name"),
                details=text_lines(self._value(row, "details")),
                budget=Decimal(0),
                place=self._plain(row, "place"),
                unit=self._plain(row, "unit"),
                months=[],
                sheet=self.sheet,
                row=row,
            )
        )
        self._read_budget(row, first=True)
        self._read_months(row)
        self._note_missing_headings(row)

    def _continue(self, row: int, texts: dict[int, str]) -> None:
        """A row without a number extends the project above it."""
        own = {
            self.columns[key]
            for key in ("name", "details", "place", "unit", "budget")
            if key in self.columns
        }
        marked, strays = self._months(row)
        if not own & texts.keys() and not marked and not strays:
            return  # text only in a column of the office's own (หมายเหตุ, วิธีดำเนินการ)
        if self.draft is None:
            message = _(
                "The row has text but no sequence number, and there is no project above it "
                "to continue."
            )
            self._error(row, min(texts), message)
            return
        project = self.draft.project
        project.name = _joined(project.name, self._plain(row, "name"))
        project.details.extend(text_lines(self._value(row, "details")))
        project.place = _joined(project.place, self._plain(row, "place"))
        project.unit = _joined(project.unit, self._plain(row, "unit"))
        self._read_budget(row, first=False)
        self._read_months(row)

    def _read_budget(self, row: int, *, first: bool) -> None:
        draft, col = self.draft, self.columns["budget"]
        value = self.ws.cell(row, col).value
        # Only a project's first row is checked for a lost formula result: the check may
        # open the workbook a second time.
        if is_formula(value) or (first and value is None and self.formula_at(row, col)):
            message = _(
                "The budget is a formula whose result was never saved; open the file in "
                "Excel, save it and import it again."
            )
            self._error(row, col, message)
            draft.budget_bad = True
            return
        parsed = parse_budget(value)
        if parsed.problem is not None:
            message = _("The budget “%(value)s” is not a number.")
            self._error(row, col, message % {"value": parsed.problem})
            draft.budget_bad = True
        elif parsed.amount is not None and draft.budget_read:
            message = _(
                "The project above already has a budget; a row without a sequence number "
                "cannot add another. Give this row its own number if it is a separate project."
            )
            self._error(row, col, message)
        elif parsed.amount is not None:
            draft.project.budget, draft.budget_read = parsed.amount, True

    def _read_months(self, row: int) -> None:
        marked, strays = self._months(row)
        self.draft.months |= marked
        for col in strays:
            message = _("A month is marked in column %(column)s, outside the twelve month columns.")
            self._error(row, col, message % {"column": column_letter(col)})

    def _note_missing_headings(self, row: int) -> None:
        if self.strategy is None and "strategy" not in self.warned:
            self.warned.add("strategy")
            message = _("No strategy heading above this project; its strategy is left empty.")
            self._warn(row, self.no_column, message)
        if self.work_plan is None and "work_plan" not in self.warned:
            self.warned.add("work_plan")
            message = _("No work plan heading above this project; its work plan is left empty.")
            self._warn(row, self.no_column, message)

    def _finish(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        project = draft.project
        project.months = [FISCAL_MONTH_ABBRS[index] for index in sorted(draft.months)]
        if not project.name:
            self._error(project.row, self.columns["name"], _("The project has no name."))
        if not draft.budget_read and not draft.budget_bad:
            message = _("The project has no budget; it is read as 0.")
            self._warn(project.row, self.columns["budget"], message)
        if not project.months:
            message = _("No month is marked for this project.")
            self._warn(project.row, self.layout.first_month_column, message)
        self.result.projects.append(project)
        for key in _SUMS:
            self.sums[key] += project.budget

    # --- months -------------------------------------------------------------------------

    def _bars_by_row(self) -> dict[int, list]:
        """Merged ranges starting inside the month block and wider than one column: bars
        drawn across the months, by every row they cover."""
        first, last = self.layout.first_month_column, self.layout.last_month_column
        bars = defaultdict(list)
        for merged in self.ws.merged_cells.ranges:
            if merged.max_col > merged.min_col and first <= merged.min_col <= last:
                for row in range(merged.min_row, merged.max_row + 1):
                    bars[row].append(merged)
        return bars

    def _months(self, row: int) -> tuple[set[int], list[int]]:
        """(fiscal month indexes marked in the row, columns beyond the months with a mark)."""
        months = self.layout.months
        cells = {col: self.ws.cell(row, col) for col in months}
        marked = {months[col] for col, cell in cells.items() if is_mark(cell.value)}
        background = fill_key(self.ws.cell(row, self.name_column))
        marked |= self._shaded(cells, background)
        strays = set()
        for merged in self.bars.get(row, ()):
            columns = range(merged.min_col, merged.max_col + 1)
            marked |= {months[col] for col in columns if col in months}
            strays |= {col for col in columns if col > self.layout.last_month_column}
        for col in range(self.layout.last_month_column + 1, self.width + 1):
            if col in self.layout.headed:
                continue  # a column of the office's own, with its own header
            cell = self.ws.cell(row, col)
            shade = fill_key(cell)
            if is_mark_symbol(cell.value) or (shade is not None and shade != background):
                strays.add(col)
        return marked, sorted(strays)

    def _shaded(self, cells: dict, background: tuple | None) -> set[int]:
        """Months shaded in a colour of their own. A row highlighted as a whole (name cell
        and all twelve months in one colour) marks no month; when the name cell is shaded,
        only months in another colour count, unless no month differs from it."""
        months = self.layout.months
        shaded = {months[col]: key for col, cell in cells.items() if (key := fill_key(cell))}
        if background is None:
            return set(shaded)
        distinct = {index for index, key in shaded.items() if key != background}
        if distinct:
            return distinct
        if len(shaded) == len(months):
            return set()
        return set(shaded)

    # --- reporting ----------------------------------------------------------------------

    def _error(self, row: int, col: int | None, message: str) -> None:
        self.result.errors.append(CellError(self.sheet, row, column_letter(col), message))

    def _warn(self, row: int, col: int | None, message: str) -> None:
        self.result.warnings.append(CellError(self.sheet, row, column_letter(col), message))
