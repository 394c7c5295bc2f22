"""Tables that fit: column widths that add up to the page's width at 1280 px, long text wrapped on
taller rows, and the first column pinned so it stays in view when a phone scrolls the rest sideways.

The main column of a wide page is about 820 px at 1280 px (the sidebar open); ``WIDTH`` is what a
table's columns may take together, leaving room for the row-selection column. Streamlit stretches the columns when there is more room.
"""
from __future__ import annotations

import streamlit as st

WIDTH = 760            # px the columns of a table take together at 1280 px (a row-selection column
                       # takes ~40 px more: the main column is ~820 px)
LINE = 21              # px per line of cell text
PAD = 14               # px above and below the text in a row
WRAP_MIN = 65          # Streamlit wraps cell text only in rows taller than 4rem (64 px; its DataFrame code)


def row_height(lines: int) -> int:
    """A row tall enough for ``lines`` lines of wrapped text (one line: Streamlit's own height)."""
    return max(lines * LINE + PAD, WRAP_MIN) if lines > 1 else 35


def columns(widths: dict[str, int], config: dict | None = None) -> dict:
    """``column_config`` giving each column its width in px, the first one pinned.

    ``config``: column configs for some columns (a date format, a checkbox); their width and pin are
    set from ``widths``. Widths must add up to at most ``WIDTH`` (checked, so a new column cannot push
    a table past the page's edge unnoticed).
    """
    total = sum(widths.values())
    if total > WIDTH:
        raise ValueError(f"columns take {total} px, more than the page's {WIDTH} px: {widths}")
    config = dict(config or {})
    out = {}
    for i, (name, w) in enumerate(widths.items()):
        base = config.pop(name, None) or st.column_config.TextColumn(name)
        col = dict(base) if isinstance(base, dict) else {"label": base}
        col["width"] = w
        if i == 0:
            col["pinned"] = True
        out[name] = col
    out.update(config)
    return out
