"""Track records with one vote per (source, claim), own and carried voices, strict beside lenient.

Every expected figure below is counted by hand from the tiny frame in ``votes_frame``; intervals
are checked against statsmodels (Wilson) and scipy (bootstrap).
"""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

import framelens
from framelens.charts.credibility import track_record_chart
from framelens.credibility import admiralty_matrix, claim_votes, claims_bootstrap, track_record, voice_comparison
from helpers import VALID

CLAIMS = pd.DataFrame(
    {
        "claim_id": ["k1", "k2", "k3", "k4"],
        "claim": ["one", "two", "three", "four"],
        "verdict": ["confirmed", "likely_false", "false", "disputed"],
    }
)


def votes_frame() -> pd.DataFrame:
    """Three settled claims (k1 confirmed, k2 likely_false, k3 false) and one disputed (k4, never scored).

    Alpha (a russian outlet), editorial voice: k1 asserts x2 + denies x1; k2 asserts + denies; k3 denies +
    attributes; k4 asserts. Alpha carries the MoD (russian): k1 denies, k2 asserts, k3 asserts.
    Beta (a western outlet), editorial voice: k2 denies; Beta carries the MoD: k1 asserts.
    """
    rows = [
        ("s01", "k1", "asserts", "Alpha", "russian", "editorial", "russian"),
        ("s02", "k1", "asserts", "Alpha", "russian", "editorial", "russian"),
        ("s03", "k1", "denies", "Alpha", "russian", "editorial", "russian"),
        ("s04", "k2", "asserts", "Alpha", "russian", "editorial", "russian"),
        ("s05", "k2", "denies", "Alpha", "russian", "editorial", "russian"),
        ("s06", "k3", "denies", "Alpha", "russian", "editorial", "russian"),
        ("s07", "k3", "attributes", "Alpha", "russian", "editorial", "russian"),
        ("s08", "k4", "asserts", "Alpha", "russian", "editorial", "russian"),
        ("s09", "k1", "denies", "Alpha", "russian", "MoD", "russian"),
        ("s10", "k2", "asserts", "Alpha", "russian", "MoD", "russian"),
        ("s11", "k3", "asserts", "Alpha", "russian", "MoD", "russian"),
        ("s12", "k2", "denies", "Beta", "western", "editorial", "western"),
        ("s13", "k1", "asserts", "Beta", "western", "MoD", "russian"),
    ]
    st = pd.DataFrame(
        rows, columns=["statement_id", "claim_id", "stance", "outlet", "outlet_bloc", "speaker", "speaker_bloc"]
    )
    st["published_at"] = pd.Timestamp("2023-05-22", tz="UTC")
    return st


def test_claim_votes_majority_ties_and_hedges_by_hand():
    v = claim_votes(votes_frame(), CLAIMS, by="outlet", voice="own")
    alpha = v[v["outlet"] == "Alpha"].set_index("claim_id")
    assert list(alpha.index) == ["k1", "k2", "k3"]  # k4 is disputed: not settled, not counted at all
    assert alpha.loc["k1", ["asserts", "denies", "vote"]].tolist() == [2, 1, "asserts"]  # 2 to 1: asserts
    assert alpha.loc["k2", "vote"] is None and bool(alpha.loc["k2", "tied"])  # 1 to 1: a tie, set aside
    assert alpha.loc["k3", ["denies", "hedged", "vote"]].tolist() == [1, 1, "denies"]
    assert bool(alpha.loc["k1", "borne_out"]) and bool(alpha.loc["k3", "borne_out"])  # k1 confirmed, k3 false
    assert pd.isna(alpha.loc["k2", "borne_out"])


def test_track_record_own_voice_is_the_default_by_outlet():
    t = track_record(votes_frame(), CLAIMS, by="outlet", min_n=1).set_index("outlet")
    # Alpha's own voice: votes on k1 (asserts, confirmed: borne out) and k3 (denies, false: borne out); k2 tied
    row = t.loc["Alpha"]
    assert row[["claims", "statements", "hedged", "tied", "k"]].tolist() == [2, 6, 1, 1, 2]
    assert row[["strict_k", "strict_claims"]].tolist() == [2, 2]  # k1 confirmed and k3 false are both strict
    lo, hi = proportion_confint(2, 2, alpha=0.05, method="wilson")
    assert row["share"] == 1.0 and row["ci_low"] == pytest.approx(lo) and row["ci_high"] == pytest.approx(hi)
    assert t.loc["Beta", ["claims", "k", "strict_claims"]].tolist() == [1, 1, 0]  # k2 is likely_false: lenient only
    assert math.isnan(t.loc["Beta", "strict_share"]) and t.loc["Beta", "strict_score"] == "too few (N < 1)"


def test_track_record_carried_and_all_voices():
    st = votes_frame()
    carried = track_record(st, CLAIMS, by="outlet", voice="carried", min_n=1).set_index("outlet")
    # the MoD through Alpha: k1 denies (confirmed), k2 asserts (likely_false), k3 asserts (false): 0 of 3
    assert carried.loc["Alpha", ["claims", "k", "strict_claims", "strict_k"]].tolist() == [3, 0, 2, 0]
    every = track_record(st, CLAIMS, by="outlet", voice="all", min_n=1).set_index("outlet")
    # Alpha, all statements: k1 2+1 asserts vs 1+1 denies -> tie; k2 asserts 2 vs denies 1 -> asserts, wrong;
    # k3 denies 1 vs asserts 1 -> tie. One vote, not borne out; pooling the voices is not own + carried.
    assert every.loc["Alpha", ["claims", "statements", "tied", "k"]].tolist() == [1, 9, 2, 0]


def test_track_record_by_speaker_and_bloc():
    st = votes_frame()
    sp = track_record(st, CLAIMS, by="speaker", min_n=1).set_index("speaker")
    # MoD on k1: denies (via Alpha) vs asserts (via Beta) -> tie; k2 and k3 asserts, both wrong
    assert sp.loc["MoD", ["claims", "tied", "k"]].tolist() == [2, 1, 0]
    assert sp.loc["editorial (Alpha)", ["claims", "k"]].tolist() == [2, 2]
    assert sp.loc["editorial (Beta)", ["claims", "k"]].tolist() == [1, 1]
    bl = track_record(st, CLAIMS, by="speaker_bloc", min_n=1)
    assert bl["speaker_bloc"].tolist() == ["ukrainian", "russian", "russian_independent", "western", "other"]
    ru = bl.set_index("speaker_bloc").loc["russian"]
    # russian speakers: k1 asserts 3 vs denies 2 -> asserts, right; k2 asserts 2 vs denies 1 -> wrong; k3 1-1 tie
    assert ru[["claims", "statements", "hedged", "tied", "k"]].tolist() == [2, 10, 1, 1, 1]
    assert bl.set_index("speaker_bloc").loc["ukrainian", "claims"] == 0


def test_bad_choices_are_clear_errors():
    with pytest.raises(ValueError, match="by must be"):
        track_record(votes_frame(), CLAIMS, by="stance")
    with pytest.raises(ValueError, match="voice must be own, carried or all"):
        track_record(votes_frame(), CLAIMS, voice="relayed")


def test_voice_comparison_side_by_side():
    v = voice_comparison(votes_frame(), CLAIMS, min_n=1).set_index("outlet")
    assert v.loc["Alpha", ["own_k", "own_claims", "carried_k", "carried_claims"]].tolist() == [2, 2, 0, 3]
    assert v.loc["Beta", ["own_k", "own_claims", "carried_k", "carried_claims"]].tolist() == [1, 1, 1, 1]
    assert list(v.index) == ["Alpha", "Beta"]  # 5 claims counted against 2


def test_bootstrap_over_claims_matches_scipy_and_is_seeded():
    k, n = 12, 21
    lo, hi = claims_bootstrap(np.array([k]), np.array([n]), n_boot=20000)
    votes = np.r_[np.ones(k), np.zeros(n - k)]
    ref = stats.bootstrap(
        (votes,), np.mean, n_resamples=20000, method="percentile", random_state=np.random.default_rng(1)
    ).confidence_interval
    # two Monte Carlo estimates of the same percentiles on a grid of 1/21: within two grid steps
    assert lo[0] == pytest.approx(ref.low, abs=2 / n) and hi[0] == pytest.approx(ref.high, abs=2 / n)
    again = claims_bootstrap(np.array([k, 3]), np.array([n, 9]))
    assert np.array_equal(again[0], claims_bootstrap(np.array([k, 3]), np.array([n, 9]))[0])  # same seed, same
    other = claims_bootstrap(np.array([k, 3]), np.array([n, 9]), seed=7, n_boot=50)
    first = claims_bootstrap(np.array([k, 3]), np.array([n, 9]), n_boot=50)
    assert not (np.array_equal(other[0], first[0]) and np.array_equal(other[1], first[1]))
    t1 = track_record(votes_frame(), CLAIMS, by="speaker_bloc", min_n=1)
    t2 = track_record(votes_frame(), CLAIMS, by="speaker_bloc", min_n=1)
    pd.testing.assert_frame_equal(t1, t2, check_exact=True)


def test_all_right_or_all_wrong_bootstrap_is_degenerate():
    lo, hi = claims_bootstrap(np.array([5, 0, 0]), np.array([5, 5, 0]))
    assert (lo[0], hi[0], lo[1], hi[1]) == (1.0, 1.0, 0.0, 0.0) and math.isnan(lo[2])


def test_fixture_track_record_is_too_few():
    ds = framelens.load_dataset(VALID)
    t = track_record(ds.statements, ds.claims, by="outlet", voice="all").set_index("outlet")
    # only beta-c2 (confirmed) has scored stances: s8 (Outlet U) and s9 (Outlet R), both borne out;
    # Outlet X only questions beta-c1 (likely_true): one hedged statement, no vote
    assert t[["k", "claims", "hedged"]].to_dict("index") == {
        "Outlet R": {"k": 1, "claims": 1, "hedged": 0},
        "Outlet U": {"k": 1, "claims": 1, "hedged": 0},
        "Outlet X": {"k": 0, "claims": 0, "hedged": 1},
    }
    assert (t["score"] == "too few (N < 5)").all()
    assert track_record(ds.statements, ds.claims, by="outlet")["claims"].sum() == 0  # both are named speakers
    assert admiralty_matrix(ds.statements).to_numpy().sum() == 9


def test_chart_counts_votes_and_statements():
    fig = track_record_chart(track_record(votes_frame(), CLAIMS, by="speaker_bloc", min_n=1), "speaker_bloc")
    assert "3 votes from 11 scored statements" in fig.axes[0].get_title()
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert "1/2" in labels and "1/1" in labels  # russian 1 of 2 claims, western 1 of 1
