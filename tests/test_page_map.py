"""The Map page (AppTest): a pydeck map for every issue and view, drawn offline; evidence in a dialog from
links, clicks on the map, table rows and tiles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_support import clean, dialog, text_of
from apptest_support import run as _run
from coalition import load_frames, palette
from coalition.render import deck
from coalition.views import map as mapview

ROOT = Path(__file__).resolve().parent.parent
FRAMES = load_frames()
ISSUES = list(FRAMES.issues["issue"])
CHART = "deck_gl_json_chart"  # st.pydeck_chart's element type in AppTest (streamlit 1.67)


def run(**params) -> AppTest:
    return _run("map", **params)


def chart(at: AppTest):
    charts = at.get(CHART)
    assert len(charts) == 1
    return charts[0].proto


def spec(at: AppTest) -> dict:
    return json.loads(chart(at).json)


def layers(at: AppTest) -> dict:
    return {layer["id"]: layer for layer in spec(at)["layers"]}


def fills(at: AppTest) -> dict:
    """iso3 -> the fill [r, g, b, a] of its outline, as sent."""
    return {o["iso3"]: o["fill"] for o in layers(at)["countries"]["data"]}


def click(at: AppTest, iso3: str | None, layer: str = "countries") -> None:
    """What st.pydeck_chart stores for a click on an object of ``layer`` (None: on nothing)."""
    if iso3 is None:
        at.session_state["map"] = {"selection": {"indices": {}, "objects": {}}}
    else:
        at.session_state["map"] = {"selection": {"indices": {layer: [0]}, "objects": {layer: [{"iso3": iso3}]}}}


def query(at: AppTest) -> dict:
    return {k: at.query_params[k] for k in at.query_params}


def table_key(at: AppTest) -> str:
    return at.dataframe[0].proto.id.split("-", 2)[-1] if not at.dataframe[0].key else at.dataframe[0].key


def quote(iso3: str, issue: str, source: str) -> str:
    s = FRAMES.stances
    return s[(s["country"] == iso3) & (s["issue"] == issue) & (s["source"] == source)].iloc[0]["quote"]


def rgba(hex_colour: str) -> list:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)] + [255]


@pytest.mark.parametrize("issue", ISSUES)
def test_map_page_runs_for_every_issue_with_the_same_layers(issue):
    at = clean(run(issue=issue))
    question = FRAMES.issues.set_index("issue").loc[issue, "question"]
    assert at.header[0].value.replace("\\", "") == question
    assert tuple(layers(at)) == deck.LAYER_IDS  # always the same layers in the same order (a click is kept)
    kinds = [layers(at)[i]["@@type"] for i in deck.LAYER_IDS]
    assert kinds.count("SolidPolygonLayer") == len(kinds) - 1  # one layer kind but for the labels: fewer shaders
    assert list(chart(at).selection_mode) == [0]  # single-object
    assert dialog(at) is None


@pytest.mark.parametrize("params", [{"country": "ITA"}, {"as_of": "2003-01-01"}, {"view": "world"},
                                    {"issue": "troops", "country": "ITA", "focus": "FRA", "view": "world"}])
def test_map_page_runs_with_link_parameters(params):
    at = clean(run(**params))
    assert query(at) == params  # the link is kept as given (all values are valid)


def test_map_is_offline_and_colours_italy_as_disputed_no_unless_on_troops():
    at = clean(run(issue="troops"))
    raw = chart(at).json
    assert "http" not in raw and "tiles" not in raw.lower() and "mapbox" not in raw.lower()
    assert spec(at)["mapStyle"] == deck.MAP_STYLE and not chart(at).mapbox_token
    f = fills(at)
    assert f["ITA"] == rgba(palette.colour(-1))  # the newest record: "No, unless..."
    assert f["FRA"] == f["GBR"] == rgba(palette.colour(2))
    assert f["ESP"] == rgba(palette.NO_RECORD)
    hatch = [m for m in layers(at)["marks"]["data"] if m["iso3"] == "ITA"]
    assert len(hatch) > 5  # Italy: the sources disagree, so it is hatched
    hatch_or_stipple = {m["iso3"] for m in layers(at)["marks"]["data"] if m["fill"] == list(mapview.HATCH)}
    assert hatch_or_stipple == {"ITA", "DEU"}  # the disputed and the uncertain (Germany: undecided, uncertain)
    labels = {lb["text"] for lb in layers(at)["labels"]["data"]}
    assert {"Italy", "France", "UK"} <= labels


def test_map_world_view_draws_every_country_and_the_toggle_writes_the_link():
    at = clean(run(view="world", issue="join"))
    outlines = {o["iso3"] for o in layers(at)["countries"]["data"]}
    assert len(outlines) >= 170 and {"BRA", "IND", "ZAF", "NZL", "JPN", "AUS", "USA"} <= outlines
    zoom = spec(at)["initialViewState"]["zoom"]
    assert at.get("button_group")[0].value == "world"
    at.get("button_group")[0].set_value("europe")
    clean(at.run())
    assert "view" not in query(at) and spec(at)["initialViewState"]["zoom"] > zoom
    at.get("button_group")[0].set_value("world")
    clean(at.run())
    assert query(at).get("view") == "world"


def test_map_link_with_focus_opens_italys_evidence_from_both_sources_and_outlines_it():
    at = clean(run(issue="troops", focus="ITA"))
    assert dialog(at) == "Italy: Sends troops"
    text = text_of(at)
    for source in ("s000", "s004"):
        assert quote("ITA", "troops", source)[:60] in text
    assert "The sources disagree" in text and "How the date was derived" in text
    assert any("focus=ITA" in p.proto.query_string for p in at.get("page_link") if p.proto.page == "country")
    assert any("hl=ITA.troops" in p.proto.query_string for p in at.get("page_link") if p.proto.page == "sources")
    focus_marks = [m for m in layers(at)["marks"]["data"] if m["fill"] == list(mapview.FOCUS_LINE)]
    assert focus_marks and {m["iso3"] for m in focus_marks} == {"ITA"}
    # it stays open on the next run (the map's empty selection is not a click) and on another issue
    clean(at.run())
    assert query(at).get("focus") == "ITA" and dialog(at) == "Italy: Sends troops"
    at.query_params["issue"] = "un_mandate"
    clean(at.run())
    assert query(at) == {"issue": "un_mandate", "focus": "ITA"} and dialog(at).startswith("Italy")


def test_map_focus_before_the_records_says_no_record_that_day():
    at = clean(run(issue="troops", focus="ITA", as_of="2025-03-01"))
    text = text_of(at)
    assert "No record in the sources on this question for Italy" in text
    assert "later record(s) are hidden" in text


def test_map_click_on_a_country_opens_its_evidence_and_puts_it_in_the_link():
    at = clean(run(issue="join"))
    click(at, "JPN")
    clean(at.run())
    assert query(at).get("focus") == "JPN" and dialog(at) == "Japan: Joins coalition"
    assert quote("JPN", "join", "s000")[:50] in text_of(at)
    clean(at.run())  # a rerun keeps the focus (the same selection is not acted on twice)
    assert query(at).get("focus") == "JPN"


def test_closing_the_dialog_clears_the_focus_and_a_second_click_on_the_country_reopens_it():
    at = clean(run(issue="join"))
    click(at, "JPN")
    clean(at.run())
    at.query_params.pop("focus")  # what the dialog's close (on_dismiss) does: ui.state.set(focus=None)
    at.session_state["_view"] = type(at.session_state["_view"])(
        **{**at.session_state["_view"].__dict__, "page": {}})
    clean(at.run())
    assert dialog(at) is None
    click(at, None)  # a second click on the selected country unselects it in deck.gl: "this one again"
    clean(at.run())
    assert dialog(at) == "Japan: Joins coalition"


def test_map_click_on_a_small_state_dot_opens_it_and_a_link_is_not_taken_back():
    at = clean(run(issue="join"))
    dots = {d["iso3"] for d in layers(at)["small-states"]["data"]}
    assert {"MLT", "LUX", "AND", "LIE", "MCO", "SMR", "VAT"} <= dots  # Europe view: the small states are dots
    click(at, "LUX", layer="small-states")
    clean(at.run())
    assert dialog(at).startswith("Luxembourg")
    click(at, "JPN")  # the selection changed: the focus follows it
    clean(at.run())
    assert query(at).get("focus") == "JPN" and dialog(at).startswith("Japan")
    at.query_params["focus"] = "FRA"  # a link (or another page) focuses France: the unchanged map selection
    clean(at.run())                   # (still Japan) does not take it back
    assert query(at).get("focus") == "FRA" and dialog(at).startswith("France")


def test_map_click_on_a_country_without_records_says_so_and_its_link_works():
    at = clean(run(issue="join"))
    click(at, "BRA")
    clean(at.run())
    assert query(at).get("focus") == "BRA"  # every country the map draws can be in a link
    assert "No record in the sources on this question for Brazil" in text_of(at)
    assert not [p for p in at.get("page_link") if p.proto.page == "country" and "focus=BRA" in p.proto.query_string]
    at2 = clean(run(issue="join", focus="BRA"))
    assert dialog(at2).startswith("Brazil")


def test_map_table_row_and_tile_button_open_the_evidence():
    at = clean(run(issue="join"))
    first = at.dataframe[0].value.iloc[0]["country"]
    at.session_state[table_key(at)] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    clean(at.run())
    names = dict(zip(FRAMES.countries["country_name"], FRAMES.countries["country"]))
    assert query(at).get("focus") == names[first] and dialog(at).startswith(first)
    nzl = next(b for b in at.button if b.key == "map_tile_NZL")
    clean(nzl.click().run())
    assert query(at).get("focus") == "NZL" and dialog(at).startswith("New Zealand")
    assert "rumoured" in text_of(at)


def test_map_strip_shows_the_countries_outside_europe_with_their_position():
    at = clean(run(issue="join"))
    tiles = [m.value for m in at.markdown if m.value.startswith("**") and "<br/>" in m.value]
    shown = {t.split("**")[1]: t for t in tiles}
    assert set(shown) == {"Japan", "Australia", "New Zealand", "United States"}
    assert ">Declined<" in shown["Japan"] and palette.colour(-2) in shown["Japan"]
    assert ">No record<" in shown["United States"]


def test_map_table_lists_the_coloured_countries_only_inside_the_filter_and_fades_the_rest():
    at = clean(run(issue="troops", country="ITA"))
    table = at.dataframe[0].value
    assert list(table["country"]) == ["Italy"]
    assert table.iloc[0]["disputed"] == "Sources disagree: Declined / No, unless..."
    assert fills(at)["FRA"] != rgba(palette.colour(2))  # faded, still drawn
    assert fills(at)["FRA"] == list(mapview.fill_of(2, in_filter=False))


def test_a_filter_without_records_names_the_countries_outside_it_and_can_be_dropped():
    at = clean(run(issue="troops", country="JPN"))
    text = text_of(at)
    assert "None of the countries in your filter has a record on this question" in text
    assert "France" in text and "Italy" in text and "No country has a record" not in text
    button = next(b for b in at.button if b.key == "map_clear_countries")
    clean(button.click().run())
    assert "country" not in query(at) and "Italy" in list(at.dataframe[0].value["country"])


def test_map_tooltip_fields_are_plain_text_in_an_escaping_template():
    at = clean(run(issue="troops"))
    tip = json.loads(chart(at).tooltip)
    assert "{name}" in tip["html"] and "ITA" not in tip["html"]  # the template holds no data
    ita = next(o for o in layers(at)["countries"]["data"] if o["iso3"] == "ITA")
    assert ita["name"] == "Italy" and "&" not in ita["status"] and "Sources disagree" in ita["status"]


def test_map_callbacks_do_not_keep_the_page_alive():
    # A callback defined in the page script keeps the page's namespace (the deck, the tables) alive in the
    # session for as long as it lives: the page's callbacks are ui.state functions.
    at = clean(run(issue="join", focus="JPN"))
    metadata = at._session_state._state._new_widget_state.widget_metadata
    callbacks = [m.callback for m in metadata.values() if m.callback is not None]
    assert len(callbacks) >= 5  # the "Evidence" tiles, the view toggle, the dialog's close
    for cb in callbacks:
        fn = getattr(cb, "func", cb)
        assert not fn.__globals__.get("__file__", "").endswith("map.py"), cb
