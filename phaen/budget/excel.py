"""Appropriation lines in Excel: a template to fill offline and its reader.

Layout (sheet 1, header in row 1, one line per row from row 2; blank rows are skipped):

=====  ==========================  =================================================
col    heading                     value
=====  ==========================  =================================================
A      แผนงาน                      work plan: a standard work plan's name or number, or
                                   any programme name (kept as text)
B      งาน/โครงการ                 task or project (text, optional)
C      หมวด/ประเภทรายจ่าย           expense type or item: its code (C2.1, L2.2 …) or its
                                   Thai name (งบดำเนินงาน, ค่าวัสดุ …) — required
D      รายการ                      item (text, optional)
E      จำนวนเงิน                   amount in baht: 1,250,000 or ๑,๒๕๐,๐๐๐ — required
=====  ==========================  =================================================

``read_lines`` returns the parsed rows or raises ``ImportRefused`` naming each bad row and
column; nothing is saved by it (``services.lines_import`` saves, all or nothing).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from phaen.budget.models import ExpenseCategory, WorkPlan
from phaen.budget.services import ImportProblem, ImportRefused
from phaen.core.thai import to_arabic_digits

FONT = "Sarabun"
HEADERS = ["แผนงาน", "งาน/โครงการ", "หมวด/ประเภทรายจ่าย", "รายการ", "จำนวนเงิน"]
COLUMNS = {
    key: f"{letter} ({HEADERS[i]})"
    for i, (key, letter) in enumerate(
        [("work_plan", "A"), ("task", "B"), ("category", "C"), ("item", "D"), ("amount", "E")]
    )
}
COLUMNS["programme"] = "A–B (แผนงาน, งาน/โครงการ)"


def template_workbook(scope: str) -> Workbook:
    """An empty sheet with the headings, a sheet of instructions and the expense
    categories of ``scope`` (central or local) with their codes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "รายการงบประมาณ"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(name=FONT, bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
    for letter, width in zip("ABCDE", (36, 36, 28, 40, 18), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    help_sheet = wb.create_sheet("วิธีกรอก")
    for line in (
        "กรอกหนึ่งรายการต่อหนึ่งแถว เริ่มแถวที่ 2 ของแผ่นงานแรก (ห้ามแก้หัวตาราง)",
        "แผนงาน: ชื่อแผนงานมาตรฐาน หรือเลขลำดับแผนงาน หรือชื่อแผนงานอื่น",
        "งาน/โครงการ: ไม่บังคับ",
        "หมวด/ประเภทรายจ่าย: รหัส (เช่น L2.2) หรือชื่อ (เช่น ค่าใช้สอย) ตามแผ่นงาน 'หมวดรายจ่าย' — บังคับ",
        "รายการ: ไม่บังคับ",
        "จำนวนเงิน: ตัวเลข (ใช้ , คั่นหลักได้ ใช้เลขไทยได้) — บังคับ",
        "หากมีแถวใดผิด ระบบจะไม่นำเข้าเลยทั้งไฟล์ และแจ้งแถวและคอลัมน์ที่ต้องแก้",
    ):
        help_sheet.append([line])
    cats = wb.create_sheet("หมวดรายจ่าย")
    cats.append(["รหัส", "ชื่อ", "ประเภท"])
    for category in ExpenseCategory.objects.filter(scope=scope).select_related("parent"):
        cats.append(
            [category.code, category.name_th, category.parent.name_th if category.parent else ""]
        )
    return wb


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _amount(value) -> Decimal:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    text = to_arabic_digits(_text(value)).replace(",", "").replace("บาท", "").strip()
    if not text:
        raise ValueError(_("an amount is required"))
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number") % {"value": _text(value)}) from None
    if amount < 0:
        raise ValueError(_("an amount cannot be negative"))
    return amount


class _Lookups:
    """Expense categories of one scope and the standard work plans, by code, name, number."""

    def __init__(self, scope: str):
        self.categories: dict[str, list] = {}
        for category in ExpenseCategory.objects.filter(scope=scope):
            for key in {category.code.lower(), category.name_th.strip()}:
                self.categories.setdefault(key, []).append(category)
        self.work_plans: dict[str, WorkPlan] = {}
        for plan in WorkPlan.objects.all():
            for key in (str(plan.ordinal), plan.name_th, plan.name_th.removeprefix("แผนงาน")):
                self.work_plans[key.strip()] = plan

    def category(self, value):
        text = _text(value)
        if not text:
            raise ValueError(_("an expense type or item is required"))
        found = self.categories.get(text.lower()) or self.categories.get(text)
        if not found:
            raise ValueError(_("unknown expense type or item “%(value)s”") % {"value": text})
        if len(found) > 1:
            raise ValueError(
                _("“%(value)s” names more than one category; use its code") % {"value": text}
            )
        return found[0]

    def work_plan(self, value):
        text = to_arabic_digits(_text(value))
        return self.work_plans.get(text) or self.work_plans.get(text.removeprefix("แผนงาน"))


def read_lines(file, scope: str) -> list[dict]:
    """Rows of the first sheet as line values, or ``ImportRefused`` naming row and column."""
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError):
        raise ImportRefused(
            [ImportProblem(0, "-", _("The file is not an Excel workbook (.xlsx)."))]
        ) from None
    ws = wb.worksheets[0]
    lookups = _Lookups(scope)
    rows, problems = [], []
    for number, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        values = list(values[:5]) + [None] * (5 - len(values[:5]))
        if all(_text(v) == "" for v in values):
            continue
        plan_text, task, category, item, amount = values
        row = {"row": number, "columns": COLUMNS, "item": _text(item)}
        for key, parse, raw in (
            ("category", lookups.category, category),
            ("amount", _amount, amount),
        ):
            try:
                row[key] = parse(raw)
            except ValueError as exc:
                problems.append(ImportProblem(number, COLUMNS[key], str(exc)))
        work_plan = lookups.work_plan(plan_text)
        row["work_plan"] = work_plan
        parts = [_text(task)] if work_plan else [_text(plan_text), _text(task)]
        row["programme"] = " / ".join(p for p in parts if p)
        rows.append(row)
    wb.close()
    if problems:
        raise ImportRefused(problems)
    if not rows:
        raise ImportRefused([ImportProblem(2, "-", _("The sheet has no lines."))])
    return rows
