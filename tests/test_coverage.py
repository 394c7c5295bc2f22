"""`python -m coalition coverage` and coalition.coverage.report: what the records miss, where they disagree."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coalition import build, coverage, load, load_frames

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cov():
    return coverage.report(load_frames())


def cli(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "coalition", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_coverage_reports_the_disputed_cells_italy_troops_and_us_backstop(cov):
    got = {(d["country"], d["issue"]): d for d in cov.disputed}
    assert set(got) == {("ITA", "troops"), ("USA", "us_backstop")}
    assert got["ITA", "troops"]["by_position"] == {"declined_conditional": ["s000"], "declined": ["s004"]}
    assert got["USA", "us_backstop"]["by_position"] == {"unlikely": ["s000"], "unclear": ["s004"]}
    assert all(d["sources_disagree"] for d in cov.disputed)


def test_coverage_reports_countries_named_without_records_from_that_source(cov):
    got = {(r["source"], r["code"]): r for r in cov.unrecorded if r["kind"] == "country"}
    assert set(got) == {("s000", "RUS"), ("s000", "UKR"), ("s004", "UKR")}
    assert got["s000", "RUS"]["recorded_elsewhere"] is True  # the Trump-Putin call, from s004
    assert got["s000", "UKR"]["recorded_elsewhere"] is False
    assert "Putin" in got["s000", "RUS"]["named_as"] and got["s000", "RUS"]["mentions"] >= 5


def test_coverage_lists_a_person_named_but_listed_under_no_country(scratch):
    scratch.replace("      - {name: David Lammy, role: Foreign Secretary}\n", "")
    cov = coverage.report(build(load(scratch.path)))
    people = [r for r in cov.unrecorded if r["kind"] == "person"]
    assert [(r["source"], r["name"], r["code"]) for r in people] == [("s004", "David Lammy", "GBR")]
    assert "Lammy" in people[0]["example"]


def test_coverage_lists_cells_backed_by_one_source_and_not_those_with_two(cov):
    cells = {(r["country"], r["issue"]): r for r in cov.single_source if r["kind"] == "cell"}
    assert cells["GBR", "join"]["source"] == "s000"
    assert cells["USA", "ceasefire_talks"]["source"] == "s004"
    assert ("ITA", "troops") not in cells and ("GBR", "troops") not in cells  # quoted from both seeds
    events = {r["id"] for r in cov.single_source if r["kind"] == "event"}
    assert "japan_declines_2025_03_15" in events and "military_chiefs_london_2025_03_20" not in events


def test_coverage_lists_stance_sentences_no_record_quotes(cov):
    sentences = {r["sentence"]: r for r in cov.uncovered}
    assert "Italy, on the other hand, has expressed reservations." in sentences
    assert sentences["Italy, on the other hand, has expressed reservations."]["countries"] == ["ITA"]
    lack = "However, unlike past Western interventions, this mission may lack direct U.S. support."
    assert sentences[lack]["suggested"] == ["USA.us_backstop=unlikely"]
    # quoted by records: never reported
    assert not [s for s in sentences if "Tokyo declined" in s or "spearheading" in s]
    assert all(r["source"] in ("s000", "s004") and r["end"] > r["start"] for r in cov.uncovered)


def test_coverage_lists_a_source_no_record_cites(scratch):
    file, digest = scratch.add_seed("099", "Poland has ruled out sending troops.\n")
    scratch.replace("issues:\n", f"  - id: s099\n    file: {file}\n    sha256: {digest}\n    outlet: unknown\n"
                                 "    published: \"2025-03-20\"\n    published_basis: \"test\"\n\nissues:\n")
    cov = coverage.report(build(load(scratch.path)))
    assert cov.uncited_sources == [{"source": "s099", "file": file}]
    assert ("s099", "POL") in {(r["source"], r["code"]) for r in cov.unrecorded}
    assert [r["sentence"] for r in cov.uncovered if r["source"] == "s099"] == ["Poland has ruled out sending troops."]


def test_coverage_sections_as_frames_and_counts(cov):
    frames = cov.frames()
    assert set(frames) == set(coverage.SECTIONS)
    assert len(frames["disputed"]) == 2 and {"country", "issue", "positions"} <= set(frames["disputed"].columns)
    assert list(frames["uncited_sources"].columns) == ["source", "file"] and frames["uncited_sources"].empty
    assert cov.counts["uncited_sources"] == 0 and cov.counts["disputed"] == 2


def test_coverage_cli_prints_every_section_and_exits_0():
    r = cli("coverage")
    assert r.returncode == 0, r.stderr
    for title in coverage.TITLES.values():
        assert title in r.stdout
    assert "ITA/troops: declined_conditional (s000); declined (s004)" in r.stdout


def test_coverage_cli_exits_0_on_invalid_data_and_says_why(scratch):
    scratch.replace("position: considering", "position: maybe")
    r = cli("coverage", "--data", str(scratch.path))
    assert r.returncode == 0
    assert "is not valid" in r.stdout and "'maybe' is not one of" in r.stderr


def test_source_report_and_global_report_split_the_whole_report_exactly():
    """The Sources page asks for one source's sections (and the global ones) instead of the whole report."""
    from coalition import coverage, load_frames

    frames = load_frames()
    whole = coverage.report(frames)
    glob = coverage.global_report(frames)
    for k in ("single_source", "uncited_sources", "disputed"):
        assert getattr(glob, k) == getattr(whole, k)
    assert glob.unrecorded == glob.uncovered == []
    for sid in frames.sources["source"]:
        one = coverage.source_report(frames, sid)
        for k in ("unrecorded", "uncovered"):
            assert getattr(one, k) == [r for r in getattr(whole, k) if r["source"] == sid]
        assert one.single_source == one.disputed == []
    assert any(coverage.source_report(frames, s).uncovered for s in frames.sources["source"])  # not vacuous
