"""Strategic plans in Excel: a template to fill offline, export and import in one layout.

``tree_to_workbook(tree)`` writes the exchange tree (``strategy.tree``) as sheets;
``workbook_to_tree(workbook)`` reads it back, so Excel → plan → Excel loses nothing
(tested). Errors name the sheet, the row and the column, and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from phaen.strategy import choices as c
from phaen.strategy.tree import QUADRANTS, SWOT_KEYS, number_out

FONT = "Sarabun"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")

PLAN_FIELDS = [  # key, Thai label
    ("organization", "รหัสหน่วยงาน"),
    ("kind", "ประเภทแผน"),
    ("title", "ชื่อแผน"),
    ("start_year", "ปีเริ่มต้น (พ.ศ.)"),
    ("end_year", "ปีสิ้นสุด (พ.ศ.)"),
    ("vision", "วิสัยทัศน์"),
    ("digits", "ตัวเลขในเอกสาร"),
    ("label_issue", "คำเรียกระดับประเด็น"),
    ("label_goal", "คำเรียกระดับเป้าประสงค์"),
    ("label_strategy", "คำเรียกระดับกลยุทธ์"),
    ("weights_total_100", "น้ำหนักตัวชี้วัดต้องรวมเป็น 100"),
]
CHOICES = {
    "kind": c.PlanKind,
    "digits": c.Digits,
    "direction": c.Direction,
    "frequency": c.Frequency,
    "combination": c.Combination,
    "category": c.ProjectCategory,
    "scope": c.SwotScope,
}
IND_COLS = [
    "ประเด็นที่",
    "เลขที่",
    "ตัวชี้วัดหลัก (เลขที่)",
    "ชื่อตัวชี้วัด",
    "หน่วยนับ",
    "ค่าฐาน",
    "ปีฐาน",
    "ทิศทาง",
    "ช่วงเป้าหมายต่ำสุด",
    "ช่วงเป้าหมายสูงสุด",
    "น้ำหนัก (ร้อยละ)",
    "สูตรคำนวณ / วิธีวัด",
    "แหล่งข้อมูล",
    "ผู้จัดเก็บข้อมูล",
    "ความถี่",
    "การรวมค่าแต่ละงวด",
    "การเชื่อมโยง",
]
PROJ_COLS = [
    "ประเด็นที่",
    "กลยุทธ์ (เลขที่)",
    "ชื่อโครงการ",
    "เลขที่",
    "โครงการสำคัญ",
    "ประเภท",
    "แผนงาน (ลำดับ)",
    "วัตถุประสงค์",
    "เป้าหมาย (ผลผลิต)",
    "ตัวชี้วัด (KPI)",
    "ผลที่คาดว่าจะได้รับ",
    "หน่วยงานรับผิดชอบ (รหัส)",
    "การเชื่อมโยง",
]


def _label(kind: str, value: str) -> str:
    choices = CHOICES[kind]
    return str(choices(value).label) if value in choices.values else value


def _sheet(wb: Workbook, title: str, headers: list[str], widths: list[int] | None = None):
    ws = wb.create_sheet(title)
    ws.append(headers)
    for index, cell in enumerate(ws[1], start=1):
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(index)].width = (
            (widths or [])[index - 1] if widths and index <= len(widths) else 18
        )
    ws.freeze_panes = "A2"
    return ws


def _validate(ws, kind: str, column: int) -> None:
    labels = ",".join(str(label) for label in CHOICES[kind].labels)
    if len(labels) < 250:  # Excel's limit for an inline list
        dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"{get_column_letter(column)}2:{get_column_letter(column)}2000")


def _links(codes) -> str:
    return ", ".join(codes or [])


def tree_to_workbook(tree: dict[str, Any]) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    years = list(range(int(tree["start_year"]), int(tree["end_year"]) + 1))
    _plan_sheet(wb, tree)
    for title, key in (("พันธกิจ", "missions"), ("เป้าประสงค์", "objectives")):
        ws = _sheet(wb, title, ["ที่", "ข้อความ"], [6, 90])
        for number, text in enumerate(tree.get(key) or [], start=1):
            ws.append([number, text])
    ws = _sheet(wb, "ประเด็นยุทธศาสตร์", ["ที่", "ชื่อประเด็น", "วัตถุประสงค์", "การเชื่อมโยง"], [6, 60, 60, 30])
    for issue in tree.get("issues") or []:
        ws.append(
            [
                issue["number"],
                issue["title"],
                issue.get("objective", ""),
                _links(issue.get("frameworks")),
            ]
        )
    _indicator_sheets(wb, tree, years)
    ws = _sheet(wb, "กลยุทธ์", ["ประเด็นที่", "เลขที่", "ชื่อกลยุทธ์", "การเชื่อมโยง"], [10, 10, 70, 30])
    for issue in tree.get("issues") or []:
        for s in issue.get("strategies") or []:
            ws.append([issue["number"], s["number"], s["name"], _links(s.get("frameworks"))])
    _project_sheet(wb, tree, years)
    ws = _sheet(wb, "SWOT", ["เรื่อง", "ประเภท", "ข้อความ"], [18, 14, 90])
    _validate(ws, "scope", 1)
    for key, scope in SWOT_KEYS.items():
        for quadrant_key, quadrant in QUADRANTS.items():
            for text in (tree.get(key) or {}).get(quadrant_key) or []:
                ws.append([_label("scope", scope), quadrant, text])
    return wb


def _plan_sheet(wb: Workbook, tree: dict[str, Any]) -> None:
    ws = _sheet(wb, "แผน", ["รายการ", "ค่า"], [34, 90])
    labels = tree.get("labels") or {}
    values = {
        **tree,
        "label_issue": labels.get("issue", ""),
        "label_goal": labels.get("goal", ""),
        "label_strategy": labels.get("strategy", ""),
    }
    for key, label in PLAN_FIELDS:
        value = values.get(key, "")
        if key in CHOICES:
            value = _label(key, value or "")
        elif key == "weights_total_100":
            value = "ใช่" if value else "ไม่ใช่"
        ws.append([label, value])


def _flatten(indicators, issue_number, parent=None):
    for ind in indicators:
        yield issue_number, parent, ind
        yield from _flatten(ind.get("children") or [], issue_number, ind["number"])


def _indicator_sheets(wb: Workbook, tree: dict[str, Any], years: list[int]) -> None:
    ws = _sheet(
        wb,
        "ตัวชี้วัด",
        IND_COLS + [f"เป้าหมาย {y}" for y in years],
        [10, 8, 10, 50] + [14] * (len(IND_COLS) - 4 + len(years)),
    )
    for kind, column in (("direction", 8), ("frequency", 15), ("combination", 16)):
        _validate(ws, kind, column)
    quarters = _sheet(
        wb, "เป้าหมายรายไตรมาส", ["ประเด็นที่", "ตัวชี้วัด (เลขที่)", "ปี (พ.ศ.)", "ไตรมาส", "ค่าเป้าหมาย"]
    )
    criteria = _sheet(
        wb,
        "เกณฑ์การให้คะแนน",
        ["ประเด็นที่", "ตัวชี้วัด (เลขที่)", "ระดับ", "คำอธิบาย", "ค่าที่ถึงระดับนี้"],
        [10, 12, 8, 60, 14],
    )
    for issue in tree.get("issues") or []:
        for number, parent, ind in _flatten(issue.get("indicators") or [], issue["number"]):
            baseline, band = ind.get("baseline") or {}, ind.get("band") or [None, None]
            annual = {
                t["year"]: t["value"] for t in ind.get("targets") or [] if not t.get("quarter")
            }
            ws.append(
                [
                    number,
                    ind["number"],
                    parent,
                    ind["name"],
                    ind.get("unit", ""),
                    baseline.get("value"),
                    baseline.get("year"),
                    _label("direction", ind.get("direction", "higher")),
                    band[0],
                    band[1],
                    ind.get("weight"),
                    ind.get("formula", ""),
                    ind.get("data_source", ""),
                    ind.get("measured_by", ""),
                    _label("frequency", ind.get("frequency", "yearly")),
                    _label("combination", ind.get("combination", "not_cumulative")),
                    _links(ind.get("frameworks")),
                ]
                + [annual.get(y) for y in years]
            )
            for t in ind.get("targets") or []:
                if t.get("quarter"):
                    quarters.append([number, ind["number"], t["year"], t["quarter"], t["value"]])
            for k in ind.get("criteria") or []:
                criteria.append(
                    [number, ind["number"], k["level"], k.get("description", ""), k.get("value")]
                )


def _project_sheet(wb: Workbook, tree: dict[str, Any], years: list[int]) -> None:
    ws = _sheet(
        wb,
        "โครงการ",
        PROJ_COLS + [f"งบประมาณ {y}" for y in years],
        [10, 12, 50] + [16] * (len(PROJ_COLS) - 3 + len(years)),
    )
    _validate(ws, "category", 6)
    for issue in tree.get("issues") or []:
        owned = [
            (s["number"], p) for s in issue.get("strategies") or [] for p in s.get("projects") or []
        ]
        for strategy_number, p in owned + [(None, p) for p in issue.get("projects") or []]:
            budgets = p.get("budgets") or {}
            ws.append(
                [
                    issue["number"],
                    strategy_number,
                    p["name"],
                    p.get("number", ""),
                    "ใช่" if p.get("flagship") else "",
                    _label("category", p.get("category", "own")),
                    p.get("work_plan"),
                    p.get("objectives", ""),
                    p.get("outputs", ""),
                    p.get("kpi", ""),
                    p.get("expected_results", ""),
                    p.get("unit"),
                    _links(p.get("frameworks")),
                ]
                + [budgets.get(str(y)) for y in years]
            )


# --- reading -------------------------------------------------------------------------------
@dataclass
class CellError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.column}{self.row}: {self.message}"


class ExcelImportError(Exception):
    """The workbook has errors; ``errors`` names each sheet, row and column."""

    def __init__(self, errors: list[CellError]):
        super().__init__("; ".join(str(e) for e in errors[:20]))
        self.errors = errors


def _choice_map(kind: str) -> dict[str, str]:
    from django.utils import translation

    mapping = {}
    for lang in ("th", "en"):
        with translation.override(lang):
            mapping.update({str(label).strip(): value for value, label in CHOICES[kind].choices})
    mapping.update({value: value for value in CHOICES[kind].values})
    return mapping


class _Reader:
    def __init__(self, wb: Workbook) -> None:
        self.wb, self.errors = wb, []
        self.choices = {kind: _choice_map(kind) for kind in CHOICES}

    def rows(self, title: str, required: bool = True):
        if title not in self.wb.sheetnames:
            if required:
                self.errors.append(CellError(title, 1, "A", "sheet is missing"))
            return
        ws = self.wb[title]
        self.headers = {ws.title: [str(c.value or "") for c in ws[1]]}
        for row in ws.iter_rows(min_row=2):
            if all(cell.value in (None, "") for cell in row):
                continue
            yield row

    def error(self, cell, message: str) -> None:
        self.errors.append(CellError(cell.parent.title, cell.row, cell.column_letter, message))

    def text(self, cell) -> str:
        return "" if cell.value is None else str(cell.value).strip()

    def number(self, cell, integer: bool = False):
        from phaen.core.thai import to_arabic_digits

        if cell.value in (None, ""):
            return None
        if isinstance(cell.value, bool):
            self.error(cell, "expected a number")
            return None
        try:
            value = Decimal(to_arabic_digits(str(cell.value)).replace(",", "").strip())
        except InvalidOperation:
            self.error(cell, f"“{cell.value}” is not a number")
            return None
        if integer and value != value.to_integral_value():
            self.error(cell, f"“{cell.value}” is not a whole number")
            return None
        return number_out(value)

    def choice(self, cell, kind: str, default: str) -> str:
        text = self.text(cell)
        if not text:
            return default
        if text not in self.choices[kind]:
            self.error(cell, f"“{text}” is not one of: {', '.join(self.choices[kind])}")
            return default
        return self.choices[kind][text]

    def yes(self, cell) -> bool:
        return self.text(cell).lower() in {"ใช่", "yes", "true", "1", "x", "✓"}

    def links(self, cell) -> list[str]:
        return [code.strip() for code in self.text(cell).split(",") if code.strip()]


def _read_plan(r: _Reader) -> dict[str, Any]:
    by_label = {label: key for key, label in PLAN_FIELDS}
    values: dict[str, Any] = {}
    for row in r.rows("แผน"):
        key = by_label.get(r.text(row[0]))
        if key is None:
            r.error(row[0], f"unknown item “{r.text(row[0])}”")
            continue
        cell = row[1]
        if key in CHOICES:
            values[key] = r.choice(cell, key, "")
        elif key in {"start_year", "end_year"}:
            values[key] = r.number(cell, integer=True)
        elif key == "weights_total_100":
            values[key] = r.yes(cell)
        else:
            values[key] = r.text(cell)
    labels = {k: values.pop(f"label_{k}", "") for k in ("issue", "goal", "strategy")}
    return {**values, "labels": labels}


def _read_indicators(r: _Reader, tree, years) -> dict[tuple[int, str], dict]:
    found: dict[tuple[int, str], dict] = {}
    for row in r.rows("ตัวชี้วัด"):
        issue_no, number = r.number(row[0], integer=True), r.text(row[1])
        ind = {
            "number": number,
            "name": r.text(row[3]),
            "unit": r.text(row[4]),
            "baseline": {"value": r.number(row[5]), "year": r.number(row[6], integer=True)},
            "direction": r.choice(row[7], "direction", "higher"),
            "band": [r.number(row[8]), r.number(row[9])],
            "weight": r.number(row[10]),
            "formula": r.text(row[11]),
            "data_source": r.text(row[12]),
            "measured_by": r.text(row[13]),
            "frequency": r.choice(row[14], "frequency", "yearly"),
            "combination": r.choice(row[15], "combination", "not_cumulative"),
            "targets": [
                {"year": y, "quarter": None, "value": r.number(cell)}
                for y, cell in zip(years, row[len(IND_COLS) :], strict=False)
                if cell.value not in (None, "")
            ],
            "criteria": [],
            "frameworks": r.links(row[16]),
            "children": [],
        }
        parent = r.text(row[2])
        target = (
            found.get((issue_no, parent))["children"]
            if parent and (issue_no, parent) in found
            else None
        )
        if parent and target is None:
            r.error(row[2], f"no indicator {parent} above this row in issue {issue_no}")
        elif target is not None:
            target.append(ind)
        elif issue_no not in tree:
            r.error(row[0], f"no issue {issue_no} on the issues sheet")
        else:
            tree[issue_no]["indicators"].append(ind)
        found[(issue_no, number)] = ind
    return found


def _read_indicator_extras(r: _Reader, found) -> None:
    for row in r.rows("เป้าหมายรายไตรมาส", required=False):
        ind = found.get((r.number(row[0], integer=True), r.text(row[1])))
        if ind is None:
            r.error(row[1], "no such indicator on the indicators sheet")
            continue
        ind["targets"].append(
            {
                "year": r.number(row[2], integer=True),
                "quarter": r.number(row[3], integer=True),
                "value": r.number(row[4]),
            }
        )
    for row in r.rows("เกณฑ์การให้คะแนน", required=False):
        ind = found.get((r.number(row[0], integer=True), r.text(row[1])))
        if ind is None:
            r.error(row[1], "no such indicator on the indicators sheet")
            continue
        ind["criteria"].append(
            {
                "level": r.number(row[2], integer=True),
                "description": r.text(row[3]),
                "value": r.number(row[4]),
            }
        )


def _read_projects(r: _Reader, tree, years) -> None:
    for row in r.rows("โครงการ"):
        issue = tree.get(r.number(row[0], integer=True))
        if issue is None:
            r.error(row[0], "no such issue on the issues sheet")
            continue
        project = {
            "name": r.text(row[2]),
            "number": r.text(row[3]),
            "flagship": r.yes(row[4]),
            "category": r.choice(row[5], "category", "own"),
            "work_plan": r.number(row[6], integer=True),
            "objectives": r.text(row[7]),
            "outputs": r.text(row[8]),
            "kpi": r.text(row[9]),
            "expected_results": r.text(row[10]),
            "unit": r.text(row[11]) or None,
            "budgets": {
                str(y): r.number(cell)
                for y, cell in zip(years, row[len(PROJ_COLS) :], strict=False)
                if cell.value not in (None, "")
            },
            "frameworks": r.links(row[12]),
        }
        if not project["name"]:
            r.error(row[2], "the project's name is empty")
        strategy_number = r.text(row[1])
        if not strategy_number:
            issue["projects"].append(project)
            continue
        strategy = next((s for s in issue["strategies"] if s["number"] == strategy_number), None)
        if strategy is None:
            r.error(row[1], f"issue {issue['number']} has no strategy {strategy_number}")
        else:
            strategy["projects"].append(project)


def workbook_to_tree(source) -> dict[str, Any]:
    """Read a workbook (path, file or Workbook) in the template's layout into a tree."""
    wb = source if isinstance(source, Workbook) else load_workbook(source, data_only=True)
    r = _Reader(wb)
    tree = _read_plan(r)
    years = list(range(tree.get("start_year") or 0, (tree.get("end_year") or -1) + 1))
    for title, key in (("พันธกิจ", "missions"), ("เป้าประสงค์", "objectives")):
        tree[key] = [r.text(row[1]) for row in r.rows(title) if r.text(row[1])]
    issues: dict[int, dict] = {}
    for row in r.rows("ประเด็นยุทธศาสตร์"):
        number = r.number(row[0], integer=True)
        issues[number] = {
            "number": number,
            "title": r.text(row[1]),
            "objective": r.text(row[2]),
            "frameworks": r.links(row[3]),
            "indicators": [],
            "strategies": [],
            "projects": [],
        }
    found = _read_indicators(r, issues, years)
    _read_indicator_extras(r, found)
    for row in r.rows("กลยุทธ์"):
        issue = issues.get(r.number(row[0], integer=True))
        if issue is None:
            r.error(row[0], "no such issue on the issues sheet")
            continue
        issue["strategies"].append(
            {
                "number": r.text(row[1]),
                "name": r.text(row[2]),
                "frameworks": r.links(row[3]),
                "projects": [],
            }
        )
    _read_projects(r, issues, years)
    tree["issues"] = list(issues.values())
    scopes, quadrant_keys = _choice_map("scope"), {v: k for k, v in QUADRANTS.items()}
    swot = {key: {q: [] for q in QUADRANTS} for key in SWOT_KEYS}
    for row in r.rows("SWOT", required=False):
        scope = scopes.get(r.text(row[0]), None)
        quadrant = quadrant_keys.get(r.text(row[1]).upper())
        if scope is None or quadrant is None:
            r.error(row[0] if scope is None else row[1], "unknown SWOT scope or type (S, W, O, T)")
            continue
        key = next(k for k, v in SWOT_KEYS.items() if v == scope)
        swot[key][quadrant].append(r.text(row[2]))
    tree.update(swot)
    if r.errors:
        raise ExcelImportError(r.errors)
    return tree


def template_workbook(
    organization_code: str, start_year: int, end_year: int, kind: str = c.PlanKind.STRATEGIC
) -> Workbook:
    """An empty workbook in the import layout, for filling offline."""
    return tree_to_workbook(
        {
            "organization": organization_code,
            "kind": kind,
            "title": "",
            "start_year": start_year,
            "end_year": end_year,
            "issues": [],
        }
    )
