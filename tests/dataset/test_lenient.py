"""Lenient mode: bad rows go to rejects with line and reason, good rows go on, and the counts reconcile."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from framelens import DatasetError, load_dataset
from framelens.cli import main
from framelens.dataset.problems import SHOWN
from framelens.dataset.synth import write_synthetic
from helpers import ROOT, VALID, rewrite_cell

CASES = ROOT / "tests" / "bad_inputs"
INVALID = sorted(
    p.name
    for p in CASES.iterdir()
    if (p / "expected.txt").is_file() and "found" in (p / "expected.txt").read_text(encoding="utf-8").split("\n", 1)[0]
)


def _reconciles(ds) -> None:
    for name, frame in ds.tables().items():
        file = ds.codebook.tables[name].file
        rejected = ds.rejects.loc[ds.rejects["file"] == file, "line"].tolist()
        assert ds.rows_read[name] == len(frame) + len(rejected), name
        assert not set(rejected) & set(ds.lines[name].tolist()), name  # a row is kept or rejected, never both


@pytest.mark.parametrize("case", INVALID)
def test_every_row_level_case_loads_leniently_and_rejects_exactly_the_bad_rows(case):
    folder = CASES / case
    try:
        strict_problems = []
        load_dataset(folder)
    except DatasetError as exc:
        strict_problems = [p for p in exc.problems if p.severity == "error"]
    try:
        ds = load_dataset(folder, lenient=True)
    except DatasetError as exc:  # only problems with a whole file may still stop a lenient load
        assert any(p.line is None or p.line == 1 for p in exc.problems if p.severity == "error"), case
        return
    _reconciles(ds)
    rejected = set(zip(ds.rejects["file"], ds.rejects["line"]))
    for p in strict_problems:  # every row the strict load complains about is set aside ...
        assert (p.file, p.line) in rejected, str(p)
    assert (ds.rejects["problems"].str.len() > 0).all()  # ... each with its reason
    assert not [w for w in ds.warnings if w.severity == "error"]


def test_cascade_rejected_event_takes_its_statements_and_their_reliability_rows(valid_copy):
    rewrite_cell(valid_copy / "events.csv", 0, "start_date", "2023-02-30")  # ev-alpha is invalid
    ds = load_dataset(valid_copy, lenient=True)
    _reconciles(ds)
    assert "ev-alpha" not in set(ds.events["event_id"])
    assert set(ds.statements["event_id"]) == {"ev-beta"}
    assert ds.reliability is not None and len(ds.reliability) == 0  # s1 and s4 were ev-alpha statements
    reasons = ds.rejects.set_index(["file", "line"])["problems"]
    assert (
        reasons[("events.csv", 2)] == "start_date: '2023-02-30' is not a real calendar date (check the day and month)"
    )
    assert "event_id: 'ev-alpha' does not exist in events.csv" in reasons[("statements.csv", 2)]


def test_a_row_with_several_problems_is_one_reject_with_every_reason(valid_copy):
    st = valid_copy / "statements.csv"
    rewrite_cell(st, 0, "frame", "liberaton")
    rewrite_cell(st, 0, "figure", "-1")
    ds = load_dataset(valid_copy, lenient=True)
    row = ds.rejects[(ds.rejects["file"] == "statements.csv") & (ds.rejects["line"] == 2)]
    assert len(row) == 1
    assert row["problems"].item() == (
        "figure: '-1' is negative; figures count things and must be 0 or more | "
        "frame: 'liberaton' is not an allowed frame (did you mean 'liberation_resistance'?)"
    )


def test_rejected_record_is_the_original_csv_row(valid_copy):
    rewrite_cell(valid_copy / "statements.csv", 5, "frame", "nope")  # s6: its notes span two lines
    ds = load_dataset(valid_copy, lenient=True)
    record = ds.rejects.loc[ds.rejects["line"] == 7, "record"].item()
    with (valid_copy / "statements.csv").open(encoding="utf-8", newline="") as f:
        original = list(csv.reader(f))[6]
    assert next(csv.reader(io.StringIO(record))) == original


def test_ragged_rows_are_rejected_with_their_fields(tmp_path):
    folder = tmp_path / "ds"
    shutil.copytree(CASES / "ragged-row", folder)
    ds = load_dataset(folder, lenient=True)
    _reconciles(ds)
    assert ds.rejects["line"].tolist() == [4] and ds.rejects["record"].item().startswith("s3,ev-alpha")


def test_file_level_problems_still_raise_in_lenient_mode():
    for case in ("missing-required-column", "duplicate-column", "semicolon-delimiter", "empty-file"):
        with pytest.raises(DatasetError):
            load_dataset(CASES / case, lenient=True)


def test_every_row_bad_lists_every_reject_but_caps_the_printed_errors(tmp_path, capsys):
    folder = write_synthetic(tmp_path / "ds", rows=3000, seed=3)
    st = folder / "statements.csv"
    text = st.read_text(encoding="utf-8")
    header, body = text.split("\n", 1)
    st.write_text(
        header + "\n" + body.replace(",https://example.org/s/", ",example.org/s/"), encoding="utf-8"
    )  # every url bad
    with pytest.raises(DatasetError) as err:
        load_dataset(folder)
    message = str(err.value)
    assert message.startswith(f"{folder}: 3000 problems found")
    assert len(message.splitlines()) == 1 + SHOWN + 1 and message.endswith("use --lenient to set the rows aside)")
    assert len(err.value.problems) == 3000
    ds = load_dataset(folder, lenient=True)
    assert len(ds.statements) == 0 and len(ds.rejects[ds.rejects["file"] == "statements.csv"]) == 3000
    assert len(ds.reliability) == 0  # every coded statement went with them
    _reconciles(ds)
    assert main(["validate", str(folder), "--lenient", "--rejects", str(tmp_path / "rejects.csv")]) == 0
    out = capsys.readouterr().out
    assert "statements.csv: read 3000 = kept 0 + rejected 3000" in out
    with (tmp_path / "rejects.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3000 + 60 and all(r["problems"] for r in rows)


def test_cli_lenient_on_the_valid_fixture_rejects_nothing(tmp_path, capsys):
    folder = tmp_path / "ds"
    shutil.copytree(VALID, folder)
    assert main(["validate", str(folder), "--lenient"]) == 0
    assert "read 9 = kept 9 + rejected 0" in capsys.readouterr().out
    assert not (folder / "rejects.csv").exists()
