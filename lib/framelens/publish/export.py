"""Write report tables as CSV files and one XLSX workbook that spreadsheets cannot turn into formulas.

Every cell and column name goes through the one CSV writer's rules (``dataset/csvwrite.py``): a text cell with a
formula-like start gets a leading ``'``, numbers stay numbers, line breaks inside a cell are quoted. The workbook
gets the same neutralised cells, so no sheet holds a formula.

>>> slug("brief: EV-Alpha")
'brief-ev-alpha'
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framelens.dataset.csvwrite import neutralise_frame, write_csv

WORKBOOK = "framelens-tables.xlsx"
_SHEET_BAD = re.compile(r"[\[\]:*?/\\']")
_NOT_SLUG = re.compile(r"[^a-z0-9_~-]+")


def slug(name: str, limit: int = 60) -> str:
    """A safe file-name piece: lower case letters, digits, '_', '-' and '~' only.

    >>> slug("Labels: Belgorod-Raid 2023/../x")
    'labels-belgorod-raid-2023-x'
    """
    return _NOT_SLUG.sub("-", name.lower()).strip("-")[:limit] or "table"


def flatten(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as a spreadsheet sees it: a named or non-default index becomes columns, header levels joined by " ".

    >>> cols = pd.MultiIndex.from_tuples([("russian (N=3)", "count"), ("russian (N=3)", "share")])
    >>> flatten(pd.DataFrame([[2, 0.667]], columns=cols, index=pd.Index(["aggression"], name="frame"))).columns.tolist()
    ['frame', 'russian (N=3) count', 'russian (N=3) share']
    """
    out = frame.copy()
    default_index = (
        isinstance(out.index, pd.RangeIndex) and out.index.name is None and out.index.start == 0 and out.index.step == 1
    )
    if not default_index:
        names = [
            n if n is not None else ("index" if out.index.nlevels == 1 else f"index_{i}")
            for i, n in enumerate(out.index.names)
        ]
        out.index = out.index.set_names(names)
        out = out.reset_index()
    out.columns = [" ".join(str(p) for p in c if str(p) != "") if isinstance(c, tuple) else str(c) for c in out.columns]
    return out.reset_index(drop=True)


def _json_cell(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value if isinstance(value, (bool, int, float, str)) else str(value)


def to_payload(frame: pd.DataFrame) -> dict:
    """JSON-safe ``{"columns": [...], "rows": [[...]]}`` of the flattened table (missing values as null)."""
    flat = flatten(frame)
    return {
        "columns": list(flat.columns),
        "rows": [[_json_cell(v) for v in row] for row in flat.itertuples(index=False)],
    }


def from_payload(payload: dict) -> pd.DataFrame:
    """The DataFrame of a :func:`to_payload` dict.

    >>> from_payload(to_payload(pd.DataFrame({"a": [1, None]}))).to_dict("list")
    {'a': [1.0, nan]}
    """
    return pd.DataFrame(payload["rows"], columns=payload["columns"])


@dataclass
class ExportedTable:
    """One table a report showed: which report, its name and caption, and its data (flat columns)."""

    report: str
    name: str
    caption: str
    frame: pd.DataFrame

    @property
    def stem(self) -> str:
        """File name without extension: ``<report>__<name>``."""
        return f"{slug(self.report)}__{slug(self.name)}"


def sheet_names(stems: list[str]) -> list[str]:
    """Unique Excel sheet names (at most 31 characters, no []:*?/\\') for table stems, in order.

    >>> sheet_names(["02-framing__frame_shares", "02-framing__frame_shares"])
    ['02-framing__frame_shares', '02-framing__frame_shares~2']
    """
    names: list[str] = []
    for stem in stems:
        base = _SHEET_BAD.sub("_", stem)[:31] or "table"
        name, k = base, 2
        while name.lower() in {n.lower() for n in names} or name.lower() == "contents":
            suffix = f"~{k}"
            name, k = base[: 31 - len(suffix)] + suffix, k + 1
        names.append(name)
    return names


def write_tables(tables: list[ExportedTable], folder: str | Path) -> list[Path]:
    """Write one CSV per table and one workbook (a "contents" sheet, then one sheet per table) to ``folder``.

    Returns the paths written, CSVs first, workbook last (no workbook when there are no tables).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for t in tables:
        path = folder / f"{t.stem}.csv"
        written.append(write_csv(t.frame, path))
    if not tables:
        return written
    sheets = sheet_names([t.stem for t in tables])
    contents = pd.DataFrame(
        {
            "sheet": sheets,
            "report": [t.report for t in tables],
            "table": [t.name for t in tables],
            "caption": [t.caption for t in tables],
            "rows": [len(t.frame) for t in tables],
            "csv": [f"{t.stem}.csv" for t in tables],
        }
    )
    book = folder / WORKBOOK
    with pd.ExcelWriter(book, engine="openpyxl") as writer:
        neutralise_frame(contents).to_excel(writer, sheet_name="contents", index=False)
        for sheet, t in zip(sheets, tables):
            neutralise_frame(t.frame).to_excel(writer, sheet_name=sheet, index=False)
    make_reproducible(book)
    written.append(book)
    return written


FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def make_reproducible(xlsx: Path) -> None:
    """Rewrite a workbook so the same tables give the same bytes: fixed zip entry times and document dates.

    The workbook's "created" and "modified" properties are set to 1980-01-01 (the zip format's
    epoch); the tables' content is untouched.
    """
    with zipfile.ZipFile(xlsx) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
    with zipfile.ZipFile(xlsx, "w") as dst:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = stamp.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", data)
            dst.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME), data, compress_type=zipfile.ZIP_DEFLATED)
