"""The words a saved chart carries: its title, the "as of" line and the source line, and how they wrap.

A chart saved as an image (plotly's camera button, the map's SVG) leaves the page behind, so it must
say by itself what it shows, as of when, and where it comes from. These helpers are shared by the
plotly adapter (``coalition.render.plotly.with_caption``) and the map image
(``coalition.render.map_image``); they return plain text: each renderer escapes it for its own markup.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from coalition.registry import APP_NAME
from coalition.views.cite import UNKNOWN_OUTLET
from coalition.views.map import text_width


def _day(d) -> str:
    return f"{pd.Timestamp(d):%-d %B %Y}"


def as_of_text(as_of=None, latest=None) -> str:
    """The date line: "As of 17 March 2025" for a chosen day; without one, the records shown are the
    latest: "As of 20 March 2025 (the latest records)", ``latest`` being the newest record's date. A
    string is taken as already written."""
    if isinstance(as_of, str) and as_of:
        return as_of
    if as_of is not None and not pd.isna(as_of):
        return f"As of {_day(as_of)}"
    if latest is not None and not pd.isna(latest):
        return f"As of {_day(latest)} (the latest records)"
    return "Latest records"


def outlets(sources: pd.DataFrame | Iterable[str]) -> list[str]:
    """The outlets of ``sources`` (a frame with an ``outlet`` column, or names), each once, named outlets
    first in order of appearance, then "outlet unknown" when some source has none."""
    names = sources["outlet"] if isinstance(sources, pd.DataFrame) else sources
    named, unknown = [], False
    for n in names:
        n = "" if n is None or (isinstance(n, float) and pd.isna(n)) else " ".join(str(n).split())
        if not n or n.lower() == "unknown":
            unknown = True
        elif n not in named:
            named.append(n)
    return named + ([UNKNOWN_OUTLET] if unknown else [])


def source_line(outlet_names: Iterable[str], link: str = "") -> str:
    """ "Coalition Tracker · sources: The European Conservative, outlet unknown · <link>" (the link left
    out when empty)."""
    names = [str(n) for n in outlet_names]
    parts = [APP_NAME, "sources: " + (", ".join(names) if names else "none")]
    if link:
        parts.append(str(link))
    return " · ".join(parts)


def latest_date(frames) -> dt.date | None:
    """The date of the newest stance or (non-context) event record, for the "Latest records" line."""
    days = []
    for frame in (frames.stances, frames.events[~frames.events["context"].astype(bool)]):
        if len(frame) and frame["date"].notna().any():
            days.append(pd.Timestamp(frame["date"].max()).date())
    return max(days) if days else None


# wrapping ---------------------------------------------------------------------------------------
BREAK_AFTER = "/?&=,;"  # a long word (a link) may break after these


def _pieces(word: str) -> list[str]:
    """A word cut after each of ``BREAK_AFTER``: where a link may break."""
    out, cur = [], ""
    for ch in word:
        cur += ch
        if ch in BREAK_AFTER:
            out.append(cur)
            cur = ""
    return out + ([cur] if cur else [])


SEPARATOR = " · "  # a source line's parts: a line breaks between them first


def wrap(text: str, width_px: float, size_px: float) -> list[str]:
    """``text`` in lines no wider than ``width_px`` when set at ``size_px`` (Helvetica/Arial widths, a
    little wider than most sans fonts). A line breaks between parts joined by `` · `` where it can
    (a part that does not fit on what is left of a line starts the next one), else at spaces, and a
    word too long for a line (a link) after one of ``BREAK_AFTER``, or anywhere as a last resort."""
    def fits(s: str) -> bool:
        return text_width(s, size_px) <= width_px

    lines: list[str] = []
    for part in " ".join(str(text).split()).split(SEPARATOR):
        if lines and fits(lines[-1] + SEPARATOR + part):
            lines[-1] += SEPARATOR + part
            continue
        if lines:
            lines[-1] += SEPARATOR.rstrip()
        lines += _wrap_words(part, fits)
    return lines or [""]


def _wrap_words(text: str, fits) -> list[str]:
    lines, cur = [], ""
    for word in text.split(" "):
        cand = f"{cur} {word}" if cur else word
        if fits(cand):
            cur = cand
            continue
        if cur:
            lines.append(cur)
            cur = ""
        if fits(word):
            cur = word
            continue
        for piece in _pieces(word):  # too long for any line: break it
            while piece:
                if fits(cur + piece):
                    cur, piece = cur + piece, ""
                    continue
                if cur:
                    lines.append(cur)
                    cur = ""
                    continue
                n = len(piece)
                while n > 1 and not fits(piece[:n]):
                    n -= 1
                lines.append(piece[:n])
                piece = piece[n:]
    if cur:
        lines.append(cur)
    return lines or [""]
