"""Suggested tags for draft statements, learnt from a coded dataset, each with a confidence in [0, 1].

``suggested_frame``, ``suggested_label_valence`` and ``suggested_stance`` come from a linear model (logistic loss,
fitted by averaged stochastic gradient descent with a seed) on word 1-2-grams and character 2-5-grams of the quote,
trained on the dataset at hand (no language resources, so English, Russian and Ukrainian alike);
``suggested_claim_id`` from BM25 over the dataset's claims (those of the row's event when it is known);
``suggested_speaker_bloc`` from the speakers the dataset knows, the outlet's bloc for the outlet's own voice, else a
character n-gram model of the speaker and role. A suggestion is left empty where a person already set the tag, and
where the codebook would not allow the tag (label_valence needs an actor_label, stance a claim). Needs the
``assist`` extra (scikit-learn); deterministic for a given seed.

>>> import framelens
>>> ds = framelens.load_dataset("data")
>>> words = ["The Kyiv regime staged a terrorist attack on the bridge"]
>>> draft = pd.DataFrame({"quote": words, "speaker": ["Maria Zakharova"]})
>>> out = suggest(draft, ds)
>>> out.loc[0, "suggested_speaker_bloc"], bool(0 <= out.loc[0, "suggested_frame_confidence"] <= 1)
('russian', True)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from framelens._kernels import as_text
from framelens.dataset.loader import Dataset

SEED = 20231018
SUGGESTED = ("frame", "label_valence", "stance", "claim_id", "speaker_bloc")
MODELLED = ("frame", "label_valence", "stance")  # the columns the linear model learns
ACCEPT_ORDER = (
    "frame",
    "label_valence",
    "claim_id",
    "stance",
    "speaker_bloc",
)  # a claim accepted first allows a stance
EDITORIAL = {"", "editorial"}


class AssistError(ValueError):
    """A suggestion step that cannot run: the message says why, on one line."""


def suggestion_column(column: str) -> str:
    """``suggested_<column>``.

    >>> suggestion_column("frame"), confidence_column("frame")
    ('suggested_frame', 'suggested_frame_confidence')
    """
    return f"suggested_{column}"


def confidence_column(column: str) -> str:
    return f"suggested_{column}_confidence"


def is_suggestion_column(name: str) -> bool:
    """Whether a column holds suggestions (``suggested_...``), which a person must accept or drop.

    >>> is_suggestion_column("suggested_frame_confidence"), is_suggestion_column("frame")
    (True, False)
    """
    return name.startswith("suggested_")


def require_sklearn():
    """The scikit-learn module, or AssistError saying how to install it."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise AssistError(
            "suggestions need scikit-learn, which the core install leaves out: pip install 'framelens[assist]'"
        ) from None
    return sklearn


def _blank(values: pd.Series) -> pd.Series:
    return values.isna() | as_text(values.astype(object).where(values.notna(), "")).str.strip().eq("")


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return frame[column].astype(object).where(frame[column].notna(), "").astype(str).str.strip()


def tokens(text: str) -> list[str]:
    """Lower-case word tokens cut to their first six letters (a crude, language-free stem for Russian and
    Ukrainian case endings).

    >>> tokens("Russian forces fired the missile")
    ['russia', 'forces', 'fired', 'the', 'missil']
    """
    return [t[:6] for t in re.findall(r"\w+", text.lower())]


def bm25_scores(query: list[str], documents: list[list[str]], k1: float = 1.5, b: float = 0.75) -> np.ndarray:
    """Okapi BM25 of ``query`` against each tokenised document; idf = ln((N - n + 0.5) / (n + 0.5) + 1).

    >>> bm25_scores(["drone"], [["drone", "attack"], ["bridge"]]).round(4).tolist()  # ln 2 * 2.5 / (1 + 1.5 * 1.25)
    [0.6027, 0.0]
    """
    n_docs = len(documents)
    if not n_docs:
        return np.zeros(0)
    lengths = np.array([len(d) for d in documents], dtype=float)
    avg = lengths.mean() or 1.0
    df = Counter(t for d in documents for t in set(d))
    scores = np.zeros(n_docs)
    for term in set(query):
        if term not in df:
            continue
        idf = math.log((n_docs - df[term] + 0.5) / (df[term] + 0.5) + 1)
        tf = np.array([d.count(term) for d in documents], dtype=float)
        scores += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths / avg))
    return scores


ALPHA = 1e-4  # L2 penalty of the linear model


def _one_thread():
    """A context that keeps BLAS to one thread: on small data, thread start-up costs more than it gains."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)


def _features(analyzers: tuple[str, ...] = ("word", "char_wb")):
    """Tf-idf of word 1-2-grams and character 2-5-grams (within words), as one sparse matrix."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    parts = []
    if "word" in analyzers:
        parts.append(("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)))
    if "char_wb" in analyzers:
        parts.append(("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)))
    return FeatureUnion(parts)


@dataclass
class _Model:
    """A linear classifier (logistic loss, averaged stochastic gradient descent, seeded) on a feature matrix, or
    the one class seen in training."""

    classifier: object | None
    constant: str | None

    @classmethod
    def fit(cls, features, labels: pd.Series, seed: int) -> _Model | None:
        if labels.empty:
            return None
        if labels.nunique() == 1:
            return cls(None, str(labels.iat[0]))
        from sklearn.linear_model import SGDClassifier

        model = SGDClassifier(loss="log_loss", alpha=ALPHA, average=True, max_iter=20, tol=None, random_state=seed)
        with _one_thread():
            model.fit(features, labels.astype(str).to_numpy())
        return cls(model, None)

    def predict(self, features) -> tuple[list[str], np.ndarray]:
        n = features.shape[0]
        if self.constant is not None:
            return [self.constant] * n, np.ones(n)
        with _one_thread():
            proba = self.classifier.predict_proba(features)
        classes = self.classifier.classes_
        best = proba.argmax(axis=1)
        return [str(classes[i]) for i in best], proba[np.arange(n), best]


def _speaker_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.lower()).strip()


class Suggester:
    """The models learnt from one dataset's coded statements (and its claims and outlets)."""

    def __init__(self, statements: pd.DataFrame, claims: pd.DataFrame | None = None, outlets=None, seed: int = SEED):
        require_sklearn()
        self.seed = seed
        quotes = _text(statements, "quote")
        self.features = _features()
        with _one_thread():
            matrix = self.features.fit_transform(quotes.tolist()) if len(quotes) else None
        self.models: dict[str, _Model | None] = {}
        for column in MODELLED:
            labels = _text(statements, column)
            keep = labels.ne("").to_numpy()
            self.models[column] = _Model.fit(matrix[keep], labels[keep], seed) if matrix is not None else None
        speakers = _text(statements, "speaker")
        blocs = _text(statements, "speaker_bloc")
        known = speakers.ne("") & blocs.ne("") & ~speakers.str.lower().isin(EDITORIAL)
        self.speakers: dict[str, Counter] = {}
        self.surnames: dict[str, Counter] = {}
        for name, bloc in zip(speakers[known], blocs[known]):
            self.speakers.setdefault(_speaker_key(name), Counter())[bloc] += 1
            self.surnames.setdefault(_speaker_key(name).split()[-1], Counter())[bloc] += 1
        who = speakers[known] + " | " + _text(statements, "speaker_role")[known]
        self.who_features = _features(("char_wb",))
        self.bloc_model = None
        if known.sum() > 1:
            with _one_thread():
                self.bloc_model = _Model.fit(self.who_features.fit_transform(who.tolist()), blocs[known], seed)
        self.claims = claims if claims is not None and len(claims) else None
        self.claim_tokens = [tokens(t) for t in _text(self.claims, "claim")] if self.claims is not None else []

    @classmethod
    def from_dataset(cls, ds: Dataset, seed: int = SEED) -> Suggester:
        return cls(ds.statements, ds.claims, ds.outlets, seed)

    def _claims(self, quotes: pd.Series, events: pd.Series) -> tuple[list[str], list[float]]:
        if self.claims is None:
            return [""] * len(quotes), [float("nan")] * len(quotes)
        ids = _text(self.claims, "claim_id").tolist()
        claim_events = _text(self.claims, "event_id").to_numpy()
        out, conf = [], []
        for quote, event in zip(quotes, events):
            scores = bm25_scores(tokens(quote), self.claim_tokens)
            if event and (claim_events == event).any():
                scores = np.where(claim_events == event, scores, 0.0)
            if scores.max(initial=0.0) <= 0:
                out.append("")
                conf.append(float("nan"))
                continue
            best = int(scores.argmax())
            out.append(ids[best])
            conf.append(float(scores[best] / scores[scores > 0].sum()))
        return out, conf

    def _speaker_blocs(self, frame: pd.DataFrame) -> tuple[list[str], list[float]]:
        speakers, roles, outlet_blocs = (
            _text(frame, "speaker"),
            _text(frame, "speaker_role"),
            _text(frame, "outlet_bloc"),
        )
        out, conf = [], []
        unknown = []
        for i, (name, bloc) in enumerate(zip(speakers, outlet_blocs)):
            key = _speaker_key(name)
            counts = self.speakers.get(key) or (self.surnames.get(key.split()[-1]) if key else None)
            if key in EDITORIAL:
                out.append(bloc)
                conf.append(1.0 if bloc else float("nan"))
            elif counts:
                top, n = counts.most_common(1)[0]
                out.append(top)
                conf.append(n / sum(counts.values()))
            else:
                out.append("")
                conf.append(float("nan"))
                unknown.append(i)
        if unknown and self.bloc_model is not None:
            with _one_thread():
                who = self.who_features.transform((speakers + " | " + roles).iloc[unknown].tolist())
            labels, p = self.bloc_model.predict(who)
            for i, label, c in zip(unknown, labels, p):
                out[i], conf[i] = label, float(c)
        return out, conf

    def suggest(self, draft: pd.DataFrame) -> pd.DataFrame:
        """``draft`` with ``suggested_<column>`` and ``suggested_<column>_confidence`` for every column of SUGGESTED
        (replacing older suggestion columns); the draft's own columns are returned unchanged."""
        base = draft[[c for c in draft.columns if not is_suggestion_column(c)]].copy()
        quotes = _text(base, "quote")
        values: dict[str, tuple[list[str], np.ndarray]] = {}
        matrix = None
        if len(base) and any(self.models.values()):
            with _one_thread():
                matrix = self.features.transform(quotes.tolist())
        for column in MODELLED:
            model = self.models.get(column)
            if model is None or matrix is None:
                values[column] = ([""] * len(base), np.full(len(base), np.nan))
            else:
                values[column] = model.predict(matrix)
        claim, claim_conf = self._claims(quotes, _text(base, "event_id"))
        values["claim_id"] = (claim, np.array(claim_conf, dtype=float))
        bloc, bloc_conf = self._speaker_blocs(base)
        values["speaker_bloc"] = (bloc, np.array(bloc_conf, dtype=float))
        has_claim = _text(base, "claim_id").ne("") | pd.Series(claim, index=base.index).ne("")
        allowed = {
            "label_valence": _text(base, "actor_label").ne(""),
            "stance": has_claim,
        }
        for column in SUGGESTED:
            labels, p = values[column]
            labels = pd.Series(labels, index=base.index, dtype=object)
            p = pd.Series(p, index=base.index, dtype=float)
            keep = labels.ne("") & _text(base, column).eq("") & allowed.get(column, True)
            base[suggestion_column(column)] = labels.where(keep, "")
            base[confidence_column(column)] = p.where(keep).round(3)
        return base


def suggest(draft: pd.DataFrame, ds: Dataset, seed: int = SEED) -> pd.DataFrame:
    """Suggestions for ``draft`` learnt from the coded dataset ``ds`` (see :class:`Suggester`)."""
    return Suggester.from_dataset(ds, seed).suggest(draft)


def accept(
    frame: pd.DataFrame, columns: list[str] | None = None, min_confidence: float = 0.0
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Copy suggestions into empty tags: for each column (default all that have suggestions), where the tag is
    empty and the suggestion's confidence is at least ``min_confidence``. A tag a person set is never replaced;
    label_valence is accepted only with an actor_label and stance only with a claim_id. The suggestion columns of
    the accepted columns are dropped. Returns the new frame and how many tags each column received.

    >>> f = pd.DataFrame({"frame": ["", "aggression"], "suggested_frame": ["civilian_harm", "denial_deflection"],
    ...                   "suggested_frame_confidence": [0.9, 0.9]})
    >>> out, n = accept(f)
    >>> out["frame"].tolist(), n, list(out.columns)
    (['civilian_harm', 'aggression'], {'frame': 1}, ['frame'])
    """
    present = [c for c in SUGGESTED if suggestion_column(c) in frame.columns]
    columns = present if columns is None else list(columns)
    unknown = [c for c in columns if c not in present]
    if unknown:
        raise AssistError(
            f"no suggestions for {', '.join(unknown)}; the file has suggestions for: {', '.join(present) or 'none'}"
        )
    out = frame.copy()
    counts = {}
    order = [c for c in ACCEPT_ORDER if c in columns]
    for column in order:
        if column not in out.columns:
            out[column] = ""
        suggested = _text(out, suggestion_column(column))
        conf = pd.to_numeric(out.get(confidence_column(column)), errors="coerce")
        conf = conf if conf is not None else pd.Series(np.nan, index=out.index)
        take = _text(out, column).eq("") & suggested.ne("") & (conf.fillna(0) >= min_confidence)
        if column == "label_valence":
            take &= _text(out, "actor_label").ne("")
        if column == "stance":
            take &= _text(out, "claim_id").ne("")
        out[column] = _text(out, column).where(~take, suggested)
        counts[column] = int(take.sum())
    dropped = [c for col in order for c in (suggestion_column(col), confidence_column(col)) if c in out.columns]
    return out.drop(columns=dropped), counts
