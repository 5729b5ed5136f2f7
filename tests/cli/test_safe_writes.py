"""Every writer besides the report is safe by default (issue 14): a file FrameLens did not write survives byte for
byte unless --force, the dataset's own files are never written, a second run may rewrite FrameLens's own output,
and each command names what it wrote. The one CSV writer quotes line breaks and neutralises formulas."""

from __future__ import annotations

import csv
import hashlib

import pandas as pd
import pytest

from framelens.cli import main
from framelens.safewrite import WRITTEN, written_by_framelens
from helpers import ROOT, rewrite_cell

REFUSED = "exists and was not written by FrameLens (or was changed since); nothing written"


def snapshot(folder) -> dict[str, str]:
    """Every file under ``folder`` (the FrameLens record aside) -> its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != WRITTEN
    }


# validate --lenient --rejects


@pytest.mark.parametrize("table", ["statements.csv", "claims.csv", "codebook.yml", "reliability.csv"])
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_rejects_never_written_over_a_dataset_file(valid_copy, capsys, table, force):
    rewrite_cell(valid_copy / "statements.csv", 0, "frame", "liberaton")  # one row to reject
    before = snapshot(valid_copy)
    target = valid_copy / table
    assert main(["validate", str(valid_copy), "--lenient", "--rejects", str(target), *force]) == 2
    assert capsys.readouterr().out == (
        f"framelens validate --rejects: {target} is a file this command reads; nothing written. "
        "Choose another place for the output\n"
    )
    assert snapshot(valid_copy) == before


def test_rejects_refused_through_another_spelling_of_the_input(valid_copy, capsys):
    rewrite_cell(valid_copy / "statements.csv", 0, "frame", "liberaton")
    before = snapshot(valid_copy)
    alias = valid_copy / "sub" / ".." / "statements.csv"
    (valid_copy / "sub").mkdir()
    assert main(["validate", str(valid_copy), "--lenient", "--rejects", str(alias), "--force"]) == 2
    assert "is a file this command reads (it is " in capsys.readouterr().out
    assert snapshot(valid_copy) == before


def test_rejects_over_a_users_file_needs_force_then_reruns_freely(valid_copy, tmp_path, capsys):
    rewrite_cell(valid_copy / "statements.csv", 0, "frame", "liberaton")
    mine = tmp_path / "my-notes.csv"
    mine.write_bytes(b"my,own\r\nnotes,here\r\n")
    assert main(["validate", str(valid_copy), "--lenient", "--rejects", str(mine)]) == 2
    out = capsys.readouterr().out
    assert f"framelens validate --rejects: {mine} {REFUSED}. Move it away" in out and "Traceback" not in out
    assert mine.read_bytes() == b"my,own\r\nnotes,here\r\n"
    assert main(["validate", str(valid_copy), "--lenient", "--rejects", str(mine), "--force"]) == 0
    assert f"wrote {mine}: 3 rejected rows" in capsys.readouterr().out  # s1, and its two reliability rows
    assert written_by_framelens(mine)
    assert main(["validate", str(valid_copy), "--lenient", "--rejects", str(mine)]) == 0  # its own output


def test_nothing_rejected_is_a_message_not_a_write(valid_copy, capsys):
    assert main(["validate", str(valid_copy), "--lenient"]) == 0
    assert "nothing rejected; no rejects file written" in capsys.readouterr().out
    assert not (valid_copy / "rejects.csv").exists()


def test_rejects_csv_quotes_line_breaks_and_neutralises_formulas(valid_copy, capsys):
    rewrite_cell(valid_copy / "statements.csv", 0, "frame", "=cmd|' /C calc'!A0")
    rewrite_cell(valid_copy / "statements.csv", 0, "notes", "one\rtwo")
    assert main(["validate", str(valid_copy), "--lenient"]) == 0
    path = valid_copy / "rejects.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["file", "line", "problems", "record"]
    assert [r[:2] for r in rows[1:]] == [["statements.csv", "2"], ["reliability.csv", "2"], ["reliability.csv", "3"]]
    (file, line, problems, record) = rows[1]  # the CR inside the notes split no row
    assert problems.startswith("frame: \"=cmd|' /C calc'!A0\" is not an allowed frame")
    assert "one\rtwo" in record
    assert all(not cell.startswith(("=", "+", "@", "\t", "\r")) for row in rows for cell in row)
    read_back = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert len(read_back) == 3 and "one\rtwo" in read_back.loc[0, "record"]


# synth


def test_synth_over_an_existing_dataset_is_refused_and_loses_nothing(valid_copy, capsys):
    before = snapshot(valid_copy)
    assert main(["synth", "--rows", "50", "--out", str(valid_copy)]) == 2
    out = capsys.readouterr().out
    assert out.startswith(f"framelens synth: {valid_copy / 'statements.csv'}, {valid_copy / 'events.csv'}, ")
    assert "and 2 more exist and were not written by FrameLens (or were changed since); nothing written" in out
    assert snapshot(valid_copy) == before


def test_synth_rewrites_its_own_output_and_says_what_it_wrote(tmp_path, capsys):
    out = tmp_path / "synth"
    assert main(["synth", "--rows", "50", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    files = ["statements.csv", "events.csv", "claims.csv", "outlets.csv", "reliability.csv"]
    assert said == f"wrote 50 synthetic statements: {', '.join(str(out / f) for f in files)}\n"
    first = snapshot(out)
    assert main(["synth", "--rows", "50", "--out", str(out)]) == 0
    assert snapshot(out) == first  # same seed, same bytes
    (out / "claims.csv").write_bytes(b"claim_id,event_id\r\n")  # a user's edit
    assert main(["synth", "--rows", "50", "--out", str(out)]) == 2
    assert (out / "claims.csv").read_bytes() == b"claim_id,event_id\r\n"
    assert main(["synth", "--rows", "50", "--out", str(out), "--force"]) == 0
    assert snapshot(out) == first


# sample-reliability


@pytest.mark.parametrize("name", ["reliability.csv", "statements.csv"])
def test_sheet_never_written_over_the_input(valid_copy, capsys, name):
    before = snapshot(valid_copy)
    target = valid_copy / name
    assert main(["sample-reliability", str(valid_copy), "--n", "4", "--out", str(target), "--force"]) == 2
    assert f"{target} is a file this command reads; nothing written" in capsys.readouterr().out
    assert snapshot(valid_copy) == before


def test_a_filled_in_sheet_is_not_overwritten(valid_copy, capsys):
    sheet = valid_copy / "reliability-sheet.csv"
    assert main(["sample-reliability", str(valid_copy), "--n", "4"]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {sheet}: 4 statements x 2 coders")
    assert main(["sample-reliability", str(valid_copy), "--n", "4"]) == 0  # untouched: its own, may be redone
    rows = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    rows.loc[0, "frame"] = "aggression"  # a coder starts filling it in
    rows.to_csv(sheet, index=False)
    filled = sheet.read_bytes()
    capsys.readouterr()
    assert main(["sample-reliability", str(valid_copy), "--n", "4", "--seed", "2"]) == 2
    assert f"framelens sample-reliability: {sheet} {REFUSED}" in capsys.readouterr().out
    assert sheet.read_bytes() == filled


def test_sheet_neutralises_formula_like_context(valid_copy, capsys):
    rewrite_cell(valid_copy / "statements.csv", 0, "quote", '=HYPERLINK("http://x","y")\nsecond line')
    out = valid_copy / "sheet.csv"
    assert main(["sample-reliability", str(valid_copy), "--n", "9", "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 9 * 2  # the line break inside the quote split no row
    quotes = [r["quote"] for r in rows if r["statement_id"] == "s1"]
    assert quotes == ['\'=HYPERLINK("http://x","y")\nsecond line'] * 2


# template, docs


def test_template_keeps_a_users_readme(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "README.md").write_bytes(b"# My project\n")
    (folder / "notes.txt").write_bytes(b"keep\n")
    assert main(["template", str(folder)]) == 2
    assert f"framelens template: {folder / 'README.md'} {REFUSED}" in capsys.readouterr().out
    assert snapshot(folder) == {
        "README.md": hashlib.sha256(b"# My project\n").hexdigest(),
        "notes.txt": hashlib.sha256(b"keep\n").hexdigest(),
    }
    assert main(["template", str(folder), "--force"]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"wrote an empty dataset to {folder}: codebook.yml, statements.csv, events.csv, ")
    assert (folder / "notes.txt").read_bytes() == b"keep\n"  # not one of the template's files: untouched


def test_docs_keeps_a_users_readme_and_rewrites_its_own(tmp_path, capsys):
    folder = tmp_path / "mine"
    assert main(["template", str(folder)]) == 0
    assert main(["docs", str(folder)]) == 0  # README.md and datapackage.json are the template's: rewritten
    assert capsys.readouterr().out.endswith(f"wrote {folder / 'README.md'}\nwrote {folder / 'datapackage.json'}\n")
    (folder / "README.md").write_bytes(b"# About my data\n")
    assert main(["docs", str(folder)]) == 2
    assert f"framelens docs: {folder / 'README.md'} {REFUSED}" in capsys.readouterr().out
    assert (folder / "README.md").read_bytes() == b"# About my data\n"
    assert main(["docs", str(folder), "--force"]) == 0
    assert (folder / "README.md").read_bytes().startswith(b"<!-- Generated from codebook.yml")


def test_make_docs_passes_force_for_the_repositorys_own_data():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\t$(BIN)/framelens docs data --force\n" in makefile


# slides


def test_slides_keep_a_users_file(tmp_path, capsys):
    handout = tmp_path / "00-start-here-handout.html"
    handout.write_bytes(b"<p>my page</p>")
    assert main(["slides", "--out", str(tmp_path)]) == 2
    assert f"framelens slides: {handout} {REFUSED}" in capsys.readouterr().out
    assert handout.read_bytes() == b"<p>my page</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["00-start-here-handout.html"]


def test_a_link_to_a_users_file_is_not_followed(tmp_path, capsys):
    theirs = tmp_path / "elsewhere.csv"
    theirs.write_bytes(b"precious\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "statements.csv").symlink_to(theirs)
    assert main(["synth", "--rows", "20", "--out", str(out)]) == 2
    assert theirs.read_bytes() == b"precious\n"


def test_a_report_folder_holding_only_what_other_commands_wrote_is_accepted(tmp_path):
    from framelens.publish.output import check_out
    from framelens.safewrite import record

    out = tmp_path / "reports"
    out.mkdir()
    (out / "00-start-here-handout.html").write_text("<p>handout</p>", encoding="utf-8")  # as `make slides` leaves it
    record([out / "00-start-here-handout.html"])
    assert check_out(out, ROOT / "data") is None
    (out / "00-start-here-handout.html").write_text("<p>edited</p>", encoding="utf-8")
    assert "is not empty and was not written by FrameLens (it holds 00-start-here-handout.html)" in check_out(
        out, ROOT / "data"
    )
