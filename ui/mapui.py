"""The map page's widget callbacks, kept out of the page script.

A callback defined in a page script keeps that script's whole namespace alive for as long as
the session lives (Streamlit stores the callback with the widget, and the function's globals are
the page's: the map spec, the tables...): measured ~4.3 MB per open map session. A function in
this module only holds this module's globals.
"""
from __future__ import annotations

import streamlit as st

from coalition import mapview
from ui import state
from ui.data import cached_call

PAGE = "map"


def set_focus(iso3: str | None, by: str = "button", linkable: bool = True) -> None:
    """Focus a country (None: close) after a click on the map, a table row or a button.

    ``linkable``: the country has records, so a link can carry it (urlstate only accepts countries
    in the data); the others are kept in the session instead. The other widgets get new keys, so no
    stale selection (the map's spotlight, a ticked table row) disagrees with the focus.
    """
    ss = st.session_state
    if by != "map":
        ss["_map_gen"] = ss.get("_map_gen", 0) + 1
    if by != "table":
        ss["_map_table_gen"] = ss.get("_map_table_gen", 0) + 1
    if iso3 and not linkable:
        ss["_map_other"] = iso3
        state.set(focus=None)
    else:
        ss.pop("_map_other", None)
        state.set(focus=iso3)


# The page's data, once per data version and view: the same link opened by many readers, or a click that
# only opens a country's evidence, reuses them (measured: country_table + the map spec + coloured_table were
# ~70 of a map run's ~95 ms). Callers must only read the results.
@st.cache_resource(max_entries=48, ttl=3600, show_spinner=False)
def _tables(stamp: tuple, issue: str, countries: tuple, as_of, _data):
    # the cells of every issue come once per data version and date: a reader switching issues (the
    # commonest change) no longer recomputes them (filters.cells is ~10 ms of pandas for any size)
    cells_of = cached_call(_data, mapview.issue_cells, as_of).get(issue, {})
    return mapview.tables(_data.frames, issue, countries, as_of, cells_of=cells_of)


def tables(data, issue: str, countries: tuple, as_of):
    """(country_table, coloured_table) for the issue and filters."""
    return _tables(data.stamp, issue, countries, as_of, data)


@st.cache_resource(max_entries=32, ttl=3600, show_spinner=False)  # a spec is ~0.2 MB of JSON; its arcs are shared
def _spec(stamp: tuple, issue: str, countries: tuple, as_of, view: str, focus, _data) -> dict:
    table, _ = tables(_data, issue, countries, as_of)
    return mapview.build_spec(table, view=view, focus=focus)


def spec(data, issue: str, countries: tuple, as_of, view: str, focus) -> dict:
    """The map's Vega-Lite spec for the view, the focused country outlined (shared: callers must not mutate it)."""
    return _spec(data.stamp, issue, countries, as_of, view, focus, data)
