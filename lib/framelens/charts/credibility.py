"""Charts for claims, credibility, sourcing and timelines. Each returns a matplotlib Figure.

Blocs keep their palette colour and also get a marker shape (or hatch), so charts read in
grayscale.

>>> from framelens.claims import duelling_figures
>>> fig = figures_chart(duelling_figures(ds.statements, ds.claims))
>>> len(fig.axes) >= 1
True
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from framelens._kernels import bloc_order
from framelens.charts.style import FALLBACK, bloc_colours, bloc_hatches, bloc_markers


def _style(bloc: str | None) -> tuple[str, str]:
    return bloc_colours().get(bloc, FALLBACK), bloc_markers().get(bloc, "o")


def _bloc_legend(ax, blocs, **kwargs) -> None:
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker=_style(b)[1],
            markerfacecolor=_style(b)[0],
            markeredgecolor="black",
            markersize=8,
            label=b,
        )
        for b in blocs
    ]
    ax.legend(handles=handles, title="bloc", frameon=False, **kwargs)


def _bloc_words(bloc: str) -> str:
    """Axis and title words for a bloc column: 'bloc of speaker' or 'bloc of outlet'."""
    return {"speaker_bloc": "bloc of speaker", "outlet_bloc": "bloc of outlet"}[bloc]


def _empty(title: str) -> Figure:
    fig, ax = plt.subplots(figsize=(6, 1.5))
    ax.axis("off")
    ax.set_title(title)
    ax.text(0.5, 0.4, "nothing to show", ha="center", va="center", transform=ax.transAxes)
    return fig


def _wrap(text, width: int = 70) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) if isinstance(text, str) else ""


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


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
        return _empty(title)
    sizes = figures.groupby("claim_id").size()
    if n_claims > max_claims:
        kept = sorted(sizes.index, key=lambda c: (-sizes[c], c))[:max_claims]
        figures = figures[figures["claim_id"].isin(kept)]
        title += f" (the {max_claims} claims with the most figures)"
    groups = list(figures.groupby("claim_id", sort=True))
    heights = [max(min(len(g), max_rows), 2) * 0.42 + 0.9 for _, g in groups]
    fig, axes = plt.subplots(
        len(groups), 1, figsize=(9, sum(heights) + 0.8), height_ratios=heights, squeeze=False, layout="constrained"
    )
    for ax, (claim_id, g) in zip(axes[:, 0], groups):
        g = g.sort_values(["figure", "published_at", "statement_id"], kind="mergesort").reset_index(drop=True)
        n_given = len(g)
        if n_given > max_rows:  # the lowest, the highest and evenly spaced ones between
            g = g.iloc[np.unique(np.linspace(0, n_given - 1, max_rows).round().astype(int))].reset_index(drop=True)
        y = np.arange(len(g))
        for i, row in g.iterrows():
            colour, marker = _style(row["bloc"])
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
                _number(row["figure"]),
                (row["figure"], i),
                xytext=(7, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        ax.hlines(y, g["figure"].min(), g["figure"].max(), colors="#dddddd", linewidth=0.8, zorder=0)
        ax.set_yticks(
            y,
            [
                f"{s}, {pd.Timestamp(d):%Y-%m-%d}" if pd.notna(d) else str(s)
                for s, d in zip(g["source"], g["published_at"])
            ],
            fontsize=8,
        )
        ax.set_ylim(-0.7, len(g) - 0.3)
        lo, hi = g["figure"].min(), g["figure"].max()
        ax.set_xlim(0, hi * 1.18 if hi > 0 else 1)
        claim = g["claim"].iat[0] if "claim" in g and isinstance(g["claim"].iat[0], str) else claim_id
        shown = f"; {len(g)} of {n_given} statements shown" if n_given > len(g) else ""
        ax.set_title(f"{_wrap(claim, 80)}  (spread {_number(hi - lo)}{shown})", fontsize=9, loc="left")
        ax.set_xlabel("figure given")
    _bloc_legend(
        axes[0, 0],
        [b for b in bloc_order() if b in set(figures["bloc"])],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
    )
    fig.suptitle(title, fontweight="bold", fontsize=11)
    return fig


def admiralty_heatmap(matrix: pd.DataFrame, bloc: str = "speaker_bloc") -> Figure:
    """Admiralty grades per bloc: counts of source reliability (rows) x information credibility (columns).

    ``matrix`` is :func:`framelens.credibility.admiralty_matrix`. F and 6 ("cannot be judged")
    are set off by a white gap and labelled, so they do not read as the lowest grades.
    """
    blocs = list(dict.fromkeys(matrix.index.get_level_values(0)))
    total = int(matrix.to_numpy().sum())
    fig, axes = plt.subplots(
        1, len(blocs), figsize=(2.6 * len(blocs) + 1, 3.8), squeeze=False, sharey=True, layout="constrained"
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
        ax.set_xlabel("information credibility\n(1 confirmed ... 5 improbable)", fontsize=8)
        for spine in ax.spines.values():
            spine.set_visible(False)
    axes[0, 0].set_ylabel("source reliability\n(A reliable ... E unreliable)", fontsize=8)
    fig.suptitle(
        f"Admiralty grades by {_bloc_words(bloc)}, {total} graded statements\n"
        "(F and 6, marked ?, mean 'cannot be judged', not a low grade)",
        fontweight="bold",
        fontsize=11,
    )
    fig.get_layout_engine().set(h_pad=0.15)
    return fig


def track_record_chart(table: pd.DataFrame, label: str) -> Figure:
    """Track record as a forest plot: share borne out with Wilson 95% interval; too-few rows marked.

    ``table`` is :func:`framelens.credibility.track_record`; ``label`` its ``by`` column.
    """
    n_total = int(table["n"].sum())
    title = (
        f"Track record by {label.replace('_', ' ')}: share of assertions/denials borne out, {n_total} scored statements"
    )
    if len(table) == 0:
        return _empty(title)
    t = table.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(t) + 1.5))
    for i, row in t.iterrows():
        colour, marker = _style(row[label] if label.endswith("bloc") else None)
        if pd.notna(row["share"]):
            ax.errorbar(
                row["share"],
                i,
                xerr=[[max(0.0, row["share"] - row["ci_low"])], [max(0.0, row["ci_high"] - row["share"])]],  # 1.0 vs 0.99..
                fmt=marker,
                color=colour,
                markeredgecolor="black",
                capsize=3,
            )
        ax.text(
            1.03,
            i,
            f"{int(row['k'])}/{int(row['n'])}" + ("" if pd.notna(row["share"]) else "  too few"),
            va="center",
            fontsize=8,
            transform=ax.get_yaxis_transform(),
        )
    ax.set_yticks(range(len(t)), t[label])
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("share borne out by the verdict (Wilson 95% interval)")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def relay_layout(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Deterministic layered layout: outlets left, cited sources middle, speakers right.

    Within a column nodes are ordered by bloc (codebook order), then name. A node that is a
    cited source goes in the middle even if it is also an outlet.

    >>> g = nx.DiGraph([("BBC", "TASS")]); g.nodes["BBC"].update(roles=("outlet",), bloc="western")
    >>> g.nodes["TASS"].update(roles=("outlet", "source"), bloc="russian")
    >>> relay_layout(g)["TASS"][0]
    1.0
    """
    order = {b: i for i, b in enumerate(bloc_order())}
    columns: dict[int, list[str]] = {0: [], 1: [], 2: []}
    for node, data in graph.nodes(data=True):
        roles = data.get("roles", ())
        columns[1 if "source" in roles else 0 if "outlet" in roles else 2].append(node)
    pos = {}
    for x, nodes in columns.items():
        nodes.sort(key=lambda n: (order.get(graph.nodes[n].get("bloc"), len(order)), str(n)))
        for k, node in enumerate(nodes):
            pos[node] = (float(x), -(k - (len(nodes) - 1) / 2))
    return pos


def top_relay_subgraph(graph: nx.DiGraph, top_sources: int, max_per_column: int | None = None) -> nx.DiGraph:
    """The relay graph cut to the ``top_sources`` cited sources most relayed (by statements into them).

    Keeps those sources, the outlets relaying them and the speakers they relay (with
    ``max_per_column``, only that many outlets and speakers: those carrying the most statements;
    ties by name); roles are reset to the node's place in the cut graph (a relaying agency becomes
    an outlet here).
    """
    sources = [n for n, d in graph.nodes(data=True) if "source" in d.get("roles", ())]
    ranked = sorted(sources, key=lambda n: (-graph.in_degree(n, weight="weight"), str(n)))[:top_sources]
    sub = nx.DiGraph()
    for src in ranked:
        sub.add_node(src, **{**graph.nodes[src], "roles": ("source",)})
    for src in ranked:
        for u in graph.predecessors(src):
            if u not in sub:
                sub.add_node(u, **{**graph.nodes[u], "roles": ("outlet",)})
            sub.add_edge(u, src, **graph[u][src])
        for v in graph.successors(src):
            if v not in sub:
                sub.add_node(v, **{**graph.nodes[v], "roles": ("speaker",)})
            sub.add_edge(src, v, **graph[src][v])
    if max_per_column is not None:
        for role in ("outlet", "speaker"):
            nodes = [n for n, d in sub.nodes(data=True) if d["roles"] == (role,)]
            if len(nodes) > max_per_column:
                busy = sorted(nodes, key=lambda n: (-sub.degree(n, weight="weight"), str(n)))[:max_per_column]
                sub.remove_nodes_from(set(nodes) - set(busy))
    return sub


def relay_graph_chart(
    graph: nx.DiGraph, n_statements: int | None = None, top_sources: int | None = None, max_per_column: int = 40
) -> Figure:
    """The relay graph drawn in three columns (outlet -> cited source -> speaker), bloc colours.

    Edge width grows with the number of statements; labels sit outside the nodes. With
    ``top_sources`` only the most-relayed cited sources are drawn, and at most ``max_per_column``
    outlets and speakers (see :func:`top_relay_subgraph`); the title says so.
    """
    extra = f" from {n_statements} relayed statements" if n_statements is not None else ""
    if top_sources is not None:
        whole = top_relay_subgraph(graph, top_sources)
        trimmed = top_relay_subgraph(graph, top_sources, max_per_column)
        kept = [n for n, d in whole.nodes(data=True) if d["roles"] == ("source",)]
        carried = sum(whole.in_degree(n, weight="weight") for n in kept)
        extra = (
            f": the {len(kept)} most-relayed sources, carrying {carried}"
            + (f" of {n_statements}" if n_statements is not None else "")
            + " relayed statements"
        )

        def count(g: nx.DiGraph, role: str) -> int:
            return sum(1 for _, d in g.nodes(data=True) if d["roles"] == (role,))

        cut = [f"{role}s" for role in ("outlet", "speaker") if count(trimmed, role) < count(whole, role)]
        graph = trimmed
        if cut:
            extra += f" (only the {max_per_column} busiest {' and '.join(cut)})"
    title = f"Who relays whom: outlet -> cited source -> speaker{extra}"
    if graph.number_of_nodes() == 0:
        return _empty(title)
    pos = relay_layout(graph)
    tallest = max(sum(1 for p in pos.values() if p[0] == x) for x in (0.0, 1.0, 2.0))
    fig, ax = plt.subplots(figsize=(12, max(3.5, 0.38 * tallest + 1.5)), layout="constrained")
    weights = [graph[u][v]["weight"] for u, v in graph.edges()]
    straight = [(u, v) for u, v in graph.edges() if pos[u][0] != pos[v][0]]
    curved = [(u, v) for u, v in graph.edges() if pos[u][0] == pos[v][0]]
    wmap = dict(zip(graph.edges(), weights))
    for edges, style in ((straight, "arc3,rad=0"), (curved, "arc3,rad=0.4")):
        if edges:
            nx.draw_networkx_edges(
                graph,
                pos,
                edgelist=edges,
                ax=ax,
                width=[0.8 + 0.8 * np.log2(wmap[e]) for e in edges],
                edge_color="#888888",
                arrows=True,
                arrowsize=10,
                connectionstyle=style,
                node_size=120,
            )
    for b in list(dict.fromkeys([d.get("bloc") for _, d in graph.nodes(data=True)])):
        nodes = [n for n, d in graph.nodes(data=True) if d.get("bloc") == b]
        colour, marker = _style(b)
        nx.draw_networkx_nodes(
            graph, pos, nodelist=nodes, node_color=colour, node_shape=marker, edgecolors="black", node_size=120, ax=ax
        )
    for node, (x, y) in pos.items():
        ha, dx = ("right", -0.05) if x == 0.0 else ("left", 0.05)
        ax.text(
            x + dx,
            y,
            str(node),
            ha=ha,
            va="center",
            fontsize=8,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5},
        )
    top = max(y for _, y in pos.values())
    for x, name in ((0, "outlet"), (1, "cited source"), (2, "speaker")):
        ax.text(x, top + 1.2, name, ha="center", va="bottom", fontweight="bold")
    ax.set_ylim(min(y for _, y in pos.values()) - 0.8, top + 2.0)
    ax.set_xlim(-0.9, 2.9)
    ax.axis("off")
    present = [b for b in bloc_order() if b in {d.get("bloc") for _, d in graph.nodes(data=True)}]
    if any(d.get("bloc") is None for _, d in graph.nodes(data=True)):
        present.append("unknown")
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker=_style(b)[1],
            markerfacecolor=_style(b)[0],
            markeredgecolor="black",
            markersize=8,
            label=b,
        )
        for b in present
    ]
    ax.legend(handles=handles, title="bloc", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.suptitle(title, fontweight="bold", fontsize=11)
    return fig


def hedging_chart(shares: pd.DataFrame, bloc: str = "outlet_bloc") -> Figure:
    """Two panels per bloc: own reporting vs relayed share, and hedged share of stances.

    ``shares`` is :func:`framelens.sourcing.sourcing_shares`; bars carry their counts.
    """
    n = int(shares["n"].sum())
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.5 * len(shares) + 2), sharey=True, layout="constrained")
    y = np.arange(len(shares))[::-1]
    hatches = bloc_hatches()
    for yi, (b, row) in zip(y, shares.iterrows()):
        colour = bloc_colours().get(b, FALLBACK)
        if row["n"] > 0:
            left.barh(yi, row["share_own"], color=colour, edgecolor="black", hatch=hatches.get(b, ""))
            left.barh(yi, row["share_relayed"], left=row["share_own"], color="white", edgecolor=colour, hatch="///")
            left.text(
                1.02,
                yi,
                f"{int(row['n_own'])} own / {int(row['n_relayed'])} relayed",
                va="center",
                fontsize=8,
                transform=left.get_yaxis_transform(),
            )
        else:
            left.text(0.02, yi, "no statements", va="center", fontsize=8)
        if row["n_with_stance"] > 0:
            right.barh(yi, row["share_hedged"], color=colour, edgecolor="black", hatch=hatches.get(b, ""))
            right.text(
                1.02,
                yi,
                f"{int(row['n_hedged'])} of {int(row['n_with_stance'])}",
                va="center",
                fontsize=8,
                transform=right.get_yaxis_transform(),
            )
        else:
            right.text(0.02, yi, "no stances", va="center", fontsize=8)
    left.set_yticks(y, list(shares.index))
    left.set_xlim(0, 1)
    right.set_xlim(0, 1)
    left.set_xlabel("share of statements: own reporting (solid) | relayed (white, hatched)")
    right.set_xlabel("share of stances that are hedged (attributes or questions)")
    left.set_title("Own reporting vs relayed", fontsize=10)
    right.set_title("Hedging", fontsize=10)
    fig.suptitle(f"Sourcing and hedging by {_bloc_words(bloc)}, {n} statements", fontweight="bold", fontsize=11)
    return fig


def timeline_chart(timeline: pd.DataFrame, event_id: str, bloc: str = "speaker_bloc") -> Figure:
    """One event: a row per bloc, a point per statement at its lag; each bloc's first statement ringed and labelled.

    ``timeline`` is :func:`framelens.timeline.event_timeline`.
    """
    tl = timeline[timeline["event_id"] == event_id]
    name = tl["title"].iat[0] if len(tl) else event_id
    title = f"{_wrap(name, 70)}: {len(tl)} statements by days after the event began"
    if len(tl) == 0:
        return _empty(title)
    blocs = [b for b in bloc_order(tl["bloc"]) if b in set(tl["bloc"])]
    fig, ax = plt.subplots(figsize=(10, 1.1 * len(blocs) + 1.8))
    rows = {b: len(blocs) - 1 - i for i, b in enumerate(blocs)}
    for b in blocs:
        sub = tl[tl["bloc"] == b]
        colour, marker = _style(b)
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
    ax.set_ylabel(_bloc_words(bloc))
    ax.set_title(title + "\n(ringed: each bloc's first statement)", fontsize=10)
    fig.tight_layout()
    return fig
