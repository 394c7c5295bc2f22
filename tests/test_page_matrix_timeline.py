"""Stance matrix and Timeline pages (AppTest): plotly figures, filters, links, selections, evidence dialogs,
empty states."""
from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptest_support import clean, dialog, run, text_of
from coalition import load_frames, palette
from coalition.views import matrix as mview

ROOT = Path(__file__).resolve().parent.parent
FRAMES = load_frames()
ISSUES = list(FRAMES.issues["issue"])
ITALY_QUOTE = "Italian Prime Minister Giorgia Meloni's office stated that Italy would not participate"
ITALY_QUOTE_2 = "again rejected"
CALL_QUOTE = "Donald Trump will speak with Vladimir Putin on Tuesday"


def charts(at: AppTest) -> list:
    return at.get("plotly_chart")


def fig(at: AppTest, n: int = 0) -> dict:
    """A drawn plotly figure, as sent."""
    return json.loads(charts(at)[n].proto.spec)


def chart_shapes(f: dict) -> list[dict]:
    """The chart's own shapes: not the key drawn in the figure's caption (for plotly's PNG button)."""
    return [sh for sh in f["layout"].get("shapes", []) if sh.get("name") != "caption"]


def meta(at: AppTest) -> dict:
    return fig(at)["layout"]["meta"]


def points(at: AppTest) -> dict:
    """customdata -> (trace, index) of every clickable point of the figure."""
    out = {}
    for t in fig(at)["data"]:
        for i, cd in enumerate(t.get("customdata") or []):
            out[cd] = (t, i)
    return out


def event_ids(at: AppTest) -> set:
    return set(points(at)) if charts(at) else set()


def param(at: AppTest, key: str):
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) and len(v) == 1 else v


def label(e) -> str:
    return e.label.replace("\\", "")


def chart_click(value: str) -> dict:
    """What st.plotly_chart stores for a click on one point: its customdata names the record."""
    return {"selection": {"points": [{"customdata": value, "curve_number": 0, "point_number": 0}],
                          "point_indices": [0], "box": [], "lasso": []}}


# 1. the stance matrix -------------------------------------------------------------
def test_matrix_runs_with_no_filters_and_draws_every_cell():
    at = clean(run("matrix"))
    cells = points(at)
    assert len(cells) == len(FRAMES.countries) * len(ISSUES)
    assert all(f"{c}.{i}" in cells for c in FRAMES.countries["country"] for i in ISSUES)
    assert charts(at)[0].proto.theme == ""  # theme=None: the palette's colours as they are
    assert dialog(at) is None
    assert "Weapons &amp; intel only" in text_of(at) or "Weapons & intel only" in text_of(at)


@pytest.mark.parametrize("issue", ISSUES)
def test_matrix_runs_with_each_issue_and_bolds_it(issue):
    at = clean(run("matrix", issue=issue))
    short = dict(zip(FRAMES.issues["issue"], FRAMES.issues["short"]))[issue]
    f = fig(at)
    assert meta(at)["focus"] == issue
    col = meta(at)["issues"].index(issue)
    tick = f["layout"]["xaxis"]["ticktext"][col]
    assert tick.startswith("<b>") and html.unescape(tick.replace("<br>", " ").replace("<b>", "").replace("</b>", "")) == short
    bands = [sh for sh in chart_shapes(f) if sh.get("fillcolor") == mview.FOCUS_BAND]
    assert len(bands) == 1 and bands[0]["x0"] < col < bands[0]["x1"]


def test_matrix_labels_every_cell_and_marks_italy_troops_as_disputed():
    at = clean(run("matrix", issue="troops"))
    t, i = points(at)["ITA.troops"]
    text = html.unescape(t["text"][i].replace("<br>", " "))
    assert text.startswith("No, unless") and mview.DISPUTED_MARK in text
    t, i = points(at)["RUS.troops"]
    assert t["text"][i] == mview.NO_RECORD_TEXT
    fills = {sh.get("fillcolor") for sh in chart_shapes(fig(at))}
    assert {palette.colour(2), palette.colour(-1), palette.NO_RECORD} <= fills
    outlines = [sh for sh in chart_shapes(fig(at)) if sh.get("line", {}).get("color") == mview.DISPUTED_LINE]
    assert len(outlines) == 1  # one path outlines every disputed cell


def test_matrix_with_one_country_shows_only_its_row():
    at = clean(run("matrix", country="ITA"))
    assert set(points(at)) == {f"ITA.{i}" for i in ISSUES}


def test_matrix_before_any_record_says_so_instead_of_an_empty_grid():
    at = clean(run("matrix", as_of="2003-01-01"))
    assert not charts(at)
    assert any("No country positions were on record" in i.value for i in at.info)


def test_matrix_sort_by_score_from_the_link_orders_rows_and_sets_the_control():
    at = clean(run("matrix", issue="troops", sort="score"))
    order = meta(at)["order"]
    assert set(order[:2]) == {"FRA", "GBR"} and order[2] == "DEU"
    assert at.session_state["url_matrix_sort"] == "score"
    assert param(at, "sort") == "score"


def test_matrix_sort_control_writes_the_url_and_reorders():
    at = clean(run("matrix"))
    at.segmented_control(key="url_matrix_sort").set_value("region").run()
    clean(at)
    assert param(at, "sort") == "region" and meta(at)["sort"] == "region"
    assert "Western Europe" in fig(at)["layout"]["yaxis"]["ticktext"][0]
    at.segmented_control(key="url_matrix_sort").set_value("country").run()
    assert param(at, "sort") is None  # the default is left out of the link


def test_matrix_cell_link_opens_italys_quotes_and_the_disagreement_in_a_dialog():
    at = clean(run("matrix", cell="ITA.troops"))
    assert dialog(at) == "Italy: Sends troops"
    text = text_of(at)
    assert ITALY_QUOTE in text and ITALY_QUOTE_2 in text
    assert "The sources disagree" in text and "Declined" in text and "No, unless" in text
    assert "Only with a UN resolution" in text  # the condition
    rings = [sh for sh in chart_shapes(fig(at)) if sh.get("line", {}).get("color") == mview.SELECTED_LINE]
    assert len(rings) == 1 and meta(at)["selected"] == "ITA.troops"


def test_matrix_cell_link_as_of_15_march_shows_one_record_only():
    at = clean(run("matrix", cell="ITA.troops", as_of="2025-03-15"))
    text = text_of(at)
    assert ITALY_QUOTE_2 in text and ITALY_QUOTE not in text and "The sources disagree" not in text


def test_matrix_faked_chart_click_opens_the_evidence_and_goes_into_the_url():
    at = clean(run("matrix", session={"matrix": chart_click("DEU.troops")}))
    assert param(at, "cell") == "DEU.troops"
    assert meta(at)["selected"] == "DEU.troops"  # read before drawing: the ring is already there
    assert dialog(at) == "Germany: Sends troops"
    quote = FRAMES.stances[FRAMES.stances["stance_id"] == "DEU.troops.1"]["quote"].iloc[0]
    assert quote[:40] in text_of(at)


def test_matrix_faked_table_selection_selects_the_cell():
    at = clean(run("matrix"))
    table = at.dataframe[0].value
    row = list(table["Country"] + "/" + table["Issue"]).index("Japan/Joins coalition")
    at.session_state["matrix_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    clean(at)
    assert param(at, "cell") == "JPN.join"
    assert "Tokyo declined to join for now" in text_of(at)


def test_matrix_no_record_cell_says_so_and_its_link_reopens_it():
    at = clean(run("matrix", session={"matrix": chart_click("RUS.troops")}))
    assert "No record in the sources on this question for Russia" in text_of(at)
    assert param(at, "cell") == "RUS.troops"
    again = clean(run("matrix", cell="RUS.troops"))  # the link is valid: no notice, the same dialog
    assert not [w for w in again.warning if "Ignored" in w.value] and dialog(again) == "Russia: Sends troops"


# 2. the timeline ----------------------------------------------------------------------
def test_timeline_runs_with_no_filters_and_draws_every_event_in_one_figure():
    at = clean(run("timeline"))
    assert len(charts(at)) == 1
    assert event_ids(at) == set(FRAMES.events["event_id"])
    assert meta(at)["panels"] == ["context", "main"]  # the context strip above the March 2025 panel
    ctx = {cd for t in fig(at)["data"] if t.get("xaxis") == "x" for cd in t.get("customdata") or []}
    assert ctx == {"korea_armistice_1953", "iraq_coalition_2003"}
    table = at.dataframe[0].value
    assert len(table) == len(FRAMES.events) and list(table["No."]) == list(range(1, len(FRAMES.events) + 1))
    assert "historical context" in text_of(at)


def test_timeline_markers_carry_their_list_numbers_and_short_titles():
    at = clean(run("timeline"))
    numbered = {cd: t["text"][i] for t in fig(at)["data"] if t.get("customdata") and t.get("text")
                for i, cd in enumerate(t["customdata"])}
    listed = {str(n) for n in at.dataframe[0].value["No."]}
    assert set(numbered.values()) == listed  # the marker numbers are the table's
    titles = [x for t in fig(at)["data"] if t.get("name") == "titles" for x in t["text"]]
    assert titles and any("Trump" in x for x in titles)


@pytest.mark.parametrize("issue", ISSUES)
def test_timeline_runs_with_each_issue_and_the_issue_toggle(issue):
    clean(run("timeline", issue=issue))
    at = clean(run("timeline", issue=issue, on_issue="1"))
    assert at.session_state["url_timeline_on_issue"] is True
    expected = FRAMES.events[FRAMES.events["issues"].map(lambda xs: issue in xs)]
    assert len(at.dataframe[0].value) == len(expected) if len(expected) else not at.dataframe


def test_timeline_with_italy_shows_only_its_events():
    at = clean(run("timeline", country="ITA"))
    assert event_ids(at) == {"virtual_summit_2025_03_15", "meloni_rejects_troops_2025_03_15"}


def test_timeline_as_of_2003_says_only_context_is_left():
    at = clean(run("timeline", as_of="2003-01-01"))
    assert any("No events from March 2025 match" in i.value for i in at.info)
    when = list(at.dataframe[0].value["When"])
    assert when and all(w in ("1953", "2003") for w in when)


def test_timeline_with_nothing_left_shows_a_message_not_a_chart():
    at = clean(run("timeline", as_of="1950-01-01"))
    assert not charts(at)
    assert any("No events match these filters" in i.value for i in at.info)


def test_timeline_event_link_opens_its_evidence_in_a_dialog():
    at = clean(run("timeline", event="trump_putin_call_2025_03_18"))
    assert dialog(at) == "11. Trump-Putin call" or dialog(at).endswith("Trump-Putin call")
    assert CALL_QUOTE in text_of(at) and "How the date was derived" in text_of(at)
    assert meta(at)["selected"] == "trump_putin_call_2025_03_18"


def test_timeline_faked_chart_click_opens_the_event_and_goes_into_the_url():
    at = clean(run("timeline", session={"timeline": chart_click("japan_declines_2025_03_15")}))
    assert param(at, "event") == "japan_declines_2025_03_15"
    assert "Japan declines" in dialog(at)


def table_key(at: AppTest) -> str:
    return at.dataframe[0].proto.id.split("-", 2)[-1]


def choose_row(at: AppTest, event_id: str) -> AppTest:
    """What st.dataframe stores when the reader selects the row of ``event_id``."""
    table = at.dataframe[0].value
    row = list(table["Event"]).index(FRAMES.events.set_index("event_id").loc[event_id, "title"])
    at.session_state[table_key(at)] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return clean(at.run())


def test_timeline_choosing_a_row_of_the_table_selects_the_event():
    at = choose_row(clean(run("timeline")), "lammy_vance_2025_03_15")
    assert param(at, "event") == "lammy_vance_2025_03_15"
    assert "Lammy meets Vance" in dialog(at)


def test_timeline_toggle_writes_on_issue_into_the_url():
    at = clean(run("timeline", issue="troops"))
    at.toggle(key="url_timeline_on_issue").set_value(True).run()
    clean(at)
    assert param(at, "on_issue") == "1"


def test_timeline_faked_click_in_the_context_strip_opens_that_event():
    at = clean(run("timeline", session={"timeline": chart_click("korea_armistice_1953")}))
    assert param(at, "event") == "korea_armistice_1953"
    assert "1953" in dialog(at) or "Korea" in dialog(at)


def test_timeline_an_old_chart_selection_does_not_override_a_later_choice_in_the_list():
    at = clean(run("timeline", session={"timeline": chart_click("japan_declines_2025_03_15")}))
    at = choose_row(at, "lammy_vance_2025_03_15")
    assert param(at, "event") == "lammy_vance_2025_03_15"  # the chart's selection is unchanged: no new click


def test_timeline_shows_its_legend_in_the_chart_so_a_saved_image_has_it_too():
    at = clean(run("timeline"))
    spec = html.unescape(json.dumps(json.loads(at.get("plotly_chart")[0].proto.spec), ensure_ascii=False))
    for part in ("Meetings", "Calls", "Statements", "Reports", "planned (hollow)", "date range", "approximate date",
                 "Meetings, calls, statements and reports", "As of 20 March 2025", "Coalition Tracker · sources"):
        assert part in spec, part
