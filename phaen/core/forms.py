"""Form fields shared by every app."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from phaen.core.thai import be_year, parse_thai_date


class ThaiDateField(forms.DateField):
    """A date typed the Thai way, Buddhist Era: "1/10/2568", "1 ต.ค. 68", "1 ตุลาคม 2568"
    (also ISO "2025-10-01"). Shown back as day/month/BE-year."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Day/month/Buddhist-Era year, e.g. 1/10/2568"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"placeholder": _("dd/mm/yyyy (B.E.)"), "autocomplete": "off"})
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_thai_date(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, dt.date):
            return f"{value.day}/{value.month}/{be_year(value.year)}"
        return value


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` on ``form``: each message on its field when the
    form has that field, else on the form as a whole (so nothing is lost)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)
