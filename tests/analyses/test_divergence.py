"""Jensen-Shannon distances between blocs, checked against scipy.spatial.distance.jensenshannon."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import jensenshannon

from framelens.dataset.codebook import load_codebook
from framelens.divergence import js_distance, js_distance_matrix, js_permutation_test, pairwise_divergence
from framelens.framing import frame_counts

CB = load_codebook()

ST = pd.DataFrame(
    {
        "event_id": ["e1"] * 6 + ["e2"] * 3,
        "outlet_bloc": [
            "russian",
            "russian",
            "russian",
            "ukrainian",
            "ukrainian",
            "western",
            "russian",
            "other",
            "other",
        ],
        "speaker_bloc": ["russian"] * 9,
        "frame": [
            "terrorism_sabotage",
            "terrorism_sabotage",
            "control_normalcy",
            "aggression",
            "terrorism_sabotage",
            "uncertainty_verification",
            "civilian_harm",
            "civilian_harm",
            "denial_deflection",
        ],
    }
)


def test_js_distance_matches_scipy_on_random_counts_with_zeros():
    rng = np.random.default_rng(3)
    for _ in range(50):
        p, q = rng.integers(0, 5, size=(2, 9))
        p[0], q[1] = p[0] + 1, q[1] + 1  # never all zero
        p[rng.integers(9)] = 0
        assert js_distance(p, q) == pytest.approx(jensenshannon(p, q, base=2), abs=1e-12)
    assert js_distance([1, 0], [0, 1]) == pytest.approx(1.0) and js_distance([2, 2], [1, 1]) == 0.0


def test_matrix_is_symmetric_drops_empty_blocs_and_matches_scipy():
    counts = frame_counts(ST, codebook=CB)
    m = js_distance_matrix(counts)
    assert list(m.index) == ["ukrainian", "russian", "western", "other"]  # codebook order, no empty blocs
    np.testing.assert_allclose(m.to_numpy(), m.to_numpy().T)
    assert (np.diag(m.to_numpy()) == 0).all()
    for a in m.index:
        for b in m.columns:
            assert m.loc[a, b] == pytest.approx(jensenshannon(counts.loc[a], counts.loc[b], base=2), abs=1e-12)


def test_pairwise_per_event_only_pairs_blocs_present_in_that_event():
    out = pairwise_divergence(ST, by_event=True, codebook=CB)
    e2 = out[out.event_id == "e2"]
    assert e2[["bloc_a", "bloc_b"]].values.tolist() == [["russian", "other"]]
    assert e2["js_distance"].iat[0] == pytest.approx(jensenshannon([1, 0], [1, 1], base=2))
    e1 = out[out.event_id == "e1"].set_index(["bloc_a", "bloc_b"])
    assert len(e1) == 3 and e1.loc[("ukrainian", "russian"), ["n_a", "n_b"]].tolist() == [2, 3]
    # ukrainian: aggression 1, terrorism 1; russian: terrorism 2, control 1
    ref = jensenshannon([1, 1, 0], [0, 2, 1], base=2)
    assert e1.loc[("ukrainian", "russian"), "js_distance"] == pytest.approx(ref)


def test_overall_pairs_and_speaker_bloc():
    overall = pairwise_divergence(ST, codebook=CB)
    assert len(overall) == 6 and "event_id" not in overall
    assert pairwise_divergence(ST, "speaker_bloc", codebook=CB).empty  # one bloc: no pairs


def test_js_permutation_test_matches_scipy_permutation_of_bloc_labels():
    from scipy.stats import permutation_test

    a, b = np.array([4, 1, 0, 2]), np.array([1, 3, 3, 1])
    frames = np.repeat(np.arange(4), a + b)
    blocs = np.concatenate([np.repeat([0, 1], [k, m]) for k, m in zip(a, b)])  # bloc of each statement

    def jsd(labels):
        return jensenshannon(
            np.bincount(frames[labels == 0], minlength=4), np.bincount(frames[labels == 1], minlength=4), base=2
        )

    ref = permutation_test(
        (blocs,), jsd, permutation_type="pairings", alternative="greater", n_resamples=5_000, random_state=1
    )
    d, null_mean, p = js_permutation_test(a, b, n_resamples=20_000, seed=2)
    assert d == pytest.approx(jensenshannon(a, b, base=2))
    assert p == pytest.approx(ref.pvalue, abs=0.02)
    assert null_mean == pytest.approx(ref.null_distribution.mean(), abs=0.01)


def test_null_mean_jsd_of_identical_mixes_is_far_above_zero_exactly_as_enumerated():
    # two blocs of 5, same mix (3 of frame 1, 2 of frame 2 each): bloc a's frame-1 count k ~ hypergeom(10, 6, 5)
    from scipy.stats import hypergeom

    exact = sum(hypergeom(10, 6, 5).pmf(k) * jensenshannon([k, 5 - k], [6 - k, k - 1], base=2) for k in range(1, 6))
    d, null_mean, p = js_permutation_test([3, 2], [3, 2], n_resamples=40_000, seed=1)
    assert d == 0.0 and p == 1.0
    assert null_mean == pytest.approx(exact, abs=0.005) and exact > 0.15


def test_readings_and_holm_within_the_event():
    rows = (
        [("e", "russian", "terrorism_sabotage")] * 12
        + [("e", "western", "civilian_harm")] * 12
        + [("e", "ukrainian", "civilian_harm")] * 6
        + [("e", "ukrainian", "aggression")] * 6
        + [("e", "other", "terrorism_sabotage")] * 3
    )
    st = pd.DataFrame(rows, columns=["event_id", "outlet_bloc", "frame"])
    out = pairwise_divergence(st, by_event=True, n_resamples=2_000, codebook=CB).set_index(["bloc_a", "bloc_b"])
    assert out.loc[("russian", "western"), "reading"] == "differs"
    assert (out.xs("other", level="bloc_b")["reading"] == "too few statements").all()  # 3 < MIN_N = 10
    assert out.loc[("western", "other"), "p_value"] < 0.05 and np.isnan(out.loc[("western", "other"), "p_holm"])
    tested = out[out["reading"] != "too few statements"]
    from statsmodels.stats.multitest import multipletests

    np.testing.assert_allclose(tested["p_holm"], multipletests(tested["p_value"], method="holm")[1])
    same = pd.DataFrame(
        [("e", b, f) for b in ("russian", "western") for f in ["aggression", "civilian_harm"] * 6],
        columns=["event_id", "outlet_bloc", "frame"],
    )
    row = pairwise_divergence(same, n_resamples=2_000, codebook=CB).iloc[0]
    assert row["reading"] == "not distinguishable from no difference" and row["jsd_null_mean"] > 0.1
