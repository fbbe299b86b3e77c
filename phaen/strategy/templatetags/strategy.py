from django import template

from phaen.core.thai import format_number, to_thai_digits

register = template.Library()


@register.filter
def plan_digits(value, plan):
    """Show numbering in the plan's chosen digits (Thai ๑ ๒ ๓ or Arabic)."""
    if value is None or value == "":
        return ""
    text = str(value)
    return to_thai_digits(text) if getattr(plan, "digits", "arabic") == "thai" else text


@register.filter
def plan_amount(value, plan=None):
    """A target or budget: thousands separators, no trailing zeros, plan digits."""
    if value is None or value == "":
        return "–"
    decimals = 0 if float(value) == int(float(value)) else 2
    text = format_number(value, decimals=decimals)
    return to_thai_digits(text) if getattr(plan, "digits", "arabic") == "thai" else text
