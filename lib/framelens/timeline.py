"""Timelines: who said what, when, after each event began.

The lag of a statement is ``published_at`` minus the event's ``start_date`` (taken as midnight
UTC that day), in hours and days. Many statements carry only a date, read as midnight UTC, so
lags have a resolution of one day at best. A bloc's first statement on an event is its earliest
by published_at (ties: the lowest statement_id). Bloc = speaker_bloc by default (who said it);
pass ``bloc_column="outlet_bloc"`` for who published it.

>>> import pandas as pd
>>> ev = pd.DataFrame({"event_id": ["e"], "title": ["E"], "start_date": pd.to_datetime(["2023-05-22"])})
>>> st = pd.DataFrame({"statement_id": ["a", "b"], "event_id": ["e", "e"],
...     "published_at": pd.to_datetime(["2023-05-22T12:00Z", "2023-05-24T00:00Z"], utc=True),
...     "speaker_bloc": ["russian", "russian"], "outlet_bloc": ["russian"] * 2})
>>> first_statements(st, ev)[["bloc", "statement_id", "lag_hours"]].values.tolist()
[['russian', 'a', 12.0]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from framelens._kernels import as_text, bloc_order, column_codes, ordered_map, ranks, row_order, sort_key, text_order
from framelens.dataset.codebook import check_bloc_column

TIMELINE_COLUMNS = ("statement_id", "published_at", "outlet", "speaker")


def event_timeline(
    statements: pd.DataFrame,
    events: pd.DataFrame,
    bloc_column: str = "speaker_bloc",
    columns: Sequence[str] | None = TIMELINE_COLUMNS,
) -> pd.DataFrame:
    """Each statement with its event's title and start, its bloc, its lag, and ``is_first`` for its bloc.

    Columns: event_id, title, event_start, bloc, the statement ``columns`` that exist (default
    statement_id, published_at, outlet, speaker; ``None`` for all of them), lag_hours, lag_days,
    is_first. Only the columns asked for are copied, which matters with millions of statements.
    Statements whose event is not in ``events`` are left out. Sorted by event, bloc (codebook
    order), published_at, statement_id.
    """
    rows, out = _timeline(statements, events, bloc_column)
    wanted = [
        c
        for c in (statements.columns if columns is None else columns)
        if c in statements.columns and c not in out.columns
    ]
    for c, values in zip(wanted, ordered_map(lambda c: statements[c].iloc[rows].reset_index(drop=True), wanted)):
        out[c] = values  # gathered on two threads: random access to millions of texts waits on memory
    _add_lags(out, out.pop("lag"))
    out["is_first"] = out.pop("is_first")
    return out


def _timeline(statements: pd.DataFrame, events: pd.DataFrame, bloc_column: str) -> tuple[np.ndarray, pd.DataFrame]:
    """The positions of the timeline's statements, in timeline order, and its own columns.

    Own columns: event_id, title, event_start, bloc, lag (a timedelta) and is_first.
    """
    check_bloc_column(bloc_column)
    ev = events.assign(event_id=as_text(events["event_id"])).set_index("event_id")
    start = pd.to_datetime(ev["start_date"]).dt.tz_localize("UTC")
    # work on integer codes of the distinct events and blocs; the last code stands for a missing value
    ev_codes, ev_uniques = column_codes(statements["event_id"])
    ev_values = pd.Series(np.append(ev_uniques, None), dtype=object)
    ev_codes = np.where(ev_codes < 0, len(ev_uniques), ev_codes)
    rows = np.flatnonzero(ev_values.isin(ev.index).to_numpy()[ev_codes])
    ev_codes = ev_codes[rows]
    bloc_codes, bloc_uniques = column_codes(statements[bloc_column])
    bloc_codes = np.where(bloc_codes < 0, len(bloc_uniques), bloc_codes)[rows]
    bloc_values = np.append(bloc_uniques, None).astype(object)
    seen = np.zeros(len(bloc_values), dtype=bool)
    seen[bloc_codes] = True
    seen[-1] = False
    order = {b: i for i, b in enumerate(bloc_order(pd.Series(bloc_values[seen], dtype=object)))}
    bloc_rank = np.array([order.get(b, len(order)) for b in bloc_values], dtype=np.int64)  # one per distinct bloc
    ev_rank = np.append(ranks(ev_uniques), len(ev_uniques))
    # the order of sort_values(["event_id", bloc order, "published_at", "statement_id"], kind="mergesort")
    keys = [ev_rank[ev_codes] * len(bloc_rank) + bloc_rank[bloc_codes]]  # event, then bloc, as one key
    if "published_at" in statements.columns:
        keys.append(sort_key(statements["published_at"].iloc[rows]))
    sort = row_order(
        keys, text_order(statements["statement_id"].iloc[rows]) if "statement_id" in statements.columns else None
    )
    rows, ev_codes, bloc_codes = rows[sort], ev_codes[sort], bloc_codes[sort]
    out = pd.DataFrame(
        {
            "event_id": pd.Series(ev_values.to_numpy(dtype=object)[ev_codes], dtype=object),
            "title": ev_values.map(as_text(ev["title"])).array.take(ev_codes),
            "event_start": ev_values.map(start).array.take(ev_codes),
            "bloc": pd.Series(bloc_values[bloc_codes], dtype=object),
        }
    )
    published = (
        statements["published_at"].iloc[rows].reset_index(drop=True)
        if "published_at" in statements.columns
        else pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns, UTC]")
    )
    out["lag"] = published - pd.to_datetime(out["event_start"], utc=True)
    new_group = np.ones(len(out), dtype=bool)
    new_group[1:] = (ev_codes[1:] != ev_codes[:-1]) | (bloc_codes[1:] != bloc_codes[:-1])
    out["is_first"] = new_group
    return rows, out


def _add_lags(out: pd.DataFrame, lag: pd.Series) -> None:
    """Add lag_hours and lag_days (floats) to ``out`` from timedeltas."""
    out["lag_hours"] = lag.dt.total_seconds() / 3600
    out["lag_days"] = out["lag_hours"] / 24


def first_statements(statements: pd.DataFrame, events: pd.DataFrame, bloc_column: str = "speaker_bloc") -> pd.DataFrame:
    """For each event, each bloc's first statement: when, who, what, and the lag after the start."""
    cols = ["statement_id", "published_at", "outlet", "speaker", "quote"]
    rows, own = _timeline(statements, events, bloc_column)
    first = own["is_first"].to_numpy()
    out = own.loc[first, ["event_id", "title", "bloc"]].reset_index(drop=True)
    picked = statements.iloc[rows[first]].reset_index(drop=True)
    for c in cols:
        if c in statements.columns:
            out[c] = picked[c]
    _add_lags(out, own.loc[first, "lag"].reset_index(drop=True))
    order = [
        "event_id",
        "title",
        "bloc",
        "statement_id",
        "published_at",
        "lag_hours",
        "lag_days",
        "outlet",
        "speaker",
        "quote",
    ]
    return out[[c for c in order if c in out.columns]]
