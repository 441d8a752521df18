"""Reading backstory's tab-separated data files (lexicons, roles, cues): one shape for all of them."""

from __future__ import annotations

import csv
from pathlib import Path


def rows(path: Path, columns: int | None = None) -> list[list[str]]:
    """The rows of a TSV data file, cells stripped, without blank and "#" comment lines; padded
    with "" or cut to ``columns`` when given. A missing file has no rows (optional data)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        found = [[cell.strip() for cell in row] for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return found if columns is None else [(row + [""] * columns)[:columns] for row in found]
