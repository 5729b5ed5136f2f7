"""The claim ledger: who asserted, denied, attributed or questioned each claim, and the figures given.

Definitions (used by every credibility analysis in FrameLens):

- A statement speaks to a claim when it has a ``claim_id`` and a ``stance``.
- The bloc of a statement is its ``speaker_bloc`` by default (whose claim it is); pass
  ``bloc_column="outlet_bloc"`` to group by who carried it instead.
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

import numpy as np
import pandas as pd

from framelens._kernels import (
    as_text,
    blocs_seen,
    column_codes,
    joined_per_group,
    ranks,
    row_order,
    sort_key,
    text_order,
    text_values,
)
from framelens.dataset.codebook import check_bloc_column

STANCES: tuple[str, ...] = ("asserts", "denies", "attributes", "questions")
SCORED_STANCES: tuple[str, ...] = ("asserts", "denies")
HEDGED_STANCES: tuple[str, ...] = ("attributes", "questions")
SETTLED_VERDICTS: tuple[str, ...] = ("confirmed", "likely_true", "likely_false", "false")
BORNE_OUT: dict[str, tuple[str, ...]] = {"asserts": ("confirmed", "likely_true"), "denies": ("likely_false", "false")}


def _claim_rows(
    statements: pd.DataFrame, claim_codes: np.ndarray, claim_uniques: np.ndarray, sort: bool = True
) -> np.ndarray:
    """Positions of the statements that speak to a claim, in claim_id, published_at, statement_id order (``sort``) or
    as they come."""
    rows = np.flatnonzero((claim_codes >= 0) & statements["stance"].notna().to_numpy())
    return _sorted_claim_rows(statements, rows, claim_codes, claim_uniques) if sort else rows


def _sorted_claim_rows(
    statements: pd.DataFrame, rows: np.ndarray, claim_codes: np.ndarray, claim_uniques: np.ndarray
) -> np.ndarray:
    """``rows`` in claim_id, published_at, statement_id order."""
    if not len(rows):
        return rows
    # the order of sort_values(["claim_id", "published_at", "statement_id"], kind="mergesort"), from integer keys
    keys = [ranks(claim_uniques)[claim_codes[rows]]]
    if "published_at" in statements.columns:
        keys.append(sort_key(statements["published_at"].iloc[rows]))
    then = text_order(statements["statement_id"].iloc[rows]) if "statement_id" in statements.columns else None
    return rows[row_order(keys, then)]


def _claim_info(
    claim_uniques: np.ndarray, codes: np.ndarray, claims: pd.DataFrame | None
) -> tuple[pd.Series | None, pd.Series | None, np.ndarray]:
    """The text and verdict of the claims in ``codes`` (as ``map`` over those claim ids gives them, dtype included),
    and each claim code's position in them; None without ``claims``."""
    used = np.unique(codes[codes >= 0])
    position = np.full(len(claim_uniques) + 1, -1, dtype=np.int64)
    position[used] = np.arange(len(used))
    if claims is None:
        return None, None, position
    info = claims.set_index(as_text(claims["claim_id"]))
    distinct = pd.Series(claim_uniques[used], dtype=object)
    return (
        distinct.map(as_text(info["claim"])),
        (distinct.map(as_text(info["verdict"])) if "verdict" in info else None),
        position,
    )


def _claim_frame(
    statements: pd.DataFrame,
    claims: pd.DataFrame | None,
    bloc_column: str,
    columns: list[str] | None = None,
    with_figure: bool = False,
) -> pd.DataFrame:
    """:func:`claim_statements`, optionally keeping only some statements columns (the rows, order and added columns are
    the same), or only the rows with a ``figure`` (``with_figure``: the rows it would keep, taken alone)."""
    check_bloc_column(bloc_column)
    claim_codes, claim_uniques = column_codes(statements["claim_id"])
    rows = _claim_rows(statements, claim_codes, claim_uniques, sort=False)
    claim_text, verdict, position = _claim_info(claim_uniques, claim_codes[rows], claims)
    if with_figure:
        rows = rows[statements["figure"].notna().to_numpy()[rows]]
    rows = _sorted_claim_rows(statements, rows, claim_codes, claim_uniques)
    source = (
        statements
        if columns is None
        else statements[[c for c in statements.columns if c in set(columns) | {bloc_column, "stance", "claim_id"}]]
    )
    out = source.iloc[rows].reset_index(drop=True)
    bloc_codes, bloc_uniques = column_codes(statements[bloc_column])
    out["bloc"] = pd.Series(text_values(bloc_codes[rows], bloc_uniques), index=out.index, dtype=object)
    stance_codes, stance_uniques = column_codes(statements["stance"])
    out["stance"] = pd.Series(text_values(stance_codes[rows], stance_uniques), index=out.index, dtype=object)
    ids = claim_codes[rows]
    out["claim_id"] = pd.Series(text_values(ids, claim_uniques), index=out.index, dtype=object)
    if claims is not None:
        out["claim"] = claim_text.array.take(position[ids])
        out["verdict"] = verdict.array.take(position[ids]) if verdict is not None else None
    else:
        out["claim"] = None
        out["verdict"] = None
    return out


def claim_statements(
    statements: pd.DataFrame, claims: pd.DataFrame | None = None, bloc_column: str = "speaker_bloc"
) -> pd.DataFrame:
    """Statements that speak to a claim, with a plain ``bloc`` column and the claim's text and verdict.

    Sorted by claim_id, published_at, statement_id.

    >>> st = pd.DataFrame({"statement_id": ["a", "b"], "claim_id": ["c1", None], "stance": ["asserts", None],
    ...                    "speaker_bloc": ["russian", "other"], "outlet_bloc": ["russian", "other"]})
    >>> claim_statements(st)["statement_id"].tolist()
    ['a']
    """
    return _claim_frame(statements, claims, bloc_column)


def claim_ledger(
    statements: pd.DataFrame, claims: pd.DataFrame | None = None, bloc_column: str = "speaker_bloc"
) -> pd.DataFrame:
    """One row per claim x bloc x stance present: count, outlets and speakers behind it, verdict.

    Claims in ``claims`` that no statement speaks to get one row with n = 0. Rows are sorted by
    claim_id, then bloc in codebook order, then stance (asserts, denies, attributes, questions).
    Statements without a bloc are left out of the counts.

    >>> st = pd.DataFrame({"statement_id": ["a", "b", "c"], "claim_id": ["c1"] * 3,
    ...     "stance": ["asserts", "asserts", "denies"], "speaker_bloc": ["russian", "russian", "ukrainian"],
    ...     "outlet_bloc": ["russian", "western", "ukrainian"], "outlet": ["TASS", "BBC", "NV"],
    ...     "speaker": ["MoD", "MoD", "editorial"]})
    >>> claim_ledger(st)[["bloc", "stance", "n", "outlets"]].values.tolist()
    [['ukrainian', 'denies', 1, 'NV'], ['russian', 'asserts', 2, 'BBC; TASS']]
    """
    check_bloc_column(bloc_column)
    claim_codes, claim_uniques = column_codes(statements["claim_id"])
    stance_codes, stance_values = column_codes(statements["stance"])
    bloc_codes, bloc_values = column_codes(statements[bloc_column])
    # Groups are counted in the order of their first statement (claim_id, published_at, statement_id); that order
    # only decides ties in the final sort, which arise only for stances outside STANCES: sort the rows only then.
    spoken_stances = np.zeros(len(stance_values), dtype=bool)
    spoken_stances[stance_codes[(claim_codes >= 0) & (stance_codes >= 0)]] = True
    rows = _claim_rows(
        statements, claim_codes, claim_uniques, sort=not set(stance_values[spoken_stances]) <= set(STANCES)
    )
    c, b, st = claim_codes[rows], bloc_codes[rows], stance_codes[rows]
    order = blocs_seen(b, bloc_values, np.ones(len(b), dtype=bool))
    columns = ["claim_id", "claim", "verdict", "bloc", "stance", "n", "outlets", "speakers"]
    # groups of (claim_id, bloc, stance) numbered in order of first appearance
    # (groupby sort=False, missing bloc dropped)
    ok = b >= 0
    groups = np.full(len(rows), -1, dtype=np.int64)
    groups[ok], _ = pd.factorize((c[ok] * (len(bloc_values) + 1) + b[ok]) * (len(stance_values) + 1) + st[ok])
    n_groups = int(groups.max()) + 1 if len(groups) else 0
    first = np.flatnonzero(ok)[np.unique(groups[ok], return_index=True)[1]]
    claim_text, verdict, position = _claim_info(claim_uniques, c, claims)
    none = np.full(len(first), None, dtype=object)
    outlet_codes, outlet_values = column_codes(statements["outlet"])
    speaker_codes, speaker_values = column_codes(statements["speaker"])
    parts = {
        "claim_id": claim_uniques[c[first]],
        "claim": claim_text.to_numpy(dtype=object)[position[c[first]]] if claim_text is not None else none,
        "verdict": verdict.to_numpy(dtype=object)[position[c[first]]] if verdict is not None else none,
        "bloc": bloc_values[b[first]],
        "stance": stance_values[st[first]],
        "n": np.bincount(groups[ok], minlength=n_groups).astype(object),
        "outlets": joined_per_group(groups, (outlet_codes[rows], outlet_values), n_groups),
        "speakers": joined_per_group(groups, (speaker_codes[rows], speaker_values), n_groups),
    }
    spoken_ids = claim_uniques[np.unique(c)]
    if claims is not None:
        ids = claims["claim_id"].astype(object)
        ids = pd.Series(
            np.asarray(ids.map(str), dtype=object), index=claims.index
        )  # str(claim_id), as the row loop gave
        unspoken = ~ids.isin(spoken_ids).to_numpy()
        m = int(unspoken.sum())
        verdict = (
            claims["verdict"].astype(object)[unspoken] if "verdict" in claims else pd.Series([None] * m, dtype=object)
        )
        extra = {
            "claim_id": ids.to_numpy(dtype=object)[unspoken],
            "claim": claims["claim"].astype(object).to_numpy(dtype=object)[unspoken],
            "verdict": np.where(
                verdict.isna().to_numpy(), None, verdict.map(str, na_action="ignore").to_numpy(dtype=object)
            ).astype(object),
            "bloc": np.full(m, None, dtype=object),
            "stance": np.full(m, None, dtype=object),
            "n": np.zeros(m, dtype=object),
            "outlets": np.full(m, "", dtype=object),
            "speakers": np.full(m, "", dtype=object),
        }
        parts = {c: np.concatenate([parts[c], extra[c]]) for c in columns}
    if not len(parts["n"]):
        ledger = pd.DataFrame([], columns=columns)
    else:
        # lists, so that each column's dtype is inferred as from the rows' values (str, float for all-NaN, object)
        ledger = pd.DataFrame(
            {c: parts[c].astype(np.int64) if c == "n" else parts[c].tolist() for c in columns}, columns=columns
        )
    ledger["_b"] = ledger["bloc"].map({b: i for i, b in enumerate(order)}).fillna(len(order))
    ledger["_s"] = ledger["stance"].map({s: i for i, s in enumerate(STANCES)}).fillna(len(STANCES))
    ledger = ledger.sort_values(["claim_id", "_b", "_s"], kind="mergesort").drop(columns=["_b", "_s"])
    ledger["n"] = ledger["n"].astype(int)
    return ledger.reset_index(drop=True)


def stance_counts(
    statements: pd.DataFrame, claims: pd.DataFrame | None = None, bloc_column: str = "speaker_bloc"
) -> pd.DataFrame:
    """Claim x (bloc, stance) counts, every bloc and stance present as a column (0 when empty).

    Rows are every claim of ``claims`` (or every claim spoken to, without it), sorted by claim_id.
    """
    check_bloc_column(bloc_column)
    claim_codes, claim_uniques = column_codes(statements["claim_id"])
    stance_codes, stance_uniques = column_codes(statements["stance"])
    bloc_codes, bloc_uniques = column_codes(statements[bloc_column])
    keep = (claim_codes >= 0) & (stance_codes >= 0)
    spoken = np.zeros(len(claim_uniques), dtype=bool)
    spoken[claim_codes[keep]] = True
    blocs = blocs_seen(bloc_codes, bloc_uniques, keep)
    ids = sorted(set(claim_uniques[spoken]) | (set(as_text(claims["claim_id"])) if claims is not None else set()))
    columns = pd.MultiIndex.from_product([blocs, list(STANCES)], names=["bloc", "stance"])
    # positions of each distinct claim, bloc and stance in the table (-1: not a row or column)
    row = pd.Index(ids, dtype=object).get_indexer(pd.Index(claim_uniques, dtype=object))
    col_b = pd.Index(blocs, dtype=object).get_indexer(pd.Index(bloc_uniques, dtype=object))
    col_s = pd.Index(list(STANCES), dtype=object).get_indexer(pd.Index(stance_uniques, dtype=object))
    col_b = np.append(col_b, -1)  # code -1 (no bloc) -> no column
    r, b, s = row[claim_codes[keep]], col_b[bloc_codes[keep]], col_s[stance_codes[keep]]
    valid = (bloc_codes[keep] >= 0) & (r >= 0) & (b >= 0) & (s >= 0)
    width = len(blocs) * len(STANCES)
    flat = (r * width + b * len(STANCES) + s)[valid]
    counts = np.bincount(flat, minlength=len(ids) * width).astype(np.int64).reshape(len(ids), width)
    return pd.DataFrame(counts, index=pd.Index(ids, name="claim_id"), columns=columns)


def claim_matrix(
    statements: pd.DataFrame, claims: pd.DataFrame | None = None, bloc_column: str = "speaker_bloc"
) -> pd.DataFrame:
    """Claim x bloc: each cell lists the bloc's stances with counts ('asserts 2; denies 1'), '' if none.

    With ``claims``, the first columns are the claim's text and verdict.
    """
    counts = stance_counts(statements, claims, bloc_column)
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
    speaker = as_text(frame["speaker"]).to_numpy(dtype=object)
    outlet = as_text(frame["outlet"]).to_numpy(dtype=object)
    own = pd.isna(speaker) | (speaker == "editorial")
    named = ~own
    label = outlet.copy()
    if named.any():
        label[named] = speaker[named].astype(str).astype(object) + " (" + outlet[named].astype(str).astype(object) + ")"
    return pd.Series(label, index=frame.index, dtype=object)


def duelling_figures(
    statements: pd.DataFrame, claims: pd.DataFrame | None = None, bloc_column: str = "speaker_bloc"
) -> pd.DataFrame:
    """Every statement that gives a ``figure`` for a claim, side by side, by claim then date.

    >>> st = pd.DataFrame({"statement_id": ["a", "b"], "claim_id": ["c1", "c1"], "stance": ["asserts"] * 2,
    ...     "speaker_bloc": ["russian", "ukrainian"], "outlet_bloc": ["russian", "ukrainian"],
    ...     "outlet": ["TASS", "NV"], "speaker": ["MoD", "editorial"], "figure": [70.0, 2.0],
    ...     "published_at": pd.to_datetime(["2023-05-23", "2023-05-22"], utc=True)})
    >>> duelling_figures(st)[["source", "figure"]].values.tolist()
    [['NV', 2.0], ['MoD (TASS)', 70.0]]
    """
    cols = [
        "claim_id",
        "claim",
        "published_at",
        "bloc",
        "source",
        "outlet",
        "speaker",
        "stance",
        "figure",
        "statement_id",
    ]
    if "figure" in statements:  # only the rows with a figure, and only the columns shown, are taken
        cs = _claim_frame(statements, claims, bloc_column, cols, with_figure=True)
    else:
        cs = _claim_frame(statements, claims, bloc_column, cols)
        cs = cs.iloc[0:0].assign(figure=pd.Series(dtype=float))
    cs["source"] = _source_label(cs) if len(cs) else pd.Series(dtype=object)
    cs["figure"] = cs["figure"].astype(float)
    return cs[[c for c in cols if c in cs.columns]].reset_index(drop=True)


def figure_spread(statements: pd.DataFrame, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per numeric claim: how many figures, the lowest and highest with their sources, and the spread.

    ``spread`` = highest - lowest; ``ratio`` = highest / lowest (NaN when the lowest is 0).
    Ties for lowest/highest go to the earliest statement.
    """
    figs = duelling_figures(statements, claims)
    cols = ["claim_id", "claim", "n_figures", "lowest", "lowest_source", "highest", "highest_source", "spread", "ratio"]
    if figs.empty:
        return pd.DataFrame([], columns=cols)
    # figs is sorted by claim_id, then date: a claim's rows are contiguous, earliest first
    group, _ = pd.factorize(figs["claim_id"], sort=True)
    figure = figs["figure"].to_numpy(dtype=float)
    lo = np.lexsort((figure, group))  # stable: equal figures keep the earliest statement first
    hi = np.lexsort((-figure, group))
    starts = np.flatnonzero(np.r_[True, group[lo][1:] != group[lo][:-1]])
    lo, hi = lo[starts], hi[starts]
    first = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    low, high = figure[lo], figure[hi]
    source = figs["source"].to_numpy(dtype=object)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(low > 0, high / np.where(low > 0, low, 1.0), np.nan)
    # text columns as lists, so that their dtypes are inferred as from the rows' values
    parts = {
        "claim_id": figs["claim_id"].to_numpy(dtype=object)[first].tolist(),
        "claim": figs["claim"].to_numpy(dtype=object)[first].tolist(),
        "n_figures": np.diff(np.r_[first, len(group)]).astype(np.int64),
        "lowest": low,
        "lowest_source": source[lo].tolist(),
        "highest": high,
        "highest_source": source[hi].tolist(),
        "spread": high - low,
        "ratio": ratio,
    }
    return pd.DataFrame(parts, columns=cols)
