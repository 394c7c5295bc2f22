"""Pure chart builders for the Stance matrix and the Timeline: Vega-Lite specs as plain dicts (no streamlit).

The pages draw them with ``st.vega_lite_chart`` (Streamlit's Vega chunk is ~0.8 MB; plotly.js was
4.7 MB and most of a warm rerun went into plotly's property validation). Each spec keeps its rows
in one named dataset (compact records, one per cell or event, never one layer per record); marks
that differ per record read their colour, width or label from fields with ``"scale": null``, so the
palette's colours are drawn exactly. The top (transparent) layer carries the tooltip and a point
selection whose ``fields`` name the record: ``key`` (``"ISO3.issue"``) for a matrix cell,
``event_id`` for an event.

Text from the data is never HTML here: Vega draws labels as SVG text, and the tooltip handler
(vega-tooltip) escapes ``&`` and ``<`` in every value before it sets the tooltip's innerHTML. Labels
that depend on the data (axis labels) come from ``params`` values (JSON), never spliced into an
expression string.
"""
from __future__ import annotations

import textwrap

import pandas as pd

from . import palette
from .validate import REGIONS

SORTS = ("country", "region", "score")
DISPUTED_MARK = "⇄"
LOW_CONFIDENCE_MARK = "?"
NO_RECORD_TEXT = "no record"
DISPUTED_LINE = "#111111"
LOW_CONFIDENCE_LINE = "#555555"
LOW_CONFIDENCE_DASH = [3, 2]
LOW_CONFIDENCE_OPACITY = 0.5
SELECTED_LINE = "#f5b700"
FOCUS_BAND = "#fff3c4"
ROW_PX = 44           # matrix row height in pixels
LABEL_LINE_PX = 12    # matrix: line height of a cell's label
CELL_BAND = 0.92      # share of a row / column a cell's square fills (the rest is the white gap)
EVENT_ROW_PX = 30     # timeline: height of one stacked event slot
MARKER_PX = 24        # timeline: diameter of an event marker
RING_PX = 34          # timeline: diameter of the selected event's ring
MAX_STACK = 10        # timeline: events of one kind on one day stack this high, then wrap (and overlap)
KIND_ORDER = ("meeting", "call", "statement", "report")
KIND_LABELS = {"meeting": "Meetings", "call": "Calls", "statement": "Statements", "report": "Reports",
               "context": "Historical context"}
FONT = "Source Sans Pro, Arial, sans-serif"
TEXT = "#262730"
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
CELL_SELECTION = "cell"            # the matrix's point selection (its values name ``key``)
EVENT_SELECTION = "event"          # the timeline's point selection (its values name ``event_id``)
MATRIX_TOOLTIP = (("t_title", "title"), ("t_question", "Question"), ("t_position", "Position"),
                  ("t_sources", "Sources"), ("t_summary", "Summary"), ("t_quote", "Quote"),
                  ("t_click", "Evidence"))
EVENT_TOOLTIP = (("t_title", "title"), ("t_when", "When"), ("t_who", "Participants"), ("t_people", "People"),
                 ("t_quote", "Quote"), ("t_click", "Evidence"))
NONE = "—"


# 1. small text helpers ----------------------------------------------------------
def plain(text) -> str:
    """Data text as a plain string ('' for None/NaN)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return str(text)


def shorten(text, width: int = 140) -> str:
    """One line of at most ``width`` characters, cut at a word, with an ellipsis."""
    text = " ".join(str(text or "").split())
    return textwrap.shorten(text, width=width, placeholder=" …") if len(text) > width else text


def wrap_label(text: str, width: int = 11, lines: int = 2) -> list[str]:
    """A short label broken into at most ``lines`` lines (a Vega multi-line label: a list of strings)."""
    parts = textwrap.wrap(str(text), width=width, break_long_words=False) or [""]
    if len(parts) > lines:
        parts = parts[: lines - 1] + [" ".join(parts[lines - 1:])]
    return parts


def _date(ts, fmt: str = "%d %b %Y") -> str:
    return "" if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime(fmt).lstrip("0")


def _iso(ts) -> str:
    """A day as an ISO date: Vega-Lite reads 'YYYY-MM-DD' as midnight UTC (the charts use UTC scales, so
    no reader's time zone moves an event to the day before)."""
    return pd.Timestamp(ts).strftime("%Y-%m-%d")


def _when(ts) -> dict:
    """A moment as a Vega-Lite DateTime object in UTC (scale domains, axis values)."""
    t = pd.Timestamp(ts)
    return {"year": t.year, "month": t.month, "date": t.day, "hours": t.hour, "minutes": t.minute, "utc": True}


def _js_number(v: float) -> str:
    """How JavaScript prints the (rounded) number ``v``: the key a Vega label lookup finds."""
    v = round(float(v), 6)
    return str(int(v)) if v == int(v) else repr(v)


def with_param(spec: dict | None, name: str, value) -> dict | None:
    """A shallow copy of ``spec`` with the value of its top-level param ``name`` replaced (the datasets and
    layers are shared, not copied): a new selection costs a few dicts, not a new spec."""
    if spec is None:
        return None
    return {**spec, "params": [{**p, "value": value} if p["name"] == name else p for p in spec["params"]]}


def _tooltip(fields) -> list[dict]:
    """The tooltip channel: one row per field; the one titled 'title' is vega-tooltip's heading."""
    return [{"field": f, "type": "nominal", "title": t} for f, t in fields]


# 2. the stance matrix -----------------------------------------------------------
def cell_text(label, disputed: bool, low: bool) -> str:
    """The label shown in a cell, with the marks that say 'disputed' / 'low confidence'."""
    if label is None or (isinstance(label, float) and pd.isna(label)):
        return NO_RECORD_TEXT
    marks = (f" {DISPUTED_MARK}" if disputed else "") + (f" {LOW_CONFIDENCE_MARK}" if low else "")
    return f"{label}{marks}"


def cell_lines(label, disputed: bool, low: bool, width: int = 10) -> str:
    """cell_text broken to fit a narrow cell (lines joined with \\n, drawn as lines): marks go on the last line."""
    text = cell_text(label, disputed, low)
    if len(text) <= width or text == NO_RECORD_TEXT:
        return text
    marks = text[len(str(label)):].strip()
    lines = textwrap.wrap(str(label), width=width, break_long_words=False) or [""]
    if marks:
        if len(lines[-1]) + 1 + len(marks) <= width:
            lines[-1] = f"{lines[-1]} {marks}"
        else:
            lines.append(marks)
    return "\n".join(lines)


def matrix_grid(cells: pd.DataFrame, countries: pd.DataFrame, issues: pd.DataFrame) -> pd.DataFrame:
    """One row per country x issue (every pair, with or without a record).

    ``countries`` has country, country_name, region; ``issues`` has issue, short,
    question (in display order). Cells without a record have ``has_record`` False
    and NaN position/score.
    """
    base = countries[["country", "country_name", "region"]].merge(
        issues[["issue", "short", "question"]], how="cross")
    keep = ["country", "issue", "position", "position_label", "score", "date", "confidence", "summary",
            "conditions", "quote", "source", "outlet", "stance_id", "n_records", "n_sources", "positions",
            "disputed", "low_confidence"]
    grid = base.merge(cells[keep], on=["country", "issue"], how="left")
    grid["date"] = pd.to_datetime(grid["date"])
    grid["has_record"] = grid["position"].notna()
    grid["disputed"] = grid["disputed"].astype("boolean").fillna(False).astype(bool)
    grid["low_confidence"] = grid["low_confidence"].astype("boolean").fillna(False).astype(bool)
    grid["key"] = grid["country"] + "." + grid["issue"]
    grid["text"] = [cell_text(lbl if has else None, d, lo) for lbl, has, d, lo
                    in zip(grid["position_label"], grid["has_record"], grid["disputed"], grid["low_confidence"])]
    grid["colour"] = [palette.colour(s) if has else palette.NO_RECORD
                      for s, has in zip(grid["score"], grid["has_record"])]
    return grid


def country_order(grid: pd.DataFrame, sort: str = "country", focus: str | None = None) -> list[str]:
    """Country codes top to bottom.

    country: by name; region: by region (west to east, then other continents),
    then name; score: by the score on the ``focus`` issue, highest first, countries
    without a record on it last, ties by name.
    """
    c = grid.drop_duplicates("country")[["country", "country_name", "region"]].copy()
    if sort == "region":
        rank = {r: n for n, r in enumerate(REGIONS)}
        c["_r"] = c["region"].map(rank).fillna(len(rank))
        c = c.sort_values(["_r", "country_name"])
    elif sort == "score" and focus is not None:
        sc = grid[grid["issue"] == focus].set_index("country")["score"]
        c["_s"] = c["country"].map(sc)
        c["_none"] = c["_s"].isna()
        c = c.sort_values(["_none", "_s", "country_name"], ascending=[True, False, True])
    else:
        c = c.sort_values("country_name")
    return list(c["country"])


def _cell_tip(r) -> dict:
    """The tooltip rows of a cell (plain text: the tooltip handler escapes it)."""
    tip = {"t_title": f"{plain(r.country_name)} · {plain(r.short)}", "t_question": plain(r.question) or NONE}
    if not r.has_record:
        return {**tip, "t_position": palette.NO_RECORD_LABEL, "t_sources": NONE, "t_summary": NONE,
                "t_quote": NONE, "t_click": "click the cell"}
    n = int(r.n_records) if not pd.isna(r.n_records) else 1
    outlet = r.outlet if r.outlet != "unknown" else "outlet unknown"
    return {**tip,
            "t_position": f"{plain(r.position_label)} ({plain(r.confidence)}, {_date(r.date)})",
            "t_sources": (f"{DISPUTED_MARK} disagree: " + " / ".join(map(str, r.positions))) if r.disputed
            else (f"{n} records, same position" if n > 1 else "1 record"),
            "t_summary": shorten(r.summary, 90) or NONE,
            "t_quote": f"“{shorten(r.quote, 90)}” ({plain(outlet)})" if plain(r.quote) else NONE,
            "t_click": "click the cell"}


def matrix_records(g: pd.DataFrame) -> list[dict]:
    """One record per cell: what each layer of the matrix reads (colours, label, outline, tooltip)."""
    out = []
    for r in g.itertuples():
        has, disputed, low = bool(r.has_record), bool(r.disputed), bool(r.low_confidence)
        label = cell_lines(r.position_label if has else None, disputed, low)
        out.append({
            "key": r.key, "country": r.country, "issue": r.issue,
            # yOffset from the row's top: Vega sets line 1 where it is told, so centre the block of lines
            "label": label, "dy": (ROW_PX - LABEL_LINE_PX * label.count("\n")) / 2,
            "fill": r.colour, "opacity": LOW_CONFIDENCE_OPACITY if low else 1.0,
            "text": ("#111111" if low else palette.text_colour(r.score)) if has else "#555555",
            "size": 11 if has else 9,
            "stroke": DISPUTED_LINE if disputed else (LOW_CONFIDENCE_LINE if low else r.colour),
            "stroke_width": 3.0 if disputed else (1.5 if low else 0.0),
            "disputed": disputed, "low": low,
            **_cell_tip(r),
        })
    return out


def matrix_spec(grid: pd.DataFrame, focus: str | None = None, sort: str = "country",
                selected: str | None = None) -> dict:
    """The stance matrix as a Vega-Lite spec: countries (rows) x issues (columns).

    Layers, bottom to top: the band of the issue in focus; a white square under faded cells; the
    cells (colour from the palette; a thick dark outline when the sources disagree, a dashed one and
    half opacity when confidence is low); the labels (with "⇄" / "?"); the gold ring of the
    ``selected`` cell; a transparent square per cell that takes the hover and the click (point
    selection ``cell`` on field ``key``). ``usermeta.coalition`` records the order drawn.
    """
    order = country_order(grid, sort, focus)
    issues = list(dict.fromkeys(grid["issue"]))
    short = dict(zip(grid["issue"], grid["short"]))
    names = dict(zip(grid["country"], grid["country_name"]))
    regions = dict(zip(grid["country"], grid["region"]))
    xi = {i: n for n, i in enumerate(issues)}
    yi = {c: n for n, c in enumerate(order)}
    g = grid[grid["country"].isin(yi)].copy()
    g["gy"], g["gx"] = g["country"].map(yi), g["issue"].map(xi)
    g = g.sort_values(["gy", "gx"])
    col_labels = {i: wrap_label(short[i], 11) for i in issues}
    row_labels = {c: [plain(names[c])] + ([plain(regions[c])] if sort == "region" else []) for c in order}
    band = {"band": CELL_BAND}
    full = {"band": 1}
    xy = {"x": {"field": "issue", "type": "nominal", "sort": issues, "title": None,
                "scale": {"paddingInner": 0, "paddingOuter": 0},
                "axis": {"orient": "top", "labelExpr": "col_labels[datum.value]", "labelAngle": 0,
                         "labelFontSize": 11, "labelLineHeight": 13, "labelPadding": 19, "labelLimit": 90,  # 19: two-line labels grow downwards
                         "labelColor": {"condition": {"test": "datum.value === focus_issue", "value": TEXT},
                                        "value": "#555555"},
                         "labelFontWeight": {"condition": {"test": "datum.value === focus_issue",
                                                           "value": "bold"}, "value": "normal"}}},
          "y": {"field": "country", "type": "nominal", "sort": order, "title": None,
                "scale": {"paddingInner": 0, "paddingOuter": 0},
                "axis": {"labelExpr": "row_labels[datum.value]", "labelFontSize": 12, "labelLineHeight": 14,
                         "labelPadding": 8, "labelLimit": 160, "labelColor": "#555555"}}}
    cell_colours = {"fill": {"field": "fill", "type": "nominal", "scale": None, "legend": None},
                    "fillOpacity": {"field": "opacity", "type": "quantitative", "scale": None},
                    "stroke": {"field": "stroke", "type": "nominal", "scale": None, "legend": None},
                    "strokeWidth": {"field": "stroke_width", "type": "quantitative", "scale": None}}
    layers = [
        {"mark": {"type": "rect", "width": full, "height": full, "color": FOCUS_BAND},
         "transform": [{"filter": "datum.issue === focus_issue"}]},
        {"mark": {"type": "rect", "width": band, "height": band, "color": "#ffffff"},
         "transform": [{"filter": "datum.low"}]},
        {"mark": {"type": "rect", "width": band, "height": band},
         "transform": [{"filter": "!datum.low"}], "encoding": cell_colours},
        {"mark": {"type": "rect", "width": band, "height": band, "strokeDash": LOW_CONFIDENCE_DASH},
         "transform": [{"filter": "datum.low"}], "encoding": cell_colours},
        {"mark": {"type": "text", "lineBreak": "\n", "baseline": "middle", "align": "center",
                  "lineHeight": LABEL_LINE_PX},
         "encoding": {"text": {"field": "label", "type": "nominal"},
                      "yOffset": {"field": "dy", "type": "quantitative", "scale": None},
                      "color": {"field": "text", "type": "nominal", "scale": None, "legend": None},
                      "size": {"field": "size", "type": "quantitative", "scale": None, "legend": None}}},
        {"mark": {"type": "rect", "width": full, "height": full, "filled": False, "stroke": SELECTED_LINE,
                  "strokeWidth": 4},
         "transform": [{"filter": "datum.key === selected_cell"}]},
        {"mark": {"type": "rect", "width": full, "height": full, "fill": "transparent", "cursor": "pointer"},
         "params": [{"name": CELL_SELECTION, "select": {"type": "point", "fields": ["key"], "on": "click",
                                                        "toggle": False}}],
         "encoding": {"tooltip": _tooltip(MATRIX_TOOLTIP)}},
    ]
    return {
        "$schema": SCHEMA,
        "height": ROW_PX * len(order),
        "autosize": {"type": "fit-x", "contains": "padding"},  # the width follows the page; rows stay ROW_PX
        "background": "white",
        "padding": {"left": 4, "right": 8, "top": 4, "bottom": 4},
        "params": [{"name": "focus_issue", "value": focus}, {"name": "selected_cell", "value": selected},
                   {"name": "col_labels", "value": col_labels}, {"name": "row_labels", "value": row_labels}],
        "datasets": {"cells": matrix_records(g)},
        "data": {"name": "cells"},
        "encoding": xy,
        "layer": layers,
        "config": {"font": FONT, "view": {"stroke": None}, "axis": {"domain": False, "ticks": False, "grid": False},
                   "text": {"font": FONT}},
        "usermeta": {"coalition": {"order": order, "issues": issues, "focus": focus, "sort": sort}},
    }


def matrix_table(grid: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """The accessible alternative: one row per cell with a record, in the chart's order."""
    g = grid[grid["has_record"]].copy()
    rank = {c: n for n, c in enumerate(order)}
    irank = {i: n for n, i in enumerate(dict.fromkeys(grid["issue"]))}
    g = g[g["country"].isin(rank)]
    g["_r"], g["_i"] = g["country"].map(rank), g["issue"].map(irank)
    g = g.sort_values(["_r", "_i"])
    return pd.DataFrame({
        "key": g["key"], "Country": g["country_name"], "Issue": g["short"], "Position": g["text"],
        "Confidence": g["confidence"], "Sources disagree": g["disputed"],
        "All positions": [" / ".join(p) for p in g["positions"]], "Date": g["date"].dt.date,
        "Source": g["source"] + " (" + g["outlet"].replace("unknown", "outlet unknown") + ")",
        "Records": g["n_records"].astype(int),
    }).reset_index(drop=True)


# 3. the timeline --------------------------------------------------------------------
def date_text(r) -> str:
    """'15–16 Mar 2025 (range)', '2 Mar 2025 (approximate)', '1953' ..."""
    if r.date_precision == "year":
        out = f"{pd.Timestamp(r.date).year}"
    elif r.date_end is not None and not pd.isna(r.date_end):
        a, b = pd.Timestamp(r.date), pd.Timestamp(r.date_end)
        out = f"{a.day}–{_date(b)}" if (a.year, a.month) == (b.year, b.month) else f"{_date(a)} – {_date(b)}"
    else:
        out = _date(r.date)
    notes = []
    if r.date_precision in ("approximate", "range"):
        notes.append(r.date_precision)
    if r.status == "planned":
        notes.append("planned")
    return out + (f" ({', '.join(notes)})" if notes else "")


def timeline_rows(events: pd.DataFrame) -> pd.DataFrame:
    """Events with a list number ``n`` (date order, context last) and a y slot.

    Main events sit in one band per kind; events of the same kind on the same day
    are stacked within the band so none hides another (up to MAX_STACK a day;
    more than that wrap round and overlap, so the chart keeps a readable height). ``band`` / ``band_y`` give
    each kind's label position.
    """
    ev = events.copy()
    ev["ctx"] = ev["context"].astype(bool) | (ev["kind"] == "context")
    ev = ev.sort_values(["ctx", "date", "event_id"]).reset_index(drop=True)
    ev["n"] = range(1, len(ev) + 1)
    ev["y"] = 0.0
    ev["band_y"] = 0.0
    main = ev[~ev["ctx"]]
    top = 0.0
    for kind in list(KIND_ORDER) + sorted(set(main["kind"]) - set(KIND_ORDER)):
        rows = main[main["kind"] == kind]
        if rows.empty:
            continue
        slot = rows.groupby(rows["date"].dt.normalize()).cumcount() % MAX_STACK
        height = int(slot.max()) + 1
        ev.loc[rows.index, "y"] = top + slot.astype(float)
        ev.loc[rows.index, "band_y"] = top + (height - 1) / 2
        top += height + 0.6
    ctx = ev[ev["ctx"]]
    ev.loc[ctx.index, "y"] = (ctx.groupby(ctx["date"].dt.year).cumcount() % MAX_STACK).astype(float)
    return ev


def _event_tip(r, names: dict, quote: str, outlet: str) -> dict:
    who = [names.get(c, c) for c in r.countries]
    return {"t_title": plain(r.title), "t_when": f"{date_text(r)} · {plain(r.kind)} · {plain(r.status)}",
            "t_who": ", ".join(map(str, who)) or NONE,
            "t_people": shorten("; ".join(map(str, r.people)), 90) if r.people else NONE,
            "t_quote": (f"“{shorten(quote, 90)}” ({outlet if outlet != 'unknown' else 'outlet unknown'})"
                        if quote else NONE),
            "t_click": "click the marker"}


def timeline_records(rows: pd.DataFrame, names: dict, evidence: pd.DataFrame) -> list[dict]:
    """One record per event: position, marker style, span (range or approximate date) and tooltip."""
    first = evidence.sort_values("evidence_no").drop_duplicates("event_id").set_index("event_id")
    quotes = first["quote"].to_dict()
    outlets = first["outlet"].to_dict()
    out = []
    day = pd.Timedelta(days=1)
    for r in rows.itertuples():
        colour = palette.KIND_COLOURS.get(r.kind, "#666666")
        planned = r.status == "planned"
        fill_text = "#111111" if r.kind == "context" else "#ffffff"
        x0 = x1 = None
        approx = False
        if r.date_end is not None and not pd.isna(r.date_end):
            x0, x1 = _iso(r.date), _iso(r.date_end)
        elif r.date_precision == "approximate":
            x0, x1, approx = _iso(r.date - day), _iso(r.date + day), True
        out.append({
            "event_id": r.event_id, "n": str(r.n), "t": _iso(r.date), "y": float(r.y), "kind": r.kind,
            "ctx": bool(r.ctx), "colour": colour, "fill": "#ffffff" if planned else colour,
            "text": colour if planned else fill_text, "stroke_width": 2.5 if planned else 1.0,
            "planned": bool(planned), "x0": x0, "x1": x1, "approx": approx,
            **_event_tip(r, names, plain(quotes.get(r.event_id, "")), plain(outlets.get(r.event_id, ""))),
        })
    return out


def timeline_legend(events: pd.DataFrame) -> list[dict]:
    """The legend's entries for the March panel, in order: a dot per kind shown, then the marks in use
    (planned: hollow; a date range: solid line; an approximate date: dotted line)."""
    rows = timeline_rows(events)
    main = rows[~rows["ctx"]]
    if main.empty:
        return []
    kinds = [k for k in KIND_ORDER if k in set(main["kind"])] + sorted(set(main["kind"]) - set(KIND_ORDER))
    out = [{"mark": "dot", "label": KIND_LABELS.get(k, k), "colour": palette.KIND_COLOURS.get(k, "#666666")}
           for k in kinds]
    if (main["status"] == "planned").any():
        out.append({"mark": "hollow", "label": "planned (hollow)", "colour": "#555555"})
    if main["date_end"].notna().any():
        out.append({"mark": "line", "label": "date range", "colour": "#555555"})
    if (main["date_end"].isna() & (main["date_precision"] == "approximate")).any():
        out.append({"mark": "dotted", "label": "approximate date", "colour": "#555555"})
    return out


def _panel(title: str, height: int, dataset: str, x_scale: dict, x_axis: dict, y_max: float, y_axis: dict,
           selection: str, spans: bool) -> dict:
    """One timeline panel (a layered Vega-Lite spec over the dataset's records)."""
    x = {"field": "t", "type": "temporal", "title": None, "scale": x_scale, "axis": x_axis}
    y = {"field": "y", "type": "quantitative", "title": None, "axis": y_axis,
         "scale": {"domain": [y_max + 0.8, -0.8], "nice": False, "zero": False}}
    layers = []
    if spans:
        layers.append({"mark": {"type": "rule", "strokeWidth": 3},
                       "transform": [{"filter": "isValid(datum.x0)"}],
                       "encoding": {"x": {"field": "x0", "type": "temporal"}, "x2": {"field": "x1"},
                                    "color": {"field": "colour", "type": "nominal", "scale": None, "legend": None},
                                    "strokeDash": {"condition": {"test": "datum.approx", "value": [2, 3]},
                                                   "value": [1, 0]}}})
    layers += [
        {"mark": {"type": "point", "shape": "circle", "filled": True, "opacity": 1, "size": MARKER_PX ** 2},
         "encoding": {"fill": {"field": "fill", "type": "nominal", "scale": None, "legend": None},
                      "stroke": {"field": "colour", "type": "nominal", "scale": None, "legend": None},
                      "strokeWidth": {"field": "stroke_width", "type": "quantitative", "scale": None}}},
        {"mark": {"type": "text", "baseline": "middle", "align": "center", "fontSize": 11},
         "encoding": {"text": {"field": "n", "type": "nominal"},
                      "color": {"field": "text", "type": "nominal", "scale": None, "legend": None}}},
        {"mark": {"type": "point", "shape": "circle", "filled": False, "size": RING_PX ** 2, "stroke": SELECTED_LINE,
                  "strokeWidth": 4, "opacity": 1},
         "transform": [{"filter": "datum.event_id === selected_event"}]},
        {"mark": {"type": "point", "shape": "circle", "filled": True, "fill": "transparent", "size": MARKER_PX ** 2,
                  "cursor": "pointer"},
         "params": [{"name": selection, "select": {"type": "point", "fields": ["event_id"], "on": "click",
                                                   "toggle": False}}],
         "encoding": {"tooltip": _tooltip(EVENT_TOOLTIP)}},
    ]
    return {"$schema": SCHEMA, "height": height, "background": "white",
            "autosize": {"type": "fit-x", "contains": "padding"},  # the width follows the page, the height is the plot's
            "title": {"text": title, "anchor": "start", "fontSize": 12, "fontWeight": "normal", "color": "#555555",
                      "font": FONT},
            "padding": {"left": 4, "right": 12, "top": 4, "bottom": 4},
            "data": {"name": dataset}, "encoding": {"x": x, "y": y}, "layer": layers,
            "config": {"font": FONT, "view": {"stroke": None},
                       "axis": {"labelFontSize": 11, "labelColor": "#555555", "domain": False, "ticks": False}}}


def timeline_specs(events: pd.DataFrame, evidence: pd.DataFrame, names: dict,
                   selected: str | None = None) -> dict:
    """The timeline as two Vega-Lite specs: ``context`` (1953, 2003 on their own scale; None when
    no context event is left) drawn above ``main`` (March 2025, one band per kind; None when only
    context is left). Each marker carries its list number; planned events are hollow; a date range
    is a solid line, an approximate date a dotted one (±1 day); the ``selected`` event gets a gold
    ring. A click selects ``event_id`` (selection ``event`` in both charts)."""
    rows = timeline_rows(events)
    main, ctx = rows[~rows["ctx"]], rows[rows["ctx"]]
    out = {"context": None, "main": None, "order": list(rows["event_id"])}
    params = [{"name": "selected_event", "value": selected}]
    if not ctx.empty:
        years = ctx["date"].dt.year
        y_max = float(ctx["y"].max())
        spec = _panel("Historical context cited by the sources (own scale)", int(36 + EVENT_ROW_PX * y_max),
                      "events",
                      {"type": "utc", "domain": [_when(f"{years.min() - 8}-01-01"), _when(f"{years.max() + 9}-01-01")]},
                      {"values": [_when(d) for d in ctx["date"]], "format": "%Y", "grid": False, "domain": True,
                       "domainColor": "#bbbbbb", "labelFlush": False},
                      y_max, {"values": [y_max / 2], "labelExpr": "'Context'", "grid": False}, EVENT_SELECTION, False)
        spec["params"] = params
        spec["datasets"] = {"events": timeline_records(ctx, names, evidence)}
        out["context"] = spec
    if not main.empty:
        lo = main["date"].min() - pd.Timedelta(days=1.5)
        hi = pd.concat([main["date"], main["date_end"].dropna()]).max() + pd.Timedelta(days=1.5)
        if hi - lo < pd.Timedelta(days=8):  # keep whole-day ticks: never zoom in below about a week
            pad = (pd.Timedelta(days=8) - (hi - lo)) / 2
            lo, hi = lo - pad, hi + pad
        bands = main.drop_duplicates("kind")
        y_max = float(main["y"].max())
        band_y = [round(float(v), 6) for v in bands["band_y"]]
        kind_rows = {_js_number(v): KIND_LABELS.get(k, plain(k)) for v, k in zip(band_y, bands["kind"])}
        height = max(int((y_max + 1) * EVENT_ROW_PX) + 40, 120)
        spec = _panel("March 2025", height, "events", {"type": "utc", "domain": [_when(lo), _when(hi)]},
                      {"format": "%-d %b", "grid": True, "gridColor": "#eeeeee", "labelFlush": False,
                       "tickCount": {"interval": "day", "step": 3}},
                      y_max, {"values": band_y, "labelExpr": "kind_rows[datum.value]", "grid": False},
                      EVENT_SELECTION, True)
        spec["params"] = params + [{"name": "kind_rows", "value": kind_rows}]
        spec["datasets"] = {"events": timeline_records(main, names, evidence)}
        out["main"] = spec
    return out
