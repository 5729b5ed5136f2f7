"""Seeded simulations of the tests' behaviour: with no difference built in they reject at about the nominal 5%;
with a planted difference they detect it; Holm keeps the family-wise rate; the stratified test ignores event
composition; cluster-bootstrap intervals cover where Wilson intervals do not.

Each simulation uses 199 permutation resamples per test (not the 10,000 of the notebooks) to stay fast; a
Monte Carlo p-value with B resamples is still valid (P(p <= 0.05) <= 0.05 under the null for any B). The
rejection rates are printed (``pytest -s``) and asserted within a binomial tolerance: with 400 datasets at a
true 5% the rate has a standard error of 1.1%, so [2%, 9%] fails only a broken test, not an unlucky seed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import binomtest

from framelens.dataset.codebook import load_codebook
from framelens.divergence import js_permutation_test
from framelens.framing import cluster_share_intervals, frame_tests
from framelens.stats import holm, independence_test

CB = load_codebook()
B = 199
FRAMES = np.array(CB.codes("frame")[:6])
BLOCS = np.array(CB.codes("bloc"))
MIX = np.array([0.3, 0.2, 0.15, 0.15, 0.1, 0.1])  # one frame mix shared by every bloc: no difference


def event_table(rng: np.random.Generator, planted: bool = False, per_bloc: int = 10) -> np.ndarray:
    """A bloc x frame table like one event of the shipped data: 5 blocs x about 10 statements, 6 frames."""
    table = np.array([rng.multinomial(per_bloc + rng.integers(-3, 4), MIX) for _ in BLOCS])
    if planted:  # the first bloc uses the two rarest frames only (an effect as large as Russian vs Western outlets)
        table[0] = rng.multinomial(per_bloc, [0, 0, 0, 0, 0.5, 0.5])
    return table


def rate(rejections: list[bool], label: str) -> float:
    r = float(np.mean(rejections))
    ci = binomtest(int(np.sum(rejections)), len(rejections)).proportion_ci()
    print(f"{label}: {r:.3f} of {len(rejections)} datasets (95% CI {ci.low:.3f}-{ci.high:.3f})")
    return r


def test_per_event_test_rejects_about_5_percent_with_no_difference():
    rng = np.random.default_rng(20230522)
    p = [independence_test(event_table(rng), n_resamples=B, seed=s).p_value for s in range(400)]
    assert 0.02 <= rate([x < 0.05 for x in p], "null: per-event test rejection rate") <= 0.09


def test_per_event_test_detects_a_planted_difference():
    rng = np.random.default_rng(7)
    p = [independence_test(event_table(rng, planted=True), n_resamples=B, seed=s).p_value for s in range(200)]
    assert rate([x < 0.05 for x in p], "planted: per-event test power") >= 0.8


def test_holm_over_six_events_keeps_the_family_wise_rate():
    rng = np.random.default_rng(3)
    any_raw, any_holm = [], []
    for s in range(300):
        p = np.array([independence_test(event_table(rng), n_resamples=B, seed=1000 * s + e).p_value for e in range(6)])
        any_raw.append(bool((p < 0.05).any()))
        any_holm.append(bool((holm(p) < 0.05).any()))
    assert rate(any_raw, "null, 6 events: some event 'larger than chance' unadjusted") > 0.15  # about 1 - 0.95^6
    assert rate(any_holm, "null, 6 events: some event 'larger than chance' after Holm") <= 0.08


def composed_dataset(rng: np.random.Generator) -> pd.DataFrame:
    """Two events; within each, bloc and frame independent; event 1 is mostly russian outlets and mostly frame A,
    event 2 mostly western and frame B, so the pooled table is associated by composition alone."""
    rows = []
    for event, (bloc_mix, frame_mix) in {"e1": ([0.8, 0.2], [0.8, 0.2]), "e2": ([0.2, 0.8], [0.2, 0.8])}.items():
        for _ in range(40):
            rows.append(
                (
                    event,
                    ["russian", "western"][rng.choice(2, p=bloc_mix)],
                    ["terrorism_sabotage", "aggression"][rng.choice(2, p=frame_mix)],
                )
            )
    return pd.DataFrame(rows, columns=["event_id", "outlet_bloc", "frame"])


def test_stratified_test_holds_its_level_where_the_pooled_test_is_fooled_by_composition():
    rng = np.random.default_rng(11)
    pooled, stratified = [], []
    for s in range(200):
        row = frame_tests(composed_dataset(rng), n_resamples=B, seed=s, codebook=CB).iloc[0]
        pooled.append(row["p_value"] < 0.05)
        stratified.append(row["p_value_stratified"] < 0.05)
    assert rate(pooled, "composition only: pooled test rejection rate") > 0.5
    # at most the nominal rate (a 2 x 2 permutation test is discrete, so it may sit below 5%)
    assert rate(stratified, "composition only: stratified test rejection rate") <= 0.09


def test_js_permutation_test_level_and_power():
    rng = np.random.default_rng(5)
    null = [js_permutation_test(rng.multinomial(12, MIX), rng.multinomial(12, MIX), B, s)[2] for s in range(400)]
    assert 0.02 <= rate([p < 0.05 for p in null], "null: JSD permutation test rejection rate") <= 0.09
    other = [0, 0, 0.1, 0.1, 0.4, 0.4]
    planted = [js_permutation_test(rng.multinomial(15, MIX), rng.multinomial(15, other), B, s)[2] for s in range(200)]
    assert rate([p < 0.05 for p in planted], "planted: JSD permutation test power") >= 0.8


def test_cluster_bootstrap_covers_where_wilson_does_not():
    # 15 outlets x 10 statements; each outlet's chance of the frame is drawn from Beta(1.2, 1.8): mean 0.4 (the
    # true share), intra-outlet correlation 1 / (1.2 + 1.8 + 1) = 0.25, so a design effect near 1 + 9 x 0.25
    rng = np.random.default_rng(9)
    wilson, cluster = [], []
    for s in range(200):
        chance = rng.beta(1.2, 1.8, 15)
        frames = np.where(rng.random((15, 10)) < chance[:, None], "aggression", "civilian_harm").ravel()
        st = pd.DataFrame(
            {"outlet": np.repeat([f"o{o}" for o in range(15)], 10), "outlet_bloc": "russian", "frame": frames}
        )
        row = (
            cluster_share_intervals(st, n_boot=B, seed=s, codebook=CB)
            .set_index(["bloc", "frame"])
            .loc[("russian", "aggression")]
        )
        wilson.append(row["ci_low"] <= 0.4 <= row["ci_high"])
        cluster.append(row["cluster_ci_low"] <= 0.4 <= row["cluster_ci_high"])
    w = rate(wilson, "clustered: Wilson 95% coverage")
    c = rate(cluster, "clustered: cluster-bootstrap 95% coverage")
    assert w < 0.88 and c >= 0.86 and c > w
