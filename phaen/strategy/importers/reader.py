"""Read an uploaded plan document (.txt or .docx) into plain text, one line per paragraph.

Text files come in UTF-8 (with or without a BOM), UTF-16 with a BOM (Notepad's
"Unicode"), or the Thai Windows code page cp874 (a superset of TIS-620). Word documents
are read with python-docx: paragraphs and tables in document order, Word's automatic list
numbers written out, and a table whose header row names the plan's lists ("ตัวชี้วัด |
กลยุทธ์ | โครงการ") turned into labelled lines the parser understands.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext_lazy as _

from phaen.core.thai import to_thai_digits

from .errors import DocumentError
from .lines import match_label

SUPPORTED_SUFFIXES = (".txt", ".docx")
# In a table, the projects of the row's strategy (read by the parser as that strategy's).
STRATEGY_PROJECTS_LABEL = "โครงการภายใต้กลยุทธ์"
_PLAN_COLUMNS = {"objective", "indicators", "strategies", "projects", "strategy_projects"}
_THAI_ALPHABET = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
_BULLETS = ("•", "-", "○")


def read_document(path_or_file: str | os.PathLike | IO[Any], filename: str | None = None) -> str:
    """The text of a .txt or .docx plan document, lines separated by "\\n".

    ``path_or_file`` is a path or an open binary file (an upload); ``filename`` decides the
    type (defaults to the path's name). Raises :class:`DocumentError` for another type, an
    empty or binary file, or a damaged Word document.
    """
    name = Path(filename or getattr(path_or_file, "name", None) or str(path_or_file)).name
    suffix = Path(name).suffix.lower()
    if suffix == ".doc":
        raise DocumentError(
            _("Old Word files (.doc) cannot be read: save the document as .docx or as text.")
        )
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            _("Only text (.txt) and Word (.docx) files can be imported, not “%(name)s”."),
            name=name,
        )
    data = _read_bytes(path_or_file)
    if not data.strip():
        raise DocumentError(_("The file is empty."))
    text = decode_text(data) if suffix == ".txt" else docx_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(_("The document contains no text."))
    return text


def _read_bytes(path_or_file: str | os.PathLike | IO[Any]) -> bytes:
    if isinstance(path_or_file, str | os.PathLike):
        return Path(path_or_file).read_bytes()
    if hasattr(path_or_file, "seek"):
        path_or_file.seek(0)
    data = path_or_file.read()
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-16 (with a BOM), UTF-8 (BOM or not), else cp874/TIS-620.
    Raises :class:`DocumentError` when the bytes are not text at all."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        raise _binary_error()
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp874")
            except UnicodeDecodeError as error:
                raise _binary_error() from error
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    if controls > len(text) // 100:
        raise _binary_error()
    return text


def _binary_error() -> DocumentError:
    return DocumentError(
        _(
            "The file is not text (it looks like a picture, a PDF or another binary file). "
            "Save the plan as .txt or .docx."
        )
    )


# --- Word documents ---------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells of a .docx in document order, one line each."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError) as e:
        raise DocumentError(
            _("The Word document could not be opened: it is damaged or not really a .docx file.")
        ) from e
    return "\n".join(_block_lines(document, _Numbering(document)))


def _block_lines(container: Any, numbering: _Numbering) -> list[str]:
    """Lines of a document body or a table cell: paragraphs, then tables, as they come."""
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(numbering.render(block) + block.text)
        else:
            lines.extend(_table_lines(block, numbering))
    return lines


def _table_lines(table: Any, numbering: _Numbering) -> list[str]:
    """A table's lines. When its first row names the plan's lists, each data row becomes
    labelled lines ("ตัวชี้วัด", items…, "กลยุทธ์", items…), so the parser reads the
    columns as lists; otherwise cells are read row by row."""
    rows = [list(row.cells) for row in table.rows]
    header = _column_labels(rows[0]) if rows else None
    seen: set[int] = set()
    if header is None:
        return [line for row in rows for line in _row_cells(row, seen, numbering)]
    seen.update(id(cell._tc) for cell in rows[0])
    lines: list[str] = []
    for row in rows[1:]:
        lines.extend(_labelled_row(row, header, seen, numbering))
    return lines


def _row_cells(row: list[Any], seen: set[int], numbering: _Numbering) -> list[str]:
    """The lines of a row's cells, each merged cell once."""
    lines: list[str] = []
    for cell in row:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            lines.extend(_block_lines(cell, numbering))
    return lines


def _column_labels(cells: list[Any]) -> list[tuple[str, str] | None] | None:
    """(label key, header text) per column when the row is a header naming at least two of
    the plan's lists; None otherwise."""
    labels: list[tuple[str, str] | None] = []
    for cell in cells:
        text = " ".join(cell.text.split())
        key = match_label(text)[0] if text else None
        if text and key is None:
            return None
        labels.append((key, text) if key else None)
    keys = {label[0] for label in labels if label}
    return labels if len(keys & _PLAN_COLUMNS) >= 2 else None


def _labelled_row(
    row: list[Any], header: list[tuple[str, str] | None], seen: set[int], numbering: _Numbering
) -> list[str]:
    """One data row: each non-empty cell preceded by its column's label. The projects of a
    row that has a strategy are labelled as that strategy's projects."""
    keys = [label[0] if label else None for label in header]
    has_strategy = any(
        key == "strategies" and cell.text.strip() for key, cell in zip(keys, row, strict=False)
    )
    lines: list[str] = []
    for label, cell in zip(header, row, strict=False):
        cell_lines = _row_cells([cell], seen, numbering)
        if not any(line.strip() for line in cell_lines):
            continue
        if label is not None and label[0] != "issues":
            strategy_owned = label[0] == "projects" and has_strategy
            lines.append(STRATEGY_PROJECTS_LABEL if strategy_owned else label[1])
        lines.extend(cell_lines)
    return lines


class _Numbering:
    """Word's automatic list numbers ("1.", "(1)", "๑.", "ก.", "•") are not part of a
    paragraph's text; this writes them out so numbered lists keep their numbers."""

    def __init__(self, document: Any) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return  # a document without lists
        abstracts = {a.get(_w("abstractNumId")): a for a in root.findall(_w("abstractNum"))}
        for num in root.findall(_w("num")):
            reference = num.find(_w("abstractNumId"))
            abstract = abstracts.get(reference.get(_w("val")) if reference is not None else "")
            if abstract is not None:
                self._read_levels(num.get(_w("numId")), abstract)

    def _read_levels(self, num_id: str, abstract: Any) -> None:
        for level in abstract.findall(_w("lvl")):
            self.formats[(num_id, int(level.get(_w("ilvl"), "0")))] = (
                _child_value(level, "numFmt", "decimal"),
                _child_value(level, "lvlText", ""),
                int(_child_value(level, "start", "1")),
            )

    def render(self, paragraph: Any) -> str:
        """The number Word shows before ``paragraph`` ("" when it has none)."""
        num_pr = _num_pr(paragraph)
        if num_pr is None or num_pr not in self.formats:
            return ""
        num_id, level = num_pr
        counters = self.counters.setdefault(num_id, {})
        number_format, text, start = self.formats[num_pr]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if number_format == "bullet":
            return _BULLETS[level % len(_BULLETS)] + " "
        if number_format == "none":
            return ""

        def level_number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            k_format, _text, k_start = self.formats.get((num_id, k), ("decimal", "", 1))
            return _format_number(counters.get(k, k_start), k_format)

        return re.sub(r"%(\d)", level_number, text) + " "


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _child_value(element: Any, tag: str, default: str) -> str:
    child = element.find(_w(tag))
    return child.get(_w("val"), default) if child is not None else default


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    """(numId, level) of a paragraph's list numbering, set directly or by its style."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    style = paragraph.style
    while num_pr is None and style is not None:
        style_p_pr = style.element.pPr
        num_pr = style_p_pr.numPr if style_p_pr is not None else None
        style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return str(num_pr.numId.val), int(level)


def _format_number(n: int, number_format: str) -> str:
    """Write ``n`` as Word's list format says (decimal, Thai digits, Thai letters…)."""
    if number_format == "thaiNumbers":
        return to_thai_digits(n)
    if number_format == "thaiLetters":
        return _THAI_ALPHABET[(n - 1) % len(_THAI_ALPHABET)]
    if number_format in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if number_format == "upperLetter" else letter
    if number_format == "decimalZero":
        return f"{n:02d}"
    return str(n)
