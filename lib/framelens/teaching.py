"""Teaching material generated from the codebook and the data, never retyped: code tables, a statement
walked through every column, a map of the notebooks, and a print-friendly handout for projection.

>>> cb = framelens.load_codebook()
>>> vocabulary_table(cb, "stance").index.tolist()
['asserts', 'denies', 'attributes', 'questions']

Handout (``make slides``): ``python -m framelens.teaching notebooks/00-start-here.ipynb reports/00-start-here-handout.html``
writes one offline HTML page (no scripts, nothing loaded from the network), large type for a
projector, each section on its own page when printed.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import nbformat
import pandas as pd

from framelens.codebook import Codebook
from framelens.loader import Dataset
from framelens.report import export_html, external_resources, notebook_summary, notebook_title

ADMIRALTY = ("source_reliability", "info_credibility")


def vocabulary_table(codebook: Codebook, vocabulary: str) -> pd.DataFrame:
    """One row per code in codebook order: its definition and any extra fields (cues, colour, ...).

    >>> vocabulary_table(framelens.load_codebook(), "bloc").columns.tolist()
    ['definition', 'colour']
    """
    vocab = codebook.vocabularies[vocabulary]
    table = pd.DataFrame.from_dict(vocab.values, orient="index")
    extras = [c for c in table.columns if c != "definition"]
    table = table[["definition"] + extras].fillna("")
    table.index.name = vocabulary
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
        rows.append({"source": r_code, "source reliability": r_name, "what it means": r_meaning,
                     "information": c_code, "information credibility": c_name, "what it means ": c_meaning})
    return pd.DataFrame(rows).set_index("source")


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
        rows.append({"column": name, "value": shown, "required": "yes" if col.required else "",
                     "the column records": col.description, "this value means": value_means})
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


HANDOUT_CSS = """
<style>
  @media screen { body { font-size: 20px; } .jp-RenderedHTMLCommon table { font-size: 16px; } }
  @media print {
    h2 { break-before: page; }
    .framelens-toc { break-after: page; }
    table, img { break-inside: avoid; }
    body { font-size: 11pt; }
  }
</style>
"""


def handout_html(nb: nbformat.NotebookNode) -> str:
    """An executed notebook as one offline page for projection and print (code hidden, no scripts).

    Uses the report exporter, then adds large screen type and a page break before every section.
    """
    page = export_html(nb).replace("</head>", HANDOUT_CSS + "</head>", 1)
    if external_resources(page):
        raise RuntimeError(f"handout would load from the network: {external_resources(page)[:3]}")
    return page


def write_handout(notebook: str | Path, out: str | Path, data: str | Path | None = None) -> Path:
    """Write the handout of ``notebook``; with ``data``, run it on that dataset first (papermill copy)."""
    notebook, out = Path(notebook), Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if data is None:
        nb = nbformat.read(notebook, as_version=4)
    else:
        import papermill

        executed = out.with_suffix(".executed.ipynb")
        papermill.execute_notebook(str(notebook), str(executed), parameters={"DATA": str(Path(data).resolve())},
                                   cwd=str(notebook.parent), progress_bar=False, kernel_name="python3", log_output=False)
        nb = nbformat.read(executed, as_version=4)
        executed.unlink()
    out.write_text(handout_html(nb), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m framelens.teaching", description="Write an offline, print-friendly handout of a notebook.")
    parser.add_argument("notebook")
    parser.add_argument("out")
    parser.add_argument("--data", help="run the notebook on this dataset first (default: use its committed outputs)")
    args = parser.parse_args(argv)
    print(f"wrote {write_handout(args.notebook, args.out, args.data)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
