"""The map page's data: countries joined with their position on one issue (no Streamlit).

``country_table`` gives one row per country outline with its position on the
issue in focus, as on record on the ``as_of`` day (grey "No record in the
sources" otherwise), the fill colour from ``coalition.palette``, and the
tooltip fields (``t_*``) as plain text.

Tooltip escaping, measured with streamlit 1.67 (pinned): the map is a Vega-Lite chart; its tooltip
(``tooltip``: an object of plain strings) is rendered by vega-tooltip, whose default ``sanitize``
turns ``&`` and ``<`` into entities (markup in the data shows as text; see the browser test). So the
fields stay plain: escaping them here too would show ``&#x27;`` for every apostrophe.
``dot_frame``, ``hatch_frame``, ``stipple_frame``, ``border_paths`` and ``label_frame`` turn the table
into the layers' data; ``build_spec`` assembles the offline map (no tile server, no URL) as a plain
Vega-Lite spec (a dict) for st.vega_lite_chart, drawn as SVG.

Cost: the outlines are read, rounded, cut into shared borders and turned into TopoJSON arcs (small
integers) once per GeoJSON file (``_geometry``, cached on path + mtime); each spec only adds the
per-country colours and tooltips. Streamlit encodes the dict with the C JSON encoder (~12 ms).
In the browser the map is SVG (no WebGL, no 3 MB deck.gl chunk): eight layers, see ``LAYER_IDS``.
Measured (headless Chromium, fresh context, navigation to drawn, medians, shared 2-core machine at a
load average of 6-9, so read the ratios): /map?issue=troops 2.2-2.7x a bare page (deck.gl: 3.7-6.8x in
the same runs), 39 KB gzipped over the websocket (deck.gl: 90 KB); the world view 3.0x (4.8x), 58 KB.

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

# What each view frames: (west, south, east, north) in degrees, fitted to the chart's width and
# height by the projection (Vega-Lite ``projection.fit``), so a phone sees the same countries as a
# desktop, only smaller. Europe: Ireland to Ukraine and Cyprus to southern Norway; Russia's far east is
# clipped off (the marks are clipped to the view). World: the USA to New Zealand.
VIEW_BOX = {"europe": (-11.0, 34.0, 42.0, 64.0), "world": (-168.0, -48.0, 185.0, 75.0)}
# The world view is turned 10 degrees west (its edge at 170 W, not 180), so New Zealand and its label are
# not cut at the right edge and Russia's unwrapped far east (to 190 E) ends there.
VIEW_ROTATE = {"europe": 0.0, "world": -10.0}
# What a view may show around its box, whatever the chart's shape (a 1500 px wide chart shows about
# 75..110 degrees of longitude in the Europe view, a 320 px phone about 17..73 degrees of latitude): the
# outlines sent are clipped to it. None: everything.
SEND_BOX = {"europe": (-60.0, 10.0, 100.0, 82.0), "world": None}
HEIGHT = 520  # px
# Hatch spacing (degrees of longitude) per view: about 6 px on screen on a 700 px wide map.
HATCH_SPACING = {"europe": 0.9, "world": 4.0}
STIPPLE_SPACING = {"europe": 1.0, "world": 2.5}
MAX_HATCH = 30  # hatch lines across one country at most (wider spacing on a large country)
MAX_DOTS = 40   # dots over one country at most

TOOLTIP_FIELDS = ("t_name", "t_position", "t_status", "t_summary", "t_quote", "t_source", "t_hint")
# The tooltip is an object {"title": name, key: value, ...}: Streamlit's vega-tooltip handler shows the title
# as a heading and the rest as a key/value table, escaping every string (its default sanitize turns & and <
# into entities) and skipping keys whose value is undefined. So the fields stay plain text, empty ones are
# left out, and no key is "image" (vega-tooltip would make it an <img>).
TOOLTIP_KEYS = {"t_position": "Position", "t_status": "Status", "t_summary": "Summary", "t_quote": "Quote",
                "t_source": "Source", "t_hint": "Note"}


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


def issue_cells(frames, as_of=None) -> dict[str, dict[str, dict]]:
    """Every cell on record as of ``as_of``, as plain rows: issue -> country -> the row of
    :func:`coalition.filters.cells`. One pass for every issue, so a page can compute it once per
    data version and date and switch issues without touching pandas (:func:`country_table`)."""
    c = cells(filter_stances(frames.stances, None, None, as_of))
    out: dict[str, dict[str, dict]] = {}
    for row in c.to_dict("records"):
        out.setdefault(row["issue"], {})[row["country"]] = row
    return out


def country_table(frames, issue: str, countries: Iterable[str] = (), as_of=None,
                  geojson: dict | None = None, cells_of: dict | None = None) -> pd.DataFrame:
    """One row per country outline: its position on ``issue`` as on record on ``as_of``.

    Columns: iso3, name, region, area_km2, lon, lat, has_record, position,
    position_label, score (NaN without a record), confidence, disputed,
    low_confidence, positions, date, source, outlet, summary, conditions, quote,
    stance_id, n_sources, in_filter, fill [r, g, b, a], line [r, g, b, a], and
    the plain-text tooltip fields ``TOOLTIP_FIELDS``. Countries outside a non-empty
    ``countries`` filter stay in the table with ``in_filter`` False and a faded fill.
    ``cells_of``: the issue's cells (country -> row) from :func:`issue_cells`, when the caller has them.
    """
    gj = geojson if geojson is not None else geo.load_geojson()
    base = geo.centroids_frame(gj)
    c = cells_of if cells_of is not None else issue_cells(frames, as_of).get(issue, {})
    wanted = set(countries or ())
    data_names = dict(zip(frames.countries["country"], frames.countries["country_name"]))

    out = []
    for r in base.itertuples():
        cell = c.get(r.iso3)
        has = cell is not None
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


# The display fields of a country: its id, its colour, its tooltip.
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
    by_country: iso3 -> its parts' rings;
    borders: (path, iso3, neighbour or None for a coast): every edge once, even when two
    countries share it (a second copy of every ring was half of the map's bytes).
    """
    parts: tuple
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
    return Geometry(parts, by_country, tuple(_shared_borders(parts)))


def _clip_ring(ring: list, box: tuple) -> list:
    """``ring`` clipped to the rectangle ``box`` (west, south, east, north) (Sutherland-Hodgman), closed,
    new points on the ``COORD_DIGITS`` grid. A concave ring may keep zero-width runs along the box's
    edge: the box lies outside what the view shows, so they are never seen."""
    w, s, e, n = box
    pts = list(ring[:-1])
    for inside, cross in (
            (lambda p: p[0] >= w, lambda a, b: (w, a[1] + (w - a[0]) * (b[1] - a[1]) / (b[0] - a[0]))),
            (lambda p: p[0] <= e, lambda a, b: (e, a[1] + (e - a[0]) * (b[1] - a[1]) / (b[0] - a[0]))),
            (lambda p: p[1] >= s, lambda a, b: (a[0] + (s - a[1]) * (b[0] - a[0]) / (b[1] - a[1]), s)),
            (lambda p: p[1] <= n, lambda a, b: (a[0] + (n - a[1]) * (b[0] - a[0]) / (b[1] - a[1]), n))):
        out = []
        for k, b in enumerate(pts):
            a = pts[k - 1]
            if inside(b):
                if not inside(a):
                    out.append(cross(a, b))
                out.append(b)
            elif inside(a):
                out.append(cross(a, b))
        pts = out
        if not pts:
            return []
    return _round_ring(pts + pts[:1])


@functools.lru_cache(maxsize=8)
def _topology(g: Geometry, view: str) -> tuple[list, dict]:
    """(arcs, shapes) of the outlines a view may show (``SEND_BOX``): parts wholly outside are left out,
    parts across its edge clipped to it (Russia's far east, the Americas in the Europe view: half the
    points). arcs: every ring as a TopoJSON arc (quantised on the 0.01 degree grid ``TOPO_TRANSFORM``,
    delta encoded: small integers), reversed: d3-geo (Vega's projection) wants exterior rings clockwise
    (RFC 7946's counter-clockwise rings fill the whole globe except the country). shapes: iso3 -> its
    TopoJSON MultiPolygon (arc indices). Built once per view, shared by every spec (never mutated)."""
    box = SEND_BOX.get(view)
    arcs, shapes = [], {}
    for iso3, polys in g.by_country.items():
        shape = []
        for rings in polys:
            if box is not None:
                xs, ys = [x for x, _ in rings[0]], [y for _, y in rings[0]]
                if max(xs) < box[0] or min(xs) > box[2] or max(ys) < box[1] or min(ys) > box[3]:
                    continue  # wholly outside
                if not (min(xs) >= box[0] and max(xs) <= box[2] and min(ys) >= box[1] and max(ys) <= box[3]):
                    rings = [c for c in (_clip_ring(r, box) for r in rings) if len(c) >= 4]
                    if not rings:
                        continue
            shape.append([[len(arcs) + k] for k in range(len(rings))])
            arcs += [_arc(ring[::-1]) for ring in rings]
        if shape:
            shapes[iso3] = shape
    return arcs, shapes


def view_countries(view: str, geojson: dict | None = None) -> set[str]:
    """The countries whose outlines the view's map carries (the others are off it)."""
    return set(_topology(_geometry(geojson), view if view in VIEW_BOX else "europe")[1])


TOPO_TRANSFORM = {"scale": [10.0 ** -COORD_DIGITS] * 2, "translate": [-180.0, -90.0]}


def _arc(ring: list) -> list:
    """A ring as a delta-encoded TopoJSON arc on the grid of ``TOPO_TRANSFORM`` (exact: the ring is rounded to it)."""
    k = 10 ** COORD_DIGITS
    pts = [(round((x + 180.0) * k), round((y + 90.0) * k)) for x, y in ring]
    out, (px, py) = [list(pts[0])], pts[0]
    for x, y in pts[1:]:
        out.append([x - px, y - py])
        px, py = x, y
    return out


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


def dot_frame(table: pd.DataFrame, tiny_km2: float = TINY_KM2, small_states: bool = True) -> pd.DataFrame:
    """Clickable dots: the small states (unless ``small_states`` is False), and every country with a
    record whose outline is tiny."""
    keep = table["has_record"] & (table["area_km2"] < tiny_km2)
    if small_states:
        keep |= table["iso3"].isin(geo.SMALL_STATES)
    cols = DISPLAY + ["lon", "lat"]
    return table.loc[keep, cols].reset_index(drop=True)


def label_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Name labels for the countries with a record (SVG text: never HTML)."""
    df = table[table["has_record"] & table["in_filter"]]
    return pd.DataFrame({"label": df["name"].map(lambda s: shorten(s, 24)),
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


def css(rgba: list) -> tuple[str, float]:
    """('#rrggbb', opacity 0-1) of an [r, g, b, a] colour (a 0-255)."""
    r, g, b, a = rgba
    return f"#{r:02x}{g:02x}{b:02x}", round(a / 255, 3)


def tooltip(row) -> dict:
    """The tooltip object of a country_table row: its name as title, then the non-empty fields (plain text)."""
    tip = {"title": row["t_name"]}
    for field, key in TOOLTIP_KEYS.items():
        if row[field]:
            tip[key] = row[field]
    return tip


def _feature(geometry: dict, props: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _props(row) -> dict:
    fill, opacity = css(row["fill"])
    return {"iso3": row["iso3"], "fill": fill, "opacity": opacity, "tip": tooltip(row)}


def _lines(paths: list, colour: list, width: float) -> dict:
    stroke, opacity = css(colour)
    return _feature({"type": "MultiLineString", "coordinates": paths},
                    {"stroke": stroke, "opacity": opacity, "width": width})


# The chart's layers, always the same in the same order (some maybe empty), named so tests can find them.
LAYER_IDS = ("countries", "hatching", "stipple", "borders", "focus", "small-states", "label-halo", "labels")
SELECTIONS = ("country", "dot")  # the point selections (on the countries, on the small-state dots) Streamlit reports
HATCH_WIDTH, BORDER_WIDTH, FOCUS_WIDTH, HOVER_WIDTH = 1.1, 0.7, 2.5, 1.6  # px
HOVER_LINE = "#ffffff"  # the outline of the country under the pointer
DOT_SIZE = 5  # px^2: a stipple dot about 2.5 px across
SMALL_STATE_RADIUS = 5  # px


def view_box(view: str) -> dict:
    """The projection's ``fit``: a GeoJSON MultiPoint at the view's corners."""
    w, s, e, n = VIEW_BOX[view if view in VIEW_BOX else "europe"]
    return _feature({"type": "MultiPoint", "coordinates": [[w, s], [e, n]]}, {})


def build_spec(table: pd.DataFrame, view: str = "europe", focus: str | None = None,
               geojson: dict | None = None, height: int = HEIGHT) -> dict:
    """The map as a Vega-Lite spec (a plain dict for st.vega_lite_chart, drawn as SVG, theme None).

    Layers (``LAYER_IDS``): the countries (fill and opacity from ``country_table``, tooltip, point
    selection ``country``), hatching over the disputed ones and dots over the low-confidence ones (lines
    and points computed here, as before), the land borders (each shared edge once; coasts need no line:
    the sea, the chart's background, draws them), the focused country's outline, the small states as dots
    (point selection ``dot``) and the labels (a white halo under the text). The projection fits the view's
    box (``VIEW_BOX``) to the chart's width and height, and every mark is clipped to the chart.

    Offline: no URL anywhere; every layer carries its data inline (``data.values``), the outlines as TopoJSON
    (``Geometry.arcs``). Not top-level ``data``/``datasets``: Streamlit would then decode and re-encode the
    whole spec twice per run (its parameter renaming), and turn tabular rows into Arrow tables.
    """
    g = _geometry(geojson)
    view = view if view in VIEW_BOX else "europe"
    rows = table.to_dict(orient="records")
    arcs, shapes = _topology(g, view)
    topology = {"type": "Topology", "transform": TOPO_TRANSFORM, "arcs": arcs, "objects": {"countries": {
        "type": "GeometryCollection",
        "geometries": [{"type": "MultiPolygon", "arcs": shapes[r["iso3"]], "properties": _props(r)}
                       for r in rows if r["iso3"] in shapes]}}}
    dots = dot_frame(table, small_states=view == "europe")  # at world scale the small states only clutter
    by_iso = {r["iso3"]: r for r in rows}
    small = [_feature({"type": "Point", "coordinates": [round(r.lon, 3), round(r.lat, 3)]}, _props(by_iso[r.iso3]))
             for r in dots.itertuples()]
    hatch = [[list(a), list(b)] for iso3 in _marked(table, "disputed")
             for a, b in _country_hatch(g, iso3, HATCH_SPACING[view])]
    stipple = [{"lon": x, "lat": y} for iso3 in _marked(table, "low_confidence")
               for x, y in _country_dots(g, iso3, STIPPLE_SPACING[view])]
    inside = dict(zip(table["iso3"], table["in_filter"]))
    near, far = [], []
    for path, iso3, nb in g.borders:
        if nb is not None:
            (near if inside.get(iso3, True) or inside.get(nb, True) else far).append(path)
    borders = [f for f in (_lines(near, LINE, BORDER_WIDTH), _lines(far, LINE_FADED, BORDER_WIDTH))
               if f["geometry"]["coordinates"]]
    outline = [_lines([ring for rings in g.by_country[focus] for ring in rings], FOCUS_LINE, FOCUS_WIDTH)] \
        if focus in g.by_country else []
    labels = label_frame(table).to_dict(orient="records")

    hatch_colour, hatch_opacity = css(HATCH)
    field = {"type": "nominal", "scale": None, "legend": None}
    number = {"type": "quantitative", "scale": None, "legend": None}
    pick = {"type": "point", "fields": ["iso3"], "on": "click", "clear": "dblclick"}
    # the country under the pointer is outlined (deck.gl's autoHighlight); not a selection Streamlit reports
    hover = {"type": "point", "fields": ["iso3"], "on": "pointerover", "clear": "pointerout"}

    def highlight(param: str) -> dict:
        return {"condition": {"param": param, "empty": False, "value": HOVER_WIDTH}, "value": 0}

    iso3 = [{"calculate": "datum.properties.iso3", "as": "iso3"}]
    tip = {"expr": "datum.properties.tip"}
    lonlat = {"longitude": {"field": "lon", "type": "quantitative"},
              "latitude": {"field": "lat", "type": "quantitative"}}
    sea, _ = css(SEA)
    text = {"type": "text", "fontSize": 12, "font": "Helvetica, Arial, sans-serif", "clip": True}
    layers = [
        {"name": "countries", "data": {"values": topology, "format": {"type": "topojson", "feature": "countries"}},
         "transform": iso3,
         "params": [{"name": "country", "select": pick}, {"name": "hover_country", "select": hover}],
         "mark": {"type": "geoshape", "stroke": HOVER_LINE, "clip": True, "cursor": "pointer", "tooltip": tip},
         "encoding": {"fill": {"field": "properties.fill", **field},
                      "fillOpacity": {"field": "properties.opacity", **number},
                      "strokeWidth": highlight("hover_country")}},
        {"name": "hatching", "data": {"values": [_feature({"type": "MultiLineString", "coordinates": hatch}, {})]
                                      if hatch else []},
         "mark": {"type": "geoshape", "filled": False, "stroke": hatch_colour, "strokeOpacity": hatch_opacity,
                  "strokeWidth": HATCH_WIDTH, "clip": True, "tooltip": None}},
        {"name": "stipple", "data": {"values": stipple},
         "mark": {"type": "circle", "size": DOT_SIZE, "color": hatch_colour, "opacity": hatch_opacity,
                  "clip": True, "tooltip": None},
         "encoding": lonlat},
        {"name": "borders", "data": {"values": borders},
         "mark": {"type": "geoshape", "filled": False, "clip": True, "tooltip": None},
         "encoding": {"stroke": {"field": "properties.stroke", **field},
                      "strokeOpacity": {"field": "properties.opacity", **number},
                      "strokeWidth": {"field": "properties.width", **number}}},
        {"name": "focus", "data": {"values": outline},
         "mark": {"type": "geoshape", "filled": False, "stroke": css(FOCUS_LINE)[0], "strokeWidth": FOCUS_WIDTH,
                  "clip": True, "tooltip": None}},
        {"name": "small-states", "data": {"values": small}, "transform": iso3,
         "params": [{"name": "dot", "select": pick}, {"name": "hover_dot", "select": hover}],
         "mark": {"type": "geoshape", "stroke": "#3c3c3c", "clip": True, "cursor": "pointer", "tooltip": tip},
         "encoding": {"fill": {"field": "properties.fill", **field},
                      "strokeWidth": {"condition": {"param": "hover_dot", "empty": False, "value": 2.5}, "value": 1}}},
        {"name": "label-halo", "data": {"values": labels},
         "mark": {**text, "stroke": "#ffffff", "strokeWidth": 3, "strokeOpacity": 0.75, "fill": "#ffffff",
                  "tooltip": None},
         "encoding": {**lonlat, "text": {"field": "label"}}},
        {"name": "labels", "data": {"values": labels},
         "mark": {**text, "fill": "#141414", "tooltip": None},
         "encoding": {**lonlat, "text": {"field": "label"}}},
    ]
    return {
        "height": height, "padding": 0, "background": sea,
        "autosize": {"type": "fit", "contains": "padding"},
        "config": {"view": {"stroke": None}, "font": "Helvetica, Arial, sans-serif"},
        # d3-geo draws a Point (a small state) as a circle of pointRadius px
        "projection": {"type": "mercator", "fit": view_box(view), "rotate": [VIEW_ROTATE[view], 0, 0],
                       "pointRadius": SMALL_STATE_RADIUS},
        "layer": layers,
    }


def tables(frames, issue: str, countries: Iterable[str] = (), as_of=None,
           cells_of: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``country_table`` and its ``coloured_table``: what the map page reads, computed together."""
    table = country_table(frames, issue, countries, as_of, cells_of=cells_of)
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
