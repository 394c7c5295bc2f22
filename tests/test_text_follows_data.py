"""Text that follows the data (issue 15, part 4): sentences describing the data are derived from it, so
none turns false when a curator adds a later article."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from apptest_support import clean, run, text_of
from coalition.views import cite

SEED_TEXT = ("London, 14 September 2025. The defence secretary said on Friday that the United Kingdom remains in "
             "the coalition.\n")
SOURCE = (
    "  - id: s009\n"
    "    file: {file}\n"
    "    sha256: {sha256}\n"
    "    outlet: Test Wire\n"
    "    title: \"UK remains in the coalition\"\n"
    "    published: \"2025-09-14\"\n"
    "    published_basis: \"Dateline of the article.\"\n"
)
STANCE = (
    "      - issue: join\n"
    "        date: \"2025-09-12\"\n"
    "        date_basis: \"'On Friday' in s009, published Sunday 2025-09-14.\"\n"
    "        position: joined\n"
    "        summary: \"Later report: still in the coalition.\"\n"
    "        confidence: reported\n"
    "        evidence:\n"
    "          - source: s009\n"
    "            quote: \"the United Kingdom remains in the coalition\"\n"
)


def frames_of(stance_days, event_days=(), context_days=()) -> SimpleNamespace:
    ts = pd.to_datetime
    events = pd.DataFrame({"date": ts(list(event_days) + list(context_days)),
                           "context": [False] * len(event_days) + [True] * len(context_days)})
    return SimpleNamespace(stances=pd.DataFrame({"date": ts(list(stance_days))}), events=events)


@pytest.mark.parametrize(("stances", "events", "expected"), [
    (["2025-03-02", "2025-03-20"], ["2025-03-15"], "March 2025"),
    (["2025-03-02"], ["2025-09-12"], "March–September 2025"),
    (["2025-12-30"], ["2026-01-05"], "December 2025 – January 2026"),
    ([], [], ""),
])
def test_the_span_names_the_months_of_the_records(stances, events, expected):
    assert cite.span(frames_of(stances, events, context_days=["1953-07-27"])) == expected  # context left out


@pytest.fixture
def grown(scratch, monkeypatch):
    """The frozen data plus a September article with a later record for the United Kingdom."""
    file, digest = scratch.add_seed("009", SEED_TEXT)
    scratch.replace("issues:\n", SOURCE.format(file=file, sha256=digest) + "issues:\n")
    scratch.replace("    stances:\n      - issue: join\n", "    stances:\n" + STANCE + "      - issue: join\n")
    monkeypatch.setenv("COALITION_DATA", str(scratch.path))
    return scratch


def test_pages_describe_the_span_of_the_data_they_show(grown):
    overview = text_of(clean(run("overview")))
    assert "(March–September 2025)" in overview and "mid-March" not in overview
    assert "Based on 3 source articles published 16 Mar 2025 to 14 Sep 2025" in overview
    about = text_of(clean(run("about")))
    assert "from 3 articles (March–September 2025)" in about
    at = clean(run("timeline", as_of="2003-01-01"))
    assert any("No events from March–September 2025 match" in i.value for i in at.info), [i.value for i in at.info]


def test_the_shipped_sentences_hold_for_the_frozen_data_too():
    assert "(March 2025)" in text_of(clean(run("overview")))
    assert "from 2 articles (March 2025)" in text_of(clean(run("about")))
