"""Safe file names from data values (publish.paths): any value, any platform, unique when case is ignored."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from framelens.publish.paths import inside, safe_stem, unique_stems

FORBIDDEN = set('<>:"/\\|?*') | {chr(c) for c in range(32)} | {"\x7f"}


@given(st.text(min_size=0, max_size=400))
def test_any_value_gives_a_bounded_stem_safe_everywhere(value):
    stem = safe_stem(value)
    assert stem and len(stem.encode("utf-8")) <= 100
    assert not FORBIDDEN & set(stem)
    assert stem not in (".", "..") and not stem.endswith((" ", "."))
    assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=300), max_size=20))
def test_stems_are_unique_when_case_is_ignored_and_deterministic(values):
    stems = unique_stems(values)
    assert len({s.casefold() for s in stems.values()}) == len(set(values))
    assert stems == unique_stems(list(reversed(values)))


def test_examples():
    assert safe_stem("belgorod-raid-2023") == "belgorod-raid-2023"  # a valid id is kept as it is
    assert safe_stem("/etc/passwd").startswith("etc-passwd-")
    assert safe_stem("nul.txt").startswith("nul.txt_")
    assert len(safe_stem("ж" * 300).encode()) <= 100
    pair = unique_stems(["ev-alpha", "EV-ALPHA"])
    assert pair["ev-alpha"].casefold() != pair["EV-ALPHA"].casefold()


def test_inside_follows_links(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out" / "link").symlink_to(tmp_path / "elsewhere")
    assert inside(tmp_path / "out" / "a.html", tmp_path / "out")
    assert not inside(tmp_path / "out" / "link" / "a.html", tmp_path / "out")
