"""Renderers lay a report's plain data out as a file; they never query the database.

``render(report, data, fmt, thai_digits=False)`` is the one entry point used by the
command and the background job.
"""

from __future__ import annotations

from dataclasses import dataclass

from phaen.reports.registry import FORMATS, Report

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    extension: str


def render(report: Report, data, fmt: str, *, thai_digits: bool = False) -> Rendered:
    """Lay ``data`` (from ``report.build``) out as ``fmt`` (pdf, xlsx or json)."""
    if fmt not in FORMATS or fmt not in report.formats:
        raise ValueError(f"{report.name} cannot be rendered as {fmt!r}")
    if fmt == "pdf":
        from phaen.reports.renderers.pdf import render_pdf

        content = render_pdf(report, data, thai_digits=thai_digits)
    elif fmt == "xlsx":
        from phaen.reports.renderers.xlsx import render_xlsx

        content = render_xlsx(report, data)
    else:
        from phaen.reports.renderers.json import render_json

        content = render_json(report, data)
    return Rendered(content=content, content_type=CONTENT_TYPES[fmt], extension=fmt)
