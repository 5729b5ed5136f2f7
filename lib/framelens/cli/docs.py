"""``framelens docs FOLDER [--force]``: regenerate a dataset folder's README.md and datapackage.json from its codebook.

A README.md or datapackage.json that FrameLens did not write (or that was edited since) is replaced only with
``--force`` (``make docs`` passes it for the repository's own ``data/``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from framelens.dataset.codebook import CodebookError, codebook_for
from framelens.dataset.docsgen import DOC_FILES, write_docs
from framelens.safewrite import record, refusal


def run(args: argparse.Namespace) -> int:
    refused = refusal([Path(args.folder) / name for name in DOC_FILES], "docs", args.force)
    if refused:
        print(refused)
        return 2
    try:
        codebook = codebook_for(args.folder)
    except CodebookError as exc:
        print(f"framelens docs: {exc}")
        return 1
    written = write_docs(args.folder, codebook)
    record(written)
    for path in written:
        print(f"wrote {path}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help="regenerate README.md and datapackage.json of a dataset folder from its codebook")
    p.add_argument("folder")
    p.add_argument(
        "--force", action="store_true", help="overwrite a README.md or datapackage.json FrameLens did not write"
    )
    p.set_defaults(func=run, needs_folder=True)
