"""The claim ledger: who asserted, denied, attributed or questioned each claim, and the figures given.

Definitions (used by every credibility analysis in FrameLens):

- A statement speaks to a claim when it has a ``claim_id`` and a ``stance``.
- The bloc of a statement is its ``speaker_bloc`` by default (whose claim it is); pass
  ``bloc="outlet_bloc"`` to group by who carried it instead.
- Settled verdicts are confirmed, likely_true, likely_false and false; disputed and unverified
  are not settled. An assertion is borne out by confirmed/likely_true, a denial by
  likely_false/false; ``attributes`` and ``questions`` are never scored.

>>> import pandas as pd
>>> st = pd.DataFrame({"statement_id": ["a", "b"], "claim_id": ["c1", "c1"],
...                    "stance": ["asserts", "denies"], "speaker_bloc": ["russian", "ukrainian"],
...                    "outlet_bloc": ["russian", "ukrainian"], "outlet": ["TASS", "Kyiv Post"],
...                    "speaker": ["MoD", "editorial"]})
>>> int(stance_counts(st).loc["c1", ("russian", "asserts")])
1
>>> claim_matrix(st).loc["c1", "ukrainian"]
'denies 1'
"""

from __future__ import annotations

import pandas as pd

from framelens.codebook import BLOC_COLUMNS, check_bloc_column, codes_for

STANCES: tuple[str, ...] = ("asserts", "denies", "attributes", "questions")
SCORED_STANCES: tuple[str, ...] = ("asserts", "denies")
HEDGED_STANCES: tuple[str, ...] = ("attributes", "questions")
SETTLED_VERDICTS: tuple[str, ...] = ("confirmed", "likely_true", "likely_false", "false")
BORNE_OUT: dict[str, tuple[str, ...]] = {"asserts": ("confirmed", "likely_true"), "denies": ("likely_false", "false")}


def bloc_order(values: pd.Series | None = None) -> list[str]:
    """Blocs in codebook order, plus any other value seen in ``values`` (sorted) at the end.

    >>> bloc_order()[:2]
    ['ukrainian', 'russian']
    """
    order = codes_for(values, "bloc") if values is not None else codes_for(None, "bloc")
    if values is not None:
        order += sorted({str(v) for v in values.dropna()} - set(order))
    return order


def as_text(series: pd.Series) -> pd.Series:
    """A column as object strings with None for missing (works for category, string, object)."""
    return series.astype(object).where(series.notna(), None)


def claim_statements(statements: pd.DataFrame, claims: pd.DataFrame | None = None, bloc: str = "speaker_bloc") -> pd.DataFrame:
    """Statements that speak to a claim, with a plain ``bloc`` column and the claim's text and verdict.

    >>> st = pd.DataFrame({"statement_id": ["a", "b"], "claim_id": ["c1", None], "stance": ["asserts", None],
    ...                    "speaker_bloc": ["russian", "other"], "outlet_bloc": ["russian", "other"]})
    >>> claim_statements(st)["statement_id"].tolist()
    ['a']
    """
    check_bloc_column(bloc)
    keep = statements["claim_id"].notna() & statements["stance"].notna()
    out = statements.loc[keep].copy()
    out["bloc"] = as_text(out[bloc])
    out["stance"] = as_text(out["stance"])
    out["claim_id"] = as_text(out["claim_id"])
    if claims is not None:
        info = claims.set_index(as_text(claims["claim_id"]))
        out["claim"] = out["claim_id"].map(as_text(info["claim"]))
        out["verdict"] = out["claim_id"].map(as_text(info["verdict"])) if "verdict" in info else None
    else:
        out["claim"] = None
        out["verdict"] = None
    sort = [c for c in ("claim_id", "published_at", "statement_id") if c in out.columns]
    return out.sort_values(sort, kind="mergesort").reset_index(drop=True)


def _joined(values: pd.Series) -> str:
    return "; ".join(sorted({str(v) for v in values.dropna()}))


def claim_ledger(statements: pd.DataFrame, claims: pd.DataFrame | None = None, bloc: str = "speaker_bloc") -> pd.DataFrame:
    """One row per claim x bloc x stance present: count, outlets and speakers behind it, verdict.

    Claims in ``claims`` that no statement speaks to get one row with n = 0. Rows are sorted by
    claim_id, then bloc in codebook order, then stance (asserts, denies, attributes, questions).

    >>> st = pd.DataFrame({"statement_id": ["a", "b", "c"], "claim_id": ["c1"] * 3,
    ...     "stance": ["asserts", "asserts", "denies"], "speaker_bloc": ["russian", "russian", "ukrainian"],
    ...     "outlet_bloc": ["russian", "western", "ukrainian"], "outlet": ["TASS", "BBC", "NV"],
    ...     "speaker": ["MoD", "MoD", "editorial"]})
    >>> claim_ledger(st)[["bloc", "stance", "n", "outlets"]].values.tolist()
    [['ukrainian', 'denies', 1, 'NV'], ['russian', 'asserts', 2, 'BBC; TASS']]
    """
    cs = claim_statements(statements, claims, bloc)
    order = bloc_order(cs["bloc"])
    columns = ["claim_id", "claim", "verdict", "bloc", "stance", "n", "outlets", "speakers"]
    rows = []
    for (claim_id, b, stance), grp in cs.groupby(["claim_id", "bloc", "stance"], sort=False):
        rows.append({"claim_id": claim_id, "claim": grp["claim"].iat[0], "verdict": grp["verdict"].iat[0], "bloc": b,
                     "stance": stance, "n": len(grp), "outlets": _joined(grp["outlet"]), "speakers": _joined(grp["speaker"])})
    if claims is not None:
        spoken = set(cs["claim_id"])
        for _, c in claims.iterrows():
            if str(c["claim_id"]) not in spoken:
                rows.append({"claim_id": str(c["claim_id"]), "claim": c["claim"], "verdict": None if pd.isna(c.get("verdict")) else str(c["verdict"]),
                             "bloc": None, "stance": None, "n": 0, "outlets": "", "speakers": ""})
    ledger = pd.DataFrame(rows, columns=columns)
    ledger["_b"] = ledger["bloc"].map({b: i for i, b in enumerate(order)}).fillna(len(order))
    ledger["_s"] = ledger["stance"].map({s: i for i, s in enumerate(STANCES)}).fillna(len(STANCES))
    ledger = ledger.sort_values(["claim_id", "_b", "_s"], kind="mergesort").drop(columns=["_b", "_s"])
    ledger["n"] = ledger["n"].astype(int)
    return ledger.reset_index(drop=True)


def stance_counts(statements: pd.DataFrame, claims: pd.DataFrame | None = None, bloc: str = "speaker_bloc") -> pd.DataFrame:
    """Claim x (bloc, stance) counts, every bloc and stance present as a column (0 when empty).

    Rows are every claim of ``claims`` (or every claim spoken to, without it), sorted by claim_id.
    """
    cs = claim_statements(statements, claims, bloc)
    ids = sorted(set(cs["claim_id"]) | (set(as_text(claims["claim_id"])) if claims is not None else set()))
    columns = pd.MultiIndex.from_product([bloc_order(cs["bloc"]), list(STANCES)], names=["bloc", "stance"])
    counts = cs.groupby(["claim_id", "bloc", "stance"]).size()
    table = counts.unstack(["bloc", "stance"]) if len(counts) else pd.DataFrame(index=pd.Index([], name="claim_id"))
    return table.reindex(index=pd.Index(ids, name="claim_id"), columns=columns).fillna(0).astype(int)


def claim_matrix(statements: pd.DataFrame, claims: pd.DataFrame | None = None, bloc: str = "speaker_bloc") -> pd.DataFrame:
    """Claim x bloc: each cell lists the bloc's stances with counts ('asserts 2; denies 1'), '' if none.

    With ``claims``, the first columns are the claim's text and verdict.
    """
    counts = stance_counts(statements, claims, bloc)
    blocs = list(dict.fromkeys(counts.columns.get_level_values("bloc")))
    out = pd.DataFrame(index=counts.index)
    if claims is not None:
        info = claims.set_index(as_text(claims["claim_id"]))
        out["claim"] = out.index.map(as_text(info["claim"]))
        out["verdict"] = out.index.map(as_text(info["verdict"])) if "verdict" in info else None
    for b in blocs:
        sub = counts[b]
        out[b] = [("; ".join(f"{s} {int(n)}" for s, n in row.items() if n > 0)) for _, row in sub.iterrows()]
    return out


def _source_label(frame: pd.DataFrame) -> pd.Series:
    """'speaker (outlet)', or just the outlet for its own editorial voice."""
    speaker, outlet = as_text(frame["speaker"]), as_text(frame["outlet"])
    return pd.Series([o if s in (None, "editorial") else f"{s} ({o})" for s, o in zip(speaker, outlet)], index=frame.index, dtype=object)


def duelling_figures(statements: pd.DataFrame, claims: pd.DataFrame | None = None, bloc: str = "speaker_bloc") -> pd.DataFrame:
    """Every statement that gives a ``figure`` for a claim, side by side, by claim then date.

    >>> st = pd.DataFrame({"statement_id": ["a", "b"], "claim_id": ["c1", "c1"], "stance": ["asserts"] * 2,
    ...     "speaker_bloc": ["russian", "ukrainian"], "outlet_bloc": ["russian", "ukrainian"],
    ...     "outlet": ["TASS", "NV"], "speaker": ["MoD", "editorial"], "figure": [70.0, 2.0],
    ...     "published_at": pd.to_datetime(["2023-05-23", "2023-05-22"], utc=True)})
    >>> duelling_figures(st)[["source", "figure"]].values.tolist()
    [['NV', 2.0], ['MoD (TASS)', 70.0]]
    """
    cs = claim_statements(statements, claims, bloc)
    cs = cs[cs["figure"].notna()].copy() if "figure" in cs else cs.iloc[0:0].assign(figure=pd.Series(dtype=float))
    cs["source"] = _source_label(cs) if len(cs) else pd.Series(dtype=object)
    cs["figure"] = cs["figure"].astype(float)
    cols = ["claim_id", "claim", "published_at", "bloc", "source", "outlet", "speaker", "stance", "figure", "statement_id"]
    return cs[[c for c in cols if c in cs.columns]].reset_index(drop=True)


def figure_spread(statements: pd.DataFrame, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per numeric claim: how many figures, the lowest and highest with their sources, and the spread.

    ``spread`` = highest - lowest; ``ratio`` = highest / lowest (NaN when the lowest is 0).
    Ties for lowest/highest go to the earliest statement.
    """
    figs = duelling_figures(statements, claims)
    cols = ["claim_id", "claim", "n_figures", "lowest", "lowest_source", "highest", "highest_source", "spread", "ratio"]
    rows = []
    for claim_id, grp in figs.groupby("claim_id", sort=True):
        lo, hi = grp.loc[grp["figure"].idxmin()], grp.loc[grp["figure"].idxmax()]
        rows.append({"claim_id": claim_id, "claim": grp["claim"].iat[0], "n_figures": len(grp),
                     "lowest": lo["figure"], "lowest_source": lo["source"], "highest": hi["figure"], "highest_source": hi["source"],
                     "spread": hi["figure"] - lo["figure"], "ratio": hi["figure"] / lo["figure"] if lo["figure"] > 0 else float("nan")})
    return pd.DataFrame(rows, columns=cols)
