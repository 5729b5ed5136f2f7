"""Coverage and completeness of a dataset: what the other analyses rest on.

>>> from framelens import load_dataset
>>> ds = load_dataset("tests/fixtures/valid")
>>> int(coverage_by_event(ds).loc["ev-alpha", "russian"])
3
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framelens.loader import Dataset


def coverage_by_event(ds: Dataset, bloc_column: str = "outlet_bloc") -> pd.DataFrame:
    """Statements per event (rows) and bloc (columns, codebook order), with a total column; empty cells 0."""
    event, bloc = ds.statements["event_id"], ds.statements[bloc_column]
    if isinstance(bloc.dtype, pd.CategoricalDtype) and not event.hasnans and not bloc.hasnans:
        # the crosstab by bincount over integer codes: events sorted, every category a column
        codes, events = pd.factorize(event, sort=True)
        n_cat = len(bloc.cat.categories)
        counts = np.bincount(codes * n_cat + bloc.cat.codes.to_numpy(), minlength=len(events) * n_cat).reshape(len(events), n_cat)
        table = pd.DataFrame(counts.astype(np.int64), index=pd.Index(events, name=event.name),
                             columns=pd.CategoricalIndex(bloc.cat.categories, dtype=bloc.dtype, name=bloc.name))
    else:
        table = pd.crosstab(event, bloc, dropna=False)
    table = table.reindex(columns=ds.codebook.codes("bloc"), fill_value=0)
    if ds.events is not None:
        order = ds.events.sort_values(["start_date", "event_id"])["event_id"].tolist()
        known = set(order)  # a set: ``in`` a list of every event would make this quadratic
        table = table.reindex([e for e in order if e in table.index] + [e for e in table.index if e not in known], fill_value=0)
    table.columns = table.columns.astype(str)
    table["total"] = table.sum(axis=1)
    table.index.name, table.columns.name = "event_id", bloc_column
    return table


def coverage_by_outlet(ds: Dataset) -> pd.DataFrame:
    """Statements per outlet with its bloc and the number of events it covers, most statements first."""
    st = ds.statements
    out = st.groupby("outlet", observed=True).agg(bloc=("outlet_bloc", "first"), statements=("statement_id", "size"),
                                                  events=("event_id", "nunique"))
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
    return pd.DataFrame({"required": required, "empty": empty.values,
                         "share_empty": (empty.values / n).round(3) if n else 0.0}, index=index)


def publication_counts(ds: Dataset, freq: str = "D") -> pd.DataFrame:
    """Statements per publication period (rows) and outlet bloc (columns)."""
    st = ds.statements
    period, bloc = st["published_at"].dt.tz_convert(None).dt.to_period(freq), st["outlet_bloc"]
    if isinstance(bloc.dtype, pd.CategoricalDtype) and not period.hasnans and not bloc.hasnans:
        # the crosstab by bincount over integer codes (pandas' crosstab aggregates in Python here)
        codes, periods = pd.factorize(period, sort=True)
        n_cat = len(bloc.cat.categories)
        counts = np.bincount(codes * n_cat + bloc.cat.codes.to_numpy(), minlength=len(periods) * n_cat).reshape(len(periods), n_cat)
        table = pd.DataFrame(counts.astype(np.int64), index=pd.Index(periods, name=period.name),
                             columns=pd.CategoricalIndex(bloc.cat.categories, dtype=bloc.dtype, name=bloc.name))
    else:
        table = pd.crosstab(period, bloc, dropna=False)
    table = table.reindex(columns=ds.codebook.codes("bloc"), fill_value=0)
    table.columns = table.columns.astype(str)
    return table
