"""Reading single cells of the Excel sheets offices keep: clean text, numbers typed in
every way people type them, and whether a month cell is marked (by a character or by
shading). Pure functions over openpyxl cells; no Django models."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.styles.fills import GradientFill

from phaen.core.thai import to_arabic_digits
from phaen.strategy.importers.text import clean_line

__all__ = [
    "BudgetValue",
    "cell_text",
    "compact",
    "fill_key",
    "is_formula",
    "is_mark",
    "is_mark_symbol",
    "parse_budget",
    "sequence_number",
    "text_lines",
]

# A bullet typed in front of a detail line ("- ขนาดกว้าง 5 เมตร"): a list marker, not text.
_BULLET = re.compile(r"^[-–—•·*○●▪►✓✔]+\s*")
_SEQUENCE = re.compile(r"^\(?(\d{1,4})\)?\.?$")
_DASHES = re.compile(r"^[-–—_.\s]+$")
_BUDGET_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
# What people write around a budget: "120,000 บาท", "(บาท) 5,000", "50,000.-", "50,000-".
_BUDGET_NOISE = re.compile(r"\(?บาท\)?|,|\s")
_BUDGET_TRAILER = re.compile(r"(?<=\d)(?:\.-|-|\.)$")
# Symbols that mark a month (the stricter test used outside the month block, where text
# such as a note must not count as a mark).
_MARK_SYMBOLS = set("/\\✓✔✗✘xX•●○◦*+#<>←→↔=") | {"->", "<-", "<->"}

# Colours that are white: a "solid white" fill is how people erase a shading.
_WHITE = "FFFFFF"


def cell_text(value: object) -> str:
    """The cell's text, cleaned: NFC, zero-width characters and NBSP removed, spaces
    collapsed in each line, empty lines dropped; line breaks kept (details use them).
    Numbers give their plain decimal form ("120000", "0.5"); None gives ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    lines = (clean_line(line) for line in str(value).splitlines())
    return "\n".join(line for line in lines if line)


def text_lines(value: object) -> list[str]:
    """The non-empty lines of a cell, each without a leading bullet ("- ", "• ")."""
    lines = (_BULLET.sub("", line).strip() for line in cell_text(value).split("\n"))
    return [line for line in lines if line]


def compact(value: object) -> str:
    """Text without any whitespace and with Arabic digits, for matching header words
    whatever spacing or line breaks the cell has ("งบประมาณ\\n(บาท)" -> "งบประมาณ(บาท)")."""
    return re.sub(r"\s+", "", to_arabic_digits(cell_text(value)))


def sequence_number(value: object) -> int | None:
    """The number in a ที่ cell: 1, 1.0, "1", "1.", "(1)", "๑" -> 1; anything else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    match = _SEQUENCE.match(compact(value))
    return int(match.group(1)) if match else None


def is_formula(value: object) -> bool:
    """True for a formula as openpyxl holds it when values were not computed: a string
    starting with "=", or an array/data-table formula object."""
    if isinstance(value, str):
        return value.startswith("=")
    return hasattr(value, "ref") and hasattr(value, "text")  # ArrayFormula, DataTableFormula


class BudgetValue:
    """The outcome of reading a budget cell: ``amount`` (Decimal, or None for an empty
    cell) or ``problem``, the text that could not be read as a number."""

    __slots__ = ("amount", "problem")

    def __init__(self, amount: Decimal | None = None, problem: str | None = None) -> None:
        self.amount = amount
        self.problem = problem


def parse_budget(value: object) -> BudgetValue:
    """Read a budget cell in baht: numbers, text with thousands commas, Thai digits, a
    "บาท" suffix or a trailing ".-"; a dash means zero. Negative amounts, dates and words
    ("หนึ่งแสน") are problems."""
    if value is None:
        return BudgetValue()
    if isinstance(value, bool | datetime | date | time):
        return BudgetValue(problem=cell_text(value))
    if isinstance(value, int | float | Decimal):
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return _checked(amount, value)
    text = to_arabic_digits(cell_text(value))
    if not text:
        return BudgetValue()
    if _DASHES.match(text):
        return BudgetValue(Decimal(0))
    number = _BUDGET_TRAILER.sub("", _BUDGET_NOISE.sub("", text))
    if not _BUDGET_NUMBER.match(number):
        return BudgetValue(problem=cell_text(value))
    try:
        return _checked(Decimal(number), value)
    except InvalidOperation:  # pragma: no cover - the pattern above only lets digits through
        return BudgetValue(problem=cell_text(value))


def _checked(amount: Decimal, value: object) -> BudgetValue:
    if not amount.is_finite() or amount < 0:
        return BudgetValue(problem=cell_text(value))
    if amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    return BudgetValue(amount)


def is_mark(value: object) -> bool:
    """Whether a month cell's value marks the month: any text or number except dashes
    ("-" is how people write "nothing") and zero."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int | float | Decimal):
        return value != 0
    text = compact(value)
    return bool(text) and not _DASHES.match(text) and text != "0"


def is_mark_symbol(value: object) -> bool:
    """Stricter than :func:`is_mark`: only a short mark symbol ("/", "✓", "x", "•", "*",
    an arrow). Used beside the table, where a note must not count as a month mark."""
    text = compact(value)
    if not text or len(text) > 12:
        return False
    if text in _MARK_SYMBOLS:
        return True
    # An arrow drawn with characters: "<------>", "←――→".
    return bool(re.fullmatch(r"[<←]?[-–—=―]+[>→]?", text)) and not _DASHES.match(text)


def _is_white(color) -> bool:
    """White (or "no colour") in the three ways a workbook can name a colour."""
    if color is None:
        return True
    kind = getattr(color, "type", None)
    if kind == "rgb":
        return str(color.rgb)[-6:].upper() == _WHITE
    if kind == "indexed":
        index = color.indexed
        if index in (64, 65):  # system foreground / background: the sheet's own colours
            return True
        return 0 <= index < len(COLOR_INDEX) and COLOR_INDEX[index][-6:] == _WHITE
    if kind == "theme":
        # Excel's theme colour 0 is "Background 1" (white); a negative tint darkens it to
        # the grey people shade with.
        return color.theme == 0 and (color.tint or 0) >= 0
    return True  # "auto": the window colour


def fill_key(cell) -> tuple | None:
    """A comparable description of the cell's shading, or None when it is not shaded
    (no fill, or a white one). Gradients always count as shading."""
    fill = getattr(cell, "fill", None)
    if fill is None:
        return None
    if isinstance(fill, GradientFill):
        return ("gradient", tuple(str(stop.color.value) for stop in fill.stop))
    if fill.fill_type in (None, "none"):
        return None
    color = fill.fgColor
    if _is_white(color):
        return None
    return (fill.fill_type, color.type, str(color.value), color.tint)
