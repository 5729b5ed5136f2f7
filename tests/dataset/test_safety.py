"""Edges where a new user's own data meets the validator (issue 14): templates, blank rows, the terminal, limits."""

from __future__ import annotations

import csv
import shutil

import pytest

from framelens.cli import main
from framelens.dataset.csvread import MAX_COLUMNS, read_csv_strings
from framelens.dataset.loader import load_dataset
from framelens.dataset.problems import printable
from helpers import VALID


def test_template_tables_left_header_only_count_as_absent(tmp_path, capsys):
    folder = tmp_path / "mine"
    assert main(["template", str(folder)]) == 0
    shutil.copyfile(VALID / "statements.csv", folder / "statements.csv")
    capsys.readouterr()
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    for name in ("events.csv", "claims.csv", "outlets.csv", "reliability.csv"):
        assert f"warning: {name}: has a header but no data rows; it is read as absent" in out
    assert "problems found" not in out and "problem found" not in out
    ds = load_dataset(folder)
    assert ds.claims is None and ds.outlets is None and ds.events is None and ds.reliability is None


def test_template_statements_left_header_only_is_still_an_error(tmp_path, capsys):
    folder = tmp_path / "mine"
    assert main(["template", str(folder)]) == 0
    capsys.readouterr()
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "1 problem found" in out and "statements.csv: has a header but no data rows" in out


@pytest.mark.parametrize("blank", [",,,,,,", ",,,,,,,,,,,,,,,,,,,,,,,"], ids=["short", "full-width"])
def test_trailing_blank_rows_give_one_message_naming_the_lines(valid_copy, capsys, blank):
    path = valid_copy / "statements.csv"
    n_lines = path.read_bytes().count(b"\n")  # the fixture ends with a newline: the next line is n_lines + 1
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write(f"{blank}\r\n{blank}\r\n")
    assert main(["validate", str(valid_copy)]) == 0
    out = capsys.readouterr().out
    assert "required but empty" not in out and "fields where the header has" not in out
    blank_lines = [line for line in out.splitlines() if "every field empty" in line]
    assert blank_lines == [
        f"  warning: statements.csv line {n_lines + 1}: 2 row(s) have every field empty (a spreadsheet's blank "
        f"rows?), line(s) {n_lines + 1}, {n_lines + 2}; they are ignored"
    ]
    assert len(load_dataset(valid_copy).statements) == 9


def test_control_characters_from_the_data_are_escaped_on_the_terminal(valid_copy, capsys):
    path = valid_copy / "statements.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[0].append("\x1b]0;pwned\x07bad")  # would retitle the terminal window
    for row in rows[1:]:
        row.append("")
    rows[1][rows[0].index("frame")] = "liber\raton"  # a bare CR would let the rest of the line overwrite it
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    assert main(["validate", str(valid_copy)]) == 1
    out = capsys.readouterr().out
    assert not {"\x1b", "\x07", "\r"} & set(out)
    assert "warning: statements.csv line 1, \\x1b]0;pwned\\x07bad: is not a column of statements.csv" in out
    assert "statements.csv line 2, frame: 'liber\\raton' is not an allowed frame" in out


def test_printable_escapes_every_control_character():
    controls = "".join(map(chr, [*range(0x20), *range(0x7F, 0xA0), 0x202E]))
    shown = printable(controls)
    assert shown.isprintable() and shown.count("\\") == len(controls)
    assert printable("Київ, café") == "Київ, café"


@pytest.mark.parametrize("n_columns", [1001, 100_000])
def test_a_header_too_wide_is_one_clear_error(valid_copy, capsys, n_columns):
    header = ",".join(f"col{i}" for i in range(n_columns))
    (valid_copy / "statements.csv").write_text(f"{header}\n{','.join(['x'] * n_columns)}\n", encoding="utf-8")
    assert main(["validate", str(valid_copy)]) == 1
    out = capsys.readouterr().out
    assert "1 problem found" in out
    assert (
        f"statements.csv: the header (line 1) has {n_columns} columns; at most {MAX_COLUMNS} are read "
        "(is this the right file, or a sheet saved sideways?)"
    ) in out


def test_a_header_of_exactly_the_limit_is_read(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(",".join(f"c{i}" for i in range(MAX_COLUMNS)) + "\n" + ",".join("1" * MAX_COLUMNS) + "\n")
    table = read_csv_strings(path)
    assert table.problems == [] and len(table.header) == MAX_COLUMNS and len(table.frame) == 1


def test_a_header_longer_than_the_bytes_read_says_at_least(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(",".join(f"column{i:07d}" for i in range(200_000)) + "\n", encoding="utf-8")
    (problem,) = read_csv_strings(path).problems
    assert problem.line is None and "the header (line 1) has at least " in problem.message


def test_readiness_names_a_header_only_table_as_such(tmp_path, capsys):
    folder = tmp_path / "mine"
    assert main(["template", str(folder)]) == 0
    shutil.copyfile(VALID / "statements.csv", folder / "statements.csv")
    (folder / "events.csv").unlink()
    capsys.readouterr()
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "  Claims and credibility: claims.csv has a header but no data rows, so the claim ledger" in out
    assert "  Timelines: no events.csv, so first statements" in out  # deleted: "no events.csv" is right
    assert "  Coder agreement: reliability.csv has a header but no data rows, so coder agreement" in out


def test_a_closed_pipe_gives_no_traceback():
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "framelens", "validate", str(VALID)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.close()  # the reader is gone before the first line is written, as `| head -0` would be
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert err == ""
