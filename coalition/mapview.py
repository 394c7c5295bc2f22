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
``polygon_frame``, ``dot_frame``, ``hatch_frame``, ``stipple_frame``, ``outline_frame`` and
``label_frame`` turn it into pydeck layer data; ``build_deck`` assembles an
offline deck (no map style, no tile server).

How uncertainty is drawn:
- disputed (the records in the cell disagree): the fill is hatched and the
  tooltip says "Sources disagree: Declined / No, unless...";
- low confidence (the shown record is only rumoured or uncertain): paler fill,
  dotted, and the tooltip says so;
- outside the countries filter: faded, not removed, so the context stays.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable

import pandas as pd

from . import geo, palette
from .filters import cells, filter_stances

# Fill opacity (0-255) by status.
ALPHA_RECORD = 235
ALPHA_LOW_CONFIDENCE = 150
ALPHA_NO_RECORD = 200
ALPHA_FADED = 45
LINE = [90, 90, 90, 255]
LINE_FADED = [150, 150, 150, 140]
HATCH = [25, 25, 25, 200]
FOCUS_LINE = [0, 0, 0, 255]
SEA = [212, 225, 236, 255]

QUOTE_MAX = 160
TINY_KM2 = 20_000  # a record on a country smaller than this also gets a clickable dot

# Initial camera per view. Europe: the UK to Ukraine across the width, Russia's far east off-screen.
VIEWS = {
    "europe": {"longitude": 15.0, "latitude": 51.0, "zoom": 3.0},
    "world": {"longitude": 26.0, "latitude": 22.0, "zoom": 0.65},  # the USA to New Zealand
}
# Hatch spacing (degrees of longitude) per view: about 6 px on screen.
HATCH_SPACING = {"europe": 0.7, "world": 4.0}
STIPPLE_SPACING = {"europe": 0.8, "world": 2.0}

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
                t_position=cell["position_label"], t_status=status, t_summary=cell["summary"],
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
        pt = [round(x, digits), round(y, digits)]
        if not out or out[-1] != pt:
            out.append(pt)
    return out


def _polygons(geojson: dict | None) -> pd.DataFrame:
    gj = geojson if geojson is not None else geo.load_geojson()
    polys = geo.polygons_frame(gj)[["iso3", "polygon"]].copy()
    polys["polygon"] = polys["polygon"].map(lambda rings: [_round_ring(r) for r in rings])
    return polys


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


def outline_frame(table: pd.DataFrame, geojson: dict | None = None, only: Iterable[str] | None = None) -> pd.DataFrame:
    """Every ring as a path (for PathLayer borders); ``only`` limits it to some countries."""
    polys = _polygons(geojson)
    if only is not None:
        polys = polys[polys["iso3"].isin(list(only))]
    line = dict(zip(table["iso3"], table["line"]))
    rows = [{"iso3": p.iso3, "path": ring, "line": line.get(p.iso3, LINE)}
            for p in polys.itertuples() for ring in p.polygon]
    return pd.DataFrame(rows, columns=["iso3", "path", "line"])


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
            segments.append([[round(xa, 4), round(_unmerc(ya), 4)], [round(xb, 4), round(_unmerc(yb), 4)]])
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


def stipple_frame(table: pd.DataFrame, spacing: float, geojson: dict | None = None) -> pd.DataFrame:
    """Dots over the low-confidence countries (rumoured or uncertain), for a non-pickable ScatterplotLayer."""
    low = set(table.loc[table["low_confidence"] & table["has_record"], "iso3"])
    polys = _polygons(geojson)
    rows = [{"iso3": p.iso3, "lon": x, "lat": y} for p in polys[polys["iso3"].isin(low)].itertuples()
            for x, y in stipple_points(p.polygon, spacing)]
    return pd.DataFrame(rows, columns=["iso3", "lon", "lat"])


def hatch_frame(table: pd.DataFrame, spacing: float, geojson: dict | None = None) -> pd.DataFrame:
    """Hatch segments over the disputed countries (for a non-pickable PathLayer)."""
    gj = geojson if geojson is not None else geo.load_geojson()
    disputed = set(table.loc[table["disputed"], "iso3"])
    polys = _polygons(gj)
    rows = [{"iso3": p.iso3, "path": seg} for p in polys[polys["iso3"].isin(disputed)].itertuples()
            for seg in hatch_lines(p.polygon, spacing)]
    return pd.DataFrame(rows, columns=["iso3", "path"])


def sea_polygon() -> list:
    """A rectangle behind the countries so that near-white fills stay visible."""
    return [[[-200, -80], [220, -80], [220, 84], [-200, 84], [-200, -80]]]


def _compact_deck_class():
    import pydeck as pdk

    class CompactDeck(pdk.Deck):
        """A Deck whose JSON has no indentation (pydeck indents by 2: about 4x the bytes)."""

        def to_json(self):
            return json.dumps(json.loads(super().to_json()), separators=(",", ":"))

    return CompactDeck


LAYER_IDS = ("sea", "countries", "borders", "low-confidence-dots", "disputed-hatching", "focus", "small-states",
             "labels")


def build_deck(table: pd.DataFrame, view: str = "europe", focus: str | None = None,
               geojson: dict | None = None, height: int = 520):
    """The offline pydeck Deck: sea, countries (pickable), borders, dots over low-confidence countries,
    hatching over disputed ones, the focus outline, small-state dots (pickable) and name labels.

    Always the same layers (``LAYER_IDS``) in the same order, some maybe empty. Measured in Chromium
    with streamlit 1.67: when a rerun added or removed a layer, the next click on the map was lost.
    """
    import pydeck as pdk
    from pydeck.types import String

    px = String("pixels")
    gj = geojson if geojson is not None else geo.load_geojson()
    view = view if view in VIEWS else "europe"
    layers = [
        pdk.Layer("SolidPolygonLayer", id="sea", data=[{"polygon": sea_polygon()}], get_polygon="polygon",
                  get_fill_color=SEA, pickable=False),
        pdk.Layer("SolidPolygonLayer", id="countries", data=polygon_frame(table, gj), get_polygon="polygon",
                  get_fill_color="fill", pickable=True, auto_highlight=True, highlight_color=[255, 255, 255, 90]),
        pdk.Layer("PathLayer", id="borders", data=outline_frame(table, gj), get_path="path", get_color="line",
                  get_width=0.7, width_units=px, pickable=False),
        pdk.Layer("ScatterplotLayer", id="low-confidence-dots", data=stipple_frame(table, STIPPLE_SPACING[view], gj),
                  get_position=["lon", "lat"], get_fill_color=HATCH, get_radius=1.3, radius_units=px,
                  pickable=False),
        pdk.Layer("PathLayer", id="disputed-hatching", data=hatch_frame(table, HATCH_SPACING[view], gj),
                  get_path="path", get_color=HATCH, get_width=1.1, width_units=px, pickable=False),
        pdk.Layer("PathLayer", id="focus", data=outline_frame(table, gj, only=[focus] if focus else []),
                  get_path="path", get_color=FOCUS_LINE, get_width=2.5, width_units=px, pickable=False),
        pdk.Layer("ScatterplotLayer", id="small-states",
                  data=dot_frame(table, small_states=view == "europe"),  # at world scale they only clutter
                  get_position=["lon", "lat"], get_fill_color="fill", get_line_color=[60, 60, 60, 255],
                  stroked=True, radius_units=px, get_radius=5, line_width_units=px, get_line_width=1,
                  pickable=True, auto_highlight=True),
        pdk.Layer("TextLayer", id="labels", data=label_frame(table), get_position=["lon", "lat"],
                  get_text="label", character_set="auto", get_size=12, size_units=px, get_color=[20, 20, 20, 255], background=True,
                  get_background_color=[255, 255, 255, 190], background_padding=[3, 1],
                  font_family=String("Helvetica, Arial, sans-serif"), pickable=False),
    ]
    vs = pdk.ViewState(**VIEWS[view], pitch=0, bearing=0, height=height)
    return _compact_deck_class()(layers=layers, initial_view_state=vs, map_provider=None,
                                 tooltip={"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE})


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
