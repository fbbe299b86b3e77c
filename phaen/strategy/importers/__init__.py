"""Importers for the strategic plan: reading agencies' plan documents (.txt, .docx) into
the plan tree the "Strategic plan" issue saves. See :mod:`.document` for the API."""

from .document import (
    DocumentError,
    ParseResult,
    UnplacedLine,
    parse_document,
    parse_plan_text,
    read_document,
)

__all__ = [
    "DocumentError",
    "ParseResult",
    "UnplacedLine",
    "parse_document",
    "parse_plan_text",
    "read_document",
]
