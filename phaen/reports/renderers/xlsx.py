"""Excel renderer: an openpyxl workbook laid out by the report's ``xlsx`` method with the
shared styles of :mod:`phaen.reports.renderers.styles`."""

from __future__ import annotations

import io

from django.conf import settings
from openpyxl import Workbook

from phaen.reports.registry import Report


def render_xlsx(report: Report, data) -> bytes:
    workbook = Workbook()
    workbook.properties.title = str(report.title)
    workbook.properties.creator = settings.PHAEN_SITE_NAME
    report.xlsx(data, workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
