"""Checks on data/world.geojson (the map's outlines) and the coalition.geo loader."""

import os

import pycountry
import pytest

from coalition.geo import (GEOJSON_PATH, SMALL_STATES, centroids_frame, load_geojson,
                           polygons_frame)

MICROSTATES = {"MLT", "AND", "LIE", "MCO", "SMR", "VAT"}
REQUIRED = {"GBR", "FRA", "DEU", "ITA", "JPN", "AUS", "NZL", "USA", "RUS", "UKR", "CAN", "TUR"}

# (lon_min, lon_max, lat_min, lat_max) the label centroid must fall in
CENTROID_BOXES = {
    "FRA": (-5, 10, 41, 52),
    "NLD": (3, 8, 50, 54),
    "GBR": (-6, 2, 50, 58),
    "DEU": (6, 15, 47, 55),
    "ESP": (-9, 3, 36, 44),
    "PRT": (-10, -6, 37, 42),
    "NOR": (5, 31, 58, 71),
    "DNK": (8, 13, 54, 58),
    "UKR": (22, 40, 44, 53),
    "RUS": (30, 180, 45, 75),
    "USA": (-125, -67, 25, 49),
    "CAN": (-141, -52, 42, 75),
    "AUS": (113, 154, -39, -11),
    "NZL": (166, 179, -47, -34),
    "JPN": (129, 146, 30, 46),
    "TUR": (26, 45, 36, 42),
    "CYP": (32, 35, 34, 36),
    "XKX": (20, 22, 41.8, 43.3),
    "VAT": (12.4, 12.5, 41.8, 42),
}


@pytest.fixture(scope="module")
def geo():
    return load_geojson()


@pytest.fixture(scope="module")
def features(geo):
    return {f["properties"]["iso3"]: f for f in geo["features"]}


def parts(feature):
    g = feature["geometry"]
    return [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]


def test_file_is_small():
    assert os.path.getsize(GEOJSON_PATH) < 300 * 1024


def test_loader_is_cached(geo):
    assert load_geojson() is geo
    assert load_geojson(str(GEOJSON_PATH)) is geo
    assert geo["type"] == "FeatureCollection"


def test_required_countries_present(features):
    assert MICROSTATES | REQUIRED <= set(features)
    assert parts(features["RUS"])


def test_iso3_unique_and_valid(geo):
    codes = [f["properties"]["iso3"] for f in geo["features"]]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code == "XKX" or pycountry.countries.get(alpha_3=code), code


def test_properties(features):
    for code, f in features.items():
        p = f["properties"]
        assert p["name"] and p["region"] in ("Europe", "Outside Europe"), code
        assert p["area_km2"] > 0 and len(p["centroid"]) == 2, code
    assert features["FRA"]["properties"]["region"] == "Europe"
    assert features["USA"]["properties"]["region"] == "Outside Europe"


def test_no_part_spans_antimeridian(features):
    for code, f in features.items():
        lons = [lon for poly in parts(f) for ring in poly for lon, _ in ring]
        assert max(lons) - min(lons) <= 180, code  # whole country, so no part either
    rus = [lon for poly in parts(features["RUS"]) for ring in poly for lon, _ in ring]
    assert 19 <= min(rus) and max(rus) <= 191


def test_rings_are_closed_polygons(features):
    for code, f in features.items():
        for poly in parts(f):
            for ring in poly:
                assert len(ring) >= 4 and ring[0] == ring[-1], code
                assert len({tuple(p) for p in ring}) >= 3, code
                assert all(round(c, 3) == c for p in ring for c in p), code


def test_centroids_in_plausible_boxes(features):
    for code, (x0, x1, y0, y1) in CENTROID_BOXES.items():
        lon, lat = features[code]["properties"]["centroid"]
        assert x0 <= lon <= x1 and y0 <= lat <= y1, (code, lon, lat)


def test_overseas_parts_are_drawn_with_their_country(features):
    # a world map: French Guiana is France, and its centroid stays in metropolitan France
    guiana = [poly for poly in parts(features["FRA"]) if all(lon < -50 for lon, _ in poly[0])]
    assert guiana, "French Guiana is part of France's outline"


def test_polygons_frame(geo, features):
    df = polygons_frame(geo)
    assert list(df.columns) == ["iso3", "name", "region", "polygon", "centroid_lon", "centroid_lat"]
    assert set(df["iso3"]) == set(features)
    assert (df.groupby("iso3").size() >= 1).all()
    ring = df.loc[df["iso3"] == "VAT", "polygon"].iloc[0][0]
    assert len(ring) >= 4 and len(ring[0]) == 2


def test_centroids_frame_and_small_states(geo):
    df = centroids_frame(geo)
    assert list(df.columns) == ["iso3", "name", "region", "lon", "lat", "area_km2"]
    assert df["iso3"].is_unique and len(df) == len(geo["features"])
    area = df.set_index("iso3")["area_km2"]
    assert MICROSTATES <= SMALL_STATES <= set(area.index)
    assert (area[list(SMALL_STATES)] < 3000).all()
    assert area["RUS"] > 15e6 and 540e3 < area["FRA"] < 700e3  # metropolitan France and its overseas parts


# data/world.geojson: every country of the world, for the pydeck map ------------------------------
@pytest.fixture(scope="module")
def world():
    from coalition.geo import load_world
    return {f["properties"]["iso3"]: f for f in load_world()["features"]}


def test_world_has_every_country(world):
    # every UN member Natural Earth draws at 1:50m, with dependencies such as Greenland; no Antarctica
    assert len(world) >= 220
    assert {"BRA", "IND", "ZAF", "NZL", "CHN", "ARG", "EGY", "IDN", "MEX", "GRL", "MDV", "FJI"} <= set(world)
    assert MICROSTATES | REQUIRED | {"LUX", "XKX", "CYP"} <= set(world)
    assert "ATA" not in world


def test_world_names_and_regions(world):
    assert world["GBR"]["properties"]["name"] == "United Kingdom"  # the map's own names for the 58 it knew
    assert world["VAT"]["properties"]["name"] == "Vatican City" and world["XKX"]["properties"]["name"] == "Kosovo"
    assert world["BRA"]["properties"]["name"] == "Brazil" and world["IRN"]["properties"]["name"] == "Iran"
    assert not [c for c, f in world.items() if "," in f["properties"]["name"]]  # no inverted ISO names
    europe = {c for c, f in world.items() if f["properties"]["region"] == "Europe"}
    assert len(europe) == 50 and {"FRA", "UKR", "RUS", "TUR"} <= europe and "USA" not in europe
    for code, f in world.items():
        assert code == "XKX" or pycountry.countries.get(alpha_3=code), code
        p = f["properties"]
        assert p["area_km2"] > 0 and len(p["centroid"]) == 2 and len(p["label"]) == 2, code


def test_world_outlines_are_closed_rings_that_do_not_wrap(world):
    rings = 0
    for code, f in world.items():
        lons = [lon for poly in parts(f) for ring in poly for lon, _ in ring]
        assert max(lons) - min(lons) <= 180 or code == "RUS", code  # Russia spans 19.6 E to 190 E
        for poly in parts(f):
            for ring in poly:
                assert len(ring) >= 4 and ring[0] == ring[-1] and len({tuple(p) for p in ring}) >= 3, code
                rings += 1
    assert rings > 500
    rus = [lon for poly in parts(world["RUS"]) for ring in poly for lon, _ in ring]
    assert 19 <= min(rus) and 185 <= max(rus) <= 191  # Chukotka unwrapped east of 180
    nzl = [lon for poly in parts(world["NZL"]) for ring in poly for lon, _ in ring]
    assert 166 <= min(nzl) and max(nzl) <= 185


def test_world_draws_crimea_as_ukraine(world):
    from coalition.views.map import _contains, outlines
    g = outlines()
    assert _contains(g, "UKR", 34.1, 45.0) and not _contains(g, "RUS", 34.1, 45.0)  # Simferopol
    assert _contains(g, "RUS", 37.6, 55.75)  # Moscow


def test_world_labels_lie_inside_their_country(world):
    from coalition.views.map import _contains, outlines
    g = outlines()
    # the label point is the pole of inaccessibility of the largest part: inside even for a crescent
    assert sum(_contains(g, c, *f["properties"]["label"]) for c, f in world.items()) == len(world)
    lon, lat = world["HRV"]["properties"]["label"]
    assert 13 <= lon <= 20 and 42 <= lat <= 47


def test_world_file_is_small():
    from coalition.geo import WORLD_PATH
    assert os.path.getsize(WORLD_PATH) < 400 * 1024
