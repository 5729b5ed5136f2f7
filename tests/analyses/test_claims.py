"""Claim ledger, matrix and duelling figures, checked against hand-counted fixtures."""

import math

import pandas as pd
import pytest

import framelens
from framelens.claims import (
    claim_ledger,
    claim_matrix,
    claim_statements,
    duelling_figures,
    figure_spread,
    stance_counts,
)
from helpers import VALID


def statements() -> pd.DataFrame:
    """Seven statements on three claims; s7 speaks to no claim."""
    rows = [
        # id, claim, stance, speaker_bloc, outlet_bloc, outlet, speaker, figure, date
        ("s1", "k1", "asserts", "russian", "russian", "TASS", "MoD", None, "2023-05-22"),
        ("s2", "k1", "asserts", "russian", "western", "BBC", "MoD", None, "2023-05-23"),
        ("s3", "k1", "denies", "ukrainian", "ukrainian", "NV", "Podolyak", None, "2023-05-22"),
        ("s4", "k1", "attributes", "western", "western", "BBC", "editorial", None, "2023-05-22"),
        ("s5", "k2", "asserts", "russian", "russian", "TASS", "MoD", 70.0, "2023-05-23"),
        ("s6", "k2", "asserts", "ukrainian", "ukrainian", "NV", "editorial", 2.0, "2023-05-24"),
        ("s7", None, None, "other", "other", "CGTN", "editorial", None, "2023-05-22"),
    ]
    cols = [
        "statement_id",
        "claim_id",
        "stance",
        "speaker_bloc",
        "outlet_bloc",
        "outlet",
        "speaker",
        "figure",
        "published_at",
    ]
    st = pd.DataFrame(rows, columns=cols)
    st["published_at"] = pd.to_datetime(st["published_at"], utc=True)
    st["figure"] = st["figure"].astype("Float64")
    return st


def claims() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": ["k1", "k2", "k3"],
            "claim": ["Kyiv directed it", "70 killed", "Nobody spoke"],
            "verdict": ["unverified", "likely_false", None],
        }
    )


def test_claim_statements_keeps_only_rows_with_claim_and_stance():
    cs = claim_statements(statements(), claims())
    assert sorted(cs["statement_id"]) == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert cs.set_index("statement_id").loc["s5", "verdict"] == "likely_false"


def test_ledger_hand_counts():
    led = claim_ledger(statements(), claims())
    got = [tuple(r) for r in led[["claim_id", "bloc", "stance", "n", "outlets", "speakers"]].itertuples(index=False)]
    assert got == [
        ("k1", "ukrainian", "denies", 1, "NV", "Podolyak"),
        ("k1", "russian", "asserts", 2, "BBC; TASS", "MoD"),
        ("k1", "western", "attributes", 1, "BBC", "editorial"),
        ("k2", "ukrainian", "asserts", 1, "NV", "editorial"),
        ("k2", "russian", "asserts", 1, "TASS", "MoD"),
        ("k3", got[5][1], got[5][2], 0, "", ""),
    ]
    assert pd.isna(got[5][1]) and pd.isna(got[5][2])
    assert led.loc[led["claim_id"] == "k2", "verdict"].unique().tolist() == ["likely_false"]


def test_ledger_by_outlet_bloc_regroups():
    led = claim_ledger(statements(), claims(), bloc_column="outlet_bloc")
    k1 = led[led["claim_id"] == "k1"].set_index(["bloc", "stance"])["n"].to_dict()
    assert k1 == {
        ("ukrainian", "denies"): 1,
        ("russian", "asserts"): 1,
        ("western", "asserts"): 1,
        ("western", "attributes"): 1,
    }


def test_unknown_bloc_column_rejected():
    with pytest.raises(ValueError):
        claim_ledger(statements(), bloc_column="bloc")


def test_stance_counts_match_crosstab():
    st = statements()
    counts = stance_counts(st, claims())
    ref = pd.crosstab(st["claim_id"], [st["speaker_bloc"], st["stance"]])
    for (b, s), col in ref.items():
        for claim_id, n in col.items():
            assert counts.loc[claim_id, (b, s)] == n
    assert counts.to_numpy().sum() == 6
    assert counts.loc["k3"].sum() == 0
    assert list(counts.columns.get_level_values(0).unique()) == [
        "ukrainian",
        "russian",
        "russian_independent",
        "western",
        "other",
    ]


def test_claim_matrix_cells():
    m = claim_matrix(statements(), claims())
    assert m.loc["k1", "russian"] == "asserts 2"
    assert m.loc["k1", "ukrainian"] == "denies 1"
    assert m.loc["k1", "western"] == "attributes 1"
    assert m.loc["k1", "other"] == ""
    assert m.loc["k2", "verdict"] == "likely_false"
    assert m.loc["k3", "claim"] == "Nobody spoke"


def test_duelling_figures_and_spread():
    figs = duelling_figures(statements(), claims())
    assert figs[["statement_id", "source", "figure"]].values.tolist() == [["s5", "MoD (TASS)", 70.0], ["s6", "NV", 2.0]]
    spread = figure_spread(statements(), claims()).iloc[0]
    assert (spread["n_figures"], spread["lowest"], spread["highest"], spread["spread"]) == (2, 2.0, 70.0, 68.0)
    assert spread["lowest_source"] == "NV" and spread["highest_source"] == "MoD (TASS)"
    assert math.isclose(spread["ratio"], 35.0)


def test_fixture_ledger_shows_assertion_and_denial_side_by_side():
    ds = framelens.load_dataset(VALID)
    m = claim_matrix(ds.statements, ds.claims)
    assert m.loc["alpha-c1", "russian"] == "asserts 2"
    assert m.loc["alpha-c1", "ukrainian"] == "denies 1"
    spread = figure_spread(ds.statements, ds.claims).set_index("claim_id")
    assert spread.loc["beta-c2", "spread"] == pytest.approx(17000 - 1500.5)
