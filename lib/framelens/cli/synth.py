"""``framelens synth --rows N --out FOLDER [--seed S] [--force]``: a realistic synthetic dataset (tests, benchmarks).

Refused (exit 2, nothing written) when FOLDER holds a table file that FrameLens did not write, unless ``--force``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from framelens.dataset.codebook import load_codebook
from framelens.dataset.synth import TABLES, write_synthetic
from framelens.safewrite import record, refusal


def run(args: argparse.Namespace) -> int:
    tables = load_codebook().tables
    targets = [Path(args.out) / tables[name].file for name in TABLES]
    refused = refusal(targets, "synth", args.force)
    if refused:
        print(refused)
        return 2
    write_synthetic(args.out, args.rows, args.seed)
    record(targets)
    print(f"wrote {args.rows} synthetic statements: {', '.join(map(str, targets))}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("synth", help="write a realistic synthetic dataset (for tests and benchmarks)")
    p.add_argument("--rows", type=int, required=True, help="number of statements")
    p.add_argument("--out", required=True, help="folder to write (created if missing)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--force", action="store_true", help="overwrite table files in --out that FrameLens did not write")
    p.set_defaults(func=run)
