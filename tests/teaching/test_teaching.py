"""Teaching tables come from the codebook (not retyped); the handout is offline."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest
import yaml

import framelens
from framelens.cli import main
from framelens.dataset.codebook import load_codebook
from framelens.publish.html import external_resources
from framelens.teaching import primer
from framelens.teaching import slides as teaching
from helpers import ROOT, VALID


@pytest.fixture(scope="module")
def ds():
    return framelens.load_dataset(ROOT / "data")


def test_vocabulary_table_is_the_codebook():
    raw = yaml.safe_load((ROOT / "data" / "codebook.yml").read_text(encoding="utf-8"))
    cb = load_codebook()
    for name in ("bloc", "frame", "stance", "label_valence"):
        table = primer.vocabulary_table(cb, name)
        assert list(table.index) == [str(k) for k in raw["vocabularies"][name]["values"]]
        for code, body in raw["vocabularies"][name]["values"].items():
            assert table.at[str(code), "definition"] == body["definition"]
            assert table.at[str(code), "label"] == body["label"]
    assert list(primer.vocabulary_table(cb, "frame").columns) == ["label", "definition", "cues", "mfc_dimension"]


def test_an_added_code_shows_up(tmp_path):
    folder = tmp_path / "ds"
    shutil.copytree(VALID, folder)
    raw = yaml.safe_load((ROOT / "data" / "codebook.yml").read_text(encoding="utf-8"))
    raw["vocabularies"]["frame"]["values"]["humiliation"] = {"definition": "The other side is shown as humiliated."}
    (folder / "codebook.yml").write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    table = primer.vocabulary_table(framelens.load_dataset(folder).codebook, "frame")
    assert table.index[-1] == "humiliation" and table.at["humiliation", "cues"] == ""


def test_admiralty_table_pairs_the_two_scales():
    table = primer.admiralty_table(load_codebook())
    assert list(table.index) == list("ABCDEF")
    assert list(table["information"]) == ["1", "2", "3", "4", "5", "6"]
    assert table.at["B", "source reliability"] == "Usually reliable"
    assert table.at["F", "source reliability"] == "Reliability cannot be judged"
    assert table.loc["F", "information credibility"] == "Truth cannot be judged"
    assert table.at["A", "what it means"].startswith("No doubt of authenticity")


def test_walkthrough_covers_every_column(ds):
    walk = primer.statement_walkthrough(ds, "belgorod-021")
    assert list(walk.index) == list(ds.codebook.tables["statements"].columns)
    row = ds.statements.set_index("statement_id").loc["belgorod-021"]
    assert walk.at["outlet", "value"] == row["outlet"]
    assert walk.at["frame", "this value means"] == ds.codebook.vocabularies["frame"].definition(str(row["frame"]))
    assert walk.at["quote", "required"] == "yes" and walk.at["notes", "required"] == ""
    with pytest.raises(KeyError):
        primer.statement_walkthrough(ds, "no-such-row")


def test_walkthrough_explains_each_secondary_frame():
    ds = framelens.load_dataset(VALID)
    st = ds.statements
    sid = st.loc[st["secondary_frames"].notna(), "statement_id"].iloc[0]
    walk = primer.statement_walkthrough(ds, sid)
    codes = [c.strip() for c in str(st.set_index("statement_id").at[sid, "secondary_frames"]).split(";") if c.strip()]
    for code in codes:
        assert (
            f"{code}: {ds.codebook.vocabularies['frame'].definition(code)}"
            in walk.at["secondary_frames", "this value means"]
        )


def test_notebook_map_lists_the_numbered_notebooks(tmp_path):
    for name, md in (
        ("01-a.ipynb", "# 01 · A\n\nShows a. Then more."),
        ("00-b.ipynb", "# 00 · B\n\nShows b?"),
        ("notes.ipynb", "# x"),
    ):
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(md)]), tmp_path / name)
    table = primer.notebook_map(tmp_path)
    assert list(table.index) == ["00-b.ipynb", "01-a.ipynb"]
    assert table.at["01-a.ipynb", "title"] == "01 · A" and table.at["01-a.ipynb", "what it shows"] == "Shows a."


def test_handout_is_offline_and_print_friendly(tmp_path):
    out = teaching.write_handout(ROOT / "notebooks" / "00-start-here.ipynb", tmp_path / "handout.html")
    page = out.read_text(encoding="utf-8")
    assert external_resources(page) == []
    assert "break-before: page" in page
    assert "Start here" in page
    assert main(["slides", "--out", str(tmp_path / "cli")]) == 0
    assert (tmp_path / "cli" / "00-start-here-handout.html").is_file()


def test_slides_are_one_offline_file_cut_at_the_headings(tmp_path):
    slides = tmp_path / "slides.html"
    teaching.write_handout(ROOT / "notebooks" / "00-start-here.ipynb", tmp_path / "h.html", slides=slides)
    page = slides.read_text(encoding="utf-8")
    assert external_resources(page) == [] and "<script src" not in page and "<link" not in page
    assert "script-src 'unsafe-inline'" in page and "default-src 'none'" in page  # only the inlined reveal.js may run
    nb = nbformat.read(ROOT / "notebooks" / "00-start-here.ipynb", as_version=4)
    headings = sum(1 for c in nb.cells if c.cell_type == "markdown" and re.match(r"#{1,2} ", c.source))
    assert page.count("<section >") + page.count("<section>") >= headings  # a slide per H1/H2 (sub-slides nest inside)
    assert "reveal.js 4.6.0" in page and "Reveal.initialize" in page
