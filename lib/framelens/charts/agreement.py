"""Chart of coder agreement: Krippendorff's alpha per variable with its bootstrap interval and the thresholds.

>>> import pandas as pd
>>> from framelens.agreement import agreement_table
>>> rel = pd.DataFrame({"statement_id": ["s1", "s1", "s2", "s2"], "coder": ["a", "b"] * 2,
...                     "stance": ["asserts", "asserts", "denies", "asserts"]})
>>> alpha_chart(agreement_table(rel, n_boot=50)).axes[0].get_title().splitlines()
["Krippendorff's alpha by coded variable, 95% bootstrap interval (up to 2 double-coded statements)", \
"verdict on the interval's lower bound"]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from framelens.agreement import RELIABLE, TENTATIVE, UNDEFINED
from framelens.charts.style import wrap

MARKER = {"reliable": "o", "tentative": "s", "unreliable": "X", UNDEFINED: ""}
COLOUR = {"reliable": "#000000", "tentative": "#555555", "unreliable": "#999999", UNDEFINED: "#999999"}


def alpha_chart(table: pd.DataFrame) -> Figure:
    """One row per variable: alpha as a marker shaped by verdict, its 95% interval as a line, thresholds dashed.

    Takes :func:`framelens.agreement.agreement_table`. The verdict rests on the interval's lower bound
    (the left end of the line). Each point is labelled with alpha and the verdict, so the chart reads
    without colour; variables whose alpha is undefined say why.
    """
    t = table.reset_index(drop=True)
    fig = Figure(figsize=(8.5, 0.55 * len(t) + 1.9))
    ax = fig.subplots()
    lows = np.nan_to_num(t[["alpha", "ci_low"]].min(axis=1).to_numpy(dtype=float), nan=0.0)
    left = min(-0.1, float(np.floor(lows.min() * 10) / 10))
    for i, row in t.iterrows():
        if np.isnan(row["alpha"]):
            ax.text(left + 0.02, i, wrap(f"{UNDEFINED}: {row['reason']}", 80), va="center", fontsize=8, color="#555555")
            continue
        if not np.isnan(row["ci_low"]):
            ax.plot(
                [row["ci_low"], row["ci_high"]],
                [i, i],
                color=COLOUR[row["verdict"]],
                linewidth=2,
                solid_capstyle="butt",
            )
        ax.scatter(
            [row["alpha"]],
            [i],
            marker=MARKER[row["verdict"]],
            s=70,
            color=COLOUR[row["verdict"]],
            edgecolor="black",
            linewidth=0.5,
            zorder=3,
        )
        ax.annotate(
            f"{row['alpha']:.3f}, {row['verdict']} (CI low {row['ci_low']:.3f}, n = {row['n_units']})",
            (row["alpha"], i),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            fontsize=8,
        )
    for x, label, side in ((TENTATIVE, "tentative from 0.667 ", "right"), (RELIABLE, " reliable from 0.800", "left")):
        ax.axvline(x, color="black", linestyle="--", linewidth=0.8)
        ax.text(x, -0.75, label, ha=side, va="bottom", fontsize=8)
    ax.axvline(0, color="black", linewidth=0.5)
    ax.set_xlim(left, 1.05)
    ax.set_ylim(len(t) - 0.4, -0.9)
    ax.set_yticks(range(len(t)), [f"{v} ({lvl})" for v, lvl in zip(t["variable"], t["level"])])
    ax.set_xlabel("Krippendorff's alpha (1 = perfect agreement, 0 = chance, < 0 = systematic disagreement)")
    ax.set_ylabel("coded variable (level of measurement)")
    n = int(t["n_units"].max()) if len(t) else 0
    ax.set_title(
        f"Krippendorff's alpha by coded variable, 95% bootstrap interval (up to {n} double-coded statements)\n"
        "verdict on the interval's lower bound"
    )
    fig.tight_layout()
    return fig
