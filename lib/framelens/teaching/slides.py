"""Teaching material generated from the codebook and the data, never retyped: code tables, a statement
walked through every column, a map of the notebooks, and a print-friendly handout for projection.

>>> cb = framelens.load_codebook()
>>> vocabulary_table(cb, "stance").index.tolist()
['asserts', 'denies', 'attributes', 'questions']

Handout and slides (``make slides``): ``python -m framelens.teaching.slides notebooks/00-start-here.ipynb
reports/00-start-here-handout.html --slides reports/00-start-here-slides.html`` writes one offline
HTML page (no scripts, nothing loaded from the network), large type for a projector, each section on
its own page when printed; and a reveal.js slide deck in one offline file (reveal.js inlined from
``templates/vendor``): a slide per H1 or H2 heading, a sub-slide (down arrow) per H3.
"""

from __future__ import annotations

import argparse
import copy
import re
from pathlib import Path

import nbformat
import pandas as pd

from framelens.dataset.codebook import Codebook
from framelens.dataset.loader import Dataset
from framelens.publish.report import TEMPLATES, export_html, external_resources, notebook_summary, notebook_title

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


SLIDES_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
REVEAL = TEMPLATES / "vendor" / "reveal.js-4.6.0"


def slide_types(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` cut into slides: a slide at every H1 or H2 heading, a sub-slide at every H3,
    code cells without output skipped, everything else on the slide before it.

    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("x = 1"),
    ...                                      nbformat.v4.new_markdown_cell("### S"), nbformat.v4.new_markdown_cell("text")])
    >>> [c.metadata.slideshow.slide_type for c in slide_types(nb).cells]
    ['slide', 'skip', 'subslide', '-']
    """
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        first = cell.source.lstrip().split("\n", 1)[0] if cell.cell_type == "markdown" else ""
        if re.match(r"#{1,2} ", first):
            kind = "slide"
        elif first.startswith("### "):
            kind = "subslide"
        elif cell.cell_type == "code" and not cell.get("outputs"):
            kind = "skip"
        else:
            kind = "-"
        cell.metadata["slideshow"] = {"slide_type": kind}
    return nb


def slides_html(nb: nbformat.NotebookNode) -> str:
    """An executed notebook as a reveal.js deck in one offline HTML file (code hidden; the only scripts are reveal.js, inlined)."""
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(
        template_file="slides.html.j2",
        extra_template_paths=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    resources = {
        "framelens": {
            "csp": SLIDES_CSP,
            "title": notebook_title(nb, "FrameLens") + " (slides)",
            "reveal_js": (REVEAL / "reveal.js").read_text(encoding="utf-8"),
            "reveal_css": (REVEAL / "reveal.css").read_text(encoding="utf-8"),
            "slides_css": (TEMPLATES / "slides.css").read_text(encoding="utf-8"),
        }
    }
    page, _ = exporter.from_notebook_node(slide_types(nb), resources=resources)
    if external_resources(page):
        raise RuntimeError(f"slides would load from the network: {external_resources(page)[:3]}")
    return page


def executed_notebook(notebook: str | Path, data: str | Path | None, workdir: Path) -> nbformat.NotebookNode:
    """``notebook`` as committed (``data`` None) or run on ``data`` first (a papermill copy in ``workdir``, removed after)."""
    notebook = Path(notebook)
    if data is None:
        return nbformat.read(notebook, as_version=4)
    import papermill

    executed = workdir / f"{notebook.stem}.executed.ipynb"
    papermill.execute_notebook(
        str(notebook),
        str(executed),
        parameters={"DATA": str(Path(data).resolve())},
        cwd=str(notebook.parent),
        progress_bar=False,
        kernel_name="python3",
        log_output=False,
    )
    nb = nbformat.read(executed, as_version=4)
    executed.unlink()
    return nb


def write_handout(
    notebook: str | Path, out: str | Path, data: str | Path | None = None, slides: str | Path | None = None
) -> Path:
    """Write the handout of ``notebook`` (and with ``slides``, its slide deck there); with ``data``, run it on that dataset first."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nb = executed_notebook(notebook, data, out.parent)
    out.write_text(handout_html(nb), encoding="utf-8")
    if slides is not None:
        Path(slides).parent.mkdir(parents=True, exist_ok=True)
        Path(slides).write_text(slides_html(nb), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m framelens.teaching.slides",
        description="Write an offline, print-friendly handout of a notebook, and its slides.",
    )
    parser.add_argument("notebook")
    parser.add_argument("out")
    parser.add_argument("--data", help="run the notebook on this dataset first (default: use its committed outputs)")
    parser.add_argument("--slides", help="also write a reveal.js slide deck (one offline file) here")
    args = parser.parse_args(argv)
    print(
        f"wrote {write_handout(args.notebook, args.out, args.data, args.slides)}"
        + (f" and {args.slides}" if args.slides else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
