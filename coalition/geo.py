"""Country outlines for the map page (pure Python, no Streamlit).

``data/world.geojson`` is built once by scripts/build_geo.py from Natural Earth
(public domain) and committed; nothing is fetched at run time. It has every country
of the world, each with its properties: iso3, name, region ("Europe" or
"Outside Europe"), centroid [lon, lat], area_km2 and a ``label`` point inside
the country's largest part.
"""

import functools
import json
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
WORLD_PATH = GEOJSON_PATH = ROOT / "data" / "world.geojson"

# Too small to click on a Europe-scale map (< ~3000 km2): draw a dot instead.
SMALL_STATES = {"AND", "LIE", "LUX", "MCO", "MLT", "SMR", "VAT"}


def load_world(path=None) -> dict:
    """Every country of the world as a FeatureCollection (cached; do not mutate the result)."""
    return _load(str(path or WORLD_PATH))


load_geojson = load_world


@functools.lru_cache(maxsize=None)
def _load(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _polygons(geometry):
    """Polygons (lists of rings) of a Polygon or MultiPolygon geometry."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def polygons_frame(geojson) -> pd.DataFrame:
    """One row per polygon part: iso3, name, region, polygon, centroid_lon, centroid_lat.

    `polygon` is a list of [lon, lat] rings (outer ring first, then holes),
    as in the GeoJSON file (RFC 7946: exterior rings counter-clockwise).
    """
    rows = []
    for feature in geojson["features"]:
        p = feature["properties"]
        for rings in _polygons(feature["geometry"]):
            rows.append({
                "iso3": p["iso3"], "name": p["name"], "region": p["region"],
                "polygon": rings,
                "centroid_lon": p["centroid"][0], "centroid_lat": p["centroid"][1],
            })
    return pd.DataFrame(rows, columns=["iso3", "name", "region", "polygon",
                                       "centroid_lon", "centroid_lat"])


def centroids_frame(geojson) -> pd.DataFrame:
    """One row per country: iso3, name, region, lon, lat, area_km2."""
    rows = [{
        "iso3": p["iso3"], "name": p["name"], "region": p["region"],
        "lon": p["centroid"][0], "lat": p["centroid"][1], "area_km2": p["area_km2"],
    } for p in (f["properties"] for f in geojson["features"])]
    return pd.DataFrame(rows, columns=["iso3", "name", "region", "lon", "lat", "area_km2"])
