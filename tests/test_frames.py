"""Frames, filters and the export command."""
from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from coalition import cells, changes, filter_events, filter_stances, load_frames
from coalition.paths import PROJECT_ROOT

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def f():
    return load_frames(today=TODAY)


def test_frames_have_one_row_per_stance_and_evidence(f):
    n_rows = sum(len(s["evidence"]) for s in _raw()["countries"].values() for s in s.get("stances", []))
    assert len(f.stances) == n_rows
    assert f.stances["stance_id"].nunique() == sum(len(c.get("stances", [])) for c in _raw()["countries"].values())
    assert {"country", "country_name", "issue", "position", "score", "date", "confidence", "summary", "source",
            "quote", "quote_start", "quote_end"} <= set(f.stances.columns)
    assert pd.api.types.is_datetime64_any_dtype(f.stances["date"])
    assert (f.stances["quote_start"] >= 0).all()  # every quote located in its seed
    assert len(f.countries) == len(_raw()["countries"]) and len(f.sources) == 2
    assert set(f.positions["issue"]) == set(f.issues["issue"])
    assert len(f.events) == len(_raw()["events"]) and f.events["context"].sum() == 2


def test_quote_spans_point_at_the_quoted_words(f):
    row = f.stances[f.stances["stance_id"] == "JPN.join.1"].iloc[0]
    text = f.texts[row["source"]]
    assert text[row["quote_start"]:row["quote_end"]] == row["quote"]


def test_participants_include_people_and_countries(f):
    p = f.participants[f.participants["event_id"] == "lammy_vance_2025_03_15"]
    assert set(p["country"]) == {"GBR", "USA"} and set(p["person"]) == {"David Lammy", "JD Vance"}


def test_filter_by_country_and_issue(f):
    df = filter_stances(f.stances, countries=["ITA"], issues=["troops"])
    assert set(df["country"]) == {"ITA"} and set(df["issue"]) == {"troops"} and len(df) == 2
    assert len(filter_stances(f.stances)) == len(f.stances)


def test_as_of_keeps_latest_record_per_source_before_the_date(f):
    before = filter_stances(f.stances, as_of="2025-03-14")
    assert before.empty
    on15 = filter_stances(f.stances, countries=["ITA"], issues=["troops"], as_of="2025-03-15")
    assert list(on15["position"]) == ["declined"]
    on16 = filter_stances(f.stances, countries=["USA"], issues=["us_backstop"], as_of="2025-03-16")
    assert set(on16["position"]) == {"unlikely"}
    on17 = filter_stances(f.stances, countries=["USA"], issues=["us_backstop"], as_of="2025-03-17")
    assert set(on17["position"]) == {"unlikely", "unclear"}  # two sources, both kept


def test_cells_mark_disagreement_and_low_confidence(f):
    c = cells(f.stances).set_index(["country", "issue"])
    assert c.loc[("ITA", "troops"), "disputed"]
    assert set(c.loc[("ITA", "troops"), "positions"]) == {"Declined", "No, unless..."}
    assert not c.loc[("GBR", "troops"), "disputed"] and c.loc[("GBR", "troops"), "n_sources"] == 2
    assert c.loc[("AUS", "join"), "low_confidence"] and not c.loc[("JPN", "join"), "low_confidence"]
    assert c.loc[("JPN", "join"), "position"] == "declined"
    assert c.index.is_unique


def test_changes_list_moves_of_position(f):
    ch = changes(f.stances)
    ita = ch[ch["country"] == "ITA"].iloc[0]
    assert (ita["from_position"], ita["to_position"]) == ("declined", "declined_conditional")


def test_filter_events_by_country_kind_and_date(f):
    ev = filter_events(f.events, countries=["USA"], kinds=["call"])
    assert list(ev["event_id"]) == ["trump_putin_call_2025_03_18"]
    assert filter_events(f.events, as_of="2025-03-01", include_context=False).empty
    assert len(filter_events(f.events, issues=["us_backstop"])) == 1


def _raw():
    from coalition import load
    return load(today=TODAY).data


def _run(*args):
    return subprocess.run([sys.executable, "-m", "coalition", *args], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=60)


def test_cli_validate_prints_counts():
    r = _run("validate")
    assert r.returncode == 0 and "valid" in r.stdout and "quotes found word for word" in r.stdout


def test_cli_validate_fails_with_every_problem(scratch):
    scratch.replace("confidence: rumoured", "confidence: gossip")
    scratch.replace("kind: call", "kind: tweet")
    r = _run("validate", "--data", str(scratch.path))
    assert r.returncode == 1
    assert r.stderr.count("coalition.yaml:") == 2 and "2 problem(s) found" in r.stderr


def test_cli_reads_coalition_data_env(scratch):
    scratch.replace("confidence: rumoured", "confidence: gossip")
    env_run = subprocess.run([sys.executable, "-m", "coalition", "validate"], capture_output=True, text=True,
                             cwd=PROJECT_ROOT, env={**__import__("os").environ, "COALITION_DATA": str(scratch.path)})
    assert env_run.returncode == 1 and "gossip" in env_run.stderr


@pytest.mark.parametrize("args", [["bogus"], ["export", "--format", "xml"], ["export", "--country", "XXX"],
                                  ["export", "--as-of", "2025-13-01"], ["export", "--issue", "nope"]])
def test_cli_bad_usage_exits_2(args):
    r = _run(*args)
    assert r.returncode == 2 and "error" in r.stderr


def test_export_csv_round_trips(f):
    r = _run("export", "--country", "ITA", "--country", "GBR", "--issue", "troops")
    assert r.returncode == 0
    df = pd.read_csv(io.StringIO(r.stdout))
    expected = filter_stances(f.stances, ["ITA", "GBR"], ["troops"])
    assert len(df) == len(expected)
    assert list(df["quote"]) == list(expected["quote"])
    assert {"country", "country_name", "issue", "position", "score", "as_of", "confidence", "summary", "source",
            "quote"} <= set(df.columns)


def test_export_json_as_of(f):
    r = _run("export", "--format", "json", "--as-of", "2025-03-15")
    rows = json.loads(r.stdout)
    assert rows and all(row["as_of"] <= "2025-03-15" for row in rows)
    assert len(rows) == len(filter_stances(f.stances, as_of="2025-03-15"))


def test_filters_that_match_nothing_keep_every_column(f):
    """A filter that empties the frame part-way (no event of Australia's, then an issue filter) must still
    return the frame's columns: pandas reads an empty *object* mask as a list of column labels, so
    ``df[df["issues"].map(...)]`` on an empty frame selected no columns and the timeline then failed
    on ``rows["context"]`` (found by the link fuzzer: ?country=AUS&on_issue=1)."""
    for kw in ({"countries": ["AUS"], "issues": ["join"]}, {"countries": ["XXX"], "issues": ["troops"]},
               {"issues": ["no_such_issue"], "kinds": ["meeting"]}, {"countries": ["XXX"], "kinds": ["meeting"]}):
        ev = filter_events(f.events, **kw)
        assert ev.empty
        assert list(ev.columns) == list(f.events.columns), kw
    st = filter_stances(f.stances, ["XXX"], ["troops"])
    assert st.empty and list(st.columns) == list(f.stances.columns)
