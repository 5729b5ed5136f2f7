"""The validator output shown in the README is what the validator really prints."""

import re
import shutil

from framelens.cli import main
from helpers import ROOT, VALID, rewrite_cell


def test_readme_validator_example_is_current(tmp_path, capsys, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```\n\$ framelens validate my-data\n(.*?)```", readme, re.S).group(1)
    folder = tmp_path / "my-data"
    shutil.copytree(VALID, folder)
    st = folder / "statements.csv"
    rewrite_cell(st, 0, "frame", "liberaton")
    rewrite_cell(st, 1, "outlet_bloc", "Russian")
    rewrite_cell(st, 2, "published_at", "22/05/2023")
    rewrite_cell(st, 4, "event_id", "ev-alfa")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "my-data"]) == 1
    assert capsys.readouterr().out == shown
