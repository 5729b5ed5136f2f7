"""Load a dataset folder into validated, typed tables.

>>> ds = load_dataset("tests/fixtures/valid")          # doctest: +SKIP
>>> ds.statements["outlet_bloc"].cat.categories[0]     # doctest: +SKIP
'ukrainian'

Strict by default: any error raises one :class:`DatasetError` listing every problem. With
``lenient=True`` rows with errors are set aside in ``Dataset.rejects`` (file, line, reasons) and the
rest load; problems with a whole file (encoding, missing column) still raise.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from framelens.codebook import Codebook, Column, codebook_for
from framelens.csvread import RawTable, read_csv_strings
from framelens.problems import DatasetError, Problem, sort_problems
from framelens.validate import OFFSET_RE, check_reference, check_table, is_empty, parse_datetimes, table_columns

TABLE_ORDER = ("statements", "events", "claims", "outlets", "reliability")


@dataclass
class Dataset:
    """The validated tables of one dataset folder (optional tables are None when absent)."""

    folder: Path
    codebook: Codebook
    statements: pd.DataFrame
    events: pd.DataFrame | None = None
    claims: pd.DataFrame | None = None
    outlets: pd.DataFrame | None = None
    reliability: pd.DataFrame | None = None
    lines: dict[str, np.ndarray] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    rejects: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["file", "line", "problems", "record"]))
    rows_read: dict[str, int] = field(default_factory=dict)
    sha256: str = ""

    def table(self, name: str) -> pd.DataFrame | None:
        return getattr(self, name)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables present, in codebook order."""
        return {n: t for n in TABLE_ORDER if (t := self.table(n)) is not None}

    def summary(self) -> str:
        """A few lines for people: rows per table, statements per bloc, date span."""
        n_rejected = len(self.rejects)
        out = [f"{self.folder}: valid" if not n_rejected else f"{self.folder}: loaded leniently, {n_rejected} invalid rows set aside"]
        for name, frame in self.tables().items():
            rejected = int((self.rejects["file"] == self.codebook.tables[name].file).sum())
            extra = f" (read {self.rows_read.get(name, len(frame))}, rejected {rejected})" if rejected else ""
            out.append(f"  {self.codebook.tables[name].file}: {len(frame)} rows{extra}")
        per_bloc = self.statements["outlet_bloc"].value_counts(sort=False)
        out.append("  statements per outlet bloc: " + ", ".join(f"{b} {n}" for b, n in per_bloc.items()))
        dates = self.statements["published_at"]
        if dates.notna().any():
            out.append(f"  published {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}")
        return "\n".join(out)


def _frame(raw: RawTable) -> pd.DataFrame:
    frame = pd.DataFrame(raw.rows, columns=raw.header, dtype=object)
    return frame.fillna("").astype(str) if len(frame) else pd.DataFrame({c: pd.Series([], dtype=str) for c in raw.header})


def _typed(frame: pd.DataFrame, columns: dict[str, Column], codebook: Codebook) -> pd.DataFrame:
    """Convert strings to the codebook's types: categoricals in codebook order, UTC times, numbers."""
    out = {}
    for name in frame.columns:
        values = frame[name]
        empty = is_empty(values)
        col = columns.get(name)
        ctype = col.type if col else "text"
        if ctype == "enum":
            vocab = codebook.vocabularies[col.vocabulary]
            out[name] = pd.Categorical(values.where(~empty, None), categories=vocab.codes, ordered=vocab.ordered)
        elif ctype == "date":
            out[name] = pd.to_datetime(values.where(~empty, None), format="%Y-%m-%d")
        elif ctype == "datetime":
            out[name] = parse_datetimes(values.where(~empty, None))
        elif ctype == "number":
            out[name] = pd.to_numeric(values.where(~empty, None)).astype("Float64")
        else:
            out[name] = values.where(~empty, None).astype("string")
    return pd.DataFrame(out, index=frame.index)


def _fingerprint(folder: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for f in sorted(files):
        digest.update(f.encode())
        digest.update((folder / f).read_bytes())
    return digest.hexdigest()


def _cross_checks(frames: dict[str, pd.DataFrame], lines: dict[str, np.ndarray], codebook: Codebook) -> list[Problem]:
    """Rules that need two tables: foreign keys, outlet blocs, dates against event starts."""
    problems: list[Problem] = []
    for tname, frame in frames.items():
        table = codebook.tables[tname]
        for cname, col in table_columns(table, codebook).items():
            if not col.references or cname not in frame.columns:
                continue
            target_table, target_col = col.references.split(".")
            target = frames.get(target_table)
            if target is None or target_col not in target.columns:
                continue
            problems += check_reference(frame, lines[tname], table.file, cname, target[target_col], codebook.tables[target_table].file)
    st, st_lines = frames.get("statements"), lines.get("statements")
    if st is None:
        return problems
    outlets = frames.get("outlets")
    if outlets is not None and {"outlet", "bloc"} <= set(outlets.columns) and {"outlet", "outlet_bloc"} <= set(st.columns):
        bloc_of = dict(zip(outlets["outlet"], outlets["bloc"]))
        line_of = dict(zip(outlets["outlet"], lines["outlets"]))
        expected = st["outlet"].map(bloc_of)
        valid_bloc = st["outlet_bloc"].isin(codebook.codes("bloc"))
        bad = expected.notna() & expected.ne(st["outlet_bloc"]) & valid_bloc
        for i in np.flatnonzero(bad.to_numpy()):
            o = st["outlet"].iat[i]
            problems.append(Problem("statements.csv", int(st_lines[i]), "outlet_bloc", st["outlet_bloc"].iat[i],
                                    f"disagrees with outlets.csv line {line_of[o]}, which gives {o!r} the bloc {bloc_of[o]!r}"))
    claims = frames.get("claims")
    if claims is not None and {"claim_id", "event_id"} <= set(claims.columns) and {"claim_id", "event_id"} <= set(st.columns):
        event_of_claim = dict(zip(claims["claim_id"], claims["event_id"]))
        claim_event = st["claim_id"].map(event_of_claim)
        events = frames.get("events")
        known_event = st["event_id"].isin(set(events["event_id"])) if events is not None and "event_id" in events.columns else True
        bad = claim_event.notna() & claim_event.ne(st["event_id"]) & known_event
        for i in np.flatnonzero(bad.to_numpy()):
            problems.append(Problem("statements.csv", int(st_lines[i]), "claim_id", st["claim_id"].iat[i],
                                    f"belongs to event {claim_event.iat[i]!r} in claims.csv, but this statement's event_id is {st['event_id'].iat[i]!r}"))
    if "published_at" in st.columns:
        published = parse_datetimes(st["published_at"].where(~is_empty(st["published_at"]), None))
        future = published > pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=1)
        for i in np.flatnonzero(future.to_numpy()):
            problems.append(Problem("statements.csv", int(st_lines[i]), "published_at", st["published_at"].iat[i], "is in the future"))
        present = published.notna()
        with_offset = st["published_at"].str.match(OFFSET_RE) & present
        time_no_offset = st["published_at"].str.contains(r"\d[T ]\d", regex=True) & ~with_offset & present
        if with_offset.any() and time_no_offset.any():
            first = int(st_lines[np.flatnonzero(time_no_offset.to_numpy())[0]])
            problems.append(Problem("statements.csv", first, "published_at", None,
                                    f"{int(time_no_offset.sum())} date-times have no UTC offset while {int(with_offset.sum())} have one; those without are read as UTC", "warning"))
        events = frames.get("events")
        if events is not None and {"event_id", "start_date"} <= set(events.columns) and "event_id" in st.columns:
            start = pd.to_datetime(events["start_date"], format="%Y-%m-%d", errors="coerce").dt.tz_localize("UTC")
            start_of = dict(zip(events["event_id"], start))
            ev_start = st["event_id"].map(start_of)
            early = published.notna() & ev_start.notna() & (published < pd.to_datetime(ev_start, utc=True))
            for i in np.flatnonzero(early.to_numpy()):
                problems.append(Problem("statements.csv", int(st_lines[i]), "published_at", st["published_at"].iat[i],
                                        f"is before the start of event {st['event_id'].iat[i]!r} ({ev_start.iat[i]:%Y-%m-%d}); check the date", "warning"))
    return problems


def load_dataset(folder: str | Path, *, lenient: bool = False, codebook: Codebook | None = None) -> Dataset:
    """Read, validate and type every table of a dataset folder.

    Raises DatasetError listing every problem (file, CSV line, column, value, rule) when the data
    is invalid. Warnings (unknown columns, dates before an event's start) are in ``.warnings``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DatasetError(str(folder), [Problem(str(folder), None, None, None, "is not a folder; a dataset is a folder holding statements.csv")])
    codebook = codebook or codebook_for(folder)
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    lines: dict[str, np.ndarray] = {}
    raws: dict[str, RawTable] = {}
    for tname in TABLE_ORDER:
        table = codebook.tables[tname]
        path = folder / table.file
        if not path.is_file():
            if table.required:
                problems.append(Problem(table.file, None, None, None, f"is missing: every dataset folder needs {table.file}"))
            continue
        raw = read_csv_strings(path)
        problems += raw.problems
        raws[tname] = raw
        if raw.fatal or not raw.header or len(set(raw.header)) != len(raw.header):
            continue
        if not raw.rows and not raw.bad_rows:
            problems.append(Problem(table.file, None, None, None, "has a header but no data rows"))
            continue
        frames[tname] = _frame(raw)
        lines[tname] = np.asarray(raw.lines, dtype=np.int64)
        problems += check_table(frames[tname], lines[tname], table, codebook)

    file_order = [codebook.tables[t].file for t in TABLE_ORDER]
    row_lines = {codebook.tables[t].file: set(r.lines) | set(r.bad_rows) for t, r in raws.items()}
    file_level = [p for p in problems if p.severity == "error" and (p.line is None or p.line not in row_lines.get(p.file, ()))]
    if file_level or "statements" not in frames:
        raise DatasetError(str(folder), sort_problems(problems, file_order))

    rejected: dict[str, set[int]] = {t: set(r.bad_rows) for t, r in raws.items()}
    for p in problems:
        if p.severity == "error":
            tname = next(t for t in raws if codebook.tables[t].file == p.file)
            rejected[tname].add(p.line)
    kept = {t: ~np.isin(lines[t], list(rejected[t])) for t in frames} if lenient else {t: np.ones(len(f), bool) for t, f in frames.items()}
    while True:
        cross = _cross_checks({t: f[kept[t]].reset_index(drop=True) for t, f in frames.items()}, {t: lines[t][kept[t]] for t in frames}, codebook)
        seen = set(problems)
        new = [p for p in cross if p.severity == "error" and p not in seen]
        problems += [p for p in cross if p not in seen]
        if not lenient or not new:
            break
        for p in new:
            tname = next(t for t in frames if codebook.tables[t].file == p.file)
            rejected[tname].add(p.line)
            kept[tname] &= lines[tname] != p.line
    problems = sort_problems(problems, file_order)
    errors = [p for p in problems if p.severity == "error"]
    if errors and not lenient:
        raise DatasetError(str(folder), problems)

    reasons: dict[tuple[str, int], list[str]] = {}
    for p in errors:
        reasons.setdefault((p.file, p.line), []).append(str(p))
    reject_rows = []
    for tname, raw in raws.items():
        by_line = dict(zip(raw.lines, raw.rows)) | raw.bad_rows
        for line in sorted(rejected.get(tname, ())):
            record = ",".join(by_line.get(line, []))
            reject_rows.append({"file": raw.file, "line": line, "problems": " | ".join(reasons.get((raw.file, line), [])), "record": record})

    ds = Dataset(folder=folder, codebook=codebook, statements=pd.DataFrame(),
                 warnings=[p for p in problems if p.severity == "warning"],
                 rejects=pd.DataFrame(reject_rows, columns=["file", "line", "problems", "record"]),
                 rows_read={t: len(r.rows) + len(r.bad_rows) for t, r in raws.items()},
                 sha256=_fingerprint(folder, [codebook.tables[t].file for t in raws]))
    for tname, frame in frames.items():
        keep = kept[tname]
        typed = _typed(frame[keep].reset_index(drop=True), table_columns(codebook.tables[tname], codebook), codebook)
        setattr(ds, tname, typed)
        ds.lines[tname] = lines[tname][keep]
    return ds
