"""What holds for any valid data (issue 15, part 1), checked on the shipped data/coalition.yaml and on
a grown copy of the frozen fixtures (a later article adding a source, a country, an event and a
figure): validate passes, every quote is found, exports round-trip, every page runs for every issue
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
from conftest import FROZEN, LIVE_DATA, ROOT

SEED = "009_0123456789abcdef.txt"
SEED_TEXT = (
    "Madrid, 14 September 2025. Spain said on Friday that it is ready to send troops to a reassurance force "
    "in Ukraine. Defence ministers of the coalition met in Paris on Thursday. Some 26 countries have pledged "
    "to contribute.\n"
)
SOURCE = """  - id: s009
    file: seeds/{seed}
    outlet: Test Wire
    title: "Spain ready to send troops"
    published: "2025-09-14"
    published_basis: "Dateline of the article."
""".format(seed=SEED)
COUNTRY = """  ESP:
    name: Spain
    region: Southern Europe
    stances:
      - issue: troops
        date: "2025-09-12"
        date_basis: "'On Friday' in s009, published Sunday 2025-09-14."
        position: committed
        summary: "Ready to send troops to a reassurance force."
        confidence: reported
        evidence:
          - source: s009
            quote: "it is ready to send troops to a reassurance force in Ukraine"
"""
EVENT = """  - id: paris_ministers_2025_09_11
    title: "Defence ministers meet in Paris"
    date: "2025-09-11"
    date_precision: day
    date_basis: "'On Thursday' in s009, published Sunday 2025-09-14."
    kind: meeting
    status: held
    participants:
      countries: [ESP, FRA]
    issues: [troops]
    summary: "The coalition's defence ministers met in Paris."
    evidence:
      - source: s009
        quote: "Defence ministers of the coalition met in Paris on Thursday"

"""
FIGURE = """  - id: pledged_26_countries
    value: 26
    approximate: true
    unit: countries
    counts: "Countries that have pledged to contribute (s009)."
    evidence:
      - source: s009
        quote: "Some 26 countries have pledged to contribute"
"""


def grow(base: Path) -> Path:
    """A project copy: the frozen data and seeds, plus the September article's records."""
    (base / "data").mkdir(parents=True)
    shutil.copytree(FROZEN / "seeds", base / "seeds")
    (base / "seeds" / SEED).write_text(SEED_TEXT, encoding="utf-8")
    text = (FROZEN / "data" / "coalition.yaml").read_text(encoding="utf-8")
    for anchor, extra in (("issues:\n", SOURCE), ("  USA:\n", COUNTRY), ("  - id: virtual_summit_2025_03_15\n", EVENT)):
        assert text.count(anchor) == 1, anchor
        text = text.replace(anchor, extra + anchor)
    text = text.rstrip("\n") + "\n" + FIGURE  # figures: the file's last list
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
    for name, key in (("sources", "source"), ("countries", "country"), ("events", "event_id"),
                      ("figures", "figure_id")):
        assert getattr(grown, name)[key].nunique() == getattr(frozen, name)[key].nunique() + 1, name
    assert LIVE_DATA.resolve().is_relative_to(ROOT)


def test_validate_passes(data_file):
    _, problems = check(data_file)
    assert not problems, "\n".join(map(str, problems[:10]))


def test_every_quote_is_found_in_its_source(frames):
    for name in ("stances", "event_evidence", "figures"):
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
