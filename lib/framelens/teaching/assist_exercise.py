"""Exercise: code ten extracted statements, then compare your codes with the model's suggestions and the reference.

Students see ten statements of one event as a draft (words, speaker, role, outlet, the actor label and the claim),
code frame, label_valence and stance, and then see, on the spot, Krippendorff's alpha for each pair: you and the
reference coding, the model and the reference, you and the model. The model learns only from the other events, so
it has never seen these statements or their codes.

>>> shown = statements_to_code(ds, event="ev-alpha", n=3)
>>> list(shown.index), "frame" in shown.columns
(['s1', 's4', 's5'], False)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from framelens._kernels import as_text
from framelens.assist.quality import pair_alpha
from framelens.assist.suggest import SEED, Suggester, suggestion_column
from framelens.dataset.loader import Dataset

EVENT = "belgorod-raid-2023"
CODED = ("frame", "label_valence", "stance")
SHOWN = ["outlet", "outlet_bloc", "speaker", "speaker_role", "quote", "actor_label", "claim_id"]


def _rows(ds: Dataset, event: str, n: int) -> pd.DataFrame:
    """``n`` statements of ``event`` with an actor label and a claim, by statement id, spread over the outlet blocs
    (one bloc after another in turn), so every code of the exercise can be given."""
    st = ds.statements
    rows = st[(as_text(st["event_id"]) == event) & st["actor_label"].notna() & st["claim_id"].notna()].copy()
    if rows.empty:
        raise ValueError(f"event {event!r} has no statements with both an actor label and a claim to code")
    rows["_id"] = as_text(rows["statement_id"])
    rows["_rank"] = rows.sort_values("_id").groupby(as_text(rows["outlet_bloc"]), observed=True).cumcount()
    return rows.sort_values(["_rank", "_id"]).head(n).sort_values("_id")


def statements_to_code(ds: Dataset, event: str = EVENT, n: int = 10) -> pd.DataFrame:
    """The statements as students see them: words and context, no codes (and the claim's wording)."""
    rows = _rows(ds, event, n)
    out = rows.set_index("_id")[SHOWN].copy()
    if ds.claims is not None:
        claims = ds.claims.set_index(as_text(ds.claims["claim_id"]))["claim"]
        out["claim"] = as_text(out["claim_id"]).map(as_text(claims))
    out.index.name = "statement_id"
    return out


def model_suggestions(ds: Dataset, event: str = EVENT, n: int = 10, seed: int = SEED) -> pd.DataFrame:
    """The model's suggested frame, label_valence and stance (with confidences) for the exercise's statements,
    learnt from the other events only."""
    st = ds.statements
    train = st[as_text(st["event_id"]) != event]
    rows = _rows(ds, event, n)
    draft = rows.drop(columns=["_rank"]).copy()
    for c in CODED:
        draft[c] = ""
    out = Suggester(train, ds.claims, ds.outlets, seed).suggest(draft.drop(columns=["_id"]))
    out.index = rows["_id"].tolist()
    cols = [c for col in CODED for c in (suggestion_column(col), f"{suggestion_column(col)}_confidence")]
    return out[cols].rename_axis("statement_id")


def _check_answer(answer: Any, ids: list[str], ds: Dataset) -> None:
    if not isinstance(answer, dict):
        raise ValueError("give a dict {statement_id: {'frame': ..., 'label_valence': ..., 'stance': ...}}")
    missing = [sid for sid in ids if sid not in answer]
    if missing:
        raise ValueError(f"code every statement shown; missing: {', '.join(missing)}")
    for sid in ids:
        for column in CODED:
            code = (answer[sid] or {}).get(column)
            allowed = ds.codebook.codes(ds.codebook.column("statements", column).vocabulary)
            if code not in allowed:
                raise ValueError(f"{sid} {column}: {code!r} is not a code; choose one of {', '.join(allowed)}")


def compare_codes(answer: dict, ds: Dataset, event: str = EVENT, n: int = 10, seed: int = SEED) -> pd.DataFrame:
    """One row per statement and variable: your code, the model's suggestion (and confidence), the reference."""
    rows = _rows(ds, event, n)
    ids = rows["_id"].tolist()
    _check_answer(answer, ids, ds)
    model = model_suggestions(ds, event, n, seed)
    reference = rows.set_index("_id")
    out = []
    for sid in ids:
        for column in CODED:
            out.append(
                {
                    "statement_id": sid,
                    "variable": column,
                    "yours": answer[sid][column],
                    "model": model.at[sid, suggestion_column(column)],
                    "model_confidence": model.at[sid, f"{suggestion_column(column)}_confidence"],
                    "reference": str(reference.at[sid, column]),
                }
            )
    return pd.DataFrame(out)


def agreement_on_the_spot(comparison: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """Krippendorff's alpha per variable for you vs the reference, the model vs the reference and you vs the model
    (two coders each; ordinal for label_valence), with the share of codes equal, from :func:`compare_codes`."""
    out = []
    pairs = (("you_vs_reference", "yours", "reference"), ("model_vs_reference", "model", "reference"),
             ("you_vs_model", "yours", "model"))  # fmt: skip
    for column, part in comparison.groupby("variable", sort=False):
        level = "ordinal" if column == "label_valence" else "nominal"
        order = ds.codebook.codes(ds.codebook.column("statements", column).vocabulary) if level == "ordinal" else None
        row = {"variable": column, "n": len(part)}
        for name, a, b in pairs:
            row[f"alpha_{name}"] = pair_alpha(part[a].tolist(), part[b].tolist(), level, order)
            row[f"agree_{name}"] = float((part[a] == part[b]).mean())
        out.append(row)
    return pd.DataFrame(out)


def answer_sheet(ds: Dataset, event: str = EVENT, n: int = 10, reference: bool = False) -> dict[str, dict]:
    """The answer to fill in for :func:`compare_codes`: every shown statement with frame, label_valence and stance
    empty, or (``reference=True``, for teachers and tests) filled with the reference coding.

    >>> answer_sheet(ds, event="ev-alpha", n=2)["s4"]
    {'frame': None, 'label_valence': None, 'stance': None}
    >>> answer_sheet(ds, event="ev-alpha", n=1, reference=True)["s1"]["frame"] == str(ds.statements.iloc[0]["frame"])
    True
    """
    rows = _rows(ds, event, n).set_index("_id")
    return {sid: {c: (str(rows.at[sid, c]) if reference else None) for c in CODED} for sid in rows.index}
