"""Charts of credibility: Admiralty grades per bloc and track records with their intervals.

>>> from framelens.credibility import admiralty_matrix
>>> fig = admiralty_heatmap(admiralty_matrix(ds.statements))
>>> "graded statements" in fig._suptitle.get_text()
True
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from framelens.charts.style import FALLBACK, bloc_colours, bloc_style, bloc_words, empty_figure


def admiralty_heatmap(matrix: pd.DataFrame, bloc_column: str = "speaker_bloc") -> Figure:
    """Admiralty grades per bloc: counts of source reliability (rows) x information credibility (columns).

    ``matrix`` is :func:`framelens.credibility.admiralty_matrix`. F and 6 ("cannot be judged")
    are set off by a white gap and labelled, so they do not read as the lowest grades.
    """
    blocs = list(dict.fromkeys(matrix.index.get_level_values(0)))
    total = int(matrix.to_numpy().sum())
    fig, axes = plt.subplots(
        1, len(blocs), figsize=(1.8 * len(blocs) + 1.2, 3.8), squeeze=False, sharey=True, layout="constrained"
    )
    vmax = max(int(matrix.to_numpy().max()), 1)
    for ax, b in zip(axes[0], blocs):
        m = matrix.loc[b].to_numpy()
        rows, cols = list(matrix.loc[b].index), list(matrix.columns)
        ax.imshow(m, cmap="Greys", vmin=0, vmax=vmax * 1.4, aspect="equal")
        for i in range(m.shape[0]):
            for j in range(m.shape[1]):
                if m[i, j]:
                    ax.text(
                        j,
                        i,
                        str(m[i, j]),
                        ha="center",
                        va="center",
                        fontsize=9,
                        color="white" if m[i, j] > vmax * 0.7 else "black",
                    )
        ax.axhline(len(rows) - 1.5, color="white", linewidth=4)
        ax.axvline(len(cols) - 1.5, color="white", linewidth=4)
        ax.set_xticks(range(len(cols)), [c if c != "6" else "6\n?" for c in cols])
        ax.set_yticks(range(len(rows)), [r if r != "F" else "F ?" for r in rows])
        ax.set_title(f"{b} (N={int(m.sum())})", fontsize=9, color=bloc_colours().get(b, FALLBACK))
        ax.set_xlabel("information credibility\n(1 confirmed ... 5 improbable)", fontsize=8.5)
        for spine in ax.spines.values():
            spine.set_visible(False)
    axes[0, 0].set_ylabel("source reliability\n(A reliable ... E unreliable)", fontsize=8.5)
    fig.suptitle(
        f"Admiralty grades by {bloc_words(bloc_column)}, {total} graded statements\n"
        "(F and 6, marked ?, mean 'cannot be judged', not a low grade)",
        fontweight="bold",
        fontsize=11,
    )
    fig.get_layout_engine().set(h_pad=0.15)
    return fig


def track_record_chart(table: pd.DataFrame, label: str) -> Figure:
    """Track record as a forest plot: share of claims borne out (one vote per claim), Wilson 95% interval.

    ``table`` is :func:`framelens.credibility.track_record`; ``label`` its ``by`` column. Each row
    reads "k/claims" on the right; too-few rows are marked and have no point.

    >>> from framelens.credibility import track_record
    >>> fig = track_record_chart(track_record(ds.statements, ds.claims, by="speaker_bloc"), "speaker_bloc")
    >>> "claims" in fig.axes[0].get_title()
    True
    """
    n_claims, n_statements = int(table["claims"].sum()), int(table["statements"].sum())
    title = (
        f"Track record by {label.replace('_', ' ')}: share of claims borne out (one vote per source and claim),\n"
        f"{n_claims} votes from {n_statements} scored statements"
    )
    if len(table) == 0:
        return empty_figure(title)
    t = table.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(t) + 1.7))
    for i, row in t.iterrows():
        colour, marker = bloc_style(row[label] if label.endswith("bloc") else None)
        if pd.notna(row["share"]):
            ax.errorbar(
                row["share"],
                i,
                # clipped at 0: a Wilson bound can sit a float below the share (1.0 vs 0.99..)
                xerr=[[max(0.0, row["share"] - row["ci_low"])], [max(0.0, row["ci_high"] - row["share"])]],
                fmt=marker,
                color=colour,
                markeredgecolor="black",
                capsize=3,
            )
        ax.text(
            1.03,
            i,
            f"{int(row['k'])}/{int(row['claims'])}" + ("" if pd.notna(row["share"]) else "  too few"),
            va="center",
            fontsize=8,
            transform=ax.get_yaxis_transform(),
        )
    ax.set_yticks(range(len(t)), t[label])
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("share of claims borne out by the verdict (Wilson 95% interval)")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig
