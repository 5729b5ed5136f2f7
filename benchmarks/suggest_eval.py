"""Leave-one-event-out quality of ``framelens suggest`` on a coded dataset (default: the shipped data).

    python benchmarks/suggest_eval.py [FOLDER] [--seed N]

Prints, per suggested variable, accuracy, macro-F1 and model-vs-human Krippendorff's alpha beside a majority-class
baseline and the human-vs-human alpha of the reliability sample, then the calibration table (all variables pooled,
then per variable).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

import framelens
from framelens.assist.quality import calibration, cross_validate
from framelens.assist.suggest import SEED

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "data"))
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    q = cross_validate(framelens.load_dataset(args.folder), seed=args.seed)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(q.table.round(3).to_string(index=False))
        print()
        print(q.calibration.round(3).to_string(index=False))
        print()
        print(calibration(q.predictions, by_variable=True).round(3).to_string(index=False))


if __name__ == "__main__":
    main()
