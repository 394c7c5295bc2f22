"""The map's pydeck adapter: a :class:`coalition.views.map.MapModel` as the deck.gl JSON that
st.pydeck_chart draws, and the country a click on it selected.

``build(model)`` returns a :class:`DeckSpec`, which st.pydeck_chart accepts in place of a pydeck.Deck
(it calls ``to_json()`` and reads ``_tooltip``); the JSON is assembled from strings, the outline parts
encoded once per outline file, so a build costs a few ms. ``picked(selection)`` reads the ISO3
code of what was clicked from the selection state st.pydeck_chart returns.

Offline: no map style (``mapStyle`` is Streamlit's "no base map" sentinel: a missing or null style
makes Streamlit fetch a Carto style), no tile server, no URL; the sea is the view's clear colour.

Layers (``LAYER_IDS``), always the same in the same order, some maybe empty (a rerun that adds or
removes a layer loses the reader's next click):
- ``countries`` (SolidPolygonLayer, pickable): one object per outline part with its country's iso3,
  colour and tooltip fields;
- ``marks`` (SolidPolygonLayer, not pickable, so a click on a hatch line selects the country under
  it): the land borders as thin bands, hatching, stipple and the focus outline, as small polygons,
  each with its country's iso3;
- ``small-states`` (SolidPolygonLayer, pickable): the dots, as small discs with a dark rim;
- ``labels`` (TextLayer, ``characterSet: "auto"``: without it no label is drawn).
Three of the four are one layer kind: on a CPU-drawn WebGL each kind compiles its own shaders. Measured
in Chromium (navigation to painted, interleaved with a one-layer page): borders as the wireframe of an
extruded SolidPolygonLayer cost about 0.2 s more than as bands here, a PathLayer 0.4 s more (and the
objects of an extruded layer are never picked).

Tooltips: st.pydeck_chart fills the ``{field}`` placeholders of the ``html`` template with each value
HTML-escaped (``&``, ``<``, ``>``, ``"``, ``'``), and the template holds no data. So the fields stay
plain text: escaping them here too would show ``&#x27;`` for every apostrophe.
"""
from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping

from coalition.views import map as mapview

LAYER_IDS = ("countries", "marks", "small-states", "labels")
PICKABLE = ("small-states", "countries")  # the layers whose objects carry a country, top first
MAP_STYLE = "__MAP_STYLE__"  # Streamlit's "no base map": it then fetches nothing
FONT = "Arial, Helvetica, sans-serif"  # the metrics mapview.text_width assumes (Liberation Sans here)
CIRCLE_SIDES = 16

# The tooltip's data fields as the layer objects carry them
TIP_KEYS = {"t_name": "name", "t_position": "position", "t_status": "status", "t_summary": "summary",
            "t_quote": "quote", "t_source": "source", "t_hint": "hint"}
TOOLTIP_HTML = (
    '<div style="max-width:320px;white-space:normal;font-size:13px;line-height:1.35">'
    "<b>{name}</b><br/>"
    "<b>{position}</b> {status}"
    '<div style="margin-top:4px">{summary}</div>'
    '<div style="margin-top:4px;font-style:italic">{quote}</div>'
    '<div style="margin-top:4px;font-size:11px;opacity:.85">{source}</div>'
    '<div style="font-size:11px;opacity:.85">{hint}</div>'
    "</div>"
)
TOOLTIP_STYLE = {"backgroundColor": "#1f2430", "color": "#f5f5f5", "padding": "8px 10px",
                 "borderRadius": "4px", "maxWidth": "340px"}


class DeckSpec:
    """A finished deck.gl JSON spec, accepted by st.pydeck_chart in place of a pydeck.Deck.

    st.pydeck_chart calls ``obj.to_json()`` for the spec, reads the tooltip from ``obj._tooltip``,
    ``width`` and ``mapbox_key`` with getattr, and converts any DataFrame in ``obj.layers`` (none here).
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
        """The spec as a dict (for tests)."""
        return json.loads(self._json)


def _dumps(obj) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def flat(rings) -> list | dict:
    """A polygon (closed rings, the outer one first) in deck.gl's flat form: [x0, y0, x1, y1, ...] with
    ``positionFormat`` "XY", each ring left open (deck.gl closes it), or {"positions": [...],
    "holeIndices": [...]} with holes (where each hole starts in ``positions``). Measured: nested
    [[x, y], ...] pairs drew the Europe view about 0.1 s later in Chromium (deck.gl's JSON converter walks
    every array of the data), and sent 11% more."""
    positions, starts = [], []
    for ring in rings:
        pts = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
        starts.append(len(positions))
        positions += [v for p in pts for v in p]
    return positions if len(rings) == 1 else {"positions": positions, "holeIndices": starts[1:]}


@functools.lru_cache(maxsize=4)
def _parts_json(g: mapview.Outlines) -> tuple:
    """Each outline part as '"polygon":<flat polygon>' (encoded once per outline file)."""
    return tuple('"polygon":' + _dumps(flat(rings)) for _, rings in g.parts)


def _layer(props: dict, data_json: str) -> str:
    """One layer's JSON: its props, then its data (already JSON)."""
    return _dumps(props)[:-1] + ',"data":' + data_json + "}"


def _circle(lon: float, lat: float, radius_deg: float) -> list:
    """A circle of ``CIRCLE_SIDES`` sides around (lon, lat), round on screen (Mercator), as one ring."""
    y = mapview.merc_y(lat)
    pts = [[round(lon + radius_deg * math.cos(2 * math.pi * k / CIRCLE_SIDES), 4),
            round(mapview.unmerc_y(y + radius_deg * math.sin(2 * math.pi * k / CIRCLE_SIDES)), 4)]
           for k in range(CIRCLE_SIDES)]
    return [pts + pts[:1]]


def _rgba(c) -> list:
    return [int(v) for v in c]


DOT_OUTLINE_PX = 1.2
# The dots are drawn over everything before them (painter's order, whatever the depth buffer says)
ON_TOP = {"depthCompare": "always"}


def build(model: mapview.MapModel) -> DeckSpec:
    """The deck.gl JSON of ``model`` (see the module docstring for the layers)."""
    cam = model.camera
    px_deg = 360.0 / mapview.world_px(cam["zoom"])  # degrees of longitude per px at the initial camera
    attrs = {}
    for iso3, c in model.countries.items():
        obj = {"iso3": iso3, "fill": _rgba(c.fill)}
        obj.update({TIP_KEYS[k]: v for k, v in c.tooltip.items()})
        attrs[iso3] = _dumps(obj)[1:-1]
    countries = "[" + ",".join("{" + pj + "," + attrs[iso3] + "}"
                               for (iso3, _), pj in zip(model.outlines.parts, _parts_json(model.outlines))
                               if iso3 in attrs) + "]"
    marks = _dumps([{"polygon": flat(m.polygon), "iso3": m.iso3, "fill": _rgba(m.colour)} for m in model.marks])
    dots = []
    for d in model.dots:  # a dark disc, then the dot's colour over it: its outline
        tip = {TIP_KEYS[k]: v for k, v in model.countries[d.iso3].tooltip.items()} if d.iso3 in model.countries else {}
        for radius, colour in ((d.radius + DOT_OUTLINE_PX, d.line), (d.radius, d.fill)):
            dots.append({"polygon": flat(_circle(d.lon, d.lat, radius * px_deg)), "iso3": d.iso3, "fill": _rgba(colour),
                         **tip})
    scale = 2.0 ** cam["zoom"]  # px per common unit at the initial camera
    labels = [{"position": [lb.lon, lb.lat], "text": lb.text, "colour": _rgba(lb.colour), "anchor": lb.anchor,
               "size": round(lb.size / scale, 4)} for lb in model.labels]
    polygon = {"@@type": "SolidPolygonLayer", "getPolygon": "@@=polygon", "getFillColor": "@@=fill",
               "positionFormat": "XY"}
    layers = [
        _layer({**polygon, "id": "countries", "pickable": True, "autoHighlight": True,
                "highlightColor": [255, 255, 255, 70]}, countries),
        _layer({**polygon, "id": "marks", "pickable": False}, marks),
        _layer({**polygon, "id": "small-states", "pickable": True, "autoHighlight": True, "parameters": ON_TOP,
                "highlightColor": [255, 255, 255, 90]}, _dumps(dots)),
        _layer({"@@type": "TextLayer", "id": "labels", "getPosition": "@@=position", "getText": "@@=text",
                "getColor": "@@=colour", "getSize": "@@=size", "sizeUnits": "common",
                "sizeMaxPixels": mapview.LABEL_MAX_PX, "getTextAnchor": "@@=anchor",
                "getAlignmentBaseline": "center", "characterSet": "auto", "fontFamily": FONT,
                "pickable": False}, _dumps(labels)),
    ]
    view_state = {k: cam[k] for k in ("longitude", "latitude", "zoom", "minZoom", "maxZoom", "height")}
    view_state.update(pitch=0, bearing=0)
    views = [{"@@type": "MapView", "id": "map", "clear": True, "clearColor": _rgba(model.sea),
              "controller": {"dragRotate": False, "touchRotate": False}}]
    spec = ('{"initialViewState":' + _dumps(view_state) + ',"views":' + _dumps(views)
            + ',"mapStyle":"' + MAP_STYLE + '","layers":[' + ",".join(layers) + "]}")
    return DeckSpec(spec, {"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE})


def _get(obj, key):
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def _items(value) -> list:
    """The items of a list in a selection state; nothing for any other type (a forged state may hold any)."""
    return list(value) if isinstance(value, (list, tuple)) else []


def picked(event) -> str | None:
    """The ISO3 code of the country a click selected, from the state st.pydeck_chart returns (or keeps
    in session_state): ``{"selection": {"indices": {layer: [i]}, "objects": {layer: [obj]}}}``. A dot
    wins over the outline under it; None when nothing (or the sea) is selected. The state comes from the
    client: values of any other shape count as nothing (the page then checks the code against the map's)."""
    selection = _get(event or {}, "selection") or {}
    objects = _get(selection, "objects") or {}
    for layer in PICKABLE:
        for obj in _items(_get(objects, layer)):
            iso3 = _get(obj or {}, "iso3")
            if isinstance(iso3, str) and len(iso3) == 3 and iso3.isalpha() and iso3.isupper():
                return iso3
    return None


def picked_ids(event) -> tuple[str, ...]:
    """What a map selection names, as ``ui.state.clicked`` takes it: ``(ISO3,)``, ``("",)`` for a click on
    no country (the sea), ``()`` for no selection."""
    selection = _get(event or {}, "selection")
    objects = _get(selection, "objects") if selection else None
    if not isinstance(objects, Mapping) or not any(_items(v) for v in objects.values()):
        return ()
    return (picked(event) or "",)
