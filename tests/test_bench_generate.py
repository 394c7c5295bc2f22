"""The benchmark's data generator (bench/generate.py) must keep writing VALID data of the asked size.

The benchmark itself is not a test (``make bench``); this only stops the generator from rotting.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest

from bench.generate import counts_for, generate
from coalition import check, load_frames
from coalition.paths import PROJECT_ROOT

TODAY = dt.date(2026, 11, 21)


def test_generated_1x_set_validates_with_the_requested_counts(tmp_path):
    path = generate(tmp_path / "proj", factor=1)
    assert path == tmp_path / "proj" / "data" / "coalition.yaml"
    ds, problems = check(path, today=TODAY)
    assert problems == []
    want = counts_for(1)
    assert want == {"stances": 200, "events": 50, "sources": 2, "figures": 4, "groups": 2, "org_stances": 4,
                    "issues": 20, "countries": 70}
    c = ds.counts
    org_stances = [s for o in ds.data["organisations"].values() for s in o["stances"]]
    assert len(org_stances) == want["org_stances"] and c["organisations"] == 5
    assert c["stances"] == want["stances"] + want["org_stances"]  # the validator counts both kinds
    assert {k: c[k] for k in ("events", "sources", "figures", "groups", "issues", "countries")} == \
        {k: want[k] for k in ("events", "sources", "figures", "groups", "issues", "countries")}
    # every quote was looked up in its generated seed (not vacuous: more quotes than records)
    n_quotes = sum(len(s["evidence"]) for cd in ds.data["countries"].values() for s in cd.get("stances", []))
    n_quotes += sum(len(e["evidence"]) for e in ds.data["events"]) + sum(len(f["evidence"]) for f in ds.data["figures"])
    n_quotes += sum(len(g["evidence"]) for g in ds.data["groups"]) + len(org_stances)
    assert c["quotes"] == n_quotes > c["stances"] + c["events"]
    assert len(list((tmp_path / "proj" / "seeds").glob("*.txt"))) == 2


def test_generated_countries_are_every_european_outline_plus_twenty_others(tmp_path):
    frames = load_frames(generate(tmp_path / "proj", factor=1), today=TODAY)
    geo = json.loads((PROJECT_ROOT / "data" / "world.geojson").read_text(encoding="utf-8"))
    europe = {f["properties"]["iso3"] for f in geo["features"] if f["properties"]["region"] == "Europe"}
    codes = set(frames.countries["country"])
    assert europe <= codes and len(codes - europe) == 20
    # every quote's span was found in its source text
    assert (frames.stances["quote_start"] >= 0).all() and (frames.event_evidence["quote_start"] >= 0).all()


def test_generator_refuses_to_write_into_the_repository():
    with pytest.raises(ValueError):
        generate(PROJECT_ROOT, factor=1)
    with pytest.raises(ValueError):
        generate(PROJECT_ROOT / "data", factor=1)
