"""``framelens sample-reliability FOLDER [--n 60] [--seed 1] [--out FILE] [--force]``: a blank double-coding sheet.

The sheet is never written over one of the dataset's files; an existing sheet is replaced only when FrameLens wrote
it and nobody has filled it in since (a filled-in sheet needs ``--force``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from framelens.dataset.codebook import dataset_files
from framelens.dataset.csvwrite import write_csv
from framelens.dataset.loader import load_or_explain
from framelens.dataset.reliability_sample import CODES, coding_sheet, sample_statements
from framelens.safewrite import record, refusal


def run(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else Path(args.folder) / "reliability-sheet.csv"
    refused = refusal([out], "sample-reliability", args.force, dataset_files(args.folder))
    if refused:
        print(refused)
        return 2
    ds = load_or_explain(args.folder)
    if ds is None:
        return 1
    sample = sample_statements(ds, n=args.n, seed=args.seed)
    record([write_csv(coding_sheet(sample, args.coders), out)])
    per_event = sample["event_id"].value_counts().sort_index()
    print(
        f"wrote {out}: {len(sample)} statements x {len(args.coders)} coders "
        f"({', '.join(f'{e} {k}' for e, k in per_event.items())}). Each coder fills {', '.join(CODES)} "
        "without seeing the others; then keep statement_id, coder and the code columns as reliability.csv."
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sample-reliability", help="write a blank double-coding sheet for a stratified random sample")
    p.add_argument("folder")
    p.add_argument("--n", type=int, default=60, help="statements to sample (default 60)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--coders", nargs="+", default=["coder_a", "coder_b"])
    p.add_argument("--out", help="where to write the sheet (default FOLDER/reliability-sheet.csv)")
    p.add_argument("--force", action="store_true", help="overwrite --out even if FrameLens did not write it as it is")
    p.set_defaults(func=run)
