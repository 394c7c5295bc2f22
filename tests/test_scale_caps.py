"""Long lists on generated data (bench/generate.py): each page draws a capped number of items, says how
many it hides, and a "Show more" button draws the next ones, so readers never silently lose records.

The caps are the pages' constants (overview CELLS_SHOWN = 3, changes SHOWN = 5, country CELLS_SHOWN
and EVENTS_SHOWN = 10); the generated 3x set has more of each than that.
"""
from __future__ import annotations

import datetime as dt
import os
import re

import pytest

from apptest_support import ROOT, clean, run, text_of
from bench.generate import generate
from coalition import changes, load_frames, summary

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A generated 3x project (600 stances, 150 events, 6 seeds), opened by the app via COALITION_DATA."""
    path = generate(tmp_path_factory.mktemp("g3") / "proj", factor=3)
    old = os.environ.get("COALITION_DATA")
    os.environ["COALITION_DATA"] = str(path)
    yield load_frames(path, today=TODAY)
    if old is None:
        os.environ.pop("COALITION_DATA", None)
    else:
        os.environ["COALITION_DATA"] = old


def queries(at, page: str) -> list[str]:
    """The page's own part of each link to ``page`` (the shared filters every link carries left out)."""
    from urllib.parse import parse_qsl, urlencode

    from coalition.urlstate import SHARED_KEYS

    return [urlencode([(k, v) for k, v in parse_qsl(p.proto.query_string) if k not in SHARED_KEYS])
            for p in at.get("page_link") if p.proto.page == page]


def test_overview_draws_three_disputed_cells_says_how_many_and_shows_more(big):
    disputed = summary.disputed_cells(big.stances)
    total = disputed.groupby(["country", "issue"]).ngroups
    assert total > 6
    at = clean(run("overview", issue="troops"))
    cells = [q for q in queries(at, "matrix") if q.startswith("cell=")]
    assert len(cells) == 3
    # the issue in focus comes first
    if (disputed["issue"] == "troops").any():
        assert cells[0].endswith(".troops")
    assert f"Showing 3 of {total:,} cells where the sources disagree" in text_of(at)
    # every drawn record links to its quote in the source
    assert sum("hl=" in q for q in queries(at, "sources")) >= 2 * 3
    at.button(key="more_overview_disputed").click().run()
    clean(at)
    assert len([q for q in queries(at, "matrix") if q.startswith("cell=")]) == 6
    assert f"Showing 6 of {total:,} cells" in text_of(at)


def test_what_changed_draws_the_five_newest_and_shows_more(big):
    moves = changes(big.stances)
    assert len(moves) > 10
    at = clean(run("changes"))
    befores = [c.value for c in at.caption if c.value.startswith("Before:")]
    assert len(befores) == 5
    assert f"Showing 5 of {len(moves):,} changes, newest first" in text_of(at)
    heads = [m.value for m in at.markdown if " → " in m.value]
    assert heads[0].endswith(f"→ {moves['date'].max():%d %b %Y}")  # newest first
    at.button(key="more_changes").click().run()
    clean(at)
    assert len([c for c in at.caption if c.value.startswith("Before:")]) == 10
    assert f"Showing 10 of {len(moves):,} changes" in text_of(at)
    assert at.query_params["more"] == "changes:10"  # how far the list is open is in the link


def test_a_link_reopens_a_list_as_far_as_it_was_shown_and_no_further_than_the_cap(big):
    moves = changes(big.stances)
    at = clean(run("changes", more="changes:10"))
    assert len([c for c in at.caption if c.value.startswith("Before:")]) == 10
    at.button(key="more_changes").click().run()
    assert at.query_params["more"] == "changes:15"
    # a link cannot make the page draw thousands of records: at most 20 pages of the list
    at = clean(run("changes", more="changes:9999"))
    drawn = len([c for c in at.caption if c.value.startswith("Before:")])
    assert drawn == min(100, len(moves))
    if len(moves) > 100:
        assert "This is the most the page draws" in text_of(at)
        assert not [b for b in at.button if b.key == "more_changes"]
    # an invalid value is dropped with a notice, and the list opens at its first page
    at = run("changes", more="changes:lots")
    assert not at.exception
    assert any("more" in w.value for w in at.warning)
    assert len([c for c in at.caption if c.value.startswith("Before:")]) == 5


def test_country_with_many_records_lists_every_question_in_a_table_and_caps_the_rest(big):
    counts = big.stances[big.stances["evidence_no"] == 0].groupby("country")["stance_id"].nunique()
    code = counts.idxmax()
    n_issues = big.stances.loc[big.stances["country"] == code, "issue"].nunique()
    step = int(re.search(r"^CELLS_SHOWN = (\d+)", (ROOT / "pages" / "country.py").read_text(), re.M)[1])
    assert n_issues > step
    at = clean(run("country", focus=code))
    glance = at.dataframe[0].value
    assert len(glance) == n_issues  # every question with a record, at a glance
    cells = [q for q in queries(at, "matrix") if q.startswith("cell=")]
    assert len(cells) == step
    assert f"Showing {step} of {n_issues} questions with a record in full" in text_of(at)
    at.button(key=f"more_country_cells_{code}").click().run()
    clean(at)
    assert len([q for q in queries(at, "matrix") if q.startswith("cell=")]) == min(2 * step, n_issues)


def test_country_events_are_capped_with_a_link_to_the_timeline(big):
    from coalition import filter_events

    per_country = {c: len(filter_events(big.events, countries=[c])) for c in big.countries["country"]}
    code = max(per_country, key=per_country.get)
    total = per_country[code]
    assert total > 10
    at = clean(run("country", focus=code))
    events = [q for q in queries(at, "timeline") if q.startswith("event=")]
    assert len(events) == 10
    assert f"Showing 10 of {total:,} events" in text_of(at)
    # the link to the country's events on the timeline sets the countries filter to it
    assert any(p.proto.query_string == f"country={code}" for p in at.get("page_link") if p.proto.page == "timeline")
    at.button(key=f"more_country_events_{code}").click().run()
    assert len([q for q in queries(clean(at), "timeline") if q.startswith("event=")]) == min(20, total)


def test_timeline_lists_every_event_in_one_table_element(big):
    """The events below the chart are one table (its rows scroll in the browser), not an element per event:
    at 3x data that is one element for 150 events, where a list of expanders drew ~10 elements each."""
    from coalition import filter_events

    total = len(filter_events(big.events))
    at = clean(run("timeline"))
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == total > 100
    assert not at.expander


def test_matrix_cell_draws_its_records_a_few_at_a_time(big, monkeypatch):
    from ui import evidence

    monkeypatch.setattr(evidence, "RECORDS_SHOWN", 2)  # the 3x cells hold a handful of records; cap below that
    first = big.stances[big.stances["evidence_no"] == 0]
    n = first.groupby(["country", "issue"])["stance_id"].nunique()
    (iso, issue), total = n.idxmax(), n.max()
    assert total > 2
    at = clean(run("matrix", cell=f"{iso}.{issue}"))
    drawn = [q for q in (p.proto.query_string for p in at.get("page_link")) if "hl=" in q]
    assert len({q.split("hl=")[1] for q in drawn}) == 2
    assert f"Showing 2 of {total} records" in text_of(at)
    at.button(key=f"more_cell_{iso}.{issue}").click().run()
    drawn = [q for q in (p.proto.query_string for p in clean(at).get("page_link")) if "hl=" in q]
    assert len({q.split("hl=")[1] for q in drawn}) == min(4, total)
