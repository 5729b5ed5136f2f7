"""Corroboration, suggested grades, track record and Admiralty matrix against hand counts and statsmodels."""

import math

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from framelens.credibility import (
    NOT_COMPARABLE,
    RULE_GRADES,
    admiralty_matrix,
    corroboration,
    grade_check,
    grade_disagreements,
    grade_summary,
    suggest_grade,
)
from framelens.stats import wilson_interval

COLS = [
    "statement_id",
    "claim_id",
    "stance",
    "speaker_bloc",
    "outlet_bloc",
    "outlet",
    "speaker",
    "cited_source",
    "info_credibility",
    "published_at",
]


def frame(rows) -> pd.DataFrame:
    st = pd.DataFrame(rows, columns=COLS)
    st["published_at"] = pd.to_datetime(st["published_at"], utc=True)
    return st


def corroboration_statements() -> pd.DataFrame:
    return frame(
        [
            ("a1", "c1", "asserts", "russian", "russian", "TASS", "editorial", None, "1", "2023-05-22"),
            ("a2", "c1", "asserts", "western", "western", "BBC", "editorial", "TASS", "4", "2023-05-22"),
            ("a3", "c1", "asserts", "other", "other", "CGTN", "editorial", "TASS", "6", "2023-05-23"),
            ("d1", "c1", "denies", "ukrainian", "ukrainian", "NV", "editorial", None, "4", "2023-05-22"),
            ("b1", "c2", "asserts", "western", "western", "Reuters", "editorial", None, "1", "2023-05-22"),
            (
                "b2",
                "c2",
                "asserts",
                "russian_independent",
                "russian_independent",
                "Meduza",
                "editorial",
                "Channel X",
                "2",
                "2023-05-23",
            ),
            ("b3", "c2", "asserts", "other", "other", "Al Jazeera", "editorial", "Channel X", None, "2023-05-24"),
            ("c", "c3", "asserts", "russian", "russian", "TASS", "editorial", None, "3", "2023-05-22"),
            ("q", "c3", "questions", "western", "western", "BBC", "editorial", None, "3", "2023-05-22"),
            ("n", "c4", "denies", "ukrainian", "ukrainian", "NV", "editorial", None, "5", "2023-05-22"),
        ]
    )


OUTLETS = pd.DataFrame({"outlet": ["TASS", "BBC"], "bloc": ["russian", "western"]})


@pytest.mark.parametrize("k,n", [(0, 1), (1, 1), (3, 7), (4, 7), (5, 10), (19, 20), (0, 30), (120, 250)])
def test_wilson_interval_matches_statsmodels(k, n):
    lo, hi = wilson_interval(k, n)
    ref_lo, ref_hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    assert lo == pytest.approx(ref_lo, abs=1e-12) and hi == pytest.approx(ref_hi, abs=1e-12)


def test_suggest_grade_rule():
    assert [suggest_grade(a, d) for a, d in [(3, 0), (2, 2), (1, 0), (1, 2), (0, 0), (0, 1)]] == [
        "1",
        "1",
        "3",
        "4",
        None,
        None,
    ]


def test_corroboration_collapses_relays_of_one_source():
    c = corroboration(corroboration_statements(), outlets=OUTLETS).set_index("claim_id")
    # c1: BBC and CGTN only relay TASS (a russian outlet): one independent bloc, denied by another
    assert (c.loc["c1", "assert_blocs"], c.loc["c1", "n_assert_blocs"], c.loc["c1", "n_asserts"]) == ("russian", 1, 3)
    assert (c.loc["c1", "deny_blocs"], c.loc["c1", "suggested_grade"]) == ("ukrainian", "4")
    # c2: Reuters' own reporting + Channel X relayed by two blocs counts once, as its earliest relayer's bloc
    assert (c.loc["c2", "assert_blocs"], c.loc["c2", "suggested_grade"]) == ("russian_independent; western", "1")
    assert (c.loc["c3", "n_assert_blocs"], c.loc["c3", "suggested_grade"]) == (1, "3")
    assert (
        c.loc["c4", "n_assert_blocs"] == 0
        and c.loc["c4", "n_deny_blocs"] == 1
        and pd.isna(c.loc["c4", "suggested_grade"])
    )


def test_corroboration_knows_outlets_from_statements_and_keeps_named_speakers():
    st = corroboration_statements()
    c = corroboration(st).set_index("claim_id")
    assert c.loc["c1", "assert_blocs"] == "russian"  # TASS's bloc read from the statements' outlets
    # two named speakers of different blocs relayed through the same platform stay two blocs
    extra = frame(
        [
            ("p1", "c5", "asserts", "russian", "western", "BBC", "Gladkov", "Telegram", "3", "2023-05-22"),
            ("p2", "c5", "asserts", "ukrainian", "western", "CNN", "Podolyak", "Telegram", "3", "2023-05-22"),
        ]
    )
    c5 = corroboration(pd.concat([st, extra], ignore_index=True)).set_index("claim_id").loc["c5"]
    assert (c5["assert_blocs"], c5["suggested_grade"]) == ("ukrainian; russian", "1")
    # grouped by outlet bloc, the same two statements are one western voice each: western only
    both = pd.concat([st, extra], ignore_index=True)
    c5o = corroboration(both, bloc_column="outlet_bloc").set_index("claim_id").loc["c5"]
    assert c5o["assert_blocs"] == "western"


def test_relayed_outlet_known_only_from_a_statement_off_the_claim():
    """TASS appears only in a statement on another claim; BBC relaying TASS is still a russian voice."""
    st = frame(
        [
            ("t", "c9", "questions", "russian", "russian", "TASS", "editorial", None, "3", "2023-05-22"),
            ("r", "c1", "asserts", "russian", "russian", "RIA", "editorial", None, "3", "2023-05-22"),
            ("b", "c1", "asserts", "western", "western", "BBC", "editorial", "TASS", "3", "2023-05-22"),
        ]
    )
    c1 = corroboration(st).set_index("claim_id").loc["c1"]
    assert (c1["assert_blocs"], c1["suggested_grade"]) == ("russian", "3")


def test_grade_check_hand_values():
    g = grade_check(corroboration_statements(), outlets=OUTLETS).set_index("statement_id")
    assert "q" not in g.index  # questions are not graded
    # ranks in codebook order: 1 -> 0, 2 -> 1, 3 -> 2, 4 -> 3, 5 -> 4; 6 has none
    expect = {  # suggested, coded, gap (coded rank - suggested rank), direction, comparable, rule_breach, status
        "a1": ("4", "1", 0 - 3, "lower", True, True, "differs"),
        "a2": ("4", "4", 0, "same", True, False, "agree"),
        "a3": ("4", "6", np.nan, None, False, False, "coded 6 (cannot be judged)"),
        "d1": ("4", "4", 0, "same", True, False, "agree"),
        "b1": ("1", "1", 0, "same", True, False, "agree"),
        "b2": ("1", "2", 1 - 0, "higher", False, False, NOT_COMPARABLE),  # the rule never gives 2
        "b3": ("1", None, np.nan, None, False, False, "not coded"),
        "c": ("3", "3", 0, "same", True, False, "agree"),
        "n": ("3", "5", 4 - 2, "higher", False, False, NOT_COMPARABLE),  # nor 5
    }
    for sid, (sug, coded, gap, direction, comparable, breach, status) in expect.items():
        row = g.loc[sid]
        assert row["suggested"] == sug and row["coded"] == coded, sid
        assert (math.isnan(row["gap"]) and math.isnan(gap)) or row["gap"] == gap, sid
        assert row["direction"] == direction and bool(row["comparable"]) is comparable, sid
        assert bool(row["rule_breach"]) is breach and row["status"] == status, sid


def test_grade_check_ranks_follow_the_codebook_order_not_the_digits():
    st = corroboration_statements()
    reordered = ["2", "1", "3", "4", "5", "6"]  # a dataset codebook that puts 2 first
    st["info_credibility"] = pd.Categorical(st["info_credibility"], categories=reordered)
    g = grade_check(st, outlets=OUTLETS).set_index("statement_id")
    assert g.loc["b2", "gap"] == 0 - 1 and g.loc["b2", "direction"] == "lower"  # 2 now ranks before 1


def test_grade_summary_counts_agreement_among_comparable_rows():
    s = grade_summary(corroboration_statements(), outlets=OUTLETS).set_index("outcome")
    # 9 assertions/denials: comparable a1 a2 d1 b1 c (5), of which 4 agree and a1 is coded lower (more credible)
    assert s.loc["comparable", ["n", "of"]].tolist() == [5, 9]
    assert s.loc["agree", ["n", "of"]].tolist() == [4, 5]
    assert s.loc["coded lower (more credible)", "n"] == 1 and s.loc["coded higher (less credible)", "n"] == 0
    assert s.loc[NOT_COMPARABLE, "n"] == 2 and s.loc["coded 6 (cannot be judged)", "n"] == 1
    assert s.loc["not coded", "n"] == 1
    lo, hi = proportion_confint(4, 5, alpha=0.05, method="wilson")
    assert s.loc["agree", "share"] == pytest.approx(0.8)
    assert s.loc["agree", "ci_low"] == pytest.approx(lo) and s.loc["agree", "ci_high"] == pytest.approx(hi)


def test_suggest_grade_gives_only_the_rule_grades():
    given = {suggest_grade(a, d) for a in range(5) for d in range(5)} - {None}
    assert given == {"1", "3", "4"} == set(RULE_GRADES)


def test_grade_disagreements_order():
    # b2 (coded 2) and n (coded 5) are not comparable: only a1 differs where the rule could have agreed
    d = grade_disagreements(corroboration_statements(), outlets=OUTLETS)
    assert d["statement_id"].tolist() == ["a1"]


def test_admiralty_matrix_hand_counts():
    st = pd.DataFrame(
        {
            "speaker_bloc": ["russian", "russian", "russian", "western", "western", "other"],
            "outlet_bloc": ["russian", "western", "western", "western", "western", "other"],
            "source_reliability": ["C", "C", "F", "B", "E", None],
            "info_credibility": ["3", "3", "6", "2", "5", "3"],
        }
    )
    m = admiralty_matrix(st)
    assert m.shape == (30, 6) and m.to_numpy().sum() == 5  # the row without a reliability grade is left out
    assert m.loc[("russian", "C"), "3"] == 2 and m.loc[("russian", "F"), "6"] == 1
    assert m.loc[("russian", "E"), "5"] == 0 and m.loc[("western", "E"), "5"] == 1
    assert m.loc["other"].to_numpy().sum() == 0
    mo = admiralty_matrix(st, bloc_column="outlet_bloc")
    assert mo.loc[("western", "C"), "3"] == 1 and mo.loc[("western", "F"), "6"] == 1
