"""Streamlit glue for quotes shown in narrow columns (Overview, Country, Sources pages).

``ui.evidence`` puts the "Read in source" link in a quarter-width column, which
clips its label when the quote itself sits in a half-width column (records side
by side). ``evidence`` here stacks the link under the citation instead; same
arguments, same escaping. Candidate to replace the layout of ``ui.evidence``.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui


def evidence(rows: pd.DataFrame, data: ui.Data, link_stance: bool = True) -> None:
    """Quotes with their source and a link to the highlighted passage on the Sources page (stacked)."""
    src = data.frames.sources.set_index("source")
    for r in rows.itertuples():
        meta = src.loc[r.source]
        outlet = meta["outlet"] if meta["outlet"] != "unknown" else "outlet unknown"
        st.markdown(f"> {ui.md(r.quote)}")
        st.caption(f"{ui.md(outlet)}, {ui.md(meta['title'])} ({meta['published']:%d %b %Y}), "
                   f"source `{ui.md(r.source)}`")
        params = {"source": r.source}
        if link_stance and hasattr(r, "stance_id"):
            params["hl"] = r.stance_id
        st.page_link("pages/sources.py", label="Read in source", icon=":material/article:", query_params=params)
