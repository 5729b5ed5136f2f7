"""The reports index page, from ``templates/index.html.j2`` (autoescaped: text from the data is escaped there).

>>> page = index_html(ds, [], [], [("Frames", ["02__shares.csv"])], skipped_briefs=0, workbook="all.xlsx",
...                   teaching=["00-slides.html"])
>>> "<h1>FrameLens reports</h1>" in page and 'href="#dataset"' in page
True
>>> page.index('<h2 id="findings">What the data shows</h2>') < page.index('<h2 id="dataset">')
True
>>> page.index('href="tables/all.xlsx"') < page.index('href="tables/02__shares.csv"'), 'href="00-slides.html"' in page
(True, True)
"""

from __future__ import annotations

import jinja2

from framelens import __version__
from framelens.dataset.loader import Dataset
from framelens.findings import HEADING, dataset_findings
from framelens.publish.html import CSP, TEMPLATES, stylesheet


def dataset_footer(ds: Dataset, home: str) -> str:
    """The escaped footer line naming the dataset a page was built from."""
    import html

    n_events = ds.statements["event_id"].nunique()
    return (
        f"Built from dataset <b>{html.escape(ds.folder.name)}</b> ({len(ds.statements)} statements, {n_events} "
        "events), "
        f"SHA-256 <code>{html.escape(ds.sha256)}</code>, with FrameLens {html.escape(__version__)}. "
        f'<a href="{html.escape(home)}">All reports</a>'
    )


def _cards_and_blocs(ds: Dataset) -> tuple[list[tuple[str, object]], list[tuple[str, int, int]]]:
    st = ds.statements
    dates = st["published_at"].dropna()
    span = f"{_day(dates.min())} to {_day(dates.max())}" if len(dates) else "no dates"
    cards = [
        ("events", st["event_id"].nunique()),
        ("statements", len(st)),
        ("outlets", st["outlet"].nunique()),
        ("published", span),
    ]
    bloc = st["outlet_bloc"].astype(object)
    blocs = [
        (ds.codebook.label("bloc", b), int(st.loc[bloc == b, "outlet"].nunique()), int((bloc == b).sum()))
        for b in ds.codebook.codes("bloc")
        if (bloc == b).any()
    ]
    return cards, blocs


def _day(stamp) -> str:
    return f"{stamp:%d %B %Y}".lstrip("0")


def index_html(
    ds: Dataset,
    reports: list[dict],
    briefs: list[dict],
    tables: list[tuple[str, list[str]]],
    *,
    skipped_briefs: int,
    workbook: str | None = None,
    teaching: list[str] | None = None,
) -> str:
    """The index: dataset summary, the reports and event briefs (each a dict of label, href or None when it failed,
    desc), a note on briefs left out by the cap, slides and handouts (``teaching``: file names in the output folder),
    and the exported tables: the ``workbook`` first, then each page's CSV files (``tables``: page label, names)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True
    )
    cards, blocs = _cards_and_blocs(ds)
    findings = dataset_findings(ds).sentences
    sections = [("findings", HEADING)] if findings else []
    sections += [("dataset", "Dataset"), ("reports", "Reports")]
    if briefs or skipped_briefs:
        sections.append(("briefs", "Event briefs"))
    if teaching:
        sections.append(("teaching", "Slides and handouts"))
    if tables or workbook:
        sections.append(("tables", "Tables"))
    return env.get_template("index.html.j2").render(
        csp=CSP,
        css=stylesheet(),
        folder=ds.folder.name,
        cards=cards,
        blocs=blocs,
        sha256=ds.sha256,
        codebook_version=ds.codebook.version,
        version=__version__,
        sections=sections,
        reports=reports,
        briefs=briefs,
        skipped_briefs=skipped_briefs,
        tables=tables,
        workbook=workbook,
        teaching=teaching or [],
        footer_html=dataset_footer(ds, "index.html"),
        findings=findings,
        findings_heading=HEADING,
    )
