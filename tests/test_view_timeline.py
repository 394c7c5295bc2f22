"""The timeline's view model (coalition.views.timeline) and its plotly figure (coalition.render.plotly),
on the frozen data; plain pytest, no streamlit, no browser."""
from __future__ import annotations

import copy
import datetime as dt
import json
import re

import pandas as pd
import pytest

from coalition import filter_events, load_frames, palette
from coalition.render import plotly as pr
from coalition.views import timeline as tview

TODAY = dt.date(2026, 11, 21)
CONTEXT = {"korea_armistice_1953", "iraq_coalition_2003"}
ALLOWED_TAGS = re.compile(r"<(/?b|/?i|br)>")


@pytest.fixture(scope="module")
def f():
    return load_frames(today=TODAY)


@pytest.fixture(scope="module")
def names(f):
    return dict(zip(f.countries["country"], f.countries["country_name"]))


@pytest.fixture(scope="module")
def tm(f, names):
    return tview.model(f.events, f.event_evidence, names)


def points(fig) -> dict:
    """{event_id: (trace, index)} of every clickable marker."""
    return {k: (t, i) for t in fig["data"] for i, k in enumerate(t.get("customdata") or [])}


def ms(iso: str) -> float:
    return pd.Timestamp(iso).value / 1e6


# 1. panels and lanes ---------------------------------------------------------------------------
def test_timeline_has_every_event_once_numbered_like_the_list(f, tm):
    rows = tview.timeline_rows(f.events)
    assert list(rows["n"]) == list(range(1, 15)) and rows["ctx"].iloc[-2:].all()  # context listed last
    drawn = {e.event_id: e for p in tm.panels for e in p.events}
    assert len(drawn) == len(f.events) == 14 and tm.order == tuple(rows["event_id"])
    for r in rows.itertuples():
        assert drawn[r.event_id].n == r.n and drawn[r.event_id].y == r.y
    fig = pr.timeline_figure(tm)
    pts = points(fig)
    assert set(pts) == set(drawn)
    for eid, (t, i) in pts.items():
        assert t["text"][i] == str(drawn[eid].n)  # the number on the marker is the list's


def test_timeline_sets_context_events_apart_on_their_own_scale(tm):
    assert {e.event_id for e in tm.context.events} == CONTEXT
    assert CONTEXT.isdisjoint(e.event_id for e in tm.main.events) and len(tm.main.events) == 12
    lo, hi = (pd.Timestamp(x) for x in tm.main.x_range)
    assert pd.Timestamp("2025-02-27") < lo < pd.Timestamp("2025-03-02") < pd.Timestamp("2025-03-20") < hi
    assert (pd.Timestamp(tm.context.x_range[0]).year, pd.Timestamp(tm.context.x_range[1]).year) == (1945, 2012)
    assert [label for _, label in tm.context.ticks] == ["1953", "2003"]
    assert tm.main.title == "March 2025" and tm.context.title == tview.CONTEXT_TITLE
    assert tm.main.height_px > 3 * tm.context.height_px  # March keeps most of the height
    fig = pr.timeline_figure(tm)
    lay = fig["layout"]
    assert lay["xaxis"]["type"] == lay["xaxis2"]["type"] == "date"  # one figure, two date axes
    assert lay["xaxis"]["range"] == list(tm.context.x_range) and lay["xaxis2"]["range"] == list(tm.main.x_range)
    assert lay["yaxis"]["domain"][0] > lay["yaxis2"]["domain"][1]  # the context strip above, apart
    gap = (lay["yaxis"]["domain"][0] - lay["yaxis2"]["domain"][1]) * (lay["height"] - tm.top_px - tm.bottom_px)
    assert round(gap) == tview.GAP_PX
    for eid, (t, _) in points(fig).items():
        assert (t["xaxis"], t["yaxis"]) == (("x", "y") if eid in CONTEXT else ("x2", "y2"))
    assert [a["text"] for a in lay["annotations"]] == [tview.CONTEXT_TITLE, "March 2025"]


def test_timeline_lanes_by_kind_with_each_event_in_its_lane(f, tm):
    lanes = tm.main.lanes
    assert [lane.label for lane in lanes] == ["Meetings", "Calls", "Statements", "Reports"]
    kind = dict(zip(f.events["event_id"], f.events["kind"]))
    ys = {}
    for e in tm.main.events:
        assert e.kind == kind[e.event_id]
        ys.setdefault(e.kind, []).append(e.y)
    order = [k for k in tview.KIND_ORDER if k in ys]
    for a, b in zip(order, order[1:]):
        assert max(ys[a]) < min(ys[b])  # lanes do not interleave
    for lane in lanes:
        assert min(ys[lane.kind]) <= lane.y <= max(ys[lane.kind])
    assert len(ys["statement"]) == 6 and len(set(ys["statement"])) == 5  # 5 statements on 15 March stack
    fig = pr.timeline_figure(tm)
    assert fig["layout"]["yaxis2"]["ticktext"] == ["Meetings", "Calls", "Statements", "Reports"]
    assert fig["layout"]["yaxis2"]["tickvals"] == [lane.y for lane in lanes]


def test_timeline_never_puts_two_events_on_the_same_spot(f):
    rows = tview.timeline_rows(f.events)
    main = rows[~rows["ctx"]]
    assert len(main) == 12 and not main.duplicated(["date", "y"]).any()


def test_timeline_colours_kinds_from_the_palette(f, tm):
    kind = dict(zip(f.events["event_id"], f.events["kind"]))
    for p in tm.panels:
        for e in p.events:
            assert e.colour == palette.KIND_COLOURS[kind[e.event_id]]
    fig = pr.timeline_figure(tm)
    for eid, (t, i) in points(fig).items():
        assert t["marker"]["line"]["color"][i] == palette.KIND_COLOURS[kind[eid]]


def test_timeline_draws_planned_events_hollow(f, tm):
    status = dict(zip(f.events["event_id"], f.events["status"]))
    planned = {eid for eid, s in status.items() if s == "planned"}
    assert planned == {"trump_putin_call_2025_03_18", "military_chiefs_london_2025_03_20"}
    for p in tm.panels:
        for e in p.events:
            assert e.planned == (e.event_id in planned)
            assert e.fill == ("#ffffff" if e.planned else e.colour)
    fig = pr.timeline_figure(tm)
    hollow = [t for t in fig["data"] if t["name"] == "planned"]
    assert len(hollow) == 1 and set(hollow[0]["customdata"]) == planned
    assert hollow[0]["marker"]["line"]["width"] == 2.5 and set(hollow[0]["marker"]["color"]) == {"#ffffff"}
    filled = [t for t in fig["data"] if t["name"] == "events"]
    assert all(t["marker"]["line"]["width"] == 1 for t in filled)


def test_timeline_draws_ranges_solid_and_approximate_dates_dotted(tm):
    ev = {e.event_id: e for e in tm.main.events}
    assert (ev["lammy_vance_2025_03_15"].span, ev["lammy_vance_2025_03_15"].span_style) == (
        ("2025-03-15", "2025-03-16"), "range")
    assert (ev["london_summit_2025_03_02"].span, ev["london_summit_2025_03_02"].span_style) == (
        ("2025-03-01", "2025-03-03"), "approximate")
    assert ev["trump_putin_call_2025_03_18"].span is None
    assert sum(e.span_style == "approximate" for e in ev.values()) == 4
    fig = pr.timeline_figure(tm)
    lines = [t for t in fig["data"] if t["mode"] == "lines"]
    assert {(t["line"]["dash"], t["line"]["color"]) for t in lines} == {
        ("solid", palette.KIND_COLOURS["meeting"]), ("dot", palette.KIND_COLOURS["meeting"]),
        ("dot", palette.KIND_COLOURS["statement"])}
    solid = next(t for t in lines if t["line"]["dash"] == "solid")
    assert solid["x"] == ["2025-03-15", "2025-03-16", None] and solid["hoverinfo"] == "skip"
    assert sum(x is None for t in lines for x in t["x"]) == 5  # one segment per span, no trace per event


def test_timeline_figure_is_lean(tm):
    fig = pr.timeline_figure(tm)
    assert json.loads(json.dumps(fig)) == fig and "template" not in fig["layout"]
    names = [t["name"] for t in fig["data"]]
    assert len(names) == 8 and names.count("events") == 2 and names.count("titles") == 2
    for t in fig["data"]:  # a selection never dims a marker or a number
        if t["mode"] != "lines":
            assert t["selected"]["textfont"]["color"] == t["unselected"]["textfont"]["color"] == t["textfont"]["color"]
            assert t["selected"]["marker"]["opacity"] == t["unselected"]["marker"]["opacity"]


# 2. titles beside the markers -------------------------------------------------------------------------
def _extents(tm, panel):
    """Pixel extents at the assumed width: {row: [(a, b, what)]} of markers, spans and titles."""
    w = tm.plot_width_px
    lo, hi = (ms(x) for x in panel.x_range)

    def px(iso):
        return (ms(iso) - lo) / (hi - lo) * w
    rows: dict[float, list] = {}
    for e in panel.events:
        x, r = px(e.date), tm.marker_px / 2
        rows.setdefault(e.y, []).append((x - r, x + r, f"marker {e.n}"))
        if e.span:
            rows[e.y].append((px(e.span[0]), px(e.span[1]), f"span {e.n}"))
        if e.label:
            at = px(e.label_at)
            width = len(e.label) * tview.CHAR_PX
            a, b = (at + tm.label_offset_px, at + tm.label_offset_px + width) if e.label_side == "right" else (
                at - tm.label_offset_px - width, at - tm.label_offset_px)
            rows[e.y].append((a, b, f"title {e.n}"))
    return rows, w


@pytest.mark.parametrize("narrow", [False, True])
def test_titles_never_overlap_a_marker_span_or_title_in_their_row(f, names, narrow):
    tm = tview.model(f.events, f.event_evidence, names, narrow=narrow)
    checked = 0
    for panel in tm.panels:
        rows, w = _extents(tm, panel)
        for items in rows.values():
            titles = [i for i in items if i[2].startswith("title")]
            for a, b, what in titles:
                checked += 1
                assert 0 <= a < b <= w, what  # inside the plot at the assumed width
                n = what.split()[1]
                for c, d, other in items:
                    if other != what and other.split()[1] != n:
                        assert b <= c or d <= a, (what, other)
    assert checked == (13 if not narrow else 10)


def test_titles_are_short_titles_cut_at_a_word(tm):
    ev = {e.event_id: e for p in tm.panels for e in p.events}
    assert ev["trump_putin_call_2025_03_18"].label == "Trump-Putin call"
    assert ev["london_summit_2025_03_02"].label == "London summit: Starmer names the…"
    assert ev["lammy_vance_2025_03_15"].label_at == "2025-03-16" and ev["lammy_vance_2025_03_15"].label_side == "right"
    assert all(len(e.label) <= tview.LABEL_CHARS for e in ev.values())
    assert ev["military_chiefs_london_2025_03_20"].label == ""  # no room beside it: the number and the list say it
    fig = pr.timeline_figure(tm)
    titles = [t for t in fig["data"] if t["name"] == "titles"]
    assert sum(len(t["text"]) for t in titles) == 13 and all(t["hoverinfo"] == "skip" for t in titles)
    assert set(p for t in titles for p in t["textposition"]) == {"middle right", "middle left"}
    assert tview.fit_title("Leaders' video call of the coalition", 20) == "Leaders' video call…"
    assert tview.fit_title("Antidisestablishmentarianism now", 10) == ""  # too little of it fits


def test_narrow_uses_smaller_markers_shorter_titles_and_wrapped_hover(f, names):
    tm = tview.model(f.events, f.event_evidence, names, narrow=True)
    assert tm.width_px == 360 and tm.marker_px == tview.NARROW_MARKER_PX
    labels = [e.label for p in tm.panels for e in p.events if e.label]
    assert len(labels) == 10 and all(len(s) <= tview.NARROW_LABEL_CHARS for s in labels)
    assert all(len(line) <= tview.NARROW_HOVER_CHARS for p in tm.panels for e in p.events for line in e.hover_lines)
    assert {e.hover_lines[-1] for p in tm.panels for e in p.events} == {"Tap again to open the evidence"}
    assert len(tm.main.ticks) < len(tview.model(f.events, f.event_evidence, names).main.ticks)  # fewer date labels
    fig = pr.timeline_figure(tm)
    assert {t["marker"]["size"] for t in fig["data"] if t["name"] in ("events", "planned")} == {20}


# 3. hover and selection -------------------------------------------------------------------------------------
def test_timeline_hover_gives_title_date_precision_participants_and_quote(tm):
    ev = {e.event_id: e for p in tm.panels for e in p.events}
    call = ev["trump_putin_call_2025_03_18"]
    hover = " | ".join((call.hover_title,) + call.hover_lines)
    for part in ("Trump-Putin call", "18 Mar 2025", "planned", "United States", "Russia",
                 "Donald Trump will speak with Vladimir Putin", "Click for the evidence"):
        assert part in hover, part
    assert ev["lammy_vance_2025_03_15"].hover_lines[0].startswith("15–16 Mar 2025 (range)")


def test_event_text_is_escaped_for_plotly(f, names):
    ev = f.events.copy()
    ev.loc[ev["event_id"] == "trump_putin_call_2025_03_18", "title"] = "<img src=x onerror=alert(1)>"
    ev.loc[ev["event_id"] == "korea_armistice_1953", "title"] = '<a href="javascript:alert(1)">x</a>'
    fig = pr.timeline_figure(tview.model(ev, f.event_evidence, names))
    pts = points(fig)
    t, i = pts["trump_putin_call_2025_03_18"]
    assert t["hovertext"][i].startswith("<b>&lt;img src=x onerror=alert(1)&gt;</b>")
    texts = [s for t in fig["data"] for s in (t.get("hovertext") or []) + (t.get("text") or [])]
    texts += [a["text"] for a in fig["layout"]["annotations"]]
    assert len(texts) > 28
    for s in texts:
        assert all(ALLOWED_TAGS.fullmatch(tag) for tag in re.findall(r"<[^>]*>", s)), s
    titles = " ".join(s for t in fig["data"] if t["name"] == "titles" for s in t["text"])
    assert "&lt;img src=x onerror=alert(1)&gt;" in titles and "<img" not in titles and "<a" not in titles
    hovers = [h for t in fig["data"] for h in t.get("hovertext") or []]
    assert sum('&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;' in h for h in hovers) == 1


def test_selected_event_gets_a_gold_ring_in_a_copy_only(tm):
    fig = pr.timeline_figure(tm)
    before = copy.deepcopy(fig)
    ringed = pr.with_selected_event(fig, "trump_putin_call_2025_03_18")
    assert fig == before and ringed["data"][:-1] == fig["data"] and ringed["layout"]["annotations"] is \
        fig["layout"]["annotations"]
    ring = ringed["data"][-1]
    t, i = points(fig)["trump_putin_call_2025_03_18"]
    assert (ring["x"], ring["y"], ring["xaxis"], ring["yaxis"]) == ([t["x"][i]], [t["y"][i]], "x2", "y2")
    assert ring["marker"]["color"] == tview.SELECTED_LINE and ring["marker"]["symbol"] == "circle-open"
    assert ring["hoverinfo"] == "skip" and "customdata" not in ring  # the ring never takes a click
    ctx = pr.with_selected_event(fig, "korea_armistice_1953")["data"][-1]
    assert (ctx["xaxis"], ctx["yaxis"]) == ("x", "y")
    assert pr.with_selected_event(fig, None) is fig and pr.with_selected_event(fig, "nope") is fig


def test_picked_reads_an_event_click():
    sel = {"selection": {"points": [{"curve_number": 5, "point_number": 3, "point_index": 3, "x": "2025-03-15",
                                     "y": 5.2, "customdata": "macron_without_consent_2025_03_15", "text": "4"}],
                         "point_indices": [3], "box": [], "lasso": []}}
    assert pr.picked(sel) == "macron_without_consent_2025_03_15"


# 4. fewer events, dates, legend ---------------------------------------------------------------------------
def test_timeline_with_only_context_has_a_single_panel(f, names):
    ev = filter_events(f.events, as_of="2003-01-01")
    assert list(ev["event_id"]) == ["korea_armistice_1953"]
    tm = tview.model(ev, f.event_evidence, names)
    assert tm.main is None and [e.event_id for e in tm.context.events] == ["korea_armistice_1953"]
    assert tm.gap_px == 0 and tview.legend(ev) == []
    fig = pr.timeline_figure(tm)
    assert "xaxis2" not in fig["layout"] and fig["layout"]["yaxis"]["domain"] == [0, 1]
    assert list(points(fig)) == ["korea_armistice_1953"]


def test_timeline_without_context_has_only_march(f, names):
    ev = f.events[~f.events["context"]]
    tm = tview.model(ev, f.event_evidence, names)
    assert tm.context is None and len(tm.main.events) == 12
    fig = pr.timeline_figure(tm)
    assert all(t["xaxis"] == "x" for t in fig["data"]) and "xaxis2" not in fig["layout"]


def test_legend_names_each_kind_then_the_marks_in_use(f):
    entries = tview.legend(f.events)
    dots = {e["label"]: e["colour"] for e in entries if e["mark"] == "dot"}
    assert list(dots) == ["Meetings", "Calls", "Statements", "Reports"]
    assert dots["Meetings"] == palette.KIND_COLOURS["meeting"] and dots["Calls"] == palette.KIND_COLOURS["call"]
    assert [e["mark"] for e in entries][-3:] == ["hollow", "line", "dotted"]


def test_date_text_says_range_approximate_and_planned(f):
    rows = tview.timeline_rows(f.events).set_index("event_id")

    def text(eid):
        return tview.date_text(rows.loc[eid].rename(None))
    assert text("lammy_vance_2025_03_15") == "15–16 Mar 2025 (range)"
    assert text("london_summit_2025_03_02") == "2 Mar 2025 (approximate)"
    assert text("trump_putin_call_2025_03_18") == "18 Mar 2025 (planned)"
    assert text("korea_armistice_1953") == "1953"


def test_event_table_numbers_events_as_the_markers_and_names_participants():
    from coalition import load_frames

    f = load_frames()
    rows = tview.timeline_rows(f.events)
    names = dict(zip(f.countries["country"], f.countries["country_name"]))
    table = tview.event_table(rows, names)
    assert list(table.columns) == ["event_id", "No.", "When", "Kind", "Event", "Participants", "Status"]
    assert list(table["No."]) == list(rows["n"]) == list(range(1, len(f.events) + 1))
    call = table[table["event_id"] == "trump_putin_call_2025_03_18"].iloc[0]
    assert call["When"] == "18 Mar 2025 (planned)" and call["Kind"] == "Call" and call["Status"] == "planned"
    assert "United States" in call["Participants"] and "Russia" in call["Participants"]
    assert list(table["When"].tail(2)) == ["1953", "2003"]  # the historical context comes last
