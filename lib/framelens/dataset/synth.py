"""``framelens synth --rows N --out FOLDER --seed S``: a realistic synthetic dataset for tests and benchmarks.

Values come from the codebook; outlets, events and speakers follow skewed (Zipf-like) distributions,
so a few outlets and events carry most statements, as in real coverage. The dataset is valid: it
loads with no errors and no warnings. Rows are written in chunks, so 10M statements fit in memory.

>>> import tempfile
>>> from framelens.dataset.loader import load_dataset
>>> folder = write_synthetic(tempfile.mkdtemp(), rows=500, seed=1)
>>> len(load_dataset(folder).statements)
500
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from framelens.dataset.codebook import Codebook, load_codebook
from framelens.dataset.csvwrite import write_csv

CHUNK = 500_000
TABLES = ("statements", "events", "claims", "outlets", "reliability")  # the tables write_synthetic writes
_WORDS_EN = (
    "the attack on border district town forces group officials said civilians were killed wounded evacuated "
    "drone strike bridge dam explosion ministry defence claims denies provocation saboteurs fighters "
    "investigators unclear could not be verified situation under control escalation response"
).split()
_WORDS_RU = "атака диверсионная группа граница район мирные жители погибли ранены эвакуация удар мост плотина".split()
_WORDS_UK = "напад кордон область цивільні загинули поранені евакуація удар міст гребля окупанти захисники".split()
_LABELS = {
    "delegitimizing": ["terrorists", "saboteurs", "occupiers", "диверсанты", "окупанти"],
    "neutral": ["fighters", "armed group", "Russian forces", "the military", "вооружённые люди"],
    "legitimizing": ["liberators", "defenders", "partisans", "heroes", "захисники"],
}


def _zipf_choice(rng: np.random.Generator, n_items: int, size: int, a: float = 1.1) -> np.ndarray:
    """Indices 0..n_items-1 drawn with weights 1/rank**a (a few items get most draws)."""
    weights = 1.0 / np.arange(1, n_items + 1) ** a
    return rng.choice(n_items, size=size, p=weights / weights.sum())


def _sentences(rng: np.random.Generator, n: int, max_words: int) -> np.ndarray:
    """A pool of ``n`` sentences of 3..max_words words in English, Russian or Ukrainian."""
    out = []
    for i in range(n):
        words = (_WORDS_EN, _WORDS_RU, _WORDS_UK)[i % 3]
        k = int(rng.integers(3, max_words))  # one word spare for the '"quoted"' suffix
        text = " ".join(rng.choice(words, size=k))
        if i % 7 == 0:
            text = text.replace(" ", ", ", 1)  # commas force CSV quoting
        if i % 11 == 0:
            text += ' "quoted"'
        out.append(text[0].upper() + text[1:])
    return np.array(out, dtype=object)


def _tables(rng: np.random.Generator, cb: Codebook, n_events: int, n_outlets: int) -> dict[str, pd.DataFrame]:
    blocs = cb.codes("bloc")
    start = pd.Timestamp("2022-02-24") + pd.to_timedelta(rng.integers(0, 900, n_events), unit="D")
    events = pd.DataFrame(
        {
            "event_id": [f"ev-{i:05d}" for i in range(n_events)],
            "title": [f"Synthetic event {i}" for i in range(n_events)],
            "start_date": start.strftime("%Y-%m-%d"),
            "end_date": np.where(rng.random(n_events) < 0.3, (start + pd.Timedelta(days=1)).strftime("%Y-%m-%d"), ""),
            "location": rng.choice(["Border district", "River town", "Port city", "Капитальный район"], n_events),
            "summary": "A synthetic event for tests and benchmarks.",
        }
    )
    outlet_bloc = np.array(blocs)[_zipf_choice(rng, len(blocs), n_outlets, 0.5)]
    for b in [b for b in blocs if b not in set(outlet_bloc)]:
        # a small dataset has few outlets: the least used outlet of a bloc that has several goes to a missing bloc
        shared = [i for i in range(n_outlets - 1, -1, -1) if (outlet_bloc == outlet_bloc[i]).sum() > 1]
        if shared:
            outlet_bloc[shared[0]] = b
    outlets = pd.DataFrame(
        {
            "outlet": [f"Outlet {i:04d}" for i in range(n_outlets)],
            "bloc": outlet_bloc,
            "country": rng.choice(["Russia", "Ukraine", "UK", "USA", "Qatar", "Latvia"], n_outlets),
            "ownership": rng.choice(cb.codes("ownership"), n_outlets),
            "url": [f"https://example.org/outlet/{i}" for i in range(n_outlets)],
        }
    )
    n_claims = n_events * 3
    claims = pd.DataFrame(
        {
            "claim_id": [f"c-{i:06d}" for i in range(n_claims)],
            "event_id": events["event_id"].to_numpy()[np.arange(n_claims) // 3],
            "claim": [f"Synthetic claim {i}, worded neutrally" for i in range(n_claims)],
            "verdict": rng.choice(cb.codes("verdict"), n_claims),
            "verdict_basis": "",
            "verdict_url": "",
        }
    )
    return {"events": events, "outlets": outlets, "claims": claims}


def _statements(
    rng: np.random.Generator,
    cb: Codebook,
    first: int,
    n: int,
    meta: dict[str, pd.DataFrame],
    pools: dict[str, np.ndarray],
) -> pd.DataFrame:
    events, outlets = meta["events"], meta["outlets"]
    ev = _zipf_choice(rng, len(events), n, 0.8)
    out = _zipf_choice(rng, len(outlets), n, 1.0)
    start = pd.to_datetime(events["start_date"]).to_numpy()[ev]
    published = pd.DatetimeIndex(start) + pd.to_timedelta(rng.exponential(2.0, n) * 86400, unit="s").floor("min")
    kind = rng.random(n)
    published_at = np.where(
        kind < 0.2,
        published.strftime("%Y-%m-%d"),
        np.where(
            kind < 0.6,
            published.strftime("%Y-%m-%dT%H:%MZ"),
            (published + pd.Timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M+03:00"),
        ),
    )
    blocs = np.array(cb.codes("bloc"))
    outlet_bloc = outlets["bloc"].to_numpy()[out]
    same_voice = rng.random(n) < 0.7
    speaker_bloc = np.where(same_voice, outlet_bloc, blocs[_zipf_choice(rng, len(blocs), n, 0.7)])
    frames = np.array(cb.codes("frame"))
    has_label = rng.random(n) < 0.6
    valence = np.array(cb.codes("label_valence"))[rng.integers(0, 3, n)]
    labels = np.array([_LABELS[v][i % 5] for i, v in enumerate(valence)], dtype=object)
    has_claim = rng.random(n) < 0.5
    claim = np.char.add("c-", np.char.zfill((ev * 3 + rng.integers(0, 3, n)).astype(str), 6))
    has_figure = has_claim & (rng.random(n) < 0.2)
    has_grade = rng.random(n) < 0.4
    secondary = np.where(rng.random(n) < 0.4, frames[rng.integers(0, len(frames), n)], "")
    two = (secondary != "") & (rng.random(n) < 0.3)
    secondary = np.where(
        two, np.char.add(np.char.add(secondary.astype(str), ";"), frames[rng.integers(0, len(frames), n)]), secondary
    )
    ids = np.arange(first, first + n)
    notes = np.where(rng.random(n) < 0.05, pools["notes"][rng.integers(0, len(pools["notes"]), n)], "")
    notes = np.where(rng.random(n) < 0.0005, "Close call:\nsee the coder's log", notes)
    return pd.DataFrame(
        {
            "statement_id": np.char.add("s", ids.astype(str)),
            "event_id": events["event_id"].to_numpy()[ev],
            "published_at": published_at,
            "outlet": outlets["outlet"].to_numpy()[out],
            "outlet_bloc": outlet_bloc,
            "speaker": np.where(
                rng.random(n) < 0.3, "editorial", np.char.add("Speaker ", _zipf_choice(rng, 5000, n).astype(str))
            ),
            "speaker_bloc": speaker_bloc,
            "speaker_role": np.where(rng.random(n) < 0.5, "spokesperson", ""),
            "quote": pools["quotes"][rng.integers(0, len(pools["quotes"]), n)],
            "quote_language": rng.choice(["en", "ru", "uk", "de", "ar"], n, p=[0.5, 0.25, 0.2, 0.03, 0.02]),
            "quote_type": rng.choice(cb.codes("quote_type"), n, p=[0.5, 0.3, 0.2]),
            "frame": frames[_zipf_choice(rng, len(frames), n, 0.6)],
            "secondary_frames": secondary,
            "actor_label": np.where(has_label, labels, ""),
            "label_valence": np.where(has_label, valence, ""),
            "claim_id": np.where(has_claim, claim, ""),
            "stance": np.where(has_claim, np.array(cb.codes("stance"))[rng.integers(0, 4, n)], ""),
            "figure": np.where(has_figure, rng.integers(0, 5000, n).astype(str), ""),
            "cited_source": np.where(
                rng.random(n) < 0.3, "Agency " + pd.Series(rng.integers(0, 50, n)).astype(str).to_numpy(), ""
            ),
            "source_reliability": np.where(
                has_grade, np.array(cb.codes("source_reliability"))[rng.integers(0, 6, n)], ""
            ),
            "info_credibility": np.where(has_grade, np.array(cb.codes("info_credibility"))[rng.integers(0, 6, n)], ""),
            "url": np.char.add("https://example.org/s/", ids.astype(str)),
            "coder": rng.choice(["coder_a", "coder_b", "coder_c"], n),
            "notes": notes,
        }
    )


def _write(frame: pd.DataFrame, path: Path, header: bool) -> None:
    """Write (header) or append (no header) rows with the one CSV writer."""
    write_csv(frame, path, append=not header)


def write_synthetic(out: str | Path, rows: int, seed: int = 0, codebook: Codebook | None = None) -> Path:
    """Write statements.csv (``rows`` rows), events, claims, outlets and reliability to ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cb = codebook or load_codebook()
    rng = np.random.default_rng(seed)
    n_events = int(np.clip(rows // 200, 3, 20_000))
    n_outlets = int(np.clip(rows // 500, 5, 3_000))
    meta = _tables(rng, cb, n_events, n_outlets)
    for name, frame in meta.items():
        _write(frame, out / cb.tables[name].file, header=True)
    pools = {"quotes": _sentences(rng, 3000, 30), "notes": _sentences(rng, 300, 12)}
    sample = []
    for first in range(0, rows, CHUNK):
        st = _statements(rng, cb, first, min(CHUNK, rows - first), meta, pools)
        _write(st, out / "statements.csv", header=first == 0)
        picked = st.sample(frac=0.01, random_state=int(rng.integers(2**31)))[
            ["statement_id", "frame", "label_valence", "stance"]
        ]
        sample.append(picked)
    sample = pd.concat(sample) if sample else pd.DataFrame(columns=["statement_id", "frame", "label_valence", "stance"])
    second = sample.copy()
    flip = rng.random(len(second)) < 0.2
    second.loc[flip, "frame"] = np.array(cb.codes("frame"))[rng.integers(0, len(cb.codes("frame")), int(flip.sum()))]
    reliability = pd.concat([sample.assign(coder="coder_a"), second.assign(coder="coder_b")])
    _write(
        reliability[["statement_id", "coder", "frame", "label_valence", "stance"]], out / "reliability.csv", header=True
    )
    return out
