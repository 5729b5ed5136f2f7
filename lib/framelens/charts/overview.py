"""Charts of what a dataset covers.

>>> from framelens import load_dataset
>>> fig = publication_timeline(load_dataset("tests/fixtures/valid"))
>>> fig.axes[0].get_title().startswith("When statements were published")
True
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
from matplotlib.figure import Figure

from framelens.charts.style import bloc_colours, bloc_markers
from framelens.dataset.loader import Dataset


def publication_timeline(ds: Dataset) -> Figure:
    """One row per event, one point per statement at its publication date, coloured and shaped by outlet bloc."""
    st = ds.statements.copy()
    events = list(dict.fromkeys(st.sort_values("published_at")["event_id"]))
    row = {e: i for i, e in enumerate(events)}
    colours, markers = bloc_colours(ds.codebook), bloc_markers(ds.codebook)
    fig = Figure(figsize=(9, 0.6 * len(events) + 1.8))
    ax = fig.subplots()
    rng = np.random.default_rng(0)  # fixed jitter keeps overlapping points visible and output stable
    for bloc, colour in colours.items():
        part = st[st["outlet_bloc"] == bloc]
        if part.empty:
            continue
        y = part["event_id"].map(row).to_numpy(dtype=float) + rng.uniform(-0.25, 0.25, len(part))
        ax.scatter(
            part["published_at"].dt.tz_convert(None),
            y,
            color=colour,
            marker=markers[bloc],
            s=28,
            alpha=0.8,
            edgecolor="black",
            linewidth=0.3,
            label=f"{bloc} ({len(part)})",
        )
    ax.set_yticks(range(len(events)), events)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_xlabel("publication date (UTC)")
    ax.set_ylabel("event")
    ax.set_title(f"When statements were published, by event and outlet bloc (N = {len(st)} statements)")
    ax.legend(title="outlet bloc (N)", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    fig.tight_layout()
    return fig
