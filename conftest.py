"""Names the docstring examples in lib/framelens use: ``ds`` is the small synthetic test dataset."""

import pytest

import framelens


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    doctest_namespace["framelens"] = framelens
    doctest_namespace["ds"] = framelens.load_dataset("tests/fixtures/valid")
