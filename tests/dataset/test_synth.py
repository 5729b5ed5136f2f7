"""``framelens synth``: realistic, valid, reproducible synthetic datasets."""

from __future__ import annotations

import hashlib

from framelens import load_dataset
from framelens.cli import main
from framelens.dataset.synth import write_synthetic


def _digest(folder) -> str:
    return hashlib.sha256(
        b"".join((folder / f).read_bytes() for f in sorted(p.name for p in folder.glob("*.csv")))
    ).hexdigest()


def test_synth_cli_writes_a_valid_dataset_with_every_table(tmp_path, capsys):
    assert main(["synth", "--rows", "4000", "--out", str(tmp_path / "s"), "--seed", "7"]) == 0
    assert "wrote 4000 synthetic statements" in capsys.readouterr().out
    ds = load_dataset(tmp_path / "s")
    assert len(ds.statements) == 4000 and not ds.warnings
    assert all(ds.table(t) is not None and len(ds.table(t)) for t in ("events", "claims", "outlets", "reliability"))
    assert ds.statements["statement_id"].is_unique


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a = write_synthetic(tmp_path / "a", rows=1500, seed=1)
    b = write_synthetic(tmp_path / "b", rows=1500, seed=1)
    c = write_synthetic(tmp_path / "c", rows=1500, seed=2)
    assert _digest(a) == _digest(b) != _digest(c)


def test_distributions_are_skewed_and_use_the_codebook(tmp_path):
    ds = load_dataset(write_synthetic(tmp_path / "s", rows=20_000, seed=5))
    st = ds.statements
    per_outlet = st["outlet"].value_counts()
    per_event = st["event_id"].value_counts()
    assert len(per_outlet) >= 30 and len(per_event) >= 80
    # Zipf-like: the top tenth of outlets and events carry far more than a tenth of the statements
    assert per_outlet.head(len(per_outlet) // 10).sum() > 0.3 * len(st)
    assert per_event.head(len(per_event) // 10).sum() > 0.3 * len(st)
    for column in ("outlet_bloc", "speaker_bloc", "frame", "quote_type"):
        assert st[column].notna().all() and (st[column].value_counts() > 0).sum() >= 3
    assert st["quote"].str.contains("[а-яА-Я]", regex=True).any() and st["notes"].str.contains("\n", regex=False).any()
    assert (st["claim_id"].isna() == st["stance"].isna()).all() and (st["figure"].dropna() >= 0).all()


def test_small_datasets_give_every_bloc_a_voice(tmp_path):
    """Few outlets (the minimum is five) could all fall in three blocs; every bloc keeps an outlet with statements."""
    from framelens import load_codebook, load_dataset

    for rows, seed in ((300, 4), (1000, 1), (3000, 5)):
        ds = load_dataset(write_synthetic(tmp_path / f"s{rows}", rows=rows, seed=seed))
        per_bloc = ds.statements.groupby("outlet_bloc", observed=False).size()
        assert (per_bloc.reindex(load_codebook().codes("bloc")) > 0).all(), (rows, per_bloc.to_dict())
