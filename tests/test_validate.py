"""The validator: the shipped data passes, and every rule fails on a crafted bad file."""
from __future__ import annotations

import datetime as dt

import pytest

from coalition import check, load
from coalition.validate import DataError

TODAY = dt.date(2026, 11, 21)


def test_shipped_data_validates_and_checks_every_record():
    ds, problems = check(today=TODAY)
    assert problems == []
    c = ds.counts
    # not vacuous: it looked at every kind of record and every quote
    assert c["sources"] == 2 and c["issues"] >= 8 and c["countries"] >= 10
    assert c["stances"] >= 20 and c["events"] >= 12 and c["figures"] >= 4
    n_quotes = sum(len(s["evidence"]) for cd in ds.data["countries"].values() for s in cd.get("stances", []))
    n_quotes += sum(len(e["evidence"]) for e in ds.data["events"]) + sum(len(f["evidence"]) for f in ds.data["figures"])
    assert c["quotes"] == n_quotes


def test_required_issue_ids_and_countries_are_present():
    ds = load(today=TODAY)
    ids = {i["id"] for i in ds.data["issues"]}
    assert {"troops", "leadership", "frozen_assets", "sanctions", "us_backstop", "un_mandate",
            "without_russian_consent", "weapons_intel"} <= ids
    assert {"GBR", "FRA", "DEU", "ITA", "JPN", "AUS", "NZL", "USA", "RUS", "UKR"} <= set(ds.data["countries"])


# (name, old text, new text, expected 'where' fragment, expected 'what' fragment)
RULES = [
    ("bad position", "position: declined_conditional", "position: maybe",
     "countries.ITA.stances[0].position", "'maybe' is not one of: committed, undecided"),
    ("unknown field", "    region: Southern Europe\n", "    region: Southern Europe\n    capital: Rome\n",
     "countries.ITA.capital", "unknown field"),
    ("missing field", "        confidence: rumoured\n", "\n",
     "countries.AUS.stances[0]", "missing required field 'confidence'"),
    ("unknown country code", "  UKR:\n", "  UKX:\n", "countries.UKX", "not an ISO 3166-1 alpha-3"),
    ("unknown issue", "      - issue: un_mandate", "      - issue: un_resolution",
     "countries.ITA.stances[2].issue", "unknown issue 'un_resolution'"),
    ("unknown source", "          - source: s004\n            quote: \"After a Zoom",
     "          - source: s999\n            quote: \"After a Zoom", "evidence[0].source", "unknown source 's999'"),
    ("duplicate issue id", "  - id: leadership", "  - id: troops", "issues[2].id", "duplicate id 'troops'"),
    ("duplicate event id", "  - id: trump_putin_call_2025_03_18", "  - id: trump_statement_2025_03_17",
     "events[10].id", "duplicate id 'trump_statement_2025_03_17'"),
    ("impossible date", 'date: "2025-03-20"\n    date_precision', 'date: "2025-02-30"\n    date_precision',
     "events[11](military_chiefs_london_2025_03_20).date", "'2025-02-30' is not a real date"),
    ("malformed date", 'published: "2025-03-17"', 'published: "17/03/2025"', "sources[1].published",
     "not a date in the form YYYY-MM-DD"),
    ("future date", 'date: "2025-03-20"\n    date_precision', 'date: "2099-03-20"\n    date_precision',
     "events[11](military_chiefs_london_2025_03_20).date", "is impossible"),
    ("stance after its source", 'date: "2025-03-17"\n        date_basis: "Present perfect',
     'date: "2025-03-19"\n        date_basis: "Present perfect', "countries.FRA.stances[2].date",
     "after the publication of every source cited"),
    ("empty summary", 'summary: "Whether Germany will take part is uncertain."', 'summary: ""',
     "countries.DEU.stances[0].summary", "is empty"),
    ("quote not in source", "but Tokyo declined to join for now.\"\n\n  AUS",
     "but Tokyo refused to join for now.\"\n\n  AUS", "countries.JPN.stances[0].evidence[0].quote",
     "quote not found in s000"),
    ("participant not a country in the file", "countries: [USA, RUS]", "countries: [USA, CHN]",
     "participants.countries[1]", "'CHN' is not a country in this file"),
    ("bad confidence", "confidence: rumoured", "confidence: gossip", "countries.AUS.stances[0].confidence",
     "'gossip' is not one of: confirmed"),
    ("score out of range", "label: \"Joined\", score: 2", "label: \"Joined\", score: 5", "positions[0].score",
     "outside -2..2"),
    ("wrong type", "value: 24000", "value: lots", "figures[3].value", "expected a number"),
    ("bad event kind", "kind: call", "kind: tweet", ".kind", "'tweet' is not one of: meeting"),
    ("date_end before date", 'date_end: "2025-03-16"', 'date_end: "2025-03-14"', ".date_end", "before the start"),
    ("missing seed file", "file: seeds/004_87bcee758dff4290.txt", "file: seeds/nope.txt", "sources[1].file",
     "seed file 'seeds/nope.txt' not found"),
    ("seed path outside the project", "file: seeds/004_87bcee758dff4290.txt", "file: ../../etc/passwd",
     "sources[1].file", "must be a path inside the project"),
    ("boilerplate not in seed", '- "Login"', '- "Sign in"', "boilerplate", "is not in seeds/000"),
    ("bad region", "region: Asia-Pacific\n    stances:\n      - issue: join\n        date: \"2025-03-15\"",
     "region: Asia\n    stances:\n      - issue: join\n        date: \"2025-03-15\"", "countries.JPN.region",
     "'Asia' is not one of"),
    ("event person from elsewhere", "{name: JD Vance, role: Vice President, country: USA}",
     "{name: JD Vance, role: Vice President, country: CAN}", "people[1].country", "'CAN' is not a country"),
]


@pytest.mark.parametrize("name,old,new,where,what", RULES, ids=[r[0] for r in RULES])
def test_each_rule_names_line_and_record(scratch, name, old, new, where, what):
    line = scratch.replace(old, new)
    ds, problems = check(scratch.path, today=TODAY)
    assert ds is None
    hits = [p for p in problems if where in p.where and what in p.what]
    assert hits, "\n".join(map(str, problems))
    # the message points at the changed line (or the record's first line when a field is missing)
    assert any(abs(p.line - line) <= 8 for p in hits), [str(p) for p in hits]
    assert str(hits[0]).startswith(f"data/coalition.yaml:{hits[0].line}: ") or str(hits[0]).startswith(
        f"{scratch.path}:") or ":" in str(hits[0])


YAML_LEVEL = [
    ("syntax error", "  - id: troops\n", "  - id: [troops\n", "YAML syntax error"),
    ("duplicate key", "    region: Western Europe\n    people:\n      - {name: Keir",
     "    region: Western Europe\n    region: Europe\n    people:\n      - {name: Keir", "duplicate key 'region'"),
    ("tab indentation", "    region: Southern Europe\n", "\tregion: Southern Europe\n", "tab"),
    ("python object tag", "value: 24000", "value: !!python/object/apply:os.system ['echo pwned']",
     "is not allowed"),
    ("alias", "value: 24000", "value: *anchor", "YAML"),
]


@pytest.mark.parametrize("name,old,new,what", YAML_LEVEL, ids=[r[0] for r in YAML_LEVEL])
def test_yaml_level_errors_have_their_line(scratch, name, old, new, what):
    line = scratch.replace(old, new)
    ds, problems = check(scratch.path, today=TODAY)
    assert ds is None and len(problems) == 1
    p = problems[0]
    assert what in p.what, str(p)
    assert abs(p.line - line) <= 2, str(p)


def test_all_problems_are_reported_at_once(scratch):
    scratch.replace("confidence: rumoured", "confidence: gossip")
    scratch.replace("kind: call", "kind: tweet")
    scratch.replace("value: 24000", "value: lots")
    _, problems = check(scratch.path, today=TODAY)
    assert len(problems) == 3
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_quote_error_shows_the_closest_passage(scratch):
    scratch.replace("but Tokyo declined to join for now.\"\n\n  AUS", "but Tokyo refused to join for now.\"\n\n  AUS")
    _, problems = check(scratch.path, today=TODAY)
    (p,) = [p for p in problems if "quote not found" in p.what]
    assert "closest passage" in p.what and "Tokyo declined to join" in p.what


def test_typographic_and_straight_quotes_match_each_other(scratch):
    # the seed has "Putin’s" (curly); a straight apostrophe and extra spaces still match
    scratch.replace("“Now is the time to exert maximum pressure on Russia,” Starmer stated.\"",
                    "\\\"Now is the time to exert   maximum pressure on Russia,\\\" Starmer stated.\"")
    assert check(scratch.path, today=TODAY)[1] == []


def test_missing_and_empty_files(tmp_path):
    _, problems = check(tmp_path / "nope.yaml", today=TODAY)
    assert "data file not found" in problems[0].what
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    _, problems = check(empty, today=TODAY)
    assert problems[0].what == "the file is empty"


def test_load_raises_with_every_problem(scratch):
    scratch.replace("confidence: rumoured", "confidence: gossip")
    with pytest.raises(DataError) as info:
        load(scratch.path, today=TODAY)
    assert len(info.value.problems) == 1 and "gossip" in str(info.value)
