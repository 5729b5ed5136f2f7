import random

import pandas as pd

from framelens import load_dataset
from framelens.cli import main
from framelens.dataset.reliability_sample import allocate, coding_sheet, sample_statements
from helpers import ROOT, VALID


def test_allocation_is_even_and_never_exceeds_a_stratum():
    take = allocate(pd.Series({"a": 10, "b": 2, "c": 10}), 9)
    assert take.to_dict() == {"a": 4, "b": 2, "c": 3}
    assert allocate(pd.Series({"a": 3, "b": 1}), 10).to_dict() == {"a": 3, "b": 1}  # n larger than the data


def test_sample_is_stratified_reproducible_and_seed_dependent():
    ds = load_dataset(ROOT / "data")
    first = sample_statements(ds, n=90, seed=1)
    assert len(first) == 90 and first["statement_id"].is_unique
    assert first["event_id"].value_counts().eq(10).all()  # nine events of at least 40 statements, ten each
    assert first["statement_id"].tolist() == sample_statements(ds, n=90, seed=1)["statement_id"].tolist()
    assert first["statement_id"].tolist() != sample_statements(ds, n=90, seed=2)["statement_id"].tolist()


# Statements removed after they were drawn (data/SOURCES.md, "Provenance" and "Citation audit"), by event.
REMOVED_AFTER_DRAW = {
    "kakhovka-001": "kakhovka-dam-2023",
    "belgorod-006": "belgorod-raid-2023",
    "olenivka-006": "olenivka-2022",
    "kramatorsk-030": "kramatorsk-station-2022",
    "kramatorsk-031": "kramatorsk-station-2022",
    "kursk-037": "kursk-incursion-2024",
}
SECOND_ROUND = ["bucha-killings-2022", "moskva-sinking-2022", "kursk-incursion-2024"]


def test_shipped_reliability_sample_is_the_documented_draw():
    """data/SOURCES.md documents two draws; reliability.csv holds exactly them, less the statements removed since.

    First round: `--n 60 --seed 1` over the 301 statements of the first six events before coder_c's additions.
    Second round: random.Random(2), 8 per new event in SECOND_ROUND order, sample() over sorted collected ids.
    """
    ds = load_dataset(ROOT / "data")
    st = ds.statements[["statement_id", "event_id", "coder"]].astype(str)
    removed = pd.DataFrame({"statement_id": list(REMOVED_AFTER_DRAW), "event_id": list(REMOVED_AFTER_DRAW.values())})
    collected = pd.concat([st, removed.assign(coder="")], ignore_index=True)
    first = collected[~collected["event_id"].isin(SECOND_ROUND) & (collected["coder"] != "coder_c")]
    assert len(first) == 301  # the statements there were when the first round was drawn
    ds.statements = first.reset_index(drop=True)
    drawn = set(sample_statements(ds, n=60, seed=1)["statement_id"])
    rng = random.Random(2)
    for event in SECOND_ROUND:
        drawn |= set(rng.sample(sorted(collected.loc[collected["event_id"] == event, "statement_id"]), 8))
    assert len(drawn) == 84
    assert set(ds.reliability["statement_id"]) == drawn - set(REMOVED_AFTER_DRAW)
    assert ds.reliability.groupby("statement_id")["coder"].apply(set).eq({"coder_a", "coder_b"}).all()


def test_cli_writes_a_blank_sheet_per_coder(tmp_path, capsys):
    out = tmp_path / "sheet.csv"
    assert main(["sample-reliability", str(VALID), "--n", "4", "--seed", "1", "--out", str(out)]) == 0
    sheet = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(sheet) == 8 and set(sheet["coder"]) == {"coder_a", "coder_b"}
    assert (sheet[["frame", "label_valence", "stance"]] == "").all().all()
    assert list(sheet.columns[:5]) == ["statement_id", "coder", "frame", "label_valence", "stance"]
    assert "4 statements x 2 coders" in capsys.readouterr().out


def test_coding_sheet_keeps_context_for_the_coder():
    ds = load_dataset(VALID)
    sheet = coding_sheet(sample_statements(ds, n=2, seed=3), ["x"])
    assert {"quote", "speaker", "actor_label", "claim_id"} <= set(sheet.columns)
