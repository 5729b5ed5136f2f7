"""The reports in a real browser: headless Chromium (Debian's /usr/bin/chromium driven by Playwright), network blocked.

One report build per session on the XSS fixture (its data-text notebook and a brief per event).
Every page must load with no console error, no page error, no dialog and no request leaving the
file system; every figure must be there with alt text; the index links must resolve; and the
fixture's script/img/svg/javascript: payloads must show as text without running.

Without Chromium these tests skip locally and FAIL when the environment variable CI is set.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from framelens.publish.html import TABLES_JS, export_html
from framelens.publish.report import build_reports
from helpers import ROOT

XSS = ROOT / "tests" / "fixtures" / "xss"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAYLOAD_TEXTS = [
    "<script>window.__xss=1;alert('xss-script')</script>",
    "<img src=x onerror=\"window.__xss=2;alert('xss-img')\">",
    '"><svg onload="window.__xss=3;alert(\'xss-svg\')">',
    "Outlet R <script>alert('xss-outlet')</script>",
]


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests need Chromium and Playwright in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the environment
        _unavailable(f"playwright is not installed ({exc})")
    if not Path(CHROMIUM).is_file():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def reports(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-reports")
    result = build_reports(XSS, out, [XSS / "notebooks" / "50-data-text.ipynb"])
    assert result.failed == {}
    return out


def _pages(out: Path) -> list[Path]:
    return sorted(out.glob("*.html")) + sorted((out / "briefs").glob("*.html"))


def visit(browser, page_path: Path) -> dict:
    """Open one page offline; return what the browser saw: console errors, page errors, dialogs, blocked requests,
    DOM facts."""
    context = browser.new_context(java_script_enabled=True, service_workers="block")
    seen = {"console": [], "errors": [], "dialogs": [], "requests": [], "blocked": []}

    def route(r):
        seen["requests"].append(r.request.url)
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            seen["blocked"].append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: seen["console"].append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on(
        "request", lambda req: None if req.url.startswith(("file://", "data:")) else seen["blocked"].append(req.url)
    )
    page.goto(page_path.as_uri(), wait_until="load")
    page.wait_for_timeout(200)  # let any (injected) onload/onerror handler fire before looking
    seen["dom"] = page.evaluate("""() => ({
        xss: window.__xss === undefined ? null : window.__xss,
        scripts: [...document.querySelectorAll('script')].map(s => s.textContent),
        svgs: document.querySelectorAll('svg').length,
        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
            .filter(a => a.name.startsWith('on')).map(a => e.tagName + '[' + a.name + ']')),
        jsLinks: [...document.querySelectorAll('[href],[src]')]
            .filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')).length,
        images: [...document.images].map(i => ({alt: i.getAttribute('alt'), loaded: i.complete && i.naturalWidth > 0})),
        links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
        ids: [...document.querySelectorAll('[id]')].map(e => e.id),
        text: document.body.innerText,
        title: document.title,
    })""")
    context.close()
    return seen


@pytest.fixture(scope="session")
def visits(browser, reports) -> dict[str, dict]:
    return {str(p.relative_to(reports)): visit(browser, p) for p in _pages(reports)}


def test_every_page_loads_cleanly_offline(visits):
    assert set(visits) == {"index.html", "50-data-text.html", "briefs/ev-alpha.html", "briefs/ev-beta.html"}
    for name, seen in visits.items():
        assert seen["console"] == [], name
        assert seen["errors"] == [], name
        assert seen["blocked"] == [], name
        assert all(u.startswith("file://") for u in seen["requests"]), name
        assert seen["dom"]["title"], name


def test_every_figure_is_present_with_alt_text(visits, reports):
    for name, seen in visits.items():
        if name == "index.html":
            continue
        executed = (
            reports / "executed" / (("brief-" + Path(name).stem) if name.startswith("briefs/") else Path(name).stem)
        )
        nb = nbformat.read(executed.with_suffix(".ipynb"), as_version=4)
        figures = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
        images = seen["dom"]["images"]
        assert figures > 0 and len(images) == figures, name
        assert all(i["loaded"] for i in images), name
        assert all(i["alt"] and len(i["alt"].strip()) > 10 for i in images), name


def test_index_links_resolve(visits, reports):
    dom = visits["index.html"]["dom"]
    assert {"50-data-text.html", "briefs/ev-alpha.html", "briefs/ev-beta.html", "tables/framelens-tables.xlsx"} <= set(
        dom["links"]
    )
    for href in dom["links"]:
        if href.startswith("#"):
            assert href[1:] in dom["ids"], href
        else:
            assert (reports / href).is_file(), href
    for name, seen in visits.items():  # in-page table-of-contents links
        for href in seen["dom"]["links"]:
            if href.startswith("#"):
                assert href[1:] in seen["dom"]["ids"], (name, href)


def test_xss_payloads_do_not_execute(visits):
    for name, seen in visits.items():
        dom = seen["dom"]
        assert seen["dialogs"] == [], name
        assert dom["xss"] is None, name
        assert dom["scripts"] == ([] if name == "index.html" else [TABLES_JS]) and dom["svgs"] == 0, name
        assert dom["handlers"] == [] and dom["jsLinks"] == 0, name
    # ... and they are shown as the text they are
    report_text = visits["50-data-text.html"]["dom"]["text"]
    for payload in PAYLOAD_TEXTS:
        assert payload in report_text
    assert "Alpha <script>alert('xss-title')</script>" in visits["briefs/ev-alpha.html"]["dom"]["text"]
    assert "Alpha <script>alert('xss-title')</script>" in visits["index.html"]["dom"]["text"]


def _heading_boxes(browser, page_path: Path, width: int, height: int) -> dict:
    """The page's height and the box of each H2 (by its text), in a window of ``width`` x ``height``."""
    context = browser.new_context(java_script_enabled=True, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(page_path.as_uri(), wait_until="load")
    found = page.evaluate("""() => ({height: document.documentElement.scrollHeight,
        h2: Object.fromEntries([...document.querySelectorAll('main h2')]
            .map(h => [h.innerText.replace('\\u00b6', '').trim(), h.getBoundingClientRect().toJSON()]))})""")
    context.close()
    return found


def test_brief_is_two_columns_on_a_wide_screen_and_one_on_a_narrow_one(browser, reports):
    """Briefs set framing beside naming, and the timeline chart beside the first statements, when there is room."""
    brief = sorted((reports / "briefs").glob("*.html"))[0]
    wide = _heading_boxes(browser, brief, 1920, 1080)["h2"]
    assert wide["Naming"]["x"] > wide["Framing"]["x"] + 500 and abs(wide["Naming"]["y"] - wide["Framing"]["y"]) < 5
    assert wide["Claims and figures"]["y"] > wide["Framing"]["y"]  # the claims span the page below them
    narrow = _heading_boxes(browser, brief, 800, 1000)["h2"]
    assert abs(narrow["Naming"]["x"] - narrow["Framing"]["x"]) < 5 and narrow["Naming"]["y"] > narrow["Framing"]["y"]


def test_slides_run_offline_with_a_slide_per_heading(browser, tmp_path):
    """The start-here deck: reveal.js starts with nothing from the network, a slide per H1/H2, a sub-slide per H3."""
    import re

    import nbformat

    from framelens.teaching.slides import SLIDE_ROWS, write_handout

    notebook = ROOT / "notebooks" / "00-start-here.ipynb"
    write_handout(notebook, tmp_path / "handout.html", slides=tmp_path / "slides.html")
    seen = visit(browser, tmp_path / "slides.html")
    assert seen["console"] == [] and seen["errors"] == [] and seen["blocked"] == []
    sources = [c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "markdown"]
    n_slides = sum(1 for s in sources if re.match(r"#{1,2} ", s))
    n_sub = sum(1 for s in sources if s.startswith("### "))
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto((tmp_path / "slides.html").as_uri(), wait_until="load")
    facts = page.evaluate(
        "() => ({ready: Reveal.isReady(), across: Reveal.getHorizontalSlides().length, total: Reveal.getTotalSlides()})"
    )
    title_height = page.evaluate(
        "() => document.querySelector('.reveal .slides section h1').getBoundingClientRect().height"
    )
    assert title_height > 40  # projected large, not shrunk to a stamp (as when the page had no height)
    rows = page.evaluate("() => [...document.querySelectorAll('.reveal table tbody')].map(b => b.rows.length)")
    assert rows and max(rows) <= SLIDE_ROWS  # long tables show their top rows and point to the handout
    page.keyboard.press("ArrowRight")
    moved = page.evaluate("() => Reveal.getIndices().h")
    context.close()
    assert facts == {"ready": True, "across": n_slides, "total": n_slides + n_sub} and moved == 1


def slide_fit(browser, deck: Path) -> list[dict]:
    """Each slide of a deck shown in a 1280 x 720 window: its text and how far its content runs past its box."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(deck.as_uri(), wait_until="load")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    found = page.evaluate("""() => Reveal.getSlides().map(slide => {
        const at = Reveal.getIndices(slide);
        Reveal.slide(at.h, at.v || 0);
        const s = Reveal.getCurrentSlide();
        return {at: [at.h, at.v || 0], text: s.innerText, tall: s.scrollHeight - s.clientHeight,
                wide: s.scrollWidth - s.clientWidth, page: document.documentElement.scrollWidth - innerWidth,
                font: parseFloat(getComputedStyle(s).fontSize)};
    })""")
    context.close()
    return found


def test_slides_fit_1280_by_720_and_open_on_a_title(browser, tmp_path):
    """No slide of the start-here deck, on the shipped data and on a second dataset, runs past 1280 x 720 (so none
    scrolls); the first is a title naming the dataset and the day, with no local path and no setup printout."""
    import datetime

    from framelens.teaching.slides import write_handout

    notebook = ROOT / "notebooks" / "00-start-here.ipynb"
    decks = {"data": tmp_path / "shipped.html", "valid": tmp_path / "valid.html"}
    write_handout(notebook, tmp_path / "h1.html", slides=decks["data"])
    write_handout(notebook, tmp_path / "h2.html", data=ROOT / "tests" / "fixtures" / "valid", slides=decks["valid"])
    today = datetime.date.today()
    for name, deck in decks.items():
        slides = slide_fit(browser, deck)
        assert len(slides) > 3, name
        for slide in slides:
            assert slide["tall"] <= 1 and slide["wide"] <= 1 and slide["page"] <= 0, (name, slide)
            assert slide["font"] >= 12, (name, slide["at"])
        title = slides[0]["text"]
        assert f"Dataset: {name}" in title and f"built {today.day} {today:%B %Y}" in title, title
        assert "/" not in title and "rows" not in title and str(ROOT) not in title, title


@pytest.fixture(scope="session")
def second_reports(tmp_path_factory) -> Path:
    """A second dataset (the valid fixture): its event briefs only, so the session stays fast."""
    out = tmp_path_factory.mktemp("browser-reports-valid")
    result = build_reports(ROOT / "tests" / "fixtures" / "valid", out, [])
    assert result.failed == {}
    return out


def _layout(browser, page_path: Path, width: int) -> dict:
    """Sideways overflow, visible text and each chart's pixel density, in a window ``width`` px wide."""
    context = browser.new_context(java_script_enabled=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(page_path.as_uri(), wait_until="load")
    facts = page.evaluate("""() => ({
        scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
        text: document.body.innerText,
        images: [...document.images].map(i => ({natural: i.naturalWidth, shown: i.getBoundingClientRect().width})),
    })""")
    context.close()
    return facts


@pytest.mark.parametrize("width", [390, 1440])
def test_pages_fit_the_screen_with_sharp_charts(browser, reports, second_reports, width):
    """Phone and wide screen: no sideways page scroll, no absolute path shown, charts drawn with >= 1.5x pixels."""
    pages = [p for out in (reports, second_reports) for p in _pages(out)]
    assert len(pages) >= 6
    for path in pages:
        facts = _layout(browser, path, width)
        assert facts["scroll"] <= facts["inner"], (path.name, width, facts["scroll"])
        for folder in (str(ROOT), str(path.parents[1]), "/tmp/", "/home/", "/work/"):
            assert folder not in facts["text"], (path.name, folder)
        for image in facts["images"]:
            assert image["shown"] > 0 and image["natural"] >= 1.5 * image["shown"], (path.name, width, image)


def _html_output(html: str):
    from nbformat.v4 import new_output

    return new_output("display_data", data={"text/html": html, "text/plain": ""})


def _table_page(tmp_path: Path) -> Path:
    """A page with one 12-row table (numbers with separators and percentages, hostile text) and one 3-row table."""
    import pandas as pd
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    from framelens.publish.notebook import table_html

    long = pd.DataFrame(
        {
            "outlet": [f"Outlet {c}" for c in "LKJIHGFEDCBA"],
            "statements": [5, 1200, 30, 7, 0, 64, 2, 999, 15, 3, 41, 8],
            "share": ["5%", "12%", "30%", "7%", "0%", "64%", "2%", "99%", "15%", "3%", "41%", "8%"],
        }
    )
    long.loc[3, "outlet"] = '<img src=x onerror="window.__xss=9">'
    short = pd.DataFrame({"outlet": ["a", "b", "c"], "n": [3, 1, 2]})
    cells = [new_markdown_cell("# Tables\n\nTwo tables.")] + [
        new_code_cell("t", outputs=[_html_output(table_html(df, cap))])
        for df, cap in ((long, "Long table"), (short, "Short table"))
    ]
    path = tmp_path / "tables.html"
    path.write_text(export_html(new_notebook(cells=cells)), encoding="utf-8")
    return path


def test_long_tables_sort_and_filter_and_read_without_scripts(browser, tmp_path):
    """Click a header: rows sort (numbers as numbers, then reversed); type in the box: rows filter. Scripts off: the
    same table, every row, no controls. Hostile cell text stays text either way."""
    path = _table_page(tmp_path)
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri(), wait_until="load")
    column = (
        "() => [...document.querySelectorAll('table.framelens-table')[0].tBodies[0].rows]"
        ".filter(r => !r.hidden).map(r => r.cells[%d].textContent)"
    )
    assert page.locator("input.framelens-filter").count() == 1  # the 3-row table gets no controls
    page.locator("button.framelens-sort", has_text="statements").click()
    assert page.evaluate(column % 1) == [str(v) for v in sorted([5, 1200, 30, 7, 0, 64, 2, 999, 15, 3, 41, 8])]
    page.locator("button.framelens-sort", has_text="statements").click()
    assert page.evaluate(column % 1)[:3] == ["1200", "999", "64"]
    page.locator("button.framelens-sort", has_text="share").click()
    assert page.evaluate(column % 2)[:3] == ["0%", "2%", "3%"]
    page.locator("button.framelens-sort", has_text="outlet").click()
    assert page.evaluate(column % 0)[:2] == ['<img src=x onerror="window.__xss=9">', "Outlet A"]
    page.locator("input.framelens-filter").fill("outlet b")
    assert page.evaluate(column % 0) == ["Outlet B"]
    assert page.locator(".framelens-filter-count").inner_text() == "1 of 12 rows"
    page.locator("input.framelens-filter").fill("")
    assert len(page.evaluate(column % 0)) == 12
    assert page.evaluate("() => window.__xss === undefined") and errors == []
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.as_uri(), wait_until="load")
    assert page.locator("input.framelens-filter").count() == 0 and page.locator("button").count() == 0
    assert page.locator("table.framelens-table").first.locator("tbody tr").count() == 12
    assert page.locator("table.framelens-table").first.locator("tbody tr").first.inner_text().startswith("Outlet L")
    context.close()


A4_CSS_PX = (round((210 - 24) / 25.4 * 96), round((297 - 28) / 25.4 * 96))  # the page box inside @page's margins


def test_pages_print_to_a4_without_cut_charts(browser, reports, second_reports, tmp_path):
    """Print media at A4's printable width: navigation hidden, every chart no wider or taller than a page and kept
    whole (break-inside: avoid); Chromium's print to PDF (Page.printToPDF, and the command line's --print-to-pdf)
    gives pages."""
    import re
    import subprocess

    width, height = A4_CSS_PX
    pages = [p for out in (reports, second_reports) for p in _pages(out)]
    for path in pages:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(path.as_uri(), wait_until="load")
        page.emulate_media(media="print")
        facts = page.evaluate("""() => ({
            nav: [...document.querySelectorAll('.framelens-bar, nav.framelens-toc, .framelens-table-tools')]
                .map(e => getComputedStyle(e).display),
            images: [...document.images].map(i => ({w: i.getBoundingClientRect().width,
                h: i.getBoundingClientRect().height, brk: getComputedStyle(i).breakInside}))})""")
        assert set(facts["nav"]) <= {"none"}, path.name
        for image in facts["images"]:
            assert 0 < image["w"] <= width + 1 and 0 < image["h"] <= height and image["brk"] == "avoid", (path, image)
        pdf = page.pdf(format="A4", print_background=True)
        context.close()
        assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) > 0, path.name
    out = tmp_path / "page.pdf"
    page_with_charts = next(p for p in pages if p.name != "index.html")
    subprocess.run(
        [CHROMIUM, *LAUNCH_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={out}", page_with_charts.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert len(re.findall(rb"/Type\s*/Page\b", out.read_bytes())) > 0


SITES = {"shipped": ROOT / "data", "second": ROOT / "tests" / "fixtures" / "valid"}


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> dict[str, Path]:
    """Every notebook's page, a brief per event and the index, on the shipped data and on a second dataset."""
    from framelens.publish.report import default_notebooks

    built = {}
    for name, data in SITES.items():
        out = tmp_path_factory.mktemp(f"site-{name}")
        result = build_reports(data, out, default_notebooks())
        assert result.failed == {}, name
        built[name] = out
    return built


def _reader_view(browser, page_path: Path, width: int) -> dict:
    """What a reader sees in a window ``width`` px wide: sideways overflow, text, each chart's pixels and the size
    of its smallest text as shown, the prose outside tables and the exports list, the opening findings."""
    context = browser.new_context(java_script_enabled=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(page_path.as_uri(), wait_until="load")
    facts = page.evaluate("""() => {
        const prose = document.body.cloneNode(true);
        prose.querySelectorAll('script, style, table, footer, a[href^="tables/"], a[href^="../tables/"], '
            + '.framelens-table-tools')
            .forEach(e => e.remove());
        const heading = [...document.querySelectorAll('main h2')]
            .find(h => h.innerText.replace('\u00b6', '').trim() === 'What the data shows');
        let findings = '';
        if (heading) {  // the text after the heading, up to the next H2
            const cell = heading.closest('.jp-Cell') || heading.parentElement;
            for (let e = heading.nextElementSibling; e; e = e.nextElementSibling) findings += ' ' + e.innerText;
            for (let c = cell.nextElementSibling; c && !c.querySelector('h2'); c = c.nextElementSibling)
                findings += ' ' + c.innerText;
        }
        return {
            scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
            text: document.body.innerText, prose: prose.innerText, findings: heading ? findings : null,
            images: [...document.images].map(i => ({natural: i.naturalWidth, shown: i.getBoundingClientRect().width,
                width: Number(i.getAttribute('width')) || i.naturalWidth, font: Number(i.dataset.fontPx || 0),
                panel: !!i.closest('.framelens-panel'), alt: i.alt}))};
    }""")
    context.close()
    return facts


def _site_pages(sites) -> list[tuple[str, Path]]:
    return [(name, p) for name, out in sites.items() for p in _pages(out)]


@pytest.mark.parametrize("width", [390, 1440])
def test_every_page_fits_with_legible_sharp_charts(browser, sites, width):
    """Index, every notebook page and every brief, on two datasets: no sideways scroll, no absolute path, charts drawn
    with >= 1.5x pixels, chart text >= 11 CSS px as shown at 1440 px (from the chart's smallest font, its dpi and its
    displayed width), and per-event panels still >= 11 px on a 390 px phone."""
    pages = _site_pages(sites)
    assert len(pages) >= 2 * 3 and {p.name for _, p in pages} >= {"index.html", "02-framing-by-bloc.html"}
    for name, path in pages:
        facts = _reader_view(browser, path, width)
        where = (name, path.name, width)
        assert facts["scroll"] <= facts["inner"], (where, facts["scroll"])
        for folder in (str(ROOT), str(path.parents[1]), "/tmp/", "/home/", "/work/"):
            assert folder not in facts["text"], (where, folder)
        for image in facts["images"]:
            assert image["shown"] > 0 and image["natural"] >= 1.5 * image["shown"], (where, image["alt"])
            assert image["font"] > 0, (where, image["alt"])  # every chart says how small its text is
            shown_font = image["font"] * image["shown"] / image["width"]
            if width == 1440 or image["panel"]:
                assert shown_font >= 11, (where, image["alt"], round(shown_font, 1))


SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")


WORKSHEETS = {"08-exercises.html"}  # students answer in code there: the page names the functions they call


def test_pages_open_with_findings_in_plain_words(browser, sites):
    """Each notebook page and brief opens with "What the data shows" in at least 3 sentences, and no prose outside
    tables and the exports list shows a code or a code name (russian_independent, ci_low, TOP_SOURCES ...). The
    exercises worksheet is the one exception: it gives no findings (they are the students' answers) and names the
    functions students call."""
    pages = _site_pages(sites)
    assert {p.name for _, p in pages} >= WORKSHEETS | {"00-start-here.html", "index.html"}
    for name, path in pages:
        if path.name in WORKSHEETS:
            continue
        facts = _reader_view(browser, path, 1440)
        where = (name, path.name)
        if path.name != "index.html":
            assert facts["findings"] is not None, where
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", facts["findings"].strip()) if len(s.split()) >= 3]
            assert len(sentences) >= 3, (where, facts["findings"][:300])
        assert SNAKE_CASE.findall(facts["prose"]) == [], where
