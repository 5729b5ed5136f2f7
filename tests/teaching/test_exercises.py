"""Every exercise checker says Right for the right answer and Not yet (with a hint, no solution) for a wrong one.

The right answers here are computed independently with plain pandas / scipy on the shipped data,
not with the functions the checkers call.
"""

from __future__ import annotations

import nbformat
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

import framelens
from framelens.cli import main
from framelens.teaching import exercises as ex
from framelens.teaching.exercises import CheckResult
from helpers import ROOT

EVENT = ex.EVENT


@pytest.fixture(scope="module")
def ds():
    return framelens.load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def rows(ds):
    st = ds.statements
    return st[st["event_id"].astype(str) == EVENT].astype({"outlet_bloc": str, "speaker_bloc": str, "frame": str})


def assert_right(result: CheckResult):
    assert isinstance(result, CheckResult)
    assert result.right and str(result).startswith("Right: "), str(result)


def assert_not_yet(result: CheckResult, *solutions):
    assert not result.right and str(result).startswith("Not yet: "), str(result)
    for s in solutions:
        assert str(s) not in result.message.split("Not yet: ")[-1], f"the hint gives away {s!r}: {result}"


def test_result_prints_right_or_not_yet():
    assert repr(CheckResult("ex1", True, "ok.")) == "Right: ok."
    assert str(CheckResult("ex1", False, "hint.")) == "Not yet: hint."
    assert not CheckResult("ex1", False, "hint.")


def test_ex1_statement_count(ds, rows):
    truth = int((rows["outlet_bloc"] == "russian").sum())
    assert_right(ex.check_statement_count(truth, ds))
    assert_not_yet(ex.check_statement_count(len(rows), ds), truth)  # all blocs
    assert "every bloc" in ex.check_statement_count(len(rows), ds).message
    assert_not_yet(ex.check_statement_count(truth + 1000, ds), truth)
    assert_not_yet(ex.check_statement_count("eleven", ds))


def test_ex2_speaker_bloc(ds, rows):
    row = ex.relayed_voice_statement(ds)
    assert row["outlet_bloc"] != row["speaker_bloc"] and row["speaker"] != "editorial"
    assert_right(ex.check_speaker_bloc(str(row["speaker_bloc"]), ds))
    wrong = ex.check_speaker_bloc(str(row["outlet_bloc"]), ds)
    assert_not_yet(wrong, row["speaker_bloc"])
    assert "outlet" in wrong.message
    assert "did you mean 'russian'" in ex.check_speaker_bloc("russain", ds).message


def test_ex3_top_outlet_share(ds, rows):
    counts = rows.loc[rows["outlet_bloc"] == "russian_independent", "outlet"].value_counts()
    truth = counts.max() / counts.sum()
    assert_right(ex.check_top_outlet_share(truth, ds))
    assert_right(ex.check_top_outlet_share(round(truth, 3), ds))
    assert_not_yet(ex.check_top_outlet_share(truth * 100, ds))
    assert_not_yet(ex.check_top_outlet_share(truth + 0.1, ds), round(truth, 3))


def test_ex4_frame_share_by_hand(ds, rows):
    western = rows[rows["outlet_bloc"] == "western"]
    k = int((western["frame"] == "uncertainty_verification").sum())
    truth = k / len(western)
    assert_right(ex.check_frame_share(truth, ds))
    assert_right(ex.check_frame_share(truth + 0.004, ds))  # within tolerance
    wrong = ex.check_frame_share(k / len(rows), ds)  # divided by the whole event
    assert_not_yet(wrong, round(truth, 3))
    assert "all blocs" in wrong.message
    assert "count" in ex.check_frame_share(k, ds).message


def test_ex5_tagging(ds):
    ids = ex.tagging_statements(ds)
    assert len(ids) == 3 and len(set(ids)) == 3
    st = ds.statements.set_index(ds.statements["statement_id"].astype(str))
    assert sorted(st.loc[ids, "outlet_bloc"].astype(str)) == sorted(ex.TAGGING_BLOCS)
    reference = {sid: {c: str(st.at[sid, c]) for c in ex.TAG_COLUMNS} for sid in ids}
    assert_right(ex.check_tagging(reference, ds))
    wrong = {sid: dict(codes) for sid, codes in reference.items()}
    first = ids[0]
    true_frame = reference[first]["frame"]
    other = next(f for f in ds.codebook.codes("frame") if f != true_frame)
    wrong[first]["frame"] = other
    result = ex.check_tagging(wrong, ds)
    assert_not_yet(result, true_frame)
    assert "8 of 9" in result.message and ds.codebook.vocabularies["frame"].definition(other) in result.message
    assert (
        "not a frame code"
        in ex.check_tagging({**reference, first: {**reference[first], "frame": "terror"}}, ds).message
    )
    assert "missing" in ex.check_tagging({}, ds).message
    table = ex.compare_tagging(wrong, ds)
    assert table["agree"].sum() == 8 and len(table) == 9


def test_ex6_valence_share(ds, rows):
    bloc = rows[rows["outlet_bloc"] == "ukrainian"]
    labelled = bloc[bloc["actor_label"].notna()]
    truth = (labelled["label_valence"].astype(str) == "delegitimizing").mean()
    assert_right(ex.check_valence_share(truth, ds))
    wrong = ex.check_valence_share((bloc["label_valence"].astype(str) == "delegitimizing").sum() / len(bloc), ds)
    assert_not_yet(wrong, round(truth, 3))
    assert "actor_label" in wrong.message


def test_ex7_most_hedging_bloc(ds):
    st = ds.statements
    with_stance = st[st["stance"].notna()]
    hedged = with_stance["stance"].astype(str).isin(["attributes", "questions"])
    share = hedged.groupby(with_stance["outlet_bloc"].astype(str)).mean()
    assert_right(ex.check_most_hedging_bloc(share.idxmax(), ds))
    most_in_number = hedged.groupby(with_stance["outlet_bloc"].astype(str)).sum().idxmax()
    assert most_in_number != share.idxmax()
    wrong = ex.check_most_hedging_bloc(most_in_number, ds)
    assert_not_yet(wrong, share.idxmax())
    assert "shares" in wrong.message


def test_ex8_most_relayed_source(ds, rows):
    relayed = rows[rows["cited_source"].notna()]
    outlets_per_source = relayed.groupby(relayed["cited_source"].astype(str))["outlet"].nunique()
    truth = outlets_per_source.idxmax()
    assert (outlets_per_source == outlets_per_source.max()).sum() == 1
    assert_right(ex.check_most_relayed_source(truth, ds))
    assert_right(ex.check_most_relayed_source(f"  {truth.upper()} ", ds))
    assert_not_yet(ex.check_most_relayed_source(outlets_per_source.idxmin(), ds), truth)
    assert "not a cited source" in ex.check_most_relayed_source("No Such Node", ds).message


def test_ex9_more_than_chance(ds, rows):
    two = rows[rows["outlet_bloc"].isin(["russian", "western"])]
    table = pd.crosstab(two["outlet_bloc"], two["frame"])
    # Independent reference: the same statistic as scipy's; the checker's p-value (Monte Carlo here,
    # small expected counts) must agree in direction with a clearly large chi-square.
    stat, p_asymptotic, dof, _ = chi2_contingency(table, correction=False)
    assert p_asymptotic < 0.05
    assert_right(ex.check_more_than_chance(True, ds))
    assert_right(ex.check_more_than_chance("yes", ds))
    assert_not_yet(ex.check_more_than_chance(False, ds))
    assert_not_yet(ex.check_more_than_chance(0.003, ds))


def test_every_exercise_has_a_checker_and_reference(ds):
    assert len(ex.EXERCISES) >= 8
    for name in ex.EXERCISES:
        assert_right(ex.check(name, ex.reference_answer(name, ds), ds))
        assert_not_yet(ex.check(name, None, ds))
    with pytest.raises(KeyError):
        ex.reference_answer("ex99", ds)


def test_unknown_event_is_a_clear_error(ds):
    with pytest.raises(ValueError, match="events in this dataset"):
        ex.check_statement_count(1, ds, event="no-such-event")


def test_student_copy_clears_outputs_and_hides_reference(tmp_path):
    out = ex.student_copy(ROOT / "notebooks" / "08-exercises.ipynb", tmp_path / "student.ipynb")
    nb = nbformat.read(out, as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and "SHOW_REFERENCE = False" in params[0].source
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert main(["student-copy", str(tmp_path / "cli.ipynb")]) == 0 and (tmp_path / "cli.ipynb").is_file()
