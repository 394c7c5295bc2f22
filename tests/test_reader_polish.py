"""For readers who cite and share (AppTest and pure functions): copy buttons, titles, embed form, the
citation line, downloads of exactly the view, Sources as citations, curator-only coverage, the issue
picker on the page, touch wording, tables that fit, the notice when Europe has nothing to colour.

The browser half (real titles, clipboard, the embed page, layout at 400 px) is tests/test_browser_reader.py.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui.device
from apptest_support import ROOT, clean, run, text_of
from coalition import export, load_frames, registry, urlstate
from coalition.paths import CURATOR_VAR, data_path
from coalition.views import cite

PAGES = [p.id for p in registry.PAGES]


def copy_items(at: AppTest, key: str) -> dict[str, str]:
    """The copy buttons a run drew under ``key``: button name -> the text it copies."""
    comps = [c for c in at.get("bidi_component") if c.proto.id.endswith("-" + key)]
    assert len(comps) == 1, [c.proto.id for c in at.get("bidi_component")]
    return {i["name"]: i["text"] for i in json.loads(comps[0].proto.json)["items"]}


def container(at: AppTest, key: str):
    """The keyed container ``key`` (st.container(key=...)) or None."""
    def walk(node):
        for c in getattr(node, "children", {}).values():
            if c.type == "flex_container" and getattr(c.proto, "id", "").endswith(key) or \
                    getattr(c, "key", None) == key:
                return c
            found = walk(c)
            if found is not None:
                return found
        return None
    return walk(at._tree)


def text_in(node) -> str:
    out = []

    def walk(n):
        for c in getattr(n, "children", {}).values():
            v = getattr(c, "value", None)
            if isinstance(v, str):
                out.append(v)
            walk(c)
    walk(node)
    return "\n".join(out).replace("\\", "")


@pytest.fixture
def phone(monkeypatch):
    monkeypatch.setattr(ui.device, "narrow", lambda: True)


@pytest.fixture
def embedded(monkeypatch):
    monkeypatch.setattr(ui.device, "embedded", lambda: True)


# the view's name, its version, its citation ---------------------------------------------------------
def _heading(page_id: str, **page) -> str:
    f = load_frames()
    view = urlstate.View(issue="troops", page=page)
    return cite.heading_of(
        registry.page(page_id), view, country_names=dict(zip(f.countries["country"], f.countries["country_name"])),
        issue_short=dict(zip(f.issues["issue"], f.issues["short"])),
        issue_question=dict(zip(f.issues["issue"], f.issues["question"])),
        event_title=dict(zip(f.events["event_id"], f.events["title"])),
        source_title=dict(zip(f.sources["source"], f.sources["title"])))


def test_each_view_has_its_own_title():
    assert cite.browser_title(_heading("map")) == \
        "Map: Will it send troops to a force in Ukraine? — Coalition Tracker"
    assert _heading("map", focus="ITA") == "Map: Will it send troops to a force in Ukraine? (Italy)"
    assert _heading("matrix") == "Stance matrix: Will it send troops to a force in Ukraine?"
    assert _heading("matrix", cell="ITA.troops") == "Stance matrix: Italy, Sends troops"
    assert _heading("timeline") == "Timeline"
    assert _heading("timeline", on_issue="1") == "Timeline: Sends troops"
    assert _heading("timeline", event="trump_putin_call_2025_03_18").startswith("Timeline: Trump")
    assert _heading("country", focus="JPN") == "Country: Japan"
    assert _heading("sources", source="s004") == "Sources: Starmer's coalition keeps looking for the willing"
    assert _heading("about") == "About & method"
    titles = {_heading(p) for p in PAGES}
    assert len(titles) == len(PAGES)  # no two pages share a title


def test_the_data_version_names_the_latest_record_and_a_hash_of_the_file():
    f = load_frames()
    sha = cite.file_sha(data_path())
    assert sha == hashlib.sha256(data_path().read_bytes()).hexdigest()[:8]
    v = cite.version(f, sha)
    assert v.latest == max(f.stances["date"].max(), f.events.loc[~f.events["context"], "date"].max()).date()
    assert v.label() == f"data of {v.latest:%-d %b %Y} ({sha})"
    assert (v.stances, v.events, v.sources) == (f.stances["stance_id"].nunique(), len(f.events), len(f.sources))
    assert cite.file_sha(ROOT / "no-such-file") == "unknown"


def test_a_citation_holds_the_view_its_link_the_version_and_the_day_it_was_read():
    v = cite.Version(dt.date(2025, 3, 20), "a1b2c3d4", 24, 14, 5)
    text = cite.citation("Map: Will it join?", "https://x.example/map?issue=join", v, dt.date(2026, 12, 5))
    assert text == ("Coalition Tracker, “Map: Will it join?”, data of 20 Mar 2025 (a1b2c3d4). "
                    "https://x.example/map?issue=join (accessed 5 December 2026).")
    assert cite.source_citation("Reuters", "Allies meet", pd.Timestamp("2025-03-15"), "https://r.example/a") == \
        "Reuters, “Allies meet”, 15 March 2025. https://r.example/a"
    assert cite.source_citation("unknown", "Untitled", pd.Timestamp("2025-03-16")) == "“Untitled”, 16 March 2025."


@pytest.mark.parametrize("page", PAGES)
def test_every_page_ends_with_how_to_cite_it_and_copy_buttons(page):
    at = clean(run(page, issue="troops"))
    box = container(at, "cite")
    assert box is not None, "no citation block"
    text = text_in(box)
    sha = cite.file_sha(data_path())
    assert "How to cite this view:" in text and f"({sha})" in text
    f = load_frames()
    assert f"{f.stances['stance_id'].nunique()} position records, {len(f.events)} events" in text  # the counts
    items = copy_items(at, "copy_cite")
    assert items["link"].startswith("/" + registry.page(page).url_path) and "issue=troops" in items["link"]
    assert items["citation"].startswith("Coalition Tracker, “") and items["link"] in items["citation"]
    assert f"({sha})" in items["citation"]


def test_the_share_box_copies_the_link_and_on_chart_pages_the_embed_link():
    at = clean(run("map", issue="troops", view="world"))
    share = copy_items(at, "copy_share")
    assert share["link"] == "/map?issue=troops&view=world"
    assert share["embed"] == "/map?issue=troops&view=world&embed=true"
    assert "Click it to select" not in text_of(at)
    about = copy_items(clean(run("about")), "copy_share")
    assert set(about) == {"link"}  # a page without an embed form offers no embed link


# the embed form ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", [p.id for p in registry.PAGES if p.embed])
def test_the_embed_form_is_the_chart_its_legend_as_of_and_a_link_back(page, embedded):
    at = clean(run(page, issue="troops", as_of="2025-03-16"))
    assert len(at.sidebar.children) == 0  # no navigation, filters, share box or downloads
    assert not at.get("dataframe") and not at.tabs  # no table, no tabs: the chart alone
    charts = at.get("deck_gl_json_chart") + at.get("plotly_chart")
    assert len(charts) == 1
    foot = container(at, "embed_foot")
    assert foot is not None and container(at, "cite") is None
    text = text_in(foot)
    assert "As of 16 Mar 2025" in text and cite.file_sha(data_path()) in text
    link = f'href="/{registry.page(page).url_path}?issue=troops&amp;as_of=2025-03-16"'
    assert link in text and 'target="_blank"' in text and "embed=true" not in text


def test_the_embedded_map_keeps_its_legend(embedded):
    at = clean(run("map", issue="troops"))
    text = text_of(at)
    assert ">Committed</span>" in text and "hatched" in text and "rumoured" in text


# downloads: exactly what the view shows -----------------------------------------------------------------
def test_download_scope_follows_the_page():
    v = urlstate.View(issue="troops", countries=("ITA", "FRA"))
    assert export.scope("map", v).issues == ("troops",)
    assert export.scope("matrix", v).issues == ()
    assert export.scope("timeline", v).issues == ()
    assert export.scope("timeline", v.with_page(on_issue="1")).issues == ("troops",)
    assert export.scope("country", v.with_page(focus="JPN")).countries == ("JPN",)
    assert export.scope("map", v).filename("stances", "csv") == "coalition-map-troops-ITA-FRA-stances.csv"


def test_downloads_hold_only_the_view_with_the_source_address_and_date_basis(scratch, monkeypatch):
    scratch.replace("    outlet: The European Conservative\n",
                    "    outlet: The European Conservative\n    url: https://europeanconservative.example/a\n")
    f = load_frames(scratch.path)
    sc = export.scope("map", urlstate.View(issue="troops"))
    st = export.stances_in(f, sc)
    assert set(st["issue"]) == {"troops"} and len(st) == (f.stances["issue"] == "troops").sum()
    assert {"source_url", "source_title", "published", "date_basis"} <= set(st.columns)
    s004 = st[st["source"] == "s004"]
    assert not s004.empty and set(s004["source_url"]) == {"https://europeanconservative.example/a"}
    assert set(s004["published"]) == {"2025-03-17"}
    assert set(st.loc[st["source"] != "s004", "source_url"]) == {""}
    ev = export.events_in(f, export.scope("timeline", urlstate.View(issue="troops", page={"on_issue": "1"})))
    assert len(ev) and all("troops" in i.split(";") for i in ev["issues"])
    assert {"date_basis", "source_urls"} <= set(ev.columns)
    back = pd.read_csv(io.StringIO(export.to_csv(st)), keep_default_na=False)
    assert list(back.columns) == export.EXPORT_COLUMNS and len(back) == len(st)


def test_the_sidebar_says_what_the_downloads_hold():
    text = text_of(clean(run("map", issue="troops")))
    assert "Positions on “Sends troops” for every country" in text
    text = text_of(clean(run("country", focus="JPN")))
    assert "Positions on every question for Japan" in text


# Sources and About: for readers ------------------------------------------------------------------------
def test_sources_shows_a_citation_with_a_link_to_the_original_and_no_file_path(scratch, monkeypatch):
    scratch.replace("    outlet: The European Conservative\n",
                    "    outlet: The European Conservative\n    url: https://europeanconservative.example/a\n")
    monkeypatch.setenv("COALITION_DATA", str(scratch.path))
    at = clean(run("sources", source="s004"))
    text = text_in(container(at, "citation"))
    assert "The European Conservative" in text and "17 March 2025" in text
    assert "(<https://europeanconservative.example/a>)" in text  # the title links to the article
    assert copy_items(at, "copy_source")["source"] == ("The European Conservative, “Starmer's coalition keeps "
                                                       "looking for the willing”, 17 March 2025. "
                                                       "https://europeanconservative.example/a")
    assert "seeds/" not in text_of(at) and ".txt" not in text_of(at)
    at = clean(run("sources", source="s000"))
    assert "original address was not recorded" in text_in(container(at, "citation"))


def test_coverage_is_for_curators_only(monkeypatch):
    monkeypatch.delenv(CURATOR_VAR, raising=False)
    at = clean(run("sources", source="s000"))
    assert not at.expander and "Coverage" not in text_of(at)
    monkeypatch.setenv(CURATOR_VAR, "1")
    at = clean(run("sources", source="s000"))
    labels = [e.label for e in at.expander]
    assert any(label.startswith("Cells where the records disagree (2)") for label in labels), labels


def test_about_tells_readers_what_to_send_and_curators_the_cli(monkeypatch):
    monkeypatch.delenv(CURATOR_VAR, raising=False)
    at = clean(run("about"))
    text = text_of(at)
    assert "the link to the view" in text and "the sentence" in text and "what is wrong" in text
    assert not at.code and "data/coalition.yaml:57" not in text  # no CLI command for readers
    monkeypatch.setenv(CURATOR_VAR, "1")
    assert "python -m coalition validate" in text_of(clean(run("about")))


# phone: the issue on the page, tap or hover -----------------------------------------------------------
@pytest.mark.parametrize("page", [p.id for p in registry.PAGES if p.uses_issue])
def test_the_issue_in_focus_can_be_changed_on_the_page(page):
    at = clean(run(page, issue="join"))
    picker = at.selectbox(key="f_issue_page")
    assert picker.value == "join"
    picker.set_value("troops").run()
    clean(at)
    assert at.query_params["issue"] == "troops"
    assert at.selectbox(key="f_issue").value == "troops"  # the sidebar follows


def test_the_timeline_offers_the_issue_picker_when_it_filters_by_issue():
    assert not [s for s in clean(run("timeline")).selectbox if s.key == "f_issue_page"]
    at = clean(run("timeline", on_issue="1", issue="troops"))
    at.selectbox(key="f_issue_page").set_value("join").run()
    assert at.selectbox(key="f_issue").value == "join" and "issue" not in at.query_params  # the default


@pytest.mark.parametrize("page", ["map", "matrix", "timeline", "sources"])
def test_captions_say_tap_on_a_phone_and_never_hover(page, phone):
    text = text_of(clean(run(page, issue="troops"))).lower()
    assert "hover" not in text and "point at" not in text
    if page != "sources":
        assert "tap" in text


def test_captions_say_point_or_click_on_a_desktop():
    text = text_of(clean(run("map", issue="troops")))
    assert "Point at a country" in text and "Tap a country" not in text


# Europe with nothing to colour ------------------------------------------------------------------------
def test_the_map_says_when_no_european_country_has_a_record_and_offers_the_world():
    at = clean(run("map", issue="us_backstop"))
    box = container(at, "map_none_here")
    assert box is not None
    assert "No European country has a record on “US backstop”" in text_in(box)
    assert "United States (Unclear)" in text_in(box)
    at.button(key="map_to_world").click().run()
    assert at.query_params["view"] == "world" and container(clean(at), "map_none_here") is None
    assert container(clean(run("map", issue="troops")), "map_none_here") is None


# tables fit the page and pin their first column ---------------------------------------------------------
@pytest.mark.parametrize("page,params", [("map", {"issue": "troops"}), ("timeline", {}), ("matrix", {}),
                                         ("sources", {"source": "s000"}), ("country", {"focus": "GBR"})])
def test_tables_fit_the_page_and_pin_their_first_column(page, params):
    from ui import tables
    at = clean(run(page, **params))
    checked = 0
    for df in at.get("dataframe"):
        cfg = json.loads(df.proto.columns or "{}")
        order = list(df.proto.column_order)
        if not order:
            continue  # a small table of numbers (Streamlit sizes it)
        widths = [cfg[c]["width"] for c in order]
        assert all(isinstance(w, int) for w in widths), cfg
        assert sum(widths) <= tables.WIDTH
        assert cfg[order[0]].get("pinned") is True
        checked += 1
    assert checked >= 1


def test_the_frame_labels_the_sidebar_button_and_trims_the_band_above_the_heading():
    at = clean(run("about"))
    css = "\n".join(h.proto.body for h in at.get("html"))
    assert 'content: "Filters & pages"' in css and "padding-top: 2.25rem" in css


def test_curator_mode_reads_the_environment(monkeypatch):
    from coalition.paths import curator_mode
    for value, expected in (("1", True), ("true", True), ("", False), ("0", False), ("no", False)):
        monkeypatch.setenv(CURATOR_VAR, value)
        assert curator_mode() is expected
    monkeypatch.delenv(CURATOR_VAR)
    assert curator_mode() is False
    assert os.environ.get(CURATOR_VAR) is None


# charts saved as images ----------------------------------------------------------------------------------
@pytest.mark.parametrize("page,title", [("matrix", "Where each country stands on each question"),
                                        ("timeline", "Meetings, calls, statements and reports")])
def test_plotly_charts_save_a_png_with_their_title_date_and_source_line(page, title):
    at = clean(run(page, issue="troops", on_issue="1"))
    chart = at.get("plotly_chart")[0].proto
    config = json.loads(chart.config)
    assert config["toImageButtonOptions"]["filename"] == f"coalition-{page}-troops"
    assert config["toImageButtonOptions"]["scale"] == 2
    assert "toImage" not in config.get("modeBarButtonsToRemove", []) and config.get("displayModeBar") is not False
    spec = json.dumps(json.loads(chart.spec), ensure_ascii=False)
    assert title in spec and "As of 20 March 2025" in spec
    assert f"/{page}?issue=troops" in spec  # the source line names the view's link


def test_the_map_offers_its_image_with_title_legend_date_and_source():
    at = clean(run("map", issue="troops"))
    buttons = [b for b in at.get("download_button") if b.proto.label.startswith("Save the map as an image")]
    assert len(buttons) == 1
    from ui import charts
    from ui.data import load
    # what the button's callable returns for this view (the wrapper, outside a script run)
    svg = charts.map_image(load(), urlstate.View(issue="troops"), "europe", "/map?issue=troops").decode()
    assert "Will it send troops to a force in Ukraine?" in svg and "Committed" in svg
    assert "/map?issue=troops" in svg and "20 March 2025" in svg
