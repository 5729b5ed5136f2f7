"""Frame shares, intervals and the bloc x frame test, checked against scipy, statsmodels and hand counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency, permutation_test
from scipy.stats.contingency import association
from statsmodels.stats.proportion import proportion_confint

import framelens
from framelens.dataset.codebook import load_codebook
from framelens.framing import frame_counts, frame_shares, frame_tests, split_secondary, wide_table
from framelens.stats import cramers_v, independence_test, permutation_chi2_pvalue
from helpers import VALID

CB = load_codebook()


def statements(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (event_id, outlet_bloc, speaker_bloc, frame, secondary_frames)."""
    return pd.DataFrame(rows, columns=["event_id", "outlet_bloc", "speaker_bloc", "frame", "secondary_frames"])


SMALL = statements(
    [
        ("e1", "russian", "russian", "terrorism_sabotage", None),
        ("e1", "russian", "ukrainian", "terrorism_sabotage", "aggression; civilian_harm"),
        ("e1", "russian", "russian", "control_normalcy", "terrorism_sabotage"),
        ("e1", "ukrainian", "ukrainian", "denial_deflection", "aggression"),
        ("e2", "ukrainian", "ukrainian", "civilian_harm", None),
        ("e2", "western", "western", "civilian_harm", "escalation_consequences"),
    ]
)


def test_counts_are_hand_counts_with_every_bloc_and_frame_in_codebook_order():
    counts = frame_counts(SMALL, codebook=CB)
    assert list(counts.index) == CB.codes("bloc") and list(counts.columns) == CB.codes("frame")
    assert counts.loc["russian", "terrorism_sabotage"] == 2
    assert counts.loc["russian", "control_normalcy"] == 1
    assert counts.loc["ukrainian"].sum() == 2 and counts.loc["other"].sum() == 0
    assert counts.to_numpy().sum() == len(SMALL) and not counts.isna().any().any()


def test_bloc_column_chooses_outlet_or_speaker():
    speaker = frame_counts(SMALL, "speaker_bloc", codebook=CB)
    assert speaker.loc["ukrainian", "terrorism_sabotage"] == 1 and speaker.loc["russian", "terrorism_sabotage"] == 1
    with pytest.raises(ValueError, match="bloc_column"):
        frame_counts(SMALL, "bloc", codebook=CB)


def test_secondary_frames_count_each_statement_once_per_frame():
    assert split_secondary(pd.Series([" a ;b", None, ""])).tolist() == ["a", "b"]
    counts = frame_counts(SMALL, secondary=True, codebook=CB)
    # russian: terrorism_sabotage in all 3 statements (the third as secondary), counted once each
    assert counts.loc["russian", "terrorism_sabotage"] == 3
    assert counts.loc["russian", "aggression"] == 1 and counts.loc["ukrainian", "aggression"] == 1
    shares = frame_shares(SMALL, secondary=True, codebook=CB)
    row = shares[(shares.bloc == "russian") & (shares.frame == "terrorism_sabotage")].iloc[0]
    assert (row["count"], row["n"], row["share"]) == (3, 3, 1.0)


def test_shares_and_wilson_intervals_match_statsmodels():
    shares = frame_shares(SMALL, codebook=CB)
    assert list(shares.columns) == ["bloc", "frame", "count", "n", "share", "ci_low", "ci_high"]
    assert len(shares) == len(CB.codes("bloc")) * len(CB.codes("frame"))
    row = shares[(shares.bloc == "russian") & (shares.frame == "terrorism_sabotage")].iloc[0]
    assert row["share"] == pytest.approx(2 / 3)
    lo, hi = proportion_confint(2, 3, alpha=0.05, method="wilson")
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((lo, hi))
    present = shares[shares.n > 0]
    ref = np.array([proportion_confint(k, n, method="wilson") for k, n in zip(present["count"], present["n"])])
    np.testing.assert_allclose(present[["ci_low", "ci_high"]].to_numpy(), ref, atol=1e-12)
    assert present.groupby("bloc")["share"].sum().tolist() == pytest.approx([1.0, 1.0, 1.0])


def test_per_event_keeps_absent_blocs_as_zero_with_uninformative_interval():
    shares = frame_shares(SMALL, by_event=True, codebook=CB)
    assert shares["event_id"].unique().tolist() == ["e1", "e2"]
    western_e1 = shares[(shares.event_id == "e1") & (shares.bloc == "western")]
    assert (western_e1[["count", "n"]].to_numpy() == 0).all() and (western_e1["share"] == 0).all()
    assert (western_e1["ci_low"] == 0).all() and (western_e1["ci_high"] == 1).all()
    assert not shares.isna().any().any()
    e2 = frame_counts(SMALL[SMALL.event_id == "e2"], codebook=CB)
    got = shares[shares.event_id == "e2"].pivot(index="bloc", columns="frame", values="count")
    assert (got.reindex(index=e2.index, columns=e2.columns) == e2).all().all()


def test_wide_table_puts_count_share_and_n_side_by_side():
    wide = wide_table(frame_shares(SMALL, codebook=CB))
    assert list(wide.index) == CB.codes("frame")
    assert wide.columns.get_level_values(0).unique().tolist() == ["ukrainian (N=2)", "russian (N=3)", "western (N=1)"]
    assert wide.loc["terrorism_sabotage", ("russian (N=3)", "count")] == 2
    assert wide.loc["terrorism_sabotage", ("russian (N=3)", "share")] == 0.667


def test_loaded_fixture_with_categoricals():
    ds = framelens.load_dataset(VALID)
    counts = frame_counts(ds.statements)
    assert counts.loc["russian", "terrorism_sabotage"] == 2 and counts.to_numpy().sum() == 9
    assert frame_counts(ds.statements, secondary=True).loc["ukrainian", "uncertainty_verification"] == 1


# --- the test of independence (framelens.stats) ---------------------------------------------

BIG = np.array([[30, 12, 8], [10, 25, 15], [12, 10, 28]])


def test_chi_square_matches_scipy_on_a_large_table():
    res = independence_test(BIG)
    ref = chi2_contingency(BIG, correction=False)
    assert res.method == "chi-square"
    assert res.statistic == pytest.approx(ref.statistic) and res.p_value == pytest.approx(ref.pvalue)
    assert res.df == ref.dof and res.n == BIG.sum()
    assert res.cramers_v == pytest.approx(association(BIG, method="cramer", correction=False))
    assert res.cells_expected_below_5 == int((ref.expected_freq < 5).sum()) == 0


def test_empty_rows_and_columns_are_dropped_before_testing():
    padded = np.zeros((5, 6), dtype=int)
    padded[1:4, 2:5] = BIG
    res = independence_test(padded)
    assert (res.n_rows, res.n_cols, res.df) == (3, 3, 4)
    assert res.statistic == pytest.approx(chi2_contingency(BIG, correction=False).statistic)
    assert cramers_v(padded) == pytest.approx(association(BIG, method="cramer"))


def test_small_expected_counts_switch_to_monte_carlo_matching_scipy_exact_permutation():
    table = np.array([[3, 0, 1], [0, 2, 1]])
    res = independence_test(table, n_resamples=20_000, seed=7)
    assert res.method == "monte-carlo" and "expected count < 5" in res.reason
    ref = chi2_contingency(table, correction=False)
    assert res.cells_expected_below_5 == int((ref.expected_freq < 5).sum()) == 6
    assert res.statistic == pytest.approx(ref.statistic)
    rows = np.array([0, 0, 0, 0, 1, 1, 1])
    cols = np.array([0, 0, 0, 2, 1, 1, 2])

    def chi2_of(c):
        return chi2_contingency(np.bincount(rows * 3 + c, minlength=6).reshape(2, 3), correction=False).statistic

    exact = permutation_test((cols,), chi2_of, permutation_type="pairings", alternative="greater", n_resamples=np.inf)
    assert res.p_value == pytest.approx(exact.pvalue, abs=0.015)
    assert res.p_value == independence_test(table, n_resamples=20_000, seed=7).p_value  # fixed seed: same answer


def test_permutation_p_value_of_a_perfect_2x2_is_close_to_fisher_exact():
    from scipy.stats import fisher_exact

    # for this symmetric table both tests reject only the two perfect tables: p = 2/252 exactly
    p = permutation_chi2_pvalue([[5, 0], [0, 5]], n_resamples=20_000, seed=1)
    assert fisher_exact([[5, 0], [0, 5]]).pvalue == pytest.approx(2 / 252)
    assert p == pytest.approx(2 / 252, abs=0.003)


def test_untestable_table_says_so():
    res = independence_test([[3, 2, 0], [0, 0, 0]])
    assert res.method == "none" and not res.testable and np.isnan(res.p_value)
    assert res.describe().startswith("No test:")


def test_plain_words():
    assert "is larger than chance would give" in independence_test(BIG).describe()
    small = independence_test([[1, 1], [1, 1]])
    text = small.describe()
    assert "is not larger than chance would give" in text and "Monte Carlo" in text and "V = 0.00" in text


def test_frame_tests_per_event_handles_an_event_with_one_bloc():
    out = frame_tests(SMALL, by_event=True, n_resamples=2_000, codebook=CB)
    assert out["event_id"].tolist() == ["e1", "e2"]
    e1 = out.iloc[0]
    counts = frame_counts(SMALL[SMALL.event_id == "e1"], codebook=CB).to_numpy()
    assert e1["chi2"] == pytest.approx(
        chi2_contingency(counts[counts.sum(1) > 0][:, counts.sum(0) > 0], correction=False).statistic, abs=1e-3
    )
    alone = frame_tests(SMALL[SMALL.outlet_bloc == "russian"], codebook=CB).iloc[0]
    assert alone["method"] == "none" and alone["result"].startswith("No test")


def test_seeded_permutation_is_reproducible_and_seed_matters():
    t = [[2, 1, 0], [0, 1, 2], [1, 0, 2]]
    assert len({permutation_chi2_pvalue(t, 3_000, seed=s) for s in (1, 1)}) == 1
    assert permutation_chi2_pvalue(t, 3_000, seed=1) != permutation_chi2_pvalue(t, 3_000, seed=2)


def test_a_code_added_by_the_dataset_codebook_is_counted(valid_copy):
    """A dataset may extend the allowed values in its own codebook.yml; no statement may drop out."""
    from framelens import load_dataset
    from framelens.dataset.codebook import DEFAULT_CODEBOOK
    from framelens.language import quote_mix
    from framelens.naming import label_counts
    from helpers import rewrite_cell

    text = DEFAULT_CODEBOOK.read_text(encoding="utf-8").replace(
        "      aggression:\n",
        "      humanitarian_corridor:\n        definition: Safe passage for civilians.\n"
        "        cues: corridor\n        mfc_dimension: Health and safety\n      aggression:\n",
        1,
    )
    (valid_copy / "codebook.yml").write_text(text, encoding="utf-8")
    rewrite_cell(valid_copy / "statements.csv", 0, "frame", "humanitarian_corridor")
    rewrite_cell(valid_copy / "statements.csv", 1, "frame", "humanitarian_corridor")
    ds = load_dataset(valid_copy)
    shares = frame_shares(ds.statements)
    assert shares.drop_duplicates("bloc")["n"].sum() == len(ds.statements) == 9
    russian = shares[shares["bloc"] == "russian"]
    assert russian["share"].sum() == pytest.approx(1.0)
    assert int(frame_counts(ds.statements).loc["russian", "humanitarian_corridor"]) == 2
    assert int(quote_mix(ds.statements)[("", "N")].sum()) == 9
    assert label_counts(ds.statements)["count"].sum() == ds.statements["actor_label"].notna().sum()


# --- issue #15: corrected V, null V, multiple testing, stratified test, cluster intervals -----------------

from fractions import Fraction  # noqa: E402

from scipy.stats import hypergeom  # noqa: E402
from statsmodels.stats.multitest import multipletests  # noqa: E402

from framelens.framing import cluster_share_intervals, stratified_frame_pvalue  # noqa: E402
from framelens.stats import (  # noqa: E402
    benjamini_hochberg,
    cramers_v_corrected,
    holm,
    null_cramers_v,
    null_tables,
    stratified_permutation_pvalue,
)


def test_bergsma_corrected_v_by_hand():
    # [[8, 2, 0], [2, 4, 4]]: n = 20, rows 10/10, columns 10/6/4, expected 5, 3, 2 in both rows.
    # chi2 = 2 * (3²/5 + 1²/3 + 2²/2) = 124/15; phi² = chi2/n = 31/75.
    # phi²~ = 31/75 - (3-1)(2-1)/19 = 439/1425; r~ = 2 - 1/19 = 37/19; k~ = 3 - 4/19 = 53/19;
    # V~ = sqrt(phi²~ / min(k~ - 1, r~ - 1)) = sqrt((439/1425) / (18/19)) = sqrt(439/1350) = 0.57025...
    table = [[8, 2, 0], [2, 4, 4]]
    assert chi2_contingency(table, correction=False).statistic == pytest.approx(float(Fraction(124, 15)))
    assert cramers_v(table) == pytest.approx(float(Fraction(31, 75)) ** 0.5)
    assert cramers_v_corrected(table) == pytest.approx(float(Fraction(439, 1350)) ** 0.5, abs=1e-12)
    assert cramers_v_corrected([[5, 5], [5, 5]]) == 0.0  # phi² below its expected value is cut to 0
    assert np.isnan(cramers_v_corrected([[1, 0], [0, 1]]))  # n = 2: r~ = k~ = 1, no correction possible


def test_null_mean_v_matches_exact_hypergeometric_enumeration():
    # [[3, 1], [1, 3]]: under the permutation null the top-left cell k is hypergeometric (N 8, K 4, n 4)
    exact = sum(hypergeom(8, 4, 4).pmf(k) * association([[k, 4 - k], [4 - k, k]], method="cramer") for k in range(5))
    assert null_cramers_v([[3, 1], [1, 3]], n_resamples=40_000, seed=3) == pytest.approx(exact, abs=0.005)
    res = independence_test([[3, 1], [1, 3]], n_resamples=40_000, seed=3)
    assert res.null_cramers_v == pytest.approx(exact, abs=0.005) and res.cramers_v == pytest.approx(0.5)


def test_null_tables_keep_margins_and_draw_hypergeometric_cells():
    t = np.array([[4, 0, 3, 1], [0, 5, 1, 2], [2, 2, 2, 0]])
    tables = null_tables(t, n_resamples=20_000, seed=5)
    assert (tables.sum(axis=2) == t.sum(axis=1)).all() and (tables.sum(axis=1) == t.sum(axis=0)).all()
    # any single cell is hypergeometric: N = 22, K = column total, n = row total
    for i, j in [(0, 0), (1, 1), (2, 3)]:
        ref = hypergeom(t.sum(), t.sum(axis=0)[j], t.sum(axis=1)[i])
        assert tables[:, i, j].mean() == pytest.approx(ref.mean(), abs=0.03)
        assert tables[:, i, j].var() == pytest.approx(ref.var(), rel=0.05)


def test_holm_and_bh_match_statsmodels():
    rng = np.random.default_rng(8)
    for _ in range(20):
        p = rng.uniform(0, 0.2, 9)
        p[rng.integers(9)] = np.nan
        ok = ~np.isnan(p)
        for ours, method in ((holm(p), "holm"), (benjamini_hochberg(p), "fdr_bh")):
            ref = multipletests(p[ok], method=method)[1]
            np.testing.assert_allclose(ours[ok], ref, atol=1e-12)
            assert np.isnan(ours[~ok]).all()


def test_frame_tests_by_event_adjusts_and_the_sentence_uses_holm():
    ds = framelens.load_dataset(VALID)
    st = pd.concat([ds.statements.assign(event_id=ds.statements["event_id"].astype(str) + f"-{k}") for k in range(3)])
    out = frame_tests(st, by_event=True, n_resamples=500)
    raw = np.array([r.p_value for r in out["test"]])
    assert out["p_holm"].tolist() == pytest.approx(multipletests(raw, method="holm")[1].round(4).tolist())
    assert out["q_bh"].tolist() == pytest.approx(multipletests(raw, method="fdr_bh")[1].round(4).tolist())
    for row in out.itertuples():
        assert "Holm-adjusted over 6 events" in row.result
        assert ("is larger" in row.result) == (row.test.p_value * 6 < 0.05)  # all p equal within pairs
    assert {"cramers_v_corrected", "null_cramers_v"} <= set(out.columns)


def test_planted_holm_flip_in_the_sentence():
    # a strong event (p far below 0.05/3), a weak one (0.025 < p < 0.05) and a null one: unadjusted two are
    # "larger"; Holm over 3 events multiplies the second-smallest p by 2, so only the strong one stays
    strong = [("a", "russian", f) for f in ["aggression"] * 12] + [("a", "western", f) for f in ["civilian_harm"] * 12]
    weak = (
        [("b", "russian", "aggression")] * 11
        + [("b", "russian", "civilian_harm")] * 5
        + [("b", "western", "aggression")] * 5
        + [("b", "western", "civilian_harm")] * 11
    )
    null = [("c", bloc, f) for bloc in ("russian", "western") for f in ["aggression", "civilian_harm"] * 5]
    st = pd.DataFrame(strong + weak + null, columns=["event_id", "outlet_bloc", "frame"])
    out = frame_tests(st, by_event=True, codebook=CB).set_index("event_id")
    assert 0.025 < out.loc["b", "p_value"] < 0.05
    assert out.loc["b", "p_holm"] == pytest.approx(2 * out.loc["b", "p_value"], abs=1e-4)
    assert "is not larger" in out.loc["b", "result"] and "is larger" in out.loc["a", "result"]


def brute_stratified_p(st: pd.DataFrame, n_resamples: int, seed: int) -> float:
    """Independent reference: shuffle each event's bloc labels row by row, pooled chi-square by scipy."""
    rng = np.random.default_rng(seed)
    bloc = st["outlet_bloc"].to_numpy()
    frame = st["frame"].to_numpy()
    events = st["event_id"].to_numpy()

    def stat(b):
        return chi2_contingency(pd.crosstab(b, frame).to_numpy(), correction=False).statistic

    observed = stat(bloc)
    hits = 0
    for _ in range(n_resamples):
        shuffled = bloc.copy()
        for e in np.unique(events):
            at = np.flatnonzero(events == e)
            shuffled[at] = rng.permutation(shuffled[at])
        hits += stat(shuffled) >= observed - 1e-9
    return (1 + hits) / (1 + n_resamples)


def test_stratified_p_matches_a_row_by_row_within_event_shuffle():
    rng = np.random.default_rng(11)
    frames, blocs = ["aggression", "civilian_harm", "denial_deflection"], ["russian", "western", "ukrainian"]
    rows = [
        (e, blocs[b], frames[(b + rng.integers(0, 2)) % 3 if rng.random() < 0.5 else rng.integers(0, 3)])
        for e in ("e1", "e2", "e3")
        for b in rng.integers(0, 3, 25)
    ]
    st = pd.DataFrame(rows, columns=["event_id", "outlet_bloc", "frame"])
    ours = stratified_frame_pvalue(st, n_resamples=4_000, seed=1, codebook=CB)
    assert ours == pytest.approx(brute_stratified_p(st, 1_000, seed=2), abs=0.04)
    overall = frame_tests(st, n_resamples=2_000, codebook=CB).iloc[0]
    assert overall["p_value_stratified"] == pytest.approx(
        round(stratified_frame_pvalue(st, n_resamples=2_000, codebook=CB), 4)
    )
    assert "Within events" in overall["result"]


def test_stratified_test_is_not_fooled_by_event_composition():
    # within each event bloc and frame are independent; the pooled table is not (Simpson-style composition)
    e1 = (
        [("e1", "russian", "terrorism_sabotage")] * 36
        + [("e1", "russian", "aggression")] * 4
        + [("e1", "western", "terrorism_sabotage")] * 9
        + [("e1", "western", "aggression")]
    )
    e2 = (
        [("e2", "western", "aggression")] * 36
        + [("e2", "western", "terrorism_sabotage")] * 4
        + [("e2", "russian", "aggression")] * 9
        + [("e2", "russian", "terrorism_sabotage")]
    )
    st = pd.DataFrame(e1 + e2, columns=["event_id", "outlet_bloc", "frame"])
    out = frame_tests(st, n_resamples=2_000, codebook=CB).iloc[0]
    assert out["p_value"] < 0.001 and out["p_value_stratified"] > 0.3
    assert stratified_permutation_pvalue([[[6, 0], [0, 0]], [[0, 0], [0, 6]]], 200) == 1.0


def clustered_statements(seed: int, n_outlets: int = 12, per_outlet: int = 8, spread: float = 0.35) -> pd.DataFrame:
    """One bloc; each outlet has its own chance of the frame aggression (between 0.5 - spread and 0.5 + spread)."""
    rng = np.random.default_rng(seed)
    rows = []
    for o in range(n_outlets):
        p = 0.5 + rng.uniform(-spread, spread)
        rows += [(f"o{o}", "russian", "aggression" if rng.random() < p else "civilian_harm") for _ in range(per_outlet)]
    return pd.DataFrame(rows, columns=["outlet", "outlet_bloc", "frame"])


def test_design_effect_is_statsmodels_cluster_robust_variance_over_binomial():
    import statsmodels.api as sm

    st = clustered_statements(1)
    out = cluster_share_intervals(st, codebook=CB, n_boot=200).set_index(["bloc", "frame"])
    row = out.loc[("russian", "aggression")]
    y = (st["frame"] == "aggression").to_numpy(dtype=float)
    fit = sm.OLS(y, np.ones((len(y), 1))).fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(st["outlet"])[0]})
    p, n = y.mean(), len(y)
    assert row["share"] == pytest.approx(p) and row["clusters"] == 12
    assert row["design_effect"] == pytest.approx(fit.bse[0] ** 2 / (p * (1 - p) / n), rel=1e-9)
    lo, hi = proportion_confint(int(y.sum()), n, method="wilson")
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((lo, hi))


def test_cluster_bootstrap_matches_scipy_bootstrap_over_outlets():
    from scipy.stats import bootstrap

    st = clustered_statements(2)
    row = (
        cluster_share_intervals(st, codebook=CB, n_boot=4_000, seed=3)
        .set_index(["bloc", "frame"])
        .loc[("russian", "aggression")]
    )
    outlets = pd.factorize(st["outlet"])[0]
    k = np.bincount(outlets, weights=(st["frame"] == "aggression").to_numpy(dtype=float))
    m = np.bincount(outlets).astype(float)
    ref = bootstrap(
        (np.arange(len(k)),),
        lambda idx: k[idx].sum() / m[idx].sum(),
        vectorized=False,
        n_resamples=4_000,
        method="percentile",
        random_state=4,
    ).confidence_interval
    assert row["cluster_ci_low"] == pytest.approx(ref.low, abs=0.02)
    assert row["cluster_ci_high"] == pytest.approx(ref.high, abs=0.02)
    assert row["cluster_ci_high"] - row["cluster_ci_low"] > row["ci_high"] - row["ci_low"]  # clustering widens it
    again = cluster_share_intervals(st, codebook=CB, n_boot=4_000, seed=3).set_index(["bloc", "frame"])
    assert again.loc[("russian", "aggression"), "cluster_ci_low"] == row["cluster_ci_low"]  # seeded


def test_cluster_intervals_with_one_cluster_or_a_missing_cluster_value():
    st = pd.DataFrame(
        {
            "outlet": ["A", "A", "A", None, None],
            "outlet_bloc": ["russian"] * 3 + ["western"] * 2,
            "frame": ["aggression", "civilian_harm", "aggression", "aggression", "civilian_harm"],
            "speaker": ["s1", "s2", "s1", "s1", "s1"],
            "event_id": ["e"] * 5,
        }
    )
    out = cluster_share_intervals(st, codebook=CB, n_boot=100).set_index(["bloc", "frame"])
    assert out.loc[("russian", "aggression"), "clusters"] == 1
    assert np.isnan(out.loc[("russian", "aggression"), ["cluster_ci_low", "design_effect"]].astype(float)).all()
    assert out.loc[("western", "aggression"), "clusters"] == 2  # no outlet: each statement its own cluster
    both = cluster_share_intervals(st, cluster=["speaker", "event_id"], codebook=CB, n_boot=100)
    assert both.set_index(["bloc", "frame"]).loc[("russian", "aggression"), "clusters"] == 2
