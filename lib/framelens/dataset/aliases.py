"""Aliases: one name per source, from the optional ``aliases.csv`` side table, and likely aliases found in the data.

``aliases.csv`` has one row per variant spelling: ``column`` (a statements column naming a source:
outlet, speaker or cited_source), ``alias`` (the spelling to replace) and ``canonical`` (the name
every table uses instead). The loader applies it, so every analysis sees one name.

Two names are *likely aliases* when they fold to the same key: Unicode-normalised (NFKC, so a
no-break space is a space), case-folded, punctuation read as spaces, the words "of", "the", "and"
dropped and the rest sorted (word order ignored). "Russian Ministry of Defence" and "Russian
Defence Ministry" both fold to "defence ministry russian".

>>> fold("Russian Ministry of Defence") == fold("Russian\\u00a0Defence  Ministry.")
True
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

import numpy as np
import pandas as pd

from framelens.dataset.problems import Problem

ALIAS_COLUMNS = ("outlet", "speaker", "cited_source")  # the statements columns that name a source
FILLER_WORDS = frozenset({"of", "the", "and"})
ALIASES_FILE = "aliases.csv"
_NOT_WORD = re.compile(r"[\W_]+")


def fold(name: str) -> str:
    """The comparison key of a name: case, spaces, punctuation, filler words and word order folded away.

    >>> fold("The  Kremlin's press-service"), fold("press service, Kremlin s")
    ('kremlin press s service', 'kremlin press s service')
    """
    words = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", name).casefold()).split()
    return " ".join(sorted(w for w in words if w not in FILLER_WORDS))


def alias_map(aliases: pd.DataFrame | None) -> dict[str, dict[str, str]]:
    """column -> {alias: canonical}, from a loaded aliases table (empty without one).

    >>> alias_map(pd.DataFrame({"column": ["speaker"], "alias": ["MoD"], "canonical": ["Defence Ministry"]}))
    {'speaker': {'MoD': 'Defence Ministry'}}
    """
    out: dict[str, dict[str, str]] = {}
    if aliases is None:
        return out
    for column, alias, canonical in zip(aliases["column"], aliases["alias"], aliases["canonical"]):
        if pd.notna(column) and pd.notna(alias) and pd.notna(canonical):
            out.setdefault(str(column), {})[str(alias)] = str(canonical)
    return out


def apply_aliases(statements: pd.DataFrame, aliases: pd.DataFrame | None) -> pd.DataFrame:
    """``statements`` with every alias replaced by its canonical name, in the column each alias names.

    The column keeps its dtype; a table without aliases comes back as it is (the same object).

    >>> st = pd.DataFrame({"speaker": pd.array(["MoD", "Putin"], dtype="string")})
    >>> al = pd.DataFrame({"column": ["speaker"], "alias": ["MoD"], "canonical": ["Defence Ministry"]})
    >>> apply_aliases(st, al)["speaker"].tolist()
    ['Defence Ministry', 'Putin']
    """
    mapping = {c: m for c, m in alias_map(aliases).items() if c in statements.columns}
    if not mapping:
        return statements
    out = statements.copy()
    for column, names in mapping.items():
        out[column] = out[column].replace(names).astype(statements[column].dtype)
    return out


def alias_problems(aliases: pd.DataFrame, lines: np.ndarray, statements: pd.DataFrame | None) -> list[Problem]:
    """Errors in an aliases table (a column that names no source, an alias equal to its canonical name, an
    alias chain) and warnings for aliases no statement uses. ``aliases`` and ``statements`` are string tables.

    >>> al = pd.DataFrame({"column": ["spaeker", "speaker"], "alias": ["a", "b"], "canonical": ["b", "b"]})
    >>> for p in alias_problems(al, np.array([2, 3]), None):
    ...     print(p)
    aliases.csv line 2, column: 'spaeker' is not a column aliases can rename; allowed: outlet, speaker, cited_source
    aliases.csv line 3, alias: 'b' is the same as its canonical name; delete the row
    """
    problems: list[Problem] = []
    rows = list(zip(lines.tolist(), aliases["column"], aliases["alias"], aliases["canonical"]))
    alias_line = {(c, a): line for line, c, a, _ in rows}
    for line, column, alias, canonical in rows:
        if column not in ALIAS_COLUMNS:
            problems.append(
                Problem(
                    ALIASES_FILE,
                    line,
                    "column",
                    column,
                    f"is not a column aliases can rename; allowed: {', '.join(ALIAS_COLUMNS)}",
                )
            )
            continue
        if alias == canonical:
            same = "is the same as its canonical name; delete the row"
            problems.append(Problem(ALIASES_FILE, line, "alias", alias, same))
        elif (column, canonical) in alias_line:
            problems.append(
                Problem(
                    ALIASES_FILE,
                    line,
                    "canonical",
                    canonical,
                    f"is itself an alias (line {alias_line[column, canonical]}); give the final name, so that no "
                    "alias points to another alias",
                )
            )
        elif statements is not None and column in statements.columns and not (statements[column] == alias).any():
            problems.append(
                Problem(
                    ALIASES_FILE,
                    line,
                    "alias",
                    alias,
                    f"is not used in statements.csv column {column}; check the spelling",
                    "warning",
                )
            )
    return problems


def likely_aliases(statements: pd.DataFrame) -> pd.DataFrame:
    """Names of sources (outlet, speaker, cited_source, pooled) that fold to the same key: one row per name.

    Columns: ``key`` (the folded name), ``column``, ``name``, ``rows`` (statements using it) and
    ``first`` (its first row's position), sorted by key, then rows descending, then column (outlet,
    speaker, cited_source). Only keys with two or more distinct spellings are listed.

    >>> st = pd.DataFrame({"outlet": ["TASS"] * 3, "cited_source": [None, None, "Russian Ministry of Defence"],
    ...     "speaker": ["Russian Defence Ministry", "Russian Defence Ministry", "editorial"]})
    >>> likely_aliases(st)[["column", "name", "rows"]].values.tolist()
    [['speaker', 'Russian Defence Ministry', 2], ['cited_source', 'Russian Ministry of Defence', 1]]
    """
    parts = []
    for column in ALIAS_COLUMNS:
        if column not in statements.columns:
            continue
        codes, uniques = pd.factorize(statements[column], use_na_sentinel=True)
        if not len(uniques):
            continue
        # factorize numbers names in order of first appearance: a name's first row is where the running max rises
        first = np.flatnonzero(np.diff(np.maximum.accumulate(np.r_[-1, codes])) > 0)
        rows = np.bincount(codes[codes >= 0], minlength=len(uniques))
        parts.append(
            pd.DataFrame({"column": column, "name": np.asarray(uniques, dtype=object), "rows": rows, "first": first})
        )
    columns = ["key", "column", "name", "rows", "first"]
    if not parts:
        return pd.DataFrame(columns=columns)
    names = pd.concat(parts, ignore_index=True)
    names["key"] = [fold(str(n)) for n in names["name"]]
    names["_column"] = names["column"].map({c: i for i, c in enumerate(ALIAS_COLUMNS)})
    spellings = names.groupby("key")["name"].transform("nunique")
    found = names[(spellings > 1) & (names["key"] != "")]
    return found.sort_values(["key", "rows", "_column", "name"], ascending=[True, False, True, True], kind="mergesort")[
        columns
    ].reset_index(drop=True)


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def _csv_row(fields: list[str]) -> str:
    """Fields as one CSV line, quoted where needed.

    >>> _csv_row(["speaker", "Smith, John", "John Smith"])
    'speaker,"Smith, John",John Smith'
    """
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue()


def likely_alias_warnings(statements: pd.DataFrame, lines: np.ndarray) -> list[Problem]:
    """One warning per spelling that looks like another name's alias, at that spelling's first statement line.

    The first spelling of a key in :func:`likely_aliases` (the most used; on a tie, an outlet's name) is
    taken as the name to keep; each other spelling is warned about.
    """
    found = likely_aliases(statements)
    problems = []
    for _, group in found.groupby("key", sort=True):
        keep = group.iloc[0]
        for _, row in group.iloc[1:].iterrows():
            if row["name"] == keep["name"]:
                continue  # the same spelling in another column
            problems.append(
                Problem(
                    "statements.csv",
                    int(lines[row["first"]]),
                    row["column"],
                    row["name"],
                    f"({_rows(row['rows'])}) looks like the same name as {keep['name']!r} in {keep['column']} "
                    f"({_rows(keep['rows'])}), once case, spaces, punctuation and word order are set aside; if they "
                    f"are one source, add the row {_csv_row([row['column'], row['name'], keep['name']])} to "
                    f"{ALIASES_FILE}",
                    "warning",
                )
            )
    return problems
