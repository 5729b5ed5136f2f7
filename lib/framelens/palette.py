"""The fixed bloc colours and hatches: the same bloc looks the same in every chart.

Colours are the Okabe-Ito colour-blind-safe set, read from the codebook; hatches keep blocs
apart in grayscale print.

>>> bloc_colour("russian")
'#D55E00'
"""

from __future__ import annotations

from framelens.codebook import Codebook, load_codebook

HATCHES = ["", "//", "..", "xx", "\\\\", "++", "--", "oo"]
FALLBACK = "#999999"


def bloc_colours(codebook: Codebook | None = None) -> dict[str, str]:
    """Bloc -> hex colour, in codebook order."""
    return (codebook or load_codebook()).bloc_colours()


def bloc_colour(bloc: str, codebook: Codebook | None = None) -> str:
    """The colour of one bloc (grey for a bloc the codebook does not colour)."""
    return bloc_colours(codebook).get(bloc, FALLBACK)


def bloc_hatches(codebook: Codebook | None = None) -> dict[str, str]:
    """Bloc -> matplotlib hatch pattern, so blocs stay distinct without colour."""
    blocs = list(bloc_colours(codebook))
    return {b: HATCHES[i % len(HATCHES)] for i, b in enumerate(blocs)}
