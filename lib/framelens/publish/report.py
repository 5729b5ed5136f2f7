"""Build the HTML reports: run each notebook on a dataset, export it with code hidden, brief every event, link an index.

Example (writes files, so not run as a doctest)::

    result = build_reports("data", "reports")
    result.failed   # {} when every notebook ran

Writes to ``out``: ``index.html`` (dataset summary and a table of contents), one HTML per notebook,
``briefs/<event_id>.html`` (notebook 07 run once per event), ``tables/`` (every table a report
shows, see :func:`framelens.publish.notebook.show_table`, as CSV and one XLSX workbook) and ``executed/``
(the executed notebook copies; the committed notebooks are never touched).

Pages are self-contained and offline: images are inline, no script runs (all are removed) and a
Content-Security-Policy forbids loading anything. Text from the data reaches the pages only
escaped: tables through pandas' escaped HTML, everything else through :func:`html.escape`.
"""

from __future__ import annotations

import html
import multiprocessing
import re
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import nbformat
import pandas as pd
from nbconvert import HTMLExporter
from tqdm import tqdm

from framelens import __version__
from framelens.dataset.loader import Dataset, load_dataset
from framelens.publish.export import WORKBOOK, ExportedTable, from_payload, slug, write_tables
from framelens.publish.notebook import TABLE_METADATA
from framelens.publish.runner import NotebookFailed, execute

NOTEBOOK_DIR = Path(
    str(files("framelens") / "notebooks")
).resolve()  # package data: in a checkout, a link to notebooks/
BRIEF_NOTEBOOK = NOTEBOOK_DIR / "07-event-brief.ipynb"
TEMPLATES = Path(__file__).resolve().parent / "templates"
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

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


def default_notebooks() -> list[Path]:
    """The numbered notebooks in order, without the per-event brief."""
    return [p for p in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]-*.ipynb")) if p.name != BRIEF_NOTEBOOK.name]


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

    >>> notebook_summary(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T\\n\\nReads **all** rows.\\n\\nMore")]))
    'Reads all rows.'
    """
    for source in _markdown_cells(nb):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", re.sub(r"^#.*$", "", source, flags=re.M)) if p.strip()]
        if paragraphs:
            return " ".join(re.sub(r"[*_`]", "", paragraphs[0]).split())
    return ""


def add_toc(page: str) -> str:
    """Put a table of contents of the page's H2/H3 headings after the cell with the H1 (or the first cell, or at the top).

    >>> "framelens-toc" in add_toc('<main><!--framelens-toc--><h2 id="A">A</h2></main>')
    True
    """
    items = []
    for level, anchor, inner in _HEADING.findall(page):
        if level == "1":
            continue
        text = html.escape(" ".join(html.unescape(_TAG.sub("", inner)).replace("\u00b6", "").split()))
        items.append(f'<li class="level-{level}"><a href="#{html.escape(html.unescape(anchor))}">{text}</a></li>')
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


def _css() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def dataset_footer(ds: Dataset, home: str) -> str:
    """The escaped footer line naming the dataset a page was built from."""
    n_events = ds.statements["event_id"].nunique()
    return (
        f"Built from dataset <b>{html.escape(ds.folder.name)}</b> ({len(ds.statements)} statements, {n_events} events), "
        f"SHA-256 <code>{html.escape(ds.sha256)}</code>, with FrameLens {html.escape(__version__)}. "
        f'<a href="{html.escape(home)}">All reports</a>'
    )


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
            "css": _css(),
            "csp": CSP,
            "home": home,
            "kind": kind,
            "footer_html": footer_html,
            "layout": layout,
        }
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return add_toc(make_offline(body))


def notebook_tables(nb: nbformat.NotebookNode, report: str) -> list[ExportedTable]:
    """The tables an executed notebook registered with ``show_table``, in display order (repeated file names get ~2, ~3)."""
    tables, seen = [], {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get(TABLE_METADATA)
            if not meta:
                continue
            key = slug(meta["name"])
            seen[key] = seen.get(key, 0) + 1
            suffix = f"~{seen[key]}"  # cut the stem, not the suffix, so the file name stays unique
            name = meta["name"] if seen[key] == 1 else slug(meta["name"], 60 - len(suffix)) + suffix
            tables.append(ExportedTable(report, name, meta.get("caption", ""), from_payload(meta)))
    return tables


@dataclass
class Job:
    """One page to build: the notebook, its parameters, where the HTML goes and what it is called."""

    notebook: Path
    parameters: dict
    target: Path
    report: str
    kind: str
    home: str
    event: str | None = None
    title: str = ""


@dataclass
class ReportResult:
    """What was written (pages, tables) and which notebooks failed (report name -> error)."""

    written: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    tables: list[Path] = field(default_factory=list)


def describe_failure(exc: Exception) -> str:
    """One line: the failing cell and its error for a notebook error, else the exception's last line."""
    if isinstance(exc, NotebookFailed):
        return str(exc)
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[-1]}" if text else type(exc).__name__


def brief_events(ds: Dataset, events: list[str] | None = None) -> list[tuple[str, str]]:
    """(event_id, title) of the events to brief, by start date then id; ``events`` picks some (ValueError if unknown)."""
    if ds.events is not None:
        ev = ds.events.sort_values(["start_date", "event_id"], kind="mergesort")
        known = [(str(e), str(t) if pd.notna(t) else str(e)) for e, t in zip(ev["event_id"], ev["title"])]
    else:
        known = [(e, e) for e in sorted(ds.statements["event_id"].dropna().astype(str).unique())]
    if events is None:
        return known
    ids = {e for e, _ in known}
    unknown = [e for e in events if e not in ids]
    if unknown:
        raise ValueError(f"unknown event id(s): {', '.join(unknown)}; the dataset has {', '.join(sorted(ids))}")
    wanted = set(events)
    return [(e, t) for e, t in known if e in wanted]


def plan_jobs(
    out: Path, data: Path, notebooks: list[Path], events: list[tuple[str, str]], brief: Path | None
) -> list[Job]:
    """The pages to build: one per notebook, then one brief per event."""
    jobs = [
        Job(nb, {"DATA": str(data)}, out / f"{nb.stem}.html", nb.stem, "FrameLens report", "index.html")
        for nb in notebooks
    ]
    if brief is not None:
        for event_id, title in events:  # validated ids (validate.ID_RE) are safe file names
            jobs.append(
                Job(
                    brief,
                    {"DATA": str(data), "event": event_id},
                    out / "briefs" / f"{event_id}.html",
                    f"brief-{event_id}",
                    "FrameLens event brief",
                    "../index.html",
                    event_id,
                    f"{title}: FrameLens event brief",
                )
            )
    return jobs


def _build_page(job: Job, executed: Path, footer: str) -> tuple[nbformat.NotebookNode | None, str]:
    """Run one job's notebook and export its page (in a worker process): (notebook, page), or (None, why it failed)."""
    try:
        nb = execute(job.notebook, job.parameters)
        executed.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, executed)
        return nb, export_html(
            _for_readers(nb, job),
            footer_html=footer,
            home=job.home,
            kind=job.kind,
            layout="framelens-brief" if job.event is not None else "",
        )
    except Exception as exc:  # a failing notebook must not stop the other reports; errors cross processes as text
        return None, describe_failure(exc)


def _for_readers(nb: nbformat.NotebookNode, job: Job) -> nbformat.NotebookNode:
    """The page's copy of an executed notebook: titled; a brief loses the notebook's intro (its header names the event)."""
    page = nbformat.from_dict(nb)
    page.metadata["title"] = job.title or notebook_title(nb, job.notebook.stem)
    if job.event is not None and page.cells and page.cells[0].cell_type == "markdown":
        page.cells = page.cells[1:]
    return page


def build_reports(
    data: str | Path,
    out: str | Path,
    notebooks: list[Path] | None = None,
    *,
    events: list[str] | None = None,
    brief: Path | None = BRIEF_NOTEBOOK,
    quiet: bool = True,
    dataset: Dataset | None = None,
    workers: int = 2,
) -> ReportResult:
    """Run the notebooks and the per-event brief against ``data``; write pages, tables and index.html to ``out``.

    ``workers`` notebooks run at once (each in its own process and kernel). ``brief=None`` (or a missing brief notebook) builds no briefs; ``events`` limits the briefs
    to those event ids. A failing notebook is recorded in ``failed`` and the others still run.
    """
    data, out = Path(data).resolve(), Path(out)
    ds = dataset or load_dataset(data)
    out.mkdir(parents=True, exist_ok=True)
    chosen = brief_events(ds, events)
    brief = brief if brief is not None and Path(brief).exists() else None
    jobs = plan_jobs(out, data, list(notebooks) if notebooks is not None else default_notebooks(), chosen, brief)
    result, pages, tables = ReportResult(), [], []
    for job in jobs:
        job.target.unlink(missing_ok=True)  # never leave a stale page behind a failure

    # Each notebook runs in its own worker process (papermill changes the working directory of the
    # process it runs in, so threads would race); two at a time use both cores of a small machine.
    footers = {job.home: dataset_footer(ds, job.home) for job in jobs}
    with (
        ProcessPoolExecutor(max_workers=max(1, workers), mp_context=multiprocessing.get_context("spawn")) as pool,
        tqdm(total=len(jobs), disable=quiet, unit="report", file=sys.stderr, dynamic_ncols=True) as progress,
    ):
        futures = {
            pool.submit(_build_page, job, out / "executed" / f"{job.report}.ipynb", footers[job.home]): job
            for job in jobs
        }
        for future in as_completed(futures):
            job = futures[future]
            progress.set_description(job.target.name if job.event is None else f"brief {job.event}")
            progress.update()
        for job, future in ((futures[f], f) for f in futures):  # results in plan order, so output is deterministic
            nb, page = future.result()
            if nb is None:
                result.failed[job.report] = page
                pages.append((job, None, None))
                continue
            job.target.parent.mkdir(parents=True, exist_ok=True)
            job.target.write_text(page, encoding="utf-8")
            result.written.append(job.target)
            found = notebook_tables(nb, job.report)
            tables.extend(found)
            pages.append((job, nb, found))
    table_dir = out / "tables"
    for old in list(table_dir.glob("*.csv")) + [table_dir / WORKBOOK]:
        old.unlink(missing_ok=True)
    result.tables = write_tables(tables, table_dir)
    index = out / "index.html"
    index.write_text(index_html(ds, pages, dict(chosen), result), encoding="utf-8")
    result.written.insert(0, index)
    return result


def _dataset_summary(ds: Dataset) -> str:
    st = ds.statements
    n_events = st["event_id"].nunique()
    dates = st["published_at"].dropna()
    span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates"
    blocs = [b for b in ds.codebook.codes("bloc") if (st["outlet_bloc"].astype(object) == b).any()]
    rows = []
    for b in blocs:
        part = st[st["outlet_bloc"].astype(object) == b]
        rows.append(f"<tr><td>{html.escape(b)}</td><td>{part['outlet'].nunique()}</td><td>{len(part)}</td></tr>")
    cards = "".join(
        f'<div class="card"><b>{html.escape(str(v))}</b>{html.escape(k)}</div>'
        for k, v in [
            ("events", n_events),
            ("statements", len(st)),
            ("outlets", st["outlet"].nunique()),
            ("published", span),
        ]
    )
    return (
        f'<section aria-label="Dataset"><h2 id="dataset">Dataset</h2><div class="cards">{cards}</div>'
        '<table class="fl-table"><caption class="framelens-caption">Outlets and statements per outlet bloc</caption>'
        "<thead><tr><th>outlet bloc</th><th>outlets</th><th>statements</th></tr></thead><tbody>"
        + "".join(rows)
        + f"</tbody></table><p>Folder <b>{html.escape(ds.folder.name)}</b>, SHA-256 <code>{html.escape(ds.sha256)}</code>, "
        f"codebook {html.escape(ds.codebook.version)}, FrameLens {html.escape(__version__)}.</p></section>"
    )


def _entry(job: Job, nb, label: str) -> str:
    href = html.escape(job.target.name if job.event is None else f"briefs/{job.target.name}")
    if nb is None:
        return f'<li class="failed">{html.escape(label)}: not built, the notebook failed (see the report command\'s output)</li>'
    desc = notebook_summary(nb) if job.event is None else ""
    desc_html = f'<span class="desc">{html.escape(desc)}</span>' if desc else ""
    return f'<li><a href="{href}">{html.escape(label)}</a>{desc_html}</li>'


def index_html(ds: Dataset, pages: list, titles: dict[str, str], result: ReportResult) -> str:
    """The index page: dataset summary, the reports, the event briefs and the exported tables (all text escaped)."""
    reports = [
        _entry(j, nb, notebook_title(nb, j.notebook.stem) if nb is not None else j.notebook.name)
        for j, nb, _ in pages
        if j.event is None
    ]
    briefs = [_entry(j, nb, f"{titles.get(j.event, j.event)} ({j.event})") for j, nb, _ in pages if j.event is not None]
    table_items = [f'<li><a href="tables/{html.escape(p.name)}">{html.escape(p.name)}</a></li>' for p in result.tables]
    sections = [_dataset_summary(ds)]
    sections.append(
        '<section><h2 id="reports">Reports</h2><ol class="reports">'
        + ("".join(reports) or "<li>No notebooks were run.</li>")
        + "</ol></section>"
    )
    if briefs:
        sections.append(
            '<section><h2 id="briefs">Event briefs</h2><ol class="reports">' + "".join(briefs) + "</ol></section>"
        )
    if table_items:
        sections.append(
            '<section><h2 id="tables">Tables</h2><p>Every table shown in the reports, as one Excel workbook '
            "(one sheet per table) and as CSV files. Text cells that start with =, +, -, @ carry a leading ' "
            "so spreadsheets show them as text.</p><ul>" + "".join(table_items) + "</ul></section>"
        )
    toc = (
        '<nav class="framelens-toc" aria-label="Contents"><h2>Contents</h2><ol>'
        + "".join(
            f'<li class="level-2"><a href="#{a}">{t}</a></li>'
            for a, t in [
                ("dataset", "Dataset"),
                ("reports", "Reports"),
                ("briefs", "Event briefs"),
                ("tables", "Tables"),
            ]
            if f'id="{a}"' in "".join(sections)
        )
        + "</ol></nav>"
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>FrameLens reports: {html.escape(ds.folder.name)}</title><style>{_css()}</style></head>\n"
        '<body class="framelens-index"><header class="framelens-bar"><span>FrameLens</span><span>reports index</span></header><main>'
        f'<h1>FrameLens reports</h1><p class="lead">How outlets of different blocs framed the same events, built from the dataset '
        f"<b>{html.escape(ds.folder.name)}</b>. Open any report below; everything works offline.</p>"
        + toc
        + "".join(sections)
        + f'</main><footer class="framelens-footer">{dataset_footer(ds, "index.html")}</footer></body></html>\n'
    )
