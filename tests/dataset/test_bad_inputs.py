"""The malformed-input corpus: every case gives exactly the expected `framelens validate` output.

Committed cases live in tests/bad_inputs/<case>/ (the dataset files plus expected.txt, with the folder
written as <folder>). Cases whose bytes would be huge or fragile in git (other encodings, NUL bytes,
odd line ends, a 10 MB field) are generated here into tmp_path from the valid fixture.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framelens import load_dataset
from framelens.cli import main
from helpers import ROOT, VALID

CASES = ROOT / "tests" / "bad_inputs"
COMMITTED = sorted(p.name for p in CASES.iterdir() if (p / "expected.txt").is_file())
SUMMARY = """<folder>: valid
  statements.csv: 9 rows
  events.csv: 2 rows
  claims.csv: 4 rows
  outlets.csv: 6 rows
  reliability.csv: 6 rows
  statements per outlet bloc: ukrainian 2, russian 4, russian_independent 1, western 1, other 1
  published 2023-05-22 to 2023-06-07
report readiness: every section has the data it needs
"""


def validate_output(folder: Path, capsys) -> tuple[int, str]:
    code = main(["validate", str(folder)])
    return code, capsys.readouterr().out.replace(str(folder), "<folder>")


def _statements(folder: Path) -> bytes:
    return (folder / "statements.csv").read_bytes()


def _cyrillic_text() -> str:
    return _statements(VALID).decode("utf-8")  # CRLF line ends, as spreadsheets write them


def _make(name: str, folder: Path) -> None:
    """Write the generated case ``name`` into ``folder`` (a copy of the valid fixture)."""
    path = folder / "statements.csv"
    text = _cyrillic_text()
    if name == "cp1251":
        path.write_bytes(text.encode("cp1251"))
    elif name == "latin1":
        path.write_bytes(
            text.replace("Synthetic Cyrillic row", "Synthétique: café à Zürich").encode("latin-1", errors="replace")
        )
    elif name == "utf16":
        path.write_bytes(text.encode("utf-16"))
    elif name == "utf16-no-bom":
        path.write_bytes(text.encode("utf-16-le"))
    elif name == "nul-bytes":
        lines = text.split("\n")
        lines[4] = lines[4].replace("Ukraine", "Ukr\x00aine")
        path.write_bytes("\n".join(lines).encode("utf-8"))
    elif name == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    elif name == "mixed-line-endings":
        lines = text.replace("\r\n", "\n").split("\n")
        path.write_bytes(
            "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines[:-1])).encode("utf-8")
        )
    elif name == "old-mac-line-endings":
        path.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r").encode("utf-8"))
    elif name == "ten-mb-field":
        lines = text.split("\n")
        assert lines[3].endswith(",\r")  # s3, with empty notes
        lines[3] = lines[3][:-1] + "x" * 10_000_000 + "\r"
        path.write_bytes("\n".join(lines).encode("utf-8"))
    else:
        raise KeyError(name)


GENERATED = {
    "cp1251": "<folder>: 1 problem found\n  statements.csv line 2: is not valid UTF-8 (first bad byte on this line); "
    "it looks like cp1251 (Windows Cyrillic): save it as UTF-8\n",
    "latin1": "<folder>: 1 problem found\n  statements.csv line 2: is not valid UTF-8 (first bad byte on this line); "
    "it looks like Latin-1 / cp1252 (Western European): save it as UTF-8\n",
    "utf16": "<folder>: 1 problem found\n  statements.csv: looks like UTF-16 (it starts with a UTF-16 byte-order "
    "mark); save it as UTF-8\n",
    "utf16-no-bom": "<folder>: 1 problem found\n  statements.csv line 1: contains NUL bytes (a binary file, or UTF-16 "
    "without a byte-order mark?); save it as UTF-8 CSV\n",
    "nul-bytes": "<folder>: 1 problem found\n  statements.csv line 5: contains NUL bytes (a binary file, or UTF-16 "
    "without a byte-order mark?); save it as UTF-8 CSV\n",
    "bom": SUMMARY,
    "mixed-line-endings": SUMMARY,
    "old-mac-line-endings": SUMMARY,
    "ten-mb-field": "<folder>: 1 problem found\n  statements.csv line 4, notes: "
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is 10,000,000 characters long; "
    "at most 10,000 are allowed\n",
}


def test_the_corpus_is_large_enough():
    assert len(COMMITTED) + len(GENERATED) >= 40


@pytest.mark.parametrize("case", COMMITTED)
def test_committed_case(case, capsys):
    folder = CASES / case
    expected = (folder / "expected.txt").read_text(encoding="utf-8")
    code, out = validate_output(folder, capsys)
    assert out == expected
    assert code == (1 if "problems found" in expected or "problem found" in expected else 0)


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_case(case, tmp_path, capsys):
    folder = tmp_path / "ds"
    shutil.copytree(VALID, folder)
    _make(case, folder)
    code, out = validate_output(folder, capsys)
    assert out == GENERATED[case]
    assert code == (0 if out == SUMMARY else 1)


def test_line_numbers_survive_odd_line_ends(tmp_path):
    """Physical lines are the same whatever the line ends (the multi-line note keeps s7 on line 9)."""
    for case in ("bom", "mixed-line-endings", "old-mac-line-endings"):
        folder = tmp_path / case
        shutil.copytree(VALID, folder)
        _make(case, folder)
        ds = load_dataset(folder)
        assert dict(zip(ds.statements["statement_id"], ds.lines["statements"].tolist()))["s7"] == 9, case


@pytest.mark.parametrize("case", ["formula-like-text", "html-like-text"])
def test_formula_and_html_text_load_unchanged(case):
    import csv

    folder = CASES / case
    ds = load_dataset(folder)
    with (folder / "statements.csv").open(encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    for column in ("quote", "notes", "speaker_role", "cited_source", "actor_label"):
        got = ds.statements[column].fillna("").tolist()
        assert got == [r[column] for r in records], column
