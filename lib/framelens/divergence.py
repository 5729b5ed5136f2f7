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
from framelens.framing import frame_counts, per_event


def js_distance(p, q) -> float:
    """Jensen-Shannon distance, base 2, of two count or probability vectors (normalised here).

    >>> round(js_distance([1, 0], [1, 1]), 4)
    0.5579
    """
    p = np.asarray(p, dtype=float) / np.sum(p)
    q = np.asarray(q, dtype=float) / np.sum(q)
    m = (p + q) / 2

    def kl(a: np.ndarray) -> float:
        nz = a > 0
        return float(np.sum(a[nz] * np.log2(a[nz] / m[nz])))

    return float(np.sqrt(max((kl(p) + kl(q)) / 2, 0.0)))


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
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Every pair of blocs with statements, overall or per event: [event_id,] bloc_a, bloc_b, n_a, n_b, js_distance.

    >>> pairwise_divergence(ds.statements, by_event=True).iloc[0].astype(str).tolist()
    ['ev-alpha', 'ukrainian', 'russian', '1', '3', '1.0']
    """

    def build(st: pd.DataFrame) -> pd.DataFrame:
        counts = frame_counts(st, bloc_column, codebook=codebook)
        m = js_distance_matrix(counts)
        n = counts.sum(axis=1)
        blocs = list(m.index)
        rows = [
            {"bloc_a": a, "bloc_b": b, "n_a": int(n[a]), "n_b": int(n[b]), "js_distance": float(m.loc[a, b])}
            for i, a in enumerate(blocs)
            for b in blocs[i + 1 :]
        ]
        return pd.DataFrame(rows, columns=["bloc_a", "bloc_b", "n_a", "n_b", "js_distance"])

    return per_event(statements, by_event, build)
