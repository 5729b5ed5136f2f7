import subprocess
import sys

from framelens.cli import main
from helpers import VALID, rewrite_cell


def test_validate_valid_prints_summary(capsys):
    assert main(["validate", str(VALID)]) == 0
    out = capsys.readouterr().out
    assert "statements.csv: 9 rows" in out and "statements per outlet bloc: ukrainian 2, russian 4" in out


def test_validate_invalid_exits_1_with_every_problem(valid_copy, capsys):
    rewrite_cell(valid_copy / "statements.csv", 0, "frame", "liberaton")
    rewrite_cell(valid_copy / "statements.csv", 1, "quote_language", "EN")
    assert main(["validate", str(valid_copy)]) == 1
    out = capsys.readouterr().out
    assert "2 problems found" in out
    assert "line 3, quote_language: 'EN' is not an ISO 639-1 language code (wrong case: did you mean 'en'?)" in out
    assert "Traceback" not in out


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing")]) == 2
    proc = subprocess.run([sys.executable, "-m", "framelens"], capture_output=True, text=True)
    assert proc.returncode == 2 and "usage" in proc.stderr


def test_module_entry_point_validates():
    proc = subprocess.run([sys.executable, "-m", "framelens", "validate", str(VALID)], capture_output=True, text=True)
    assert proc.returncode == 0 and "valid" in proc.stdout


def test_lenient_writes_rejects_and_reconciles(valid_copy, capsys):
    rewrite_cell(valid_copy / "statements.csv", 0, "frame", "liberaton")
    assert main(["validate", str(valid_copy), "--lenient"]) == 0
    out = capsys.readouterr().out
    assert "statements.csv: read 9 = kept 8 + rejected 1" in out
    rejects = (valid_copy / "rejects.csv").read_text(encoding="utf-8")
    assert "liberaton" in rejects and "statements.csv,2," in rejects


def test_template_writes_a_folder_that_validates_after_one_row(tmp_path, capsys):
    target = tmp_path / "mine"
    assert main(["template", str(target)]) == 0
    assert (target / "codebook.yml").is_file() and (target / "README.md").is_file()
    header = (target / "statements.csv").read_text(encoding="utf-8").strip().split(",")
    assert header[:3] == ["statement_id", "event_id", "published_at"]
    for name in ("events.csv", "claims.csv", "outlets.csv", "reliability.csv"):
        (target / name).unlink()
    row = {
        "statement_id": "a1",
        "event_id": "e1",
        "published_at": "2024-01-01",
        "outlet": "O",
        "outlet_bloc": "other",
        "speaker": "editorial",
        "speaker_bloc": "other",
        "quote": "Words",
        "quote_language": "en",
        "quote_type": "verbatim",
        "frame": "aggression",
    }
    with (target / "statements.csv").open("a", encoding="utf-8") as f:
        f.write(",".join(row.get(c, "") for c in header) + "\n")
    assert main(["validate", str(target)]) == 0
    assert main(["template", str(target)]) == 2


def test_lenient_with_nothing_rejected_leaves_an_existing_rejects_file_as_it_was(valid_copy, capsys):
    old = valid_copy / "rejects.csv"
    old.write_bytes(b"file,line,problems,record\nstatements.csv,2,old,\n")
    before = old.read_bytes()
    assert main(["validate", str(valid_copy), "--lenient"]) == 0
    assert old.read_bytes() == before
    assert f"nothing rejected; {old} left as it was" in capsys.readouterr().out


def test_warnings_are_capped(valid_copy, capsys):
    from framelens.dataset.problems import SHOWN

    st = valid_copy / "statements.csv"
    text = st.read_text(encoding="utf-8").splitlines()
    header, first = text[0], text[1]  # s1: a one-line row on event ev-alpha, published 2023-05-22
    early = first.replace("2023-05-22", "2023-05-01", 1)  # before the event's start: a warning
    rows = [early.replace("s1,", f"w{i},", 1) for i in range(SHOWN + 5)]
    st.write_text("\n".join([header] + text[1:] + rows) + "\n", encoding="utf-8")
    (valid_copy / "reliability.csv").unlink()
    assert main(["validate", str(valid_copy)]) == 0
    out = capsys.readouterr().out
    assert out.count("warning:") == SHOWN and "... and 5 more warnings" in out
