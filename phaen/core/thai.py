"""Thai calendar, fiscal year, Thai digits and Baht-in-words helpers.

Plain functions with no Django models and no settings access at import time, so they can be
used from models, forms, reports, the API and management commands alike.

Conventions (see phaen/core/README.md, "Thai calendar and numbers"):

* Years shown to users are Buddhist Era (BE = CE + 543). ``datetime.date`` objects are always
  proleptic Gregorian / CE internally.
* The Thai government fiscal year runs 1 October – 30 September and is named after the BE year
  in which it ends: FY 2568 = 1 October 2024 – 30 September 2025.
* Every date taken from a ``datetime`` is the *Bangkok* calendar date (``local_date``).
* Month names, weekday names and the words of ``baht_text`` are domain data, not UI strings,
  so they are not translated; only ``parse_thai_date`` error messages go through gettext.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

__all__ = [
    "BANGKOK",
    "BE_OFFSET",
    "DATE_STYLES",
    "ENGLISH_MONTHS",
    "ENGLISH_MONTH_ABBRS",
    "ENGLISH_WEEKDAYS",
    "FISCAL_MONTH_ABBRS",
    "FISCAL_MONTH_NAMES",
    "THAI_DIGITS",
    "THAI_MONTHS",
    "THAI_MONTH_ABBRS",
    "THAI_WEEKDAYS",
    "baht_text",
    "be_year",
    "ce_year",
    "fiscal_month_index",
    "fiscal_months",
    "fiscal_quarter",
    "fiscal_year",
    "fiscal_year_range",
    "fiscal_year_span_text",
    "format_baht",
    "format_fiscal_year",
    "format_number",
    "format_thai_date",
    "format_thai_datetime",
    "local_date",
    "local_datetime",
    "month_name",
    "parse_be_month",
    "parse_thai_date",
    "quarter_months",
    "quarter_range",
    "thai_number_words",
    "to_arabic_digits",
    "to_thai_digits",
]

BE_OFFSET = 543
BANGKOK = ZoneInfo("Asia/Bangkok")

# --- Names (index 0 unused so that THAI_MONTHS[10] is October) ---------------------------------

THAI_MONTHS: tuple[str, ...] = (
    "",
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTH_ABBRS: tuple[str, ...] = (
    "",
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
# Written out rather than taken from calendar.month_name, which follows the process locale.
ENGLISH_MONTHS: tuple[str, ...] = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ENGLISH_MONTH_ABBRS: tuple[str, ...] = ("", *(name[:3] for name in ENGLISH_MONTHS[1:]))

# Monday = 0, as date.weekday().
THAI_WEEKDAYS: tuple[str, ...] = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
ENGLISH_WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)

# Calendar months in fiscal order: October first.
_FISCAL_ORDER: tuple[int, ...] = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)
FISCAL_MONTH_ABBRS: tuple[str, ...] = tuple(THAI_MONTH_ABBRS[m] for m in _FISCAL_ORDER)
FISCAL_MONTH_NAMES: tuple[str, ...] = tuple(THAI_MONTHS[m] for m in _FISCAL_ORDER)

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"  # U+0E50 .. U+0E59
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")


# --- Years and local dates ------------------------------------------------------------------


def be_year(ce_year: int) -> int:
    """Buddhist-Era year of a CE year: ``be_year(2024) == 2567``."""
    return int(ce_year) + BE_OFFSET


def ce_year(be_year: int) -> int:
    """CE year of a Buddhist-Era year: ``ce_year(2567) == 2024``."""
    return int(be_year) - BE_OFFSET


def local_datetime(value: datetime) -> datetime:
    """Return *value* as a Bangkok wall-clock datetime.

    Trap: an aware datetime is converted to Asia/Bangkok (UTC+7) first, so
    ``2024-09-30T17:00Z`` becomes ``2024-10-01 00:00`` Bangkok. A naive datetime is taken to be
    Bangkok local time already and is returned unchanged (never treated as UTC).
    """
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        return value
    return value.astimezone(BANGKOK)


def local_date(value: date | datetime) -> date:
    """The Bangkok calendar date of a ``date`` or ``datetime``.

    Trap: a moment just after midnight on 1 October in Bangkok is still 30 September in UTC, so
    an aware datetime must be converted to Asia/Bangkok *before* taking its date; every fiscal
    computation in this module goes through this function. A naive datetime is taken as
    Bangkok local time; a plain ``date`` is returned as is.
    """
    if isinstance(value, datetime):  # datetime is a subclass of date: test it first
        return local_datetime(value).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date or datetime, got {type(value).__name__}")


# --- Fiscal year ----------------------------------------------------------------------------


def fiscal_year(value: date | datetime) -> int:
    """Buddhist-Era fiscal year of a date or datetime (Bangkok local date).

    Trap: the fiscal year is named after the year in which it *ends*: 1 October 2024 is already
    FY 2568 (= 2025 + 543), while 30 September 2024 is FY 2567.
    """
    d = local_date(value)
    return be_year(d.year + 1 if d.month >= 10 else d.year)


def fiscal_year_range(fy_be: int) -> tuple[date, date]:
    """First and last day of a BE fiscal year: 2568 -> (2024-10-01, 2025-09-30).

    Trap: the first day lies in the *previous* CE year (``ce_year(fy_be) - 1``).
    """
    end_ce = ce_year(fy_be)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def fiscal_month_index(month: int) -> int:
    """Position 1..12 of a calendar month in the fiscal year (October is 1, September 12)."""
    month = int(month)
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    return (month - 10) % 12 + 1


def fiscal_quarter(value: date | datetime) -> int:
    """Fiscal quarter 1..4 of a date or datetime (Bangkok local date).

    Q1 = Oct–Dec, Q2 = Jan–Mar, Q3 = Apr–Jun, Q4 = Jul–Sep. Trap: this is *not* the calendar
    quarter; October–December is Q1 of the following BE fiscal year.
    """
    return (fiscal_month_index(local_date(value).month) - 1) // 3 + 1


def quarter_months(q: int) -> list[int]:
    """Calendar months of fiscal quarter *q* in order: 1 -> [10, 11, 12], 2 -> [1, 2, 3]."""
    q = int(q)
    if not 1 <= q <= 4:
        raise ValueError(f"fiscal quarter must be 1..4, got {q}")
    return list(_FISCAL_ORDER[3 * (q - 1) : 3 * q])


def _fiscal_month_year(fy_be: int, month: int) -> int:
    """CE year of *month* within BE fiscal year *fy_be* (Oct–Dec fall in the previous year)."""
    end_ce = ce_year(fy_be)
    return end_ce - 1 if month >= 10 else end_ce


def quarter_range(fy_be: int, q: int) -> tuple[date, date]:
    """First and last day of fiscal quarter *q* of BE fiscal year *fy_be*.

    Trap: Q1 lies in the previous CE year: ``quarter_range(2568, 1)`` is
    (2024-10-01, 2024-12-31).
    """
    months = quarter_months(q)
    first_m, last_m = months[0], months[-1]
    first_y, last_y = _fiscal_month_year(fy_be, first_m), _fiscal_month_year(fy_be, last_m)
    return (
        date(first_y, first_m, 1),
        date(last_y, last_m, calendar.monthrange(last_y, last_m)[1]),
    )


def fiscal_months(fy_be: int) -> list[tuple[int, int]]:
    """The twelve ``(ce_year, month)`` pairs of a BE fiscal year in fiscal order.

    ``fiscal_months(2568)`` starts ``(2024, 10), (2024, 11), (2024, 12), (2025, 1)`` and ends
    ``(2025, 9)``. Trap: the years are CE, as ``date`` wants them.
    """
    return [(_fiscal_month_year(fy_be, m), m) for m in _FISCAL_ORDER]


# --- Digits and numbers ---------------------------------------------------------------------


def to_thai_digits(text_or_number: object) -> str:
    """Replace Arabic digits 0-9 by Thai digits ๐-๙; every other character is kept.

    Numbers are converted with ``str()`` first (so ``Decimal("1.50")`` keeps its trailing zero).
    ``None`` gives ``""``.
    """
    if text_or_number is None:
        return ""
    return str(text_or_number).translate(_TO_THAI)


def to_arabic_digits(text: object) -> str:
    """Replace Thai digits ๐-๙ (U+0E50–U+0E59) by 0-9; every other character is kept."""
    if text is None:
        return ""
    return str(text).translate(_TO_ARABIC)


def _to_decimal(value: object) -> Decimal:
    """Convert a number or numeric string to a finite Decimal.

    Trap: a float is converted through its shortest ``repr`` (``1.005`` -> ``Decimal("1.005")``),
    i.e. the value as it was written, not its binary expansion ``1.00499999…``; rounding it
    half-up to two places then gives 1.01 as a person would expect. Strings may contain Thai
    digits, thousands commas and surrounding spaces. ``bool`` is rejected.
    """
    if isinstance(value, bool):
        raise TypeError("expected a number, got bool")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        cleaned = to_arabic_digits(value).replace(",", "").replace(" ", "").strip()
        try:
            result = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    else:
        raise TypeError(f"expected a number, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return result


def _round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round half-up (not Python's default half-even) with enough precision for any size.

    Trap: ``format(Decimal, ".2f")`` and ``round()`` round half-even (2.665 -> 2.66); money is
    rounded half-up (2.665 -> 2.67). The context precision grows with the number so that
    very large amounts never raise ``InvalidOperation``.
    """
    digits = max(value.adjusted() + 1, 1) + decimals + 2
    context = Context(prec=max(28, digits), rounding=ROUND_HALF_UP)
    result = value.quantize(Decimal(1).scaleb(-decimals), context=context)
    return result if result != 0 else abs(result)  # no "-0.00"


def format_number(
    value: object, decimals: int = 2, thai_digits: bool = False, dash_zero: bool = False
) -> str:
    """Number with thousands commas and a fixed number of decimals: 48150 -> "48,150.00".

    Rounds half-up. ``None`` (and ``""``) give "-"; with ``dash_zero=True`` a value that rounds
    to zero also gives "-" (the convention of plan tables for "nothing / not applicable").
    Negative numbers keep a leading "-". ``thai_digits=True`` writes ๐-๙.
    """
    if value is None or value == "":
        return "-"
    decimals = int(decimals)
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    rounded = _round_half_up(_to_decimal(value), decimals)
    if dash_zero and rounded == 0:
        return "-"
    text = f"{rounded:,.{decimals}f}"
    return to_thai_digits(text) if thai_digits else text


def format_baht(value: object, thai_digits: bool = False, dash_zero: bool = False) -> str:
    """Money amount: ``format_number`` with two decimals ("1,234.50"); ``None`` -> "-"."""
    return format_number(value, 2, thai_digits=thai_digits, dash_zero=dash_zero)


# --- Baht in words --------------------------------------------------------------------------

_DIGIT_WORDS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_PLACE_WORDS = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")


def _read_block(n: int, has_higher: bool) -> str:
    """Read 0 <= n < 1,000,000; *has_higher* says whether digits precede it (millions)."""
    text = str(n)
    words = []
    for i, char in enumerate(text):
        digit = int(char)
        place = len(text) - 1 - i
        if digit == 0:
            continue
        if place == 0:
            # A final 1 is "เอ็ด" whenever the number has another non-zero digit before it.
            words.append("เอ็ด" if digit == 1 and (n > 1 or has_higher) else _DIGIT_WORDS[digit])
        elif place == 1:
            words.append({1: "สิบ", 2: "ยี่สิบ"}.get(digit, _DIGIT_WORDS[digit] + "สิบ"))
        else:
            words.append(_DIGIT_WORDS[digit] + _PLACE_WORDS[place])
    return "".join(words)


def thai_number_words(n: int) -> str:
    """Read a whole number in Thai words: 21 -> "ยี่สิบเอ็ด", 10**12 -> "หนึ่งล้านล้าน".

    Rules: places หน่วย สิบ ร้อย พัน หมื่น แสน, then the ล้าน group repeats (the number of
    millions is itself read by the same rules, so 1,000,001,000,000 is
    "หนึ่งล้านเอ็ดล้าน"); a 1 in the tens place is "สิบ", a 2 is "ยี่สิบ"; a final 1 is "เอ็ด"
    whenever the number has more than one significant digit (101 "หนึ่งร้อยเอ็ด", 1,000,001
    "หนึ่งล้านเอ็ด") but 1 alone is "หนึ่ง". Negative numbers are prefixed "ลบ".
    """
    n = int(n)
    if n < 0:
        return "ลบ" + thai_number_words(-n)
    if n == 0:
        return _DIGIT_WORDS[0]
    millions, rest = divmod(n, 1_000_000)
    head = thai_number_words(millions) + "ล้าน" if millions else ""
    return head + _read_block(rest, has_higher=bool(millions))


def baht_text(amount: object) -> str:
    """Baht amount in Thai words, as written on cheques and official forms.

    100.25 -> "หนึ่งร้อยบาทยี่สิบห้าสตางค์", 202 -> "สองร้อยสองบาทถ้วน", 0 -> "ศูนย์บาทถ้วน",
    0.50 -> "ห้าสิบสตางค์" (no "ศูนย์บาท" before satang), -5 -> "ลบห้าบาทถ้วน".

    Traps: the amount is rounded half-up to whole satang with ``Decimal`` (2.675 -> 2.68, and a
    float goes through its repr, see ``_to_decimal``); an amount that rounds to zero is
    "ศูนย์บาทถ้วน" without "ลบ". Whole amounts end in "บาทถ้วน", amounts with satang end in
    "สตางค์". Integer reading rules are those of ``thai_number_words``.

    PyThaiNLP's ``bahttext`` is deliberately not used: it rejects Decimal, rounds floats
    through binary formatting (2.675 -> 2.67), writes 0.50 as "ศูนย์บาทห้าสิบสตางค์", drops
    the sign of -0.50 and reads 2,000,001,000,000 as "สองล้านหนึ่งล้าน". For whole amounts
    below 10**12 the two agree (this is tested). ``None`` and ``""`` give "".
    """
    if amount is None or amount == "":
        return ""
    value = _round_half_up(_to_decimal(amount), 2)
    negative = value < 0
    value = abs(value)
    baht = int(value)
    satang = int((value - baht) * 100)
    if baht == 0 and satang == 0:
        return "ศูนย์บาทถ้วน"
    text = thai_number_words(baht) + "บาท" if baht else ""
    text += thai_number_words(satang) + "สตางค์" if satang else "ถ้วน"
    return ("ลบ" if negative else "") + text


# --- Formatting dates -----------------------------------------------------------------------

DATE_STYLES = ("long", "medium", "short", "full", "gazette", "month", "month_short")


def _is_english(lang: str | None) -> bool:
    return bool(lang) and str(lang).lower().replace("_", "-").split("-")[0] == "en"


def month_name(month: int, abbr: bool = False, lang: str = "th") -> str:
    """Name of calendar month 1..12: Thai full/abbreviated ("ตุลาคม"/"ต.ค."), or English."""
    month = int(month)
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    if _is_english(lang):
        return (ENGLISH_MONTH_ABBRS if abbr else ENGLISH_MONTHS)[month]
    return (THAI_MONTH_ABBRS if abbr else THAI_MONTHS)[month]


def format_thai_date(
    value: date | datetime | None,
    style: str = "long",
    thai_digits: bool = False,
    lang: str = "th",
) -> str:
    """Format a date with a Buddhist-Era year.

    Thai (``lang="th"``) styles for 1 October 2024:

    ``long`` "1 ตุลาคม 2567", ``medium`` "1 ต.ค. 2567", ``short`` "1 ต.ค. 67" (two-digit BE
    year), ``full`` "วันอังคารที่ 1 ตุลาคม พ.ศ. 2567", ``gazette`` "1 ตุลาคม พ.ศ. 2567",
    ``month`` "ตุลาคม 2567", ``month_short`` "ต.ค. 67".

    English (``lang="en"``, or any "en-*") uses English month names but *keeps the BE year*,
    as all years in Phaen are BE: "1 October 2567", "1 Oct 2567", "1 Oct 67",
    "Tuesday 1 October B.E. 2567", "1 October B.E. 2567", "October 2567", "Oct 67".

    Traps: a datetime is converted to its Bangkok date first (``local_date``); ``None`` and
    ``""`` give ""; the output of every style except ``full``/``month*`` parses back with
    ``parse_thai_date`` (``short`` only for BE years 2500–2599).
    """
    if value is None or value == "":
        return ""
    if style not in DATE_STYLES:
        raise ValueError(f"unknown date style {style!r}; use one of {', '.join(DATE_STYLES)}")
    d = local_date(value)
    be = be_year(d.year)
    english = _is_english(lang)
    month = month_name(d.month, lang=lang)
    abbr = month_name(d.month, abbr=True, lang=lang)
    era = "B.E." if english else "พ.ศ."
    if style == "long":
        text = f"{d.day} {month} {be}"
    elif style == "medium":
        text = f"{d.day} {abbr} {be}"
    elif style == "short":
        text = f"{d.day} {abbr} {be % 100:02d}"
    elif style == "full":
        if english:
            text = f"{ENGLISH_WEEKDAYS[d.weekday()]} {d.day} {month} {era} {be}"
        else:
            text = f"วัน{THAI_WEEKDAYS[d.weekday()]}ที่ {d.day} {month} {era} {be}"
    elif style == "gazette":
        text = f"{d.day} {month} {era} {be}"
    elif style == "month":
        text = f"{month} {be}"
    else:  # month_short
        text = f"{abbr} {be % 100:02d}"
    return to_thai_digits(text) if thai_digits else text


def format_thai_datetime(
    value: date | datetime | None,
    style: str = "long",
    thai_digits: bool = False,
    lang: str = "th",
) -> str:
    """Date as ``format_thai_date`` plus the Bangkok time: "1 ตุลาคม 2567 เวลา 14:05 น.".

    English: "1 October 2567, 14:05". Trap: an aware datetime is converted to Bangkok time
    before both the date and the time are taken, so they always agree. A plain ``date`` is
    formatted without a time; ``None`` and ``""`` give "".
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime):
        return format_thai_date(value, style, thai_digits=thai_digits, lang=lang)
    local = local_datetime(value)
    date_text = format_thai_date(local.date(), style, lang=lang)
    if _is_english(lang):
        text = f"{date_text}, {local:%H:%M}"
    else:
        text = f"{date_text} เวลา {local:%H:%M} น."
    return to_thai_digits(text) if thai_digits else text


def format_fiscal_year(fy_be: int, thai_digits: bool = False, lang: str = "th") -> str:
    """Label of a BE fiscal year: "ปีงบประมาณ พ.ศ. 2568" (English: "Fiscal year 2568")."""
    text = f"Fiscal year {int(fy_be)}" if _is_english(lang) else f"ปีงบประมาณ พ.ศ. {int(fy_be)}"
    return to_thai_digits(text) if thai_digits else text


def fiscal_year_span_text(fy_be: int, thai_digits: bool = False, lang: str = "th") -> str:
    """Span of a BE fiscal year in words: "1 ตุลาคม 2567 – 30 กันยายน 2568" (en dash)."""
    first, last = fiscal_year_range(fy_be)
    return (
        f"{format_thai_date(first, 'long', thai_digits, lang)} – "
        f"{format_thai_date(last, 'long', thai_digits, lang)}"
    )


# --- Parsing dates --------------------------------------------------------------------------


def _month_lookup() -> dict[str, int]:
    table: dict[str, int] = {}
    colloquial = (
        "",
        "มกรา",
        "กุมภา",
        "มีนา",
        "เมษา",
        "พฤษภา",
        "มิถุนา",
        "กรกฎา",
        "สิงหา",
        "กันยา",
        "ตุลา",
        "พฤศจิกา",
        "ธันวา",
    )
    for m in range(1, 13):
        for name in (
            THAI_MONTHS[m],
            THAI_MONTH_ABBRS[m],
            colloquial[m],
            ENGLISH_MONTHS[m],
            ENGLISH_MONTH_ABBRS[m],
        ):
            table[_month_key(name)] = m
    table["sept"] = 9
    return table


def _month_key(name: str) -> str:
    """Normalise a month token: no dots or spaces, lower case ("ต. ค." -> "ตค")."""
    return re.sub(r"[\s.]", "", name).lower()


_MONTHS_BY_KEY = _month_lookup()

_WEEKDAYS_BY_NAME = {name: i for i, name in enumerate(THAI_WEEKDAYS)} | {
    name.lower(): i for i, name in enumerate(ENGLISH_WEEKDAYS)
}

_NUMERIC_DMY = re.compile(r"^(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})$")
_NUMERIC_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TEXT_DMY = re.compile(r"^(\d{1,2})\s*([^\d\s][^\d]*?)\s*(\d{2}|\d{4})$")
_TEXT_MDY = re.compile(r"^([^\d\s][^\d]*?)\s*(\d{1,2})\s+(\d{4})$")
_THAI_WEEKDAY_PREFIX = re.compile(r"^วัน\s*(" + "|".join(THAI_WEEKDAYS) + r")?\s*ที่\s*")
_ENGLISH_WEEKDAY_PREFIX = re.compile(
    r"^(" + "|".join(ENGLISH_WEEKDAYS) + r"|" + "|".join(d[:3] for d in ENGLISH_WEEKDAYS) + r")"
    r"\.?\s+",
    re.IGNORECASE,
)
_BE_MARK = re.compile(r"(?:พ\.\s*ศ\.?|\bB\.\s*E\.?|\bBE\b)", re.IGNORECASE)
_CE_MARK = re.compile(r"(?:ค\.\s*ศ\.?|\bC\.\s*E\.?|\bCE\b|\bA\.?D\.?(?=\s|$))", re.IGNORECASE)


def gettext_noop(message: str) -> str:
    """Mark *message* for ``makemessages`` without translating it (Django's own gettext_noop
    needs configured settings, this one does not)."""
    return message


def _translated(message: str) -> str:
    """gettext at call time; falls back to the English text when Django is not set up."""
    from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
    from django.utils.translation import gettext

    try:
        return gettext(message)
    except (ImproperlyConfigured, AppRegistryNotReady):
        return message


def _parse_error(text: str) -> ValueError:
    return ValueError(
        _translated(
            gettext_noop(
                "Cannot read “%(text)s” as a date. Use e.g. 1/10/2567, 1 ต.ค. 67, "
                "1 ตุลาคม 2567 or 2024-10-01."
            )
        )
        % {"text": text}
    )


def _full_year(year_text: str, era: str | None) -> int:
    """CE year from a written year.

    Trap: the era is guessed when not written: a 4-digit year >= 2400 is BE, a smaller 4-digit
    year is CE, and a 2-digit year is a short BE year (67 -> 2567). An explicit "พ.ศ."/"B.E."
    or "ค.ศ."/"C.E." wins over the guess.
    """
    year = int(year_text)
    if len(year_text) == 2:
        return ce_year(2500 + year) if era != "ce" else 2000 + year
    if era == "be" or (era is None and year >= 2400):
        return ce_year(year)
    return year


def parse_thai_date(text: str) -> date:
    """Parse a date written the Thai way (or ISO / English) into a ``date``.

    Accepted, with Thai or Arabic digits and free spacing:
    ``1/10/2567``, ``1-10-67``, ``1.10.2567`` (day/month/year); ``1 ต.ค. 67``, ``1ต.ค.2567``,
    ``1 ตค 67``; ``1 ตุลาคม 2567``, ``วันที่ 1 ตุลาคม พ.ศ. 2567``,
    ``วันอังคารที่ 1 ตุลาคม พ.ศ. 2567``; ``2024-10-01`` and ``2567-10-01`` (ISO order);
    ``1 Oct 2024``, ``1 October B.E. 2567``, ``October 1, 2024``.

    Traps: years follow ``_full_year`` (>= 2400 is BE, 2 digits is short BE); the day/month
    order of slashed dates is always day first, never the US order; a written weekday must
    match the date. Raises ``ValueError`` naming *text* for anything else, including
    impossible dates such as 31/02/2567.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a string, got {type(text).__name__}")
    original = text
    s = to_arabic_digits(text).strip().replace(",", " ")
    s = re.sub(r"\s+", " ", s)

    weekday: int | None = None
    match = _THAI_WEEKDAY_PREFIX.match(s) or _ENGLISH_WEEKDAY_PREFIX.match(s)
    if match:
        name = match.group(1)
        if name:
            key = name.lower()
            weekday = _WEEKDAYS_BY_NAME.get(key)
            if weekday is None:  # three-letter English abbreviation
                weekday = next(i for i, d in enumerate(ENGLISH_WEEKDAYS) if d.lower()[:3] == key)
        s = s[match.end() :]

    era: str | None = None
    if _BE_MARK.search(s):
        era = "be"
        s = _BE_MARK.sub(" ", s)
    elif _CE_MARK.search(s):
        era = "ce"
        s = _CE_MARK.sub(" ", s)
    s = re.sub(r"\s+", " ", s).strip()

    if m := _NUMERIC_YMD.match(s):
        year, month, day = _full_year(m.group(1), era), int(m.group(2)), int(m.group(3))
    elif m := _NUMERIC_DMY.match(s):
        day, month, year = int(m.group(1)), int(m.group(3)), _full_year(m.group(4), era)
    elif (m := _TEXT_DMY.match(s)) and _month_key(m.group(2)) in _MONTHS_BY_KEY:
        day, month = int(m.group(1)), _MONTHS_BY_KEY[_month_key(m.group(2))]
        year = _full_year(m.group(3), era)
    elif (m := _TEXT_MDY.match(s)) and _month_key(m.group(1)) in _MONTHS_BY_KEY:
        day, month = int(m.group(2)), _MONTHS_BY_KEY[_month_key(m.group(1))]
        year = _full_year(m.group(3), era)
    else:
        raise _parse_error(original)
    try:
        result = date(year, month, day)
    except ValueError:
        raise ValueError(
            _translated(gettext_noop("“%(text)s” is not a valid calendar date."))
            % {"text": original}
        ) from None
    if weekday is not None and result.weekday() != weekday:
        raise ValueError(
            _translated(gettext_noop("“%(text)s”: the weekday does not match the date."))
            % {"text": original}
        )
    return result


_BE_MONTH_YM = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")
_BE_MONTH_MY = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})$")
_BE_MONTH_TEXT = re.compile(r"^([^\d\s][^\d]*?)\s*(\d{2}|\d{4})$")


def parse_be_month(text: str) -> tuple[int, int]:
    """Parse a month with its year into ``(ce_year, month)``: "2567-10" -> (2024, 10).

    Also accepts "10/2567", "ต.ค. 67", "ตุลาคม 2567", "Oct 2567" and Thai digits. Trap: years
    follow the same rules as ``parse_thai_date`` (>= 2400 is BE, 2 digits short BE, smaller
    4-digit years CE), and the result is CE as ``date`` wants it. Raises ``ValueError``.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a string, got {type(text).__name__}")
    s = to_arabic_digits(text).strip()
    era: str | None = None
    if _BE_MARK.search(s):
        era, s = "be", _BE_MARK.sub(" ", s)
    s = re.sub(r"\s+", " ", s).strip()
    month: int | None = None
    if m := _BE_MONTH_YM.match(s):
        year, month = _full_year(m.group(1), era), int(m.group(2))
    elif m := _BE_MONTH_MY.match(s):
        month, year = int(m.group(1)), _full_year(m.group(2), era)
    elif (m := _BE_MONTH_TEXT.match(s)) and _month_key(m.group(1)) in _MONTHS_BY_KEY:
        month, year = _MONTHS_BY_KEY[_month_key(m.group(1))], _full_year(m.group(2), era)
    if month is None or not 1 <= month <= 12 or not 1 <= year <= 9999:
        raise ValueError(
            _translated(gettext_noop("Cannot read “%(text)s” as a month, e.g. 2567-10."))
            % {"text": text}
        )
    return year, month
