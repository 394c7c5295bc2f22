"""One palette for positions on every page: diverging by score, grey for no record.

ColorBrewer RdBu (colour-blind safe): blue = yes/for, red = no/against, near-white
for undecided. Colour is never the only signal: every cell and legend also shows
the position's label.
"""
from __future__ import annotations

SCORE_COLOURS = {2: "#2166ac", 1: "#67a9cf", 0: "#f7f7f7", -1: "#ef8a62", -2: "#b2182b"}
NO_RECORD = "#bdbdbd"
NO_RECORD_LABEL = "No record in the sources"
KIND_COLOURS = {"meeting": "#1b9e77", "call": "#7570b3", "statement": "#d95f02", "report": "#e7298a",
                "context": "#999999"}
CONFIDENCE_NOTE = {"confirmed": "", "reported": "", "rumoured": "rumoured", "uncertain": "uncertain"}


def colour(score) -> str:
    """Hex colour for a score (-2..2); grey when there is no record (None/NaN)."""
    try:
        return SCORE_COLOURS[int(score)]
    except (TypeError, ValueError, KeyError):
        return NO_RECORD


def rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    """[r, g, b, a] (a 0-255), as the map's tables carry colours."""
    h = hex_colour.lstrip("#")
    return [int(h[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


def text_colour(score) -> str:
    """Black or white, whichever reads on the score's colour."""
    try:
        return "#ffffff" if abs(int(score)) == 2 else "#111111"
    except (TypeError, ValueError):
        return "#111111"
