"""Template filters over ``phaen.core.thai``.

Registered as a template *builtin* in settings, so templates use them without ``{% load %}``::

    {{ plan.start_date|thai_date }}            1 ตุลาคม 2567 (English UI: 1 October 2567)
    {{ plan.start_date|thai_date:"short" }}    1 ต.ค. 67
    {{ obj.created_at|thai_datetime }}         1 ตุลาคม 2567 เวลา 14:05 น.
    {{ amount|baht }}  {{ amount|baht_text }}  48,150.00  สี่หมื่นแปดพันหนึ่งร้อยห้าสิบบาทถ้วน
    {{ value|number:0 }}  {{ value|number:"2,dash" }}   1,235  and "-" for zero
    {{ fy|fiscal_year_label }}                 ปีงบประมาณ พ.ศ. 2568
    {{ 10|thai_month }}  {{ 10|thai_month:"abbr" }}      ตุลาคม  ต.ค.

Every filter returns "" for ``None``, "" and values it cannot interpret (as Django's own
filters fail silently). The filters work without a configured template engine or settings:
they are plain functions and can be imported and called directly.
"""

from __future__ import annotations

import functools
from datetime import date

from django import template
from django.utils.translation import get_language

from phaen.core import thai

register = template.Library()


def _active_lang() -> str:
    """The active Django language, "th" when translation is not available (no settings)."""
    try:
        return get_language() or "th"
    except Exception:  # ImproperlyConfigured / AppRegistryNotReady outside a Django process
        return "th"


def _blank_safe(func):
    """Return "" for None/"" and for values the wrapped function rejects."""

    @functools.wraps(func)
    def wrapper(value, *args):
        if value is None or value == "":
            return ""
        try:
            return func(value, *args)
        except (ValueError, TypeError, ArithmeticError):
            return ""

    return wrapper


@register.filter(name="be_year")
@_blank_safe
def be_year(value):
    """BE year of a CE year (2024 -> "2567") or of a date/datetime (Bangkok date)."""
    year = thai.local_date(value).year if isinstance(value, date) else int(value)
    return str(thai.be_year(year))


@register.filter(name="thai_date")
@_blank_safe
def thai_date(value, style="long"):
    """Date with BE year in the active language; arg = style (long, medium, short, full…)."""
    return thai.format_thai_date(value, style or "long", lang=_active_lang())


@register.filter(name="thai_datetime")
@_blank_safe
def thai_datetime(value, style="long"):
    """Date and Bangkok time: "1 ตุลาคม 2567 เวลา 14:05 น."; arg = date style."""
    return thai.format_thai_datetime(value, style or "long", lang=_active_lang())


@register.filter(name="thai_digits")
@_blank_safe
def thai_digits(value):
    """Arabic digits to Thai digits (๐–๙)."""
    return thai.to_thai_digits(value)


@register.filter(name="arabic_digits")
@_blank_safe
def arabic_digits(value):
    """Thai digits (๐–๙) to Arabic digits."""
    return thai.to_arabic_digits(value)


@register.filter(name="baht_text")
@_blank_safe
def baht_text(value):
    """Amount in Thai words: "หนึ่งร้อยบาทยี่สิบห้าสตางค์"."""
    return thai.baht_text(value)


@register.filter(name="baht")
@_blank_safe
def baht(value):
    """Amount with thousands commas and two decimals: "48,150.00"."""
    return thai.format_baht(value)


@register.filter(name="number")
@_blank_safe
def number(value, arg=2):
    """Number with thousands commas; arg = decimals (default 2), optionally ",dash" to show
    "-" for zero, e.g. ``number:0``, ``number:"0,dash"``, ``number:"dash"``."""
    parts = [p.strip() for p in str(arg).split(",")] if arg not in (None, "") else []
    dash = "dash" in parts
    decimals = next((int(p) for p in parts if p != "dash"), 2)
    return thai.format_number(value, decimals, dash_zero=dash)


@register.filter(name="fiscal_year")
@_blank_safe
def fiscal_year(value):
    """BE fiscal year of a date/datetime: 2024-10-01 -> "2568"."""
    return str(thai.fiscal_year(value))


@register.filter(name="fiscal_quarter")
@_blank_safe
def fiscal_quarter(value):
    """Fiscal quarter 1..4 of a date/datetime (Q1 = Oct–Dec)."""
    return str(thai.fiscal_quarter(value))


@register.filter(name="thai_month")
@_blank_safe
def thai_month(value, arg=""):
    """Name of a calendar month (int 1..12, or the month of a date) in the active language;
    arg "abbr" gives the abbreviation ("ต.ค.")."""
    month = thai.local_date(value).month if isinstance(value, date) else int(value)
    return thai.month_name(month, abbr=arg == "abbr", lang=_active_lang())


@register.filter(name="fiscal_year_label")
@_blank_safe
def fiscal_year_label(value):
    """ "ปีงบประมาณ พ.ศ. 2568" for a BE fiscal year (or for the fiscal year of a date)."""
    fy = thai.fiscal_year(value) if isinstance(value, date) else int(value)
    return thai.format_fiscal_year(fy, lang=_active_lang())
