"""Evidence: the quoted sentences behind a record, with their source, and the dialog that puts the
evidence of what a reader clicked in view at any screen width."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui import frame
from ui.data import Data
from ui.html import md


def quotes(rows, data: Data, link_stance: bool = True) -> None:
    """Quotes with their source and a link to the highlighted passage on the Sources page.

    ``rows``: Quote tuples (ui.data) or a frame with quote, source (and stance_id) columns.
    """
    if isinstance(rows, pd.DataFrame):
        cols = [c for c in ("quote", "source", "stance_id") if c in rows.columns]
        rows = rows[cols].itertuples()
    for r in rows:
        outlet, title, published = data.source_meta[r.source]
        outlet = outlet if outlet != "unknown" else "outlet unknown"
        st.markdown(f"> {md(r.quote)}")
        st.caption(f"{md(outlet)}, {md(title)} ({published:%d %b %Y}), source {md(r.source)}")
        sid = getattr(r, "stance_id", None) if link_stance else None
        frame.link("sources", "Read in source", ":material/article:", source=r.source, hl=sid)


def stance(data: Data, stance_id: str) -> None:
    """The quotes of one stance record, from the per-version quote lists."""
    quotes(data.quotes_of_stance.get(stance_id, []), data)


def event(data: Data, event_id: str) -> None:
    """The quotes of one event, from the per-version quote lists."""
    quotes(data.quotes_of_event.get(event_id, []), data, link_stance=False)


def dialog(title: str, body: Callable, *args, on_close: Callable) -> None:
    """Open ``body(*args)`` in a modal dialog titled ``title`` (markdown, escaped by the caller).

    A dialog is in view at any width, over the chart the reader clicked. ``on_close`` runs when the
    reader dismisses it (the page clears the selection from the link). Call at most once a run.
    """
    st.dialog(title, width="large", on_dismiss=on_close)(body)(*args)
