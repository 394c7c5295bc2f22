"""The plotly adapter: a view model (``coalition.views``) -> a plotly figure as a plain JSON-able dict.

Figures are built as dicts, never through plotly's graph objects, so nothing is validated property
by property; ``figure(fig)`` wraps a dict in the cheapest object ``st.plotly_chart`` takes without
re-validating it (a dict would go through ``plotly.graph_objs.Figure(**fig)``, a ``go.Figure``
through a deep copy). Build a figure once per data version and filters and cache it; a selection
only makes a shallow copy with one more shape (matrix) or trace (timeline).

Clicks: heatmap cells cannot be selected in Streamlit, scatter points can. Each figure has a few
scatter traces whose points carry the record's id in ``customdata`` (``"ISO3.issue"`` for a cell,
the ``event_id`` for an event); ``picked(event)`` reads it back from ``st.plotly_chart``'s
selection state. Colours, outlines and bands are layout shapes, one SVG path per colour.

Text from the data is escaped here (``esc``): plotly draws a subset of HTML in labels and hover
boxes (<b>, <a href>, <span style> ...), so every data string goes through ``html.escape`` and only
the markup this module writes (<b>, <i>, <br>, <span style>) is ever interpreted.

Theme: draw with ``st.plotly_chart(..., theme=None)``. Every colour, font and margin is set here,
on white (the cells' text colours and the faded cells are made for white); Streamlit's theme would
only add a template that these explicit settings override, and its client-side rewriting.
"""
from __future__ import annotations

import html
import re

from plotly.basedatatypes import BaseFigure

from ..views import matrix as mview
from ..views import timeline as tview
from ..views.map import text_width
from . import caption

FONT = "Source Sans Pro, Arial, sans-serif"
TEXT = "#262730"
MUTED = "#555555"
HOVER_LABEL = {"bgcolor": "#ffffff", "bordercolor": "#888888", "align": "left",
               "font": {"family": FONT, "size": 12, "color": "#111111"}}
# modebar: no plotly logo, no zoom / select / autoscale buttons (Streamlit adds its fullscreen button)
CONFIG = {"displaylogo": False, "scrollZoom": False,
          "modeBarButtonsToRemove": ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d",
                                     "autoScale2d", "resetScale2d", "toImage"]}
IMAGE_SCALE = 2  # the PNG of the camera button: twice the size on screen (sharp on slides and in print)


# 1. text -------------------------------------------------------------------------------
def esc(text) -> str:
    """Data text made inert for plotly's pseudo-HTML: & < > become entities (shown, never parsed)."""
    return html.escape("" if text is None else str(text), quote=False)


def lines_html(lines) -> str:
    """Escaped lines joined with plotly's line break."""
    return "<br>".join(esc(s) for s in lines)


def hover_html(title: str, lines) -> str:
    """A hover box: the title in bold, then the lines; the last one (what a click does) in italics."""
    lines = list(lines)
    body = [esc(s) for s in lines[:-1]] + ([f"<i>{esc(lines[-1])}</i>"] if lines else [])
    return "<br>".join([f"<b>{esc(title)}</b>"] + body)


# 2. the object st.plotly_chart takes -------------------------------------------------------------
class Prebuilt(BaseFigure):
    """A figure dict presented as a plotly figure, so ``st.plotly_chart`` serialises it as it is.

    ``plotly.tools.return_figure_from_figure_or_data`` validates a dict (``Figure(**fig)``, ~10 ms
    per 100 cells) but takes a ``BaseFigure``'s ``to_dict()`` as already valid; a ``go.Figure``'s
    ``to_dict`` deep-copies every list. Here ``to_dict`` returns a shallow copy: new trace dicts
    (``plotly.io.to_json`` pops their ``uid``), the same lists and layout. Nothing else of
    BaseFigure is used (its constructor is skipped on purpose)."""

    def __init__(self, fig: dict):  # noqa: D107 - no BaseFigure.__init__: nothing to validate
        object.__setattr__(self, "_prebuilt", fig)

    def to_dict(self) -> dict:
        fig = self._prebuilt
        return {"data": [dict(t) for t in fig.get("data", ())], "layout": fig.get("layout", {})}

    def to_plotly_json(self) -> dict:
        return self.to_dict()

    def __reduce__(self):
        return (self.__class__, (self._prebuilt,))

    def __repr__(self) -> str:
        return f"Prebuilt({len(self._prebuilt.get('data', ()))} traces)"


def figure(fig: dict) -> Prebuilt:
    """``fig`` as the object to pass to ``st.plotly_chart`` (no per-property validation, no deep copy)."""
    return Prebuilt(fig)


# 3. selections -------------------------------------------------------------------------------
def _get(obj, name):
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def picked_all(event) -> tuple[str, ...]:
    """The ids (``customdata``) of every point an ``st.plotly_chart`` selection state names."""
    if not event:
        return ()
    sel = _get(event, "selection")
    points = _get(sel, "points") if sel else None
    out = []
    for p in points if isinstance(points, (list, tuple)) else ():  # a forged state may hold any type
        cd = _get(p, "customdata")
        if isinstance(cd, (list, tuple)):
            cd = cd[0] if cd else None
        if isinstance(cd, str) and cd:
            out.append(cd)
    return tuple(out)


def picked(event) -> str | None:
    """The id of the clicked cell (``"ITA.troops"``) or event (``event_id``); None when nothing is selected."""
    ids = picked_all(event)
    return ids[-1] if ids else None


# 4. the stance matrix ---------------------------------------------------------------------------
def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".")


def _rects(cells, half: float) -> str:
    """One SVG path (data coordinates) of the squares of ``cells``: one shape draws them all."""
    return "".join(f"M{_num(c.x - half)},{_num(c.y - half)}H{_num(c.x + half)}V{_num(c.y + half)}"
                   f"H{_num(c.x - half)}Z" for c in cells)


def _path(path: str, fill: str | None, opacity: float = 1.0, line: dict | None = None, layer: str = "below") -> dict:
    shape = {"type": "path", "xref": "x", "yref": "y", "path": path, "layer": layer,
             "fillcolor": fill or "rgba(0,0,0,0)", "line": line or {"width": 0}}
    if opacity != 1.0:
        shape["opacity"] = opacity
    return shape


def matrix_figure(mm: mview.MatrixModel) -> dict:
    """The stance matrix of ``mm`` as a plotly figure dict.

    Shapes (below the text, one SVG path each): the band of the focused column; a white underlay of
    the faded cells (so they fade against white, not the band); one path per fill colour and
    opacity; the dark outlines of disputed cells; the dotted outlines of low-confidence ones.
    Traces: one scatter per label colour (at most three), a point on every cell's centre with its
    label, hover text and ``customdata`` = the cell's key. The points' markers are transparent; a
    click anywhere in a cell selects the nearest centre, i.e. that cell (``hoverdistance`` -1).
    Labels keep their colour when plotly marks a selection (selected and unselected text colours
    are the trace's own), so a click never dims the matrix.
    """
    half = mview.CELL_BAND / 2
    n_rows, n_cols = len(mm.rows), len(mm.columns)
    shapes = []
    if mm.focus_x is not None:
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": mm.focus_x - 0.5, "x1": mm.focus_x + 0.5,
                       "y0": 0, "y1": 1, "fillcolor": mview.FOCUS_BAND, "line": {"width": 0}, "layer": "below"})
    faded = [c for c in mm.cells if c.opacity != 1.0]
    if faded:
        shapes.append(_path(_rects(faded, half), "#ffffff"))
    groups: dict[tuple[str, float], list] = {}
    for c in mm.cells:
        groups.setdefault((c.fill, c.opacity), []).append(c)
    for (fill, opacity), cells in groups.items():
        shapes.append(_path(_rects(cells, half), fill, opacity))
    for kind, colour, width, dash in (("disputed", mview.DISPUTED_LINE, mview.DISPUTED_WIDTH, "solid"),
                                      ("low", mview.LOW_CONFIDENCE_LINE, mview.LOW_CONFIDENCE_WIDTH, "dot")):
        outlined = [c for c in mm.cells if c.outline == kind]
        if outlined:
            shapes.append(_path(_rects(outlined, half), None,
                                line={"color": colour, "width": width, "dash": dash}))

    by_colour: dict[str, list] = {}
    for c in mm.cells:
        by_colour.setdefault(c.text_colour, []).append(c)
    traces = []
    for colour, cells in by_colour.items():
        sizes = [c.text_px for c in cells]
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": f"cells {colour}", "showlegend": False,
            "x": [c.x for c in cells], "y": [c.y for c in cells], "customdata": [c.key for c in cells],
            "text": [lines_html(c.lines) for c in cells], "textposition": "middle center",
            "textfont": {"family": FONT, "color": colour, "size": sizes[0] if len(set(sizes)) == 1 else sizes},
            "hoverinfo": "text", "hovertext": [hover_html(c.hover_title, c.hover_lines) for c in cells],
            "marker": {"symbol": "square", "size": 4, "opacity": 0, "color": colour},
            "selected": {"marker": {"opacity": 0}, "textfont": {"color": colour}},
            "unselected": {"marker": {"opacity": 0}, "textfont": {"color": colour}},
        })

    ticktext_x = [f"<b>{lines_html(c.lines)}</b>" if c.focus else lines_html(c.lines) for c in mm.columns]
    ticktext_y = []
    for r in mm.rows:
        label = lines_html(r.lines)
        if r.region:
            label += (f"<br><span style=\"font-size:{mview.FONT_PX['region']}px;color:#777777\">"
                      f"{esc(r.region)}</span>")
        ticktext_y.append(label)
    pan_x, pan_y = mm.pans
    axis = {"showgrid": False, "zeroline": False, "showline": False, "ticks": "", "tickmode": "array",
            "automargin": False}
    layout = {
        "height": mm.height_px, "margin": {"l": mm.left_px, "r": 8, "t": mm.top_px, "b": mview.BOTTOM_PX, "pad": 0},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "showlegend": False,
        "font": {"family": FONT, "size": 12, "color": TEXT},
        "hovermode": "closest", "hoverdistance": -1, "hoverlabel": HOVER_LABEL,
        # a phone pans the issues sideways (and, with many countries, the rows up and down): the names
        # and the issue labels stay at the edges; a wide screen shows every cell
        "dragmode": "pan" if pan_x or pan_y else False,
        "xaxis": {**axis, "side": "top", "range": list(mm.x_range), "fixedrange": not pan_x,
                  "tickvals": list(range(n_cols)), "ticktext": ticktext_x, "tickangle": 0,
                  "tickfont": {"size": mview.FONT_PX["column"], "color": MUTED}},
        "yaxis": {**axis, "range": list(mm.y_range), "fixedrange": not pan_y,
                  "tickvals": list(range(n_rows)), "ticktext": ticktext_y,
                  "tickfont": {"size": mview.FONT_PX["row"], "color": MUTED}},
        "shapes": shapes,
        "meta": {"chart": "matrix", "order": mm.order, "issues": mm.issues, "focus": mm.focus, "sort": mm.sort},
    }
    return {"data": traces, "layout": layout}


def _point(fig: dict, key: str) -> tuple[dict, int] | None:
    """(trace, index) of the point whose customdata is ``key``."""
    for t in fig.get("data", ()):
        cd = t.get("customdata")
        if cd and key in cd:
            return t, cd.index(key)
    return None


def with_selected_cell(fig: dict, key: str | None) -> dict:
    """A shallow copy of the matrix figure with a gold ring round the cell ``key`` (the figure passed in,
    usually cached, is not changed; traces and the other shapes are shared)."""
    hit = _point(fig, key) if key else None
    if hit is None:
        return fig
    t, i = hit
    x, y = t["x"][i], t["y"][i]
    ring = {"type": "rect", "xref": "x", "yref": "y", "x0": x - 0.5, "x1": x + 0.5, "y0": y - 0.5, "y1": y + 0.5,
            "fillcolor": "rgba(0,0,0,0)", "line": {"color": mview.SELECTED_LINE, "width": mview.SELECTED_WIDTH},
            "layer": "above", "name": "selected"}
    layout = {**fig["layout"], "shapes": [*fig["layout"].get("shapes", ()), ring],
              "meta": {**fig["layout"].get("meta", {}), "selected": key}}
    # on a phone only a window of the cells is in view at first: move it to the selected cell
    for name, at in (("xaxis", x), ("yaxis", y)):
        ax = layout.get(name, {})
        if ax.get("fixedrange") is False and "range" in ax:
            lo, hi = sorted(ax["range"])
            if not lo < at < hi:
                n = len(ax.get("tickvals", ()))
                size = int(hi - lo)  # whole columns / rows in view (the range adds a peek of the next one)
                first, last = mview.window(int(at) - (1 if name == "xaxis" else size // 2), size, n)
                layout[name] = {**ax, "range": [first, last] if name == "xaxis" else [last, first]}
    return {**fig, "layout": layout}


# 5. the timeline -------------------------------------------------------------------------------
def _number_px(n: int) -> int:
    return 11 if n < 100 else (9 if n < 1000 else 8)


def _axes(i: int) -> tuple[str, str]:
    """('x', 'y') for the first panel's axes, ('x2', 'y2') for the second's."""
    return ("x", "y") if i == 0 else (f"x{i + 1}", f"y{i + 1}")


AFTER_DASH = "5px,3px"  # the dashes of an "after" date's line: short, so a few show beside the marker
SPAN_DASH = {"range": "solid", "approximate": "dot", "after": AFTER_DASH}


def _marks(name: str, refs: dict, evs, size: float, mode: str, **style) -> dict:
    """A trace of marks drawn with events (not clickable, never dimmed by a selection)."""
    keep = {"marker": {"opacity": 1}, **({"textfont": {"color": style["textfont"]["color"]}}
                                          if "textfont" in style else {})}
    return {"type": "scatter", "mode": mode, "name": name, **refs, **style, "hoverinfo": "skip",
            "selected": keep, "unselected": keep, "cliponaxis": False} | {
        "marker": {"opacity": 1, "size": size, **style.get("marker", {})}}


def _event_traces(panel, xa: str, ya: str, marker_px: int, label_offset_px: float) -> list[dict]:
    """A panel's traces: span lines (one per colour and style), the arrowheads of "after" dates, markers
    (filled, hollow), the "?" beside events with no date given, titles."""
    refs = {"xaxis": xa, "yaxis": ya, "showlegend": False}
    traces = []
    spans: dict[tuple[str, str], tuple[list, list]] = {}
    for e in panel.events:
        if e.span:
            xs, ys = spans.setdefault((e.colour, e.span_style), ([], []))
            xs += [e.span[0], e.span[1], None]
            ys += [e.y, e.y, None]
    for (colour, style), (xs, ys) in spans.items():
        traces.append({"type": "scatter", "mode": "lines", "name": f"{style} {colour}", **refs, "x": xs, "y": ys,
                       "line": {"color": colour, "width": tview.SPAN_PX, "dash": SPAN_DASH.get(style, "solid")},
                       "hoverinfo": "skip"})
    after = [e for e in panel.events if e.span and e.span_style == "after"]
    if after:  # an arrowhead at the end of each "after" line: the event comes some time later
        traces.append(_marks("after arrows", refs, after, tview.ARROW_PX, "markers",
                             x=[e.span[1] for e in after], y=[e.y for e in after],
                             marker={"symbol": "triangle-right", "color": [e.colour for e in after],
                                     "line": {"width": 0}}))
    for planned in (False, True):
        evs = [e for e in panel.events if e.planned == planned]
        if not evs:
            continue
        number = evs[0].number_colour
        sizes = [_number_px(e.n) for e in evs]
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": "planned" if planned else "events", **refs,
            "x": [e.date for e in evs], "y": [e.y for e in evs], "customdata": [e.event_id for e in evs],
            "text": [str(e.n) for e in evs], "textposition": "middle center",
            "textfont": {"family": FONT, "color": number, "size": sizes[0] if len(set(sizes)) == 1 else sizes},
            "marker": {"symbol": "circle", "size": marker_px, "opacity": 1, "color": [e.fill for e in evs],
                       "line": {"color": [e.colour for e in evs], "width": 2.5 if planned else 1}},
            "hoverinfo": "text", "hovertext": [hover_html(e.hover_title, e.hover_lines) for e in evs],
            "selected": {"marker": {"opacity": 1}, "textfont": {"color": number}},
            "unselected": {"marker": {"opacity": 1}, "textfont": {"color": number}},
            "cliponaxis": False,
        })
    unknown = [e for e in panel.events if e.date_unknown]
    if unknown:
        # a "?" at the top right of the marker: the text sits r / 0.8 + 1 px right of and above the centre
        # of an (invisible) marker of radius r, so at any chart width it touches the event's marker
        colours = [e.colour for e in unknown]
        traces.append(_marks("date unknown", refs, unknown, round(0.55 * marker_px, 2), "markers+text",
                             x=[e.date for e in unknown], y=[e.y for e in unknown],
                             text=[f"<b>{esc(tview.UNKNOWN_MARK)}</b>"] * len(unknown), textposition="top right",
                             textfont={"family": FONT, "size": tview.UNKNOWN_PX,
                                       "color": colours[0] if len(set(colours)) == 1 else colours},
                             marker={"color": "rgba(0,0,0,0)"}))
    labelled = [e for e in panel.events if e.label]
    if labelled:
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": "titles", **refs,
            "x": [e.label_at for e in labelled], "y": [e.y for e in labelled],
            "text": [esc(e.label) for e in labelled],
            "textposition": [f"middle {e.label_side}" for e in labelled],
            "textfont": {"family": FONT, "color": MUTED, "size": tview.LABEL_PX},
            # plotly sets text beside a marker of radius r at r / 0.8 + 1 px from its centre: an invisible
            # marker of this size puts each title label_offset_px from its anchor, at any chart width
            "marker": {"size": round(2 * 0.8 * (label_offset_px - 1), 2), "opacity": 0}, "hoverinfo": "skip",
            "selected": {"marker": {"opacity": 0}, "textfont": {"color": MUTED}},
            "unselected": {"marker": {"opacity": 0}, "textfont": {"color": MUTED}},
            "cliponaxis": False,
        })
    return traces


def timeline_figure(tm: tview.TimelineModel) -> dict:
    """The timeline of ``tm`` as a plotly figure dict: one figure, one subplot per panel (the context
    strip above, on its own date axis; March below, one lane per kind).

    Traces per panel: the span lines (a date range solid, an approximate date dotted, an "after" date
    dashed; one trace per colour and style) and the arrowheads of the "after" lines, the filled
    markers and the hollow (planned) ones, each numbered as the list below the chart and carrying
    ``customdata`` = the event id, a "?" beside each event with no date given, and one text trace of
    the short titles placed by the view model. Selection never dims a marker or a number (selected and
    unselected styles are the traces' own)."""
    panels = tm.panels
    plot_h = sum(p.height_px for p in panels) + tm.gap_px
    layout = {
        "height": tm.height_px,
        "margin": {"l": tm.left_px, "r": tm.right_px, "t": tm.top_px, "b": tm.bottom_px, "pad": 0},
        "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "showlegend": False,
        "font": {"family": FONT, "size": 12, "color": TEXT}, "hovermode": "closest", "hoverlabel": HOVER_LABEL,
        "dragmode": False, "annotations": [],
        "meta": {"chart": "timeline", "order": list(tm.order), "panels": [p.name for p in panels]},
    }
    traces = []
    top = plot_h
    for i, p in enumerate(panels):
        xa, ya = _axes(i)
        y1 = top / plot_h
        y0 = (top - p.height_px) / plot_h
        top -= p.height_px + tm.gap_px
        layout["xaxis" if i == 0 else f"xaxis{i + 1}"] = {
            "type": "date", "anchor": ya, "domain": [0, 1], "range": list(p.x_range), "fixedrange": True,
            "tickmode": "array", "tickvals": [t for t, _ in p.ticks], "ticktext": [esc(s) for _, s in p.ticks],
            "ticks": "", "zeroline": False, "automargin": False, "tickfont": {"size": 11, "color": MUTED},
            **({"showgrid": True, "gridcolor": "#eeeeee", "showline": False} if p.name == "main"
               else {"showgrid": False, "showline": True, "linecolor": "#bbbbbb"})}
        layout["yaxis" if i == 0 else f"yaxis{i + 1}"] = {
            "anchor": xa, "domain": [round(y0, 6), round(y1, 6)], "range": list(p.y_range), "fixedrange": True,
            "tickmode": "array", "tickvals": [lane.y for lane in p.lanes],
            "ticktext": [esc(lane.label) for lane in p.lanes], "ticks": "", "showgrid": False, "zeroline": False,
            "automargin": False, "tickfont": {"size": 12, "color": MUTED}}
        layout["annotations"].append({
            "text": esc(p.title), "xref": "paper", "yref": "paper", "x": 0, "y": y1, "xanchor": "left",
            "yanchor": "bottom", "xshift": -tm.left_px + 4, "yshift": 4, "showarrow": False,
            "font": {"size": 12, "color": MUTED}})
        traces += _event_traces(p, xa, ya, tm.marker_px, tm.label_offset_px)
    return {"data": traces, "layout": layout}


def with_selected_event(fig: dict, event_id: str | None) -> dict:
    """A shallow copy of the timeline figure with a gold ring round the marker of ``event_id`` (one trace
    more; the figure passed in is not changed)."""
    hit = _point(fig, event_id) if event_id else None
    if hit is None:
        return fig
    t, i = hit
    ring = {"type": "scatter", "mode": "markers", "name": "selected", "showlegend": False,
            "xaxis": t.get("xaxis", "x"), "yaxis": t.get("yaxis", "y"), "x": [t["x"][i]], "y": [t["y"][i]],
            "marker": {"symbol": "circle-open", "size": tview.RING_PX, "color": tview.SELECTED_LINE,
                       "line": {"width": 4, "color": tview.SELECTED_LINE}, "opacity": 1},
            "selected": {"marker": {"opacity": 1}}, "unselected": {"marker": {"opacity": 1}},
            "hoverinfo": "skip", "cliponaxis": False}
    return {**fig, "data": [*fig["data"], ring], "layout": {**fig["layout"], "meta": {**fig["layout"].get("meta", {}),
                                                                                  "selected": event_id}}}


# 6. saving a chart as an image ---------------------------------------------------------------------
# plotly's camera button (toImage) draws the figure as it stands: nothing of the page around it. So a
# figure meant to be saved carries its own title, date, legend and source line (``with_caption``),
# the way a grapher chart does on screen and in its download alike.
TITLE_PX, SUBTITLE_PX, CAPTION_PX, KEY_PX = 16, 12, 11, 11
TITLE_LINE_PX, CAPTION_LINE_PX = 21, 15
KEY_ROW_PX, KEY_BOX_PX = 24, 18   # a legend row, and the height of a swatch in it
EDGE_PX = 8                       # the caption's distance from the figure's left edge
MODEBAR_PX = 72                   # kept free right of the title: the modebar (camera, fullscreen) shows there
CAPTION_WIDTH_PX = 640            # the width the caption is wrapped for (a narrow desktop chart)
NARROW_CAPTION_WIDTH_PX = 328     # ... and on a phone


def image_filename(chart: str, issue: str | None = None) -> str:
    """``coalition-<chart>-<issue>``, the name of a saved chart (plotly adds ``.png``); only letters, digits,
    ``-`` and ``_`` survive from the arguments (the issue comes from a URL)."""
    parts = ["coalition", chart] + ([issue] if issue else [])
    return "-".join(re.sub(r"[^A-Za-z0-9_-]+", "_", str(p)).strip("_") or "x" for p in parts)


def image_config(filename: str) -> dict:
    """The ``config`` for ``st.plotly_chart``: ``CONFIG`` with the modebar's "Download plot as a PNG" button,
    saving ``filename`` (``.png`` is added by plotly, so a trailing one is dropped here) at ``IMAGE_SCALE``
    times the size on screen."""
    stem = re.sub(r"\.png$", "", str(filename), flags=re.IGNORECASE)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "coalition-chart"
    return {**CONFIG, "modeBarButtonsToRemove": [b for b in CONFIG["modeBarButtonsToRemove"] if b != "toImage"],
            "toImageButtonOptions": {"format": "png", "filename": stem, "scale": IMAGE_SCALE}}


def matrix_legend() -> list[dict]:
    """The matrix key (``mview.key_entries``) as ``with_caption`` legend entries: a cell-like swatch with
    its label, and a note after it. The gold ring of a selected cell is left out (a saved chart shows
    the data, not a click)."""
    return [{"mark": "box", "label": e.label, "note": e.note, "fill": e.fill, "text_colour": e.text_colour,
             "border_colour": e.border_colour, "border_px": e.border_px, "border_style": e.border_style,
             "opacity": e.opacity} for e in mview.key_entries() if e.border_colour != mview.SELECTED_LINE]


def _key_item(e: dict) -> tuple[float, list, list]:
    """(width, shapes, annotations) of one legend entry drawn at x = 0, y = 0 (px, y up: the row's top);
    the caller moves them (a "path" shape gives its corners as ``points``). Entry marks: "box" (a swatch
    with text, as a matrix cell), "dot", "hollow", "line", "dotted", "after" (a dashed line ending in an
    arrowhead), "unknown" (a dot with a "?"), as the timeline's legend."""
    mark = e.get("mark", "box")
    mid = -KEY_BOX_PX / 2
    shapes, notes = [], []
    if mark == "box":
        w = text_width(e["label"], KEY_PX) + 14
        style = e.get("border_style", "solid")
        line = ({"width": 0} if style == "none" or not e.get("border_px") else
                {"color": e.get("border_colour", "#888888"), "width": e["border_px"],
                 "dash": "dot" if style == "dotted" else "solid"})
        shapes.append({"type": "rect", "x0": 0, "x1": w, "y0": -KEY_BOX_PX, "y1": 0,
                       "fillcolor": e.get("fill", "#ffffff"),
                       "opacity": e.get("opacity", 1.0), "line": line})
        notes.append({"x": w / 2, "y": mid, "xanchor": "center", "text": esc(e["label"]),
                      "font": {"size": KEY_PX, "color": e.get("text_colour", TEXT)}})
    else:
        w = {"line": 22, "dotted": 22, "after": 28, "unknown": 20}.get(mark, 12)
        colour = e.get("colour", MUTED)
        if mark in ("dot", "hollow", "unknown"):
            shapes.append({"type": "circle", "x0": 0.5, "x1": 11.5, "y0": mid - 5.5, "y1": mid + 5.5,
                           "fillcolor": "#ffffff" if mark == "hollow" else colour,
                           "line": {"color": colour, "width": 2 if mark == "hollow" else 1}})
            if mark == "unknown":
                notes.append({"x": 11, "y": mid + 5, "xanchor": "left", "text": f"<b>{esc(tview.UNKNOWN_MARK)}</b>",
                              "font": {"size": KEY_PX + 1, "color": colour}})
        else:
            end = w - 6 if mark == "after" else w
            shapes.append({"type": "line", "x0": 0, "x1": end, "y0": mid, "y1": mid,
                           "line": {"color": colour, "width": 3,
                                    "dash": {"dotted": "dot", "after": AFTER_DASH}.get(mark, "solid")}})
            if mark == "after":  # the arrowhead: a filled triangle pointing right
                shapes.append({"type": "path", "points": [(end, mid - 5), (w, mid), (end, mid + 5)],
                               "fillcolor": colour, "line": {"color": colour, "width": 1}})
        notes.append({"x": w + 5, "y": mid, "xanchor": "left", "text": esc(e["label"]),
                      "font": {"size": KEY_PX, "color": TEXT}})
        w += 5 + text_width(e["label"], KEY_PX)
    if e.get("note"):
        notes.append({"x": w + 5, "y": mid, "xanchor": "left", "text": esc(e["note"]),
                      "font": {"size": KEY_PX, "color": TEXT}})
        w += 5 + text_width(e["note"], KEY_PX)
    return w, shapes, notes


def _legend_rows(legend, width_px: float) -> list[list[tuple[float, float, list, list]]]:
    """The entries flowed into rows ``width_px`` wide: per row, (x, width, shapes, annotations)."""
    rows, x = [[]], 0.0
    for e in legend:
        w, shapes, notes = _key_item(e)
        if x and x + w > width_px:
            rows.append([])
            x = 0.0
        rows[-1].append((x, w, shapes, notes))
        x += w + 16
    return [r for r in rows if r]


def with_caption(fig: dict, title: str, as_of: str, source_line: str, legend=(), width_px: int | None = None) -> dict:
    """A shallow copy of a figure dict (``matrix_figure``, ``timeline_figure``) that says by itself what it
    shows: ``title`` (bold) and ``as_of`` (e.g. ``caption.as_of_text(view.as_of, latest)``) above the
    chart; under it the ``legend`` entries (``matrix_legend()``, or the timeline's ``tview.legend(events)``)
    and the ``source_line`` (``caption.source_line(outlets, link)``), wrapped for a chart ``width_px``
    wide (``CAPTION_WIDTH_PX``; ``NARROW_CAPTION_WIDTH_PX`` on a phone). The figure grows by the room
    they take (top and bottom margins and height), so the plot area keeps its size; plotly's PNG
    (``image_config``) then carries all of it. Every text is escaped here."""
    layout = fig["layout"]
    margin = dict(layout.get("margin", {}))
    left, top, bottom = margin.get("l", 80), margin.get("t", 100), margin.get("b", 80)
    width = float(width_px or CAPTION_WIDTH_PX) - 2 * EDGE_PX
    x0 = -left + EDGE_PX  # px from the plot area's left edge to where the caption starts

    title_lines = caption.wrap(title, width - MODEBAR_PX, TITLE_PX)
    sub_lines = caption.wrap(as_of, width - MODEBAR_PX, SUBTITLE_PX) if as_of else []
    # the title's lines in bold, the date's smaller, as one annotation anchored at the figure's top edge
    # (plotly's layout.title centres a text of several lines on its anchor, so its first line was cut)
    text = "<br>".join([f"<b>{esc(s)}</b>" for s in title_lines]
                       + [f'<span style="font-size:{SUBTITLE_PX}px;color:{MUTED}">{esc(s)}</span>' for s in sub_lines])
    head = 10 + TITLE_LINE_PX * (len(title_lines) + len(sub_lines)) + 10
    if layout.get("meta", {}).get("chart") == "matrix":
        head -= mview.TOP_PX - 2  # the room the matrix keeps for the modebar: it now shows beside the title
    title_note = {"text": text, "font": {"family": FONT, "size": TITLE_PX, "color": TEXT}, "align": "left",
                  "xref": "paper", "x": 0, "xanchor": "left", "xshift": x0 - 3, "yref": "paper", "y": 1,
                  "yanchor": "top", "yshift": top + head - 8, "showarrow": False, "name": "caption-title"}

    shapes, notes = [], [title_note]
    y = bottom + 10  # px below the plot area's bottom edge
    for row in _legend_rows(legend, width):
        for x, _, row_shapes, row_notes in row:
            for s in row_shapes:
                at = {"xref": "paper", "xsizemode": "pixel", "xanchor": 0, "yref": "paper", "ysizemode": "pixel",
                      "yanchor": 0, "layer": "above", "name": "caption"}
                if "points" in s:  # a closed path, its corners moved as the other shapes' are
                    pts = [f"{_num(x0 + x + px)},{_num(-y + py)}" for px, py in s["points"]]
                    at["path"] = "M" + " L".join(pts) + " Z"
                else:
                    at.update(x0=x0 + x + s["x0"], x1=x0 + x + s["x1"], y0=-y + s["y0"], y1=-y + s["y1"])
                shapes.append({**{k: v for k, v in s.items() if k != "points"}, **at})
            for a in row_notes:
                ax, ay = a.pop("x"), a.pop("y")
                notes.append({**a, "xref": "paper", "x": 0, "xshift": x0 + x + ax, "yref": "paper", "y": 0,
                              "yshift": -y + ay, "yanchor": "middle", "showarrow": False, "name": "caption"})
        y += KEY_ROW_PX
    source_lines = caption.wrap(source_line, width, CAPTION_PX)
    y += 6
    notes.append({"text": "<br>".join(esc(s) for s in source_lines), "xref": "paper", "x": 0, "xanchor": "left",
                  "xshift": x0 - 3, "yref": "paper", "y": 0, "yanchor": "top", "yshift": -y, "align": "left",
                  "showarrow": False, "font": {"size": CAPTION_PX, "color": MUTED}, "name": "caption"})
    y += CAPTION_LINE_PX * len(source_lines) + 8

    margin.update(t=top + head, b=y)
    new = {**layout, "margin": margin, "height": layout.get("height", 450) + head + (y - bottom),
           "shapes": [*layout.get("shapes", ()), *shapes], "annotations": [*layout.get("annotations", ()), *notes],
           "meta": {**layout.get("meta", {}), "caption": {"title": title, "as_of": as_of, "source": source_line}}}
    return {**fig, "layout": new}
