"""Build the HTML reports: run each notebook on a dataset, export it with code hidden, brief the events, link an index.

Example (writes files, so not run as a doctest)::

    result = build_reports("data", "reports")
    result.failed   # {} when every notebook ran
    result.reused   # pages kept from the previous build because nothing they depend on changed

Writes to ``out``: ``index.html`` (dataset summary and a table of contents), one HTML per notebook,
``briefs/<event>.html`` (notebook 07 run once per event, the ``max_briefs`` events with the most statements),
``tables/`` (every table a report shows, see :func:`framelens.publish.notebook.show_table`, as CSV and one XLSX
workbook), ``executed/`` (the executed notebook copies; the committed notebooks are never touched) and
``.framelens-manifest.json`` (what FrameLens wrote there). The build happens in a folder beside ``out`` and is
swapped in at the end (:mod:`framelens.publish.output`): a failed or interrupted build leaves the previous report
whole, and only files the manifest lists are ever replaced or deleted.

A page is reused from the previous build, not run again, when its notebook, the data (its SHA-256), its
parameters and the FrameLens code are unchanged.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import nbformat
import pandas as pd
from tqdm import tqdm

from framelens import __version__
from framelens.dataset.loader import Dataset, load_dataset
from framelens.publish.export import WORKBOOK, ExportedTable, from_payload, slug, write_tables
from framelens.publish.html import export_html, notebook_summary, notebook_title
from framelens.publish.index import dataset_footer, index_html
from framelens.publish.notebook import TABLE_METADATA
from framelens.publish.output import ReportFolder, check_out, read_manifest
from framelens.publish.paths import inside, unique_stems
from framelens.publish.runner import NotebookFailed, execute

NOTEBOOK_DIR = Path(str(files("framelens") / "notebooks")).resolve()  # package data: in a checkout, notebooks/
BRIEF_NOTEBOOK = NOTEBOOK_DIR / "07-event-brief.ipynb"
MAX_BRIEFS = 40  # briefs per report by default: the events with the most statements


def default_notebooks() -> list[Path]:
    """The numbered notebooks in order, without the per-event brief."""
    return [p for p in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]-*.ipynb")) if p.name != BRIEF_NOTEBOOK.name]


def code_fingerprint() -> str:
    """SHA-256 over FrameLens's own code and templates: a page built by other code is not reused."""
    root = Path(str(files("framelens"))).resolve()
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".j2", ".css", ".js") and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def notebook_tables(nb: nbformat.NotebookNode, report: str) -> list[ExportedTable]:
    """The tables an executed notebook registered with ``show_table``, in display order (repeated file names get ~2,
    ~3)."""
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
    """One page to build: the notebook, its parameters, where the HTML goes (relative to ``out``) and its name."""

    notebook: Path
    parameters: dict
    target: str
    report: str
    kind: str
    home: str
    event: str | None = None
    title: str = ""

    def key(self, data_sha256: str, code: str) -> str:
        """What the page depends on: notebook, data, parameters and code (equal keys, equal pages)."""
        parts = [
            self.notebook.read_bytes(),
            data_sha256.encode(),
            json.dumps(self.parameters, sort_keys=True).encode(),
            code.encode(),
        ]
        return hashlib.sha256(b"\0".join(parts)).hexdigest()


@dataclass
class ReportResult:
    """What was written (pages, tables), which notebooks failed (report name -> error), how many pages were reused."""

    written: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    tables: list[Path] = field(default_factory=list)
    reused: int = 0
    skipped_briefs: int = 0


def describe_failure(exc: Exception) -> str:
    """One line: the failing cell and its error for a notebook error, else the exception's last line."""
    if isinstance(exc, NotebookFailed):
        return str(exc)
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[-1]}" if text else type(exc).__name__


def brief_events(ds: Dataset, events: list[str] | None = None) -> list[tuple[str, str]]:
    """(event_id, title) of the events to brief, by start date then id; ``events`` picks some (ValueError if
    unknown)."""
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
        listed = sorted(ids)
        shown = ", ".join(listed[:10]) + (f" and {len(listed) - 10} more" if len(listed) > 10 else "")
        raise ValueError(f"unknown event id(s): {', '.join(unknown)}; the dataset has {shown}")
    wanted = set(events)
    return [(e, t) for e, t in known if e in wanted]


def events_to_brief(ds: Dataset, chosen: list[tuple[str, str]], max_briefs: int | None) -> list[tuple[str, str]]:
    """The events of ``chosen`` that get a brief: the ``max_briefs`` with the most statements (ties by id; None: all),
    in ``chosen``'s order.

    >>> [event for event, _ in events_to_brief(ds, brief_events(ds), 1)]
    ['ev-alpha']
    """
    if max_briefs is None or len(chosen) <= max_briefs:
        return chosen
    sizes = ds.statements["event_id"].astype(str).value_counts()
    ranked = sorted(chosen, key=lambda et: (-int(sizes.get(et[0], 0)), et[0]))[:max_briefs]
    keep = {e for e, _ in ranked}
    return [et for et in chosen if et[0] in keep]


def plan_jobs(data: Path, notebooks: list[Path], events: list[tuple[str, str]], brief: Path | None) -> list[Job]:
    """The pages to build: one per notebook, then one brief per event (file names from :func:`unique_stems`)."""
    jobs = [
        Job(nb, {"DATA": str(data)}, f"{nb.stem}.html", nb.stem, "FrameLens report", "index.html") for nb in notebooks
    ]
    if brief is not None:
        stems = unique_stems(e for e, _ in events)
        for event_id, title in events:
            stem = stems[event_id]
            jobs.append(
                Job(
                    brief,
                    {"DATA": str(data), "event": event_id},
                    f"briefs/{stem}.html",
                    f"brief-{stem}",
                    "FrameLens event brief",
                    "../index.html",
                    event_id,
                    f"{title}: FrameLens event brief",
                )
            )
    return jobs


def _build_page(job: Job, footer: str) -> tuple[nbformat.NotebookNode | None, str]:
    """Run one job's notebook and export its page (in a worker process): (notebook, page), or (None, why it failed)."""
    try:
        nb = execute(job.notebook, job.parameters)
        page = export_html(
            _for_readers(nb, job),
            footer_html=footer,
            home=job.home,
            kind=job.kind,
            layout="framelens-brief" if job.event is not None else "",
        )
        return nb, page
    except Exception as exc:  # a failing notebook must not stop the other reports; errors cross processes as text
        return None, describe_failure(exc)


def _for_readers(nb: nbformat.NotebookNode, job: Job) -> nbformat.NotebookNode:
    """The page's copy of an executed notebook: titled; a brief loses the notebook's intro (its header names the
    event)."""
    page = nbformat.from_dict(nb)
    page.metadata["title"] = job.title or notebook_title(nb, job.notebook.stem)
    if job.event is not None and page.cells and page.cells[0].cell_type == "markdown":
        page.cells = page.cells[1:]
    return page


def _reusable(job: Job, key: str, out: Path, old: dict | None) -> nbformat.NotebookNode | None:
    """The previous build's executed notebook for ``job`` when its page can be kept (same key, files present)."""
    if not old or old.get("pages", {}).get(job.target) != key:
        return None
    executed = out / "executed" / f"{job.report}.ipynb"
    if not (out / job.target).is_file() or not executed.is_file():
        return None
    try:
        return nbformat.read(executed, as_version=4)
    except (OSError, ValueError):
        return None


def _run_jobs(jobs: list[Job], footers: dict[str, str], workers: int, quiet: bool) -> list[tuple]:
    """(notebook or None, page or error) per job, in job order; notebooks run two at a time in worker processes.

    Unless ``quiet``, progress goes to stderr: a bar on a terminal, one line per finished page otherwise (a log or a
    CI job), so a log holds no carriage-return redraws.
    """
    if not jobs:
        return []
    bar = not quiet and sys.stderr.isatty()
    # Each notebook runs in its own worker process and kernel; two at a time use both cores of a small machine.
    with (
        ProcessPoolExecutor(max_workers=max(1, workers), mp_context=multiprocessing.get_context("spawn")) as pool,
        tqdm(total=len(jobs), disable=not bar, unit="report", file=sys.stderr, dynamic_ncols=True) as progress,
    ):
        futures = {pool.submit(_build_page, job, footers[job.home]): job for job in jobs}
        for done, future in enumerate(as_completed(futures), start=1):
            job = futures[future]
            name = job.target if job.event is None else f"brief {job.event}"
            if bar:
                progress.set_description(name)
                progress.update()
            elif not quiet:
                print(f"  {name} ({done} of {len(jobs)})", file=sys.stderr, flush=True)
        return [f.result() for f in futures]  # in submission order, so output is deterministic


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
    max_briefs: int | None = MAX_BRIEFS,
) -> ReportResult:
    """Run the notebooks and the per-event brief against ``data``; write pages, tables and index.html to ``out``.

    ``events`` limits the briefs to those event ids; otherwise the ``max_briefs`` events with the most statements are
    briefed (None: all). A failing notebook is recorded in ``failed`` and the others still run. Raises
    :class:`framelens.publish.output.OutputRefused` (before any work) when ``out`` may not be written.
    """
    from framelens.publish.output import OutputRefused

    data = Path(data).resolve()
    ds = dataset or load_dataset(data)
    chosen = brief_events(ds, events)
    briefed = chosen if events is not None else events_to_brief(ds, chosen, max_briefs)
    brief = brief if brief is not None and Path(brief).exists() else None
    jobs = plan_jobs(data, list(notebooks) if notebooks is not None else default_notebooks(), briefed, brief)
    why = check_out(out, data, [j.target for j in jobs] + ["index.html"])
    if why:
        raise OutputRefused(why)
    out = Path(out)
    result = ReportResult(skipped_briefs=len(chosen) - len(briefed) if brief is not None else 0)
    code = code_fingerprint()
    old = read_manifest(out) if out.is_dir() else None
    keys = {job.target: job.key(ds.sha256, code) for job in jobs}
    with ReportFolder(out) as folder:
        stage = folder.staging
        reused = {job.target: nb for job in jobs if (nb := _reusable(job, keys[job.target], out, old)) is not None}
        todo = [job for job in jobs if job.target not in reused]
        footers = {home: dataset_footer(ds, home) for home in {job.home for job in todo}}
        outcomes = dict(zip((j.target for j in todo), _run_jobs(todo, footers, workers, quiet)))
        written, pages, tables, built_keys = [], [], [], {}
        for job in jobs:
            executed = f"executed/{job.report}.ipynb"
            for rel in (job.target, executed):
                if not inside(stage / rel, stage):
                    raise OutputRefused(f"a page name would leave the report folder: {rel}")
            if job.target in reused:
                nb = reused[job.target]
                for rel in (job.target, executed):
                    (stage / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(out / rel, stage / rel)
                result.reused += 1
            else:
                nb, page = outcomes[job.target]
                if nb is None:
                    result.failed[job.report] = page
                    pages.append((job, None))
                    continue
                (stage / job.target).parent.mkdir(parents=True, exist_ok=True)
                (stage / job.target).write_text(page, encoding="utf-8")
                (stage / executed).parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, stage / executed)
            built_keys[job.target] = keys[job.target]
            written += [job.target, executed]
            tables.extend(notebook_tables(nb, job.report))
            pages.append((job, nb))
        table_files = [p.relative_to(stage).as_posix() for p in write_tables(tables, stage / "tables")]
        teaching = sorted(p.name for pattern in ("*-slides.html", "*-handout.html") for p in out.glob(pattern))
        index = _index(ds, pages, dict(chosen), tables, "tables/" + WORKBOOK in table_files, teaching, result)
        (stage / "index.html").write_text(index, encoding="utf-8")
        files_written = ["index.html", *written, *table_files]
        folder.commit(files_written, {"framelens": __version__, "data_sha256": ds.sha256, "pages": built_keys})
    result.written = [out / "index.html"] + [out / j.target for j, nb in pages if nb is not None]
    result.tables = [out / t for t in table_files]
    return result


def _index(
    ds: Dataset,
    pages: list[tuple[Job, object]],
    titles: dict[str, str],
    tables: list[ExportedTable],
    workbook: bool,
    teaching: list[str],
    result: ReportResult,
) -> str:
    """The index page: reports, briefs, slides and handouts found in the output folder, and the tables page by page."""
    reports, briefs, labels = [], [], {}
    for job, nb in pages:
        if job.event is None:
            label = notebook_title(nb, job.notebook.stem) if nb is not None else job.notebook.name
            labels[job.report] = label
            reports.append(
                {
                    "label": label,
                    "href": job.target if nb is not None else None,
                    "desc": notebook_summary(nb) if nb is not None else "",
                }
            )
        else:
            briefs.append(
                {
                    "label": f"{titles.get(job.event, job.event)} ({job.event})",
                    "href": job.target if nb is not None else None,
                    "desc": "",
                }
            )
    groups: dict[str, list[str]] = {}
    for t in tables:
        groups.setdefault(labels.get(t.report, t.report), []).append(f"{t.stem}.csv")
    return index_html(
        ds,
        reports,
        briefs,
        list(groups.items()),
        skipped_briefs=result.skipped_briefs,
        workbook=WORKBOOK if workbook else None,
        teaching=teaching,
    )
