"""``framelens notebooks copy DIR`` puts the numbered notebooks in a folder of yours for editing (they read
``DATA`` from their ``parameters`` cell); ``framelens notebooks run NB ...`` re-executes notebooks in place
(``make notebooks``)."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from framelens.publish.report import NOTEBOOK_DIR
from framelens.publish.runner import NotebookFailed, run_in_place


def _copy(args: argparse.Namespace) -> int:
    target = Path(args.folder)
    sources = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]-*.ipynb"))
    clashes = [target / s.name for s in sources if (target / s.name).exists()]
    if clashes and not args.force:
        print(
            f"framelens notebooks copy: {len(clashes)} notebooks already exist in {target} "
            f"({', '.join(c.name for c in clashes[:3])}{', ...' if len(clashes) > 3 else ''}); "
            "nothing written. Choose another folder, or add --force to overwrite them"
        )
        return 2
    target.mkdir(parents=True, exist_ok=True)
    for s in sources:
        shutil.copyfile(s, target / s.name)
    print(f"wrote {len(sources)} notebooks to {target}; set DATA in each one's parameters cell to your dataset folder")
    return 0


def _run(args: argparse.Namespace) -> int:
    for path in args.notebooks:
        print(f"executing {path}", flush=True)
        try:
            run_in_place(path)
        except NotebookFailed as exc:
            print(f"FAILED {path}: {exc}")
            return 1
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("notebooks", help="copy the notebooks into a folder of yours, or re-execute notebooks in place")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    c = actions.add_parser("copy", help="copy the numbered notebooks into FOLDER for editing")
    c.add_argument("folder")
    c.add_argument("--force", action="store_true", help="overwrite notebooks of the same name in FOLDER")
    c.set_defaults(func=_copy)
    r = actions.add_parser("run", help="re-execute notebooks in place (after a change to the package or the data)")
    r.add_argument("notebooks", nargs="+")
    r.set_defaults(func=_run)
