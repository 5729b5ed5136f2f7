"""What every notebook calls first, and how it shows a chart.

>>> setup_notebook()   # doctest: +SKIP
>>> show(fig)          # doctest: +SKIP  (displays a PNG with the chart's title as alt text)
"""

from __future__ import annotations

import io

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.family": "DejaVu Sans",  # has Cyrillic glyphs
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "framelens",
}


def setup_notebook() -> None:
    """Fixed plotting style and table display, so re-runs give the same output."""
    matplotlib.rcParams.update(STYLE)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 40)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 80)


def figure_alt(fig: matplotlib.figure.Figure) -> str:
    """Alt text for a chart: its suptitle, else its axes' titles."""
    if fig._suptitle is not None and fig._suptitle.get_text():
        return fig._suptitle.get_text()
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    return "; ".join(titles) or "Chart"


def show(fig: matplotlib.figure.Figure, alt: str | None = None):
    """Display a figure as a PNG carrying alt text, and close it (no duplicate inline output)."""
    from IPython.display import Image, display

    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    display(Image(data=buf.getvalue(), format="png", metadata={"alt": alt or figure_alt(fig)}))
