"""The map's view model: what the map draws, as plain data (no streamlit, no renderer).

``issue_cells`` and ``tables`` join every country outline of ``data/world.geojson`` with its position on
one issue, as on record on the ``as_of`` day; ``model`` turns that table into what is drawn for a view
(Europe or World) and a screen (desktop, or a phone when ``narrow``): the outlines with their colours
and tooltip text, the marks of uncertainty (hatching, stipple), the focus outline, the clickable dots
of the small states, the labels and the camera. ``coalition.render.deck`` turns a :class:`MapModel`
into the deck.gl JSON that st.pydeck_chart draws.

How a country is drawn (every fill is opaque, so its colour on screen is exactly the one computed here):
- with a record: the colour of its position's score (``coalition.palette``);
- disputed (the records in the cell disagree): the same, hatched;
- low confidence (the shown record is only rumoured or uncertain): paler (mixed with white) and stippled;
- no record: grey;
- outside the reader's countries filter: faded towards the sea colour, never hatched, stippled or labelled
  (the tooltip still says what is on record);
- a small state (``coalition.geo.SMALL_STATES``, in the Europe view) or a country with a record whose
  outline is too small to click: also a dot.

Marks are geometry in degrees sized for the initial camera (hatch lines about ``HATCH_SPACING_PX`` apart
and ``HATCH_WIDTH_PX`` wide): zooming in scales them like the outlines. Their number is capped per
country (``MAX_HATCH``, ``MAX_DOTS``), so what is sent grows with the number of uncertain countries, not
with their area, and they leave the labels' boxes free. Labels are placed here, greedily, at the
initial camera: countries with a record first, larger first, a label moved to another spot inside its
country or skipped when its box would overlap one already placed or a dot, or leave the canvas. Their
size is in web-Mercator "common" units (capped at ``LABEL_MAX_PX`` when zooming in), so zooming scales
text and distances alike and cannot make two labels overlap.
"""
from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from coalition import geo, palette
from coalition.filters import cells, filter_stances
from coalition.views.cite import outlet_shown


# 1. colours (r, g, b, a), 0-255 ----------------------------------------------------------------------
SEA = (212, 225, 236, 255)
PALER = 0.45   # a low-confidence fill is mixed with this much white
FADED = 0.6    # a fill outside the countries filter is mixed with this much sea
LINE = (95, 95, 95, 255)          # borders and coasts
LINE_FADED = (150, 160, 170, 255)
HATCH = (30, 30, 30, 215)         # hatching and stipple
FOCUS_LINE = (0, 0, 0, 255)
DOT_LINE = (50, 50, 50, 255)
DARK_TEXT, LIGHT_TEXT = (17, 17, 17, 255), (255, 255, 255, 255)

QUOTE_MAX = 160
SUMMARY_MAX = 200  # tooltips stay short; the evidence panel has the whole text

# 2. views and cameras ------------------------------------------------------------------------------
VIEWS = {"europe": "Europe", "world": "World"}  # view id -> its name on the page
HEIGHT, NARROW_HEIGHT = 520, 420  # px; on a phone a shorter map leaves the legend in sight
# deck.gl never shows more than the world's height: at a zoom whose world is less tall than the canvas it
# zooms in (measured: the phone's world view lost New Zealand at 420 px), and it moves the centre so no
# sea beyond 85 degrees shows. The phone's world view is less tall than the whole world at its zoom, and
# short enough that its camera centres the land.
NARROW_WORLD_HEIGHT = 250
# The narrowest canvas each camera is made for (px): a 1280 px window with the sidebar open gives the
# map about 700 px; a 360 px phone about 328. Labels are placed inside this canvas, centred.
CANVAS_WIDTH, NARROW_CANVAS_WIDTH = 700, 328
# Initial cameras (deck.gl MapView: 512 px per 360 degrees at zoom 0). deck.gl cannot fit bounds to
# its canvas from a JSON spec, so each screen gets its own: Europe frames Ireland to Ukraine (and
# southern Norway to Cyprus) on the narrowest canvas of its kind; World frames 170 W to 190 E (Russia's
# unwrapped far east), so New Zealand (166-184 E) is never cut.
CAMERAS = {
    ("europe", False): {"longitude": 15.0, "latitude": 51.0, "zoom": 3.0},
    ("europe", True): {"longitude": 15.0, "latitude": 53.0, "zoom": 2.15},
    ("world", False): {"longitude": 10.0, "latitude": 40.0, "zoom": 0.45},
    ("world", True): {"longitude": 10.0, "latitude": 38.0, "zoom": -0.64},
}
ZOOM_OUT = 1.0   # how far below its initial zoom a reader may zoom out (labels: see LABEL_MIN_PX)
MAX_ZOOM = 8.0

# 3. marks, dots, labels (sizes in px at the initial camera) ----------------------------------------
HATCH_SPACING_PX, HATCH_WIDTH_PX = 6.5, 1.3
BORDER_WIDTH_PX = 0.9
STIPPLE_SPACING_PX, STIPPLE_SIZE_PX = 7.0, 2.4
FOCUS_WIDTH_PX = 2.5
MAX_HATCH = 30  # hatch lines across one country at most (wider spacing on a large country)
MAX_DOTS = 40   # stipple dots over one country at most
DOT_RADIUS_PX = 5
DOT_BELOW_PX2 = 30  # a country with a record smaller than this on screen (px2) also gets a dot
LABEL_PX, NARROW_LABEL_PX = 12, 11
LABEL_MAX_PX = 16   # labels grow with the zoom up to this size
LABEL_GAP_PX = 3    # free space kept around each label
LABEL_MAX_CHARS = 22
LABEL_SPOTS = 30   # places tried for the label of a country with a record
# Short names, used where the full one does not fit inside the country
SHORT_NAMES = {"GBR": "UK", "USA": "USA", "ARE": "UAE", "BIH": "Bosnia", "MKD": "N. Macedonia",
               "CAF": "C.A.R.", "DOM": "Dominican Rep.", "COD": "DR Congo", "NLD": "Neth.", "CZE": "Czechia",
               "PRK": "N. Korea", "KOR": "S. Korea", "SAU": "Saudi Arabia", "NZL": "NZ", "CHE": "Switz."}


def camera(view: str, narrow: bool = False) -> dict:
    """The initial camera of ``view`` (longitude, latitude, zoom, minZoom, maxZoom, height), on a phone
    when ``narrow``."""
    view = view if view in VIEWS else "europe"
    cam = dict(CAMERAS[(view, bool(narrow))])
    height = (NARROW_WORLD_HEIGHT if view == "world" else NARROW_HEIGHT) if narrow else HEIGHT
    # the reader may zoom out a little, but never to a world less tall than the canvas (see above)
    floor = math.log2(height / 512.0)
    cam.update(minZoom=max(cam["zoom"] - ZOOM_OUT, floor), maxZoom=MAX_ZOOM, height=height)
    return cam


def world_px(zoom: float) -> float:
    """The width of the whole world in px at ``zoom`` (web Mercator, 512 px at zoom 0)."""
    return 512.0 * 2.0 ** zoom


def merc_y(lat: float) -> float:
    """Web-Mercator y of a latitude, in degrees (equal to longitude degrees on screen)."""
    lat = max(min(lat, 85.05), -85.05)
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def unmerc_y(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def project(lon: float, lat: float, cam: dict) -> tuple[float, float]:
    """Screen (x, y) in px of a point, relative to the canvas centre (y down), at camera ``cam``."""
    k = world_px(cam["zoom"]) / 360.0
    return (lon - cam["longitude"]) * k, (merc_y(cam["latitude"]) - merc_y(lat)) * k


def unproject(x: float, y: float, cam: dict) -> tuple[float, float]:
    """(lon, lat) of the screen point (x, y) px from the canvas centre (y down) at camera ``cam``."""
    k = world_px(cam["zoom"]) / 360.0
    return cam["longitude"] + x / k, unmerc_y(merc_y(cam["latitude"]) - y / k)


def visible_box(cam: dict, width_px: float, height_px: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees that camera ``cam`` shows on a canvas of that size."""
    k = world_px(cam["zoom"]) / 360.0
    cy = merc_y(cam["latitude"])
    return (cam["longitude"] - width_px / 2 / k, unmerc_y(cy - height_px / 2 / k),
            cam["longitude"] + width_px / 2 / k, unmerc_y(cy + height_px / 2 / k))


# 4. the outlines, prepared once per file ------------------------------------------------------------
@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the per-country mark caches
class Outlines:
    """Every country outline of a GeoJSON file (see ``outlines``).

    parts: (iso3, rings) per polygon part, in file order (rings: lists of (lon, lat) tuples, closed,
    the outer ring first); by_country: iso3 -> its parts' rings; props: iso3 -> the feature's properties.
    """
    path: str
    parts: tuple
    by_country: dict
    props: dict


def _read_outlines(path: str, geojson: dict) -> Outlines:
    parts, by_country, props = [], {}, {}
    for feature in geojson["features"]:
        p = feature["properties"]
        g = feature["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        props[p["iso3"]] = p
        for poly in polys:
            rings = [[(float(x), float(y)) for x, y in ring] for ring in poly]
            parts.append((p["iso3"], rings))
            by_country.setdefault(p["iso3"], []).append(rings)
    return Outlines(path, tuple(parts), by_country, props)


@functools.lru_cache(maxsize=4)
def _outlines_of(path: str, mtime_ns: int) -> Outlines:
    return _read_outlines(path, geo.load_world(path))


def outlines(path: str | Path | None = None) -> Outlines:
    """The outlines of ``path`` (default ``geo.WORLD_PATH``), read once per file and modification time."""
    p = Path(path or geo.WORLD_PATH)
    return _outlines_of(str(p), p.stat().st_mtime_ns)


# 5. the table: every outline with its position on the issue ----------------------------------------
TOOLTIP_FIELDS = ("t_name", "t_position", "t_status", "t_summary", "t_quote", "t_source", "t_hint")


def shorten(text: str, limit: int = QUOTE_MAX) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.") + "…"


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


def mix(colour, towards, share: float) -> tuple:
    """``colour`` (r, g, b[, a]) mixed with ``share`` of ``towards``, opaque."""
    return tuple(round(c + (t - c) * share) for c, t in zip(colour[:3], towards[:3])) + (255,)


def fill_of(score, low_confidence: bool = False, in_filter: bool = True) -> tuple:
    """The opaque fill (r, g, b, 255) of a country: its score's colour (grey for None/NaN), paler when
    only rumoured or uncertain, faded towards the sea outside the countries filter."""
    c = tuple(palette.rgb(palette.colour(score)))
    if low_confidence:
        c = mix(c, (255, 255, 255), PALER)
    if not in_filter:
        c = mix(c, SEA, FADED)
    return c


def _luminance(rgb) -> float:
    def lin(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(float(v)) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(fill) -> tuple:
    """Dark or white text, whichever contrasts more with ``fill`` (as ``palette.text_colour`` for the
    palette's own colours; also right for the paler and faded fills)."""
    lum = _luminance(fill)
    dark = (lum + 0.05) / (_luminance(DARK_TEXT) + 0.05)
    light = 1.05 / (lum + 0.05)
    return LIGHT_TEXT if light > dark else DARK_TEXT


def issue_cells(frames, as_of=None) -> dict[str, dict[str, dict]]:
    """Every cell on record as of ``as_of``, as plain rows: issue -> country -> the row of
    :func:`coalition.filters.cells`. One pass for every issue, so a page computes it once per data
    version and date and switches issues without touching pandas."""
    c = cells(filter_stances(frames.stances, None, None, as_of))
    out: dict[str, dict[str, dict]] = {}
    for row in c.to_dict("records"):
        out.setdefault(row["issue"], {})[row["country"]] = row
    return out


def country_table(frames, issue: str, countries: Iterable[str] = (), as_of=None,
                  cells_of: dict | None = None, path=None) -> pd.DataFrame:
    """One row per country outline: its position on ``issue`` as on record on ``as_of``.

    Columns: iso3, name, region, area_km2, lon, lat (centroid), label_lon, label_lat (a point well
    inside it), has_record, position, position_label, score (NaN without a record), confidence,
    disputed, low_confidence, positions, date, source, outlet, summary, conditions, quote, stance_id,
    n_sources, in_filter, fill (r, g, b, 255), line (r, g, b, a), and the plain-text tooltip fields
    ``TOOLTIP_FIELDS``. Countries outside a non-empty ``countries`` filter stay, ``in_filter`` False.
    ``cells_of``: the issue's cells (country -> row) from :func:`issue_cells`, when the caller has them.
    """
    g = outlines(path)
    c = cells_of if cells_of is not None else issue_cells(frames, as_of).get(issue, {})
    wanted = set(countries or ())
    data_names = dict(zip(frames.countries["country"], frames.countries["country_name"]))
    out = []
    for iso3, p in g.props.items():
        cell = c.get(iso3)
        has = cell is not None
        in_filter = not wanted or iso3 in wanted
        name = data_names.get(iso3, p["name"])
        label = p.get("label") or p["centroid"]
        row = {"iso3": iso3, "name": name, "region": p["region"], "area_km2": p["area_km2"],
               "lon": p["centroid"][0], "lat": p["centroid"][1], "label_lon": label[0], "label_lat": label[1],
               "has_record": has, "in_filter": in_filter}
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
                t_position=cell["position_label"], t_status=status_text(cell["confidence"], disputed, positions, low),
                t_summary=shorten(cell["summary"], SUMMARY_MAX), t_quote="“" + shorten(cell["quote"]) + "”",
                t_source=f"{outlet_shown(cell['outlet'])}, {_fmt_date(cell['date'])}"
                + (f" · {int(cell['n_sources'])} sources" if cell["n_sources"] > 1 else ""),
                t_hint="Click for the evidence",
            )
        else:
            score, low = None, False
            row.update(position="", position_label=palette.NO_RECORD_LABEL, score=float("nan"), confidence="",
                       disputed=False, low_confidence=False, positions=[], date=pd.NaT, source="", outlet="",
                       summary="", conditions="", quote="", stance_id="", n_sources=0,
                       t_position=palette.NO_RECORD_LABEL, t_status="", t_summary="", t_quote="", t_source="",
                       t_hint="")
        if not in_filter:
            row["t_hint"] = "Outside the countries filter"
        row["t_name"] = name
        row["fill"] = fill_of(score, low, in_filter)
        row["line"] = LINE if in_filter else LINE_FADED
        out.append(row)
    return pd.DataFrame(out)


def coloured_table(table: pd.DataFrame) -> pd.DataFrame:
    """The countries with a record (inside the filter), for readers who do not use the map; the first
    column is iso3 (for the page, not shown)."""
    df = table[table["has_record"] & table["in_filter"]].copy()
    df = df.sort_values(["score", "name"], ascending=[False, True]).reset_index(drop=True)
    disputed = ["Sources disagree: " + " / ".join(p) if d else "" for p, d in zip(df["positions"], df["disputed"])]
    return pd.DataFrame({
        "iso3": df["iso3"], "country": df["name"], "position": df["position_label"],
        "confidence": df["confidence"], "disputed": pd.Series(disputed, index=df.index, dtype=object),
        "date": pd.to_datetime(df["date"]).dt.date, "source": df["outlet"].map(outlet_shown) + " (" + df["source"] + ")",
        "summary": df["summary"],
    })


def tables(frames, issue: str, countries: Iterable[str] = (), as_of=None,
           cells_of: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``country_table`` and its ``coloured_table``: what the map page reads, computed together."""
    table = country_table(frames, issue, countries, as_of, cells_of=cells_of)
    return table, coloured_table(table)


# 6. the model -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CountryStyle:
    """How one country's outline is drawn: fill and line (r, g, b, a) and its tooltip (plain text,
    keys ``TOOLTIP_FIELDS``)."""
    iso3: str
    fill: tuple
    line: tuple
    tooltip: dict


@dataclass(frozen=True)
class Mark:
    """A small filled polygon drawn over the countries: a land border ("border", a thin band along it,
    as wide as ``BORDER_WIDTH_PX`` at the initial camera), a hatch line ("hatch"), a stipple dot
    ("stipple") or the focus outline along one ring ("focus"). ``polygon``: its closed rings of (lon, lat),
    the outer one first (the focus band has the outline's inner side as a hole)."""
    iso3: str
    kind: str
    polygon: tuple
    colour: tuple


@dataclass(frozen=True)
class Dot:
    """A clickable dot for a country too small to click (radius in px)."""
    iso3: str
    lon: float
    lat: float
    radius: float
    fill: tuple
    line: tuple


@dataclass(frozen=True)
class Label:
    """A name on the map. ``size`` is its font size in px at the initial camera; ``anchor`` "middle"
    (centred on lon, lat) or "start" (beginning there, right of a dot); ``box``: (x0, y0, x1, y1) in px
    from the canvas centre at the initial camera, as placed (the space it was given, gap included)."""
    iso3: str
    text: str
    lon: float
    lat: float
    size: float
    colour: tuple
    anchor: str
    box: tuple


@dataclass(frozen=True)
class LegendEntry:
    """One line of the map's key: ``key`` names the mark, ``text`` says what it means, ``swatch`` how to
    draw a sample (fill and mark colours as #rrggbb, ``pattern``: solid, hatch, stipple, dot)."""
    key: str
    text: str
    swatch: dict


def _hex(c) -> str:
    return "#{:02x}{:02x}{:02x}".format(*c[:3])


_SAMPLE = palette.SCORE_COLOURS[-1]
LEGEND = (
    LegendEntry("disputed", "hatched: the sources disagree",
                {"pattern": "hatch", "fill": _SAMPLE, "mark": _hex(HATCH)}),
    LegendEntry("low_confidence", "dotted and paler: only rumoured or uncertain",
                {"pattern": "stipple", "fill": _hex(fill_of(-1, low_confidence=True)), "mark": _hex(HATCH)}),
    LegendEntry("faded", "faded: outside your countries filter",
                {"pattern": "solid", "fill": _hex(fill_of(None, in_filter=False)), "mark": _hex(LINE_FADED)}),
    LegendEntry("no_record", palette.NO_RECORD_LABEL,
                {"pattern": "solid", "fill": palette.NO_RECORD, "mark": _hex(LINE)}),
    LegendEntry("dot", "dot: a small state, click it",
                {"pattern": "dot", "fill": palette.NO_RECORD, "mark": _hex(DOT_LINE)}),
)


@dataclass(frozen=True)
class MapModel:
    """Everything the map draws for one view and screen.

    outlines: the shared outlines (drawn in ``outlines.parts`` order; a part's country is styled by
    ``countries[iso3]``); borders: the land borders, each shared edge once (paths); marks: the borders as
    thin bands, hatching, stipple and the focus outline, drawn over the countries in this order; dots: the small states and
    tiny countries on record (clickable); labels: placed so no two boxes overlap at the initial camera;
    camera: as :func:`camera`, plus ``width`` (the canvas width the labels were placed for).
    """
    view: str
    narrow: bool
    focus: str | None
    camera: dict
    outlines: Outlines
    countries: dict
    borders: tuple
    marks: tuple
    dots: tuple
    labels: tuple
    sea: tuple = SEA
    legend: tuple = LEGEND


@dataclass(frozen=True)
class Border:
    """A land border between two countries (``neighbour``), as a path of (lon, lat), and its colour:
    faded when both sides are outside the countries filter."""
    iso3: str
    neighbour: str
    path: tuple
    colour: tuple


@functools.lru_cache(maxsize=4)
def land_borders(g: Outlines) -> tuple:
    """Every edge two countries share, once, joined into runs: (path, iso3, neighbour). Neighbours' rings
    come from the same arcs, rounded alike, so a shared edge has the same two points in both."""
    owners: dict = {}
    for iso3, rings in g.parts:
        for ring in rings:
            for a, b in zip(ring, ring[1:]):
                owners.setdefault((a, b) if a <= b else (b, a), set()).add(iso3)
    done, out = set(), []
    for iso3, rings in g.parts:
        for ring in rings:
            run, run_nb = [], None
            for a, b in zip(ring, ring[1:]):
                key = (a, b) if a <= b else (b, a)
                nb = next((o for o in owners[key] if o != iso3), None)
                if key in done or nb is None:
                    if run:
                        out.append((tuple(run), iso3, run_nb))
                    run = []
                    continue
                done.add(key)
                if run and nb == run_nb and run[-1] == a:
                    run.append(b)
                else:
                    if run:
                        out.append((tuple(run), iso3, run_nb))
                    run, run_nb = [a, b], nb
            if run:
                out.append((tuple(run), iso3, run_nb))
    return tuple(out)


def _px_per_deg(cam: dict) -> float:
    return world_px(cam["zoom"]) / 360.0


def _merc_rings(rings: list) -> list:
    return [[(x, merc_y(y)) for x, y in ring] for ring in rings]


def _hatch_segments(rings: list, spacing: float) -> list:
    """Segments ((x, y), (x, y)) in Mercator degrees of the lines y - x = c inside the polygon (even-odd)."""
    pts = _merc_rings(rings)
    ds = [y - x for ring in pts for x, y in ring]
    if not ds:
        return []
    lo, hi = min(ds), max(ds)
    out = []
    k = math.floor(lo / spacing) + 1
    while k * spacing < hi:
        c = k * spacing
        hits = []
        for ring in pts:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                d1, d2 = y1 - x1 - c, y2 - x2 - c
                if (d1 > 0) != (d2 > 0):
                    t = d1 / (d1 - d2)
                    hits.append((x1 + t * (x2 - x1), y1 + t * (y2 - y1)))
        hits.sort()
        out += list(zip(hits[0::2], hits[1::2]))
        k += 1
    return out


def _stipple_points(rings: list, spacing: float) -> list:
    """A staggered grid of (x, y) Mercator-degree points inside the polygon, rows ``spacing`` apart."""
    pts = _merc_rings(rings)
    ys = [y for ring in pts for _, y in ring]
    if not ys:
        return []
    out = []
    k = math.floor(min(ys) / spacing) + 1
    while k * spacing < max(ys):
        c = k * spacing
        hits = sorted(x1 + (c - y1) / (y2 - y1) * (x2 - x1) for ring in pts
                      for (x1, y1), (x2, y2) in zip(ring, ring[1:]) if (y1 > c) != (y2 > c))
        shift = spacing / 2 if k % 2 else 0.0
        for xa, xb in zip(hits[0::2], hits[1::2]):
            x = (math.floor((xa - shift) / spacing) + 1) * spacing + shift
            while x < xb:
                out.append((x, c))
                x += spacing
        k += 1
    return out


def _merc_area(rings: list) -> float:
    """Area in square Mercator degrees (outer ring minus holes)."""
    total = 0.0
    for i, ring in enumerate(_merc_rings(rings)):
        a = abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))) / 2
        total += a if i == 0 else -a
    return max(total, 0.0)


def _ring_out(pts, digits: int = 3) -> tuple:
    """A closed ring of Mercator-degree points as (lon, lat) pairs, rounded to ``digits`` decimals."""
    ring = [(round(x, digits), round(unmerc_y(y), digits)) for x, y in pts]
    return tuple(ring + ring[:1])


def _quad(a, b, half: float) -> tuple:
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    n = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / n * half, dx / n * half
    return _ring_out([(x1 + nx, y1 + ny), (x2 + nx, y2 + ny), (x2 - nx, y2 - ny), (x1 - nx, y1 - ny)])


@functools.lru_cache(maxsize=2048)
def _country_hatch(g: Outlines, iso3: str, spacing: float) -> tuple:
    """The country's hatch lines as Mercator-degree segments, about ``spacing`` apart (wider on a large
    country: ``MAX_HATCH`` lines across it at most)."""
    polys = g.by_country.get(iso3, [])
    ds = [merc_y(y) - x for rings in polys for x, y in rings[0]]
    if ds:
        spacing = max(spacing, (max(ds) - min(ds)) / MAX_HATCH)
    return tuple(seg for rings in polys for seg in _hatch_segments(rings, spacing))


@functools.lru_cache(maxsize=2048)
def _country_stipple(g: Outlines, iso3: str, spacing: float) -> tuple:
    """The country's stipple points in Mercator degrees (``MAX_DOTS`` at most: wider spacing if need be)."""
    polys = g.by_country.get(iso3, [])
    area = sum(_merc_area(rings) for rings in polys)
    spacing = max(spacing, math.sqrt(area / MAX_DOTS))
    return tuple(pt for rings in polys for pt in _stipple_points(rings, spacing))


def _cut(a, b, box) -> list:
    """The parts of segment ab outside ``box`` (x0, y0, x1, y1): zero, one or two segments."""
    (x1, y1), (x2, y2) = a, b
    t0, t1 = 0.0, 1.0  # Liang-Barsky: the part inside is t0..t1
    for p, q in ((-(x2 - x1), x1 - box[0]), (x2 - x1, box[2] - x1), (-(y2 - y1), y1 - box[1]), (y2 - y1, box[3] - y1)):
        if p == 0:
            if q < 0:
                return [(a, b)]
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
    if t0 >= t1:
        return [(a, b)]

    def at(t):
        return x1 + (x2 - x1) * t, y1 + (y2 - y1) * t

    return [seg for seg, keep in (((a, at(t0)), t0 > 0), ((at(t1), b), t1 < 1)) if keep]


def _hatch_quads(segments, width: float, boxes: list) -> list:
    """Hatch segments as thin quads ``width`` wide, with the parts under a label (``boxes``) cut out."""
    for box in boxes:
        segments = [part for a, b in segments for part in _cut(a, b, box)]
    return [_quad(a, b, width / 2) for a, b in segments if math.dist(a, b) > width]


def _stipple_squares(points, size: float, boxes: list) -> list:
    """Stipple points as squares ``size`` wide, none under a label (``boxes``)."""
    h = size / 2
    return [_ring_out([(x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h)]) for x, y in points
            if not any(b[0] - h <= x <= b[2] + h and b[1] - h <= y <= b[3] + h for b in boxes)]


def _simplify(pts: list, tol: float) -> list:
    """Douglas-Peucker on a closed ring (first point kept), at least a triangle."""
    if len(pts) <= 4:
        return pts
    keep = {0, len(pts) - 1}
    far = max(range(len(pts)), key=lambda i: (pts[i][0] - pts[0][0]) ** 2 + (pts[i][1] - pts[0][1]) ** 2)
    keep.add(far)
    stack = [(0, far), (far, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        if j - i < 2:
            continue
        (ax, ay), (bx, by) = pts[i], pts[j]
        dx, dy = bx - ax, by - ay
        n2 = dx * dx + dy * dy
        best, k = -1.0, None
        for m in range(i + 1, j):
            px, py = pts[m]
            t = 0.0 if n2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / n2))
            d = math.hypot(px - ax - t * dx, py - ay - t * dy)
            if d > best:
                best, k = d, m
        if best > tol:
            keep.add(k)
            stack += [(i, k), (k, j)]
    return [pts[i] for i in sorted(keep)]


@functools.lru_cache(maxsize=256)
def _country_outline(g: Outlines, iso3: str, width: float) -> tuple:
    """The focus outline of a country: per part, a band ``width`` wide along the inner side of its outer
    ring, as one polygon with a hole (outer ring: the outline, simplified to a third of ``width``; hole:
    the same points moved inwards, mitred, or left in place where moving would leave the country),
    rounded to 0.01 degree. Parts less than two widths across are left out (specks at this zoom)."""
    shape = _shapes(g).get(iso3)
    out = []
    for rings in g.by_country.get(iso3, []):
        pts = _simplify(_merc_rings(rings[:1])[0], width / 3)[:-1]
        xs, ys = [x for x, _ in pts], [y for _, y in pts]
        if len(pts) < 3 or max(max(xs) - min(xs), max(ys) - min(ys)) < 2 * width:
            continue
        area2 = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]))
        side = 1.0 if area2 > 0 else -1.0  # the inside is left of a counter-clockwise ring
        inner = []
        for i, (x, y) in enumerate(pts):
            (ax, ay), (bx, by) = pts[i - 1], pts[(i + 1) % len(pts)]
            n1 = _unit(-(y - ay), x - ax)
            n2 = _unit(-(by - y), bx - x)
            nx, ny = _unit(n1[0] + n2[0], n1[1] + n2[1])
            cos = max(nx * n1[0] + ny * n1[1], 0.5)  # mitre, at most twice the width
            p = (x + side * nx * width / cos, y + side * ny * width / cos)
            inner.append(p if shape.contains(*p) else (x, y))
        out.append((_ring_out(pts, 2), _ring_out(inner, 2)))
    return tuple(out)


@functools.lru_cache(maxsize=16)
def _border_ribbons(g: Outlines, width: float) -> tuple:
    """Every land border (``land_borders``) as a thin polygon ``width`` wide along its path (mitred at
    the joints, the mitre at most twice the width), rounded to 0.01 degree."""
    out = []
    half = width / 2
    for path, _, _ in land_borders(g):
        pts = [(x, merc_y(y)) for x, y in path]
        left, right = [], []
        for i, (x, y) in enumerate(pts):
            normals = []
            if i > 0:
                normals.append(_unit(-(y - pts[i - 1][1]), x - pts[i - 1][0]))
            if i < len(pts) - 1:
                normals.append(_unit(-(pts[i + 1][1] - y), pts[i + 1][0] - x))
            nx, ny = _unit(sum(n[0] for n in normals), sum(n[1] for n in normals))
            cos = max(nx * normals[0][0] + ny * normals[0][1], 0.5)
            left.append((x + nx * half / cos, y + ny * half / cos))
            right.append((x - nx * half / cos, y - ny * half / cos))
        out.append(_ring_out(left + right[::-1], 2))
    return tuple(out)


def _unit(x: float, y: float) -> tuple:
    n = math.hypot(x, y)
    return (x / n, y / n) if n else (0.0, 0.0)


# Character widths of Helvetica / Arial (Liberation Sans here) per 1000 units of font size, ASCII 32-126.
_WIDTHS = [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278] + [556] * 10 + [
    278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722,
    778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500,
    556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500,
    500, 500, 334, 260, 334, 584]


def text_width(text: str, size: float) -> float:
    """The width in px of ``text`` set in Helvetica/Arial at ``size`` px (others: as wide as an "o")."""
    return sum(_WIDTHS[ord(ch) - 32] if 32 <= ord(ch) < 127 else 556 for ch in text) * size / 1000


def _fits(w: float, h: float, bw: float, bh: float) -> bool:
    """Whether a w x h label fits in a country whose largest part spans bw x bh px."""
    return w <= bw * 0.8 and h <= bh * 0.6


def _spots(g: Outlines, iso3: str, x: float, y: float, w: float, h: float, cam: dict, many: bool,
           half_w: float, half_h: float):
    """Where a label may be centred, best first, as (x, y, whole): the country's label point (x, y), then
    points of a grid ``h`` apart over its largest part, nearest first: those where the label would start,
    centre and end inside that part (``whole``), then those where only its centre would (Italy's boot
    on a phone). A small state's dot may sit on the label point, as San Marino's on Italy's. Up to
    ``LABEL_SPOTS`` of each kind when ``many`` (a country with a record), else a few; none whose label
    would leave the canvas (half_w, half_h px from its centre)."""
    yield x, y, True
    shape = _shapes(g).get(iso3)
    if shape is None:
        return
    k = _px_per_deg(cam)
    cx0, cy0 = cam["longitude"], merc_y(cam["latitude"])
    x0, y0, x1, y1 = shape.bbox  # Mercator degrees, y up
    sx0, sx1, sy0, sy1 = (x0 - cx0) * k, (x1 - cx0) * k, (cy0 - y1) * k, (cy0 - y0) * k
    grid = [(sx0 + i * h, sy0 + j * h) for i in range(int((sx1 - sx0) / h) + 1)
            for j in range(int((sy1 - sy0) / h) + 1)]
    grid = [p for p in grid if abs(p[0]) + w / 2 <= half_w and abs(p[1]) + h / 2 <= half_h]
    grid.sort(key=lambda p: (p[0] - x) ** 2 + (p[1] - y) ** 2)

    def inside(px, py):
        return shape.contains(cx0 + px / k, cy0 - py / k, main_only=True)

    limit = LABEL_SPOTS if many else 4
    centre_only, n = [], 0
    for cx, cy in grid[: 400 if many else 40]:
        if n >= limit or not inside(cx, cy):
            continue
        if inside(cx - w / 2, cy) and inside(cx + w / 2, cy):
            n += 1
            yield cx, cy, True
        elif many and len(centre_only) < limit:
            centre_only.append((cx, cy))
    for cx, cy in centre_only:
        yield cx, cy, False


@dataclass(frozen=True)
class _Shape:
    """A country in Mercator degrees (x = lon, y = merc_y(lat)): its parts' rings with their boxes, and
    the box of its largest part."""
    parts: tuple  # ((x0, y0, x1, y1), rings)
    bbox: tuple
    main: int  # the index of the largest part

    def contains(self, x: float, y: float, main_only: bool = False) -> bool:
        """Whether (x, y) lies inside one of the parts (the largest when ``main_only``), even-odd rule."""
        for (x0, y0, x1, y1), rings in self.parts[self.main:self.main + 1] if main_only else self.parts:
            if not (x0 <= x <= x1 and y0 <= y <= y1):
                continue
            inside = False
            for ring in rings:
                for (ax, ay), (bx, by) in zip(ring, ring[1:]):
                    if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                        inside = not inside
            if inside:
                return True
        return False


@functools.lru_cache(maxsize=4)
def _shapes(g: Outlines) -> dict:
    out = {}
    for iso3, polys in g.by_country.items():
        parts = []
        for rings in polys:
            merc = _merc_rings(rings)
            xs, ys = [p[0] for p in merc[0]], [p[1] for p in merc[0]]
            parts.append(((min(xs), min(ys), max(xs), max(ys)), merc))
        main = max(range(len(polys)), key=lambda i: _merc_area(polys[i][:1]))
        out[iso3] = _Shape(tuple(parts), parts[main][0], main)
    return out


def _contains(g: Outlines, iso3: str, lon: float, lat: float) -> bool:
    """Whether (lon, lat) lies inside the country."""
    shape = _shapes(g).get(iso3)
    return shape is not None and shape.contains(lon, merc_y(lat))


def _pad(box: tuple, gap: float = LABEL_GAP_PX) -> tuple:
    return box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _screen_area_px2(row, cam: dict) -> float:
    k = world_px(cam["zoom"]) / 40075.0  # px per km at the equator
    return row["area_km2"] * (k / math.cos(math.radians(max(min(row["lat"], 85.0), -85.0)))) ** 2


def _bbox_px(g: Outlines, iso3: str, cam: dict) -> tuple:
    """(width, height) in px of the country's largest part at camera ``cam``."""
    shape = _shapes(g).get(iso3)
    if shape is None:
        return 0.0, 0.0
    x0, y0, x1, y1 = shape.bbox
    k = _px_per_deg(cam)
    return (x1 - x0) * k, (y1 - y0) * k


def place_labels(table: pd.DataFrame, cam: dict, width: float, height: float, size: float,
                 dots: dict, g: Outlines) -> tuple:
    """Labels placed greedily at camera ``cam`` on a ``width`` x ``height`` canvas: the countries with a
    record first, larger first, then the others that fit inside their own outline; each skipped when its
    box (plus ``LABEL_GAP_PX``) overlaps one already placed, or a dot, or leaves the canvas."""
    rows = table[table["in_filter"]].sort_values(["has_record", "area_km2"], ascending=[False, False])
    half_w, half_h = width / 2 - 2, height / 2 - 2
    taken = [(x - r - 1, y - r - 1, x + r + 1, y + r + 1)
             for x, y, r in ((*project(d.lon, d.lat, cam), d.radius) for d in dots.values())]
    out = []

    def free(box):
        return (-half_w <= box[0] and box[2] <= half_w and -half_h <= box[1] and box[3] <= half_h
                and not any(_overlaps(_pad(box), t) for t in taken))

    k = _px_per_deg(cam)
    for r in rows.to_dict("records"):
        text = shorten(r["name"], LABEL_MAX_CHARS)
        w, h = text_width(text, size), size
        dot = dots.get(r["iso3"])
        chosen = None
        if dot is not None:
            if not r["has_record"]:
                continue  # a small state without a record: its dot says enough
            x, y = project(dot.lon, dot.lat, cam)
            off = dot.radius + 3
            for box, anchor, lon in (((x + off, y - h / 2, x + off + w, y + h / 2), "start", dot.lon + off / k),
                                     ((x - off - w, y - h / 2, x - off, y + h / 2), "end", dot.lon - off / k)):
                if free(box):  # right of the dot, else left of it
                    chosen = (box, anchor, lon, dot.lat, DARK_TEXT)
                    break
        else:
            x, y = project(r["label_lon"], r["label_lat"], cam)
            bw, bh = _bbox_px(g, r["iso3"], cam)
            if not _fits(w, h, bw, bh) and SHORT_NAMES.get(r["iso3"]):
                text = SHORT_NAMES[r["iso3"]]  # "UK" inside the UK rather than "United Kingdom" across Ireland
                w = text_width(text, size)
            inside = _fits(w, h, bw, bh)
            if not r["has_record"] and not inside:
                continue  # a grey country's name only where it fits in the country
            for cx, cy, whole in _spots(g, r["iso3"], x, y, w, h, cam, r["has_record"], half_w, half_h):
                box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                if free(box):
                    colour = text_on(r["fill"]) if inside and whole else DARK_TEXT
                    chosen = (box, "middle", *unproject(cx, cy, cam), colour)
                    break
        if chosen is None:
            continue
        box, anchor, lon, lat, colour = chosen
        taken.append(_pad(box))
        out.append(Label(r["iso3"], text, round(lon, 4), round(lat, 4), size, colour, anchor,
                         tuple(round(v, 2) for v in _pad(box))))
    return tuple(out)


def _marked(table: pd.DataFrame, column: str) -> list:
    return list(table.loc[table[column] & table["has_record"] & table["in_filter"], "iso3"])


def model(table: pd.DataFrame, view: str = "europe", focus: str | None = None, narrow: bool = False,
          path=None) -> MapModel:
    """What the map draws for ``view`` ("europe" or "world"), the ``focus`` country outlined, on a phone
    when ``narrow``: see :class:`MapModel`."""
    view = view if view in VIEWS else "europe"
    narrow = bool(narrow)
    g = outlines(path)
    cam = camera(view, narrow)
    deg = 1.0 / _px_per_deg(cam)  # Mercator degrees per px at the initial camera
    rows = table.to_dict("records")
    countries = {r["iso3"]: CountryStyle(r["iso3"], tuple(r["fill"]), tuple(r["line"]),
                                         {f: r[f] for f in TOOLTIP_FIELDS}) for r in rows}
    inside = dict(zip(table["iso3"], table["in_filter"]))
    borders = tuple(Border(iso3, nb, path, LINE if inside.get(iso3, True) or inside.get(nb, True) else LINE_FADED)
                    for path, iso3, nb in land_borders(g))
    ribbons = [Mark(b.iso3, "border", (ribbon,), b.colour)
               for b, ribbon in zip(borders, _border_ribbons(g, round(BORDER_WIDTH_PX * deg, 5)))]
    dots = {}
    for r in rows:
        small = view == "europe" and r["iso3"] in geo.SMALL_STATES
        tiny = r["has_record"] and _screen_area_px2(r, cam) < DOT_BELOW_PX2
        if small or tiny:
            dots[r["iso3"]] = Dot(r["iso3"], round(r["lon"], 4), round(r["lat"], 4), DOT_RADIUS_PX,
                                  tuple(r["fill"]), DOT_LINE)
    width = NARROW_CANVAS_WIDTH if narrow else CANVAS_WIDTH
    labels = place_labels(table, cam, width, cam["height"], NARROW_LABEL_PX if narrow else LABEL_PX, dots, g)
    # the marks, sized for this camera, leave the labels' boxes free (a name over hatching is hard to read)
    k = _px_per_deg(cam)
    cx, cy = cam["longitude"], merc_y(cam["latitude"])
    boxes = {}
    for lb in labels:
        x0, y0, x1, y1 = lb.box
        boxes.setdefault(lb.iso3, []).append((cx + x0 / k, cy - y1 / k, cx + x1 / k, cy - y0 / k))
    everywhere = [b for bs in boxes.values() for b in bs]
    marks = ribbons + [Mark(iso3, "hatch", (q,), HATCH) for iso3 in _marked(table, "disputed")
             for q in _hatch_quads(_country_hatch(g, iso3, round(HATCH_SPACING_PX * deg, 4)),
                                   HATCH_WIDTH_PX * deg, everywhere)]
    marks += [Mark(iso3, "stipple", (q,), HATCH) for iso3 in _marked(table, "low_confidence")
              for q in _stipple_squares(_country_stipple(g, iso3, round(STIPPLE_SPACING_PX * deg, 4)),
                                        STIPPLE_SIZE_PX * deg, everywhere)]
    if focus in g.by_country:
        marks += [Mark(focus, "focus", band, FOCUS_LINE)
                  for band in _country_outline(g, focus, round(FOCUS_WIDTH_PX * deg, 4))]
    return MapModel(view, narrow, focus if focus in g.by_country else None, {**cam, "width": width}, g,
                    countries, borders, tuple(marks), tuple(dots.values()), labels)
