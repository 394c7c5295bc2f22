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


def cell_records(spec) -> dict:
    """{'ISO3.issue': the record every layer of the matrix reads for that cell}."""
    return {r["key"]: r for r in spec["datasets"]["cells"]}


def layer(spec, test=lambda l: True, filt: str | None = None) -> list[dict]:
    """The layers whose mark passes ``test`` and (when given) whose filter is exactly ``filt``."""
    out = []
    for lay in spec["layer"]:
        f = [t.get("filter") for t in lay.get("transform", [])]
        if test(lay) and (filt is None or f == [filt]):
            out.append(lay)
    return out


def param(spec, name):
    return next(p["value"] for p in spec["params"] if p["name"] == name)


def expressions(node) -> list[str]:
    """Every Vega expression string in a spec (filters, tests, labelExpr, expr)."""
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("filter", "test", "labelExpr", "expr") and isinstance(v, str):
                out.append(v)
            elif k != "datasets":
                out += expressions(v)
    elif isinstance(node, list):
        for v in node:
            out += expressions(v)
    return out


def tip(record) -> str:
    return " | ".join(str(record[f]) for f, _ in charts.MATRIX_TOOLTIP if f in record) if "t_question" in record \
        else " | ".join(str(record[f]) for f, _ in charts.EVENT_TOOLTIP)


# 1. the matrix -------------------------------------------------------------------
def test_matrix_has_one_cell_record_per_country_and_issue(f):
    spec = charts.matrix_spec(grid_for(f), focus="join")
    keys = [r["key"] for r in spec["datasets"]["cells"]]
    expected = {f"{c}.{i}" for c, i in product(f.countries["country"], f.issues["issue"])}
    assert len(keys) == len(expected) == len(f.countries) * len(f.issues) and set(keys) == expected
    assert spec["data"] == {"name": "cells"}  # every layer draws from the one dataset


def test_matrix_cells_are_drawn_from_their_fields_and_clicks_name_the_key(f):
    spec = charts.matrix_spec(grid_for(f), focus="join")
    filled = layer(spec, lambda l: "fill" in l.get("encoding", {}))
    assert [l["transform"] for l in filled] == [[{"filter": "!datum.low"}], [{"filter": "datum.low"}]]
    for lay in filled:
        enc = lay["encoding"]
        assert {(c, enc[c]["field"]) for c in ("fill", "fillOpacity", "stroke", "strokeWidth")} == {
            ("fill", "fill"), ("fillOpacity", "opacity"), ("stroke", "stroke"), ("strokeWidth", "stroke_width")}
        assert all(enc[c]["scale"] is None for c in enc)  # the palette's colours exactly
    text = layer(spec, lambda l: l["mark"]["type"] == "text")
    assert len(text) == 1 and text[0]["encoding"]["text"]["field"] == "label" and text[0]["mark"]["lineBreak"] == "\n"
    top = spec["layer"][-1]
    assert top["params"] == [{"name": charts.CELL_SELECTION, "select": {"type": "point", "fields": ["key"],
                                                                      "on": "click", "toggle": False}}]
    assert [t["field"] for t in top["encoding"]["tooltip"]] == [f for f, _ in charts.MATRIX_TOOLTIP]


def test_matrix_marks_italy_troops_as_disputed_with_its_label(f):
    spec = charts.matrix_spec(grid_for(f), focus="troops")
    ita = cell_records(spec)["ITA.troops"]
    text = ita["label"].replace("\n", " ")  # the lines Vega draws, read as one
    assert "No, unless" in text or "Declined" in text
    assert charts.DISPUTED_MARK in ita["label"]
    assert ita["stroke_width"] == 3 and ita["stroke"] == charts.DISPUTED_LINE
    # an undisputed confirmed cell has neither mark nor outline
    fra = cell_records(spec)["FRA.troops"]
    assert charts.DISPUTED_MARK not in fra["label"] and fra["stroke_width"] == 0


def test_matrix_italy_troops_is_only_declined_as_of_15_march(f):
    ita = cell_records(charts.matrix_spec(grid_for(f, as_of="2025-03-15"), focus="troops"))["ITA.troops"]
    assert ita["label"] == "Declined" and ita["fill"] == palette.colour(-2)


def test_matrix_marks_australia_join_as_low_confidence(f):
    spec = charts.matrix_spec(grid_for(f), focus="join")
    aus = cell_records(spec)["AUS.join"]
    assert "Considering" in aus["label"] and charts.LOW_CONFIDENCE_MARK in aus["label"]
    assert aus["low"] and aus["opacity"] == charts.LOW_CONFIDENCE_OPACITY and aus["stroke_width"] > 0
    gbr = cell_records(spec)["GBR.join"]
    assert not gbr["low"] and gbr["opacity"] == 1.0
    dashed = layer(spec, lambda l: l["mark"].get("strokeDash") == charts.LOW_CONFIDENCE_DASH, "datum.low")
    white = layer(spec, lambda l: l["mark"].get("color") == "#ffffff", "datum.low")  # faded against white
    assert len(dashed) == 1 and len(white) == 1 and spec["layer"].index(white[0]) < spec["layer"].index(dashed[0])


def test_matrix_colours_come_from_the_palette(f):
    grid = grid_for(f)
    spec = charts.matrix_spec(grid, focus="join")
    score = {k: s for k, s, has in zip(grid["key"], grid["score"], grid["has_record"]) if has}
    allowed = set(palette.SCORE_COLOURS.values()) | {palette.NO_RECORD}
    assert len(cell_records(spec)) == len(grid)
    for key, r in cell_records(spec).items():
        assert r["fill"] in allowed
        assert r["fill"] == (palette.colour(score[key]) if key in score else palette.NO_RECORD)
        if key not in score:
            assert r["label"] == charts.NO_RECORD_TEXT and r["size"] < 11


def test_matrix_issue_without_any_record_is_still_a_grey_column(f):
    spec = charts.matrix_spec(grid_for(f), focus="join")
    weapons = {k: r for k, r in cell_records(spec).items() if k.endswith(".weapons_intel")}
    assert len(weapons) == len(f.countries)
    assert all(r["fill"] == palette.NO_RECORD and r["label"] == charts.NO_RECORD_TEXT for r in weapons.values())


def test_matrix_labels_sit_in_the_middle_of_their_cell(f):
    spec = charts.matrix_spec(grid_for(f), focus="troops")
    for r in cell_records(spec).values():
        lines = r["label"].count("\n") + 1
        assert lines <= 3 and r["dy"] == (charts.ROW_PX - charts.LABEL_LINE_PX * (lines - 1)) / 2
    assert spec["height"] == charts.ROW_PX * len(f.countries)
    assert spec["autosize"]["type"] == "fit-x"  # the height is the rows', not shared with the labels


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
    spec = charts.matrix_spec(grid, focus=issue, sort="score")
    assert spec["encoding"]["y"]["sort"] == order  # rows drawn top to bottom in this order
    name = f.countries.set_index("country").loc[order[0], "country_name"]
    assert param(spec, "row_labels")[order[0]] == [name]
    assert spec["encoding"]["y"]["axis"]["labelExpr"] == "row_labels[datum.value]"


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
    spec = charts.matrix_spec(grid, focus="join", sort="region")
    assert spec["encoding"]["y"]["sort"] == order
    assert all(param(spec, "row_labels")[c] == [region_name, region[c]]
               for c, region_name in zip(grid["country"], grid["country_name"]))


def test_focus_issue_label_is_bold_and_banded(f):
    spec = charts.matrix_spec(grid_for(f), focus="troops")
    assert param(spec, "focus_issue") == "troops"
    axis = spec["encoding"]["x"]["axis"]
    assert axis["labelFontWeight"] == {"condition": {"test": "datum.value === focus_issue", "value": "bold"},
                                       "value": "normal"}
    assert axis["labelExpr"] == "col_labels[datum.value]" and axis["orient"] == "top"
    assert param(spec, "col_labels")["troops"] == ["Sends", "troops"]
    assert set(param(spec, "col_labels")) == set(f.issues["issue"])
    band = layer(spec, lambda l: l["mark"].get("color") == charts.FOCUS_BAND, "datum.issue === focus_issue")
    assert len(band) == 1 and band[0]["mark"]["width"] == {"band": 1} and spec["layer"][0] is band[0]
    assert param(charts.matrix_spec(grid_for(f), focus="join"), "focus_issue") == "join"


def test_selected_cell_gets_a_ring_and_nothing_else_does(f):
    spec = charts.matrix_spec(grid_for(f), focus="join", selected="ITA.troops")
    rings = layer(spec, lambda l: l["mark"].get("stroke") == charts.SELECTED_LINE)
    assert len(rings) == 1 and rings[0]["transform"] == [{"filter": "datum.key === selected_cell"}]
    assert rings[0]["mark"]["filled"] is False
    assert param(spec, "selected_cell") == "ITA.troops"
    assert [k for k in cell_records(spec) if k == param(spec, "selected_cell")] == ["ITA.troops"]  # exactly one cell
    assert param(charts.matrix_spec(grid_for(f)), "selected_cell") is None


def test_matrix_for_one_country_has_one_row(f):
    spec = charts.matrix_spec(grid_for(f, countries=["ITA"]), focus="troops")
    assert len(cell_records(spec)) == len(f.issues)
    assert {k.split(".")[0] for k in cell_records(spec)} == {"ITA"}
    assert spec["encoding"]["y"]["sort"] == ["ITA"] and spec["height"] == charts.ROW_PX


def test_matrix_data_text_never_enters_an_expression_and_tooltips_are_plain_fields(f):
    """Tooltip values are plain text: vega-tooltip escapes & and < before it sets innerHTML (the
    browser test test_markup_in_the_data_never_runs hovers these marks with payloads in the data)."""
    grid = grid_for(f)
    payload = "<img src=x onerror=alert(1)>'\"]"
    grid.loc[grid["key"] == "ITA.troops", "summary"] = payload
    grid.loc[grid["country"] == "ITA", "country_name"] = payload
    spec = charts.matrix_spec(grid, focus="troops", sort="region")
    assert cell_records(spec)["ITA.troops"]["t_summary"] == payload  # shown as text, not rewritten
    assert param(spec, "row_labels")["ITA"][0] == payload       # axis label from a JSON value
    exprs = expressions(spec)
    assert exprs and not [e for e in exprs if "<" in e or "Ital" in e or "onerror" in e]
    for t in spec["layer"][-1]["encoding"]["tooltip"]:
        assert set(t) == {"field", "type", "title"} and t["type"] == "nominal"  # no format, no html


def test_matrix_hover_names_country_question_position_confidence_date_and_quote(f):
    hover = tip(cell_records(charts.matrix_spec(grid_for(f), focus="troops"))["ITA.troops"])
    for part in ("Italy", "Will it send troops", "No, unless", "confirmed", "16 Mar 2025", "disagree",
                 "outlet unknown"):
        assert part in hover, part
    assert tip(cell_records(charts.matrix_spec(grid_for(f)))["RUS.troops"]).count(palette.NO_RECORD_LABEL) == 1


def test_matrix_table_lists_each_cell_with_a_record_once(f):
    grid = grid_for(f)
    table = charts.matrix_table(grid, charts.country_order(grid))
    assert len(table) == int(grid["has_record"].sum()) and table["key"].is_unique
    ita = table[table["key"] == "ITA.troops"].iloc[0]
    assert bool(ita["Sources disagree"]) and "Declined" in ita["All positions"]


def test_cell_lines_keep_labels_whole_and_marks_last():
    assert charts.cell_lines("Joined", False, False) == "Joined"
    assert charts.cell_lines("Unclear", True, True) == "Unclear\n⇄ ?"
    assert charts.cell_lines("Considering", False, True) == "Considering\n?"
    assert charts.cell_lines("No, unless…", True, False) == "No,\nunless… ⇄"
    assert charts.cell_lines("<b>x</b>", False, False) == "<b>x</b>"  # SVG text: not escaped twice
    assert charts.cell_lines(None, False, False) == charts.NO_RECORD_TEXT


# 2. the timeline ------------------------------------------------------------------
def specs(f, events=None, names=None, selected=None):
    return charts.timeline_specs(f.events if events is None else events, f.event_evidence, names or {}, selected)


def records(spec) -> dict:
    return {r["event_id"]: r for r in spec["datasets"]["events"]} if spec else {}


def where(sp, event_id):
    """(which chart, its record) of an event."""
    for part in ("context", "main"):
        if event_id in records(sp[part]):
            return part, records(sp[part])[event_id]
    raise KeyError(event_id)


def test_timeline_has_every_event_once(f):
    sp = specs(f)
    ids = [r["event_id"] for part in ("context", "main") for r in sp[part]["datasets"]["events"]]
    assert sorted(ids) == sorted(f.events["event_id"])
    for part in ("context", "main"):
        top = sp[part]["layer"][-1]
        assert top["params"][0]["name"] == charts.EVENT_SELECTION
        assert top["params"][0]["select"]["fields"] == ["event_id"]
        assert [t["field"] for t in top["encoding"]["tooltip"]] == [f for f, _ in charts.EVENT_TOOLTIP]


def test_timeline_sets_context_events_apart_from_march_2025(f):
    sp = specs(f)
    assert where(sp, "korea_armistice_1953")[0] == where(sp, "iraq_coalition_2003")[0] == "context"
    assert where(sp, "trump_putin_call_2025_03_18")[0] == "main"
    lo, hi = (pd.Timestamp(year=d["year"], month=d["month"], day=d["date"], hour=d["hours"])
              for d in sp["main"]["encoding"]["x"]["scale"]["domain"])
    assert lo > pd.Timestamp("2025-02-01") and hi < pd.Timestamp("2025-04-01")
    ctx_years = [d["year"] for d in sp["context"]["encoding"]["x"]["scale"]["domain"]]
    assert ctx_years[0] < 1953 and ctx_years[1] > 2003
    assert [d["year"] for d in sp["context"]["encoding"]["x"]["axis"]["values"]] == [1953, 2003]
    assert sp["main"]["encoding"]["x"]["scale"]["type"] == sp["context"]["encoding"]["x"]["scale"]["type"] == "utc"
    # the March panel takes most of the height
    assert sp["main"]["height"] > 3 * sp["context"]["height"]


def test_timeline_draws_planned_events_hollow(f):
    sp = specs(f)
    for r in f.events.itertuples():
        _, rec = where(sp, r.event_id)
        hollow = rec["fill"] == "#ffffff" and rec["stroke_width"] > 1
        assert hollow == (r.status == "planned"), r.event_id
        assert rec["fill"] == ("#ffffff" if r.status == "planned" else rec["colour"])
    assert where(sp, "trump_putin_call_2025_03_18")[1]["fill"] == "#ffffff"
    marker = [l for l in sp["main"]["layer"] if l["mark"]["type"] == "point" and "encoding" in l
              and "fill" in l["encoding"]]
    assert len(marker) == 1 and marker[0]["encoding"]["fill"] == {"field": "fill", "type": "nominal", "scale": None,
                                                                   "legend": None}


def test_timeline_colours_kinds_from_the_palette(f):
    sp = specs(f)
    kind = dict(zip(f.events["event_id"], f.events["kind"]))
    for part in ("context", "main"):
        for eid, rec in records(sp[part]).items():
            assert rec["colour"] == palette.KIND_COLOURS[kind[eid]]
    legend = {e["label"]: e["colour"] for e in charts.timeline_legend(f.events) if e["mark"] == "dot"}
    assert legend["Meetings"] == palette.KIND_COLOURS["meeting"] and legend["Calls"] == palette.KIND_COLOURS["call"]
    marks = [e["mark"] for e in charts.timeline_legend(f.events)]
    assert marks[-3:] == ["hollow", "line", "dotted"]


def test_timeline_draws_ranges_solid_and_approximate_dates_dotted(f):
    main = records(specs(f)["main"])
    assert (main["lammy_vance_2025_03_15"]["x0"], main["lammy_vance_2025_03_15"]["x1"]) == ("2025-03-15", "2025-03-16")
    assert not main["lammy_vance_2025_03_15"]["approx"]
    london = main["london_summit_2025_03_02"]
    assert (london["x0"], london["x1"], london["approx"]) == ("2025-03-01", "2025-03-03", True)
    assert main["trump_putin_call_2025_03_18"]["x0"] is None
    rule = [l for l in specs(f)["main"]["layer"] if l["mark"]["type"] == "rule"]
    assert len(rule) == 1 and rule[0]["encoding"]["strokeDash"]["condition"]["test"] == "datum.approx"
    assert rule[0]["encoding"]["x"]["field"] == "x0" and rule[0]["encoding"]["x2"]["field"] == "x1"


def test_timeline_numbers_markers_like_the_list(f):
    rows = charts.timeline_rows(f.events).set_index("event_id")
    sp = specs(f)
    for eid, r in rows.iterrows():
        assert where(sp, eid)[1]["n"] == str(r["n"])
    text = [l for l in sp["main"]["layer"] if l["mark"]["type"] == "text"]
    assert len(text) == 1 and text[0]["encoding"]["text"]["field"] == "n"


def test_timeline_never_puts_two_events_on_the_same_spot(f):
    rows = charts.timeline_rows(f.events)
    main = rows[~rows["ctx"]]
    assert not main.duplicated(["date", "y"]).any()
    assert list(rows["n"]) == list(range(1, len(rows) + 1))
    assert rows["ctx"].iloc[-2:].all()  # context listed last


def test_timeline_hover_gives_title_date_precision_participants_and_quote(f):
    names = dict(zip(f.countries["country"], f.countries["country_name"]))
    sp = specs(f, names=names)
    hover = tip(where(sp, "trump_putin_call_2025_03_18")[1])
    for part in ("Trump-Putin call", "18 Mar 2025", "planned", "United States", "Russia",
                 "Donald Trump will speak with Vladimir Putin"):
        assert part in hover, part
    assert "15–16 Mar 2025 (range)" in tip(where(sp, "lammy_vance_2025_03_15")[1])


def test_timeline_band_labels_come_from_a_json_value(f):
    main = specs(f)["main"]
    axis = main["encoding"]["y"]["axis"]
    labels = param(main, "kind_rows")
    assert axis["labelExpr"] == "kind_rows[datum.value]"
    assert sorted(labels.values()) == ["Calls", "Meetings", "Reports", "Statements"]
    for v in axis["values"]:  # the key is how JavaScript prints the tick value
        key = str(int(v)) if v == int(v) else repr(v)
        assert key in labels


def test_timeline_with_only_context_has_a_single_panel(f):
    ev = filter_events(f.events, as_of="2003-01-01")
    assert list(ev["event_id"]) == ["korea_armistice_1953"]
    sp = specs(f, events=ev)
    assert sp["main"] is None and list(records(sp["context"])) == ["korea_armistice_1953"]
    assert charts.timeline_legend(ev) == []


def test_timeline_rings_the_selected_event(f):
    sp = specs(f, selected="trump_putin_call_2025_03_18")
    for part in ("context", "main"):
        ring = [l for l in sp[part]["layer"] if l["mark"].get("stroke") == charts.SELECTED_LINE]
        assert len(ring) == 1 and ring[0]["transform"] == [{"filter": "datum.event_id === selected_event"}]
        assert param(sp[part], "selected_event") == "trump_putin_call_2025_03_18"
    assert "trump_putin_call_2025_03_18" in records(sp["main"])
    assert param(specs(f)["main"], "selected_event") is None


def test_date_text_says_range_approximate_and_planned(f):
    rows = charts.timeline_rows(f.events).set_index("event_id")
    def text(eid):
        r = rows.loc[eid]
        return charts.date_text(r.rename(None))
    assert text("lammy_vance_2025_03_15") == "15–16 Mar 2025 (range)"
    assert text("london_summit_2025_03_02") == "2 Mar 2025 (approximate)"
    assert text("trump_putin_call_2025_03_18") == "18 Mar 2025 (planned)"
    assert text("korea_armistice_1953") == "1953"


def test_timeline_height_and_layers_stay_bounded_when_many_events_share_a_day(f):
    one = f.events[f.events["event_id"] == "virtual_summit_2025_03_15"].iloc[0]
    many = pd.DataFrame([{**one.to_dict(), "event_id": f"e{n}"} for n in range(3 * charts.MAX_STACK)])
    rows = charts.timeline_rows(many)
    assert rows["y"].max() == charts.MAX_STACK - 1
    sp = specs(f, events=many)
    assert sp["main"]["height"] < (charts.MAX_STACK + 8) * charts.EVENT_ROW_PX
    assert len(records(sp["main"])) == 3 * charts.MAX_STACK
    assert len(sp["main"]["layer"]) == len(specs(f)["main"]["layer"])  # layers per mark kind, not per event


def test_with_param_sets_one_value_and_shares_the_rest(f):
    spec = charts.matrix_spec(grid_for(f), focus="troops")
    picked = charts.with_param(spec, "selected_cell", "ITA.troops")
    assert param(picked, "selected_cell") == "ITA.troops" and param(spec, "selected_cell") is None
    assert param(picked, "focus_issue") == "troops" and picked["datasets"] is spec["datasets"]
    assert picked == charts.matrix_spec(grid_for(f), focus="troops", selected="ITA.troops")
    sp = charts.timeline_specs(f.events, f.event_evidence, {})
    assert charts.with_param(sp["main"], "selected_event", "x") == \
        charts.timeline_specs(f.events, f.event_evidence, {}, selected="x")["main"]
    assert charts.with_param(None, "selected_event", "x") is None
