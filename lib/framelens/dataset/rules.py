"""Column and row rules from the codebook, checked on whole columns at once (no row loops).

Each check takes a column of strings and returns the problems of its bad values; only the bad
values are visited one by one, to word their messages.

>>> from framelens.dataset.codebook import load_codebook, Column
>>> s = pd.Series(["russian", "Russian", "rusian"])
>>> bloc = Column("outlet_bloc", "enum", vocabulary="bloc")
>>> [p.message for p in check_values(s, [2, 3, 4], bloc, "statements.csv", load_codebook())]
["is not an allowed bloc (wrong case: did you mean 'russian'?)", "is not an allowed bloc (did you mean 'russian'?)"]
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from framelens._kernels import ordered_map
from framelens.dataset.codebook import Codebook, Column, Table
from framelens.dataset.problems import Problem

ID_RE = r"[A-Za-z0-9][A-Za-z0-9._-]*"
DATE_RE = r"\d{4}-\d{2}-\d{2}"
DATETIME_RE = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?"
OFFSET_RE = r".*(?:Z|[+-]\d{2}:?\d{2})$"
LANGUAGE_RE = r"[a-z]{2}"
URL_RE = r"https?://[^\s/$.?#][^\s]*"
WORD_RE = r"[^ \t\n\r\f\v]+"
DMY_RE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def is_empty(values: pd.Series) -> pd.Series:
    """True where a cell holds nothing but white space.

    >>> is_empty(pd.Series(["", "  ", "a"])).tolist()
    [True, True, False]
    """
    arr = pa.array(values.astype("str"))
    empty = pc.or_(pc.equal(pc.utf8_length(arr), 0), pc.utf8_is_space(arr))
    return pd.Series(empty.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def empty_cells(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """:func:`is_empty` of every column, by name (columns in parallel).

    >>> empty_cells(pd.DataFrame({"a": ["", "x"]}))["a"].tolist()
    [True, False]
    """
    return dict(zip(frame.columns, ordered_map(lambda c: is_empty(frame[c]), frame.columns)))


def isin(values: pd.Series, allowed) -> pd.Series:
    """``values.isin(allowed)`` for text, in pyarrow (pandas walks ``allowed`` in Python).

    >>> isin(pd.Series(["a", "b"]), ["b", "b"]).tolist()
    [False, True]
    """
    allowed = pa.array(pd.Series(allowed, dtype="str").dropna())  # duplicates are fine for is_in
    arr = pa.array(values.astype("str"))
    if len(allowed) > 4 * len(arr):  # a few values against many: hash the few, keep the allowed among them
        allowed = allowed.filter(pc.is_in(allowed, value_set=arr))
    found = pc.is_in(arr, value_set=allowed, skip_nulls=True)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def fullmatch(values: pd.Series, pattern: str) -> pd.Series:
    """True where the whole value matches ``pattern`` (RE2 syntax, in pyarrow; pandas may fall back to Python).

    >>> fullmatch(pd.Series(["ab", "a b"]), "[a-z]+").tolist()
    [True, False]
    """
    found = pc.match_substring_regex(pa.array(values.astype("str")), f"^(?:{pattern})$")
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def word_counts(values: pd.Series) -> np.ndarray:
    """Words in each value: runs of characters other than ASCII white space (WORD_RE), counted on the UTF-8 bytes.

    >>> word_counts(pd.Series(["two words", "", " one ", "a\tb  c", "\x0bx\x08y"])).tolist()
    [2, 0, 1, 3, 1]
    """
    out = []
    for chunk in pa.chunked_array(pa.array(values.astype("str"))).chunks:
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(chunk.buffers()[1], dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1].astype(
            np.int64
        )
        data = (
            np.frombuffer(chunk.buffers()[2], dtype=np.uint8)
            if chunk.buffers()[2] is not None
            else np.zeros(0, np.uint8)
        )
        data = data[offsets[0] : offsets[-1]]
        offsets = offsets - offsets[0]
        gap = np.subtract(data, 9, dtype=np.uint8) <= 4  # \t \n \v \f \r (9-13): the bytes wrap below 9
        gap |= data == 32
        starts = np.empty(len(gap), dtype=bool)  # a word starts where a gap byte is followed by another
        np.less(gap[1:], gap[:-1], out=starts[1:])
        counts = np.zeros(len(chunk), dtype=np.int64)
        nonempty = np.flatnonzero(offsets[:-1] < offsets[1:])
        if len(nonempty):
            first = offsets[nonempty]
            starts[first] = ~gap[first]  # a value's first byte starts a word
            counts[nonempty] = np.add.reduceat(starts.view(np.uint8), first, dtype=np.int32)
        out.append(counts)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


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


HINT_LIMIT = 1000  # distinct bad values per column that get a worded hint (did you mean ...); the rest get ``fallback``


def _problems(
    mask: pd.Series,
    values: pd.Series,
    lines: np.ndarray,
    column: str,
    file: str,
    message,
    severity: str = "error",
    fallback: str | None = None,
    show_value: bool = True,
) -> list[Problem]:
    """Word a problem for every True in ``mask``; ``message`` is a string or a function of the value.

    A function is called once per distinct value (at most HINT_LIMIT of them when ``fallback`` is
    given), so a column of a million bad cells costs a million small objects, not a million hints.
    """
    idx = np.flatnonzero(np.asarray(mask, dtype=bool))
    if not len(idx):
        return []
    bad = values.iloc[idx].tolist()
    if callable(message):
        worded: dict[str, str] = {}
        for value in dict.fromkeys(bad):
            worded[value] = message(value) if fallback is None or len(worded) < HINT_LIMIT else fallback
        texts = [worded[v] for v in bad]
    else:
        texts = [message] * len(bad)
    return [
        Problem(file, line, column, value if show_value else None, text, severity)
        for line, value, text in zip(lines[idx].tolist(), bad, texts)
    ]


def _date_message(kind: str):
    def message(value: str) -> str:
        m = DMY_RE.match(value.strip())
        if m:
            d, mth, y = m.groups()
            return f"is not an ISO 8601 {kind}; write it as {y}-{int(mth):02d}-{int(d):02d} (YYYY-MM-DD)"
        if value != value.strip():
            return "has spaces around it; remove them"
        return f"is not an ISO 8601 {kind} (write 2023-05-22" + (
            " or 2023-05-22T15:20+03:00)" if kind == "date-time" else ")"
        )

    return message


PADDED_TYPES = ("id", "enum", "date", "datetime", "number", "language", "url")


def check_values(
    values: pd.Series,
    lines: Sequence[int],
    col: Column,
    file: str,
    codebook: Codebook,
    empty: pd.Series | None = None,
    converted: pd.Series | None = None,
) -> list[Problem]:
    """Problems of the non-empty values of one column, by the column's type.

    ``empty`` is is_empty(values) and ``converted`` is convert_column(values, ...), when the caller
    has them already (dates and numbers are then not parsed twice).
    """
    lines = np.asarray(lines)
    present = ~(is_empty(values) if empty is None else empty)
    v = values
    name = col.name
    if col.type in PADDED_TYPES:
        padded = present & v.ne(v.str.strip())
        if padded.any():
            out = _problems(padded, values, lines, name, file, "has spaces around it; remove them")
            return out + check_values(values, lines, col, file, codebook, empty=~present | padded, converted=converted)
    if col.type == "id":
        bad = present & ~fullmatch(v, ID_RE)
        return _problems(
            bad,
            values,
            lines,
            name,
            file,
            "is not a valid id (start with a letter or digit, then use only letters, digits, '-', '_' and '.')",
        )
    if col.type == "text":
        # a value has at most as many characters as UTF-8 bytes: count characters only where the bytes are too many
        suspect = present & (
            pd.Series(pc.binary_length(pa.array(v.astype("str"))).to_numpy(zero_copy_only=False), index=v.index)
            > col.max_chars
        )
        too_long = suspect & v.where(suspect, "").str.len().gt(col.max_chars)
        out = _problems(
            too_long,
            values,
            lines,
            name,
            file,
            lambda x: f"is {len(x):,} characters long; at most {col.max_chars:,} are allowed",
        )
        if col.max_words:
            out += _problems(
                present & (word_counts(v) > col.max_words),
                values,
                lines,
                name,
                file,
                lambda x: (
                    f"has {len(re.findall(WORD_RE, x))} words; at most {col.max_words} are allowed (shorten it with "
                    "'...', or paraphrase)"
                ),
            )
        return out
    if col.type == "enum":
        allowed = codebook.codes(col.vocabulary)
        bad = present & ~isin(v, allowed)
        return _problems(
            bad,
            values,
            lines,
            name,
            file,
            lambda x: f"is not an allowed {col.vocabulary} {_suggest(x, allowed)}",
            fallback=f"is not an allowed {col.vocabulary} {_suggest('', allowed)}",
        )
    if col.type == "enum_list":
        allowed = codebook.codes(col.vocabulary)
        rows = np.flatnonzero(present.to_numpy())
        lists = pc.split_pattern(pa.array(v.iloc[rows].astype("str")), ";")
        pieces = pc.utf8_trim_whitespace(pc.list_flatten(lists))
        wrong = ~pc.is_in(pieces, value_set=pa.array(allowed)).to_numpy(zero_copy_only=False)
        bad = np.zeros(len(v), dtype=bool)
        bad[rows[pc.list_parent_indices(lists).to_numpy()[wrong]]] = True

        def message(x: str) -> str:
            wrong = [p.strip() for p in x.split(";") if p.strip() not in allowed]
            parts = [f"{w!r} {_suggest(w, allowed)}" if w else "an empty item" for w in wrong]
            return f"has {', '.join(parts)}: not an allowed {col.vocabulary} (separate values with ';')"

        return _problems(
            bad,
            values,
            lines,
            name,
            file,
            message,
            fallback=f"has an item that is not an allowed {col.vocabulary} (separate values with ';')",
        )
    if col.type in ("date", "datetime"):
        pattern = DATE_RE if col.type == "date" else DATETIME_RE
        kind = "date" if col.type == "date" else "date-time"
        shape = fullmatch(v, pattern)
        out = _problems(present & ~shape, values, lines, name, file, _date_message(kind))
        ok = present & shape
        parsed = pd.Series(
            convert_column(values, col, codebook, ~present) if converted is None else converted, index=v.index
        )
        out += _problems(
            ok & parsed.isna(), values, lines, name, file, f"is not a real calendar {kind} (check the day and month)"
        )
        return out
    if col.type == "number":
        num = (convert_column(values, col, codebook, ~present) if converted is None else converted).astype("float64")
        out = _problems(
            present & num.isna(),
            values,
            lines,
            name,
            file,
            "is not a number (write digits only, with '.' for decimals and no thousands separators)",
        )
        out += _problems(
            present & num.notna() & ~np.isfinite(num.fillna(0)), values, lines, name, file, "is not a finite number"
        )
        out += _problems(
            present & num.lt(0), values, lines, name, file, "is negative; figures count things and must be 0 or more"
        )
        return out
    if col.type == "language":
        bad = present & ~fullmatch(v, LANGUAGE_RE)
        return _problems(
            bad,
            values,
            lines,
            name,
            file,
            lambda x: (
                "is not an ISO 639-1 language code"
                + (
                    f" (wrong case: did you mean {x.strip().lower()!r}?)"
                    if re.fullmatch(LANGUAGE_RE, x.strip().lower())
                    else " (two lower-case letters, such as en, uk, ru)"
                )
            ),
        )
    if col.type == "url":
        bad = present & ~fullmatch(v, URL_RE)
        return _problems(bad, values, lines, name, file, "is not an http:// or https:// link")
    raise AssertionError(f"unknown column type {col.type}")


def convert_column(values: pd.Series, col: Column | None, codebook: Codebook, empty: pd.Series):
    """A column of strings in the codebook's type: categorical in codebook order, UTC times, numbers, text.

    Empty cells and values that break the column's rule become missing (the rule's check reports them).

    >>> from framelens.dataset.codebook import load_codebook
    >>> missing = pd.Series([False, True, False])
    >>> convert_column(pd.Series(["3", "", "x"]), Column("figure", "number"), load_codebook(), missing).tolist()
    [3.0, <NA>, <NA>]
    """
    ctype = col.type if col else "text"
    if ctype == "enum":
        vocab = codebook.vocabularies[col.vocabulary]
        codes = pc.fill_null(pc.index_in(pa.array(values.astype("str")), value_set=pa.array(vocab.codes)), -1)
        return pd.Categorical.from_codes(
            codes.to_numpy(zero_copy_only=False), categories=vocab.codes, ordered=vocab.ordered
        )
    if ctype == "date":
        return pd.to_datetime(values.where(~empty, None), format="%Y-%m-%d", errors="coerce")
    if ctype == "datetime":
        return parse_datetimes(values.where(~empty, None))
    if ctype == "number":
        rows = np.flatnonzero(~empty.to_numpy(dtype=bool))  # figures are mostly empty: parse only the others
        out = pd.Series(pd.NA, index=values.index, dtype="Float64")
        out.iloc[rows] = pd.to_numeric(values.iloc[rows], errors="coerce").astype("Float64").to_numpy()
        return out
    return _text_with_na(values, empty)


def _text_with_na(values: pd.Series, empty: pd.Series) -> pd.Series:
    """A "string" column with <NA> where ``empty``, sharing the text buffers of ``values`` (no copy).

    >>> _text_with_na(pd.Series(["a", " ", "b"]), pd.Series([False, True, False])).tolist()
    ['a', <NA>, 'b']
    """
    chunks, start = [], 0
    valid = ~empty.to_numpy(dtype=bool)
    source = pa.chunked_array(pa.array(values.astype("str")))
    for chunk in source.chunks:
        n = len(chunk)
        bits = np.packbits(np.concatenate((np.ones(chunk.offset, bool), valid[start : start + n])), bitorder="little")
        buffers = chunk.buffers()
        chunks.append(
            pa.Array.from_buffers(chunk.type, n, [pa.py_buffer(bits), buffers[1], buffers[2]], offset=chunk.offset)
        )
        start += n
    arr = pa.chunked_array(chunks, type=source.type)
    return pd.Series(pd.arrays.ArrowStringArray(arr), index=values.index)


def parse_datetimes(values: pd.Series) -> pd.Series:
    """Parse ISO 8601 dates and date-times to UTC; values without an offset are read as UTC.

    Missing and unparseable values become NaT. pyarrow parses the column when it can read every
    value; otherwise pandas does (the same results, dtype included: microseconds, or nanoseconds
    when a value has more than six decimals).

    >>> parse_datetimes(pd.Series(["2023-05-22", "2023-05-22T15:20+03:00"])).dt.strftime("%H:%M").tolist()
    ['00:00', '12:20']
    """
    fast = _arrow_datetimes(values)
    return fast if fast is not None else pd.to_datetime(values, format="ISO8601", utc=True, errors="coerce")


def _arrow_datetimes(values: pd.Series) -> pd.Series | None:
    """:func:`parse_datetimes` in pyarrow; None when a value needs pandas (unparseable, out of range, nanoseconds)."""
    arr = pa.array(values.astype("str"))
    if len(arr) == 0 or arr.null_count == len(arr):
        return None
    long = pc.greater_equal(pc.binary_length(arr), 27)  # room for more than six decimals
    if pc.any(long).as_py() and pc.any(pc.match_substring_regex(arr.filter(long), r"\.\d{7}")).as_py():
        return None
    # an offset is a trailing Z, a '+', or a third '-' (after the date's two)
    offset = pc.or_(
        pc.or_(pc.ends_with(arr, "Z"), pc.greater(pc.count_substring(arr, "+"), 0)),
        pc.greater(pc.count_substring(arr, "-"), 2),
    )
    try:
        zoned = pc.cast(pc.if_else(offset, arr, None), pa.timestamp("ns", tz="UTC")).cast(pa.int64())
        naive = pc.cast(pc.if_else(offset, None, arr), pa.timestamp("ns")).cast(pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    both = pc.coalesce(zoned, naive)
    stamps = (
        pc.fill_null(both, 0).to_numpy().astype("datetime64[ns]")
    )  # filled first: with nulls, to_numpy gives floats
    stamps[pc.is_null(both).to_numpy(zero_copy_only=False)] = np.datetime64("NaT")
    return pd.Series(pd.DatetimeIndex(stamps.astype("datetime64[us]")).tz_localize("UTC"), index=values.index)


def table_columns(table: Table, codebook: Codebook) -> dict[str, Column]:
    """The columns a table may have; reliability.csv also takes the codable statements columns."""
    cols = dict(table.columns)
    if table.codable:
        stmt = codebook.tables["statements"].columns
        for name in table.codable:
            c = stmt[name]
            cols[name] = Column(
                name=c.name,
                type=c.type,
                description=c.description,
                vocabulary=c.vocabulary,
                max_words=c.max_words,
                max_chars=c.max_chars,
            )
    return cols


def check_table(
    frame: pd.DataFrame,
    lines: np.ndarray,
    table: Table,
    codebook: Codebook,
    empties: dict[str, pd.Series] | None = None,
    converted: pd.DataFrame | None = None,
) -> list[Problem]:
    """Every column and row rule of one table (not the rules that need another table).

    ``empties`` maps column names to is_empty(column) and ``converted`` is the table typed by
    :func:`convert_column`, when the caller has them already.
    """
    file = table.file
    empties = empties if empties is not None else empty_cells(frame)
    problems: list[Problem] = []
    columns = table_columns(table, codebook)
    checked = [n for n in columns if n in frame.columns]
    value_problems = dict(
        zip(
            checked,
            ordered_map(
                lambda n: check_values(
                    frame[n],
                    lines,
                    columns[n],
                    file,
                    codebook,
                    empty=empties[n],
                    converted=None if converted is None else converted[n],
                ),
                checked,
            ),
        )
    )
    for name in frame.columns:
        if name not in columns:
            reason = f"is not a column of {file} in the codebook; it is kept but not checked"
            if name.startswith("suggested_"):
                reason = (
                    "holds machine suggestions, not tags: review them, then `framelens accept` (or drop the column)"
                )
            problems.append(Problem(file, 1, name, None, reason, "warning"))
    missing = [c for c in table.required_columns if c not in frame.columns]
    for name in missing:
        problems.append(Problem(file, 1, name, None, "is a required column and is missing from the header"))
    for name, col in columns.items():
        if name not in frame.columns:
            continue
        values = frame[name]
        empty = empties[name]
        if col.required:
            problems += _problems(empty, values, lines, name, file, "is required but empty", show_value=False)
        problems += value_problems[name]
        if col.required_with and col.required_with in frame.columns:
            need = ~empties[col.required_with] & empty
            problems += _problems(
                need,
                values,
                lines,
                name,
                file,
                f"is empty but required when {col.required_with} is set",
                show_value=False,
            )
        if col.only_with and col.only_with in frame.columns:
            stray = empties[col.only_with] & ~empty
            problems += _problems(
                stray,
                values,
                lines,
                name,
                file,
                f"is set but {col.only_with} is empty; set {col.only_with} or clear {name}",
            )
    pk = [c for c in table.primary_key if c in frame.columns]
    if pk and len(pk) == len(table.primary_key):
        key = frame[pk[0]].str.strip()
        for c in pk[1:]:
            key = key + "\x1f" + frame[c].str.strip()
        dup = (key.duplicated(keep="first") & ~key.eq("")).to_numpy()
        label = " + ".join(pk)
        shown = [" / ".join(vals) for vals in zip(*(frame[c][dup].tolist() for c in pk))]
        firsts = (
            pd.Series(lines, index=frame.index).groupby(key).transform("min").to_numpy()[dup].tolist()
            if dup.any()
            else []
        )
        problems += [
            Problem(file, line, label, value, f"is a duplicate: the same {label} is already on line {first}")
            for line, value, first in zip(lines[dup].tolist(), shown, firsts)
        ]
    return problems


def check_reference(
    frame: pd.DataFrame,
    lines: np.ndarray,
    file: str,
    column: str,
    allowed: pd.Series,
    target: str,
    distinct: tuple[np.ndarray, pd.Series] | None = None,
) -> list[Problem]:
    """Values of ``column`` that do not exist in ``allowed`` (a foreign key), spaces around them ignored.

    ``distinct`` is ``pd.factorize`` of the column (codes, distinct values), when the caller has it;
    the rule is worked out once per distinct value.
    """
    values = frame[column]
    codes, uniques = distinct if distinct is not None else pd.factorize(values)
    uniques = pd.Series(uniques, dtype="str")
    allowed = allowed.dropna()
    unmatched = np.flatnonzero(~isin(uniques, allowed).to_numpy())
    stripped = uniques.iloc[unmatched].str.strip()  # only the values not found as they are
    bad_value = np.zeros(len(uniques), dtype=bool)
    bad_value[unmatched[(stripped.ne("") & ~isin(stripped, allowed)).to_numpy()]] = True

    @functools.cache
    def choices() -> list[str]:  # for did-you-mean hints, worked out only when a value is bad
        known = pd.unique(allowed)
        return sorted(known) if len(known) <= 5000 else []

    def message(x: str) -> str:
        close = difflib.get_close_matches(x.strip(), choices(), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"does not exist in {target}{hint}"

    return _problems(bad_value[codes], values, lines, column, file, message, fallback=f"does not exist in {target}")
