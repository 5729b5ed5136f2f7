"""Which report sections a dataset cannot fill, each with one plain sentence: what is missing and how to add it.

``limits(ds)`` is the list ``framelens validate`` prints at its end; notebooks call
:func:`framelens.publish.notebook.needs` with the same keys, so the two always agree.

>>> [k for k, _, _ in limits(ds)]  # the fixture ds has every table and a relayed, cross-bloc statement
[]
"""

from __future__ import annotations

import re
from collections.abc import Callable

from framelens.dataset.loader import Dataset


def _filled(ds: Dataset, column: str) -> bool:
    return column in ds.statements and bool(ds.statements[column].notna().any())


# key -> (report section, test that the dataset has what it needs, the sentence when it does not)
NEEDS: dict[str, tuple[str, Callable[[Dataset], bool], str]] = {
    "claims": (
        "Claims and credibility",
        lambda ds: ds.claims is not None and _filled(ds, "claim_id"),
        "no claims.csv (or no statement with a claim_id), so the claim ledger, corroboration, duelling figures "
        "and track records are left out; add claims.csv (claim_id, event_id, claim, verdict) and fill "
        "claim_id and stance in statements.csv to see them",
    ),
    "figures": (
        "Duelling figures",
        lambda ds: _filled(ds, "figure"),
        "no statement gives a figure, so the duelling figures are left out; fill the figure column of "
        "statements.csv for statements that give a number",
    ),
    "events": (
        "Timelines",
        lambda ds: ds.events is not None,
        "no events.csv, so first statements and timelines (lags after each event began) are left out; add "
        "events.csv (event_id, title, start_date) to see them",
    ),
    "relays": (
        "Who relays whom",
        lambda ds: _filled(ds, "cited_source"),
        "no statement has a cited_source, so the relay graph is left out; fill cited_source in "
        "statements.csv where an outlet credits someone else",
    ),
    "blocs": (
        "Comparing blocs",
        lambda ds: ds.statements["outlet_bloc"].nunique() > 1,
        "the statements come from outlets of one bloc only, so there is nothing to compare between blocs; "
        "add statements from outlets of another bloc",
    ),
    "labels": (
        "Naming the actors",
        lambda ds: _filled(ds, "actor_label"),
        "no statement has an actor_label, so the naming tables are left out; fill actor_label and "
        "label_valence in statements.csv",
    ),
    "reliability": (
        "Coder agreement",
        lambda ds: ds.reliability is not None,
        "no reliability.csv, so coder agreement is not measured; `framelens sample-reliability` draws a "
        "double-coding sample",
    ),
}


def limits(ds: Dataset) -> list[tuple[str, str, str]]:
    """(key, section, why) for every report section ``ds`` cannot fill, in a fixed order (empty: all ready).

    >>> import dataclasses
    >>> limits(dataclasses.replace(ds, events=None))[0][1:]  # doctest: +ELLIPSIS
    ('Timelines', 'no events.csv, so first statements and timelines ... to see them')
    """
    return [(key, section, _as_found(ds, why)) for key, (section, ready, why) in NEEDS.items() if not ready(ds)]


def _as_found(ds: Dataset, why: str) -> str:
    """``why`` with "no X.csv" made exact when X.csv is there but has a header and no data rows (read as absent)."""
    for table in ds.codebook.tables.values():
        absent = re.match(rf"no {re.escape(table.file)}( \([^)]*\))?", why)
        header_only = any(
            w.file == table.file and w.message.startswith("has a header but no data rows") for w in ds.warnings
        )  # the loader's note on a table it read as absent
        if absent and ds.table(table.name) is None and header_only:
            return f"{table.file} has a header but no data rows" + why[absent.end() :]
    return why


def readiness_lines(ds: Dataset) -> list[str]:
    """The readiness list for people: one line per limited section, or one line saying every section is ready.

    >>> readiness_lines(ds)
    ['report readiness: every section has the data it needs']
    """
    found = limits(ds)
    if not found:
        return ["report readiness: every section has the data it needs"]
    return ["report readiness: these sections will be limited"] + [f"  {section}: {why}" for _, section, why in found]
