"""Jensen-Shannon distances between blocs, checked against scipy.spatial.distance.jensenshannon."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import jensenshannon

from framelens.dataset.codebook import load_codebook
from framelens.divergence import js_distance, js_distance_matrix, pairwise_divergence
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
