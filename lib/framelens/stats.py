"""Small statistics shared by the analyses.

>>> lo, hi = wilson_interval(5, 10)
>>> round(lo, 4), round(hi, 4)
(0.2366, 0.7634)
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np


def wilson_interval(successes, n, confidence: float = 0.95):
    """Wilson score interval for a proportion; NaN where n is 0. Works on scalars and arrays."""
    k = np.asarray(successes, dtype=float)
    n_arr = np.asarray(n, dtype=float)
    z = NormalDist().inv_cdf(0.5 + confidence / 2)  # the stdlib's quantile: no scipy import for shares
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n_arr
        denom = 1 + z**2 / n_arr
        centre = (p + z**2 / (2 * n_arr)) / denom
        half = z * np.sqrt(p * (1 - p) / n_arr + z**2 / (4 * n_arr**2)) / denom
        lo = np.where(n_arr > 0, centre - half, np.nan)
        hi = np.where(n_arr > 0, centre + half, np.nan)
    if lo.ndim == 0:
        return float(lo), float(hi)
    return lo, hi


@dataclass(frozen=True)
class IndependenceTest:
    """Result of a test of independence on a bloc x category table (see :func:`independence_test`).

    ``method`` is "chi-square" (asymptotic) or "monte-carlo" (permutation test), chosen by
    Cochran's rule; ``reason`` says why. ``statistic`` is Pearson's chi-square in both cases.
    ``cramers_v_corrected`` is Bergsma's bias-corrected V; ``null_cramers_v`` the mean V of the
    permutation null (``n_resamples`` tables, ``seed``): what V looks like with no difference at all.
    """

    statistic: float
    p_value: float
    method: str
    reason: str
    cramers_v: float
    df: int
    n: int
    n_rows: int
    n_cols: int
    cells_expected_below_5: int
    n_resamples: int | None = None
    seed: int | None = None
    cramers_v_corrected: float = float("nan")
    null_cramers_v: float = float("nan")

    @property
    def testable(self) -> bool:
        return not np.isnan(self.p_value)

    def describe(self, alpha: float = 0.05, what: str = "blocs", adjusted: tuple[str, float] | None = None) -> str:
        """The result in plain words, with the numbers behind it.

        ``adjusted`` is (how, p) for a p-value adjusted for multiple tests, e.g. ("Holm-adjusted over 9 events",
        0.02): the verdict then rests on it, and the unadjusted p is given beside it.
        """
        if not self.testable:
            return f"No test: {self.reason} (N = {self.n})."
        decisive = self.p_value if adjusted is None else adjusted[1]
        verdict = "is larger" if decisive < alpha else "is not larger"
        p = p_text(self.p_value)
        if adjusted is not None:
            p = f"{adjusted[0]} {p_text(adjusted[1])}; unadjusted {p}"
        cells = f"{self.cells_expected_below_5} of {self.n_rows * self.n_cols} cells have expected count < 5"
        how = (
            f"chi-square test; {cells}"
            if self.method == "chi-square"
            else f"Monte Carlo permutation test, {self.n_resamples:,} resamples, seed {self.seed}, used because {cells}"
        )
        return (
            f"The difference between {what} {verdict} than chance would give ({p}, {how}); "
            f"Cramér's V = {self.cramers_v:.2f} (bias-corrected {self.cramers_v_corrected:.2f}; "
            f"{self.null_cramers_v:.2f} on average with no difference), df = {self.df}, N = {self.n}."
        )


def p_text(p: float) -> str:
    """A p-value as printed in the sentences: "p < 0.001" or "p = 0.012".

    >>> p_text(0.0004), p_text(0.01234)
    ('p < 0.001', 'p = 0.012')
    """
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def cramers_v(table) -> float:
    """Cramér's V (no bias correction) of a contingency table; empty rows and columns are dropped.

    >>> round(cramers_v([[10, 0], [0, 10]]), 3)
    1.0
    """
    t = _trim(np.asarray(table, dtype=float))
    if min(t.shape) < 2:
        return float("nan")
    return float(np.sqrt(_pearson(t, _expected(t)) / (t.sum() * (min(t.shape) - 1))))


def cramers_v_corrected(table) -> float:
    """Bias-corrected Cramér's V (Bergsma 2013); empty rows and columns are dropped first.

    With phi² = chi²/n on an r x k table: phi²~ = max(0, phi² - (k-1)(r-1)/(n-1)),
    r~ = r - (r-1)²/(n-1), k~ = k - (k-1)²/(n-1), and V~ = sqrt(phi²~ / min(k~-1, r~-1)).
    Plain V is far above 0 in a sparse table even with no association; V~ removes most of that.

    >>> round(cramers_v_corrected([[10, 0], [0, 10]]), 3), cramers_v_corrected([[1, 1], [1, 1]])
    (1.0, 0.0)
    """
    t = _trim(np.asarray(table, dtype=float))
    n = t.sum()
    if min(t.shape) < 2 or n < 2:
        return float("nan")
    r, k = t.shape
    phi2 = max(0.0, float(_pearson(t, _expected(t))) / n - (k - 1) * (r - 1) / (n - 1))
    r_c, k_c = r - (r - 1) ** 2 / (n - 1), k - (k - 1) ** 2 / (n - 1)
    if min(k_c, r_c) <= 1:  # too few statements for the correction (n <= max(r, k) or so)
        return float("nan")
    return float(np.sqrt(phi2 / min(k_c - 1, r_c - 1)))


def _trim(t: np.ndarray) -> np.ndarray:
    """Drop all-zero rows and columns (a bloc without statements, a frame nobody used)."""
    return t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]


def _expected(t: np.ndarray) -> np.ndarray:
    return np.outer(t.sum(axis=1), t.sum(axis=0)) / t.sum()


def _pearson(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Pearson's chi-square over the last two axes (works on a stack of tables)."""
    return ((observed - expected) ** 2 / expected).sum(axis=(-2, -1))


def null_tables(table, n_resamples: int = 10_000, seed: int = 20230522) -> np.ndarray:
    """``n_resamples`` tables with the row and column totals of ``table``, as shuffling the column labels of its
    observations would give them (the permutation null of independence), stacked as (n_resamples, rows, columns).

    Each row is drawn from the column totals still left, cell by cell, as a hypergeometric draw (numpy Generator,
    fixed ``seed``): the same distribution as permuting the labels, at a cost that does not grow with N.

    >>> t = null_tables([[3, 1], [0, 2]], n_resamples=4, seed=1)
    >>> t.shape, t.sum(axis=2).tolist()[0], t.sum(axis=1).tolist()[0]
    ((4, 2, 2), [4, 2], [3, 3])
    """
    t = np.asarray(table, dtype=np.int64)
    r, c = t.shape
    rng = np.random.default_rng(seed)
    out = np.zeros((n_resamples, r, c), dtype=np.int64)
    columns_left = np.tile(t.sum(axis=0), (n_resamples, 1))
    for i in range(r - 1):
        draws_left = np.full(n_resamples, t[i].sum(), dtype=np.int64)
        pool_left = columns_left.sum(axis=1)
        for j in range(c - 1):
            pool_left = pool_left - columns_left[:, j]
            x = rng.hypergeometric(columns_left[:, j], pool_left, draws_left) if t[i].sum() else 0
            out[:, i, j] = x
            draws_left = draws_left - x
        out[:, i, c - 1] = draws_left
        columns_left = columns_left - out[:, i, :]
    out[:, r - 1, :] = columns_left
    return out


def _null_chi2(t: np.ndarray, n_resamples: int, seed) -> np.ndarray:
    """Pearson's chi-square of each permutation-null table of the trimmed table ``t``."""
    return _pearson(null_tables(t, n_resamples, seed), _expected(t))


def permutation_pvalue(observed: float, null: np.ndarray) -> float:
    """(1 + resampled statistics at least as large as the observed one) / (1 + resamples), with a relative
    tolerance of 1e-9 so that a resample equal to the observed table counts despite rounding.

    >>> permutation_pvalue(2.0, np.array([1.0, 2.0, 3.0]))
    0.75
    """
    hits = int((null >= observed - 1e-9 * max(observed, 1.0)).sum())
    return (1 + hits) / (1 + len(null))


def _v_of(chi2, t: np.ndarray):
    return np.sqrt(chi2 / (t.sum() * (min(t.shape) - 1)))


def permutation_chi2_pvalue(table, n_resamples: int = 10_000, seed: int = 20230522) -> float:
    """Monte Carlo permutation p-value of Pearson's chi-square with both margins fixed.

    Draws ``n_resamples`` tables from the permutation null (:func:`null_tables`, fixed seed) and
    counts resampled statistics at least as large as the observed one: p = (1 + hits) / (1 + B).

    >>> round(permutation_chi2_pvalue([[5, 0], [0, 5]], n_resamples=2000), 3)  # exact: 2/252 = 0.008
    0.01
    """
    t = _trim(np.asarray(table, dtype=np.int64))
    return permutation_pvalue(float(_pearson(t, _expected(t))), _null_chi2(t, n_resamples, seed))


def null_cramers_v(table, n_resamples: int = 10_000, seed: int = 20230522) -> float:
    """Mean Cramér's V over the permutation null of ``table`` (its margins, no association): the V that
    sparseness alone gives. NaN for a table with fewer than two non-empty rows or columns.

    >>> round(null_cramers_v([[1, 1], [1, 1]], n_resamples=2000), 2)  # tables 2-0/0-2 (V 1) 1 in 6, else V 0
    0.33
    """
    t = _trim(np.asarray(table, dtype=np.int64))
    if min(t.shape) < 2:
        return float("nan")
    return float(_v_of(_null_chi2(t, n_resamples, seed), t).mean())


def stratified_permutation_pvalue(tables, n_resamples: int = 10_000, seed: int = 20230522) -> float:
    """Permutation p-value of Pearson's chi-square on the pooled table, shuffling labels within each stratum only.

    ``tables`` is a stack (strata, rows, columns) with the same rows and columns in every stratum (an
    event's bloc x frame table). The null keeps every stratum's own margins, so strata that differ in
    both their row mix and their column mix (more Russian outlets, and more of one frame, in one event)
    cannot make the pooled table look associated. NaN when the pooled table has fewer than two
    non-empty rows or columns.

    >>> strata = [[[6, 0], [0, 0]], [[0, 0], [0, 6]]]  # association by stratum composition only
    >>> stratified_permutation_pvalue(strata, 200), round(permutation_chi2_pvalue([[6, 0], [0, 6]], 200), 3)
    (1.0, 0.01)
    """
    stack = np.asarray(tables, dtype=np.int64)
    pooled = stack.sum(axis=0)
    rows, cols = pooled.sum(axis=1) > 0, pooled.sum(axis=0) > 0
    if rows.sum() < 2 or cols.sum() < 2:
        return float("nan")
    stack, pooled = stack[:, rows][:, :, cols], pooled[rows][:, cols]
    rng = np.random.default_rng(seed)
    null = sum(null_tables(s, n_resamples, rng) for s in stack if s.sum())
    expected = _expected(pooled)
    return permutation_pvalue(float(_pearson(pooled, expected)), _pearson(null, expected))


def holm(p_values) -> np.ndarray:
    """Holm's step-down adjustment for m tests (family-wise error); NaN p-values stay NaN and do not count in m.

    Sorted ascending, the i-th p (from 0) becomes max over j <= i of min(1, (m - j) p_(j)).

    >>> holm([0.01, 0.04, 0.03, float("nan")]).tolist()
    [0.03, 0.06, 0.06, nan]
    """
    return _adjust(p_values, step_down=True)


def benjamini_hochberg(p_values) -> np.ndarray:
    """Benjamini-Hochberg q-values (false discovery rate); NaN p-values stay NaN and do not count in m.

    Sorted ascending, the i-th p (rank i + 1) becomes min over j >= i of min(1, m p_(j) / (j + 1)).

    >>> benjamini_hochberg([0.01, 0.04, 0.03]).round(4).tolist()
    [0.03, 0.04, 0.04]
    """
    return _adjust(p_values, step_down=False)


def _adjust(p_values, step_down: bool) -> np.ndarray:
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if not m:
        return out
    order = np.argsort(p[ok], kind="stable")
    ranked = p[ok][order]
    if step_down:
        adj = np.maximum.accumulate((m - np.arange(m)) * ranked)
    else:
        adj = np.minimum.accumulate((m * ranked / np.arange(1, m + 1))[::-1])[::-1]
    back = np.empty(m)
    back[order] = np.minimum(adj, 1.0)
    out[ok] = back
    return out


def independence_test(table, *, n_resamples: int = 10_000, seed: int = 20230522) -> IndependenceTest:
    """Chi-square test of independence with Cramér's V (plain, bias-corrected and its permutation-null mean);
    Monte Carlo when expected counts are small.

    All-zero rows and columns are dropped first. Cochran's rule decides the method: the asymptotic
    chi-square test (no continuity correction) when every expected count is at least 1 and at most
    20% are below 5, else a permutation test with ``n_resamples`` and a fixed ``seed``. The null mean
    V comes from the same ``n_resamples`` permutation tables in both cases.

    >>> res = independence_test([[20, 5], [5, 20]])
    >>> res.method, round(res.p_value, 6), round(res.cramers_v, 2), round(res.cramers_v_corrected, 2)
    ('chi-square', 2.2e-05, 0.6, 0.59)
    """
    from scipy.stats import chi2 as chi2_dist

    full = np.asarray(table, dtype=np.int64)
    t = _trim(full)
    n = int(t.sum())
    if t.ndim != 2 or min(t.shape) < 2:
        why = "fewer than two groups or two categories have statements"
        return IndependenceTest(float("nan"), float("nan"), "none", why, float("nan"), 0, n, *t.shape, 0)
    expected = _expected(t)
    stat = float(_pearson(t, expected))
    df = (t.shape[0] - 1) * (t.shape[1] - 1)
    below5 = int((expected < 5).sum())
    null = _null_chi2(t, n_resamples, seed)
    v = (cramers_v(t), df, n, *t.shape, below5, n_resamples, seed, cramers_v_corrected(t), float(_v_of(null, t).mean()))
    if expected.min() >= 1 and below5 <= 0.2 * expected.size:
        p = float(chi2_dist.sf(stat, df))
        return IndependenceTest(stat, p, "chi-square", "expected counts are large enough (Cochran's rule)", *v)
    why = f"{below5} of {expected.size} cells have expected count < 5"
    return IndependenceTest(stat, permutation_pvalue(stat, null), "monte-carlo", why, *v)
