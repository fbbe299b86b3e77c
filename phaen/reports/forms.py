from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phaen.reports.choices import ReportFormat
from phaen.reports.registry import Report


class ReportRunForm(forms.Form):
    """What a user chooses before asking for a report: the file format, Thai digits and the
    report's own choices (:meth:`Report.web_choices`, e.g. the period)."""

    format = forms.ChoiceField(label=_("Format"), widget=forms.RadioSelect)
    thai_digits = forms.BooleanField(
        label=_("Thai digits"),
        required=False,
        help_text=_("Numbers, dates and page numbers in Thai digits (PDF only)."),
    )

    def __init__(
        self, *args, report: Report, organization=None, fiscal_year=None, **kwargs
    ) -> None:
        kwargs.setdefault("prefix", report.name)
        self.offered = report.web_choices(organization, fiscal_year) if organization else {}
        initial = {"format": report.formats[0]}
        initial.update({name: choice.initial for name, choice in self.offered.items()})
        initial.update(kwargs.pop("initial", None) or {})
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.report = report
        for name, choice in self.offered.items():
            self.fields[name] = forms.ChoiceField(label=choice.label, choices=choice.choices)
        labels = dict(ReportFormat.choices)
        self.fields["format"].choices = [(fmt, labels[fmt]) for fmt in report.formats]

    def chosen(self) -> dict[str, str]:
        """The report's own choices, once the form is valid."""
        return {name: self.cleaned_data[name] for name in self.offered}

    def choice_fields(self):
        return [self[name] for name in self.offered]
