"""Pure figure builders for the Stance matrix and the Timeline (plotly, no streamlit).

Both figures are plotly *scatter* charts because scatter points can be selected
in Streamlit (``on_select``) and heatmap cells cannot. Each point's ``customdata``
starts with the id the page needs: ``"ISO3.issue"`` for a matrix cell, the
``event_id`` for an event. Text from the data is HTML-escaped before it goes into
plotly labels and hover boxes (plotly renders a subset of HTML).
"""
from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import palette
from .validate import REGIONS

SORTS = ("country", "region", "score")
DISPUTED_MARK = "⇄"
LOW_CONFIDENCE_MARK = "?"
NO_RECORD_TEXT = "no record"
DISPUTED_LINE = "#111111"
LOW_CONFIDENCE_OPACITY = 0.5
SELECTED_LINE = "#f5b700"
FOCUS_BAND = "#fff3c4"
ROW_PX = 44           # matrix row height in pixels
EVENT_ROW_PX = 30     # timeline: height of one stacked event slot
MAX_STACK = 10        # timeline: events of one kind on one day stack this high, then wrap (and overlap)
KIND_ORDER = ("meeting", "call", "statement", "report")
KIND_LABELS = {"meeting": "Meetings", "call": "Calls", "statement": "Statements", "report": "Reports",
               "context": "Historical context"}
FONT = "Source Sans Pro, Arial, sans-serif"


# 1. small text helpers ----------------------------------------------------------
def esc(text) -> str:
    """Escape data text for plotly labels (which render a subset of HTML)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return html.escape(str(text), quote=False)


def shorten(text, width: int = 140) -> str:
    """One line of at most ``width`` characters, cut at a word, with an ellipsis."""
    text = " ".join(str(text or "").split())
    return textwrap.shorten(text, width=width, placeholder=" …") if len(text) > width else text


def wrap_label(text: str, width: int = 11, lines: int = 2) -> str:
    """Break a short label into at most ``lines`` lines (joined with <br>), escaped."""
    parts = textwrap.wrap(str(text), width=width, break_long_words=False) or [""]
    if len(parts) > lines:
        parts = parts[: lines - 1] + [" ".join(parts[lines - 1:])]
    return "<br>".join(esc(p) for p in parts)


def _date(ts, fmt: str = "%d %b %Y") -> str:
    return "" if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime(fmt).lstrip("0")


# 2. the stance matrix -----------------------------------------------------------
def cell_text(label, disputed: bool, low: bool) -> str:
    """The label shown in a cell, with the marks that say 'disputed' / 'low confidence'."""
    if label is None or (isinstance(label, float) and pd.isna(label)):
        return NO_RECORD_TEXT
    marks = (f" {DISPUTED_MARK}" if disputed else "") + (f" {LOW_CONFIDENCE_MARK}" if low else "")
    return f"{label}{marks}"


def cell_lines(label, disputed: bool, low: bool, width: int = 10) -> str:
    """cell_text broken to fit a narrow cell (<br>-joined, escaped): marks go on the last line."""
    text = cell_text(label, disputed, low)
    if len(text) <= width or text == NO_RECORD_TEXT:
        return esc(text)
    marks = text[len(str(label)):].strip()
    lines = textwrap.wrap(str(label), width=width, break_long_words=False) or [""]
    if marks:
        if len(lines[-1]) + 1 + len(marks) <= width:
            lines[-1] = f"{lines[-1]} {marks}"
        else:
            lines.append(marks)
    return "<br>".join(esc(x) for x in lines)


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


def _hover_cell(r) -> str:
    if not r.has_record:
        return (f"<b>{esc(r.country_name)}</b> · {esc(r.short)}<br>{esc(r.question)}<br>"
                f"<i>{esc(palette.NO_RECORD_LABEL)}</i>")
    lines = [f"<b>{esc(r.country_name)}</b> · {esc(r.short)}", esc(r.question),
             f"Position: <b>{esc(r.position_label)}</b> ({esc(r.confidence)}, {_date(r.date)})"]
    if r.disputed:
        lines.append(f"{DISPUTED_MARK} Sources disagree: {esc(' / '.join(r.positions))}")
    lines.append(esc(shorten(r.summary, 90)))
    outlet = r.outlet if r.outlet != "unknown" else "outlet unknown"
    lines.append(f"“{esc(shorten(r.quote, 90))}” ({esc(outlet)})")
    lines.append("<i>Click for the evidence</i>")
    return "<br>".join(lines)


def matrix_figure(grid: pd.DataFrame, focus: str | None = None, sort: str = "country",
                  selected: str | None = None) -> go.Figure:
    """The stance matrix: countries (rows) x issues (columns).

    Each cell is a square scatter marker (selectable) whose customdata[0] is
    ``"ISO3.issue"``; a rectangle shape of the same colour fills the whole cell
    so it reads as a grid at any width. Disputed cells get a thick dark outline
    and "⇄", low-confidence ones are faded, dashed and get "?"; the issue in
    focus has a bold label and a band; the ``selected`` cell a gold ring.
    """
    order = country_order(grid, sort, focus)
    issues = list(dict.fromkeys(grid["issue"]))
    short = dict(zip(grid["issue"], grid["short"]))
    names = dict(zip(grid["country"], grid["country_name"]))
    regions = dict(zip(grid["country"], grid["region"]))
    xi = {i: n for n, i in enumerate(issues)}
    yi = {c: n for n, c in enumerate(order)}
    g = grid[grid["country"].isin(order)].copy()
    g["gy"] = g["country"].map(yi)
    g["gx"] = g["issue"].map(xi)
    g = g.sort_values(["gy", "gx"])

    shapes = []
    if focus in xi:
        shapes.append(dict(type="rect", xref="x", yref="paper", x0=xi[focus] - 0.5, x1=xi[focus] + 0.5,
                           y0=0, y1=1, fillcolor=FOCUS_BAND, line=dict(width=0), layer="below"))
    half = 0.46
    for r in g.itertuples():
        dash, width, colour = "solid", 0, "rgba(0,0,0,0)"
        if r.disputed:
            width, colour = 3, DISPUTED_LINE
        elif r.low_confidence:
            width, colour, dash = 1.5, "#555555", "dot"
        if r.low_confidence:  # fade against white, not against the focus band
            shapes.append(dict(type="rect", xref="x", yref="y", x0=r.gx - half, x1=r.gx + half, y0=r.gy - half,
                               y1=r.gy + half, fillcolor="#ffffff", line=dict(width=0), layer="below"))
        shapes.append(dict(type="rect", xref="x", yref="y", x0=r.gx - half, x1=r.gx + half,
                           y0=r.gy - half, y1=r.gy + half, fillcolor=r.colour,
                           opacity=LOW_CONFIDENCE_OPACITY if r.low_confidence else 1.0,
                           line=dict(width=width, color=colour, dash=dash), layer="below"))
    sel = g[g["key"] == selected]
    for r in sel.itertuples():
        shapes.append(dict(type="rect", xref="x", yref="y", x0=r.gx - 0.5, x1=r.gx + 0.5, y0=r.gy - 0.5,
                           y1=r.gy + 0.5, line=dict(width=4, color=SELECTED_LINE), layer="above"))

    text_colour = [("#111111" if lo else palette.text_colour(s)) if has else "#555555"
                   for s, has, lo in zip(g["score"], g["has_record"], g["low_confidence"])]
    custom = [[r.key, r.country_name, r.issue] for r in g.itertuples()]
    trace = go.Scatter(
        x=g["gx"], y=g["gy"], mode="markers+text", name="cells",
        text=[cell_lines(lbl if has else None, d, lo) for lbl, has, d, lo
              in zip(g["position_label"], g["has_record"], g["disputed"], g["low_confidence"])],
        textposition="middle center",
        textfont=dict(color=text_colour, size=[11 if has else 9 for has in g["has_record"]], family=FONT),
        marker=dict(symbol="square", size=ROW_PX - 6, color=list(g["colour"]), opacity=0.0,
                    line=dict(width=0)),
        # plotly dims unselected text unless a selected colour is set; keep every label readable
        selected=dict(marker=dict(opacity=0.0), textfont=dict(color="#000000")),
        unselected=dict(marker=dict(opacity=0.0)),
        customdata=custom, hovertext=[_hover_cell(r) for r in g.itertuples()],
        hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
    )
    tick_y = []
    for c in order:
        label = esc(names[c])
        if sort == "region":
            label += f"<br><span style='font-size:10px;color:#777'>{esc(regions[c])}</span>"
        tick_y.append(label)
    tick_x = [f"<b>{wrap_label(short[i], 11)}</b>" if i == focus else wrap_label(short[i], 11) for i in issues]
    fig = go.Figure(trace)
    fig.update_layout(
        height=ROW_PX * len(order) + 90, margin=dict(l=8, r=8, t=70, b=8), shapes=shapes,
        plot_bgcolor="white", paper_bgcolor="white", hovermode="closest", hoverdistance=-1,
        dragmode=False, font=dict(family=FONT, size=12, color="#262730"),
        hoverlabel=dict(bgcolor="white", font=dict(size=12, color="#111111"), align="left"),
        meta=dict(order=order, issues=issues, focus=focus, sort=sort),
    )
    fig.update_xaxes(tickmode="array", tickvals=list(range(len(issues))), ticktext=tick_x, side="top",
                     range=[-0.5, len(issues) - 0.5], showgrid=False, zeroline=False, fixedrange=True,
                     tickangle=0, tickfont=dict(size=11), ticks="")
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(order))), ticktext=tick_y,
                     range=[len(order) - 0.5, -0.5], showgrid=False, zeroline=False, fixedrange=True,
                     automargin=True, ticks="")
    return fig


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


def _hover_event(r, names: dict, quote: str, outlet: str) -> str:
    who = [names.get(c, c) for c in r.countries]
    lines = [f"<b>{esc(r.title)}</b>", f"{esc(date_text(r))} · {esc(r.kind)} · {esc(r.status)}"]
    if who:
        lines.append("Participants: " + esc(", ".join(who)))
    if r.people:
        lines.append("People: " + esc(shorten("; ".join(r.people), 90)))
    if quote:
        lines.append(f"“{esc(shorten(quote, 90))}” ({esc(outlet if outlet != 'unknown' else 'outlet unknown')})")
    lines.append("<i>Click for the evidence</i>")
    return "<br>".join(lines)


def _event_traces(rows: pd.DataFrame, names: dict, evidence: pd.DataFrame, xaxis_ctx: bool):
    first = evidence.sort_values("evidence_no").drop_duplicates("event_id").set_index("event_id")
    traces = []
    for kind in list(dict.fromkeys(list(KIND_ORDER) + ["context"] + list(rows["kind"]))):
        k = rows[rows["kind"] == kind]
        if k.empty:
            continue
        colour = palette.KIND_COLOURS.get(kind, "#666666")
        planned = k["status"] == "planned"
        fill_text = "#111111" if kind == "context" else "#ffffff"
        hover = []
        for r in k.itertuples():
            q = first.loc[r.event_id] if r.event_id in first.index else None
            hover.append(_hover_event(r, names, q["quote"] if q is not None else "",
                                      q["outlet"] if q is not None else ""))
        traces.append(go.Scatter(
            x=k["date"], y=k["y"], mode="markers+text", name=KIND_LABELS.get(kind, kind),
            showlegend=False,
            text=[str(n) for n in k["n"]], textposition="middle center",
            textfont=dict(color=[colour if p else fill_text for p in planned], size=11, family=FONT),
            marker=dict(symbol=["circle-open" if p else "circle" for p in planned], size=24, color=colour,
                        line=dict(width=[2.5 if p else 1 for p in planned], color=colour), opacity=1),
            selected=dict(marker=dict(opacity=1)), unselected=dict(marker=dict(opacity=0.35)),
            customdata=[[r.event_id, r.status] for r in k.itertuples()], hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>", cliponaxis=False,
        ))
    return traces


def _legend_traces(kinds: list[str], planned: bool, spans: set[str]) -> list[go.Scatter]:
    """Legend-only entries: a filled dot per kind, then the marks (hollow, range, approximate)."""
    out = []
    for kind in kinds:
        out.append(go.Scatter(x=[None], y=[None], mode="markers", name=KIND_LABELS.get(kind, kind),
                              marker=dict(symbol="circle", size=12, color=palette.KIND_COLOURS.get(kind, "#666666")),
                              hoverinfo="skip", showlegend=True))
    if planned:
        out.append(go.Scatter(x=[None], y=[None], mode="markers", name="planned (hollow)", hoverinfo="skip",
                              marker=dict(symbol="circle-open", size=12, color="#555555", line=dict(width=2))))
    if "range" in spans:
        out.append(go.Scatter(x=[None], y=[None], mode="lines", name="date range", hoverinfo="skip",
                              line=dict(color="#555555", width=3)))
    if "approximate" in spans:
        out.append(go.Scatter(x=[None], y=[None], mode="lines", name="approximate date", hoverinfo="skip",
                              line=dict(color="#555555", width=3, dash="dot")))
    return out


def _spans(rows: pd.DataFrame) -> list[go.Scatter]:
    """Lines for date ranges (solid) and approximate dates (dotted, ±1 day): one trace per kind and style."""
    segs: dict[tuple[str, str], tuple[list, list]] = {}
    for r in rows.itertuples():
        if r.date_end is not None and not pd.isna(r.date_end):
            xs, dash = [r.date, r.date_end], "solid"
        elif r.date_precision == "approximate":
            xs, dash = [r.date - pd.Timedelta(days=1), r.date + pd.Timedelta(days=1)], "dot"
        else:
            continue
        x, y = segs.setdefault((r.kind, dash), ([], []))
        x += [*xs, None]
        y += [r.y, r.y, None]
    return [go.Scatter(x=x, y=y, mode="lines", line=dict(color=palette.KIND_COLOURS.get(kind, "#666666"), width=3,
                                                          dash=dash),
                       hoverinfo="skip", showlegend=False, name=f"{dash} {kind}")
            for (kind, dash), (x, y) in segs.items()]


def timeline_figure(events: pd.DataFrame, evidence: pd.DataFrame, names: dict,
                    selected: str | None = None) -> go.Figure:
    """Events on a date axis, one band per kind, coloured with palette.KIND_COLOURS.

    Planned events are hollow; context events (1953, 2003) sit in their own small
    panel with their own axis above, so March 2025 is not squashed. Every marker
    carries its list number and ``customdata[0] = event_id``.
    """
    rows = timeline_rows(events)
    main, ctx = rows[~rows["ctx"]], rows[rows["ctx"]]
    has_main, has_ctx = not main.empty, not ctx.empty
    n_slots = (main["y"].max() + 1) if has_main else 0
    main_px = max(int(n_slots * EVENT_ROW_PX) + 40, 120) if has_main else 0
    ctx_px = int(56 + EVENT_ROW_PX * ctx["y"].max()) if has_ctx else 0
    gap_px = 64 if has_main and has_ctx else 0      # room for the context axis ticks and the next title
    top_px, bottom_px = 30, (72 if has_main else 34)  # title above; date ticks and the legend below
    plot_px = main_px + ctx_px + gap_px
    ctx_title = "Historical context cited by the sources (own scale)"
    if has_main and has_ctx:
        fig = make_subplots(rows=2, cols=1, row_heights=[ctx_px, main_px], vertical_spacing=gap_px / plot_px,
                            subplot_titles=(ctx_title, "March 2025"))
        ctx_row, main_row = 1, 2
    else:
        fig = make_subplots(rows=1, cols=1, subplot_titles=(ctx_title if has_ctx else "March 2025",))
        ctx_row, main_row = (1, None) if has_ctx else (None, 1)
    selected_row = rows[rows["event_id"] == selected]
    if has_main:
        for t in _spans(main):
            fig.add_trace(t, row=main_row, col=1)
        for t in _event_traces(main, names, evidence, False):
            fig.add_trace(t, row=main_row, col=1)
        spans = {"range" if (e is not None and not pd.isna(e)) else p for e, p in zip(main["date_end"],
                                                                                      main["date_precision"])}
        for t in _legend_traces([k for k in KIND_ORDER if k in set(main["kind"])]
                                + sorted(set(main["kind"]) - set(KIND_ORDER)),
                                bool((main["status"] == "planned").any()), spans):
            fig.add_trace(t, row=main_row, col=1)
        lo = main["date"].min() - pd.Timedelta(days=1.5)
        hi = pd.concat([main["date"], main["date_end"].dropna()]).max() + pd.Timedelta(days=1.5)
        if hi - lo < pd.Timedelta(days=8):  # keep whole-day ticks: never zoom in below about a week
            pad = (pd.Timedelta(days=8) - (hi - lo)) / 2
            lo, hi = lo - pad, hi + pad
        bands = main.drop_duplicates("kind")
        fig.update_xaxes(row=main_row, col=1, type="date", range=[lo, hi], tickformat="%-d %b",
                         showgrid=True, gridcolor="#eeeeee", fixedrange=True)
        fig.update_yaxes(row=main_row, col=1, tickmode="array", tickvals=list(bands["band_y"]),
                         ticktext=[KIND_LABELS.get(k, k) for k in bands["kind"]],
                         range=[main["y"].max() + 0.8, -0.8], showgrid=False, zeroline=False, fixedrange=True)
    if has_ctx:
        for t in _event_traces(ctx, names, evidence, True):
            fig.add_trace(t, row=ctx_row, col=1)
        years = ctx["date"].dt.year
        fig.update_xaxes(row=ctx_row, col=1, type="date",
                         range=[f"{years.min() - 8}-01-01", f"{years.max() + 9}-01-01"],
                         tickmode="array", tickvals=list(ctx["date"]), ticktext=[str(y) for y in years],
                         showgrid=False, showline=True, linecolor="#bbbbbb", fixedrange=True)
        fig.update_yaxes(row=ctx_row, col=1, tickmode="array", tickvals=[ctx["y"].max() / 2], ticktext=["Context"],
                         range=[ctx["y"].max() + 0.8, -0.8], showgrid=False, zeroline=False, fixedrange=True)
    for r in selected_row.itertuples():
        fig.add_trace(go.Scatter(x=[r.date], y=[r.y], mode="markers", hoverinfo="skip", showlegend=False,
                                 name="selected", marker=dict(symbol="circle-open", size=34, color=SELECTED_LINE,
                                                              line=dict(width=4, color=SELECTED_LINE))),
                      row=ctx_row if r.ctx else main_row, col=1)
    fig.update_layout(
        height=plot_px + top_px + bottom_px, margin=dict(l=8, r=8, t=top_px, b=bottom_px),
        plot_bgcolor="white", paper_bgcolor="white", hovermode="closest", hoverdistance=30, dragmode=False,
        font=dict(family=FONT, size=12, color="#262730"),
        hoverlabel=dict(bgcolor="white", font=dict(size=12, color="#111111"), align="left"),
        legend=dict(orientation="h", yanchor="top", y=-28 / max(plot_px, 1), xanchor="left", x=0,
                    itemclick=False, itemdoubleclick=False),
        meta=dict(main_row=main_row, ctx_row=ctx_row, order=list(rows["event_id"])),
    )
    for a in fig.layout.annotations:
        a.update(font=dict(size=12, color="#555555"), x=0, xanchor="left")
    return fig
