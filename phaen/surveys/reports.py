"""Report "survey-sheet": the printable sheet of a survey (title, project or activity,
QR code of the public link) to pin at the venue.

A ``Report`` of the reports layer (builder, labels, JSON through ``plain``), but not in
the registry: it needs a survey id and a site address, which the reports index cannot
ask for, and its Typst template lives in this app (``phaen/surveys/typst/``), which the
reports renderer cannot compile (its Typst root is ``phaen/reports/typst``). So
:func:`render_sheet_pdf` compiles it with the reports layer's fonts, document meta and
PDF/A standard, this folder being the Typst root. The survey pages serve it."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from phaen.reports.registry import Report, ReportError

TYPST_DIR = Path(__file__).resolve().parent / "typst"
TEMPLATE = "survey_sheet.typ"


@dataclass
class SurveySheet:
    survey: int
    organization: str
    title: str
    intro: str
    project: str
    activity: str
    period: str
    url: str
    qr_svg: str


def _period(survey) -> str:
    from phaen.core.thai import format_thai_date

    if survey.opens_on and survey.closes_on:
        return _("%(start)s to %(end)s") % {
            "start": format_thai_date(survey.opens_on),
            "end": format_thai_date(survey.closes_on),
        }
    if survey.closes_on:
        return _("until %(end)s") % {"end": format_thai_date(survey.closes_on)}
    return ""


class SurveySheetReport(Report):
    name = "survey-sheet"
    title = gettext_lazy("Satisfaction survey sheet")
    description = gettext_lazy(
        "A sheet to pin at the venue: the project or activity and the QR code of the survey."
    )
    formats = ("pdf", "json")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--survey", type=int, required=True, help="survey id")
        parser.add_argument("--base-url", required=True, help="site address the QR code points to")

    def options_from_command(self, options: dict[str, Any], user) -> dict[str, Any]:
        return {"survey": options["survey"], "base_url": options["base_url"]}

    def build(self, *, user, survey: int | None = None, base_url: str = "", **options):
        from phaen.surveys.models import Survey
        from phaen.surveys.qr import public_url, qr_svg

        found = (
            Survey.objects.for_user(user, "view")
            .select_related("project__plan__organization", "activity")
            .filter(pk=survey)
            .first()
        )
        if found is None:
            raise ReportError(_("Unknown survey: %(id)s.") % {"id": survey})
        if not base_url.startswith(("http://", "https://")):
            raise ReportError(_("The site address must start with http:// or https://."))
        url = public_url(found, base_url)
        return SurveySheet(
            survey=found.pk,
            organization=found.project.plan.organization.name_th,
            title=found.title,
            intro=found.intro,
            project=found.project.name,
            activity=found.activity.name if found.activity_id else "",
            period=_period(found),
            url=url,
            qr_svg=qr_svg(url),
        )

    def heading(self, data: SurveySheet) -> dict[str, Any]:
        return {"organization": data.organization, "fiscal_year": None}

    def labels(self) -> dict[str, str]:
        return {
            "heading": _("Satisfaction survey"),
            "project": _("Project"),
            "activity": _("Activity"),
            "period": pgettext("survey dates", "Open"),
            "scan": _("Scan the QR code with your phone to answer"),
            "privacy": _("Anonymous: no name, no account; one answer per person."),
        }

    def filename(self, data: SurveySheet, fmt: str) -> str:
        return f"survey-{data.survey}.{fmt}"


def render_sheet_pdf(report: Report, data: SurveySheet) -> bytes:
    """The sheet as PDF (same fonts, meta and PDF/A standard as every report)."""
    import typst

    from phaen.reports.renderers.pdf import PDF_STANDARD, PdfError, document, fonts

    try:
        return typst.compile(
            str(TYPST_DIR / TEMPLATE),
            root=str(TYPST_DIR),
            font_paths=fonts(),
            ignore_system_fonts=True,
            sys_inputs={"data": json.dumps(document(report, data), ensure_ascii=False)},
            pdf_standards=PDF_STANDARD,
            timestamp=timezone.now().replace(microsecond=0),
        )
    except typst.TypstError as exc:
        raise PdfError(f"{TEMPLATE}: {exc.message}\n{exc.diagnostic}") from exc
