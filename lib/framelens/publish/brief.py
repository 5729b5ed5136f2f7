"""The event brief's own page pieces (notebook 07): its header block, the first-statements table and the
sources of the statements it quotes.

Everything that comes from the data reaches HTML through :func:`html.escape` only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import pandas as pd

from framelens._kernels import as_text, bloc_order
from framelens.datanotes import data_notes
from framelens.dataset.loader import Dataset
from framelens.events import event_statements, event_title, events_table


def _date(value) -> str:
    return f"{pd.Timestamp(value):%d %B %Y}".lstrip("0") if value is not None and pd.notna(value) else ""


def event_header_html(ds: Dataset, event: str) -> str:
    """The brief's opening block: the event's title as H1, its summary, dates, place, statements per bloc and the
    loader's notes on the event's statements (none: no row), all escaped.

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
    notes = data_notes(ds, event=event)  # a date before the event's start shows below as a negative delay
    facts.append(("Data notes", " ".join(f"{n}. {e}" for n, e in zip(notes["note"], notes["effect"]))))
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


_WEB_LINK = re.compile(r"https?://", re.I)


def _link(url: object, text: str) -> str:
    """An escaped link to an http(s) address; '' for anything else (no other scheme reaches a page)."""
    if not isinstance(url, str) or not _WEB_LINK.match(url.strip()):
        return ""
    return f'<a href="{html.escape(url.strip(), quote=True)}" rel="noopener noreferrer">{html.escape(text)}</a>'


def source_links_html(ds: Dataset, statement_ids: Iterable[str], caption: str | None = None) -> str:
    """Where each statement was read, one line per statement in the order given: outlet, date and a link to the
    page read; for a copy the kind of page in brackets, "(mirror)" or "(syndication partner)", with the codebook's
    definition as its tooltip; and the outlet's own page, linked as "original", when ``original_url`` has it.
    ``caption``, when given, heads the list. An id the dataset does not have is refused by name.

    >>> page = source_links_html(ds, ["s2"])
    >>> page.count("<li>"), 'href="https://example.org/s2"' in page
    (1, True)
    """
    st = ds.statements
    ids = [str(i) for i in statement_ids]
    known = set(as_text(st["statement_id"]))
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ValueError(f"no statement with id {', '.join(map(repr, unknown))} in the dataset")
    rows = st.set_index(as_text(st["statement_id"])).reindex(pd.Index(ids, dtype=object))
    kinds = ds.codebook.vocabularies.get("page_kind")
    column = lambda col: rows[col] if col in rows.columns else pd.Series(None, index=rows.index, dtype=object)
    items = []
    for outlet, published, url, original, kind in zip(
        column("outlet"), column("published_at"), column("url"), column("original_url"), column("page_kind")
    ):
        read = _link(url, "page read") or "no link"
        if isinstance(kind, str) and kind != "own" and kinds is not None and kind in kinds.values:
            read += (
                f' <span class="framelens-page-kind" title="{html.escape(kinds.definition(kind), quote=True)}">'
                f"({html.escape(kinds.label(kind).lower())})</span>"
            )
        own = _link(original, "original")
        who = ", ".join(x for x in (html.escape(str(outlet)) if pd.notna(outlet) else "", _date(published)) if x)
        items.append(f"<li>{who}: {read}{' · ' + own if own else ''}</li>")
    head = f'<p class="framelens-caption">{html.escape(caption)}</p>' if caption else ""
    return f'{head}<ol class="framelens-sources">{"".join(items)}</ol>'
