from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phaen.reports.choices import ReportFormat
from phaen.reports.registry import Report


class ReportRunForm(forms.Form):
    """What a user chooses before asking for a report: the file format and Thai digits."""

    format = forms.ChoiceField(label=_("Format"), widget=forms.RadioSelect)
    thai_digits = forms.BooleanField(
        label=_("Thai digits"),
        required=False,
        help_text=_("Numbers, dates and page numbers in Thai digits (PDF only)."),
    )

    def __init__(self, *args, report: Report, **kwargs) -> None:
        kwargs.setdefault("prefix", report.name)
        kwargs.setdefault("initial", {"format": report.formats[0]})
        super().__init__(*args, **kwargs)
        self.report = report
        labels = dict(ReportFormat.choices)
        self.fields["format"].choices = [(fmt, labels[fmt]) for fmt in report.formats]
