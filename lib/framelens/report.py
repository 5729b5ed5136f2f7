"""Build the HTML reports: run each notebook on a dataset, export it with code hidden, link an index.

>>> build_reports("data", "reports")   # doctest: +SKIP
ReportResult(written=[...], failed={})

The HTML is self-contained and offline: images are inline and every script or stylesheet that the
nbconvert template would load from the internet is removed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
from nbconvert import HTMLExporter

from framelens import __version__
from framelens.codebook import REPO_ROOT

NOTEBOOK_DIR = REPO_ROOT / "notebooks"
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>", re.I | re.S)
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.I | re.S)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=[\"']https?://[^>]*>", re.I)
_EXTERNAL_RESOURCE = re.compile(
    r"""(?:<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:@import\s+(?:url\()?["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)""",
    re.I,
)


def external_resources(page: str) -> list[str]:
    """Every place a page would load something from the network (empty for an offline page).

    >>> external_resources('<a href="https://example.org">a link is fine</a>')
    []
    >>> len(external_resources('<script src="https://cdn.example/x.js"></script>'))
    1
    """
    return [m.group(0) for m in _EXTERNAL_RESOURCE.finditer(page)]


def make_offline(page: str) -> str:
    """Remove remote scripts and stylesheets, and inline scripts that import from the network."""
    page = _REMOTE_SCRIPT.sub("", page)
    page = _REMOTE_LINK.sub("", page)
    return _INLINE_SCRIPT.sub(lambda m: "" if re.search(r"https?://", m.group(1)) else m.group(0), page)


def default_notebooks() -> list[Path]:
    """The numbered notebooks, in order."""
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]-*.ipynb"))


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's H1, or the file name."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def export_html(nb: nbformat.NotebookNode) -> str:
    """Notebook -> standalone offline HTML with code cells hidden."""
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    return make_offline(body)


@dataclass
class ReportResult:
    """Which reports were written and which notebooks failed (name -> error text)."""

    written: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def run_notebook(path: Path, out_dir: Path, parameters: dict) -> nbformat.NotebookNode:
    """Execute a copy of a notebook with papermill; the committed notebook is never touched."""
    executed = out_dir / "executed" / path.name
    executed.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(str(path), str(executed), parameters=parameters, cwd=str(path.parent),
                               progress_bar=False, kernel_name="python3", log_output=False)
    return nbformat.read(executed, as_version=4)


def build_reports(data: str | Path, out: str | Path, notebooks: list[Path] | None = None) -> ReportResult:
    """Run every notebook against ``data`` and write one HTML per notebook plus index.html to ``out``."""
    data, out = Path(data).resolve(), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    result = ReportResult()
    entries = []
    for path in notebooks or default_notebooks():
        try:
            nb = run_notebook(path, out, {"DATA": str(data)})
        except Exception as exc:  # a failing notebook must not stop the other reports
            result.failed[path.name] = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            continue
        target = out / (path.stem + ".html")
        target.write_text(export_html(nb), encoding="utf-8")
        result.written.append(target)
        entries.append((target.name, notebook_title(nb, path.stem)))
    index = out / "index.html"
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>' for href, title in entries)
    index.write_text(
        f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>FrameLens reports</title></head>"
        f"<body><h1>FrameLens reports</h1><p>Dataset: {html.escape(str(data))}. FrameLens {__version__}.</p>"
        f"<ul>\n{items}\n</ul></body></html>\n", encoding="utf-8")
    result.written.insert(0, index)
    return result
