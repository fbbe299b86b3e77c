"""JSON renderer: the report's ``to_json`` document as UTF-8 text.

Thai stays readable (``ensure_ascii=False``); Decimals are numbers (see
``registry.decimal_number``), dates ISO 8601 text.
"""

from __future__ import annotations

import json

from phaen.reports.registry import Report, plain


def dumps(document, *, indent: int | None = 2) -> str:
    return json.dumps(plain(document), ensure_ascii=False, indent=indent)


def render_json(report: Report, data) -> bytes:
    return (dumps(report.to_json(data)) + "\n").encode("utf-8")
