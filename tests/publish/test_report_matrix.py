"""Every dataset that validates builds every report page: the real ``framelens report`` on each matrix case.

The cases (tests/matrix.py, ``GAPS``) combine gaps so each build exercises several: required columns only, each
optional table alone or absent, one event, one bloc and outlet, one statement, no claims, no relays, no cross-bloc
speakers, no figures; plus the shipped fixture ``tests/fixtures/valid``. Each build runs the 9 notebooks and a brief
per event. Measured on 2 shared cores (other jobs running): 31 to 66 s a case, 436 s (7.3 min) for the 10 builds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import framelens
from framelens.publish.report import brief_events, default_notebooks
from framelens.readiness import NEEDS, limits
from helpers import ROOT, VALID
from matrix import GAPS, matrix_datasets

# the keys notebooks ask needs() about, and the page that must then say the section is left out
PAGES = {"claims": ["04-claims-and-credibility"], "events": ["05-sourcing-and-timeline"]}
CASES = [*GAPS, "fixture-valid"]


@pytest.fixture(scope="module")
def datasets(tmp_path_factory) -> dict[str, Path]:
    return {**matrix_datasets(tmp_path_factory.mktemp("matrix")), "fixture-valid": VALID}


def _printed(executed: Path) -> str:
    nb = nbformat.read(executed, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


@pytest.mark.parametrize("case", CASES)
def test_every_page_builds(case, datasets, tmp_path):
    data, out = datasets[case], tmp_path / "report"
    command = [sys.executable, "-m", "framelens", "report", "--quiet", "--data", str(data), "--out", str(out)]
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "FAILED" not in run.stdout and "Traceback" not in run.stdout + run.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    ds = framelens.load_dataset(data)
    for nb in default_notebooks():
        assert (out / f"{nb.stem}.html").is_file() and f'href="{nb.stem}.html"' in index, nb.stem
    manifest = json.loads((out / ".framelens-manifest.json").read_text(encoding="utf-8"))
    briefs = [p for p in manifest["pages"] if p.startswith("briefs/")]
    assert len(briefs) == len(brief_events(ds)) and all(f'href="{b}"' in index for b in briefs)
    limited = {key for key, _, _ in limits(ds)}
    for key in limited & set(PAGES):
        section, _, why = NEEDS[key]
        for page in PAGES[key]:
            assert f"{section}: {why[0].upper()}{why[1:]}." in _printed(out / "executed" / f"{page}.ipynb"), (key, page)
    if "figures" in limited and "claims" not in limited:  # figures are asked about only when there are claims
        assert "Duelling figures: No statement gives a figure" in _printed(
            out / "executed" / "04-claims-and-credibility.ipynb"
        )
    if "relays" in limited:  # exercise 8 reads the relay graph: not posed, and says why
        assert "has no relayed statement (no cited_source)" in _printed(out / "executed" / "08-exercises.ipynb")
