"""Reading a filled project workbook (``read_projects``: errors naming each sheet, row and
column, ``ExcelImportError``), the clashes with the plan's projects (``plan_clashes``) and
the all-or-nothing import (``import_projects``)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from phaen.budget.models import ExpenseCategory
from phaen.core.frozen import FrozenRecordError
from phaen.core.thai import (
    FISCAL_MONTH_ABBRS,
    THAI_MONTH_ABBRS,
    THAI_MONTHS,
    parse_thai_date,
    to_arabic_digits,
)
from phaen.plans import services
from phaen.plans.excel.export import _date_out
from phaen.plans.excel.layout import (
    MONTH_COLUMNS,
    PROJECT_COLUMNS,
    REQUIRED,
    SHEET_ACTIVITIES,
    SHEET_BUDGET,
    SHEET_PROJECTS,
    SHEET_RISKS,
    SHEETS,
)
from phaen.plans.excel.refs import _key, _Refs
from phaen.plans.importers.pd02_result import CellError
from phaen.plans.models import FROZEN_STATES, Activity, AnnualPlan, BudgetLine, Project, Risk


# --- reading ------------------------------------------------------------------------------
class ExcelImportError(Exception):
    """The workbook has errors; ``errors`` (``CellError``) name each sheet, row and column.
    Nothing was saved."""

    def __init__(self, errors: list[CellError]):
        super().__init__("; ".join(str(e) for e in errors[:20]))
        self.errors = errors


@dataclass
class PartRow:
    """An activity, risk or budget line as read: ``fields`` for the model, ``activity`` the
    name of the project's activity a risk or budget line belongs to ("" for the project)."""

    row: int
    fields: dict[str, Any]
    activity: str = ""


@dataclass
class ProjectRow:
    """A project as read from its row, with the parts the other sheets give it. ``fields``
    are the keyword arguments of ``services.project_create``."""

    row: int
    fields: dict[str, Any]
    activities: list[PartRow] = field(default_factory=list)
    risks: list[PartRow] = field(default_factory=list)
    budget_lines: list[PartRow] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.fields["name"]

    @property
    def code(self) -> str:
        return self.fields["code"]

    @property
    def total(self) -> Decimal:
        return sum((line.fields["amount"] for line in self.budget_lines), Decimal(0))

    @property
    def month_labels(self) -> list[str]:
        return [FISCAL_MONTH_ABBRS[m - 1] for m in self.fields["months"]]


def _fiscal_month(calendar_month: int) -> int:
    return (calendar_month - 10) % 12 + 1


_MONTHS = {
    re.sub(r"[\s.]", "", name): _fiscal_month(m)
    for m in range(1, 13)
    for name in (THAI_MONTHS[m], THAI_MONTH_ABBRS[m])
}
_EMPTY = (None, "")


def _empty(value) -> bool:
    return value in _EMPTY or (isinstance(value, str) and not value.strip())


class _Row:
    """One row of a sheet: typed reads of its cells by column key; problems are recorded
    with the sheet, row, column letter and the column's header."""

    def __init__(self, reader: _Reader, title: str, number: int, cells: dict, where: dict):
        self.reader, self.title, self.number = reader, title, number
        self.cells, self.where = cells, where
        self.headers = {k: h for k, h, _w in SHEETS[title]}

    def value(self, key: str):
        cell = self.cells.get(key)
        return None if cell is None or _empty(cell.value) else cell.value

    def error(self, key: str, message: str) -> None:
        letter = get_column_letter(self.where[key] + 1) if key in self.where else ""
        self.reader.errors.append(
            CellError(self.title, self.number, letter, f"{self.headers[key]}: {message}")
        )

    def text(self, key: str, model=None) -> str:
        value = self.value(key)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.date):  # a datetime too
            value = _date_out(value)
        text = str(value).strip()
        limit = getattr(model._meta.get_field(key), "max_length", None) if model else None
        if limit and len(text) > limit:
            self.error(key, _("The text is longer than %(n)s characters.") % {"n": limit})
            return text[:limit]
        return text

    def decimal(self, key: str) -> Decimal | None:
        value = self.value(key)
        if value is None:
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            number = Decimal(to_arabic_digits(str(value)).replace(",", "").strip())
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.error(key, _("“%(value)s” is not a number.") % {"value": value})
            return None
        return number

    def integer(self, key: str, low: int, high: int | None = None, default=None) -> int | None:
        number = self.decimal(key)
        if number is None:
            return default
        if number != number.to_integral_value():
            self.error(key, _("“%(value)s” is not a whole number.") % {"value": number})
            return default
        if number < low or (high is not None and number > high):
            if high is None:
                self.error(key, _("The number cannot be below %(low)s.") % {"low": low})
            else:
                self.error(
                    key,
                    _("The number must be from %(low)s to %(high)s.") % {"low": low, "high": high},
                )
            return default
        return int(number)

    def amount(self, key: str) -> Decimal | None:
        number = self.decimal(key)
        if number is None:
            return None
        if number < 0:
            self.error(key, _("An amount cannot be negative."))
            return None
        if number != number.quantize(Decimal("0.01")) or number >= Decimal(10) ** 14:
            self.error(
                key, _("“%(value)s” is not an amount in baht and satang.") % {"value": number}
            )
            return None
        return number

    def date(self, key: str) -> dt.date | None:
        value = self.value(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            # Excel reads "1/10/2568" typed into a date cell as the year 2568 AD.
            value = _be_date(value) if value.year >= 2400 else value
            if value is None:
                self.error(key, _("This date does not exist."))
            return value
        try:
            if not isinstance(value, str):
                raise ValueError
            return parse_thai_date(value)
        except ValueError:
            self.error(
                key,
                _("“%(value)s” is not a date; type day/month/Buddhist-Era year, e.g. 1/10/2568.")
                % {"value": value},
            )
            return None

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        start, end = self.date("start_date"), self.date("end_date")
        if start and end and end < start:
            self.error("end_date", _("The end date is before the start date."))
        return start, end

    def months(self, key: str = "months") -> list[int]:
        text = re.sub(r"\s*[-–—]\s*", "-", self.text(key))
        found: set[int] = set()
        for token in filter(None, re.split(r"[,;\s]+", text)):
            ends = [_MONTHS.get(re.sub(r"[\s.]", "", part)) for part in token.split("-", 1)]
            if None in ends or (len(ends) == 2 and ends[1] < ends[0]):
                self.error(
                    key,
                    _(
                        "“%(value)s” is not a month or a range of months; use Thai abbreviations "
                        "such as ต.ค., พ.ย. or ต.ค.-ธ.ค."
                    )
                    % {"value": token},
                )
                continue
            found.update(range(ends[0], ends[-1] + 1))
        return sorted(found)

    def ref(self, key: str, names: tuple[str, ...], unknown: str):
        """The one record a code or name refers to (``names``: the lookups tried in turn)."""
        text = self.text(key)
        if not text:
            return None
        for name in names:
            found = self.reader.maps[name].get(_key(text), [])
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                self.error(
                    key, _("“%(value)s” matches more than one; use the code.") % {"value": text}
                )
                return None
        self.error(key, unknown % {"value": text, **self.reader.context})
        return None


def _be_date(value: dt.date) -> dt.date | None:
    try:
        return value.replace(year=value.year - 543)
    except ValueError:  # 29 February of a year that is not a leap year AD
        return None


class _Reader:
    def __init__(self, wb: Workbook, plan: AnnualPlan) -> None:
        self.wb, self.plan, self.errors = wb, plan, []
        self.ref = _Refs(plan)
        self.maps = self.ref.lookups()
        self.context = {
            "org": plan.organization.name_th,
            "year": plan.fiscal_year,
        }

    def rows(self, title: str, required: bool = False):
        """The non-empty rows of a sheet; columns are found by their header text."""
        if title not in self.wb.sheetnames:
            if required:
                self.errors.append(CellError(title, None, "", _("The sheet is missing.")))
            return
        ws, columns = self.wb[title], SHEETS[title]
        by_header = {_key(header): key for key, header, _w in columns}
        where: dict[str, int] = {}
        for cell in ws[1]:
            key = by_header.get(_key(cell.value))
            if key and key not in where:
                where[key] = cell.column - 1
        missing = [
            header for key, header, _w in columns if key in REQUIRED[title] and key not in where
        ]
        for header in missing:
            self.errors.append(
                CellError(
                    title, 1, "", _("The column “%(header)s” is missing.") % {"header": header}
                )
            )
        if missing:
            return
        for row in ws.iter_rows(min_row=2):
            cells = {key: row[i] for key, i in where.items() if i < len(row)}
            if all(_empty(cell.value) for cell in cells.values()):
                continue
            yield _Row(self, title, row[0].row, cells, where)


@dataclass
class _Projects:
    rows: list[ProjectRow] = field(default_factory=list)
    by_code: dict[str, ProjectRow] = field(default_factory=dict)
    by_name: dict[str, list[ProjectRow]] = field(default_factory=lambda: defaultdict(list))
    activities: dict[int, dict[str, PartRow]] = field(default_factory=lambda: defaultdict(dict))

    def find(self, row: _Row) -> ProjectRow | None:
        text = row.text("project")
        named = self.by_name.get(_key(text), [])
        if not text:
            row.error("project", _("Name the project by its code (or its name)."))
        elif _key(text) in self.by_code:
            return self.by_code[_key(text)]
        elif len(named) == 1:
            return named[0]
        elif named:
            row.error(
                "project",
                _("More than one project is named “%(value)s”; use its code.") % {"value": text},
            )
        else:
            row.error(
                "project",
                _("No project on the projects sheet has the code or name “%(value)s”.")
                % {"value": text},
            )
        return None

    def activity(self, row: _Row, project: ProjectRow) -> str:
        """The name of the project's activity this row names ("" for none)."""
        text = row.text("activity")
        if not text:
            return ""
        part = self.activities[id(project)].get(_key(text))
        if part is None:
            row.error(
                "activity",
                _("Project “%(project)s” has no activity “%(value)s” on the activities sheet.")
                % {"project": project.name, "value": text},
            )
            return ""
        return part.fields["name"]


def _strategy(r: _Reader, row: _Row) -> dict[str, Any]:
    issue_no, issue, strategy = row.integer("issue", low=1), None, None
    if issue_no is not None and not r.plan.multi_year_plan_id:
        row.error("issue", _("The plan is not linked to a multi-year plan, so it has no issues."))
    elif issue_no is not None:
        issue = r.ref.issues.get(issue_no)
        if issue is None:
            row.error(
                "issue",
                _("The multi-year plan has no strategic issue %(number)s.") % {"number": issue_no},
            )
    number = row.text("strategy")
    if number and issue is not None:
        strategy = r.ref.strategies.get((issue.number, number))
        if strategy is None:
            row.error(
                "strategy",
                _("Strategic issue %(issue)s has no strategy %(number)s.")
                % {"issue": issue.number, "number": number},
            )
    elif number and row.value("issue") is None:
        row.error("strategy", _("Give the strategic issue this strategy belongs to."))
    return {"issue": issue, "strategy": strategy}


def _read_project_sheet(r: _Reader) -> _Projects:
    projects = _Projects()
    for row in r.rows(SHEET_PROJECTS, required=True):
        start, end = row.dates()
        fields = {
            "code": row.text("code", Project),
            "name": row.text("name", Project),
            **_strategy(r, row),
            "work_plan": row.ref(
                "work_plan",
                ("work_plan",),
                _("“%(value)s” is not a work plan (give its number or name)."),
            ),
            "place": row.text("place", Project),
            "start_date": start,
            "end_date": end,
            "months": row.months(),
            "importance": row.integer("importance", 1, 5, default=3),
            "urgency": row.integer("urgency", 1, 5, default=3),
            "objectives": row.text("objectives"),
            "target_group": row.text("target_group", Project),
            "target_count": row.integer("target_count", 0),
            "responsible_unit": row.ref(
                "unit",
                ("unit_code", "unit"),
                _("No unit of %(org)s has the code or name “%(value)s”."),
            ),
            "owner": row.ref(
                "owner", ("owner",), _("No person of %(org)s has the e-mail or name “%(value)s”.")
            ),
            "other_agency": row.text("other_agency", Project),
            "rationale": row.text("rationale"),
        }
        project = ProjectRow(row.number, fields)
        if not fields["name"]:
            row.error("name", _("The project's name is empty."))
        code = _key(fields["code"])
        if code and code in projects.by_code:
            row.error(
                "code",
                _("Code “%(code)s” is already used on row %(row)s.")
                % {"code": fields["code"], "row": projects.by_code[code].row},
            )
        elif code:
            projects.by_code[code] = project
        if fields["name"]:
            projects.by_name[_key(fields["name"])].append(project)
        projects.rows.append(project)
    if not projects.rows and not r.errors:
        r.errors.append(CellError(SHEET_PROJECTS, 2, "", _("The sheet has no projects.")))
    return projects


def _read_activities(r: _Reader, projects: _Projects) -> None:
    for row in r.rows(SHEET_ACTIVITIES):
        project = projects.find(row)
        start, end = row.dates()
        fields = {
            "name": row.text("name", Activity),
            "method": row.text("method"),
            "start_date": start,
            "end_date": end,
            "months": row.months(),
            "time_place": row.text("time_place", Activity),
            "responsible_position": row.ref(
                "position",
                ("position_number", "position"),
                _("No position of %(org)s has the number or title “%(value)s”."),
            ),
        }
        if not fields["name"]:
            row.error("name", _("The activity's name is empty."))
        if project is None or not fields["name"]:
            continue
        named = projects.activities[id(project)]
        if _key(fields["name"]) in named:
            row.error(
                "name",
                _("The project already has an activity with this name (row %(row)s).")
                % {"row": named[_key(fields["name"])].row},
            )
            continue
        named[_key(fields["name"])] = part = PartRow(row.number, fields)
        project.activities.append(part)


def _read_risks(r: _Reader, projects: _Projects) -> None:
    for row in r.rows(SHEET_RISKS):
        project = projects.find(row)
        fields = {
            "description": row.text("description"),
            "likelihood": row.integer("likelihood", 1, 5, default=3),
            "impact": row.integer("impact", 1, 5, default=3),
            "mitigation": row.text("mitigation"),
            "fallback_plan": row.text("fallback_plan"),
        }
        if not fields["description"]:
            row.error("description", _("The risk is empty."))
        if project is not None:
            project.risks.append(PartRow(row.number, fields, projects.activity(row, project)))


def _monthly_plan(row: _Row, amount: Decimal | None) -> list[str]:
    if all(row.value(key) is None for key in MONTH_COLUMNS):
        return []
    values = [row.amount(key) or Decimal(0) for key in MONTH_COLUMNS]
    total = sum(values, Decimal(0))
    if amount is not None and total != amount:
        row.error(
            "month1",
            _("The months add up to %(total)s, not the amount %(amount)s.")
            % {"total": total, "amount": amount},
        )
    return [str(v.quantize(Decimal("0.01"))) for v in values]


def _category(r: _Reader, row: _Row) -> ExpenseCategory | None:
    text = row.text("category")
    code = text.split()[0].lower() if text else ""
    if code in r.ref.all_categories:
        return r.ref.all_categories[code]
    return row.ref("category", ("category",), _("“%(value)s” is not an expense category."))


def _read_budget(r: _Reader, projects: _Projects) -> None:
    for row in r.rows(SHEET_BUDGET):
        project = projects.find(row)
        amount = row.amount("amount")
        if row.value("amount") is None:
            row.error("amount", _("The amount is empty."))
        fields = {
            "source": row.ref("source", ("source",), _("“%(value)s” is not a budget source.")),
            "category": _category(r, row),
            "appropriation_line": row.ref(
                "appropriation_line",
                ("appropriation_line",),
                _("No appropriation line of %(year)s has the code “%(value)s”."),
            ),
            "description": row.text("description", BudgetLine),
            "amount": amount,
            "monthly_plan": _monthly_plan(row, amount),
        }
        for key in ("source", "category"):
            if fields[key] is None and row.value(key) is None:
                row.error(key, _("This column is required."))
        if project is not None:
            project.budget_lines.append(
                PartRow(row.number, fields, projects.activity(row, project))
            )


def _open(source) -> Workbook:
    if isinstance(source, Workbook):
        return source
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        return load_workbook(source, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ExcelImportError(
            [
                CellError(
                    "", None, "", _("The file is not an Excel workbook (.xlsx) or it is damaged.")
                )
            ]
        ) from None


def read_projects(workbook, plan: AnnualPlan) -> list[ProjectRow]:
    """Read a workbook (a Workbook, a path or a file) in the template's layout. Raises
    ``ExcelImportError`` naming every bad cell; nothing is saved either way."""
    r = _Reader(_open(workbook), plan)
    projects = _read_project_sheet(r)
    _read_activities(r, projects)
    _read_risks(r, projects)
    _read_budget(r, projects)
    if r.errors:
        raise ExcelImportError(r.errors)
    return projects.rows


def plan_clashes(plan: AnnualPlan, rows: list[ProjectRow]) -> list[CellError]:
    """Warnings: rows whose code or name a project of the plan already has (the import adds
    them all the same)."""
    existing = Project.objects.filter(plan=plan).values_list("code", "name")
    codes = {_key(code) for code, _name in existing if code}
    names = {_key(name) for _code, name in existing}
    letters = {k: get_column_letter(i) for i, (k, _h, _w) in enumerate(PROJECT_COLUMNS, 1)}
    warnings = []
    for row in rows:
        if row.code and _key(row.code) in codes:
            message = _("The plan already has a project with the code “%(value)s”.")
            warnings.append(
                CellError(SHEET_PROJECTS, row.row, letters["code"], message % {"value": row.code})
            )
        elif _key(row.name) in names:
            message = _("The plan already has a project named “%(value)s”.")
            warnings.append(
                CellError(SHEET_PROJECTS, row.row, letters["name"], message % {"value": row.name})
            )
    return warnings


# --- saving -------------------------------------------------------------------------------
@transaction.atomic
def import_projects(plan: AnnualPlan, rows: list[ProjectRow], by=None) -> list[Project]:
    """Create the projects read by ``read_projects`` with their activities, risks and budget
    lines through the plan services, all in one transaction (all or nothing)."""
    if plan.state in FROZEN_STATES:
        raise FrozenRecordError(
            _("This plan is approved or announced and cannot be changed; make a new edition.")
        )
    created = []
    for row in rows:
        project = services.project_create(plan=plan, by=by, **row.fields)
        activities = {}
        for order, part in enumerate(row.activities, start=1):
            activity = Activity(project=project, sort_order=order, **part.fields)
            activities[part.fields["name"]] = services.part_save(instance=activity, by=by)
        for model, parts in ((Risk, row.risks), (BudgetLine, row.budget_lines)):
            for part in parts:
                instance = model(
                    project=project, activity=activities.get(part.activity), **part.fields
                )
                services.part_save(instance=instance, by=by)
        created.append(project)
    return created
