"""The Overview on the grown data (tests/test_live_data.py: grow): figures as a series over time, the
counted groups under the "who is in" metrics, and what the coalition and organisations say, kept apart
from the countries. Unit tests of coalition.summary on the grown frames, then AppTests of the page."""
from __future__ import annotations

import datetime as dt

import pytest

from apptest_support import clean, run, text_of
from coalition import load_frames, summary

SERIES = ("Coalition size:** 35 countries vs around 30 nations (17 Mar 2025) → around 30 nations (01 Apr 2025) → "
          "around 30 countries (13 Sep 2025)")
GROUP = ("Sources also count groups: 26 countries: Committed (Test Wire, 04 Sep 2025): France and United Kingdom "
         "named, 24 not named.")


@pytest.fixture(scope="module")
def grown_path(grown_data):
    return grown_data


@pytest.fixture(scope="module")
def g(grown_frames):
    return grown_frames


@pytest.fixture
def grown(grown_path, monkeypatch):
    monkeypatch.setenv("COALITION_DATA", str(grown_path))
    return grown_path


def page_links(at, page: str) -> list[str]:
    """The page's own part of each link to ``page`` (the shared filters every link carries left out)."""
    from urllib.parse import parse_qsl, urlencode

    from coalition.urlstate import SHARED_KEYS

    return [urlencode([(k, v) for k, v in parse_qsl(p.proto.query_string) if k not in SHARED_KEYS])
            for p in at.get("page_link") if p.proto.page == page]


# coalition.summary on the grown frames ----------------------------------------------------------------
def test_grown_coalition_size_is_one_disagreement_in_march_and_a_series_to_september(g):
    (grp,) = summary.figure_disagreements(g.figures)
    assert list(grp["figure_id"]) == ["leaders_35_countries", "military_chiefs_30_nations"]
    (series,) = summary.figure_series(g.figures)
    assert list(series["figure_id"]) == ["leaders_35_countries", "military_chiefs_30_nations",
                                         "chiefs_30_nations_april", "coalition_30_countries_september"]
    assert list(series["date"]) == sorted(series["date"])
    assert summary.series_text(series) == SERIES.split(":** ", 1)[1]


def test_grown_series_and_disagreements_follow_as_of(g):
    assert summary.figure_series(g.figures, dt.date(2025, 3, 20)) == []  # only the March moment
    assert len(summary.figure_disagreements(g.figures, dt.date(2025, 3, 20))) == 1
    (april,) = summary.figure_series(g.figures, dt.date(2025, 4, 2))
    assert list(april["figure_id"])[-1] == "chiefs_30_nations_april"


def test_grown_key_figures_say_their_date_and_what_they_are_linked_to(g):
    figures, _, _ = summary.overview_figures(g)
    by = figures.set_index("figure_id")
    assert by.loc["leaders_35_countries", "when"] == "as of 17 Mar 2025 (the source's date)"
    assert by.loc["committed_26_countries", "when"] == "04 Sep 2025"
    assert by.loc["committed_26_countries", "about"] == "Sends troops: Committed"
    assert by.loc["coalition_30_countries_september", "about"] == "Joins coalition: Joined"
    assert by.loc["summit_35_countries", "event_title"] == "Leaders' summit in Paris"
    assert by.loc["summit_35_countries", "about"] == "" and by.loc["leaders_35_countries", "event_title"] == ""


def test_grown_counted_groups_on_the_issue_in_focus(g):
    groups = summary.overview_groups(g, "troops")
    assert list(groups["group_id"]) == ["committed_26_2025_09_04"] and list(groups["unnamed"]) == [24]
    assert summary.overview_groups(g, "join").empty
    assert summary.overview_groups(g, "troops", dt.date(2025, 9, 3)).empty


def test_grown_organisations_in_data_order_with_the_issue_in_focus_first(g):
    said = summary.organisation_statements(g, "troops")
    assert list(zip(said["org"], said["issue"])) == [("coalition", "ceasefire_talks"), ("eu", "sanctions")]
    assert list(said["name"]) == ["The coalition of the willing", "European Union"]
    assert list(said["date_precision"]) == ["day", "approximate"] and list(said["kind"]) == ["coalition", "union"]
    assert list(summary.organisation_statements(g, "troops", dt.date(2025, 9, 6))["org"]) == ["coalition"]
    assert summary.organisation_statements(g, "troops", dt.date(2025, 9, 4)).empty


def test_no_organisations_no_statements():
    from conftest import DATA

    assert summary.organisation_statements(load_frames(DATA), "troops").empty
    assert summary.overview_groups(load_frames(DATA), "troops").empty


# the Overview page on the grown data ------------------------------------------------------------------
def test_overview_shows_the_coalition_size_as_a_series(grown):
    at = clean(run("overview", issue="troops"))
    text = text_of(at)
    assert "How the numbers changed" in text and SERIES in text
    assert "a change over time, not a disagreement" in text
    # the disagreement is only the March moment
    subheads = [s.value.replace("\\", "") for s in at.subheader]
    assert [s for s in subheads if " vs " in s] == ["Coalition size: 35 countries vs around 30 nations"]
    assert "35 countries, as of 17 Mar 2025 (the source's date):" in text.replace("**", "")


def test_overview_key_figure_cards_show_date_and_link(grown):
    at = clean(run("overview", issue="troops"))
    text = text_of(at)
    assert "As of 17 Mar 2025 (the source's date) · Countries whose leaders took part" in text
    assert "04 Sep 2025 · Countries formally committed to deploy troops" in text
    assert "On the question: **Sends troops: Committed**" in text
    assert "On the question: **Joins coalition: Joined**" in text
    assert "At the event: **Leaders' summit in Paris**" in text
    assert "event=paris_summit_2025_09_04" in page_links(at, "timeline")


def test_overview_says_how_many_more_a_counted_group_holds_than_it_names(grown):
    at = clean(run("overview", issue="troops"))
    text = text_of(at)
    assert GROUP in text
    assert "source=s009" in page_links(at, "sources")
    assert "Sources also count groups" not in text_of(clean(run("overview", issue="join")))
    early = text_of(clean(run("overview", issue="troops", as_of="2025-09-03")))
    assert "Sources also count groups" not in early


def test_overview_says_what_the_coalition_and_organisations_say_apart_from_countries(grown):
    at = clean(run("overview", issue="troops"))
    text = text_of(at)
    assert "What the coalition and organisations say" in [h.value for h in at.header]
    assert "The coalition of the willing" in text and "European Union" in text
    text = text.replace("\xa0", " ")  # the &nbsp; after a badge
    assert ">Pushing</span>  Test Wire, 05 Sep 2025" in text
    assert ">Keep up</span>  Test Daily, about 13 Sep 2025" in text
    assert "Says it is working for a just and lasting peace." in text
    assert "> The European Union said it would keep up sanctions on Russia." in text
    assert {"source=s009", "source=s010"} <= set(page_links(at, "sources"))
    # the organisations are not counted among the countries
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Countries tracked"] == "12"
    headers = [h.value for h in at.header]
    assert headers.index("What the coalition and organisations say") > headers.index("Where the sources disagree")


def test_overview_organisations_follow_as_of(grown):
    on6 = clean(run("overview", issue="troops", as_of="2025-09-06"))
    text = text_of(on6)
    assert "What the coalition and organisations say" in text and "on 06 Sep 2025" in text
    assert "The coalition of the willing" in text and "European Union" not in text
    march = clean(run("overview", issue="troops", as_of="2025-03-20"))
    text = text_of(march)
    assert "What the coalition and organisations say" not in text
    assert "How the numbers changed" not in text
    assert "Coalition size: 35 countries vs around 30 nations" in text


def test_overview_with_no_figures_on_that_date_says_so(grown):
    text = text_of(clean(run("overview", as_of="2003-01-01")))
    assert "No figures on record on that date." in text


def test_overview_latest_events_say_how_their_date_is_known(grown):
    at = clean(run("overview", issue="troops"))
    labels = [p.proto.label for p in at.get("page_link") if p.proto.page == "timeline"]
    labels = [label.replace("\\", "") for label in labels]
    assert "Date not given (reported 05 Sep 2025) · Joint delegation to Kyiv (planned, as of the sources)" in labels
    assert "After 20 Apr 2025 · Military chiefs' follow-up meeting (planned, as of the sources)" in labels


def test_overview_escapes_the_data_it_writes(grown_path, tmp_path, monkeypatch):
    payload = "<script>window.__pwned=1</script>[x](javascript:alert(1)) **bold** :red[red]"
    text = grown_path.read_text(encoding="utf-8")
    for old in ('summary: "Says it is working for a just and lasting peace."',
                'counts: "Countries formally committed to deploy troops or to be present on land, sea or in the air."',
                "    outlet: Test Wire\n    title: \"Twenty-six"):
        assert text.count(old) == 1, old
    text = text.replace('summary: "Says it is working for a just and lasting peace."', f"summary: '{payload}'")
    text = text.replace('counts: "Countries formally committed to deploy troops or to be present on land, sea or '
                        'in the air."', f"counts: '{payload}'")
    text = text.replace("    outlet: Test Wire\n    title: \"Twenty-six",
                        f"    outlet: '{payload}'\n    title: \"Twenty-six")
    import shutil

    shutil.copytree(grown_path.parent.parent / "seeds", tmp_path / "seeds")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "coalition.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("COALITION_DATA", str(tmp_path / "data" / "coalition.yaml"))
    at = clean(run("overview", issue="troops"))
    raw = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    import re

    assert not re.search(r"(?<!\\)<script", raw) and "](javascript" not in raw
    assert "**bold**" not in raw and not re.search(r"(?<!\\):red\[", raw)
    reader = text_of(at)
    assert reader.count(payload) >= 4  # the org's summary and outlet, the figure's counts, the group's outlet
    assert f"26 countries: Committed ({payload}, 04 Sep 2025)" in reader


def test_overview_disputed_records_say_a_ranged_date_as_a_range(grown):
    text = text_of(clean(run("overview", issue="troops"))).replace("\xa0", " ")
    assert ">Undecided</span>  Test Daily, 08–12 Sep 2025" in text  # Spain's "this week" record
    assert ">Committed</span>  Test Wire, 05 Sep 2025" in text
