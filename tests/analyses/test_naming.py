"""Actor labels per bloc: normalisation, counts, valence shares and the side-by-side table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

import framelens
from framelens.dataset.codebook import load_codebook
from framelens.naming import label_counts, normalise_label, same_actor_names, valence_shares
from helpers import VALID

CB = load_codebook()

ST = pd.DataFrame(
    {
        "event_id": ["belgorod-raid-2023"] * 6 + ["other-event"] * 2,
        "outlet_bloc": ["russian", "russian", "russian", "ukrainian", "ukrainian", "western", "russian", "western"],
        "speaker_bloc": ["russian", "russian", "ukrainian", "ukrainian", "ukrainian", "western", "russian", "western"],
        "actor_label": [
            "Ukrainian saboteurs",
            " ukrainian  SABOTEURS",
            "ДРГ",
            "partisans",
            None,
            "armed group",
            "ДРГ",
            None,
        ],
        "label_valence": [
            "delegitimizing",
            "delegitimizing",
            "delegitimizing",
            "legitimizing",
            None,
            "neutral",
            "delegitimizing",
            None,
        ],
    }
)


def test_normalise_label_case_whitespace_cyrillic_and_unicode_forms():
    decomposed = "Добровольчии\u0306 корпус"  # и + combining breve
    got = normalise_label(pd.Series(["  Russian\tVolunteer   Corps ", "ДРГ ВСУ", decomposed, None, "   "]))
    assert got.tolist()[:3] == ["russian volunteer corps", "дрг всу", "добровольчий корпус"]
    assert got.isna().tolist() == [False, False, False, True, True]


def test_label_counts_merge_spellings_and_keep_originals():
    out = label_counts(ST, by_event=True, codebook=CB)
    ev = out[out.event_id == "belgorod-raid-2023"]
    assert ev["bloc"].tolist() == ["ukrainian", "russian", "russian", "western"]  # codebook order
    top = ev.iloc[1]
    assert (top["label"], top["count"], top["n"], top["originals"]) == (
        "ukrainian saboteurs",
        2,
        3,
        " ukrainian  SABOTEURS; Ukrainian saboteurs",
    )
    assert top["share"] == pytest.approx(2 / 3)
    assert ev.iloc[0]["n"] == 1  # the unlabelled Ukrainian statement is not counted
    assert label_counts(ST, codebook=CB).query("label == 'дрг'")["count"].item() == 2


def test_valence_shares_against_hand_counts_and_statsmodels_wilson():
    v = valence_shares(ST, codebook=CB)
    russian = v[v.bloc == "russian"].set_index("label_valence")
    assert russian.loc["delegitimizing", ["count", "n"]].tolist() == [4, 4]
    assert list(v["label_valence"].unique()) == ["delegitimizing", "neutral", "legitimizing"]
    ukr = v[(v.bloc == "ukrainian") & (v.label_valence == "legitimizing")].iloc[0]
    assert ukr["share"] == 1.0 and ukr["n"] == 1
    present = v[v.n > 0]
    ref = np.array([proportion_confint(k, n, method="wilson") for k, n in zip(present["count"], present["n"])])
    np.testing.assert_allclose(present[["ci_low", "ci_high"]].to_numpy(), ref, atol=1e-12)
    per_event = valence_shares(ST, by_event=True, codebook=CB)
    other = per_event[(per_event.event_id == "other-event") & (per_event.bloc == "western")]
    assert (other["n"] == 0).all() and (other["count"] == 0).all()


def test_same_actor_names_side_by_side():
    table = same_actor_names(ST, "belgorod-raid-2023", codebook=CB)
    assert table.columns.tolist() == ["ukrainian (N=1)", "russian (N=3)", "western (N=1)"]
    assert table["russian (N=3)"].tolist() == ["ukrainian saboteurs (2, delegitimizing)", "ДРГ (1, delegitimizing)"]
    assert table["western (N=1)"].tolist() == ["armed group (1, neutral)", ""]
    speaker = same_actor_names(ST, "belgorod-raid-2023", "speaker_bloc", codebook=CB)
    assert speaker.columns.tolist() == ["ukrainian (N=2)", "russian (N=2)", "western (N=1)"]
    assert same_actor_names(ST, "no-such-event", codebook=CB).empty


def test_fixture_with_cyrillic_label():
    ds = framelens.load_dataset(VALID)
    out = label_counts(ds.statements)
    row = out[out.label.str.startswith("диверсионно")].iloc[0]
    assert row["originals"] == "диверсионно-разведывательная группа ВСУ" and row["bloc"] == "russian"
