"""Frame shares by bloc: counts, shares, N and 95% intervals, overall and per event.

Every table keeps all codebook blocs and codes in codebook order; empty cells are 0.

>>> st = pd.DataFrame({"event_id": ["e1", "e1", "e1"], "outlet_bloc": ["russian", "russian", "western"],
...                    "frame": ["terrorism_sabotage", "aggression", "aggression"]})
>>> t = frame_shares(st)
>>> t[(t.bloc == "russian") & (t["count"] > 0)][["frame", "count", "n", "share"]].values.tolist()
[['aggression', 1, 2, 0.5], ['terrorism_sabotage', 1, 2, 0.5]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framelens._kernels import column_codes
from framelens.dataset.codebook import Codebook, check_bloc_column, codes_for
from framelens.events import EVENT, event_order
from framelens.stats import (
    IndependenceTest,
    benjamini_hochberg,
    holm,
    independence_test,
    p_text,
    stratified_permutation_pvalue,
    wilson_interval,
)

MIN_N = 10  # a bloc with fewer statements than this: its shares swing with one statement (charts fade it)
N_BOOT, SEED = 1000, 20230522


def split_secondary(values: pd.Series) -> pd.Series:
    """Split ``secondary_frames`` ("a; b") into one stripped code per row, index kept.

    >>> split_secondary(pd.Series(["aggression; civilian_harm", None])).tolist()
    ['aggression', 'civilian_harm']
    """
    pieces = values.dropna().astype(str).str.split(";").explode().str.strip()
    return pieces[pieces.ne("")]


def category_counts(
    statements: pd.DataFrame,
    column: str,
    bloc_column: str = "outlet_bloc",
    *,
    vocabulary: str | None = None,
    extra: pd.Series | None = None,
    codebook: Codebook | None = None,
) -> tuple[pd.DataFrame, pd.Series]:
    """Bloc x code counts of ``column`` (all codebook blocs and codes, zeros kept) and N per bloc.

    N counts statements with a value in ``column``. ``extra`` is more codes per statement (indexed
    like ``statements``, e.g. split secondary frames): a statement then counts once for every code
    it carries, so a cell is "statements that use this code" and rows can sum to more than N.
    """
    check_bloc_column(bloc_column)
    blocs = codes_for(statements[bloc_column], "bloc", codebook)
    codes = codes_for(statements[column], vocabulary or column, codebook)
    if extra is None or not len(extra):
        # bincount over integer codes: the same counts as the crosstab below, without grouping text
        row, col, has = _positions(statements, column, bloc_column, blocs, codes)
        row, col = row[has], col[has]
        ok = (row >= 0) & (col >= 0)
        table = np.bincount(row[ok] * len(codes) + col[ok], minlength=len(blocs) * len(codes)).reshape(
            len(blocs), len(codes)
        )
        counts = pd.DataFrame(table.astype(np.int64), index=pd.Index(blocs), columns=pd.Index(codes))
        n = pd.Series(np.bincount(row[row >= 0], minlength=len(blocs)).astype(np.int64), index=pd.Index(blocs))
        counts.index.name, counts.columns.name, n.index.name, n.name = "bloc", vocabulary or column, "bloc", "n"
        return counts, n
    bloc = statements[bloc_column].astype(object)
    value = statements[column].astype(object)
    has = value.notna() & bloc.notna()
    pairs = pd.DataFrame({"row": statements.index[has], "bloc": bloc[has].to_numpy(), "code": value[has].to_numpy()})
    if extra is not None and len(extra):
        more = extra[extra.index.isin(pairs["row"])]
        pairs = pd.concat(
            [pairs, pd.DataFrame({"row": more.index, "bloc": bloc.loc[more.index].to_numpy(), "code": more.to_numpy()})]
        )
        pairs = pairs.drop_duplicates(["row", "code"])
    counts = pd.crosstab(pairs["bloc"], pairs["code"]).reindex(index=blocs, columns=codes, fill_value=0).astype(int)
    n = bloc[has].value_counts().reindex(blocs, fill_value=0).astype(int)
    counts.index.name, counts.columns.name, n.index.name, n.name = "bloc", vocabulary or column, "bloc", "n"
    return counts, n


def _positions(
    statements: pd.DataFrame, column: str, bloc_column: str, blocs: list[str], codes: list[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per statement: the position of its bloc in ``blocs`` and of its code in ``codes`` (-1 when missing or
    unknown), and whether both values are present."""
    bloc_codes, bloc_values = column_codes(statements[bloc_column])
    value_codes, value_values = column_codes(statements[column])
    # code -1 (missing) takes the appended -1
    row = np.append(pd.Index(blocs, dtype=object).get_indexer(pd.Index(bloc_values, dtype=object)), -1)[bloc_codes]
    col = np.append(pd.Index(codes, dtype=object).get_indexer(pd.Index(value_values, dtype=object)), -1)[value_codes]
    return row, col, (bloc_codes >= 0) & (value_codes >= 0)


def shares_long(counts: pd.DataFrame, n: pd.Series, confidence: float = 0.95) -> pd.DataFrame:
    """Long table bloc, code, count, n, share, ci_low, ci_high (Wilson) from a bloc x code table.

    A bloc with no statements has share 0 and the uninformative interval [0, 1].

    >>> t = shares_long(pd.DataFrame({"x": [1, 0]}, index=pd.Index(["a", "b"], name="bloc")),
    ...                 pd.Series([4, 0], index=["a", "b"]))
    >>> t[["bloc", "count", "n", "share"]].values.tolist()
    [['a', 1, 4, 0.25], ['b', 0, 0, 0.0]]
    """
    code = counts.columns.name or "code"
    long = counts.stack().rename("count").reset_index()
    long.columns = ["bloc", code, "count"]
    long["n"] = long["bloc"].map(n).astype(int)
    k, m = long["count"].to_numpy(), long["n"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        long["share"] = np.where(m > 0, k / np.where(m > 0, m, 1), 0.0)
    lo, hi = wilson_interval(k, m, confidence)
    long["ci_low"] = np.where(k == 0, 0.0, np.nan_to_num(lo, nan=0.0))
    long["ci_high"] = np.where(k == m, 1.0, np.nan_to_num(hi, nan=1.0))
    return long


def per_event(statements: pd.DataFrame, by_event: bool, build) -> pd.DataFrame:
    """``build(statements)``, or, with ``by_event``, ``build`` on each event's rows stacked with an event_id column."""
    if not by_event:
        return build(statements)
    parts = [
        build(statements[statements[EVENT].astype(str) == e]).assign(**{EVENT: e}) for e in event_order(statements)
    ]
    if not parts:
        return build(statements.iloc[:0]).assign(**{EVENT: pd.Series(dtype=object)})
    out = pd.concat(parts, ignore_index=True)
    return out[[EVENT] + [c for c in out.columns if c != EVENT]]


def frame_counts(
    statements: pd.DataFrame,
    bloc_column: str = "outlet_bloc",
    *,
    secondary: bool = False,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Bloc x frame counts (primary frame; with ``secondary=True`` statements using each frame at all).

    >>> int(frame_counts(ds.statements).loc["russian", "terrorism_sabotage"])
    2
    """
    extra = split_secondary(statements["secondary_frames"]) if secondary and "secondary_frames" in statements else None
    return category_counts(statements, "frame", bloc_column, extra=extra, codebook=codebook)[0]


def frame_shares(
    statements: pd.DataFrame,
    bloc_column: str = "outlet_bloc",
    *,
    secondary: bool = False,
    by_event: bool = False,
    codebook: Codebook | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Counts, N, shares and Wilson intervals of frames by bloc, overall or per event (long table).

    With ``secondary=True`` a statement counts for its primary and each secondary frame, and the
    share is the share of the bloc's statements using the frame (shares then sum to more than 1).

    >>> frame_shares(ds.statements, "speaker_bloc", by_event=True).columns.tolist()
    ['event_id', 'bloc', 'frame', 'count', 'n', 'share', 'ci_low', 'ci_high']
    """

    def build(st: pd.DataFrame) -> pd.DataFrame:
        extra = split_secondary(st["secondary_frames"]) if secondary and "secondary_frames" in st else None
        counts, n = category_counts(st, "frame", bloc_column, extra=extra, codebook=codebook)
        return shares_long(counts, n, confidence)

    return per_event(statements, by_event, build)


def wide_table(long: pd.DataFrame, decimals: int = 3) -> pd.DataFrame:
    """Display form of one long shares table: a row per code, per bloc its count and share, N in the header.

    Blocs without statements are left out. Shares are rounded to ``decimals``.

    >>> wide_table(frame_shares(ds.statements)).columns[0]
    ('ukrainian (N=2)', 'count')
    """
    code = long.columns[list(long.columns).index("count") - 1]
    present = long[long["n"] > 0]
    blocs = list(dict.fromkeys(present["bloc"]))
    n = present.groupby("bloc", sort=False)["n"].first()
    cols = {}
    for b in blocs:
        part = present[present["bloc"] == b].set_index(code)
        head = f"{b} (N={n[b]})"
        cols[(head, "count")] = part["count"].astype(int)
        cols[(head, "share")] = part["share"].round(decimals)
    out = pd.DataFrame(cols, index=pd.Index(list(dict.fromkeys(long[code])), name=code))
    out.columns = pd.MultiIndex.from_tuples(out.columns) if cols else out.columns
    return out


def frame_tests(
    statements: pd.DataFrame,
    bloc_column: str = "outlet_bloc",
    *,
    by_event: bool = False,
    n_resamples: int = 10_000,
    seed: int = SEED,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Test of independence bloc x primary frame, overall or per event: one row per test.

    Columns: [event_id,] n, blocs, method, chi2, df, p_value, then per event p_holm and q_bh (Holm and
    Benjamini-Hochberg over the events with a test) or overall p_value_stratified (bloc labels permuted
    within events), cramers_v, cramers_v_corrected (Bergsma), null_cramers_v (mean V with no difference),
    cells_expected_below_5, result (the plain-words sentence; per event its verdict rests on p_holm) and
    test (the :class:`IndependenceTest`).

    >>> t = frame_tests(ds.statements, by_event=True, n_resamples=200)
    >>> t[["event_id", "p_value", "p_holm", "q_bh"]].values.tolist()
    [['ev-alpha', 0.1891, 0.3781, 0.3781], ['ev-beta', 1.0, 1.0, 1.0]]
    """
    what = bloc_column.replace("_", " ") + "s"

    def build(st: pd.DataFrame) -> pd.DataFrame:
        counts = frame_counts(st, bloc_column, codebook=codebook)
        res: IndependenceTest = independence_test(counts.to_numpy(), n_resamples=n_resamples, seed=seed)
        return pd.DataFrame(
            [
                {
                    "n": res.n,
                    "blocs": int((counts.sum(axis=1) > 0).sum()),
                    "method": res.method,
                    "chi2": round(res.statistic, 3),
                    "df": res.df,
                    "p_value": round(res.p_value, 4),
                    "cramers_v": round(res.cramers_v, 3),
                    "cramers_v_corrected": round(res.cramers_v_corrected, 3),
                    "null_cramers_v": round(res.null_cramers_v, 3),
                    "cells_expected_below_5": res.cells_expected_below_5,
                    "result": res.describe(what=what),
                    "test": res,
                }
            ]
        )

    out = per_event(statements, by_event, build)
    at = list(out.columns).index("p_value") + 1
    if by_event:
        raw = np.array([res.p_value for res in out["test"]], dtype=float)
        p_holm, q_bh = holm(raw), benjamini_hochberg(raw)
        family = f"Holm-adjusted over {int((~np.isnan(raw)).sum())} events"
        out["result"] = [
            res.describe(what=what, adjusted=(family, adj)) if res.testable else res.describe(what=what)
            for res, adj in zip(out["test"], p_holm)
        ]
        out.insert(at, "p_holm", p_holm.round(4))
        out.insert(at + 1, "q_bh", q_bh.round(4))
        return out
    stratified = stratified_frame_pvalue(statements, bloc_column, n_resamples=n_resamples, seed=seed, codebook=codebook)
    out.insert(at, "p_value_stratified", round(stratified, 4))
    if not np.isnan(stratified):
        out["result"] = out["result"] + (
            f" Within events (bloc labels shuffled within each event, so events with different bloc mixes cannot "
            f"make the difference): {p_text(stratified)}."
        )
    return out


def stratified_frame_pvalue(
    statements: pd.DataFrame,
    bloc_column: str = "outlet_bloc",
    *,
    n_resamples: int = 10_000,
    seed: int = SEED,
    codebook: Codebook | None = None,
) -> float:
    """Permutation p-value of the pooled bloc x frame chi-square with bloc labels shuffled within each event only
    (:func:`framelens.stats.stratified_permutation_pvalue`); NaN without events or fewer than two blocs or frames.

    >>> round(stratified_frame_pvalue(ds.statements, n_resamples=200), 3)
    0.139
    """
    if EVENT not in statements.columns:
        return float("nan")
    events = statements[EVENT].astype(str)
    tables = [frame_counts(statements[events == e], bloc_column, codebook=codebook) for e in event_order(statements)]
    if not tables:
        return float("nan")
    return stratified_permutation_pvalue(np.stack([t.to_numpy() for t in tables]), n_resamples=n_resamples, seed=seed)


def cluster_share_intervals(
    statements: pd.DataFrame,
    column: str = "frame",
    bloc_column: str = "outlet_bloc",
    *,
    cluster: str | list[str] = "outlet",
    by_event: bool = False,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    confidence: float = 0.95,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Shares by bloc with the Wilson interval beside a cluster-bootstrap interval and the design effect.

    Statements of one outlet (``cluster``, a column or a list of columns such as ["speaker", "event_id"]) are
    not independent. Within each bloc the clusters are resampled with replacement (``n_boot`` replicates,
    numpy seed ``seed``) and the share recomputed as the replicate's count over its N: the percentile
    interval is ``cluster_ci_low``/``cluster_ci_high``. ``design_effect`` is the cluster-robust variance of
    the share (G/(G-1) x sum over clusters of (count - share x n)² / N², G clusters) over the binomial p(1-p)/N:
    about how many times wider than Wilson an honest interval is, squared. A statement without a cluster value
    is a cluster of its own. Both are NaN for a bloc with fewer than two clusters; the design effect also for a
    share of 0 or 1. Columns: [event_id,] bloc, code, count, n, share, ci_low, ci_high (Wilson), clusters,
    cluster_ci_low, cluster_ci_high, design_effect.

    >>> t = cluster_share_intervals(ds.statements, n_boot=200)
    >>> t[(t.bloc == "russian") & (t["count"] > 0)][["frame", "count", "n", "clusters"]].values.tolist()
    [['terrorism_sabotage', 2, 4, 2], ['self_defense_security', 1, 4, 2], ['civilian_harm', 1, 4, 2]]
    """
    keys = [cluster] if isinstance(cluster, str) else list(cluster)

    def build(st: pd.DataFrame) -> pd.DataFrame:
        counts, n = category_counts(st, column, bloc_column, codebook=codebook)
        long = shares_long(counts, n, confidence)
        blocs, codes = list(counts.index), list(counts.columns)
        row, col, has = _positions(st, column, bloc_column, blocs, codes)
        ok = has & (row >= 0) & (col >= 0)
        group = _cluster_ids(st, keys, row)[ok]
        uniq, g = np.unique(group, return_inverse=True)
        y = np.zeros((len(uniq), len(codes)), dtype=np.int64)
        np.add.at(y, (g, col[ok]), 1)
        cluster_bloc = np.zeros(len(uniq), dtype=np.int64)
        cluster_bloc[g] = row[ok]
        rng = np.random.default_rng(seed)
        q = (1 - confidence) / 2
        shape = (len(blocs), len(codes))
        lo, hi, deff = (np.full(shape, np.nan) for _ in range(3))
        n_clusters = np.zeros(len(blocs), dtype=np.int64)
        for b in range(len(blocs)):
            yb = y[cluster_bloc == b]
            n_clusters[b] = len(yb)
            if len(yb) < 2:
                continue
            nb = yb.sum(axis=1)
            weights = rng.multinomial(len(yb), np.full(len(yb), 1 / len(yb)), size=n_boot)
            reps = (weights @ yb) / (weights @ nb)[:, None]
            lo[b], hi[b] = np.quantile(reps, q, axis=0), np.quantile(reps, 1 - q, axis=0)
            total = nb.sum()
            share = yb.sum(axis=0) / total
            var_cluster = len(yb) / (len(yb) - 1) * ((yb - share * nb[:, None]) ** 2).sum(axis=0) / total**2
            with np.errstate(divide="ignore", invalid="ignore"):
                deff[b] = np.where((share > 0) & (share < 1), var_cluster / (share * (1 - share) / total), np.nan)
        long["clusters"] = np.repeat(n_clusters, len(codes))
        long["cluster_ci_low"], long["cluster_ci_high"] = lo.ravel(), hi.ravel()
        long["design_effect"] = deff.ravel()
        return long

    return per_event(statements, by_event, build)


def _cluster_ids(statements: pd.DataFrame, keys: list[str], row: np.ndarray) -> np.ndarray:
    """One integer per statement for its (bloc, cluster) pair; a statement with a missing cluster value is its own."""
    missing = np.zeros(len(statements), dtype=bool)
    combined = np.zeros(len(statements), dtype=np.int64)
    for key in keys:
        codes, uniques = column_codes(statements[key])
        missing |= codes < 0
        combined = combined * (len(uniques) + 1) + codes + 1
    combined = pd.factorize(combined)[0].astype(np.int64)
    combined = np.where(missing, combined.max(initial=0) + 1 + np.arange(len(statements)), combined)
    return combined * (int(row.max(initial=0)) + 2) + row + 1
