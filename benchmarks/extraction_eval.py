"""Direct-quote precision, recall and F1 and speaker accuracy of ``framelens extract`` on the annotated excerpts.

    python benchmarks/extraction_eval.py [--split SPLIT] [--details]

Reads benchmarks/extraction/excerpts.yml (short excerpts of public news pages with hand annotations) and prints one
line per split (dev, dev2, test to test11, all): precision, recall, F1, speaker accuracy over matched quotes, the share
of them given a speaker (named) and the accuracy of those (named ok). ``--details`` lists every miss, false alarm
and wrong speaker.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from framelens.assist.evaluate import Score, overlap, same_speaker, score
from framelens.assist.extract import extract_quotes

HERE = Path(__file__).resolve().parent
EXCERPTS = HERE / "extraction" / "excerpts.yml"


def evaluate(split: str, details: bool = False) -> Score:
    total = Score(0, 0, 0, 0)
    for ex in yaml.safe_load(EXCERPTS.read_text(encoding="utf-8"))["excerpts"]:
        if split != "all" and ex["split"] != split:
            continue
        found = extract_quotes(ex["text"], ex.get("language"))
        predicted = [{"quote": q.quote, "speaker": q.speaker} for q in found if q.quote_type == "verbatim"]
        s = score(ex["quotes"], predicted)
        total = total + s
        if details and (s.matched < s.gold or s.matched < s.predicted or s.speakers_right < s.matched):
            print(f"[{ex['id']}] gold {s.gold} predicted {s.predicted} matched {s.matched} speakers {s.speakers_right}")
            for g in ex["quotes"]:
                best = max(predicted, key=lambda p: overlap(g["quote"], p["quote"]), default=None)
                if best is None or overlap(g["quote"], best["quote"]) < 0.6:
                    print(f"    missed: {g['quote'][:70]!r} ({g['speaker']})")
                elif not same_speaker(g["speaker"], best["speaker"]):
                    print(f"    speaker: gold {g['speaker']!r}, extracted {best['speaker']!r}: {g['quote'][:50]!r}")
            for p in predicted:
                if all(overlap(g["quote"], p["quote"]) < 0.6 for g in ex["quotes"]):
                    print(f"    false alarm: {p['quote'][:70]!r} ({p['speaker']})")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    splits = ["dev", "dev2", "test", *(f"test{i}" for i in range(2, 12)), "all"]
    parser.add_argument("--split", choices=splits, default=None)
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    splits = [args.split] if args.split else splits
    print(
        f"{'split':8} {'gold':>5} {'found':>5} {'match':>5} {'precision':>9} {'recall':>6} {'F1':>5} {'speaker':>7} "
        f"{'named':>5} {'named ok':>8}"
    )
    for split in splits:
        s = evaluate(split, args.details)
        print(
            f"{split:8} {s.gold:5d} {s.predicted:5d} {s.matched:5d} {s.precision:9.3f} {s.recall:6.3f} {s.f1:5.3f} "
            f"{s.speaker_accuracy:7.3f} {s.named_share:5.3f} {s.named_accuracy:8.3f}"
        )


if __name__ == "__main__":
    main()
