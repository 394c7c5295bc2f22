"""The map page's widget callbacks, kept out of the page script.

A callback defined in a page script keeps that script's whole namespace alive for as long as
the session lives (Streamlit stores the callback with the widget, and the function's globals are
the page's: the deck spec, the tables...): measured ~4.3 MB per open map session. A function in
this module only holds this module's globals.
"""
from __future__ import annotations

import streamlit as st

import ui

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
        ui.set_page_state(PAGE, focus=None)
    else:
        ss.pop("_map_other", None)
        ui.set_page_state(PAGE, focus=iso3)
