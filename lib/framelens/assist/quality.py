"""How good the suggestions are: grouped cross-validation over events, against the human coding.

Each event in turn is held out: the suggester learns from the statements of the other events and suggests tags for
the held-out event's statements as if they were drafts. For each suggested variable the table gives the number of
statements a human coded, the model's accuracy, macro-F1 and Krippendorff's alpha with the human codes (model and
human as two coders; ordinal for label_valence, nominal otherwise), the same three for a majority-class baseline
(the most common code of the training events; for claim_id, the held-out event's first claim), and the human-vs-human
alpha of the reliability sample where there is one. The calibration table bins the model's confidences and gives the
share of suggestions right in each bin.

Evaluation conditions: frame and speaker_bloc on every statement; label_valence on statements with an actor_label;
stance and claim_id on statements with a claim_id (stance given the human's claim).
"""

from __future__ import annotations

from dataclasses import dataclass

import krippendorff
import numpy as np
import pandas as pd

from framelens._kernels import as_text
from framelens.agreement import LEVELS, alpha, coded_variable
from framelens.assist.suggest import SEED, SUGGESTED, Suggester, confidence_column, suggestion_column
from framelens.dataset.loader import Dataset

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
BLANKED = ("frame", "secondary_frames", "label_valence", "claim_id", "stance", "speaker_bloc")


@dataclass(frozen=True)
class Quality:
    """Per-variable figures (``table``), the calibration table and every held-out prediction (``predictions``)."""

    table: pd.DataFrame
    calibration: pd.DataFrame
    predictions: pd.DataFrame


def accuracy(truth: list[str], predicted: list[str]) -> float:
    """Share of predictions equal to the truth.

    >>> accuracy(["a", "b", "b"], ["a", "a", "b"])
    0.6666666666666666
    """
    return float(np.mean([t == p for t, p in zip(truth, predicted)])) if truth else float("nan")


def macro_f1(truth: list[str], predicted: list[str]) -> float:
    """Unweighted mean over the classes in truth or predictions of each class's F1 (0 where undefined).

    >>> round(macro_f1(["a", "b", "b"], ["a", "a", "b"]), 4)   # a: P 1/2 R 1 F 2/3; b: P 1 R 1/2 F 2/3
    0.6667
    """
    from sklearn.metrics import f1_score

    return float(f1_score(truth, predicted, average="macro", zero_division=0)) if truth else float("nan")


def pair_alpha(truth: list[str], predicted: list[str], level: str, order: list[str] | None = None) -> float:
    """Krippendorff's alpha of two coders (the human and the model) over the same units.

    ``order`` ranks the codes for an ordinal alpha (codebook order); nominal alpha needs no order. An empty code (no
    suggestion made) is a category of its own for nominal alpha, and a missing value for ordinal alpha (no rank).

    >>> round(pair_alpha(["a", "a", "b", "b"], ["a", "a", "b", "a"], "nominal"), 4)
    0.5333
    >>> round(pair_alpha(["low", "high", "high"], ["low", "high", ""], "ordinal", order=["low", "high"]), 4)
    1.0
    """
    if order:  # ordinal: an empty code has no rank, so it is a missing value
        given = {c for c in (*truth, *predicted) if c in order}
        codes = list(order)
    else:  # nominal: an empty code is a category of its own (no suggestion disagrees with any code)
        given = set(truth) | set(predicted)
        codes = sorted(given)
    rank = {c: float(i) for i, c in enumerate(codes)}
    data = np.array([[rank.get(t, np.nan) for t in truth], [rank.get(p, np.nan) for p in predicted]])
    if len(truth) < 2 or len(given) < 2 or np.isnan(data).any(axis=0).all():
        return float("nan")
    return float(
        krippendorff.alpha(reliability_data=data, level_of_measurement=level, value_domain=list(range(len(codes))))
    )


def _blank_tags(rows: pd.DataFrame) -> pd.DataFrame:
    draft = rows.copy()
    for c in BLANKED:
        if c in draft.columns:
            draft[c] = ""
    return draft


def cross_validate(ds: Dataset, seed: int = SEED) -> Quality:
    """Leave-one-event-out cross-validation of the suggestions on a coded dataset (see the module docstring)."""
    st = ds.statements.copy()
    st["statement_id"] = as_text(st["statement_id"])
    for c in ("event_id", *SUGGESTED, "actor_label"):
        st[c] = as_text(st[c].astype(object).where(st[c].notna(), "")).str.strip()
    events = sorted(st["event_id"].unique())
    if len(events) < 2:
        raise ValueError("cross-validation over events needs statements of at least two events")
    claims = ds.claims
    rows = []
    for event in events:
        test, train = st[st["event_id"] == event], st[st["event_id"] != event]
        suggester = Suggester(train, claims, ds.outlets, seed)
        draft = _blank_tags(test)
        out = suggester.suggest(draft)
        # stance is judged given the human's claim: suggest again with the claim set
        with_claim = draft.copy()
        with_claim["claim_id"] = test["claim_id"]
        with_claim["actor_label"] = test["actor_label"]
        out_given = suggester.suggest(with_claim)
        event_claims = (
            [] if claims is None else sorted(as_text(claims.loc[as_text(claims["event_id"]) == event, "claim_id"]))
        )
        for column in SUGGESTED:
            source = out_given if column in ("stance", "label_valence") else out
            truth = test[column]
            coded = truth.ne("")
            if column == "label_valence":
                coded &= test["actor_label"].ne("")
            if column in ("stance", "claim_id"):
                coded &= test["claim_id"].ne("")
            if column == "claim_id":
                baseline = event_claims[0] if event_claims else ""
            else:
                counts = train.loc[train[column].ne(""), column].value_counts()
                baseline = str(counts.index[0]) if len(counts) else ""
            for i in np.flatnonzero(coded.to_numpy()):
                rows.append(
                    {
                        "event_id": event,
                        "statement_id": test["statement_id"].iat[i],
                        "variable": column,
                        "human": truth.iat[i],
                        "model": source[suggestion_column(column)].iat[i],
                        "confidence": source[confidence_column(column)].iat[i],
                        "baseline": baseline,
                    }
                )
    predictions = pd.DataFrame(rows)
    return Quality(_table(predictions, ds), calibration(predictions), predictions)


def _table(predictions: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    out = []
    for column in SUGGESTED:
        p = predictions[predictions["variable"] == column]
        truth, model, base = p["human"].tolist(), p["model"].fillna("").tolist(), p["baseline"].tolist()
        level = "ordinal" if LEVELS.get(column) == "ordinal" else "nominal"
        vocab = ds.codebook.column("statements", column).vocabulary
        order = None
        if level == "ordinal":
            order = ds.codebook.codes(vocab) + sorted({v for v in truth + model + base} - set(ds.codebook.codes(vocab)))
        human = float("nan")
        if ds.reliability is not None and column in ds.reliability.columns and column in LEVELS:
            human = alpha(coded_variable(ds.reliability, column, ds.codebook))
        out.append(
            {
                "variable": column,
                "n": len(truth),
                "accuracy": accuracy(truth, model),
                "macro_f1": macro_f1(truth, model) if truth else float("nan"),
                "alpha_model_human": pair_alpha(truth, model, level, order),
                "baseline_accuracy": accuracy(truth, base),
                "baseline_macro_f1": macro_f1(truth, base) if truth else float("nan"),
                "baseline_alpha": pair_alpha(truth, base, level, order),
                "alpha_human_human": human,
            }
        )
    return pd.DataFrame(out)


def calibration(predictions: pd.DataFrame, bins: tuple[float, ...] = BINS, by_variable: bool = False) -> pd.DataFrame:
    """Per confidence bin (left-closed, the last also right-closed): suggestions, mean confidence, share right;
    all variables pooled, or with ``by_variable`` one block per variable.

    >>> p = pd.DataFrame({"human": ["a", "a", "b"], "model": ["a", "b", "b"], "confidence": [0.9, 0.85, 0.3]})
    >>> calibration(p, (0.0, 0.5, 1.0))[["bin", "n", "share_right"]].values.tolist()
    [['0.0-0.5', 1, 1.0], ['0.5-1.0', 2, 0.5]]
    """
    if by_variable:
        parts = [calibration(g, bins).assign(variable=v) for v, g in predictions.groupby("variable", sort=False)]
        return pd.concat(parts, ignore_index=True)[["variable", "bin", "n", "mean_confidence", "share_right"]]
    p = predictions[predictions["model"].fillna("").ne("") & predictions["confidence"].notna()]
    conf = p["confidence"].astype(float).to_numpy()
    right = (p["human"] == p["model"]).to_numpy()
    idx = np.clip(np.searchsorted(np.asarray(bins), conf, side="right") - 1, 0, len(bins) - 2)
    rows = []
    for b in range(len(bins) - 1):
        sel = idx == b
        rows.append(
            {
                "bin": f"{bins[b]:.1f}-{bins[b + 1]:.1f}",
                "n": int(sel.sum()),
                "mean_confidence": float(conf[sel].mean()) if sel.any() else float("nan"),
                "share_right": float(right[sel].mean()) if sel.any() else float("nan"),
            }
        )
    return pd.DataFrame(rows)
