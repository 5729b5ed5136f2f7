"""The readiness list: which report sections a dataset cannot fill, computed once, printed by validate."""

from __future__ import annotations

import framelens
from framelens.cli import main
from framelens.readiness import limits
from helpers import VALID, rewrite_cell


def test_full_fixture_has_no_limits():
    assert limits(framelens.load_dataset(VALID)) == []


def test_each_missing_table_limits_its_section(valid_copy):
    (valid_copy / "events.csv").unlink()
    (valid_copy / "reliability.csv").unlink()
    found = {key: section for key, section, _ in limits(framelens.load_dataset(valid_copy))}
    assert found == {"events": "Timelines", "reliability": "Coder agreement"}


def test_a_column_empty_in_every_row_limits_its_section(valid_copy):
    ds = framelens.load_dataset(valid_copy)
    n = len(ds.statements)
    for row in range(n):
        rewrite_cell(valid_copy / "statements.csv", row, "cited_source", "")
    found = [key for key, _, _ in limits(framelens.load_dataset(valid_copy))]
    assert found == ["relays"]


def test_one_bloc_is_nothing_to_compare(valid_copy):
    (valid_copy / "outlets.csv").unlink()  # its blocs would disagree
    ds = framelens.load_dataset(valid_copy)
    for row in range(len(ds.statements)):
        rewrite_cell(valid_copy / "statements.csv", row, "outlet_bloc", "western")
    assert "blocs" in [key for key, _, _ in limits(framelens.load_dataset(valid_copy))]


def test_validate_ends_with_the_readiness_list(valid_copy, capsys):
    (valid_copy / "claims.csv").unlink()
    ds = framelens.load_dataset(VALID)
    for row in range(len(ds.statements)):
        for column in ("claim_id", "stance", "figure"):
            rewrite_cell(valid_copy / "statements.csv", row, column, "")
    assert main(["validate", str(valid_copy)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-3] == "report readiness: these sections will be limited"
    assert lines[-2].startswith("  Claims and credibility: no claims.csv") and "add claims.csv" in lines[-2]
    assert lines[-1].startswith("  Duelling figures: no statement gives a figure")


def test_validate_says_when_every_section_is_ready(capsys):
    assert main(["validate", str(VALID)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "report readiness: every section has the data it needs"
