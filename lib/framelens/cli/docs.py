"""``framelens docs FOLDER``: regenerate a dataset folder's README.md and datapackage.json from its codebook."""

from __future__ import annotations

import argparse

from framelens.dataset.codebook import codebook_for
from framelens.dataset.docsgen import write_docs


def run(args: argparse.Namespace) -> int:
    for path in write_docs(args.folder, codebook_for(args.folder)):
        print(f"wrote {path}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help="regenerate README.md and datapackage.json of a dataset folder from its codebook")
    p.add_argument("folder")
    p.set_defaults(func=run, needs_folder=True)
