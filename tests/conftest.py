"""Shared fixtures (plain helpers such as ``ROOT``, ``VALID`` and ``rewrite_cell`` are in helpers.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import VALID


@pytest.fixture
def valid_copy(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture dataset."""
    target = tmp_path / "ds"
    shutil.copytree(VALID, target)
    return target
