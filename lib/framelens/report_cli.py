"""``framelens report --data FOLDER --out DIR``: validate, then build the HTML reports."""

from __future__ import annotations

import argparse
from pathlib import Path

from framelens.loader import load_dataset
from framelens.problems import DatasetError
from framelens.report import build_reports


def run(args: argparse.Namespace) -> int:
    try:
        load_dataset(args.data)
    except DatasetError as exc:
        print(exc)
        return 1
    notebooks = [Path(n) for n in args.notebooks] if args.notebooks else None
    result = build_reports(args.data, args.out, notebooks)
    for path in result.written:
        print(f"wrote {path}")
    for name, error in result.failed.items():
        print(f"FAILED {name}: {error}")
    return 1 if result.failed else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="build the HTML reports for a dataset")
    p.add_argument("--data", default="data", help="dataset folder (default: data)")
    p.add_argument("--out", default="reports", help="output folder (default: reports)")
    p.add_argument("--notebooks", nargs="+", help="notebooks to run (default: all numbered notebooks)")
    p.set_defaults(func=run)
