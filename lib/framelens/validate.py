"""Column and row rules from the codebook, checked on whole columns at once (no row loops).

Each check takes a column of strings and returns the problems of its bad values; only the bad
values are visited one by one, to word their messages.

>>> from framelens.codebook import load_codebook, Column
>>> s = pd.Series(["russian", "Russian", "rusian"])
>>> [p.message for p in check_values(s, [2, 3, 4], Column("outlet_bloc", "enum", vocabulary="bloc"), "statements.csv", load_codebook())]
["is not an allowed bloc (wrong case: did you mean 'russian'?)", "is not an allowed bloc (did you mean 'russian'?)"]
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from framelens.codebook import Codebook, Column, Table
from framelens.problems import Problem

ID_RE = r"[A-Za-z0-9._-]+"
DATE_RE = r"\d{4}-\d{2}-\d{2}"
DATETIME_RE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?"
OFFSET_RE = r".*(?:Z|[+-]\d{2}:?\d{2})$"
LANGUAGE_RE = r"[a-z]{2}"
URL_RE = r"https?://[^\s/$.?#][^\s]*"
DMY_RE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def is_empty(values: pd.Series) -> pd.Series:
    """True where a cell holds nothing but white space."""
    return values.str.strip().eq("")


def _suggest(value: str, allowed: Sequence[str]) -> str:
    stripped = value.strip()
    if stripped in allowed:
        return "(it has spaces around it; remove them)"
    lower = {a.lower(): a for a in allowed}
    if stripped.lower() in lower:
        return f"(wrong case: did you mean {lower[stripped.lower()]!r}?)"
    close = difflib.get_close_matches(stripped.lower(), list(allowed), n=1, cutoff=0.6)
    if close:
        return f"(did you mean {close[0]!r}?)"
    shown = ", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + ", ..."
    return f"(allowed: {shown})"


def _problems(mask: pd.Series, values: pd.Series, lines: np.ndarray, column: str, file: str, message, severity: str = "error") -> list[Problem]:
    """Word a problem for every True in ``mask``; ``message`` is a string or a function of the value."""
    idx = np.flatnonzero(mask.to_numpy())
    out = []
    for i in idx:
        value = values.iat[i]
        text = message(value) if callable(message) else message
        out.append(Problem(file, int(lines[i]), column, value, text, severity))
    return out


def _date_message(kind: str):
    def message(value: str) -> str:
        m = DMY_RE.match(value.strip())
        if m:
            d, mth, y = m.groups()
            return f"is not an ISO 8601 {kind}; write it as {y}-{int(mth):02d}-{int(d):02d} (YYYY-MM-DD)"
        if value != value.strip():
            return "has spaces around it; remove them"
        return f"is not an ISO 8601 {kind} (write 2023-05-22" + (" or 2023-05-22T15:20+03:00)" if kind == "date-time" else ")")
    return message


def check_values(values: pd.Series, lines: Sequence[int], col: Column, file: str, codebook: Codebook) -> list[Problem]:
    """Problems of the non-empty values of one column, by the column's type."""
    lines = np.asarray(lines)
    present = ~is_empty(values)
    v = values.where(present, "")
    name = col.name
    if col.type == "id":
        bad = present & ~v.str.fullmatch(ID_RE)
        return _problems(bad, values, lines, name, file, "is not a valid id (use only letters, digits, '-', '_' and '.')")
    if col.type == "text":
        out = _problems(present & v.str.len().gt(col.max_chars), values, lines, name, file,
                        lambda x: f"is {len(x):,} characters long; at most {col.max_chars:,} are allowed")
        if col.max_words:
            words = v.str.split().str.len().fillna(0)
            out += _problems(present & words.gt(col.max_words), values, lines, name, file,
                             lambda x: f"has {len(x.split())} words; at most {col.max_words} are allowed (shorten it with '...', or paraphrase)")
        return out
    if col.type == "enum":
        allowed = codebook.codes(col.vocabulary)
        bad = present & ~v.isin(allowed)
        return _problems(bad, values, lines, name, file, lambda x: f"is not an allowed {col.vocabulary} {_suggest(x, allowed)}")
    if col.type == "enum_list":
        allowed = codebook.codes(col.vocabulary)
        pieces = v[present].str.split(";").explode().str.strip()
        bad_idx = pieces[~pieces.isin(allowed)].index.unique()
        bad = pd.Series(False, index=values.index)
        bad[bad_idx] = True

        def message(x: str) -> str:
            wrong = [p.strip() for p in x.split(";") if p.strip() not in allowed]
            parts = [f"{w!r} {_suggest(w, allowed)}" if w else "an empty item" for w in wrong]
            return f"has {', '.join(parts)}: not an allowed {col.vocabulary} (separate values with ';')"
        return _problems(bad, values, lines, name, file, message)
    if col.type in ("date", "datetime"):
        pattern = DATE_RE if col.type == "date" else DATETIME_RE
        kind = "date" if col.type == "date" else "date-time"
        shape = v.str.fullmatch(pattern)
        out = _problems(present & ~shape, values, lines, name, file, _date_message(kind))
        ok = present & shape
        parsed = parse_datetimes(v.where(ok, None)) if col.type == "datetime" else pd.to_datetime(v.where(ok, None), format="%Y-%m-%d", errors="coerce")
        out += _problems(ok & parsed.isna(), values, lines, name, file, f"is not a real calendar {kind} (check the day and month)")
        return out
    if col.type == "number":
        num = pd.to_numeric(v.where(present, None), errors="coerce")
        out = _problems(present & num.isna(), values, lines, name, file,
                        lambda x: "is not a number (write digits only, with '.' for decimals and no thousands separators)")
        out += _problems(present & num.notna() & ~np.isfinite(num.fillna(0)), values, lines, name, file, "is not a finite number")
        out += _problems(present & num.lt(0), values, lines, name, file, "is negative; figures count things and must be 0 or more")
        return out
    if col.type == "language":
        bad = present & ~v.str.fullmatch(LANGUAGE_RE)
        return _problems(bad, values, lines, name, file,
                         lambda x: "is not an ISO 639-1 language code" + (f" (wrong case: did you mean {x.strip().lower()!r}?)" if re.fullmatch(LANGUAGE_RE, x.strip().lower()) else " (two lower-case letters, such as en, uk, ru)"))
    if col.type == "url":
        bad = present & ~v.str.fullmatch(URL_RE)
        return _problems(bad, values, lines, name, file, "is not an http:// or https:// link")
    raise AssertionError(f"unknown column type {col.type}")


def parse_datetimes(values: pd.Series) -> pd.Series:
    """Parse ISO 8601 dates and date-times to UTC; values without an offset are read as UTC.

    >>> parse_datetimes(pd.Series(["2023-05-22", "2023-05-22T15:20+03:00"])).dt.strftime("%H:%M").tolist()
    ['00:00', '12:20']
    """
    return pd.to_datetime(values, format="ISO8601", utc=True, errors="coerce")


def table_columns(table: Table, codebook: Codebook) -> dict[str, Column]:
    """The columns a table may have; reliability.csv also takes the codable statements columns."""
    cols = dict(table.columns)
    if table.codable:
        stmt = codebook.tables["statements"].columns
        for name in table.codable:
            c = stmt[name]
            cols[name] = Column(name=c.name, type=c.type, description=c.description, vocabulary=c.vocabulary, max_words=c.max_words, max_chars=c.max_chars)
    return cols


def check_table(frame: pd.DataFrame, lines: np.ndarray, table: Table, codebook: Codebook) -> list[Problem]:
    """Every column and row rule of one table (not the rules that need another table)."""
    file = table.file
    problems: list[Problem] = []
    columns = table_columns(table, codebook)
    for name in frame.columns:
        if name not in columns:
            problems.append(Problem(file, 1, name, None, f"is not a column of {file} in the codebook; it is kept but not checked", "warning"))
    missing = [c for c in table.required_columns if c not in frame.columns]
    for name in missing:
        problems.append(Problem(file, 1, name, None, "is a required column and is missing from the header"))
    for name, col in columns.items():
        if name not in frame.columns:
            continue
        values = frame[name]
        empty = is_empty(values)
        if col.required:
            problems += _problems(empty, values, lines, name, file, "is required but empty")
        problems += check_values(values, lines, col, file, codebook)
        if col.required_with and col.required_with in frame.columns:
            need = ~is_empty(frame[col.required_with]) & empty
            problems += _problems(need, values, lines, name, file, f"is required when {col.required_with} is set")
        if col.only_with and col.only_with in frame.columns:
            stray = is_empty(frame[col.only_with]) & ~empty
            problems += _problems(stray, values, lines, name, file, f"is set but {col.only_with} is empty; set {col.only_with} or clear {name}")
    pk = [c for c in table.primary_key if c in frame.columns]
    if pk and len(pk) == len(table.primary_key):
        key = frame[pk].apply(lambda s: s.str.strip()).agg("\x1f".join, axis=1) if len(pk) > 1 else frame[pk[0]].str.strip()
        first_line = pd.Series(lines, index=frame.index).groupby(key).transform("min")
        dup = key.duplicated(keep="first") & ~key.eq("")
        label = " + ".join(pk)
        for i in np.flatnonzero(dup.to_numpy()):
            value = " / ".join(frame[c].iat[i] for c in pk)
            problems.append(Problem(file, int(lines[i]), label, value, f"is a duplicate: the same {label} is already on line {int(first_line.iat[i])}"))
    return problems


def check_reference(frame: pd.DataFrame, lines: np.ndarray, file: str, column: str, allowed: pd.Series, target: str) -> list[Problem]:
    """Values of ``column`` that do not exist in ``allowed`` (a foreign key)."""
    values = frame[column]
    present = ~is_empty(values)
    known = set(allowed)
    bad = present & ~values.isin(known)
    choices = sorted(known)

    def message(x: str) -> str:
        close = difflib.get_close_matches(x, choices, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"does not exist in {target}{hint}"
    return _problems(bad, values, lines, column, file, message)
