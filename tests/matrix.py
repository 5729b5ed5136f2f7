"""Minimal valid datasets that real users bring, each missing something the shipped data has.

``matrix_datasets(folder)`` writes them and returns name -> folder. Each validates; the report must build every
page for each (tests/test_report_matrix.py).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

VALID = Path(__file__).resolve().parent / "fixtures" / "valid"
REQUIRED = ["statement_id", "event_id", "published_at", "outlet", "outlet_bloc", "speaker", "speaker_bloc", "quote",
            "quote_language", "quote_type", "frame"]


def _rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _statements_only(target: Path, columns: list[str] | None = None, keep=lambda r: True, change=None) -> Path:
    target.mkdir(parents=True)
    header, rows = _rows(VALID / "statements.csv")
    rows = [dict(r, **(change(r) if change else {})) for r in rows if keep(r)]
    _write(target / "statements.csv", columns or header, rows)
    return target


def matrix_datasets(folder: Path) -> dict[str, Path]:
    """The cases: required columns only; no optional tables; one event; one bloc; one statement; no claims;
    no relays and no cross-bloc speakers; no figures; every optional table present but no reliability."""
    folder = Path(folder)
    cases = {
        "required-columns-only": _statements_only(folder / "required-columns-only", REQUIRED),
        "statements-only": _statements_only(folder / "statements-only"),
        "one-event": _statements_only(folder / "one-event", keep=lambda r: r["event_id"] == "ev-alpha"),
        "one-bloc": _statements_only(folder / "one-bloc", change=lambda r: {"outlet_bloc": "western",
                                                                             "speaker_bloc": "western"}),
        "one-statement": _statements_only(folder / "one-statement", keep=lambda r: r["statement_id"] == "s1"),
        "no-claims-no-relays": _statements_only(
            folder / "no-claims-no-relays",
            change=lambda r: {"claim_id": "", "stance": "", "figure": "", "cited_source": "",
                              "speaker_bloc": r["outlet_bloc"]}),
    }
    full = folder / "tables-without-reliability"
    shutil.copytree(VALID, full)
    (full / "reliability.csv").unlink()
    header, rows = _rows(full / "statements.csv")
    _write(full / "statements.csv", header, [dict(r, figure="") for r in rows])
    cases["tables-without-reliability"] = full
    return cases
