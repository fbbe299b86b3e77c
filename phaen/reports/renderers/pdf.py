"""PDF renderer: Typst templates in ``phaen/reports/typst/`` fed with JSON.

The data never become Typst markup: the whole document (meta, labels, data) is passed as
one JSON string in ``sys_inputs["data"]`` and the template reads it with
``json(bytes(sys.inputs.data))``. Output is PDF/A-2u (archival, every glyph mapped to
Unicode so Thai text can be searched and copied); see docs/decisions/0003-reports-typst.md.

Fonts: only the vendored Sarabun files in ``phaen/reports/fonts`` (plus Typst's embedded
fallback fonts); system fonts are ignored, so a PDF looks the same on every machine.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path

import typst
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from phaen.core.thai import format_fiscal_year, format_thai_datetime
from phaen.reports.registry import Report, plain

REPORTS_DIR = Path(__file__).resolve().parent.parent
FONT_DIR = REPORTS_DIR / "fonts"
TYPST_DIR = REPORTS_DIR / "typst"
PDF_STANDARD = "a-2u"

logger = logging.getLogger(__name__)


class PdfError(RuntimeError):
    """Typst could not compile a report (a bug in a template, not a user error)."""


@functools.cache
def fonts() -> typst.Fonts:
    """The font set, scanned once per process (scanning costs more than a small report)."""
    return typst.Fonts(include_system_fonts=False, font_paths=[str(FONT_DIR)])


def document(report: Report, data, *, thai_digits: bool = False) -> dict:
    """What the template reads from ``sys.inputs.data``: meta, labels and data."""
    lang = (get_language() or settings.LANGUAGE_CODE)[:2]
    heading = report.heading(data)
    fiscal_year = heading.get("fiscal_year")
    fy_label = format_fiscal_year(fiscal_year, lang=lang) if fiscal_year else None
    return {
        "meta": {
            "report": report.name,
            "title": str(report.title),
            "organization": heading.get("organization") or "",
            "subtitle": heading.get("subtitle") or "",
            "fiscal_year": fiscal_year,
            "fiscal_year_label": fy_label,
            "orientation": report.orientation,
            "lang": lang,
            "thai_digits": bool(thai_digits or report.thai_digits(data)),
            "site": settings.PHAEN_SITE_NAME,
            "page_label": _("Page"),
            "generated_text": _("Printed %(when)s")
            % {"when": format_thai_datetime(timezone.now(), "medium", lang=lang)},
        },
        "labels": {key: str(value) for key, value in report.labels().items()},
        "data": plain(report.typst_data(data)),
    }


def compile_template(template: str, doc: dict) -> bytes:
    """Compile ``phaen/reports/typst/<template>`` with ``doc`` as its JSON input."""
    try:
        pdf, warnings = typst.compile_with_warnings(
            str(TYPST_DIR / template),
            root=str(TYPST_DIR),
            font_paths=fonts(),
            ignore_system_fonts=True,
            sys_inputs={"data": json.dumps(doc, ensure_ascii=False)},
            pdf_standards=PDF_STANDARD,
            timestamp=timezone.now().replace(microsecond=0),
        )
    except typst.TypstError as exc:
        raise PdfError(f"{template}: {exc.message}\n{exc.diagnostic}") from exc
    for warning in warnings:
        logger.warning("Typst %s: %s", template, warning.message)
    return pdf


def render_pdf(report: Report, data, *, thai_digits: bool = False) -> bytes:
    if not report.typst_template:
        raise PdfError(f"{report.name} has no Typst template")
    return compile_template(report.typst_template, document(report, data, thai_digits=thai_digits))
