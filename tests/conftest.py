"""Shared fixtures: paths and a helper that writes a dataset folder from row dicts."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "tests" / "fixtures" / "valid"


@pytest.fixture
def valid_copy(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture dataset."""
    target = tmp_path / "ds"
    shutil.copytree(VALID, target)
    return target


def rewrite_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell (row 0 = first data row) of a CSV file."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row + 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
