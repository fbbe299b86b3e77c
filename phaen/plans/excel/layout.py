"""The layout of the project workbook: its sheets and their columns (key, header, width),
the required columns and the header notes. The header text is the layout: the reader finds
columns by it."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.styles import PatternFill

from phaen.core.thai import FISCAL_MONTH_ABBRS

FONT = "Sarabun"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
LAST_ROW = 2000  # data validation reaches this row

SHEET_PROJECTS = "โครงการ"
SHEET_ACTIVITIES = "กิจกรรม"
SHEET_RISKS = "ความเสี่ยง"
SHEET_BUDGET = "งบประมาณ"
SHEET_LISTS = "รายการให้เลือก"
SHEET_NOTES = "คำอธิบาย"

# (key, header, width). The header text is the layout: the reader finds columns by it.
PROJECT_COLUMNS = [
    ("code", "รหัสโครงการ", 12),
    ("name", "ชื่อโครงการ", 40),
    ("issue", "ประเด็นยุทธศาสตร์ที่", 12),
    ("strategy", "กลยุทธ์ที่", 10),
    ("work_plan", "แผนงาน (ลำดับหรือชื่อ)", 28),
    ("place", "สถานที่ดำเนินการ", 24),
    ("start_date", "วันเริ่มต้น (ว/ด/ป พ.ศ.)", 14),
    ("end_date", "วันสิ้นสุด (ว/ด/ป พ.ศ.)", 14),
    ("months", "เดือนที่ดำเนินการ", 22),
    ("importance", "ความสำคัญ (1–5)", 10),
    ("urgency", "ความเร่งด่วน (1–5)", 10),
    ("objectives", "วัตถุประสงค์", 40),
    ("target_group", "กลุ่มเป้าหมาย", 24),
    ("target_count", "จำนวนกลุ่มเป้าหมาย", 12),
    ("unit", "หน่วยงานรับผิดชอบ (รหัสหรือชื่อ)", 26),
    ("owner", "ผู้รับผิดชอบโครงการ (อีเมลหรือชื่อ)", 26),
    ("other_agency", "หน่วยงานอื่นที่ดำเนินการ", 22),
    ("rationale", "หลักการและเหตุผล", 40),
]
PROJECT_KEY_HEADER = "โครงการ (รหัสหรือชื่อ)"
ACTIVITY_KEY_HEADER = "กิจกรรม (ถ้ามี)"
ACTIVITY_COLUMNS = [
    ("project", PROJECT_KEY_HEADER, 20),
    ("name", "ชื่อกิจกรรม", 40),
    ("method", "วิธีดำเนินการ", 36),
    ("start_date", "วันเริ่มต้น (ว/ด/ป พ.ศ.)", 14),
    ("end_date", "วันสิ้นสุด (ว/ด/ป พ.ศ.)", 14),
    ("months", "เดือนที่ดำเนินการ", 22),
    ("time_place", "เวลาและสถานที่", 24),
    ("position", "ตำแหน่งผู้รับผิดชอบ (เลขที่หรือชื่อตำแหน่ง)", 28),
]
RISK_COLUMNS = [
    ("project", PROJECT_KEY_HEADER, 20),
    ("activity", ACTIVITY_KEY_HEADER, 28),
    ("description", "ความเสี่ยง", 40),
    ("likelihood", "โอกาสเกิด (1–5)", 10),
    ("impact", "ผลกระทบ (1–5)", 10),
    ("mitigation", "การจัดการความเสี่ยง", 36),
    ("fallback_plan", "แผนสำรอง", 36),
]
BUDGET_COLUMNS = [
    ("project", PROJECT_KEY_HEADER, 20),
    ("activity", ACTIVITY_KEY_HEADER, 28),
    ("source", "แหล่งงบประมาณ (รหัสหรือชื่อ)", 28),
    ("category", "หมวดรายจ่าย (รหัสหรือชื่อ)", 28),
    ("appropriation_line", "รหัสงบประมาณที่ได้รับจัดสรร (ถ้ามี)", 18),
    ("description", "รายการ", 30),
    ("amount", "จำนวนเงิน (บาท)", 14),
] + [(f"month{n}", abbr, 10) for n, abbr in enumerate(FISCAL_MONTH_ABBRS, start=1)]

SHEETS = {
    SHEET_PROJECTS: PROJECT_COLUMNS,
    SHEET_ACTIVITIES: ACTIVITY_COLUMNS,
    SHEET_RISKS: RISK_COLUMNS,
    SHEET_BUDGET: BUDGET_COLUMNS,
}
REQUIRED = {
    SHEET_PROJECTS: ("name",),
    SHEET_ACTIVITIES: ("project", "name"),
    SHEET_RISKS: ("project", "description"),
    SHEET_BUDGET: ("project", "source", "category", "amount"),
}
DATE_COLUMNS = ("start_date", "end_date")
MONTH_COLUMNS = [f"month{n}" for n in range(1, 13)]
TEXT_FORMAT = "@"  # keeps "1/10/2567" and codes as typed instead of Excel's guesses


def _notes() -> dict[str, str]:
    """Header notes (cell comments) for the columns with a format to follow."""
    return {
        "start_date": _("Day/month/Buddhist-Era year, e.g. 1/10/2568."),
        "end_date": _("Day/month/Buddhist-Era year, e.g. 30/9/2569."),
        "months": _("Thai month abbreviations, e.g. “ต.ค., พ.ย.” or a range “ต.ค.-ธ.ค.”."),
        "code": _("Activities, risks and budget lines refer to the project by this code."),
        "project": _("The code of a project on the projects sheet (or its name)."),
        "activity": _("Optional: the name of one of the project's activities."),
        "issue": _("The number of a strategic issue of the plan's multi-year plan."),
        "strategy": _("The number of a strategy of that issue."),
        "amount": _("In baht. The twelve month columns, if filled, must add up to it."),
        "appropriation_line": _("Optional: the budget code of a line of this year's allocation."),
    }
