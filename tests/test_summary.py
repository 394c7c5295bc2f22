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


# figures over time: a disagreement is of one moment (filters.DISAGREE_WINDOW_DAYS), a series spans time -----------
def figures_frame(*rows):
    """Hand-made figures (first quotes only): (figure_id, value, approximate, unit, compare_group, date, dated)."""
    import pandas as pd

    return pd.DataFrame([
        {"figure_id": fid, "value": value, "approximate": approx, "unit": unit, "counts": f"what {fid} counts",
         "compare_group": group, "date": pd.Timestamp(date), "dated": dated, "date_basis": "",
         "issue": "", "position": "", "event": "", "evidence_no": 0, "source": "s1", "outlet": "Wire",
         "quote": f"quote of {fid}", "quote_start": 0, "quote_end": 1}
        for fid, value, approx, unit, group, date, dated in rows])


def test_figures_a_month_apart_are_a_series_not_a_disagreement():
    figs = figures_frame(("march", 35, False, "countries", "size", "2025-03-15", True),
                         ("april", 30, True, "countries", "size", "2025-04-15", True))
    assert summary.figure_disagreements(figs) == []
    (series,) = summary.figure_series(figs)
    assert list(series["figure_id"]) == ["march", "april"] and list(series["step"]) == [0, 1]
    assert summary.series_text(series) == "35 countries (15 Mar 2025) → around 30 countries (15 Apr 2025)"


def test_figures_one_day_apart_with_different_values_disagree():
    figs = figures_frame(("a", 30, False, "countries", "size", "2025-03-16", True),
                         ("b", 35, False, "countries", "size", "2025-03-15", True))
    (grp,) = summary.figure_disagreements(figs)
    assert list(grp["figure_id"]) == ["b", "a"]  # largest value first
    assert summary.figure_series(figs) == []  # one moment: no series


def test_the_window_is_three_days_from_the_first_figure_of_a_moment():
    from coalition.filters import DISAGREE_WINDOW_DAYS

    assert DISAGREE_WINDOW_DAYS == 3
    # 3 days apart: the same moment (they disagree); 4 days: the next moment (a change)
    three = figures_frame(("a", 30, False, "countries", "size", "2025-03-12", True),
                          ("b", 35, False, "countries", "size", "2025-03-15", True))
    four = figures_frame(("a", 30, False, "countries", "size", "2025-03-11", True),
                         ("b", 35, False, "countries", "size", "2025-03-15", True))
    assert len(summary.figure_disagreements(three)) == 1 and summary.figure_series(three) == []
    assert summary.figure_disagreements(four) == [] and len(summary.figure_series(four)) == 1
    # a chain of figures each 2 days apart does not make one long moment: a window opens at its first figure
    chain = figures_frame(("a", 30, False, "countries", "size", "2025-03-01", True),
                          ("b", 30, False, "countries", "size", "2025-03-03", True),
                          ("c", 40, False, "countries", "size", "2025-03-05", True))
    assert summary.figure_disagreements(chain) == []
    (series,) = summary.figure_series(chain)
    assert list(series["step"]) == [0, 0, 1]
    assert summary.series_text(series) == "30 countries (01 Mar 2025) → 40 countries (05 Mar 2025)"


def test_a_series_keeps_a_disagreement_of_one_moment_and_the_groups_apart():
    figs = figures_frame(("sep", 30, True, "countries", "size", "2025-09-13", True),
                         ("mar_a", 35, False, "countries", "size", "2025-03-17", False),
                         ("mar_b", 30, True, "nations", "size", "2025-03-17", False),
                         ("money", 300, False, "EUR", "assets", "2025-03-16", True),
                         ("alone", 1, False, "things", "", "2025-01-01", True))
    (grp,) = summary.figure_disagreements(figs)
    assert list(grp["figure_id"]) == ["mar_a", "mar_b"]
    (series,) = summary.figure_series(figs)  # "assets" has one figure, "alone" no group
    assert list(series["figure_id"]) == ["mar_a", "mar_b", "sep"]
    assert summary.series_text(series) == ("35 countries vs around 30 nations (17 Mar 2025) → "
                                           "around 30 countries (13 Sep 2025)")
    # the same number said twice in one moment is said once
    twice = figures_frame(("a", 30, True, "nations", "size", "2025-03-17", True),
                          ("b", 30, True, "nations", "size", "2025-03-18", True),
                          ("c", 31, True, "nations", "size", "2025-05-01", True))
    assert summary.series_text(summary.figure_series(twice)[0]) == \
        "around 30 nations (17 Mar 2025) → around 31 nations (01 May 2025)"


def test_key_figures_say_their_date_and_follow_as_of():
    figs = figures_frame(("undated", 35, False, "countries", "size", "2025-03-17", False),
                         ("dated", 30, True, "countries", "size", "2025-09-04", True))
    k = summary.key_figures(figs)
    assert list(k["when"]) == ["as of 17 Mar 2025 (the source's date)", "04 Sep 2025"]
    assert list(summary.key_figures(figs, as_of=dt.date(2025, 4, 1))["figure_id"]) == ["undated"]
    assert summary.key_figures(figs, as_of="2003-01-01").empty
    assert summary.figure_series(figs, as_of=dt.date(2025, 4, 1)) == []
    assert len(summary.figure_series(figs)) == 1


def test_the_frozen_coalition_size_figures_are_one_moment_so_no_series(f):
    assert summary.figure_series(f.figures) == []
    assert set(summary.key_figures(f.figures)["when"]) == {"as of 16 Mar 2025 (the source's date)",
                                                          "as of 17 Mar 2025 (the source's date)"}
    figures, disagree, series = summary.overview_figures(f)
    assert len(disagree) == 1 and series == [] and (figures["about"] == "").all()
    assert summary.overview_figures(f, "2003-01-01")[0].empty
