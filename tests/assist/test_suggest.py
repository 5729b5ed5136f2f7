"""Suggested tags: deterministic on the shipped data, never over a person's tag; BM25, the quality figures and the
calibration against hand computations and the krippendorff package; accept; the CLI and its bad inputs."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pandas as pd
import pytest

import framelens
from framelens.assist import quality
from framelens.assist.suggest import (
    SUGGESTED,
    Suggester,
    accept,
    bm25_scores,
    confidence_column,
    suggestion_column,
)
from framelens.cli import main
from helpers import ROOT

pytest.importorskip("sklearn", reason="the assist extra (scikit-learn) is part of `make setup`")

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def shipped():
    return framelens.load_dataset(DATA)


@pytest.fixture(scope="module")
def draft(shipped):
    """Ten shipped statements as drafts: words and speakers kept, tags emptied, one frame set by a person."""
    rows = shipped.statements.iloc[::31].head(10).copy()
    truth = rows.copy()
    for c in ("frame", "label_valence", "claim_id", "stance", "speaker_bloc", "secondary_frames"):
        rows[c] = ""
    rows = rows.astype(object)
    rows.iloc[0, rows.columns.get_loc("frame")] = "control_normalcy"
    return rows.reset_index(drop=True), truth.reset_index(drop=True)


@pytest.fixture(scope="module")
def suggested(shipped, draft):
    train = shipped.statements[~shipped.statements["statement_id"].isin(draft[1]["statement_id"])]
    return Suggester(train, shipped.claims, shipped.outlets, seed=7).suggest(draft[0])


def test_suggestions_are_deterministic_with_a_seed(shipped, draft, suggested):
    train = shipped.statements[~shipped.statements["statement_id"].isin(draft[1]["statement_id"])]
    again = Suggester(train, shipped.claims, shipped.outlets, seed=7).suggest(draft[0])
    pd.testing.assert_frame_equal(suggested, again)


def test_every_suggestion_has_a_confidence_in_0_1_and_a_known_code(shipped, suggested):
    for column in SUGGESTED:
        values, conf = suggested[suggestion_column(column)], suggested[confidence_column(column)]
        assert (values.eq("") == conf.isna()).all(), column
        assert conf.dropna().between(0, 1).all(), column
        allowed = (
            set(shipped.claims["claim_id"].astype(str))
            if column == "claim_id"
            else set(shipped.codebook.codes(shipped.codebook.column("statements", column).vocabulary))
        )
        assert set(values[values.ne("")]) <= allowed, column


def test_a_tag_a_person_set_is_kept_and_gets_no_suggestion(draft, suggested):
    assert suggested.loc[0, "frame"] == "control_normalcy"
    assert suggested.loc[0, "suggested_frame"] == "" and math.isnan(suggested.loc[0, "suggested_frame_confidence"])
    assert (suggested.loc[1:, "suggested_frame"] != "").all()
    original = [c for c in draft[0].columns]
    pd.testing.assert_frame_equal(suggested[original], draft[0])


def test_codebook_dependencies_hold(suggested):
    # label_valence only beside an actor_label; stance only beside a suggested or set claim
    has_label = suggested["actor_label"].fillna("").astype(str).ne("")
    assert has_label.any() and (~has_label).any()
    assert (suggested["suggested_label_valence"].ne("") == has_label).all()
    assert (suggested["suggested_stance"].eq("") | suggested["suggested_claim_id"].ne("")).all()


def test_known_speakers_get_their_bloc(shipped, draft, suggested):
    truth = draft[1]
    known = truth["speaker"].astype(str).isin(set(shipped.statements["speaker"].astype(str)))
    right = suggested.loc[known.to_numpy(), "suggested_speaker_bloc"] == truth.loc[known, "speaker_bloc"].astype(str)
    assert known.sum() >= 5 and right.mean() >= 0.8


def test_bm25_against_a_hand_computation():
    docs = [["drone", "attack", "kremlin"], ["bridge", "explosion"], ["drone", "drone", "bridge", "truck"]]
    # N=3, avgdl=3; idf(drone) = ln((3-2+0.5)/(2+0.5)+1) = ln(1.6); idf(bridge) the same
    idf = math.log(1.6)
    k1, b = 1.5, 0.75

    def term(tf, dl):
        return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / 3))

    expected = [term(1, 3), term(1, 2), term(2, 4) + term(1, 4)]
    assert bm25_scores(["drone", "bridge"], docs) == pytest.approx(expected)
    assert bm25_scores(["nothing"], docs).tolist() == [0.0, 0.0, 0.0]


def test_pair_alpha_matches_the_krippendorff_package_and_a_hand_value():
    truth, model = ["a", "a", "b", "b", "c"], ["a", "b", "b", "b", "c"]
    codes = {"a": 0, "b": 1, "c": 2}
    reference = krippendorff.alpha(
        reliability_data=np.array([[codes[t] for t in truth], [codes[m] for m in model]], dtype=float),
        level_of_measurement="nominal",
    )
    assert quality.pair_alpha(truth, model, "nominal") == pytest.approx(reference)
    # hand: 10 pairable values; coincidences o_aa=2, o_ab=o_ba=1, o_bb=4, o_cc=2; n_a=3, n_b=5, n_c=2
    # D_o = 2/10; D_e = (3*5*2 + 3*2*2 + 5*2*2) / (10*9) = 62/90; alpha = 1 - (2/10) / (62/90)
    assert quality.pair_alpha(truth, model, "nominal") == pytest.approx(1 - 0.2 / (62 / 90))


def test_pair_alpha_ordinal_treats_an_empty_suggestion_as_missing():
    truth, model = ["low", "mid", "high", "high", "mid"], ["low", "high", "high", "", "mid"]
    order = ["low", "mid", "high"]
    reference = krippendorff.alpha(
        reliability_data=np.array([[0, 1, 2, 2, 1], [0, 2, 2, np.nan, 1]], dtype=float),
        level_of_measurement="ordinal",
        value_domain=[0, 1, 2],
    )
    assert quality.pair_alpha(truth, model, "ordinal", order) == pytest.approx(reference)
    # nominal: the empty suggestion stays a category of its own (a disagreement), as before
    assert quality.pair_alpha(["a", "b", "b"], ["a", "b", ""], "nominal") < quality.pair_alpha(
        ["a", "b"], ["a", "b"], "nominal"
    )


def test_accuracy_and_macro_f1_by_hand():
    truth, model = ["x", "x", "y", "z"], ["x", "y", "y", "y"]
    assert quality.accuracy(truth, model) == 0.5
    # x: P 1 R 1/2 F 2/3; y: P 1/3 R 1 F 1/2; z: F 0 -> mean 7/18
    assert quality.macro_f1(truth, model) == pytest.approx(7 / 18)


def test_calibration_bins_by_hand():
    p = pd.DataFrame(
        {
            "variable": ["frame"] * 5,
            "human": ["a", "a", "b", "b", "a"],
            "model": ["a", "b", "b", "b", ""],
            "confidence": [0.95, 0.85, 0.1, 0.2, np.nan],
        }
    )
    table = quality.calibration(p, (0.0, 0.2, 1.0))
    assert table["n"].tolist() == [1, 3]  # 0.2 falls in the upper bin; an empty suggestion is left out
    assert table["share_right"].tolist() == [1.0, pytest.approx(2 / 3)]
    assert table["mean_confidence"].tolist() == [0.1, pytest.approx((0.95 + 0.85 + 0.2) / 3)]


def _two_event_dataset(tmp_path, shipped):
    """The shipped data cut to two events, to keep cross-validation quick."""
    import shutil

    folder = tmp_path / "two"
    folder.mkdir()
    events = ["kramatorsk-station-2022", "crimean-bridge-2022"]
    for name in ("statements", "claims", "events"):
        table = pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)
        table[table["event_id"].isin(events)].to_csv(folder / f"{name}.csv", index=False)
    shutil.copy(DATA / "outlets.csv", folder / "outlets.csv")
    shutil.copy(DATA / "codebook.yml", folder / "codebook.yml")
    return framelens.load_dataset(folder)


def test_cross_validation_holds_each_event_out(tmp_path, shipped):
    ds = _two_event_dataset(tmp_path, shipped)
    q = quality.cross_validate(ds, seed=3)
    assert list(q.table["variable"]) == list(SUGGESTED)
    frame = q.predictions[q.predictions["variable"] == "frame"]
    assert len(frame) == len(ds.statements)
    row = q.table.set_index("variable").loc["frame"]
    assert row["accuracy"] == pytest.approx((frame["human"] == frame["model"]).mean())
    # the baseline of each held-out event is the most common frame of the other event
    for event, part in frame.groupby("event_id"):
        other = ds.statements.loc[ds.statements["event_id"].astype(str) != event, "frame"].astype(str)
        assert set(part["baseline"]) == {other.value_counts().index[0]}
    # claims are suggested from the held-out event's own claims only
    claims = q.predictions[q.predictions["variable"] == "claim_id"]
    prefix = {"kramatorsk-station-2022": "kramatorsk-", "crimean-bridge-2022": "crimea-"}
    assert all(m == "" or m.startswith(prefix[e]) for e, m in zip(claims["event_id"], claims["model"]))
    assert q.calibration["n"].sum() == q.predictions["model"].fillna("").ne("").sum()
    again = quality.cross_validate(ds, seed=3)
    pd.testing.assert_frame_equal(q.table, again.table)


def test_accept_copies_only_into_empty_tags_and_respects_the_codebook():
    f = pd.DataFrame(
        {
            "frame": ["", "aggression", ""],
            "actor_label": ["", "", "saboteurs"],
            "label_valence": ["", "", ""],
            "claim_id": ["", "", ""],
            "stance": ["", "", ""],
            "suggested_frame": ["civilian_harm", "denial_deflection", "terrorism_sabotage"],
            "suggested_frame_confidence": [0.9, 0.99, 0.4],
            "suggested_label_valence": ["neutral", "neutral", "delegitimizing"],
            "suggested_label_valence_confidence": [0.9, 0.9, 0.9],
            "suggested_claim_id": ["c1", "", ""],
            "suggested_claim_id_confidence": [0.7, np.nan, np.nan],
            "suggested_stance": ["asserts", "denies", ""],
            "suggested_stance_confidence": [0.8, 0.8, np.nan],
        }
    )
    out, counts = accept(f, min_confidence=0.5)
    assert out["frame"].tolist() == ["civilian_harm", "aggression", ""]  # 0.4 is under the threshold
    assert out["label_valence"].tolist() == ["", "", "delegitimizing"]  # only beside an actor_label
    assert out["claim_id"].tolist() == ["c1", "", ""]
    assert out["stance"].tolist() == ["asserts", "", ""]  # only where a claim is set (here just accepted)
    assert counts == {"frame": 1, "label_valence": 1, "claim_id": 1, "stance": 1}
    assert not [c for c in out.columns if c.startswith("suggested_")]
    only, _ = accept(f, ["frame"])
    assert "suggested_stance" in only.columns and "suggested_frame" not in only.columns
    with pytest.raises(ValueError, match="no suggestions for speaker_bloc"):
        accept(f, ["speaker_bloc"])


def test_cli_suggest_accept_and_validate_warning(tmp_path, capsys, draft):
    src = tmp_path / "draft.csv"
    draft[0].head(3).to_csv(src, index=False)
    sug, acc = tmp_path / "suggested.csv", tmp_path / "accepted.csv"
    assert main(["suggest", str(src), "--data", str(DATA), "--out", str(sug)]) == 0
    assert "Review them" in capsys.readouterr().out
    assert main(["suggest", str(src), "--data", str(DATA), "--out", str(sug)]) == 0  # its own, unchanged output
    assert main(["suggest", str(src), "--data", str(DATA), "--out", str(src)]) == 2  # never over its input
    assert f"{src} is a file this command reads; nothing written" in capsys.readouterr().out
    assert main(["accept", str(sug), "--out", str(acc), "--columns", "frame"]) == 0
    accepted = pd.read_csv(acc, dtype=str, keep_default_na=False)
    assert accepted.loc[0, "frame"] == "control_normalcy" and accepted.loc[1:, "frame"].ne("").all()
    assert "suggested_stance" in accepted.columns
    acc.write_bytes(acc.read_bytes().replace(b"control_normalcy", b"aggression", 1))  # a person's correction
    before = acc.read_bytes()
    capsys.readouterr()
    assert main(["accept", str(sug), "--out", str(acc), "--columns", "frame"]) == 2
    assert "was not written by FrameLens (or was changed since)" in capsys.readouterr().out
    assert acc.read_bytes() == before

    import shutil

    folder = tmp_path / "ds"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid", folder)
    st = pd.read_csv(folder / "statements.csv", dtype=str, keep_default_na=False)
    st["suggested_frame"] = ""
    st.to_csv(folder / "statements.csv", index=False)
    assert main(["validate", str(folder)]) == 0
    assert "suggested_frame: holds machine suggestions, not tags" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"\x00\x01binary", "a binary file"),
        ("quote\ncaf\xe9\n".encode("latin-1"), "unknown encoding"),
        (b"statement_id,speaker\ns1,Peskov\n", "no quote column"),
    ],
)
def test_cli_suggest_bad_inputs(tmp_path, capsys, content, message):
    path = tmp_path / "draft.csv"
    path.write_bytes(content)
    assert main(["suggest", str(path), "--data", str(DATA), "--out", str(tmp_path / "o.csv")]) == 1
    printed = capsys.readouterr().out.strip()
    assert message in printed and len(printed.splitlines()) == 1
    assert main(["accept", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "o.csv")]) == 1
    assert "no such file" in capsys.readouterr().out
    assert not (tmp_path / "o.csv").exists()


def test_teaching_exercise_compares_you_the_model_and_the_reference(shipped):
    from framelens.teaching import assist_exercise as ax

    shown = ax.statements_to_code(shipped)
    assert len(shown) == 10 and not {"frame", "label_valence", "stance"} & set(shown.columns)
    assert shown["outlet_bloc"].astype(str).nunique() >= 3
    reference = shipped.statements.set_index(shipped.statements["statement_id"].astype(str))
    perfect = {sid: {c: str(reference.at[sid, c]) for c in ax.CODED} for sid in shown.index}
    assert ax.answer_sheet(shipped, reference=True) == perfect
    assert set(ax.answer_sheet(shipped)) == set(shown.index)
    table = ax.compare_codes(perfect, shipped)
    spot = ax.agreement_on_the_spot(table, shipped).set_index("variable")
    assert (spot["agree_you_vs_reference"] == 1.0).all()
    assert spot.loc["frame", "alpha_you_vs_reference"] == pytest.approx(1.0)
    # the model's column is its own suggestion, learnt without the exercise's event
    model = ax.model_suggestions(shipped)
    frames = table[table["variable"] == "frame"].set_index("statement_id")["model"]
    assert frames.to_dict() == model["suggested_frame"].to_dict()
    expected = quality.pair_alpha(
        table.loc[table["variable"] == "frame", "model"].tolist(),
        table.loc[table["variable"] == "frame", "reference"].tolist(),
        "nominal",
    )
    assert spot.loc["frame", "alpha_model_vs_reference"] == pytest.approx(expected, nan_ok=True)
    wrong = dict(perfect)
    wrong[shown.index[0]] = {"frame": "heroism", "label_valence": "neutral", "stance": "asserts"}
    with pytest.raises(ValueError, match="'heroism' is not a code"):
        ax.compare_codes(wrong, shipped)
    with pytest.raises(ValueError, match="missing"):
        ax.compare_codes({}, shipped)
