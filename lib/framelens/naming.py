"""What each bloc called the central actor: normalised labels, their counts and valence.

>>> normalise_label(pd.Series(["  Ukrainian   Saboteurs", "ДРГ ВСУ"])).tolist()
['ukrainian saboteurs', 'дрг всу']
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from framelens.codebook import Codebook, codes_for
from framelens.framing import EVENT, category_counts, per_event, shares_long


def normalise_label(labels: pd.Series) -> pd.Series:
    """Unicode NFC, case-folded, white space trimmed and collapsed; <NA> stays <NA>."""
    def norm(x):
        if pd.isna(x):
            return pd.NA
        return " ".join(unicodedata.normalize("NFC", str(x)).casefold().split()) or pd.NA
    return labels.map(norm).astype("string")


def label_counts(statements: pd.DataFrame, bloc_column: str = "outlet_bloc", *, by_event: bool = False,
                 codebook: Codebook | None = None) -> pd.DataFrame:
    """Per bloc, each normalised actor label with its valence, count, share of the bloc's labels and the original spellings.

    Columns: [event_id,] bloc, label, label_valence, count, n (labelled statements of the bloc),
    share, originals ("; "-joined, sorted). Blocs in codebook order, then most used labels first.

    >>> label_counts(ds.statements, by_event=True).iloc[0].tolist()
    ['ev-alpha', 'ukrainian', 'armed guerrilla movement', 'legitimizing', 1, 1, 1.0, 'armed guerrilla movement']
    """
    blocs = codes_for(statements[bloc_column], "bloc", codebook)
    cols = ["bloc", "label", "label_valence", "count", "n", "share", "originals"]

    def build(st: pd.DataFrame) -> pd.DataFrame:
        df = pd.DataFrame({"bloc": st[bloc_column].astype(object), "label": normalise_label(st["actor_label"]).astype(object),
                           "label_valence": st["label_valence"].astype(object), "original": st["actor_label"].astype(object)})
        df = df[df["bloc"].notna() & df["label"].notna()]
        if df.empty:
            return pd.DataFrame(columns=cols)
        df["label_valence"] = df["label_valence"].fillna("")
        out = (df.groupby(["bloc", "label", "label_valence"], sort=False)
                 .agg(count=("original", "size"), originals=("original", lambda s: "; ".join(sorted(set(map(str, s))))))
                 .reset_index())
        out["n"] = out["bloc"].map(df["bloc"].value_counts()).astype(int)
        out["share"] = out["count"] / out["n"]
        out["_order"] = out["bloc"].map({b: i for i, b in enumerate(blocs)})
        out = out.sort_values(["_order", "count", "label"], ascending=[True, False, True], kind="stable")
        return out[cols].reset_index(drop=True)
    return per_event(statements, by_event, build)


def valence_shares(statements: pd.DataFrame, bloc_column: str = "outlet_bloc", *, by_event: bool = False,
                   codebook: Codebook | None = None, confidence: float = 0.95) -> pd.DataFrame:
    """Share of delegitimizing / neutral / legitimizing labels per bloc (N = statements with a label), Wilson intervals.

    >>> valence_shares(ds.statements).columns.tolist()
    ['bloc', 'label_valence', 'count', 'n', 'share', 'ci_low', 'ci_high']
    """
    def build(st: pd.DataFrame) -> pd.DataFrame:
        labelled = st[st["actor_label"].notna()]
        counts, n = category_counts(labelled, "label_valence", bloc_column, codebook=codebook)
        return shares_long(counts, n, confidence)
    return per_event(statements, by_event, build)


def same_actor_names(statements: pd.DataFrame, event_id: str, bloc_column: str = "outlet_bloc", *,
                     codebook: Codebook | None = None) -> pd.DataFrame:
    """"Same actor, different names": for one event, a column per bloc listing its labels, most used first.

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
        cells = [f"{r.originals if '; ' not in r.originals else r.label} ({r.count}, {r.label_valence or 'no valence'})"
                 for r in part.itertuples()]
        columns[f"{bloc} (N={part['n'].iat[0]})"] = cells
    depth = max((len(c) for c in columns.values()), default=0)
    out = pd.DataFrame({k: v + [""] * (depth - len(v)) for k, v in columns.items()}, index=pd.RangeIndex(1, depth + 1, name="rank"))
    return out
