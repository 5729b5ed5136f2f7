import csv

import numpy as np
import pandas as pd
import pytest

from framelens import DatasetError, load_codebook, load_dataset
from helpers import ROOT, VALID, rewrite_cell


def _records(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


VALID_FOLDERS = [VALID, VALID.parent / "xss", VALID.parent / "no_reliability", ROOT / "data"]


@pytest.mark.parametrize("folder", VALID_FOLDERS, ids=lambda p: p.name)
@pytest.mark.parametrize("table", ["statements", "events", "claims", "outlets", "reliability"])
def test_no_row_is_lost_and_values_are_unchanged(folder, table):
    ds = load_dataset(folder)
    frame = ds.table(table)
    path = folder / ds.codebook.tables[table].file
    if not path.exists():
        assert frame is None
        return
    records = _records(path)
    assert len(frame) == len(records)
    # aliases.csv, where the folder has one, renames statements' variant spellings: the only change allowed
    renamed = {}
    if table == "statements" and (folder / "aliases.csv").exists():
        for r in _records(folder / "aliases.csv"):
            renamed.setdefault(r["column"], {})[r["alias"]] = r["canonical"]
    for col in records[0]:
        for got, want in zip(frame[col], (renamed.get(col, {}).get(r[col], r[col]) for r in records)):
            if want == "":
                assert pd.isna(got)
            elif isinstance(got, pd.Timestamp):
                assert got == pd.Timestamp(want, tz=got.tz) if got.tz is None else got == pd.to_datetime(want, utc=True)
            elif isinstance(got, float):
                assert got == float(want)
            else:
                assert str(got) == want


def test_line_numbers_are_physical_even_with_multiline_fields():
    ds = load_dataset(VALID)
    # statement s6 has a quoted note spanning two lines, so s7 starts on line 9, not 8
    lines = dict(zip(ds.statements["statement_id"], ds.lines["statements"]))
    assert lines["s6"] == 7 and lines["s7"] == 9
    assert "\n" in ds.statements.loc[ds.statements["statement_id"] == "s6", "notes"].item()


def test_dtypes_follow_the_codebook():
    ds = load_dataset(VALID)
    st = ds.statements
    cb = load_codebook()
    assert list(st["outlet_bloc"].cat.categories) == cb.codes("bloc")
    assert st["label_valence"].cat.ordered and not st["frame"].cat.ordered
    assert str(st["published_at"].dt.tz) == "UTC"
    assert st["figure"].dtype == "Float64"
    # +03:00 is converted to UTC
    s2 = st.loc[st["statement_id"] == "s2", "published_at"].item()
    assert s2 == pd.Timestamp("2023-05-22T12:20", tz="UTC")
    assert ds.events["start_date"].dtype.kind == "M"


def test_cyrillic_text_survives():
    ds = load_dataset(VALID)
    assert ds.statements["quote"].str.contains("Диверсионно").any()


def test_bom_is_accepted(valid_copy):
    path = valid_copy / "statements.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_dataset(valid_copy).statements) == 9


def test_all_problems_are_reported_at_once(valid_copy):
    st = valid_copy / "statements.csv"
    rewrite_cell(st, 0, "frame", "liberaton")
    rewrite_cell(st, 1, "outlet_bloc", "Russian")
    rewrite_cell(st, 2, "published_at", "2023-02-30")
    with pytest.raises(DatasetError) as err:
        load_dataset(valid_copy)
    text = str(err.value)
    assert "3 problems found" in text
    assert (
        "statements.csv line 2, frame: 'liberaton' is not an allowed frame (did you mean 'liberation_resistance'?)"
        in text
    )
    assert (
        "statements.csv line 3, outlet_bloc: 'Russian' is not an allowed bloc (wrong case: did you mean 'russian'?)"
        in text
    )
    assert "statements.csv line 4, published_at: '2023-02-30' is not a real calendar date-time" in text


def test_foreign_keys_and_bloc_agreement(valid_copy):
    st = valid_copy / "statements.csv"
    rewrite_cell(st, 0, "event_id", "ev-alfa")
    rewrite_cell(st, 1, "outlet_bloc", "western")
    rewrite_cell(st, 3, "claim_id", "alpha-c9")
    with pytest.raises(DatasetError) as err:
        load_dataset(valid_copy)
    text = str(err.value)
    assert "line 2, event_id: 'ev-alfa' does not exist in events.csv (did you mean 'ev-alpha'?)" in text
    assert (
        "line 3, outlet_bloc: 'western' disagrees with outlets.csv line 2, which gives 'Outlet R' the bloc 'russian'"
        in text
    )
    assert "line 5, claim_id: 'alpha-c9' does not exist in claims.csv" in text


def test_conditional_columns(valid_copy):
    st = valid_copy / "statements.csv"
    rewrite_cell(st, 0, "label_valence", "")  # actor_label set, valence missing
    rewrite_cell(st, 6, "claim_id", "")  # stance without claim
    with pytest.raises(DatasetError) as err:
        load_dataset(valid_copy)
    text = str(err.value)
    assert "line 2, label_valence: is empty but required when actor_label is set" in text
    assert "line 9, stance: 'questions' is set but claim_id is empty" in text


def test_unknown_column_warns_and_is_kept(valid_copy):
    st = valid_copy / "statements.csv"
    with st.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with st.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([rows[0] + ["extra"]] + [r + ["x"] for r in rows[1:]])
    ds = load_dataset(valid_copy)
    assert list(ds.statements["extra"]) == ["x"] * 9
    assert any(w.column == "extra" and "not a column" in w.message for w in ds.warnings)


def test_lenient_sets_bad_rows_aside_and_reconciles(valid_copy):
    st = valid_copy / "statements.csv"
    rewrite_cell(st, 0, "frame", "liberaton")
    rewrite_cell(st, 4, "event_id", "nope")
    ds = load_dataset(valid_copy, lenient=True)
    assert len(ds.statements) == 7
    assert ds.rows_read["statements"] == len(ds.statements) + int((ds.rejects["file"] == "statements.csv").sum())
    assert sorted(ds.rejects.loc[ds.rejects["file"] == "statements.csv", "line"]) == [2, 6]
    # s1 and s5 go, and the reliability rows coding them go with them (broken foreign key)
    assert set(ds.reliability["statement_id"]) == {"s4"}
    assert ds.rows_read["reliability"] == 6 and len(ds.reliability) == 2


def test_strict_is_default(valid_copy):
    rewrite_cell(valid_copy / "statements.csv", 0, "frame", "liberaton")
    with pytest.raises(DatasetError):
        load_dataset(valid_copy)


def test_missing_folder_and_missing_statements(tmp_path):
    with pytest.raises(DatasetError, match="is not a folder"):
        load_dataset(tmp_path / "nope")
    with pytest.raises(DatasetError, match="statements.csv: is missing"):
        load_dataset(tmp_path)


def test_lines_align_with_rows():
    ds = load_dataset(VALID)
    for name, frame in ds.tables().items():
        assert len(ds.lines[name]) == len(frame)
        assert np.all(np.diff(ds.lines[name]) > 0)


def test_ids_must_start_with_a_letter_or_digit(valid_copy):
    """An id is also a file name (briefs/<event_id>.html), so '..' or '-x' is refused up front."""
    rewrite_cell(valid_copy / "statements.csv", 0, "statement_id", "..")
    with pytest.raises(
        DatasetError, match=r"line 2, statement_id: '\.\.' is not a valid id \(start with a letter or digit"
    ):
        load_dataset(valid_copy)


def _add_page_kind(path, kinds):
    """Append a page_kind column to statements.csv, one value per data row (missing ones empty)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[0].append("page_kind")
    for i, row in enumerate(rows[1:]):
        row.append(kinds.get(i, ""))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def _off_site(ds):
    return [(w.line, w.value) for w in ds.warnings if w.column == "url" and "page_kind" in w.message]


def test_a_url_off_the_outlets_site_without_page_kind_is_warned(valid_copy):
    st = valid_copy / "statements.csv"
    rewrite_cell(st, 1, "url", "https://copies.example.net/r/s2")  # s2, Outlet R (example.org), line 3
    rewrite_cell(st, 2, "url", "https://news.example.org/r/s3")  # a subdomain of the outlet's site: its own
    rewrite_cell(st, 0, "url", "https://t.example.net/gov")  # Governor (Telegram) has no url in outlets.csv
    ds = load_dataset(valid_copy)
    assert _off_site(ds) == [(3, "https://copies.example.net/r/s2")]
    (warning,) = [w for w in ds.warnings if w.column == "url"]
    assert warning.severity == "warning" and "example.net" in warning.message and "example.org" in warning.message


def test_page_kind_silences_the_off_site_warning_and_its_values_are_checked(valid_copy):
    st = valid_copy / "statements.csv"
    rewrite_cell(st, 1, "url", "https://copies.example.net/r/s2")
    rewrite_cell(st, 3, "url", "https://www.copies.example.net/u/s4")  # s4, line 5
    _add_page_kind(st, {1: "mirror"})
    ds = load_dataset(valid_copy)
    assert _off_site(ds) == [(5, "https://www.copies.example.net/u/s4")]
    assert ds.statements["page_kind"].iloc[1] == "mirror"
    rewrite_cell(st, 1, "page_kind", "scraper")  # not in the page_kind vocabulary
    with pytest.raises(DatasetError, match="page_kind"):
        load_dataset(valid_copy)
