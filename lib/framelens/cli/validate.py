"""``framelens validate FOLDER [--lenient [--rejects FILE]]``: a summary, or every problem with file, line and column.

Exit code 0 valid, 1 invalid, 2 when the rejects file may not be written. With ``--lenient`` invalid rows are set
aside into ``rejects.csv`` (or ``--rejects FILE``) and the rest load. The rejects file is never one of the dataset's
own files, and a file of the user's there is replaced only with ``--force``; when nothing is rejected an existing
rejects file is left as it was.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from framelens.dataset.codebook import dataset_files
from framelens.dataset.csvwrite import write_csv
from framelens.dataset.loader import load_dataset
from framelens.dataset.problems import SHOWN, DatasetError, Problem
from framelens.readiness import readiness_lines
from framelens.safewrite import record, refusal


def _print_warnings(problems: list[Problem]) -> None:
    """Print warnings, at most SHOWN of them, then how many more there are."""
    warnings = [p for p in problems if p.severity == "warning"]
    for w in warnings[:SHOWN]:
        print(f"  warning: {w}")
    if len(warnings) > SHOWN:
        print(f"  ... and {len(warnings) - SHOWN} more warnings")


def run(args: argparse.Namespace) -> int:
    rejects = Path(args.rejects) if args.rejects else Path(args.folder) / "rejects.csv"
    if args.lenient:  # the dataset's own files are refused before anything runs; a user's file only if it is written
        refused = refusal([rejects], "validate --rejects", True, dataset_files(args.folder))
        if refused:
            print(refused)
            return 2
    try:
        ds = load_dataset(args.folder, lenient=args.lenient)
    except DatasetError as exc:
        print(exc)
        _print_warnings(exc.problems)
        return 1
    print(ds.summary())
    _print_warnings(ds.warnings)
    if args.lenient:
        for name in ds.tables():
            read, kept = ds.rows_read.get(name, 0), len(ds.table(name))
            print(f"  {ds.codebook.tables[name].file}: read {read} = kept {kept} + rejected {read - kept}")
        refused = refusal([rejects], "validate --rejects", args.force) if len(ds.rejects) else None
        if refused:
            print(refused)
            return 2
        if len(ds.rejects):
            record([write_csv(ds.rejects, rejects)])
            print(f"  wrote {rejects}: {len(ds.rejects)} rejected rows")
        elif rejects.exists():
            print(f"  nothing rejected; {rejects} left as it was (it describes an earlier run)")
        else:
            print("  nothing rejected; no rejects file written")
    print("\n".join(readiness_lines(ds)))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a dataset folder against the codebook")
    p.add_argument("folder")
    p.add_argument("--lenient", action="store_true", help="set invalid rows aside and load the rest")
    p.add_argument("--rejects", help="where --lenient writes the rejected rows (default FOLDER/rejects.csv)")
    p.add_argument("--force", action="store_true", help="let --lenient replace a rejects file FrameLens did not write")
    p.set_defaults(func=run, needs_folder=True)
