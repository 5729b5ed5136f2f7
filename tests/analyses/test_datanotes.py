"""Data notes: every loader warning reaches the reader, with its kind and what the tables do with such rows."""

import shutil

import pytest

from framelens import load_dataset
from framelens.datanotes import KINDS, data_notes, data_notes_sentence, data_notes_summary
from framelens.publish.brief import event_header_html
from helpers import ROOT, VALID

CASES_ROOT = ROOT / "tests" / "bad_inputs"
EXPECTED_KINDS = {  # committed malformed-input cases that load, and the kind of each warning they give
    "datetime-offsets-mixed": ["date-time without a time zone"],
    "extra-column": ["column outside the codebook"],
    "header-spaces": ["layout quirk"],
    "header-trailing-comma": ["layout quirk", "layout quirk"],
    "likely-alias": ["likely alias", "unused alias", "unused alias"],
    "published-before-event": ["date before the event's start"],
    "trailing-commas": ["layout quirk"],
}


@pytest.mark.parametrize("case", sorted(EXPECTED_KINDS))
def test_every_warning_of_a_loading_case_has_a_kind(case):
    ds = load_dataset(CASES_ROOT / case)
    notes = data_notes(ds)
    assert len(notes) == len(ds.warnings)  # none lost
    assert notes["kind"].tolist() == EXPECTED_KINDS[case]
    assert notes["note"].tolist() == [str(p) for p in ds.warnings]
    assert notes["effect"].str.len().gt(20).all()


def test_a_date_before_its_event_is_said_to_be_counted_and_shown_as_negative():
    notes = data_notes(load_dataset(CASES_ROOT / "published-before-event"))
    row = notes.iloc[0]
    assert (row["file"], row["line"], row["column"], row["value"]) == (
        "statements.csv",
        2,
        "published_at",
        "2023-05-20T23:00Z",
    )
    assert "Counted in every share" in row["effect"] and "negative delay" in row["effect"]


def test_columns_keep_the_notes_a_page_needs():
    ds = load_dataset(CASES_ROOT / "likely-alias")
    # the likely alias is on statements' speaker column; the unused aliases are on aliases.csv's alias column
    assert data_notes(ds, columns=["speaker"])["kind"].tolist() == ["likely alias"]
    assert data_notes(ds, columns=["alias"])["kind"].tolist() == ["unused alias", "unused alias"]
    assert data_notes(ds, columns=["published_at"]).empty
    assert list(data_notes(ds, columns=["published_at"]).columns) == list(data_notes(ds).columns)


def test_summary_and_sentence():
    notes = data_notes(load_dataset(CASES_ROOT / "likely-alias"))
    s = data_notes_summary(notes)
    assert s[["kind", "n"]].values.tolist() == [["unused alias", 2], ["likely alias", 1]]
    assert data_notes_sentence(notes) == (
        "The loader noted 3 things about this dataset (2 unused aliases, 1 likely alias); the data notes list them."
    )
    one = data_notes(load_dataset(CASES_ROOT / "published-before-event"))
    assert data_notes_sentence(one).startswith("The loader noted 1 thing about this dataset (1 date before")
    clean = data_notes(load_dataset(VALID))
    assert clean.empty and data_notes_sentence(clean).startswith("The loader noted nothing")
    assert data_notes_summary(clean).empty


def test_a_kind_for_each_pattern_and_a_plural_for_each_kind():
    assert len({k for _, k, _, _ in KINDS}) == len(KINDS) and all(many != one for _, one, many, _ in KINDS)


def test_shipped_data_has_no_notes_and_one_appears_without_aliases(tmp_path):
    assert data_notes(load_dataset(ROOT / "data")).empty
    for f in (ROOT / "data").iterdir():
        if f.is_file() and f.name != "aliases.csv":
            shutil.copy(f, tmp_path / f.name)
    kinds = set(data_notes(load_dataset(tmp_path))["kind"])
    assert kinds == {"likely alias"}


def test_event_keeps_that_event_notes_and_the_brief_header_shows_them():
    ds = load_dataset(CASES_ROOT / "published-before-event")
    assert data_notes(ds, event="ev-alpha")["line"].tolist() == [2]
    assert data_notes(ds, event="ev-beta").empty
    head = event_header_html(ds, "ev-alpha")
    assert "Data notes" in head and "is before the start of event" in head and "negative delay" in head
    assert "Data notes" not in event_header_html(ds, "ev-beta")
