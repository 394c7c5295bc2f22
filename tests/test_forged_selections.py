"""Forged chart and table selections: checked like link values, never an error, never an unknown id
written to the reader's link.

A selection arrives from the client (the websocket carries it as widget state), so a client may send
any JSON: a point whose id is ``<b>x</b>``, rows that are text, fractions or negative numbers, a map
object with no country. Before the fix the ids went into the sender's own link unchecked, and the map,
the matrix and the timeline raised TypeError (for the sender only).
"""
from __future__ import annotations

import pytest

from apptest_support import clean, run
from coalition import urlstate
from coalition.render import deck
from coalition.render import plotly as pr

from test_fuzz_links import OPTS  # the options the app builds from the test data


def chart_click(value) -> dict:
    return {"selection": {"points": [{"customdata": value, "curve_number": 0, "point_number": 0}],
                          "point_indices": [0], "box": [], "lasso": []}}


FORGED_POINTS = [chart_click("<b>x</b>"), chart_click(["<img src=x onerror=alert(1)>"]), chart_click(5),
                 chart_click("ZZZ.troops"), {"selection": {"points": 5}}, {"selection": {"points": "xyz"}},
                 {"selection": {"points": [5, None, "a"]}}, {"selection": 5}, {"selection": {"points": {"a": 1}}}]
FORGED_MAP = [{"selection": {"indices": {}, "objects": {"countries": [{"iso3": "ZZZ"}]}}},
              {"selection": {"objects": [1]}}, {"selection": {"objects": {"countries": 5}}},
              {"selection": {"objects": {"countries": ["ITA"]}}}, {"selection": "x"},
              {"selection": {"objects": {"countries": [{"iso3": ["ITA"]}]}}}]
FORGED_ROWS = [["a"], [1.5], [-1], [10**12], "0", [None], {"a": 1}, [True], None]


def _clean_link(at, page: str) -> None:
    q = {k: (v if isinstance(v, list) else [v]) for k, v in at.query_params.items()}
    assert urlstate.parse(q, OPTS, page)[1] == [], f"an unknown value reached the link: {q}"


@pytest.mark.parametrize("page,key", [("matrix", "matrix"), ("timeline", "timeline")])
@pytest.mark.parametrize("state", FORGED_POINTS, ids=range(len(FORGED_POINTS)))
def test_a_forged_chart_selection_writes_nothing_unknown_and_raises_nothing(page, key, state):
    at = clean(run(page))
    at.session_state[key] = state
    clean(at.run())
    _clean_link(at, page)
    assert not {"cell", "event"} & set(at.query_params), dict(at.query_params)


@pytest.mark.parametrize("state", FORGED_MAP, ids=range(len(FORGED_MAP)))
def test_a_forged_map_selection_writes_nothing_unknown_and_raises_nothing(state):
    at = clean(run("map"))
    at.session_state["map"] = state
    clean(at.run())
    _clean_link(at, "map")
    assert "focus" not in at.query_params


def _table_key(at, page: str) -> str:
    return "matrix_table" if page == "matrix" else at.dataframe[0].proto.id.split("-", 2)[-1]


@pytest.mark.parametrize("page", ["map", "matrix", "timeline"])
@pytest.mark.parametrize("rows", FORGED_ROWS, ids=range(len(FORGED_ROWS)))
def test_forged_table_rows_select_nothing_and_raise_nothing(page, rows):
    at = clean(run(page))
    at.session_state[_table_key(at, page)] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    clean(at.run())
    _clean_link(at, page)
    assert not {"cell", "event", "focus"} & set(at.query_params), dict(at.query_params)


def test_a_real_selection_still_selects():
    at = clean(run("matrix"))
    at.session_state["matrix"] = chart_click("ITA.troops")
    clean(at.run())
    assert at.query_params["cell"] in ("ITA.troops", ["ITA.troops"])


def test_the_selection_readers_take_only_well_formed_states():
    assert deck.picked_ids({"selection": {"objects": {"countries": [{"iso3": "ITA"}]}}}) == ("ITA",)
    assert deck.picked_ids({"selection": {"objects": {"countries": [{"name": "sea"}]}}}) == ("",)
    assert deck.picked_ids({"selection": {"objects": {}}}) == ()
    for forged in FORGED_MAP[1:]:
        assert deck.picked_ids(forged) in ((), ("",)), forged
    assert pr.picked_all(chart_click("ITA.troops")) == ("ITA.troops",)
    assert pr.picked_all({"selection": {"points": 5}}) == ()


@pytest.mark.parametrize("key,value,page,ok", [
    ("cell", "ITA.troops", "matrix", True), ("cell", "<b>x</b>", "matrix", False), ("cell", "ITA.troops", "map", False),
    ("focus", "ITA", "country", True), ("focus", "ZZZ", "map", False), ("event", 5, "timeline", False),
    ("sort", "region", "matrix", True), ("sort", "random", "matrix", False), ("country", "ITA", "", True),
])
def test_valid_value_is_the_check_links_and_clicks_share(key, value, page, ok):
    assert urlstate.valid_value(key, value, OPTS, page) is ok
