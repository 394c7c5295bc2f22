"""`python -m coalition suggest`: dates, names, stances, events, figures, the draft file."""
from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coalition import gazetteer, reldate, suggest, yamlio
from conftest import add_seed
from coalition.validate import check

ROOT = Path(__file__).resolve().parent.parent
SEED0 = ROOT / "seeds" / "000_3b4eb8e4f72c0423.txt"
SEED4 = ROOT / "seeds" / "004_87bcee758dff4290.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "paris_talks.txt"
DATA = ROOT / "tests" / "fixtures" / "frozen" / "data" / "coalition.yaml"  # frozen: counts pinned below
SUN_16 = dt.date(2025, 3, 16)  # Sunday
MON_17 = dt.date(2025, 3, 17)  # Monday


def cli(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "coalition", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


@pytest.fixture(scope="module")
def draft0():
    return suggest.suggest(SEED0.read_text(encoding="utf-8"), SUN_16, "seeds/000_3b4eb8e4f72c0423.txt",
                           data_file=DATA)


@pytest.fixture(scope="module")
def draft4():
    return suggest.suggest(SEED4.read_text(encoding="utf-8"), MON_17, "seeds/004_87bcee758dff4290.txt",
                           data_file=DATA)


# --- relative dates -----------------------------------------------------------
def test_yesterday_is_the_day_before_publication():
    r = reldate.resolve("At yesterday’s virtual summit, Starmer urged allies", SUN_16)
    assert (r.phrase, r.date, r.precision) == ("yesterday", dt.date(2025, 3, 15), "day")
    assert "published Sunday 2025-03-16" in r.basis and "2025-03-15" in r.basis


def test_next_thursday_from_a_sunday_is_the_coming_thursday():
    r = reldate.resolve("A meeting is set to take place in London next Thursday.", SUN_16)
    assert r.date == dt.date(2025, 3, 20) and r.future


def test_on_tuesday_in_a_clause_about_the_future_is_the_next_tuesday():
    r = reldate.resolve("Donald Trump will speak with Vladimir Putin on Tuesday.", MON_17)
    assert r.date == dt.date(2025, 3, 18) and r.future


def test_on_tuesday_in_a_clause_about_the_past_is_the_last_tuesday():
    assert reldate.resolve("The ministers met on Tuesday.", MON_17).date == dt.date(2025, 3, 11)


def test_a_weekday_that_is_the_publication_day_is_that_day():
    assert reldate.resolve("the U.S. president said on Monday:", MON_17).date == MON_17


def test_on_saturday_read_on_monday_is_two_days_before():
    r = reldate.resolve("After a Zoom meeting between the group’s leaders on Saturday, Meloni", MON_17)
    assert r.date == dt.date(2025, 3, 15)


def test_over_the_weekend_is_a_saturday_to_sunday_range():
    r = reldate.resolve("a separate meeting over the weekend", MON_17)
    assert (r.date, r.date_end, r.precision) == (dt.date(2025, 3, 15), dt.date(2025, 3, 16), "range")


def test_last_week_is_the_previous_monday_to_sunday():
    r = reldate.resolve("The White House said last week it was focused", dt.date(2025, 3, 28))
    assert (r.date, r.date_end, r.precision) == (dt.date(2025, 3, 17), dt.date(2025, 3, 23), "range")


def test_almost_a_fortnight_after_is_approximate():
    r = reldate.resolve("Almost a fortnight after Starmer dubbed", MON_17)
    assert r.date == dt.date(2025, 3, 3) and r.precision == "approximate"


def test_a_past_year_is_history_and_a_number_is_not_a_year():
    r = reldate.resolve("since the 1953 armistice with North Korea", SUN_16)
    assert (r.date.year, r.precision, r.historical) == (1953, "year", True)
    assert reldate.find("Poland could send 2000 troops", SUN_16) == []


def test_a_newspaper_named_after_a_day_is_not_a_date():
    assert reldate.find("A report in The Sunday Times later suggested", MON_17) == []


# --- gazetteer ------------------------------------------------------------------
def actors(gaz, text):
    return {m.country for m in gaz.mentions(text) if m.is_actor}


def test_gazetteer_finds_tokyo_as_japan_italian_as_italy_meloni_as_italy(gaz):
    assert actors(gaz, "Tokyo declined to join for now.") == {"JPN"}
    assert actors(gaz, "Italian troops will not go.") == {"ITA"}
    (m,) = gaz.mentions("Meloni said no.")
    assert (m.country, m.kind, m.person.name, m.person.role) == ("ITA", "person", "Giorgia Meloni", "Prime Minister")


def test_gazetteer_does_not_turn_ukraine_into_the_uk(gaz):
    assert actors(gaz, "troops to Ukraine") == {"UKR"}
    assert [m.country for m in gaz.mentions("the UK and Ukraine")] == ["GBR", "UKR"]


def test_gazetteer_reads_us_and_america_but_not_the_pronoun(gaz):
    found = [m.surface for m in gaz.mentions("the U.S.-led force, US troops, American jets, America, and us")]
    assert found == ["U.S.", "US", "American", "America"]
    assert actors(gaz, "exports to Latin America") == set()


def test_gazetteer_keeps_organisations_and_history_apart_from_countries(gaz):
    (nato,) = gaz.mentions("NATO allies met")
    assert nato.country is None and nato.organisation == "NATO"
    (vdl,) = gaz.mentions("von der Leyen said")
    assert vdl.country is None and vdl.organisation == "EU"
    (iraq,) = gaz.mentions("the coalition that supported the Iraq War")
    assert iraq.country == "IRQ" and iraq.context and not iraq.is_actor


def test_a_capital_after_in_is_a_place_and_before_a_verb_is_an_actor(gaz):
    (m,) = gaz.mentions("talks in London next week")
    assert m.place and not m.is_actor
    assert actors(gaz, "tensions with Moscow; Berlin will decide; the Kremlin said") == {"RUS", "DEU"}


def test_gazetteer_agrees_with_the_data_on_names_regions_and_issues(gaz):
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    checked = 0
    for code, c in data["countries"].items():
        assert gaz.countries[code]["name"] == c["name"], code
        assert gaz.countries[code]["region"] == c["region"], code
        checked += 1
    assert checked == len(data["countries"]) > 0
    positions = {i["id"]: {p["id"] for p in i["positions"]} for i in data["issues"]}
    for issue, spec in gaz.stance_cues.items():
        assert issue in positions, issue
        assert set(spec["positions"]) <= positions[issue], issue
    assert set(gaz.stance_cues) == set(positions)  # every issue has cues


@pytest.mark.parametrize("old, new, problem", [
    ("'\\bfrozen\\b'", "'(frozen'", r"stance_cues\.frozen_assets: bad regex '\(frozen'"),
    # a named pattern: an unknown name in a cue, and a bad regex in the pattern itself
    ("({ceasefire})", "({cease_fire})", r"stance_cues\.ceasefire_talks: unknown pattern \{cease_fire\}"),
    ("  ceasefire: 'cease-?fire|", "  ceasefire: '(cease-?fire|", r"patterns\.ceasefire: bad regex"),
    # a word that names the issue only in context
    ("context_topic: ['\\b(the", "context_topic: ['(\\b(the", r"stance_cues\.frozen_assets: bad regex '\(\\\\b\(the"),
])
def test_a_bad_regex_in_the_gazetteer_is_reported_with_its_place(tmp_path, old, new, problem):
    text = (ROOT / "data" / "gazetteer.yaml").read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "gazetteer.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(gazetteer.GazetteerError, match=problem):
        gazetteer.load(bad)


def test_a_named_pattern_is_written_once_and_read_in_every_cue():
    gaz = gazetteer.load()
    cues = [p for spec in gaz.stance_cues.values() for ps in spec["positions"].values() for p in ps]
    assert not any("{ceasefire}" in p for p in cues)  # expanded at load
    # the shared noun group reaches every cue that names it: "armistice" as well as "ceasefire"
    assert sum("armistice" in p for p in cues) >= 5
    text = (ROOT / "data" / "gazetteer.yaml").read_text(encoding="utf-8")
    assert text.count("{ceasefire}") >= 5 and "cessation of (the )?(fire|hostilities)|armistice)" not in text



def test_building_the_gazetteer_leaves_the_parsed_yaml_as_it_was():
    data = yamlio.loads(yamlio.read_text(ROOT / "data" / "gazetteer.yaml"))
    before = copy.deepcopy(data)
    first = gazetteer.from_data(data)
    assert data == before  # named patterns ("{ceasefire}") are expanded into copies, not into the caller's mapping
    again = gazetteer.from_data(data)  # so the same parsed data builds the same gazetteer twice
    assert again.stance_cues == first.stance_cues and again.attendance == first.attendance

# --- the analysis on the shipped seeds -----------------------------------------------
def test_seed_000_names_the_ten_countries_and_keeps_korea_and_iraq_as_context(draft0):
    assert set(draft0.countries) == {"GBR", "FRA", "DEU", "ITA", "JPN", "AUS", "NZL", "USA", "RUS", "UKR"}
    assert set(draft0.context) == {"KOR", "PRK", "IRQ"}
    assert set(draft0.organisations) == {"NATO", "UN"}


def test_seed_000_finds_300_billion_euros_and_24000_soldiers(draft0):
    figs = {(f.value, f.unit, f.approximate) for f in draft0.figures}
    assert figs == {(300_000_000_000, "EUR", False), (24_000, "soldiers", False)}


def test_seed_004_finds_35_countries_and_around_30_nations(draft4):
    assert {(f.value, f.unit, f.approximate) for f in draft4.figures} == {(35, "countries", False),
                                                                           (30, "nations", True)}


def test_tokyo_declined_becomes_a_japan_join_declined_suggestion_quoting_the_sentence(draft0):
    (s,) = [s for s in draft0.stances if s.country == "JPN"]
    assert (s.issue, s.position, s.cue) == ("join", "declined", "declined")
    assert s.quote == "Starmer also attempted to bring Japan into the coalition, but Tokyo declined to join for now."
    assert "Japan" not in {draft0.countries["GBR"].name} and all(x.issue != "join" or x.position != "declined"
                                                                 for x in draft0.countries["GBR"].stances)


def test_would_not_without_a_un_resolution_gives_conditional_troops_and_un_mandate(draft0):
    ita = {(s.issue, s.position) for s in draft0.countries["ITA"].stances}
    assert ita == {("troops", "declined_conditional"), ("un_mandate", "required")}
    assert {s.conditions for s in draft0.countries["ITA"].stances} == {"Without a UN resolution."}


def test_a_clause_after_while_goes_to_its_own_subject(draft0):
    by = {(s.country, s.issue): s.position for s in draft0.stances if s.issue == "frozen_assets"}
    assert by == {("GBR", "frozen_assets"): "use_principal", ("FRA", "frozen_assets"): "oppose_principal",
                  ("DEU", "frozen_assets"): "oppose_principal"}


def test_objects_of_a_preposition_get_no_stance(draft4):
    # "supplying weapons and intelligence to British and French troops": not a French pledge
    assert not [s for s in draft4.stances if "Sunday Times" in s.quote]
    # "the chances of a ceasefire between Russia and Ukraine"
    assert not [s for s in draft4.stances if s.country in ("RUS", "UKR")]


def test_a_quotation_keeps_its_speaker(draft0):
    (s,) = [s for s in draft0.stances if s.quote.startswith("\u201cSanctions must continue")]
    assert (s.country, s.issue, s.position, s.rule) == ("GBR", "sanctions", "maintain", "the speaker")


def test_every_suggested_quote_is_found_in_the_seed(draft0, draft4):
    from coalition.quotes import locate
    n = 0
    for d, seed in ((draft0, SEED0), (draft4, SEED4)):
        text = seed.read_text(encoding="utf-8")
        quotes = [s.quote for s in d.stances] + [q for e in d.events for q in e.quotes] + [f.quote for f in d.figures]
        for q in quotes:
            assert locate(q, text) is not None, q
            n += 1
    assert n > 40


def test_events_of_seed_000_are_dated_from_their_phrases(draft0):
    ev = {(e.kind, e.date, e.status) for e in draft0.events}
    assert ("meeting", dt.date(2025, 3, 20), "planned") in ev  # "next Thursday"
    assert ("meeting", dt.date(2025, 3, 15), "held") in ev  # "yesterday's virtual summit"
    ctx = sorted((e.date.year, e.precision) for e in draft0.events if e.context)
    assert ctx == [(1953, "year"), (2003, "year")]
    (thursday,) = [e for e in draft0.events if e.date == dt.date(2025, 3, 20)]
    assert len(thursday.quotes) == 2 and "'next Thursday'" in thursday.basis  # both mentions, one event


def test_events_of_seed_004_include_the_weekend_range_and_the_planned_call(draft4):
    ev = {(e.kind, e.date, e.date_end, e.precision, e.status) for e in draft4.events}
    assert ("meeting", dt.date(2025, 3, 15), dt.date(2025, 3, 16), "range", "held") in ev
    assert ("call", dt.date(2025, 3, 18), None, "day", "planned") in ev


def test_source_block_id_from_the_file_name_and_boilerplate(draft0):
    s = draft0.source
    assert (s["id"], s["outlet"], s["published"], s["published_basis"]) == (
        "s000", "unknown", "2025-03-16", "given on the command line")
    assert "title" not in s  # the first line is "Image placeholder", then a sentence
    assert s["boilerplate"] == ["Image placeholder", "Comment", "To post a comment, you have to login first",
                                "Login", "No Comments Yet..."]
    assert suggest.source_id_for("seeds/NEW article.txt") == "s_new_article"


def test_a_headline_first_line_becomes_the_title():
    d = suggest.suggest(FIXTURE.read_text(encoding="utf-8"), dt.date(2025, 3, 28), "seeds/paris_talks.txt")
    assert d.source["title"] == "Paris talks leave coalition’s troop question open"


# --- the draft file ---------------------------------------------------------------------
def test_the_draft_loads_with_a_safe_yaml_loader(draft0, draft4):
    for d in (draft0, draft4):
        text = suggest.render(d)
        plain = yaml.safe_load(text)
        ours = yamlio.loads(text)  # the project's loader: no aliases, no duplicate keys
        assert set(plain) == {"sources", "countries", "events", "figures"}
        assert len(ours["events"]) == len(d.events) > 0
        assert all("suggested" in st for c in plain["countries"].values() for st in c.get("stances", []))


def merge(data: dict, draft: dict, strip: bool = True) -> dict:
    """The curator's merge step, done mechanically (what the README tells a person to do)."""
    def clean(rec):
        return {k: v for k, v in rec.items() if not (strip and k == "suggested")}

    data["sources"].extend(draft["sources"])
    for code, c in draft["countries"].items():
        target = data["countries"].setdefault(code, {"name": c["name"], "region": c["region"]})
        have = {p["name"] for p in target.get("people") or []}
        people = [p for p in c.get("people") or [] if p["name"] not in have]
        if people:
            target.setdefault("people", []).extend(people)
        if c.get("stances"):
            target.setdefault("stances", []).extend(clean(s) for s in c["stances"])
    data["events"].extend(clean(e) for e in draft["events"])
    data["figures"].extend(clean(f) for f in draft["figures"])
    return data


def project_with(tmp_path: Path, article: Path) -> Path:
    (tmp_path / "data").mkdir()
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(article, tmp_path / "seeds" / article.name)
    shutil.copy(DATA, tmp_path / "data" / "coalition.yaml")
    return tmp_path


def test_a_merged_draft_validates_once_the_suggested_lines_are_gone(tmp_path):
    root = project_with(tmp_path, FIXTURE)
    out = tmp_path / "draft.yaml"
    data_file = root / "data" / "coalition.yaml"
    seed, _ = add_seed(root, "010", FIXTURE.read_text(encoding="utf-8"))  # as add-seed names it
    r = cli("suggest", str(root / seed), "--published", "2025-03-28", "--out", str(out),
            "--id", "s010", "--outlet", "Invented Wire", "--data", str(data_file))
    assert r.returncode == 0, r.stderr
    assert "warning" not in r.stdout  # the article is in the seeds/ of the project it will be merged into
    draft = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert draft["sources"][0]["file"] == seed

    unreviewed = merge(yaml.safe_load(DATA.read_text(encoding="utf-8")), draft, strip=False)
    data_file.write_text(yaml.safe_dump(unreviewed, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, problems = check(data_file)
    assert problems and all("suggested" in p.where and "unknown field" in p.what for p in problems)

    merged = merge(yaml.safe_load(DATA.read_text(encoding="utf-8")), draft)
    data_file.write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ds, problems = check(data_file)
    assert problems == [], "\n".join(map(str, problems))
    assert ds.counts["sources"] == 3 and ds.counts["quotes"] > 50 + 10


def test_suggest_refuses_to_overwrite_a_draft_unless_forced(tmp_path):
    out = tmp_path / "d.yaml"
    out.write_text("# my edits\n", encoding="utf-8")
    r = cli("suggest", str(SEED0), "--published", "2025-03-16", "--out", str(out))
    assert r.returncode == 2
    assert "already exists; not overwriting it" in r.stderr and "--force" in r.stderr
    assert out.read_text(encoding="utf-8") == "# my edits\n"
    r = cli("suggest", str(SEED0), "--published", "2025-03-16", "--out", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("# ====")


def test_suggest_never_writes_over_the_data_or_into_seeds(tmp_path):
    before = DATA.read_bytes()
    r = cli("suggest", str(SEED0), "--published", "2025-03-16", "--out", str(DATA), "--force")
    assert r.returncode == 2 and "refusing" in r.stderr
    r = cli("suggest", str(SEED0), "--published", "2025-03-16", "--out", str(ROOT / "seeds" / "x.yaml"))
    assert r.returncode == 2 and not (ROOT / "seeds" / "x.yaml").exists()
    assert DATA.read_bytes() == before


def test_suggest_writes_drafts_slash_stem_by_default_and_prints_a_summary(tmp_path):
    r = cli("suggest", str(SEED4), "--published", "2025-03-17", "--outlet", "The European Conservative",
            cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "drafts" / "004_87bcee758dff4290.yaml"
    assert out.is_file()
    assert "Wrote drafts/004_87bcee758dff4290.yaml" in r.stdout
    assert "countries named as actors: 6 (FRA, GBR, ITA, RUS, UKR, USA)" in r.stdout
    src = yaml.safe_load(out.read_text(encoding="utf-8"))["sources"][0]
    assert (src["id"], src["outlet"], src["file"]) == ("s004", "The European Conservative",
                                                      "seeds/004_87bcee758dff4290.txt")


@pytest.mark.parametrize("args, message", [
    (["--published", "2025-02-30"], "is not a date"),
    (["--published", "2025-03-16", "--out", "{tmp}/x.yaml", "MISSING"], "article not found"),
])
def test_suggest_bad_usage_exits_2_with_a_message(tmp_path, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    seed = [] if "MISSING" in args else [str(SEED0)]
    args = [str(tmp_path / "missing.txt") if a == "MISSING" else a for a in args]
    r = cli("suggest", *seed, *args)
    assert r.returncode == 2 and message in r.stderr


# --- a third article, never in seeds/ ---------------------------------------------------
def test_an_article_outside_the_seeds_gets_a_draft_and_a_warning_to_copy_it(tmp_path):
    article = tmp_path / "paris_talks.txt"
    shutil.copy(FIXTURE, article)
    out = tmp_path / "paris.yaml"
    r = cli("suggest", str(article), "--published", "2025-03-28", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "copy it unchanged to seeds/paris_talks.txt" in r.stdout
    d = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert set(d["countries"]) == {"BEL", "CAN", "FRA", "GBR", "ITA", "POL", "RUS", "TUR", "UKR", "USA"}
    assert "BIH" in out.read_text(encoding="utf-8").split("Named only as context")[1]  # Bosnia 1995: context
    stances = {(c, s["issue"], s["position"]) for c, v in d["countries"].items() for s in v.get("stances", [])}
    assert {("POL", "troops", "declined"), ("CAN", "join", "considering"), ("BEL", "frozen_assets", "oppose_principal"),
            ("TUR", "troops", "undecided"), ("USA", "us_backstop", "unclear")} <= stances
    events = {(e["kind"], e["date"], e["status"]) for e in d["events"]}
    assert ("meeting", "2025-03-27", "held") in events  # "met in Paris on Thursday"
    assert ("meeting", "2025-04-01", "planned") in events  # "will meet again in Brussels on Tuesday"
    figs = {(f["value"], f["unit"], f.get("approximate", False)) for f in d["figures"]}
    assert figs == {(30, "countries", True), (210_000_000_000, "EUR", False), (60_000, "troops", True)}


def test_the_evaluation_script_prints_the_readme_tables():
    # --only seeds: the test never runs the held-out evaluation articles (they are kept apart)
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_suggest.py"), "--only", "seeds"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    s000 = next(x for x in lines if x.startswith("| s000") and "countries" not in x and x.count("|") == 9)
    assert s000.split("|")[2].strip() == "8 / 8"  # countries found / expected
    assert any(x.startswith("| fixture northwood_chiefs.txt") for x in lines)
