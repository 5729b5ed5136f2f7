"""Charts of sourcing: the relay graph (outlet -> cited source -> speaker, with its layout) and hedging.

>>> from framelens.sourcing import sourcing_shares
>>> fig = hedging_chart(sourcing_shares(ds.statements))
>>> [ax.get_title() for ax in fig.axes]
['Own reporting vs relayed', 'Hedging']
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from framelens._kernels import bloc_order
from framelens.charts.style import (
    FALLBACK,
    bloc_colours,
    bloc_hatches,
    bloc_legend,
    bloc_style,
    bloc_words,
    empty_figure,
    wrap,
)


def relay_layout(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Deterministic layered layout: outlets left, cited sources middle, speakers right.

    Within a column nodes are ordered by bloc (codebook order), then name; a short column spreads over the
    height of the tallest (nodes at most 3 apart), so its edges fan out. A node that is a cited source goes in the
    middle even if it is also an outlet.

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
    tallest = max(len(nodes) for nodes in columns.values())
    pos = {}
    for x, nodes in columns.items():
        nodes.sort(key=lambda n: (order.get(graph.nodes[n].get("bloc"), len(order)), str(n)))
        step = min(3.0, max(1.0, (tallest - 1) / max(len(nodes) - 1, 1)))  # a short column spreads out, 3 at most
        for k, node in enumerate(nodes):
            pos[node] = (float(x), -step * (k - (len(nodes) - 1) / 2))
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


LABEL_FONT = 9  # points: 12.5 CSS px at the page's width


def relay_graph_chart(
    graph: nx.DiGraph, n_statements: int | None = None, top_sources: int | None = None, max_per_column: int = 40
) -> Figure:
    """The relay graph drawn in three columns (outlet -> cited source -> speaker), bloc colours.

    Edge width grows with the number of statements; labels sit outside the nodes, on white boxes drawn over the
    edges. With
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
        return empty_figure(title)
    pos = relay_layout(graph)
    tallest = max(p[1] for p in pos.values()) - min(p[1] for p in pos.values()) + 1
    height = max(3.5, 0.42 * tallest + 2.0)
    fig = plt.figure(figsize=(9, height))
    ax = fig.add_axes((0.3, 1.1 / height, 0.4, 1 - 1.9 / height))  # room for labels either side, the legend below
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
        colour, marker = bloc_style(b)
        nx.draw_networkx_nodes(
            graph, pos, nodelist=nodes, node_color=colour, node_shape=marker, edgecolors="black", node_size=120, ax=ax
        )
    for node, (x, y) in pos.items():  # outlets: label to the left; speakers: to the right; sources: above
        ha, va, dx, dy = {0.0: ("right", "center", -0.05, 0), 1.0: ("center", "bottom", 0, 0.22)}.get(
            x, ("left", "center", 0.05, 0)
        )
        ax.text(
            x + dx,
            y + dy,
            str(node) if x == 1.0 else wrap(str(node), 30),
            ha=ha,
            va=va,
            fontsize=LABEL_FONT,
            zorder=5,  # above every edge, on an opaque white box: edges pass under a label, never through it
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 1.0, "pad": 1.0},
            gid="node-label",
            label=str(node),
        )
    top = max(y for _, y in pos.values())
    for x, name in ((0, "outlet"), (1, "cited source"), (2, "speaker")):
        ax.text(x, top + 1.2, name, ha="center", va="bottom", fontweight="bold", fontsize=LABEL_FONT + 1)
    ax.set_ylim(min(y for _, y in pos.values()) - 0.8, top + 2.0)
    ax.set_xlim(-0.15, 2.15)
    ax.axis("off")
    present = [b for b in bloc_order() if b in {d.get("bloc") for _, d in graph.nodes(data=True)}]
    if any(d.get("bloc") is None for _, d in graph.nodes(data=True)):
        present.append("unknown")
    bloc_legend(ax, present, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(len(present), 3))
    fig.suptitle(wrap(title, 90), fontweight="bold", fontsize=11)
    return fig


def hedging_chart(shares: pd.DataFrame, bloc_column: str = "outlet_bloc") -> Figure:
    """Two panels per bloc: own reporting vs relayed share, and hedged share of stances.

    ``shares`` is :func:`framelens.sourcing.sourcing_shares`; bars carry their counts.
    """
    n = int(shares["n"].sum())
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 0.5 * len(shares) + 2), sharey=True, layout="constrained")
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
    left.set_xlabel("share of statements:\nown reporting (solid) | relayed (white, hatched)")
    right.set_xlabel("share of stances that are hedged\n(attributes or questions)")
    left.set_title("Own reporting vs relayed", fontsize=10)
    right.set_title("Hedging", fontsize=10)
    fig.suptitle(f"Sourcing and hedging by {bloc_words(bloc_column)}, {n} statements", fontweight="bold", fontsize=11)
    return fig
