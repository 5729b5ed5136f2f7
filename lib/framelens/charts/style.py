"""The fixed bloc colours, hatches and marker shapes: the same bloc looks the same in every chart.

Colours are the Okabe-Ito colour-blind-safe set, read from the codebook; hatches keep blocs
apart in grayscale print.

>>> bloc_colours()["russian"], bloc_markers()["russian"]
('#D55E00', 's')
"""

from __future__ import annotations

from framelens.dataset.codebook import Codebook, load_codebook

HATCHES = ["", "//", "..", "xx", "\\\\", "++", "--", "oo"]
MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]
FALLBACK = "#999999"


def bloc_colours(codebook: Codebook | None = None) -> dict[str, str]:
    """Bloc -> hex colour, in codebook order."""
    return (codebook or load_codebook()).bloc_colours()


def bloc_hatches(codebook: Codebook | None = None) -> dict[str, str]:
    """Bloc -> matplotlib hatch pattern, so blocs stay distinct without colour."""
    blocs = list(bloc_colours(codebook))
    return {b: HATCHES[i % len(HATCHES)] for i, b in enumerate(blocs)}


def bloc_markers(codebook: Codebook | None = None) -> dict[str, str]:
    """Bloc -> marker shape, in codebook order, so points stay distinct without colour."""
    return {b: MARKERS[i % len(MARKERS)] for i, b in enumerate(bloc_colours(codebook))}
