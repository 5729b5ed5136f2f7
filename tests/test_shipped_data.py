"""The shipped dataset keeps the size and coverage it was built to have; it cannot silently shrink."""

import pandas as pd
import pytest

from conftest import ROOT
from framelens import load_dataset

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATA)


def test_it_validates_without_warnings(ds):
    assert ds.warnings == []


def test_size(ds):
    assert ds.events is not None and len(ds.events) >= 9
    assert len(ds.statements) >= 450
    assert ds.statements["outlet"].nunique() >= 130
    assert (ds.statements.groupby("event_id").size() >= 40).all()
    assert {"belgorod-raid-2023", "bucha-killings-2022", "moskva-sinking-2022", "kursk-incursion-2024"} <= set(
        ds.events["event_id"]
    )


def test_every_row_says_what_kind_of_page_it_cites(ds):
    st = ds.statements
    assert st["page_kind"].notna().all()
    assert (st["page_kind"] == "own").mean() > 0.5, "most rows cite the outlet's own page"
    mirrors = st.loc[st["page_kind"] == "mirror", "notes"]
    assert mirrors.str.contains(r"mirror|cop(?:y|ies)", case=False).all(), "a row kept on a mirror says so in its notes"
    assert (st["original_url"].isna() | st["original_url"].ne(st["url"])).all()


def test_every_bloc_in_every_event(ds):
    blocs = ds.codebook.codes("bloc")
    table = pd.crosstab(ds.statements["event_id"], ds.statements["outlet_bloc"]).reindex(columns=blocs, fill_value=0)
    assert (table > 0).all().all(), table


def test_official_and_editorial_voices_in_every_event(ds):
    st = ds.statements
    for event, part in st.groupby("event_id"):
        assert (part["speaker"] == "editorial").any(), event
        assert (part["speaker"] != "editorial").sum() >= 10, event


def test_claims_per_event_and_figures(ds):
    assert (ds.claims.groupby("event_id").size() >= 4).all()
    assert ds.statements["figure"].notna().sum() >= 20
    settled = ds.claims["verdict"].isin(["confirmed", "likely_true", "likely_false", "false", "disputed"])
    assert ds.claims.loc[settled, "verdict_basis"].notna().all(), "every verdict other than unverified states its basis"


def test_every_row_is_cited(ds):
    assert ds.statements["url"].notna().all()
    assert ds.statements["url"].str.match(r"https?://").all()
    assert ds.statements["coder"].notna().all()


def test_relay_chains_are_recorded(ds):
    assert ds.statements["cited_source"].notna().sum() >= 20


def test_reliability_sample(ds):
    rel = ds.reliability
    assert rel is not None
    per_statement = rel.groupby("statement_id")["coder"].nunique()
    assert (per_statement >= 2).sum() >= 80
    coded = ds.statements[ds.statements["statement_id"].isin(per_statement.index)]
    assert coded["event_id"].nunique() == len(ds.events), "the sample covers every event"
    for col in ("frame", "label_valence", "stance"):
        assert col in rel.columns
