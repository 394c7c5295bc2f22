"""The stance matrix's view model (coalition.views.matrix) and its plotly figure (coalition.render.plotly),
on the frozen data; plain pytest, no streamlit, no browser."""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
from itertools import product

import pandas as pd
import plotly.io
import plotly.tools
import pytest
from plotly.basedatatypes import BaseFigure

from coalition import cells, filter_stances, load_frames, palette
from coalition.render import plotly as pr
from coalition.validate import REGIONS
from coalition.views import matrix as mview

TODAY = dt.date(2026, 11, 21)
PAYLOADS = ("<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>', "[x](javascript:alert(1))")
ALLOWED_TAGS = re.compile(r"<(/?b|/?i|br|span style=\"[^\"<>]*\"|/span)>")


@pytest.fixture(scope="module")
def f():
    return load_frames(today=TODAY)


def grid_for(f, as_of=None, countries=None):
    c = cells(filter_stances(f.stances, countries, None, as_of))
    shown = f.countries[f.countries["country"].isin(countries)] if countries else f.countries
    return mview.matrix_grid(c, shown, f.issues)


def cell_points(fig) -> dict:
    """{key: (trace, index)} of every cell's point in the figure."""
    return {k: (t, i) for t in fig["data"] for i, k in enumerate(t["customdata"])}


def rects(path: str) -> list[tuple[float, float, float, float]]:
    """The squares (x0, y0, x1, y1) of one of the figure's SVG paths."""
    return [tuple(map(float, m)) for m in re.findall(r"M([-\d.]+),([-\d.]+)H([-\d.]+)V([-\d.]+)H[-\d.]+Z", path)]


def shapes_with(fig, **match) -> list[dict]:
    return [s for s in fig["layout"]["shapes"] if all(s.get(k) == v for k, v in match.items())]


def covering(fig, cell, **match) -> list[dict]:
    """The path shapes (matching ``match``) that draw a square round the cell's centre."""
    return [s for s in shapes_with(fig, type="path", **match)
            if any(x0 < cell.x < x1 and y0 < cell.y < y1 for x0, y0, x1, y1 in rects(s["path"]))]


def tags(text: str) -> set[str]:
    return set(re.findall(r"<[^>]*>", text))


# 1. the grid and its order ----------------------------------------------------------------
def test_matrix_has_one_cell_per_country_and_issue_each_on_its_own_square(f):
    mm = mview.model(grid_for(f), focus="join")
    expected = {f"{c}.{i}" for c, i in product(f.countries["country"], f.issues["issue"])}
    assert len(mm.cells) == len(expected) == 100 and {c.key for c in mm.cells} == expected
    assert len({(c.x, c.y) for c in mm.cells}) == 100
    assert [c.issue for c in mm.columns] == list(f.issues["issue"]) and len(mm.rows) == 10
    for c in mm.cells:
        assert mm.rows[c.y].country == c.country and mm.columns[c.x].issue == c.issue
    fig = pr.matrix_figure(mm)
    assert set(cell_points(fig)) == expected  # every cell has exactly one clickable point


def test_matrix_rows_keep_44_px_so_the_figure_grows_with_the_countries(f):
    mm = mview.model(grid_for(f), focus="join")
    fig = pr.matrix_figure(mm)
    assert mm.row_px == 44 and mm.plot_height_px == 440
    assert fig["layout"]["height"] == 440 + mm.top_px + mview.BOTTOM_PX
    assert fig["layout"]["margin"]["t"] == mm.top_px
    one = mview.model(grid_for(f, countries=["ITA"]), focus="troops")
    assert one.plot_height_px == 44 and [c.country for c in one.cells] == ["ITA"] * len(f.issues)


@pytest.mark.parametrize("issue", ["join", "troops", "us_backstop", "ceasefire_talks"])
def test_sort_by_score_puts_the_highest_scoring_country_first(f, issue):
    grid = grid_for(f)
    mm = mview.model(grid, focus=issue, sort="score")
    sc = grid[grid["issue"] == issue].set_index("country")["score"]
    scores = [sc[c] for c in mm.order]
    known = [s for s in scores if not pd.isna(s)]
    assert known and scores[0] == max(known) and known == sorted(known, reverse=True)
    assert all(pd.isna(s) for s in scores[len(known):])  # no record last
    fig = pr.matrix_figure(mm)
    names = dict(zip(f.countries["country"], f.countries["country_name"]))
    assert fig["layout"]["yaxis"]["ticktext"] == [names[c] for c in mm.order]  # drawn top to bottom
    assert fig["layout"]["meta"]["order"] == mm.order


def test_sort_by_score_on_troops_starts_with_the_committed_and_italy_fourth(f):
    order = mview.model(grid_for(f), focus="troops", sort="score").order
    assert set(order[:2]) == {"FRA", "GBR"} and order[2] == "DEU" and order[3] == "ITA"


def test_sort_by_region_groups_regions_in_order_and_names_the_region(f):
    grid = grid_for(f)
    mm = mview.model(grid, focus="join", sort="region")
    region = dict(zip(grid["country"], grid["region"]))
    ranks = [REGIONS.index(region[c]) for c in mm.order]
    assert ranks == sorted(ranks) and len(set(ranks)) == 6
    assert [r.region for r in mm.rows] == [region[c] for c in mm.order]
    ticks = pr.matrix_figure(mm)["layout"]["yaxis"]["ticktext"]
    assert len(ticks) == 10 and all(t.endswith(f">{region[c]}</span>") for t, c in zip(ticks, mm.order))
    assert mview.model(grid, sort="country").order == list(f.countries.sort_values("country_name")["country"])
    assert all(r.region is None for r in mview.model(grid, sort="country").rows)


# 2. what a cell says -------------------------------------------------------------------------------
def test_matrix_labels_italy_troops_as_disputed_with_its_position_text(f):
    mm = mview.model(grid_for(f), focus="troops")
    ita = mm.cell("ITA.troops")
    assert " ".join(ita.lines) == "No, unless... ⇄" and ita.disputed and ita.outline == "disputed"
    assert ita.fill == palette.colour(-1) and ita.opacity == 1.0
    fig = pr.matrix_figure(mm)
    t, i = cell_points(fig)["ITA.troops"]
    assert t["text"][i] == "No,<br>unless... ⇄"
    outline = covering(fig, ita, fillcolor="rgba(0,0,0,0)")
    assert len(outline) == 1 and outline[0]["line"] == {"color": mview.DISPUTED_LINE, "width": 3.0, "dash": "solid"}
    fra = mm.cell("FRA.troops")  # an undisputed, confirmed cell: no mark, no outline
    assert fra.outline is None and mview.DISPUTED_MARK not in " ".join(fra.lines)
    assert covering(fig, fra, fillcolor="rgba(0,0,0,0)") == []
    disputed = [c.key for c in mm.cells if c.disputed]
    assert sorted(disputed) == ["ITA.troops", "USA.us_backstop"]
    assert sum(len(rects(s["path"])) for s in outline) == 2  # one outline path draws both


def test_matrix_italy_troops_is_only_declined_as_of_15_march(f):
    ita = mview.model(grid_for(f, as_of="2025-03-15"), focus="troops").cell("ITA.troops")
    assert ita.lines == ("Declined",) and ita.fill == palette.colour(-2) and not ita.disputed


def test_matrix_marks_australia_join_as_low_confidence_faded_and_dotted(f):
    mm = mview.model(grid_for(f), focus="join")
    aus = mm.cell("AUS.join")
    assert aus.lines == ("Considering", "?") and aus.low and aus.outline == "low"
    assert aus.opacity == mview.LOW_CONFIDENCE_OPACITY and aus.text_colour == mview.DARK
    assert mm.cell("GBR.join").opacity == 1.0
    fig = pr.matrix_figure(mm)
    shapes = fig["layout"]["shapes"]
    white = covering(fig, aus, fillcolor="#ffffff")
    faded = covering(fig, aus, fillcolor=aus.fill, opacity=mview.LOW_CONFIDENCE_OPACITY)
    dotted = covering(fig, aus, fillcolor="rgba(0,0,0,0)")
    assert len(white) == len(faded) == len(dotted) == 1
    assert shapes.index(white[0]) < shapes.index(faded[0]) < shapes.index(dotted[0])  # faded against white
    assert dotted[0]["line"]["dash"] == "dot"
    low = [c.key for c in mm.cells if c.low]
    assert len(low) == 5 and "USA.us_backstop" in low  # disputed too: its outline is the disputed one
    assert len(rects(dotted[0]["path"])) == 4


def test_matrix_colours_are_the_palette_colours_drawn_exactly(f):
    grid = grid_for(f)
    mm = mview.model(grid, focus="join")
    score = {k: s for k, s, has in zip(grid["key"], grid["score"], grid["has_record"]) if has}
    for c in mm.cells:
        assert c.fill == (palette.colour(score[c.key]) if c.key in score else palette.NO_RECORD)
        if c.key not in score:
            assert c.lines == (mview.NO_RECORD_TEXT,) and c.text_px < mview.FONT_PX["cell"]
    fig = pr.matrix_figure(mm)
    allowed = set(palette.SCORE_COLOURS.values()) | {palette.NO_RECORD}
    fills = [s for s in fig["layout"]["shapes"] if s.get("fillcolor") in allowed]
    assert sum(len(rects(s["path"])) for s in fills) == 100  # every cell once, in its palette colour
    for s in fills:
        for x0, y0, x1, y1 in rects(s["path"]):
            cell = next(c for c in mm.cells if x0 < c.x < x1 and y0 < c.y < y1)
            assert cell.fill == s["fillcolor"] and cell.opacity == s.get("opacity", 1.0)
    assert len(score) == 20 and len(mm.cells) - len(score) == 80  # 20 cells on record, 80 grey


def test_matrix_issue_without_any_record_is_still_a_grey_column(f):
    mm = mview.model(grid_for(f), focus="join")
    weapons = [c for c in mm.cells if c.issue == "weapons_intel"]
    assert len(weapons) == 10 and all(c.fill == palette.NO_RECORD and not c.has_record for c in weapons)


def test_matrix_text_colours_read_on_their_fill_and_never_dim_on_selection(f):
    fig = pr.matrix_figure(mview.model(grid_for(f), focus="join"))
    assert len(fig["data"]) == 3  # one trace per label colour
    for t in fig["data"]:
        colour = t["textfont"]["color"]
        assert t["selected"]["textfont"]["color"] == t["unselected"]["textfont"]["color"] == colour
        assert t["marker"]["opacity"] == t["selected"]["marker"]["opacity"] == t["unselected"]["marker"]["opacity"] == 0
    by = {t["textfont"]["color"]: set(t["customdata"]) for t in fig["data"]}
    assert "FRA.join" in by["#ffffff"] and "AUS.join" in by[mview.DARK] and "RUS.join" in by[mview.MUTED]


def test_focus_issue_is_banded_and_its_label_bold(f):
    mm = mview.model(grid_for(f), focus="troops")
    assert mm.focus_x == 1 and [c.issue for c in mm.columns if c.focus] == ["troops"]
    fig = pr.matrix_figure(mm)
    ticks = fig["layout"]["xaxis"]["ticktext"]
    assert ticks[1] == "<b>Sends<br>troops</b>" and sum(t.startswith("<b>") for t in ticks) == 1
    band = shapes_with(fig, fillcolor=mview.FOCUS_BAND)
    assert len(band) == 1 and (band[0]["x0"], band[0]["x1"], band[0]["yref"]) == (0.5, 1.5, "paper")
    assert fig["layout"]["shapes"][0] is band[0]  # under everything
    assert pr.matrix_figure(mview.model(grid_for(f), focus=None))["layout"]["shapes"][0]["fillcolor"] != mview.FOCUS_BAND


def test_figure_is_lean_json_without_validation(f):
    fig = pr.matrix_figure(mview.model(grid_for(f), focus="troops"))
    text = json.dumps(fig)  # plain JSON types only (no numpy, no pandas)
    assert json.loads(text) == fig
    assert len(fig["data"]) <= 3 and len(fig["layout"]["shapes"]) <= 2 + 2 * 6 + 2
    assert "template" not in fig["layout"]


# 3. selection --------------------------------------------------------------------------------------
def test_selected_cell_gets_a_gold_ring_in_a_copy_only(f):
    fig = pr.matrix_figure(mview.model(grid_for(f), focus="join"))
    before = copy.deepcopy(fig)
    ringed = pr.with_selected_cell(fig, "ITA.troops")
    assert fig == before  # the cached figure is not changed
    assert ringed["data"] is fig["data"] and ringed["layout"]["shapes"][:-1] == fig["layout"]["shapes"]
    ring = ringed["layout"]["shapes"][-1]
    t, i = cell_points(fig)["ITA.troops"]
    assert (ring["x0"], ring["x1"], ring["y0"], ring["y1"]) == (t["x"][i] - 0.5, t["x"][i] + 0.5, t["y"][i] - 0.5,
                                                                t["y"][i] + 0.5)
    assert ring["line"]["color"] == mview.SELECTED_LINE and ring["layer"] == "above"
    assert len(shapes_with(ringed, name="selected")) == 1 and shapes_with(fig, name="selected") == []
    assert pr.with_selected_cell(fig, None) is fig and pr.with_selected_cell(fig, "XXX.nope") is fig


# selection states as st.plotly_chart returns them (the first recorded from a click in Chromium)
CLICKED = {"selection": {"points": [{"curve_number": 0, "point_number": 3, "point_index": 3, "x": 1, "y": 3,
                                     "customdata": "ITA.troops", "text": "No,<br>unless...<br>⇄",
                                     "hovertext": "<b>Italy · Sends troops</b>"}],
                         "point_indices": [3], "box": [], "lasso": []}}
EMPTY = {"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}}


class Attr:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def test_picked_reads_the_clicked_cell_from_a_selection_state():
    assert pr.picked(CLICKED) == "ITA.troops"
    assert pr.picked(EMPTY) is None and pr.picked(None) is None and pr.picked({}) is None
    two = {"selection": {"points": [{"customdata": "FRA.join"}, {"customdata": ["GBR.troops", "x"]}]}}
    assert pr.picked(two) == "GBR.troops" and pr.picked_all(two) == ("FRA.join", "GBR.troops")
    assert pr.picked(Attr(selection=Attr(points=[{"customdata": "USA.us_backstop"}]))) == "USA.us_backstop"
    assert pr.picked({"selection": {"points": [{"x": 1}]}}) is None  # a point without an id


# 4. escaping ---------------------------------------------------------------------------------------
def test_data_text_is_escaped_everywhere_plotly_would_read_html(f):
    grid = grid_for(f)
    a, b, c = PAYLOADS
    grid.loc[grid["key"] == "ITA.troops", "summary"] = a
    grid.loc[grid["key"] == "ITA.troops", "quote"] = b
    grid.loc[grid["key"] == "ITA.troops", "position_label"] = c
    grid.loc[grid["country"] == "ITA", "country_name"] = a
    grid.loc[grid["country"] == "ITA", "region"] = b
    grid.loc[grid["issue"] == "troops", "short"] = b
    for sort in ("region", "country"):
        fig = pr.matrix_figure(mview.model(grid, focus="troops", sort=sort))
        t, i = cell_points(fig)["ITA.troops"]
        strings = ([t["hovertext"][i], t["text"][i]] + fig["layout"]["xaxis"]["ticktext"]
                   + fig["layout"]["yaxis"]["ticktext"])
        for s in strings:
            assert all(ALLOWED_TAGS.fullmatch(tag) for tag in tags(s)), s
        hover = t["hovertext"][i]
        assert "&lt;img src=x onerror=alert(1)&gt;" in hover
        assert '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;' in hover
        assert "[x](javascript:alert(1))" in t["text"][i]  # shown as it is: plotly has no markdown
        assert "&lt;img" in " ".join(fig["layout"]["yaxis"]["ticktext"])
        assert fig["layout"]["xaxis"]["ticktext"][1].startswith("<b>&lt;a<br>href=")  # wrapped, escaped, bold


def test_hover_names_country_question_position_confidence_date_sources_and_quote(f):
    mm = mview.model(grid_for(f), focus="troops")
    ita = mm.cell("ITA.troops")
    hover = " | ".join((ita.hover_title,) + ita.hover_lines)
    for part in ("Italy · Sends troops", "Will it send troops", "No, unless", "confirmed", "16 Mar 2025",
                 "⇄ Sources disagree: Declined / No, unless...", "Meloni", "(outlet unknown)", "Click for the evidence"):
        assert part in hover, part
    rus = mm.cell("RUS.troops")
    assert rus.hover_lines == ("Will it send troops to a force in Ukraine?", palette.NO_RECORD_LABEL,
                               "Click for the evidence")
    html = cell_points(pr.matrix_figure(mm))["ITA.troops"]
    assert html[0]["hovertext"][html[1]].startswith("<b>Italy · Sends troops</b><br>Will it send troops")
    assert html[0]["hoverinfo"] == "text"  # no hovertemplate: no %{...} in the data is ever interpreted


# 5. the phone ----------------------------------------------------------------------------------------
def test_narrow_shows_three_issues_pans_them_sideways_and_keeps_names_readable(f):
    mm = mview.model(grid_for(f), focus="troops", narrow=True)
    assert mm.visible_columns == 3 and mm.visible_rows == 10 and mm.pans == (True, False)
    assert mm.x_range == (-0.5, 2.5 + mview.PEEK)
    uk = next(r for r in mm.rows if r.country == "GBR")
    assert uk.lines == ("United", "Kingdom")  # two lines: the names take less width
    assert mm.left_px < mview.model(grid_for(f), focus="troops").left_px
    assert all(len(line) <= mview.NARROW_HOVER_CHARS for c in mm.cells for line in c.hover_lines)
    # a tap shows the box, the next tap selects the point in it (plotly on a touch screen)
    assert {c.hover_lines[-1] for c in mm.cells} == {mview.TAP}
    assert {c.hover_lines[-1] for c in mview.model(grid_for(f), focus="troops").cells} == {mview.CLICK}
    fig = pr.matrix_figure(mm)
    lay = fig["layout"]
    assert lay["dragmode"] == "pan" and lay["xaxis"]["fixedrange"] is False and lay["yaxis"]["fixedrange"] is True
    assert lay["xaxis"]["range"] == [-0.5, 2.5 + mview.PEEK] and lay["yaxis"]["range"] == [9.5, -0.5]
    assert len(cell_points(fig)) == 100  # every cell stays in the figure: the rest pan into view
    wide = pr.matrix_figure(mview.model(grid_for(f), focus="troops"))["layout"]
    assert wide["dragmode"] is False and wide["xaxis"]["fixedrange"] and wide["xaxis"]["range"] == [-0.5, 9.5]


def test_narrow_window_shows_the_issue_in_focus_and_moves_to_the_selected_cell(f):
    grid = grid_for(f)
    assert mview.model(grid, focus="un_mandate", narrow=True).x_range == (4.5, 7.5 + mview.PEEK)  # focus 2nd
    assert mview.model(grid, focus="ceasefire_talks", narrow=True).x_range == (6.5, 9.5)  # the last: no peek
    fig = pr.matrix_figure(mview.model(grid, focus="join", narrow=True))
    assert fig["layout"]["xaxis"]["range"] == [-0.5, 2.5 + mview.PEEK]
    moved = pr.with_selected_cell(fig, "USA.ceasefire_talks")["layout"]
    assert moved["xaxis"]["range"] == [6.5, 9.5] and moved["yaxis"] is fig["layout"]["yaxis"]
    assert fig["layout"]["xaxis"]["range"] == [-0.5, 2.5 + mview.PEEK]  # the cached figure keeps its window
    stays = pr.with_selected_cell(fig, "FRA.troops")["layout"]
    assert stays["xaxis"] is fig["layout"]["xaxis"]  # already in view: nothing moves
    wide = pr.matrix_figure(mview.model(grid, focus="join"))
    assert pr.with_selected_cell(wide, "USA.ceasefire_talks")["layout"]["xaxis"] is wide["layout"]["xaxis"]


def test_narrow_with_many_countries_shows_twelve_rows_and_pans_them(f):
    countries = pd.DataFrame({"country": [f"C{n:02d}" for n in range(30)],
                              "country_name": [f"Country {n}" for n in range(30)], "region": "Western Europe"})
    grid = mview.matrix_grid(cells(f.stances), countries, f.issues)
    mm = mview.model(grid, focus="join", narrow=True)
    assert len(mm.rows) == 30 and mm.visible_rows == mview.NARROW_ROWS == 12 and mm.pans == (True, True)
    assert mm.plot_height_px == int(44 * (12 + mview.PEEK))
    lay = pr.matrix_figure(mm)["layout"]
    assert lay["yaxis"]["fixedrange"] is False and lay["yaxis"]["range"] == [11.5 + mview.PEEK, -0.5]
    assert mview.model(grid, focus="join").plot_height_px == 30 * 44  # a wide screen shows every row
    fig = pr.matrix_figure(mm)
    row20 = next(c.key for c in mm.cells if c.y == 20 and c.x == 0)
    assert pr.with_selected_cell(fig, row20)["layout"]["yaxis"]["range"] == [25.5 + mview.PEEK, 13.5]  # centred
    row28 = next(c.key for c in mm.cells if c.y == 28 and c.x == 0)
    assert pr.with_selected_cell(fig, row28)["layout"]["yaxis"]["range"] == [29.5, 17.5]  # the last rows


# 6. the object st.plotly_chart takes -------------------------------------------------------------------
def test_figure_wrapper_passes_the_dict_through_without_validation_or_mutation(f):
    fig = pr.with_selected_cell(pr.matrix_figure(mview.model(grid_for(f), focus="join")), "FRA.join")
    before = copy.deepcopy(fig)
    obj = pr.figure(fig)
    assert isinstance(obj, BaseFigure)
    out = plotly.tools.return_figure_from_figure_or_data(obj, validate_figure=True)  # what st.plotly_chart does
    assert out == fig and out["layout"] is fig["layout"]
    spec = plotly.io.to_json(out, validate=False)
    assert json.loads(spec)["layout"]["meta"]["selected"] == "FRA.join"
    assert fig == before
    import pickle  # noqa: PLC0415 - cache_data pickles what it caches
    assert pickle.loads(pickle.dumps(obj)).to_dict() == fig


# 7. table, key and helpers ------------------------------------------------------------------------------
def test_matrix_table_lists_each_cell_with_a_record_once(f):
    grid = grid_for(f)
    table = mview.matrix_table(grid, mview.country_order(grid))
    assert len(table) == int(grid["has_record"].sum()) == 20 and table["key"].is_unique
    ita = table[table["key"] == "ITA.troops"].iloc[0]
    assert bool(ita["Sources disagree"]) and "Declined" in ita["All positions"]


def test_cell_lines_keep_labels_whole_and_marks_last():
    assert mview.cell_lines("Joined", False, False) == ("Joined",)
    assert mview.cell_lines("Unclear", True, True) == ("Unclear ⇄ ?",)
    assert mview.cell_lines("Considering", False, True) == ("Considering", "?")
    assert mview.cell_lines("No, unless…", True, False) == ("No, unless…", "⇄")
    assert mview.cell_lines("No, unless...", True, False) == ("No,", "unless... ⇄")
    assert mview.cell_lines("Leaning towards yes", True, True) == ("Leaning", "towards yes", "⇄ ?")
    assert mview.cell_lines(None, False, False) == (mview.NO_RECORD_TEXT,)


def test_key_entries_name_every_colour_and_mark_of_the_matrix():
    keys = mview.key_entries()
    fills = [k.fill for k in keys[:5]]
    assert fills == [palette.colour(2), palette.colour(0), palette.colour(-1), palette.colour(-2), palette.NO_RECORD]
    marks = {k.label: k for k in keys[5:]}
    assert marks["Label ⇄"].border_colour == mview.DISPUTED_LINE and marks["Label ⇄"].border_px == 3
    assert marks["Label ?"].border_style == "dotted" and marks["gold ring"].border_colour == mview.SELECTED_LINE
    assert marks["bold column"].fill == mview.FOCUS_BAND and len(keys) == 9


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert mview.shorten("short", 90) == "short"
    assert mview.shorten("one two three four", 12) == "one two …" and len(mview.shorten("x " * 100, 20)) <= 20
    assert mview.shorten(None) == ""
