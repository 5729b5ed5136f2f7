"""What every notebook calls first, and how it shows a chart.

Example, in a notebook cell::

    setup_notebook()
    show(fig)   # displays a PNG with the chart's title as alt text
"""

from __future__ import annotations

import html
import io

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.family": "DejaVu Sans",  # has Cyrillic glyphs
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "framelens",
}


def setup_notebook() -> None:
    """Fixed plotting style and table display, so re-runs give the same output."""
    matplotlib.rcParams.update(STYLE)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 40)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 80)


def figure_alt(fig: matplotlib.figure.Figure) -> str:
    """Alt text for a chart: its suptitle, else its axes' titles."""
    if fig._suptitle is not None and fig._suptitle.get_text():
        return fig._suptitle.get_text()
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    return "; ".join(titles) or "Chart"


DENSITY = 2  # image pixels per CSS pixel: charts stay sharp on high-density screens and projectors


def png_width(png: bytes) -> int:
    """The pixel width of a PNG, read from its header.

    >>> png_width(bytes(16) + (800).to_bytes(4, "big") + bytes(4))
    800
    """
    return int.from_bytes(png[16:20], "big")


def smallest_text_px(fig: matplotlib.figure.Figure) -> float:
    """The size in CSS px, with the figure shown at its 1x width, of the smallest visible text in ``fig``.

    >>> fig = plt.figure(dpi=100); _ = fig.text(0, 0, "x", fontsize=7.2); _ = fig.text(0, 1, "y", fontsize=12)
    >>> smallest_text_px(fig), plt.close(fig)
    (10.0, None)
    """
    sizes = [
        t.get_fontsize()
        for t in fig.findobj(matplotlib.text.Text)
        if t.get_visible() and t.get_text().strip() and (t.axes is None or t.axes.get_visible())
    ]
    return round(min(sizes, default=0.0) * fig.dpi / 72, 1)


def show(fig: matplotlib.figure.Figure | list[matplotlib.figure.Figure], alt: str | None = None):
    """Display a figure as a PNG carrying alt text, and close it (no duplicate inline output).

    The PNG is saved at ``DENSITY`` times the figure's dpi and displayed at its 1x width, so text keeps
    its size on the page and is drawn with twice the pixels. Its metadata carries the size of its smallest
    text (``font_px``), so a page test can check what a reader sees. A list of figures (small multiples,
    one per event) is shown as panels that sit side by side where there is room and stack on a phone.
    """
    from IPython.display import Image, display

    figures = fig if isinstance(fig, list) else [fig]
    for one in figures:
        buf = io.BytesIO()
        dpi = matplotlib.rcParams["savefig.dpi"]
        dpi = (one.dpi if dpi == "figure" else dpi) * DENSITY
        font_px = smallest_text_px(one)
        one.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
        plt.close(one)
        data = buf.getvalue()
        meta = {"alt": alt or figure_alt(one), "font_px": font_px, "panel": isinstance(fig, list)}
        display(Image(data=data, format="png", width=png_width(data) // DENSITY, metadata=meta))


TABLE_METADATA = "framelens_table"


def table_html(df: pd.DataFrame, caption: str | None = None) -> str:
    """Deterministic HTML of a table with every text cell, header and the caption escaped.

    >>> "&lt;b&gt;" in table_html(pd.DataFrame({"quote": ["<b>x</b>"]}), "Quotes <i>")
    True
    """
    cap = f'<p class="framelens-caption">{html.escape(caption)}</p>\n' if caption else ""
    plain_index = isinstance(df.index, pd.RangeIndex) and df.index.name is None
    body = df.to_html(escape=True, na_rep="", border=0, classes=["dataframe", "framelens-table"], index=not plain_index)
    return f'<div class="framelens-table-wrap">\n{cap}{body}\n</div>'


MAX_SHOWN_ROWS = 500  # rows a displayed table carries at most; the exported table keeps them all
INLINE_ROWS = 15  # rows a reader sees at once; the rest are folded under a "show more" line


def show_table(df: pd.DataFrame, name: str, caption: str | None = None, max_rows: int = MAX_SHOWN_ROWS) -> None:
    """Display a table for readers and register it for export: the report builder writes it to ``tables/`` as CSV
    and XLSX, with the codes unchanged.

    The page shows the reader's version (:func:`framelens.publish.readable.readable`: labels, headings in words,
    percentages, dates): the first ``INLINE_ROWS`` rows, the rest up to ``max_rows`` folded in a ``<details>``
    element, and a line saying how many more rows only the export has (a large corpus would otherwise make pages of
    tens of megabytes).

    ``name`` is short and unique within the notebook (``frame_shares``, ``labels-<event_id>``); the
    builder turns it into a file name (see :func:`framelens.publish.export.slug`). ``caption`` says what
    the table shows and on how many statements. The table's data travels in the output's
    metadata under ``framelens_table``, so nothing is written to disk while the notebook runs.

    Example, in a notebook cell::

        show_table(frame_shares_table, "frame_shares", "Primary frame by outlet bloc, N = 9")
    """
    from IPython.display import display

    from framelens.publish.export import to_payload
    from framelens.publish.readable import readable

    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"a table needs a name, not {name!r}")
    meta = {TABLE_METADATA: {"name": name, "caption": caption or "", **to_payload(df)}}
    shown = readable(df.head(max_rows))
    display(
        {"text/html": reader_table_html(shown, caption, len(df)), "text/plain": shown.to_string(index=False)},
        raw=True,
        metadata=meta,
    )


def reader_table_html(shown: pd.DataFrame, caption: str | None, total_rows: int) -> str:
    """HTML of a reader's table: the first ``INLINE_ROWS`` rows, the others folded in ``<details>``, and a last line
    when the export holds rows the page does not (``total_rows`` is the whole table's length).

    >>> page = reader_table_html(pd.DataFrame({"n": range(20)}), "Counts", 600)
    >>> page.count("<table"), "Show the other 5 rows" in page, "580 more rows are in the exported table" in page
    (2, True, True)
    """
    head, rest = shown.head(INLINE_ROWS), shown.iloc[INLINE_ROWS:]
    parts = [table_html(head, caption)]
    if len(rest):
        parts.append(
            f'<details class="framelens-more"><summary>Show the other {len(rest):,} rows</summary>\n'
            f"{table_html(rest)}\n</details>"
        )
    if total_rows > len(shown):
        parts.append(
            f'<p class="framelens-caption">{total_rows - len(shown):,} more rows are in the exported table '
            "(tables/, CSV and the workbook).</p>"
        )
    return "\n".join(parts)


def show_findings(findings) -> None:
    """Display a page's "What the data shows" section: an H2 and its sentences (a
    :class:`framelens.findings.Findings`), as HTML for the report and Markdown for a plain-text view.

    Example, in a notebook cell::

        show_findings(framing_findings(st, bloc_column))
    """
    from IPython.display import display

    display({"text/html": findings.html(), "text/markdown": findings.markdown()}, raw=True)


def needs(ds, key: str) -> bool:
    """True when ``ds`` has what a section needs (a key of :data:`framelens.readiness.NEEDS`); else print why, in one
    plain sentence with how to add it, and return False, so the notebook goes on without the section.

    Example, in a notebook cell::

        if needs(ds, "claims"):
            show_table(claim_ledger(st, ds.claims), "claim_ledger", "...")
    """
    from framelens.readiness import NEEDS

    section, ready, why = NEEDS[key]
    if ready(ds):
        return True
    print(f"{section}: {why[0].upper()}{why[1:]}.")
    return False
