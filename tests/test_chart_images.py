"""Charts saved as images: plotly's PNG button (config and a figure that carries its own title, date,
legend and source line) and the caption helpers, on the frozen data; plain pytest, no browser."""
from __future__ import annotations

import copy
import datetime as dt
import json
import re

import plotly.graph_objects as go
import pytest

from coalition import cells, filter_stances, load_frames
from coalition.render import caption
from coalition.render import plotly as pr
from coalition.views import matrix as mview
from coalition.views import timeline as tview
from coalition.views.map import text_width

TODAY = dt.date(2026, 11, 21)
HOSTILE = '<img src=x onerror=alert(1)> & "quotes"'
LINK = "http://localhost:8501/matrix?issue=troops&as_of=2025-03-17&country=ITA&country=FRA"


@pytest.fixture(scope="module")
def f():
    return load_frames(today=TODAY)


@pytest.fixture(scope="module")
def matrix_fig(f):
    grid = mview.matrix_grid(cells(filter_stances(f.stances, None, None, None)), f.countries, f.issues)
    return pr.matrix_figure(mview.model(grid, focus="troops"))


@pytest.fixture(scope="module")
def timeline_fig(f):
    names = dict(zip(f.countries["country"], f.countries["country_name"]))
    return pr.timeline_figure(tview.model(f.events, f.event_evidence, names))


def texts(fig) -> str:
    return "\n".join(a["text"] for a in fig["layout"].get("annotations", ()))


def caption_parts(fig):
    lay = fig["layout"]
    return ([a for a in lay["annotations"] if a.get("name", "").startswith("caption")],
            [s for s in lay["shapes"] if s.get("name") == "caption"])


# 1. the modebar's PNG button --------------------------------------------------------------------
def test_image_config_keeps_the_png_button_with_its_filename_and_scale():
    cfg = pr.image_config(pr.image_filename("matrix", "troops"))
    assert "toImage" in pr.CONFIG["modeBarButtonsToRemove"]  # the plain config still hides it
    assert "toImage" not in cfg["modeBarButtonsToRemove"]
    assert set(cfg["modeBarButtonsToRemove"]) == set(pr.CONFIG["modeBarButtonsToRemove"]) - {"toImage"}
    assert cfg.get("displayModeBar") is not False and cfg["displaylogo"] is False
    # plotly adds ".png": the download is coalition-matrix-troops.png
    assert cfg["toImageButtonOptions"] == {"format": "png", "filename": "coalition-matrix-troops", "scale": 2}
    assert pr.image_config("coalition-timeline.png")["toImageButtonOptions"]["filename"] == "coalition-timeline"


def test_image_filenames_keep_only_safe_characters():
    assert pr.image_filename("timeline") == "coalition-timeline"
    assert pr.image_filename("matrix", "../etc/passwd") == "coalition-matrix-etc_passwd"
    name = pr.image_config('a"b/<c>.png')["toImageButtonOptions"]["filename"]
    assert re.fullmatch(r"[A-Za-z0-9._-]+", name)


# 2. the figure carries title, date, legend and source ------------------------------------------------
def test_captioned_matrix_carries_title_date_legend_and_source(matrix_fig):
    before = copy.deepcopy(matrix_fig)
    title, as_of = "Where each country stands", "As of 17 March 2025"
    src = caption.source_line(["The European Conservative", caption.UNKNOWN_OUTLET], LINK)
    fig = pr.with_caption(matrix_fig, title, as_of, src, pr.matrix_legend())
    assert matrix_fig == before  # the cached figure is not changed
    notes, shapes = caption_parts(fig)
    every = texts(fig)
    assert f"<b>{title}</b>" in every and as_of in every
    assert "Coalition Tracker · sources: The European Conservative, outlet unknown" in every
    assert LINK.replace("&", "&amp;") in every.replace("<br>", "")
    labels = [e.label for e in mview.key_entries() if e.border_colour != mview.SELECTED_LINE]
    assert labels and all(html_label in every for html_label in (pr.esc(s) for s in labels))
    assert "gold ring" not in every  # a saved chart shows the data, not a click
    # one swatch per key entry, in the entry's colour, dotted for the low-confidence one
    assert [s["fillcolor"] for s in shapes] == [e["fill"] for e in pr.matrix_legend()]
    assert [s["line"].get("dash") for s in shapes if s["line"].get("width")].count("dot") == 1
    # the plot area keeps its size: the figure grows by exactly the margins added
    lay, old = fig["layout"], matrix_fig["layout"]
    assert lay["height"] - lay["margin"]["t"] - lay["margin"]["b"] == \
        old["height"] - old["margin"]["t"] - old["margin"]["b"]
    assert lay["margin"]["t"] > old["margin"]["t"] and lay["margin"]["b"] > old["margin"]["b"] + 60
    assert lay["meta"]["caption"] == {"title": title, "as_of": as_of, "source": src}
    go.Figure(fig)  # every property is one plotly knows (validated; raises otherwise)


def test_captioned_timeline_keeps_its_panel_titles_and_adds_its_legend(f, timeline_fig):
    legend = tview.legend(f.events)
    fig = pr.with_caption(timeline_fig, "Meetings, calls and statements", "As of 20 March 2025", "src", legend)
    assert texts(fig).startswith(texts(timeline_fig))  # the panels' titles first, unchanged
    notes, shapes = caption_parts(fig)
    assert {e["label"] for e in legend} <= {n["text"] for n in notes}
    assert {"circle", "line"} <= {s["type"] for s in shapes}
    assert fig["data"] is timeline_fig["data"]  # the traces are shared, not copied
    go.Figure(fig)


def test_caption_text_is_escaped_for_plotly(matrix_fig):
    fig = pr.with_caption(matrix_fig, HOSTILE, HOSTILE, caption.source_line([HOSTILE], LINK),
                          [{"mark": "dot", "label": HOSTILE, "colour": "#123456"}])
    every = texts(fig)
    assert "<img" not in every and every.count("&lt;img src=x onerror=alert(1)&gt; &amp;") >= 3


def test_caption_lines_fit_the_width_they_are_wrapped_for(matrix_fig):
    long_title = "Coalition of the willing: where each country stands on each question, as the sources say"
    for width in (pr.CAPTION_WIDTH_PX, pr.NARROW_CAPTION_WIDTH_PX):
        fig = pr.with_caption(matrix_fig, long_title, "As of 17 March 2025", caption.source_line(["A"], LINK),
                              pr.matrix_legend(), width_px=width)
        notes, shapes = caption_parts(fig)
        source = notes[-1]["text"].replace("&amp;", "&").split("<br>")
        assert all(text_width(s, pr.CAPTION_PX) <= width - 2 * pr.EDGE_PX for s in source)
        # every swatch starts and ends inside the width (x in px from the plot area's left edge)
        left = fig["layout"]["margin"]["l"]
        assert all(-left <= s["x0"] and s["x1"] <= -left + width for s in shapes)
    narrow = caption_parts(pr.with_caption(matrix_fig, long_title, "", "", pr.matrix_legend(),
                                           width_px=pr.NARROW_CAPTION_WIDTH_PX))[0][0]["text"]
    assert narrow.count("<br>") >= 1  # the title wraps on a phone


# 3. the caption helpers -----------------------------------------------------------------------------
def test_as_of_text_names_the_day_or_the_latest_record():
    assert caption.as_of_text(dt.date(2025, 3, 17)) == "As of 17 March 2025"
    assert caption.as_of_text(None, dt.date(2025, 3, 20)) == "As of 20 March 2025 (the latest records)"
    assert caption.as_of_text(None) == "Latest records"
    assert caption.as_of_text("As of today") == "As of today"


def test_source_line_names_every_outlet_once_unknown_last(f):
    assert caption.outlets(f.sources) == ["The European Conservative", "outlet unknown"]
    assert caption.outlets(["B", "unknown", None, "A", "B"]) == ["B", "A", "outlet unknown"]
    assert caption.source_line(["A", "B"], "https://x/y") == "Coalition Tracker · sources: A, B · https://x/y"
    assert caption.source_line([], "") == "Coalition Tracker · sources: none"
    assert caption.latest_date(f) == dt.date(2025, 3, 20)


def test_wrap_breaks_between_parts_then_words_then_inside_a_link():
    line = caption.source_line(["The European Conservative"], LINK)
    assert caption.wrap(line, 2000, 11) == [line]
    lines = caption.wrap(line, 450, 11)
    assert lines[0].endswith("Conservative ·") and lines[1].startswith("http")
    narrow = caption.wrap(line, 200, 11)
    assert "".join(narrow[2:]) == LINK or "".join(narrow).endswith(LINK)
    assert all(text_width(s, 11) <= 200 for s in narrow)
    assert "2025-03-17" in "|".join(narrow)  # a date in a link is not cut
    json.dumps(narrow)


# 4. the cached wrappers the pages call (ui.charts), in a Streamlit run -------------------------------
def _wrappers_script():
    import datetime as dt

    import streamlit as st

    from coalition import urlstate
    from coalition.render import plotly as pr
    from ui import charts
    from ui import data as data_mod

    d = data_mod.load()
    ss = st.session_state
    link = "http://localhost:8501/map?issue=troops"
    for key, view in (("latest", urlstate.View(issue="troops")),
                      ("dated", urlstate.View(issue="troops", as_of=dt.date(2025, 3, 16), countries=("ITA",)))):
        svg = charts.map_image(d, view, "europe", link)
        ss[key] = svg.decode("utf-8")
        ss[key + "_cached"] = charts.map_image(d, view, "europe", link) is svg
    ss["world"] = charts.map_image(d, urlstate.View(issue="troops"), "world", link).decode("utf-8")
    view = urlstate.View(issue="troops")
    plain = charts.matrix_figure(d, view, "country", None, False)
    st.plotly_chart(charts.matrix_figure(d, view, "country", "ITA.troops", False, title="Where they stand",
                                         link=link), theme=None, config=pr.image_config("coalition-matrix-troops"))
    fig, legend = charts.timeline_figure(d, view, None, None, True, title="Events", link=link)
    ss["timeline"] = fig.to_dict()["layout"]
    ss["plain_meta"] = plain.to_dict()["layout"]["meta"]
    ss["legend"] = legend


def test_cached_wrappers_give_the_pages_captioned_figures_and_the_map_svg():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_wrappers_script, default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    ss = at.session_state
    assert ss["latest_cached"] and ss["dated_cached"]  # the second call is the cached bytes
    for key, date in (("latest", "As of 20 March 2025 (the latest records)"), ("dated", "As of 16 March 2025")):
        svg = ss[key]
        assert svg.startswith("<svg") and "Will it send troops to a force in Ukraine?" in svg
        assert f"Europe · {date}" in svg and "http://localhost:8501/map?issue=troops" in svg
    assert "faded: outside your countries filter" in ss["dated"] and "faded" not in ss["latest"]
    assert "World · " in ss["world"]
    assert "caption" not in ss["plain_meta"]  # without a title, the figure is as before
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    notes = "\n".join(a["text"] for a in spec["layout"]["annotations"])
    assert "<b>Where they stand</b>" in notes and "As of 20 March 2025" in notes
    assert "Coalition Tracker · sources: The European Conservative, outlet unknown" in notes
    assert spec["layout"]["meta"]["selected"] == "ITA.troops"
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["toImageButtonOptions"]["filename"] == "coalition-matrix-troops"
    assert "toImage" not in config["modeBarButtonsToRemove"]
    timeline = ss["timeline"]
    assert timeline["meta"]["caption"]["title"] == "Events" and ss["legend"]
    assert {e["label"] for e in ss["legend"]} <= {a["text"] for a in timeline["annotations"]}
