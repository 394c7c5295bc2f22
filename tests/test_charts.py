"""Figure builders for the Stance matrix and the Timeline (plain pytest, no streamlit)."""
from __future__ import annotations

import datetime as dt
from itertools import product

import pandas as pd
import pytest

from coalition import cells, charts, filter_events, filter_stances, load_frames, palette
from coalition.validate import REGIONS

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def f():
    return load_frames(today=TODAY)


def grid_for(f, as_of=None, countries=None):
    c = cells(filter_stances(f.stances, countries, None, as_of))
    countries_df = f.countries[f.countries["country"].isin(countries)] if countries else f.countries
    return charts.matrix_grid(c, countries_df, f.issues)


def points(fig):
    """{'ISO3.issue': (text with line breaks as spaces, colour, index)} for the matrix's cell trace."""
    tr = fig.data[0]
    return {cd[0]: (tr.text[n].replace("<br>", " "), tr.marker.color[n], n) for n, cd in enumerate(tr.customdata)}


def cell_shapes(fig) -> dict:
    """{'ISO3.issue': the filled rectangle drawn for that cell} (the white under-layer of a faded cell skipped)."""
    order, issues = fig.layout.meta["order"], fig.layout.meta["issues"]
    at = {}
    for s in fig.layout.shapes:
        if s.yref == "y" and s.fillcolor and s.fillcolor != "#ffffff":
            key = f"{order[round((s.y0 + s.y1) / 2)]}.{issues[round((s.x0 + s.x1) / 2)]}"
            assert key not in at, key
            at[key] = s
    return at


def cell_shape(fig, key):
    return cell_shapes(fig)[key]


# 1. the matrix -------------------------------------------------------------------
def test_matrix_has_one_point_per_country_and_issue(f):
    fig = charts.matrix_figure(grid_for(f), focus="join")
    keys = [cd[0] for cd in fig.data[0].customdata]
    expected = {f"{c}.{i}" for c, i in product(f.countries["country"], f.issues["issue"])}
    assert len(keys) == len(expected) == len(f.countries) * len(f.issues) and set(keys) == expected


def test_matrix_marks_italy_troops_as_disputed_with_its_label(f):
    fig = charts.matrix_figure(grid_for(f), focus="troops")
    text, colour, _ = points(fig)["ITA.troops"]
    assert "No, unless" in text or "Declined" in text
    assert charts.DISPUTED_MARK in text
    shape = cell_shape(fig, "ITA.troops")
    assert shape.line.width == 3 and shape.line.color == charts.DISPUTED_LINE
    # an undisputed confirmed cell has neither mark nor outline
    text_fr, _, _ = points(fig)["FRA.troops"]
    assert charts.DISPUTED_MARK not in text_fr and cell_shape(fig, "FRA.troops").line.width == 0


def test_matrix_italy_troops_is_only_declined_as_of_15_march(f):
    fig = charts.matrix_figure(grid_for(f, as_of="2025-03-15"), focus="troops")
    text, colour, _ = points(fig)["ITA.troops"]
    assert text == "Declined" and colour == palette.colour(-2)


def test_matrix_marks_australia_join_as_low_confidence(f):
    fig = charts.matrix_figure(grid_for(f), focus="join")
    text, _, _ = points(fig)["AUS.join"]
    assert "Considering" in text and charts.LOW_CONFIDENCE_MARK in text
    assert cell_shape(fig, "AUS.join").opacity == charts.LOW_CONFIDENCE_OPACITY
    assert cell_shape(fig, "GBR.join").opacity == 1.0


def test_matrix_colours_come_from_the_palette(f):
    grid = grid_for(f)
    fig = charts.matrix_figure(grid, focus="join")
    score = {k: s for k, s, has in zip(grid["key"], grid["score"], grid["has_record"]) if has}
    allowed = set(palette.SCORE_COLOURS.values()) | {palette.NO_RECORD}
    shapes = cell_shapes(fig)
    assert len(shapes) == len(grid)
    for key, (text, colour, _) in points(fig).items():
        assert colour in allowed
        assert colour == (palette.colour(score[key]) if key in score else palette.NO_RECORD)
        assert shapes[key].fillcolor == colour
        if key not in score:
            assert text == charts.NO_RECORD_TEXT


def test_matrix_issue_without_any_record_is_still_a_grey_column(f):
    fig = charts.matrix_figure(grid_for(f), focus="join")
    weapons = {k: v for k, v in points(fig).items() if k.endswith(".weapons_intel")}
    assert len(weapons) == len(f.countries)
    assert all(colour == palette.NO_RECORD and text == charts.NO_RECORD_TEXT for text, colour, _ in weapons.values())


@pytest.mark.parametrize("issue", ["join", "troops", "us_backstop", "ceasefire_talks"])
def test_sort_by_score_puts_the_highest_scoring_country_first(f, issue):
    grid = grid_for(f)
    order = charts.country_order(grid, "score", issue)
    sc = grid[grid["issue"] == issue].set_index("country")["score"]
    scores = [sc[c] for c in order]
    known = [s for s in scores if not pd.isna(s)]
    assert scores[0] == max(known)
    assert known == sorted(known, reverse=True)
    assert all(pd.isna(s) for s in scores[len(known):])  # no record last
    fig = charts.matrix_figure(grid, focus=issue, sort="score")
    assert fig.layout.yaxis.ticktext[0] == charts.esc(f.countries.set_index("country").loc[order[0], "country_name"])


def test_sort_by_score_on_troops_starts_with_the_committed_and_ends_italy_last_of_the_known(f):
    order = charts.country_order(grid_for(f), "score", "troops")
    assert set(order[:2]) == {"FRA", "GBR"} and order[2] == "DEU" and order[3] == "ITA"


def test_sort_by_region_groups_regions_in_order(f):
    grid = grid_for(f)
    order = charts.country_order(grid, "region")
    region = dict(zip(grid["country"], grid["region"]))
    ranks = [REGIONS.index(region[c]) for c in order]
    assert ranks == sorted(ranks)
    assert charts.country_order(grid, "country") == list(f.countries.sort_values("country_name")["country"])


def test_focus_issue_label_is_bold_and_banded(f):
    fig = charts.matrix_figure(grid_for(f), focus="troops")
    issues = fig.layout.meta["issues"]
    ticks = dict(zip(issues, fig.layout.xaxis.ticktext))
    assert ticks["troops"].startswith("<b>") and not any(t.startswith("<b>") for i, t in ticks.items() if i != "troops")
    band = [s for s in fig.layout.shapes if s.yref == "paper"]
    assert len(band) == 1 and band[0].x0 == issues.index("troops") - 0.5


def test_selected_cell_gets_a_ring_and_nothing_else_does(f):
    fig = charts.matrix_figure(grid_for(f), focus="join", selected="ITA.troops")
    rings = [s for s in fig.layout.shapes if s.line.color == charts.SELECTED_LINE]
    assert len(rings) == 1
    assert not [s for s in charts.matrix_figure(grid_for(f)).layout.shapes if s.line.color == charts.SELECTED_LINE]


def test_matrix_for_one_country_has_one_row(f):
    fig = charts.matrix_figure(grid_for(f, countries=["ITA"]), focus="troops")
    assert len(fig.data[0].customdata) == len(f.issues)
    assert {cd[0].split(".")[0] for cd in fig.data[0].customdata} == {"ITA"}


def test_matrix_hover_escapes_html_from_the_data(f):
    grid = grid_for(f)
    grid.loc[grid["key"] == "ITA.troops", "summary"] = "<img src=x onerror=alert(1)>"
    fig = charts.matrix_figure(grid, focus="troops")
    _, _, n = points(fig)["ITA.troops"]
    hover = fig.data[0].hovertext[n]
    assert "<img" not in hover and "&lt;img" in hover


def test_matrix_hover_names_country_question_position_confidence_date_and_quote(f):
    fig = charts.matrix_figure(grid_for(f), focus="troops")
    _, _, n = points(fig)["ITA.troops"]
    hover = fig.data[0].hovertext[n]
    for part in ("Italy", "Will it send troops", "No, unless", "confirmed", "16 Mar 2025", "Sources disagree",
                 "outlet unknown"):
        assert part in hover, part


def test_matrix_table_lists_each_cell_with_a_record_once(f):
    grid = grid_for(f)
    table = charts.matrix_table(grid, charts.country_order(grid))
    assert len(table) == int(grid["has_record"].sum()) and table["key"].is_unique
    ita = table[table["key"] == "ITA.troops"].iloc[0]
    assert bool(ita["Sources disagree"]) and "Declined" in ita["All positions"]


def test_cell_lines_keep_labels_whole_and_marks_last():
    assert charts.cell_lines("Joined", False, False) == "Joined"
    assert charts.cell_lines("Unclear", True, True) == "Unclear<br>⇄ ?"
    assert charts.cell_lines("Considering", False, True) == "Considering<br>?"
    assert charts.cell_lines(None, False, False) == charts.NO_RECORD_TEXT


# 2. the timeline ------------------------------------------------------------------
def event_traces(fig):
    """Traces that carry events (customdata[0] = event_id)."""
    return [t for t in fig.data if t.customdata is not None and t.name != "cells"]


def where(fig, event_id):
    for t in event_traces(fig):
        for n, cd in enumerate(t.customdata):
            if cd[0] == event_id:
                return t, n
    raise KeyError(event_id)


def test_timeline_has_every_event_once(f):
    fig = charts.timeline_figure(f.events, f.event_evidence, {})
    ids = [cd[0] for t in event_traces(fig) for cd in t.customdata]
    assert sorted(ids) == sorted(f.events["event_id"])


def test_timeline_sets_context_events_apart_from_march_2025(f):
    fig = charts.timeline_figure(f.events, f.event_evidence, {})
    ctx_t, _ = where(fig, "korea_armistice_1953")
    iraq_t, _ = where(fig, "iraq_coalition_2003")
    main_t, _ = where(fig, "trump_putin_call_2025_03_18")
    assert ctx_t.xaxis == iraq_t.xaxis != main_t.xaxis
    main_axis = fig.layout["xaxis" + main_t.xaxis[1:]]
    lo, hi = (pd.Timestamp(v) for v in main_axis.range)
    assert lo > pd.Timestamp("2025-02-01") and hi < pd.Timestamp("2025-04-01")
    # the March panel takes most of the height
    ctx_axis = fig.layout["yaxis" + ctx_t.yaxis[1:]]
    main_y = fig.layout["yaxis" + main_t.yaxis[1:]]
    assert (main_y.domain[1] - main_y.domain[0]) > 3 * (ctx_axis.domain[1] - ctx_axis.domain[0])


def test_timeline_draws_planned_events_hollow(f):
    fig = charts.timeline_figure(f.events, f.event_evidence, {})
    for r in f.events.itertuples():
        t, n = where(fig, r.event_id)
        symbol = t.marker.symbol[n]
        assert symbol == ("circle-open" if r.status == "planned" else "circle"), r.event_id
    t, n = where(fig, "trump_putin_call_2025_03_18")
    assert t.marker.symbol[n] == "circle-open"


def test_timeline_colours_kinds_from_the_palette(f):
    fig = charts.timeline_figure(f.events, f.event_evidence, {})
    kind = dict(zip(f.events["event_id"], f.events["kind"]))
    for t in event_traces(fig):
        kinds = {kind[cd[0]] for cd in t.customdata}
        assert len(kinds) == 1
        assert t.marker.color == palette.KIND_COLOURS[kinds.pop()]
    legend = {t.name: t.marker.color for t in fig.data if t.showlegend and t.mode == "markers"
              and t.marker.symbol == "circle"}
    assert legend["Meetings"] == palette.KIND_COLOURS["meeting"] and legend["Calls"] == palette.KIND_COLOURS["call"]


def test_timeline_never_puts_two_events_on_the_same_spot(f):
    rows = charts.timeline_rows(f.events)
    main = rows[~rows["ctx"]]
    assert not main.duplicated(["date", "y"]).any()
    assert list(rows["n"]) == list(range(1, len(rows) + 1))
    assert rows["ctx"].iloc[-2:].all()  # context listed last


def test_timeline_hover_gives_title_date_precision_participants_and_quote(f):
    names = dict(zip(f.countries["country"], f.countries["country_name"]))
    fig = charts.timeline_figure(f.events, f.event_evidence, names)
    t, n = where(fig, "trump_putin_call_2025_03_18")
    hover = t.hovertext[n]
    for part in ("Trump-Putin call", "18 Mar 2025", "planned", "United States", "Russia",
                 "Donald Trump will speak with Vladimir Putin"):
        assert part in hover, part
    t, n = where(fig, "lammy_vance_2025_03_15")
    assert "15–16 Mar 2025 (range)" in t.hovertext[n]


def test_timeline_with_only_context_has_a_single_panel(f):
    ev = filter_events(f.events, as_of="2003-01-01")
    assert list(ev["event_id"]) == ["korea_armistice_1953"]
    fig = charts.timeline_figure(ev, f.event_evidence, {})
    assert [cd[0] for t in event_traces(fig) for cd in t.customdata] == ["korea_armistice_1953"]
    assert "xaxis2" not in fig.layout.to_plotly_json()


def test_timeline_rings_the_selected_event(f):
    fig = charts.timeline_figure(f.events, f.event_evidence, {}, selected="trump_putin_call_2025_03_18")
    ring = [t for t in fig.data if t.name == "selected"]
    t, n = where(fig, "trump_putin_call_2025_03_18")
    assert len(ring) == 1 and ring[0].y[0] == t.y[n] and ring[0].xaxis == t.xaxis


def test_date_text_says_range_approximate_and_planned(f):
    rows = charts.timeline_rows(f.events).set_index("event_id")
    def text(eid):
        r = rows.loc[eid]
        return charts.date_text(r.rename(None))
    assert text("lammy_vance_2025_03_15") == "15–16 Mar 2025 (range)"
    assert text("london_summit_2025_03_02") == "2 Mar 2025 (approximate)"
    assert text("trump_putin_call_2025_03_18") == "18 Mar 2025 (planned)"
    assert text("korea_armistice_1953") == "1953"


def test_timeline_height_stays_bounded_when_many_events_share_a_day(f):
    one = f.events[f.events["event_id"] == "virtual_summit_2025_03_15"].iloc[0]
    many = pd.DataFrame([{**one.to_dict(), "event_id": f"e{n}"} for n in range(3 * charts.MAX_STACK)])
    rows = charts.timeline_rows(many)
    assert rows["y"].max() == charts.MAX_STACK - 1
    fig = charts.timeline_figure(many, f.event_evidence, {})
    assert fig.layout.height < (charts.MAX_STACK + 8) * charts.EVENT_ROW_PX
    assert sum(len(t.customdata) for t in event_traces(fig)) == 3 * charts.MAX_STACK
