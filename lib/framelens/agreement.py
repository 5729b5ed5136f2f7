"""Coder agreement: Krippendorff's alpha per coded variable, with a bootstrap interval and a coincidence matrix.

Reads the double-coded sample ``reliability.csv`` (one row per statement per coder). Every coded
variable gets alpha at its level of measurement (nominal: frame, stance, claim_id; ordinal:
label_valence and the two Admiralty grades), computed by the ``krippendorff`` package from the
units x values table of counts. Any number of coders; an empty code is a missing value, and a
statement is *pairable* for a variable when at least two coders coded it.

>>> import pandas as pd
>>> rel = pd.DataFrame({"statement_id": ["s1", "s1", "s2", "s2", "s3", "s3"],
...                     "coder": ["a", "b"] * 3,
...                     "frame": ["aggression", "aggression", "civilian_harm", "civilian_harm",
...                               "aggression", "civilian_harm"]})
>>> res = variable_agreement(rel, "frame", n_boot=200)
>>> round(res.alpha, 3), round(res.percent_agreement, 3), res.n_units, res.n_coders, res.verdict
(0.444, 0.667, 3, 2, 'unreliable')
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import krippendorff
import numpy as np
import pandas as pd

from framelens.dataset.codebook import Codebook, load_codebook

#: Level of measurement of each codable column assessed (codebook order). Ordinal codes are ranked
#: by their codebook order; nominal ones only by equality.
LEVELS: dict[str, str] = {
    "frame": "nominal",
    "label_valence": "ordinal",
    "stance": "nominal",
    "source_reliability": "ordinal",
    "info_credibility": "ordinal",
    "claim_id": "nominal",
}

#: Admiralty codes that mean "cannot be judged": not a rank on the scale, so missing for the ordinal alpha.
UNJUDGEABLE: dict[str, str] = {"source_reliability": "F", "info_credibility": "6"}

#: Codable columns that get no alpha, and why.
NOT_ASSESSED: dict[str, str] = {
    "actor_label": "free text: coders' exact wording is not a categorical judgement (its label_valence is assessed)",
    "secondary_frames": "a set of frames per statement: needs a set distance (MASI), which the krippendorff package "
    "lacks",
}

RELIABLE, TENTATIVE = 0.800, 0.667
N_BOOT, SEED = 1000, 20230522
UNDEFINED = "alpha undefined"


def verdict(ci_low: float) -> str:
    """Krippendorff's thresholds applied to the lower bound of alpha's 95% interval: reliable when it is at least
    0.800, tentative from 0.667, else unreliable (an unknown bound cannot show reliability).

    >>> verdict(0.8), verdict(0.667), verdict(0.5), verdict(float("nan"))
    ('reliable', 'tentative', 'unreliable', 'unreliable')
    """
    if not np.isnan(ci_low) and ci_low >= RELIABLE:
        return "reliable"
    return "tentative" if not np.isnan(ci_low) and ci_low >= TENTATIVE else "unreliable"


@dataclass(frozen=True)
class CodedVariable:
    """One variable of a reliability sample as a units x values table of counts.

    ``counts[u, v]`` is how many coders gave unit ``units[u]`` the value ``values[v]``; ``values``
    are in codebook order (that order is the rank for ordinal alpha). ``set_aside`` counts codes
    treated as missing (Admiralty F or 6).
    """

    name: str
    level: str
    values: list[str]
    units: list[str]
    coders: list[str]
    counts: np.ndarray
    set_aside: int = 0

    @property
    def pairable(self) -> np.ndarray:
        """Units coded by at least two coders (the only ones that carry information on agreement)."""
        return self.counts.sum(axis=1) >= 2


def coded_variable(rel: pd.DataFrame, variable: str, codebook: Codebook | None = None) -> CodedVariable:
    """Count, per statement, how many coders chose each value of ``variable``.

    Enum columns take their values from the codebook (codebook order); other columns (claim_id) the
    sorted distinct values. Unknown codes raise ValueError; duplicate (statement, coder) rows too.

    >>> rel = pd.DataFrame({"statement_id": ["s1", "s1"], "coder": ["a", "b"],
    ...                     "label_valence": ["neutral", "delegitimizing"]})
    >>> coded_variable(rel, "label_valence").counts.tolist()
    [[1, 1, 0]]
    """
    codebook = codebook or load_codebook()
    if variable not in LEVELS:
        raise ValueError(f"no level of measurement for {variable!r}; assessed variables: {', '.join(LEVELS)}")
    if rel.duplicated(["statement_id", "coder"]).any():
        raise ValueError("reliability data has more than one row for a (statement_id, coder) pair")
    vocab = codebook.column("statements", variable).vocabulary
    raw = rel[variable].astype(object).where(rel[variable].notna(), None)
    raw = raw.map(lambda x: None if x is None or str(x).strip() == "" else str(x).strip())
    values = codebook.codes(vocab) if vocab else sorted(raw.dropna().unique().tolist())
    unknown = sorted(set(raw.dropna()) - set(values))
    if unknown:
        raise ValueError(f"{variable}: codes not in the codebook: {', '.join(unknown)}")
    set_aside = 0
    if variable in UNJUDGEABLE:
        drop = raw.eq(UNJUDGEABLE[variable])
        set_aside = int(drop.sum())
        raw = raw.where(~drop, None)
        values = [v for v in values if v != UNJUDGEABLE[variable]]
    units = sorted(rel["statement_id"].astype(str).unique())
    codes = pd.Categorical(raw, categories=values).codes
    unit_idx = pd.Categorical(rel["statement_id"].astype(str), categories=units).codes
    counts = np.zeros((len(units), len(values)), dtype=np.int64)
    present = codes >= 0
    np.add.at(counts, (unit_idx[present], codes[present]), 1)
    coders = sorted(rel.loc[present, "coder"].astype(str).unique())
    return CodedVariable(variable, LEVELS[variable], list(values), units, coders, counts, set_aside)


def _alpha(counts: np.ndarray, level: str) -> float:
    """Krippendorff's alpha from a units x values count table; NaN when undefined (fewer than two values in pairable
    units)."""
    pairable = counts[counts.sum(axis=1) >= 2]
    if len(pairable) == 0 or (pairable.sum(axis=0) > 0).sum() < 2:
        return float("nan")
    return float(
        krippendorff.alpha(value_counts=pairable, value_domain=np.arange(counts.shape[1]), level_of_measurement=level)
    )


def alpha(var: CodedVariable) -> float:
    """Krippendorff's alpha of one variable at its level (NaN when undefined: see :func:`undefined_reason`)."""
    return _alpha(var.counts, var.level)


def undefined_reason(var: CodedVariable) -> str | None:
    """Why alpha cannot be computed for ``var``, in plain words, or None when it can.

    Alpha compares disagreement within statements with the disagreement expected by chance: it needs at least
    one statement coded by two coders, and two different values among such statements (else the expected
    disagreement is 0 and alpha is 0/0; other tools report 1.0 there).

    >>> rel = pd.DataFrame({"statement_id": ["s1", "s1"], "coder": ["a", "b"], "stance": ["asserts"] * 2})
    >>> undefined_reason(coded_variable(rel, "stance"))
    "only one category occurs in the double-coded statements (every code is 'asserts'), so chance agreement is \
total and alpha is 0/0"
    """
    pairable = var.counts[var.pairable]
    if len(pairable) == 0:
        return "no statement was coded by two coders, so there is no agreement to measure"
    used = [v for v, k in zip(var.values, pairable.sum(axis=0)) if k > 0]
    if len(used) < 2:
        return (
            f"only one category occurs in the double-coded statements (every code is {used[0]!r}), so chance "
            "agreement is total and alpha is 0/0"
        )
    return None


def judgement(a: float, ci_low: float, why_undefined: str | None) -> tuple[str, str]:
    """(verdict, reason): "alpha undefined" and why, else :func:`verdict` on the interval's lower bound and the
    bound it rests on.

    >>> judgement(0.879, 0.632, None)
    ('unreliable', '95% interval lower bound 0.632 is below 0.667')
    """
    if why_undefined is not None or np.isnan(a):
        return UNDEFINED, why_undefined or "alpha could not be computed"
    if np.isnan(ci_low):
        return "unreliable", "no bootstrap replicate had a defined alpha, so the interval is unknown"
    v = verdict(ci_low)
    bound = {
        "reliable": f"at least {RELIABLE:.3f}",
        "tentative": f"at least {TENTATIVE:.3f} but below {RELIABLE:.3f}",
        "unreliable": f"below {TENTATIVE:.3f}",
    }[v]
    return v, f"95% interval lower bound {ci_low:.3f} is {bound}"


def interval_method(n_boot: int, seed: int) -> str:
    """The bootstrap behind every interval, in words.

    >>> interval_method(1000, 7)
    'percentile bootstrap over double-coded statements, 1,000 resamples, seed 7'
    """
    return f"percentile bootstrap over double-coded statements, {n_boot:,} resamples, seed {seed}"


def bootstrap_alpha(var: CodedVariable, n_boot: int = N_BOOT, seed: int = SEED) -> tuple[float, float, int]:
    """Percentile 95% interval of alpha from resampling pairable units with replacement.

    Each replicate draws as many statements as there are pairable ones (numpy Generator, fixed
    seed) and recomputes alpha. Replicates in which alpha is undefined (every code the same value)
    are skipped. Returns (low, high, skipped); NaN bounds when every replicate was skipped.

    >>> rel = pd.DataFrame({"statement_id": ["s1", "s1", "s2", "s2"], "coder": ["a", "b"] * 2,
    ...                     "stance": ["asserts", "asserts", "denies", "denies"]})
    >>> lo, hi, skipped = bootstrap_alpha(coded_variable(rel, "stance"), n_boot=100)
    >>> (lo, hi), 20 < skipped < 80
    ((1.0, 1.0), True)
    """
    counts = var.counts[var.pairable]
    if len(counts) == 0:
        return float("nan"), float("nan"), n_boot
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(counts), size=(n_boot, len(counts)))
    reps = np.array([_alpha(counts[d], var.level) for d in draws])
    ok = reps[~np.isnan(reps)]
    skipped = n_boot - len(ok)
    if len(ok) == 0:
        return float("nan"), float("nan"), skipped
    lo, hi = np.percentile(ok, [2.5, 97.5])
    return float(lo), float(hi), skipped


def percent_agreement(var: CodedVariable) -> float:
    """Share of pairable units on which every coder chose the same value (NaN without pairable units).

    A weaker measure than alpha: it does not correct for the agreement chance alone would give.

    >>> rel = pd.DataFrame({"statement_id": ["s1"] * 3 + ["s2"] * 3, "coder": ["a", "b", "c"] * 2,
    ...                     "stance": ["asserts", "asserts", "asserts", "denies", "denies", "questions"]})
    >>> percent_agreement(coded_variable(rel, "stance"))
    0.5
    """
    counts = var.counts[var.pairable]
    if len(counts) == 0:
        return float("nan")
    return float((counts.max(axis=1) == counts.sum(axis=1)).mean())


@dataclass(frozen=True)
class AgreementResult:
    """Alpha for one variable with its interval, the weaker percent agreement, the sample and a verdict on the
    interval's lower bound (``reason`` says which bound, or why alpha is undefined)."""

    variable: str
    level: str
    alpha: float
    ci_low: float
    ci_high: float
    verdict: str
    reason: str
    interval_method: str
    percent_agreement: float
    n_units: int
    n_coders: int
    n_codes: int
    set_aside: int
    boot_skipped: int
    n_boot: int
    seed: int


def variable_agreement(
    rel: pd.DataFrame, variable: str, codebook: Codebook | None = None, n_boot: int = N_BOOT, seed: int = SEED
) -> AgreementResult:
    """Alpha, bootstrap interval, verdict on its lower bound, percent agreement, N units (pairable statements),
    N coders."""
    var = coded_variable(rel, variable, codebook)
    a = alpha(var)
    lo, hi, skipped = bootstrap_alpha(var, n_boot, seed)
    return AgreementResult(
        variable,
        var.level,
        a,
        lo,
        hi,
        *judgement(a, lo, undefined_reason(var)),
        interval_method(n_boot, seed),
        percent_agreement(var),
        int(var.pairable.sum()),
        len(var.coders),
        int(var.counts[var.pairable].sum()),
        var.set_aside,
        skipped,
        n_boot,
        seed,
    )


def assessed_variables(rel: pd.DataFrame) -> list[str]:
    """The columns of ``rel`` that get an alpha, in codebook order."""
    return [v for v in LEVELS if v in rel.columns]


def agreement_table(
    rel: pd.DataFrame, codebook: Codebook | None = None, n_boot: int = N_BOOT, seed: int = SEED
) -> pd.DataFrame:
    """One row per assessed variable in ``rel``: alpha, 95% interval, verdict, percent agreement and the sample.

    Columns: variable, level, alpha, ci_low, ci_high, verdict (on ci_low; "alpha undefined" when it is),
    reason (the bound the verdict rests on, or why alpha is undefined), interval_method, percent_agreement,
    n_units (pairable statements), n_coders, n_codes (codes in pairable statements), set_aside (Admiralty F/6 codes
    treated as missing), boot_skipped (bootstrap replicates with alpha undefined), n_boot, seed.

    >>> rel = pd.DataFrame({"statement_id": ["s1", "s1"], "coder": ["a", "b"], "frame": ["aggression"] * 2})
    >>> agreement_table(rel, n_boot=10)[["variable", "verdict"]].values.tolist()
    [['frame', 'alpha undefined']]
    """
    rows = [asdict(variable_agreement(rel, v, codebook, n_boot, seed)) for v in assessed_variables(rel)]
    return pd.DataFrame(rows, columns=list(AgreementResult.__dataclass_fields__))


def weakest_variable(table: pd.DataFrame) -> str | None:
    """The variable with the lowest computable alpha (None when no alpha is computable)."""
    ok = table.dropna(subset=["alpha"])
    return None if ok.empty else str(ok.sort_values(["alpha", "variable"]).iloc[0]["variable"])


def coincidence_matrix(var: CodedVariable, observed_only: bool = True) -> pd.DataFrame:
    """Krippendorff's coincidence matrix: how often values were paired across coders of the same unit.

    Within each pairable unit with m codes, every ordered pair of codes by different coders adds
    1 / (m - 1), so a unit contributes m in total and the matrix sums to the number of pairable
    codes. Off-diagonal cells are disagreements (the matrix is symmetric). With ``observed_only``
    the values nobody used are dropped.

    >>> rel = pd.DataFrame({"statement_id": ["s1", "s1"], "coder": ["a", "b"], "stance": ["asserts", "denies"]})
    >>> coincidence_matrix(coded_variable(rel, "stance")).values.tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    counts = var.counts[var.pairable].astype(float)
    m = counts.sum(axis=1)
    pairs = np.einsum("uc,uk->ck", counts / (m - 1)[:, None], counts) - np.diag((counts / (m - 1)[:, None]).sum(axis=0))
    out = pd.DataFrame(pairs, index=pd.Index(var.values, name="coder 1"), columns=pd.Index(var.values, name="coder 2"))
    if observed_only:
        used = out.sum(axis=1) > 0
        out = out.loc[used, used]
    return out


def top_confusions(matrix: pd.DataFrame, n: int = 5, definitions: dict[str, str] | None = None) -> pd.DataFrame:
    """The value pairs coders confused most, from a coincidence matrix, largest first.

    ``pairings`` counts the pair in both directions (o_ab + o_ba); ``share`` is its part of all
    disagreement. With ``definitions`` (code -> codebook definition) both definitions are shown.

    >>> m = pd.DataFrame([[2, 1, 0], [1, 0, 3], [0, 3, 2]], index=list("abc"), columns=list("abc"))
    >>> top_confusions(m, 2)[["value_a", "value_b", "pairings", "share"]].values.tolist()
    [['b', 'c', 6.0, 0.75], ['a', 'b', 2.0, 0.25]]
    """
    values = list(matrix.index)
    rows = [
        (values[i], values[j], float(matrix.iat[i, j] + matrix.iat[j, i]))
        for i in range(len(values))
        for j in range(i + 1, len(values))
        if matrix.iat[i, j] + matrix.iat[j, i] > 0
    ]
    out = pd.DataFrame(rows, columns=["value_a", "value_b", "pairings"])
    total = out["pairings"].sum()
    out["share"] = out["pairings"] / total if total else np.nan
    out = (
        out.sort_values(["pairings", "value_a", "value_b"], ascending=[False, True, True])
        .head(n)
        .reset_index(drop=True)
    )
    if definitions is not None:
        out["definition_a"] = out["value_a"].map(definitions)
        out["definition_b"] = out["value_b"].map(definitions)
    return out


def definitions(codebook: Codebook, variable: str) -> dict[str, str] | None:
    """Code -> codebook definition for an enum variable (None for claim_id and other non-enum columns)."""
    vocab = codebook.column("statements", variable).vocabulary
    return {c: codebook.vocabularies[vocab].definition(c) for c in codebook.codes(vocab)} if vocab else None


def no_reliability_message(folder: str) -> str:
    """What to say, and how to make a reliability sample, when a dataset has no reliability.csv.

    >>> "framelens sample-reliability data --n 60 --seed 1" in no_reliability_message("data")
    True
    """
    return (
        f"{folder} has no reliability.csv, so coder agreement cannot be measured and every tag in this dataset "
        "rests on one coder's judgement.\n\nTo make one, draw a random sample of statements stratified by event and "
        "write a blank double-coding sheet:\n\n"
        f"    framelens sample-reliability {folder} --n 60 --seed 1\n\n"
        "Two or more coders then fill frame, label_valence and stance independently, without seeing each other's "
        "codes or the original tags. Keep statement_id, coder and the code columns, save the sheet as "
        f"{folder}/reliability.csv and re-run this notebook."
    )


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The agreement table for reading: plain column names, numbers rounded to 3 decimals, one row per variable.

    >>> rel = pd.DataFrame({"statement_id": ["s1", "s1"], "coder": ["a", "b"], "stance": ["asserts", "denies"]})
    >>> display_table(agreement_table(rel, n_boot=10)).columns[:4].tolist()
    ['level', "Krippendorff's alpha", '95% CI low', '95% CI high']
    """
    out = table.set_index("variable")[
        [
            "level",
            "alpha",
            "ci_low",
            "ci_high",
            "verdict",
            "reason",
            "percent_agreement",
            "n_units",
            "n_coders",
            "set_aside",
            "boot_skipped",
        ]
    ]
    return out.rename(
        columns={
            "alpha": "Krippendorff's alpha",
            "ci_low": "95% CI low",
            "ci_high": "95% CI high",
            "verdict": "verdict (on the 95% CI low)",
            "percent_agreement": "% agreement (weaker: no chance correction)",
            "n_units": "N statements",
            "n_coders": "N coders",
            "set_aside": "F/6 codes set aside",
            "boot_skipped": "bootstrap replicates skipped",
        }
    ).round(3)
