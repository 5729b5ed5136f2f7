"""Charts of claims: the duelling figures that sources give for the same numeric claim.

>>> from framelens.claims import duelling_figures
>>> fig = figures_chart(duelling_figures(ds.statements, ds.claims))
>>> len(fig.axes) >= 1
True
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from framelens._kernels import bloc_order
from framelens.charts.style import bloc_legend, bloc_style, empty_figure, format_number, wrap


def figures_chart(figures: pd.DataFrame, max_claims: int = 16, max_rows: int = 20) -> Figure:
    """Duelling figures: one panel per numeric claim, one row per source, point at its figure.

    ``figures`` is :func:`framelens.claims.duelling_figures`. Each row is labelled with the
    source and date; the panel title gives the claim and the spread (highest - lowest). A large
    corpus would need thousands of panels: at most ``max_claims`` claims are drawn (those with the
    most figures; ties: claim_id), each with at most ``max_rows`` statements (the lowest, the
    highest and others evenly spaced between them), and the titles say so.
    """
    n = len(figures)
    n_claims = figures["claim_id"].nunique()
    title = f"Duelling figures: {n} statements giving a number, on {n_claims} claims"
    if n == 0:
        return empty_figure(title)
    sizes = figures.groupby("claim_id").size()
    if n_claims > max_claims:
        kept = sorted(sizes.index, key=lambda c: (-sizes[c], c))[:max_claims]
        figures = figures[figures["claim_id"].isin(kept)]
        title += f" (the {max_claims} claims with the most figures)"
    groups = list(figures.groupby("claim_id", sort=True))
    heights = [max(min(len(g), max_rows), 2) * 0.42 + 0.9 for _, g in groups]
    fig, axes = plt.subplots(
        len(groups), 1, figsize=(8.7, sum(heights) + 0.8), height_ratios=heights, squeeze=False, layout="constrained"
    )
    for ax, (claim_id, g) in zip(axes[:, 0], groups):
        g = g.sort_values(["figure", "published_at", "statement_id"], kind="mergesort").reset_index(drop=True)
        n_given = len(g)
        if n_given > max_rows:  # the lowest, the highest and evenly spaced ones between
            g = g.iloc[np.unique(np.linspace(0, n_given - 1, max_rows).round().astype(int))].reset_index(drop=True)
        y = np.arange(len(g))
        for i, row in g.iterrows():
            colour, marker = bloc_style(row["bloc"])
            ax.plot(
                row["figure"],
                i,
                linestyle="",
                marker=marker,
                markersize=9,
                markerfacecolor=colour,
                markeredgecolor="black",
            )
            ax.annotate(
                format_number(row["figure"]),
                (row["figure"], i),
                xytext=(7, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
            )
        ax.hlines(y, g["figure"].min(), g["figure"].max(), colors="#dddddd", linewidth=0.8, zorder=0)
        ax.set_yticks(
            y,
            [
                f"{s}, {pd.Timestamp(d):%Y-%m-%d}" if pd.notna(d) else str(s)
                for s, d in zip(g["source"], g["published_at"])
            ],
            fontsize=8.5,
        )
        ax.set_ylim(-0.7, len(g) - 0.3)
        lo, hi = g["figure"].min(), g["figure"].max()
        ax.set_xlim(0, hi * 1.18 if hi > 0 else 1)
        claim = g["claim"].iat[0] if "claim" in g and isinstance(g["claim"].iat[0], str) else claim_id
        shown = f"; {len(g)} of {n_given} statements shown" if n_given > len(g) else ""
        ax.set_title(f"{wrap(claim, 80)}  (spread {format_number(hi - lo)}{shown})", fontsize=9, loc="left")
        ax.set_xlabel("figure given")
    bloc_legend(
        axes[0, 0],
        [b for b in bloc_order() if b in set(figures["bloc"])],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8.5,
    )
    fig.suptitle(title, fontweight="bold", fontsize=11)
    return fig
