"""The map as a static SVG picture, made on the server from the view model the deck draws.

pydeck has no image export, and the deck's WebGL canvas keeps no drawing buffer to save, so a reader
who wants the map on a slide gets this instead: the same :class:`coalition.views.map.MapModel` (the
desktop camera of the Europe or World view, web Mercator) drawn as SVG, with the title, the date, a
legend beside the map and the source line under it. Every colour, hatch line, stipple dot, small-state
dot and label is the model's, so the picture matches the page. Browsers, Word, Google Slides and
Inkscape open SVG; no PNG is made here (that would need a rasteriser as a runtime dependency).

``map_svg(table, positions, title, as_of, source_line, which)`` is the entry point; ``model_svg``
draws a model already built. Coordinates are pixels at the initial camera, rounded to 0.1 px, so the
world view stays near 100 KB. Data text (names, labels, outlets, the link) is escaped for XML here
and stripped of the control characters XML cannot hold. The output is deterministic: the same
arguments give the same bytes.
"""
from __future__ import annotations

import functools
import re
from xml.sax.saxutils import escape

import pandas as pd

from coalition import palette
from coalition.views import map as mapview

from . import caption

FONT = "Arial, Helvetica, sans-serif"  # the metrics mapview.text_width assumes
TEXT, MUTED, FRAME = "#262730", "#555555", "#b0b0b0"
PAD = 16                        # around the picture's edges
TITLE_PX, SUBTITLE_PX, KEY_PX, FOOT_PX = 20, 13, 12, 11
KEY_HEAD_PX = 13
LEGEND_GAP, LEGEND_W = 20, 250  # between the map and the legend; the legend's width
SWATCH_W, SWATCH_H = 22, 14
KEY_ROW_PX = 20
LINE_PX = 1.3                   # line height as a share of the font size
SPECK_PX = 0.6                  # a ring smaller than this across (px) is left out
THIN_PX = 0.3                   # a point this close to the last one kept (px, each way) is left out
# what the map's legend says on the page, where a static picture needs other words
IMAGE_TEXT = {"dot": "dot: a small state"}
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# 1. text ------------------------------------------------------------------------------------------
def esc(text) -> str:
    """Data text for an SVG text node or a double-quoted attribute: & < > " escaped, and the control
    characters XML 1.0 cannot hold removed."""
    return escape(_BAD_XML.sub("", "" if text is None else str(text)), {'"': "&quot;"})


def _num(v: float) -> str:
    """A coordinate to 0.1 px, short: 12, 0.5 -> .5, -0.5 -> -.5."""
    s = f"{v:.1f}"
    s = s[:-2] if s.endswith(".0") else s
    if s == "-0":
        return "0"
    return s.replace("0.", ".", 1) if s.startswith(("0.", "-0.")) else s


def _hex(c) -> str:
    return "#{:02x}{:02x}{:02x}".format(*[int(v) for v in c[:3]])


def _paint(attr: str, c) -> str:
    """``fill="#rrggbb"`` (plus ``fill-opacity`` when the colour is translucent)."""
    out = f'{attr}="{_hex(c)}"'
    if len(c) > 3 and int(c[3]) < 255:
        out += f' {attr}-opacity="{int(c[3]) / 255:.2f}"'
    return out


def _text(x: float, y: float, s: str, size: float, fill: str = TEXT, weight: str = "", anchor: str = "") -> str:
    """One line of text whose vertical centre is at y."""
    attrs = f'x="{_num(x)}" y="{_num(y)}" dy="0.35em" font-size="{_num(size)}" fill="{fill}"'
    if weight:
        attrs += f' font-weight="{weight}"'
    if anchor:
        attrs += f' text-anchor="{anchor}"'
    return f"<text {attrs}>{esc(s)}</text>"


def _lines(x: float, y: float, lines, size: float, fill: str = TEXT, weight: str = "") -> tuple[list[str], float]:
    """A paragraph from the top ``y`` down, one ``<text>`` with a ``<tspan>`` per line; (elements, the y
    under the last line)."""
    step = size * LINE_PX
    spans = "".join(f'<tspan x="{_num(x)}" y="{_num(y + step * (i + 0.5))}" dy="0.35em">{esc(s)}</tspan>'
                    for i, s in enumerate(lines))
    attrs = f'font-size="{_num(size)}" fill="{fill}"' + (f' font-weight="{weight}"' if weight else "")
    return [f"<text {attrs}>{spans}</text>"], y + step * len(lines)


# 2. geometry --------------------------------------------------------------------------------------
class _Projection:
    """lon/lat -> px on the map's canvas (0, 0 at its top left): the model's camera."""

    def __init__(self, cam: dict):
        self.cam, self.w, self.h = cam, cam["width"], cam["height"]

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = mapview.project(lon, lat, self.cam)
        return round(self.w / 2 + x, 1), round(self.h / 2 + y, 1)

    def path(self, points) -> list[tuple[float, float]]:
        """A line's points, rounded, each more than ``THIN_PX`` from the one before (the last one kept)."""
        out, p = [], None
        for lon, lat in points:
            p = self(lon, lat)
            if not out or abs(p[0] - out[-1][0]) > THIN_PX or abs(p[1] - out[-1][1]) > THIN_PX:
                out.append(p)
        if len(out) > 1 and out[-1] != p:
            out[-1] = p  # a line ends where it ends (a ring where it started)
        return out

    def ring(self, ring) -> list[tuple[float, float]]:
        """A closed ring's points as ``path``, left open (the path data closes it)."""
        out = self.path(ring)
        if len(out) > 1 and out[0] == out[-1]:
            out.pop()
        return out

    def visible(self, pts, margin: float = 2.0) -> bool:
        """Whether the box of ``pts`` reaches into the canvas (grown by ``margin`` px)."""
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return (max(xs) >= -margin and min(xs) <= self.w + margin
                and max(ys) >= -margin and min(ys) <= self.h + margin)


def _rel(pts) -> str:
    """"M x y l dx dy dx dy ...": the first point absolute, the others relative (a third shorter); the
    steps are differences of the rounded points, so no rounding error adds up along a ring."""
    x0, y0 = pts[0]
    steps = []
    for x, y in pts[1:]:
        steps.append(f"{_num(x - x0)} {_num(y - y0)}")
        x0, y0 = x, y
    return f"M{_num(pts[0][0])} {_num(pts[0][1])}" + ("l" + " ".join(steps) if steps else "")


def _d(rings_px) -> str:
    """SVG path data of closed rings of px points."""
    return "".join(_rel(pts) + "z" for pts in rings_px)


def _rings(proj: _Projection, rings) -> list:
    """The rings in px, without those that shrink to a speck."""
    out = []
    for ring in rings:
        pts = proj.ring(ring)
        if len(pts) < 3:
            continue
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        if max(xs) - min(xs) < SPECK_PX and max(ys) - min(ys) < SPECK_PX:
            continue
        out.append(pts)
    return out


@functools.lru_cache(maxsize=8)
def _geometry(g: mapview.Outlines, cam_items: tuple) -> tuple[dict, dict, tuple]:
    """What depends only on the outlines and the camera, done once per view: (iso3 -> the path data of the
    country's parts that reach into the canvas, iso3 -> whether a part lies well inside it, each land border
    of ``mapview.land_borders(g)`` as path data, "" when out of sight)."""
    proj = _Projection(dict(cam_items))
    parts: dict[str, list] = {}
    inside: dict[str, bool] = {}
    for iso3, rings in g.parts:
        rings_px = _rings(proj, rings)
        if rings_px and proj.visible([p for r in rings_px for p in r]):
            parts.setdefault(iso3, []).extend(rings_px)
            inside[iso3] = inside.get(iso3, False) or proj.visible([p for r in rings_px for p in r], margin=-8)
    borders = []
    for path, _, _ in mapview.land_borders(g):
        pts = proj.path(path)
        borders.append(_rel(pts) if len(pts) > 1 and proj.visible(pts) else "")
    return {iso3: _d(r) for iso3, r in parts.items()}, inside, tuple(borders)


# 3. the map ---------------------------------------------------------------------------------------
def _map_layers(model: mapview.MapModel, proj: _Projection, countries_d: dict, borders_d: tuple) -> list[str]:
    """The map's elements on its canvas, in the deck's order: sea, countries, land borders, hatching and
    stipple, dots, labels."""
    out = [f'<rect width="{_num(proj.w)}" height="{_num(proj.h)}" {_paint("fill", model.sea)}/>']
    # one path per country (all its parts), in the outline file's order
    out.append('<g id="countries" fill-rule="evenodd">')
    for iso3, d in countries_d.items():
        if iso3 in model.countries:
            out.append(f'<path data-iso3="{esc(iso3)}" {_paint("fill", model.countries[iso3].fill)} d="{d}"/>')
    out.append("</g>")
    # land borders as lines (the deck draws them as thin bands of the same width), one path per colour
    by_colour: dict[tuple, list] = {}
    for b, d in zip(model.borders, borders_d, strict=True):  # the model's borders: mapview.land_borders, in order
        if d:
            by_colour.setdefault(tuple(b.colour), []).append(d)
    for colour, ds in by_colour.items():
        out.append(f'<path class="borders" fill="none" {_paint("stroke", colour)} '
                   f'stroke-width="{mapview.BORDER_WIDTH_PX}" stroke-linejoin="round" d="{"".join(ds)}"/>')
    # hatching, stipple (the model's own small polygons, which leave the labels free), the focus outline
    for kind in ("hatch", "stipple", "focus"):
        groups: dict[tuple, list] = {}
        for m in model.marks:
            if m.kind == kind:
                rings_px = [proj.ring(r) for r in m.polygon]
                if rings_px and len(rings_px[0]) >= 3 and proj.visible(rings_px[0]):
                    groups.setdefault(tuple(m.colour), []).extend(rings_px)
        for colour, rings_px in groups.items():
            out.append(f'<path class="{kind}" fill-rule="evenodd" {_paint("fill", colour)} d="{_d(rings_px)}"/>')
    # the small states' dots, then the labels
    dots = []
    for d in model.dots:
        x, y = proj(d.lon, d.lat)
        dots.append(f'<circle data-iso3="{esc(d.iso3)}" cx="{_num(x)}" cy="{_num(y)}" r="{_num(d.radius)}" '
                    f'{_paint("fill", d.fill)} {_paint("stroke", d.line)} stroke-width="1.2"/>')
    if dots:
        out += ['<g id="dots">', *dots, "</g>"]
    out.append('<g id="labels">')
    for lb in model.labels:
        x, y = proj(lb.lon, lb.lat)
        out.append(_text(x, y, lb.text, lb.size, _hex(lb.colour), anchor="start" if lb.anchor == "start" else "middle"))
    out.append("</g>")
    return out


# 4. the legend --------------------------------------------------------------------------------------
def _swatch(x: float, y: float, sw: dict) -> list[str]:
    """A legend sample at (x, y) (top left): solid, hatched, stippled or a dot, as the page's legend."""
    fill, mark = sw.get("fill", palette.NO_RECORD), sw.get("mark", "#333333")
    pattern = sw.get("pattern", "solid")
    if pattern == "dot":
        r = SWATCH_H / 2 - 1
        return [f'<circle cx="{_num(x + SWATCH_W / 2)}" cy="{_num(y + SWATCH_H / 2)}" r="{_num(r)}" fill="{fill}" '
                f'stroke="{mark}" stroke-width="1.2"/>']
    out = [f'<rect x="{_num(x)}" y="{_num(y)}" width="{SWATCH_W}" height="{SWATCH_H}" fill="{fill}" '
           f'stroke="#666666" stroke-width="1"/>']
    if pattern == "hatch":  # lines "/" as on the map (y - x constant in map coordinates), clipped to the box
        segs = []
        step = mapview.HATCH_SPACING_PX * 0.75
        c = step / 2
        while c < SWATCH_W + SWATCH_H:
            x0, y0 = max(0.0, c - SWATCH_H), min(float(SWATCH_H), c)
            x1, y1 = min(float(SWATCH_W), c), c - min(float(SWATCH_W), c)
            segs.append(f"M{_num(x + x0)} {_num(y + y0)}L{_num(x + x1)} {_num(y + y1)}")
            c += step
        out.append(f'<path d="{"".join(segs)}" stroke="{mark}" stroke-width="{mapview.HATCH_WIDTH_PX}" fill="none"/>')
    elif pattern == "stipple":
        s = mapview.STIPPLE_SIZE_PX
        squares = [f"M{_num(x + i - s / 2)} {_num(y + j - s / 2)}h{_num(s)}v{_num(s)}h{_num(-s)}Z"
                   for j in (4.0, 10.0) for i in ((4.0, 11.0, 18.0) if j == 4.0 else (7.5, 14.5))]
        out.append(f'<path d="{"".join(squares)}" fill="{mark}"/>')
    return out


def _legend(x: float, y: float, width: float, positions, table: pd.DataFrame, model: mapview.MapModel,
            in_view: dict) -> tuple[list[str], float]:
    """The key at (x, y): the positions' colours, no record, the marks in use; then the countries on record
    that the view leaves out (the Europe view has no room for Australia or Japan). Returns (elements,
    the y under it)."""
    out = []
    text_w = width - SWATCH_W - 8

    def entry(sw: dict, label: str, y: float, colour: str = TEXT) -> float:
        lines = caption.wrap(label, text_w, KEY_PX)
        h = max(KEY_ROW_PX, KEY_PX * LINE_PX * len(lines) + 6)
        out.extend(_swatch(x, y + (KEY_ROW_PX - SWATCH_H) / 2, sw))
        els, _ = _lines(x + SWATCH_W + 8, y + (KEY_ROW_PX - KEY_PX * LINE_PX) / 2, lines, KEY_PX, colour)
        out.extend(els)
        return y + h

    def heading(text: str, y: float) -> float:
        els, y = _lines(x, y, caption.wrap(text, width, KEY_HEAD_PX), KEY_HEAD_PX, TEXT, "bold")
        out.extend(els)
        return y + 4

    y = heading("Position", y)
    for _, label, score, _ in positions:
        y = entry({"fill": palette.colour(score)}, str(label), y)
    y = entry({"fill": palette.NO_RECORD}, palette.NO_RECORD_LABEL, y)
    y += 8
    shown = table[table["has_record"] & table["in_filter"]]
    used = {"disputed": bool(shown["disputed"].any()), "low_confidence": bool(shown["low_confidence"].any()),
            "faded": not bool(table["in_filter"].all()), "dot": bool(model.dots)}
    for e in model.legend:  # the marks this picture uses (the page lists them all)
        if used.get(e.key):
            y = entry(e.swatch, IMAGE_TEXT.get(e.key, e.text), y)

    # countries on record that this view does not show
    drawn = {iso3 for iso3, well_inside in in_view.items() if well_inside}
    away = table[table["has_record"] & table["in_filter"] & ~table["iso3"].isin(drawn)]
    if len(away):
        y += 8
        y = heading("On record, outside this view", y)
        for r in away.sort_values("name").itertuples():
            notes = (("sources disagree", r.disputed), (str(r.confidence), r.low_confidence))
            note = ", ".join(n for n, on in notes if on)
            label = f"{r.name}: {r.position_label}" + (f" ({note})" if note else "")
            pattern = "hatch" if r.disputed else ("stipple" if r.low_confidence else "solid")
            y = entry({"fill": _hex(r.fill), "mark": _hex(mapview.HATCH), "pattern": pattern}, label, y)
    return out, y


# 5. the picture -------------------------------------------------------------------------------------
def model_svg(model: mapview.MapModel, table: pd.DataFrame, positions, title: str, as_of: str,
              source_line: str) -> str:
    """``model`` (built by ``mapview.model`` from ``table``) as an SVG document: see ``map_svg``."""
    cam = model.camera
    map_w, map_h = cam["width"], cam["height"]
    width = PAD + map_w + LEGEND_GAP + LEGEND_W + PAD
    inner = width - 2 * PAD
    head, y = _lines(PAD, PAD, caption.wrap(title, inner, TITLE_PX), TITLE_PX, TEXT, "bold")
    sub = f"{mapview.VIEWS.get(model.view, model.view)} · {as_of}" if as_of else mapview.VIEWS.get(model.view, "")
    els, y = _lines(PAD, y + 2, caption.wrap(sub, inner, SUBTITLE_PX), SUBTITLE_PX, MUTED)
    head += els
    top = y + 10
    proj = _Projection(cam)
    countries_d, in_view, borders_d = _geometry(model.outlines, tuple(sorted(cam.items())))
    legend, legend_bottom = _legend(PAD + map_w + LEGEND_GAP, top, LEGEND_W, positions, table, model, in_view)
    foot, bottom = _lines(PAD, max(top + map_h, legend_bottom) + 10,
                          caption.wrap(source_line, inner, FOOT_PX), FOOT_PX, MUTED)
    height = bottom + PAD
    clip = f'<clipPath id="map-clip"><rect width="{_num(map_w)}" height="{_num(map_h)}"/></clipPath>'
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" height="{_num(height)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" font-family="{FONT}" role="img">',
        f"<title>{esc(title)}</title>",
        f"<desc>{esc(sub)}. {esc(source_line)}</desc>",
        f"<defs>{clip}</defs>",
        f'<rect width="{_num(width)}" height="{_num(height)}" fill="#ffffff"/>',
        '<g id="title">', *head, "</g>",
        f'<g transform="translate({_num(PAD)} {_num(top)})"><g id="map" clip-path="url(#map-clip)">',
        *_map_layers(model, proj, countries_d, borders_d), "</g></g>",
        f'<rect x="{_num(PAD)}" y="{_num(top)}" width="{_num(map_w)}" height="{_num(map_h)}" fill="none" '
        f'stroke="{FRAME}" stroke-width="1"/>',
        '<g id="legend">', *legend, "</g>",
        '<g id="source">', *foot, "</g>",
        "</svg>",
    ]) + "\n"


def map_svg(table: pd.DataFrame, positions, title: str, as_of: str, source_line: str,
            which: str = "europe") -> str:
    """The map of ``table`` (``mapview.tables(...)[0]``: every outline with its position on the issue) as
    an SVG document, for the ``which`` view ("europe" or "world") at its desktop camera.

    ``positions``: the issue's positions in order, ``(position, label, score, description)`` (``Data.
    positions_of[issue]``), for the legend; ``title`` (e.g. the issue's question), ``as_of`` (e.g.
    ``caption.as_of_text(view.as_of, latest)``) and ``source_line`` (``caption.source_line(outlets,
    link)``) are written into the picture. No country is outlined as focused: a saved map shows the
    data, not a click."""
    model = mapview.model(table, view=which if which in mapview.VIEWS else "europe", focus=None, narrow=False)
    return model_svg(model, table, positions, title, as_of, source_line)
