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

import pandas as pd

from framelens.claims import as_text, bloc_order, check_bloc_column


def event_timeline(statements: pd.DataFrame, events: pd.DataFrame, bloc: str = "speaker_bloc") -> pd.DataFrame:
    """Every statement with its event's title and start, its lag, and ``is_first`` for its bloc.

    Statements whose event is not in ``events`` are left out. Sorted by event, bloc (codebook
    order), published_at, statement_id.
    """
    check_bloc_column(bloc)
    ev = events.assign(event_id=as_text(events["event_id"])).set_index("event_id")
    start = pd.to_datetime(ev["start_date"]).dt.tz_localize("UTC")
    out = statements.copy()
    out["event_id"] = as_text(out["event_id"])
    out = out[out["event_id"].isin(ev.index)].copy()
    out["bloc"] = as_text(out[bloc])
    out["title"] = out["event_id"].map(as_text(ev["title"]))
    out["event_start"] = out["event_id"].map(start)
    lag = out["published_at"] - pd.to_datetime(out["event_start"], utc=True)
    out["lag_hours"] = lag.dt.total_seconds() / 3600
    out["lag_days"] = out["lag_hours"] / 24
    order = {b: i for i, b in enumerate(bloc_order(out["bloc"]))}
    out["_b"] = out["bloc"].map(order)
    out = out.sort_values(["event_id", "_b", "published_at", "statement_id"], kind="mergesort").drop(columns="_b")
    out["is_first"] = ~out.duplicated(["event_id", "bloc"])
    return out.reset_index(drop=True)


def first_statements(statements: pd.DataFrame, events: pd.DataFrame, bloc: str = "speaker_bloc") -> pd.DataFrame:
    """For each event, each bloc's first statement: when, who, what, and the lag after the start."""
    tl = event_timeline(statements, events, bloc)
    cols = ["event_id", "title", "bloc", "statement_id", "published_at", "lag_hours", "lag_days", "outlet", "speaker", "quote"]
    return tl.loc[tl["is_first"], [c for c in cols if c in tl.columns]].reset_index(drop=True)
