import pandas as pd

from conftest import ROOT, VALID
from framelens import load_dataset
from framelens.cli import main
from framelens.dataset.reliability_sample import allocate, coding_sheet, sample_statements


def test_allocation_is_even_and_never_exceeds_a_stratum():
    take = allocate(pd.Series({"a": 10, "b": 2, "c": 10}), 9)
    assert take.to_dict() == {"a": 4, "b": 2, "c": 3}
    assert allocate(pd.Series({"a": 3, "b": 1}), 10).to_dict() == {"a": 3, "b": 1}  # n larger than the data


def test_sample_is_stratified_reproducible_and_seed_dependent():
    ds = load_dataset(ROOT / "data")
    first = sample_statements(ds, n=60, seed=1)
    assert len(first) == 60 and first["statement_id"].is_unique
    assert first["event_id"].value_counts().eq(10).all()  # six events, ten each
    assert first["statement_id"].tolist() == sample_statements(ds, n=60, seed=1)["statement_id"].tolist()
    assert first["statement_id"].tolist() != sample_statements(ds, n=60, seed=2)["statement_id"].tolist()


def test_shipped_reliability_sample_is_the_documented_draw():
    """data/SOURCES.md says the sample was drawn with `--n 60 --seed 1`, before coder_c's later additions; check that it was."""
    ds = load_dataset(ROOT / "data")
    ds.statements = ds.statements[ds.statements["coder"] != "coder_c"].reset_index(drop=True)
    assert len(ds.statements) == 301  # the statements there were when the sample was drawn
    drawn = set(sample_statements(ds, n=60, seed=1)["statement_id"])
    assert set(ds.reliability["statement_id"]) == drawn


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
