"""``framelens template FOLDER [--force]``: an empty dataset folder with headers, an overlay codebook (for the values
the dataset adds) and the data dictionary.

A file already in FOLDER that FrameLens did not write (or that was changed since, such as a filled-in
statements.csv) is never replaced without ``--force``; when one is in the way, nothing is written (exit 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from framelens.dataset.codebook import CODEBOOK_FILE, OVERLAY_TEMPLATE, codebook_for
from framelens.dataset.csvwrite import write_csv
from framelens.dataset.docsgen import DOC_FILES, write_docs
from framelens.dataset.loader import TABLE_ORDER
from framelens.safewrite import record, refusal


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    cb = codebook_for(".")
    tables = [folder / cb.tables[name].file for name in TABLE_ORDER]
    targets = [folder / CODEBOOK_FILE, *tables, *(folder / name for name in DOC_FILES)]
    refused = refusal(targets, "template", args.force)
    if refused:
        print(refused)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CODEBOOK_FILE).write_text(OVERLAY_TEMPLATE, encoding="utf-8")
    for name, path in zip(TABLE_ORDER, tables):
        table = cb.tables[name]
        write_csv(pd.DataFrame(columns=list(table.columns) + list(table.codable[:3])), path)
    write_docs(folder, cb)
    record(targets)
    print(
        f"wrote an empty dataset to {folder}: {', '.join(p.name for p in targets)}. Fill statements.csv (one row "
        "per statement); delete the optional tables you do not use. Spreadsheet users: save as CSV UTF-8."
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("template", help="write an empty dataset folder with headers and the codebook")
    p.add_argument("folder")
    p.add_argument("--force", action="store_true", help="overwrite files in FOLDER that FrameLens did not write")
    p.set_defaults(func=run)
