"""Property-based tests: valid data loads intact; mutated data loads or fails with DatasetError, nothing else."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from framelens import DatasetError, load_codebook, load_dataset
from framelens.dataset.csvread import _careful_read, _fast_read
from helpers import VALID

CB = load_codebook()
COLUMNS = list(CB.tables["statements"].columns)
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# text: anything printable or not, but no NUL (a file-level error) and no lone surrogates (not encodable)
TEXT_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TRICKY = st.sampled_from(
    [
        '=HYPERLINK("x")',
        "+1",
        "-2+3",
        "@SUM(A1)",
        "<b>x</b> &amp;",
        'say "hi", then',
        "a\nb",
        "a\r\nb",
        " padded ",
        "Диверсанты",
        "ünïcödé",
        "tab\tsep",
        "semi;colon",
        "'quote'",
        '"',
        '""',
        "back\\slash",
    ]
)
ID = st.builds(
    str.__add__,
    st.sampled_from("abcxyzABC0189"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC0123456789-_.", max_size=11),
)


def _text(min_size: int = 0):
    """Text that is either empty or has a non-space character (white space alone reads as empty)."""
    plain = st.text(TEXT_CHARS, min_size=min_size, max_size=30).filter(
        lambda s: s == "" and min_size == 0 or s.strip() != ""
    )
    return st.one_of(plain, TRICKY)


def _words(text: str) -> str:
    return " ".join(text.split(" ")[:20])


@st.composite
def statements(draw) -> list[dict[str, str]]:
    """1-12 valid statements rows (no optional tables, so no cross-table rules apply)."""
    n = draw(st.integers(1, 12))
    ids = draw(st.lists(ID, min_size=n, max_size=n, unique=True))
    rows = []
    for sid in ids:
        date = draw(st.dates(min_value=pd.Timestamp("2014-01-01").date(), max_value=pd.Timestamp("2025-01-01").date()))
        with_time = draw(st.booleans())
        row = {c: "" for c in COLUMNS}
        row.update(
            {
                "statement_id": sid,
                "event_id": draw(ID),
                "published_at": f"{date.isoformat()}T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}Z"
                if with_time
                else date.isoformat(),
                "outlet": draw(_text(1)),
                "outlet_bloc": draw(st.sampled_from(CB.codes("bloc"))),
                "speaker": draw(_text(1)),
                "speaker_bloc": draw(st.sampled_from(CB.codes("bloc"))),
                "speaker_role": draw(_text()),
                "quote": _words(draw(_text(1))),
                "quote_language": draw(st.sampled_from(["en", "ru", "uk", "zz"])),
                "quote_type": draw(st.sampled_from(CB.codes("quote_type"))),
                "frame": draw(st.sampled_from(CB.codes("frame"))),
                "secondary_frames": ";".join(draw(st.lists(st.sampled_from(CB.codes("frame")), max_size=3))),
                "figure": draw(
                    st.one_of(st.just(""), st.integers(0, 10**9).map(str), st.floats(0, 1e6).map(lambda f: f"{f:.3f}"))
                ),
                "url": draw(st.sampled_from(["", "https://example.org/a?b=c,d", "http://x.y/z"])),
                "notes": draw(_text()),
                "cited_source": draw(_text()),
                "coder": draw(_text()),
            }
        )
        if draw(st.booleans()):
            row["actor_label"], row["label_valence"] = draw(_text(1)), draw(st.sampled_from(CB.codes("label_valence")))
        if draw(st.booleans()):
            row["claim_id"], row["stance"] = draw(ID), draw(st.sampled_from(CB.codes("stance")))
        rows.append(row)
    return rows


def _write(folder: Path, rows: list[dict[str, str]], lineterminator: str = "\r\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "statements.csv").open("w", encoding="utf-8", newline="") as f:
        # with "\n" line ends the csv module leaves a bare "\r" unquoted, which is a line break: quote all then
        quoting = csv.QUOTE_MINIMAL if lineterminator == "\r\n" else csv.QUOTE_ALL
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator=lineterminator, quoting=quoting)
        writer.writeheader()
        writer.writerows(rows)
    return folder


@SETTINGS
@given(rows=statements(), crlf=st.booleans())
def test_random_valid_datasets_load_with_every_value_unchanged(rows, crlf, tmp_path_factory):
    folder = _write(tmp_path_factory.mktemp("ds"), rows, "\r\n" if crlf else "\n")
    ds = load_dataset(folder)
    st_ = ds.statements
    assert len(st_) == len(rows)
    for i, row in enumerate(rows):
        for col, want in row.items():
            got = st_[col].iat[i]
            if want == "":
                assert pd.isna(got), (col, got)
            elif col == "published_at":
                assert got == pd.Timestamp(want.replace("Z", ""), tz="UTC")
            elif col == "figure":
                assert float(got) == float(want)
            else:
                assert str(got) == want, col


def _valid_bytes() -> bytes:
    return (VALID / "statements.csv").read_bytes()


MUTATION = st.tuples(
    st.sampled_from(["insert", "delete", "replace", "truncate", "duplicate_line", "drop_line"]),
    st.floats(0, 1),
    st.sampled_from(
        [b'"', b",", b"\n", b"\r", b";", b"\t", b" ", b"\x00", b"\xff", b"\xd0", b"\xef\xbb\xbf", b"x", b'""', b",,"]
    ),
)


def _mutate(data: bytes, mutations) -> bytes:
    for kind, where, piece in mutations:
        at = int(where * len(data))
        if kind == "insert":
            data = data[:at] + piece + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + len(piece) :]
        elif kind == "replace":
            data = data[:at] + piece + data[at + 1 :]
        elif kind == "truncate":
            data = data[:at]
        else:
            lines = data.split(b"\n")
            k = min(int(where * len(lines)), len(lines) - 1)
            lines = lines[: k + 1] + lines[k:] if kind == "duplicate_line" else lines[:k] + lines[k + 1 :]
            data = b"\n".join(lines)
    return data


@SETTINGS
@given(
    mutations=st.lists(MUTATION, min_size=1, max_size=4),
    table=st.sampled_from(["statements.csv", "events.csv", "claims.csv", "outlets.csv", "reliability.csv"]),
    lenient=st.booleans(),
)
def test_mutated_files_load_or_raise_dataset_error(mutations, table, lenient, tmp_path_factory):
    folder = tmp_path_factory.mktemp("ds")
    shutil.copytree(VALID, folder, dirs_exist_ok=True)
    path = folder / table
    path.write_bytes(_mutate(path.read_bytes(), mutations))
    try:
        ds = load_dataset(folder, lenient=lenient)
    except DatasetError as exc:
        assert exc.problems and all(p.severity in ("error", "warning") for p in exc.problems)
        assert "problem" in str(exc)
        return
    for name, frame in ds.tables().items():
        rejected = int((ds.rejects["file"] == ds.codebook.tables[name].file).sum())
        assert ds.rows_read[name] == len(frame) + rejected
        assert len(ds.lines[name]) == len(frame) and np.all(np.diff(ds.lines[name]) > 0)


@SETTINGS
@given(mutations=st.lists(MUTATION, max_size=3), rows=statements())
def test_fast_and_careful_readers_agree(mutations, rows, tmp_path_factory):
    """Whenever the pyarrow fast path accepts a file, the careful reader reads the same rows and lines."""
    folder = _write(tmp_path_factory.mktemp("ds"), rows)
    data = _mutate((folder / "statements.csv").read_bytes(), mutations)
    fast = _fast_read(data, "statements.csv")
    if fast is None:
        return
    careful = _careful_read(data, "statements.csv")
    assert fast.header == careful.header and not careful.problems and not careful.bad_rows
    assert fast.lines.tolist() == careful.lines.tolist()
    pd.testing.assert_frame_equal(
        fast.frame.reset_index(drop=True), careful.frame.reset_index(drop=True), check_dtype=False
    )


def test_fast_path_is_taken_for_clean_files_and_lines_match(tmp_path):
    text = 'a,b\n1,"x\ny"\n\n2,z\n'
    fast = _fast_read(text.encode(), "t.csv")
    assert fast is not None and fast.lines.tolist() == [2, 5] and fast.frame["b"].tolist() == ["x\ny", "z"]
    assert _fast_read(b'a,b\n1,"x"y\n', "t.csv") is None  # stray quote: the careful reader reports it
    assert _careful_read(io.BytesIO(text.encode()).read(), "t.csv").lines.tolist() == [2, 5]


@settings(SETTINGS, max_examples=300)
@given(
    st.lists(
        st.text(st.sampled_from(list("ab \t\n\x0b\x0c\r\x08\x1f\xa0Жé")), max_size=25)
        | st.text(TEXT_CHARS, max_size=25),
        min_size=1,
        max_size=30,
    )
)
def test_word_counts_match_the_regex(values):
    """The vectorised byte count of words agrees with re.findall(WORD_RE) on any text (the rule's own wording)."""
    import re

    from framelens.dataset.rules import WORD_RE, word_counts

    assert word_counts(pd.Series(values, dtype="str")).tolist() == [len(re.findall(WORD_RE, v)) for v in values]


def _mostly(usual, rare):
    """Values from ``usual`` 19 times in 20, else from ``rare``."""
    return st.integers(0, 19).flatmap(lambda k: usual if k else rare)


def _two(lo: int, hi: int):
    """Two digits, mostly in lo..hi, sometimes anything (impossible months, days, hours)."""
    return _mostly(st.integers(lo, hi), st.integers(0, 99)).map("{:02d}".format)


DATETIMES = st.builds(
    lambda y, m, d, time, frac, zone: f"{y:04d}-{m}-{d}" + (f"{time}{frac}" if time else "") + zone,
    _mostly(st.integers(1700, 2200), st.integers(1, 9999)),
    _two(1, 12),
    _mostly(st.integers(1, 28).map("{:02d}".format), _two(29, 31)),
    st.one_of(
        st.just(""),
        st.builds(
            lambda sep, h, mi, sec: f"{sep}{h}:{mi}{sec}",
            st.sampled_from("T "),
            _two(0, 23),
            _two(0, 59),
            st.one_of(st.just(""), _two(0, 59).map(":{}".format)),
        ),
    ),
    st.one_of(
        st.just(""),
        _mostly(st.integers(1, 6), st.integers(7, 9))
        .flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n))
        .map(".{}".format),
    ),
    st.one_of(
        st.just(""),
        st.just("Z"),
        st.builds(
            lambda s, h, colon, mi: f"{s}{h}{colon}{mi}",
            st.sampled_from("+-"),
            _two(0, 14),
            st.sampled_from(["", ":"]),
            _two(0, 59),
        ),
    ),
)


@settings(SETTINGS, max_examples=400)
@given(st.lists(DATETIMES, min_size=1, max_size=8), st.booleans())
def test_datetimes_parse_as_pandas_does(values, with_missing):
    """The pyarrow fast path of parse_datetimes, when it answers, gives exactly what pandas gives (values, NaT,
    dtype)."""
    from framelens.dataset.rules import _arrow_datetimes, parse_datetimes

    series = pd.Series(values + ([None] if with_missing else []), dtype="str")
    expected = pd.to_datetime(series, format="ISO8601", utc=True, errors="coerce")
    fast = _arrow_datetimes(series)
    if fast is not None:
        pd.testing.assert_series_equal(fast, expected, check_exact=True)
    pd.testing.assert_series_equal(parse_datetimes(series), expected, check_exact=True)


def test_datetimes_fast_path_is_taken():
    """Valid dates and date-times with and without offsets are parsed by pyarrow (the property above then has teeth)."""
    from framelens.dataset.rules import _arrow_datetimes

    series = pd.Series(
        [
            "2023-05-22",
            "2023-05-22T15:20+03:00",
            "2023-05-22 06:00",
            "2023-05-22T06:00:01.5Z",
            "2023-05-22T06:00-0130",
            None,
        ],
        dtype="str",
    )
    assert _arrow_datetimes(series) is not None
    assert _arrow_datetimes(pd.Series(["2023-02-30"], dtype="str")) is None  # impossible date: pandas decides (NaT)


@settings(SETTINGS, max_examples=300)
@given(
    st.integers(1, 4).flatmap(
        lambda k: st.integers(0, 30).flatmap(
            lambda n: st.lists(
                st.one_of(
                    st.lists(st.integers(-3, 3), min_size=n, max_size=n),
                    st.lists(st.integers(-(2**62), 2**62), min_size=n, max_size=n),
                    st.lists(st.integers(0, 2**33), min_size=n, max_size=n),
                    st.lists(st.sampled_from([0, 86_400_000_000, 3 * 86_400_000_000, 2**40]), min_size=n, max_size=n),
                ),
                min_size=k,
                max_size=k,
            )
        )
    )
)
@example(keys=[[0, 1, 2**31, 5], [3 * 2**31 + 1, 1, 0, 7]])  # packed, the two would overflow int64
def test_row_order_is_lexsort(keys):
    """Packed stable sorting orders rows exactly as np.lexsort does (ties in input order)."""
    from framelens._kernels import row_order

    arrays = [np.array(k, dtype=np.int64) for k in keys]
    assert row_order(arrays).tolist() == np.lexsort(arrays[::-1]).tolist()


@settings(SETTINGS, max_examples=200)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),
            st.one_of(st.none(), st.sampled_from(["b", "a", "B", "é", "", "a b"]), st.text(TEXT_CHARS, max_size=3)),
        ),
        max_size=30,
    )
)
def test_row_order_then_text_is_lexsort(rows):
    """Ties broken by a stable text order give np.lexsort's order over (key, text sort key)."""
    from framelens._kernels import row_order, sort_key, text_order

    key = np.array([k for k, _ in rows], dtype=np.int64)
    text = pd.Series([t for _, t in rows], dtype="str")
    assert row_order([key], text_order(text)).tolist() == np.lexsort([sort_key(text), key]).tolist()
