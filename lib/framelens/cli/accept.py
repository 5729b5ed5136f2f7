"""``framelens accept SUGGESTED.csv --out accepted.csv [--columns frame,stance] [--min-confidence 0.8]``.

Copies the suggestions into the tags that are still empty and drops those suggestion columns: the explicit step by
which a person takes suggestions. A tag a person set is never replaced.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pandas as pd

from framelens.assist.suggest import AssistError, accept
from framelens.dataset.csvwrite import write_csv
from framelens.safewrite import record, refusal


def read_rows(path: str | Path, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """A CSV of statements as text, or AssistError with a one-line reason (missing, empty, binary, not UTF-8,
    not CSV, a required column missing)."""
    path = Path(path)
    if not path.is_file():
        raise AssistError(f"{path}: no such file")
    raw = path.read_bytes()
    if not raw.strip():
        raise AssistError(f"{path}: the file is empty")
    if b"\x00" in raw[:8192]:
        raise AssistError(f"{path}: a binary file, not CSV")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AssistError(f"{path}: unknown encoding: not UTF-8 (byte 0x{raw[exc.start]:02x} at {exc.start})") from None
    rows = list(csv.reader(text.splitlines()))
    header = rows[0]
    missing = [c for c in required if c not in header]
    if missing:
        raise AssistError(f"{path}: no {', '.join(missing)} column; the header is: {', '.join(header)[:200]}")
    ragged = [i + 1 for i, r in enumerate(rows) if r and len(r) != len(header)]
    if ragged:
        raise AssistError(f"{path}: line {ragged[0]} has a different number of fields from the header")
    return pd.DataFrame(rows[1:], columns=header, dtype=object).fillna("")


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    refused = refusal([out], "accept", args.force)
    if refused:
        print(refused)
        return 2
    columns = [c.strip() for c in args.columns.split(",") if c.strip()] if args.columns else None
    try:
        rows = read_rows(args.suggested)
        result, counts = accept(rows, columns, args.min_confidence)
    except AssistError as exc:
        print(f"framelens accept: {exc}")
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    record([write_csv(result, out)])
    print(
        f"wrote {len(result)} rows to {out}; tags filled from suggestions: "
        + ", ".join(f"{c} {n}" for c, n in counts.items())
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("accept", help="copy reviewed suggestions into the empty tags")
    p.add_argument("suggested", help="a CSV written by framelens suggest")
    p.add_argument("--out", required=True, help="the CSV to write (may be the input with --force)")
    p.add_argument("--columns", help="comma-separated columns to accept (default: all with suggestions)")
    p.add_argument("--min-confidence", type=float, default=0.0, help="accept only suggestions at least this confident")
    p.add_argument("--force", action="store_true", help="overwrite --out even if FrameLens did not write it as it is")
    p.set_defaults(func=run)
