"""docs/solutions.md gives the answers of the shipped data: when data/ changes, this fails until the page is updated."""

from __future__ import annotations

import re

import pytest

from framelens import load_dataset
from framelens.teaching.exercises import reference_answer
from helpers import ROOT

PAGE = (ROOT / "docs" / "solutions.md").read_text(encoding="utf-8")
ROW = re.compile(r"^\| (\d) · [^|]+\| `([^`]+)`", re.M)  # | 1 · Read a table | `10` | ...


@pytest.fixture(scope="module")
def ds():
    return load_dataset(ROOT / "data")


def test_the_page_names_the_size_of_the_shipped_data(ds):
    assert f"({len(ds.statements)} statements, event `belgorod-raid-2023`)" in PAGE


def test_every_answer_on_the_page_is_the_current_reference_answer(ds):
    answers = dict(ROW.findall(PAGE))
    assert sorted(answers) == ["1", "2", "3", "4", "6", "7", "8", "9"]  # 5 is a coding, in its own table
    for number, shown in answers.items():
        truth = reference_answer(f"ex{number}", ds)
        if isinstance(truth, bool):
            assert shown == str(truth), number
        elif isinstance(truth, str):
            assert shown == f'"{truth}"', number
        else:
            assert float(shown) == round(float(truth), 3), number


def test_the_reference_coding_table_lists_the_statements_picked(ds):
    picked = reference_answer("ex5", ds)
    for statement_id, codes in picked.items():
        row = next(line for line in PAGE.splitlines() if line.startswith(f"| `{statement_id}`"))
        assert [f"`{codes[c]}`" for c in ("frame", "label_valence", "stance")] == [
            cell.strip() for cell in row.split("|")[2:5]
        ], statement_id
