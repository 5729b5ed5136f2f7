"""The report builder: page structure, escaping, table export and the ``framelens report`` command.

One build per module (papermill runs the XSS fixture's two notebooks and the event brief for one
event); the browser checks of the same kind of build are in test_browser.py.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from framelens import __version__, load_dataset
from framelens.cli import main
from framelens.publish.html import (
    TABLES_JS,
    add_toc,
    export_html,
    external_resources,
    make_offline,
    notebook_summary,
    script_hash,
)
from framelens.publish.notebook import TABLE_METADATA, show_table, table_html
from framelens.publish.report import BRIEF_NOTEBOOK, default_notebooks, events_to_brief, notebook_tables
from helpers import ROOT, VALID, rewrite_cell

XSS = ROOT / "tests" / "fixtures" / "xss"
FIXTURE_NOTEBOOKS = sorted((XSS / "notebooks").glob("*.ipynb"))


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's tokenizer sees them."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def live_payloads(page: str) -> list[str]:
    """What an injected payload would leave: script/svg/iframe tags, on* handlers, javascript: links. The page's own
    sort-and-filter script is allowed once, exactly as shipped and at the end of the body, where its hash in the
    policy lets it run."""
    found = []
    own = f"<script>{TABLES_JS}</script>\n</body>"
    if page.count("<script") == 1 and own in page and script_hash(TABLES_JS) in page:
        page = page.replace(own, "</body>")
    for tag, attrs in _Tags(page).tags:
        if tag in ("script", "svg", "iframe", "object", "embed"):
            found.append(tag)
        found += [f"{tag}[{k}]" for k in attrs if k.startswith("on")]
        found += [
            f"{tag}[{k}]"
            for k, v in attrs.items()
            if k in ("href", "src", "action") and (v or "").strip().lower().startswith("javascript:")
        ]
    return found


def img_alts(page: str) -> list[str | None]:
    return [attrs.get("alt") for tag, attrs in _Tags(page).tags if tag == "img"]


def _pages(out: Path) -> list[Path]:
    return sorted(out.glob("*.html")) + sorted((out / "briefs").glob("*.html"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``framelens report`` on the XSS fixture: a report notebook, a failing notebook and one event brief."""
    out = tmp_path_factory.mktemp("reports")
    before = hashlib.sha256(BRIEF_NOTEBOOK.read_bytes()).hexdigest()
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(
            [
                "report",
                "--data",
                str(XSS),
                "--out",
                str(out),
                "--event",
                "ev-alpha",
                "--quiet",
                "--notebooks",
                *map(str, FIXTURE_NOTEBOOKS),
            ]
        )
    return {
        "out": out,
        "code": code,
        "stdout": buf.getvalue(),
        "brief_hash": (before, hashlib.sha256(BRIEF_NOTEBOOK.read_bytes()).hexdigest()),
    }


def test_failing_notebook_is_named_and_the_rest_is_written(built):
    out = built["out"]
    assert built["code"] == 1
    assert (
        'FAILED 99-failing: cell 3 (raise ValueError("boom on purpose")): ValueError: boom on purpose'
        in built["stdout"]
    )
    assert (
        (out / "index.html").is_file()
        and (out / "50-data-text.html").is_file()
        and (out / "briefs" / "ev-alpha.html").is_file()
    )
    assert not (out / "99-failing.html").exists()
    assert not (out / "briefs" / "ev-beta.html").exists()  # --event picks the briefs
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<li class="failed">99-failing.ipynb: not built' in index


def test_committed_notebooks_are_not_touched(built):
    before, after = built["brief_hash"]
    assert before == after
    assert (built["out"] / "executed" / "brief-ev-alpha.ipynb").is_file()


def test_index_summarises_the_dataset_and_links_everything(built):
    import framelens

    ds = framelens.load_dataset(XSS)
    index = (built["out"] / "index.html").read_text(encoding="utf-8")
    assert ds.sha256 in index and f"FrameLens {__version__}" in index
    assert "<b>2</b>events" in index and "<b>9</b>statements" in index and "22 May 2023 to 7 June 2023" in index
    # outlets per bloc, by label: Russian has Governor (Telegram) and Outlet R (3 statements + s9 = 4)
    assert "<tr><td>Russian</td><td>2</td><td>4</td></tr>" in index
    # the page opens with the dataset's findings, escaped, before the dataset section
    findings = index[index.index('<h2 id="findings">What the data shows</h2>') : index.index('id="dataset"')]
    assert findings.count("<li>") >= 3 and "The dataset holds 9 statements from" in findings
    for href in re.findall(r'href="([^"#]+)"', index):
        assert (built["out"] / href).is_file(), href
    assert 'href="50-data-text.html"' in index and 'href="briefs/ev-alpha.html"' in index
    assert 'href="tables/framelens-tables.xlsx"' in index
    # tables: the workbook first, then the CSVs folded under the page that showed them
    csvs = re.findall(r'href="tables/([^"]+\.csv)"', index)
    assert csvs and index.index("framelens-tables.xlsx") < index.index(csvs[0])
    tables = index[index.index('id="tables"') :]
    assert tables.count("<details>") == len(re.findall(r"<summary>[^<]+ \(\d+ tables?\)</summary>", tables)) >= 1


def test_every_page_is_offline_and_has_no_live_payload(built):
    for page in _pages(built["out"]):
        text = page.read_text(encoding="utf-8")
        assert external_resources(text) == [], page.name
        assert 'http-equiv="Content-Security-Policy"' in text
        assert live_payloads(text) == [], page.name


def test_data_text_appears_escaped(built):
    report = (built["out"] / "50-data-text.html").read_text(encoding="utf-8")
    brief = (built["out"] / "briefs" / "ev-alpha.html").read_text(encoding="utf-8")
    index = (built["out"] / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__xss=1;alert('xss-script')&lt;/script&gt;" in report  # quote
    assert "&lt;img src=x onerror=\"window.__xss=2;alert('xss-img')\"&gt;" in report  # quote
    assert '"&gt;&lt;svg onload="window.__xss=3;alert(\'xss-svg\')"&gt;' in report  # actor label
    assert "Outlet R &lt;script&gt;alert('xss-outlet')&lt;/script&gt;" in report  # outlet name
    assert "javascript:alert('xss-js')" in report  # note, as text
    assert "Alpha &lt;script&gt;alert('xss-title')&lt;/script&gt;" in brief  # event title
    assert "Alpha &lt;script&gt;alert(&#39;xss-title&#39;)&lt;/script&gt;" in index  # Jinja's autoescape
    assert "<script>" not in index
    # figure alt text carries the outlet name from the chart title, as an attribute value only
    assert img_alts(report) == ['Statements per outlet, among them Outlet U "><svg onload="alert(\'xss-outlet-svg\')">']


def test_report_pages_have_toc_footer_and_alt_text(built):
    report = (built["out"] / "50-data-text.html").read_text(encoding="utf-8")
    assert '<nav class="framelens-toc"' in report
    assert '<a href="#Quotes">Quotes</a>' in report and '<a href="#Claims">Claims</a>' in report
    assert report.index("<h1") < report.index('<nav class="framelens-toc"')  # after the title cell
    assert 'id="What-this-does-not-show"' in report
    assert "Built from dataset <b>xss</b>" in report and 'href="index.html"' in report
    brief = (built["out"] / "briefs" / "ev-alpha.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in brief
    assert "<h1 class=\"framelens-brief-title\">Alpha &lt;script&gt;alert('xss-title')&lt;/script&gt;</h1>" in brief
    assert "<title>Alpha &lt;script&gt;alert('xss-title')&lt;/script&gt;: FrameLens event brief</title>" in brief
    assert "This notebook reads" not in brief  # the notebook's intro is for analysts, not in the brief
    assert (
        brief.index("framelens-brief-title") < brief.index('<nav class="framelens-toc"') < brief.index('id="Framing"')
    )
    alts = img_alts(brief)
    assert len(alts) == 2 and all(len(a) > 20 for a in alts)
    assert alts[0].startswith("Share of each outlet bloc's statements by primary frame, Alpha <script>")
    assert "print(" not in report and "show_table(" not in report  # code is hidden


def test_tables_are_exported_neutralised(built):
    tables = built["out"] / "tables"
    names = sorted(p.name for p in tables.iterdir())
    assert names == [
        "50-data-text__claims.csv",
        "50-data-text__per_bloc.csv",
        "50-data-text__quotes.csv",
        "brief-ev-alpha__claims.csv",
        "brief-ev-alpha__figures.csv",
        "brief-ev-alpha__first_statements.csv",
        "brief-ev-alpha__names.csv",
        "framelens-tables.xlsx",
    ]
    with (tables / "50-data-text__claims.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["claim_id", "claim", "verdict"]
    assert rows[4][1].startswith("'=HYPERLINK(")
    with (tables / "50-data-text__per_bloc.csv").open(encoding="utf-8", newline="") as f:
        per_bloc = list(csv.reader(f))
    assert per_bloc[0] == ["outlet_bloc", "n"] and ["russian", "4"] in per_bloc and ["western", "1"] in per_bloc
    book = openpyxl.load_workbook(tables / "framelens-tables.xlsx")
    assert book.sheetnames[0] == "contents" and len(book.sheetnames) == 8
    claims = book["50-data-text__claims"]
    assert claims["B5"].value.startswith("'=HYPERLINK(") and claims["B5"].data_type == "s"
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


def test_invalid_data_stops_with_the_validators_message(valid_copy, tmp_path, capsys):
    rewrite_cell(valid_copy / "statements.csv", 0, "frame", "liberaton")
    code = main(["report", "--data", str(valid_copy), "--out", str(tmp_path / "out"), "--quiet"])
    printed = capsys.readouterr().out
    assert code == 1
    assert "statements.csv line 2, frame: 'liberaton' is not an allowed frame" in printed
    assert not (tmp_path / "out").exists()


def test_unknown_event_is_a_usage_error(tmp_path, capsys):
    code = main(["report", "--data", str(XSS), "--out", str(tmp_path / "out"), "--event", "ev-gamma", "--quiet"])
    assert code == 2 and "unknown event id(s): ev-gamma" in capsys.readouterr().out


# ---- pieces, without running notebooks ---------------------------------------------------------


def _png_output(alt: str) -> nbformat.NotebookNode:
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    return new_output("display_data", data={"image/png": png}, metadata={"image/png": {"alt": alt}})


def _table_output(df: pd.DataFrame, name: str, caption: str) -> nbformat.NotebookNode:
    from framelens.publish.export import to_payload

    return new_output(
        "display_data",
        data={"text/html": table_html(df, caption), "text/plain": df.to_string()},
        metadata={TABLE_METADATA: {"name": name, "caption": caption, **to_payload(df)}},
    )


def _notebook() -> nbformat.NotebookNode:
    df = pd.DataFrame({"outlet": ["<b>x</b>"], "share": [0.5]})
    cells = [
        new_markdown_cell("# A title\n\nWhat it shows."),
        new_code_cell("x = 1"),
        new_markdown_cell("## Part one\n\n### Detail & more"),
        new_code_cell(
            "show_table(...)", outputs=[_table_output(df, "t", "Caption <i>"), _table_output(df, "T", "again")]
        ),
        new_code_cell("show(fig)", outputs=[_png_output('Chart "quoted" <script>')]),
    ]
    return new_notebook(cells=cells)


def test_export_html_alt_toc_and_no_scripts():
    page = export_html(_notebook(), footer_html="FOOT", home="../index.html", kind="kind")
    assert img_alts(page) == ['Chart "quoted" <script>']
    assert '<a href="#Part-one">Part one</a>' in page and '<a href="#Detail-&amp;-more">Detail &amp; more</a>' in page
    assert page.count("<script") == 1 and live_payloads(page) == [] and external_resources(page) == []
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "Caption &lt;i&gt;" in page
    assert '<footer class="framelens-footer">FOOT</footer>' in page and 'href="../index.html"' in page
    assert "x = 1" not in page


def test_notebook_tables_in_order_with_repeated_names():
    tables = notebook_tables(_notebook(), "02-x")
    assert [(t.report, t.name, t.caption) for t in tables] == [("02-x", "t", "Caption <i>"), ("02-x", "t~2", "again")]
    assert [t.stem for t in tables] == ["02-x__t", "02-x__t~2"]
    assert tables[0].frame.to_dict("list") == {"outlet": ["<b>x</b>"], "share": [0.5]}


def test_long_table_names_that_collide_still_get_distinct_files():
    df = pd.DataFrame({"n": [1]})
    long = "labels-" + "x" * 80
    nb = new_notebook(
        cells=[new_code_cell("", outputs=[_table_output(df, long, "a"), _table_output(df, long + "y", "b")])]
    )
    stems = [t.stem for t in notebook_tables(nb, "03-naming")]
    assert len(set(stems)) == 2 and stems[1].endswith("~2")


def test_show_table_displays_escaped_html_with_metadata(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(
        IPython.display, "display", lambda obj, raw=False, metadata=None: shown.append((obj, raw, metadata))
    )
    df = pd.DataFrame({"quote": ["<script>alert(1)</script>"], "n": [3]}, index=pd.Index(["russian"], name="bloc"))
    show_table(df, "quotes", "Quotes, N = 3")
    ((data, raw, meta),) = shown
    assert raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in data["text/html"] and "<script>" not in data["text/html"]
    assert meta[TABLE_METADATA] == {
        "name": "quotes",
        "caption": "Quotes, N = 3",
        "columns": ["bloc", "quote", "n"],
        "rows": [["russian", "<script>alert(1)</script>", 3]],
    }
    with pytest.raises(ValueError, match="needs a name"):
        show_table(df, " ")


def test_long_tables_show_their_first_rows_and_export_all(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(
        IPython.display, "display", lambda obj, raw=False, metadata=None: shown.append((obj, raw, metadata))
    )
    df = pd.DataFrame({"event_id": [f"ev-{i:04d}" for i in range(1200)], "n": range(1200)})
    show_table(df, "per_event", "Statements per event", max_rows=500)
    ((data, _, meta),) = shown
    assert (
        data["text/html"].count("<tr>") == 500 and "ev-0499" in data["text/html"] and "ev-0500" not in data["text/html"]
    )
    assert "700 more rows are in the exported table" in data["text/html"]
    assert (
        data["text/html"].index("ev-0014")
        < data["text/html"].index("Show the other 485 rows")
        < (data["text/html"].index("ev-0015"))
    )  # 15 rows inline, the other 485 folded
    assert len(meta[TABLE_METADATA]["rows"]) == 1200 and meta[TABLE_METADATA]["caption"] == "Statements per event"


def test_small_helpers():
    assert make_offline('<script src="https://cdn/x.js"></script><p>k</p><script>var a;</script>') == "<p>k</p>"
    assert add_toc("<main><!--framelens-toc--><p>no headings</p></main>") == "<main><p>no headings</p></main>"
    assert (
        notebook_summary(new_notebook(cells=[new_markdown_cell("# T\n\nReads `data/`, shows **this**.")]))
        == "Reads data/, shows this."
    )
    assert BRIEF_NOTEBOOK not in default_notebooks()


def test_events_to_brief_keeps_the_most_stated_in_the_given_order():
    """Sizes by hand: e1 has 1 statement, e2 and e3 have 3 each, e4 has 2; ties go to the smaller id."""
    event_ids = ["e1", "e2", "e2", "e2", "e3", "e3", "e3", "e4", "e4"]
    ds = dataclasses.replace(load_dataset(VALID), statements=pd.DataFrame({"event_id": event_ids}))
    chosen = [("e3", "Three"), ("e1", "One"), ("e4", "Four"), ("e2", "Two")]
    assert events_to_brief(ds, chosen, 2) == [("e3", "Three"), ("e2", "Two")]
    assert events_to_brief(ds, chosen, 1) == [("e2", "Two")]
    assert events_to_brief(ds, chosen, 3) == [("e3", "Three"), ("e4", "Four"), ("e2", "Two")]
    assert events_to_brief(ds, chosen, 4) == chosen and events_to_brief(ds, chosen, None) == chosen
    assert events_to_brief(ds, [("e9", "Unstated"), ("e1", "One")], 1) == [("e1", "One")]


def test_teaching_notebooks_run_on_someone_elses_data(tmp_path):
    """Notebooks 00 and 08 default to a Belgorod statement and event; on other data they pick their own."""
    from framelens.dataset.synth import write_synthetic

    data = write_synthetic(tmp_path / "data", rows=10_000, seed=20230522)  # every bloc present, as in real data
    out = tmp_path / "reports"
    code = main(
        [
            "report",
            "--data",
            str(data),
            "--out",
            str(out),
            "--quiet",
            "--event",
            "ev-00000",
            "--notebooks",
            str(ROOT / "notebooks" / "00-start-here.ipynb"),
            str(ROOT / "notebooks" / "08-exercises.ipynb"),
        ]
    )
    assert code == 0  # the exercise cells assert that each reference answer is accepted: every exercise was posed
    start, exercises = (
        (out / "00-start-here.html").read_text(encoding="utf-8"),
        (out / "08-exercises.html").read_text(encoding="utf-8"),
    )
    assert "belgorod-021 is not in this dataset; walking through" in start
    assert "belgorod-raid-2023 is not in this dataset; the exercises ask about ev-" in exercises


def test_toc_numbers_sections_without_gaps():
    """H3s nest inside their H2, so the H2s are items 1, 2, 3 of the top list (not 1, then 4)."""
    page = add_toc(
        '<main><!--framelens-toc--><h2 id="a">A</h2><h3 id="a1">A1</h3><h3 id="a2">A2</h3>'
        '<h2 id="b">B</h2><h2 id="c">C</h2></main>'
    )
    nav = page[page.index("<nav") : page.index("</nav>")]
    top = nav[nav.index("<ol>") + 4 : nav.rindex("</ol>")]
    depth, top_items = 0, []
    for tag in re.findall(r"</?ol>|<li[^>]*>", top):
        depth += {"<ol>": 1, "</ol>": -1}.get(tag, 0)
        if tag.startswith("<li") and depth == 0:
            top_items.append(tag)
    assert len(top_items) == 3
    assert '<ol><li class="level-3"><a href="#a1">A1</a></li><li class="level-3"><a href="#a2">A2</a></li></ol>' in nav
