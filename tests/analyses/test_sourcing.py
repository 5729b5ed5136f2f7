"""Own vs relayed shares, hedging and the relay graph, against hand counts."""

import math

import pandas as pd

import framelens
from framelens.sourcing import most_relayed, relay_graph, sourcing_shares
from helpers import VALID


def statements() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outlet": ["BBC", "BBC", "BBC", "CNN", "TASS", "TASS", "CGTN"],
            "outlet_bloc": ["western", "western", "western", "western", "russian", "russian", "other"],
            "speaker": ["MoD", "editorial", "Zelensky", "MoD", "MoD", "editorial", "Zelensky"],
            "speaker_bloc": ["russian", "western", "ukrainian", "russian", "russian", "russian", "ukrainian"],
            "cited_source": ["TASS", None, "Ukrinform", "TASS", None, "RIA Novosti", "Ukrinform"],
            "claim_id": ["c1", "c1", None, "c1", "c1", None, "c2"],
            "stance": ["attributes", "questions", None, "asserts", "asserts", None, "attributes"],
        }
    )


def test_sourcing_shares_hand_counts():
    s = sourcing_shares(statements())
    assert list(s.index) == ["ukrainian", "russian", "russian_independent", "western", "other"]
    w = s.loc["western"]
    assert (w["n"], w["n_own"], w["n_relayed"], w["n_with_stance"], w["n_hedged"]) == (4, 1, 3, 3, 2)
    assert w["share_own"] == 0.25 and w["share_relayed"] == 0.75 and math.isclose(w["share_hedged"], 2 / 3)
    r = s.loc["russian"]
    assert (r["n"], r["n_relayed"], r["n_with_stance"], r["n_hedged"]) == (2, 1, 1, 0)
    assert s.loc["ukrainian", "n"] == 0 and math.isnan(s.loc["ukrainian", "share_own"])
    by_speaker = sourcing_shares(statements(), bloc_column="speaker_bloc")
    assert by_speaker.loc["ukrainian", "n_relayed"] == 2


def test_relay_graph_edges_weights_and_roles():
    g = relay_graph(statements(), outlets=pd.DataFrame({"outlet": ["Ukrinform"], "bloc": ["ukrainian"]}))
    edges = {(u, v): d["weight"] for u, v, d in g.edges(data=True)}
    assert edges == {
        ("BBC", "TASS"): 1,
        ("CNN", "TASS"): 1,
        ("TASS", "MoD"): 2,
        ("BBC", "Ukrinform"): 1,
        ("CGTN", "Ukrinform"): 1,
        ("Ukrinform", "Zelensky"): 2,
        ("TASS", "RIA Novosti"): 1,
    }
    assert g.nodes["TASS"]["roles"] == ("outlet", "source") and g.nodes["TASS"]["bloc"] == "russian"
    assert g.nodes["Ukrinform"]["bloc"] == "ukrainian"
    assert g.nodes["RIA Novosti"]["bloc"] is None and g.nodes["MoD"]["roles"] == ("speaker",)
    # editorial relays add no speaker node; own reporting adds no edges
    assert "editorial" not in g and g.in_degree("BBC") == 0


def test_most_relayed_order():
    m = most_relayed(statements())
    assert m[["cited_source", "n_statements", "n_outlets", "n_blocs", "relaying_blocs"]].values.tolist() == [
        ["TASS", 2, 2, 1, "western"],
        ["Ukrinform", 2, 2, 2, "western; other"],
        ["RIA Novosti", 1, 1, 1, "russian"],
    ]
    assert len(most_relayed(statements(), top=1)) == 1


def test_fixture_relays():
    ds = framelens.load_dataset(VALID)
    s = sourcing_shares(ds.statements)
    assert s.loc["russian", "n"] == 4 and s.loc["russian", "n_relayed"] == 1
    assert s.loc["western", "n_hedged"] == 1
    g = relay_graph(ds.statements, ds.outlets)
    assert set(g.edges()) == {("Outlet R", "Agency R"), ("Agency R", "Spokesperson R"), ("Outlet W", "Outlet R")}
