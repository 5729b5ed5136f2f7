"""Load a dataset folder into validated, typed tables.

>>> ds = load_dataset("tests/fixtures/valid")
>>> ds.statements["outlet_bloc"].cat.categories[0]
'ukrainian'

Strict by default: any error raises one :class:`DatasetError` listing every problem. With
``lenient=True`` rows with errors are set aside in ``Dataset.rejects`` (file, line, reasons) and the
rest load; problems with a whole file (encoding, missing column) still raise.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from framelens._kernels import ordered_map
from framelens.dataset.aliases import alias_problems, apply_aliases, likely_alias_warnings
from framelens.dataset.codebook import CODEBOOK_FILE, Codebook, CodebookError, Column, codebook_for
from framelens.dataset.csvread import RawTable, read_csv_strings
from framelens.dataset.problems import DatasetError, Problem, sort_problems
from framelens.dataset.rules import (
    OFFSET_RE,
    check_reference,
    check_table,
    convert_column,
    empty_cells,
    is_empty,
    isin,
    table_columns,
)

TABLE_ORDER = ("statements", "events", "claims", "outlets", "reliability", "aliases")


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
    aliases: pd.DataFrame | None = None
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
        out = [
            f"{self.folder}: valid"
            if not n_rejected
            else f"{self.folder}: loaded leniently, {n_rejected} invalid rows set aside"
        ]
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


def _typed(
    frame: pd.DataFrame,
    columns: dict[str, Column],
    codebook: Codebook,
    empties: dict[str, pd.Series],
    own: dict[str, Column],
) -> pd.DataFrame:
    """Convert strings to the codebook's types: categoricals in codebook order, UTC times, numbers.

    Values that break their column's rule become missing here; they are errors reported elsewhere. Codebook
    columns of the table (``own``) that the file leaves out (optional ones: required ones are errors) are added,
    empty; codable columns of the reliability table are added only when the file has them.
    Columns are converted in parallel (:func:`framelens._kernels.ordered_map`).
    """
    converted = ordered_map(
        lambda name: convert_column(frame[name], columns.get(name), codebook, empties[name]), frame.columns
    )
    typed = dict(zip(frame.columns, converted))
    blank = pd.Series([""] * len(frame), index=frame.index, dtype=object)
    for name, col in own.items():  # an optional column the file leaves out: present and empty, so every
        if name not in typed:  # analysis sees the table's columns whatever a spreadsheet kept
            typed[name] = convert_column(blank, col, codebook, pd.Series(True, index=frame.index))
    order = [c for c in columns if c in typed]  # codebook order, then the columns it does not know, as in the file
    order += [c for c in frame.columns if c not in columns]
    return pd.DataFrame({c: typed[c] for c in order}, index=frame.index)


def _fingerprint(raws: dict[str, RawTable]) -> str:
    """SHA-256 of the ``sha256sum`` listing of the table files, sorted by name.

    Reproduce it with ``sha256sum claims.csv events.csv ... | sha256sum`` (files in sorted order).
    """
    listing = "".join(f"{r.sha256}  {r.file}\n" for r in sorted(raws.values(), key=lambda r: r.file))
    return hashlib.sha256(listing.encode()).hexdigest()


def _lookup(values: pd.Series, keys: pd.Series, targets: np.ndarray) -> pd.Series:
    """For each value, the target of the first equal key (None/NaT where there is none), in pyarrow.

    >>> _lookup(pd.Series(["b", "x"]), pd.Series(["a", "b"]), np.array(["A", "B"], dtype=object)).tolist()
    ['B', None]
    """
    pos = pc.index_in(pa.array(values.astype("str")), value_set=pa.array(keys.astype("str"))).to_numpy(
        zero_copy_only=False
    )
    found = ~np.isnan(pos) if pos.dtype.kind == "f" else np.ones(len(pos), bool)
    idx = np.where(found, np.nan_to_num(pos, nan=0), 0).astype(np.int64)
    out = targets[idx] if len(targets) else np.empty(len(idx), dtype=targets.dtype)
    if out.dtype.kind == "M":
        out[~found] = np.datetime64("NaT")
    else:
        out = out.astype(object)
        out[~found] = None
        return pd.Series(out, index=values.index, dtype=object)
    return pd.Series(out, index=values.index)


def _rows(mask: pd.Series | np.ndarray) -> np.ndarray:
    return np.flatnonzero(np.asarray(mask, dtype=bool))


class _Distinct:
    """Text columns as integer codes into their distinct values: one hash pass per column, then
    every cross-table rule looks up the few distinct values instead of every row.

    >>> d = _Distinct({"t": pd.DataFrame({"c": ["b", "a", "b"]})})
    >>> codes, uniques = d("t", "c")
    >>> codes.tolist(), uniques.tolist()
    ([0, 1, 0], ['b', 'a'])
    """

    def __init__(self, frames: dict[str, pd.DataFrame]):
        self.frames = frames
        self.done: dict[tuple[str, str], tuple[np.ndarray, pd.Series]] = {}

    def __call__(self, table: str, column: str) -> tuple[np.ndarray, pd.Series]:
        if (table, column) not in self.done:
            codes, uniques = pd.factorize(self.frames[table][column])
            self.done[table, column] = codes, pd.Series(uniques, dtype="str")
        return self.done[table, column]


def _code_in(values: pd.Series, vocabulary: pd.Series) -> np.ndarray:
    """Position of each value in ``vocabulary`` (first match), -1 where absent, -2 where the value is missing.

    >>> _code_in(pd.Series(["b", "x", None], dtype=object), pd.Series(["a", "b"])).tolist()
    [1, -1, -2]
    """
    pos = pc.index_in(pa.array(values.astype("str")), value_set=pa.array(vocabulary.astype("str")))
    out = pc.fill_null(pos, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    out[values.isna().to_numpy()] = -2
    return out


def _host(url: str | None) -> str:
    """The lower-case host of a link without ``www.`` or a trailing dot; '' when there is none.

    >>> _host("https://www.Reuters.com./world/x"), _host("not a link")
    ('reuters.com', '')
    """
    if not isinstance(url, str):
        return ""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:  # a malformed link (reported by the url rule)
        return ""
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _same_site(host: str, home: str) -> bool:
    """True when ``host`` is ``home`` or one of its subdomains (edition.cnn.com on cnn.com).

    >>> [_same_site(h, "cnn.com") for h in ("edition.cnn.com", "cnn.com", "xcnn.com")]
    [True, True, False]
    """
    return host == home or host.endswith("." + home) or home.endswith("." + host)


def _off_site_warnings(
    st: pd.DataFrame, st_lines: np.ndarray, outlets: pd.DataFrame, distinct: _Distinct
) -> list[Problem]:
    """Warnings for statements whose url is on another site than their outlet's home page (outlets.csv
    ``url``) while ``page_kind`` does not say what kind of copy was read."""
    url_codes, url_uniques = distinct("statements", "url")
    outlet_codes, outlet_uniques = distinct("statements", "outlet")
    homes = _lookup(outlet_uniques, outlets["outlet"], outlets["url"].to_numpy(dtype=object))  # per distinct outlet
    url_host = np.array([_host(u) for u in url_uniques], dtype=object)[url_codes]
    home_host = np.array([_host(h) for h in homes], dtype=object)[outlet_codes]
    unsaid = is_empty(st["page_kind"]).to_numpy() if "page_kind" in st.columns else np.ones(len(st), bool)
    idx = _rows(unsaid & (url_host != "") & (home_host != ""))
    return [
        Problem(
            "statements.csv",
            int(st_lines[i]),
            "url",
            st["url"].iloc[i],
            f"is on {url_host[i]}, not on the site of {st['outlet'].iloc[i]!r} ({home_host[i]}, outlets.csv); "
            "say in page_kind what was read (own, syndication_partner, aggregator, mirror)",
            "warning",
        )
        for i in idx.tolist()
        if not _same_site(url_host[i], home_host[i])
    ]


def _cross_checks(
    frames: dict[str, pd.DataFrame], typed: dict[str, pd.DataFrame], lines: dict[str, np.ndarray], codebook: Codebook
) -> list[Problem]:
    """Rules that need two tables: foreign keys, outlet blocs and sites, dates against event starts.

    ``frames`` holds the tables as strings, ``typed`` the same rows converted.
    """
    problems: list[Problem] = []
    distinct = _Distinct(frames)
    for tname, frame in frames.items():
        table = codebook.tables[tname]
        for cname, col in table_columns(table, codebook).items():
            if not col.references or cname not in frame.columns:
                continue
            target_table, target_col = col.references.split(".")
            target = frames.get(target_table)
            if target is None or target_col not in target.columns:
                continue
            problems += check_reference(
                frame,
                lines[tname],
                table.file,
                cname,
                target[target_col].str.strip(),
                codebook.tables[target_table].file,
                distinct=distinct(tname, cname),
            )
    st, st_lines = frames.get("statements"), lines.get("statements")
    if "aliases" in frames and {"column", "alias", "canonical"} <= set(frames["aliases"].columns):
        problems += alias_problems(frames["aliases"], lines["aliases"], st)
    if st is None:
        return problems
    outlets = frames.get("outlets")
    if (
        outlets is not None
        and {"outlet", "bloc"} <= set(outlets.columns)
        and {"outlet", "outlet_bloc"} <= set(st.columns)
    ):
        codes, uniques = distinct("statements", "outlet")
        expected = _lookup(uniques, outlets["outlet"], outlets["bloc"].to_numpy(dtype=object))  # per distinct outlet
        expected_code = _code_in(expected, pd.Series(codebook.codes("bloc")))[codes]
        given = typed["statements"]["outlet_bloc"].cat.codes.to_numpy()  # -1: not an allowed bloc (reported elsewhere)
        idx = _rows((expected_code != -2) & (expected_code != given) & (given >= 0))
        if len(idx):
            first = ~outlets["outlet"].duplicated()
            line_of = dict(zip(outlets["outlet"][first], lines["outlets"][first.to_numpy()].tolist()))
            for i, o, b, e in zip(
                idx.tolist(),
                st["outlet"].iloc[idx].tolist(),
                st["outlet_bloc"].iloc[idx].tolist(),
                expected.iloc[codes[idx]].tolist(),
            ):
                problems.append(
                    Problem(
                        "statements.csv",
                        int(st_lines[i]),
                        "outlet_bloc",
                        b,
                        f"disagrees with outlets.csv line {line_of[o]}, which gives {o!r} the bloc {e!r}",
                    )
                )
    if outlets is not None and {"outlet", "url"} <= set(outlets.columns) and {"outlet", "url"} <= set(st.columns):
        problems += _off_site_warnings(st, st_lines, outlets, distinct)
    claims = frames.get("claims")
    if (
        claims is not None
        and {"claim_id", "event_id"} <= set(claims.columns)
        and {"claim_id", "event_id"} <= set(st.columns)
    ):
        claim_codes, claim_uniques = distinct("statements", "claim_id")
        event_codes, event_uniques = distinct("statements", "event_id")
        claim_event = _lookup(
            claim_uniques, claims["claim_id"], claims["event_id"].to_numpy(dtype=object)
        )  # per distinct claim
        claim_event_code = _code_in(claim_event, event_uniques)[claim_codes]
        events = frames.get("events")
        known_event = (
            isin(event_uniques, events["event_id"]).to_numpy()
            if events is not None and "event_id" in events.columns
            else np.ones(len(event_uniques), bool)
        )
        idx = _rows((claim_event_code != -2) & (claim_event_code != event_codes) & known_event[event_codes])
        for i, c, ce, e in zip(
            idx.tolist(),
            st["claim_id"].iloc[idx].tolist(),
            claim_event.iloc[claim_codes[idx]].tolist(),
            st["event_id"].iloc[idx].tolist(),
        ):
            problems.append(
                Problem(
                    "statements.csv",
                    int(st_lines[i]),
                    "claim_id",
                    c,
                    f"belongs to event {ce!r} in claims.csv, but this statement's event_id is {e!r}",
                )
            )
    if "published_at" in st.columns:
        published = typed["statements"]["published_at"]
        raw = st["published_at"]
        future = (published > pd.Timestamp.now(tz="UTC") + pd.Timedelta(days=1)).fillna(False)
        problems += [
            Problem("statements.csv", line, "published_at", value, "is in the future")
            for line, value in zip(st_lines[future.to_numpy()].tolist(), raw[future.to_numpy()].tolist())
        ]
        present = published.notna()
        with_offset = raw.str.match(OFFSET_RE) & present
        time_no_offset = raw.str.contains(r"\d[T ]\d", regex=True) & ~with_offset & present
        if with_offset.any() and time_no_offset.any():
            first = int(st_lines[_rows(time_no_offset)[0]])
            problems.append(
                Problem(
                    "statements.csv",
                    first,
                    "published_at",
                    None,
                    f"{int(time_no_offset.sum())} date-times have no UTC offset while {int(with_offset.sum())} have "
                    "one; those without are read as UTC",
                    "warning",
                )
            )
        events = frames.get("events")
        if events is not None and "start_date" in typed.get("events", {}) and "event_id" in st.columns:
            event_codes, event_uniques = distinct("statements", "event_id")
            starts = pd.to_datetime(
                _lookup(event_uniques, events["event_id"], typed["events"]["start_date"].to_numpy())
            ).dt.tz_localize("UTC")
            ev_start = pd.Series(starts.array.take(event_codes), index=published.index)
            idx = _rows((published.notna() & ev_start.notna() & (published < ev_start)).fillna(False))
            for i, value, e, d in zip(
                idx.tolist(), raw.iloc[idx].tolist(), st["event_id"].iloc[idx].tolist(), ev_start.iloc[idx].tolist()
            ):
                problems.append(
                    Problem(
                        "statements.csv",
                        int(st_lines[i]),
                        "published_at",
                        value,
                        f"is before the start of event {e!r} ({d:%Y-%m-%d}); check the date",
                        "warning",
                    )
                )
    return problems


def _kept(frame: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """The rows of ``frame`` where ``keep`` is True, renumbered; ``frame`` itself when all are kept."""
    return frame if keep.all() else frame[keep].reset_index(drop=True)


def _record_text(fields: list[str]) -> str:
    """A row as one CSV line, quoted where needed, for rejects.csv."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue()


def _rejects(raws: dict[str, RawTable], rejected: dict[str, np.ndarray], errors: list[Problem]) -> pd.DataFrame:
    """One row per rejected record: file, line, every reason (without the file and line prefix), the record."""
    reasons: dict[tuple[str, int], list[str]] = {}
    for p in errors:
        reasons.setdefault((p.file, p.line), []).append(p.reason())
    parts = []
    for tname, raw in raws.items():
        lines = np.sort(rejected.get(tname, np.zeros(0, dtype=np.int64)))
        if not len(lines):
            continue
        pos = np.searchsorted(raw.lines, lines)
        in_frame = (
            (pos < len(raw.lines)) & (raw.lines[np.minimum(pos, max(len(raw.lines) - 1, 0))] == lines)
            if len(raw.lines)
            else np.zeros(len(lines), bool)
        )
        records = np.empty(len(lines), dtype=object)
        if in_frame.any():
            sub = raw.frame.iloc[pos[in_frame]]
            records[in_frame] = [_record_text(list(r)) for r in sub.itertuples(index=False, name=None)]
        for k in np.flatnonzero(~in_frame):
            records[k] = _record_text(raw.bad_rows.get(int(lines[k]), []))
        parts.append(
            pd.DataFrame(
                {
                    "file": raw.file,
                    "line": lines,
                    "problems": [" | ".join(reasons.get((raw.file, int(line)), [])) for line in lines],
                    "record": records,
                }
            )
        )
    return (
        pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["file", "line", "problems", "record"])
    )


def load_dataset(folder: str | Path, *, lenient: bool = False, codebook: Codebook | None = None) -> Dataset:
    """Read, validate and type every table of a dataset folder.

    Raises DatasetError listing every problem (file, CSV line, column, value, rule) when the data
    is invalid. Warnings (unknown columns, dates before an event's start, likely aliases) are in
    ``.warnings``. The aliases of ``aliases.csv`` are replaced by their canonical names in statements.
    With ``lenient=True`` rows with errors go to ``.rejects`` and the rest load; for every table
    ``rows_read`` = rows kept + rows rejected.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DatasetError(
            str(folder),
            [Problem(str(folder), None, None, None, "is not a folder; a dataset is a folder holding statements.csv")],
        )
    try:
        codebook = codebook or codebook_for(folder)
    except CodebookError as exc:
        raise DatasetError(str(folder), [Problem(CODEBOOK_FILE, exc.line, None, None, exc.reason)]) from None
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    typed: dict[str, pd.DataFrame] = {}
    lines: dict[str, np.ndarray] = {}
    raws: dict[str, RawTable] = {}
    for tname in TABLE_ORDER:
        if tname not in codebook.tables:  # a dataset's own older codebook may not define every table
            continue
        table = codebook.tables[tname]
        path = folder / table.file
        if not path.is_file():
            if table.required:
                problems.append(
                    Problem(table.file, None, None, None, f"is missing: every dataset folder needs {table.file}")
                )
            continue
        raw = read_csv_strings(path)
        problems += raw.problems
        raws[tname] = raw
        if raw.fatal or not raw.header or len(set(raw.header)) != len(raw.header):
            continue
        if not len(raw.frame) and not raw.bad_rows:
            if table.required:
                problems.append(Problem(table.file, None, None, None, "has a header but no data rows"))
            else:  # as ``framelens template`` writes it: the table is absent until it has rows
                problems.append(
                    Problem(
                        table.file,
                        None,
                        None,
                        None,
                        "has a header but no data rows; it is read as absent (fill it in, or delete it)",
                        severity="warning",
                    )
                )
            continue
        frame = raw.frame
        empties = empty_cells(frame)
        frames[tname], lines[tname] = frame, raw.lines
        typed[tname] = _typed(frame, table_columns(table, codebook), codebook, empties, table.columns)
        problems += check_table(frame, raw.lines, table, codebook, empties, converted=typed[tname])

    file_order = [codebook.tables[t].file for t in TABLE_ORDER if t in codebook.tables]
    table_of = {codebook.tables[t].file: t for t in raws}
    row_lines = {
        t: np.concatenate((r.lines, np.fromiter(r.bad_rows, dtype=np.int64, count=len(r.bad_rows))))
        for t, r in raws.items()
    }
    row_errors: dict[str, list[int]] = {t: [] for t in raws}
    file_level = []
    for p in problems:
        if p.severity != "error":
            continue
        t = table_of.get(p.file)
        if p.line is None or t is None or t not in frames:
            file_level.append(p)
        else:
            row_errors[t].append(p.line)
    for t, found in row_errors.items():
        if found:
            outside = ~np.isin(np.asarray(found, dtype=np.int64), row_lines[t])
            if outside.any():  # a header-line problem, such as a duplicate column name
                bad = set(np.asarray(found)[outside].tolist())
                file_level += [
                    p for p in problems if p.severity == "error" and table_of.get(p.file) == t and p.line in bad
                ]
    if file_level or "statements" not in frames:
        raise DatasetError(str(folder), sort_problems(problems, file_order))

    rejected = {t: np.unique(np.asarray(row_errors[t] + list(raws[t].bad_rows), dtype=np.int64)) for t in raws}
    kept = {t: ~np.isin(lines[t], rejected[t]) if lenient else np.ones(len(f), bool) for t, f in frames.items()}
    seen = set(problems)
    while True:
        sub = {t: f[kept[t]].reset_index(drop=True) for t, f in frames.items()}
        sub_typed = {t: f[kept[t]].reset_index(drop=True) for t, f in typed.items()}
        cross = [
            p for p in _cross_checks(sub, sub_typed, {t: lines[t][kept[t]] for t in frames}, codebook) if p not in seen
        ]
        seen.update(cross)
        problems += cross
        new = [p for p in cross if p.severity == "error"]
        if not lenient or not new:
            break
        for t in frames:
            found = np.asarray([p.line for p in new if table_of[p.file] == t], dtype=np.int64)
            if len(found):
                rejected[t] = np.union1d(rejected[t], found)
                kept[t] &= ~np.isin(lines[t], found)
    statements = apply_aliases(
        _kept(typed["statements"], kept["statements"]),
        _kept(typed["aliases"], kept["aliases"]) if "aliases" in typed else None,
    )
    problems += likely_alias_warnings(statements, lines["statements"][kept["statements"]])
    problems = sort_problems(problems, file_order)
    errors = [p for p in problems if p.severity == "error"]
    if errors and not lenient:
        raise DatasetError(str(folder), problems)

    ds = Dataset(
        folder=folder,
        codebook=codebook,
        statements=pd.DataFrame(),
        warnings=[p for p in problems if p.severity == "warning"],
        rejects=_rejects(raws, rejected, errors) if lenient else _rejects({}, {}, []),
        rows_read={t: r.n_read for t, r in raws.items()},
        sha256=_fingerprint(raws),
    )
    for tname, frame in typed.items():
        keep = kept[tname]
        # statements: the kept rows with aliases replaced by their canonical names
        setattr(ds, tname, statements if tname == "statements" else _kept(frame, keep))
        ds.lines[tname] = lines[tname][keep]
        n_rejected = int((ds.rejects["file"] == codebook.tables[tname].file).sum())
        if ds.rows_read[tname] != len(ds.lines[tname]) + n_rejected:
            raise AssertionError(
                f"{tname}: read {ds.rows_read[tname]} != kept {len(ds.lines[tname])} + rejected {n_rejected}"
            )
    return ds


def load_or_explain(folder: str | Path, **kwargs) -> Dataset | None:
    """:func:`load_dataset` for a command: the dataset, or None after printing every problem (the command exits 1).

    >>> load_or_explain("no-such-folder") is None
    no-such-folder: 1 problem found
      no-such-folder: is not a folder; a dataset is a folder holding statements.csv
    True
    """
    try:
        return load_dataset(folder, **kwargs)
    except DatasetError as exc:
        print(exc)
        return None
