"""``framelens report --data FOLDER --out DIR [--event ID ...] [--max-briefs N] [--notebooks ...] [--quiet]``.

Validates the dataset first (stops with the validator's message), then builds the reports (see
:mod:`framelens.publish.report`) beside ``DIR`` and swaps them in. Exit code 1 when the data is invalid or any
notebook failed, 2 for a usage error (an unknown event id, an ``--out`` FrameLens will not write into, a build
already running there), 130 when interrupted (the previous report is left whole).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from framelens.dataset.loader import load_or_explain
from framelens.publish.output import OutputRefused, check_out
from framelens.publish.report import MAX_BRIEFS, brief_events, build_reports


def run(args: argparse.Namespace) -> int:
    why = check_out(args.out, Path(args.data))  # before loading: an --out that is refused costs nothing
    if why:
        print(f"framelens report: {why}")
        return 2
    ds = load_or_explain(args.data)
    if ds is None:
        return 1
    try:
        brief_events(ds, args.event)
    except ValueError as exc:
        print(f"framelens report: {exc}")
        return 2
    notebooks = [Path(n) for n in args.notebooks] if args.notebooks else None
    max_briefs = None if args.max_briefs == 0 else args.max_briefs
    try:
        result = build_reports(
            args.data, args.out, notebooks, events=args.event, quiet=args.quiet, dataset=ds, max_briefs=max_briefs
        )
    except OutputRefused as exc:
        print(f"framelens report: {exc}")
        return 2
    except KeyboardInterrupt:
        print(f"framelens report: interrupted; nothing in {args.out} was changed")
        return 130
    pages = [p for p in result.written if p.name != "index.html"]
    reused = f" ({result.reused} reused unchanged from the last build)" if result.reused else ""
    index = Path(args.out) / "index.html"
    print(f"wrote {len(pages)} pages{reused} and {len(result.tables)} table files; open {index}")
    if result.skipped_briefs:
        print(
            f"  {result.skipped_briefs} events have no brief (the {max_briefs} largest "
            "are briefed); use --max-briefs N or --event ID to brief others"
        )
    for name, error in result.failed.items():
        print(f"FAILED {name}: {error}")
    return 1 if result.failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="build the HTML reports, event briefs and tables for a dataset")
    p.add_argument("--data", default="data", help="dataset folder (default: data)")
    p.add_argument(
        "--out", default="reports", help="output folder: new, empty, or an earlier report (default: reports)"
    )
    p.add_argument("--event", nargs="+", metavar="ID", help="brief only these events (default: the largest events)")
    p.add_argument(
        "--max-briefs",
        type=int,
        default=MAX_BRIEFS,
        metavar="N",
        help=f"brief at most the N events with the most statements (default {MAX_BRIEFS}; 0: every event)",
    )
    p.add_argument(
        "--notebooks", nargs="+", help="notebooks to run (default: every numbered notebook except the brief)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress (a bar on a terminal, else one line per page)")
    p.set_defaults(func=run)
