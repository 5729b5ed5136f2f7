"""The start-here notebook's tables, generated from the codebook and the data, never retyped: code tables, the
Admiralty grades, a statement walked through every column, and a map of the notebooks.

>>> cb = framelens.load_codebook()
>>> vocabulary_table(cb, "stance").index.tolist()
['asserts', 'denies', 'attributes', 'questions']
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd

from framelens.dataset.codebook import Codebook
from framelens.dataset.loader import Dataset
from framelens.publish.html import notebook_summary, notebook_title

ADMIRALTY = ("source_reliability", "info_credibility")


def vocabulary_table(codebook: Codebook, vocabulary: str) -> pd.DataFrame:
    """One row per code in codebook order (the index, named ``code``: what a CSV holds, shown as it is): its reader's
    label, definition and any extra fields (cues, colour, ...).

    >>> vocabulary_table(framelens.load_codebook(), "bloc").columns.tolist()
    ['label', 'definition', 'colour']
    """
    vocab = codebook.vocabularies[vocabulary]
    table = pd.DataFrame.from_dict(vocab.values, orient="index").assign(label=pd.Series(vocab.labels))
    extras = [c for c in table.columns if c not in ("label", "definition")]
    table = table[["label", "definition"] + extras].fillna("")
    table.index.name = "code"
    return table


def _grade(definition: str) -> tuple[str, str]:
    """'Usually reliable. Minor doubt; ...' -> ('Usually reliable', 'Minor doubt; ...')."""
    name, _, meaning = definition.partition(". ")
    return name.rstrip("."), meaning


def admiralty_table(codebook: Codebook) -> pd.DataFrame:
    """The Admiralty (NATO) grading side by side: source reliability A-F and information credibility 1-6.

    Row i pairs the i-th reliability grade with the i-th credibility grade, as the scale is read.
    """
    rel, cred = (codebook.vocabularies[v] for v in ADMIRALTY)
    rows = []
    for r_code, c_code in zip(rel.codes, cred.codes):
        r_name, r_meaning = _grade(rel.definition(r_code))
        c_name, c_meaning = _grade(cred.definition(c_code))
        rows.append(
            {
                "source": r_code,
                "source reliability": r_name,
                "what it means": r_meaning,
                "information": c_code,
                "information credibility": c_name,
                "what it means ": c_meaning,
            }
        )
    return pd.DataFrame(rows).set_index("source")


def walkthrough_statement(ds: Dataset, preferred: str) -> str:
    """The statement to walk through: ``preferred`` when the dataset has it, else a rich one: most columns
    filled, preferring a relayed voice (speaker's bloc not the outlet's) that speaks to a claim; ties: the lowest id.

    >>> walkthrough_statement(ds, "s2"), walkthrough_statement(ds, "no-such-row")
    ('s2', 's1')
    """
    st = ds.statements
    ids = st["statement_id"].astype(str)
    if (ids == preferred).any():
        return preferred
    relayed = (st["speaker_bloc"].astype(object) != st["outlet_bloc"].astype(object)) & st["claim_id"].notna()
    score = pd.DataFrame({"relayed": relayed.astype(int), "filled": st.notna().sum(axis=1), "id": ids})
    best = score.sort_values(["relayed", "filled", "id"], ascending=[False, False, True], kind="mergesort")
    return str(best["id"].iat[0])


def statement_walkthrough(ds: Dataset, statement_id: str) -> pd.DataFrame:
    """Every statements column for one row: its value, whether required, what the column means and,
    for a coded column, what the value means (its codebook definition).
    """
    st = ds.statements
    match = st[st["statement_id"].astype(str) == statement_id]
    if match.empty:
        raise KeyError(f"no statement {statement_id!r} in {ds.folder}")
    row = match.iloc[0]
    table = ds.codebook.tables["statements"]
    rows = []
    for name, col in table.columns.items():
        value = row.get(name)
        empty = value is None or (not isinstance(value, str) and pd.isna(value))
        if empty:
            shown, value_means = "", "(empty)"
        elif col.type == "datetime":
            shown, value_means = pd.Timestamp(value).isoformat(), "stored in UTC"
        elif col.type == "enum_list":
            codes = [c.strip() for c in str(value).split(";") if c.strip()]
            shown = "; ".join(codes)
            value_means = " | ".join(f"{c}: {ds.codebook.vocabularies[col.vocabulary].definition(c)}" for c in codes)
        elif col.vocabulary:
            shown = str(value)
            value_means = ds.codebook.vocabularies[col.vocabulary].definition(shown)
        else:
            shown, value_means = (f"{value:g}" if isinstance(value, float) else str(value)), ""
        rows.append(
            {
                "column": name,
                "value": shown,
                "required": "yes" if col.required else "",
                "the column records": col.description,
                "this value means": value_means,
            }
        )
    return pd.DataFrame(rows).set_index("column")


def notebook_map(folder: str | Path) -> pd.DataFrame:
    """The numbered notebooks of ``folder`` in order, each with its title and first sentence."""
    rows = []
    for path in sorted(Path(folder).glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        summary = notebook_summary(nb)
        first = re.split(r"(?<=[.?])\s", summary, maxsplit=1)[0]
        rows.append({"notebook": path.name, "title": notebook_title(nb, path.stem), "what it shows": first})
    return pd.DataFrame(rows, columns=["notebook", "title", "what it shows"]).set_index("notebook")
