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
- Grade check: coded and suggested grades are compared by rank in the codebook's order, and agreement
  is counted only where the rule could have agreed (coded 1, 3 or 4: the only grades it gives).
- Track record: on claims with a settled verdict (confirmed, likely_true, likely_false, false), one
  vote per source and claim, the source's majority stance among its assertions and denials (ties
  set aside); the share of votes the verdict bore out (assertion: confirmed/likely_true; denial:
  likely_false/false), lenient (every settled verdict) beside strict (confirmed/false only), with a
  Wilson 95% interval and a seeded bootstrap over claims. An outlet is scored in its own editorial
  voice by default, apart from the speakers it carried. Groups with fewer than ``min_n`` (default 5)
  claims show "too few" and no share. See docs/methods.md.

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
from framelens.claims import BORNE_OUT, HEDGED_STANCES, SCORED_STANCES, SETTLED_VERDICTS, claim_statements
from framelens.dataset.codebook import check_bloc_column, codes_for
from framelens.stats import wilson_interval

MIN_N = 5
GRADES = ("1", "2", "3", "4", "5", "6")
RELIABILITIES = ("A", "B", "C", "D", "E", "F")
CANNOT_JUDGE = "6"
RULE_GRADES = ("1", "3", "4")  # the only grades suggest_grade gives
NOT_COMPARABLE = "not comparable (coded 2 or 5, which the rule never suggests)"
SOURCES = ("outlet", "speaker", "outlet_bloc", "speaker_bloc")
VOICES = ("own", "carried", "all")
STRICT_VERDICTS = ("confirmed", "false")
N_BOOT = 2000
SEED = 20230522


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

    Grades are compared by rank in the codebook's order (1 = rank 0 ... 5 = rank 4), never as
    numbers; 6 (cannot be judged) has no rank. ``gap`` = coded rank - suggested rank (negative: the
    coder rated it more credible than corroboration supports) and ``direction`` says the same in
    words: "higher" (coded later in the scale: less credible), "lower" or "same". ``comparable`` is
    True where the rule could have agreed: the coded grade is one the rule can give (1, 3 or 4,
    :data:`RULE_GRADES`). ``rule_breach`` is True where the coder gave "1" without two independent
    blocs; ``status`` is agree / differs (comparable rows only) / not comparable (coded 2 or 5) /
    coded 6 (cannot be judged) / not coded.

    >>> g = grade_check(ds.statements, ds.claims, ds.outlets)
    >>> g[["coded", "suggested", "comparable", "direction", "status"]].head(1).values.tolist()
    [['3', '4', True, 'lower', 'differs']]
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
    has_coded = "info_credibility" in scored
    coded = as_text(scored["info_credibility"]) if has_coded else pd.Series([None] * len(scored), index=scored.index)
    scale = codes_for(statements["info_credibility"], "info_credibility") if has_coded else list(GRADES)
    rank = {g: float(i) for i, g in enumerate(g for g in scale if g != CANNOT_JUDGE)}
    scored["coded"] = coded
    gap = coded.map(rank).astype(float) - scored["suggested"].map(rank).astype(float)
    scored["gap"] = gap
    words = pd.Series(np.select([gap > 0, gap < 0], ["higher", "lower"], "same"), index=gap.index, dtype=object)
    scored["direction"] = words.where(gap.notna(), None)
    scored["comparable"] = coded.isin(RULE_GRADES) & scored["suggested"].notna()
    scored["rule_breach"] = (coded == "1") & (scored["suggested"] != "1")
    scored["status"] = np.select(
        [
            coded.isna().to_numpy(),
            (coded == CANNOT_JUDGE).to_numpy(),
            ~scored["comparable"].to_numpy(),
            (coded == scored["suggested"]).to_numpy(),
        ],
        ["not coded", "coded 6 (cannot be judged)", NOT_COMPARABLE, "agree"],
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
        "comparable",
        "direction",
        "gap",
        "rule_breach",
        "status",
    ]
    return scored[[c for c in cols if c in scored.columns]].reset_index(drop=True)


def grade_summary(
    statements: pd.DataFrame,
    claims: pd.DataFrame | None = None,
    outlets: pd.DataFrame | None = None,
    bloc_column: str = "speaker_bloc",
) -> pd.DataFrame:
    """How the coded grades compare with the rule's: one row per outcome of :func:`grade_check`.

    Rows: comparable (the rule could have agreed), then agree, coded higher (less credible) and
    coded lower (more credible), each of the comparable rows, then the rows set aside: not
    comparable (coded 2 or 5), coded 6, not coded. Columns: outcome, n, ``of`` (all checked
    assertions and denials, or the comparable ones for agree/higher/lower), share = n / of and its
    Wilson 95% interval ci_low, ci_high.

    >>> grade_summary(ds.statements, ds.claims, ds.outlets)[["outcome", "n"]].head(2).values.tolist()
    [['comparable', 5], ['agree', 1]]
    """
    g = grade_check(statements, claims, outlets, bloc_column)
    comparable = g["comparable"].to_numpy()
    counts = {
        "comparable": int(comparable.sum()),
        "agree": int((g["status"] == "agree").sum()),
        "coded higher (less credible)": int((comparable & (g["direction"] == "higher")).sum()),
        "coded lower (more credible)": int((comparable & (g["direction"] == "lower")).sum()),
        NOT_COMPARABLE: int((g["status"] == NOT_COMPARABLE).sum()),
        "coded 6 (cannot be judged)": int((g["status"] == "coded 6 (cannot be judged)").sum()),
        "not coded": int((g["status"] == "not coded").sum()),
    }
    n = np.array(list(counts.values()))
    of = np.array([len(g)] + [counts["comparable"]] * 3 + [len(g)] * 3)
    lo, hi = wilson_interval(n, of)
    share = np.where(of > 0, n / np.maximum(of, 1), np.nan)
    return pd.DataFrame({"outcome": list(counts), "n": n, "of": of, "share": share, "ci_low": lo, "ci_high": hi})


def grade_disagreements(
    statements: pd.DataFrame,
    claims: pd.DataFrame | None = None,
    outlets: pd.DataFrame | None = None,
    bloc_column: str = "speaker_bloc",
) -> pd.DataFrame:
    """The comparable rows of :func:`grade_check` whose coded grade differs, rule breaches first, then by |gap|."""
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


def _check_source(by: str, voice: str | None) -> str:
    """The voice to use for ``by`` (``None``: "own" by outlet, "all" otherwise); ValueError on a bad choice."""
    if by not in SOURCES:
        raise ValueError(f"by must be outlet, speaker, outlet_bloc or speaker_bloc, not {by!r}")
    voice = voice or ("own" if by == "outlet" else "all")
    if voice not in VOICES:
        raise ValueError(f"voice must be own, carried or all, not {voice!r}")
    return voice


def claim_votes(
    statements: pd.DataFrame, claims: pd.DataFrame, by: str = "outlet", voice: str | None = None
) -> pd.DataFrame:
    """One row per source and settled claim: its statements' stances and its one vote on the claim.

    ``by`` names the source (as in :func:`track_record`); ``voice`` is "own" (the outlet's editorial
    voice: speaker ``editorial``), "carried" (named speakers the outlet relayed) or "all"; the
    default is "own" for ``by="outlet"`` and "all" otherwise. Columns: the source, claim_id,
    verdict, ``asserts``, ``denies``, ``hedged`` (attributes/questions, never scored), ``vote``
    (the majority of asserts and denies; None when tied or when the source only hedged),
    ``tied`` and ``borne_out`` (the vote against the verdict; <NA> without a vote).

    >>> st = pd.DataFrame({"statement_id": ["a", "b", "c", "d"], "claim_id": ["c1", "c1", "c1", "c2"],
    ...     "stance": ["asserts", "asserts", "denies", "attributes"], "speaker_bloc": ["russian"] * 4,
    ...     "outlet_bloc": ["russian"] * 4, "outlet": ["TASS"] * 4, "speaker": ["editorial"] * 4})
    >>> cl = pd.DataFrame({"claim_id": ["c1", "c2"], "claim": ["x", "y"], "verdict": ["false", "confirmed"]})
    >>> claim_votes(st, cl)[["claim_id", "asserts", "denies", "hedged", "vote", "borne_out"]].values.tolist()
    [['c1', 2, 1, 0, 'asserts', False], ['c2', 0, 0, 1, None, <NA>]]
    """
    voice = _check_source(by, voice)
    cs = claim_statements(statements, claims)
    cs = cs[cs["verdict"].isin(SETTLED_VERDICTS)]
    speaker = as_text(cs["speaker"])
    if voice != "all":
        cs = cs[(speaker == "editorial") == (voice == "own")]
        speaker = speaker[cs.index]
    if by == "speaker":
        own = (speaker == "editorial").to_numpy()
        key = speaker.where(~own, "editorial (" + as_text(cs["outlet"]).astype(str) + ")")
    else:
        key = as_text(cs[by])
    counted = pd.DataFrame(
        {
            by: key.astype(object),
            "claim_id": as_text(cs["claim_id"]),
            "verdict": as_text(cs["verdict"]),
            "asserts": (cs["stance"] == "asserts").astype(int),
            "denies": (cs["stance"] == "denies").astype(int),
            "hedged": cs["stance"].isin(HEDGED_STANCES).astype(int),
        }
    )
    votes = counted.groupby([by, "claim_id", "verdict"], sort=True)[["asserts", "denies", "hedged"]].sum().reset_index()
    a, d = votes["asserts"].to_numpy(), votes["denies"].to_numpy()
    vote = pd.Series(np.select([a > d, d > a], ["asserts", "denies"], ""), index=votes.index, dtype=object)
    votes["vote"] = vote.where(a != d, None)
    votes["tied"] = (a == d) & (a > 0)
    verdict = votes["verdict"]
    borne = np.where(a > d, verdict.isin(BORNE_OUT["asserts"]), verdict.isin(BORNE_OUT["denies"]))
    votes["borne_out"] = pd.array(borne, dtype="boolean")
    votes.loc[a == d, "borne_out"] = pd.NA
    return votes


def claims_bootstrap(
    k: np.ndarray, claims: np.ndarray, confidence: float = 0.95, n_boot: int = N_BOOT, seed: int = SEED
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval of k/claims, resampling a source's claims with replacement (seeded).

    With one vote per claim, the number borne out in a resample of ``claims`` claims is
    Binomial(claims, k/claims), so the resamples are drawn that way (one array for all sources).
    NaN where claims is 0.

    >>> lo, hi = claims_bootstrap(np.array([7, 0]), np.array([10, 0]))
    >>> lo.tolist(), hi.tolist()
    ([0.4, nan], [1.0, nan])
    """
    k = np.asarray(k, dtype=np.int64)
    n = np.asarray(claims, dtype=np.int64)
    rng = np.random.default_rng(seed)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, k / np.maximum(n, 1), 0.0)
    draws = rng.binomial(n, p, size=(n_boot, len(n))) / np.maximum(n, 1)
    tail = (1 - confidence) / 2 * 100
    lo, hi = np.percentile(draws, [tail, 100 - tail], axis=0)
    return np.where(n > 0, lo, np.nan), np.where(n > 0, hi, np.nan)


def _scores(k: np.ndarray, n: np.ndarray, min_n: int, prefix: str = "") -> dict[str, np.ndarray | list]:
    """share, Wilson interval and score text for k of n votes (NaN and "too few" when n < min_n)."""
    lo, hi = wilson_interval(k, n)
    enough = n >= min_n
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(enough, k / np.where(n > 0, n, 1), np.nan)
    lo, hi = np.where(enough, lo, np.nan), np.where(enough, hi, np.nan)
    score = [
        f"{s:.2f} [{a:.2f}, {b:.2f}]" if e else f"too few (N < {min_n})" for s, a, b, e in zip(share, lo, hi, enough)
    ]
    return {f"{prefix}share": share, f"{prefix}ci_low": lo, f"{prefix}ci_high": hi, f"{prefix}score": score}


def track_record(
    statements: pd.DataFrame,
    claims: pd.DataFrame,
    by: str = "outlet",
    min_n: int = MIN_N,
    voice: str | None = None,
    seed: int = SEED,
) -> pd.DataFrame:
    """Share of a source's claims on which its one vote was borne out by the verdict.

    ``by`` is "outlet", "speaker", "outlet_bloc" or "speaker_bloc"; ``voice`` is "own" (the
    outlet's editorial voice), "carried" (named speakers it relayed) or "all", default "own" for
    ``by="outlet"``, "all" otherwise (see :func:`claim_votes`). The speaker "editorial" is the
    outlet's own voice, so it is split per outlet ("editorial (BBC)").

    One vote per (source, claim): the source's majority stance among its assertions and denials
    of the claim; a tie is set aside (``tied``), and attributing or questioning statements are
    counted in ``hedged`` but never scored. Columns: ``claims`` (votes counted), ``statements``
    (assertions and denials behind them, ties included), ``hedged``, ``tied``, ``k`` (votes borne
    out), the lenient record (all settled verdicts: share, Wilson 95% ci_low/ci_high, boot_low/
    boot_high by a seeded bootstrap over claims, score) and the strict record (confirmed and false
    verdicts only: strict_k, strict_claims, strict_share, strict_ci_low/high, strict_score).
    Shares and intervals are NaN, and scores "too few (N < 5)", below ``min_n`` claims. Bloc rows
    are every codebook bloc in codebook order; outlets and speakers are sorted by claims
    descending, then name.

    >>> t = track_record(ds.statements, ds.claims, by="outlet_bloc", voice="all")
    >>> t[["outlet_bloc", "claims", "statements", "k"]].head(2).values.tolist()
    [['ukrainian', 1, 1, 1], ['russian', 1, 1, 1]]
    """
    votes = claim_votes(statements, claims, by, voice)
    votes["counted"] = votes["vote"].notna()
    votes["k"] = votes["borne_out"].fillna(False).astype(int)
    votes["statements"] = votes["asserts"] + votes["denies"]
    strict = votes["verdict"].isin(STRICT_VERDICTS)
    votes["strict_claims"] = votes["counted"] & strict
    votes["strict_k"] = votes["k"].where(strict, 0)
    cols = ["counted", "statements", "hedged", "tied", "k", "strict_k", "strict_claims"]
    grouped = votes.groupby(by, sort=True)[cols].sum().astype(int)
    if by.endswith("_bloc"):
        grouped = grouped.reindex(bloc_order(votes[by]), fill_value=0)
    k, n = grouped["k"].to_numpy(), grouped["counted"].to_numpy()
    table = pd.DataFrame(
        {
            by: grouped.index.astype(str),
            "claims": n,
            "statements": grouped["statements"].to_numpy(),
            "hedged": grouped["hedged"].to_numpy(),
            "tied": grouped["tied"].to_numpy(),
            "k": k,
        }
    )
    table = table.assign(**_scores(k, n, min_n))
    boot_low, boot_high = claims_bootstrap(k, n, seed=seed)
    enough = n >= min_n
    table.insert(table.columns.get_loc("score"), "boot_low", np.where(enough, boot_low, np.nan))
    table.insert(table.columns.get_loc("score"), "boot_high", np.where(enough, boot_high, np.nan))
    sk, sn = grouped["strict_k"].to_numpy(), grouped["strict_claims"].to_numpy()
    table["strict_k"], table["strict_claims"] = sk, sn
    table = table.assign(**_scores(sk, sn, min_n, prefix="strict_"))
    if not by.endswith("_bloc"):
        table = table.sort_values(["claims", by], ascending=[False, True], kind="mergesort")
    return table.reset_index(drop=True)


def voice_comparison(statements: pd.DataFrame, claims: pd.DataFrame, min_n: int = MIN_N) -> pd.DataFrame:
    """Per outlet, its record in its own editorial voice beside its record on the speakers it carried.

    Columns: outlet, then k, claims and score for ``own`` and for ``carried`` (see :func:`track_record`),
    sorted by all claims counted descending, then outlet.

    >>> voice_comparison(ds.statements, ds.claims).columns.tolist()[:4]
    ['outlet', 'own_k', 'own_claims', 'own_score']
    """
    sides = [
        track_record(statements, claims, by="outlet", min_n=min_n, voice=v)
        .set_index("outlet")[["k", "claims", "score"]]
        .add_prefix(f"{v}_")
        for v in ("own", "carried")
    ]
    both = sides[0].join(sides[1], how="outer")
    for v in ("own", "carried"):
        both[[f"{v}_k", f"{v}_claims"]] = both[[f"{v}_k", f"{v}_claims"]].fillna(0).astype(int)
        both[f"{v}_score"] = both[f"{v}_score"].fillna(f"too few (N < {min_n})")
    both["_total"] = both["own_claims"] + both["carried_claims"]
    both = both.rename_axis("outlet").reset_index()
    return (
        both.sort_values(["_total", "outlet"], ascending=[False, True], kind="mergesort")
        .drop(columns="_total")
        .reset_index(drop=True)
    )


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
