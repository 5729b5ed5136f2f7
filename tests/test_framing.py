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
