"""Template tags of the user interface shell: ``{% load web %}``.

* ``{% nav_active "organizations" %}`` → ``active`` when the current page is in that URL
  namespace (or has that ``namespace:name``), for the main menu.
* ``{{ field|is_choice_list }}``: radio buttons or checkboxes, one per choice.
* ``{{ field|bs_widget }}`` renders a bound field's widget with Bootstrap's classes, plus
  ``is-invalid`` when the field has errors.
* ``{{ depth|indent_style }}`` → ``--depth: 2`` for tree rows.
* ``{{ depth|indent_label }}`` → non-breaking spaces and a twig for tree ``<option>``s.

``{% querystring %}`` (Django 5.1+) builds the links of filters and pagination.
"""

from __future__ import annotations

from django import forms, template
from django.utils.html import format_html

register = template.Library()

_CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)
_SELECT_WIDGETS = (forms.Select, forms.SelectMultiple)


@register.simple_tag(takes_context=True)
def nav_active(context, target: str) -> str:
    """``active`` if the current URL's namespace (or ``namespace:name``) is ``target``."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if ":" in target:
        return "active" if match.view_name == target else ""
    return "active" if match.namespace == target else ""


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_choice_list(field) -> bool:
    """Radio buttons or checkboxes, one per choice (each laid out as a ``form-check``)."""
    return isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple))


@register.filter
def bs_widget(field):
    """The widget of bound ``field`` with Bootstrap classes (and ``is-invalid`` on error)."""
    widget = field.field.widget
    if isinstance(widget, _CHECK_WIDGETS):
        css = "form-check-input"
    elif isinstance(widget, _SELECT_WIDGETS):
        css = "form-select"
    else:
        css = "form-control"
    existing = widget.attrs.get("class", "")
    classes = " ".join(
        part for part in (existing, css, "is-invalid" if field.errors else "") if part
    )
    return field.as_widget(attrs={"class": classes})


@register.filter
def indent_style(depth) -> str:
    try:
        return format_html("--depth: {}", max(int(depth), 0))
    except (TypeError, ValueError):
        return "--depth: 0"


@register.filter
def indent_label(depth) -> str:
    """Non-breaking spaces and a twig for an ``<option>`` in a tree (selects cannot be
    styled with padding in every browser)."""
    try:
        depth = max(int(depth), 0)
    except (TypeError, ValueError):
        depth = 0
    return "\u00a0\u00a0\u00a0" * depth + ("└ " if depth else "")


@register.filter
def field_col(field) -> str:
    """Grid column class of a field: the form's ``field_columns`` map, else full width."""
    columns = getattr(field.form, "field_columns", {}) or {}
    return columns.get(field.name, "col-12")
