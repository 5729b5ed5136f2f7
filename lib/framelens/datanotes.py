"""Data notes: every warning the loader gave, in plain words, with what the tables do with such rows.

A warning never stops a dataset from loading, so its rows are counted like any other unless the note
says otherwise. :func:`data_notes` lists them for a reader; :func:`data_notes_summary` counts them by
kind and :func:`data_notes_sentence` says it in one sentence.

>>> data_notes_sentence(data_notes(ds))
'The loader noted nothing about this dataset: no row needs a caveat.'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from framelens.dataset.loader import Dataset
from framelens.dataset.problems import Problem

# (pattern in the warning's message, kind, its plural, what the tables do with such rows); the first match wins
KINDS: tuple[tuple[str, str, str], ...] = (
    (
        r"is before the start of event",
        "date before the event's start",
        "dates before the event's start",
        "Counted in every share, ledger and track record as usual; timelines and briefs show it as days before "
        "the event's start (a negative delay), and it can be the event's first statement.",
    ),
    (
        r"date-times have no UTC offset",
        "date-time without a time zone",
        "date-times without a time zone",
        "Read as UTC and counted as usual; hours in timelines can be off by the missing offset.",
    ),
    (
        r"looks like the same name as",
        "likely alias",
        "likely aliases",
        "The spellings count as separate sources in track records, ledgers, relay graphs and first statements "
        "until aliases.csv merges them.",
    ),
    (
        r"is not used in statements\.csv column",
        "unused alias",
        "unused aliases",
        "Has no effect: no statement has that spelling.",
    ),
    (
        r"is on .*, not on the site of",
        "link off the outlet's site",
        "links off the outlet's site",
        "Counted as usual; only which copy of the words was read is unclear.",
    ),
    (
        r"has a header but no data rows",
        "empty table",
        "empty tables",
        "The table is read as absent: sections that need it say so and are left out.",
    ),
    (
        r"is not a column of .* in the codebook|holds machine suggestions",
        "column outside the codebook",
        "columns outside the codebook",
        "Kept in the table but not checked; no analysis reads it.",
    ),
    (
        r"have every field empty|trailing commas|spaces around it in the header",
        "layout quirk",
        "layout quirks",
        "Ignored or trimmed when read; no row's values change.",
    ),
)
OTHER = ("other", "other", "Loaded as usual; read the note.")
STATEMENTS_FILE = "statements.csv"
COLUMNS = ["kind", "file", "line", "column", "value", "note", "effect"]


def note_kind(problem: Problem) -> tuple[str, str]:
    """The kind of a warning and what the tables do with such rows.

    >>> note_kind(Problem("statements.csv", 5, "published_at", "2023-01-01", "is before the start of event 'e'"))[0]
    "date before the event's start"
    """
    for pattern, kind, _, effect in KINDS:
        if re.search(pattern, problem.message):
            return kind, effect
    return OTHER[0], OTHER[2]


def data_notes(ds: Dataset, columns: Iterable[str] | None = None, event: str | None = None) -> pd.DataFrame:
    """One row per loader warning: kind, file, line, column, value, note (the warning in words), effect.

    ``columns`` keeps only the notes on those columns (a page shows the notes that touch it);
    ``event`` only the notes on that event's statements. Rows are in the loader's order (file, line, column).

    >>> from framelens import load_dataset
    >>> notes = data_notes(load_dataset("tests/bad_inputs/published-before-event"))
    >>> notes[["kind", "line", "column"]].values.tolist()
    [["date before the event's start", 2, 'published_at']]
    """
    keep = None if columns is None else set(columns)
    lines = None
    if event is not None:
        on_event = (ds.statements["event_id"] == event).fillna(False).to_numpy(dtype=bool)
        lines = set(ds.lines["statements"][on_event].tolist())
    rows = []
    for p in ds.warnings:
        if keep is not None and p.column not in keep:
            continue
        if lines is not None and not (p.file == STATEMENTS_FILE and p.line in lines):
            continue
        kind, effect = note_kind(p)
        rows.append((kind, p.file, p.line, p.column, p.value, str(p), effect))
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["line"] = out["line"].astype("Int64")
    return out


def data_notes_summary(notes: pd.DataFrame) -> pd.DataFrame:
    """Notes counted by kind (most first, then kind), with what the tables do with such rows.

    >>> from framelens import load_dataset
    >>> data_notes_summary(data_notes(load_dataset("tests/bad_inputs/likely-alias"))).values.tolist()[0][:2]
    ['unused alias', 2]
    """
    counts = notes.groupby(["kind", "effect"], sort=False).size().rename("n").reset_index()
    return counts.sort_values(["n", "kind"], ascending=[False, True], kind="mergesort")[
        ["kind", "n", "effect"]
    ].reset_index(drop=True)


def data_notes_sentence(notes: pd.DataFrame, about: str = "this dataset") -> str:
    """One sentence on the notes: how many, of which kinds; ``about`` names what they cover.

    >>> from framelens import load_dataset
    >>> print(data_notes_sentence(data_notes(load_dataset("tests/bad_inputs/likely-alias"))))
    The loader noted 3 things about this dataset (2 unused aliases, 1 likely alias); the data notes list them.
    """
    if not len(notes):
        return f"The loader noted nothing about {about}: no row needs a caveat."
    parts = [_count(int(n), kind) for kind, n in data_notes_summary(notes)[["kind", "n"]].itertuples(index=False)]
    return (
        f"The loader noted {_count(len(notes), 'thing')} about {about} ({', '.join(parts)}); the data notes list them."
    )


def _count(n: int, kind: str) -> str:
    """``n kind``, plural from :data:`KINDS` when n is not 1.

    >>> _count(1, "likely alias"), _count(2, "likely alias")
    ('1 likely alias', '2 likely aliases')
    """
    plural = {k: many for _, k, many, _ in KINDS} | {OTHER[0]: OTHER[1], "thing": "things"}
    return f"{n} {kind if n == 1 else plural[kind]}"
