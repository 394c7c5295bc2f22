"""Streamlit glue for the Stance matrix and Timeline pages: selection bookkeeping, keys, evidence blocks.

Candidates for ``ui/__init__``: ``new_selection`` (any page with a selectable chart or
table needs to tell a fresh click from a selection left over from an earlier run).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

import coalition
from coalition import charts, palette, summary
from ui import evidence, lists
from ui.html import h, md, position_badge


# 1. selections -------------------------------------------------------------------
def _points_keys(event, field: str) -> tuple[str, ...]:
    """The ids (each point's ``field``) a Vega-Lite chart event selects (dict or object).

    The event is ``{"selection": {<parameter>: [{field: id, ...}, ...]}}``, one list per point
    selection parameter of the spec (charts.CELL_SELECTION, charts.EVENT_SELECTION)."""
    if not event:
        return ()
    sel = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
    keys = []
    for points in (sel.values() if isinstance(sel, dict) else ()):
        for p in points if isinstance(points, (list, tuple)) else ():
            value = p.get(field) if isinstance(p, dict) else None
            if isinstance(value, (list, tuple)) and value:  # a multi-field point: take the first value
                value = value[0]
            if value is not None:
                keys.append(str(value))
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


def chart_selection(widget_key: str, event, field: str) -> str | None:
    """The id a click in a Vega-Lite chart newly selects (its points name ``field``)."""
    return new_selection(widget_key, _points_keys(event, field))


def table_selection(widget_key: str, event, keys: list[str]) -> str | None:
    """The key of a newly selected table row. Row positions are compared, not keys, so a table
    re-sorted or re-filtered under an old selection does not count as a new click."""
    row = new_selection(widget_key, tuple(str(r) for r in _rows(event)))
    return keys[int(row)] if row is not None and 0 <= int(row) < len(keys) else None


# 2. matrix layout, key and evidence ----------------------------------------------------------
SCROLL_CSS = ("<style>.st-key-{key} {{ overflow-x: auto; }} "
              ".st-key-{key} [data-testid=stElementContainer]:has([data-testid=stVegaLiteChart]), "
              ".st-key-{key} [data-testid=stVegaLiteChart] {{ min-width: {min_width}px; }}</style>")


def matrix_min_width(n_issues: int) -> int:
    """Narrowest width (px) at which every cell label still fits: about 64 px a column plus the row labels."""
    return 64 * n_issues + 120


def _swatch(bg: str, label: str, fg: str = "#111111", border: str = "1px solid #888", opacity: float = 1.0) -> str:
    return (f'<span style="display:inline-block;background:{bg};color:{fg};padding:1px 8px;border-radius:3px;'
            f'border:{border};opacity:{opacity};font-size:0.85rem;margin:2px 0">{h(label)}</span>')


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


def timeline_key(entries: list[dict]) -> None:
    """The timeline's legend (charts.timeline_legend), drawn under the chart as swatches with text."""
    parts = []
    for e in entries:
        c, label = e["colour"], h(e["label"])
        if e["mark"] == "dot":
            mark = f'<span style="display:inline-block;width:11px;height:11px;border-radius:50%;background:{c}"></span>'
        elif e["mark"] == "hollow":
            mark = f'<span style="display:inline-block;width:11px;height:11px;border-radius:50%;border:2px solid {c}"></span>'
        else:
            style = "solid" if e["mark"] == "line" else "dotted"
            mark = f'<span style="display:inline-block;width:22px;border-top:3px {style} {c};vertical-align:middle"></span>'
        parts.append(f'<span style="white-space:nowrap;margin-right:14px;font-size:0.85rem">{mark} {label}</span>')
    if parts:
        st.markdown(" ".join(parts), unsafe_allow_html=True)


def source_name(r) -> str:
    """'The European Conservative' or 'outlet unknown, s000'."""
    return f"outlet unknown, {r.source}" if r.outlet == "unknown" else str(r.outlet)


RECORDS_SHOWN = 10  # records of one cell drawn in full at first ("Show more" adds as many again)


def stance_evidence(rows: pd.DataFrame, data) -> None:
    """The records of one cell (all sources, dated), each with its quotes; RECORDS_SHOWN at a time.

    A cell of generated 100x data holds ~60 records: the latest record of each position is always
    among those drawn (so a disagreement stays visible), and the count says how many are hidden.
    """
    records = rows.sort_values(["date", "stance_id"]).drop_duplicates("stance_id")
    key = "cell_" + str(records.iloc[0]["country"]) + "." + str(records.iloc[0]["issue"]) if len(records) else "cell"
    n = lists.shown(key, RECORDS_SHOWN)
    sample = summary.cell_sample(records, n) if len(records) > n else records
    labels = sorted(set(records["position_label"]))
    if len(labels) > 1:
        latest = records.drop_duplicates("position_label", keep="last")
        parts = [f"**{md(r.position_label)}** ({md(source_name(r))}, {r.date:%d %b %Y})"
                 for r in latest.itertuples()]
        st.warning("The sources disagree on this cell: " + " vs ".join(parts)
                   + (". The matrix shows the newest record; both are listed below." if len(records) == 2 else
                      f" (the latest record of each position, of {len(records):,} records). The matrix shows the "
                      "newest record; the records are listed below, oldest first."),
                   icon=":material/compare_arrows:")
    elif len(records) > 1:
        st.caption(f"{len(records)} records, all giving the same position.")
    for r in sample.itertuples():
        note = palette.CONFIDENCE_NOTE.get(r.confidence, "")
        with st.container(border=True):
            st.markdown(position_badge(r.position_label, r.score, note) +
                        f" &nbsp; <span style='color:#555'>{h(f'{r.date:%d %b %Y}')} · confidence: "
                        f"{h(r.confidence)} · record {h(r.stance_id)}</span>", unsafe_allow_html=True)
            st.markdown(md(r.summary))
            if r.conditions:
                st.markdown(f"**Condition:** {md(r.conditions)}")
            st.caption(f"How the date was derived: {md(r.date_basis)}")
            evidence.stance(data, r.stance_id)
    lists.more(key, len(sample), len(records), "records of this cell (the latest of each position, then the newest)",
         RECORDS_SHOWN)


# 3. the timeline specs, built once per data version, filters and selected event ----------------
@st.cache_resource(max_entries=16, show_spinner=False)
def _timeline_rows(stamp: tuple, countries: tuple, issues: tuple, kinds: tuple, as_of, _data):
    events = coalition.filter_events(_data.frames.events, countries, issues, kinds, as_of)
    rows = charts.timeline_rows(events)
    labels = {r.event_id: f"{r.n}. {charts.date_text(r)}: {r.title}" for r in rows.itertuples()}
    return events, rows, labels


def arrow_datasets(spec: dict | None) -> dict | None:
    """The spec with its named datasets as Arrow IPC bytes (what st.vega_lite_chart would send), so a
    cached spec is converted once, not on every run (Streamlit passes bytes through as they are)."""
    if not spec or "datasets" not in spec:
        return spec
    from streamlit import dataframe_util  # noqa: PLC0415 - the very conversion st.vega_lite_chart applies

    return {**spec, "datasets": {name: dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame.from_records(rows))
                                 for name, rows in spec["datasets"].items()}}


@st.cache_resource(max_entries=16, show_spinner=False)
def _timeline_specs(stamp: tuple, countries: tuple, issues: tuple, kinds: tuple, as_of, _data):
    events = _timeline_rows(stamp, countries, issues, kinds, as_of, _data)[0]
    specs = charts.timeline_specs(events, _data.frames.event_evidence, _data.country_names)
    return {"context": arrow_datasets(specs["context"]), "main": arrow_datasets(specs["main"]),
            "legend": charts.timeline_legend(events)}


def timeline_events(data, view, issues) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """The filtered events, their ``charts.timeline_rows`` and list labels, once per data version and filters
    (shared by sessions: callers only read them)."""
    return _timeline_rows(data.stamp, tuple(view.countries), tuple(issues or ()), tuple(view.kinds), view.as_of,
                          data)


def timeline_specs(data, view, issues, selected) -> dict:
    """``charts.timeline_specs`` of the filtered events (datasets already in Arrow) and the legend's
    entries, built once per data version and filters and shared by reruns and sessions (0.65 s at 100x
    data, 5,000 events); the selected event only sets a param in a shallow copy, so a click costs no
    rebuild. Callers only read them (st.vega_lite_chart copies the spec before it changes it)."""
    specs = _timeline_specs(data.stamp, tuple(view.countries), tuple(issues or ()), tuple(view.kinds),
                            view.as_of, data)
    return {**specs, **{k: charts.with_param(specs[k], "selected_event", selected or None)
                        for k in ("context", "main")}}


# 4. the matrix grid and spec, likewise ---------------------------------------------------------
@st.cache_resource(max_entries=16, show_spinner=False)
def _matrix_grid(stamp: tuple, countries: tuple, as_of, _data):
    f = _data.frames
    stances = coalition.filter_stances(f.stances, countries, None, as_of)
    shown = f.countries[f.countries["country"].isin(countries)] if countries else f.countries
    return stances.empty, charts.matrix_grid(coalition.cells(stances), shown, f.issues)


@st.cache_resource(max_entries=16, show_spinner=False)
def _matrix_spec(stamp: tuple, countries: tuple, as_of, focus, sort, _data):
    grid = _matrix_grid(stamp, countries, as_of, _data)[1]
    return arrow_datasets(charts.matrix_spec(grid, focus=focus, sort=sort))


def matrix_grid(data, view) -> tuple[bool, pd.DataFrame]:
    """(no stance on record, ``charts.matrix_grid``) for the view's countries and date, once per data
    version (0.15 s a run at 100x data: filter + cells over 25,000 rows); callers only read it."""
    return _matrix_grid(data.stamp, tuple(view.countries), view.as_of, data)


def matrix_spec(data, view, focus, sort, selected) -> dict:
    """``charts.matrix_spec`` (its dataset already in Arrow), cached like the timeline's per data version,
    countries, date, focus and sort; the selected cell only sets a param in a shallow copy."""
    spec = _matrix_spec(data.stamp, tuple(view.countries), view.as_of, focus, sort, data)
    return charts.with_param(spec, "selected_cell", selected or None)
