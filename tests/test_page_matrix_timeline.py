"""Stance matrix and Timeline pages (AppTest): filters, links, selections, empty states."""
from __future__ import annotations

import html
import json
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from apptest_support import clean, run, text_of

from coalition import load_frames

ROOT = Path(__file__).resolve().parent.parent
FRAMES = load_frames()
ISSUES = list(FRAMES.issues["issue"])
ITALY_QUOTE = "Italian Prime Minister Giorgia Meloni's office stated that Italy would not participate"
ITALY_QUOTE_2 = "again rejected"
CALL_QUOTE = "Donald Trump will speak with Vladimir Putin on Tuesday"





def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def spec(at: AppTest, n: int = 0) -> dict:
    """A drawn Vega-Lite chart's spec, with its named datasets (sent as Arrow) read back as records."""
    el = charts(at)[n]
    out = json.loads(el.proto.spec)
    out["datasets"] = {d.name: pa.ipc.open_stream(d.data.data).read_pandas().to_dict("records")
                       for d in el.proto.datasets}
    return out


def pvalue(sp: dict, name: str):
    return next(p["value"] for p in sp["params"] if p["name"] == name)


def event_ids(at: AppTest) -> set:
    return {r["event_id"] for n in range(len(charts(at))) for r in spec(at, n)["datasets"]["events"]}


def param(at: AppTest, key: str):
    v = at.query_params.get(key)
    return v[0] if isinstance(v, list) and len(v) == 1 else v


def label(e) -> str:
    return e.label.replace("\\", "")


def chart_click(selection: str, field: str, value: str) -> dict:
    """What Streamlit stores for a Vega-Lite point selection of one mark (the chart key's session state):
    the selection parameter's name -> the selected points, each with the selection's ``fields``."""
    return {"selection": {selection: [{field: value}]}}


# 1. the stance matrix -------------------------------------------------------------
def test_matrix_runs_with_no_filters_and_draws_every_cell():
    at = clean(run("matrix"))
    cells = spec(at)["datasets"]["cells"]
    assert len(cells) == len(FRAMES.countries) * len(ISSUES) == len({c["key"] for c in cells})
    assert "Select a cell" in text_of(at)
    assert "Weapons & intel only" in text_of(at)  # the column without any country record is explained


@pytest.mark.parametrize("issue", ISSUES)
def test_matrix_runs_with_each_issue_and_bolds_it(issue):
    at = clean(run("matrix", issue=issue))
    short = dict(zip(FRAMES.issues["issue"], FRAMES.issues["short"]))[issue]
    sp = spec(at)
    assert pvalue(sp, "focus_issue") == issue  # the column the band and the bold label mark
    assert " ".join(pvalue(sp, "col_labels")[issue]) == short
    assert "focus_issue" in sp["encoding"]["x"]["axis"]["labelFontWeight"]["condition"]["test"]


def test_matrix_with_one_country_shows_only_its_row():
    at = clean(run("matrix", country="ITA"))
    keys = {c["key"] for c in spec(at)["datasets"]["cells"]}
    assert keys == {f"ITA.{i}" for i in ISSUES}


def test_matrix_before_any_record_says_so_instead_of_an_empty_grid():
    at = clean(run("matrix", as_of="2003-01-01"))
    assert not charts(at)
    assert any("No country positions were on record" in i.value for i in at.info)


def test_matrix_sort_by_score_from_the_link_orders_rows_and_sets_the_control():
    at = clean(run("matrix", issue="troops", sort="score"))
    sp = spec(at)
    ticks = [pvalue(sp, "row_labels")[c][0] for c in sp["encoding"]["y"]["sort"]]
    assert ticks[:2] in (["France", "United Kingdom"], ["United Kingdom", "France"]) and ticks[2] == "Germany"
    assert at.session_state["url_matrix_sort"] == "score"
    assert param(at, "sort") == "score"


def test_matrix_sort_control_writes_the_url_and_reorders():
    at = clean(run("matrix"))
    at.segmented_control(key="url_matrix_sort").set_value("region").run()
    clean(at)
    assert param(at, "sort") == "region"
    sp = spec(at)
    assert pvalue(sp, "row_labels")[sp["encoding"]["y"]["sort"][0]][1] == "Western Europe"
    at.segmented_control(key="url_matrix_sort").set_value("country").run()
    assert param(at, "sort") is None  # the default is left out of the link


def test_matrix_cell_link_shows_italys_quotes_and_the_disagreement():
    at = clean(run("matrix", cell="ITA.troops"))
    text = text_of(at)
    assert ITALY_QUOTE in text and ITALY_QUOTE_2 in text
    assert "The sources disagree" in text and "Declined" in text and "No, unless" in text
    assert "Only with a UN resolution" in text  # the condition
    sp = spec(at)
    rings = [lay for lay in sp["layer"] if lay["mark"].get("stroke") == "#f5b700"]
    assert len(rings) == 1 and pvalue(sp, "selected_cell") == "ITA.troops"


def test_matrix_cell_link_as_of_15_march_shows_one_record_only():
    at = clean(run("matrix", cell="ITA.troops", as_of="2025-03-15"))
    text = text_of(at)
    assert ITALY_QUOTE_2 in text and ITALY_QUOTE not in text and "The sources disagree" not in text


def test_matrix_faked_chart_selection_shows_the_evidence_and_goes_into_the_url():
    at = clean(run("matrix", session={"matrix": chart_click("cell", "key", "DEU.troops")}))
    assert param(at, "cell") == "DEU.troops"
    assert pvalue(spec(at), "selected_cell") == "DEU.troops"  # read before drawing: the ring is already there
    text = text_of(at)
    assert "Germany: Sends troops" in text
    quote = FRAMES.stances[FRAMES.stances["stance_id"] == "DEU.troops.1"]["quote"].iloc[0]
    assert quote[:40] in text


def test_matrix_faked_table_selection_selects_the_cell():
    at = clean(run("matrix"))
    table = at.dataframe[0].value
    row = list(table["Country"] + "/" + table["Issue"]).index("Japan/Joins coalition")
    at.session_state["matrix_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    clean(at)
    assert param(at, "cell") == "JPN.join"
    assert "Tokyo declined to join for now" in text_of(at)


def test_matrix_no_record_cell_selection_says_so_and_keeps_the_url_clean():
    at = clean(run("matrix", session={"matrix": chart_click("cell", "key", "RUS.troops")}))
    assert "No record for Russia" in text_of(at)
    assert param(at, "cell") is None


# 2. the timeline ----------------------------------------------------------------------
def test_timeline_runs_with_no_filters_and_lists_every_event():
    at = clean(run("timeline"))
    assert event_ids(at) == set(FRAMES.events["event_id"])
    assert len(charts(at)) == 2  # the context strip above the March 2025 panel
    assert {r["event_id"] for r in spec(at, 0)["datasets"]["events"]} == {"korea_armistice_1953",
                                                                         "iraq_coalition_2003"}
    assert len(at.expander) == len(FRAMES.events)
    assert "Historical context" in text_of(at)


@pytest.mark.parametrize("issue", ISSUES)
def test_timeline_runs_with_each_issue_and_the_issue_toggle(issue):
    clean(run("timeline", issue=issue))
    at = clean(run("timeline", issue=issue, on_issue="1"))
    assert at.session_state["url_timeline_on_issue"] is True
    expected = FRAMES.events[FRAMES.events["issues"].map(lambda xs: issue in xs)]
    assert len(at.expander) == len(expected)


def test_timeline_with_italy_shows_only_its_events():
    at = clean(run("timeline", country="ITA"))
    assert event_ids(at) == {"virtual_summit_2025_03_15", "meloni_rejects_troops_2025_03_15"}


def test_timeline_as_of_2003_says_only_context_is_left():
    at = clean(run("timeline", as_of="2003-01-01"))
    assert any("No March 2025 events" in i.value for i in at.info)
    assert [e.label for e in at.expander] and all("1953" in label(e) for e in at.expander)


def test_timeline_with_nothing_left_shows_a_message_not_a_chart():
    at = clean(run("timeline", as_of="1950-01-01"))
    assert not charts(at)
    assert any("No events match these filters" in i.value for i in at.info)


def test_timeline_event_link_opens_its_evidence():
    at = clean(run("timeline", event="trump_putin_call_2025_03_18"))
    assert CALL_QUOTE in text_of(at)
    opened = [e for e in at.expander if e.proto.expanded]
    assert len(opened) == 1 and "Trump-Putin call" in label(opened[0])
    assert at.session_state["url_timeline_event"] == "trump_putin_call_2025_03_18"


def test_timeline_faked_chart_selection_opens_the_event_and_goes_into_the_url():
    click = chart_click("event", "event_id", "japan_declines_2025_03_15")
    at = clean(run("timeline", session={"timeline": click}))
    assert param(at, "event") == "japan_declines_2025_03_15"
    opened = [e for e in at.expander if e.proto.expanded]
    assert len(opened) == 1 and "Japan declines" in label(opened[0])


def test_timeline_choosing_in_the_list_selects_the_event():
    at = clean(run("timeline"))
    at.selectbox(key="url_timeline_event").set_value("lammy_vance_2025_03_15").run()
    clean(at)
    assert param(at, "event") == "lammy_vance_2025_03_15"
    opened = [e for e in at.expander if e.proto.expanded]
    assert len(opened) == 1 and "Lammy meets Vance" in label(opened[0])


def test_timeline_toggle_writes_on_issue_into_the_url():
    at = clean(run("timeline", issue="troops"))
    at.toggle(key="url_timeline_on_issue").set_value(True).run()
    clean(at)
    assert param(at, "on_issue") == "1"


def test_timeline_faked_click_in_the_context_strip_opens_that_event():
    at = clean(run("timeline", session={"timeline_context": chart_click("event", "event_id", "korea_armistice_1953")}))
    assert param(at, "event") == "korea_armistice_1953"
    assert all(pvalue(spec(at, n), "selected_event") == "korea_armistice_1953" for n in range(2))
    opened = [e for e in at.expander if e.proto.expanded]
    assert len(opened) == 1 and "1953" in label(opened[0])


def test_timeline_an_old_chart_selection_does_not_override_a_later_choice_in_the_list():
    at = clean(run("timeline", session={"timeline": chart_click("event", "event_id", "japan_declines_2025_03_15")}))
    at.selectbox(key="url_timeline_event").set_value("lammy_vance_2025_03_15").run()
    clean(at)
    assert param(at, "event") == "lammy_vance_2025_03_15"  # the chart's selection is unchanged: no new click


def test_timeline_shows_its_legend_under_the_chart():
    md = html.unescape(" ".join(m.value for m in clean(run("timeline")).markdown))
    for part in ("Meetings", "Calls", "Statements", "Reports", "planned (hollow)", "date range", "approximate date"):
        assert part in md, part
