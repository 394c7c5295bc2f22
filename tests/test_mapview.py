"""coalition.mapview: countries joined with their position on one issue, and the offline Vega-Lite map."""
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


def test_tooltip_fields_are_plain_text_because_vega_tooltip_escapes_them(f):
    # Measured with streamlit 1.67 (pinned): Streamlit's vega-tooltip handler escapes every string of the
    # tooltip object (& and < become entities; markup in the data shows as text; see the browser test).
    # So the fields stay plain: escaping them here too would print "&#x27;" for apostrophes.
    stances = f.stances.copy()
    hit = (stances["country"] == "ITA") & (stances["issue"] == "troops")
    stances.loc[hit, "summary"] = "<script>alert(1)</script> & <b>bold</b>"
    t = mapview.country_table(dataclasses.replace(f, stances=stances), "troops")
    ita = row(t, "ITA")
    assert ita["t_summary"] == "<script>alert(1)</script> & <b>bold</b>"
    assert "Meloni's office" in ita["t_quote"] and "&#x27;" not in ita["t_quote"]
    spec = mapview.build_spec(t)
    tip = props(spec)["ITA"]["tip"]
    assert tip["title"] == "Italy" and tip["Summary"] == "<script>alert(1)</script> & <b>bold</b>"
    assert tip["Quote"] == ita["t_quote"] and tip["Position"] == "No, unless..."
    # the tooltip is the object itself (vega-tooltip: title as heading, then a key/value table); no key is
    # "image" (vega-tooltip would make it an <img src>), and empty fields are left out
    for name in ("countries", "small-states"):
        assert layers(spec)[name]["mark"]["tooltip"] == {"expr": "datum.properties.tip"}
    tips = [p["tip"] for p in props(spec).values()]
    assert all("image" not in tip and all(isinstance(v, str) and v for v in tip.values()) for tip in tips)
    assert props(spec)["ESP"]["tip"] == {"title": "Spain", "Position": palette.NO_RECORD_LABEL}


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


def layers(spec: dict) -> dict:
    """The spec's layers by name."""
    return {layer["name"]: layer for layer in spec["layer"]}


def topology(spec: dict) -> dict:
    data = layers(spec)["countries"]["data"]
    assert data["format"] == {"type": "topojson", "feature": "countries"}
    return data["values"]


def props(spec: dict) -> dict:
    """iso3 -> the properties of its outline (fill, opacity, tip)."""
    return {g["properties"]["iso3"]: g["properties"] for g in topology(spec)["objects"]["countries"]["geometries"]}


def decode(topo: dict, index: int) -> list[tuple[float, float]]:
    """One delta-encoded, quantised TopoJSON arc as (lon, lat) points (as topojson-client decodes it)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    x = y = 0
    out = []
    for dx, dy in topo["arcs"][index]:
        x, y = x + dx, y + dy
        out.append((round(x * sx + tx, 6), round(y * sy + ty, 6)))
    return out


def rings_of(spec: dict, iso3: str) -> list[list[tuple[float, float]]]:
    topo = topology(spec)
    geom = next(g for g in topo["objects"]["countries"]["geometries"] if g["properties"]["iso3"] == iso3)
    assert geom["type"] == "MultiPolygon"
    return [decode(topo, arc) for polygon in geom["arcs"] for ring in polygon for arc in ring]


def features(spec: dict, name: str) -> list[dict]:
    values = layers(spec)[name]["data"]["values"]
    assert isinstance(values, list)
    return values


def segments(feature_list: list[dict]) -> list[tuple]:
    """Every edge (sorted ends) of the LineStrings of MultiLineString features."""
    out = []
    for feat in feature_list:
        assert feat["geometry"]["type"] == "MultiLineString"
        for path in feat["geometry"]["coordinates"]:
            out += [tuple(sorted((tuple(a), tuple(b)))) for a, b in zip(path, path[1:])]
    return out


def hexa(colour: str, alpha: int) -> tuple[str, float]:
    return colour, round(alpha / 255, 3)


def test_spec_is_offline_and_has_selectable_countries_and_dots(f):
    t = mapview.country_table(f, "troops")
    spec = mapview.build_spec(t, view="europe", focus="ITA")
    js = json.dumps(spec, allow_nan=False)  # JSON.parse in the browser rejects NaN: one would blank the map
    assert "http" not in js and "mapbox" not in js and "carto" not in js.lower()
    assert '"url"' not in js  # every layer's data is inline: nothing is fetched
    ls = layers(spec)
    assert tuple(ls) == mapview.LAYER_IDS
    assert ls["countries"]["mark"]["type"] == "geoshape"
    assert [p["name"] for p in ls["countries"]["params"]] == ["country", "hover_country"]
    assert [p["name"] for p in ls["small-states"]["params"]] == ["dot", "hover_dot"]
    assert all(p["select"]["type"] == "point" and p["select"]["fields"] == ["iso3"]
               for name in ("countries", "small-states") for p in ls[name]["params"])
    assert [p["select"]["on"] for p in ls["countries"]["params"]] == ["click", "pointerover"]  # hover: a highlight
    assert ls["countries"]["encoding"]["strokeWidth"]["condition"]["param"] == "hover_country"
    assert mapview.SELECTIONS == ("country", "dot")
    # colours come from the data as they are (scale null), so the palette's hex is what the SVG fills with
    assert ls["countries"]["encoding"]["fill"] == {"field": "properties.fill", "type": "nominal", "scale": None,
                                                   "legend": None}
    ita = props(spec)["ITA"]
    assert (ita["fill"], ita["opacity"]) == hexa(palette.SCORE_COLOURS[-1], mapview.ALPHA_RECORD)
    assert (props(spec)["GBR"]["fill"], props(spec)["GBR"]["opacity"]) == hexa(palette.SCORE_COLOURS[2],
                                                                               mapview.ALPHA_RECORD)
    assert props(spec)["ESP"]["fill"] == palette.NO_RECORD
    # Italy (disputed) is hatched: one MultiLineString of every hatch segment
    hatch = features(spec, "hatching")
    assert len(hatch) == 1 and hatch[0]["geometry"]["type"] == "MultiLineString"
    assert len(hatch[0]["geometry"]["coordinates"]) == len(mapview.hatch_frame(t, mapview.HATCH_SPACING["europe"])) > 20
    # Germany (rumoured/uncertain on troops) is dotted
    assert len(features(spec, "stipple")) == len(mapview.stipple_frame(t, mapview.STIPPLE_SPACING["europe"])) > 5
    # the focused country is outlined: every ring of Italy, black, on top of the countries
    focus = features(spec, "focus")
    assert len(focus) == 1 and focus[0]["properties"]["stroke"] == "#000000"
    assert ls["focus"]["mark"]["strokeWidth"] == mapview.FOCUS_WIDTH and not ls["focus"]["mark"]["filled"]
    assert len(focus[0]["geometry"]["coordinates"]) == sum(len(r) for r in mapview._geometry().by_country["ITA"])
    # the small states are dots: Points, one per small state, with their own colour and tooltip
    dots = features(spec, "small-states")
    assert {d["properties"]["iso3"] for d in dots} == geo.SMALL_STATES
    assert all(d["geometry"]["type"] == "Point" for d in dots)
    # framed on Europe, fitted to the chart's width; every mark is clipped to the chart
    w, s_, e, n = mapview.VIEW_BOX["europe"]
    assert spec["projection"]["fit"]["geometry"]["coordinates"] == [[w, s_], [e, n]]
    assert all(layer["mark"]["clip"] for layer in spec["layer"])
    assert "width" not in spec and spec["height"] == mapview.HEIGHT  # st.vega_lite_chart(width="stretch")
    world = mapview.build_spec(t, view="world")
    assert world["projection"]["fit"]["geometry"]["coordinates"][0] == list(mapview.VIEW_BOX["world"][:2])
    assert features(world, "focus") == [] and features(world, "small-states") == []


def test_outline_rings_are_clockwise_as_d3_geo_wants_them(f):
    # RFC 7946 rings are counter-clockwise; d3-geo (Vega) reads that as "the globe minus the country"
    # (seen: a map that was one solid colour). So every ring is reversed: exterior rings clockwise.
    t = mapview.country_table(f, "troops")

    def signed_area(ring):  # > 0: counter-clockwise in (lon, lat)
        return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2

    for iso3, view in (("ITA", "europe"), ("FRA", "europe"), ("GBR", "europe"), ("DEU", "world"), ("AUS", "world")):
        spec = mapview.build_spec(t, view=view)
        polys = mapview._geometry().by_country[iso3]
        rings = rings_of(spec, iso3)
        assert len(rings) == sum(len(p) for p in polys)
        for polygon in polys:
            assert signed_area(polygon[0]) > 0  # the file's exterior rings: counter-clockwise
        ext = [rings[sum(len(p) for p in polys[:k])] for k in range(len(polys))]
        assert all(signed_area(r) < 0 for r in ext), iso3  # drawn clockwise
        # and the arcs are the rounded rings exactly, reversed
        flat = [ring for p in polys for ring in p]
        assert all(r == [tuple(pt) for pt in ring[::-1]] for r, ring in zip(rings, flat))


def test_spec_labels_the_countries_on_record(f):
    spec = mapview.build_spec(mapview.country_table(f, "join"))
    labels = {o["label"] for o in features(spec, "labels")}
    assert labels >= {"United Kingdom", "France", "Japan"}
    assert features(spec, "label-halo") == features(spec, "labels")
    assert layers(spec)["labels"]["mark"]["type"] == "text"
    assert layers(spec)["labels"]["encoding"]["text"] == {"field": "label"}


def test_borders_are_drawn_once_per_shared_edge_and_coasts_not_at_all(f):
    t = mapview.country_table(f, "troops")
    spec = mapview.build_spec(t)
    borders = features(spec, "borders")
    assert len(borders) == 1 and borders[0]["properties"]["width"] == mapview.BORDER_WIDTH  # none faded
    edges = segments(borders)
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
    assert features(mapview.build_spec(t), "hatching") == []
    t = mapview.country_table(f, "join", countries=["AUS"])
    assert set(mapview.stipple_frame(t, mapview.STIPPLE_SPACING["world"])["iso3"]) == {"AUS"}
    spec = mapview.build_spec(t, view="world")
    assert len(features(spec, "stipple")) == (mapview.stipple_frame(t, mapview.STIPPLE_SPACING["world"])
                                              ["iso3"] == "AUS").sum() > 5


def test_faded_countries_and_borders_outside_the_filter_in_the_spec(f):
    spec = mapview.build_spec(mapview.country_table(f, "troops", countries=["ITA"]))
    fra, ita = props(spec)["FRA"], props(spec)["ITA"]
    assert (fra["fill"], fra["opacity"]) == hexa(palette.SCORE_COLOURS[2], mapview.ALPHA_FADED)  # same colour, faded
    assert ita["opacity"] == round(mapview.ALPHA_RECORD / 255, 3)
    near, far = features(spec, "borders")
    assert (near["properties"]["stroke"], near["properties"]["opacity"]) == mapview.css(mapview.LINE)
    assert (far["properties"]["stroke"], far["properties"]["opacity"]) == mapview.css(mapview.LINE_FADED)
    rows = mapview.border_paths(mapview.country_table(f, "troops", countries=["ITA"]))
    assert len(near["geometry"]["coordinates"]) == sum(r == mapview.LINE for r in rows["line"])
    assert {o["label"] for o in features(spec, "labels")} == {"Italy"}


def test_outlines_are_prepared_once_per_geojson_file(f):
    g = mapview._geometry()
    assert mapview._geometry() is g
    t = mapview.country_table(f, "troops")
    spec = mapview.build_spec(t)
    assert mapview._geometry() is g
    assert topology(spec)["arcs"] is mapview._topology(g, "europe")[0]  # shared, not copied or re-rounded per spec
    g_arcs = mapview._topology(g, "europe")[0]
    assert all(round(x, 2) == x for _, rings in g.parts for r in rings for x, _ in r)
    assert all(isinstance(v, int) for arc in g_arcs for pt in arc for v in pt)  # quantised: integers only


def test_spec_always_has_the_same_layers_in_the_same_order(f):
    early = mapview.country_table(f, "join", as_of=dt.date(2003, 1, 1))  # nothing to hatch, dot or label
    late = mapview.country_table(f, "troops", countries=["ITA"])
    for t, view, focus in ((early, "world", None), (late, "europe", "ITA"), (late, "world", "ESP")):
        spec = json.loads(json.dumps(mapview.build_spec(t, view=view, focus=focus), allow_nan=False))
        assert tuple(layer["name"] for layer in spec["layer"]) == mapview.LAYER_IDS
    assert mapview.build_spec(early, view="nowhere")["projection"] == mapview.build_spec(early)["projection"]


# the views: framed by the projection's fit, whatever the chart's width ----------------------------------
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


def test_the_views_frame_ireland_to_ukraine_and_the_usa_to_new_zealand():
    # The projection fits VIEW_BOX into the chart, on a desktop and on a phone alike (the deck.gl map had a
    # fixed zoom, and a phone saw the UK cut in half). The box is what the reader is sure to see.
    for iso3 in ("IRL", "GBR", "PRT", "UKR", "GRC", "ITA", "FRA", "DEU", "POL"):
        assert _inside(_mainland_box(iso3), mapview.VIEW_BOX["europe"]), iso3
    assert not _inside(_mainland_box("RUS"), mapview.VIEW_BOX["europe"])  # clipped, not framed: it spans 190 degrees
    for iso3 in ("AUS", "NZL", "JPN", "GBR", "CAN"):
        assert _inside(_mainland_box(iso3), mapview.VIEW_BOX["world"]), iso3
    # turned 10 degrees west: the map's edge (the antimeridian of the rotated globe) is at 170 W, between
    # Alaska's mainland and Russia's far east, and inside neither view box
    west, _, east, _ = mapview.VIEW_BOX["world"]
    edge = -180 - mapview.VIEW_ROTATE["world"]
    assert west > edge and east < edge + 360 and _mainland_box("NZL")[2] + 8 < edge + 360


def test_the_europe_view_sends_only_the_outlines_it_may_show(f):
    t = mapview.country_table(f, "troops")
    europe, world = mapview.build_spec(t), mapview.build_spec(t, view="world")
    w, s_, e, n = mapview.SEND_BOX["europe"]
    assert set(props(europe)) == mapview.view_countries("europe") and "JPN" not in props(europe)
    assert {"JPN", "AUS", "NZL", "USA"} <= set(props(world)) == mapview.view_countries("world")
    rus = [p for ring in rings_of(europe, "RUS") for p in ring]
    assert rus and all(w <= x <= e and s_ <= y <= n for x, y in rus)  # Russia clipped to what can be seen
    assert len(rus) < 0.8 * sum(len(r) for ring in rings_of(world, "RUS") for r in [ring])
    for iso3 in ("FRA", "ITA", "UKR", "FIN"):  # inside: untouched, so their shared borders still match
        assert rings_of(europe, iso3) == rings_of(world, iso3)
    sent = sum(len(a) for a in topology(europe)["arcs"])
    assert sent < 0.7 * sum(len(a) for a in topology(world)["arcs"])


def test_a_ring_is_clipped_to_a_box():
    ring = [(-5.0, 0.0), (5.0, 0.0), (5.0, 4.0), (-5.0, 4.0), (-5.0, 0.0)]
    assert mapview._clip_ring(ring, (0.0, -10.0, 10.0, 10.0)) == [(0.0, 0.0), (5.0, 0.0), (5.0, 4.0), (0.0, 4.0), (0.0, 0.0)]
    assert mapview._clip_ring(ring, (20.0, 20.0, 30.0, 30.0)) == []
    assert mapview._clip_ring(ring, (-10.0, -10.0, 10.0, 10.0)) == ring
