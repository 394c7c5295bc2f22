"""The map's view model (coalition.views.map) and its pydeck adapter (coalition.render.deck), on the frozen data."""
from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import itertools
import json
import re

import pytest

from coalition import geo, load_frames, palette
from coalition.render import deck
from coalition.views import map as mapview

TODAY = dt.date(2026, 11, 21)
SCREENS = [(view, narrow) for view in mapview.VIEWS for narrow in (False, True)]


@pytest.fixture(scope="module")
def f():
    return load_frames(today=TODAY)


@pytest.fixture(scope="module")
def cells_of(f):
    return mapview.issue_cells(f)


@pytest.fixture(scope="module")
def troops(f, cells_of):
    return mapview.tables(f, "troops", cells_of=cells_of["troops"])[0]


@pytest.fixture(scope="module")
def join(f, cells_of):
    return mapview.tables(f, "join", cells_of=cells_of["join"])[0]


def row(table, iso3):
    return table.set_index("iso3").loc[iso3]


def layers(spec: deck.DeckSpec) -> dict:
    return {layer["id"]: layer for layer in spec.spec()["layers"]}


def marks(model, kind, iso3=None):
    return [m for m in model.marks if m.kind == kind and (iso3 is None or m.iso3 == iso3)]


def centre(ring):
    pts = ring[:-1]
    return sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts)


# 1. colours and marks ------------------------------------------------------------------------------
def test_map_colours_italy_as_declined_on_troops_and_hatches_it(troops):
    ita = row(troops, "ITA")
    assert ita["score"] == -1 and ita["disputed"] and set(ita["positions"]) == {"Declined", "No, unless..."}
    assert ita["fill"] == tuple(palette.rgb(palette.colour(-1))) == (239, 138, 98, 255)  # opaque: exact on screen
    assert "Sources disagree: Declined / No, unless..." in ita["t_status"] and "2 sources" in ita["t_source"]
    model = mapview.model(troops, "europe")
    hatch = marks(model, "hatch")
    assert {m.iso3 for m in hatch} == {"ITA"} and 15 <= len(hatch) <= mapview.MAX_HATCH * 3  # three parts
    assert all(m.colour == mapview.HATCH and len(m.polygon) == 1 and len(m.polygon[0]) == 5 for m in hatch)
    # every hatch line lies on Italy (its middle inside the outline), and the deck carries its iso3
    assert all(mapview._contains(model.outlines, "ITA", *centre(m.polygon[0])) for m in hatch)
    objs = layers(deck.build(model))["marks"]["data"]
    assert len(objs) == len(model.marks) and [o["iso3"] for o in objs] == [m.iso3 for m in model.marks]
    assert [o["fill"] for o in objs if o["iso3"] == "ITA"][-len(hatch):] == [list(mapview.HATCH)] * len(hatch)


def test_a_rumoured_country_is_paler_and_stippled(join):
    aus = row(join, "AUS")
    assert aus["low_confidence"] and aus["confidence"] == "rumoured" and "low confidence: rumoured" in aus["t_status"]
    grey_white = tuple(palette.rgb(palette.colour(0)))
    assert aus["fill"] == mapview.mix(grey_white, (255, 255, 255), mapview.PALER) != grey_white
    jpn = row(join, "JPN")  # reported: the full colour
    assert jpn["fill"] == tuple(palette.rgb(palette.SCORE_COLOURS[-2]))
    model = mapview.model(join, "world")
    stipple = marks(model, "stipple")
    assert {m.iso3 for m in stipple} == {"AUS", "NZL"}
    assert 10 <= len(marks(model, "stipple", "AUS")) <= mapview.MAX_DOTS + 10
    assert all(mapview._contains(model.outlines, m.iso3, *centre(m.polygon[0])) for m in stipple)
    assert not marks(model, "hatch")


def test_a_country_without_a_record_is_grey(troops):
    esp = row(troops, "ESP")
    assert not esp["has_record"] and esp["fill"] == tuple(palette.rgb(palette.NO_RECORD))
    assert esp["t_position"] == palette.NO_RECORD_LABEL and esp["t_quote"] == "" and esp["t_hint"] == ""


def test_countries_outside_the_filter_are_faded_not_marked_not_labelled(f, cells_of):
    table, coloured = mapview.tables(f, "troops", ("GBR", "FRA"), cells_of=cells_of["troops"])
    ita, gbr = row(table, "ITA"), row(table, "GBR")
    assert not ita["in_filter"] and gbr["in_filter"] and ita["t_hint"] == "Outside the countries filter"
    assert ita["fill"] == mapview.mix(palette.rgb(palette.colour(-1)), mapview.SEA, mapview.FADED)
    assert gbr["fill"] == tuple(palette.rgb(palette.SCORE_COLOURS[2]))
    assert list(coloured["iso3"]) == ["FRA", "GBR"]
    model = mapview.model(table, "europe")
    assert not marks(model, "hatch") and not marks(model, "stipple")  # inside the filter only
    labelled = {lb.iso3 for lb in model.labels}
    assert {"GBR", "FRA"} <= labelled and not labelled & {"ITA", "DEU", "ESP"}
    # a border is faded only when both of its sides are outside the filter
    by_pair = {frozenset((b.iso3, b.neighbour)): b.colour for b in model.borders}
    assert by_pair[frozenset(("ITA", "AUT"))] == mapview.LINE_FADED
    assert by_pair[frozenset(("FRA", "ITA"))] == mapview.LINE


def test_coloured_table_lists_the_countries_on_record_with_iso3_first(troops):
    coloured = mapview.coloured_table(troops)
    assert list(coloured.columns)[0] == "iso3"
    assert list(coloured["iso3"]) == ["FRA", "GBR", "DEU", "ITA"]  # by score, then name
    assert coloured.set_index("iso3").loc["ITA", "disputed"] == "Sources disagree: Declined / No, unless..."


def test_every_country_of_the_data_has_an_outline(f):
    codes = set(f.countries["country"])
    assert len(codes) == 10 and codes <= set(mapview.outlines().by_country)


# 2. dots, focus, borders ---------------------------------------------------------------------------
def test_small_states_get_clickable_dots_in_the_europe_view(troops):
    europe, world = mapview.model(troops, "europe"), mapview.model(troops, "world")
    assert {d.iso3 for d in europe.dots} == geo.SMALL_STATES
    assert not world.dots  # no small state on record on troops, and every country on record is big enough
    spec = deck.build(europe)
    dots = layers(spec)["small-states"]["data"]
    assert len(dots) == 2 * len(geo.SMALL_STATES)  # a dark rim, then the dot
    assert {o["iso3"] for o in dots} == geo.SMALL_STATES and all(o["name"] for o in dots)


def test_a_tiny_country_on_record_gets_a_dot_in_any_view(f, cells_of):
    mlt = {**cells_of["troops"]["ITA"], "country": "MLT"}
    table = mapview.tables(f, "troops", cells_of={**cells_of["troops"], "MLT": mlt})[0]
    assert row(table, "MLT")["has_record"]
    for view, narrow in SCREENS:
        assert "MLT" in {d.iso3 for d in mapview.model(table, view, narrow=narrow).dots}, (view, narrow)


def test_the_focused_country_is_outlined(troops):
    plain = mapview.model(troops, "europe")
    focused = mapview.model(troops, "europe", focus="ITA")
    bands = marks(focused, "focus")
    assert not marks(plain, "focus") and focused.focus == "ITA"
    assert len(bands) >= 3 and {m.iso3 for m in bands} == {"ITA"}  # mainland, Sicily, Sardinia
    assert all(len(m.polygon) == 2 and m.colour == mapview.FOCUS_LINE for m in bands)  # a band: outline + hole
    assert focused.marks[-len(bands):] == tuple(bands)  # drawn last, over the hatching
    assert not marks(mapview.model(troops, "europe", focus="XXX"), "focus")


def test_land_borders_are_each_drawn_once_as_thin_bands(troops):
    g = mapview.outlines()
    borders = mapview.land_borders(g)
    edges = [frozenset((a, b)) for path, _, _ in borders for a, b in zip(path, path[1:])]
    assert len(edges) == len(set(edges)) > 3000
    model = mapview.model(troops, "europe")
    bands = marks(model, "border")
    assert len(bands) == len(borders) == len(model.borders) and model.marks[:len(bands)] == tuple(bands)
    # a band is about BORDER_WIDTH_PX wide on screen: its area is about its length times that width
    fra_deu = next(m for m, b in zip(bands, model.borders) if {b.iso3, b.neighbour} == {"FRA", "DEU"})
    pts = [mapview.project(x, y, model.camera) for x, y in fra_deu.polygon[0][:-1]]
    area = abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]))) / 2
    path = [mapview.project(x, y, model.camera) for x, y in
            next(b.path for b in model.borders if {b.iso3, b.neighbour} == {"FRA", "DEU"})]
    length = sum(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 for (x1, y1), (x2, y2) in zip(path, path[1:]))
    assert 0.6 < area / length / mapview.BORDER_WIDTH_PX < 1.4
    pairs = {frozenset((a, b)) for _, a, b in borders}
    assert {frozenset(p) for p in (("FRA", "DEU"), ("UKR", "RUS"), ("USA", "CAN"), ("ITA", "SMR"))} <= pairs
    assert all(b is not None and a != b for _, a, b in borders)  # coasts are not borders


# 3. labels and cameras ---------------------------------------------------------------------------
@pytest.mark.parametrize("issue", ["troops", "join", "un_mandate", "ceasefire_talks"])
def test_no_two_labels_overlap_and_none_leaves_the_canvas(f, cells_of, issue):
    table = mapview.tables(f, issue, cells_of=cells_of[issue])[0]
    for view, narrow in SCREENS:
        model = mapview.model(table, view, narrow=narrow)
        boxes = [lb.box for lb in model.labels]
        assert len(boxes) >= 4, (view, narrow)
        for a, b in itertools.combinations(boxes, 2):
            assert not mapview._overlaps(a, b), (view, narrow, a, b)
        cam = model.camera
        for lb in model.labels:
            # the box holds the label's text where deck.gl draws it, inside the canvas the camera is made for
            w = mapview.text_width(lb.text, lb.size)
            x, y = mapview.project(lb.lon, lb.lat, cam)
            x0 = x - w / 2 if lb.anchor == "middle" else x if lb.anchor == "start" else x - w
            gap = mapview.LABEL_GAP_PX
            assert lb.box[0] + gap - 0.1 <= x0 and x0 + w <= lb.box[2] - gap + 0.1, lb
            assert lb.box[0] + gap >= -cam["width"] / 2 and lb.box[2] - gap <= cam["width"] / 2, lb
            assert lb.box[1] + gap >= -cam["height"] / 2 and lb.box[3] - gap <= cam["height"] / 2, lb


def test_countries_on_record_are_labelled_first_and_readably(troops):
    for narrow in (False, True):
        model = mapview.model(troops, "europe", narrow=narrow)
        by_iso = {lb.iso3: lb for lb in model.labels}
        assert {"GBR", "FRA", "DEU", "ITA"} <= set(by_iso), narrow
        assert by_iso["FRA"].colour == mapview.LIGHT_TEXT  # white on the dark blue of "Committed"
        assert by_iso["GBR"].text == "UK"  # "United Kingdom" does not fit inside it
    for score, hex_colour in palette.SCORE_COLOURS.items():
        want = mapview.LIGHT_TEXT if palette.text_colour(score) == "#ffffff" else mapview.DARK_TEXT
        assert mapview.text_on(palette.rgb(hex_colour)) == want, score


def test_labels_are_sized_in_common_units_so_zooming_cannot_make_them_overlap(troops):
    model = mapview.model(troops, "europe")
    layer = layers(deck.build(model))["labels"]
    assert layer["characterSet"] == "auto" and layer["sizeUnits"] == "common"
    scale = 2 ** model.camera["zoom"]
    assert all(abs(o["size"] * scale - mapview.LABEL_PX) < 0.01 for o in layer["data"])
    assert len(layer["data"]) == len(model.labels) >= 10


def test_the_europe_cameras_frame_ireland_to_ukraine_desktop_and_phone():
    g = mapview.outlines()

    def bbox(iso3):
        ring = max(g.by_country[iso3], key=lambda rs: mapview._merc_area(rs[:1]))[0]
        return min(x for x, _ in ring), min(y for _, y in ring), max(x for x, _ in ring), max(y for _, y in ring)

    ukr, irl, gbr = bbox("UKR"), bbox("IRL"), bbox("GBR")
    for narrow, width in ((False, mapview.CANVAS_WIDTH), (True, mapview.NARROW_CANVAS_WIDTH), (True, 358)):
        cam = mapview.camera("europe", narrow)
        w, s, e, n = mapview.visible_box(cam, width, cam["height"])
        assert w < min(irl[0], gbr[0]) and e > ukr[2], (narrow, width, w, e)
        assert s < 44.0 and n > max(gbr[3], 58.6), (narrow, width, s, n)  # Crimea to Shetland
    # the phone needs its own camera: the desktop one cuts the UK off on a 328 px canvas
    w, _, e, _ = mapview.visible_box(mapview.camera("europe"), mapview.NARROW_CANVAS_WIDTH, mapview.NARROW_HEIGHT)
    assert w > gbr[0] or e < ukr[2]


def test_the_world_cameras_show_the_whole_world_new_zealand_uncut():
    g = mapview.outlines()
    xs = [x for rings in g.by_country["NZL"] for ring in rings for x, _ in ring]
    for narrow, width in ((False, mapview.CANVAS_WIDTH), (True, mapview.NARROW_CANVAS_WIDTH)):
        cam = mapview.camera("world", narrow)
        w, s, e, n = mapview.visible_box(cam, width, cam["height"])
        assert w <= -168 and e >= max(xs) and e >= 185, (narrow, w, e)  # Alaska to NZ and Chukotka
        assert s <= -56 and n >= 75, (narrow, s, n)  # Tierra del Fuego to the Arctic islands


def test_no_camera_shows_more_than_the_worlds_height():
    # deck.gl zooms in until the world is as tall as the canvas (measured: the phone's world view at
    # 420 px high lost New Zealand), so every camera, and its zoom-out limit, keeps the world taller
    for view, narrow in SCREENS:
        cam = mapview.camera(view, narrow)
        assert mapview.world_px(cam["minZoom"]) >= cam["height"] - 0.5, (view, narrow)
        _, s, _, n = mapview.visible_box(cam, 300, cam["height"])  # ... and moves a centre that shows beyond
        assert s >= -85.05 and n <= 85.05, (view, narrow, s, n)      # the poles (85.05 degrees in Mercator)
        assert cam["minZoom"] <= cam["zoom"] - 0.0 and cam["maxZoom"] >= cam["zoom"] + 4


# 4. the deck --------------------------------------------------------------------------------------
def test_the_deck_is_offline(troops):
    for view, narrow in SCREENS:
        text = deck.build(mapview.model(troops, view, narrow=narrow)).to_json()
        assert not re.search(r"https?:|//|mapbox|carto", text, re.I), (view, narrow)
        spec = json.loads(text)
        assert spec["mapStyle"] == deck.MAP_STYLE == "__MAP_STYLE__"  # Streamlit's "no base map"
        assert spec["views"][0]["clear"] is True and spec["views"][0]["clearColor"] == list(mapview.SEA)


def test_the_layers_are_the_same_in_the_same_order_whatever_is_shown(f, cells_of, troops):
    seen = set()
    for issue in ("troops", "join", "ceasefire_talks"):
        table = mapview.tables(f, issue, cells_of=cells_of[issue])[0]
        for view, narrow in SCREENS:
            for focus in (None, "ITA"):
                spec = deck.build(mapview.model(table, view, focus, narrow)).spec()
                seen.add(tuple((layer["id"], layer["@@type"]) for layer in spec["layers"]))
    assert seen == {(("countries", "SolidPolygonLayer"), ("marks", "SolidPolygonLayer"),
                     ("small-states", "SolidPolygonLayer"), ("labels", "TextLayer"))}
    assert tuple(i for i, _ in seen.pop()) == deck.LAYER_IDS
    spec = layers(deck.build(mapview.model(troops, "world")))
    assert spec["small-states"]["data"] == [] and spec["countries"]["pickable"] and not spec["marks"]["pickable"]


def test_every_outline_part_is_a_pickable_object_with_its_colour(troops):
    model = mapview.model(troops, "europe")
    objs = layers(deck.build(model))["countries"]["data"]
    assert len(objs) == len(model.outlines.parts) > 300
    ita = [o for o in objs if o["iso3"] == "ITA"]
    assert len(ita) == len(model.outlines.by_country["ITA"]) and all(o["fill"] == [239, 138, 98, 255] for o in ita)
    assert all(len(o["fill"]) == 4 and o["name"] for o in objs)


def test_the_world_view_with_every_outline_is_at_most_150_kb_gzipped(troops):
    for view in mapview.VIEWS:
        text = deck.build(mapview.model(troops, view, focus="RUS")).to_json()
        assert len(gzip.compress(text.encode())) <= 150 * 1024, view
    outlines = deck._parts_json(mapview.outlines())
    assert outlines is deck._parts_json(mapview.outlines())  # encoded once per outline file


def test_tooltip_fields_are_plain_text_because_st_pydeck_chart_escapes_them(f):
    # st.pydeck_chart (streamlit 1.67) fills the html template's {field}s with HTML-escaped values, so
    # the data stays plain: escaping it here too would show "&#x27;" for every apostrophe.
    stances = f.stances.copy()
    hit = (stances["country"] == "ITA") & (stances["issue"] == "troops")
    stances.loc[hit, "summary"] = "<img src=x onerror=alert(1)> & [x](javascript:alert(1))"
    table = mapview.country_table(dataclasses.replace(f, stances=stances), "troops")
    spec = deck.build(mapview.model(table, "europe"))
    ita = next(o for o in layers(spec)["countries"]["data"] if o["iso3"] == "ITA")
    assert ita["summary"] == "<img src=x onerror=alert(1)> & [x](javascript:alert(1))"
    assert "Meloni's office" in ita["quote"] and "&#x27;" not in spec.to_json()
    assert ita["name"] == "Italy" and ita["position"] == "No, unless..." and ita["hint"] == "Click for the evidence"
    html = spec._tooltip["html"]
    assert set(re.findall(r"{(\w+)}", html)) == set(deck.TIP_KEYS.values())
    assert "Italy" not in html and "Meloni" not in html  # the template holds no data


# 5. what a click selected ---------------------------------------------------------------------------
def test_picked_reads_the_clicked_country_from_the_selection():
    country = {"selection": {"indices": {"countries": [290]},
                             "objects": {"countries": [{"polygon": [[[1, 2]]], "iso3": "ITA", "name": "Italy"}]}}}
    dot = {"selection": {"indices": {"small-states": [5]}, "objects": {"small-states": [{"iso3": "LUX"}]}}}
    assert deck.picked(country) == "ITA" and deck.picked(dot) == "LUX"
    assert deck.picked({"selection": {"indices": {}, "objects": {}}}) is None  # a click on the sea
    assert deck.picked(None) is None and deck.picked({}) is None
    assert deck.picked({"selection": {"objects": {"countries": [{"iso3": None}]}}}) is None
    assert deck.picked({"selection": {"objects": {"countries": [{"iso3": "<b>"}]}}}) is None
    both = {"selection": {"objects": {"countries": [{"iso3": "ITA"}], "small-states": [{"iso3": "SMR"}]}}}
    assert deck.picked(both) == "SMR"  # a dot wins over the outline under it

    class State:  # st.pydeck_chart's return value reads by attribute too
        selection = {"indices": {"countries": [1]}, "objects": {"countries": [{"iso3": "FRA"}]}}

    assert deck.picked(State()) == "FRA"


def test_the_legend_says_what_every_mark_means():
    keys = [e.key for e in mapview.LEGEND]
    assert keys == ["disputed", "low_confidence", "faded", "no_record", "dot"]
    assert all(e.text and re.fullmatch(r"#[0-9a-f]{6}", e.swatch["fill"]) for e in mapview.LEGEND)
    assert mapview.VIEWS == {"europe": "Europe", "world": "World"}


def test_hatching_and_stipple_leave_the_labels_free(troops, join):
    for table, kind, iso3 in ((troops, "hatch", "ITA"), (troops, "stipple", "DEU"), (join, "stipple", "AUS")):
        for view, narrow in SCREENS:
            model = mapview.model(table, view, narrow=narrow)
            label = next((lb for lb in model.labels if lb.iso3 == iso3), None)
            if label is None:
                continue
            x0, y0, x1, y1 = label.box
            # the label box as (lon, lat): the marks' centres keep out of it
            w, n = mapview.unproject(x0, y0, model.camera)
            e, s = mapview.unproject(x1, y1, model.camera)
            inside = [m for m in marks(model, kind, iso3)
                      if w < centre(m.polygon[0])[0] < e and s < centre(m.polygon[0])[1] < n]
            assert not inside and marks(model, kind, iso3), (iso3, view, narrow)


def test_polygons_go_out_in_deck_gls_flat_form_with_their_holes():
    g = mapview.outlines()
    rings = max(g.by_country["ITA"], key=len)  # the mainland, with San Marino and the Vatican as holes
    assert len(rings) == 3
    poly = deck.flat(rings)
    sizes = [2 * (len(r) - 1) for r in rings]  # open rings: deck.gl closes them
    assert poly["holeIndices"] == [sizes[0], sizes[0] + sizes[1]] and len(poly["positions"]) == sum(sizes)
    assert poly["positions"][:2] == list(rings[0][0]) and poly["positions"][sizes[0]:sizes[0] + 2] == list(rings[1][0])
    assert deck.flat([((0, 0), (1, 0), (1, 1), (0, 0))]) == [0, 0, 1, 0, 1, 1]
    spec = deck.build(mapview.model(mapview.country_table(load_frames(today=TODAY), "troops"), "europe")).spec()
    assert {layer.get("positionFormat") for layer in spec["layers"] if layer["@@type"] == "SolidPolygonLayer"} == {"XY"}
