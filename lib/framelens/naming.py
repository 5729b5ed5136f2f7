"""What each bloc called the central actor: normalised labels, their counts and valence.

>>> normalise_label(pd.Series(["  Ukrainian   Saboteurs", "ДРГ ВСУ"])).tolist()
['ukrainian saboteurs', 'дрг всу']
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from framelens._kernels import column_codes, joined_per_group
from framelens.dataset.codebook import Codebook, codes_for
from framelens.events import EVENT
from framelens.framing import category_counts, per_event, shares_long


def normalise_label(labels: pd.Series) -> pd.Series:
    """Unicode NFC, case-folded, white space trimmed and collapsed; <NA> stays <NA>."""
    codes, values = _normalised_codes(*column_codes(labels))
    return pd.Series(np.append(values, pd.NA)[codes], index=labels.index, name=labels.name, dtype=object).astype(
        "string"
    )


def _normalised_codes(codes: np.ndarray, uniques: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """From ``column_codes(labels)``: codes of the normalised labels (-1 for missing) and the distinct normalised
    labels, in order of first appearance; the same as ``column_codes(normalise_label(labels))``, without a column of
    normalised text.

    >>> codes, values = _normalised_codes(*column_codes(pd.Series(["A  b", None, "a b", "c"])))
    >>> codes.tolist(), values.tolist()
    ([0, -1, 0, 1], ['a b', 'c'])
    """

    def norm(x):
        return " ".join(unicodedata.normalize("NFC", str(x)).casefold().split()) or None

    # once per distinct spelling, not once per row
    normalised = pd.Series(uniques, dtype=object).map(norm)
    norm_codes, values = pd.factorize(normalised, use_na_sentinel=True)
    return np.where(codes >= 0, np.append(norm_codes, -1)[codes], -1), np.asarray(values, dtype=object)


def label_counts(
    statements: pd.DataFrame,
    bloc_column: str = "outlet_bloc",
    *,
    by_event: bool = False,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Per bloc, each normalised actor label with its valence, count, share of the bloc's labels and the original
    spellings.

    Columns: [event_id,] bloc, label, label_valence, count, n (labelled statements of the bloc),
    share, originals ("; "-joined, sorted). Blocs in codebook order, then most used labels first.

    >>> label_counts(ds.statements, by_event=True).iloc[0].tolist()
    ['ev-alpha', 'ukrainian', 'armed guerrilla movement', 'legitimizing', 1, 1, 1.0, 'armed guerrilla movement']
    """
    blocs = codes_for(statements[bloc_column], "bloc", codebook)
    cols = ["bloc", "label", "label_valence", "count", "n", "share", "originals"]

    def build(st: pd.DataFrame) -> pd.DataFrame:
        # groups of (bloc, normalised label, valence) numbered in order of first appearance, from integer codes
        bloc_codes, bloc_values = column_codes(st[bloc_column])
        raw_codes, raw_values = column_codes(st["actor_label"])
        label_codes, label_values = _normalised_codes(raw_codes, raw_values)
        valence_codes, valence_values = column_codes(st["label_valence"])
        rows = np.flatnonzero((bloc_codes >= 0) & (label_codes >= 0))
        if not len(rows):
            return pd.DataFrame(columns=cols)
        valence_codes = np.where(valence_codes < 0, len(valence_values), valence_codes)  # missing valence -> ""
        valence_values = np.append(valence_values, "")
        b, lab, val = bloc_codes[rows], label_codes[rows], valence_codes[rows]
        groups, _ = pd.factorize((b * (len(label_values) + 1) + lab) * (len(valence_values) + 1) + val)
        first = np.unique(groups, return_index=True)[1]
        out = pd.DataFrame(
            {
                "bloc": bloc_values[b[first]],
                "label": label_values[lab[first]],
                "label_valence": valence_values[val[first]],
                "count": np.bincount(groups),
                "originals": joined_per_group(groups, (raw_codes[rows], raw_values), len(first)),
            }
        )
        out["n"] = np.bincount(b, minlength=len(bloc_values))[b[first]].astype(int)
        out["share"] = out["count"] / out["n"]
        out["_order"] = out["bloc"].map({b: i for i, b in enumerate(blocs)})
        out = out.sort_values(["_order", "count", "label"], ascending=[True, False, True], kind="stable")
        return out[cols].reset_index(drop=True)

    return per_event(statements, by_event, build)


def valence_shares(
    statements: pd.DataFrame,
    bloc_column: str = "outlet_bloc",
    *,
    by_event: bool = False,
    codebook: Codebook | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Share of delegitimizing / neutral / legitimizing labels per bloc (N = statements with a label), Wilson intervals.

    >>> valence_shares(ds.statements).columns.tolist()
    ['bloc', 'label_valence', 'count', 'n', 'share', 'ci_low', 'ci_high']
    """

    def build(st: pd.DataFrame) -> pd.DataFrame:
        labelled = st[[bloc_column, "label_valence"]][st["actor_label"].notna()]  # only the columns counted
        counts, n = category_counts(labelled, "label_valence", bloc_column, codebook=codebook)
        return shares_long(counts, n, confidence)

    return per_event(statements, by_event, build)


def same_actor_names(
    statements: pd.DataFrame, event_id: str, bloc_column: str = "outlet_bloc", *, codebook: Codebook | None = None
) -> pd.DataFrame:
    """ "Same actor, different names": for one event, a column per bloc listing its labels, most used first.

    Each cell reads "label (count, valence)", the label as coded when it has one spelling, else
    normalised; shorter columns are padded with "". Blocs without
    labels are left out; an event without labels gives an empty table.

    >>> same_actor_names(ds.statements, "ev-alpha").columns.tolist()
    ['ukrainian (N=1)', 'russian (N=3)', 'western (N=1)']
    """
    st = statements[statements[EVENT].astype(str) == event_id]
    table = label_counts(st, bloc_column, codebook=codebook)
    columns = {}
    for bloc, part in table.groupby("bloc", sort=False):
        cells = [
            f"{r.originals if '; ' not in r.originals else r.label} ({r.count}, {r.label_valence or 'no valence'})"
            for r in part.itertuples()
        ]
        columns[f"{bloc} (N={part['n'].iat[0]})"] = cells
    depth = max((len(c) for c in columns.values()), default=0)
    out = pd.DataFrame(
        {k: v + [""] * (depth - len(v)) for k, v in columns.items()}, index=pd.RangeIndex(1, depth + 1, name="rank")
    )
    return out
