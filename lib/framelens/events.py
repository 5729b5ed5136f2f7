"""Events: the events table (read or inferred from the statements), one event's statements and claims, titles, the
order of events and the largest ones, and the scope a notebook shows (one event or all, and the largest events for
its per-event sections).

>>> ds = framelens.load_dataset("tests/fixtures/valid")
>>> event_statements(ds, "ev-beta")["statement_id"].tolist()
['s7', 's8', 's9']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from framelens._kernels import as_text
from framelens.dataset.loader import Dataset

EVENT = "event_id"


def event_statements(ds: Dataset, event: str) -> pd.DataFrame:
    """The statements on one event (ValueError naming the known events when it has none)."""
    ids = as_text(ds.statements["event_id"])
    if not (ids == event).any():
        raise ValueError(
            f"no statements on event {event!r}; events with statements: {', '.join(sorted(set(ids.dropna())))}"
        )
    return ds.statements[ids == event].reset_index(drop=True)


def event_claims(ds: Dataset, event: str) -> pd.DataFrame | None:
    """The claims of one event (None when the dataset has no claims table)."""
    if ds.claims is None:
        return None
    return ds.claims[as_text(ds.claims["event_id"]) == event].reset_index(drop=True)


def events_table(ds: Dataset) -> pd.DataFrame:
    """``ds.events``, or, without an events table, one row per event inferred from its statements.

    An inferred event's title is its id and it starts on the date of its first statement.
    """
    if ds.events is not None:
        return ds.events
    first = ds.statements.groupby(as_text(ds.statements["event_id"]))["published_at"].min()
    return pd.DataFrame(
        {
            "event_id": first.index.astype(str),
            "title": first.index.astype(str),
            "start_date": first.dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize().to_numpy(),
        }
    )


def event_title(ds: Dataset, event: str) -> str:
    """The event's title (its id when there is none).

    >>> event_title(ds, "ev-alpha")
    'Border incident Alpha (synthetic)'
    """
    ev = events_table(ds)
    row = ev[as_text(ev["event_id"]) == event]
    title = row["title"].iat[0] if len(row) else None
    return str(title) if title is not None and pd.notna(title) else event


def event_order(statements: pd.DataFrame) -> list[str]:
    """Event ids in order of their first statement (ties by id).

    >>> event_order(pd.DataFrame({"event_id": ["b", "a"],
    ...                           "published_at": pd.to_datetime(["2023-01-02", "2023-01-01"])}))
    ['a', 'b']
    """
    if "published_at" not in statements.columns:
        return sorted(statements[EVENT].dropna().astype(str).unique())
    first = statements.groupby(statements[EVENT].astype(str))["published_at"].min()
    return [
        e for e, _ in sorted(first.items(), key=lambda kv: (pd.isna(kv[1]), kv[1] if pd.notna(kv[1]) else 0, kv[0]))
    ]


def largest_events(statements: pd.DataFrame, max_events: int | None) -> tuple[pd.DataFrame, str | None]:
    """The statements of the ``max_events`` events with the most statements (ties: the lowest id), for the
    per-event sections of a notebook, which would otherwise print hundreds of tables for a large corpus;
    and a note saying what was left out (None when nothing was; ``max_events=None`` keeps every event).

    >>> part, note = largest_events(ds.statements, 1)
    >>> sorted(part["event_id"].unique())
    ['ev-alpha']
    >>> note
    'Per-event sections show the 1 event with the most statements, of 2; a setting of the notebook shows more.'
    """
    events = statements[EVENT].astype(str)
    counts = events.value_counts()
    if max_events is None or len(counts) <= max_events:
        return statements, None
    kept = sorted(counts.index, key=lambda e: (-counts[e], e))[:max_events]
    note = (
        f"Per-event sections show the {max_events} event{'s' if max_events != 1 else ''} with the most statements, "
        f"of {len(counts)}; a setting of the notebook shows more."
    )
    return statements[events.isin(kept)], note


@dataclass
class Scope:
    """What a notebook shows: ``statements`` (one event's or all), ``label`` (the event's title or "all events"),
    ``per_event`` (the statements of the largest events, for per-event sections), ``titles`` (event id -> title) and
    ``notes`` (plain sentences saying what was changed or left out)."""

    statements: pd.DataFrame
    event: str | None
    label: str
    per_event: pd.DataFrame
    titles: dict[str, str]
    notes: list[str] = field(default_factory=list)


def notebook_scope(ds: Dataset, event: str | None = None, max_events: int | None = None) -> Scope:
    """The notebook's scope from its parameters: ``event`` (None: all events; an unknown id falls back to all, with
    a note) and ``max_events`` (at most this many events in per-event sections, those with the most statements).

    >>> s = notebook_scope(ds, "ev-beta")
    >>> len(s.statements), s.label
    (3, 'Dam breach Beta (synthetic)')
    >>> notebook_scope(ds, "no-such-event").notes
    ["Event 'no-such-event' is not in the data; showing all events instead."]
    """
    st, notes = ds.statements, []
    ev = events_table(ds)
    titles = {str(e): (str(t) if pd.notna(t) else str(e)) for e, t in zip(ev["event_id"], ev["title"])}
    if event is not None and not (as_text(st["event_id"]) == event).any():
        notes.append(f"Event {event!r} is not in the data; showing all events instead.")
        event = None
    if event is not None:
        st = st[as_text(st["event_id"]) == event]
    per_event, note = largest_events(st, max_events)
    if note:
        notes.append(note)
    label = titles.get(event, event) if event is not None else "all events"
    return Scope(st, event, label, per_event, titles, notes)
