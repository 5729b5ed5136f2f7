"""``framelens suggest DRAFT.csv --data FOLDER --out suggested.csv``: suggested tags learnt from a coded dataset.

Adds ``suggested_<column>`` and ``suggested_<column>_confidence`` for frame, label_valence, stance, claim_id and
speaker_bloc; a tag a person set is never changed and gets no suggestion. Needs the ``assist`` extra.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from framelens.assist.suggest import SEED, SUGGESTED, AssistError, require_sklearn, suggest, suggestion_column
from framelens.cli.accept import read_rows
from framelens.dataset.codebook import dataset_files
from framelens.dataset.csvwrite import write_csv
from framelens.dataset.loader import load_dataset
from framelens.dataset.problems import DatasetError
from framelens.safewrite import record, refusal


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    refused = refusal([out], "suggest", args.force, [args.draft, *dataset_files(args.data)])
    if refused:
        print(refused)
        return 2
    try:
        require_sklearn()
        draft = read_rows(args.draft, required=("quote",))
    except AssistError as exc:
        print(f"framelens suggest: {exc}")
        return 1
    try:
        ds = load_dataset(args.data)
    except DatasetError as exc:
        print(f"framelens suggest: the coded dataset {args.data} is not valid:")
        print(exc)
        return 1
    result = suggest(draft, ds, seed=args.seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    record([write_csv(result, out)])
    made = {c: int(result[suggestion_column(c)].ne("").sum()) for c in SUGGESTED}
    print(
        f"wrote {len(result)} rows with suggestions to {out}: "
        + ", ".join(f"{c} {n}" for c, n in made.items())
        + ". Review them, then `framelens accept` copies the ones you keep into the tags."
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="suggest tags for draft rows, learnt from a coded dataset")
    p.add_argument("draft", help="the draft CSV (from framelens extract, or any statements CSV)")
    p.add_argument("--data", required=True, help="the coded dataset folder to learn from")
    p.add_argument("--out", required=True, help="the CSV to write")
    p.add_argument("--seed", type=int, default=SEED, help=f"random seed of the models (default {SEED})")
    p.add_argument("--force", action="store_true", help="overwrite --out even if FrameLens did not write it as it is")
    p.set_defaults(func=run)
