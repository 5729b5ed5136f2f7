"""The report folder's rules (nothing a user owns is lost): refusals, manifest, lock, swap, reuse and safe names.

Each reproduction of issue 14's report cases: the user's files survive byte for byte and the message says why.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from framelens.cli import main
from framelens.publish.output import MANIFEST, OutputRefused, ReportFolder, check_out
from helpers import ROOT

XSS = ROOT / "tests" / "fixtures" / "xss"
VALID = ROOT / "tests" / "fixtures" / "valid"
ONE_NOTEBOOK = [str(XSS / "notebooks" / "50-data-text.ipynb")]


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _report(data: Path, out: str | Path, *extra: str) -> int:
    return main(["report", "--data", str(data), "--out", str(out), "--quiet", "--notebooks", *ONE_NOTEBOOK, *extra])


def test_out_inside_or_equal_to_the_data_is_refused_and_the_data_survives(tmp_path, capsys):
    data = tmp_path / "P"
    shutil.copytree(XSS, data)
    (data / "tables").mkdir()
    shutil.copyfile(data / "statements.csv", data / "tables" / "statements.csv")
    before = _tree(data)
    for out in (data, data / "tables", data / "sub", tmp_path):  # equal to, inside (twice) and containing the data
        assert _report(data, out) == 2
    assert _report(data / "tables", data) == 2  # --data inside --out: the report would be written around it
    assert _tree(data) == before
    printed = capsys.readouterr().out
    assert "the dataset folder" in printed and "Traceback" not in printed


def test_empty_out_is_refused(tmp_path, capsys):
    assert _report(XSS, "") == 2
    assert "--out is empty" in capsys.readouterr().out


def test_a_folder_of_someone_elses_files_is_refused_whole(tmp_path, capsys):
    out = tmp_path / "mine"
    (out / "tables").mkdir(parents=True)
    (out / "index.html").write_text("my own page", encoding="utf-8")
    (out / "tables" / "budget.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (out / "briefs").mkdir()
    (out / "briefs" / "ev-alpha.html").write_text("mine", encoding="utf-8")
    before = _tree(out)
    assert _report(XSS, out) == 2
    assert "was not written by FrameLens" in capsys.readouterr().out
    assert _tree(out) == before


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Path:
    """One report of the XSS fixture: its data notebook and the briefs of both events (copied by each test)."""
    out = tmp_path_factory.mktemp("first") / "reports"
    assert _report(XSS, out, "--event", "ev-alpha", "ev-beta") == 0
    return out


def test_rebuild_keeps_the_users_files_reuses_pages_and_drops_only_its_own_leftovers(first_build, tmp_path, capsys):
    out = tmp_path / "reports"
    shutil.copytree(first_build, out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "briefs/ev-beta.html" in manifest["files"] and "index.html" in manifest["files"]
    (out / "notes.txt").write_text("my notes", encoding="utf-8")  # a user's file beside the report
    (out / "tables" / "mine.csv").write_text("x\n1\n", encoding="utf-8")  # even among the tables
    assert _report(XSS, out, "--event", "ev-alpha") in (0, 1)
    printed = capsys.readouterr().out
    assert "2 reused unchanged" in printed  # the data page and the ev-alpha brief
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert (out / "tables" / "mine.csv").read_text(encoding="utf-8") == "x\n1\n"
    assert not (out / "briefs" / "ev-beta.html").exists()  # FrameLens's own page, no longer in the report
    assert (out / "briefs" / "ev-alpha.html").is_file()


def test_a_manifest_cannot_make_framelens_delete_outside_the_report(tmp_path):
    out, victim = tmp_path / "reports", tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out.mkdir()
    (out / MANIFEST).write_text(json.dumps({"files": ["../victim.txt", str(victim)]}), encoding="utf-8")
    with ReportFolder(out) as folder:
        (folder.staging / "index.html").write_text("new", encoding="utf-8")
        folder.commit(["index.html"], {})
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_an_interrupted_build_leaves_the_previous_report_whole(first_build, tmp_path, monkeypatch, capsys):
    out = tmp_path / "reports"
    shutil.copytree(first_build, out)
    before = _tree(out)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("framelens.publish.report._run_jobs", interrupted)
    code = main(
        [
            "report",
            "--data",
            str(XSS),
            "--out",
            str(out),
            "--quiet",
            "--event",
            "ev-beta",
            "--notebooks",
            str(XSS / "notebooks" / "99-failing.ipynb"),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 130 and "interrupted; nothing in" in printed and "Traceback" not in printed
    assert _tree(out) == before
    assert not any(p.name.startswith(".reports.framelens") for p in tmp_path.iterdir())  # staging and lock gone


def test_a_second_build_into_the_same_folder_is_refused_naming_the_first(tmp_path):
    out = tmp_path / "reports"
    with ReportFolder(out):
        with pytest.raises(OutputRefused, match=f"process {os.getpid()}"):
            ReportFolder(out).__enter__()


def test_a_stale_lock_of_a_dead_build_is_taken_over(tmp_path):
    out = tmp_path / "reports"
    lock = tmp_path / ".reports.framelens-lock"
    import socket

    lock.write_text(json.dumps({"pid": 2**22 + 12345, "host": socket.gethostname(), "started": "x"}), encoding="utf-8")
    with ReportFolder(out) as folder:
        assert folder.staging.is_dir()
    assert not lock.exists()


def test_check_out_names_the_problem():
    assert "is the dataset folder" in check_out(str(VALID), VALID)
    assert "is inside the dataset folder" in check_out(str(VALID / "x"), VALID)
    assert "contains the dataset folder" in check_out(str(VALID.parent), VALID)


def test_event_ids_that_differ_by_case_or_are_very_long_get_distinct_safe_pages(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(XSS, data)
    for name in ("events.csv", "claims.csv", "statements.csv"):
        path = data / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("ev-beta", "EV-ALPHA"), encoding="utf-8")
    assert main(["validate", str(data)]) == 0, capsys.readouterr().out
    out = tmp_path / "reports"
    from framelens.publish.report import build_reports

    result = build_reports(data, out, [], events=["ev-alpha", "EV-ALPHA"])
    assert not result.failed
    briefs = sorted(p.name for p in (out / "briefs").glob("*.html"))
    assert len(briefs) == 2 and len({b.casefold() for b in briefs}) == 2


def test_progress_off_a_terminal_is_one_plain_line_per_page(tmp_path, capsys):
    # pytest's captured stderr is not a terminal, as in a log or a CI job: no bar and no carriage-return redraws
    code = main(
        [
            "report",
            "--data",
            str(XSS),
            "--out",
            str(tmp_path / "out"),
            "--event",
            "ev-beta",
            "--notebooks",
            *ONE_NOTEBOOK,
        ]
    )
    err = capsys.readouterr().err
    assert code == 0
    assert "\r" not in err
    lines = [line.strip().rsplit(" (", 1) for line in err.splitlines() if line.endswith(" of 2)")]
    assert sorted(name for name, _ in lines) == ["50-data-text.html", "brief ev-beta"]
    assert sorted(count for _, count in lines) == ["1 of 2)", "2 of 2)"]  # pages finish in either order
