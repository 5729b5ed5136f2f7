"""Sourcing: own reporting vs relayed statements, hedging, and who relays whom.

- Own reporting: a statement with no ``cited_source``; relayed: one with a ``cited_source``.
- Hedged: stance ``attributes`` or ``questions`` (reported as someone else's, or doubted), as a
  share of the statements that take a stance on a claim.
- Relay graph: a directed graph outlet -> cited source -> speaker built from relayed
  statements. A name that is both an outlet and a cited source (TASS) is one node. When the
  speaker is ``editorial`` the cited source itself speaks, so no speaker edge is added.

>>> import pandas as pd
>>> st = pd.DataFrame({"outlet": ["BBC", "TASS"], "outlet_bloc": ["western", "russian"],
...     "speaker": ["MoD", "MoD"], "speaker_bloc": ["russian", "russian"],
...     "cited_source": ["TASS", None], "stance": ["attributes", "asserts"], "claim_id": ["c1", "c1"]})
>>> sorted(relay_graph(st).edges())
[('BBC', 'TASS'), ('TASS', 'MoD')]
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from framelens._kernels import as_text, bloc_order, column_codes
from framelens.claims import HEDGED_STANCES
from framelens.dataset.codebook import check_bloc_column


def sourcing_shares(statements: pd.DataFrame, bloc_column: str = "outlet_bloc") -> pd.DataFrame:
    """Per bloc (every codebook bloc): own vs relayed statements and hedged stances, counts and shares.

    Columns: n, n_own, n_relayed, share_own, share_relayed (of n), n_with_stance, n_hedged,
    share_hedged (of n_with_stance). Shares are NaN where the denominator is 0. Bloc defaults to
    outlet_bloc: sourcing is the outlet's practice.

    >>> st = pd.DataFrame({"outlet_bloc": ["western", "western"], "speaker_bloc": ["russian", "western"],
    ...     "cited_source": ["TASS", None], "stance": ["attributes", None]})
    >>> sourcing_shares(st).loc["western", ["n_relayed", "share_hedged"]].tolist()
    [1.0, 1.0]
    """
    check_bloc_column(bloc_column)
    # sums per distinct bloc by bincount over integer codes (what a groupby of the text column gives)
    bloc_codes, bloc_values = column_codes(statements[bloc_column])
    stance_codes, stance_values = column_codes(statements["stance"])
    has = bloc_codes >= 0
    b = bloc_codes[has]
    hedged = np.append(pd.Series(stance_values, dtype=object).isin(HEDGED_STANCES).to_numpy(), False)[stance_codes[has]]
    sums = {
        "n": np.bincount(b, minlength=len(bloc_values)),
        "n_relayed": np.bincount(b, statements["cited_source"].notna().to_numpy()[has], minlength=len(bloc_values)),
        "n_with_stance": np.bincount(b, (stance_codes[has] >= 0), minlength=len(bloc_values)),
        "n_hedged": np.bincount(b, hedged, minlength=len(bloc_values)),
    }
    seen = sums["n"] > 0
    g = pd.DataFrame(
        {k: v[seen].astype(np.int64) for k, v in sums.items()}, index=pd.Index(bloc_values[seen], dtype=object)
    )
    g = g.reindex(bloc_order(pd.Series(bloc_values[seen], dtype=object)), fill_value=0).astype(int)
    g.index.name = "bloc"
    g.insert(1, "n_own", g["n"] - g["n_relayed"])
    n, ns = g["n"].where(g["n"] > 0), g["n_with_stance"].where(g["n_with_stance"] > 0)
    g.insert(3, "share_own", g["n_own"] / n)
    g.insert(4, "share_relayed", g["n_relayed"] / n)
    g["share_hedged"] = g["n_hedged"] / ns
    return g


def relay_graph(statements: pd.DataFrame, outlets: pd.DataFrame | None = None) -> nx.DiGraph:
    """Directed graph of relayed statements: outlet -> cited source -> speaker, weight = statements.

    Node attributes: ``roles`` (sorted tuple of outlet / source / speaker) and ``bloc`` (the
    outlet's bloc; a source's bloc when it is an outlet in ``outlets`` or in the statements; a
    speaker's speaker_bloc; None if unknown; the first role seen sets it). Own-reporting
    statements add no edges.
    """
    g = nx.DiGraph()
    known = dict(zip(as_text(outlets["outlet"]), as_text(outlets["bloc"]))) if outlets is not None else {}

    def add(node: str, role: str, node_bloc: str | None) -> None:
        if node not in g:
            g.add_node(node, roles=(), bloc=None)
        data = g.nodes[node]
        data["roles"] = tuple(sorted(set(data["roles"]) | {role}))
        if data["bloc"] is None or role == "outlet":
            data["bloc"] = node_bloc if node_bloc is not None else data["bloc"]

    def link(a: str, b: str) -> None:
        if g.has_edge(a, b):
            g[a][b]["weight"] += 1
        else:
            g.add_edge(a, b, weight=1)

    for o, ob in zip(as_text(statements["outlet"]), as_text(statements["outlet_bloc"])):
        add(o, "outlet", ob)
    for o, src, s, sb in zip(
        as_text(statements["outlet"]),
        as_text(statements["cited_source"]),
        as_text(statements["speaker"]),
        as_text(statements["speaker_bloc"]),
    ):
        if src is None:
            continue
        add(src, "source", known.get(src))
        link(o, src)
        if s is not None and s != "editorial" and s != src:
            add(s, "speaker", sb)
            link(src, s)
    g.remove_nodes_from([n for n, d in list(g.degree()) if d == 0])
    return g


def most_relayed(statements: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The cited sources relayed most: statements, distinct outlets and outlet blocs relaying each.

    Sorted by statements (desc), then outlets (desc), then name.

    >>> st = pd.DataFrame({"outlet": ["BBC", "CNN", "BBC"], "outlet_bloc": ["western"] * 3,
    ...     "cited_source": ["TASS", "TASS", "Reuters"]})
    >>> most_relayed(st)[["cited_source", "n_statements", "n_outlets"]].values.tolist()
    [['TASS', 2, 2], ['Reuters', 1, 1]]
    """
    rel = statements[statements["cited_source"].notna()]
    frame = pd.DataFrame(
        {
            "cited_source": as_text(rel["cited_source"]),
            "outlet": as_text(rel["outlet"]),
            "bloc": as_text(rel["outlet_bloc"]),
        }
    )
    order = {b: i for i, b in enumerate(bloc_order(frame["bloc"]))}
    rows = [
        {
            "cited_source": src,
            "n_statements": len(grp),
            "n_outlets": grp["outlet"].nunique(),
            "n_blocs": grp["bloc"].nunique(),
            "relaying_blocs": "; ".join(sorted(set(grp["bloc"]), key=order.get)),
        }
        for src, grp in frame.groupby("cited_source")
    ]
    out = pd.DataFrame(rows, columns=["cited_source", "n_statements", "n_outlets", "n_blocs", "relaying_blocs"])
    out = out.sort_values(
        ["n_statements", "n_outlets", "cited_source"], ascending=[False, False, True], kind="mergesort"
    )
    return out.head(top).reset_index(drop=True)
