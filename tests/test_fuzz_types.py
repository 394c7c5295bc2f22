"""The validator never crashes: a wrong type at every field path of the schema gets problems, never a
traceback, in ``coalition.check``, on the command line and on the pages.

The cases come from tests/bad_data/fuzz_types.py (every field path of the validator's own specs, each
given 13 wrong values: ``1`` followed by 309 zeros, ``1.0e+309``, booleans, a fraction, lists, mappings,
text, nothing). Before the fix, six of them raised (OverflowError in ``isfinite`` for the 310-digit
figure; ``boilerplate: 5``, ``true``, ``1.5``, ... iterated as lists).
"""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import coalition
from coalition import validate as v

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("fuzz_types", ROOT / "tests" / "bad_data" / "fuzz_types.py")
ft = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ft)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project (data/ + the corpus's seeds) whose data file each case replaces."""
    base = tmp_path_factory.mktemp("fuzz_types")
    (base / "data").mkdir()
    shutil.copytree(ROOT / "seeds", base / "seeds")
    path = base / "data" / "coalition.yaml"
    path.write_bytes(ft.dump(ft.base_document()))
    return path


@pytest.fixture(scope="module")
def cases() -> list[tuple[str, str, bytes]]:
    return list(ft.cases())


def test_the_cases_cover_every_field_of_the_schema_on_a_valid_base(project, cases):
    ds, problems = coalition.check(project)
    assert problems == [] and all(ds.counts[k] >= 1 for k in ("sources", "stances", "events", "figures", "groups",
                                                                        "organisations", "quotes"))
    paths = {where for where, _, _ in cases}
    named = {p.split(".")[-1] for p in paths} | {p.split(".")[-2] for p in paths if p.split(".")[-1] == "0"}
    for spec in (v.SOURCE_FIELDS, v.ISSUE_FIELDS, v.POSITION_FIELDS, v.COUNTRY_FIELDS, v.PERSON_FIELDS,
                 v.STANCE_FIELDS, v.EVIDENCE_FIELDS, v.EVENT_FIELDS, v.PARTICIPANT_FIELDS, v.EVENT_PERSON_FIELDS,
                 v.FIGURE_FIELDS, v.GROUP_FIELDS, v.ORGANISATION_FIELDS, v.ATTENDANCE_FIELDS, v.TOP_FIELDS):
        assert set(spec) <= named, set(spec) - named
    assert len(paths) >= 80 and len(cases) == len(paths) * len(ft.WRONG)


def test_every_wrong_type_gets_problems_never_an_exception(project, cases):
    crashed, refused = [], 0
    for where, label, raw in cases:
        try:
            ds, problems = coalition.check(project, raw=raw)
            if not problems:
                coalition.build(ds)  # what the validator accepts, the tables are built from
        except Exception as exc:  # noqa: BLE001 - every one is a failure, listed below
            crashed.append(f"{where} = {label}: {type(exc).__name__}: {str(exc)[:100]}")
            continue
        refused += bool(problems)
        for p in problems:
            assert len(str(p)) < 800, f"{where} = {label}: a problem of {len(str(p))} characters"
            assert str(p).startswith(f"{p.file}:{p.line}: {p.where}: ") and p.line >= 0
    assert not crashed, "\n".join(crashed)
    # not vacuous: most wrong values are refused (a few are valid: null for an optional field, text for text)
    assert refused > 0.8 * len(cases), refused


# a few cases of each kind that once crashed, through the command line and the app
CRASHED_BEFORE = [("figures.0.value", "int 1e309"), ("sources.0.boilerplate", "int 1e309"),
                  ("sources.0.boilerplate", "true"), ("sources.0.boilerplate", "1.5")]


def _case(cases, where: str, label: str) -> bytes:
    return next(raw for w, lab, raw in cases if (w, lab) == (where, label))


@pytest.mark.parametrize("where,label", CRASHED_BEFORE)
def test_the_command_line_lists_the_problems_of_a_file_that_once_crashed_it(tmp_path, cases, where, label):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "coalition.yaml"
    path.write_bytes(_case(cases, where, label))
    r = subprocess.run([sys.executable, "-m", "coalition", "validate", "--data", str(path)], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "problem(s) found" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and where.split(".")[-1] in r.stderr


def test_a_page_shows_the_error_page_for_a_file_that_once_crashed_the_validator(tmp_path, cases, monkeypatch):
    from test_app_bad_data import assert_error_page_only, open_page

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "coalition.yaml"
    path.write_bytes(_case(cases, "figures.0.value", "int 1e309"))
    at = open_page("pages/map.py", path, monkeypatch)
    assert_error_page_only(at)
    shown = at.error[0].value + at.code[0].value
    assert "data/coalition.yaml" in shown and "figures[0].value" in shown and "a number of 310 digits" in shown
    assert str(tmp_path) not in shown, "the error page names the file inside its project, not the server's path"
