"""Shared kernels of the analyses: integer codes of columns, packed stable row orders, per-group text joins, and
column work on a few threads. Public names, one private module: analyses import from here, never each other's
private helpers.

Ordering and grouping work on integer codes (categorical codes, or one ``pd.factorize`` per text column) with no
Python loop over rows or groups. Threads: the heavy steps of validation (pyarrow compute kernels, numpy) release
the GIL, so two threads on two cores cut loading time by about a third; results come back in input order.

>>> ordered_map(len, ["a", "bb", "ccc"])
[1, 2, 3]
>>> column_codes(pd.Series(["b", "a", "b", None]))[0].tolist()
[0, 1, 0, -1]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from framelens.dataset.codebook import codes_for

T = TypeVar("T")
R = TypeVar("R")

MAX_THREADS = 4


def thread_count() -> int:
    """Threads for column work: the CPUs this process may use, at most MAX_THREADS.

    >>> 1 <= thread_count() <= MAX_THREADS
    True
    """
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(MAX_THREADS, cpus))


def ordered_map(fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """``[fn(x) for x in items]``, run on up to :func:`thread_count` threads; an exception in ``fn`` is raised here."""
    items = list(items)
    workers = min(thread_count(), len(items))
    if workers <= 1:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="framelens") as pool:
        return list(pool.map(fn, items))


def bloc_order(values: pd.Series | None = None) -> list[str]:
    """Blocs in codebook order, plus any other value seen in ``values`` (sorted) at the end.

    >>> bloc_order()[:2]
    ['ukrainian', 'russian']
    """
    order = codes_for(values, "bloc") if values is not None else codes_for(None, "bloc")
    if values is not None:
        order += sorted({str(v) for v in distinct(values)} - set(order))
    return order


def distinct(values: pd.Series) -> list:
    """The distinct non-missing values of a column, without a Python pass over every row."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = np.unique(values.cat.codes.to_numpy())
        return list(values.cat.categories[codes[codes >= 0]])
    distinct = pd.unique(values.dropna().to_numpy(dtype=object))
    if all(isinstance(v, str) for v in distinct):  # equal strings are the same text; anything else: every value
        return list(distinct)
    return list(values.dropna())


def as_text(series: pd.Series) -> pd.Series:
    """A column as object strings with None for missing (works for category, string, object)."""
    return series.astype(object).where(series.notna(), None)


def column_codes(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 for missing) and the distinct values they stand for, as :func:`as_text` gives them.

    A categorical column keeps its own codes (no hashing); anything else is factorised once.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(dtype=np.int64), np.asarray(series.cat.categories.astype(object), dtype=object)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes.astype(np.int64, copy=False), np.asarray(pd.Index(uniques).astype(object), dtype=object)


def blocs_seen(bloc_codes: np.ndarray, bloc_uniques: np.ndarray, keep: np.ndarray) -> list[str]:
    """The blocs of the kept rows, in :func:`bloc_order` (codes from :func:`codes`)."""
    seen = np.zeros(len(bloc_uniques), dtype=bool)
    seen[bloc_codes[keep & (bloc_codes >= 0)]] = True
    return bloc_order(pd.Series(bloc_uniques[seen], dtype=object))


def text_values(codes: np.ndarray, uniques: np.ndarray) -> np.ndarray:
    """Object array of the values for ``codes`` with None for -1: what :func:`as_text` gives, without a per-row pass."""
    return np.append(uniques, None).astype(object)[codes]


def ranks(uniques: np.ndarray) -> np.ndarray:
    """Rank of each distinct value in sorted order (as ``sort_values`` orders them)."""
    ranks = np.empty(len(uniques), dtype=np.int64)
    ranks[pd.Index(uniques, dtype=object).argsort(kind="mergesort")] = np.arange(len(uniques))
    return ranks


def sort_key(series: pd.Series) -> np.ndarray:
    """Integer key that sorts like ``series`` in ``sort_values`` (missing values last; equal values, equal keys).

    >>> sort_key(pd.Series(["b", None, "a", "b"], dtype="str")).tolist()
    [1, 5, 0, 1]
    """
    if isinstance(series.dtype, pd.DatetimeTZDtype) or str(series.dtype).startswith("datetime64"):
        values = series.array.asi8
        missing = series.isna().to_numpy()
        last = (
            values[~missing].max() + 1 if (~missing).any() else 0
        )  # after every date, and small: keys pack (see row_order)
        return np.where(missing, last, values)
    codes, _ = pd.factorize(series, sort=True, use_na_sentinel=True)
    return np.where(codes < 0, len(codes) + 1, codes).astype(np.int64, copy=False)


def row_order(keys: list[np.ndarray], then: np.ndarray | None = None) -> np.ndarray:
    """The positions that sort rows by integer ``keys`` (most significant first): ``np.lexsort(keys[::-1])``, faster.

    ``then`` is an order of the rows that breaks the remaining ties (as :func:`text_order` gives).
    Keys are packed into as few int64 keys as their ranges allow (after dividing out a common step,
    such as whole seconds or days in times), then sorted least significant first with stable sorts.

    >>> row_order([np.array([1, 0, 1, 0]), np.array([5, 7, 3, 7])]).tolist()
    [1, 3, 2, 0]
    """
    packed: list[np.ndarray] = []
    span = 1
    for key in keys:
        key = key.astype(np.int64)
        lo, hi = (int(key.min()), int(key.max())) if len(key) else (0, 0)
        if hi - lo >= 2**62:  # too wide to shift: sorted as it is
            packed.append(key)
            span = 2**63
            continue
        key = key - lo
        step = int(np.gcd.reduce(key))
        if step > 1:
            key //= step
        size = (hi - lo) // max(step, 1) + 1
        if packed and span * size < 2**62:
            packed[-1] = packed[-1] * size + key
            span *= size
        else:
            packed.append(key)
            span = size
    order = np.arange(len(keys[0]) if keys else 0) if then is None else then
    for key in reversed(packed):
        order = order[np.argsort(key[order], kind="stable")]
    return order


def text_order(series: pd.Series) -> np.ndarray:
    """Positions that sort a text column in code point order, missing last, ties in row order (stable).

    >>> text_order(pd.Series(["b", None, "a", "b"], dtype="str")).tolist()
    [2, 0, 3, 1]
    """
    if isinstance(series.dtype, pd.StringDtype):  # pyarrow sorts text five times faster than factorize(sort=True)
        return pc.array_sort_indices(pa.chunked_array(pa.array(series)), null_placement="at_end").to_numpy()
    return np.argsort(sort_key(series), kind="stable")


def joined_per_group(
    groups: np.ndarray, values: pd.Series | tuple[np.ndarray, np.ndarray], n_groups: int
) -> np.ndarray:
    """Per group id (0..n_groups-1; -1 = no group): its distinct non-missing values as text, sorted, "; "-joined
    ("" if none).

    Vectorised: distinct (group, value rank) pairs from one ``np.unique``, joined by pyarrow.
    """
    codes, uniques = column_codes(values) if isinstance(values, pd.Series) else values
    text = pd.Index(uniques, dtype=object).map(str)  # str(v) of each distinct value
    ranks, names = pd.factorize(np.asarray(text, dtype=object), sort=True)  # names sorted like sorted()
    ok = (groups >= 0) & (codes >= 0)
    width = len(names) + 1
    pairs = np.sort(pd.unique(groups[ok].astype(np.int64) * width + ranks[codes[ok]]))
    group, rank = pairs // width, pairs % width
    offsets = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(np.bincount(group, minlength=n_groups), out=offsets[1:])
    items = pa.array(np.asarray(names, dtype=object), type=pa.large_string()).take(pa.array(rank))
    joined = pc.binary_join(pa.LargeListArray.from_arrays(pa.array(offsets), items), pa.scalar("; ", pa.large_string()))
    return np.asarray(joined.to_numpy(zero_copy_only=False), dtype=object)
