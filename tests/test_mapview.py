"""coalition.mapview: countries joined with their position on one issue, and the offline deck."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pandas as pd
import pytest

from coalition import geo, load_frames, mapview, palette

TODAY = dt.date(2026, 11, 21)
DECLINED_FAMILY = {tuple(palette.rgb(palette.SCORE_COLOURS[s])[:3]) for s in (-1, -2)}
GREY = tuple(palette.rgb(palette.NO_RECORD)[:3])


@pytest.fixture(scope="module")
def f():
    return load_frames(today=TODAY)


def row(table, iso3):
    return table.set_index("iso3").loc[iso3]


def rgb(r):
    return tuple(r["fill"][:3])


def test_map_colours_italy_as_declined_on_troops_and_marks_it_disputed(f):
    t = mapview.country_table(f, "troops")
    ita = row(t, "ITA")
    assert rgb(ita) in DECLINED_FAMILY
    assert ita["disputed"] and set(ita["positions"]) == {"Declined", "No, unless..."}
    assert "Sources disagree: Declined / No, unless..." in ita["t_status"]
    assert "2 sources" in ita["t_source"]
    hatch = mapview.hatch_frame(t, mapview.HATCH_SPACING["europe"])
    assert set(hatch["iso3"]) == {"ITA"} and len(hatch) > 20


def test_map_colours_japan_as_declined_on_join(f):
    jpn = row(mapview.country_table(f, "join"), "JPN")
    assert jpn["fill"] == palette.rgb(palette.SCORE_COLOURS[-2], mapview.ALPHA_RECORD)
    assert jpn["t_position"] == "Declined" and not jpn["disputed"] and not jpn["low_confidence"]


def test_map_shows_australia_as_low_confidence_on_join(f):
    t = mapview.country_table(f, "join")
    aus = row(t, "AUS")
    assert aus["low_confidence"] and aus["confidence"] == "rumoured"
    assert aus["fill"][3] == mapview.ALPHA_LOW_CONFIDENCE < mapview.ALPHA_RECORD
    assert "low confidence: rumoured" in aus["t_status"]
    dots = mapview.stipple_frame(t, mapview.STIPPLE_SPACING["world"])
    assert set(dots["iso3"]) == {"AUS", "NZL"} and (dots["iso3"] == "NZL").sum() >= 3


def test_map_colours_germany_as_opposing_on_frozen_assets(f):
    deu = row(mapview.country_table(f, "frozen_assets"), "DEU")
    assert rgb(deu) == tuple(palette.rgb(palette.SCORE_COLOURS[-2])[:3])
    assert deu["position_label"] == "Oppose"


def test_map_draws_spain_grey_with_no_record(f):
    esp = row(mapview.country_table(f, "troops"), "ESP")
    assert not esp["has_record"] and rgb(esp) == GREY
    assert esp["t_position"] == palette.NO_RECORD_LABEL == "No record in the sources"
    assert esp["t_quote"] == "" and esp["t_summary"] == ""


def test_as_of_before_any_record_makes_every_country_grey(f):
    t = mapview.country_table(f, "join", as_of=dt.date(2003, 1, 1))
    assert len(t) == len(geo.load_geojson()["features"])
    assert not t["has_record"].any()
    assert {tuple(x[:3]) for x in t["fill"]} == {GREY}
    assert mapview.coloured_table(t).empty


def test_as_of_shows_what_was_on_record_that_day(f):
    # On 15 March only the European Conservative's record (Declined) existed; no dispute yet.
    ita = row(mapview.country_table(f, "troops", as_of=dt.date(2025, 3, 15)), "ITA")
    assert ita["position"] == "declined" and not ita["disputed"]
    assert ita["outlet"] == "The European Conservative"


def test_countries_filter_fades_the_others_without_removing_them(f):
    full = mapview.country_table(f, "troops")
    t = mapview.country_table(f, "troops", countries=["ITA"])
    assert len(t) == len(full)
    assert row(t, "ITA")["in_filter"] and row(t, "ITA")["fill"] == row(full, "ITA")["fill"]
    fra = row(t, "FRA")
    assert not fra["in_filter"] and fra["has_record"] and fra["fill"][3] == mapview.ALPHA_FADED
    assert rgb(fra) == rgb(row(full, "FRA"))  # same colour, only faded
    assert fra["t_hint"] == "Outside the countries filter"
    assert list(mapview.coloured_table(t)["iso3"]) == ["ITA"]
    assert set(mapview.label_frame(t)["label"]) == {"Italy"}


def test_tooltip_fields_are_plain_text_because_streamlit_escapes_them(f):
    # Measured with streamlit 1.67 (pinned): st.pydeck_chart HTML-escapes every {field} value
    # it puts into an html tooltip (markup in the data shows as text; see the browser test).
    # So the fields stay plain: escaping them here too would print "&#x27;" for apostrophes.
    stances = f.stances.copy()
    hit = (stances["country"] == "ITA") & (stances["issue"] == "troops")
    stances.loc[hit, "summary"] = "<script>alert(1)</script> & <b>bold</b>"
    t = mapview.country_table(dataclasses.replace(f, stances=stances), "troops")
    ita = row(t, "ITA")
    assert ita["t_summary"] == "<script>alert(1)</script> & <b>bold</b>"
    assert "Meloni's office" in ita["t_quote"] and "&#x27;" not in ita["t_quote"]
    # the template itself carries no data text: only tags and {placeholders} for the t_* fields
    spec = json.loads(mapview.build_deck(t).to_json())
    placeholders = set(re.findall(r"{(\w+)}", mapview.TOOLTIP_HTML))
    assert placeholders == set(mapview.TOOLTIP_FIELDS)
    countries = next(layer for layer in spec["layers"] if layer["id"] == "countries")
    assert all(set(mapview.TOOLTIP_FIELDS) <= set(obj) for obj in countries["data"])


def test_quotes_are_shortened_at_a_word_boundary():
    text = "word " * 60
    short = mapview.shorten(text, 160)
    assert len(short) <= 160 and short.endswith("…") and short[:-1].endswith("word")
    assert mapview.shorten("A short quote.") == "A short quote."


def test_hatch_lines_stay_inside_the_polygon_and_out_of_its_holes():
    outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    segs = mapview.hatch_lines([outer, hole], 0.5)
    assert len(segs) > 20
    for (x1, y1), (x2, y2) in segs:
        assert all(-1e-6 <= v <= 10 + 1e-6 for v in (x1, y1, x2, y2))
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        assert not (4.05 < mx < 5.95 and 4.05 < my < 5.95), "a hatch segment crosses the hole"


def test_stipple_points_fall_inside_the_polygon():
    tri = [[0, 0], [10, 0], [0, 10], [0, 0]]
    pts = mapview.stipple_points([tri], 1.0)
    assert len(pts) > 20
    assert all(x >= 0 and y >= -1e-6 and x + y <= 10.2 for x, y in pts)


def test_small_states_get_clickable_dots_in_the_europe_view_only(f):
    t = mapview.country_table(f, "troops")
    assert set(mapview.dot_frame(t)["iso3"]) == geo.SMALL_STATES
    assert mapview.dot_frame(t, small_states=False).empty
    # a country with a record and a tiny outline gets a dot too, whatever the view
    t.loc[t["iso3"] == "ITA", "area_km2"] = 100
    assert set(mapview.dot_frame(t, small_states=False)["iso3"]) == {"ITA"}


def lines_of(spec: dict, width: float) -> list[dict]:
    """The segments of the one LineLayer drawn ``width`` pixels wide (hatching, dots, borders or focus)."""
    widths = (mapview.HATCH_WIDTH, mapview.DOT_WIDTH, mapview.BORDER_WIDTH, mapview.FOCUS_WIDTH)
    assert len(set(widths)) == 4 and width in widths
    lines = next(layer for layer in spec["layers"] if layer["id"] == "lines")
    return [o for o in lines["data"] if o["w"] == width]


def test_deck_is_offline_and_has_pickable_countries_and_dots(f):
    t = mapview.country_table(f, "troops")
    deck = mapview.build_deck(t, view="europe", focus="ITA")
    js = deck.to_json()
    spec = json.loads(js)
    assert "http" not in js and "mapbox" not in js and "carto" not in js.lower()
    assert "NaN" not in js  # JSON.parse in the browser rejects NaN: one would blank the map
    # pydeck's sentinel: Streamlit reads it as "no base map". A missing mapStyle would make Streamlit
    # pick a Carto basemap from the network.
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec
    assert spec["views"] == [{"@@type": "MapView", "controller": True}]
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert layers["countries"]["@@type"] == "SolidPolygonLayer" and layers["countries"]["pickable"]
    assert layers["small-states"]["@@type"] == "ScatterplotLayer" and layers["small-states"]["pickable"]
    assert layers["lines"]["@@type"] == "LineLayer" and not layers["lines"]["pickable"]
    assert layers["lines"]["widthUnits"] == "pixels" and layers["lines"]["getWidth"] == "@@=w"
    ita = [o for o in layers["countries"]["data"] if o["iso3"] == "ITA"]
    assert ita and all(tuple(o["fill"][:3]) in DECLINED_FAMILY for o in ita)
    # Italy (disputed) is hatched, and outlined as the focus, in the one LineLayer
    assert len(lines_of(spec, mapview.HATCH_WIDTH)) == len(mapview.hatch_frame(t, mapview.HATCH_SPACING["europe"])) > 20
    focus = lines_of(spec, mapview.FOCUS_WIDTH)
    assert focus and all(o["c"] == mapview.FOCUS_LINE for o in focus)
    assert len(focus) == sum(len(r) - 1 for rings in mapview._geometry().by_country["ITA"] for r in rings)
    assert spec["initialViewState"]["longitude"] == mapview.VIEWS["europe"]["longitude"]
    assert "\n" not in js  # compact JSON: pydeck's indented form is about 4x the bytes
    world = mapview.build_deck(t, view="world").spec()
    assert world["initialViewState"]["zoom"] == mapview.VIEWS["world"]["zoom"]
    assert lines_of(world, mapview.FOCUS_WIDTH) == []


def test_deck_is_what_st_pydeck_chart_reads_from_a_pydeck_deck(f):
    # st.pydeck_chart (streamlit 1.67) calls to_json(), reads _tooltip, and converts DataFrames in .layers
    deck = mapview.build_deck(mapview.country_table(f, "join"))
    assert deck._tooltip == {"html": mapview.TOOLTIP_HTML, "style": mapview.TOOLTIP_STYLE}
    assert list(deck.layers) == [] and deck.width is None and deck.mapbox_key is None
    assert json.loads(deck.to_json()) == deck.spec()


def test_labels_take_the_automatic_character_set_not_an_accessor(f):
    # pydeck turned character_set="auto" into the accessor "@@=auto" (undefined): no label was drawn
    labels = next(layer for layer in mapview.build_deck(mapview.country_table(f, "join")).spec()["layers"]
                  if layer["id"] == "labels")
    assert labels["characterSet"] == "auto" and labels["getText"] == "@@=label"
    assert {o["label"] for o in labels["data"]} >= {"United Kingdom", "France", "Japan"}


def test_borders_are_drawn_once_per_shared_edge_and_coasts_not_at_all(f):
    t = mapview.country_table(f, "troops")
    spec = mapview.build_deck(t).spec()
    borders = lines_of(spec, mapview.BORDER_WIDTH)
    edges = [tuple(sorted((tuple(o["s"]), tuple(o["t"])))) for o in borders]
    assert len(edges) == len(set(edges)) > 1000  # no edge twice
    owners: dict = {}  # every edge of every ring -> the countries whose outline has it
    for iso3, rings in mapview._geometry().parts:
        for ring in rings:
            for a, b in zip(ring, ring[1:]):
                owners.setdefault(tuple(sorted((a, b))), set()).add(iso3)
    assert set(edges) == {e for e, who in owners.items() if len(who) == 2}  # land borders, nothing else
    fra_ita = {e for e, who in owners.items() if who == {"FRA", "ITA"}}
    assert fra_ita and fra_ita <= set(edges)


def test_a_border_is_faded_only_when_both_sides_are_outside_the_filter(f):
    t = mapview.country_table(f, "troops", countries=["ITA"])
    rows = mapview.border_paths(t)
    assert set(map(tuple, rows["line"])) == {tuple(mapview.LINE), tuple(mapview.LINE_FADED)}
    for r in rows.itertuples():
        touches_italy = "ITA" in (r.iso3, r.neighbour)
        assert (r.line == mapview.LINE) == touches_italy


def square(x0, y0, size):
    return [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]


def test_uncertainty_marks_are_capped_per_country_however_large_it_is():
    gj = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"iso3": iso3, "name": iso3, "region": "Europe", "centroid": [0, 0],
                                           "area_km2": 1}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
        for iso3, ring in (("BIG", square(0, 0, 60)), ("SMA", square(70, 0, 3)))]}
    t = pd.DataFrame({"iso3": ["BIG", "SMA"], "has_record": True, "in_filter": True, "disputed": True,
                      "low_confidence": True})
    hatch = mapview.hatch_frame(t, 0.5, gj)
    dots = mapview.stipple_frame(t, 0.5, gj)
    big, small = (hatch["iso3"] == "BIG").sum(), (hatch["iso3"] == "SMA").sum()
    assert mapview.MAX_HATCH - 2 <= big <= mapview.MAX_HATCH + 2  # 0.5 apart would be ~330 lines
    assert 5 < small < mapview.MAX_HATCH  # a small country keeps the spacing asked for
    n_big = (dots["iso3"] == "BIG").sum()
    assert mapview.MAX_DOTS * 0.6 <= n_big <= mapview.MAX_DOTS * 1.3  # 0.5 apart would be ~20,000 dots


def test_no_hatching_or_dots_outside_the_countries_filter(f):
    t = mapview.country_table(f, "troops", countries=["FRA"])
    assert row(t, "ITA")["disputed"] and mapview.hatch_frame(t, mapview.HATCH_SPACING["europe"]).empty
    t = mapview.country_table(f, "join", countries=["AUS"])
    assert set(mapview.stipple_frame(t, mapview.STIPPLE_SPACING["world"])["iso3"]) == {"AUS"}
    spec = mapview.build_deck(t, view="world").spec()
    assert len(lines_of(spec, mapview.DOT_WIDTH)) == (mapview.stipple_frame(t, mapview.STIPPLE_SPACING["world"])
                                                      ["iso3"] == "AUS").sum()


def test_outlines_are_prepared_once_per_geojson_file(f):
    g = mapview._geometry()
    assert mapview._geometry() is g
    t = mapview.country_table(f, "troops")
    mapview.build_deck(t)
    assert mapview._geometry() is g
    # each part's JSON is its rounded rings
    assert all(json.loads(js) == [[list(p) for p in r] for r in rings] for (_, rings), js in zip(g.parts, g.part_json))
    assert all(round(x, 2) == x for _, rings in g.parts for r in rings for x, _ in r)


def test_deck_always_has_the_same_layers_in_the_same_order(f):
    # In Chromium, a rerun that added or removed a layer made the next click on the map go unnoticed.
    early = mapview.country_table(f, "join", as_of=dt.date(2003, 1, 1))  # nothing to hatch, dot or label
    late = mapview.country_table(f, "troops", countries=["ITA"])
    for t, view, focus in ((early, "world", None), (late, "europe", "ITA"), (late, "world", "ESP")):
        spec = json.loads(mapview.build_deck(t, view=view, focus=focus).to_json())
        assert tuple(layer["id"] for layer in spec["layers"]) == mapview.LAYER_IDS


# the camera on a phone ----------------------------------------------------------------------------------
def _mainland_box(iso3: str) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a country's largest outline (no Azores, no Shetland)."""
    parts = mapview._geometry().by_country[iso3]
    ring = max((rings[0] for rings in parts), key=len)
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _inside(box, view_box) -> bool:
    w, s, e, n = box
    vw, vs, ve, vn = view_box
    return vw <= w and ve >= e and vs <= s and vn >= n


EDGES = ("IRL", "GBR", "PRT", "UKR", "GRC")  # the west, east and south ends of the Europe view


def test_the_europe_camera_fits_ireland_to_ukraine_on_a_desktop_and_on_a_phone():
    desktop = mapview.visible_box(mapview.camera("europe"), 700, mapview.HEIGHT)  # 1280 px window, sidebar open
    phone = mapview.visible_box(mapview.camera("europe", narrow=True), 328, mapview.NARROW_HEIGHT)  # a 360 px phone
    for iso3 in EDGES:
        box = _mainland_box(iso3)
        assert _inside(box, desktop), (iso3, box, desktop)
        assert _inside(box, phone), (iso3, box, phone)
    # what the phone camera is for: the desktop one on a phone cuts the UK (and Ukraine) in half
    cut = mapview.visible_box(mapview.camera("europe"), 328, mapview.NARROW_HEIGHT)
    assert not _inside(_mainland_box("GBR"), cut) and not _inside(_mainland_box("UKR"), cut)


def test_the_phone_camera_spaces_hatching_and_dots_to_look_the_same_on_screen(f):
    t = mapview.country_table(f, "troops")  # Italy: disputed (hatched)
    wide = mapview.build_deck(t).spec()
    narrow = mapview.build_deck(t, narrow=True, height=mapview.NARROW_HEIGHT).spec()
    assert narrow["initialViewState"]["zoom"] < wide["initialViewState"]["zoom"]
    assert narrow["initialViewState"]["height"] == mapview.NARROW_HEIGHT
    n_wide, n_narrow = len(lines_of(wide, mapview.HATCH_WIDTH)), len(lines_of(narrow, mapview.HATCH_WIDTH))
    # 2 ** (3 - 2.15) = 1.8x the spacing: about 1/1.8 of the lines across the same country
    assert 0 < n_narrow < n_wide and n_narrow / n_wide == pytest.approx(1 / 1.8, abs=0.15)
    assert mapview.camera("nowhere") == mapview.camera("europe")
