"""A notebook's handout and slides for a class.

``framelens slides --data data --out reports`` (``make slides``) writes one offline
HTML page (no scripts, nothing loaded from the network), large type for a projector, each section on
its own page when printed; and a reveal.js slide deck in one offline file (reveal.js inlined from
``templates/vendor``): a slide per H1 or H2 heading, a sub-slide (down arrow) per H3.
"""

from __future__ import annotations

import copy
import datetime
import re
from pathlib import Path

import nbformat

from framelens.publish.html import TEMPLATES, export_html, external_resources, notebook_title
from framelens.publish.runner import execute

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


SLIDES_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri "
    "'none'; form-action 'none'"
)
REVEAL = TEMPLATES / "vendor" / "reveal.js-4.6.0"


SLIDE_ROWS = 6  # table rows a slide shows; the handout has them all
_ROW = re.compile(r"<tr\b.*?</tr>", re.S)
_FOLDED = re.compile(r"<details\b.*?</details>", re.S)  # a page's folded rows: a slide never shows them


def top_rows(table: str, rows: int = SLIDE_ROWS) -> str:
    """An HTML table cut to its first ``rows`` body rows, with a line saying how many more are in the handout.

    >>> table = "<table><thead><tr><th>a</th></tr></thead><tbody>" + "<tr><td>1</td></tr>" * 9 + "</tbody></table>"
    >>> cut = top_rows(table, 6)
    >>> cut.count("<td>"), "3 more rows in the handout" in cut
    (6, True)
    """
    folded = sum(len(_ROW.findall(block)) - 1 for block in _FOLDED.findall(table))  # header row of each fold
    table = _FOLDED.sub("", table)
    start, end = table.find("<tbody>"), table.find("</tbody>")
    if start < 0 or end < 0:
        return table
    body = _ROW.findall(table[start:end])
    if len(body) + folded <= rows:
        return table
    more = len(body) + folded - min(rows, len(body))
    note = f'<p class="framelens-more">{more:,} more row{"s" if more > 1 else ""} in the handout</p>'
    return table[: start + len("<tbody>")] + "".join(body[:rows]) + table[end:] + note


def slide_types(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` cut into slides: a slide at every H1 or H2 heading, a sub-slide at every H3,
    code cells without output skipped, everything else on the slide before it; tables keep their top rows.

    >>> md = nbformat.v4.new_markdown_cell
    >>> nb = nbformat.v4.new_notebook(cells=[md("# T"), nbformat.v4.new_code_cell("x = 1"), md("### S"), md("text")])
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
        for output in cell.get("outputs", []):
            if "text/html" in output.get("data", {}):
                html = output["data"]["text/html"]
                output["data"]["text/html"] = top_rows("".join(html) if isinstance(html, list) else html)
    return nb


_DATA = re.compile(r"""^DATA\s*=\s*["']([^"']+)["']""", re.M)


def dataset_name(nb: nbformat.NotebookNode) -> str:
    """The name (never the path) of the data folder a notebook ran on: the last ``DATA = "..."`` of its parameter
    cells (papermill's injected cell comes after the notebook's own).

    >>> cell = nbformat.v4.new_code_cell('DATA = "/home/me/corpus-2024"', metadata={"tags": ["injected-parameters"]})
    >>> dataset_name(nbformat.v4.new_notebook(cells=[cell]))
    'corpus-2024'
    """
    values = [
        m.group(1)
        for c in nb.cells
        if c.cell_type == "code" and {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))
        for m in _DATA.finditer(c.source)
    ]
    return Path(values[-1]).resolve().name if values else "the dataset"


def with_title_slide(nb: nbformat.NotebookNode, built: datetime.date) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose first slide is a title: the notebook's title, the dataset's name and the day it was
    built; what came before the first section (the description, setup printouts, a local path) is left out.

    >>> md = nbformat.v4.new_markdown_cell
    >>> nb = nbformat.v4.new_notebook(cells=[md("# T\\n\\nLong text"), nbformat.v4.new_code_cell("x"), md("## A")])
    >>> [c.source for c in with_title_slide(nb, datetime.date(2026, 12, 2)).cells][0]
    '# T\\n\\nDataset: **the dataset** · built 2 December 2026'
    """
    nb = copy.deepcopy(nb)
    first_section = next(
        (i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.lstrip().startswith("## ")),
        len(nb.cells),
    )
    title = notebook_title(nb, "FrameLens")
    text = f"# {title}\n\nDataset: **{dataset_name(nb)}** · built {built.day} {built:%B %Y}"
    nb.cells = [nbformat.v4.new_markdown_cell(text)] + nb.cells[first_section:]
    return nb


def slides_html(nb: nbformat.NotebookNode, built: datetime.date | None = None) -> str:
    """An executed notebook as a reveal.js deck in one offline HTML file (code hidden; the only scripts are
    reveal.js, inlined, and a few lines that shrink a slide's type until it fits 1280 x 720), opening on a title
    slide built on ``built`` (default: today)."""
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
    deck = with_title_slide(nb, built or datetime.date.today())
    page, _ = exporter.from_notebook_node(slide_types(deck), resources=resources)
    if external_resources(page):
        raise RuntimeError(f"slides would load from the network: {external_resources(page)[:3]}")
    return page


def executed_notebook(notebook: str | Path, data: str | Path | None) -> nbformat.NotebookNode:
    """``notebook`` as committed (``data`` None) or run on ``data`` first (the file is not touched)."""
    if data is None:
        return nbformat.read(Path(notebook), as_version=4)
    return execute(notebook, {"DATA": str(Path(data).resolve())})


def write_handout(
    notebook: str | Path, out: str | Path, data: str | Path | None = None, slides: str | Path | None = None
) -> Path:
    """Write the handout of ``notebook`` (and with ``slides``, its slide deck there); with ``data``, run it on that
    dataset first."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nb = executed_notebook(notebook, data)
    out.write_text(handout_html(nb), encoding="utf-8")
    if slides is not None:
        Path(slides).parent.mkdir(parents=True, exist_ok=True)
        Path(slides).write_text(slides_html(nb), encoding="utf-8")
    return out
