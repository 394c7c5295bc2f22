"""The Map page (AppTest): runs for every view, draws an offline Vega-Lite map, opens evidence from links and clicks."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_support import clean, text_of
from apptest_support import run as _run

from coalition import load_frames, palette
from coalition import mapview
from coalition.mapview import ALPHA_RECORD, FOCUS_WIDTH, LAYER_IDS, VIEW_BOX

ROOT = Path(__file__).resolve().parent.parent
FRAMES = load_frames()
ISSUES = list(FRAMES.issues["issue"])
DECLINED_SOFT = mapview.css(palette.rgb(palette.SCORE_COLOURS[-1], ALPHA_RECORD))  # "No, unless..." (the latest record)
CHART = "vega_lite_chart"  # st.vega_lite_chart's element type in AppTest (streamlit 1.67)





def run(**params) -> AppTest:
    return _run("map", **params)


def chart(at: AppTest):
    charts = at.get(CHART)
    assert len(charts) == 1
    return charts[0].proto


def spec(at: AppTest) -> dict:
    return json.loads(chart(at).spec)


def layers(at_or_spec) -> dict:
    s = at_or_spec if isinstance(at_or_spec, dict) else spec(at_or_spec)
    return {layer["name"]: layer for layer in s["layer"]}


def props(at: AppTest) -> dict:
    """iso3 -> the properties (fill, opacity, tip) of its outline, as sent."""
    topo = layers(at)["countries"]["data"]["values"]
    return {g["properties"]["iso3"]: g["properties"] for g in topo["objects"]["countries"]["geometries"]}


def click(at: AppTest, iso3: str | None, key: str | None = None) -> None:
    """What the browser sends for a click on a country (measured in Chromium: both point selections carry
    the clicked datum's iso3) or, with None, on the sea (every selection empty)."""
    picked = [{"iso3": iso3}] if iso3 else {}
    at.session_state[key or map_key(at)] = {"selection": {"country": picked, "dot": picked}}


def query(at: AppTest) -> dict:
    return {k: at.query_params[k] for k in at.query_params}


def map_key(at: AppTest) -> str:
    """The map's current key (the page renews it when the focus is set other than by the map)."""
    return chart(at).id.split("-", 2)[-1]


def table_key(at: AppTest) -> str:
    return at.dataframe[0].key or at.dataframe[0].proto.id.split("-", 2)[-1]


def quote(iso3: str, issue: str, source: str) -> str:
    s = FRAMES.stances
    return s[(s["country"] == iso3) & (s["issue"] == issue) & (s["source"] == source)].iloc[0]["quote"]


@pytest.mark.parametrize("issue", ISSUES)
def test_map_page_runs_for_every_issue(issue):
    at = clean(run(issue=issue))
    question = FRAMES.issues.set_index("issue").loc[issue, "question"]
    assert at.header[0].value.replace("\\", "") == question
    proto = chart(at)
    assert list(proto.selection_mode) == ["country", "dot"] and proto.theme == ""  # theme=None: exact colours
    assert tuple(layers(at)) == LAYER_IDS and layers(at)["countries"]["mark"]["type"] == "geoshape"


@pytest.mark.parametrize("params", [{"country": "ITA"}, {"as_of": "2003-01-01"}, {"view": "world"},
                                    {"issue": "troops", "country": "ITA", "focus": "FRA", "view": "world"}])
def test_map_page_runs_with_link_parameters(params):
    at = clean(run(**params))
    assert query(at) == params  # the link is kept as given (all values are valid)


def test_map_is_offline_and_colours_italy_as_declined_on_troops():
    at = clean(run(issue="troops"))
    raw = chart(at).spec
    assert "http" not in raw and "tiles" not in raw.lower() and '"url"' not in raw
    assert not chart(at).datasets and not chart(at).data.data  # all data inline in the spec, none as Arrow
    ita = props(at)["ITA"]
    assert (ita["fill"], ita["opacity"]) == DECLINED_SOFT
    assert tuple(layers(at)) == LAYER_IDS
    hatch = layers(at)["hatching"]["data"]["values"]
    assert len(hatch) == 1 and len(hatch[0]["geometry"]["coordinates"]) > 20  # Italy: the sources disagree
    assert spec(at)["projection"]["fit"]["geometry"]["coordinates"] == [list(VIEW_BOX["europe"][:2]),
                                                                        list(VIEW_BOX["europe"][2:])]
    assert spec(at)["autosize"]["type"] == "fit"


def test_map_world_view_from_the_link():
    at = clean(run(view="world", issue="join"))
    assert spec(at)["projection"]["fit"]["geometry"]["coordinates"][0] == list(VIEW_BOX["world"][:2])
    assert at.get("button_group")[0].value == "world"
    # the toggle writes the view into the link, and back
    at.get("button_group")[0].set_value("europe")
    clean(at.run())
    assert "view" not in query(at)
    assert spec(at)["projection"]["fit"]["geometry"]["coordinates"][0] == list(VIEW_BOX["europe"][:2])
    at.get("button_group")[0].set_value("world")
    clean(at.run())
    assert query(at).get("view") == "world"


def test_map_link_with_focus_shows_italys_quotes_from_both_sources():
    at = clean(run(issue="troops", focus="ITA"))
    text = text_of(at)
    assert "Italy" in [s.value for s in at.subheader]
    for source in ("s000", "s004"):
        assert quote("ITA", "troops", source).replace("\\", "")[:60] in text
    assert "The sources disagree: Declined / No, unless..." in text
    assert "All records for Italy" in text
    country_links = [p.proto for p in at.get("page_link") if p.proto.page.endswith("country")
                     or "country" in p.proto.page]
    assert any("focus=ITA" in p.query_string for p in country_links)
    # the focused country is outlined on the map
    focus = layers(at)["focus"]
    assert focus["mark"]["strokeWidth"] == FOCUS_WIDTH and len(focus["data"]["values"]) == 1
    # it stays focused on the next run (the map's empty selection is not a click) and on another issue
    clean(at.run())
    assert query(at).get("focus") == "ITA"
    at.query_params["issue"] = "un_mandate"
    clean(at.run())
    assert query(at) == {"issue": "un_mandate", "focus": "ITA"} and at.subheader[0].value == "Italy"


def test_map_focus_before_the_records_says_no_record_that_day():
    at = clean(run(issue="troops", focus="ITA", as_of="2025-03-01"))
    text = text_of(at)
    assert "No record in the sources on this question for Italy" in text
    assert "later record(s) are hidden" in text


def test_map_click_on_a_country_opens_its_evidence_and_puts_it_in_the_link():
    at = clean(run(issue="join"))
    key = map_key(at)
    click(at, "JPN", key)
    clean(at.run())
    assert query(at).get("focus") == "JPN"
    assert quote("JPN", "join", "s000")[:50] in text_of(at)
    clean(at.run())  # a rerun keeps the focus (the same selection is not acted on twice)
    assert query(at).get("focus") == "JPN"
    # clearing the map's selection (a click on the sea) closes the evidence
    click(at, None, key)
    clean(at.run())
    assert "focus" not in query(at) and not at.subheader


def test_map_click_on_a_small_state_dot_opens_it_and_a_new_click_moves_the_focus():
    at = clean(run(issue="join"))
    dots = layers(at)["small-states"]["data"]["values"]
    assert {d["properties"]["iso3"] for d in dots} >= {"MLT", "LUX"}  # Europe view: the small states are dots
    key = map_key(at)
    at.session_state[key] = {"selection": {"country": {}, "dot": [{"iso3": "LUX"}]}}  # the dot's own selection
    clean(at.run())
    assert at.subheader[0].value == "Luxembourg"
    click(at, "JPN", key)  # the selection changed: the focus follows it
    clean(at.run())
    assert query(at).get("focus") == "JPN" and at.subheader[0].value == "Japan"
    assert len(layers(at)["focus"]["data"]["values"]) == 1  # outlined on the map
    at.query_params["focus"] = "FRA"  # a link (or another page) focuses France: the unchanged map selection
    clean(at.run())                   # (still Japan) does not take it back
    assert query(at).get("focus") == "FRA" and at.subheader[0].value == "France"


def test_map_click_on_a_country_without_records_says_so_without_a_bad_link():
    at = clean(run(issue="join"))
    click(at, "ESP")
    clean(at.run())
    assert "focus" not in query(at)  # ESP has no record: a link could not carry it
    assert "No record in the sources on this question for Spain" in text_of(at)


def test_map_table_row_and_tile_button_open_the_evidence():
    at = clean(run(issue="join"))
    rows = at.dataframe[0].value
    first = rows.iloc[0]["country"]
    at.session_state[table_key(at)] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    clean(at.run())
    names = dict(zip(FRAMES.countries["country_name"], FRAMES.countries["country"]))
    assert query(at).get("focus") == names[first]
    # the row choice renewed the map's key: no stale map selection can override it
    clean(at.run())
    assert query(at).get("focus") == names[first]
    nzl = next(b for b in at.button if b.key == "map_tile_NZL")
    clean(nzl.click().run())
    assert query(at).get("focus") == "NZL"
    assert "rumoured" in text_of(at)
    clean(next(b for b in at.button if b.key == "map_close").click().run())
    assert "focus" not in query(at)
    assert not at.subheader


def test_map_strip_shows_the_countries_outside_europe_with_their_position():
    at = clean(run(issue="join"))
    tiles = [m.value for m in at.markdown if m.value.startswith("**") and "<br/>" in m.value]
    shown = {t.split("**")[1]: t for t in tiles}
    assert set(shown) == {"Japan", "Australia", "New Zealand", "United States"}
    assert ">Declined<" in shown["Japan"] and palette.colour(-2) in shown["Japan"]
    assert ">No record<" in shown["United States"]


def test_map_table_lists_the_coloured_countries_only_inside_the_filter():
    at = clean(run(issue="troops", country="ITA"))
    table = at.dataframe[0].value
    assert list(table["country"]) == ["Italy"]
    assert table.iloc[0]["disputed"] == "Sources disagree: Declined / No, unless..."
    fra = props(at)["FRA"]
    assert fra["fill"] == palette.colour(2) and fra["opacity"] < 0.4  # faded, still drawn


def test_map_callbacks_do_not_keep_the_page_alive():
    # A callback defined in the page script keeps the page's namespace (map spec, tables: ~4 MB)
    # alive in the session for as long as the session lives. The map's callbacks live in ui/mapui.py.
    at = clean(run(issue="join", focus="JPN"))
    metadata = at._session_state._state._new_widget_state.widget_metadata
    callbacks = [m.callback for m in metadata.values() if m.callback is not None]
    assert len(callbacks) >= 5  # the "Evidence" tiles and "Close"
    for cb in callbacks:
        assert "table" not in cb.__globals__ and not cb.__globals__.get("__file__", "").endswith("map.py"), cb
