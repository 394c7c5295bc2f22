"""Streamlit glue for the Stance matrix and Timeline pages: selection bookkeeping, keys, evidence blocks.

Candidates for ``ui/__init__``: ``new_selection`` (any page with a selectable chart or
table needs to tell a fresh click from a selection left over from an earlier run).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from coalition import charts, palette


# 1. selections -------------------------------------------------------------------
def _points_keys(event) -> tuple[str, ...]:
    """The ids (customdata[0]) of the points selected in a plotly chart event (dict or object)."""
    if not event:
        return ()
    sel = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
    points = (sel or {}).get("points", []) if isinstance(sel, dict) else getattr(sel, "points", [])
    keys = []
    for p in points or []:
        cd = p.get("customdata") if isinstance(p, dict) else None
        if isinstance(cd, (list, tuple)) and cd:
            keys.append(str(cd[0]))
        elif isinstance(cd, str):
            keys.append(cd)
    return tuple(keys)


def _rows(event) -> tuple[int, ...]:
    """Selected row positions of a st.dataframe event (single-row or single-cell)."""
    if not event:
        return ()
    sel = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
    if not isinstance(sel, dict):
        sel = {"rows": getattr(sel, "rows", []), "cells": getattr(sel, "cells", [])}
    rows = list(sel.get("rows") or [])
    rows += [c[0] for c in sel.get("cells") or [] if isinstance(c, (list, tuple)) and c]
    return tuple(int(r) for r in rows)


def new_selection(widget_key: str, ids: tuple[str, ...]) -> str | None:
    """The id a chart/table selection newly points at, or None when nothing new was clicked.

    A selection stays in the widget's state across reruns; only a change counts as
    a click, so a later choice made elsewhere (table, list, link) is not overridden
    by an old one. An emptied selection (click again, double-click) is not a choice.
    """
    seen_key = f"_seen_{widget_key}"
    if st.session_state.get(seen_key, ()) == ids:
        return None
    st.session_state[seen_key] = ids
    return ids[-1] if ids else None


def chart_selection(widget_key: str, event) -> str | None:
    return new_selection(widget_key, _points_keys(event))


def table_selection(widget_key: str, event, keys: list[str]) -> str | None:
    """The key of a newly selected table row. Row positions are compared, not keys, so a table
    re-sorted or re-filtered under an old selection does not count as a new click."""
    row = new_selection(widget_key, tuple(str(r) for r in _rows(event)))
    return keys[int(row)] if row is not None and 0 <= int(row) < len(keys) else None


# 2. matrix layout, key and evidence ----------------------------------------------------------
SCROLL_CSS = ("<style>.st-key-{key} {{ overflow-x: auto; }} "
              ".st-key-{key} [data-testid=stElementContainer]:has([data-testid=stPlotlyChart]), "
              ".st-key-{key} [data-testid=stPlotlyChart] {{ min-width: {min_width}px; }}</style>")


def matrix_min_width(n_issues: int) -> int:
    """Narrowest width (px) at which every cell label still fits: about 64 px a column plus the row labels."""
    return 64 * n_issues + 120


def _swatch(bg: str, label: str, fg: str = "#111111", border: str = "1px solid #888", opacity: float = 1.0) -> str:
    return (f'<span style="display:inline-block;background:{bg};color:{fg};padding:1px 8px;border-radius:3px;'
            f'border:{border};opacity:{opacity};font-size:0.85rem;margin:2px 0">{ui.h(label)}</span>')


def matrix_key() -> None:
    """What the colours and marks in the matrix mean (colour is never the only signal)."""
    scores = [(2, "Yes / for"), (0, "Undecided / unclear"), (-1, "No, with a condition / unlikely"),
              (-2, "No / against")]
    parts = [_swatch(palette.colour(s), t, palette.text_colour(s)) for s, t in scores]
    parts.append(_swatch(palette.NO_RECORD, charts.NO_RECORD_TEXT + ": " + palette.NO_RECORD_LABEL.lower()))
    marks = [
        _swatch("#ffffff", f"Label {charts.DISPUTED_MARK}", border=f"3px solid {charts.DISPUTED_LINE}")
        + " sources disagree (the newest record is shown)",
        _swatch(palette.colour(0), f"Label {charts.LOW_CONFIDENCE_MARK}", border="1.5px dotted #555",
                opacity=charts.LOW_CONFIDENCE_OPACITY + 0.2)
        + " faded: only rumoured, or the source says it is unclear",
        _swatch(charts.FOCUS_BAND, "bold column", border="0") + " the issue in focus (sidebar)",
        _swatch("#ffffff", "gold ring", border=f"3px solid {charts.SELECTED_LINE}") + " the selected cell",
    ]
    st.markdown("**Colour = the position's direction; each cell also names it.** " + " ".join(parts),
                unsafe_allow_html=True)
    st.markdown(" &nbsp; ".join(marks), unsafe_allow_html=True)


def source_name(r) -> str:
    """'The European Conservative' or 'outlet unknown, s000'."""
    return f"outlet unknown, {r.source}" if r.outlet == "unknown" else str(r.outlet)


def stance_evidence(rows: pd.DataFrame, data) -> None:
    """Every record of one cell (all sources, dated), each with its quotes."""
    records = rows.sort_values(["date", "stance_id"]).drop_duplicates("stance_id")
    labels = sorted(set(records["position_label"]))
    if len(labels) > 1:
        parts = [f"**{ui.md(r.position_label)}** ({ui.md(source_name(r))}, {r.date:%d %b %Y})"
                 for r in records.itertuples()]
        st.warning("The sources disagree on this cell: " + " vs ".join(parts) + ". The matrix shows the newest "
                   "record; both are listed below.", icon=":material/compare_arrows:")
    elif len(records) > 1:
        st.caption(f"{len(records)} records, all giving the same position.")
    for r in records.itertuples():
        note = palette.CONFIDENCE_NOTE.get(r.confidence, "")
        with st.container(border=True):
            st.markdown(ui.position_badge(r.position_label, r.score, note) +
                        f" &nbsp; <span style='color:#555'>{ui.h(f'{r.date:%d %b %Y}')} · confidence: "
                        f"{ui.h(r.confidence)} · record {ui.h(r.stance_id)}</span>", unsafe_allow_html=True)
            st.markdown(ui.md(r.summary))
            if r.conditions:
                st.markdown(f"**Condition:** {ui.md(r.conditions)}")
            st.caption(f"How the date was derived: {ui.md(r.date_basis)}")
            ui.evidence(rows[rows["stance_id"] == r.stance_id].sort_values("evidence_no"), data)


# 3. capped lists -----------------------------------------------------------------------------
# Long lists (every disputed cell, every change, every record of a country) are drawn a page at a
# time: at 100x data drawing them all took 5 s to several minutes a run. A capped list always says
# how many items are hidden and offers the next ones; the count lives in the session state.
def shown(key: str, step: int) -> int:
    """How many items of the capped list ``key`` this session shows: ``step``, plus ``step`` per "Show more"."""
    return max(step, int(st.session_state.get(f"_shown_{key}", step)))


def _show_more(key: str, step: int) -> None:
    st.session_state[f"_shown_{key}"] = shown(key, step) + step


def more(key: str, n_shown: int, total: int, noun: str, step: int, where: str = "") -> bool:
    """'Showing 3 of 1,234 <noun>.' and a button for the next ``step``; nothing when all are shown.

    ``noun`` and ``where`` are markdown written by the page (escape data text with ui.md).
    Returns True when some items are hidden.
    """
    if total <= n_shown:
        return False
    st.caption(f"Showing {n_shown:,} of {total:,} {noun}." + (f" {where}" if where else ""))
    st.button(f"Show {min(step, total - n_shown):,} more", key=f"more_{key}", on_click=_show_more,
              args=(key, step), icon=":material/expand_more:")
    return True


# 4. quotes of one record, looked up (not masked) ----------------------------------------------
_STANCE_COLS = ["stance_id", "source", "quote"]
_EVENT_COLS = ["source", "quote"]


def stance_quotes(data, stance_id: str) -> pd.DataFrame:
    """The quotes of one stance record, only the columns ui.evidence reads (itertuples over the
    whole 40-column row costs more than the lookup)."""
    f = data.frames.stances
    pos = data.stance_pos.get(stance_id, [])
    return f.iloc[pos, [f.columns.get_loc(c) for c in _STANCE_COLS]]


def event_quotes(data, event_id: str) -> pd.DataFrame:
    """The evidence of one event, in evidence order, only the columns ui.evidence reads."""
    rows = data.event_rows(event_id)
    return rows[_EVENT_COLS]
