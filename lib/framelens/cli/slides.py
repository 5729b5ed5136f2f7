"""``framelens slides [--data DATA] [--out DIR] [--notebook NB]``: the start-here notebook as an offline handout and
a reveal.js deck (``DIR/<notebook>-handout.html`` and ``DIR/<notebook>-slides.html``), run on DATA first.

Either file, when it exists and FrameLens did not write it, is replaced only with ``--force``."""

from __future__ import annotations

import argparse
from pathlib import Path

from framelens.publish.report import NOTEBOOK_DIR
from framelens.safewrite import record, refusal
from framelens.teaching.slides import write_handout

START_HERE = NOTEBOOK_DIR / "00-start-here.ipynb"


def run(args: argparse.Namespace) -> int:
    notebook = Path(args.notebook)
    out = Path(args.out)
    handout, slides = out / f"{notebook.stem}-handout.html", out / f"{notebook.stem}-slides.html"
    refused = refusal([handout, slides], "slides", args.force, [notebook])
    if refused:
        print(refused)
        return 2
    write_handout(notebook, handout, args.data, slides)
    record([handout, slides])
    print(f"wrote {handout} and {slides}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "slides", help="write an offline handout and reveal.js slides of a notebook (default: start here)"
    )
    p.add_argument("--data", help="run the notebook on this dataset first (default: its committed outputs)")
    p.add_argument("--out", default="reports", help="folder for the two files (default: reports)")
    p.add_argument("--notebook", default=str(START_HERE), help="the notebook (default: 00-start-here)")
    p.add_argument("--force", action="store_true", help="overwrite handout or slides files FrameLens did not write")
    p.set_defaults(func=run)
