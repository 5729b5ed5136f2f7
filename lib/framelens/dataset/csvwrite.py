"""The one CSV writer for everything FrameLens writes: report tables, rejects, the reliability sheet, the template,
synthetic data and the assistant's drafts.

Two rules, the same in every file:

- A cell holding a line break (CR or LF, alone or as a pair) is quoted, so no reader starts a new row inside it.
  Lines end with CRLF, as RFC 4180 and spreadsheets have it; FrameLens reads both line ends.
- A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could run as a formula in
  Excel or LibreOffice (CSV injection); it gets a leading ``'`` so it stays text. Numbers are never changed:
  numeric columns are left alone, and so is a text cell that is a plain decimal number (``-3``, ``+1.5``,
  ``-2e3``), which a spreadsheet reads as that number and never as a formula. Column names follow the same rule.

>>> neutralise("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> neutralise(-3.5), neutralise("-3.5"), neutralise("-2+3")
(-3.5, '-3.5', "'-2+3")
>>> csv_text(pd.DataFrame({"quote": ["one\\rtwo", "=1+1"], "n": [-1, 2]})).split("\\r\\n")
['quote,n', '"one\\rtwo",-1', "'=1+1,2", '']
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINE_END = "\r\n"  # in the line terminator, so the csv module quotes every cell holding a CR or an LF
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(value: object) -> object:
    """A cell that a spreadsheet will show as text: a string starting with a formula character gets a leading '
    (unless it is a plain number); anything else is returned as it is.

    >>> neutralise("@SUM(A1)"), neutralise("plain"), neutralise(7)
    ("'@SUM(A1)", 'plain', 7)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _neutralise_series(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.rename_categories([neutralise(c) for c in values.cat.categories])
    starts = values.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
    if not starts.any():
        return values
    risky = starts & ~values.str.fullmatch(_PLAIN_NUMBER.pattern).fillna(False).astype(bool)
    out = values.copy()
    out[risky] = "'" + values[risky].astype(str)
    return out


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and column name neutralised; numeric and boolean columns untouched.

    >>> neutralise_frame(pd.DataFrame({"=a": ["-x", "y"], "n": [-1, 2]})).to_dict("list")
    {"'=a": ["'-x", 'y'], 'n': [-1, 2]}
    """
    out = frame.copy()
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        if not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col)):
            out.isetitem(i, _neutralise_series(col))
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as FrameLens writes it to a CSV file (see the module docstring), as one string."""
    return neutralise_frame(frame).to_csv(index=False, lineterminator=LINE_END)


def write_csv(frame: pd.DataFrame, path: str | Path, append: bool = False) -> Path:
    """Write ``frame`` to ``path`` (UTF-8, header first) by the module's rules; ``append`` adds rows, no header."""
    path = Path(path)
    neutralise_frame(frame).to_csv(
        path, mode="a" if append else "w", header=not append, index=False, encoding="utf-8", lineterminator=LINE_END
    )
    return path
