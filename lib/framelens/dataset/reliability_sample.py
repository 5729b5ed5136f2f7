"""Draw a stratified random sample of statements and write a blank double-coding sheet.

    framelens sample-reliability data --n 60 --seed 1 --out sheet.csv

>>> from framelens import load_dataset
>>> ds = load_dataset("tests/fixtures/valid")
>>> sample_statements(ds, n=4, seed=1)["event_id"].value_counts().sort_index().tolist()
[2, 2]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framelens.dataset.loader import Dataset

CONTEXT = [
    "event_id",
    "outlet",
    "outlet_bloc",
    "speaker",
    "speaker_bloc",
    "speaker_role",
    "quote",
    "quote_language",
    "quote_type",
    "actor_label",
    "claim_id",
]
CODES = ["frame", "label_valence", "stance"]


def allocate(sizes: pd.Series, n: int) -> pd.Series:
    """Split n over strata as evenly as possible, never more than a stratum holds (largest first on ties).

    >>> allocate(pd.Series({"a": 10, "b": 2, "c": 10}), 9).tolist()
    [4, 2, 3]
    """
    n = min(n, int(sizes.sum()))
    take = pd.Series(0, index=sizes.index)
    while take.sum() < n:
        room = sizes - take
        open_ = room[room > 0].index
        share = max(1, (n - int(take.sum())) // len(open_))
        for key in sorted(open_, key=lambda k: (-room[k], str(k))):
            if take.sum() >= n:
                break
            take[key] += min(share, room[key], n - int(take.sum()))
    return take


def sample_statements(ds: Dataset, n: int = 60, seed: int = 1, stratum: str = "event_id") -> pd.DataFrame:
    """A random sample of n statements spread evenly over the strata (events by default), reproducible by seed."""
    st = ds.statements.sort_values("statement_id").reset_index(drop=True)
    take = allocate(st.groupby(stratum, observed=True).size(), n)
    rng = np.random.default_rng(seed)
    picks = []
    for key in sorted(take.index, key=str):
        rows = st.index[st[stratum] == key].to_numpy()
        picks.extend(rng.choice(rows, size=int(take[key]), replace=False).tolist())
    return st.loc[sorted(picks)].reset_index(drop=True)


def coding_sheet(sample: pd.DataFrame, coders: list[str]) -> pd.DataFrame:
    """One blank row per statement per coder: the statement's context, then empty code columns."""
    context = sample[["statement_id"] + CONTEXT]
    sheets = [context.assign(coder=c, **{code: "" for code in CODES}) for c in coders]
    return pd.concat(sheets, ignore_index=True)[["statement_id", "coder", *CODES, *CONTEXT]]
