"""Charts return titled Figures with N, bloc colours and deterministic layouts, and cope with empty input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import framelens  # noqa: E402
from framelens import charts as ch  # noqa: E402
from framelens.charts.style import bloc_colours, bloc_markers  # noqa: E402
from framelens.claims import duelling_figures  # noqa: E402
from framelens.credibility import admiralty_matrix, track_record  # noqa: E402
from framelens.sourcing import relay_graph, sourcing_shares  # noqa: E402
from framelens.timeline import event_timeline  # noqa: E402
from helpers import VALID  # noqa: E402


@pytest.fixture(scope="module")
def ds():
    return framelens.load_dataset(VALID)


def _title(fig) -> str:
    return (fig._suptitle.get_text() if fig._suptitle else "") + " ".join(ax.get_title() for ax in fig.axes)


def test_figures_chart_colours_and_title(ds):
    fig = ch.figures_chart(duelling_figures(ds.statements, ds.claims))
    assert "3 statements" in _title(fig)
    faces = {
        to_hex(line.get_markerfacecolor()).upper()
        for ax in fig.axes
        for line in ax.lines
        if line.get_marker() not in (None, "None", "")
    }
    assert {bloc_colours()["russian"], bloc_colours()["ukrainian"]} <= faces
    plt.close(fig)


def test_admiralty_heatmap_one_panel_per_bloc(ds):
    fig = ch.admiralty_heatmap(admiralty_matrix(ds.statements))
    assert len(fig.axes) == 5 and "9 graded statements" in _title(fig)
    assert fig.axes[0].get_yticklabels()[-1].get_text() == "F ?"
    plt.close(fig)


def test_track_record_chart(ds):
    fig = ch.track_record_chart(track_record(ds.statements, ds.claims, by="outlet", voice="all"), "outlet")
    assert "2 votes from 2 scored statements" in _title(fig)
    plt.close(fig)


def test_relay_layout_is_deterministic_and_layered(ds):
    g = relay_graph(ds.statements, ds.outlets)
    shuffled = nx.DiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(data=True))))
    assert ch.relay_layout(g) == ch.relay_layout(shuffled)
    pos = ch.relay_layout(g)
    assert (
        pos["Outlet W"][0] == 0.0
        and pos["Outlet R"][0] == 1.0
        and pos["Agency R"][0] == 1.0
        and pos["Spokesperson R"][0] == 2.0
    )
    fig = ch.relay_graph_chart(g, 2)
    assert "2 relayed statements" in _title(fig)
    plt.close(fig)


def test_hedging_and_timeline_charts(ds):
    fig = ch.hedging_chart(sourcing_shares(ds.statements))
    assert "9 statements" in _title(fig)
    plt.close(fig)
    fig = ch.timeline_chart(event_timeline(ds.statements, ds.events), "ev-alpha")
    assert "6 statements" in _title(fig)
    ax = fig.axes[0]
    rows = {t.get_text().split(" ")[0]: y for t, y in zip(ax.get_yticklabels(), ax.get_yticks())}
    assert rows == {"ukrainian": 3, "russian": 2, "russian_independent": 1, "western": 0}  # codebook order, top down
    plt.close(fig)


def test_empty_inputs_do_not_crash(ds):
    empty = ds.statements.iloc[0:0]
    for fig in (
        ch.figures_chart(duelling_figures(empty, ds.claims)),
        ch.relay_graph_chart(relay_graph(empty)),
        ch.timeline_chart(event_timeline(empty, ds.events), "ev-alpha"),
        ch.timeline_chart(event_timeline(ds.statements, ds.events), "no-such-event"),
        ch.track_record_chart(track_record(empty, ds.claims, by="outlet"), "outlet"),
    ):
        assert "nothing to show" in [t.get_text() for t in fig.axes[0].texts]
        plt.close(fig)
    plt.close(ch.admiralty_heatmap(admiralty_matrix(empty)))
    plt.close(ch.hedging_chart(sourcing_shares(empty)))


def test_bloc_markers_distinct():
    m = bloc_markers()
    assert list(m) == list(bloc_colours()) and len(set(m.values())) == len(m)


def test_top_relay_subgraph_keeps_most_relayed_sources():
    g = nx.DiGraph()
    for u, v, w in [
        ("BBC", "TASS", 3),
        ("CNN", "TASS", 1),
        ("TASS", "MoD", 4),
        ("BBC", "Telegram", 1),
        ("Telegram", "Gladkov", 1),
    ]:
        g.add_edge(u, v, weight=w)
    for n, roles, b in [
        ("BBC", ("outlet",), "western"),
        ("CNN", ("outlet",), "western"),
        ("TASS", ("outlet", "source"), "russian"),
        ("Telegram", ("source",), None),
        ("MoD", ("speaker",), "russian"),
        ("Gladkov", ("speaker",), "russian"),
    ]:
        g.nodes[n].update(roles=roles, bloc=b)
    sub = ch.top_relay_subgraph(g, 1)
    assert set(sub.edges()) == {("BBC", "TASS"), ("CNN", "TASS"), ("TASS", "MoD")}
    assert sub.nodes["TASS"]["roles"] == ("source",) and sub.nodes["BBC"]["roles"] == ("outlet",)
    fig = ch.relay_graph_chart(g, 5, top_sources=1)
    assert "the 1 most-relayed sources, carrying 4 of 5 relayed statements" in _title(fig).replace("\n", " ")
    plt.close(fig)


def test_bloc_words_follow_the_bloc_column():
    from framelens.credibility import admiralty_matrix
    from framelens.sourcing import sourcing_shares

    ds = framelens.load_dataset(VALID)
    fig = ch.admiralty_heatmap(admiralty_matrix(ds.statements, bloc_column="outlet_bloc"), bloc_column="outlet_bloc")
    assert "by bloc of outlet" in fig._suptitle.get_text()
    fig = ch.hedging_chart(sourcing_shares(ds.statements, bloc_column="speaker_bloc"), bloc_column="speaker_bloc")
    assert "by bloc of speaker" in fig._suptitle.get_text()


def test_figures_chart_keeps_a_large_corpus_readable():
    """Hundreds of numeric claims and statements: at most max_claims panels of at most max_rows rows, lowest and
    highest kept."""
    n_claims, per_claim = 40, 30
    figures = pd.DataFrame(
        {
            "claim_id": [f"c{i:02d}" for i in range(n_claims) for _ in range(per_claim + i % 3)],
        }
    )
    figures["figure"] = np.arange(len(figures), dtype=float)
    figures["claim"] = figures["claim_id"]
    figures["published_at"] = pd.Timestamp("2023-05-22", tz="UTC")
    figures["bloc"], figures["source"] = "russian", "TASS"
    figures["statement_id"] = [f"s{i}" for i in range(len(figures))]
    fig = ch.figures_chart(figures, max_claims=5, max_rows=8)
    axes = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert len(axes) == 5 and "the 5 claims with the most figures" in fig._suptitle.get_text()
    first = axes[0]
    assert len(first.get_yticks()) == 8 and "8 of 32 statements shown" in first.get_title(
        loc="left"
    )  # c02: 32 statements, the most
    lowest, highest = figures[figures["claim_id"] == "c02"]["figure"].agg(["min", "max"])
    xs = [line.get_xdata()[0] for line in first.lines if len(line.get_xdata()) == 1]
    assert min(xs) == lowest and max(xs) == highest


def test_relay_graph_chart_keeps_the_busiest_outlets_and_speakers():
    g = nx.DiGraph()
    g.add_node("Agency", roles=("source",), bloc="russian")
    for i in range(30):
        g.add_node(f"outlet{i:02d}", roles=("outlet",), bloc="western")
        g.add_edge(f"outlet{i:02d}", "Agency", weight=i + 1)
        g.add_node(f"speaker{i:02d}", roles=("speaker",), bloc="russian")
        g.add_edge("Agency", f"speaker{i:02d}", weight=1)
    sub = ch.top_relay_subgraph(g, 1, max_per_column=5)
    outlets = sorted(n for n, d in sub.nodes(data=True) if d["roles"] == ("outlet",))
    assert outlets == ["outlet25", "outlet26", "outlet27", "outlet28", "outlet29"]  # the five with the most statements
    assert sorted(n for n, d in sub.nodes(data=True) if d["roles"] == ("speaker",)) == [
        f"speaker0{i}" for i in range(5)
    ]  # ties: by name
    fig = ch.relay_graph_chart(g, 465, top_sources=1, max_per_column=5)
    title = fig._suptitle.get_text().replace("\n", " ")
    assert "only the 5 busiest outlets and speakers" in title and "carrying 465 of 465" in title
    plt.close(fig)


def test_relay_graph_labels_are_clear_of_nodes_edges_and_each_other():
    """On the shipped data (the notebook's 12 top sources): every label sits beside its node, above every edge on an
    opaque box, and no two labels overlap once drawn."""
    from framelens.sourcing import relay_graph

    ds = framelens.load_dataset("data")
    graph = relay_graph(ds.statements, ds.outlets)
    fig = ch.relay_graph_chart(graph, top_sources=12)
    pos = ch.relay_layout(ch.top_relay_subgraph(graph, 12, 40))
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_gid() == "node-label"]
    edges = [p for p in ax.patches if isinstance(p, matplotlib.patches.FancyArrowPatch)]
    assert labels and edges
    assert min(t.get_zorder() for t in labels) > max(e.get_zorder() for e in edges)
    assert all(t.get_bbox_patch().get_alpha() == 1.0 for t in labels)
    boxes = [t.get_bbox_patch().get_window_extent(renderer) for t in labels]
    for i, a in enumerate(boxes):
        node = ax.transData.transform(pos[labels[i].get_label()])
        assert not a.contains(*node), labels[i].get_text()  # the node's centre is outside its label
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), labels[i].get_text()
    plt.close(fig)
