"""Plain test helpers (fixtures live in conftest.py): the repository's paths and a CSV cell rewriter."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "tests" / "fixtures" / "valid"


def rewrite_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell (row 0 = first data row) of a CSV file."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row + 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
