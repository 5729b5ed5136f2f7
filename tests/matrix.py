"""Minimal valid datasets that real users bring, each missing something the shipped data has (see GAPS).

``matrix_datasets(folder)`` writes them and returns name -> folder. Each validates; the report must build every
page for each (tests/publish/test_report_matrix.py).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from helpers import VALID

REQUIRED = [
    "statement_id",
    "event_id",
    "published_at",
    "outlet",
    "outlet_bloc",
    "speaker",
    "speaker_bloc",
    "quote",
    "quote_language",
    "quote_type",
    "frame",
]


def _rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _case(
    target: Path, columns: list[str] | None = None, keep=lambda r: True, change=None, tables: tuple[str, ...] = ()
) -> Path:
    """The valid fixture's statements.csv (some columns, rows, values changed) and the optional ``tables``."""
    target.mkdir(parents=True)
    header, rows = _rows(VALID / "statements.csv")
    rows = [dict(r, **(change(r) if change else {})) for r in rows if keep(r)]
    _write(target / "statements.csv", columns or header, rows)
    for name in tables:
        shutil.copyfile(VALID / f"{name}.csv", target / f"{name}.csv")
    return target


def _no_claims(r: dict) -> dict:
    return {"claim_id": "", "stance": "", "figure": ""}


# case -> the gaps it exercises (what each report page must say it lacks, and still build)
GAPS = {
    "required-columns-only": "only the required columns: no claims, figures, relays, labels; no optional table",
    "statements-only": "every column but no optional table (no events, claims, outlets, reliability)",
    "one-event": "one event",
    "one-bloc-one-outlet": "one outlet, so one bloc: nothing to compare, no cross-bloc speaker",
    "one-statement": "one statement",
    "events-only-no-cross-bloc": "events.csv only; no claims; no statement whose speaker bloc differs "
    "from its outlet's (relays kept)",
    "claims-only-no-relays": "claims.csv only; no cited_source anywhere (speakers of other blocs kept)",
    "outlets-only-no-figures": "outlets.csv only; no claims, no figures",
    "tables-without-reliability": "events, claims and outlets but no reliability.csv and no figures",
}


def matrix_datasets(folder: Path) -> dict[str, Path]:
    """Write every case of :data:`GAPS` under ``folder``; name -> dataset folder. Each validates."""
    folder = Path(folder)
    cases = {
        "required-columns-only": _case(folder / "required-columns-only", REQUIRED),
        "statements-only": _case(folder / "statements-only"),
        "one-event": _case(folder / "one-event", keep=lambda r: r["event_id"] == "ev-alpha"),
        "one-bloc-one-outlet": _case(
            folder / "one-bloc-one-outlet",
            change=lambda r: {"outlet": "Outlet W", "outlet_bloc": "western", "speaker_bloc": "western"},
        ),
        "one-statement": _case(folder / "one-statement", keep=lambda r: r["statement_id"] == "s1"),
        "events-only-no-cross-bloc": _case(
            folder / "events-only-no-cross-bloc",
            tables=("events",),
            change=lambda r: {**_no_claims(r), "speaker_bloc": r["outlet_bloc"]},
        ),
        "claims-only-no-relays": _case(
            folder / "claims-only-no-relays", tables=("claims",), change=lambda r: {"cited_source": ""}
        ),
        "outlets-only-no-figures": _case(folder / "outlets-only-no-figures", tables=("outlets",), change=_no_claims),
    }
    full = folder / "tables-without-reliability"
    shutil.copytree(VALID, full)
    (full / "reliability.csv").unlink()
    header, rows = _rows(full / "statements.csv")
    _write(full / "statements.csv", header, [dict(r, figure="") for r in rows])
    cases["tables-without-reliability"] = full
    assert list(cases) == list(GAPS)
    return cases
