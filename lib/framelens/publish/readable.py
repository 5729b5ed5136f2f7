"""Analysis tables as readers see them: labels for codes, headings in words, numbers, shares, intervals and dates
written the way a newspaper would. Exports keep the codes; only what a page displays goes through here.

>>> t = pd.DataFrame({"bloc": ["russian_independent"], "count": [4.0], "n": [11],
...                   "share": [4 / 11], "ci_low": [0.15], "ci_high": [0.646]})
>>> readable(t).to_dict("records")
[{'bloc': 'Independent Russian', 'statements': '4', 'out of': '11', 'share': '36%', '95% interval': '15%–65%'}]
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache

import pandas as pd

from framelens.dataset.codebook import Codebook, load_codebook

# Analysis column names that hold codes of a vocabulary (besides the codebook's own column names).
EXTRA_VOCABULARY_COLUMNS = {
    "bloc": "bloc",
    "assert_blocs": "bloc",
    "deny_blocs": "bloc",
    "relaying_blocs": "bloc",
    "bloc_a": "bloc",
    "bloc_b": "bloc",
    "valence": "label_valence",
    "suggested_grade": "info_credibility",
}
# Headings in words; any other name is written with spaces for underscores ("n_boot" -> "n boot").
HEADINGS = {
    "count": "statements",
    "n": "statements",
    "k": "proved right",
    "share": "share",
    "interval": "95% interval",
    "p_value": "p",
    "p_holm": "p (Holm-adjusted)",
    "chi2": "chi-square",
    "df": "degrees of freedom",
    "cramers_v": "Cramér's V",
    "cells_expected_below_5": "cells expected below 5",
    "label_valence": "valence",
    "outlet_bloc": "outlet bloc",
    "speaker_bloc": "speaker bloc",
    "event_id": "event",
    "claim_id": "claim id",
    "statement_id": "statement",
    "published_at": "published",
    "lag_hours": "hours after the first",
    "lag_days": "days after the first",
    "n_own": "own reporting",
    "n_relayed": "relayed",
    "share_own": "share own",
    "share_relayed": "share relayed",
    "n_with_stance": "with a stance",
    "n_hedged": "hedged",
    "share_hedged": "share hedged",
    "share_empty": "share empty",
    "n_assert_blocs": "blocs asserting",
    "n_deny_blocs": "blocs denying",
    "n_asserts": "asserting statements",
    "n_denies": "denying statements",
    "percent_agreement": "agreement",
    "n_units": "statements",
    "n_coders": "coders",
    "p_value_stratified": "p (stratified)",
    "q_bh": "q (Benjamini-Hochberg)",
    "cramers_v_corrected": "V, bias-corrected",
    "null_cramers_v": "V expected by chance",
    "js_distance": "Jensen-Shannon distance",
    "jsd_null_mean": "distance expected by chance",
    "own_k": "own, proved right",
    "carried_k": "carried, proved right",
    "strict_k": "strict, proved right",
    "alpha_model_human": "alpha, model vs human",
    "alpha_human_human": "alpha, human vs human",
    "macro_f1": "macro-F1",
    "baseline_macro_f1": "baseline macro-F1",
}
NAME_COLUMNS = ("variable",)  # cells that name a coded variable: written as its heading (a "column" column keeps
# the CSV column names: the data-quality and walk-through tables are about the files)
SHARE_COLUMNS = re.compile(r"^(share|share_.*|.*_share|percent_agreement)$")
P_COLUMNS = re.compile(r"^(p|p_value|p_.*)$")
# Low and high bounds shown as one interval column, and that column's heading.
INTERVAL_PAIRS = {
    ("ci_low", "ci_high"): "95% interval",
    ("95% CI low", "95% CI high"): "95% interval",
    ("cluster_ci_low", "cluster_ci_high"): "cluster 95% interval",
    ("boot_low", "boot_high"): "bootstrap 95% interval",
}
CODE_WITH_N = re.compile(r"^(?P<code>[\w-]+) \(N=(?P<n>[\d,]+)\)$")


@lru_cache(maxsize=1)
def _default_codebook() -> Codebook:
    return load_codebook()


def percent(share: float) -> str:
    """A share as a whole percentage; a share that is neither 0 nor 1 never rounds to either.

    >>> percent(4 / 11), percent(0), percent(0.001), percent(0.999), percent(float("nan"))
    ('36%', '0%', '<1%', '>99%', '')
    """
    if share is None or pd.isna(share):
        return ""
    share = 0.0 if abs(share) < 1e-9 else 1.0 if abs(share - 1) < 1e-9 else float(share)  # a bound's rounding error
    if 0 < share < 0.005:
        return "<1%"
    if 0.995 <= share < 1:
        return ">99%"
    return f"{round(share * 100):.0f}%"


def interval(low: float, high: float, as_percent: bool = True) -> str:
    """A 95% interval as "26%–78%" (shares) or "0.67–0.88" (other statistics).

    >>> interval(0.26, 0.781), interval(0.6702, 0.8829, as_percent=False), interval(None, 0.5)
    ('26%–78%', '0.67–0.88', '')
    """
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return ""
    if as_percent:
        return f"{percent(low)}–{percent(high)}"
    return f"{low:.2f}–{high:.2f}"


def number(value: float) -> str:
    """A whole number without ".0" (thousands separated), anything else to two decimals.

    >>> number(39.0), number(12345), number(0.8009), number(113.537), number(float("nan"))
    ('39', '12,345', '0.80', '113.54', '')
    """
    if value is None or pd.isna(value):
        return ""
    value = float(value)
    if math.isfinite(value) and value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}"


def p_value(p: float) -> str:
    """A p-value for readers: two significant decimals, "< 0.001" when tiny.

    >>> p_value(0.0712), p_value(0.0001), p_value(0.5), p_value(float("nan"))
    ('0.07', '< 0.001', '0.50', '')
    """
    if p is None or pd.isna(p):
        return ""
    if p < 0.001:
        return "< 0.001"
    if p < 0.01:
        return f"{p:.3f}"
    return f"{p:.2f}"


def date_text(values: pd.Series) -> pd.Series:
    """Dates as "22 May 2023"; a time (with its zone) only when some value in the column has one.

    >>> date_text(pd.Series(pd.to_datetime(["2023-05-22", "2023-05-23"], utc=True))).tolist()
    ['22 May 2023', '23 May 2023']
    >>> date_text(pd.Series(pd.to_datetime(["2023-05-22T15:20Z", "2023-05-23T00:00Z"]))).tolist()
    ['22 May 2023, 15:20 UTC', '23 May 2023, 00:00 UTC']
    """
    stamps = pd.to_datetime(values)
    has_time = bool((stamps.dropna() != stamps.dropna().dt.normalize()).any())
    zone = f" {stamps.dt.tz}" if has_time and stamps.dt.tz is not None else ""
    fmt = "%d %B %Y, %H:%M" if has_time else "%d %B %Y"
    return stamps.map(lambda s: "" if pd.isna(s) else s.strftime(fmt).lstrip("0") + zone)


def _column_vocabularies(codebook: Codebook) -> dict[str, str]:
    found = {name: name for name in codebook.vocabularies}
    for table in codebook.tables.values():
        for col in table.columns.values():
            if col.vocabulary:
                found.setdefault(col.name, col.vocabulary)
    return {**found, **EXTRA_VOCABULARY_COLUMNS}


def header_label(header: object, codebook: Codebook) -> str:
    """A column heading in words: a code becomes its label ("russian (N=97)" -> "Russian (N = 97)"), a known
    analysis name its heading, anything else is humanised.

    >>> cb = load_codebook()
    >>> header_label("russian_independent (N=72)", cb), header_label("ci_low", cb), header_label("n_outlets", cb)
    ('Independent Russian (N = 72)', 'ci low', 'outlets')
    """
    text = str(header)
    found = CODE_WITH_N.match(text)
    if found and code_label(found["code"], codebook) is not None:
        return f"{code_label(found['code'], codebook)} (N = {found['n']})"
    if text in HEADINGS:
        return HEADINGS[text]
    if text.startswith("n_") and len(text) > 2:  # a count: "n_outlets" -> "outlets"
        return text[2:].replace("_", " ")
    label = code_label(text, codebook)
    if label is not None:
        return label
    return text.replace("_", " ") if re.fullmatch(r"[\w-]+", text) else text


def code_label(code: str, codebook: Codebook) -> str | None:
    """The label of ``code`` in the first vocabulary (codebook order) that has it, else None.

    >>> code_label("terrorism_sabotage", load_codebook()), code_label("no-such-code", load_codebook())
    ('Terrorism or sabotage', None)
    """
    for vocab in codebook.vocabularies.values():
        if code in vocab.values:
            return vocab.label(code)
    return None


def codes_of(values: pd.Series, codebook: Codebook) -> str | None:
    """The vocabulary (of words, not digits or letters) holding every value of a text column, else None: a table
    whose rows are codes (a coincidence matrix, pairs of confused codes) gets labels too.

    >>> codes_of(pd.Series(["aggression", "terrorism_sabotage"]), load_codebook())
    'frame'
    >>> codes_of(pd.Series(["aggression", "TASS"]), load_codebook()) is None
    True
    """
    present = set(values.dropna().astype(str))
    if not present:
        return None
    for name, vocab in codebook.vocabularies.items():
        if all(len(code) > 1 and not code.isdigit() for code in vocab.codes) and present <= set(vocab.codes):
            return name
    return None


def _labelled(values: pd.Series, vocabulary: str, codebook: Codebook) -> pd.Series:
    vocab = codebook.vocabularies[vocabulary]

    def one(value: object) -> object:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        parts = [p.strip() for p in str(value).split(";")]
        return "; ".join(vocab.label(p) if p in vocab.values else p for p in parts)

    return values.astype(object).map(one)


def _flat_headers(table: pd.DataFrame, codebook: Codebook) -> list[str]:
    if isinstance(table.columns, pd.MultiIndex):
        return [" ".join(header_label(level, codebook) for level in col if str(level)) for col in table.columns]
    return [header_label(col, codebook) for col in table.columns]


def readable(table: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """The reader's version of an analysis table: every cell text, codes as labels, headings in words, whole
    numbers without ".0", shares as whole percentages, ``ci_low``/``ci_high`` as one "95% interval", p-values,
    dates as "22 May 2023", True/False as yes/no. A named index becomes the first column(s).

    >>> readable(pd.DataFrame({"verdict": ["likely_true"], "published_at": pd.to_datetime(["2023-05-22"], utc=True),
    ...                        "relayed": [True]})).to_dict("records")
    [{'verdict': 'Likely true', 'published': '22 May 2023', 'relayed': 'yes'}]
    """
    codebook = codebook or _default_codebook()
    plain_index = isinstance(table.index, pd.RangeIndex) and table.index.name is None
    frame = table.reset_index(drop=plain_index)
    vocabularies = _column_vocabularies(codebook)
    leaves = [
        next((lv for lv in reversed(col) if str(lv)), "") if isinstance(col, tuple) else col for col in frame.columns
    ]
    out: dict[str, pd.Series] = {}
    skip: set[int] = set()
    for i, (col, leaf) in enumerate(zip(frame.columns, leaves)):
        if i in skip:
            continue
        values = frame.iloc[:, i]
        pair = next((p for p in INTERVAL_PAIRS if leaf == p[0] and p[1] in leaves), None)
        if pair:
            j = leaves.index(pair[1])
            skip.add(j)
            high = frame.iloc[:, j]
            as_percent = any(SHARE_COLUMNS.match(str(name)) for name in leaves)
            out[i] = pd.Series([interval(lo, hi, as_percent) for lo, hi in zip(values, high)], index=frame.index)
            continue
        name = str(leaf)
        if name in NAME_COLUMNS:
            out[i] = values.map(lambda v: "" if pd.isna(v) else header_label(v, codebook))
        elif name in vocabularies and vocabularies[name] in codebook.vocabularies:
            out[i] = _labelled(values, vocabularies[name], codebook)
        elif pd.api.types.is_bool_dtype(values):
            out[i] = values.map(lambda v: "" if pd.isna(v) else ("yes" if v else "no"))
        elif pd.api.types.is_datetime64_any_dtype(values):
            out[i] = date_text(values)
        elif any(isinstance(v, dt.date) for v in values):
            out[i] = date_text(values.map(lambda v: pd.Timestamp(v) if isinstance(v, dt.date) else pd.NaT))
        elif pd.api.types.is_numeric_dtype(values):
            if SHARE_COLUMNS.match(name):
                out[i] = values.map(percent)
            elif P_COLUMNS.match(name):
                out[i] = values.map(p_value)
            else:
                out[i] = values.map(number)
        elif (vocabulary := codes_of(values, codebook)) is not None:
            out[i] = _labelled(values, vocabulary, codebook)
        else:
            out[i] = values.astype(object).map(lambda v: "" if v is None or v is pd.NA or v != v else str(v))
    headers = _flat_headers(frame, codebook)
    kept = [i for i in range(frame.shape[1]) if i not in skip]
    pair_headings = {low: heading for (low, high), heading in INTERVAL_PAIRS.items() if high in leaves}
    names = [pair_headings.get(leaves[i], headers[i]) for i in kept]
    if "count" in leaves and "n" in leaves:  # "count of n": the group total reads as "out of"
        names = ["out of" if leaves[i] == "n" else name for i, name in zip(kept, names)]
    return pd.DataFrame({k: out[i] for k, i in enumerate(kept)}).set_axis(names, axis=1)
