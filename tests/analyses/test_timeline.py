"""Lags after an event's start and each bloc's first statement, against hand-computed times."""

import pandas as pd
import pytest

import framelens
from framelens.timeline import event_timeline, first_statements
from helpers import VALID


def data() -> tuple[pd.DataFrame, pd.DataFrame]:
    ev = pd.DataFrame(
        {"event_id": ["e1", "e2"], "title": ["One", "Two"], "start_date": pd.to_datetime(["2023-05-22", "2023-06-06"])}
    )
    st = pd.DataFrame(
        {
            "statement_id": ["s1", "s2", "s3", "s4", "s5", "s6"],
            "event_id": ["e1", "e1", "e1", "e1", "e2", "zz"],
            "published_at": pd.to_datetime(
                [
                    "2023-05-22T15:20+03:00",
                    "2023-05-22T06:00Z",
                    "2023-05-22T06:00Z",
                    "2023-05-25",
                    "2023-06-07T12:00Z",
                    "2023-06-07",
                ],
                utc=True,
                format="ISO8601",
            ),
            "speaker_bloc": ["russian", "ukrainian", "ukrainian", "russian", "other", "other"],
            "outlet_bloc": ["russian", "western", "ukrainian", "russian", "other", "other"],
            "outlet": ["TASS", "BBC", "NV", "TASS", "CGTN", "CGTN"],
            "speaker": ["MoD", "Podolyak", "Podolyak", "MoD", "editorial", "editorial"],
            "quote": ["q1", "q2", "q3", "q4", "q5", "q6"],
        }
    )
    return st, ev


def test_lags_in_hours_and_days():
    st, ev = data()
    tl = event_timeline(st, ev).set_index("statement_id")
    assert "s6" not in tl.index  # event not in events
    assert tl.loc["s1", "lag_hours"] == pytest.approx(12 + 20 / 60)  # 15:20 Moscow = 12:20 UTC
    assert tl.loc["s4", "lag_days"] == pytest.approx(3.0)
    assert tl.loc["s5", "lag_hours"] == pytest.approx(36.0)


def test_first_statement_per_bloc_with_ties():
    st, ev = data()
    first = first_statements(st, ev)
    assert first[["event_id", "bloc", "statement_id"]].values.tolist() == [
        ["e1", "ukrainian", "s2"],
        ["e1", "russian", "s1"],
        ["e2", "other", "s5"],
    ]  # s2/s3 tie: lowest id
    by_outlet = first_statements(st, ev, bloc_column="outlet_bloc")
    assert by_outlet[["bloc", "statement_id"]].values.tolist()[:3] == [
        ["ukrainian", "s3"],
        ["russian", "s1"],
        ["western", "s2"],
    ]


def test_fixture_first_statements():
    ds = framelens.load_dataset(VALID)
    first = first_statements(ds.statements, ds.events).set_index(["event_id", "bloc"])
    assert first.loc[("ev-alpha", "russian"), "statement_id"] == "s1"
    assert first.loc[("ev-alpha", "russian_independent"), "lag_days"] == pytest.approx(1.0)
    assert first.loc[("ev-beta", "other"), "statement_id"] == "s7"


def test_timeline_columns():
    st, ev = data()
    own = ["event_id", "title", "event_start", "bloc"]
    lags = ["lag_hours", "lag_days", "is_first"]
    assert list(event_timeline(st, ev).columns) == own + ["statement_id", "published_at", "outlet", "speaker"] + lags
    assert list(event_timeline(st, ev, columns=["quote"]).columns) == own + ["quote"] + lags
    every = event_timeline(st, ev, columns=None)
    assert set(every.columns) == set(st.columns) | set(own) | set(lags)
    assert every.set_index("statement_id").loc["s4", "quote"] == "q4"  # the rows' values travel with them
