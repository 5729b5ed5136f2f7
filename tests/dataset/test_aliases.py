"""Aliases: aliases.csv applied at load, its errors, and likely aliases found in the data."""

import shutil

import pandas as pd

from framelens import load_dataset
from framelens.credibility import track_record
from framelens.dataset.aliases import apply_aliases, fold, likely_aliases
from helpers import ROOT, VALID


def test_fold_sets_aside_case_spaces_punctuation_and_word_order():
    assert fold("Russian Ministry of Defence") == fold("Russian Defence Ministry") == "defence ministry russian"
    assert fold("RUSSIAN\u00a0defence-ministry.") == fold("Russian Defence Ministry")  # no-break space, hyphen
    assert fold("Freedom of Russia Legion; Russian Volunteer Corps") == fold(
        "Freedom of Russia Legion and Russian Volunteer Corps"
    )
    assert fold("Ministry R") != fold("Ministry U")


def test_apply_aliases_only_in_the_named_column():
    st = pd.DataFrame(
        {
            "speaker": pd.array(["MoD", "TASS"], dtype="string"),
            "cited_source": pd.array(["MoD", None], dtype="string"),
        }
    )
    al = pd.DataFrame({"column": ["speaker"], "alias": ["MoD"], "canonical": ["Defence Ministry"]})
    out = apply_aliases(st, al)
    assert out["speaker"].tolist() == ["Defence Ministry", "TASS"] and out["cited_source"].tolist()[0] == "MoD"
    assert out["speaker"].dtype == st["speaker"].dtype and st["speaker"].tolist() == ["MoD", "TASS"]  # input kept


def test_likely_aliases_pool_the_source_columns():
    st = pd.DataFrame(
        {
            "outlet": ["iStories", "TASS", "TASS"],
            "speaker": ["editorial", "Russian Defence Ministry", "Russian Ministry of Defence"],
            "cited_source": [None, "IStories", None],
        }
    )
    found = likely_aliases(st)
    assert found[["column", "name"]].values.tolist() == [
        ["speaker", "Russian Defence Ministry"],
        ["speaker", "Russian Ministry of Defence"],
        ["outlet", "iStories"],  # a tie in rows: the outlet's own spelling comes first
        ["cited_source", "IStories"],
    ]


def test_shipped_aliases_make_the_russian_defence_ministry_one_speaker(tmp_path):
    """Issue 15: "Russian Ministry of Defence" and "Russian Defence Ministry" are one speaker."""
    ds = load_dataset(ROOT / "data")
    speakers = set(ds.statements["speaker"].dropna())
    assert "Russian Ministry of Defence" not in speakers and "Russian Defence Ministry" in speakers
    raw = pd.read_csv(ROOT / "data" / "statements.csv", dtype=str)
    named = raw["speaker"].isin(["Russian Ministry of Defence", "Russian Defence Ministry"]).sum()
    assert (ds.statements["speaker"] == "Russian Defence Ministry").sum() == named
    # without aliases.csv the two spellings are two track records, and the validator points at the pair
    for f in (ROOT / "data").iterdir():
        if f.is_file() and f.name != "aliases.csv":
            shutil.copy(f, tmp_path / f.name)
    split = load_dataset(tmp_path)
    warned = {(p.column, p.value) for p in split.warnings}
    assert ("speaker", "Russian Ministry of Defence") in warned and ("cited_source", "IStories") in warned
    apart = track_record(split.statements, split.claims, by="speaker").set_index("speaker")
    together = track_record(ds.statements, ds.claims, by="speaker").set_index("speaker")
    one = together.loc["Russian Defence Ministry"]
    parts = apart.loc[["Russian Defence Ministry", "Russian Ministry of Defence"]]
    assert one["statements"] == parts["statements"].sum()
    assert one["claims"] <= parts["claims"].sum()  # a claim both spellings spoke to is one vote now


def test_aliases_table_is_optional_and_fixture_loads_without_it():
    ds = load_dataset(VALID)
    assert ds.aliases is None and ds.warnings == []


def test_lenient_sets_bad_alias_rows_aside_and_keeps_the_good_one():
    ds = load_dataset(ROOT / "tests" / "bad_inputs" / "bad-aliases", lenient=True)
    assert ds.rejects["file"].tolist() == ["aliases.csv"] * 3 and ds.rejects["line"].tolist() == [2, 3, 4]
    assert ds.aliases[["column", "alias", "canonical"]].values.tolist() == [["speaker", "Gov R", "Governor of R"]]
    assert "Governor R" in set(ds.statements["speaker"])  # its alias row was rejected, so the name stays
