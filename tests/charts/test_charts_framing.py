"""Framing charts return Figures with N in the title, never show, and render Cyrillic without missing glyphs."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import framelens  # noqa: E402
from framelens import charts  # noqa: E402
from framelens.charts.style import bloc_colours  # noqa: E402
from framelens.divergence import js_distance_matrix  # noqa: E402
from framelens.framing import frame_counts, frame_shares  # noqa: E402
from framelens.naming import valence_shares  # noqa: E402
from helpers import VALID  # noqa: E402


@pytest.fixture(scope="module")
def st() -> pd.DataFrame:
    return framelens.load_dataset(VALID).statements


@pytest.fixture(autouse=True)
def no_show(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("charts must not call plt.show"))
    yield
    plt.close("all")


def render(fig: Figure) -> None:
    """Draw to PNG with every warning (missing glyphs included) raised."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png")


def texts(fig: Figure) -> str:
    return " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def test_frame_share_heatmap(st):
    fig = charts.frame_share_heatmap(frame_shares(st))
    assert isinstance(fig, Figure)
    assert "N = 9 statements" in fig.axes[0].get_title()
    assert "russian\nN=4 (few)" in [t.get_text() for t in fig.axes[0].get_xticklabels()]  # 4 < MIN_N: flagged
    assert "50%\n(2)" in texts(fig)  # russian terrorism_sabotage: 2 of 4
    colours = {matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in fig.axes[0].patches}
    assert set(bloc_colours().values()) <= colours
    render(fig)


def test_panels_one_figure_per_event_with_absent_blocs(st):
    panels = charts.frame_share_panels(frame_shares(st, by_event=True), titles={"ev-alpha": "Альфа"})
    assert len(panels) == 2 and panels[0].axes[0].get_title().startswith("Альфа")
    n = st["event_id"].value_counts()
    for fig, ev in zip(panels, ["ev-alpha", "ev-beta"]):
        assert f"(N = {n[ev]} statements)" in fig.axes[0].get_title()
    assert sum(n) == 9
    assert "no statements" in texts(panels[1])  # western is absent from ev-beta
    blocs = [[t.get_text().split("\n")[0] for t in fig.axes[0].get_xticklabels()] for fig in panels]
    assert blocs[0] == blocs[1]  # the same columns in every panel
    for fig in panels:
        render(fig)


def test_panels_read_on_a_phone(st):
    """Each panel, narrowed to a 390 px phone's 366 px column, keeps its smallest text at 11 CSS px or more."""
    from framelens.publish.notebook import smallest_text_px

    for fig in charts.frame_share_panels(frame_shares(framelens.load_dataset("data").statements, by_event=True)):
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=fig.dpi, bbox_inches="tight")
        width = int.from_bytes(buf.getvalue()[16:20], "big")  # PNG header: the 1x width in CSS px
        assert smallest_text_px(fig) * min(1.0, 366 / width) >= 11, (width, smallest_text_px(fig))


def test_divergence_heatmap(st):
    counts = frame_counts(st)
    fig = charts.divergence_heatmap(js_distance_matrix(counts), counts.sum(axis=1))
    assert "Jensen-Shannon" in fig.axes[0].get_title() and "N = 9" in fig.axes[0].get_title()
    assert "0.81" in texts(fig)
    render(fig)


def test_valence_bars_diverge_around_zero(st):
    fig = charts.valence_bars(valence_shares(st))
    ax = fig.axes[0]
    bars = [
        p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle) and p.get_height() == pytest.approx(0.7)
    ]
    deleg = [b for b in bars if b.get_x() + b.get_width() <= 0 + 1e-9]
    legit = [b for b in bars if b.get_x() >= 0]
    assert deleg and legit
    assert "N = 5 statements with an actor label" in ax.get_title()
    assert "no labelled statements" in texts(fig)
    render(fig)


def test_cyrillic_title_renders(st):
    fig = charts.frame_share_heatmap(frame_shares(st), title="Фрейми за блоками (N = 9)")
    render(fig)


def test_small_n_columns_are_faded_and_noted():
    """Columns on fewer than min_n statements get a veil (gid small-n), "(few)" and a note; the others do not."""
    from framelens.charts.framing import small_n_note

    shares = frame_shares(framelens.load_dataset(VALID).statements)
    n = shares.drop_duplicates("bloc").set_index("bloc")["n"]
    present = n[n > 0]
    cut = int(present.max())  # blocs below the largest are 'few', the largest is not
    expected = int((present < cut).sum())
    assert 0 < expected < len(present)
    fig = charts.frame_share_heatmap(shares, min_n=cut)
    ax = fig.axes[0]
    veils = [p for p in ax.patches if p.get_gid() == "small-n"]
    assert len(veils) == expected
    assert sum("(few)" in t.get_text() for t in ax.get_xticklabels()) == expected
    assert ax.get_xlabel().replace("\n", " ") == small_n_note(cut)
    plain = charts.frame_share_heatmap(shares, min_n=1)
    assert not [p for p in plain.axes[0].patches if p.get_gid() == "small-n"] and plain.axes[0].get_xlabel() == ""
    panels = charts.frame_share_panels(frame_shares(framelens.load_dataset(VALID).statements, by_event=True))
    assert any(fig.axes[0].get_xlabel().replace("\n", " ") == small_n_note(10) for fig in panels)
