"""Timelines: who said what, when, after each event began.

The lag of a statement is ``published_at`` minus the event's ``start_date`` (taken as midnight
UTC that day), in hours and days. Many statements carry only a date, read as midnight UTC, so
lags have a resolution of one day at best. A bloc's first statement on an event is its earliest
by published_at (ties: the lowest statement_id). Bloc = speaker_bloc by default (who said it);
pass ``bloc="outlet_bloc"`` for who published it.

>>> import pandas as pd
>>> ev = pd.DataFrame({"event_id": ["e"], "title": ["E"], "start_date": pd.to_datetime(["2023-05-22"])})
>>> st = pd.DataFrame({"statement_id": ["a", "b"], "event_id": ["e", "e"],
...     "published_at": pd.to_datetime(["2023-05-22T12:00Z", "2023-05-24T00:00Z"], utc=True),
...     "speaker_bloc": ["russian", "russian"], "outlet_bloc": ["russian"] * 2})
>>> first_statements(st, ev)[["bloc", "statement_id", "lag_hours"]].values.tolist()
[['russian', 'a', 12.0]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framelens.claims import _codes, _ranks, _sort_key, as_text, bloc_order, check_bloc_column


def event_timeline(statements: pd.DataFrame, events: pd.DataFrame, bloc: str = "speaker_bloc") -> pd.DataFrame:
    """Every statement with its event's title and start, its lag, and ``is_first`` for its bloc.

    Statements whose event is not in ``events`` are left out. Sorted by event, bloc (codebook
    order), published_at, statement_id.
    """
    check_bloc_column(bloc)
    ev = events.assign(event_id=as_text(events["event_id"])).set_index("event_id")
    start = pd.to_datetime(ev["start_date"]).dt.tz_localize("UTC")
    # work on integer codes of the distinct events and blocs; the last code stands for a missing value
    ev_codes, ev_uniques = _codes(statements["event_id"])
    ev_values = pd.Series(np.append(ev_uniques, None), dtype=object)
    ev_codes = np.where(ev_codes < 0, len(ev_uniques), ev_codes)
    rows = np.flatnonzero(ev_values.isin(ev.index).to_numpy()[ev_codes])
    ev_codes = ev_codes[rows]
    bloc_codes, bloc_uniques = _codes(statements[bloc])
    bloc_codes = np.where(bloc_codes < 0, len(bloc_uniques), bloc_codes)[rows]
    bloc_values = np.append(bloc_uniques, None).astype(object)
    seen = np.zeros(len(bloc_values), dtype=bool)
    seen[bloc_codes] = True
    seen[-1] = False
    order = {b: i for i, b in enumerate(bloc_order(pd.Series(bloc_values[seen], dtype=object)))}
    bloc_rank = np.array([order.get(b, len(order)) for b in bloc_values], dtype=np.int64)   # one per distinct bloc
    ev_rank = np.append(_ranks(ev_uniques), len(ev_uniques))
    # the order of sort_values(["event_id", bloc order, "published_at", "statement_id"], kind="mergesort")
    keys = [ev_rank[ev_codes], bloc_rank[bloc_codes]]
    for c in ("published_at", "statement_id"):
        if c in statements.columns:
            keys.append(_sort_key(statements[c].iloc[rows]))
    sort = np.lexsort(keys[::-1]) if len(rows) else np.arange(0)
    rows, ev_codes, bloc_codes = rows[sort], ev_codes[sort], bloc_codes[sort]
    out = statements.iloc[rows].reset_index(drop=True)   # the one copy of the rows, already in order
    out["event_id"] = pd.Series(ev_values.to_numpy(dtype=object)[ev_codes], index=out.index, dtype=object)
    out["bloc"] = pd.Series(bloc_values[bloc_codes], index=out.index, dtype=object)
    out["title"] = ev_values.map(as_text(ev["title"])).array.take(ev_codes)
    out["event_start"] = ev_values.map(start).array.take(ev_codes)
    lag = out["published_at"] - pd.to_datetime(out["event_start"], utc=True)
    out["lag_hours"] = lag.dt.total_seconds() / 3600
    out["lag_days"] = out["lag_hours"] / 24
    new_group = np.ones(len(out), dtype=bool)
    new_group[1:] = (ev_codes[1:] != ev_codes[:-1]) | (bloc_codes[1:] != bloc_codes[:-1])
    out["is_first"] = new_group
    return out


def first_statements(statements: pd.DataFrame, events: pd.DataFrame, bloc: str = "speaker_bloc") -> pd.DataFrame:
    """For each event, each bloc's first statement: when, who, what, and the lag after the start."""
    tl = event_timeline(statements, events, bloc)
    cols = ["event_id", "title", "bloc", "statement_id", "published_at", "lag_hours", "lag_days", "outlet", "speaker", "quote"]
    return tl.loc[tl["is_first"], [c for c in cols if c in tl.columns]].reset_index(drop=True)
