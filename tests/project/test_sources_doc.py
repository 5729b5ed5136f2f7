"""data/SOURCES.md states the shipped data's size, coverage and provenance: every figure it tables equals the data's."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from framelens import load_dataset
from helpers import ROOT

PAGE = (ROOT / "data" / "SOURCES.md").read_text(encoding="utf-8")
TEXT = " ".join(PAGE.split())  # the prose with its line breaks folded
NEW_EVENTS = ("bucha-killings-2022", "moskva-sinking-2022", "kursk-incursion-2024")


@pytest.fixture(scope="module")
def ds():
    return load_dataset(ROOT / "data")


def _table(first_header: str) -> list[list[str]]:
    """The body rows of the markdown table whose header row starts with ``| first_header |``, cells stripped."""
    lines = PAGE.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _code(cell: str) -> str:
    """The `code` a cell starts with."""
    return re.match(r"`([^`]+)`", cell).group(1)


def test_the_opening_sentence_gives_the_current_size(ds):
    per_statement = ds.reliability.groupby("statement_id")["coder"].nunique()
    expected = (
        f"`data/` holds {len(ds.statements)} statements about nine events of the Russia-Ukraine war, from "
        f"{ds.statements['outlet'].nunique()} outlets, with {len(ds.claims)} claims, {len(ds.events)} events and a "
        f"double-coded reliability sample of {int((per_statement >= 2).sum())} statements."
    )
    assert expected in TEXT
    assert len(ds.events) == 9  # "nine" in the sentence


def test_statements_and_claims_per_event(ds):
    rows = _table("event")
    table = {_code(r[0]): (r[1], int(r[2]), int(r[3])) for r in rows}
    st_counts = ds.statements["event_id"].astype(str).value_counts()
    claim_counts = ds.claims["event_id"].astype(str).value_counts()
    starts = {str(e): f"{pd.Timestamp(d):%Y-%m-%d}" for e, d in zip(ds.events["event_id"], ds.events["start_date"])}
    assert table == {e: (starts[e], int(st_counts[e]), int(claim_counts[e])) for e in starts}


def test_statements_per_outlet_bloc_and_event(ds):
    header = next(line for line in PAGE.splitlines() if line.startswith("| event | ukrainian |"))
    blocs = [cell.strip() for cell in header.strip().strip("|").split("|")][1:]
    assert blocs == ds.codebook.codes("bloc")
    st = ds.statements
    cross = pd.crosstab(st["event_id"].astype(str), st["outlet_bloc"].astype(str)).reindex(columns=blocs, fill_value=0)
    for row in _table("event | ukrainian"):
        want = cross.sum() if row[0] == "all" else cross.loc[_code(row[0])]
        assert [int(x) for x in row[1:]] == want.tolist(), row[0]
    assert len(_table("event | ukrainian")) == len(cross) + 1


def test_provenance_counts_per_page_kind(ds):
    st = ds.statements
    kind = st["page_kind"].astype(str)
    new = st["event_id"].astype(str).isin(NEW_EVENTS)
    rows = _table("page_kind")
    assert [_code(r[0]) for r in rows] == ds.codebook.codes("page_kind")
    for row in rows:
        k = _code(row[0])
        assert [int(x) for x in row[2:5]] == [
            int((~new & (kind == k)).sum()),
            int((new & (kind == k)).sum()),
            int((kind == k).sum()),
        ], k
    if st["original_url"].isna().all():
        assert "`original_url` is empty on every row" in TEXT


def test_quote_types_verdicts_and_figures(ds):
    st, claims = ds.statements, ds.claims
    quote_types = st["quote_type"].astype(str).value_counts()
    for code in ds.codebook.codes("quote_type"):
        assert re.search(rf"\(`{code}`: {int(quote_types.get(code, 0))}\b", TEXT), code
    verdicts = claims["verdict"].astype(str).value_counts()
    listed = ", ".join(f"{v} {int(verdicts[v])}" for v in ds.codebook.codes("verdict") if v in verdicts)
    assert f"Verdicts over all {len(claims)} claims: {listed}." in TEXT
    assert f"carry each source's number in `figure` ({int(st['figure'].notna().sum())} rows)" in TEXT


def test_quote_languages(ds):
    names = {
        "en": "English",
        "ru": "Russian",
        "uk": "Ukrainian",
        "pt": "Portuguese",
        "de": "German",
        "es": "Spanish",
        "zh": "Chinese",
    }
    counts = ds.statements["quote_language"].astype(str).value_counts()
    assert set(counts.index) <= set(names)
    many = ", ".join(f"{names[c]} {int(n)}" for c, n in counts.items() if n > 1)
    found = re.search(rf"Languages: {many}, and one each in ([A-Za-z, ]+?) and ([A-Za-z]+)\.", TEXT)
    assert found, many
    ones = {names[c] for c, n in counts.items() if n == 1}
    assert set(found.group(1).split(", ")) | {found.group(2)} == ones
