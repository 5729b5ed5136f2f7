"""Jensen-Shannon distance between blocs' frame distributions, overall and per event.

The distance (base 2) runs from 0 (the same mix of frames) to 1 (no frame in common).

>>> m = js_distance_matrix(pd.DataFrame({"x": [2, 0], "y": [0, 3]}, index=["a", "b"]))
>>> float(m.loc["a", "b"])
1.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framelens.dataset.codebook import Codebook
from framelens.framing import MIN_N, SEED, frame_counts, per_event
from framelens.stats import holm, null_tables, permutation_pvalue

READINGS = ("differs", "not distinguishable from no difference", "too few statements")


def js_distances(p, q) -> np.ndarray:
    """Jensen-Shannon distance, base 2, between count or probability vectors along the last axis (normalised
    here): two stacks of vectors give one distance per pair.

    >>> js_distances([[1, 0], [2, 2]], [[1, 1], [1, 1]]).round(4).tolist()
    [0.5579, 0.0]
    """
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    p, q = p / p.sum(axis=-1, keepdims=True), q / q.sum(axis=-1, keepdims=True)
    m = (p + q) / 2

    def kl(a: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(a > 0, a * np.log2(np.where(a > 0, a, 1) / np.where(m > 0, m, 1)), 0.0).sum(axis=-1)

    return np.sqrt(np.maximum((kl(p) + kl(q)) / 2, 0.0))


def js_distance(p, q) -> float:
    """Jensen-Shannon distance, base 2, of two count or probability vectors (normalised here).

    >>> round(js_distance([1, 0], [1, 1]), 4)
    0.5579
    """
    return float(js_distances(p, q))


def js_permutation_test(a, b, n_resamples: int = 10_000, seed: int = SEED) -> tuple[float, float, float]:
    """Jensen-Shannon distance of two blocs' frame counts, its mean under no difference, and a permutation p-value.

    The null shuffles the bloc labels of the two blocs' statements (both blocs' N and the frames' totals kept;
    :func:`framelens.stats.null_tables`, numpy seed ``seed``): with small N two blocs with the same mix are
    still expected well above 0. p = (1 + resampled distances at least the observed) / (1 + ``n_resamples``).

    >>> d, null_mean, p = js_permutation_test([5, 0], [0, 5], n_resamples=2000)
    >>> d, round(null_mean, 2), round(p, 3)  # exact: mean 0.248, p = 2/252 = 0.008
    (1.0, 0.25, 0.01)
    """
    table = np.vstack([np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)])
    table = table[:, table.sum(axis=0) > 0]
    observed = float(js_distances(table[0], table[1]))
    null = null_tables(table, n_resamples, seed)
    distances = js_distances(null[:, 0], null[:, 1])
    return observed, float(distances.mean()), permutation_pvalue(observed, distances)


def js_distance_matrix(counts: pd.DataFrame) -> pd.DataFrame:
    """Bloc x bloc Jensen-Shannon distances from a bloc x frame count table.

    Blocs without statements are left out (their distribution is undefined); order is kept.
    """
    present = counts[counts.sum(axis=1) > 0]
    blocs = list(present.index)
    rows = present.to_numpy()
    out = np.array([[js_distance(a, b) for b in rows] for a in rows]).reshape(len(blocs), len(blocs))
    return pd.DataFrame(out, index=pd.Index(blocs, name="bloc"), columns=pd.Index(blocs, name="bloc"))


def pairwise_divergence(
    statements: pd.DataFrame,
    bloc_column: str = "outlet_bloc",
    *,
    by_event: bool = False,
    n_resamples: int = 10_000,
    seed: int = SEED,
    min_n: int = MIN_N,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Every pair of blocs with statements, overall or per event, with a permutation baseline and a reading.

    Columns: [event_id,] bloc_a, bloc_b, n_a, n_b, js_distance, jsd_null_mean (mean distance with the bloc
    labels shuffled: what no difference gives at these N), p_value (:func:`js_permutation_test`), p_holm
    (Holm over the pairs of the scope, event or overall, in which both blocs have at least ``min_n``
    statements) and reading: "too few statements" when a side has fewer than ``min_n``, else "differs"
    when p_holm < 0.05, else "not distinguishable from no difference".

    >>> pairwise_divergence(ds.statements, by_event=True, n_resamples=200).iloc[0].astype(str).tolist()[:6]
    ['ev-alpha', 'ukrainian', 'russian', '1', '3', '1.0']
    """
    columns = ["bloc_a", "bloc_b", "n_a", "n_b", "js_distance", "jsd_null_mean", "p_value", "p_holm", "reading"]

    def build(st: pd.DataFrame) -> pd.DataFrame:
        counts = frame_counts(st, bloc_column, codebook=codebook)
        present = counts[counts.sum(axis=1) > 0]
        blocs = list(present.index)
        rows = []
        for i, a in enumerate(blocs):
            for b in blocs[i + 1 :]:
                d, null_mean, p = js_permutation_test(present.loc[a], present.loc[b], n_resamples, seed)
                n_a, n_b = int(present.loc[a].sum()), int(present.loc[b].sum())
                rows.append(
                    {
                        "bloc_a": a,
                        "bloc_b": b,
                        "n_a": n_a,
                        "n_b": n_b,
                        "js_distance": d,
                        "jsd_null_mean": null_mean,
                        "p_value": p,
                    }
                )
        out = pd.DataFrame(rows, columns=columns)
        few = np.minimum(out["n_a"], out["n_b"]).to_numpy() < min_n
        out["p_holm"] = holm(np.where(few, np.nan, out["p_value"].to_numpy(dtype=float)))
        out["reading"] = np.where(few, READINGS[2], np.where(out["p_holm"] < 0.05, READINGS[0], READINGS[1]))
        return out

    return per_event(statements, by_event, build)
