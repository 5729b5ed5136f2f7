"""The event brief's own page pieces (notebook 07): its header block and the first-statements table.

Everything that comes from the data reaches HTML through :func:`html.escape` only.
"""

from __future__ import annotations

import html

import pandas as pd

from framelens._kernels import as_text, bloc_order
from framelens.dataset.loader import Dataset
from framelens.events import event_statements, event_title, events_table


def _date(value) -> str:
    return f"{pd.Timestamp(value):%d %B %Y}".lstrip("0") if value is not None and pd.notna(value) else ""


def event_header_html(ds: Dataset, event: str) -> str:
    """The brief's opening block: the event's title as H1, its summary, dates, place and statements per bloc,
    all escaped.

    >>> "Border incident Alpha (synthetic)</h1>" in event_header_html(ds, "ev-alpha")
    True
    """
    st = event_statements(ds, event)
    ev = events_table(ds)
    row = ev[as_text(ev["event_id"]) == event]
    get = lambda col: row[col].iat[0] if len(row) and col in row and pd.notna(row[col].iat[0]) else None
    start, end = _date(get("start_date")), _date(get("end_date"))
    when = f"{start} to {end}" if start and end and end != start else start
    facts = [
        ("Event", event),
        ("When", when),
        ("Where", get("location") or ""),
        ("Statements", str(len(st))),
        ("Outlets", str(st["outlet"].nunique())),
    ]
    blocs = as_text(st["outlet_bloc"])
    per_bloc = "; ".join(
        f"{ds.codebook.label('bloc', b)} {int((blocs == b).sum())}" for b in bloc_order(blocs) if (blocs == b).any()
    )
    facts.append(("Statements per outlet bloc", per_bloc))
    items = "".join(
        f'<tr><th scope="row">{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>' for k, v in facts if v
    )
    summary = get("summary")
    summary_html = f"<p>{html.escape(str(summary))}</p>" if summary else ""
    return (
        '<div class="framelens-brief-head"><h1 '
        f'class="framelens-brief-title">{html.escape(event_title(ds, event))}</h1>'
        f'{summary_html}<table class="fl-table"><tbody>{items}</tbody></table></div>'
    )


def first_statement_table(first: pd.DataFrame) -> pd.DataFrame:
    """Display form of :func:`framelens.timeline.first_statements` for one event: bloc, date, lag in days, who and what
    (``show_table`` writes the date for readers: a time, with its zone, only where the data has one).

    >>> first_statement_table(pd.DataFrame({"bloc": ["russian"], "published_at": pd.to_datetime(["2023-05-22T12:00Z"]),
    ...     "lag_days": [0.5], "outlet": ["TASS"], "speaker": ["MoD"], "quote": ["x"]})).values.tolist()
    [['russian', Timestamp('2023-05-22 12:00:00+0000', tz='UTC'), 0.5, 'TASS', 'MoD', 'x']]
    """
    out = pd.DataFrame(
        {
            "bloc": as_text(first["bloc"]),
            "published": first["published_at"].reset_index(drop=True),
            "days after start": first["lag_days"].astype(float).round(1),
            "outlet": as_text(first["outlet"]),
            "speaker": as_text(first["speaker"]),
            "quote": as_text(first["quote"]),
        }
    )
    return out.reset_index(drop=True)
