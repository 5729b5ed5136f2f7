"""``framelens synth --rows N --out FOLDER [--seed S]``: a realistic synthetic dataset (tests, benchmarks)."""

from __future__ import annotations

import argparse

from framelens.dataset.synth import write_synthetic


def run(args: argparse.Namespace) -> int:
    folder = write_synthetic(args.out, args.rows, args.seed)
    print(f"wrote {args.rows} synthetic statements to {folder}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("synth", help="write a realistic synthetic dataset (for tests and benchmarks)")
    p.add_argument("--rows", type=int, required=True, help="number of statements")
    p.add_argument("--out", required=True, help="folder to write (created if missing)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.set_defaults(func=run)
