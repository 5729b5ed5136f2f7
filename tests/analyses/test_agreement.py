"""Coder agreement: Krippendorff's alpha against the 2011 worked example and hand-computed tiny cases."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import scipy.stats

import framelens
from framelens.agreement import (
    agreement_table,
    alpha,
    bootstrap_alpha,
    coded_variable,
    coincidence_matrix,
    definitions,
    judgement,
    no_reliability_message,
    percent_agreement,
    top_confusions,
    variable_agreement,
    verdict,
    weakest_variable,
)
from helpers import ROOT, VALID

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", Annenberg School for
# Communication Departmental Papers 43, section C (nominal data, any number of observers, missing
# data): 4 observers A-D x 12 units, values 1-5, None = not coded. Taken from the docstring of
# krippendorff.alpha in github.com/pln-fing-udelar/fast-krippendorff (krippendorff/krippendorff.py,
# "extracted from ... fulltext.pdf, page 8"). The paper reports alpha = 0.743 (nominal), 0.815
# (ordinal), and the coincidence matrix below with value totals n_c = 9, 13, 10, 5, 3 (n = 40).
WORKED = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],  # observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],  # observer B
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],  # observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],  # observer D
]
T = Fraction(1, 3)
WORKED_COINCIDENCES = [
    [7, 4 * T, T, T, 0],
    [4 * T, 10, 4 * T, T, 0],
    [T, 4 * T, 8, T, 0],
    [T, T, T, 4, 0],
    [0, 0, 0, 0, 3],
]


def long_form(matrix: list[list], variable: str, codes: dict | None = None) -> pd.DataFrame:
    """Coders x units matrix -> reliability.csv rows (one per unit per coder), codes mapped to strings."""
    rows = []
    for c, coder in enumerate(matrix):
        for u, value in enumerate(coder):
            code = None if value is None else (codes[value] if codes else str(value))
            rows.append(
                {"statement_id": f"u{u + 1:02d}", "coder": "ABCD"[c] if len(matrix) <= 4 else f"c{c}", variable: code}
            )
    return pd.DataFrame(rows)


def test_worked_example_nominal_is_0743():
    # claim_id is nominal with the distinct values as its domain; frame is nominal with codebook codes
    assert round(alpha(coded_variable(long_form(WORKED, "claim_id"), "claim_id")), 3) == 0.743
    frames = dict(zip(range(1, 6), framelens.dataset.codebook.load_codebook().codes("frame")))
    assert round(alpha(coded_variable(long_form(WORKED, "frame", frames), "frame")), 3) == 0.743


def test_worked_example_ordinal_is_0815():
    # info_credibility is ordinal with codes "1" to "6"; the example uses 1 to 5
    var = coded_variable(long_form(WORKED, "info_credibility"), "info_credibility")
    assert var.level == "ordinal"
    assert round(alpha(var), 3) == 0.815


def test_worked_example_coincidence_matrix():
    var = coded_variable(long_form(WORKED, "claim_id"), "claim_id")
    m = coincidence_matrix(var)
    np.testing.assert_allclose(m.to_numpy(), np.array(WORKED_COINCIDENCES, dtype=float))
    assert m.sum(axis=1).tolist() == pytest.approx([9, 13, 10, 5, 3])
    assert var.pairable.sum() == 11  # unit 12 has one code only
    assert var.coders == ["A", "B", "C", "D"]


def two_coders(pairs: list[tuple], variable: str) -> pd.DataFrame:
    return long_form([[a for a, _ in pairs], [b for _, b in pairs]], variable)


def test_perfect_agreement_is_one():
    rel = two_coders([("asserts", "asserts"), ("denies", "denies"), ("questions", "questions")], "stance")
    res = variable_agreement(rel, "stance", n_boot=200)
    assert res.alpha == 1.0
    assert res.percent_agreement == 1.0
    assert res.verdict == "reliable"


def test_systematic_disagreement_is_negative():
    # o_ab = o_ba = 4, n_a = n_b = 4, n = 8: alpha = 1 - (n - 1) * o_ab / (n_a * n_b) = 1 - 7 * 4 / 16 = -0.75
    rel = two_coders([("asserts", "denies"), ("denies", "asserts")] * 2, "stance")
    res = variable_agreement(rel, "stance", n_boot=200)
    assert res.alpha == pytest.approx(-0.75)
    assert res.percent_agreement == 0.0
    assert res.verdict == "unreliable"


# Hand-computed: units (deleg, deleg), (neutral, legit), (neutral, neutral); n = 6,
# n_deleg = 2, n_neutral = 3, n_legit = 1. Nominal: D_o = 2/6, D_e = (36 - 14) / 30, alpha = 1 - 10/22.
# Ordinal (codebook order deleg < neutral < legit): d(n,l) = (3+1 - 2)^2 = 4, d(d,n) = (2+3 - 2.5)^2 = 6.25,
# d(d,l) = (2+3+1 - 1.5)^2 = 20.25; D_o = 2*4/6 = 4/3, D_e = 2*(6*6.25 + 2*20.25 + 3*4)/30 = 6; alpha = 7/9.
VALENCE = [("delegitimizing", "delegitimizing"), ("neutral", "legitimizing"), ("neutral", "neutral")]


def test_ordinal_uses_codebook_order():
    var = coded_variable(two_coders(VALENCE, "label_valence"), "label_valence")
    assert var.values == ["delegitimizing", "neutral", "legitimizing"]
    assert alpha(var) == pytest.approx(7 / 9)


def test_same_data_nominal_hand_computed():
    rel = two_coders(VALENCE, "label_valence").rename(columns={"label_valence": "claim_id"})
    assert alpha(coded_variable(rel, "claim_id")) == pytest.approx(1 - 10 / 22)


def test_fixture_table_hand_computed():
    ds = framelens.load_dataset(VALID)
    table = agreement_table(ds.reliability, ds.codebook, n_boot=300).set_index("variable")
    assert list(table.index) == ["frame", "label_valence", "stance"]
    # frame: (ts, ts), (dd, lr), (uv, uv): n_c = 2, 1, 1, 2; D_o = 2/6, D_e = (36 - 10)/30; alpha = 1 - 10/26
    assert table.loc["frame", "alpha"] == pytest.approx(1 - 10 / 26)
    assert table.loc["label_valence", "alpha"] == pytest.approx(7 / 9)
    assert table.loc["stance", "alpha"] == 1.0
    assert table.loc["frame", "percent_agreement"] == pytest.approx(2 / 3)
    assert table["n_units"].tolist() == [3, 3, 3] and table["n_coders"].tolist() == [2, 2, 2]
    # verdicts on the bootstrap lower bound: three units give wide intervals; stance agrees in every resample
    assert table["verdict"].tolist() == ["unreliable", "unreliable", "reliable"]
    assert (table["ci_low"] < 0.667).tolist() == [True, True, False]
    assert weakest_variable(table.reset_index()) == "frame"


def test_coincidence_matrix_hand_computed_three_coders():
    # unit 1: (a, a, b): m = 3, o_aa = 2*1/2 = 1, o_ab = o_ba = 2*1/2 = 1; unit 2: (b, b, missing): o_bb = 2
    rel = long_form([["asserts", "denies"], ["asserts", "denies"], ["denies", None]], "stance")
    m = coincidence_matrix(coded_variable(rel, "stance"))
    assert m.loc["asserts"].tolist() == [1.0, 1.0]
    assert m.loc["denies"].tolist() == [1.0, 2.0]
    assert list(m.index) == ["asserts", "denies"]
    assert coincidence_matrix(coded_variable(rel, "stance"), observed_only=False).shape == (4, 4)


def test_percent_agreement_counts_pairable_units_only():
    # unit 1 all agree (3 coders), unit 2 disagrees, unit 3 has one code (not pairable)
    rel = long_form(
        [["asserts", "denies", "questions"], ["asserts", "attributes", None], ["asserts", None, None]], "stance"
    )
    var = coded_variable(rel, "stance")
    assert var.pairable.tolist() == [True, True, False]
    assert percent_agreement(var) == 0.5
    assert variable_agreement(rel, "stance", n_boot=50).n_units == 2


def test_admiralty_cannot_be_judged_is_missing():
    rel = two_coders([("A", "B"), ("C", "C"), ("F", "E"), ("B", "B")], "source_reliability")
    var = coded_variable(rel, "source_reliability")
    assert "F" not in var.values and var.set_aside == 1
    assert var.pairable.sum() == 3
    same_without_f = two_coders([("A", "B"), ("C", "C"), ("B", "B")], "source_reliability")
    assert alpha(var) == pytest.approx(alpha(coded_variable(same_without_f, "source_reliability")))
    six = coded_variable(two_coders([("1", "6"), ("2", "2")], "info_credibility"), "info_credibility")
    assert six.set_aside == 1 and "6" not in six.values


def test_one_value_only_is_not_computable():
    rel = two_coders([("asserts", "asserts"), ("asserts", "asserts")], "stance")
    res = variable_agreement(rel, "stance", n_boot=20)
    assert np.isnan(res.alpha) and res.verdict == "alpha undefined" and res.boot_skipped == 20
    assert "only one category occurs" in res.reason and "'asserts'" in res.reason


def test_bootstrap_reproducible_and_skips_degenerate_resamples():
    rel = two_coders([("asserts", "asserts"), ("denies", "denies")], "stance")
    var = coded_variable(rel, "stance")
    lo, hi, skipped = bootstrap_alpha(var, n_boot=400, seed=3)
    assert (lo, hi) == (1.0, 1.0)
    # a resample is degenerate when both draws hit the same unit: probability 1/2
    assert scipy.stats.binomtest(skipped, 400, 0.5).pvalue > 1e-4
    assert bootstrap_alpha(var, n_boot=400, seed=3) == (lo, hi, skipped)


def test_bootstrap_matches_scipy_percentile_bootstrap():
    # 150 units coded by 2 coders, coder B agrees with A 80% of the time; compare with scipy's
    # percentile bootstrap over units, alpha computed from the coders x units matrix directly.
    rng = np.random.default_rng(0)
    codes = np.array(["asserts", "denies", "attributes", "questions"])
    a = rng.integers(0, 4, 150)
    b = np.where(rng.random(150) < 0.8, a, rng.integers(0, 4, 150))
    rel = two_coders(list(zip(codes[a], codes[b])), "stance")
    lo, hi, skipped = bootstrap_alpha(coded_variable(rel, "stance"), n_boot=2000, seed=1)
    import krippendorff

    data = np.vstack([a, b]).astype(float)
    ref = scipy.stats.bootstrap(
        (np.arange(150),),
        lambda idx: krippendorff.alpha(data[:, idx], level_of_measurement="nominal"),
        vectorized=False,
        n_resamples=2000,
        method="percentile",
        random_state=1,
    )
    assert skipped == 0
    assert lo == pytest.approx(ref.confidence_interval.low, abs=0.02)
    assert hi == pytest.approx(ref.confidence_interval.high, abs=0.02)


def test_verdict_thresholds():
    assert [verdict(x) for x in (0.8, 0.79999, 0.667, 0.666, -0.2, float("nan"))] == [
        "reliable",
        "tentative",
        "tentative",
        "unreliable",
        "unreliable",
        "unreliable",
    ]


def test_verdict_rests_on_the_interval_lower_bound_not_the_point():
    # the case: alpha 0.879 on 22 units with interval [0.632, 1.000] is not "reliable"
    assert judgement(0.879, 0.632, None) == ("unreliable", "95% interval lower bound 0.632 is below 0.667")
    assert judgement(0.879, 0.70, None)[0] == "tentative" and judgement(0.95, 0.81, None)[0] == "reliable"
    # 22 units, coder B differs on 2: alpha high, but a small sample leaves the lower bound well below it
    rng = np.random.default_rng(4)
    a = rng.choice(["delegitimizing", "neutral", "legitimizing"], 22)
    b = a.copy()
    b[[3, 11]] = np.where(a[[3, 11]] == "neutral", "legitimizing", "neutral")
    res = variable_agreement(two_coders(list(zip(a, b)), "label_valence"), "label_valence", n_boot=1000, seed=2)
    assert res.alpha > 0.8 and res.ci_low < res.alpha
    assert res.verdict == verdict(res.ci_low) and str(round(res.ci_low, 3)) in res.reason
    assert res.interval_method == "percentile bootstrap over double-coded statements, 1,000 resamples, seed 2"


def test_undefined_alpha_is_said_where_krippendorff_gives_nan_or_raises():
    import warnings

    import krippendorff

    # one category only: the package returns NaN from value counts (0/0), and refuses raw data outright
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        one_value = np.array([[2, 0], [2, 0]])
        assert np.isnan(krippendorff.alpha(value_counts=one_value, value_domain=[0, 1], level_of_measurement="nominal"))
    with pytest.raises(ValueError, match="more than one value in the domain"):
        krippendorff.alpha(reliability_data=[[1, 1, 1], [1, 1, 1]], level_of_measurement="nominal")
    one = variable_agreement(two_coders([("denies", "denies")] * 3, "stance"), "stance", n_boot=20)
    assert (one.verdict, np.isnan(one.alpha)) == ("alpha undefined", True)
    assert one.reason.startswith("only one category occurs in the double-coded statements (every code is 'denies')")
    # no statement coded by two coders: the package raises; FrameLens says so
    with pytest.raises(ValueError, match="at least one unit with values assigned by at least two coders"):
        krippendorff.alpha(reliability_data=[[1, np.nan, 2], [np.nan, 1, np.nan]], level_of_measurement="nominal")
    rel = pd.DataFrame({"statement_id": ["s1", "s2"], "coder": ["a", "b"], "stance": ["asserts", "denies"]})
    none = variable_agreement(rel, "stance", n_boot=20)
    assert none.verdict == "alpha undefined" and none.n_units == 0
    assert none.reason == "no statement was coded by two coders, so there is no agreement to measure"
    assert "alpha undefined" in agreement_table(rel, n_boot=20)["verdict"].tolist()


def test_top_confusions_from_worked_example():
    var = coded_variable(long_form(WORKED, "claim_id"), "claim_id")
    top = top_confusions(coincidence_matrix(var), n=3)
    # off-diagonal total: 40 - (7 + 10 + 8 + 4 + 3) = 8; pairs (1,2) and (2,3) each 8/3
    assert top[["value_a", "value_b"]].values.tolist() == [["1", "2"], ["2", "3"], ["1", "3"]]
    assert top["pairings"].tolist() == pytest.approx([8 / 3, 8 / 3, 2 / 3])
    assert top["share"].tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 12])


def test_top_confusions_with_definitions():
    cb = framelens.dataset.codebook.load_codebook()
    rel = two_coders([("asserts", "attributes"), ("denies", "denies")], "stance")
    top = top_confusions(coincidence_matrix(coded_variable(rel, "stance")), definitions=definitions(cb, "stance"))
    assert top.loc[0, "definition_b"] == cb.vocabularies["stance"].definition("attributes")
    assert definitions(cb, "claim_id") is None


def test_bad_input_raises():
    with pytest.raises(ValueError, match="not in the codebook"):
        coded_variable(two_coders([("asserts", "maybe")], "stance"), "stance")
    dup = pd.DataFrame({"statement_id": ["s1", "s1"], "coder": ["a", "a"], "stance": ["asserts", "denies"]})
    with pytest.raises(ValueError, match="more than one row"):
        coded_variable(dup, "stance")
    with pytest.raises(ValueError, match="no level of measurement"):
        coded_variable(dup, "actor_label")


def test_no_reliability_fixture_and_message():
    folder = ROOT / "tests" / "fixtures" / "no_reliability"
    assert framelens.load_dataset(folder).reliability is None
    msg = no_reliability_message("../data")
    assert "framelens sample-reliability ../data --n 60 --seed 1" in msg


def test_notebook_without_reliability_says_how_to_make_one(tmp_path):
    import nbformat
    import papermill

    folder = ROOT / "tests" / "fixtures" / "no_reliability"
    out = tmp_path / "06.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "06-coder-agreement.ipynb"),
        str(out),
        parameters={"DATA": str(folder), "N_BOOT": 10},
        cwd=str(ROOT / "notebooks"),
        progress_bar=False,
        log_output=False,
    )
    outputs = [o for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code" for o in c.outputs]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream" and o.name == "stdout")
    assert f"{folder.name} has no reliability.csv" in text and str(folder) not in text
    assert f"framelens sample-reliability {folder.name} --n 60 --seed 1" in text
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    assert not [o for o in outputs if "image/png" in o.get("data", {})]


def test_alpha_chart_says_why_alpha_is_undefined_and_judges_on_the_lower_bound():
    from framelens.charts.agreement import alpha_chart

    rel = two_coders([("asserts", "asserts")] * 3, "stance").merge(
        two_coders(
            [("neutral", "neutral"), ("neutral", "legitimizing"), ("delegitimizing", "delegitimizing")], "label_valence"
        ),
        on=["statement_id", "coder"],
    )
    table = agreement_table(rel, n_boot=200)
    texts = [t.get_text() for t in alpha_chart(table).axes[0].texts]
    assert any(t.startswith("alpha undefined: only one category occurs") for t in texts)
    valence = table.set_index("variable").loc["label_valence"]
    assert any(f"CI low {valence['ci_low']:.3f}" in t and valence["verdict"] in t for t in texts)
