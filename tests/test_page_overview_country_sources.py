"""Overview, Country, Sources and About pages (AppTest).

Each test opens a page the way a shared link does (tests/apptest_support.py: ``switch_page``
before the first run, so app.py runs with that page and parses the link's parameters).
"""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from apptest_support import clean, run, text_of

ROOT = Path(__file__).resolve().parent.parent


def links(at: AppTest, page: str) -> list[str]:
    """The page's own part of each link to ``page`` (the shared filters every link carries left out)."""
    from urllib.parse import parse_qsl, urlencode

    from coalition.urlstate import SHARED_KEYS

    return [urlencode([(k, v) for k, v in parse_qsl(p.proto.query_string) if k not in SHARED_KEYS])
            for p in at.get("page_link") if p.proto.page == page]


# Every page with no filters, each issue, single countries and early dates: tests/test_app_smoke.py.


# Overview ------------------------------------------------------------------------------
def test_overview_counts_who_joined_declined_and_is_considering():
    at = clean(run("overview"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Countries tracked"] == "10"
    assert (metrics["Joined"], metrics["Declined"], metrics["Considering"]) == ("2", "1", "2")
    country_links = links(at, "country")
    assert {"focus=GBR", "focus=FRA", "focus=JPN", "focus=AUS", "focus=NZL"} <= set(country_links)


def test_overview_on_troops_counts_italy_as_declined_and_marks_the_dispute():
    at = clean(run("overview", issue="troops"))
    metrics = {m.label.replace("\\", ""): m.value for m in at.metric}
    assert metrics["Committed"] == "2" and metrics["No, unless... / Declined"] == "1"
    assert "Italy (sources disagree)" in text_of(at)


def test_overview_shows_figures_their_disagreement_and_disputed_cells():
    at = clean(run("overview"))
    text = text_of(at)
    assert "€300 billion" in text and "24,000 soldiers" in text
    assert "Coalition size: 35 countries vs around 30 nations" in text
    assert "many leaders of 35 countries" in text and "military chiefs from around 30 nations" in text
    assert "Italy: Sends troops" in text and "United States: US backstop" in text
    assert {"cell=ITA.troops", "cell=USA.us_backstop"} <= set(links(at, "matrix"))


def test_overview_figures_say_their_date_and_two_of_one_moment_still_disagree():
    # the frozen coalition_size figures are both undated, from articles of 16/17 March: one moment
    at = clean(run("overview"))
    text = text_of(at)
    assert "As of 17 Mar 2025 (the source's date) · Countries whose leaders took part" in text
    assert "As of 16 Mar 2025 (the source's date) · Russian assets frozen" in text
    assert "**35 countries**, as of 17 Mar 2025 (the source's date):" in text
    assert "How the numbers changed" not in text  # no figures over time
    assert "What the coalition and organisations say" not in text  # no organisations in the frozen data
    assert "Sources also count groups" not in text


def test_overview_latest_events_link_to_the_timeline_newest_first():
    at = clean(run("overview"))
    events = [q for q in links(at, "timeline") if q]
    assert len(events) == 5 and events[0] == "event=military_chiefs_london_2025_03_20"
    assert "event=korea_armistice_1953" not in events


def test_overview_before_any_record_says_so():
    at = clean(run("overview", as_of="2003-01-01"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Joined"] == "0" and metrics["Declined"] == "0"
    assert "No events on record" in text_of(at)


# Country ------------------------------------------------------------------------------------
def test_country_italy_shows_un_resolution_and_both_troop_records():
    at = clean(run("country", focus="ITA"))
    text = text_of(at)
    assert at.selectbox(key="url_country_focus").value == "ITA"
    assert "Italy (ITA)" in text and "UN resolution" in text
    assert "Meloni again rejected Italy's participation" in text  # ITA.troops.2 (s004): Declined
    assert "Meloni's office said Italy would not take part without a UN resolution" in text  # ITA.troops.1 (s000)
    assert ">Declined</span>" in text and ">No, unless...</span>" in text and "Sources disagree" in text
    assert "Moved from Declined to No, unless... on 16 Mar 2025" in text
    sources_links = links(at, "sources")
    assert "source=s000&hl=ITA.troops.1" in sources_links and "source=s004&hl=ITA.troops.2" in sources_links


def test_country_puts_the_issue_in_focus_first():
    at = clean(run("country", focus="ITA", issue="un_mandate"))
    bold = [m.value for m in at.markdown if m.value.startswith("**")]
    assert bold[0].startswith("**Needs UN mandate**")


def test_country_says_when_the_issue_in_focus_has_no_record_there():
    # a link about troops opened on Australia, which has a record on joining only
    at = clean(run("country", focus="AUS", issue="troops"))
    notes = [i.value.replace("\\", "") for i in at.info]
    assert any("Australia has no record on “Sends troops” (the question in focus)" in n for n in notes)
    assert "**Joins coalition**" in text_of(at)  # its other position still follows
    # on a question it has a record on, no such notice
    at = clean(run("country", focus="ITA", issue="troops"))
    assert not any("the question in focus" in i.value for i in at.info)


def test_country_russia_has_no_stances_but_events_and_people():
    at = clean(run("country", focus="RUS"))
    assert "record no position for Russia" in at.info[0].value.replace("\\", "")
    assert "event=trump_putin_call_2025_03_18" in links(at, "timeline")
    people = at.dataframe[0].value
    assert list(people["name"]) == ["Vladimir Putin"]


def test_country_bad_focus_is_ignored_with_a_notice():
    at = clean(run("country", focus="XXX"))
    assert at.selectbox(key="url_country_focus").value == "GBR"
    # the notice is recorded for app.py to show (AppTest runs the page script alone)
    assert any("focus='XXX'" in n for n in at.session_state["_notices"])


def test_country_default_is_the_first_chosen_country():
    at = clean(run("country", country=["JPN", "ITA"]))
    assert at.selectbox(key="url_country_focus").value == "JPN"


def test_choosing_a_country_puts_it_in_the_url():
    at = clean(run("country"))
    at.selectbox(key="url_country_focus").set_value("FRA").run()
    clean(at)
    assert "France (FRA)" in text_of(at)
    assert at.query_params["focus"] in ("FRA", ["FRA"])


# Sources -------------------------------------------------------------------------------------------
def test_sources_s004_shows_the_article_with_meloni_highlighted():
    at = clean(run("sources", source="s004"))
    assert at.selectbox(key="url_sources_source").value == "s004"
    body = at.get("html")[0].proto.body
    assert "Meloni" in body and "<mark" in body
    assert "The European Conservative" in text_of(at)


def test_sources_hl_emphasises_the_followed_passage_and_opens_its_source():
    at = clean(run("sources", hl="ITA.troops.2"))
    assert at.selectbox(key="url_sources_source").value == "s004"
    body = at.get("html")[0].proto.body
    assert 'id="ct-hl"' in body
    hl = body.split('id="ct-hl"', 1)[1]
    assert "After a Zoom meeting" in hl.split("</mark>", 1)[0]


def test_sources_s000_greys_leftovers_and_lists_its_slip():
    at = clean(run("sources", source="s000"))
    body = at.get("html")[0].proto.body
    assert body.count('class="ct-boiler"') == 5
    assert "future Donald Trump administration" in text_of(at)


# About ------------------------------------------------------------------------------------------------
def test_about_explains_scale_anchor_dates_and_how_to_report_errors():
    at = clean(run("about"))
    text = text_of(at)
    assert "Saturday 15 March 2025" in text and "Sunday 2 March 2025" in text
    assert "Thursday 20 March 2025" in text and "Tuesday 18 March 2025" in text
    assert "Natural Earth" in text and "Crimea" in text
    assert ">No, unless...</span>" in text  # the legend comes from the data


def test_sources_page_shows_the_coverage_report_for_that_source_in_curator_mode(monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("COALITION_CURATOR", "1")
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params["source"] = "s000"
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert any(label.startswith("Cells where the records disagree (2)") for label in labels), labels
    assert any(label.startswith("Sentences with stance cues that no record quotes") for label in labels)


def test_sources_links_keep_the_readers_filters_whether_or_not_the_article_was_cached():
    import re
    bodies = {}
    for params in ({}, {"country": ["GBR", "ITA"], "issue": "troops"}, {}):
        at = clean(run("sources", source="s000", **params))
        body = next(h.proto.body for h in at.get("html") if "ct-source" in h.proto.body)
        hrefs = re.findall(r'href="([^"]*)"', body)
        assert len(hrefs) > 10
        assert not re.search(r"ct[0-9a-f]{24}", body)  # no placeholder is left
        if params:
            assert 'href="country?country=GBR&amp;country=ITA&amp;issue=troops&amp;focus=ITA"' in body
            assert all("country=GBR&amp;country=ITA&amp;issue=troops" in h for h in hrefs)
        else:
            assert 'href="country?focus=ITA"' in body and not any("issue=" in h for h in hrefs)
        bodies.setdefault(bool(params), []).append(body)
    assert bodies[False][0] == bodies[False][1]  # the cached article, drawn again with no filters
