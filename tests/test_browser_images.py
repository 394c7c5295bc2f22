"""Charts saved as images, in a real browser (Debian's Chromium): plotly's own PNG button in Streamlit's
plotly.js saves the captioned matrix, and the map's SVG draws the colours the deck draws.

The figures come from the same functions the pages call (ui.charts), drawn by a small app written for
the test, so this checks the image path without depending on how a page lays out its buttons.
Run: ``python3 -m pytest -q tests/test_browser_images.py``.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the fixture skips (or fails under REQUIRE_BROWSER=1)
    expect = None

import browser_support as bs
from browser_support import ARTIFACTS, ROOT

pytestmark = pytest.mark.browser

APP = '''
import streamlit as st
from coalition import urlstate
from coalition.render import plotly as pr
from ui import charts, data as data_mod

d = data_mod.load()
view = urlstate.View(issue="troops")
st.title("Chart images")
st.plotly_chart(charts.matrix_figure(d, view, "country", None, False, title="Where each country stands",
                                     link="http://example.org/matrix?issue=troops"),
                theme=None, config=pr.image_config(pr.image_filename("matrix", view.issue)), width="stretch")
'''


# ``browser``: the run's one Chromium (tests/conftest.py; Playwright's sync API runs once per thread)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("chart-images-app")
    (folder / "app.py").write_text(APP, encoding="utf-8")
    srv = bs.AppServer(ARTIFACTS / "server-images.log", env={"PYTHONPATH": str(ROOT)}, cwd=folder)
    try:
        srv.wait_healthy()
        yield srv
    finally:
        srv.stop()


def _image(data: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(data)).convert("RGB")


def _hex(c: str) -> tuple[int, int, int]:
    return tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))


def _has(img, colour: str, box: tuple, at_least: int = 50) -> bool:
    """Whether ``box`` (x0, y0, x1, y1 px) of ``img`` holds at least ``at_least`` pixels of ``colour``."""
    want = _hex(colour)
    crop = img.crop(box)
    return sum(1 for px in crop.getdata() if max(abs(a - b) for a, b in zip(px, want)) <= 6) >= at_least


def test_plotly_png_button_saves_the_matrix_with_its_caption(browser, server):
    from coalition import palette

    ctx = browser.new_context(viewport=bs.DESKTOP, accept_downloads=True)
    try:
        page = ctx.new_page()
        page.goto(server.url, wait_until="domcontentloaded")
        plot = page.locator(".js-plotly-plot").first
        expect(plot).to_be_visible(timeout=60_000)
        box = plot.bounding_box()
        plot.hover(position={"x": 30, "y": 30})
        button = page.locator('.modebar-btn[data-title="Download plot as a PNG"]').first
        expect(button).to_be_visible(timeout=15_000)
        with page.expect_download(timeout=60_000) as download:
            button.click()
        assert download.value.suggested_filename == "coalition-matrix-troops.png"
        data = download.value.path().read_bytes()
    finally:
        ctx.close()
    (ARTIFACTS / "coalition-matrix-troops.png").write_bytes(data)  # look at it
    img = _image(data)
    # twice the size on screen (image_config's scale)
    assert abs(img.width - 2 * box["width"]) <= 4 and abs(img.height - 2 * box["height"]) <= 4
    w, h = img.size
    # the title in the top band, the key's swatches and the source line in the bottom band: all in the picture
    assert _has(img, "#262730", (0, 0, w, 50), 200)                         # the title (above the columns)
    assert _has(img, palette.SCORE_COLOURS[2], (0, h - 300, w // 3, h - 60))  # the key's "Yes / for" swatch
    assert _has(img, palette.SCORE_COLOURS[-1], (0, h - 300, w, h - 60))      # "No, with a condition"
    assert _has(img, "#555555", (0, h - 60, w, h), 100)                     # the source line


def test_map_svg_draws_the_decks_colours_in_chromium(browser):
    from coalition import load_frames, palette
    from coalition.render import caption, map_image
    from coalition.views import map as mapview

    f = load_frames(today=dt.date(2026, 11, 21))
    table = mapview.tables(f, "troops")[0]
    positions = [(r.position, r.label, r.score, r.description)
                 for r in f.positions[f.positions["issue"] == "troops"].sort_values("order").itertuples()]
    svg = map_image.map_svg(table, positions, "Will it send troops?", "As of 20 March 2025",
                            caption.source_line(caption.outlets(f.sources), "http://example.org/map"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "coalition-map-troops-europe.svg").write_text(svg, encoding="utf-8")
    width, height = (float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', svg).groups())
    left, top = (float(v) for v in re.search(r'<g transform="translate\(([\d.]+) ([\d.]+)\)">', svg).groups())
    ctx = browser.new_context(viewport={"width": int(width) + 1, "height": int(height) + 1})
    try:
        page = ctx.new_page()
        page.set_content(f'<html><body style="margin:0">{svg}</body></html>')
        shot = page.screenshot()
    finally:
        ctx.close()
    (ARTIFACTS / "coalition-map-troops-europe.png").write_bytes(shot)
    img = _image(shot)
    cam = {**mapview.camera("europe"), "width": mapview.CANVAS_WIDTH}

    def colour_at(lon: float, lat: float) -> tuple:
        x, y = mapview.project(lon, lat, cam)
        cx, cy = left + cam["width"] / 2 + x, top + cam["height"] / 2 + y
        return Counter(img.crop((int(cx) - 4, int(cy) - 4, int(cx) + 5, int(cy) + 5)).getdata()).most_common(1)[0][0]

    assert colour_at(0.5, 47.5) == _hex(palette.SCORE_COLOURS[2])   # France: committed
    assert colour_at(13.5, 42.0) == _hex(palette.colour(-1))        # Italy: no, unless... (hatched over)
    assert colour_at(-4.0, 40.0) == _hex(palette.NO_RECORD)         # Spain: no record
    assert colour_at(-10.0, 47.0) == tuple(mapview.SEA[:3])         # the Atlantic
