"""How well extraction finds quotations and their speakers, against hand annotations.

A predicted direct quotation matches a gold one when their words overlap enough (:func:`overlap`, on the first
MAX_WORDS words, since extraction cuts longer quotes); each gold quote is matched at most once. Precision is
matched predictions over predictions, recall matched gold quotes over gold quotes, and speaker accuracy the share
of matched pairs whose speakers agree (:func:`same_speaker`: the surname, up to a Russian or Ukrainian case ending;
an empty gold speaker needs an empty prediction). Of the matched pairs, the named share is those given a speaker, and
the named accuracy the share of those whose speaker is right: an empty speaker is flagged for a coder, a wrong one
is not.

>>> gold = [{"quote": "We will rebuild the station", "speaker": "Terekhov"}]
>>> pred = [{"quote": "We will rebuild the station", "speaker": "Ihor Terekhov"}, {"quote": "a b c d", "speaker": ""}]
>>> s = score(gold, pred)
>>> s.precision, s.recall, s.speaker_accuracy, s.named_share, s.named_accuracy
(0.5, 1.0, 1.0, 1.0, 1.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from framelens.assist.extract import MAX_WORDS
from framelens.assist.lexicon import same_surname

MATCH = 0.6


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())[:MAX_WORDS]


def overlap(a: str, b: str) -> float:
    """Shared words over the words of the longer text (first MAX_WORDS words of each).

    >>> overlap("one two three four", "one two three five")
    0.75
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum(min(ta.count(w), tb.count(w)) for w in set(ta))
    return common / max(len(ta), len(tb))


def same_speaker(gold: str, predicted: str) -> bool:
    """Whether ``predicted`` names the gold speaker; gold alternatives are separated by '|'.

    >>> same_speaker("Peskov", "Dmitry Peskov"), same_speaker("Песков", "Пескова"), same_speaker("", "Peskov")
    (True, True, False)
    """
    pred = predicted.strip()
    for alt in gold.split("|"):
        alt = alt.strip()
        if not alt or not pred:
            if not alt and not pred:
                return True
            continue
        if alt.lower() in pred.lower() or pred.lower() in alt.lower():
            return True
        if same_surname(alt, pred):
            return True
    return False


@dataclass(frozen=True)
class Score:
    """Counts and rates of one comparison of predicted with gold quotations."""

    gold: int
    predicted: int
    matched: int
    speakers_right: int
    speakers_named: int = 0  # matched pairs where a speaker was predicted (not left empty)
    named_right: int = 0  # of those, the ones whose speaker is right

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else float("nan")

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.matched if self.matched else float("nan")

    @property
    def named_share(self) -> float:
        """The share of matched quotations given a speaker; the rest are left empty for a coder."""
        return self.speakers_named / self.matched if self.matched else float("nan")

    @property
    def named_accuracy(self) -> float:
        """Speaker accuracy over the matched quotations given a speaker: how often a named speaker is right."""
        return self.named_right / self.speakers_named if self.speakers_named else float("nan")

    def __add__(self, other: Score) -> Score:
        return Score(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
            self.speakers_right + other.speakers_right,
            self.speakers_named + other.speakers_named,
            self.named_right + other.named_right,
        )


def score(gold: list[dict], predicted: list[dict]) -> Score:
    """Match predictions to gold quotations greedily, best overlap first; count speakers right among the matches."""
    pairs = sorted(
        ((overlap(g["quote"], p["quote"]), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)),
        reverse=True,
    )
    used_g, used_p, right, named, named_right = set(), set(), 0, 0, 0
    for value, gi, pi in pairs:
        if value < MATCH or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        ok = same_speaker(gold[gi]["speaker"], predicted[pi]["speaker"])
        right += ok
        if predicted[pi]["speaker"].strip():
            named += 1
            named_right += ok
    return Score(len(gold), len(predicted), len(used_g), right, named, named_right)
