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


def embedded() -> bool:
    """True when the page is shown in its embed form (``?embed=true``, Streamlit's own switch)."""
    try:
        return bool(st.context.is_embedded)
    except Exception:  # noqa: BLE001 - no request context (AppTest)
        return False
