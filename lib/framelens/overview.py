"""Coverage and completeness of a dataset: what the other analyses rest on.

>>> from framelens import load_dataset
>>> ds = load_dataset("tests/fixtures/valid")
>>> int(coverage_by_event(ds).loc["ev-alpha", "russian"])
3
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framelens.dataset.loader import Dataset


def _crosstab(rows: pd.Series, bloc: pd.Series) -> pd.DataFrame:
    """``pd.crosstab(rows, bloc, dropna=False)``; by bincount over integer codes when ``bloc`` is categorical
    and nothing is missing (rows sorted, every category a column): pandas may aggregate in Python.

    >>> cols = pd.Series(pd.Categorical(["x", "x", "y"], categories=["x", "y", "z"]))
    >>> _crosstab(pd.Series(["b", "a", "b"]), cols).values.tolist()
    [[1, 0, 0], [1, 1, 0]]
    """
    if not isinstance(bloc.dtype, pd.CategoricalDtype) or rows.hasnans or bloc.hasnans:
        return pd.crosstab(rows, bloc, dropna=False)
    codes, values = pd.factorize(rows, sort=True)
    n_cat = len(bloc.cat.categories)
    counts = np.bincount(codes * n_cat + bloc.cat.codes.to_numpy(), minlength=len(values) * n_cat).reshape(
        len(values), n_cat
    )
    return pd.DataFrame(
        counts.astype(np.int64),
        index=pd.Index(values, name=rows.name),
        columns=pd.CategoricalIndex(bloc.cat.categories, dtype=bloc.dtype, name=bloc.name),
    )


def coverage_by_event(ds: Dataset, bloc_column: str = "outlet_bloc") -> pd.DataFrame:
    """Statements per event (rows) and bloc (columns, codebook order), with a total column; empty cells 0."""
    table = _crosstab(ds.statements["event_id"], ds.statements[bloc_column]).reindex(
        columns=ds.codebook.codes("bloc"), fill_value=0
    )
    if ds.events is not None:
        order = ds.events.sort_values(["start_date", "event_id"])["event_id"].tolist()
        known = set(order)  # a set: ``in`` a list of every event would make this quadratic
        table = table.reindex(
            [e for e in order if e in table.index] + [e for e in table.index if e not in known], fill_value=0
        )
    table.columns = table.columns.astype(str)
    table["total"] = table.sum(axis=1)
    table.index.name, table.columns.name = "event_id", bloc_column
    return table


def coverage_by_outlet(ds: Dataset) -> pd.DataFrame:
    """Statements per outlet with its bloc and the number of events it covers, most statements first."""
    st = ds.statements
    out = st.groupby("outlet", observed=True).agg(
        bloc=("outlet_bloc", "first"), statements=("statement_id", "size"), events=("event_id", "nunique")
    )
    out["bloc"] = out["bloc"].astype(str)
    return out.sort_values(["statements", "outlet"], ascending=[False, True])


def missing_values(ds: Dataset) -> pd.DataFrame:
    """For every statements column: how many rows are empty, and the share, in codebook column order."""
    st = ds.statements
    n = len(st)
    empty = st.isna().sum()
    columns = ds.codebook.tables["statements"].columns
    required = [columns[c].required if c in columns else False for c in st.columns]
    # a new Index: naming st.columns itself would rename the caller's DataFrame columns
    index = pd.Index(list(st.columns), name="column")
    return pd.DataFrame(
        {"required": required, "empty": empty.values, "share_empty": (empty.values / n).round(3) if n else 0.0},
        index=index,
    )


def publication_counts(ds: Dataset, freq: str = "D") -> pd.DataFrame:
    """Statements per publication period (rows) and outlet bloc (columns)."""
    st = ds.statements
    period = st["published_at"].dt.tz_convert(None).dt.to_period(freq)
    table = _crosstab(period, st["outlet_bloc"]).reindex(columns=ds.codebook.codes("bloc"), fill_value=0)
    table.columns = table.columns.astype(str)
    return table
