"""Disagreement that respects time (issue 15, part 3): records of different sources disagree only when
they are contemporaneous (within filters.DISAGREE_WINDOW_DAYS of the cell's latest record); an earlier
record of another source is superseded by the later one and is a change, with both sources."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from apptest_support import clean, run, text_of
from coalition import coverage, filters, load_frames, summary
from coalition.filters import DISAGREE_WINDOW_DAYS
from conftest import DATA

FROZEN = load_frames(DATA)
ITALY = ("ITA", "troops")  # s004: Declined (15 Mar) vs s000: No, unless... (16 Mar): one day apart


def _moved(stances: pd.DataFrame, source: str, date: str) -> pd.DataFrame:
    """The frozen stances with Italy's troops record from ``source`` re-dated."""
    out = stances.copy()
    at = (out["country"] == ITALY[0]) & (out["issue"] == ITALY[1]) & (out["source"] == source)
    assert at.any()
    out.loc[at, "date"] = pd.Timestamp(date)
    return out


def _cell(stances: pd.DataFrame) -> pd.Series:
    c = filters.cells(stances)
    return c[(c["country"] == ITALY[0]) & (c["issue"] == ITALY[1])].iloc[0]


def test_contemporaneous_records_of_two_sources_disagree():
    cell = _cell(FROZEN.stances)
    assert cell["disputed"] and cell["positions"] == ["Declined", "No, unless..."]
    move = filters.changes(FROZEN.stances).set_index(["country", "issue"]).loc[ITALY]
    assert not move["same_source"] and move["disagreement"]


def test_a_later_record_of_another_source_supersedes_an_earlier_one():
    earlier = _moved(FROZEN.stances, "s004", "2025-03-10")  # six days before s000's record
    cell = _cell(earlier)
    assert not cell["disputed"] and cell["positions"] == ["No, unless..."]
    assert cell["position_label"] == "No, unless..." and cell["source"] == "s000"  # the later record shows
    move = filters.changes(earlier).set_index(["country", "issue"]).loc[ITALY]
    assert (move["from_label"], move["to_label"]) == ("Declined", "No, unless...")
    assert (move["from_source"], move["source"]) == ("s004", "s000")  # a change, with both sources
    assert not move["disagreement"]
    assert ITALY not in set(zip(summary.disputed_cells(earlier)["country"], summary.disputed_cells(earlier)["issue"]))


@pytest.mark.parametrize(("days", "disputed"), [(DISAGREE_WINDOW_DAYS, True), (DISAGREE_WINDOW_DAYS + 1, False)])
def test_the_window_is_inclusive(days, disputed):
    when = (pd.Timestamp("2025-03-16") - pd.Timedelta(days=days)).date().isoformat()
    assert bool(_cell(_moved(FROZEN.stances, "s004", when))["disputed"]) is disputed


def test_one_source_changing_its_report_within_the_window_is_a_change_not_a_dispute():
    same = _moved(FROZEN.stances, "s004", "2025-03-15")
    same.loc[(same["country"] == "ITA") & (same["issue"] == "troops"), "source"] = "s000"
    assert not _cell(same)["disputed"]
    move = filters.changes(same).set_index(["country", "issue"]).loc[ITALY]
    assert move["same_source"] and not move["disagreement"]


def test_coverage_and_overview_list_only_the_records_in_disagreement():
    d = summary.disputed_cells(FROZEN.stances)
    assert {("ITA", "troops"), ("USA", "us_backstop")} == set(zip(d["country"], d["issue"]))
    usa = FROZEN.stances[(FROZEN.stances["country"] == "USA") & (FROZEN.stances["issue"] == "us_backstop")]
    # an old record of another position, weeks before the disagreement: superseded, so not part of it
    old = usa.iloc[[0]].assign(date=usa["date"].max() - pd.Timedelta(days=30), stance_id="USA.us_backstop.old",
                               position="likely", position_label="Likely")
    grown = pd.concat([FROZEN.stances, old], ignore_index=True)
    assert "USA.us_backstop.old" not in set(summary.disputed_cells(grown)["stance_id"])
    cell = filters.cells(grown).set_index(["country", "issue"]).loc[("USA", "us_backstop")]
    assert cell["disputed"] and "Likely" not in cell["positions"]
    cov = coverage.global_report(dataclasses.replace(FROZEN, stances=grown))
    usa_entry = next(e for e in cov.disputed if (e["country"], e["issue"]) == ("USA", "us_backstop"))
    assert "likely" not in usa_entry["positions"] and "USA.us_backstop.old" not in usa_entry["stance_ids"]


def test_the_pages_say_which_case_each_move_is(scratch, monkeypatch):
    text = text_of(clean(run("changes", country="ITA")))
    assert "different sources, 1 day apart: the sources disagree, not a change" in text
    about = text_of(clean(run("about")))
    assert f"within {DISAGREE_WINDOW_DAYS} days of the cell's latest record" in about
    # Italy's s004 record re-dated to 10 March in a copy of the data: a change, shown without the hatching
    scratch.replace("""date: "2025-03-15"\n        date_basis: "'After a Zoom meeting""",
                    """date: "2025-03-10"\n        date_basis: "'After a Zoom meeting""")
    monkeypatch.setenv("COALITION_DATA", str(scratch.path))
    text = text_of(clean(run("changes", country="ITA")))
    assert "(reported by different sources)" in text and "the sources disagree" not in text
