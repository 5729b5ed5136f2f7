"""Graded exercises for ``notebooks/08-exercises.ipynb``: checkers that say right or wrong, and why.

Every checker takes the student's answer and the dataset, computes the true answer from the data
with the FrameLens library (so it stays right when the data change) and returns a
:class:`CheckResult` that prints ``Right: ...`` or ``Not yet: ...`` with a hint, never the solution.
The event an exercise asks about is a parameter (default: the Belgorod raid); the statements the
reading and tagging exercises show are picked from the data by a rule, not hard-coded.

>>> shipped = framelens.load_dataset("data")
>>> check_statement_count(3, shipped)                              # doctest: +ELLIPSIS
Not yet: ...
>>> check_statement_count(reference_answer("ex1", shipped), shipped)    # doctest: +ELLIPSIS
Right: ...

``reference_answer(exercise, ds)`` gives the answer a checker accepts; the notebook uses it only
when its ``SHOW_REFERENCE`` parameter is True (how nbval tests the checkers). A teacher makes a
student copy (``SHOW_REFERENCE = False``, outputs cleared) with
``framelens student-copy OUT.ipynb``.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from framelens._kernels import as_text
from framelens.dataset.loader import Dataset
from framelens.framing import frame_shares, frame_tests
from framelens.naming import valence_shares
from framelens.sourcing import relay_graph, sourcing_shares

EVENT = "belgorod-raid-2023"
TAG_COLUMNS = ("frame", "label_valence", "stance")
TOLERANCE = 0.005  # shares are accepted within half a percentage point

# The fixed question parameters; the notebook's text names the same ones.
COUNT_BLOC = "russian"  # ex1
OUTLET_BLOC = "russian_independent"  # ex3
SHARE_BLOC, SHARE_FRAME = "western", "uncertainty_verification"  # ex4
VALENCE_BLOC, VALENCE = "ukrainian", "delegitimizing"  # ex6
CHANCE_BLOCS = ("russian", "western")  # ex9
TAGGING_BLOCS = ("russian", "ukrainian", "western")  # ex5: one statement each


@dataclass(frozen=True)
class CheckResult:
    """What a checker says: right or not, and a message (a hint when not right; never the solution).

    >>> CheckResult("ex1", False, "that count includes every event.")
    Not yet: that count includes every event.
    >>> bool(CheckResult("ex1", True, "well read."))
    True
    """

    exercise: str
    right: bool
    message: str

    def __bool__(self) -> bool:
        return self.right

    def __str__(self) -> str:
        return f"{'Right' if self.right else 'Not yet'}: {self.message}"

    __repr__ = __str__


def _right(ex: str, message: str) -> CheckResult:
    return CheckResult(ex, True, message)


def _wrong(ex: str, message: str) -> CheckResult:
    return CheckResult(ex, False, message)


def exercise_event(ds: Dataset, preferred: str = EVENT) -> str:
    """The event the exercises ask about: ``preferred`` when the dataset has it; else, so the notebook
    runs on anyone's data, the event with the most statements (ties: the lowest id) on which every
    exercise can be posed, its reference answer accepted (the largest event, if none can).

    >>> # ds, a tiny test fixture: no Belgorod raid, no event fits all
    >>> exercise_event(ds, "ev-beta"), exercise_event(ds)
    ('ev-beta', 'ev-alpha')
    """
    events = as_text(ds.statements["event_id"]).dropna()
    if (events == preferred).any() or events.empty:
        return preferred
    counts = events.value_counts()
    ranked = sorted(counts.index, key=lambda e: (-counts[e], e))
    for event in ranked:
        try:
            if all(check(exercise, reference_answer(exercise, ds, event), ds, event).right for exercise in EXERCISES):
                return str(event)
        except ValueError:  # this event lacks what some exercise needs (a relayed voice, a bloc, ...)
            continue
    return str(ranked[0])


def _event_rows(ds: Dataset, event: str) -> pd.DataFrame:
    st = ds.statements
    rows = st[st["event_id"].astype(str) == event]
    if rows.empty:
        known = sorted(st["event_id"].astype(str).unique())
        raise ValueError(f"no statements about event {event!r}; events in this dataset: {', '.join(known)}")
    return rows


def _number(answer: Any) -> float | None:
    """The answer as a float, or None if it is not a plain number."""
    if isinstance(answer, bool) or answer is None:
        return None
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def _close(a: float, b: float, tol: float = TOLERANCE) -> bool:
    return abs(a - b) <= tol


def _code(answer: Any, allowed: list[str], what: str, ex: str) -> tuple[str | None, CheckResult | None]:
    """Normalise a code answer; a CheckResult when it is not one of ``allowed``."""
    if not isinstance(answer, str) or not answer.strip():
        return None, _wrong(ex, f"give the answer as a {what} code in quotes, one of: {', '.join(allowed)}.")
    code = answer.strip()
    if code in allowed:
        return code, None
    lowered = {a.lower(): a for a in allowed}
    if code.lower() in lowered:
        return lowered[code.lower()], None
    near = difflib.get_close_matches(code, allowed, n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    return None, _wrong(ex, f"{code!r} is not a {what} code{hint}; allowed: {', '.join(allowed)}.")


# --- ex1: read a table ---------------------------------------------------------------------------


def _ref_count(ds: Dataset, event: str = EVENT) -> int:
    rows = _event_rows(ds, event)
    return int((rows["outlet_bloc"].astype(str) == COUNT_BLOC).sum())


def check_statement_count(answer: Any, ds: Dataset, event: str = EVENT) -> CheckResult:
    """Ex. 1: how many statements about ``event`` appeared in outlets of the Russian bloc?"""
    ex, value = "ex1", _number(answer)
    if value is None or value != int(value):
        return _wrong(ex, "give a whole number (a count of statements).")
    truth = _ref_count(ds, event)
    if int(value) == truth:
        return _right(
            ex, f"that is the cell where the {event} row meets the {COUNT_BLOC} column of the coverage table."
        )
    st = ds.statements
    rows = _event_rows(ds, event)
    if int(value) == int((rows["speaker_bloc"].astype(str) == COUNT_BLOC).sum()):
        return _wrong(
            ex,
            "that counts Russian speakers. The question is about the outlets that published the statements "
            "(outlet_bloc).",
        )
    if int(value) == len(rows):
        return _wrong(ex, "that is every bloc's statements about the event; read only the russian column.")
    if int(value) == int((st["outlet_bloc"].astype(str) == COUNT_BLOC).sum()):
        return _wrong(ex, "that is the russian outlets' statements about all events; read only the event's row.")
    return _wrong(
        ex,
        f"find the row {event} and the column {COUNT_BLOC} in the 'Statements per event and bloc' table of notebook 01 "
        "(or count with ds.statements).",
    )


# --- ex2: outlet voice vs speaker voice ----------------------------------------------------------


def relayed_voice_statement(ds: Dataset, event: str = EVENT) -> pd.Series:
    """The event's first statement (by id) whose speaker is not of the outlet's bloc and not the outlet itself."""
    rows = _event_rows(ds, event)
    mask = (rows["outlet_bloc"].astype(str) != rows["speaker_bloc"].astype(str)) & (
        as_text(rows["speaker"]) != "editorial"
    )
    picked = rows[mask].sort_values("statement_id")
    if picked.empty:
        raise ValueError(f"event {event!r} has no statement whose speaker is of another bloc than its outlet")
    return picked.iloc[0]


def _ref_speaker_bloc(ds: Dataset, event: str = EVENT) -> str:
    return str(relayed_voice_statement(ds, event)["speaker_bloc"])


def check_speaker_bloc(answer: Any, ds: Dataset, event: str = EVENT) -> CheckResult:
    """Ex. 2: whose voice is the statement shown: give its speaker_bloc code."""
    ex = "ex2"
    code, bad = _code(answer, ds.codebook.codes("bloc"), "bloc", ex)
    if bad is not None:
        return bad
    row = relayed_voice_statement(ds, event)
    if code == str(row["speaker_bloc"]):
        return _right(
            ex, "the outlet carries the words, but they are the speaker's; speaker_bloc records whose they are."
        )
    if code == str(row["outlet_bloc"]):
        return _wrong(ex, "that is the bloc of the outlet that published it. Who is speaking, and on whose behalf?")
    return _wrong(
        ex,
        "read the speaker and speaker_role, then the bloc definitions in notebook 00: which bloc does this speaker "
        "belong to?",
    )


# --- ex3: a single outlet is not a bloc ----------------------------------------------------------


def _outlet_counts(ds: Dataset, event: str) -> pd.Series:
    rows = _event_rows(ds, event)
    return as_text(rows.loc[rows["outlet_bloc"].astype(str) == OUTLET_BLOC, "outlet"]).value_counts()


def _ref_outlet_share(ds: Dataset, event: str = EVENT) -> float:
    counts = _outlet_counts(ds, event)
    return float(counts.max() / counts.sum()) if len(counts) else 0.0


def check_top_outlet_share(answer: Any, ds: Dataset, event: str = EVENT) -> CheckResult:
    """Ex. 3: what share of the russian_independent bloc's statements on ``event`` come from its busiest outlet?"""
    ex, value = "ex3", _number(answer)
    if value is None:
        return _wrong(ex, "give a share as a number between 0 and 1.")
    counts = _outlet_counts(ds, event)
    if not len(counts):
        return _wrong(ex, f"this dataset has no {OUTLET_BLOC} outlet statements about {event}; choose another event.")
    truth = float(counts.max() / counts.sum())
    if _close(value, truth):
        return _right(
            ex,
            f"{len(counts)} outlets make this bloc here. Whatever one of them says weighs that much in the bloc's "
            "shares.",
        )
    if 1 < value <= 100 and _close(value / 100, truth):
        return _wrong(ex, "that looks like a percentage; give the share between 0 and 1.")
    if value == counts.max():
        return _wrong(ex, "that is the busiest outlet's count; divide it by the bloc's statements about the event.")
    return _wrong(
        ex,
        "count the bloc's statements about the event per outlet (value_counts on 'outlet'), then divide the largest "
        "count by their sum.",
    )


# --- ex4: a frame share by hand ------------------------------------------------------------------


def _ref_frame_share(ds: Dataset, event: str = EVENT) -> float:
    shares = frame_shares(_event_rows(ds, event), "outlet_bloc", codebook=ds.codebook)
    row = shares[(shares["bloc"] == SHARE_BLOC) & (shares["frame"] == SHARE_FRAME)]
    return float(row["share"].iat[0])


def check_frame_share(answer: Any, ds: Dataset, event: str = EVENT) -> CheckResult:
    """Ex. 4: the share of western outlets' statements on ``event`` whose primary frame is uncertainty_verification.

    Checked against :func:`framelens.framing.frame_shares` within half a percentage point.
    """
    ex, value = "ex4", _number(answer)
    if value is None:
        return _wrong(ex, "give a share as a number between 0 and 1 (count / N).")
    truth = _ref_frame_share(ds, event)
    if _close(value, truth):
        return _right(ex, "your hand count agrees with framelens.framing.frame_shares.")
    rows = _event_rows(ds, event)
    western = rows[rows["outlet_bloc"].astype(str) == SHARE_BLOC]
    count = int((western["frame"].astype(str) == SHARE_FRAME).sum())
    if 1 < value <= 100 and _close(value / 100, truth):
        return _wrong(ex, "that looks like a percentage; give the share between 0 and 1.")
    if value == count and count != truth:
        return _wrong(ex, "that is the count; divide it by N, the western outlets' statements about the event.")
    if len(rows) and _close(value, count / len(rows)):
        return _wrong(
            ex, "you divided by all blocs' statements about the event; N is the western outlets' statements only."
        )
    with_secondary = frame_shares(rows, "outlet_bloc", secondary=True, codebook=ds.codebook)
    sec = with_secondary[(with_secondary["bloc"] == SHARE_BLOC) & (with_secondary["frame"] == SHARE_FRAME)][
        "share"
    ].iat[0]
    if _close(value, float(sec)) and not _close(float(sec), truth):
        return _wrong(ex, "you counted secondary frames too; the question is about the primary frame (column 'frame').")
    speakers = rows[rows["speaker_bloc"].astype(str) == SHARE_BLOC]
    if len(speakers) and _close(value, float((speakers["frame"].astype(str) == SHARE_FRAME).mean())):
        return _wrong(ex, "you grouped by speaker_bloc; the question is about western outlets (outlet_bloc).")
    return _wrong(
        ex,
        "keep the event's rows with outlet_bloc == 'western', count those whose frame is "
        "'uncertainty_verification', and divide by the number of rows kept.",
    )


# --- ex5: tag three statements -------------------------------------------------------------------


def tagging_statements(ds: Dataset, event: str = EVENT) -> list[str]:
    """Three statement ids of ``event`` to tag: one per bloc of TAGGING_BLOCS (outlet_bloc), each with
    an actor label and a claim, preferring statements that both coders of the reliability sample coded
    alike (clear cases), earliest id first. Fewer blocs present give fewer statements."""
    rows = _event_rows(ds, event)
    rows = rows[rows["actor_label"].notna() & rows["claim_id"].notna()]
    agreed: set[str] = set()
    if ds.reliability is not None and len(ds.reliability):
        rel = ds.reliability
        cols = [c for c in TAG_COLUMNS if c in rel.columns]
        same = (
            rel.groupby(as_text(rel["statement_id"]))[cols]
            .agg(lambda s: s.astype(object).nunique(dropna=False) == 1)
            .all(axis=1)
        )
        agreed = set(same[same].index)
    picked = []
    for bloc in TAGGING_BLOCS:
        part = rows[rows["outlet_bloc"].astype(str) == bloc].copy()
        if part.empty:
            continue
        part["_clear"] = ~as_text(part["statement_id"]).isin(agreed)
        part = part.sort_values(["_clear", "statement_id"])
        picked.append(str(part["statement_id"].iat[0]))
    return picked


def statements_to_tag(ds: Dataset, event: str = EVENT) -> pd.DataFrame:
    """The statements of ex. 5 as students see them: words and context, no codes."""
    ids = tagging_statements(ds, event)
    st = ds.statements.set_index(as_text(ds.statements["statement_id"]))
    cols = ["outlet", "speaker", "speaker_role", "quote", "quote_type", "actor_label", "claim_id"]
    out = st.loc[ids, cols].copy()
    if ds.claims is not None:
        claims = ds.claims.set_index(as_text(ds.claims["claim_id"]))["claim"]
        out["claim"] = as_text(out["claim_id"]).map(as_text(claims))
    out.index.name = "statement_id"
    return out


def _ref_tagging(ds: Dataset, event: str = EVENT) -> dict[str, dict[str, str]]:
    st = ds.statements.set_index(as_text(ds.statements["statement_id"]))
    return {
        sid: {c: str(st.at[sid, c]) for c in TAG_COLUMNS if pd.notna(st.at[sid, c])}
        for sid in tagging_statements(ds, event)
    }


def check_tagging(answer: Any, ds: Dataset, event: str = EVENT) -> CheckResult:
    """Ex. 5: your frame, label_valence and stance for the three statements, against the reference coding.

    ``answer`` is ``{statement_id: {"frame": ..., "label_valence": ..., "stance": ...}}``. A
    disagreement is explained with the codebook definition of the code you chose, never the
    reference code (see :func:`compare_tagging` for the side-by-side after class).
    """
    ex = "ex5"
    reference = _ref_tagging(ds, event)
    if not isinstance(answer, dict):
        return _wrong(ex, "give a dict {statement_id: {'frame': ..., 'label_valence': ..., 'stance': ...}}.")
    missing = [sid for sid in reference if sid not in answer]
    if missing:
        return _wrong(ex, f"tag every statement shown; missing: {', '.join(missing)}.")
    notes, agree, total = [], 0, 0
    for sid, ref in reference.items():
        given = answer[sid] or {}
        for column, truth in ref.items():
            total += 1
            vocab = ds.codebook.column("statements", column).vocabulary
            code, bad = _code(given.get(column), ds.codebook.codes(vocab), vocab, ex)
            if bad is not None:
                return _wrong(ex, f"{sid} {column}: {bad.message}")
            if code == truth:
                agree += 1
            else:
                notes.append(
                    f"{sid} {column}: you chose {code!r}, defined as "
                    f'"{ds.codebook.vocabularies[vocab].definition(code)}" '
                    f"Does the statement do that? Compare the definitions of the other {vocab} codes."
                )
    if agree == total:
        return _right(ex, f"your {total} codes agree with the reference coding.")
    return _wrong(
        ex,
        f"{agree} of {total} codes agree with the reference coding. "
        + " ".join(notes)
        + " A disagreement is worth arguing from the definitions: coders differ too.",
    )


def compare_tagging(answer: dict, ds: Dataset, event: str = EVENT) -> pd.DataFrame:
    """After class: your codes beside the reference coding, with both codebook definitions.

    This SHOWS the reference coding; the exercises notebook does not call it.
    """
    rows = []
    for sid, ref in _ref_tagging(ds, event).items():
        for column, truth in ref.items():
            vocab = ds.codebook.vocabularies[ds.codebook.column("statements", column).vocabulary]
            yours = (answer.get(sid) or {}).get(column)
            rows.append(
                {
                    "statement_id": sid,
                    "column": column,
                    "yours": yours,
                    "reference": truth,
                    "agree": yours == truth,
                    "your definition": vocab.values.get(yours, {}).get("definition", ""),
                    "reference definition": vocab.definition(truth),
                }
            )
    return pd.DataFrame(rows)


# --- ex6: a naming share ---------------------------------------------------------------------------


def _ref_valence_share(ds: Dataset, event: str = EVENT) -> float:
    shares = valence_shares(_event_rows(ds, event), "outlet_bloc", codebook=ds.codebook)
    row = shares[(shares["bloc"] == VALENCE_BLOC) & (shares["label_valence"] == VALENCE)]
    return float(row["share"].iat[0])


def check_valence_share(answer: Any, ds: Dataset, event: str = EVENT) -> CheckResult:
    """Ex. 6: the share of ukrainian outlets' labelled statements on ``event`` whose label is delegitimizing."""
    ex, value = "ex6", _number(answer)
    if value is None:
        return _wrong(ex, "give a share as a number between 0 and 1.")
    truth = _ref_valence_share(ds, event)
    if _close(value, truth):
        return _right(
            ex, "N is the statements that name the actor at all, as framelens.naming.valence_shares counts it."
        )
    if 1 < value <= 100 and _close(value / 100, truth):
        return _wrong(ex, "that looks like a percentage; give the share between 0 and 1.")
    rows = _event_rows(ds, event)
    bloc = rows[rows["outlet_bloc"].astype(str) == VALENCE_BLOC]
    k = int((bloc["label_valence"].astype(str) == VALENCE).sum())
    if len(bloc) and _close(value, k / len(bloc)):
        return _wrong(
            ex,
            "you divided by all the bloc's statements; N is only those with an actor_label (a statement that names "
            "nobody has no valence).",
        )
    return _wrong(
        ex,
        "keep the event's ukrainian-outlet rows that have an actor_label, and compute the share whose label_valence "
        "is 'delegitimizing'.",
    )


# --- ex7: which bloc hedges most -------------------------------------------------------------------


def _hedging(ds: Dataset) -> pd.DataFrame:
    return sourcing_shares(ds.statements, "outlet_bloc")


def _ref_hedging_bloc(ds: Dataset, event: str | None = None) -> str:
    return str(_hedging(ds)["share_hedged"].idxmax())


def check_most_hedging_bloc(answer: Any, ds: Dataset, event: str | None = None) -> CheckResult:
    """Ex. 7: over all events, which outlet bloc hedges most (attributes or questions, as a share of statements with
    a stance)?"""
    ex = "ex7"
    code, bad = _code(answer, ds.codebook.codes("bloc"), "bloc", ex)
    if bad is not None:
        return bad
    table = _hedging(ds)
    best = table["share_hedged"].max()
    if math.isclose(table.at[code, "share_hedged"], best):
        return _right(
            ex,
            "a high share says the bloc's outlets often report claims as someone else's or doubt them; it is not a "
            "verdict on who is right.",
        )
    if table.at[code, "n_hedged"] == table["n_hedged"].max():
        return _wrong(
            ex,
            "that bloc has the most hedged statements in number, but it also has more statements; compare shares "
            "(share_hedged), not counts.",
        )
    return _wrong(
        ex,
        "use framelens.sourcing.sourcing_shares(ds.statements) and compare share_hedged: hedged = stance 'attributes' "
        "or "
        "'questions', divided by the statements that take a stance.",
    )


# --- ex8: the relay graph --------------------------------------------------------------------------


def _relay_in_degree(ds: Dataset, event: str) -> dict[str, int]:
    g = relay_graph(_event_rows(ds, event), ds.outlets)
    return {n: g.in_degree(n) for n, d in g.nodes(data=True) if "source" in d["roles"]}


def _ref_relayed_source(ds: Dataset, event: str = EVENT) -> str:
    degrees = _relay_in_degree(ds, event)
    if not degrees:
        raise ValueError(f"event {event!r} has no relayed statement (no cited_source), so there is no relay graph")
    return sorted(degrees, key=lambda n: (-degrees[n], n))[0]


def check_most_relayed_source(answer: Any, ds: Dataset, event: str = EVENT) -> CheckResult:
    """Ex. 8: in the relay graph of ``event``, which cited source do the most outlets relay (most arrows in)?"""
    ex = "ex8"
    if not isinstance(answer, str) or not answer.strip():
        return _wrong(ex, "give the name of a node of the relay graph, in quotes.")
    degrees = _relay_in_degree(ds, event)
    if not degrees:
        return _wrong(ex, f"no statement about {event} cites a source; choose another event.")
    names = {n.casefold(): n for n in degrees}
    name = names.get(" ".join(answer.split()).casefold())
    if name is not None and degrees[name] == max(degrees.values()):
        return _right(
            ex,
            "the most relayed source. Ask what it is: a person, an outlet, or a platform that many sources publish on?",
        )
    if name is not None:
        return _wrong(
            ex, "that source is relayed, but not by the most outlets: count the arrows pointing at each source node."
        )
    return _wrong(
        ex,
        "that is not a cited source in this event's relay graph (arrows run outlet -> cited source -> speaker); "
        "look at the nodes that arrows point to from outlets.",
    )


# --- ex9: more than chance? ------------------------------------------------------------------------


def _chance_test(ds: Dataset, event: str):
    rows = _event_rows(ds, event)
    two = rows[rows["outlet_bloc"].astype(str).isin(CHANCE_BLOCS)]
    return frame_tests(two, "outlet_bloc", codebook=ds.codebook)["test"].iat[0]


def _ref_more_than_chance(ds: Dataset, event: str = EVENT) -> bool:
    return bool(_chance_test(ds, event).p_value < 0.05)


def check_more_than_chance(answer: Any, ds: Dataset, event: str = EVENT) -> CheckResult:
    """Ex. 9: is the difference in primary frames between russian and western outlets on ``event`` more than chance
    (5% level)?"""
    ex = "ex9"
    if isinstance(answer, str) and answer.strip().lower() in ("yes", "no", "true", "false"):
        answer = answer.strip().lower() in ("yes", "true")
    if not isinstance(answer, bool):
        return _wrong(ex, "answer True (more than chance) or False.")
    test = _chance_test(ds, event)
    if not test.testable:
        return _wrong(ex, f"no test is possible here: {test.reason}; choose another event.")
    if answer == (test.p_value < 0.05):
        return _right(
            ex,
            "read from the test's p-value at the 5% level. With few statements a test chosen by Cochran's rule "
            "(chi-square, or Monte Carlo when expected counts are small) says nothing about how big the difference is "
            "or why.",
        )
    return _wrong(
        ex,
        "run framelens.framing.frame_tests on the event's russian and western outlet statements and compare "
        "p_value with 0.05; a big-looking difference in shares on few statements can still be chance.",
    )


# --- registry ------------------------------------------------------------------------------------

EXERCISES: dict[str, tuple[Callable, Callable]] = {
    "ex1": (check_statement_count, _ref_count),
    "ex2": (check_speaker_bloc, _ref_speaker_bloc),
    "ex3": (check_top_outlet_share, _ref_outlet_share),
    "ex4": (check_frame_share, _ref_frame_share),
    "ex5": (check_tagging, _ref_tagging),
    "ex6": (check_valence_share, _ref_valence_share),
    "ex7": (check_most_hedging_bloc, _ref_hedging_bloc),
    "ex8": (check_most_relayed_source, _ref_relayed_source),
    "ex9": (check_more_than_chance, _ref_more_than_chance),
}


def reference_answer(exercise: str, ds: Dataset, event: str = EVENT) -> Any:
    """The answer the checker of ``exercise`` accepts, computed from ``ds`` (for testing and teachers).

    >>> shipped = framelens.load_dataset("data")
    >>> check_frame_share(reference_answer("ex4", shipped), shipped).right
    True
    """
    if exercise not in EXERCISES:
        raise KeyError(f"unknown exercise {exercise!r}; one of {', '.join(EXERCISES)}")
    return EXERCISES[exercise][1](ds, event)


def check(exercise: str, answer: Any, ds: Dataset, event: str = EVENT) -> CheckResult:
    """Run the checker of ``exercise`` by its id ("ex1" ... "ex9")."""
    if exercise not in EXERCISES:
        raise KeyError(f"unknown exercise {exercise!r}; one of {', '.join(EXERCISES)}")
    return EXERCISES[exercise][0](answer, ds, event)


@dataclass(frozen=True)
class NotPosed:
    """An exercise the dataset cannot pose, and why (what it lacks), in one plain sentence.

    >>> NotPosed("ex2", "event 'e' has no statement whose speaker is of another bloc than its outlet")
    Not posed on this dataset: event 'e' has no statement whose speaker is of another bloc than its outlet.
    """

    exercise: str
    reason: str

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"Not posed on this dataset: {self.reason.rstrip('.')}."

    __repr__ = __str__


def why_not_posed(exercise: str, ds: Dataset, event: str) -> str | None:
    """None when ``exercise`` can be posed on ``event`` (its reference answer is accepted), else what is missing.

    >>> why_not_posed("ex1", ds, "ev-alpha") is None
    True
    """
    try:
        accepted = check(exercise, reference_answer(exercise, ds, event), ds, event).right
    except ValueError as exc:  # the checkers say what the data lacks (a bloc, a relayed voice, a claim, ...)
        return str(exc)
    return None if accepted else "its reference answer is not accepted on this data"


def posed_table(ds: Dataset, event: str) -> pd.DataFrame:
    """One row per exercise: posed or not on ``event``, and why not."""
    rows = [(ex, *(("no", reason) if (reason := why_not_posed(ex, ds, event)) else ("yes", ""))) for ex in EXERCISES]
    return pd.DataFrame(rows, columns=["exercise", "posed", "why not"]).set_index("exercise")


def attempt(
    exercise: str, answer: Any, ds: Dataset, event: str, show_reference: bool = False
) -> CheckResult | NotPosed:
    """One exercise cell: check ``answer`` (the reference answer when ``show_reference``, which must then be
    accepted), or say why the dataset cannot pose the exercise.

    >>> attempt("ex1", None, ds, "ev-alpha", show_reference=True)  # doctest: +ELLIPSIS
    Right: ...
    """
    reason = why_not_posed(exercise, ds, event)
    if reason:
        return NotPosed(exercise, reason)
    if show_reference:
        answer = reference_answer(exercise, ds, event)
    result = check(exercise, answer, ds, event)
    if show_reference and not result.right:
        raise AssertionError(f"{exercise}: the checker refused its own reference answer ({result})")
    return result


def material(exercise: str, ds: Dataset, event: str) -> pd.DataFrame | NotPosed:
    """What an exercise shows the student: ex2 the statement, ex5 the statements to tag, ex8 the relay arrows,
    ex9 the two blocs' frame counts (or why the dataset cannot pose it)."""
    reason = why_not_posed(exercise, ds, event)
    if reason:
        return NotPosed(exercise, reason)
    if exercise == "ex2":
        row = relayed_voice_statement(ds, event)
        return row[["statement_id", "outlet", "speaker", "speaker_role", "cited_source", "quote"]].to_frame("value")
    if exercise == "ex5":
        return statements_to_tag(ds, event)
    if exercise == "ex8":
        st = ds.statements[as_text(ds.statements["event_id"]) == event]
        edges = sorted(relay_graph(st, ds.outlets).edges(data="weight"))
        return pd.DataFrame(edges, columns=["from", "to", "statements"])
    if exercise == "ex9":
        from framelens.framing import frame_counts

        two = ds.statements[
            (as_text(ds.statements["event_id"]) == event) & as_text(ds.statements["outlet_bloc"]).isin(CHANCE_BLOCS)
        ]
        counts = frame_counts(two).loc[list(CHANCE_BLOCS)].T
        return counts[counts.sum(axis=1) > 0]
    raise KeyError(f"exercise {exercise!r} shows no material; those that do: ex2, ex5, ex8, ex9")


def show_material(exercise: str, ds: Dataset, event: str) -> None:
    """Display :func:`material` in a notebook (a table, exported like every table), or why it is not posed."""
    from framelens.publish.notebook import show_table

    shown = material(exercise, ds, event)
    if isinstance(shown, NotPosed):
        print(shown)
        return
    captions = {
        "ex2": "Exercise 2: the statement",
        "ex5": "Exercise 5: three statements to tag",
        "ex8": "Exercise 8: the relay graph as arrows",
        "ex9": "Exercise 9: primary frames of Russian and Western outlets",
    }
    names = {
        "ex2": "ex2_statement",
        "ex5": "ex5_statements_to_tag",
        "ex8": "ex8_relay_arrows",
        "ex9": "ex9_frame_counts",
    }
    if exercise == "ex8":
        print(f"{len(shown)} arrows")
    with pd.option_context("display.max_colwidth", None):
        show_table(shown, names[exercise], captions[exercise])


def tagging_template(ds: Dataset, event: str) -> dict[str, dict[str, None]]:
    """Exercise 5's blank answer: one entry per statement to tag (empty when the dataset cannot pose it)."""
    if why_not_posed("ex5", ds, event):
        return {}
    return {sid: {column: None for column in TAG_COLUMNS} for sid in tagging_statements(ds, event)}


def student_copy(src: str | Path, dst: str | Path) -> Path:
    """Write the exercises notebook for students: outputs cleared and ``SHOW_REFERENCE = False``."""
    import nbformat

    nb = nbformat.read(Path(src), as_version=4)
    found = False
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
            if "parameters" in cell.metadata.get("tags", []):
                lines = cell.source.splitlines()
                for i, line in enumerate(lines):
                    if line.startswith("SHOW_REFERENCE"):
                        lines[i], found = (
                            "SHOW_REFERENCE = False  # True fills in the reference answers (teachers, tests)",
                            True,
                        )
                cell.source = "\n".join(lines)
    if not found:
        raise ValueError(f"{src}: no SHOW_REFERENCE line in a cell tagged 'parameters'")
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dst)
    return dst
