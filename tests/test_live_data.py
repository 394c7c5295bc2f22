"""What holds for any valid data (issue 15, part 1), checked on the shipped data/coalition.yaml and on
a grown copy of the frozen fixtures (three later articles adding sources, countries, events, figures,
counted groups, organisations and attendance): validate passes, every quote is found, exports round-trip, every page runs for every issue
and every country. Nothing here pins content, so a curator adding an article keeps CI green; the
grown copy proves it on data the fixtures do not have."""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from apptest_support import clean, run
from coalition import check, export, load_frames, registry
from conftest import FROZEN, LIVE_DATA, add_seed

# Three later articles, as a curator would add them: a wire report of a leaders' summit, a report a
# week later, and a short item from the spring. Together they use every kind of record the data model
# has beyond the frozen data's: counted groups, organisations' stances, attendance roles (leader,
# remote, observer, absent, a role without a name), dated figures forming a series, a stance dated by
# a range, events with no date or only an "after" date.
ARTICLES = {
    "009": ("Paris, 5 September 2025. Leaders and officials of some 35 countries met in Paris on Thursday, "
            "in person and by video link. Twenty-six countries have formally committed to deploy troops to "
            "Ukraine or to be present on land, sea or in the air, President Emmanuel Macron said, naming only "
            "France and the United Kingdom. Spain said it is ready to send troops to a reassurance force in "
            "Ukraine. Greece attended as an observer. Washington did not send anyone to the meeting. Italy's "
            "prime minister joined by video link. The coalition said it is working for a just and lasting "
            "peace. A joint delegation will travel to Kyiv.\n"),
    "010": ("Madrid, 13 September 2025. Spain may still reconsider sending troops, its defence minister said "
            "this week. Around 30 countries are now part of the coalition, officials said. The European Union "
            "said it would keep up sanctions on Russia.\n"),
    "011": ("London, 1 April 2025. Military chiefs of around 30 nations have now met twice, officials said on "
            "Tuesday. A follow-up meeting will be held after Easter.\n"),
}
SOURCES = """  - id: s009
    file: {f009}
    sha256: {h009}
    outlet: Test Wire
    title: "Twenty-six countries commit to a force for Ukraine"
    published: "2025-09-05"
    published_basis: "Dateline of the article."
    url: "https://wire.example/2025/09/05/paris-summit"
    retrieved: "2025-09-06"
  - id: s010
    file: {f010}
    sha256: {h010}
    outlet: Test Daily
    published: "2025-09-13"
    published_basis: "Dateline of the article."
  - id: s011
    file: {f011}
    sha256: {h011}
    outlet: Test Wire
    published: "2025-04-01"
    published_basis: "Dateline of the article."
"""
COUNTRIES = """  ESP:
    name: Spain
    region: Southern Europe
    stances:
      - issue: troops
        date: "2025-09-05"
        date_basis: "Present tense in s009, published 2025-09-05."
        position: committed
        summary: "Ready to send troops to a reassurance force."
        confidence: reported
        evidence:
          - source: s009
            quote: "Spain said it is ready to send troops to a reassurance force in Ukraine"
      - issue: troops
        date: "2025-09-08"
        date_end: "2025-09-12"
        date_precision: range
        date_basis: "'this week' in s010, published Saturday 2025-09-13: 8-12 September."
        position: undecided
        summary: "Its defence minister said Spain may still reconsider sending troops."
        confidence: confirmed
        evidence:
          - source: s010
            quote: "Spain may still reconsider sending troops, its defence minister said this week"
  GRC:
    name: Greece
    region: Southern Europe
"""
EVENTS = """  - id: paris_summit_2025_09_04
    title: "Leaders' summit in Paris"
    date: "2025-09-04"
    date_precision: day
    date_basis: "'on Thursday' in s009, published Friday 2025-09-05."
    kind: meeting
    status: held
    participants:
      countries: [FRA, GBR]
      attendance:
        - {{country: FRA, role: leader, person: Emmanuel Macron}}
        - {{country: ITA, role: leader, remote: true}}
        - {{country: GRC, role: observer}}
        - {{country: USA, role: absent}}
    issues: [troops]
    summary: "Leaders and officials of some 35 countries met in Paris; 26 countries committed to deploy or be present."
    evidence:
      - source: s009
        quote: "Leaders and officials of some 35 countries met in Paris on Thursday"
  - id: kyiv_delegation
    title: "Joint delegation to Kyiv"
    date: "2025-09-05"
    date_precision: unknown
    date_basis: "No date given in s009 (published 2025-09-05): drawn at the report's date."
    kind: meeting
    status: planned
    participants:
      countries: [FRA, GBR]
    issues: [troops]
    summary: "A joint delegation is to travel to Kyiv; no date is given."
    evidence:
      - source: s009
        quote: "A joint delegation will travel to Kyiv."
  - id: chiefs_follow_up
    title: "Military chiefs' follow-up meeting"
    date: "2025-04-20"
    date_precision: after
    date_basis: "'after Easter' in s011, published 2025-04-01: after Sunday 20 April 2025."
    kind: meeting
    status: planned
    issues: [troops]
    summary: "The military chiefs are to meet again after Easter."
    evidence:
      - source: s011
        quote: "A follow-up meeting will be held after Easter."
"""
FIGURES = """  - id: summit_35_countries
    value: 35
    approximate: true
    unit: countries
    counts: "Countries whose leaders or officials attended the Paris summit."
    date: "2025-09-04"
    date_basis: "The summit's day, per s009."
    event: paris_summit_2025_09_04
    evidence:
      - source: s009
        quote: "some 35 countries met in Paris"
  - id: committed_26_countries
    value: 26
    unit: countries
    counts: "Countries formally committed to deploy troops or to be present on land, sea or in the air."
    date: "2025-09-04"
    date_basis: "Said at the summit of Thursday 4 September, per s009."
    issue: troops
    position: committed
    evidence:
      - source: s009
        quote: "Twenty-six countries have formally committed"
  - id: coalition_30_countries_september
    value: 30
    approximate: true
    unit: countries
    counts: "Countries taking part in the coalition (later count)."
    compare_group: coalition_size
    date: "2025-09-13"
    date_basis: "Present tense in s010, published 2025-09-13."
    issue: join
    position: joined
    evidence:
      - source: s010
        quote: "Around 30 countries are now part of the coalition"
  - id: chiefs_30_nations_april
    value: 30
    approximate: true
    unit: nations
    counts: "Nations whose military chiefs have met twice."
    compare_group: coalition_size
    date: "2025-04-01"
    date_basis: "'on Tuesday' in s011, published Tuesday 2025-04-01."
    evidence:
      - source: s011
        quote: "Military chiefs of around 30 nations have now met twice"
groups:
  - id: committed_26_2025_09_04
    name: "Countries formally committed to deploy troops or be present on land, sea or in the air"
    count: 26
    issue: troops
    position: committed
    date: "2025-09-04"
    date_basis: "Said at the summit of Thursday 4 September, per s009."
    members: [FRA, GBR]
    confidence: confirmed
    summary: "Macron said 26 countries had formally committed; he named only France and the United Kingdom."
    evidence:
      - source: s009
        quote: "Twenty-six countries have formally committed to deploy troops to Ukraine or to be present on land, sea or in the air, President Emmanuel Macron said, naming only France and the United Kingdom"
organisations:
  coalition:
    name: "The coalition of the willing"
    kind: coalition
    stances:
      - issue: ceasefire_talks
        date: "2025-09-05"
        date_basis: "Present tense in s009, published 2025-09-05."
        position: pushing
        summary: "Says it is working for a just and lasting peace."
        confidence: confirmed
        evidence:
          - source: s009
            quote: "The coalition said it is working for a just and lasting peace."
  eu:
    name: "European Union"
    kind: union
    stances:
      - issue: sanctions
        date: "2025-09-13"
        date_precision: approximate
        date_basis: "No date in s010, published 2025-09-13; approximate."
        position: maintain
        summary: "Will keep up sanctions on Russia."
        confidence: reported
        evidence:
          - source: s010
            quote: "The European Union said it would keep up sanctions on Russia."
"""
# what the three articles add, by frame: (frame, id column) -> how many more records
GROWN_BY = {("sources", "source"): 3, ("countries", "country"): 2, ("events", "event_id"): 3,
            ("figures", "figure_id"): 4, ("groups", "group_id"): 1, ("organisations", "org"): 2}


def grow(base: Path) -> Path:
    """A project copy: the frozen data and seeds, plus the three later articles' records."""
    (base / "data").mkdir(parents=True)
    shutil.copytree(FROZEN / "seeds", base / "seeds")
    names = {}
    for number, text in ARTICLES.items():
        names[f"f{number}"], names[f"h{number}"] = add_seed(base, number, text)
    text = (FROZEN / "data" / "coalition.yaml").read_text(encoding="utf-8")
    for anchor, extra in (("issues:\n", SOURCES.format(**names)), ("  USA:\n", COUNTRIES),
                          ("  - id: virtual_summit_2025_03_15\n", EVENTS.replace("{{", "{").replace("}}", "}"))):
        assert text.count(anchor) == 1, anchor
        text = text.replace(anchor, extra + anchor)
    text = text.rstrip("\n") + "\n" + FIGURES  # figures: the file's last list; groups and organisations follow
    path = base / "data" / "coalition.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["live", "grown"])
def data_file(request, tmp_path_factory):
    return LIVE_DATA if request.param == "live" else grow(tmp_path_factory.mktemp("grown"))


@pytest.fixture
def frames(data_file):
    return load_frames(data_file)


def test_the_grown_copy_holds_more_than_the_fixtures(tmp_path):
    grown, frozen = load_frames(grow(tmp_path)), load_frames(FROZEN / "data" / "coalition.yaml")
    for (name, key), more in GROWN_BY.items():
        assert getattr(grown, name)[key].nunique() == getattr(frozen, name)[key].nunique() + more, name
    assert set(grown.participants["attended_as"]) >= {"leader", "observer", "absent"}
    assert grown.participants["remote"].any() and len(grown.org_stances) == 2
    assert {"unknown", "after"} <= set(grown.events["date_precision"])
    assert "range" in set(grown.stances["date_precision"])


def test_validate_passes(data_file):
    _, problems = check(data_file)
    assert not problems, "\n".join(map(str, problems[:10]))


def test_every_quote_is_found_in_its_source(frames):
    for name in ("stances", "event_evidence", "figures", "groups", "org_stances"):
        table = getattr(frames, name)
        missing = table.loc[table["quote_start"] < 0, ["source", "quote"]]
        assert missing.empty, f"{name}: quotes not found: {missing.head(3).to_dict('records')}"
        assert (table["quote_end"] > table["quote_start"]).all(), name


def test_exports_round_trip(frames):
    for table, key in ((export.stance_table(frames.stances, frames.sources), "stance_id"),
                       (export.event_table(frames.events, frames.sources), "event_id")):
        back = json.loads(export.to_json(table))
        assert [r[key] for r in back] == list(table[key])
        csv = pd.read_csv(io.StringIO(export.to_csv(table)), dtype=str, keep_default_na=False)
        assert list(csv[key]) == list(table[key]) and list(csv.columns) == list(table.columns)


def test_every_page_runs_for_every_issue_and_every_country(data_file, frames, monkeypatch):
    monkeypatch.setenv("COALITION_DATA", str(data_file))
    for page in registry.PAGES:
        for issue in frames.issues["issue"]:
            clean(run(page.id, issue=issue))
    for country in frames.countries["country"]:
        clean(run("country", focus=country))
        clean(run("map", focus=country))
