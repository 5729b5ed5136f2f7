"""``framelens student-copy OUT.ipynb [--notebook NB]``: the exercises notebook for students, outputs cleared and
reference answers off."""

from __future__ import annotations

import argparse

from framelens.publish.report import NOTEBOOK_DIR
from framelens.teaching.exercises import student_copy

EXERCISES = NOTEBOOK_DIR / "08-exercises.ipynb"


def run(args: argparse.Namespace) -> int:
    print(f"wrote {student_copy(args.notebook, args.out)}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("student-copy", help="write the exercises notebook for students (no outputs, no answers)")
    p.add_argument("out", help="the notebook file to write")
    p.add_argument("--notebook", default=str(EXERCISES), help="the exercises notebook (default: 08-exercises)")
    p.set_defaults(func=run)
