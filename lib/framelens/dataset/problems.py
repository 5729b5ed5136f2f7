"""Problems found in a dataset, and the one error that lists them all.

>>> p = Problem("statements.csv", 14, "frame", "liberaton", "is not an allowed frame")
>>> str(p)
"statements.csv line 14, frame: 'liberaton' is not an allowed frame"
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

_CONTROLS = [*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_ESCAPES = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in _CONTROLS}  # C0, DEL, C1, bidi controls


def printable(text: str) -> str:
    r"""``text`` with control characters (ESC, BEL, CR, LF, bidi overrides, ...) shown as escapes, safe to print.

    >>> print(printable("\x1b]0;pwned\x07bad\r"))
    \x1b]0;pwned\x07bad\x0d
    """
    return text.translate(_ESCAPES)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or doubtful, for a warning) with one value, row or file."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = printable(self.file) + (f" line {self.line}" if self.line is not None else "")
        return f"{where}, {self.reason()}" if self.column else f"{where}: {self.reason()}"

    def reason(self) -> str:
        """The problem without its file and line, as rejects.csv lists it; control characters are escaped.

        >>> Problem("statements.csv", 14, "frame", "liberaton", "is not an allowed frame").reason()
        "frame: 'liberaton' is not an allowed frame"
        """
        where = f"{self.column}: " if self.column else ""
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            return printable(f"{where}{shown!r} {self.message}")
        return printable(f"{where}{self.message}")


SHOWN = 200  # errors printed in full; the count stays exact and ``.problems`` keeps them all


class DatasetError(ValueError):
    """Invalid data: carries every problem found; the message lists the first SHOWN errors, one per line.

    >>> err = DatasetError("data", [Problem("statements.csv", i, "frame", "x", "is bad") for i in range(2, 205)])
    >>> str(err).splitlines()[0], str(err).splitlines()[-1]
    ('data: 203 problems found', '  ... and 3 more problems (fix these first, or use --lenient to set the rows aside)')
    """

    def __init__(self, folder: str, problems: list[Problem]):
        self.folder = folder
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        lines = [f"{folder}: {len(errors)} problem{'s' if len(errors) != 1 else ''} found"]
        lines += [f"  {p}" for p in errors[:SHOWN]]
        if len(errors) > SHOWN:
            lines.append(
                f"  ... and {len(errors) - SHOWN} more problems (fix these first, or use --lenient to set the rows "
                "aside)"
            )
        super().__init__("\n".join(lines))


def sort_problems(problems: list[Problem], file_order: list[str]) -> list[Problem]:
    """Order problems by file (as listed), then line, then column: the order a person fixes them."""
    rank = {f: i for i, f in enumerate(file_order)}
    return sorted(problems, key=lambda p: (rank.get(p.file, len(rank)), p.line or 0, p.column or "", p.message))
