"""The ``framelens`` command line. Exit codes: 0 ok, 1 invalid data or a failed job, 2 usage error.

    framelens validate data            # summary, or every problem with file, line and column
    framelens validate data --lenient  # set bad rows aside into rejects.csv and go on
    framelens docs data                # regenerate data/README.md and data/datapackage.json
    framelens template my-dataset      # an empty dataset folder with headers and the codebook

Each subcommand lives in its own module with ``register(subparsers)``; the module's parser sets
``func`` to the function that runs it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from framelens import __version__
from framelens.dataset.codebook import CODEBOOK_FILE, codebook_for
from framelens.dataset.docsgen import write_docs
from framelens.dataset.loader import TABLE_ORDER, load_dataset
from framelens.dataset.problems import SHOWN, DatasetError, Problem


def _print_warnings(problems: list[Problem]) -> None:
    """Print warnings, at most SHOWN of them, then how many more there are."""
    warnings = [p for p in problems if p.severity == "warning"]
    for w in warnings[:SHOWN]:
        print(f"  warning: {w}")
    if len(warnings) > SHOWN:
        print(f"  ... and {len(warnings) - SHOWN} more warnings")


def _validate(args: argparse.Namespace) -> int:
    try:
        ds = load_dataset(args.folder, lenient=args.lenient)
    except DatasetError as exc:
        print(exc)
        _print_warnings(exc.problems)
        return 1
    print(ds.summary())
    _print_warnings(ds.warnings)
    if args.lenient:
        rejects = Path(args.rejects) if args.rejects else Path(args.folder) / "rejects.csv"
        for name in ds.tables():
            read, kept = ds.rows_read.get(name, 0), len(ds.table(name))
            print(f"  {ds.codebook.tables[name].file}: read {read} = kept {kept} + rejected {read - kept}")
        if len(ds.rejects):
            ds.rejects.to_csv(rejects, index=False)
            print(f"  {len(ds.rejects)} rejected rows written to {rejects}")
        else:
            stale = rejects.exists()  # an old rejects file would describe another version of the data
            rejects.unlink(missing_ok=True)
            print(f"  no rows rejected{f'; removed the old {rejects}' if stale else ''}")
    return 0


def _docs(args: argparse.Namespace) -> int:
    for path in write_docs(args.folder, codebook_for(args.folder)):
        print(f"wrote {path}")
    return 0


def _template(args: argparse.Namespace) -> int:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framelens", description="Compare how outlets of different blocs framed the same events."
    )
    parser.add_argument("--version", action="version", version=f"FrameLens {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a dataset folder against the codebook")
    p.add_argument("folder")
    p.add_argument("--lenient", action="store_true", help="set invalid rows aside and load the rest")
    p.add_argument("--rejects", help="where --lenient writes the rejected rows (default FOLDER/rejects.csv)")
    p.set_defaults(func=_validate)

    p = sub.add_parser("docs", help="regenerate README.md and datapackage.json of a dataset folder from its codebook")
    p.add_argument("folder")
    p.set_defaults(func=_docs)

    p = sub.add_parser("template", help="write an empty dataset folder with headers and the codebook")
    p.add_argument("folder")
    p.set_defaults(func=_template)

    for module in _subcommand_modules():
        module.register(sub)
    return parser


def _subcommand_modules() -> list:
    """Modules that add their own subcommands (report, sample-reliability, synth, ...)."""
    from framelens.cli import report
    from framelens.dataset import reliability_sample, synth

    return [report, reliability_sample, synth]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in ("validate", "docs") and not Path(args.folder).is_dir():
        print(f"framelens {args.command}: {args.folder} is not a folder")
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
