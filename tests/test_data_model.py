"""The data model for what real articles say (issue 15, part 2): counted groups, organisations,
attendance, dated figures, undated and "after" events, stance date precision, and sources with a
checksum and a naming rule. Each kind is validated (a wrong one names its line and record), reaches
the frames, and shows on the pages where readers look for it (the grown copy of tests/test_live_data)."""
from __future__ import annotations

import pandas as pd
import pytest

from apptest_support import clean, run, text_of
from coalition import check, filters, load_frames


# 1. validation ----------------------------------------------------------------------------------------
def problems_after(scratch, old: str, new: str) -> list[str]:
    scratch.replace(old, new)
    _, problems = check(scratch.path)
    return [f"{p.where}: {p.what}" for p in problems]


def test_an_edited_seed_is_caught_by_its_checksum(scratch):
    seed = next((scratch.root / "seeds").glob("004_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "One more sentence.\n", encoding="utf-8")
    _, problems = check(scratch.path)
    assert [p.where for p in problems] == ["sources[1].sha256"], problems
    assert "has changed since it was recorded" in problems[0].what and "never edited" in problems[0].what


def test_a_missing_or_malformed_checksum_is_refused(scratch):
    found = problems_after(scratch, "    sha256: ", "    sha256: abc\n    x_sha256: ")
    assert any(p.startswith("sources[0].sha256: 'abc' is not a SHA-256 checksum") for p in found), found


@pytest.mark.parametrize(("name", "expected"), [
    ("seeds/000_new.txt", "does not follow the naming rule seeds/NNN_<hash>.txt"),
    ("seeds/000_3B4EB8E4F72C0423.txt", "does not follow the naming rule"),
    ("seeds/sub/000_3b4eb8e4f72c0423.txt", "does not follow the naming rule"),
])
def test_the_seed_naming_rule_is_checked(scratch, name, expected):
    target = scratch.root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((scratch.root / "seeds" / "000_3b4eb8e4f72c0423.txt").read_bytes())
    found = problems_after(scratch, "file: seeds/000_3b4eb8e4f72c0423.txt", f"file: {name}")
    assert any(p.startswith("sources[0].file: ") and expected in p for p in found), found


def test_the_seed_number_must_be_the_source_number(scratch):
    found = problems_after(scratch, "  - id: s000\n", "  - id: s001\n")
    assert any("the file's number 000 is not the source's (s001)" in p for p in found), found


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    outlet: unknown\n", "    outlet: unknown\n    url: javascript:alert(1)\n", "is not a web address"),
    ("    outlet: unknown\n", "    outlet: unknown\n    retrieved: \"2025-03-01\"\n",
     "a text cannot be taken before it is published"),
])
def test_a_source_address_and_retrieval_date_are_checked(scratch, old, new, expected):
    assert any(expected in p for p in problems_after(scratch, old, new))


STANCE_DATE = '        date: "2025-03-16"\n        date_basis: "Present tense in s000, published 2025-03-16."\n'


@pytest.mark.parametrize(("extra", "expected"), [
    ('        date_precision: range\n', "a range needs date_end"),
    ('        date_end: "2025-03-16"\n', "is only for a date range"),
    ('        date_precision: week\n', "'week' is not one of: day, range, approximate"),
    ('        date_precision: range\n        date_end: "2025-03-10"\n', "is before the start date"),
])
def test_a_stance_date_precision_is_checked(scratch, extra, expected):
    found = problems_after(scratch, STANCE_DATE, STANCE_DATE + extra)
    assert any(p.startswith("countries.GBR.stances[0].") and expected in p for p in found), found


GROUP = """groups:
  - id: counted
    name: "Countries committed"
    count: {count}
    issue: troops
    position: {position}
    date: "2025-03-16"
    date_basis: "s000"
    members: {members}
    confidence: reported
    summary: "Counted."
    evidence:
      - source: s000
        quote: "The UK and France are spearheading a volunteer coalition"
"""


@pytest.mark.parametrize(("fields", "expected"), [
    ({"count": 1, "position": "committed", "members": "[GBR, FRA]"}, "names 2 countries, more than its count of 1"),
    ({"count": 5, "position": "committed", "members": "[GBR, XYZ]"}, "'XYZ' is not a country in this file"),
    ({"count": 5, "position": "joined", "members": "[GBR]"}, "'joined' is not one of: committed"),
    ({"count": 2.5, "position": "committed", "members": "[GBR]"}, "is not a whole number of countries"),
    ({"count": 5, "position": "committed", "members": "[GBR, GBR]"}, "names a country twice"),
])
def test_a_counted_group_is_checked(scratch, fields, expected):
    scratch.write(scratch.text.rstrip("\n") + "\n" + GROUP.format(**fields))
    _, problems = check(scratch.path)
    assert any(p.where.startswith("groups[0](counted)") and expected in p.what for p in problems), problems


@pytest.mark.parametrize(("attendance", "expected"), [
    ("{country: ITA, role: spectator}", "'spectator' is not one of: leader, minister"),
    ("{country: USA, role: absent, remote: true}", "an absent country did not join remotely"),
    ("{country: ESP, role: observer}", "'ESP' is not a country in this file"),
])
def test_attendance_is_checked(scratch, attendance, expected):
    old = "    participants:\n      countries: [GBR]\n"
    found = problems_after(scratch, old, old + f"      attendance:\n        - {attendance}\n")
    assert any(".participants.attendance[0]" in p and expected in p for p in found), found


@pytest.mark.parametrize(("org", "expected"), [
    ("  nato:\n    name: NATO\n    kind: club\n", "'club' is not one of: coalition, alliance"),
    ("  nato:\n    name: NATO\n    kind: alliance\n    members: [ZZZ]\n", "'ZZZ' is not a country in this file"),
    ("  NATO:\n    name: NATO\n    kind: alliance\n", "is not a valid id"),
    ("  nato:\n    name: NATO\n    kind: alliance\n    stances:\n      - issue: nope\n        date: \"2025-03-16\"\n"
     "        date_basis: x\n        position: joined\n        summary: x\n        confidence: reported\n"
     "        evidence:\n          - source: s000\n            quote: \"The UK and France\"\n",
     "unknown issue 'nope'"),
])
def test_an_organisation_is_checked(scratch, org, expected):
    scratch.write(scratch.text.rstrip("\n") + "\norganisations:\n" + org)
    _, problems = check(scratch.path)
    assert any(p.where.startswith("organisations.") and expected in p.what for p in problems), problems


@pytest.mark.parametrize(("extra", "expected"), [
    ("    event: no_such_event\n", "unknown event 'no_such_event'"),
    ('    date: "2025-03-16"\n', "a dated figure needs date_basis"),
    ('    date: "2025-04-01"\n    date_basis: "x"\n', "is after the publication of every source cited"),
    ("    issue: troops\n    position: joined\n", "'joined' is not one of: committed"),
])
def test_a_dated_figure_is_checked(scratch, extra, expected):
    anchor = "  - id: frozen_assets_300bn\n    value: 300000000000\n"
    assert any(expected in p for p in problems_after(scratch, anchor, anchor + extra))


def test_an_event_known_only_to_come_after_a_day_is_planned(scratch):
    found = problems_after(scratch, "    date_precision: approximate\n", "    date_precision: after\n")
    assert any("an event known only to come 'after' a day is planned, not held" in p for p in found), found


# 2. disagreement and date precision -------------------------------------------------------------------
def records(*rows) -> pd.DataFrame:
    """Stance rows of one cell (GBR, troops): (date, source, position, precision, date_end)."""
    out = []
    for n, (date, source, position, precision, end) in enumerate(rows):
        out.append({"stance_id": f"GBR.troops.{n + 1}", "country": "GBR", "country_name": "United Kingdom",
                    "region": "Western Europe", "issue": "troops", "issue_short": "Sends troops",
                    "position": position, "position_label": position.capitalize(), "score": 2 if position == "yes" else -2,
                    "date": pd.Timestamp(date), "date_end": pd.Timestamp(end) if end else pd.NaT,
                    "date_precision": precision, "confidence": "reported", "summary": "", "conditions": "",
                    "quote": "q", "source": source, "outlet": source, "evidence_no": 0, "n_evidence": 1})
    return pd.DataFrame(out)


@pytest.mark.parametrize(("earlier", "disputed"), [
    (("2025-03-10", "s1", "no", "day", None), False),          # 6 days before: superseded, a change
    (("2025-03-10", "s1", "no", "approximate", None), True),   # about 10 March: may be 13 March
    (("2025-03-08", "s1", "no", "range", "2025-03-13"), True),  # 8-13 March reaches within 3 days
    (("2025-03-08", "s1", "no", "range", "2025-03-11"), False),  # ends 5 days before
])
def test_an_imprecise_date_widens_the_window_of_disagreement(earlier, disputed):
    st = records(earlier, ("2025-03-16", "s2", "yes", "day", None))
    assert bool(filters.cells(st)["disputed"].iloc[0]) is disputed
    assert bool(filters.changes(st)["disagreement"].iloc[0]) is disputed


# 3. on the pages (the grown copy: three later articles) -----------------------------------------------
@pytest.fixture(scope="module")
def grown(grown_data):
    return grown_data


def test_the_frames_carry_every_new_kind(grown):
    f = load_frames(grown)
    g = f.groups.iloc[0]
    assert (g["count"], list(g["members"]), g["position_label"]) == (26, ["FRA", "GBR"], "Committed")
    assert set(f.org_stances["country"]) == {"coalition", "eu"} and not set(f.org_stances["country"]) & set(
        f.stances["country"])  # kept apart from the countries
    summit = f.participants[f.participants["event_id"] == "paris_summit_2025_09_04"].set_index("country")
    assert summit.loc["USA", "attended_as"] == "absent" and bool(summit.loc["ITA", "remote"])
    fig = f.figures.set_index("figure_id")
    assert fig.loc["committed_26_countries", "date"] == pd.Timestamp("2025-09-04")
    assert fig.loc["leaders_35_countries", "date"] == pd.Timestamp("2025-03-17")  # undated: as of its source
    assert f.sources.set_index("source").loc["s009", "retrieved"] == pd.Timestamp("2025-09-06")


def test_the_map_says_how_many_more_countries_are_counted(grown, monkeypatch):
    monkeypatch.setenv("COALITION_DATA", str(grown))
    text = text_of(clean(run("map", issue="troops")))
    assert "Counted, not all named" in text
    assert "26 countries: Committed (Test Wire, 04 Sep 2025): France and United Kingdom named, 24 not named." in text
    assert "Counted, not all named" not in text_of(clean(run("map", issue="troops", as_of="2025-04-01")))


def test_the_matrix_shows_organisations_apart_from_countries(grown, monkeypatch):
    monkeypatch.setenv("COALITION_DATA", str(grown))
    text = text_of(clean(run("matrix")))
    assert "Organisations and the coalition itself" in text
    assert "European Union" in text and "The coalition of the willing" in text
    assert "Will keep up sanctions on Russia." in text


def test_the_country_page_shows_attendance_groups_and_imprecise_dates(grown, monkeypatch):
    monkeypatch.setenv("COALITION_DATA", str(grown))
    italy = text_of(clean(run("country", focus="ITA")))
    assert "Leaders' summit in Paris · leader, by video link" in italy
    assert "Leaders' summit in Paris · absent" in text_of(clean(run("country", focus="USA")))
    assert "Leaders' summit in Paris · observer" in text_of(clean(run("country", focus="GRC")))
    france = text_of(clean(run("country", focus="FRA")))
    assert "Named among 26 countries" in france
    spain = text_of(clean(run("country", focus="ESP", issue="troops")))
    assert "08–12 Sep 2025" in spain and "Sources disagree" in spain  # a range 3 days after the 5 Sep record


def test_the_sources_page_says_when_the_text_was_taken_and_its_checksum(grown, monkeypatch):
    monkeypatch.setenv("COALITION_DATA", str(grown))
    text = text_of(clean(run("sources", source="s009")))
    f = load_frames(grown)
    digest = f.sources.set_index("source").loc["s009", "sha256"]
    assert "taken on 6 September 2025" in text and f"checksum starts {digest[:16]}" in text


# 4. add-seed: a new article into seeds/ under the naming rule --------------------------------------------
def add_seed_cli(scratch, *args):
    import subprocess
    import sys

    from conftest import ROOT
    return subprocess.run([sys.executable, "-m", "coalition", "add-seed", *map(str, args), "--data", str(scratch.path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_add_seed_copies_the_article_unchanged_under_the_naming_rule(scratch, tmp_path):
    import hashlib
    article = tmp_path / "new.txt"
    article.write_bytes("Warsaw, 20 March 2025. Poland’s president said…\n".encode("utf-8"))
    out = add_seed_cli(scratch, article)
    assert out.returncode == 0, out.stderr
    digest = hashlib.sha256(article.read_bytes()).hexdigest()
    copied = scratch.root / "seeds" / f"005_{digest[:16]}.txt"  # one more than the highest number, 004
    assert copied.read_bytes() == article.read_bytes()
    assert f"file: seeds/{copied.name}" in out.stdout and f"sha256: {digest}" in out.stdout
    # the block it prints validates once pasted (with the placeholders filled in)
    block = out.stdout.split("\n\n")[1].replace("YYYY-MM-DD", "2025-03-20")
    scratch.replace("issues:\n", block.rstrip("\n") + "\n\nissues:\n")
    _, problems = check(scratch.path)
    assert not problems, problems
    again = add_seed_cli(scratch, article)
    assert again.returncode == 2 and f"already in seeds/ as {copied.name}" in again.stderr


@pytest.mark.parametrize(("content", "args", "expected"), [
    ("", (), "is empty"),
    ("text\n", ("--number", "4"), "is not a number of 3 or more digits"),
    ("text\n", ("--number", "004"), "number 004 is taken by 004_87bcee758dff4290.txt"),
    (b"\xff\xfe bad", (), "is not UTF-8 text"),
])
def test_add_seed_refuses_bad_input_with_a_clear_message(scratch, tmp_path, content, args, expected):
    article = tmp_path / "new.txt"
    article.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = add_seed_cli(scratch, article, *args)
    assert out.returncode == 2 and expected in out.stderr, out.stderr
    assert sorted(p.name for p in (scratch.root / "seeds").iterdir()) == \
        ["000_3b4eb8e4f72c0423.txt", "004_87bcee758dff4290.txt"]  # nothing written


def test_the_data_version_and_span_count_every_dated_record(grown):
    from coalition.views import cite
    f = load_frames(grown)
    # the latest country record is of 8 September; the EU's stance and a figure are of 13 September
    assert f.stances["date"].max() == pd.Timestamp("2025-09-08")
    assert str(cite.version(f, "abc").latest) == "2025-09-13" and cite.span(f) == "March–September 2025"


def test_an_organisation_quoted_from_an_article_of_unknown_outlet_reads_outlet_unknown(scratch, monkeypatch):
    """The data says ``outlet: unknown``; a reader sees "outlet unknown", never a bare "(unknown, ...)"."""
    scratch.write(scratch.text + """
organisations:
  coalition:
    name: The coalition of the willing
    kind: coalition
    stances:
      - issue: troops
        date: "2025-03-16"
        date_basis: Present tense in s000.
        position: committed
        summary: The coalition aims to deploy troops to Ukraine.
        confidence: reported
        evidence:
          - source: s000
            quote: "The UK and France are spearheading a volunteer coalition aimed at deploying troops to Ukraine"
""")
    monkeypatch.setenv("COALITION_DATA", str(scratch.path))
    text = text_of(clean(run("matrix")))
    assert "Organisations and the coalition itself" in text
    assert "(outlet unknown, 16 Mar 2025)" in text and "(unknown, " not in text


def test_an_unknown_outlet_is_named_one_way_everywhere():
    """One rule for every view (matrix table, timeline hover, group sentences, captions, dialogs): the data's
    "unknown", an empty or missing outlet all read "outlet unknown"; a real name is kept (spaces tidied)."""
    import math

    from coalition.render import caption
    from coalition.views import cite
    for missing in ("unknown", "Unknown", " unknown ", "", None, math.nan):
        assert cite.outlet_shown(missing) == cite.UNKNOWN_OUTLET == "outlet unknown"
    assert cite.outlet_shown("The  Unknown Herald") == "The Unknown Herald"  # a name containing the word stays
    assert caption.outlets(["unknown"]) == [cite.UNKNOWN_OUTLET]
