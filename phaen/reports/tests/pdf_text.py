"""Reading PDFs back in tests: text through poppler's pdftotext, pages by regex."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from phaen.conftest import require_or_skip


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def pdf_text(pdf: bytes, *, page: int | None = None) -> str:
    """The text of ``pdf`` (or of one page), as a reader would copy it."""
    require_or_skip(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) missing")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(pdf)
        pages = ["-f", str(page), "-l", str(page)] if page else []
        result = subprocess.run(
            ["pdftotext", "-layout", *pages, str(path), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
    return result.stdout.decode("utf-8")


def page_size(pdf: bytes) -> tuple[float, float]:
    """Width and height in points of the first page (from its MediaBox)."""
    match = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert match, "no MediaBox in the PDF"
    x0, y0, x1, y1 = (float(v) for v in match.groups())
    return round(x1 - x0, 1), round(y1 - y0, 1)
