"""Bloc colours, hatches and markers (the same bloc looks the same in every chart) and shared chart helpers.

Colours are the Okabe-Ito colour-blind-safe set, read from the codebook; hatches keep blocs
apart in grayscale print.

>>> bloc_colours()["russian"], bloc_markers()["russian"]
('#D55E00', 's')
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from framelens.dataset.codebook import Codebook, load_codebook

HATCHES = ["", "//", "..", "xx", "\\\\", "++", "--", "oo"]
MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]
FALLBACK = "#999999"


# For blocs a dataset's codebook adds without a colour, in the order they come: Paul Tol's colour-blind-safe
# "muted" scheme, less the shades too close to the shipped Okabe-Ito blocs (cycled when blocs outnumber it; the
# hatches and markers still tell them apart).
EXTENSION_COLOURS = ["#332288", "#88CCEE", "#117733", "#DDCC77", "#882255", "#44AA99", "#999933", "#AA4499"]


def bloc_colours(codebook: Codebook | None = None) -> dict[str, str]:
    """Bloc -> hex colour, in codebook order: the codebook's colour, else the next of ``EXTENSION_COLOURS``.

    >>> from dataclasses import replace
    >>> from framelens.dataset.codebook import Vocabulary
    >>> cb = load_codebook()
    >>> blocs = Vocabulary("bloc", False, {**cb.vocabularies["bloc"].values, "belarusian": {"definition": "x"}})
    >>> bloc_colours(replace(cb, vocabularies={**cb.vocabularies, "bloc": blocs}))["belarusian"]
    '#332288'
    """
    values = (codebook or load_codebook()).vocabularies["bloc"].values
    spare = iter(EXTENSION_COLOURS * (1 + len(values) // len(EXTENSION_COLOURS)))
    return {code: v.get("colour") or next(spare) for code, v in values.items()}


def bloc_hatches(codebook: Codebook | None = None) -> dict[str, str]:
    """Bloc -> matplotlib hatch pattern, so blocs stay distinct without colour."""
    blocs = list(bloc_colours(codebook))
    return {b: HATCHES[i % len(HATCHES)] for i, b in enumerate(blocs)}


def bloc_markers(codebook: Codebook | None = None) -> dict[str, str]:
    """Bloc -> marker shape, in codebook order, so points stay distinct without colour."""
    return {b: MARKERS[i % len(MARKERS)] for i, b in enumerate(bloc_colours(codebook))}


def bloc_style(bloc: str | None) -> tuple[str, str]:
    """(colour, marker) of a bloc; unknown blocs get the fallback grey and a circle.

    >>> bloc_style("russian"), bloc_style(None)
    (('#D55E00', 's'), ('#999999', 'o'))
    """
    return bloc_colours().get(bloc, FALLBACK), bloc_markers().get(bloc, "o")


def bloc_legend(ax: Axes, blocs: list[str], **kwargs) -> None:
    """A legend of bloc markers (colour and shape) on ``ax``; ``kwargs`` go to ``ax.legend``."""
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker=bloc_style(b)[1],
            markerfacecolor=bloc_style(b)[0],
            markeredgecolor="black",
            markersize=8,
            label=b,
        )
        for b in blocs
    ]
    ax.legend(handles=handles, title="bloc", frameon=False, **kwargs)


def bloc_words(bloc_column: str) -> str:
    """Axis and title words for a bloc column.

    >>> bloc_words("speaker_bloc")
    'bloc of speaker'
    """
    return {"speaker_bloc": "bloc of speaker", "outlet_bloc": "bloc of outlet"}[bloc_column]


def empty_figure(title: str) -> Figure:
    """A small titled figure saying there is nothing to show."""
    fig, ax = plt.subplots(figsize=(6, 1.5))
    ax.axis("off")
    ax.set_title(title)
    ax.text(0.5, 0.4, "nothing to show", ha="center", va="center", transform=ax.transAxes)
    return fig


def wrap(text, width: int = 70) -> str:
    """``text`` wrapped to lines of ``width`` characters; anything not a string becomes ''.

    >>> wrap("a b c", 3), wrap(None)
    ('a b\\nc', '')
    """
    return "\n".join(textwrap.wrap(str(text), width)) if isinstance(text, str) else ""


def format_number(value: float) -> str:
    """A figure with thousands separators, no '.0' on whole numbers.

    >>> format_number(1200.0), format_number(2.25)
    ('1,200', '2.2')
    """
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
