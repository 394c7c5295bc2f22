"""Capped lists: long lists (every disputed cell, every change, every record of a country) are drawn
a page at a time. A capped list says how many items are hidden and offers the next ones; how far a
reader opened each list is part of the view, so it is in the link (``more=changes:10``)."""
from __future__ import annotations

import streamlit as st

from coalition import urlstate
from ui import state

MAX_STEPS = 20  # a link may open a list to at most 20 times its first page


def shown(key: str, step: int) -> int:
    """How many items of the capped list ``key`` this view shows: ``step``, plus ``step`` per "Show more"."""
    asked = urlstate.parse_more(state.get("more")).get(key, step)
    return min(max(step, asked), MAX_STEPS * step)


def _show_more(key: str, step: int) -> None:
    counts = urlstate.parse_more(state.get("more"))
    counts[key] = min(shown(key, step) + step, MAX_STEPS * step)
    state.set(more=urlstate.encode_more(counts) or None)


def more(key: str, n_shown: int, total: int, noun: str, step: int, where: str = "") -> bool:
    """'Showing 3 of 1,234 <noun>.' and a button for the next ``step``; nothing when all are shown.

    ``noun`` and ``where`` are markdown written by the page (escape data text with ui.html.md).
    Returns True when some items are hidden.
    """
    if total <= n_shown:
        return False
    capped = n_shown >= MAX_STEPS * step
    st.caption(f"Showing {n_shown:,} of {total:,} {noun}." + (f" {where}" if where else "")
               + (" This is the most the page draws; the sidebar's downloads hold every record." if capped else ""))
    if not capped:
        st.button(f"Show {min(step, total - n_shown):,} more", key=f"more_{key}", on_click=_show_more,
                  args=(key, step), icon=":material/expand_more:")
    return True
