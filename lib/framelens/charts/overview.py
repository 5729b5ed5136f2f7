"""Charts of what a dataset covers.

>>> from framelens import load_dataset
>>> panels = publication_timelines(load_dataset("tests/fixtures/valid"))
>>> [fig.axes[0].get_title().split(chr(10))[0] for fig in panels]
['Border incident Alpha (synthetic)', 'Dam breach Beta (synthetic)']
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
from matplotlib.figure import Figure

from framelens.charts.style import bloc_colours, bloc_markers, wrap
from framelens.dataset.loader import Dataset

PANEL_FONT = 9  # points: legible on a phone when panels stack (see charts.framing.PANEL_FONT)


def publication_timelines(ds: Dataset) -> list[Figure]:
    """One small chart per event, on that event's own dates: a row per outlet bloc, a point per statement at its
    publication time, coloured and shaped by bloc (events in the order of their first statement)."""
    st = ds.statements
    events = list(dict.fromkeys(st.sort_values("published_at")["event_id"]))
    titles = dict(zip(ds.events["event_id"], ds.events["title"])) if ds.events is not None else {}
    colours, markers = bloc_colours(ds.codebook), bloc_markers(ds.codebook)
    blocs = [b for b in colours if (st["outlet_bloc"] == b).any()]
    rng = np.random.default_rng(0)  # fixed jitter keeps overlapping points visible and output stable
    panels = []
    for ev in events:
        part = st[st["event_id"] == ev]
        fig = Figure(figsize=(3.4, 1.6 + 0.3 * len(blocs)))
        ax = fig.subplots()
        for y, bloc in enumerate(blocs):
            rows = part[part["outlet_bloc"] == bloc]
            if rows.empty:
                continue
            ax.scatter(
                rows["published_at"].dt.tz_convert(None),
                y + rng.uniform(-0.22, 0.22, len(rows)),
                color=colours[bloc],
                marker=markers[bloc],
                s=24,
                alpha=0.8,
                edgecolor="black",
                linewidth=0.3,
            )
        counts = part["outlet_bloc"].value_counts()
        ax.set_yticks(range(len(blocs)), [f"{b.replace('_', ' ')} ({int(counts.get(b, 0))})" for b in blocs])
        ax.set_ylim(len(blocs) - 0.5, -0.5)
        locator = mdates.AutoDateLocator(minticks=2, maxticks=5)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))  # the title has the dates
        ax.tick_params(labelsize=PANEL_FONT)
        first, last = part["published_at"].min(), part["published_at"].max()
        span = first.strftime("%d %b %Y") + ("" if last.date() == first.date() else " to " + last.strftime("%d %b %Y"))
        ax.set_title(f"{wrap(titles.get(ev, ev), 34)}\n(N = {len(part)} statements,\n{span})", fontsize=10)
        ax.set_xlabel("publication time (UTC)", fontsize=PANEL_FONT)
        fig.tight_layout()
        panels.append(fig)
    return panels
