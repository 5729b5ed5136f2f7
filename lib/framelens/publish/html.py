"""Notebook to offline HTML: code hidden, scripts and remote links removed, a Content-Security-Policy that loads
nothing, a table of contents of the page's headings, the page's title and summary from its first cell.

The one script a page runs is ``templates/tables.js`` (sort and filter long tables), inlined once and allowed by
its SHA-256 in the policy; the page reads the same without it.

Text from the data reaches a page only escaped: tables through pandas' escaped HTML, everything else through
:func:`html.escape`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

TEMPLATES = Path(__file__).resolve().parent / "templates"
TABLES_JS = (TEMPLATES / "tables.js").read_text(encoding="utf-8")


def script_hash(script: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script.

    >>> script_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode('ascii')}'"


CSP = (
    f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src {script_hash(TABLES_JS)}; "
    "base-uri 'none'; form-action 'none'"
)

_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.I | re.S)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=[\"']?(?:https?:)?//[^>]*>", re.I)
_EXTERNAL_RESOURCE = re.compile(
    r"""(?:<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:@import\s+(?:url\()?["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)""",
    re.I,
)
_HEADING = re.compile(r"<h([1-3])\b[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_TOC_MARK = "<!--framelens-toc-->"
_CELL = '<div class="jp-Cell '


def external_resources(page: str) -> list[str]:
    """Every place a page would load something from the network (empty for an offline page).

    >>> external_resources('<a href="https://example.org">a link is fine</a>')
    []
    >>> len(external_resources('<script src="https://cdn.example/x.js"></script>'))
    1
    """
    return [m.group(0) for m in _EXTERNAL_RESOURCE.finditer(page)]


def make_offline(page: str) -> str:
    """Remove every script and every stylesheet link to the network.

    >>> make_offline('<p>a</p><script>alert(1)</script><link rel="stylesheet" href="https://x/y.css">')
    '<p>a</p>'
    """
    return _REMOTE_LINK.sub("", _SCRIPT.sub("", page))


def _markdown_cells(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's first H1, or ``fallback``.

    >>> notebook_title(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Frames by bloc")]), "x")
    'Frames by bloc'
    """
    for source in _markdown_cells(nb):
        m = re.search(r"^#\s+(.+)$", source, re.M)
        if m:
            return m.group(1).strip()
    return fallback


def notebook_summary(nb: nbformat.NotebookNode) -> str:
    """The first paragraph after the H1 of the first markdown cell, as plain text ('' if none).

    >>> cell = nbformat.v4.new_markdown_cell("# T\\n\\nReads **all** rows.\\n\\nMore")
    >>> notebook_summary(nbformat.v4.new_notebook(cells=[cell]))
    'Reads all rows.'
    """
    for source in _markdown_cells(nb):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", re.sub(r"^#.*$", "", source, flags=re.M)) if p.strip()]
        if paragraphs:
            return " ".join(re.sub(r"[*_`]", "", paragraphs[0]).split())
    return ""


def add_toc(page: str) -> str:
    """Put a table of contents of the page's H2/H3 headings after the cell with the H1 (or the first cell, or at
    the top).

    H3s are listed inside their H2, so the H2s are numbered without gaps.

    >>> "framelens-toc" in add_toc('<main><!--framelens-toc--><h2 id="A">A</h2></main>')
    True
    """
    sections: list[tuple[str, list[str]]] = []  # (H2 link, its H3 links): H3s nest, so H2s number 1, 2, 3 ...
    for level, anchor, inner in _HEADING.findall(page):
        if level == "1":
            continue
        text = html.escape(" ".join(html.unescape(_TAG.sub("", inner)).replace("\u00b6", "").split()))
        link = f'<a href="#{html.escape(html.unescape(anchor))}">{text}</a>'
        if level == "3" and sections:
            sections[-1][1].append(f'<li class="level-3">{link}</li>')
        else:  # an H2, or an H3 before any H2
            sections.append((link, []))
    items = [
        f'<li class="level-2">{link}' + (f"<ol>{''.join(subs)}</ol>" if subs else "") + "</li>"
        for link, subs in sections
    ]
    nav = (
        ('<nav class="framelens-toc" aria-label="Contents"><h2>Contents</h2><ol>' + "".join(items) + "</ol></nav>")
        if items
        else ""
    )
    top = page.find(_TOC_MARK)
    page = page.replace(_TOC_MARK, "", 1)
    title_end = page.find("</h1>")
    if title_end >= 0:
        after = page.find(_CELL, title_end)
    else:  # no title: after the first cell
        first = page.find(_CELL)
        after = page.find(_CELL, first + 1) if first >= 0 else -1
    after = after if after >= 0 else top
    return page[:after] + nav + page[after:] if after >= 0 else page


def stylesheet() -> str:
    """The report pages' CSS (inlined into every page)."""
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def export_html(
    nb: nbformat.NotebookNode,
    *,
    footer_html: str = "",
    home: str = "index.html",
    kind: str = "FrameLens report",
    layout: str = "",
) -> str:
    """Notebook -> standalone offline HTML: code hidden, figures with alt text, a table of contents and a footer.

    ``layout`` is a class for the page's body: ``framelens-brief`` sets cells tagged ``brief-left`` and
    ``brief-right`` side by side on a wide screen.
    """
    exporter = HTMLExporter(
        template_file="report.html.j2",
        extra_template_paths=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    resources = {
        "framelens": {
            "css": stylesheet(),
            "csp": CSP,
            "home": home,
            "kind": kind,
            "footer_html": footer_html,
            "layout": layout,
        }
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return add_tables_script(add_toc(make_offline(body)))


def add_tables_script(page: str) -> str:
    """Inline the sort-and-filter script once, before ``</body>`` (after :func:`make_offline`, so it is the only one).

    >>> add_tables_script("<body><p>a</p></body>").count("<script>")
    1
    """
    return page.replace("</body>", f"<script>{TABLES_JS}</script>\n</body>", 1)
