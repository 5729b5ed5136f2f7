"""Small statistics shared by the analyses.

>>> lo, hi = wilson_interval(5, 10)
>>> round(lo, 4), round(hi, 4)
(0.2366, 0.7634)
"""

from __future__ import annotations

import numpy as np
from scipy.stats import norm


def wilson_interval(successes, n, confidence: float = 0.95):
    """Wilson score interval for a proportion; NaN where n is 0. Works on scalars and arrays."""
    k = np.asarray(successes, dtype=float)
    n_arr = np.asarray(n, dtype=float)
    z = norm.ppf(0.5 + confidence / 2)
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
