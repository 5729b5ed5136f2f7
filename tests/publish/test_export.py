"""Spreadsheet-safe table export: neutralised cells, flat columns, CSV and XLSX round trips (read back with
openpyxl)."""

from __future__ import annotations

import csv

import numpy as np
import openpyxl
import pandas as pd
import pytest

from framelens.dataset.csvwrite import neutralise, neutralise_frame
from framelens.publish.export import ExportedTable, flatten, from_payload, sheet_names, slug, to_payload, write_tables

DANGEROUS = ["=1+2", "+41 22", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil","x")']


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_starts_get_a_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["plain", "", " =not at start", "Диверсия", "'already", 0, -3, -2.5, np.int64(-4), None]
)
def test_other_values_unchanged(value):
    assert neutralise(value) is value or neutralise(value) == value


def test_numbers_stay_numbers_in_frames():
    df = pd.DataFrame(
        {
            "label": ["=x", "ok", None],
            "count": [-1, 2, 3],
            "share": [-0.5, 0.25, np.nan],
            "bloc": pd.Categorical(["-r", "u", "u"]),
            "text": pd.array(["@a", pd.NA, "b"], dtype="string"),
        }
    )
    out = neutralise_frame(df)
    assert out["label"].tolist()[:2] == ["'=x", "ok"] and pd.isna(out["label"].iat[2])
    assert out["count"].tolist() == [-1, 2, 3] and out["count"].dtype == df["count"].dtype
    assert out["share"].iat[0] == -0.5
    assert list(out["bloc"].astype(object)) == ["'-r", "u", "u"]
    assert out["text"].iat[0] == "'@a" and pd.isna(out["text"].iat[1])
    assert df["label"].iat[0] == "=x"  # the input is not modified


def test_flatten_multiindex_and_named_index():
    cols = pd.MultiIndex.from_tuples([("ukrainian (N=2)", "count"), ("ukrainian (N=2)", "share"), ("", "N")])
    df = pd.DataFrame([[1, 0.5, 2]], columns=cols, index=pd.Index(["aggression"], name="frame"))
    assert flatten(df).columns.tolist() == ["frame", "ukrainian (N=2) count", "ukrainian (N=2) share", "N"]
    assert flatten(pd.DataFrame({"a": [1]})).columns.tolist() == ["a"]


def test_payload_round_trip_keeps_values_and_missing():
    df = pd.DataFrame(
        {
            "when": pd.to_datetime(["2023-05-22T12:00Z"], utc=True),
            "n": [np.int64(3)],
            "x": [np.nan],
            "s": pd.array([pd.NA], dtype="string"),
        }
    )
    payload = to_payload(df)
    assert payload["rows"] == [["2023-05-22T12:00:00+00:00", 3, None, None]]
    back = from_payload(payload)
    assert back.columns.tolist() == ["when", "n", "x", "s"] and back["n"].iat[0] == 3


@pytest.mark.parametrize(
    "name, expected",
    [
        ("frame_shares", "frame_shares"),
        ("Labels Belgorod-Raid-2023", "labels-belgorod-raid-2023"),
        ("../../etc/passwd", "etc-passwd"),
        ("<script>", "script"),
        ("///", "table"),
    ],
)
def test_slug_is_a_safe_file_name(name, expected):
    assert slug(name) == expected


def test_sheet_names_unique_short_and_legal():
    names = sheet_names(["a" * 40, "a" * 40, "x[1]:y*z?/w", "contents"])
    assert all(len(n) <= 31 for n in names)
    assert len({n.lower() for n in names}) == 4
    assert names[2] == "x_1__y_z__w"
    assert names[3] != "contents"


def test_write_tables_csv_and_xlsx_are_neutralised(tmp_path):
    t1 = ExportedTable(
        "02-framing",
        "frame_shares",
        "Frames, N = 3",
        pd.DataFrame({"frame": ["=cmd|' /C calc'!A0", "aggression"], "count": [-1, 2], "share": [0.333, 0.667]}),
    )
    t2 = ExportedTable("brief-ev-alpha", "names", "Names", pd.DataFrame({"label": ["@x", "ДРГ"]}))
    written = write_tables([t1, t2], tmp_path)
    assert [p.name for p in written] == [
        "02-framing__frame_shares.csv",
        "brief-ev-alpha__names.csv",
        "framelens-tables.xlsx",
    ]
    with (tmp_path / "02-framing__frame_shares.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [["frame", "count", "share"], ["'=cmd|' /C calc'!A0", "-1", "0.333"], ["aggression", "2", "0.667"]]
    book = openpyxl.load_workbook(tmp_path / "framelens-tables.xlsx")
    assert book.sheetnames == ["contents", "02-framing__frame_shares", "brief-ev-alpha__names"]
    sheet = book["02-framing__frame_shares"]
    assert sheet["A2"].value == "'=cmd|' /C calc'!A0" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -1 and sheet["B2"].data_type == "n"
    assert book["brief-ev-alpha__names"]["A2"].value == "'@x"
    contents = [[c.value for c in row] for row in book["contents"].iter_rows()]
    assert contents[1] == [
        "02-framing__frame_shares",
        "02-framing",
        "frame_shares",
        "Frames, N = 3",
        2,
        "02-framing__frame_shares.csv",
    ]
    # no cell anywhere in the workbook is a formula
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


def test_no_tables_no_workbook(tmp_path):
    assert write_tables([], tmp_path) == []


def test_workbook_bytes_are_reproducible(tmp_path):
    import time

    import openpyxl

    tables = [ExportedTable("02-x", "shares", "cap", pd.DataFrame({"bloc": ["russian"], "share": [0.5]}))]
    first = write_tables(tables, tmp_path / "a")[-1].read_bytes()
    time.sleep(1.1)  # a new second would change zip entry times and document dates if they were not fixed
    second = write_tables(tables, tmp_path / "b")[-1].read_bytes()
    assert first == second
    book = openpyxl.load_workbook(tmp_path / "b" / "framelens-tables.xlsx")
    assert book["contents"]["A1"].value == "sheet" and len(book.sheetnames) == 2


def test_a_bare_cr_in_a_cell_splits_no_row_and_the_formula_after_it_stays_text(tmp_path):
    frame = pd.DataFrame(
        {"quote": ["calm\r=cmd|' /C calc'!A0", "x\ny", "plain"], "n": [-1, 2, 3], "figure": ["-3", "+1.5", "-2+3"]}
    )
    (path,) = write_tables([ExportedTable("r", "t", "T", frame)], tmp_path)[:1]
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == 4 and b'"calm\r=cmd' in raw  # header + 3 rows; the CR is inside quotes
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [
        ["quote", "n", "figure"],
        ["calm\r=cmd|' /C calc'!A0", "-1", "-3"],
        ["x\ny", "2", "+1.5"],
        ["plain", "3", "'-2+3"],
    ]
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert back.shape == (3, 3) and back["figure"].tolist() == ["-3", "+1.5", "'-2+3"]
    book = openpyxl.load_workbook(tmp_path / "framelens-tables.xlsx")
    cells = [c for row in book["r__t"].iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]  # no formula anywhere in the workbook
