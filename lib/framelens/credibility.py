"""Credibility: corroboration across blocs, Admiralty grades, and each source's track record.

Definitions (see also :mod:`framelens.claims`):

- Independent blocs. Each assertion (or denial) of a claim counts for a bloc: its own bloc when
  it is the outlet's own reporting (no ``cited_source``), or, with the default
  ``bloc_column="speaker_bloc"``, when a named speaker (not ``editorial``) is relayed, since relaying
  does not change whose claim it is. Any other relayed statement counts for the bloc of what it
  relays: the cited source's bloc when it is an outlet (in ``outlets`` or the statements), else
  the bloc of the earliest statement relaying the same cited_source and speaker on that claim.
  A claim's independent blocs are the distinct blocs counted: another bloc merely relaying the
  same cited_source adds none.
- Suggested information-credibility grade for a statement with stance asserts/denies (a crude
  rule that only sees corroboration, not logic or evidence): "1" when at least 2 independent
  blocs take the same stance; "3" (possibly true, not confirmed) when one bloc does and no other
  bloc takes the opposite stance; "4" (doubtful) when one bloc does and another bloc takes the
  opposite stance. attributes/questions get no suggestion. Coded "6" (cannot be judged) is not a
  low grade and is reported apart, never as a disagreement of degree.
- Track record: among statements on claims with a settled verdict (confirmed, likely_true,
  likely_false, false), the share of assertions and denials the verdict bore out (assertion:
  confirmed/likely_true; denial: likely_false/false), with a Wilson 95% interval. Groups with
  N < ``min_n`` (default 5) show "too few" and no share.

>>> import pandas as pd
>>> st = pd.DataFrame({"statement_id": ["a", "b", "c"], "claim_id": ["c1"] * 3,
...     "stance": ["asserts", "asserts", "asserts"], "speaker_bloc": ["russian", "western", "other"],
...     "outlet_bloc": ["russian", "western", "other"], "cited_source": [None, "TASS", "TASS"],
...     "outlet": ["TASS", "BBC", "CGTN"], "speaker": ["editorial"] * 3,
...     "info_credibility": ["1", "1", "2"]})
>>> corroboration(st)["n_assert_blocs"].tolist()   # BBC and CGTN only relay TASS
[1]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framelens._kernels import as_text, bloc_order, blocs_seen, column_codes
from framelens.claims import BORNE_OUT, SCORED_STANCES, SETTLED_VERDICTS, claim_statements
from framelens.dataset.codebook import check_bloc_column
from framelens.stats import wilson_interval

MIN_N = 5
GRADES = ("1", "2", "3", "4", "5", "6")
RELIABILITIES = ("A", "B", "C", "D", "E", "F")


def outlet_blocs(statements: pd.DataFrame, outlets: pd.DataFrame | None = None) -> dict[str, str]:
    """Outlet -> bloc, from every statement (not only those on a claim) and outlets.csv when given.

    >>> outlet_blocs(pd.DataFrame({"outlet": ["TASS"], "outlet_bloc": ["russian"]}))
    {'TASS': 'russian'}
    """
    known = (
        dict(zip(as_text(statements["outlet"]), as_text(statements["outlet_bloc"]))) if "outlet" in statements else {}
    )
    if outlets is not None:
        known |= dict(zip(as_text(outlets["outlet"]), as_text(outlets["bloc"])))
    return known


def _voice_blocs(cs: pd.DataFrame, known: dict[str, str], bloc_column: str) -> pd.Series:
    """For claim statements (sorted by date), the bloc of the voice each statement carries."""
    n = len(cs)
    cited = as_text(cs["cited_source"]) if "cited_source" in cs else pd.Series([None] * n, index=cs.index)
    speaker = as_text(cs["speaker"]) if "speaker" in cs else pd.Series([None] * n, index=cs.index)
    first_relayer: dict[tuple, str] = {}
    out = []
    for claim_id, stance, src, who, own in zip(cs["claim_id"], cs["stance"], cited, speaker, cs["bloc"]):
        named = who is not None and who != "editorial"
        if src is None or (named and bloc_column == "speaker_bloc"):
            out.append(own)
        elif known.get(src) is not None:
            out.append(known[src])
        else:
            out.append(first_relayer.setdefault((claim_id, stance, src, who), own))
    return pd.Series(out, index=cs.index, dtype=object)


def _independent(cs: pd.DataFrame, known: dict[str, str], bloc_column: str) -> pd.DataFrame:
    """Claim x stance: the sorted list of independent blocs (asserts and denies only)."""
    scored = cs[cs["stance"].isin(SCORED_STANCES)].copy()
    scored["voice_bloc"] = _voice_blocs(scored, known, bloc_column)
    order = {b: i for i, b in enumerate(bloc_order(scored["voice_bloc"]))}
    return (
        scored.groupby(["claim_id", "stance"])["voice_bloc"]
        .agg(lambda v: sorted(set(v), key=order.get))
        .rename("blocs")
        .reset_index()
    )


def suggest_grade(n_same_blocs: int, n_opposite_blocs: int) -> str | None:
    """The corroboration-only Admiralty credibility grade for a stance (see module docstring).

    >>> suggest_grade(2, 1), suggest_grade(1, 0), suggest_grade(1, 1), suggest_grade(0, 1)
    ('1', '3', '4', None)
    """
    if n_same_blocs >= 2:
        return "1"
    if n_same_blocs == 1:
        return "3" if n_opposite_blocs == 0 else "4"
    return None


def corroboration(
    statements: pd.DataFrame,
    claims: pd.DataFrame | None = None,
    outlets: pd.DataFrame | None = None,
    bloc_column: str = "speaker_bloc",
) -> pd.DataFrame:
    """Per claim: the independent blocs asserting and denying it, and the suggested grade of the claim.

    ``suggested_grade`` is the grade an assertion of the claim would get (None when nobody asserts it).
    """
    cs = claim_statements(statements, claims, bloc_column)
    ind = _independent(cs, outlet_blocs(statements, outlets), bloc_column)
    ids = sorted(set(cs["claim_id"]) | (set(as_text(claims["claim_id"])) if claims is not None else set()))
    rows = []
    for claim_id in ids:
        mine = ind[ind["claim_id"] == claim_id].set_index("stance")["blocs"]
        a, d = mine.get("asserts", []), mine.get("denies", [])
        sub = cs[cs["claim_id"] == claim_id]
        rows.append(
            {
                "claim_id": claim_id,
                "assert_blocs": "; ".join(a),
                "n_assert_blocs": len(a),
                "deny_blocs": "; ".join(d),
                "n_deny_blocs": len(d),
                "n_asserts": int((sub["stance"] == "asserts").sum()),
                "n_denies": int((sub["stance"] == "denies").sum()),
                "suggested_grade": suggest_grade(len(a), len(d)),
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "claim_id",
            "assert_blocs",
            "n_assert_blocs",
            "deny_blocs",
            "n_deny_blocs",
            "n_asserts",
            "n_denies",
            "suggested_grade",
        ],
    )
    if claims is not None:
        info = claims.set_index(as_text(claims["claim_id"]))
        out.insert(1, "claim", out["claim_id"].map(as_text(info["claim"])))
        out.insert(2, "verdict", out["claim_id"].map(as_text(info["verdict"])) if "verdict" in info else None)
    return out


def grade_check(
    statements: pd.DataFrame,
    claims: pd.DataFrame | None = None,
    outlets: pd.DataFrame | None = None,
    bloc_column: str = "speaker_bloc",
) -> pd.DataFrame:
    """Per assertion/denial: the coder's ``info_credibility`` next to the suggested grade.

    ``gap`` = coded - suggested (negative: the coder rated it more credible than corroboration
    supports); ``rule_breach`` is True where the coder gave "1" without two independent blocs;
    ``status`` is agree / differs / coded 6 (cannot be judged) / not coded.
    """
    cs = claim_statements(statements, claims, bloc_column)
    ind = _independent(cs, outlet_blocs(statements, outlets), bloc_column)
    n_blocs = {(c, s): len(b) for c, s, b in zip(ind["claim_id"], ind["stance"], ind["blocs"])}
    opposite = {"asserts": "denies", "denies": "asserts"}
    scored = cs[cs["stance"].isin(SCORED_STANCES)].copy()
    scored["suggested"] = [
        suggest_grade(n_blocs.get((c, s), 0), n_blocs.get((c, opposite[s]), 0))
        for c, s in zip(scored["claim_id"], scored["stance"])
    ]
    coded = (
        as_text(scored["info_credibility"])
        if "info_credibility" in scored
        else pd.Series([None] * len(scored), index=scored.index)
    )
    scored["coded"] = coded
    num = pd.to_numeric(coded.where(coded != "6"), errors="coerce")
    scored["gap"] = (num - pd.to_numeric(scored["suggested"])).astype(float)
    scored["rule_breach"] = (coded == "1") & (scored["suggested"] != "1")
    scored["status"] = np.select(
        [coded.isna().to_numpy(), (coded == "6").to_numpy(), (coded == scored["suggested"]).to_numpy()],
        ["not coded", "coded 6 (cannot be judged)", "agree"],
        "differs",
    )
    cols = [
        "statement_id",
        "claim_id",
        "bloc",
        "outlet",
        "speaker",
        "stance",
        "coded",
        "suggested",
        "gap",
        "rule_breach",
        "status",
    ]
    return scored[[c for c in cols if c in scored.columns]].reset_index(drop=True)


def grade_disagreements(
    statements: pd.DataFrame,
    claims: pd.DataFrame | None = None,
    outlets: pd.DataFrame | None = None,
    bloc_column: str = "speaker_bloc",
) -> pd.DataFrame:
    """The rows of :func:`grade_check` whose coded grade differs, rule breaches first, then by |gap|."""
    g = grade_check(statements, claims, outlets, bloc_column)
    g = g[g["status"] == "differs"].copy()
    g["_abs"] = g["gap"].abs()
    return (
        g.sort_values(
            ["rule_breach", "_abs", "claim_id", "statement_id"], ascending=[False, False, True, True], kind="mergesort"
        )
        .drop(columns="_abs")
        .reset_index(drop=True)
    )


def scored_statements(statements: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Assertions and denials of claims with a settled verdict, with ``borne_out`` (bool).

    >>> st = pd.DataFrame({"statement_id": ["a", "b", "c"], "claim_id": ["c1", "c1", "c2"],
    ...     "stance": ["asserts", "denies", "asserts"], "speaker_bloc": ["russian", "ukrainian", "russian"],
    ...     "outlet_bloc": ["russian", "ukrainian", "russian"]})
    >>> cl = pd.DataFrame({"claim_id": ["c1", "c2"], "claim": ["x", "y"], "verdict": ["false", "disputed"]})
    >>> scored_statements(st, cl)["borne_out"].tolist()
    [False, True]
    """
    cs = claim_statements(statements, claims)
    cs = cs[cs["stance"].isin(SCORED_STANCES) & cs["verdict"].isin(SETTLED_VERDICTS)].copy()
    cs["borne_out"] = [v in BORNE_OUT[s] for s, v in zip(cs["stance"], cs["verdict"])]
    return cs.reset_index(drop=True)


def track_record(
    statements: pd.DataFrame, claims: pd.DataFrame, by: str = "outlet", min_n: int = MIN_N
) -> pd.DataFrame:
    """Share of a source's assertions and denials on settled claims that the verdict bore out.

    ``by`` is "outlet", "speaker", "outlet_bloc" or "speaker_bloc". The speaker "editorial" is
    the outlet's own voice, so it is split per outlet ("editorial (BBC)"). Columns: k (borne
    out), n, share, ci_low, ci_high (Wilson 95%; NaN when n < ``min_n``) and ``score``, a text
    that reads "too few (N < 5)" for small groups. Bloc rows are every codebook bloc in codebook
    order; outlets and speakers are sorted by n descending, then name.
    """
    if by not in ("outlet", "speaker", "outlet_bloc", "speaker_bloc"):
        raise ValueError(f"by must be outlet, speaker, outlet_bloc or speaker_bloc, not {by!r}")
    sc = scored_statements(statements, claims)
    if by == "speaker":
        key = [
            f"editorial ({o})" if s == "editorial" else s for s, o in zip(as_text(sc["speaker"]), as_text(sc["outlet"]))
        ]
    else:
        key = list(as_text(sc[by]))
    sc["_key"] = pd.Series(key, index=sc.index, dtype=object)
    grouped = sc.groupby("_key")["borne_out"].agg(["sum", "size"])
    if by.endswith("_bloc"):
        grouped = grouped.reindex(bloc_order(sc["_key"]), fill_value=0)
    table = pd.DataFrame(
        {
            by: grouped.index.astype(str),
            "k": grouped["sum"].astype(int).to_numpy(),
            "n": grouped["size"].astype(int).to_numpy(),
        }
    )
    lo, hi = wilson_interval(table["k"].to_numpy(), table["n"].to_numpy())
    enough = table["n"] >= min_n
    table["share"] = np.where(enough, table["k"] / table["n"].where(table["n"] > 0), np.nan)
    table["ci_low"] = np.where(enough, lo, np.nan)
    table["ci_high"] = np.where(enough, hi, np.nan)
    table["score"] = [
        f"{s:.2f} [{a:.2f}, {b:.2f}]" if e else f"too few (N < {min_n})"
        for s, a, b, e in zip(table["share"], table["ci_low"], table["ci_high"], enough)
    ]
    if not by.endswith("_bloc"):
        table = table.sort_values(["n", by], ascending=[False, True], kind="mergesort")
    return table.reset_index(drop=True)


def admiralty_matrix(statements: pd.DataFrame, bloc_column: str = "speaker_bloc") -> pd.DataFrame:
    """Counts of source_reliability (rows A-F) x info_credibility (columns 1-6), per bloc.

    Index: (bloc, source_reliability) for every codebook bloc and grade, zeros where empty.
    F and 6 mean "cannot be judged" and stay separate rows/columns, not low grades. Statements
    missing either grade are left out.

    >>> st = pd.DataFrame({"speaker_bloc": ["russian", "russian"], "outlet_bloc": ["russian"] * 2,
    ...     "source_reliability": ["C", "F"], "info_credibility": ["3", "6"]})
    >>> int(admiralty_matrix(st).loc[("russian", "F"), "6"])
    1
    """
    check_bloc_column(bloc_column)
    # counts by bincount over integer codes (what a groupby of the text columns gives)
    rel_codes, rel_values = column_codes(statements["source_reliability"])
    cred_codes, cred_values = column_codes(statements["info_credibility"])
    bloc_codes, bloc_values = column_codes(statements[bloc_column])
    keep = (rel_codes >= 0) & (cred_codes >= 0)
    blocs = blocs_seen(bloc_codes, bloc_values, keep)
    index = pd.MultiIndex.from_product([blocs, list(RELIABILITIES)], names=["bloc", "source_reliability"])
    keep &= bloc_codes >= 0
    b = pd.Index(blocs, dtype=object).get_indexer(pd.Index(bloc_values, dtype=object))[bloc_codes[keep]]
    r = pd.Index(list(RELIABILITIES), dtype=object).get_indexer(pd.Index(rel_values, dtype=object))[rel_codes[keep]]
    c = pd.Index(list(GRADES), dtype=object).get_indexer(pd.Index(cred_values, dtype=object))[cred_codes[keep]]
    ok = (b >= 0) & (r >= 0) & (c >= 0)
    flat = (b[ok] * len(RELIABILITIES) + r[ok]) * len(GRADES) + c[ok]
    counts = np.bincount(flat, minlength=len(index) * len(GRADES)).astype(np.int64).reshape(len(index), len(GRADES))
    return pd.DataFrame(counts, index=index, columns=pd.Index(list(GRADES), name="info_credibility"))
