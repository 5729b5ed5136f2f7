"""``framelens template FOLDER``: an empty dataset folder with headers, the codebook and its data dictionary."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from framelens.dataset.codebook import CODEBOOK_FILE, codebook_for
from framelens.dataset.docsgen import write_docs
from framelens.dataset.loader import TABLE_ORDER


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if folder.exists() and any(folder.iterdir()):
        print(f"{folder} exists and is not empty; choose a new folder")
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    cb = codebook_for(".")
    shutil.copyfile(cb.path, folder / CODEBOOK_FILE)
    for name in TABLE_ORDER:
        table = cb.tables[name]
        columns = list(table.columns) + (list(table.codable[:3]) if table.codable else [])
        (folder / table.file).write_text(",".join(columns) + "\n", encoding="utf-8")
    write_docs(folder, cb)
    print(
        f"wrote an empty dataset to {folder}: fill statements.csv (one row per statement); "
        "delete the optional tables you do not use. Spreadsheet users: save as CSV UTF-8."
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("template", help="write an empty dataset folder with headers and the codebook")
    p.add_argument("folder")
    p.set_defaults(func=run)
