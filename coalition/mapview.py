"""The map page's data: countries joined with their position on one issue (no Streamlit).

``country_table`` gives one row per country outline with its position on the
issue in focus, as on record on the ``as_of`` day (grey "No record in the
sources" otherwise), the fill colour from ``coalition.palette``, and the
tooltip fields (``t_*``) as plain text.

Tooltip escaping, measured with streamlit 1.67 (pinned): st.pydeck_chart fills
an ``html`` tooltip's ``{field}`` placeholders with HTML-escaped values itself
(markup in the data shows as text; nothing is injected). So the fields must stay
plain: escaping them here too would show ``&#x27;`` for every apostrophe. The
template ``TOOLTIP_HTML`` is static and holds no data text.
``polygon_frame``, ``dot_frame``, ``hatch_frame``, ``stipple_frame``, ``border_paths`` and
``label_frame`` turn it into deck.gl layer data; ``build_deck`` assembles an
offline deck (no map style, no tile server) as a plain JSON spec for st.pydeck_chart.

Cost: the outlines are read, rounded and cut into shared borders once per GeoJSON file
(``_geometry``, cached on path + mtime), and their JSON is encoded once; each run only
encodes the per-country colours and tooltips, with the C JSON encoder. In the browser every
layer costs a shader compile (seconds on a CPU-rendered WebGL), so the map has five: sea,
countries, one LineLayer for every line (uncertainty marks, borders drawn once per shared edge,
the focus outline), one ScatterplotLayer for the small states, and the labels.

How uncertainty is drawn:
- disputed (the records in the cell disagree): the fill is hatched and the
  tooltip says "Sources disagree: Declined / No, unless...";
- low confidence (the shown record is only rumoured or uncertain): paler fill,
  dotted, and the tooltip says so;
- outside the countries filter: faded, not removed, so the context stays (no hatching or
  dots there: the tooltip still says it).

Hatching and dots are capped per country (``MAX_HATCH``, ``MAX_DOTS``: a large country gets wider
spacing), so what is sent grows with the number of uncertain countries, not with their area.
"""
from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import geo, palette
from .filters import cells, filter_stances

# Fill opacity (0-255) by status.
ALPHA_RECORD = 235
ALPHA_LOW_CONFIDENCE = 150
ALPHA_NO_RECORD = 200
ALPHA_FADED = 90  # with no coast lines, fainter made faded countries vanish into the sea
LINE = [90, 90, 90, 255]
LINE_FADED = [150, 150, 150, 140]
HATCH = [25, 25, 25, 200]
FOCUS_LINE = [0, 0, 0, 255]
SEA = [212, 225, 236, 255]

QUOTE_MAX = 160
SUMMARY_MAX = 200  # tooltips stay short; the evidence panel has the whole text
TINY_KM2 = 20_000  # a record on a country smaller than this also gets a clickable dot

# Initial camera per view. Europe: the UK to Ukraine across the width, Russia's far east off-screen.
VIEWS = {
    "europe": {"longitude": 15.0, "latitude": 51.0, "zoom": 3.0},
    "world": {"longitude": 26.0, "latitude": 22.0, "zoom": 0.65},  # the USA to New Zealand
}
# The same views on a phone (about 360-420 px wide): zoomed out so Ireland and the UK to Ukraine's
# eastern border fit across the width (at zoom 3 a phone showed ~32 degrees and cut the UK in half).
# deck.gl cannot fit bounds to its canvas from a JSON spec, so the page picks this camera when the
# browser says it is a phone (ui.narrow_screen). test_mapview checks both fits with web-Mercator maths.
NARROW_VIEWS = {
    "europe": {"longitude": 15.0, "latitude": 54.0, "zoom": 2.15},
    "world": {"longitude": 27.0, "latitude": 20.0, "zoom": -0.28, "minZoom": -1},  # below 0: deck.gl clamps to 0 without minZoom
}
HEIGHT, NARROW_HEIGHT = 520, 420  # px; on a phone a shorter map leaves the legend in sight
# Hatch spacing (degrees of longitude) per view: about 6 px on screen.
HATCH_SPACING = {"europe": 0.9, "world": 4.0}
STIPPLE_SPACING = {"europe": 1.0, "world": 2.5}


def camera(view: str, narrow: bool = False) -> dict:
    """The initial camera (longitude, latitude, zoom) of ``view``, on a phone when ``narrow``."""
    view = view if view in VIEWS else "europe"
    return dict((NARROW_VIEWS if narrow else VIEWS)[view])


def _scale(view: str, narrow: bool) -> float:
    """How much further apart (in degrees) marks must be on the phone camera to look the same on screen."""
    return 2.0 ** (VIEWS[view]["zoom"] - camera(view, narrow)["zoom"])


def visible_box(cam: dict, width_px: float, height_px: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees that a web-Mercator camera shows on a canvas of that size
    (deck.gl's MapView: 512 px per world width at zoom 0)."""
    import math

    world = 512.0 * 2.0 ** cam["zoom"]
    cx = (cam["longitude"] + 180.0) / 360.0 * world
    lat = math.radians(cam["latitude"])
    cy = (1 - math.log(math.tan(lat) + 1 / math.cos(lat)) / math.pi) / 2 * world

    def lon(x: float) -> float:
        return x / world * 360.0 - 180.0

    def lat_of(y: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / world))))

    return lon(cx - width_px / 2), lat_of(cy + height_px / 2), lon(cx + width_px / 2), lat_of(cy - height_px / 2)
MAX_HATCH = 30  # hatch lines across one country at most (wider spacing on a large country)
MAX_DOTS = 40   # dots over one country at most

TOOLTIP_FIELDS = ("t_name", "t_position", "t_status", "t_summary", "t_quote", "t_source", "t_hint")
TOOLTIP_HTML = (
    '<div style="max-width:320px;white-space:normal;font-size:13px;line-height:1.35">'
    '<b>{t_name}</b><br/>'
    '<b>{t_position}</b> {t_status}'
    '<div style="margin-top:4px">{t_summary}</div>'
    '<div style="margin-top:4px;font-style:italic">{t_quote}</div>'
    '<div style="margin-top:4px;font-size:11px;opacity:.85">{t_source}</div>'
    '<div style="font-size:11px;opacity:.85">{t_hint}</div>'
    "</div>"
)
TOOLTIP_STYLE = {"backgroundColor": "#1f2430", "color": "#f5f5f5", "padding": "8px 10px",
                 "borderRadius": "4px", "maxWidth": "340px"}


def shorten(text: str, limit: int = QUOTE_MAX) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.") + "…"


def _outlet(outlet) -> str:
    return "outlet unknown" if not outlet or outlet == "unknown" else str(outlet)


def _fmt_date(d) -> str:
    return "" if d is None or pd.isna(d) else pd.Timestamp(d).strftime("%d %b %Y").lstrip("0")


def status_text(confidence, disputed: bool, positions: Iterable[str], low: bool) -> str:
    """Plain-text status line: confidence, and the disagreement when there is one."""
    parts = []
    if confidence:
        parts.append(f"({confidence})" if not low else f"(low confidence: {confidence})")
    if disputed:
        parts.append("Sources disagree: " + " / ".join(positions))
    return " ".join(parts)


def country_table(frames, issue: str, countries: Iterable[str] = (), as_of=None,
                  geojson: dict | None = None) -> pd.DataFrame:
    """One row per country outline: its position on ``issue`` as on record on ``as_of``.

    Columns: iso3, name, region, area_km2, lon, lat, has_record, position,
    position_label, score (NaN without a record), confidence, disputed,
    low_confidence, positions, date, source, outlet, summary, conditions, quote,
    stance_id, n_sources, in_filter, fill [r, g, b, a], line [r, g, b, a], and
    the plain-text tooltip fields ``TOOLTIP_FIELDS``. Countries outside a non-empty
    ``countries`` filter stay in the table with ``in_filter`` False and a faded fill.
    """
    gj = geojson if geojson is not None else geo.load_geojson()
    base = geo.centroids_frame(gj).rename(columns={"lon": "lon", "lat": "lat"})
    rows = filter_stances(frames.stances, None, [issue], as_of)
    c = cells(rows).set_index("country")
    wanted = set(countries or ())
    data_names = dict(zip(frames.countries["country"], frames.countries["country_name"]))

    out = []
    for r in base.itertuples():
        has = r.iso3 in c.index
        cell = c.loc[r.iso3] if has else None
        in_filter = not wanted or r.iso3 in wanted
        name = data_names.get(r.iso3, r.name)
        row = {"iso3": r.iso3, "name": name, "region": r.region, "area_km2": r.area_km2, "lon": r.lon,
               "lat": r.lat, "has_record": has, "in_filter": in_filter}
        if has:
            positions = list(cell["positions"])
            low = bool(cell["low_confidence"])
            disputed = bool(cell["disputed"])
            score = int(cell["score"])
            row.update(
                position=cell["position"], position_label=cell["position_label"], score=score,
                confidence=cell["confidence"], disputed=disputed, low_confidence=low, positions=positions,
                date=cell["date"], source=cell["source"], outlet=cell["outlet"], summary=cell["summary"],
                conditions=cell["conditions"] or "", quote=cell["quote"], stance_id=cell["stance_id"],
                n_sources=int(cell["n_sources"]),
            )
            alpha = ALPHA_LOW_CONFIDENCE if low else ALPHA_RECORD
            fill = palette.rgb(palette.colour(score), alpha)
            status = status_text(cell["confidence"], disputed, positions, low)
            row.update(
                t_position=cell["position_label"], t_status=status, t_summary=shorten(cell["summary"], SUMMARY_MAX),
                t_quote="“" + shorten(cell["quote"]) + "”",
                t_source=f"{_outlet(cell['outlet'])}, {_fmt_date(cell['date'])}"
                + (f" · {int(cell['n_sources'])} sources" if cell["n_sources"] > 1 else ""),
                t_hint="Click for the evidence",
            )
        else:
            row.update(position="", position_label=palette.NO_RECORD_LABEL, score=float("nan"), confidence="",
                       disputed=False, low_confidence=False, positions=[], date=pd.NaT, source="", outlet="",
                       summary="", conditions="", quote="", stance_id="", n_sources=0)
            fill = palette.rgb(palette.NO_RECORD, ALPHA_NO_RECORD)
            row.update(t_position=palette.NO_RECORD_LABEL, t_status="", t_summary="", t_quote="",
                       t_source="", t_hint="")
        if not in_filter:
            fill = fill[:3] + [ALPHA_FADED]
            row["t_hint"] = "Outside the countries filter"
        row["t_name"] = name
        row["fill"] = fill
        row["line"] = LINE if in_filter else LINE_FADED
        out.append(row)
    return pd.DataFrame(out)


# What each pickable object carries to the browser: its id, its colour, its tooltip.
DISPLAY = ["iso3", "fill", *TOOLTIP_FIELDS]


COORD_DIGITS = 2  # about 1 km: finer than a pixel up to zoom 6, and a third less to send


def _round_ring(ring: list, digits: int = COORD_DIGITS) -> list:
    out = []
    for x, y in ring:
        pt = (round(x, digits), round(y, digits))
        if not out or out[-1] != pt:
            out.append(pt)
    return out


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the per-country mark caches
class Geometry:
    """The outlines, prepared once per GeoJSON file (see ``_geometry``).

    parts: (iso3, rings) per polygon part, rings rounded to ``COORD_DIGITS`` ((lon, lat) tuples);
    part_json: each part's rings as JSON (encoded once, reused by every deck);
    by_country: iso3 -> its parts' rings;
    borders: (path, iso3, neighbour or None for a coast): every edge once, even when two
    countries share it (a second copy of every ring was half of the map's bytes).
    """
    parts: tuple
    part_json: tuple
    by_country: dict
    borders: tuple


def _build_geometry(geojson: dict) -> Geometry:
    polys = geo.polygons_frame(geojson)
    parts = tuple((iso3, [_round_ring(r) for r in rings]) for iso3, rings in zip(polys["iso3"], polys["polygon"]))
    parts = tuple((iso3, [r for r in rings if len(r) >= 4]) for iso3, rings in parts)
    parts = tuple(p for p in parts if p[1])
    by_country: dict = {}
    for iso3, rings in parts:
        by_country.setdefault(iso3, []).append(rings)
    part_json = tuple(json.dumps(rings, separators=(",", ":")) for _, rings in parts)
    return Geometry(parts, part_json, by_country, tuple(_shared_borders(parts)))


def _shared_borders(parts) -> list:
    """Every ring cut into runs of edges, each edge once: a border two countries share is one path."""
    owners: dict = {}
    for iso3, rings in parts:
        for ring in rings:
            for a, b in zip(ring, ring[1:]):
                owners.setdefault((a, b) if a <= b else (b, a), []).append(iso3)
    done, out = set(), []
    for iso3, rings in parts:
        for ring in rings:
            run, run_nb = [], None
            for a, b in zip(ring, ring[1:]):
                key = (a, b) if a <= b else (b, a)
                if key in done:
                    if run:
                        out.append((run, iso3, run_nb))
                    run = []
                    continue
                done.add(key)
                nb = next((o for o in owners[key] if o != iso3), None)
                if run and nb == run_nb and run[-1] == a:
                    run.append(b)
                else:
                    if run:
                        out.append((run, iso3, run_nb))
                    run, run_nb = [a, b], nb
            if run:
                out.append((run, iso3, run_nb))
    return out


@functools.lru_cache(maxsize=4)
def _geometry_of(path: str, mtime_ns: int) -> Geometry:
    return _build_geometry(geo.load_geojson(path))


def _geometry(geojson: dict | None = None) -> Geometry:
    """The prepared outlines of ``geojson`` (default: the app's file, cached on its path and mtime)."""
    if geojson is not None:
        return _build_geometry(geojson)
    path = Path(geo.GEOJSON_PATH)
    return _geometry_of(str(path), path.stat().st_mtime_ns)


def _polygons(geojson: dict | None) -> pd.DataFrame:
    g = _geometry(geojson)
    return pd.DataFrame({"iso3": [p[0] for p in g.parts], "polygon": [p[1] for p in g.parts]})


def polygon_frame(table: pd.DataFrame, geojson: dict | None = None) -> pd.DataFrame:
    """One row per polygon part with the country's display fields (for SolidPolygonLayer)."""
    return _polygons(geojson).merge(table[DISPLAY], on="iso3", how="left")


def dot_frame(table: pd.DataFrame, tiny_km2: float = TINY_KM2, small_states: bool = True) -> pd.DataFrame:
    """Clickable dots: the small states (unless ``small_states`` is False), and every country with a
    record whose outline is tiny."""
    keep = table["has_record"] & (table["area_km2"] < tiny_km2)
    if small_states:
        keep |= table["iso3"].isin(geo.SMALL_STATES)
    cols = DISPLAY + ["lon", "lat"]
    return table.loc[keep, cols].reset_index(drop=True)


def label_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Name labels for the countries with a record (plain ASCII text; deck.gl renders it, not HTML)."""
    df = table[table["has_record"] & table["in_filter"]]
    return pd.DataFrame({"label": df["name"].map(lambda s: shorten(s.encode("ascii", "replace").decode(), 24)),
                         "lon": df["lon"], "lat": df["lat"]}).reset_index(drop=True)


def border_paths(table: pd.DataFrame, geojson: dict | None = None) -> pd.DataFrame:
    """The land borders, each once, coloured faded where neither side is in the filter (as drawn)."""
    inside = dict(zip(table["iso3"], table["in_filter"]))
    rows = [{"iso3": iso3, "neighbour": nb, "path": path,
             "line": LINE if inside.get(iso3, True) or inside.get(nb, True) else LINE_FADED}
            for path, iso3, nb in _geometry(geojson).borders if nb is not None]
    return pd.DataFrame(rows, columns=["iso3", "neighbour", "path", "line"])


# Hatching: 45-degree lines clipped to the polygon, computed in Mercator space so
# they look diagonal on screen. Pure Python scanline clipping (even-odd rule).
def _merc(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _unmerc(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def hatch_lines(rings: list, spacing: float) -> list[list[list[float]]]:
    """Segments [[lon, lat], [lon, lat]] of lines y - x = c (Mercator degrees) inside the polygon."""
    pts = [[(x, _merc(y)) for x, y in ring] for ring in rings]
    ds = [y - x for ring in pts for x, y in ring]
    if not ds:
        return []
    lo, hi = min(ds), max(ds)
    segments = []
    k = math.floor(lo / spacing) + 1
    while k * spacing < hi:
        c = k * spacing
        hits = []
        for ring in pts:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                d1, d2 = y1 - x1 - c, y2 - x2 - c
                if (d1 > 0) != (d2 > 0):
                    t = d1 / (d1 - d2)
                    hits.append((x1 + t * (x2 - x1), y1 + t * (y2 - y1)))
        hits.sort()
        for (xa, ya), (xb, yb) in zip(hits[0::2], hits[1::2]):
            segments.append([[round(xa, 3), round(_unmerc(ya), 3)], [round(xb, 3), round(_unmerc(yb), 3)]])
        k += 1
    return segments


def stipple_points(rings: list, spacing: float) -> list[list[float]]:
    """A staggered grid of [lon, lat] points inside the polygon (rows ``spacing`` apart in Mercator degrees)."""
    pts = [[(x, _merc(y)) for x, y in ring] for ring in rings]
    ys = [y for ring in pts for _, y in ring]
    if not ys:
        return []
    out = []
    k = math.floor(min(ys) / spacing) + 1
    while k * spacing < max(ys):
        c = k * spacing
        hits = []
        for ring in pts:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                if (y1 > c) != (y2 > c):
                    hits.append(x1 + (c - y1) / (y2 - y1) * (x2 - x1))
        hits.sort()
        shift = spacing / 2 if k % 2 else 0.0
        for xa, xb in zip(hits[0::2], hits[1::2]):
            x = (math.floor((xa - shift) / spacing) + 1) * spacing + shift
            while x < xb:
                out.append([round(x, 3), round(_unmerc(c), 3)])
                x += spacing
        k += 1
    return out


def _merc_area(rings: list) -> float:
    """Area in square Mercator degrees (outer ring minus holes)."""
    total = 0.0
    for i, ring in enumerate(rings):
        pts = [(x, _merc(y)) for x, y in ring]
        a = abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]))) / 2
        total += a if i == 0 else -a
    return max(total, 0.0)


@functools.lru_cache(maxsize=1024)
def _country_hatch(g: Geometry, iso3: str, spacing: float) -> tuple:
    polys = g.by_country.get(iso3, [])
    ds = [_merc(y) - x for rings in polys for x, y in rings[0]]
    if ds:  # at most about MAX_HATCH lines across the whole country: a large one gets wider spacing
        spacing = max(spacing, (max(ds) - min(ds)) / MAX_HATCH)
    return tuple(seg for rings in polys for seg in hatch_lines(rings, spacing))


@functools.lru_cache(maxsize=1024)
def _country_dots(g: Geometry, iso3: str, spacing: float) -> tuple:
    polys = g.by_country.get(iso3, [])
    area = sum(_merc_area(rings) for rings in polys)
    spacing = max(spacing, math.sqrt(area / MAX_DOTS))  # about MAX_DOTS dots at most
    return tuple(pt for rings in polys for pt in stipple_points(rings, spacing))


def _marked(table: pd.DataFrame, column: str) -> list[str]:
    """Countries to mark for ``column`` (disputed / low_confidence): with a record, inside the filter."""
    return list(table.loc[table[column] & table["has_record"] & table["in_filter"], "iso3"])


def stipple_frame(table: pd.DataFrame, spacing: float, geojson: dict | None = None) -> pd.DataFrame:
    """Dots over the low-confidence countries (rumoured or uncertain) inside the filter."""
    g = _geometry(geojson)
    rows = [{"iso3": iso3, "lon": x, "lat": y} for iso3 in _marked(table, "low_confidence")
            for x, y in _country_dots(g, iso3, spacing)]
    return pd.DataFrame(rows, columns=["iso3", "lon", "lat"])


def hatch_frame(table: pd.DataFrame, spacing: float, geojson: dict | None = None) -> pd.DataFrame:
    """Hatch segments over the disputed countries inside the filter."""
    g = _geometry(geojson)
    rows = [{"iso3": iso3, "path": seg} for iso3 in _marked(table, "disputed")
            for seg in _country_hatch(g, iso3, spacing)]
    return pd.DataFrame(rows, columns=["iso3", "path"])


def sea_polygon() -> list:
    """A rectangle behind the countries so that near-white fills stay visible."""
    return [[[-200, -80], [220, -80], [220, 84], [-200, 84], [-200, -80]]]


class DeckSpec:
    """A finished deck.gl JSON spec, accepted by st.pydeck_chart in place of a pydeck.Deck.

    Measured with streamlit 1.67 (pinned): st.pydeck_chart calls ``obj.to_json()`` for the spec,
    reads the tooltip from ``obj._tooltip``, ``width`` and ``mapbox_key`` with getattr, and
    converts any DataFrame it finds in ``obj.layers`` (none here). pydeck's own to_json encodes
    with the pure-Python JSON encoder (it passes ``default=``/``indent``): ~140 ms for the map.
    """

    layers = ()
    width = None
    mapbox_key = None

    def __init__(self, spec_json: str, tooltip: dict):
        self._json = spec_json
        self._tooltip = tooltip

    def to_json(self) -> str:
        return self._json

    def spec(self) -> dict:
        return json.loads(self._json)


def _dumps(obj) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _layer(props: dict, data_json: str) -> str:
    """One layer's JSON: its props, then its data (already JSON)."""
    return _dumps(props)[:-1] + ',"data":' + data_json + "}"


def _records(df: pd.DataFrame) -> str:
    return _dumps(df.to_dict(orient="records"))


LAYER_IDS = ("sea", "countries", "lines", "small-states", "labels")
# Line widths (pixels) in the one LineLayer "lines": uncertainty marks first, then borders, then the focus.
HATCH_WIDTH, DOT_WIDTH, BORDER_WIDTH, FOCUS_WIDTH = 1.1, 2.4, 0.7, 2.5  # distinct: tests tell them apart
# A dot is a segment about as long as it is wide at the view's initial zoom (a dash when zoomed in).
DOT_LENGTH = {"europe": 0.22, "world": 1.1}


def _segments(path: list, colour: list, width: float) -> list[dict]:
    return [{"s": a, "t": b, "c": colour, "w": width} for a, b in zip(path, path[1:])]


def line_objects(table: pd.DataFrame, view: str = "europe", focus: str | None = None,
                 geojson: dict | None = None, narrow: bool = False) -> list[dict]:
    """The objects of the "lines" LineLayer: {"s", "t" (the segment's ends), "c" (colour), "w" (width,
    pixels)}, drawn in order: hatching over the disputed countries, dots over the low-confidence ones,
    the land borders (each once; a coast needs no line, the sea's colour draws it) and the focused
    country's outline on top.

    A LineLayer, not a PathLayer: measured in headless Chromium (CPU WebGL), a PathLayer's shaders
    added ~0.5 s to the map's first paint, the LineLayer's next to nothing; at 0.7-2.5 px, segments
    need no joints.
    """
    g = _geometry(geojson)
    view = view if view in VIEWS else "europe"
    k = _scale(view, narrow)
    out = [{"s": a, "t": b, "c": HATCH, "w": HATCH_WIDTH}
           for iso3 in _marked(table, "disputed") for a, b in _country_hatch(g, iso3, HATCH_SPACING[view] * k)]
    half = DOT_LENGTH[view] * k / 2
    out += [{"s": [round(x - half, 3), y], "t": [round(x + half, 3), y], "c": HATCH, "w": DOT_WIDTH}
            for iso3 in _marked(table, "low_confidence")
            for x, y in _country_dots(g, iso3, STIPPLE_SPACING[view] * k)]
    inside = dict(zip(table["iso3"], table["in_filter"]))
    for path, iso3, nb in g.borders:
        if nb is not None:
            out += _segments(path, LINE if inside.get(iso3, True) or inside.get(nb, True) else LINE_FADED,
                             BORDER_WIDTH)
    for rings in g.by_country.get(focus, []) if focus else []:
        for ring in rings:
            out += _segments(ring, FOCUS_LINE, FOCUS_WIDTH)
    return out


def build_deck(table: pd.DataFrame, view: str = "europe", focus: str | None = None,
               geojson: dict | None = None, height: int = HEIGHT, narrow: bool = False) -> DeckSpec:
    """The offline deck: sea, countries (pickable), one LineLayer of lines (hatching over disputed
    countries, dots over low-confidence ones, borders, the focus outline), small-state dots (pickable)
    and name labels. ``narrow``: the phone camera (``NARROW_VIEWS``), marks spaced to match.

    Always the same layers (``LAYER_IDS``) in the same order, some maybe empty. Measured in Chromium
    with streamlit 1.67: when a rerun added or removed a layer, the next click on the map was lost.
    """
    g = _geometry(geojson)
    view = view if view in VIEWS else "europe"
    attrs = {r[0]: _dumps(dict(zip(DISPLAY, r)))[1:-1] for r in table[DISPLAY].itertuples(index=False, name=None)}
    countries = "[" + ",".join('{"polygon":' + rings + "," + attrs[iso3] + "}"
                               for (iso3, _), rings in zip(g.parts, g.part_json) if iso3 in attrs) + "]"
    px = "pixels"
    layers = [
        _layer({"@@type": "SolidPolygonLayer", "id": "sea", "getPolygon": "@@=polygon", "getFillColor": SEA,
                "pickable": False}, _dumps([{"polygon": sea_polygon()}])),
        _layer({"@@type": "SolidPolygonLayer", "id": "countries", "getPolygon": "@@=polygon", "getFillColor": "@@=fill",
                "pickable": True, "autoHighlight": True, "highlightColor": [255, 255, 255, 90]}, countries),
        _layer({"@@type": "LineLayer", "id": "lines", "getSourcePosition": "@@=s", "getTargetPosition": "@@=t",
                "getColor": "@@=c", "getWidth": "@@=w", "widthUnits": px, "pickable": False},
               _dumps(line_objects(table, view, focus, geojson, narrow))),
        _layer({"@@type": "ScatterplotLayer", "id": "small-states", "getPosition": "@@=[lon, lat]",
                "getFillColor": "@@=fill", "getLineColor": [60, 60, 60, 255], "stroked": True, "radiusUnits": px,
                "getRadius": 5, "lineWidthUnits": px, "getLineWidth": 1, "pickable": True, "autoHighlight": True},
               # at world scale the small states only clutter
               _records(dot_frame(table, small_states=view == "europe"))),
        _layer({"@@type": "TextLayer", "id": "labels", "getPosition": "@@=[lon, lat]", "getText": "@@=label",
                "characterSet": "auto", "getSize": 12, "sizeUnits": px, "getColor": [20, 20, 20, 255],
                "background": True, "getBackgroundColor": [255, 255, 255, 190], "backgroundPadding": [3, 1],
                "fontFamily": "Helvetica, Arial, sans-serif", "pickable": False}, _records(label_frame(table))),
    ]
    vs = {**camera(view, narrow), "pitch": 0, "bearing": 0, "height": height}
    spec = ('{"initialViewState":' + _dumps(vs) + ',"layers":[' + ",".join(layers) + '],"mapStyle":"__MAP_STYLE__",'
            '"views":[{"@@type":"MapView","controller":true}]}')
    return DeckSpec(spec, {"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE})


def tables(frames, issue: str, countries: Iterable[str] = (), as_of=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``country_table`` and its ``coloured_table``: what the map page reads, computed together."""
    table = country_table(frames, issue, countries, as_of)
    return table, coloured_table(table)


def coloured_table(table: pd.DataFrame) -> pd.DataFrame:
    """The countries with a record (inside the filter), for readers who do not use the map."""
    df = table[table["has_record"] & table["in_filter"]].copy()
    df = df.sort_values(["score", "name"], ascending=[False, True]).reset_index(drop=True)
    disputed = ["Sources disagree: " + " / ".join(p) if d else "" for p, d in zip(df["positions"], df["disputed"])]
    return pd.DataFrame({
        "iso3": df["iso3"], "country": df["name"], "position": df["position_label"],
        "confidence": df["confidence"], "disputed": pd.Series(disputed, index=df.index, dtype=object),
        "date": pd.to_datetime(df["date"]).dt.date, "source": df["outlet"].map(_outlet) + " (" + df["source"] + ")",
        "summary": df["summary"],
    })
