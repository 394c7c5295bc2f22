"""The benchmark's parts the team relies on between runs: the reference pages still run on the app's
frame and draw what they stand for, every page's deep link opens without a notice and gets a kind,
the paint check counts colours, and (browser) the "drawn" predicates tell drawn from not drawn.

The benchmark itself is not a test (``make bench``).
"""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from PIL import Image

import coalition
from bench import apptest, browser, refapp, report, run
from coalition.paths import PROJECT_ROOT


def _png(blocks, size=(200, 100), background=(255, 255, 255)) -> bytes:
    img = Image.new("RGB", size, background)
    for box, colour in blocks:
        img.paste(colour, box)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def test_the_paint_check_counts_colours_besides_the_background():
    assert browser.painted_colours(_png([])) == 0
    three = [((0, 0, 50, 50), (33, 102, 172)), ((60, 0, 110, 50), (239, 138, 98)), ((120, 0, 170, 50), (178, 24, 43))]
    assert browser.painted_colours(_png(three)) == 3
    # a few pixels (anti-aliasing, a cursor) are no colour: 4 of 20,000 is under DECK_MIN_SHARE
    assert browser.painted_colours(_png([((0, 0, 2, 2), (0, 0, 0))])) == 0
    # the background is the most common colour, whatever it is (a sea layer)
    assert browser.painted_colours(_png(three, background=(200, 220, 240))) == 3


def test_a_kind_names_charts_and_how_many():
    assert browser.parse_kind("deck:1+plotly:2") == {"deck": 1, "plotly": 2}
    assert browser.parse_kind("heading") == {"heading": 1}
    assert run.main_kind("deck:1+plotly:1") == "deck" and run.main_kind("plotly:2") == "plotly"
    assert run.main_kind(None) == run.main_kind("heading") == "heading"


def test_reference_pages_run_on_the_frame_and_draw_the_kind_they_stand_for(tmp_path):
    app = refapp.build(tmp_path / "refapp")
    issues = list(coalition.load_frames().issues["issue"])
    seen = set()
    for ref in refapp.refs():
        at = apptest.open_link(app, ref.file, {"issue": issues[0]})
        at.run(timeout=60)
        assert not apptest.problems(at), (ref.name, apptest.problems(at))
        assert len(at.sidebar.get("page_link")) >= 2, f"{ref.name}: the frame's navigation is drawn"
        assert apptest.kind_of(at) == (ref.kind if ref.kind == "heading" else f"{ref.kind}:1"), ref.name
        apptest.change_issue(at, issues, 0).run(timeout=60)  # the warm rerun the bench times
        assert not apptest.problems(at), (ref.name, apptest.problems(at))
        seen.add(ref.kind)
    assert seen >= {"heading", "plotly", "deck"}, "shell, trivial plotly and trivial pydeck pages exist"


def test_every_page_of_the_registry_opens_by_its_bench_link_without_a_notice():
    from coalition import registry

    pages = run.app_pages()
    assert [p["name"] for p in pages] == [p.id for p in registry.PAGES]
    f = coalition.load_frames()
    links = run.links_for(pages, f.sources["source"].iloc[0], f.countries["country"])
    kinds = {}
    for p in pages:
        at = apptest.open_link(run.APP, p["file"], links[p["name"]])
        at.run(timeout=60)
        assert not apptest.problems(at), (p["name"], apptest.problems(at))
        notices = [w.value for w in at.warning if "Ignored" in w.value or "not a known" in w.value]
        assert not notices, (p["name"], notices)
        kinds[p["name"]] = run.main_kind(apptest.kind_of(at))
    # what the bench expects of the pages, before and after the new charts land
    assert kinds["map"] in ("deck", "vega"), kinds
    assert kinds["matrix"] in ("plotly", "vega") and kinds["timeline"] in ("plotly", "vega"), kinds
    assert sum(k == "heading" for k in kinds.values()) >= 4, kinds


def test_the_report_renders_the_committed_results():
    raw = PROJECT_ROOT / "bench" / "results.json"
    res = json.loads(raw.read_text(encoding="utf-8"))
    if "targets" not in res:
        pytest.skip("bench/results.json predates this benchmark")
    text = report.render({**res, "findings": ""})
    assert "## Targets at a glance" in text and "| map |" in text


@pytest.mark.browser
def test_drawn_predicates_hold_on_drawn_pages_and_not_elsewhere():
    browser_support = pytest.importorskip("browser_support")
    browser_support.chromium_or_skip()
    done = subprocess.run([sys.executable, "-m", "bench", "--check-predicates"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "predicates: OK" in done.stdout
