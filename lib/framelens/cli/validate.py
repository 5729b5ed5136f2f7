"""``framelens validate FOLDER [--lenient [--rejects FILE]]``: a summary, or every problem with file, line and column.

Exit code 0 valid, 1 invalid. With ``--lenient`` invalid rows are set aside into ``rejects.csv`` and the rest load.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from framelens.dataset.loader import load_dataset
from framelens.dataset.problems import SHOWN, DatasetError, Problem
from framelens.readiness import readiness_lines


def _print_warnings(problems: list[Problem]) -> None:
    """Print warnings, at most SHOWN of them, then how many more there are."""
    warnings = [p for p in problems if p.severity == "warning"]
    for w in warnings[:SHOWN]:
        print(f"  warning: {w}")
    if len(warnings) > SHOWN:
        print(f"  ... and {len(warnings) - SHOWN} more warnings")


def run(args: argparse.Namespace) -> int:
    try:
        ds = load_dataset(args.folder, lenient=args.lenient)
    except DatasetError as exc:
        print(exc)
        _print_warnings(exc.problems)
        return 1
    print(ds.summary())
    _print_warnings(ds.warnings)
    if args.lenient:
        rejects = Path(args.rejects) if args.rejects else Path(args.folder) / "rejects.csv"
        for name in ds.tables():
            read, kept = ds.rows_read.get(name, 0), len(ds.table(name))
            print(f"  {ds.codebook.tables[name].file}: read {read} = kept {kept} + rejected {read - kept}")
        if len(ds.rejects):
            ds.rejects.to_csv(rejects, index=False)
            print(f"  {len(ds.rejects)} rejected rows written to {rejects}")
        else:
            stale = rejects.exists()  # an old rejects file would describe another version of the data
            rejects.unlink(missing_ok=True)
            print(f"  no rows rejected{f'; removed the old {rejects}' if stale else ''}")
    print("\n".join(readiness_lines(ds)))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a dataset folder against the codebook")
    p.add_argument("folder")
    p.add_argument("--lenient", action="store_true", help="set invalid rows aside and load the rest")
    p.add_argument("--rejects", help="where --lenient writes the rejected rows (default FOLDER/rejects.csv)")
    p.set_defaults(func=run, needs_folder=True)
