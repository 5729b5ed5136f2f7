"""The brief's source links: what kind of page each statement was read on, and the outlet's own page beside it."""

from __future__ import annotations

import csv
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from framelens import load_dataset
from framelens.publish.brief import source_links_html
from helpers import ROOT

PAGE_KIND = yaml.safe_load((ROOT / "data" / "codebook.yml").read_text(encoding="utf-8"))["vocabularies"]["page_kind"]


class _Lines(HTMLParser):
    """Each <li> of a page as its text, its links (href, text) and the titles of its spans."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict] = []
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li":
            self.items.append({"text": "", "links": [], "titles": []})
        elif tag == "a":
            self._href = attrs["href"]
            self.items[-1]["links"].append([self._href, ""])
        elif tag == "span":
            self.items[-1]["titles"].append(attrs.get("title"))

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None

    def handle_data(self, data):
        if self.items:
            self.items[-1]["text"] += data
            if self._href is not None:
                self.items[-1]["links"][-1][1] += data


def _lines(page: str) -> list[dict]:
    parser = _Lines()
    parser.feed(page)
    return parser.items


def _add_columns(path: Path, values: dict[str, dict[str, str]]) -> None:
    """Add page_kind and original_url to statements.csv, set for the ids in ``values``."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    names = list(rows[0]) + ["original_url", "page_kind"]
    for row in rows:
        row.update({"original_url": "", "page_kind": "", **values.get(row["statement_id"], {})})
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def ds(valid_copy: Path):
    _add_columns(
        valid_copy / "statements.csv",
        {
            "s2": {"page_kind": "mirror", "original_url": "https://example.org/r/original-s2"},
            "s3": {"page_kind": "syndication_partner"},
            "s4": {"page_kind": "own"},
        },
    )
    return load_dataset(valid_copy)


def test_a_mirror_says_so_and_links_the_original(ds):
    first, *_ = _lines(source_links_html(ds, ["s2"]))
    assert first["text"] == "Outlet R, 22 May 2023: page read (mirror) · original"
    assert first["links"] == [
        ["https://example.org/s2", "page read"],
        ["https://example.org/r/original-s2", "original"],
    ]
    assert first["titles"] == [PAGE_KIND["values"]["mirror"]["definition"]]


def test_each_kind_in_the_order_asked_and_own_pages_carry_no_mark(ds):
    page = source_links_html(ds, ["s4", "s3", "s1"], caption="Sources <of> the statements")
    assert page.startswith('<p class="framelens-caption">Sources &lt;of&gt; the statements</p><ol')
    lines = _lines(page)
    assert [line["text"] for line in lines] == [
        "Outlet U, 22 May 2023: page read",
        "Outlet R, 23 May 2023: page read (syndication partner)",  # s3 was published 2023-05-23T09:00Z
        "Governor (Telegram), 22 May 2023: page read",
    ]
    assert lines[1]["titles"] == [PAGE_KIND["values"]["syndication_partner"]["definition"]]
    assert [line["titles"] for line in (lines[0], lines[2])] == [[], []]


def test_a_dataset_without_the_provenance_columns_still_lists_its_links(valid_copy):
    lines = _lines(source_links_html(load_dataset(valid_copy), ["s5"]))
    assert lines == [
        {"text": "Outlet W, 22 May 2023: page read", "links": [["https://example.org/s5", "page read"]], "titles": []}
    ]


def test_hostile_text_is_escaped_and_only_web_links_are_linked(ds):
    ds.statements["outlet"] = ds.statements["outlet"].astype(object)
    ds.statements.loc[ds.statements["statement_id"] == "s2", ["outlet", "url"]] = [
        '<script>alert("x")</script>',
        "javascript:alert(1)",
    ]
    page = source_links_html(ds, ["s2"])
    assert "<script>" not in page and "javascript:" not in page
    first, *_ = _lines(page)
    assert first["text"] == '<script>alert("x")</script>, 22 May 2023: no link (mirror) · original'
    assert first["links"] == [["https://example.org/r/original-s2", "original"]]


def test_an_unknown_id_is_refused_by_name(ds):
    with pytest.raises(ValueError, match="'nope'"):
        source_links_html(ds, ["s1", "nope"])
