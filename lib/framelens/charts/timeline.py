"""Charts of timelines: when each bloc spoke about an event, counted in days after it began.

>>> from framelens.timeline import event_timeline
>>> tl = event_timeline(ds.statements, ds.events)
>>> fig = timeline_chart(tl, tl["event_id"].iat[0])
>>> "days after the event began" in fig.axes[0].get_title()
True
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from framelens._kernels import bloc_order
from framelens.charts.style import bloc_style, bloc_words, empty_figure, wrap


def timeline_chart(timeline: pd.DataFrame, event_id: str, bloc_column: str = "speaker_bloc") -> Figure:
    """One event: a row per bloc, a point per statement at its lag; each bloc's first statement ringed and labelled.

    ``timeline`` is :func:`framelens.timeline.event_timeline`.
    """
    tl = timeline[timeline["event_id"] == event_id]
    name = tl["title"].iat[0] if len(tl) else event_id
    title = f"{wrap(name, 70)}: {len(tl)} statements by days after the event began"
    if len(tl) == 0:
        return empty_figure(title)
    blocs = [b for b in bloc_order(tl["bloc"]) if b in set(tl["bloc"])]
    fig, ax = plt.subplots(figsize=(10, 1.1 * len(blocs) + 1.8))
    rows = {b: len(blocs) - 1 - i for i, b in enumerate(blocs)}
    for b in blocs:
        sub = tl[tl["bloc"] == b]
        colour, marker = bloc_style(b)
        # statements on the same day are spread vertically a little (deterministic, by order)
        k = sub.groupby("lag_days").cumcount().to_numpy() % 11
        ys = rows[b] + (k + 1) // 2 * np.where(k % 2 == 1, 1, -1) * 0.06
        ax.scatter(sub["lag_days"], ys, marker=marker, s=40, color=colour, edgecolors="black", linewidths=0.5, zorder=3)
        first = sub[sub["is_first"]].iloc[0]
        ax.scatter(
            [first["lag_days"]], [rows[b]], s=260, facecolors="none", edgecolors="black", linewidths=1.5, zorder=4
        )
        ax.annotate(
            f"first: {first['outlet']}, {first['published_at']:%Y-%m-%d}",
            (first["lag_days"], rows[b] + 0.36),
            fontsize=8,
            ha="left",
            va="bottom",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5},
        )
    ax.set_yticks(list(rows.values()), [f"{b} (N={int((tl['bloc'] == b).sum())})" for b in rows])
    ax.set_ylim(-0.6, len(blocs) - 0.1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    hi = float(tl["lag_days"].max())
    ax.set_xlim(min(-0.3, float(tl["lag_days"].min()) - 0.3), max(hi * 1.15, hi + 1))
    ax.axvline(0, color="#999999", linestyle="--", linewidth=1)
    ax.set_xlabel("days after the event began (statements with only a date count from midnight UTC)")
    ax.set_ylabel(bloc_words(bloc_column))
    ax.set_title(title + "\n(ringed: each bloc's first statement)", fontsize=10)
    fig.tight_layout()
    return fig
