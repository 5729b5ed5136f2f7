"""The shipped dataset keeps the size and coverage it was built to have; it cannot silently shrink."""

from urllib.parse import urlsplit

import pandas as pd
import pytest

from framelens import load_dataset
from helpers import ROOT

DATA = ROOT / "data"
NEW_EVENTS = ("bucha-killings-2022", "moskva-sinking-2022", "kursk-incursion-2024")  # added by issue 17


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


def test_each_new_event_is_as_full_as_the_first_six(ds):
    st, blocs = ds.statements, ds.codebook.codes("bloc")
    for event in NEW_EVENTS:
        part = st[st["event_id"] == event]
        assert len(part) >= 40, event
        assert set(part["outlet_bloc"].astype(str)) == set(blocs), event
        assert (ds.claims["event_id"] == event).sum() >= 4, event
        assert part["figure"].notna().any(), f"{event}: numeric claims carry each source's figure"


def test_the_reliability_sample_covers_the_new_events(ds):
    per_statement = ds.reliability.groupby("statement_id")["coder"].nunique()
    double_coded = per_statement[per_statement >= 2].index
    events = ds.statements.set_index("statement_id").loc[double_coded, "event_id"].astype(str)
    per_event = events.value_counts()
    assert per_event.reindex(list(NEW_EVENTS), fill_value=0).sum() >= 20, per_event
    assert (per_event.reindex(list(NEW_EVENTS), fill_value=0) > 0).all(), per_event


def _host(url) -> str:
    host = (urlsplit(url).hostname or "").rstrip(".") if isinstance(url, str) else ""
    return host.removeprefix("www.")


def _on_site(url, home) -> bool:
    """True when url's host is the outlet's home host or a subdomain of it (edition.cnn.com for cnn.com)."""
    host, site = _host(url), _host(home)
    return bool(site) and (host == site or host.endswith("." + site))


def test_every_off_site_url_says_what_kind_of_page_it_is(ds):
    st = ds.statements
    homes = dict(zip(ds.outlets["outlet"].astype(str), ds.outlets["url"]))
    home = st["outlet"].astype(str).map(homes)
    known = home.notna()
    on_site = pd.Series([_on_site(u, h) for u, h in zip(st["url"], home)], index=st.index)
    off_site = known & ~on_site
    assert off_site.sum() >= 80, "the copies traced for issue 17 are still in the data"
    assert st.loc[off_site, "page_kind"].notna().all(), st.loc[off_site & st["page_kind"].isna(), "statement_id"]
    copies = st["page_kind"].isin(["syndication_partner", "aggregator", "mirror"])
    assert not (copies & on_site).any(), "a page on the outlet's own site is not a copy"
    with_original = st["original_url"].notna()
    assert [_on_site(u, h) for u, h in zip(st.loc[with_original, "original_url"], home[with_original])] == [True] * int(
        with_original.sum()
    ), "original_url is the outlet's own page"
