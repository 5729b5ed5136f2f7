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

    @property
    def testable(self) -> bool:
        return not np.isnan(self.p_value)

    def describe(self, alpha: float = 0.05, what: str = "blocs") -> str:
        """The result in plain words, with the numbers behind it."""
        if not self.testable:
            return f"No test: {self.reason} (N = {self.n})."
        verdict = "is larger" if self.p_value < alpha else "is not larger"
        p = "p < 0.001" if self.p_value < 0.001 else f"p = {self.p_value:.3f}"
        cells = f"{self.cells_expected_below_5} of {self.n_rows * self.n_cols} cells have expected count < 5"
        how = (
            f"chi-square test; {cells}"
            if self.method == "chi-square"
            else f"Monte Carlo permutation test, {self.n_resamples:,} resamples, seed {self.seed}, used because {cells}"
        )
        return (
            f"The difference between {what} {verdict} than chance would give ({p}, {how}); "
            f"Cramér's V = {self.cramers_v:.2f}, df = {self.df}, N = {self.n}."
        )


def cramers_v(table) -> float:
    """Cramér's V (no bias correction) of a contingency table; empty rows and columns are dropped.

    >>> round(cramers_v([[10, 0], [0, 10]]), 3)
    1.0
    """
    t = _trim(np.asarray(table, dtype=float))
    if min(t.shape) < 2:
        return float("nan")
    return float(np.sqrt(_pearson(t, _expected(t)) / (t.sum() * (min(t.shape) - 1))))


def _trim(t: np.ndarray) -> np.ndarray:
    """Drop all-zero rows and columns (a bloc without statements, a frame nobody used)."""
    return t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]


def _expected(t: np.ndarray) -> np.ndarray:
    return np.outer(t.sum(axis=1), t.sum(axis=0)) / t.sum()


def _pearson(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Pearson's chi-square over the last two axes (works on a stack of tables)."""
    return ((observed - expected) ** 2 / expected).sum(axis=(-2, -1))


def permutation_chi2_pvalue(table, n_resamples: int = 10_000, seed: int = 20230522, chunk: int = 1_000) -> float:
    """Monte Carlo permutation p-value of Pearson's chi-square with both margins fixed.

    Shuffles the column labels of the individual observations (numpy Generator, fixed seed) and
    counts resampled statistics at least as large as the observed one: p = (1 + hits) / (1 + B).

    >>> round(permutation_chi2_pvalue([[5, 0], [0, 5]], n_resamples=2000), 3)  # exact: 2/252 = 0.008
    0.011
    """
    t = _trim(np.asarray(table, dtype=np.int64))
    r, c = t.shape
    expected = _expected(t)
    observed = _pearson(t, expected)
    ii, jj = np.indices(t.shape)
    rows = np.repeat(ii.ravel(), t.ravel())
    cols = np.repeat(jj.ravel(), t.ravel())
    rng = np.random.default_rng(seed)
    hits = 0
    for start in range(0, n_resamples, chunk):
        b = min(chunk, n_resamples - start)
        shuffled = rng.permuted(np.tile(cols, (b, 1)), axis=1)
        flat = (rows * c + shuffled) + np.arange(b)[:, None] * (r * c)
        tables = np.bincount(flat.ravel(), minlength=b * r * c).reshape(b, r, c)
        hits += int((_pearson(tables, expected) >= observed - 1e-9 * max(observed, 1.0)).sum())
    return (1 + hits) / (1 + n_resamples)


def independence_test(table, *, n_resamples: int = 10_000, seed: int = 20230522) -> IndependenceTest:
    """Chi-square test of independence with Cramér's V; Monte Carlo when expected counts are small.

    All-zero rows and columns are dropped first. Cochran's rule decides the method: the asymptotic
    chi-square test (no continuity correction) when every expected count is at least 1 and at most
    20% are below 5, else a permutation test with ``n_resamples`` and a fixed ``seed``.

    >>> res = independence_test([[20, 5], [5, 20]])
    >>> res.method, round(res.p_value, 6), round(res.cramers_v, 2)
    ('chi-square', 2.2e-05, 0.6)
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
    v = cramers_v(t)
    if expected.min() >= 1 and below5 <= 0.2 * expected.size:
        p = float(chi2_dist.sf(stat, df))
        return IndependenceTest(
            stat, p, "chi-square", "expected counts are large enough (Cochran's rule)", v, df, n, *t.shape, below5
        )
    why = f"{below5} of {expected.size} cells have expected count < 5"
    p = permutation_chi2_pvalue(t, n_resamples=n_resamples, seed=seed)
    return IndependenceTest(stat, p, "monte-carlo", why, v, df, n, *t.shape, below5, n_resamples, seed)
