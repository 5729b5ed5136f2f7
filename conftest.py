"""Names the docstring examples in lib/framelens use: ``ds`` is the small synthetic test dataset."""

from pathlib import Path

import pytest

import framelens

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True, scope="session")
def _doctest_names(doctest_namespace):
    doctest_namespace["framelens"] = framelens
    doctest_namespace["ds"] = framelens.load_dataset(ROOT / "tests" / "fixtures" / "valid")
