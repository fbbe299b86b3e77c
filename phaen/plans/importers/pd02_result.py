"""What reading a ผด.02 workbook gives: projects, errors and warnings naming their cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from phaen.core.thai import FISCAL_MONTH_ABBRS

__all__ = ["CellError", "Pd02Project", "Pd02Result", "budget_json"]


@dataclass(frozen=True)
class CellError:
    """A problem (or, in ``Pd02Result.warnings``, a remark) about one place in the workbook.

    ``row`` is None for a whole sheet and ``column_letter`` is "" for a whole row. The
    message is already translated into the language active when the file was read.
    """

    sheet: str
    row: int | None
    column_letter: str
    message: str

    @property
    def cell(self) -> str:
        """ "D12", "12" for a whole row, "" for a whole sheet."""
        if self.row is None:
            return ""
        return f"{self.column_letter}{self.row}"

    def __str__(self) -> str:
        place = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return f"{place}: {self.message}"

    def to_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column_letter,
            "message": self.message,
        }


def budget_json(amount: Decimal) -> int | float:
    """Baht as JSON wants it: an int when whole, else a float."""
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


@dataclass
class Pd02Project:
    """One project of a ผด.02 sheet, as written: ``strategy`` and ``work_plan`` are the
    heading texts above it without their list numbers ("" when there was none), ``details``
    one entry per line of the รายละเอียด column (continuation rows included), ``months`` Thai
    abbreviations in fiscal order (ต.ค. first). ``sheet`` and ``row`` say where it starts."""

    strategy: str
    work_plan: str
    number: int
    name: str
    details: list[str]
    budget: Decimal
    place: str
    unit: str
    months: list[str]
    sheet: str
    row: int

    @property
    def month_numbers(self) -> list[int]:
        """Fiscal month numbers, 1 = October … 12 = September (as Project.months stores)."""
        return [FISCAL_MONTH_ABBRS.index(month) + 1 for month in self.months]

    def to_dict(self) -> dict:
        return {
            "strategy": self.strategy,
            "work_plan": self.work_plan,
            "name": self.name,
            "details": list(self.details),
            "budget": budget_json(self.budget),
            "place": self.place,
            "unit": self.unit,
            "months": list(self.months),
        }


@dataclass
class Pd02Result:
    """Everything read from a workbook. The import is all-or-nothing: save only when
    ``errors`` is empty. ``sheets`` were read as ผด.02; ``ignored_sheets`` were not (cover
    pages, ผด.01 summaries, hidden copies). ``fiscal_year`` is the Buddhist-Era fiscal year
    the sheets name (or the one the caller gave when they name none)."""

    projects: list[Pd02Project] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    fiscal_year: int | None = None
    sheets: list[str] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def units(self) -> list[str]:
        """The distinct responsible-unit names, in order of first appearance."""
        return list(dict.fromkeys(p.unit for p in self.projects if p.unit))

    @property
    def total_budget(self) -> Decimal:
        return sum((p.budget for p in self.projects), Decimal(0))

    def to_dict(self) -> dict:
        """``{"projects": [...]}`` in the form the import command prints."""
        return {"projects": [project.to_dict() for project in self.projects]}
