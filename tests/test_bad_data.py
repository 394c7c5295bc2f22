"""The bad-data corpus: every broken file is refused fast, with its line and its record, and runs nothing.

Cases and expectations live in tests/bad_data/ (make_corpus.py, expected.yaml). Each
case is written into its own temporary project (data/ + a copy of seeds/, since seed
files are resolved from the data file's project). Time is measured as CPU time of
this process, so other work on the machine does not make the test flaky; wall time is
only bounded loosely, to catch hangs.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from coalition import check, yamlio

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 21)
MAX_SECONDS = 1.0

_spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "tests" / "bad_data" / "make_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)
EXPECTED = yaml.safe_load(corpus.EXPECTED.read_text(encoding="utf-8"))
NAMES = list(corpus.CASES)


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> dict[str, Path]:
    """name -> data file, each in its own temporary project (the 25 MB file is made here, never committed)."""
    base = tmp_path_factory.mktemp("bad_data")
    return {name: corpus.project(name, base / name) for name in NAMES}


@pytest.fixture(autouse=True)
def hand_edited_cap(monkeypatch):
    """The corpus runs with the value cap lowered to 50,000 so 'too_many_values' stays small and fast;
    the default cap (yamlio.MAX_NODES) is sized for the 100x benchmark data set."""
    monkeypatch.setattr(yamlio, "MAX_NODES", 50_000)


def _timed_check(path: Path):
    cpu, wall = time.process_time(), time.perf_counter()
    ds, problems = check(path, today=TODAY)
    return ds, problems, time.process_time() - cpu, time.perf_counter() - wall


def test_corpus_has_at_least_25_cases_each_with_an_expectation():
    assert len(NAMES) >= 25
    assert set(NAMES) == set(EXPECTED), set(NAMES) ^ set(EXPECTED)
    for name, exp in EXPECTED.items():
        assert isinstance(exp["line"], int) and exp["line"] >= 1 and exp["where"] and exp["what"], name


def test_the_base_of_the_corpus_is_valid(tmp_path):
    """Not vacuous: without the case's change, the same file in the same kind of project passes."""
    path = tmp_path / "data" / "coalition.yaml"
    path.parent.mkdir()
    path.write_text(corpus.base_text(), encoding="utf-8")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    ds, problems = check(path, today=TODAY)
    assert problems == [] and ds.counts["quotes"] >= 50 and ds.counts["stances"] >= 20


@pytest.mark.parametrize("name", NAMES)
def test_each_bad_file_is_refused_fast_naming_its_line_and_record(projects, name):
    exp = EXPECTED[name]
    ds, problems, cpu, wall = _timed_check(projects[name])
    assert ds is None and problems, f"{name}: accepted"
    first = problems[0]
    assert (first.line, first.where) == (exp["line"], exp["where"]), str(first)
    assert exp["what"] in first.what, str(first)
    for p in problems:  # every problem, not only the first, says where
        assert p.line >= 1 and p.where, str(p)
        assert str(p).startswith(f"{p.file}:{p.line}: {p.where}: ")
    assert cpu < MAX_SECONDS, f"{name}: {cpu:.2f} s of CPU"
    assert wall < 5 * MAX_SECONDS, f"{name}: {wall:.2f} s"
    assert not list(projects[name].parent.parent.rglob(corpus.MARKER_NAME + "*"))


def test_no_bad_file_takes_a_second_and_none_runs_a_payload(projects, tmp_path):
    times = {}
    for name, path in projects.items():
        _, problems, cpu, wall = _timed_check(path)
        assert problems
        times[name] = (cpu, wall)
    worst = max(times, key=lambda n: times[n][0])
    print(f"\n{len(times)} bad files; slowest: {worst} {times[worst][0] * 1000:.0f} ms CPU, "
          f"max wall {max(w for _, w in times.values()) * 1000:.0f} ms")
    assert times[worst][0] < MAX_SECONDS
    base = next(iter(projects.values())).parent.parent
    assert not list(base.rglob(corpus.MARKER_NAME + "*"))


def test_the_python_payload_is_live_so_its_absence_means_something(tmp_path):
    """The same tag through PyYAML's unsafe loader does run os.system; ours never builds it."""
    marker = tmp_path / (corpus.MARKER_NAME + "_proof")
    yaml.unsafe_load(f"value: !!python/object/apply:os.system ['touch {marker}']")  # noqa: S506 - on purpose
    assert marker.exists()
    marker.unlink()
    with pytest.raises(yamlio.YamlError) as info:
        yamlio.loads(f"value: !!python/object/apply:os.system ['touch {marker}']\n")
    assert "is not allowed" in info.value.message and not marker.exists()


CLI_CASES = ["tab_indent", "alias_bomb", "python_object_apply", "deep_nesting", "binary_garbage", "huge_file",
             "dangling_source", "no_seeds_folder"]


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_validate_exits_1_with_the_line_and_the_record(projects, name):
    exp = EXPECTED[name]
    run = subprocess.run([sys.executable, "-m", "coalition", "validate", "--data", str(projects[name])],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1, run.stderr
    assert f":{exp['line']}: {exp['where']}: " in run.stderr and exp["what"] in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and "problem(s) found" in run.stderr
    assert not list(projects[name].parent.rglob(corpus.MARKER_NAME + "*"))


# --- the fixes the corpus led to (coalition/yamlio.py, coalition/validate.py) -------------------------
def test_nesting_within_the_limit_still_loads():
    depth = yamlio.MAX_DEPTH - 2
    assert yamlio.loads("a: " + "[" * depth + "1" + "]" * depth + "\n")["a"]


def test_deep_nesting_is_refused_before_libyaml_recurses():
    with pytest.raises(yamlio.YamlError, match="nested more than"):
        yamlio.loads("a: " + "[" * 200_000 + "]" * 200_000)  # crashed the process before the fix


def test_an_alias_is_reported_on_the_line_that_uses_it():
    with pytest.raises(yamlio.YamlError) as info:
        yamlio.loads("a: &x 1\nb: 2\nc: *x\n")
    assert info.value.line == 3 and "*x" in info.value.message and info.value.where == "c"


def test_a_control_character_is_reported_on_its_own_line():
    with pytest.raises(yamlio.YamlError) as info:
        yamlio.loads("a: 1\nb:\n  c: x\x1by\n")
    assert (info.value.line, info.value.where) == (3, "b") and "U+001B" in info.value.message


@pytest.mark.parametrize("text,line,where", [
    ("sources:\n  - id: a\n  - id: b\n    file: [x\n", 4, "sources[1]"),
    ("sources:\n- id: a\n- id: b\n  file: x\n", 4, "sources[1]"),
    ("countries:\n  ITA:\n    # a comment\n\n    name: Italy\n", 5, "countries.ITA"),
    ("countries:\n  ITA:\n    stances:\n      - issue: a\n        evidence:\n          - source: s\n", 6,
     "countries.ITA.stances[0].evidence[0]"),
    ("top: 1\n", 1, "top"),
])
def test_record_at_names_the_record_from_indentation(text, line, where):
    assert yamlio.record_at(text, line) == where


def test_naming_the_record_around_a_syntax_error_is_linear_in_a_long_run_of_spaces():
    spaces = " " * 200_000  # 'x' + 200,000 spaces + 'y': the quadratic version took minutes
    cpu = time.process_time()
    with pytest.raises(yamlio.YamlError) as info:
        yamlio.loads(corpus.base_text() + "x" + spaces + "y\n")      # a stray last line
    assert info.value.line == corpus.base_text().count("\n") + 2
    assert yamlio.record_at("a:\n x" + spaces + "y\n  b: [\n", 3) == "a"  # a long line above the one named
    cpu = time.process_time() - cpu
    assert cpu < 5, f"{cpu:.1f} s CPU"


def test_closest_passage_hints_stop_when_their_budget_is_spent(projects):
    _, problems, cpu, _ = _timed_check(projects["wrong_seed_file"])
    quotes = [p for p in problems if "quote not found" in p.what]
    assert len(quotes) >= 15
    assert "closest passage" in quotes[0].what
    assert any("no closest passage shown" in p.what for p in quotes)
    assert cpu < MAX_SECONDS
