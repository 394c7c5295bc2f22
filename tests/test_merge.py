"""`python -m coalition merge drafts/NNN.yaml` and `validate drafts/NNN.yaml` (issue 14, "Merge and check in
one step"), on a scratch copy of the frozen project (tests/conftest.py: Scratch)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coalition import merge
from coalition.__main__ import main
from coalition.validate import check

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "paris_talks.txt"

# An invented article (never cite it): short, with one sentence per record of the draft below.
ARTICLE = """\
Coalition ministers meet in Oslo (invented test article)

Norway said on Tuesday that it would send troops to Ukraine once a ceasefire holds.
Spain's Pedro Sánchez said Madrid was considering a contribution to the force.
Italian Foreign Minister Antonio Tajani said Italy would still not send soldiers.
Russia's Foreign Minister Sergei Lavrov called the plan a provocation.
Ukraine's Volodymyr Zelensky urged the partners to keep pressing for talks.
Ministers from around 12 countries met in Oslo on Tuesday.
"""

# A reviewed draft as `suggest` writes it (its comments, markers and quoting), the `suggested:` lines gone
DRAFT = """\
# =============================================================================
# DRAFT records suggested by `python -m coalition suggest` from {file}
# =============================================================================

sources:
  - id: "s010"
    file: "{file}"
    sha256: "{sha256}"
    outlet: "Invented Wire"
    # title: not found (the first line does not look like a headline)
    published: "2025-03-26"
    published_basis: "given on the command line"
    boilerplate:   # lines that look like web-page leftovers: check
      - "(invented test article)"

countries:
  ITA:   # already in data/coalition.yaml: merge its people and stances only
    name: "Italy"
    region: "Southern Europe"
    # named as: Italian (adjective), Italy
    people:
      - {{name: "Giorgia Meloni", role: "Prime Minister"}}   # already listed
      - {{name: "Antonio Tajani", role: "Foreign Minister"}}
    stances:
{suggested}      - issue: troops
        date: "2025-03-25"
        date_basis: "Reported in s010, published 2025-03-26."
        position: declined
        summary: "Tajani said Italy would still not send soldiers."
        confidence: reported
        evidence:
          - source: "s010"
            quote: "Italian Foreign Minister Antonio Tajani said Italy would still not send soldiers."
  NOR:
    name: "Norway"
    region: "Northern Europe"
    # named as: Norway
    stances:
      - issue: troops
        date: "2025-03-25"
        date_basis: "'on Tuesday' in s010, published Wednesday 2025-03-26."
        position: committed
        summary: >-
          Will send troops # once a ceasefire holds
          (the '#' here is text, not a comment).
        confidence: reported
        evidence:
          - source: "s010"
            quote: "Norway said on Tuesday that it would send troops to Ukraine once a ceasefire holds."
  RUS:   # already in data/coalition.yaml: merge its people and stances only
    name: "Russia"
    region: "Eastern Europe"
    people:
      - {{name: "Sergei Lavrov", role: "Foreign Minister"}}
    stances:
      - issue: ceasefire_talks
        date: "2025-03-26"
        date_basis: "Reported in s010, published 2025-03-26."
        position: resisting
        summary: "Lavrov called the plan a provocation."
        confidence: reported
        evidence:
          - source: "s010"
            quote: "{lavrov}"
  UKR:   # already in data/coalition.yaml: merge its people and stances only
    name: "Ukraine"
    region: "Eastern Europe"
    people:
      - {{name: "Volodymyr Zelensky", role: "President"}}
    stances:
      - issue: ceasefire_talks
        date: "2025-03-26"
        date_basis: "Reported in s010, published 2025-03-26."
        position: pushing
        summary: "Zelensky urged the partners to keep pressing for talks."
        confidence: reported
        evidence:
          - source: "s010"
            quote: "Ukraine's Volodymyr Zelensky urged the partners to keep pressing for talks."
  ESP:
    name: "Spain"
    region: "Southern Europe"
    people:
      - {{name: "Pedro Sánchez", role: "Prime Minister"}}
    stances:
      - issue: troops
        date: "2025-03-26"
        date_basis: "Reported in s010, published 2025-03-26."
        position: undecided
        summary: "Sánchez said Madrid was considering a contribution."
        confidence: reported
        evidence:
          - source: "s010"
            quote: "Spain's Pedro Sánchez said Madrid was considering a contribution to the force."

events:
  - id: oslo_ministers_2025_03_25
    title: "Coalition ministers meet in Oslo"
    date: "2025-03-25"
    date_precision: day
    date_basis: "'on Tuesday' in s010, published Wednesday 2025-03-26."
    kind: meeting
    status: held
    participants:
      countries: [NOR]
    issues: [troops]
    summary: "Ministers from about 12 countries met in Oslo."
    evidence:
      - source: "s010"
        quote: "Ministers from around 12 countries met in Oslo on Tuesday."

figures:
  - id: oslo_countries_12
    value: 12
    approximate: true
    unit: countries
    counts: "Countries whose ministers met in Oslo."
    evidence:
      - source: "s010"
        quote: "Ministers from around 12 countries met in Oslo on Tuesday."

# Organisations named (not countries, so no country records):
#   NATO: NATO
"""
LAVROV = "Russia's Foreign Minister Sergei Lavrov called the plan a provocation."


@pytest.fixture
def project(scratch):
    """The scratch project with the invented article in seeds/ and a reviewed draft in drafts/."""
    scratch.file, scratch.sha256 = scratch.add_seed("010", ARTICLE)
    (scratch.root / "drafts").mkdir()
    scratch.draft = scratch.root / "drafts" / Path(scratch.file).with_suffix(".yaml").name
    write_draft(scratch)
    return scratch


def write_draft(project, suggested: str = "", lavrov: str = LAVROV, extra: str = "") -> Path:
    text = DRAFT.format(file=project.file, sha256=project.sha256, suggested=suggested, lavrov=lavrov) + extra
    project.draft.write_text(text, encoding="utf-8")
    return project.draft


def run(capsys, *args):
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def is_subsequence(old: list[str], new: list[str]) -> bool:
    it = iter(new)
    return all(any(line == other for other in it) for line in old)


def records(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- a merge that works -----------------------------------------------------------------------
def test_merge_adds_every_record_where_it_belongs_and_keeps_every_old_line(project, capsys):
    before = project.path.read_text(encoding="utf-8")
    code, out, err = run(capsys, "merge", project.draft, "--data", project.path)
    assert code == 0, err
    assert ("Merged s010: 1 source, 5 stances (2 new countries: NOR, ESP), 4 people, 1 event, 1 figure into "
            in out) and out.rstrip().endswith("git diff " + str(project.path))
    after = project.path.read_text(encoding="utf-8")
    assert is_subsequence(before.splitlines(), after.splitlines())  # nothing old changed, moved or went
    assert after.count("\n# ") >= before.count("\n# ") > 50  # the data file's header comments are all there
    # the draft's comments did not come along; a '#' inside a folded text did
    assert "named as" not in after and "already listed" not in after and "already in data" not in after
    assert "# lines that look like web-page leftovers" not in after and "title: not found" not in after
    assert "Will send troops # once a ceasefire holds" in after

    data, old = records(project.path), yaml.safe_load(before)
    assert [s["id"] for s in data["sources"]] == [s["id"] for s in old["sources"]] + ["s010"]
    assert data["sources"][-1]["boilerplate"] == ["(invented test article)"]
    assert list(data["countries"]) == list(old["countries"]) + ["NOR", "ESP"]  # new ones last, the rest in place
    ita = data["countries"]["ITA"]
    assert [p["name"] for p in ita["people"]] == ["Giorgia Meloni", "Antonio Tajani"]  # Meloni once
    assert ita["stances"][:-1] == old["countries"]["ITA"]["stances"] and ita["stances"][-1]["position"] == "declined"
    rus = data["countries"]["RUS"]  # had people, no stances: `stances:` created
    assert [p["name"] for p in rus["people"]] == ["Vladimir Putin", "Sergei Lavrov"]
    assert [s["position"] for s in rus["stances"]] == ["resisting"]
    ukr = data["countries"]["UKR"]  # had neither: both created, people first (the data file's field order)
    assert list(ukr) == ["name", "region", "people", "stances"]
    assert data["countries"]["ESP"]["people"] == [{"name": "Pedro Sánchez", "role": "Prime Minister"}]
    assert data["events"][-1]["id"] == "oslo_ministers_2025_03_25" and data["figures"][-1]["id"] == "oslo_countries_12"
    assert [e["id"] for e in data["events"][:-1]] == [e["id"] for e in old["events"]]

    # laid out like the rest of the file: same indentation, blank lines between countries and events
    assert "\n  UKR:\n    name: Ukraine\n    region: Eastern Europe\n    people:\n      - {name: \"Volodymyr" in after
    assert "\n\n  NOR:\n    name: \"Norway\"\n" in after and "\n\n  - id: oslo_ministers_2025_03_25\n" in after
    ds, problems = check(project.path)
    assert problems == [] and ds.counts["sources"] == 3


def test_a_merged_file_is_written_in_one_step_and_leaves_no_temporary_file(project, capsys):
    mode = 0o640
    os.chmod(project.path, mode)
    code, _, err = run(capsys, "merge", project.draft, "--data", project.path)
    assert code == 0, err
    assert sorted(p.name for p in project.path.parent.iterdir()) == ["coalition.yaml"]
    assert project.path.stat().st_mode & 0o777 == mode


def test_people_already_listed_are_not_added_twice_even_spelled_with_other_spaces(project, capsys):
    text = project.draft.read_text(encoding="utf-8").replace('{name: "Antonio Tajani"', '{name: "Giorgia  Meloni"')
    project.draft.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "merge", project.draft, "--data", project.path)
    assert code == 0, err
    assert [p["name"] for p in records(project.path)["countries"]["ITA"]["people"]] == ["Giorgia Meloni"]
    assert "3 people" in out


def test_groups_and_organisations_are_added_and_their_sections_created(project, capsys):
    extra = """
groups:
  - id: oslo_12
    name: "Countries whose ministers met in Oslo"
    count: 12
    approximate: true
    issue: join
    position: joined
    date: "2025-03-25"
    date_basis: "'on Tuesday' in s010, published Wednesday 2025-03-26."
    members: [NOR]
    confidence: reported
    summary: "About 12 countries met in Oslo."
    evidence:
      - source: "s010"
        quote: "Ministers from around 12 countries met in Oslo on Tuesday."

organisations:
  coalition:
    name: "The coalition of the willing"
    kind: coalition
"""
    write_draft(project, extra=extra)
    assert "groups:" not in project.text and "organisations:" not in project.text  # the frozen file has neither
    code, out, err = run(capsys, "merge", project.draft, "--data", project.path)
    assert code == 0, err
    assert "1 group, 1 organisation" in out
    data = records(project.path)
    assert data["groups"][0]["id"] == "oslo_12" and data["organisations"]["coalition"]["kind"] == "coalition"
    assert is_subsequence(project.text.splitlines(), project.path.read_text(encoding="utf-8").splitlines())


# --- refusals: the data file is untouched -------------------------------------------------------------
def test_merge_refuses_while_a_suggested_line_is_left_and_names_it(project, capsys):
    write_draft(project, suggested="      - suggested: \"cue 'not send' -> troops: declined\"\n        issue: troops\n"
                                   "        date: \"2025-03-25\"\n        date_basis: \"x\"\n        position: declined\n"
                                   "        summary: \"x\"\n        confidence: reported\n        evidence:\n"
                                   "          - source: \"s010\"\n            quote: \"Italy would still not send soldiers\"\n")
    before = project.path.read_bytes()
    line = project.draft.read_text(encoding="utf-8").splitlines().index(
        "      - suggested: \"cue 'not send' -> troops: declined\"") + 1
    code, _, err = run(capsys, "merge", project.draft, "--data", project.path)
    assert code == 1
    assert f"{project.draft}:{line}: countries.ITA.stances[0].suggested: a `suggested:` line is left" in err
    assert "unchanged" in err
    assert project.path.read_bytes() == before


def test_merge_refuses_a_quote_not_in_the_article_and_shows_the_validators_problem_at_the_drafts_line(
        project, capsys):
    write_draft(project, lavrov="Lavrov called the plan a provocation, and more.")
    line = next(i for i, row in enumerate(project.draft.read_text(encoding="utf-8").splitlines(), 1)
                if "and more." in row)
    before = project.path.read_bytes()
    code, out, err = run(capsys, "merge", project.draft, "--data", project.path)
    assert code == 1 and out == ""
    rows = [row for row in err.splitlines() if ".quote" in row]
    assert len(rows) == 1, err
    problem = rows[0]
    assert problem.startswith(f"{project.draft}:{line}: countries.RUS.stances[0].evidence[0].quote")
    assert "not found" in problem
    assert "Not merged" in err and "unchanged" in err
    assert project.path.read_bytes() == before
    assert sorted(p.name for p in project.path.parent.iterdir()) == ["coalition.yaml"]


def test_merge_refuses_a_source_already_in_the_data(project, capsys):
    assert run(capsys, "merge", project.draft, "--data", project.path)[0] == 0
    before = project.path.read_bytes()
    code, _, err = run(capsys, "merge", project.draft, "--data", project.path)
    assert code == 1
    assert "source 's010' is already in" in err and "same id, file and SHA-256" in err
    assert "merged already" in err and "1 problem(s)" in err  # not one line per event id as well
    assert project.path.read_bytes() == before


def test_merge_refuses_ids_the_data_already_uses(project, capsys):
    text = project.draft.read_text(encoding="utf-8").replace("oslo_countries_12", "frozen_assets_300bn")
    text = text.replace("id: oslo_ministers_2025_03_25", "id: london_summit_2025_03_02")
    project.draft.write_text(text, encoding="utf-8")
    before = project.path.read_bytes()
    code, _, err = run(capsys, "merge", project.draft, "--data", project.path)
    assert code == 1
    assert "event id 'london_summit_2025_03_02' is already used in" in err
    assert "figure id 'frozen_assets_300bn' is already used in" in err
    assert project.path.read_bytes() == before


def test_merge_of_a_missing_draft_is_bad_usage(project, capsys):
    code, _, err = run(capsys, "merge", project.root / "drafts" / "nothing.yaml", "--data", project.path)
    assert code == 2 and "draft not found" in err


def test_merge_refuses_a_data_file_given_as_the_draft(project, capsys):
    other = project.root / "copy.yaml"
    shutil.copy(project.path, other)
    code, _, err = run(capsys, "merge", other, "--data", project.path)
    assert code == 1 and "this is a data file, not a draft" in err


# --- validate drafts/NNN.yaml -----------------------------------------------------------------------
def test_validate_of_a_reviewed_draft_checks_it_merged_in_memory(project, capsys, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("COALITION_CACHE", str(cache))
    before = project.path.read_bytes()
    code, out, err = run(capsys, "validate", project.draft, "--data", project.path)
    assert code == 0, err
    assert "valid merged (in memory)" in out and "5 stances" in out and "Next: python -m coalition merge" in out
    assert project.path.read_bytes() == before  # nothing written
    assert not cache.exists() or not any(cache.iterdir())  # the frames cache is for data versions that exist
    assert run(capsys, "validate", "--data", project.path)[0] == 0 and any(cache.iterdir())  # (as validate does)


def test_validate_of_a_draft_reports_suggested_lines_and_bad_quotes_at_the_drafts_lines(project, capsys):
    write_draft(project, lavrov="Lavrov called the plan a provocation, and more.",
                suggested="      - suggested: \"cue -> troops: declined\"\n        issue: troops\n"
                          "        date: \"2025-03-25\"\n        date_basis: \"x\"\n        position: declined\n"
                          "        summary: \"x\"\n        confidence: reported\n        evidence:\n"
                          "          - source: \"s010\"\n            quote: \"Italy would still not send soldiers\"\n")
    rows = project.draft.read_text(encoding="utf-8").splitlines()
    sline = rows.index("      - suggested: \"cue -> troops: declined\"") + 1
    qline = next(i for i, row in enumerate(rows, 1) if "and more." in row)
    code, out, err = run(capsys, "validate", project.draft, "--data", project.path)
    assert code == 1
    assert f"{project.draft}:{sline}: countries.ITA.stances[0].suggested: a `suggested:` line is left" in err
    assert f"{project.draft}:{qline}: countries.RUS.stances[0].evidence[0].quote" in err
    assert "unknown field" not in err  # the `suggested:` line is said once, plainly
    assert "2 problem(s) found." in err


def test_validate_of_a_full_data_file_given_as_file_validates_it(project, capsys):
    code, out, err = run(capsys, "validate", project.path)
    assert code == 0, err
    assert out.startswith(f"{project.path}: valid.") or ": valid." in out


def test_a_file_under_drafts_or_without_issues_is_a_draft(tmp_path):
    (tmp_path / "drafts").mkdir()
    assert merge.is_draft(tmp_path / "drafts" / "x.yaml", "issues:\n")
    assert merge.is_draft(tmp_path / "x.yaml", "sources:\n  - id: s1\n# issues: none\n")
    assert not merge.is_draft(tmp_path / "x.yaml", "sources: []\nissues:\n  - id: join\n")


# --- a text merge keeps what it cannot see: comments inside the data file's blocks ---------------------
def test_comments_and_layout_inside_the_data_file_stay_where_they_were(project, capsys):
    project.replace("  UKR:\n    name: Ukraine\n", "  UKR:\n    # a curator's note about Ukraine\n    name: Ukraine\n")
    project.replace("figures:\n", "figures:   # numbers with their sentence\n")
    before = project.path.read_text(encoding="utf-8")
    code, _, err = run(capsys, "merge", project.draft, "--data", project.path)
    assert code == 0, err
    after = project.path.read_text(encoding="utf-8")
    assert is_subsequence(before.splitlines(), after.splitlines())
    assert "  UKR:\n    # a curator's note about Ukraine\n    name: Ukraine\n" in after
    assert "figures:   # numbers with their sentence\n" in after


# --- end to end: add-seed -> suggest -> review -> merge -> validate -----------------------------------------
def cli(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "coalition", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_end_to_end_add_seed_suggest_review_merge_validate(scratch):
    data = scratch.path
    r = cli("add-seed", FIXTURE, "--data", data, cwd=scratch.root)
    assert r.returncode == 0, r.stderr
    seed = re.search(r"seeds/\S+\.txt", r.stdout).group()
    r = cli("suggest", seed, "--published", "2025-03-28", "--outlet", "Invented Wire", "--data", data, "--quiet",
            cwd=scratch.root)
    assert r.returncode == 0, r.stderr
    draft = scratch.root / "drafts" / (Path(seed).stem + ".yaml")
    assert draft.is_file()

    r = cli("merge", draft, "--data", data, cwd=scratch.root)  # not reviewed yet: refused
    assert r.returncode == 1 and "a `suggested:` line is left" in r.stderr
    assert data.read_text(encoding="utf-8") == scratch.text

    # the review, done mechanically: each `suggested:` line (the second of its record) is deleted ...
    text = draft.read_text(encoding="utf-8")
    assert not re.search(r"^ *- suggested:", text, re.M)  # never a record's first line: deleting it keeps the dash
    reviewed = re.sub(r"^ *suggested: .*\n", "", text, flags=re.M)
    assert not re.search(r"^[ -]*suggested:", reviewed, re.M)
    draft.write_text(reviewed, encoding="utf-8")
    r = cli("merge", draft, "--data", data, cwd=scratch.root)  # ... but the summaries are still placeholders
    assert r.returncode == 1 and "summary is still the draft's TODO placeholder" in r.stderr
    assert data.read_text(encoding="utf-8") == scratch.text
    # ... and each summary is written
    reviewed = reviewed.replace('summary: "TODO: one sentence in your own words"', 'summary: "Checked against the article."')
    draft.write_text(reviewed, encoding="utf-8")

    r = cli("validate", draft.relative_to(scratch.root), "--data", data, cwd=scratch.root)
    assert r.returncode == 0, r.stderr
    r = cli("merge", draft.relative_to(scratch.root), "--data", data, cwd=scratch.root)
    assert r.returncode == 0, r.stderr
    assert re.match(r"Merged s\d+: 1 source, \d+ stances \(\d+ new countries: [A-Z, ]+\)", r.stdout)
    assert is_subsequence(scratch.text.splitlines(), data.read_text(encoding="utf-8").splitlines())
    r = cli("validate", "--data", data, cwd=scratch.root)
    assert r.returncode == 0, r.stderr
    assert "3 sources" in r.stdout
