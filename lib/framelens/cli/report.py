"""``framelens report --data FOLDER --out DIR [--event ID ...] [--notebooks ...] [--quiet]``.

Validates the dataset first (stops with the validator's message), then builds the reports (see
:mod:`framelens.publish.report`). Exit code 1 when the data is invalid or any notebook failed, 2 for an
unknown event id.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from framelens.dataset.loader import load_or_explain
from framelens.publish.report import brief_events, build_reports


def run(args: argparse.Namespace) -> int:
    ds = load_or_explain(args.data)
    if ds is None:
        return 1
    try:
        brief_events(ds, args.event)
    except ValueError as exc:
        print(f"framelens report: {exc}")
        return 2
    notebooks = [Path(n) for n in args.notebooks] if args.notebooks else None
    result = build_reports(args.data, args.out, notebooks, events=args.event, quiet=args.quiet, dataset=ds)
    pages = [p for p in result.written if p.name != "index.html"]
    print(f"wrote {len(pages)} pages and {len(result.tables)} table files; open {Path(args.out) / 'index.html'}")
    for name, error in result.failed.items():
        print(f"FAILED {name}: {error}")
    return 1 if result.failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="build the HTML reports, event briefs and tables for a dataset")
    p.add_argument("--data", default="data", help="dataset folder (default: data)")
    p.add_argument("--out", default="reports", help="output folder (default: reports)")
    p.add_argument("--event", nargs="+", metavar="ID", help="brief only these events (default: every event)")
    p.add_argument(
        "--notebooks", nargs="+", help="notebooks to run (default: every numbered notebook except the brief)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)
