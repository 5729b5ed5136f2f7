"""Read a CSV file into strings, keeping each record's physical line number.

Every problem found while reading (encoding, delimiter, quoting, field counts) is collected as a
:class:`~framelens.problems.Problem`, never raised as a traceback.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = p.write_text('a,b\\n1,"x\\ny"\\n2,z\\n', encoding="utf-8")
>>> t = read_csv_strings(p)
>>> t.lines, t.rows[1]
([2, 4], ['2', 'z'])
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from framelens.problems import Problem

csv.field_size_limit(2**31 - 1)

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@dataclass
class RawTable:
    """A CSV read as text: header, rows of strings and the physical line each row starts on."""

    file: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    problems: list[Problem] = field(default_factory=list)
    bad_rows: dict[int, list[str]] = field(default_factory=dict)  # line -> fields of unparseable rows

    @property
    def fatal(self) -> bool:
        return any(p.severity == "error" and p.line is None for p in self.problems)


def _guess_encoding(data: bytes) -> str:
    """Name the likely 8-bit encoding of bytes that are not UTF-8."""
    text = data.decode("cp1251", errors="replace")
    high = sum(1 for b in data if b >= 0x80)
    cyr = len(_CYRILLIC.findall(text))
    if high and cyr / high > 0.6:
        return "cp1251 (Windows Cyrillic)"
    return "Latin-1 / cp1252 (Western European)"


def decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (BOM allowed); otherwise say which encoding the bytes look like."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(file, None, None, None, "looks like UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [Problem(file, line, None, None, "contains NUL bytes (a binary file, or UTF-16 without a byte-order mark?); save it as UTF-8 CSV")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = _guess_encoding(data)
        return None, [Problem(file, line, None, None, f"is not valid UTF-8 (first bad byte on this line); it looks like {guess}: save it as UTF-8")]


def _delimiter_problem(header_line: str, file: str) -> Problem | None:
    if "," in header_line:
        return None
    for delim, name in ((";", "semicolons"), ("\t", "tabs")):
        if delim in header_line:
            return Problem(file, 1, None, None, f"the header is separated by {name}, not commas; save it as comma-separated CSV (UTF-8)")
    return None


def read_csv_strings(path: str | Path) -> RawTable:
    """Read a CSV file as strings, one list per record, with physical line numbers."""
    path = Path(path)
    file = path.name
    data = path.read_bytes()
    table = RawTable(file=file, header=[], rows=[], lines=[])
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        table.problems.append(Problem(file, None, None, None, "is empty: it needs a header row and at least one data row"))
        return table
    text, problems = decode(data, file)
    if text is None:
        table.problems.extend(problems)
        return table
    first_line = text.split("\n", 1)[0]
    delim = _delimiter_problem(first_line, file)
    if delim:
        table.problems.append(delim)
        return table

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    header: list[str] | None = None
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            msg = str(exc)
            if "unexpected end of data" in msg or "EOF" in msg:
                table.problems.append(Problem(file, start, None, None, "a quoted field starts on this line and its closing quote is missing (unbalanced quotes)"))
                break
            table.problems.append(Problem(file, start, None, None, f"cannot be parsed as CSV ({msg}); check the quotes on this line"))
            table.bad_rows[start] = []
            start = reader.line_num + 1
            continue
        line = start
        start = reader.line_num + 1
        if not record or (len(record) == 1 and record[0].strip() == "" and header is not None):
            continue  # blank line: skipped, and line numbers stay physical
        if header is None:
            header = record
            continue
        table.rows.append(record)
        table.lines.append(line)
    if header is None:
        table.problems.append(Problem(file, None, None, None, "is empty: it needs a header row and at least one data row"))
        return table
    table.header = [h.strip() for h in header]
    _check_header(table, header)
    _check_widths(table)
    return table


def _check_header(table: RawTable, raw_header: list[str]) -> None:
    seen: dict[str, int] = {}
    for i, name in enumerate(table.header, start=1):
        if name == "":
            # a header that ends in commas ("a,b,") gives empty names: only an error if data fills them
            continue
        if name != raw_header[i - 1]:
            table.problems.append(Problem(table.file, 1, name, raw_header[i - 1], "the column name has spaces around it; remove them", severity="warning"))
        if name in seen:
            table.problems.append(Problem(table.file, 1, name, None, f"the column {name!r} appears twice in the header (columns {seen[name]} and {i})"))
        seen.setdefault(name, i)


def _check_widths(table: RawTable) -> None:
    """Rows must have as many fields as the header; empty extras (trailing commas) only warn."""
    width = len(table.header)
    while width and table.header[width - 1] == "":
        width -= 1
    named = width
    kept_rows, kept_lines = [], []
    trailing = []
    for record, line in zip(table.rows, table.lines):
        if len(record) > named and all(f.strip() == "" for f in record[named:]):
            if len(record) != len(table.header) or len(table.header) != named:
                trailing.append(line)
            record = record[:named]
        if len(record) != named:
            table.problems.append(Problem(table.file, line, None, None, f"has {len(record)} fields where the header has {named}; check for a missing or extra comma or an unquoted comma in a value"))
            table.bad_rows[line] = record
            continue
        kept_rows.append(record)
        kept_lines.append(line)
    if len(table.header) != named:
        table.header = table.header[:named]
        table.problems.append(Problem(table.file, 1, None, None, "the header ends with empty column names (trailing commas); they are ignored", severity="warning"))
    if trailing:
        shown = ", ".join(map(str, trailing[:5])) + (" ..." if len(trailing) > 5 else "")
        table.problems.append(Problem(table.file, trailing[0], None, None, f"{len(trailing)} row(s) end with extra empty fields (trailing commas), lines {shown}; they are ignored", severity="warning"))
    table.rows, table.lines = kept_rows, kept_lines
