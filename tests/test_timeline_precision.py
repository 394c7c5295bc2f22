"""The timeline on events dated only "after" a day or not at all, and the event evidence saying how each
country took part (attendance): the view model and figure on the grown data (test_live_data.grow), and
the page through AppTest."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from apptest_support import clean, dialog, run, text_of
from coalition import actors, load_frames
from coalition.render import plotly as pr
from coalition.views import timeline as tview
from test_view_timeline import _extents, points

PARIS, KYIV, CHIEFS = "paris_summit_2025_09_04", "kyiv_delegation", "chiefs_follow_up"


@pytest.fixture(scope="module")
def grown(grown_data):
    return grown_data


@pytest.fixture(scope="module")
def f(grown_frames):
    return grown_frames


@pytest.fixture(scope="module")
def names(f):
    return dict(zip(f.countries["country"], f.countries["country_name"]))


@pytest.fixture(scope="module")
def attendance(f):
    return tview.attendance_by_event(f)


@pytest.fixture(scope="module")
def tm(f, names, attendance):
    return tview.model(f.events, f.event_evidence, names, attendance=attendance)


def row(f, event_id: str, **change):
    r = tview.timeline_rows(f.events).set_index("event_id").loc[event_id].rename(None)
    for k, v in change.items():
        r[k] = v
    r["event_id"] = event_id
    return r


# 1. dates as a reader reads them ---------------------------------------------------------------------
def test_date_text_of_after_and_unknown_dates(f):
    assert tview.date_text(row(f, CHIEFS)) == "after 20 Apr 2025 (planned)"
    assert tview.date_text(row(f, KYIV)) == "date not given (reported 5 Sep 2025; planned)"
    assert tview.date_text(row(f, KYIV, status="held")) == "date not given (reported 5 Sep 2025)"
    assert tview.date_text(row(f, CHIEFS, status="held")) == "after 20 Apr 2025"
    # the words are actors.when's, without a leading zero
    assert tview.date_text(row(f, KYIV, status="held")) == actors.when(pd.Timestamp("2025-09-05"), "unknown",
                                                                       fmt="%-d %b %Y")
    # the other precisions read as before
    assert tview.date_text(row(f, "lammy_vance_2025_03_15")) == "15–16 Mar 2025 (range)"
    assert tview.date_text(row(f, "london_summit_2025_03_02")) == "2 Mar 2025 (approximate)"
    assert tview.date_text(row(f, PARIS)) == "4 Sep 2025"


# 2. the view model ---------------------------------------------------------------------------------
def test_an_after_date_is_a_dashed_line_running_right_from_the_day(tm):
    e = tm.event(CHIEFS)
    assert e.span_style == "after" and not e.date_unknown and e.date == "2025-04-20"
    start, end = (pd.Timestamp(x) for x in e.span)
    assert start == pd.Timestamp("2025-04-20") and end - start >= pd.Timedelta(days=tview.AFTER_DAYS)
    lo, hi = (pd.Timestamp(x) for x in tm.main.x_range)
    px = (end - start) / (hi - lo) * tm.plot_width_px
    assert px > tm.marker_px  # longer than the marker it starts under, over six months of axis
    assert e.hover_lines[0].startswith("after 20 Apr 2025 (planned)")
    assert e.label and e.label_side == "right" and e.label_at == e.span[1]  # the title follows the arrow


def test_an_event_with_no_date_is_drawn_at_the_report_with_a_question_mark(tm):
    e = tm.event(KYIV)
    assert e.date_unknown and e.span is None and e.span_style is None and e.date == "2025-09-05"
    assert e.hover_lines[0].startswith("date not given (reported 5 Sep 2025")
    others = [x for p in tm.panels for x in p.events if x.event_id != KYIV]
    assert not any(x.date_unknown for x in others)


def test_the_other_precisions_are_drawn_as_before(tm):
    ev = {e.event_id: e for p in tm.panels for e in p.events}
    assert (ev["lammy_vance_2025_03_15"].span, ev["lammy_vance_2025_03_15"].span_style) == (
        ("2025-03-15", "2025-03-16"), "range")
    assert (ev["london_summit_2025_03_02"].span, ev["london_summit_2025_03_02"].span_style) == (
        ("2025-03-01", "2025-03-03"), "approximate")
    assert ev[PARIS].span is None and not ev[PARIS].date_unknown
    assert tm.main.title == "2 Mar 2025 – 5 Sep 2025"


def test_the_axis_makes_room_for_the_arrow(tm):
    hi = pd.Timestamp(tm.main.x_range[1])
    assert hi > pd.Timestamp(tm.event(CHIEFS).span[1]) and hi >= pd.Timestamp("2025-09-06")


@pytest.mark.parametrize("narrow", [False, True])
def test_titles_never_overlap_on_the_grown_data(f, names, narrow):
    tm = tview.model(f.events, f.event_evidence, names, narrow=narrow)
    for panel in tm.panels:
        rows, w = _extents(tm, panel)
        for items in rows.values():
            for a, b, what in (i for i in items if i[2].startswith("title")):
                assert 0 <= a < b <= w, what
                for c, d, other in items:
                    if other.split()[1] != what.split()[1]:
                        assert b <= c or d <= a, (what, other)


@pytest.mark.parametrize("narrow", [False, True])
def test_no_marker_covers_another_marker_or_line_on_an_axis_of_months(f, names, narrow):
    # six months on one axis: a day is a few px, so events days apart stack (Paris 4 Sep, Kyiv 5 Sep)
    tm = tview.model(f.events, f.event_evidence, names, narrow=narrow)
    assert tm.event(PARIS).y != tm.event(KYIV).y
    checked = 0
    for panel in tm.panels:
        rows, _ = _extents(tm, panel)
        for items in rows.values():
            for a, b, what in (i for i in items if i[2].startswith("marker")):
                for c, d, other in items:
                    if other.split()[1] != what.split()[1] and not other.startswith("title"):
                        checked += 1
                        assert b <= c + 0.5 or d <= a + 0.5, (what, other)
    assert checked > 10


def test_stacking_is_as_before_on_an_axis_of_days_and_wraps_past_max_stack(f):
    one = f.events[f.events["event_id"] == "trump_statement_2025_03_17"]
    same_day = pd.concat([one.assign(event_id=f"s{i:02d}") for i in range(tview.MAX_STACK + 2)])
    rows = tview.timeline_rows(same_day)
    assert list(rows["y"]) == [float(i) for i in range(tview.MAX_STACK)] + [0.0, 1.0]  # wraps round
    next_day = pd.concat([same_day.iloc[:3], one.assign(event_id="t", date=one["date"] + pd.Timedelta(days=1))])
    rows = tview.timeline_rows(next_day).set_index("event_id")
    assert rows.loc["t", "y"] == 0.0  # a day later, on an axis of about a week: the first row again


def test_legend_adds_the_new_marks_only_when_shown(f):
    marks = [e["mark"] for e in tview.legend(f.events)]
    assert marks[-5:] == ["hollow", "line", "dotted", "after", "unknown"]
    labels = {e["mark"]: e["label"] for e in tview.legend(f.events)}
    assert labels["after"] == "after a date" and labels["unknown"].startswith("date not given")
    no_after = f.events[f.events["date_precision"] != "after"]
    assert "after" not in [e["mark"] for e in tview.legend(no_after)]
    assert "unknown" in [e["mark"] for e in tview.legend(no_after)]
    neither = f.events[~f.events["date_precision"].isin(["after", "unknown"])]
    assert {"after", "unknown"}.isdisjoint(e["mark"] for e in tview.legend(neither))


# 3. attendance ---------------------------------------------------------------------------------------
def test_attendance_by_event_says_how_each_country_took_part(f, attendance):
    assert set(attendance) == {PARIS}  # only events whose records say how
    assert attendance[PARIS] == (("France", "Emmanuel Macron, leader", False), ("United Kingdom", "", False),
                                 ("Italy", "leader, by video link", False), ("Greece", "observer", False),
                                 ("United States", "absent", True))
    one = actors.event_attendance(f, PARIS)  # the same words as the dialog's
    assert {(r.country_name, r.text, r.absent) for r in one.itertuples()} == set(attendance[PARIS])


def test_event_table_gives_date_words_and_attendance(f, names, attendance):
    rows = tview.timeline_rows(f.events)
    table = tview.event_table(rows, names, attendance).set_index("event_id")
    assert table.loc[CHIEFS, "When"] == "after 20 Apr 2025 (planned)"
    assert table.loc[KYIV, "When"] == "date not given (reported 5 Sep 2025; planned)"
    assert table.loc[PARIS, "Participants"] == ("France (Emmanuel Macron, leader), United Kingdom, Italy (leader, "
                                                "by video link), Greece (observer); absent: United States")
    assert table.loc[KYIV, "Participants"] == "France, United Kingdom"
    plain_table = tview.event_table(rows, names).set_index("event_id")  # without attendance: the countries
    assert plain_table.loc[PARIS, "Participants"] == "France, United Kingdom, Italy, Greece, United States"
    assert (table.drop(index=PARIS) == plain_table.drop(index=PARIS)).all().all()


def test_hover_says_who_was_there_and_who_was_absent(tm, f, names):
    lines = tm.event(PARIS).hover_lines
    assert "Participants: France (Emmanuel Macron, leader), United Kingdom, Italy (leader, by video link), " \
           "Greece (observer)" in lines and "Absent: United States" in lines
    without = tview.model(f.events, f.event_evidence, names).event(PARIS).hover_lines
    assert "Participants: France, United Kingdom, Italy, Greece, United States" in without


def test_attendance_text_is_escaped_in_the_hover(f, names):
    att = {PARIS: (("<img src=x onerror=alert(1)>", "leader", False), ("Greece", "<b>x</b>", True))}
    fig = pr.timeline_figure(tview.model(f.events, f.event_evidence, names, attendance=att))
    t, i = points(fig)[PARIS]
    assert "&lt;img src=x onerror=alert(1)&gt; (leader)" in t["hovertext"][i] and "<img" not in t["hovertext"][i]
    assert "<b>x</b>" not in t["hovertext"][i]


# 4. the figure ---------------------------------------------------------------------------------------
def test_figure_draws_the_after_line_dashed_with_an_arrowhead(tm):
    fig = pr.timeline_figure(tm)
    e = tm.event(CHIEFS)
    dashed = [t for t in fig["data"] if t["mode"] == "lines" and t["line"]["dash"] == pr.AFTER_DASH]
    assert len(dashed) == 1 and dashed[0]["x"] == [e.span[0], e.span[1], None]
    assert dashed[0]["line"]["color"] == e.colour and dashed[0]["hoverinfo"] == "skip"
    arrows = [t for t in fig["data"] if t["name"] == "after arrows"]
    assert len(arrows) == 1 and arrows[0]["x"] == [e.span[1]] and arrows[0]["y"] == [e.y]
    a = arrows[0]
    assert a["marker"]["symbol"] == "triangle-right" and a["marker"]["color"] == [e.colour]
    assert "customdata" not in a and a["hoverinfo"] == "skip"  # never takes a click
    assert a["selected"] == a["unselected"]  # never dimmed by a selection
    assert {t["line"]["dash"] for t in fig["data"] if t["mode"] == "lines"} == {"solid", "dot", pr.AFTER_DASH}


def test_figure_draws_a_question_mark_beside_an_undated_event(tm):
    fig = pr.timeline_figure(tm)
    e = tm.event(KYIV)
    marks = [t for t in fig["data"] if t["name"] == "date unknown"]
    assert len(marks) == 1
    q = marks[0]
    assert (q["x"], q["y"], q["text"], q["textposition"]) == ([e.date], [e.y], ["<b>?</b>"], "top right")
    assert q["textfont"]["color"] == e.colour and "customdata" not in q and q["hoverinfo"] == "skip"
    assert q["selected"] == q["unselected"] and q["selected"]["textfont"]["color"] == e.colour
    assert q["marker"]["size"] < tm.marker_px  # the "?" touches the marker's top right, not the row above
    t, i = points(fig)[KYIV]  # the event itself is a normal (hollow: planned) numbered marker
    assert t["name"] == "planned" and t["text"][i] == str(e.n)


def test_the_frozen_data_draws_none_of_the_new_marks():
    f = load_frames()
    names = dict(zip(f.countries["country"], f.countries["country_name"]))
    fig = pr.timeline_figure(tview.model(f.events, f.event_evidence, names))
    assert not {"after arrows", "date unknown"} & {t["name"] for t in fig["data"]}


def test_caption_legend_draws_the_new_marks(f, tm):
    legend = tview.legend(f.events)
    fig = pr.with_caption(pr.timeline_figure(tm), "Events", "As of 13 September 2025", "src", legend)
    shapes = [s for s in fig["layout"]["shapes"] if s.get("name") == "caption"]
    texts = [a["text"] for a in fig["layout"]["annotations"]]
    assert "after a date" in texts and any(t.startswith("date not given") for t in texts)
    assert "<b>?</b>" in texts
    assert any(s.get("line", {}).get("dash") == pr.AFTER_DASH for s in shapes)
    arrow = [s for s in shapes if s["type"] == "path"]
    assert len(arrow) == 1 and arrow[0]["path"].startswith("M") and arrow[0]["path"].endswith("Z")
    assert "points" not in arrow[0] and arrow[0]["xsizemode"] == "pixel" and arrow[0]["ysizemode"] == "pixel"
    dash = next(s for s in shapes if s.get("line", {}).get("dash") == pr.AFTER_DASH)
    tip_x = float(arrow[0]["path"].split(" L")[1].split(",")[0])
    assert dash["x1"] < tip_x  # the arrowhead at the dashed line's right end
    assert json.loads(json.dumps(fig)) == fig


# 5. the page -----------------------------------------------------------------------------------------
def test_page_event_dialog_says_how_each_country_took_part(grown, monkeypatch):
    monkeypatch.setenv("COALITION_DATA", str(grown))
    at = clean(run("timeline", event=PARIS))
    assert dialog(at).endswith("Leaders' summit in Paris")
    text = text_of(at)
    for part in ("How each country took part", "France: Emmanuel Macron, leader", "Italy: leader, by video link",
                 "Greece: observer", "United States: absent"):
        assert part in text, part
    # the absent country is listed last, and not as a plain participant
    assert text.index("Greece: observer") < text.index("United States: absent")
    assert "Participants:** France, United Kingdom, Italy" not in text
    table = at.dataframe[0].value.set_index("Event")
    assert table.loc["Leaders' summit in Paris", "Participants"].endswith("Greece (observer); absent: United States")
    assert table.loc["Military chiefs' follow-up meeting", "When"] == "after 20 Apr 2025 (planned)"
    assert table.loc["Joint delegation to Kyiv", "When"] == "date not given (reported 5 Sep 2025; planned)"


def test_page_marks_and_dates_of_after_and_unknown_events(grown, monkeypatch):
    monkeypatch.setenv("COALITION_DATA", str(grown))
    at = clean(run("timeline", event=CHIEFS))
    text = text_of(at)
    assert "**after 20 Apr 2025 (planned)**" in text
    assert "How the date was derived (only known to come after this day)" in text
    caption = at.caption[0].value
    assert "a dashed line ending in an arrowhead: only known to come after that day" in caption
    assert "“?” beside a marker: the source gives no date" in caption
    spec = json.dumps(json.loads(at.get("plotly_chart")[0].proto.spec))
    assert "after a date" in spec and "date not given" in spec and "triangle-right" in spec
    at = clean(run("timeline", event=KYIV))
    assert "date not given (reported 5 Sep 2025; planned)" in text_of(at)
    assert "How the date was derived (no date given by the source)" in text_of(at)


def test_page_on_the_frozen_data_explains_only_the_marks_it_draws():
    at = clean(run("timeline", event="trump_putin_call_2025_03_18"))
    caption = at.caption[0].value
    assert "a dotted line: an approximate date. " in caption and "arrowhead" not in caption and "“?”" not in caption
    text = text_of(at)
    assert "How each country took part" not in text and "Participants:** United States, Russia" in text
    assert "How the date was derived (day)" in text
