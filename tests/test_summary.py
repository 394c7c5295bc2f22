"""Headline counts, figures and disagreements (coalition.summary), on the project's data."""
from __future__ import annotations

import datetime as dt

import pytest

from coalition import load_frames, summary

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def f():
    return load_frames(today=TODAY)


def test_join_counts_two_in_one_declined_two_considering(f):
    c = summary.issue_counts(f, "join")
    assert c.groups["in"] == ["FRA", "GBR"]
    assert c.groups["declined"] == ["JPN"]
    assert c.groups["undecided"] == ["AUS", "NZL"]
    assert (c.count("in"), c.count("declined"), c.count("undecided")) == (2, 1, 2)
    assert c.labels == {"in": ["Joined"], "undecided": ["Considering"], "declined": ["Declined"]}
    assert "RUS" in c.no_record and "GBR" not in c.no_record
    assert c.disputed == []


def test_troops_counts_italy_once_as_declined_and_disputed(f):
    c = summary.issue_counts(f, "troops")
    assert c.groups["declined"] == ["ITA"] and c.groups["undecided"] == ["DEU"]
    assert c.disputed == ["ITA"]
    assert c.labels["declined"] == ["No, unless...", "Declined"]


def test_counts_follow_the_country_filter_and_as_of(f):
    c = summary.issue_counts(f, "join", countries=["GBR", "JPN", "RUS"])
    assert c.groups == {"in": ["GBR"], "undecided": [], "declined": ["JPN"]} and c.no_record == ["RUS"]
    early = summary.issue_counts(f, "join", as_of="2003-01-01")
    assert sum(early.count(g) for g in summary.GROUPS) == 0
    assert len(early.no_record) == len(f.countries)
    # on 15 March only Japan's refusal (dated 15 March) is on record
    on15 = summary.issue_counts(f, "join", as_of="2025-03-15")
    assert on15.groups == {"in": [], "undecided": [], "declined": ["JPN"]}


@pytest.mark.parametrize("value, unit, approx, text", [
    (300_000_000_000, "EUR", False, "€300 billion"),
    (35, "countries", False, "35 countries"),
    (30, "nations", True, "around 30 nations"),
    (24000, "soldiers", False, "24,000 soldiers"),
    (2_500_000, "USD", False, "$2.5 million"),
])
def test_format_figure_reads_like_prose(value, unit, approx, text):
    assert summary.format_figure(value, unit, approx) == text


def test_figure_disagreement_found_for_coalition_size(f):
    groups = summary.figure_disagreements(f.figures)
    assert len(groups) == 1
    g = groups[0]
    assert set(g["compare_group"]) == {"coalition_size"}
    assert list(g["figure_id"]) == ["leaders_35_countries", "military_chiefs_30_nations"]
    assert list(g["text"]) == ["35 countries", "around 30 nations"]
    assert all(q for q in g["quote"])


def test_figures_agreeing_in_a_group_are_not_a_disagreement(f):
    same = f.figures.copy()
    same.loc[same["figure_id"] == "leaders_35_countries", "value"] = 30
    same.loc[same["figure_id"] == "leaders_35_countries", "approximate"] = True
    assert summary.figure_disagreements(same) == []


def test_disputed_cells_list_both_records_of_italy_troops_and_us_backstop(f):
    d = summary.disputed_cells(f.stances)
    assert set(zip(d["country"], d["issue"])) == {("ITA", "troops"), ("USA", "us_backstop")}
    ita = d[d["country"] == "ITA"]
    assert set(ita["position_label"]) == {"Declined", "No, unless..."}
    assert set(ita["source"]) == {"s000", "s004"}
    assert (d["evidence_no"] == 0).all()


def test_latest_events_are_five_newest_without_context(f):
    ev = summary.latest_events(f.events)
    assert len(ev) == 5 and not ev["context"].any()
    assert ev.iloc[0]["event_id"] == "military_chiefs_london_2025_03_20"
    assert list(ev["date"]) == sorted(ev["date"], reverse=True)
    assert summary.latest_events(f.events, as_of="2003-01-01").empty


def test_country_issue_order_puts_the_focus_first(f):
    order = summary.country_issue_order(f.issues, "troops")
    assert order[0] == "troops" and len(order) == len(f.issues) and order[1] == "join"


def test_country_people_joins_people_and_event_participants(f):
    gbr = summary.country_people(f, "GBR").set_index("name")
    assert {"Keir Starmer", "David Lammy"} <= set(gbr.index)
    assert "lammy_vance_2025_03_15" in gbr.loc["David Lammy", "events"]
    rus = summary.country_people(f, "RUS")
    assert list(rus["name"]) == ["Vladimir Putin"]
    assert summary.country_people(f, "UKR").empty


def test_country_sources_count_quotes_per_source(f):
    ita = summary.country_sources(f, "ITA").set_index("source")
    assert ita.loc["s000", "stance_quotes"] == 2 and ita.loc["s004", "stance_quotes"] == 1
    assert (ita["total"] == ita["stance_quotes"] + ita["event_quotes"]).all()
    rus = summary.country_sources(f, "RUS")
    assert list(rus["source"]) == ["s004"] and rus.iloc[0]["stance_quotes"] == 0
    assert summary.country_sources(f, "UKR").empty


def test_cell_sample_keeps_every_side_of_a_disagreement_however_many_agree():
    import pandas as pd

    from coalition.summary import cell_sample

    recs = pd.DataFrame({
        "stance_id": [f"X.i.{n}" for n in range(6)],
        "date": pd.to_datetime(["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"]),
        "position": ["no", "yes", "yes", "yes", "yes", "yes"],
    })
    two = cell_sample(recs, 2)
    assert list(two["stance_id"]) == ["X.i.0", "X.i.5"]  # the lone "no" stays, oldest first
    three = cell_sample(recs, 3)
    assert list(three["stance_id"]) == ["X.i.0", "X.i.4", "X.i.5"]
    assert list(cell_sample(recs.head(2), 3)["stance_id"]) == ["X.i.0", "X.i.1"]
