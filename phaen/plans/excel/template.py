"""Writing the project workbook: the four sheets with their headers and notes, the sheet of
the values the drop-down lists offer, the validations and the notes sheet;
``template_workbook(plan)`` is the empty template."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from phaen.budget.models import ExpenseCategory
from phaen.organizations.models import Person, Position
from phaen.plans.excel.layout import (
    FONT,
    HEADER_FILL,
    LAST_ROW,
    MONTH_COLUMNS,
    SHEET_LISTS,
    SHEET_NOTES,
    SHEETS,
    TEXT_FORMAT,
    _notes,
)
from phaen.plans.excel.refs import _Refs
from phaen.plans.models import AnnualPlan, Project


# --- writing ------------------------------------------------------------------------------
def _sheet(wb: Workbook, title: str, columns, notes: dict[str, str]):
    ws = wb.create_sheet(title)
    ws.append([header for _key, header, _width in columns])
    for index, (key, _header, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(index)].width = width
        if key in notes:
            cell.comment = Comment(notes[key], "Phaen", width=260, height=90)
    ws.freeze_panes = "A2"
    return ws


def _column(columns, key: str) -> str:
    return get_column_letter(next(i for i, c in enumerate(columns, start=1) if c[0] == key))


def _validate(ws, columns, key: str, **kwargs) -> None:
    dv = DataValidation(allow_blank=True, showErrorMessage=False, **kwargs)
    ws.add_data_validation(dv)
    letter = _column(columns, key)
    dv.add(f"{letter}2:{letter}{LAST_ROW}")


def _text_columns(ws, columns, keys) -> None:
    for key in keys:
        # On the column, not on cells: cells made here would push appended rows down.
        ws.column_dimensions[_column(columns, key)].number_format = TEXT_FORMAT


@dataclass
class _Lists:
    """The values each list column offers: (key, header, values) on the lists sheet."""

    columns: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def add(self, key: str, header: str, values: list[str]) -> None:
        self.columns.append((key, header, values))

    def formula(self, key: str) -> str | None:
        for index, (k, _header, values) in enumerate(self.columns, start=1):
            if k == key and values:
                letter = get_column_letter(index)
                return f"{quote_sheetname(SHEET_LISTS)}!${letter}$2:${letter}${len(values) + 1}"
        return None


def _lists(ref: _Refs) -> _Lists:
    lists = _Lists()
    lists.add("issue", "ประเด็นยุทธศาสตร์", [str(n) for n in ref.issues])
    lists.add("strategy", "กลยุทธ์", sorted({n for _i, n in ref.strategies}))
    lists.add("work_plan", "แผนงาน", [w.name_th for w in ref.work_plan_list])
    lists.add("unit", "หน่วยงาน", [ref.unit_label(u) for u in ref.unit_list])
    lists.add("owner", "ผู้รับผิดชอบ", [_person_label(p) for p in ref.person_list])
    lists.add("position", "ตำแหน่ง", [_position_label(p) for p in ref.position_list])
    lists.add("source", "แหล่งงบประมาณ", [s.name_th for s in ref.source_list])
    lists.add("category", "หมวดรายจ่าย", [_category_label(c) for c in ref.category_list])
    return lists


def _lists_sheet(wb: Workbook, lists: _Lists) -> None:
    ws = _sheet(wb, SHEET_LISTS, [(k, h, 30) for k, h, _v in lists.columns], {})
    for index, (_key, _header, values) in enumerate(lists.columns, start=1):
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=index, value=value)


def _add_validations(wb: Workbook, lists: _Lists) -> None:
    for title, columns in SHEETS.items():
        ws, keys = wb[title], {c[0] for c in columns}
        for key in keys & {"issue", "strategy", "work_plan", "unit", "owner", "position"}:
            if formula := lists.formula(key):
                _validate(ws, columns, key, type="list", formula1=formula)
        for key in keys & {"source", "category"}:
            if formula := lists.formula(key):
                _validate(ws, columns, key, type="list", formula1=formula)
        for key in keys & {"importance", "urgency", "likelihood", "impact"}:
            _validate(
                ws, columns, key, type="whole", operator="between", formula1="1", formula2="5"
            )
        for key in keys & {"amount", *MONTH_COLUMNS}:
            _validate(ws, columns, key, type="decimal", operator="greaterThanOrEqual", formula1="0")
        _text_columns(ws, columns, keys & {"code", "start_date", "end_date", "months", "strategy"})


def _notes_sheet(wb: Workbook, plan: AnnualPlan) -> None:
    ws = wb.create_sheet(SHEET_NOTES)
    ws.column_dimensions["A"].width = 110
    lines = [
        plan.title,
        _(
            "Fill one row per project on the projects sheet, then its activities, risks and "
            "budget lines on their sheets, each naming the project by its code."
        ),
        _(
            "Dates: day/month/Buddhist-Era year, e.g. 1/10/2568. Months: Thai abbreviations "
            "separated by commas, e.g. “ต.ค., พ.ย.”, or a range “ต.ค.-ธ.ค.”."
        ),
        _("Importance, urgency, likelihood and impact run from 1 to 5."),
        _("The sheet “%(sheet)s” lists the values the drop-down lists offer.")
        % {"sheet": SHEET_LISTS},
        _(
            "The import is all or nothing: a file with any error saves nothing, and each error "
            "names its sheet, row and column."
        ),
    ]
    for line in lines:
        ws.append([line])
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    for row in ws.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _workbook(plan: AnnualPlan, projects: list[Project] = (), write_project=None) -> Workbook:
    """The workbook of ``plan``; ``write_project(sheets, ref, project)`` writes each of
    ``projects`` (the export's rows)."""
    ref = _Refs(plan)
    wb = Workbook()
    wb.remove(wb.active)
    notes = _notes()
    sheets = {title: _sheet(wb, title, columns, notes) for title, columns in SHEETS.items()}
    for project in projects:
        write_project(sheets, ref, project)
    lists = _lists(ref)
    _lists_sheet(wb, lists)
    _add_validations(wb, lists)
    _notes_sheet(wb, plan)
    return wb


def template_workbook(plan: AnnualPlan) -> Workbook:
    """An empty workbook in the import layout, its lists filled from the plan's strategic
    plan, the organisation's units, people and positions and the budget reference data."""
    return _workbook(plan)


def _person_label(person: Person) -> str:
    return person.email or f"{person.title_th}{person.first_name_th} {person.last_name_th}"


def _position_label(position: Position) -> str:
    return position.number or position.title_th


def _category_label(category: ExpenseCategory) -> str:
    return f"{category.code} {category.name_th}"
