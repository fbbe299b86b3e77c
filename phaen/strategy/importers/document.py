"""Strategic-plan documents in, plan trees out.

The public entry points of the importer (the ``import_strategic_plan`` command and the
upload page call these)::

    text = read_document(upload, "plan.docx")   # .txt or .docx → text
    result = parse_plan_text(text)              # → ParseResult(plan, unplaced, warnings)
    result = parse_document(path, "plan.txt")   # both at once
    result.to_dict()                            # the issue's JSON shape (see .plan)

Every line the parser could not place is in ``result.unplaced`` with its line number and a
reason code (:data:`~.plan.UNPLACED_REASONS`); nothing is silently dropped or glued into a
name. A document that cannot be read at all raises :class:`DocumentError`.
"""

from __future__ import annotations

import os
from typing import IO, Any

from django.utils.translation import gettext_lazy as _

from .errors import DocumentError
from .lines import classify_lines
from .parser import PlanParser
from .plan import (
    UNPLACED_REASONS,
    WARNING_KINDS,
    Indicator,
    Issue,
    ParseResult,
    ParseWarning,
    Plan,
    Project,
    Strategy,
    Swot,
    UnplacedLine,
)
from .reader import read_document

__all__ = [
    "UNPLACED_REASONS",
    "WARNING_KINDS",
    "DocumentError",
    "Indicator",
    "Issue",
    "ParseResult",
    "ParseWarning",
    "Plan",
    "Project",
    "Strategy",
    "Swot",
    "UnplacedLine",
    "parse_document",
    "parse_plan_text",
    "read_document",
]


def parse_plan_text(text: str) -> ParseResult:
    """Parse the text of a strategic-plan document. Line numbers in the result count from
    1 over ``text`` split at line breaks. Raises :class:`DocumentError` when the text is
    empty or has no heading of a plan at all."""
    if not text or not text.strip():
        raise DocumentError(_("The document contains no text."))
    return PlanParser(classify_lines(text)).parse()


def parse_document(
    path_or_file: str | os.PathLike | IO[Any], filename: str | None = None
) -> ParseResult:
    """:func:`read_document` then :func:`parse_plan_text`."""
    return parse_plan_text(read_document(path_or_file, filename))
