"""Re-execute notebooks in place, top to bottom, with the notebooks folder as working directory.

Usage: ``python -m framelens.publish.runner notebooks/01-data-overview.ipynb [...]`` (``make notebooks``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def run_in_place(path: str | Path, timeout: int = 600) -> None:
    """Execute one notebook and save it with its fresh outputs."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    nbformat.write(nb, path)


def main(argv: list[str] | None = None) -> int:
    paths = argv if argv is not None else sys.argv[1:]
    for p in paths:
        print(f"executing {p}", flush=True)
        run_in_place(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
