"""Read a CSV file into strings, keeping each record's physical line number.

Every problem found while reading (encoding, delimiter, quoting, field counts) is collected as a
:class:`~framelens.dataset.problems.Problem`, never raised as a traceback.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = p.write_text('a,b\\n1,"x\\ny"\\n2,z\\n', encoding="utf-8")
>>> t = read_csv_strings(p)
>>> t.lines.tolist(), t.frame.iloc[1].tolist()
([2, 4], ['2', 'z'])

Clean UTF-8 files take a fast path (pyarrow, all columns as strings, line numbers from a
vectorised scan of the raw bytes); anything odd (bad quoting, ragged rows, blank-looking lines, old
Mac line ends, other encodings) falls back to the careful reader, which names every problem.
"""

from __future__ import annotations

import csv
import hashlib
import io
import mmap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from framelens.dataset.problems import Problem

csv.field_size_limit(2**31 - 1)


@dataclass
class RawTable:
    """A CSV read as text: header, a frame of strings and the physical line each row starts on."""

    file: str
    header: list[str]
    frame: pd.DataFrame
    lines: np.ndarray
    problems: list[Problem] = field(default_factory=list)
    bad_rows: dict[int, list[str]] = field(default_factory=dict)  # line -> fields of unparseable rows
    sha256: str = ""  # of the file's bytes

    @property
    def fatal(self) -> bool:
        return any(p.severity == "error" and p.line is None for p in self.problems)

    @property
    def n_read(self) -> int:
        """Data records read, the bad ones included."""
        return len(self.frame) + len(self.bad_rows)


def _empty_table(file: str) -> RawTable:
    return RawTable(file=file, header=[], frame=pd.DataFrame(), lines=np.zeros(0, dtype=np.int64))


def _guess_encoding(data: bytes) -> str:
    """Name the likely 8-bit encoding of bytes that are not UTF-8.

    Cyrillic words in cp1251 are runs of high bytes; Western accents (Latin-1) are single high bytes
    between ASCII letters.

    >>> _guess_encoding("Мирные жители".encode("cp1251")), _guess_encoding("Café à Zürich".encode("latin-1"))
    ('cp1251 (Windows Cyrillic)', 'Latin-1 / cp1252 (Western European)')
    """
    high = [i for i, b in enumerate(data) if b >= 0x80]
    if not high:
        return "Latin-1 / cp1252 (Western European)"
    in_runs = sum(1 for i in high if (i > 0 and data[i - 1] >= 0x80) or (i + 1 < len(data) and data[i + 1] >= 0x80))
    if in_runs / len(high) > 0.5:
        return "cp1251 (Windows Cyrillic)"
    return "Latin-1 / cp1252 (Western European)"


def decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (BOM allowed); otherwise say which encoding the bytes look like."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(
                file, None, None, None, "looks like UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"
            )
        ]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [
            Problem(
                file,
                line,
                None,
                None,
                "contains NUL bytes (a binary file, or UTF-16 without a byte-order mark?); save it as UTF-8 CSV",
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = _guess_encoding(data)
        return None, [
            Problem(
                file,
                line,
                None,
                None,
                f"is not valid UTF-8 (first bad byte on this line); it looks like {guess}: save it as UTF-8",
            )
        ]


def _delimiter_problem(header_line: str, file: str) -> Problem | None:
    if "," in header_line:
        return None
    for delim, name in ((";", "semicolons"), ("\t", "tabs")):
        if delim in header_line:
            return Problem(
                file,
                1,
                None,
                None,
                f"the header is separated by {name}, not commas; save it as comma-separated CSV (UTF-8)",
            )
    return None


_SCAN_BLOCK = 1 << 26  # bytes per block when scanning for quotes and newlines
_QUOTE, _NL, _CR, _COMMA = 34, 10, 13, 44
_OPEN_AFTER = np.isin(np.arange(256), (_COMMA, _NL, _QUOTE))
_CLOSE_BEFORE = np.isin(np.arange(256), (_COMMA, _NL, _CR, _QUOTE))


def _positions(buf: np.ndarray, byte: int) -> np.ndarray:
    """Offsets of ``byte`` in ``buf``, scanned block by block to bound memory."""
    parts = [np.flatnonzero(buf[i : i + _SCAN_BLOCK] == byte) + i for i in range(0, len(buf), _SCAN_BLOCK)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _record_lines(buf: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool] | None:
    """Start offset and physical line of every non-blank record, and whether any value spans lines.

    None when the quoting is not strict RFC 4180 (the careful reader then says what is wrong).
    """
    quotes = _positions(buf, _QUOTE)
    if len(quotes) % 2:
        return None
    if len(quotes):
        # RFC 4180: an opening quote follows a comma, a line end or the start (or a quote, for "");
        # a closing quote is followed by a comma, a line end or the end (or a quote)
        opening, closing = quotes[0::2], quotes[1::2]
        before = buf[np.maximum(opening - 1, 0)]
        after = buf[np.minimum(closing + 1, len(buf) - 1)]
        ok_open = _OPEN_AFTER[before] | (opening == 0)
        ok_close = _CLOSE_BEFORE[after] | (closing == len(buf) - 1)
        if not (ok_open.all() and ok_close.all()):
            return None
    newlines = _positions(buf, _NL)
    outside = np.searchsorted(quotes, newlines) % 2 == 0
    multiline = not bool(outside.all())
    ends = newlines[outside]
    starts = np.concatenate(([0], ends + 1))
    lines = np.concatenate(([1], np.flatnonzero(outside) + 2))  # the k-th newline (0-based) ends line k + 1
    stops = np.concatenate((ends, [len(buf)]))
    length = stops - starts
    last_cr = np.zeros(len(stops), dtype=bool)
    has = length > 0
    last_cr[has] = buf[stops[has] - 1] == _CR
    blank = (length == 0) | ((length == 1) & last_cr)
    return starts[~blank], lines[~blank], multiline


@dataclass
class _Plan:
    """What the byte scan found: where the data starts, the header, each record's physical line."""

    start: int  # byte offset of the first data record
    header: list[str]
    lines: np.ndarray
    multiline: bool


def _plan(data) -> _Plan | None:
    """Scan bytes (``bytes`` or a memory map) for the fast path; None when the careful reader must read them."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data.find(b"\x00") != -1:
        return None
    offset = 3 if data[:3] == b"\xef\xbb\xbf" else 0
    buf = np.frombuffer(data, dtype=np.uint8)[offset:]
    if data.find(b"\r") != -1:
        cr = _positions(buf, _CR)
        if cr[-1] == len(buf) - 1 or not np.all(buf[cr + 1] == _NL):
            return None  # old Mac line ends: the careful reader counts lines the same way as the csv module
    scanned = _record_lines(buf)
    del buf  # a view of ``data``: a memory map cannot close while it exists
    if scanned is None:
        return None
    starts, lines, multiline = scanned
    if len(starts) < 2:
        return None
    header_end = int(starts[1])
    try:
        header_text = bytes(data[offset : offset + header_end]).decode("utf-8")
        header = next(csv.reader(io.StringIO(header_text, newline=""), strict=True))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    if len(header) < 2 or len(set(header)) != len(header) or any(h == "" or h != h.strip() for h in header):
        return None
    return _Plan(offset + header_end, header, lines[1:].astype(np.int64), multiline)


def _arrow_read(source, plan: _Plan, file: str) -> RawTable | None:
    """Read the data records (``source`` positioned at ``plan.start``) with pyarrow, every column as text."""
    try:
        table = pacsv.read_csv(
            source,
            read_options=pacsv.ReadOptions(column_names=plan.header, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(newlines_in_values=plan.multiline),
            convert_options=pacsv.ConvertOptions(
                column_types={h: pa.large_string() for h in plan.header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):  # ragged rows, bad UTF-8, ...: the careful reader says where
        return None
    if table.num_rows != len(plan.lines):
        return None
    return _drop_blank_rows(RawTable(file=file, header=plan.header, frame=table.to_pandas(), lines=plan.lines))


def _blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Positions of the rows whose every field is empty or spaces; columns are checked only on the rows left.

    >>> _blank_rows(pd.DataFrame({"a": ["1", "", " "], "b": ["", "", "x"]})).tolist()
    [1]
    """
    rows = np.arange(len(frame))
    for name in frame.columns:
        if not len(rows):
            break
        values = frame[name].to_numpy(dtype=object)[rows]
        rows = rows[np.fromiter((v.strip() == "" for v in values), dtype=bool, count=len(rows))]
    return rows if len(frame.columns) else np.zeros(0, dtype=np.int64)


def _note_blank_rows(table: RawTable, lines: list[int]) -> None:
    """One warning naming every row of empty fields that was set aside."""
    if not lines:
        return
    shown = ", ".join(map(str, lines[:5])) + (" ..." if len(lines) > 5 else "")
    table.problems.append(
        Problem(
            table.file,
            lines[0],
            None,
            None,
            f"{len(lines)} row(s) have every field empty (a spreadsheet's blank rows?), line(s) {shown}; "
            "they are ignored",
            severity="warning",
        )
    )


def _drop_blank_rows(table: RawTable) -> RawTable:
    """Set aside the rows of empty fields that the fast path read as data."""
    blank = _blank_rows(table.frame)
    if len(blank):
        _note_blank_rows(table, table.lines[blank].tolist())
        keep = np.ones(len(table.frame), bool)
        keep[blank] = False
        table.frame = table.frame[keep].reset_index(drop=True)
        table.lines = table.lines[keep]
    return table


def _fast_read(data: bytes, file: str) -> RawTable | None:
    """Read clean UTF-8 CSV bytes with pyarrow; None when the careful reader must take over."""
    plan = _plan(data)
    return _arrow_read(pa.py_buffer(data)[plan.start :], plan, file) if plan else None


MAX_COLUMNS = 1000  # columns a header may have; the codebook's widest table has a few dozen
_HEAD_BYTES = 1 << 20  # bytes read to find and count the header


def header_too_wide(path: Path) -> Problem | None:
    """An error when the header has more than MAX_COLUMNS columns; read from the file's first MiB only.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "wide.csv"
    >>> _ = p.write_text(",".join(f"c{i}" for i in range(1500)) + "\\n1\\n", encoding="utf-8")
    >>> header_too_wide(p).message[:60]
    'the header (line 1) has 1500 columns; at most 1000 are read '
    """
    with path.open("rb") as f:
        head = f.read(_HEAD_BYTES)
    first, newline, _ = head.partition(b"\n")
    if first.count(b",") < MAX_COLUMNS:
        return None
    text = first.decode("utf-8", errors="replace").removeprefix("\ufeff")
    n = len(next(csv.reader([text]), []))
    if n <= MAX_COLUMNS:
        return None
    count = f"{n}" if newline else f"at least {n}"
    return Problem(
        path.name,
        None,
        None,
        None,
        f"the header (line 1) has {count} columns; at most {MAX_COLUMNS} are read "
        "(is this the right file, or a sheet saved sideways?)",
    )


def read_csv_strings(path: str | Path) -> RawTable:
    """Read a CSV file as strings, one row per record, with physical line numbers.

    Large files are scanned through a memory map and then parsed by pyarrow straight from disk,
    so the whole file is never held in memory next to its parsed columns.
    """
    path = Path(path)
    file = path.name
    if (too_wide := header_too_wide(path)) is not None:
        table = _empty_table(file)
        table.problems.append(too_wide)
        return table
    if path.stat().st_size >= 1 << 16:
        digest = hashlib.sha256()
        with (
            path.open("rb") as f,
            mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm,
            ThreadPoolExecutor(max_workers=1) as pool,
        ):
            hashed = pool.submit(digest.update, mm)  # hashlib releases the GIL: hash while scanning
            plan = _plan(mm)
            hashed.result()
        if plan is not None:
            with path.open("rb") as f:
                f.seek(plan.start)
                table = _arrow_read(f, plan, file)
            if table is not None:
                table.sha256 = digest.hexdigest()
                return table
    data = path.read_bytes()
    table = _read(data, file)
    table.sha256 = hashlib.sha256(data).hexdigest()
    return table


def _read(data: bytes, file: str) -> RawTable:
    table = _empty_table(file)
    if len(data) < 4096 and not data.strip(b"\xef\xbb\xbf \t\r\n"):
        table.problems.append(
            Problem(file, None, None, None, "is empty: it needs a header row and at least one data row")
        )
        return table
    return _fast_read(data, file) or _careful_read(data, file)


def _careful_read(data: bytes, file: str) -> RawTable:
    """Python's csv module, record by record: slower, but it can say what is wrong and where."""
    table = _empty_table(file)
    text, problems = decode(data, file)
    del data
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
    rows: list[list[str]] = []
    lines: list[int] = []
    blank: list[int] = []
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            msg = str(exc)
            if "unexpected end of data" in msg or "EOF" in msg:
                table.problems.append(
                    Problem(
                        file,
                        start,
                        None,
                        None,
                        "a quoted field starts on this line and its closing quote is missing (unbalanced quotes)",
                    )
                )
                break
            if "expected after" in msg and reader.line_num > start:
                text = (
                    f"a quoted value starts on this line and runs on to line {reader.line_num}, where its closing "
                    "quote is "
                    'followed by more text (unbalanced quotes?); a quote inside a value must be doubled ("")'
                )
            elif "expected after" in msg:
                text = (
                    "a quoted value is followed by more text before the next comma; a quote inside a value must "
                    'be doubled ("")'
                )
            else:
                text = f"cannot be parsed as CSV ({msg}); check the quotes on this line"
            table.problems.append(Problem(file, start, None, None, text))
            table.bad_rows[start] = []
            start = reader.line_num + 1
            continue
        line = start
        start = reader.line_num + 1
        if not record or (len(record) == 1 and record[0].strip() == "" and header is not None):
            continue  # blank line: skipped, and line numbers stay physical
        if header is not None and all(f.strip() == "" for f in record):
            blank.append(line)  # a row of empty fields (",,,,", as spreadsheets add at the end)
            continue
        if header is None:
            header = record
            continue
        rows.append(record)
        lines.append(line)
    if header is None:
        table.problems.append(
            Problem(file, None, None, None, "is empty: it needs a header row and at least one data row")
        )
        return table
    table.header = [h.strip() for h in header]
    _check_header(table, header)
    _note_blank_rows(table, blank)
    rows, lines = _check_widths(table, rows, lines)
    names = table.header
    table.frame = (
        pd.DataFrame({n: pd.Series([r[i] for r in rows], dtype="str") for i, n in enumerate(names)})
        if len(set(names)) == len(names)
        else pd.DataFrame()
    )
    table.lines = np.asarray(lines, dtype=np.int64)
    return table


def _check_header(table: RawTable, raw_header: list[str]) -> None:
    seen: dict[str, int] = {}
    for i, name in enumerate(table.header, start=1):
        if name == "":
            # a header that ends in commas ("a,b,") gives empty names: only an error if data fills them
            continue
        if name != raw_header[i - 1]:
            table.problems.append(
                Problem(
                    table.file,
                    1,
                    name,
                    raw_header[i - 1],
                    f"has spaces around it in the header; it is read as {name!r}",
                    severity="warning",
                )
            )
        if name in seen:
            table.problems.append(
                Problem(
                    table.file,
                    1,
                    name,
                    None,
                    f"the column {name!r} appears twice in the header (columns {seen[name]} and {i})",
                )
            )
        seen.setdefault(name, i)


def _check_widths(table: RawTable, rows: list[list[str]], lines: list[int]) -> tuple[list[list[str]], list[int]]:
    """Rows must have as many fields as the header; empty extras (trailing commas) only warn."""
    width = len(table.header)
    while width and table.header[width - 1] == "":
        width -= 1
    named = width
    kept_rows, kept_lines = [], []
    trailing = []
    for record, line in zip(rows, lines):
        if len(record) > named and all(f.strip() == "" for f in record[named:]):
            if len(record) != len(table.header) or len(table.header) != named:
                trailing.append(line)
            record = record[:named]
        if len(record) != named:
            table.problems.append(
                Problem(
                    table.file,
                    line,
                    None,
                    None,
                    f"has {len(record)} fields where the header has {named}; check for a missing or extra comma or an "
                    "unquoted comma in a value",
                )
            )
            table.bad_rows[line] = record
            continue
        kept_rows.append(record)
        kept_lines.append(line)
    if len(table.header) != named:
        table.header = table.header[:named]
        table.problems.append(
            Problem(
                table.file,
                1,
                None,
                None,
                "the header ends with empty column names (trailing commas); they are ignored",
                severity="warning",
            )
        )
    if trailing:
        shown = ", ".join(map(str, trailing[:5])) + (" ..." if len(trailing) > 5 else "")
        table.problems.append(
            Problem(
                table.file,
                trailing[0],
                None,
                None,
                f"{len(trailing)} row(s) end with extra empty fields (trailing commas), lines {shown}; "
                "they are ignored",
                severity="warning",
            )
        )
    return kept_rows, kept_lines
