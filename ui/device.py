"""What the server can tell about the reader's screen and how the page is shown.

Charts whose framing cannot follow the canvas width (deck.gl's camera is a zoom level, not a
box) pick their phone variant from this. A narrow desktop window is not a phone: it gets the
desktop framing, and the map can be panned and zoomed.
"""
from __future__ import annotations

import streamlit as st


def narrow() -> bool:
    """True when the browser says it is a phone (``Mobi`` in the User-Agent, or the client hint)."""
    try:
        headers = st.context.headers
        ua = headers.get("User-Agent", "") or ""
        hint = headers.get("Sec-CH-UA-Mobile", "") or ""
    except Exception:  # noqa: BLE001 - no request context (AppTest)
        return False
    return "Mobi" in ua or hint.strip() == "?1"


def touch() -> bool:
    """True on a touch screen (a phone or tablet), where captions say "tap" instead of "hover"."""
    return narrow()


def point(desktop: str, phone: str) -> str:
    """The caption fitting the reader's screen: "hover ..." on a desktop, "tap ..." on a touch screen."""
    return phone if touch() else desktop


# The desktop matrix and timeline are laid out for a window at least this wide: their cell labels, column
# heads and event titles are sized in pixels. In a narrower desktop window (a phone in "desktop mode", a
# window pushed to a third of the screen) such a chart keeps this width and scrolls sideways in its own
# box, instead of squeezing until labels overlap. A phone gets its own variant (narrow()) and no minimum.
DESKTOP_CHART_MIN_PX = 720
WIDE_CHART_CLASS = "st-key-desktop_chart"  # Streamlit's class for a container with key="desktop_chart"
# constant CSS (no data in it), part of every page's layout fixes (ui.frame.CSS)
WIDE_CHART_CSS = f"""
.{WIDE_CHART_CLASS} {{ overflow-x: auto; overflow-y: hidden; }}
.{WIDE_CHART_CLASS} [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]),
.{WIDE_CHART_CLASS} [data-testid="stPlotlyChart"] {{ min-width: {DESKTOP_CHART_MIN_PX}px; }}"""


def chart_box(is_narrow: bool):
    """Where a plotly chart with a desktop and a phone variant goes: on a desktop, a box that keeps the
    chart at least DESKTOP_CHART_MIN_PX wide and scrolls sideways when the window is narrower; on a
    phone, the page itself (the phone variant is made for its width)."""
    return st.container() if is_narrow else st.container(key="desktop_chart")


def embedded() -> bool:
    """True when the page is shown in its embed form (``?embed=true``, Streamlit's own switch)."""
    try:
        return bool(st.context.is_embedded)
    except Exception:  # noqa: BLE001 - no request context (AppTest)
        return False
