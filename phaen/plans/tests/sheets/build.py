"""Builds the ผด.02 test workbooks in this folder (invented content, no real people).

    .venv/bin/python -m phaen.plans.tests.sheets.build

Each ``build_*`` function returns the openpyxl Workbook; the tests parse both the saved
.xlsx files and freshly built workbooks, and check the two agree (so the committed files
cannot drift from this script).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Color, Font, PatternFill, Side

from phaen.core.thai import FISCAL_MONTH_ABBRS

HERE = Path(__file__).resolve().parent

FONT = Font(name="TH SarabunPSK", size=14)
BOLD = Font(name="TH SarabunPSK", size=14, bold=True)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)

ORANGE = PatternFill("solid", fgColor="FFFFC000")
GREY = PatternFill("solid", fgColor="FFD9D9D9")
GREEN = PatternFill("solid", fgColor="FFC6EFCE")
PALE_YELLOW = PatternFill("solid", fgColor="FFFFF2CC")
RED = PatternFill("solid", fgColor="FFFF0000")
BLUE_THEME = PatternFill("solid", fgColor=Color(theme=4, tint=0.3999))  # "Accent 1, lighter"
GREY_THEME = PatternFill("solid", fgColor=Color(theme=0, tint=-0.1499))  # "Background 1, darker"
YELLOW_INDEXED = PatternFill("solid", fgColor=Color(indexed=13))
WHITE_INDEXED = PatternFill("solid", fgColor=Color(indexed=9))
WHITE = PatternFill("solid", fgColor="FFFFFFFF")

STANDARD_LABELS = (
    "ที่",
    "โครงการ",
    "รายละเอียดของกิจกรรม\nที่เกิดขึ้นจากโครงการ",
    "งบประมาณ\n(บาท)",
    "สถานที่\nดำเนินการ",
    "หน่วยงาน\nรับผิดชอบหลัก",
)
MONTH_COLUMN = 7  # G: the first month column after the six columns of the form


def month_column(abbr: str) -> int:
    return MONTH_COLUMN + FISCAL_MONTH_ABBRS.index(abbr)


class SheetWriter:
    """Writes a ผด.02 sheet from the top down, the way an office lays one out."""

    def __init__(self, ws, width: int = 18) -> None:
        self.ws, self.width, self.row = ws, width, 0
        widths = {"A": 5, "B": 34, "C": 34, "D": 12, "E": 18, "F": 16}
        for letter, value in widths.items():
            ws.column_dimensions[letter].width = value

    def line(self, text: str, *, bold: bool = False, merge: bool = True, col: int = 1) -> int:
        """A title, linkage or heading row: text in ``col``, merged across the table."""
        self.row += 1
        cell = self.ws.cell(self.row, col, text)
        cell.font = BOLD if bold else FONT
        if merge:
            self.ws.merge_cells(
                start_row=self.row, start_column=col, end_row=self.row, end_column=self.width
            )
        return self.row

    def header(
        self,
        *,
        years: tuple[str, str] | None = ("พ.ศ. 2567", "พ.ศ. 2568"),
        months: tuple[str, ...] = FISCAL_MONTH_ABBRS,
        labels: tuple[str, ...] = STANDARD_LABELS,
        merge_years: bool = True,
        extra: tuple[str, ...] = (),
    ) -> int:
        """The two-row header: labels merged over both rows, the years over the months."""
        top = self.row + 1
        bottom = top + 1
        for col, label in enumerate(labels, 1):
            self._boxed(top, col, label, bold=True)
            self.ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
        if years:
            for text, first, last in ((years[0], 0, 2), (years[1], 3, 11)):
                self._boxed(top, MONTH_COLUMN + first, text, bold=True)
                if merge_years:
                    self.ws.merge_cells(
                        start_row=top,
                        start_column=MONTH_COLUMN + first,
                        end_row=top,
                        end_column=MONTH_COLUMN + last,
                    )
        for i, month in enumerate(months):
            self._boxed(bottom, MONTH_COLUMN + i, month, bold=True)
        for i, label in enumerate(extra):
            col = MONTH_COLUMN + 12 + i
            self._boxed(top, col, label, bold=True)
            self.ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
        self.row = bottom
        return top

    def project(
        self,
        no=None,
        name=None,
        details=None,
        budget=None,
        place=None,
        unit=None,
        *,
        marks: dict[str, object] | None = None,
        fills: dict[str, PatternFill] | None = None,
        bar: tuple[str, str, str | None] | None = None,
        bar_rows: int = 1,
        row_fill: PatternFill | None = None,
        cells: dict[int, object] | None = None,
    ) -> int:
        """One row of the table (a project's first row, or a continuation row when ``no``
        is None). ``marks`` writes characters in month cells, ``fills`` shades them, ``bar``
        (first month, last month, text) merges the month cells into a bar."""
        self.row += 1
        row = self.row
        for col in range(1, MONTH_COLUMN + 12):
            self._boxed(row, col, None)
            if row_fill is not None:
                self.ws.cell(row, col).fill = row_fill
        for col, value in enumerate((no, name, details, budget, place, unit), 1):
            if value is not None:
                self.ws.cell(row, col).value = value
        self.ws.cell(row, 4).number_format = "#,##0"
        for month, value in (marks or {}).items():
            self.ws.cell(row, month_column(month)).value = value
        for month, fill in (fills or {}).items():
            self.ws.cell(row, month_column(month)).fill = fill
        if bar is not None:
            first, last, text = bar
            self.ws.cell(row, month_column(first)).value = text
            self.ws.merge_cells(
                start_row=row,
                start_column=month_column(first),
                end_row=row + bar_rows - 1,
                end_column=month_column(last),
            )
        for col, value in (cells or {}).items():
            self.ws.cell(row, col).value = value
        return row

    def _boxed(self, row: int, col: int, value, *, bold: bool = False) -> None:
        cell = self.ws.cell(row, col)
        if value is not None:
            cell.value = value
        cell.font = BOLD if bold else FONT
        cell.border = BOX
        cell.alignment = CENTER if bold else WRAP


def _fills(fill: PatternFill, *months: str) -> dict[str, PatternFill]:
    return dict.fromkeys(months, fill)


def _sheet(title: str = "ผด.02") -> tuple[Workbook, SheetWriter]:
    book = Workbook()
    ws = book.active
    ws.title = title
    return book, SheetWriter(ws)


# --- 1. A subdistrict administration's sheet, months shaded ---------------------------------


def build_sao_shaded() -> Workbook:
    """อบต.ดอนทรายทอง, FY 2568: title and linkage rows, merged two-row header repeated on
    a second "page", 2 strategies × 2 work plans, multi-row details and a name continued on
    the next row, months shaded (RGB, theme and grey fills; one row highlighted as a whole
    with its months in red)."""
    book, w = _sheet()
    w.line("บัญชีโครงการ/กิจกรรม/งบประมาณ", bold=True)
    w.line("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568", bold=True)
    w.line("องค์การบริหารส่วนตำบลดอนทรายทอง อำเภอโนนสูง จังหวัดนครราชสีมา", bold=True)
    w.line("ก. ยุทธศาสตร์จังหวัดที่ 1 การพัฒนาโครงสร้างพื้นฐานและระบบโลจิสติกส์")
    w.line("ข. ยุทธศาสตร์การพัฒนาของ อปท. ในเขตจังหวัดที่ 1 การพัฒนาโครงสร้างพื้นฐาน")
    w.header()
    w.line("1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", bold=True)
    w.line("1.1 แผนงานเคหะและชุมชน", bold=True)
    w.project(
        1,
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก",
        "ก่อสร้างถนน คสล. ขนาดกว้าง 5 เมตร",
        480000,
        "บ้านดอนทราย หมู่ที่ 3",
        "กองช่าง",
        fills=_fills(ORANGE, "ม.ค.", "ก.พ.", "มี.ค."),
    )
    w.project(name="สายบ้านดอนทราย - บ้านหนองแวง", details="ยาว 200 เมตร หนา 0.15 เมตร")
    w.project(details="หรือมีพื้นที่ไม่น้อยกว่า 1,000 ตารางเมตร")
    w.project(
        2,
        "โครงการวางท่อระบายน้ำ คสล. ภายในหมู่บ้านหนองแวง",
        "วางท่อระบายน้ำ คสล. ขนาด 0.40 เมตร\nพร้อมบ่อพัก ยาว 120 เมตร",
        350000,
        "บ้านหนองแวง หมู่ที่ 5",
        "กองช่าง",
        fills=_fills(BLUE_THEME, "ก.พ.", "มี.ค.", "เม.ย."),
    )
    w.line("1.2 แผนงานอุตสาหกรรมและการโยธา", bold=True)
    w.project(
        1,
        "โครงการปรับปรุงถนนลูกรังสายบ้านโคกสว่าง",
        "- ลงหินคลุกปรับเกรดผิวจราจร กว้าง 4 เมตร ยาว 850 เมตร",
        150000,
        "บ้านโคกสว่าง หมู่ที่ 7",
        "กองช่าง",
        fills=_fills(GREY, "พ.ย.", "ธ.ค."),
    )
    w.project(details="- ติดตั้งป้ายโครงการ 1 ป้าย")
    w.project(
        2,
        "โครงการขยายเขตไฟฟ้าแรงต่ำ",
        "อุดหนุนการไฟฟ้าส่วนภูมิภาคอำเภอโนนสูง",
        250000,
        "บ้านหนองบัว หมู่ที่ 2",
        "กองช่าง",
        fills=_fills(GREY_THEME, "ธ.ค."),
    )
    # The second printed page: linkage rows and the header again.
    w.line("ก. ยุทธศาสตร์จังหวัดที่ 3 การพัฒนาคุณภาพชีวิตและสังคม")
    w.line("ข. ยุทธศาสตร์การพัฒนาของ อปท. ในเขตจังหวัดที่ 4 การพัฒนาคน สังคม และคุณภาพชีวิต")
    w.header()
    w.line("2. ยุทธศาสตร์การพัฒนาด้านคุณภาพชีวิต", bold=True)
    w.line("2.1 แผนงานการศึกษา", bold=True)
    w.project(
        1,
        "โครงการอาหารกลางวันศูนย์พัฒนาเด็กเล็ก",
        "จัดจ้างทำอาหารกลางวันสำหรับเด็กเล็ก\nจำนวน 45 คน อัตรามื้อละ 21 บาท",
        231525,
        "ศูนย์พัฒนาเด็กเล็ก อบต.ดอนทรายทอง",
        "กองการศึกษา ศาสนา และวัฒนธรรม",
        fills=_fills(GREEN, *FISCAL_MONTH_ABBRS),
    )
    w.project(details="จำนวน 245 วัน")
    w.project(
        2,
        "โครงการแข่งขันกีฬาเยาวชนต้านยาเสพติด",
        "จัดการแข่งขันฟุตบอล วอลเลย์บอล\nสำหรับเยาวชนในตำบล 12 หมู่บ้าน",
        80000,
        "สนามกีฬา อบต.ดอนทรายทอง",
        "กองการศึกษา ศาสนา และวัฒนธรรม",
        fills=_fills(ORANGE, "มี.ค.", "เม.ย."),
    )
    w.line("2.2 แผนงานสาธารณสุข", bold=True)
    w.project(
        1,
        "โครงการป้องกันและควบคุมโรคไข้เลือดออก",
        "พ่นหมอกควันกำจัดยุงลาย\nแจกทรายอะเบททุกครัวเรือน",
        60000,
        "หมู่ที่ 1 - 12",
        "สำนักปลัด",
        row_fill=PALE_YELLOW,
        fills=_fills(RED, "พ.ค.", "มิ.ย.", "ก.ค."),
    )
    w.project(details="ให้ความรู้แก่ประชาชน")
    w.project(
        2,
        "โครงการตรวจคัดกรองสุขภาพผู้สูงอายุ",
        "ตรวจวัดความดันและเบาหวาน",
        25000,
        "ศาลาประชาคมหมู่บ้าน",
        "สำนักปลัด",
        row_fill=PALE_YELLOW,  # the whole row highlighted: its months are not marked
    )
    return book


# --- 2. Marks, Thai digits and numbers typed as text ---------------------------------------


def build_thai_digits_marks() -> Workbook:
    """อบต.ห้วยน้ำใส, FY 2569 written in Thai digits; months without dots ("ตค"), marked
    with "/", "✓", "x", "•", "*", "✔" ("-" is not a mark); budgets typed as text
    ("๑๒๐,๐๐๐", "๓๕,๕๐๐ บาท", "-", "๕๐,๐๐๐.-", "๑๒,๓๔๕.๕๐"); header words with line
    breaks and without "หลัก"; zero-width spaces and NBSP in the text."""
    book, w = _sheet("แผนการดำเนินงาน")
    w.line("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๙", bold=True)
    w.line("องค์การบริหารส่วนตำบลห้วยน้ำใส", bold=True)
    w.header(
        years=("พ.ศ. ๒๕๖๘", "พ.ศ. ๒๕๖๙"),
        months=tuple(m.replace(".", "") for m in FISCAL_MONTH_ABBRS),
        labels=(
            " ที่ ",
            "โครงการ",
            "รายละเอียดของกิจกรรม ที่เกิดขึ้น\nจากโครงการ",
            "งบประมาณ",
            "สถานที่ดำเนินการ",
            "หน่วยงาน\nรับผิดชอบ",
        ),
    )
    w.line("ยุทธศาสตร์ที่ ๓ การพัฒนาด้านสาธารณสุขและสิ่งแวดล้อม", merge=False)
    w.line("๓.๑ แผนงานสาธารณสุข", merge=False)
    w.project(
        "๑",
        "โครงการจัดซื้อวัสดุวิทยาศาสตร์หรือการแพทย์",
        "จัดซื้อทรายอะเบทและน้ำยาพ่นหมอกควัน",
        "๑๒๐,๐๐๐",
        "ทั้ง ๑๒ หมู่บ้าน",
        "สำนักปลัด",
        marks={"ต.ค.": "/", "พ.ย.": "/", "ธ.ค.": "/"},
    )
    w.project(
        "๒.",
        "โครงการสัตว์ปลอดโรค\u200b คนปลอดภัย จากโรคพิษสุนัขบ้า",
        "ฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า\u00a0สุนัขและแมว",
        "๓๕,๕๐๐ บาท",
        "หมู่ที่ ๑ - ๑๒",
        "  สำนักปลัด\u200b ",
        marks={"มี.ค.": "✓", "เม.ย.": "x", "พ.ค.": "-"},
    )
    w.project(
        "3",
        "โครงการอบรมอาสาสมัครสาธารณสุขประจำหมู่บ้าน",
        None,
        "-",
        "ห้องประชุม อบต.ห้วยน้ำใส",
        "สำนักปลัด",
        marks={"ก.ค.": "•", "ส.ค.": "*"},
    )
    w.project(details="อบรม อสม. จำนวน ๑๒๐ คน")
    w.line("๓.๒ แผนงานเคหะและชุมชน", merge=False)
    w.project(
        "๑",
        "โครงการจัดการขยะมูลฝอยชุมชน",
        "คัดแยกขยะต้นทาง\n- จัดหาถังขยะอินทรีย์\n- รณรงค์ลดขยะในครัวเรือน",
        "๕๐,๐๐๐.-",
        "ทุกหมู่บ้าน",
        "กองสาธารณสุขและสิ่งแวดล้อม",
        marks=dict.fromkeys(("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย."), "/"),
    )
    w.project(
        "๒",
        "โครงการอบรมการคัดแยกขยะ",
        "อบรมแกนนำชุมชน",
        "๑๒,๓๔๕.๕๐",
        "ศาลาประชาคม หมู่ที่ ๔",
        "กองสาธารณสุขและสิ่งแวดล้อม",
        marks={"ส.ค.": "✔"},
    )
    return book


# --- 3. Bars of merged cells, totals, an unmerged year row ----------------------------------


def build_bars_totals() -> Workbook:
    """อบต.โคกสำราญ, FY 2568: months as bars of merged cells (with an arrow or empty),
    year cells not merged, months "ต.ค" without the last dot, a "(1) (2) …" row under the
    header, an office column "หมายเหตุ", headings typed in the โครงการ column, a numbered
    work-plan heading, "รวม" rows (one wrong), and a signature block."""
    book, w = _sheet()
    w.width = 19
    w.line("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568", bold=True)
    w.line("องค์การบริหารส่วนตำบลโคกสำราญ", bold=True)
    w.header(
        merge_years=False,
        months=tuple(m.rstrip(".") for m in FISCAL_MONTH_ABBRS),
        extra=("หมายเหตุ",),
    )
    w.row += 1
    for col in range(1, 20):
        w.ws.cell(w.row, col, f"({col})")
    w.project(name="ยุทธศาสตร์ที่ 2 การพัฒนาด้านเศรษฐกิจ")
    w.project(name="แผนงานการเกษตร")
    w.project(
        1,
        "โครงการส่งเสริมการปลูกผักปลอดสารพิษ",
        "อบรมและแจกเมล็ดพันธุ์ผัก",
        30000,
        "หมู่ที่ 4",
        "สำนักปลัด",
        bar=("ม.ค.", "มี.ค.", "<------->"),
        cells={19: "ต่อเนื่องจากปี 2567"},
    )
    w.project(
        2,
        "โครงการส่งเสริมอาชีพการเลี้ยงโคเนื้อ",
        "อบรมการเลี้ยงและการทำอาหารสัตว์",
        45000,
        "หมู่ที่ 6",
        "สำนักปลัด",
        bar=("ต.ค.", "พ.ย.", None),
    )
    w.project(name="รวม 2 โครงการ", budget=75000)
    w.project(1, "แผนงานสร้างความเข้มแข็งของชุมชน")
    w.project(
        1,
        "โครงการจัดทำแผนชุมชน",
        "ประชุมประชาคมหมู่บ้าน",
        20000,
        "ทุกหมู่บ้าน",
        "สำนักปลัด",
        bar=("ก.ค.", "ก.ย.", "<---->"),
        bar_rows=2,
    )
    w.project(details="และประชาคมตำบล")
    w.project(
        2,
        "โครงการส่งเสริมกลุ่มสตรีแม่บ้าน",
        "ฝึกอบรมอาชีพแปรรูปอาหาร",
        25000,
        "หมู่ที่ 2",
        "สำนักปลัด",
        bar=("มี.ค.", "พ.ค.", None),
    )
    w.project(name="รวม", budget=40000)
    w.project(name="รวมทั้งสิ้น", budget=120000)
    w.row += 1
    w.line("ลงชื่อ ................................ ผู้จัดทำ", merge=False, col=2)
    w.line("(................................)", merge=False, col=2)
    w.line("ตำแหน่ง นักวิเคราะห์นโยบายและแผน", merge=False, col=2)
    return book


# --- 4. A sheet with errors -----------------------------------------------------------------


def build_with_errors() -> Workbook:
    """FY 2568 with: a project before any heading, a budget "หนึ่งแสน", a project without a
    name, a month marked in an unheaded column right of ก.ย., a budget formula Excel never
    calculated, a second budget on a continuation row and a stray row with no project
    above it."""
    book, w = _sheet()
    w.line("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568", bold=True)
    w.line("องค์การบริหารส่วนตำบลหนองสะแก", bold=True)
    w.header()
    w.project(
        1,
        "โครงการซ่อมแซมถนนลูกรังเพื่อการเกษตร",
        "ซ่อมแซมผิวจราจร",
        "หนึ่งแสน",
        "หมู่ที่ 1",
        "กองช่าง",
        marks={"ต.ค.": "/"},
    )
    w.line("ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน", bold=True)
    w.line("แผนงานเคหะและชุมชน", bold=True)
    w.project(2, None, "ซ่อมแซมท่อประปาหมู่บ้าน", 20000, "หมู่ที่ 2", "กองช่าง", marks={"พ.ย.": "/"})
    w.project(
        3,
        "โครงการขุดลอกคลองส่งน้ำ",
        "ขุดลอกคลอง ยาว 1,200 เมตร",
        90000,
        "หมู่ที่ 3",
        "กองช่าง",
        marks={"ธ.ค.": "/"},
        cells={19: "/"},
    )
    w.project(
        4,
        "โครงการติดตั้งไฟกิ่งสาธารณะ",
        "ติดตั้งโคมไฟ 15 จุด",
        "=40000+5000",
        "หมู่ที่ 4",
        "กองช่าง",
        marks={"ม.ค.": "/"},
    )
    w.project(
        5,
        "โครงการก่อสร้างรางระบายน้ำ",
        "รางระบายน้ำ คสล. ยาว 80 เมตร",
        60000,
        "หมู่ที่ 5",
        "กองช่าง",
        marks={"ก.พ.": "/"},
    )
    w.project(details="พร้อมฝาปิด", budget=15000)
    w.line("แผนงานการศึกษา", bold=True)
    w.project(details="ข้อความที่ไม่มีโครงการกำกับ")
    return book


# --- 5. A cover page first, the ผด.02 on the second sheet -----------------------------------


def build_cover_second_sheet() -> Workbook:
    """Sheets: a cover page, the ผด.02 (indexed and white fills), a ผด.01 summary and a
    hidden old copy of the ผด.02; only the second sheet is read."""
    book = Workbook()
    cover = book.active
    cover.title = "ปก"
    cover["B10"] = "แผนการดำเนินงาน\nประจำปีงบประมาณ พ.ศ. 2568"
    cover["B12"] = "องค์การบริหารส่วนตำบลบึงสามัคคี"
    cover["B13"] = "อำเภอวังทอง จังหวัดพิษณุโลก"
    cover["B10"].font = Font(name="TH SarabunPSK", size=28, bold=True)

    w = SheetWriter(book.create_sheet("ผด.02"))
    _cover_book_pd02(w)

    summary = book.create_sheet("ผด.01")
    summary.append(["บัญชีสรุปจำนวนโครงการและงบประมาณ"])
    summary.append(
        [
            "ยุทธศาสตร์/แผนงาน",
            "จำนวนโครงการที่ดำเนินการ",
            "คิดเป็นร้อยละของโครงการทั้งหมด",
            "จำนวนงบประมาณ",
            "คิดเป็นร้อยละของงบประมาณทั้งหมด",
            "หน่วยดำเนินการ",
        ]
    )
    summary.append(["1.1 แผนงานเคหะและชุมชน", 2, 100, 650000, 100, "กองช่าง"])

    old = SheetWriter(book.create_sheet("ผด.02 (ร่างเดิม)"))
    old.header()
    old.line("1.1 แผนงานเคหะและชุมชน")
    old.project(1, "โครงการที่ยกเลิกแล้ว", None, 10000, "หมู่ที่ 1", "กองช่าง", marks={"ต.ค.": "/"})
    old.ws.sheet_state = "hidden"
    return book


def _cover_book_pd02(w: SheetWriter) -> None:
    w.line("บัญชีโครงการ/กิจกรรม/งบประมาณ", bold=True)
    w.line("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568", bold=True)
    w.line("องค์การบริหารส่วนตำบลบึงสามัคคี", bold=True)
    w.header(
        labels=(
            "ที่",
            "โครงการ",
            "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ",
            "งบประมาณ (บาท)",
            "สถานที่ดำเนินการ",
            "หน่วยงานรับผิดชอบหลัก",
        )
    )
    w.line("ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน", bold=True)
    w.line("1.1 แผนงานเคหะและชุมชน", bold=True)
    w.project(
        1,
        "โครงการขยายเขตระบบประปาหมู่บ้าน หมู่ที่ 8",
        "วางท่อ PVC ขนาด 2 นิ้ว ยาว 1,500 เมตร",
        400000,
        "บ้านหนองปลาไหล หมู่ที่ 8",
        "กองช่าง",
        fills={
            **_fills(YELLOW_INDEXED, "เม.ย.", "พ.ค."),
            **_fills(WHITE_INDEXED, "มิ.ย."),
            **_fills(WHITE, "ก.ค."),
        },
    )
    w.project(
        2,
        "โครงการเจาะบ่อบาดาลเพื่อการเกษตร",
        "เจาะบ่อบาดาลขนาด 6 นิ้ว ลึก 60 เมตร",
        250000,
        "บ้านบึงใหญ่ หมู่ที่ 1",
        "กองช่าง",
        fills=_fills(YELLOW_INDEXED, "มิ.ย."),
    )
    w.line("ยุทธศาสตร์ที่ 2 การพัฒนาด้านการศึกษา", bold=True)
    w.line("2.1 แผนงานการศึกษา", bold=True)
    w.project(
        1,
        "โครงการจัดซื้อสื่อการเรียนการสอน",
        "จัดซื้อสื่อสำหรับศูนย์พัฒนาเด็กเล็ก",
        "35,000",
        "ศูนย์พัฒนาเด็กเล็กบ้านบึงใหญ่",
        "กองการศึกษาฯ",
        fills=_fills(YELLOW_INDEXED, "พ.ย."),
    )


BUILDERS = {
    "pd02_sao_shaded.xlsx": build_sao_shaded,
    "pd02_thai_digits_marks.xlsx": build_thai_digits_marks,
    "pd02_bars_totals.xlsx": build_bars_totals,
    "pd02_with_errors.xlsx": build_with_errors,
    "pd02_cover_second_sheet.xlsx": build_cover_second_sheet,
}


def main() -> None:
    for filename, build in BUILDERS.items():
        build().save(HERE / filename)
        print(HERE / filename)


if __name__ == "__main__":
    main()
