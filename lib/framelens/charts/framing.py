"""Charts of framing and naming by bloc: frame-share heatmaps, bloc divergence, label valence.

Blocs carry their colour-blind-safe palette colour and hatch (a strip beside their label), and
every number is printed, so the charts read in grayscale.

>>> from framelens.framing import frame_shares
>>> fig = frame_share_heatmap(frame_shares(ds.statements))
>>> from framelens.publish.notebook import figure_alt
>>> "N = 9 statements" in figure_alt(fig)
True
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import blended_transform_factory

from framelens.charts.style import FALLBACK, bloc_colours, bloc_hatches, wrap
from framelens.framing import MIN_N  # a bloc with fewer statements: its heatmap column is faded and flagged

# white to dark navy, monotonic in lightness: 0 reads as blank, and the scale survives grayscale and colour blindness
CMAP = LinearSegmentedColormap.from_list("framelens_share", ["#ffffff", "#9fb3cf", "#00204c"])
VALENCE_STYLE = {  # grays + hatches, so valence never competes with the bloc colours
    "delegitimizing": {"facecolor": "#4a4a4a", "hatch": "", "text": "white"},
    "neutral": {"facecolor": "#d4d4d4", "hatch": "", "text": "black"},
    "legitimizing": {"facecolor": "white", "hatch": "///", "text": "black"},
}


def _pretty(code: str) -> str:
    return str(code).replace("_", " ")


def _bloc_patch(bloc: str, xy, width, height, **kw) -> Rectangle:
    return Rectangle(
        xy,
        width,
        height,
        facecolor=bloc_colours().get(bloc, FALLBACK),
        hatch=bloc_hatches().get(bloc, ""),
        edgecolor="white",
        linewidth=0.8,
        **kw,
    )


def _code_column(long: pd.DataFrame) -> str:
    return long.columns[list(long.columns).index("count") - 1]


def small_n_note(min_n: int) -> str:
    """The note under a heatmap whose faded columns rest on few statements.

    >>> small_n_note(10)
    'Faded, dotted columns: fewer than 10 statements, so their shares can swing with one statement.'
    """
    return f"Faded, dotted columns: fewer than {min_n} statements, so their shares can swing with one statement."


def _heatmap_panel(ax, long: pd.DataFrame, blocs: list[str], fontsize: float, min_n: int, narrow: bool = False) -> bool:
    """Codes as rows, blocs as columns; cells show share and count; absent blocs are marked; blocs with fewer than
    ``min_n`` statements are faded under a dotted veil (gid ``small-n``); ``narrow`` (a panel) sets the bloc
    labels upright and wraps the codes. Returns whether any column was faded."""
    code = _code_column(long)
    codes = list(dict.fromkeys(long[code]))
    share = long.pivot(index=code, columns="bloc", values="share").reindex(index=codes, columns=blocs).fillna(0.0)
    count = (
        long.pivot(index=code, columns="bloc", values="count").reindex(index=codes, columns=blocs).fillna(0).astype(int)
    )
    n = long.groupby("bloc")["n"].first().reindex(blocs).fillna(0).astype(int)
    ax.imshow(share.to_numpy(), cmap=CMAP, vmin=0, vmax=1, aspect="auto")
    for j, b in enumerate(blocs):
        ax.add_patch(_bloc_patch(b, (j - 0.5, -1.05), 1, 0.5))
        if n[b] == 0:
            ax.add_patch(Rectangle((j - 0.5, -0.5), 1, len(codes), facecolor="#f2f2f2", edgecolor="none"))
            ax.text(
                j,
                (len(codes) - 1) / 2,
                "no statements",
                rotation=90,
                ha="center",
                va="center",
                color="#666666",
                fontsize=fontsize,
            )
            continue
        few = n[b] < min_n
        if few:
            ax.add_patch(
                Rectangle(
                    (j - 0.5, -0.5),
                    1,
                    len(codes),
                    facecolor="white",
                    alpha=0.65,
                    hatch="..",
                    edgecolor="#bbbbbb",
                    linewidth=0,
                    gid="small-n",
                )
            )
        for i in range(len(codes)):
            s, k = share.iat[i, j], count.iat[i, j]
            text = f"{s:.0%}\n({k})" if k else "0"
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=fontsize,
                color="white" if s > 0.5 and not few else ("black" if k else "#8a8a8a"),
            )
    ax.set_xticks(
        range(len(blocs)),
        [f"{_pretty(b)}\nN={n[b]}" + (" (few)" if 0 < n[b] < min_n else "") for b in blocs],
        fontsize=fontsize + 0.5,
        rotation=90 if narrow else 0,
    )
    ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False, length=0)
    ax.set_yticks(range(len(codes)), [wrap(_pretty(c), 16) if narrow else _pretty(c) for c in codes])
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(-0.5, len(blocs) - 0.5)
    ax.set_ylim(len(codes) - 0.5, -1.1)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return any(0 < n[b] < min_n for b in blocs)


def _scope_blocs(long: pd.DataFrame, keep_empty: bool) -> list[str]:
    blocs = list(dict.fromkeys(long["bloc"]))
    return blocs if keep_empty else [b for b in blocs if long.loc[long["bloc"] == b, "n"].iat[0] > 0]


def frame_share_heatmap(
    shares: pd.DataFrame,
    *,
    bloc_column: str = "outlet_bloc",
    scope: str = "all events",
    title: str | None = None,
    min_n: int = MIN_N,
) -> Figure:
    """Heatmap of frame shares: a column per bloc with statements, a row per frame, share and count in each cell.

    ``shares`` is one long table from :func:`framelens.framing.frame_shares` (one scope, no event_id). Blocs with
    fewer than ``min_n`` statements are faded and a note says why.
    """
    blocs = _scope_blocs(shares, keep_empty=False)
    total = int(shares.drop_duplicates("bloc")["n"].sum())
    fig, ax = plt.subplots(figsize=(2.6 + 1.15 * max(len(blocs), 1), 5.2))
    faded = _heatmap_panel(ax, shares, blocs, fontsize=8.5, min_n=min_n)
    what = "primary frame" if _code_column(shares) == "frame" else _pretty(_code_column(shares))
    ax.set_title(
        title
        or f"Share of each {_pretty(bloc_column)}'s statements by {what}, {scope}\n(N = {total} statements; cell: "
        "share and count)"
    )
    ax.set_ylabel("frame")
    if faded:
        ax.set_xlabel(wrap(small_n_note(min_n), 60), fontsize=8, color="#5b6675")
    fig.tight_layout()
    return fig


PANEL_FONT = 9  # points: 12.5 CSS px at 100 dpi, and still 11 px when a panel is narrowed to a phone's column


def frame_share_panels(
    shares: pd.DataFrame,
    *,
    bloc_column: str = "outlet_bloc",
    titles: dict[str, str] | None = None,
    min_n: int = MIN_N,
) -> list[Figure]:
    """One small frame-share heatmap per event (``shares`` from ``frame_shares(..., by_event=True)``), the same bloc
    columns in every panel, each panel its own figure so a page can set them side by side or one under another.

    >>> from framelens.framing import frame_shares
    >>> panels = frame_share_panels(frame_shares(ds.statements, by_event=True))
    >>> [fig.axes[0].get_title().split(":")[0] for fig in panels]
    ['ev-alpha', 'ev-beta']
    >>> plt.close("all")
    """
    events = list(dict.fromkeys(shares["event_id"]))
    present = shares[shares["n"] > 0]["bloc"]
    blocs = [b for b in dict.fromkeys(shares["bloc"]) if (present == b).any()]
    panels = []
    for ev in events:
        part = shares[shares["event_id"] == ev].drop(columns="event_id")
        n = int(part.drop_duplicates("bloc")["n"].sum())
        codes = part[_code_column(part)].nunique()
        fig, ax = plt.subplots(figsize=(1.6 + 0.46 * max(len(blocs), 1), 2.2 + 0.42 * codes))
        faded = _heatmap_panel(ax, part, blocs, fontsize=PANEL_FONT, min_n=min_n, narrow=True)
        name = wrap((titles or {}).get(ev, ev), 34)
        ax.set_title(f"{name}:\nprimary frame by {_pretty(bloc_column)}\n(N = {n} statements)", fontsize=10)
        if faded:
            ax.set_xlabel(wrap(small_n_note(min_n), 38), fontsize=PANEL_FONT, color="#5b6675")
        fig.tight_layout()
        panels.append(fig)
    return panels


def divergence_heatmap(
    matrix: pd.DataFrame,
    n: pd.Series | dict,
    *,
    bloc_column: str = "outlet_bloc",
    scope: str = "all events",
    title: str | None = None,
) -> Figure:
    """Pairwise Jensen-Shannon distance between blocs' frame mixes (0 = same mix, 1 = no frame in common).

    ``matrix`` comes from :func:`framelens.divergence.js_distance_matrix`; ``n`` gives statements per bloc.
    """
    blocs = list(matrix.index)
    k = len(blocs)
    n = pd.Series(n)
    fig, ax = plt.subplots(figsize=(3.2 + 0.95 * max(k, 1), 1.6 + 0.62 * max(k, 1)))
    values = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, np.nan)
    ax.imshow(np.ma.masked_invalid(values), cmap=CMAP, vmin=0, vmax=1, aspect="auto")
    for i in range(k):
        ax.add_patch(_bloc_patch(blocs[i], (-0.85, i - 0.5), 0.3, 1))
        ax.add_patch(_bloc_patch(blocs[i], (i - 0.5, -0.85), 1, 0.3))
        for j in range(k):
            v = values[i, j]
            ax.text(
                j,
                i,
                "–" if np.isnan(v) else f"{v:.2f}",
                ha="center",
                va="center",
                fontsize=9,
                color="white" if not np.isnan(v) and v > 0.5 else "black",
            )
    labels = [f"{_pretty(b)}\nN={int(n.get(b, 0))}" for b in blocs]
    ax.set_xticks(range(k), labels, fontsize=8.5)
    ax.set_yticks(range(k), labels, fontsize=8.5)
    ax.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False, length=0)
    ax.set_xlim(-0.9, k - 0.5)
    ax.set_ylim(k - 0.5, -0.9)
    for spine in ax.spines.values():
        spine.set_visible(False)
    total = int(n.reindex(blocs).fillna(0).sum()) if k else 0
    ax.set_title(
        title
        or f"How different the frame mixes of each pair of {_pretty(bloc_column)}s are, {scope}\n"
        f"(Jensen-Shannon distance, 0 = same mix, 1 = no frame in common; N = {total} statements)"
    )
    fig.tight_layout()
    return fig


def valence_bars(
    valence: pd.DataFrame, *, bloc_column: str = "outlet_bloc", scope: str = "all events", title: str | None = None
) -> Figure:
    """Diverging bars of label valence per bloc: delegitimizing left of 0, neutral centred, legitimizing right.

    ``valence`` is one long table from :func:`framelens.naming.valence_shares` (one scope).
    """
    blocs = list(dict.fromkeys(valence["bloc"]))
    share = valence.pivot(index="bloc", columns="label_valence", values="share").reindex(index=blocs).fillna(0.0)
    count = (
        valence.pivot(index="bloc", columns="label_valence", values="count").reindex(index=blocs).fillna(0).astype(int)
    )
    n = valence.groupby("bloc")["n"].first().reindex(blocs).fillna(0).astype(int)
    fig, ax = plt.subplots(figsize=(8.5, 1.6 + 0.62 * max(len(blocs), 1)))
    strip = blended_transform_factory(ax.transAxes, ax.transData)
    for y, b in enumerate(blocs):
        ax.add_patch(_bloc_patch(b, (-0.045, y - 0.35), 0.03, 0.7, transform=strip, clip_on=False))
        if n[b] == 0:
            ax.text(
                0, y, "no labelled statements", ha="center", va="center", color="#666666", fontsize=8.5, style="italic"
            )
            continue
        d, m, lg = (
            share.at[b, v] if v in share.columns else 0.0 for v in ("delegitimizing", "neutral", "legitimizing")
        )
        for v, left, width in (
            ("delegitimizing", -(d + m / 2), d),
            ("neutral", -m / 2, m),
            ("legitimizing", m / 2, lg),
        ):
            if width <= 0:
                continue
            st = VALENCE_STYLE[v]
            ax.barh(
                y,
                width,
                left=left,
                height=0.7,
                color=st["facecolor"],
                hatch=st["hatch"],
                edgecolor="black",
                linewidth=0.6,
            )
            label = f"{width:.0%} ({count.at[b, v]})"
            if width >= 0.16:
                ax.text(
                    left + width / 2,
                    y,
                    label,
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=st["text"],
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5} if st["hatch"] else None,
                )
            elif v != "neutral":  # too narrow to hold its label: print it just outside the bar's end
                outside = left + width + 0.015 if v == "legitimizing" else left - 0.015
                ax.text(outside, y, label, ha="left" if v == "legitimizing" else "right", va="center", fontsize=8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(blocs)), [f"{_pretty(b)} (N={n[b]})" for b in blocs])
    ax.tick_params(axis="y", pad=22, length=0)
    ax.set_ylim(len(blocs) - 0.5, -0.5)
    ax.set_xlim(-1.02, 1.02)
    ticks = np.linspace(-1, 1, 9)
    ax.set_xticks(ticks, [f"{abs(t):.0%}" for t in ticks])
    ax.set_xlabel(
        "share of the bloc's labelled statements:  ← delegitimizing   |   legitimizing →   (neutral centred on 0)"
    )
    handles = [
        Patch(facecolor=s["facecolor"], hatch=s["hatch"], edgecolor="black", label=v) for v, s in VALENCE_STYLE.items()
    ]
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False)
    ax.set_title(
        title
        or f"Valence of the words each {_pretty(bloc_column)} used for the central actor, {scope}\n"
        f"(N = {int(n.sum())} statements with an actor label)"
    )
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig
