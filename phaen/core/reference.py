"""Loading reference data from CSV files kept in the repository.

Data migrations call :func:`read_csv` on an app's ``data/`` folder, so the facts live in
files with their sources stated beside them (``data/README.md``), not in code.
"""

from __future__ import annotations

import csv
from pathlib import Path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]
