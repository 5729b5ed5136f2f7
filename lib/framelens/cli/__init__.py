"""The ``framelens`` command line. Exit codes: 0 ok, 1 invalid data or a failed job, 2 usage error.

    framelens validate data            # summary, or every problem with file, line and column
    framelens report --data data --out reports
    framelens template my-dataset      # an empty dataset folder with headers and the codebook
    framelens --help                   # every command

Each command is one module of this package, named for it, with ``register(subparsers)``: it adds its parser and
sets ``func`` (the function that runs it and returns the exit code). To add a command, write the module and add its
name to ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from framelens import __version__

COMMANDS = (
    "validate",
    "report",
    "template",
    "docs",
    "notebooks",
    "slides",
    "student_copy",
    "sample_reliability",
    "synth",
    "extract",
    "suggest",
    "accept",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framelens", description="Compare how outlets of different blocs framed the same events."
    )
    parser.add_argument("--version", action="version", version=f"FrameLens {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"framelens.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "needs_folder", False) and not Path(args.folder).is_dir():
        print(f"framelens {args.command}: {args.folder} is not a folder")
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:  # `framelens validate data | head -1`: the reader left; stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush does not fail again
        return 1


if __name__ == "__main__":
    sys.exit(main())
