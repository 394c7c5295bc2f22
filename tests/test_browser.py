"""Real-browser tests: headless Chromium (Debian's) against `streamlit run app.py` on 127.0.0.1.

One server per data set (the project's data; a copy full of markup payloads), one browser for
the session, a fresh context per test. Screenshots go to artifacts/browser/ (look at them).
Run only these: ``python3 -m pytest -q -m browser``; skip them: ``-m "not browser"``.
"""
from __future__ import annotations

import json
import math
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails under REQUIRE_BROWSER=1)
    expect = None

import browser_support as bs
from browser_support import ARTIFACTS, DESKTOP, PHONE

pytestmark = pytest.mark.browser

APP_PAGES = bs.app_pages()
PAGES = [(name, path) for name, path, _ in APP_PAGES]
PAGE_IDS = [name for name, _ in PAGES]
NAV_TITLES = [title for _, _, title in APP_PAGES]
SERVERS: list[bs.AppServer] = []  # every server started, for the per-test log check
SESSION_NET = bs.NetLog()  # every request of every test, for test_no_request_leaves_...


# 1. session: Chromium, the app servers -------------------------------------------------------------
# ``browser`` (one Chromium for the whole run, shared by every browser test file): tests/conftest.py


def _start(name: str, browser, env: dict | None = None, warm: bool = True, watch: bool = True) -> bs.AppServer:
    server = bs.AppServer(ARTIFACTS / f"{name}.log", env=env)
    if watch:
        SERVERS.append(server)
    try:
        server.wait_healthy()
        if warm:
            # open "/" once: the first run loads and checks the data (slow); a first visit by deep
            # link has its own test (test_first_visit_by_deep_link_runs_the_app)
            ctx = browser.new_context(viewport=DESKTOP)
            try:
                bs.goto(ctx.new_page(), server.url + "/")
            finally:
                ctx.close()
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def app(browser):
    server = _start("server", browser)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def payload_app(browser, tmp_path_factory):
    import coalition

    path, written = bs.write_payload_project(tmp_path_factory.mktemp("payload"))
    _, problems = coalition.check(path)
    assert not problems, "the payload data set must be valid, else the pages show an error instead:\n" + \
        "\n".join(map(str, problems[:20]))
    server = _start("server-payload", browser, env={coalition.ENV_VAR: str(path)})
    server.written = written
    yield server
    server.stop()


@pytest.fixture(scope="session")
def frames():
    import coalition

    return coalition.load_frames()


# 2. per test: contexts that record the network, dialogs and script errors; the server logs --------
class Tabs:
    def __init__(self, browser):
        self.browser = browser
        self.contexts = []
        self.dialogs: list[str] = []
        self.js_errors: list[str] = []

    def new(self, viewport: dict = DESKTOP, **device):
        ctx = self.browser.new_context(viewport=viewport, **device)
        self.contexts.append(ctx)
        SESSION_NET.attach(ctx)  # records every request; aborts those to other hosts
        page = ctx.new_page()
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.js_errors.append(str(e)))
        return page

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def close(self) -> None:
        for ctx in self.contexts:
            ctx.close()


@pytest.fixture
def tabs(browser):
    t = Tabs(browser)
    yield t
    t.close()  # requests to other hosts were aborted; test_no_request_leaves_... asserts there are none
    assert not t.dialogs, f"dialogs opened (a script ran?): {t.dialogs}"


@pytest.fixture(autouse=True)
def server_logs_clean():
    """Fail the test when a server wrote a Python traceback while it ran."""
    yield
    for server in SERVERS:
        text = server.log()
        new, server.checked = text[server.checked:], len(text)
        if "Traceback" in new:
            pytest.fail(f"{server.log_path.name} has a traceback:\n{new[-4000:]}", pytrace=False)


def _url(server, path: str, query: str = "") -> str:
    return f"{server.url}/{path}{query}"


def _assert_clean(page, what: str) -> None:
    problems = bs.page_problems(page)
    assert not problems, f"{what}: " + "\n".join(problems)


NAV_LINKS = '.st-key-nav [data-testid="stPageLink-NavLink"]'  # the app's own navigation (ui.frame)


def _nav_titles(page) -> list[str]:
    """The sidebar navigation's page titles (the icon ligature is the first line of each link)."""
    return [t.strip().splitlines()[-1].strip() for t in page.locator(NAV_LINKS).all_inner_texts()]


def _nav_current(page) -> list[str]:
    """The titles the navigation marks as the page shown (in bold)."""
    return [t.strip() for t in page.locator(NAV_LINKS + " strong").all_inner_texts()]


# 3. every page loads, on a desktop and a phone -------------------------------------------------------
@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_page_loads_without_errors_and_is_screenshotted(app, tabs, name, path):
    page = tabs.new(DESKTOP)
    bs.goto(page, _url(app, path))
    _assert_clean(page, f"/{path}")
    assert _nav_titles(page) == NAV_TITLES, "the sidebar navigation lists app.py's pages"
    assert _nav_current(page) == [dict((p, t) for _, p, t in APP_PAGES)[path]], \
        "the sidebar navigation marks the page being shown"
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0, "no file-name menu"
    page.wait_for_load_state("networkidle")
    bs.wait_for_charts(page)
    bs.full_screenshot(page, ARTIFACTS / f"{name}.png", DESKTOP)
    bs.full_screenshot(page, ARTIFACTS / f"{name}-phone.png", PHONE)
    _assert_clean(page, f"/{path} at phone width")
    assert not tabs.js_errors, f"uncaught script errors on /{path}: {tabs.js_errors[:5]}"


# 4. the charts draw, and a click brings its evidence into view ----------------------------------------
def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))


def _canvas_point(page, lon: float, lat: float, view: str = "europe", narrow: bool = False) -> tuple[float, float]:
    """Where (lon, lat) is on the map's canvas, in page px, at the initial camera (deck.gl's web Mercator)."""
    from coalition.views import map as mapview

    box = page.locator(bs.DECK_CANVAS).first.bounding_box()
    x, y = mapview.project(lon, lat, mapview.camera(view, narrow))
    return box["x"] + box["width"] / 2 + x, box["y"] + box["height"] / 2 + y


def _centroid(iso3: str) -> tuple[float, float]:
    from coalition import geo

    c = geo.centroids_frame(geo.load_world()).set_index("iso3").loc[iso3]
    return float(c["lon"]), float(c["lat"])


def test_map_canvas_paints_the_countries_in_the_palettes_colours_on_troops(app, tabs):
    from coalition import palette
    from coalition.views import map as mapview

    page = tabs.new(DESKTOP)
    bs.goto(page, _url(app, "map", "?issue=troops"))
    png = bs.wait_for_deck(page)
    (ARTIFACTS / "map-canvas.png").write_bytes(png)
    colours = bs.png_colours(png)
    # the UK and France: committed; Italy: "No, unless..." (newest record; hatched); Germany: undecided,
    # only uncertain (paler); the rest grey; the sea
    for name, rgb in (("committed", _hex(palette.colour(2))), ("no, unless", _hex(palette.colour(-1))),
                      ("no record", _hex(palette.NO_RECORD)), ("sea", tuple(mapview.SEA[:3])),
                      ("undecided, paler", tuple(mapview.fill_of(0, low_confidence=True)[:3]))):
        near = [c for c in colours if math.dist(c, rgb) < 12]
        assert near, f"no area of the map in the {name} colour {rgb}: {sorted(colours, key=colours.get)[-8:]}"
    _assert_clean(page, "/map?issue=troops")


def test_a_phone_sees_the_uk_to_ukraine_on_the_map(app, tabs):
    """The phone camera frames the UK (committed on troops) whole, clear of the canvas's left edge,
    and Ukraine's eastern border inside its right edge."""
    from coalition import palette

    page = tabs.new(**bs.PHONE_DEVICE)
    bs.goto(page, _url(app, "map", "?issue=troops"))
    png = bs.wait_for_deck(page)
    (ARTIFACTS / "map-canvas-phone.png").write_bytes(png)
    canvas = page.locator(bs.DECK_CANVAS).first
    box = canvas.bounding_box()
    assert box["width"] <= bs.PHONE_DEVICE["viewport"]["width"], "the map fits the phone's width"
    xs = [x for x, _ in bs.pixels_near(png, _hex(palette.colour(2)), 12)]
    assert len(xs) > 100, "the phone's map paints the committed countries"
    assert min(xs) > 8, f"a committed country touches the map's left edge (x={min(xs)}): the UK is cut"
    x, _ = _canvas_point(page, 40.2, 49.0, narrow=True)  # Ukraine's eastern border, near Luhansk
    assert box["x"] < x < box["x"] + box["width"] - 4, "Ukraine's eastern border is on the phone's canvas"
    page.screenshot(path=str(ARTIFACTS / "map-phone-device.png"))
    _assert_clean(page, "/map on a phone")


def _assert_dialog_in_view(page, title: str, quote: str, what: str) -> None:
    dlg = bs.dialog(page)
    expect(dlg).to_be_visible(timeout=30_000)
    expect(dlg).to_contain_text(title)
    expect(dlg).to_contain_text(quote[:40])  # the record's verbatim quote is in it ...
    expect(dlg.get_by_text(title).first).to_be_in_viewport()  # ... and the evidence starts in view:
    expect(dlg.locator("blockquote").first).to_be_in_viewport()  # its title and its first quote
    page.screenshot(path=str(ARTIFACTS / f"evidence-{what}.png"))


def _close_dialog(page) -> None:
    bs.dialog(page).get_by_role("button", name="Close").click()
    expect(bs.dialog(page)).to_have_count(0, timeout=30_000)


def _quote(frames, stance_id: str) -> str:
    return frames.stances[frames.stances["stance_id"] == stance_id]["quote"].iloc[0]


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_click_on_the_map_brings_the_countrys_evidence_into_view(app, tabs, frames, device):
    phone = device == "phone"
    page = tabs.new(**bs.PHONE_DEVICE) if phone else tabs.new(DESKTOP)
    bs.goto(page, _url(app, "map", "?issue=troops"))
    bs.wait_for_deck(page)
    page.locator(bs.DECK_CANVAS).first.scroll_into_view_if_needed()
    x, y = _canvas_point(page, 12.6, 43.2, narrow=phone)  # central Italy
    (page.touchscreen.tap if phone else page.mouse.click)(x, y)
    _assert_dialog_in_view(page, "Italy", _quote(frames, "ITA.troops.1"), f"map-{device}")
    bs.wait_for_query(page, "focus=ITA")
    _close_dialog(page)
    page.wait_for_function("() => !location.search.includes('focus=')", timeout=30_000)
    _assert_clean(page, f"/map click on a {device}")


_PLOTLY_POINT = """cd => {
  for (const gd of document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')) {
    const traces = gd.querySelectorAll('.scatterlayer .trace');
    for (let t = 0; t < (gd.data || []).length; t++) {
      const i = [...(gd.data[t].customdata || [])].indexOf(cd);
      const pts = i < 0 || !traces[t] ? [] : traces[t].querySelectorAll('.points path');
      if (!pts[i]) continue;
      const r = pts[i].getBoundingClientRect();
      return r.width > 0 ? [r.x + r.width / 2, r.y + r.height / 2] : null;
    }
  }
  return null; }"""


def _plotly_point(page, customdata: str, timeout: float = 15_000) -> tuple[float, float]:
    """The page position of the plotly point whose customdata is ``customdata`` (its marker's centre), once
    the chart has drawn it (a chart redrawn after a rerun has no points for a moment)."""
    return tuple(page.wait_for_function(_PLOTLY_POINT, arg=customdata, timeout=timeout).json_value())


@pytest.mark.parametrize(("path", "target", "title", "stance"), [
    ("matrix", "DEU.troops", "Germany: Sends troops", "DEU.troops.1"),
    ("timeline", "trump_putin_call_2025_03_18", "Trump-Putin call", None),
], ids=["matrix", "timeline"])
def test_a_click_on_a_chart_brings_its_evidence_into_view(app, tabs, frames, path, target, title, stance):
    page = tabs.new(DESKTOP)
    bs.goto(page, _url(app, path, "?issue=troops"))
    bs.wait_for_charts(page)
    page.locator(bs.PLOTLY).first.scroll_into_view_if_needed()
    point = _plotly_point(page, target)
    page.mouse.move(*point)
    expect(page.locator(".hoverlayer .hovertext").first).to_be_visible(timeout=10_000)  # hover shows its tooltip
    page.mouse.click(*point)
    quote = _quote(frames, stance) if stance else frames.event_evidence.set_index("event_id").loc[target, "quote"]
    quote = quote if isinstance(quote, str) else quote.iloc[0]
    _assert_dialog_in_view(page, title, quote, path)
    bs.wait_for_query(page, target)
    _close_dialog(page)
    page.wait_for_function("t => !decodeURIComponent(location.search).includes(t)", arg=target, timeout=30_000)
    _assert_clean(page, f"/{path} click")


def test_a_link_naming_a_selection_opens_with_its_evidence_in_view_on_a_phone(app, tabs, frames):
    page = tabs.new(**bs.PHONE_DEVICE)
    bs.goto(page, _url(app, "matrix", "?cell=ITA.troops"))
    _assert_dialog_in_view(page, "Italy: Sends troops", _quote(frames, "ITA.troops.1"), "matrix-link-phone")
    _assert_clean(page, "/matrix?cell=ITA.troops on a phone")


# 5. links: a deep link's filters are applied; the widgets write the URL; a bad link is reported -------
def test_deep_link_filters_show_in_the_sidebar(app, tabs, frames):
    page = tabs.new(DESKTOP)
    bs.goto(page, _url(app, "matrix", "?issue=frozen_assets&country=GBR&country=FRA&as_of=2025-03-16"))
    names = dict(zip(frames.countries["country"], frames.countries["country_name"]))
    shown = bs.chips(page, "Countries")
    assert len(shown) == 2 and shown[0].startswith(names["GBR"]) and shown[1].startswith(names["FRA"]), shown
    short = dict(zip(frames.issues["issue"], frames.issues["short"]))
    assert bs.selectbox_value(page, "Issue") == short["frozen_assets"]
    assert bs.date_value(page, "As of") == "2025-03-16"
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"country": ["GBR", "FRA"], "issue": ["frozen_assets"], "as_of": ["2025-03-16"]}, page.url
    assert not page.locator('[data-testid="stAlertContentWarning"]').count(), "a valid link needs no notice"
    _assert_clean(page, "deep link")


def _pick_issue_and_country(page, frames, issue: str, country: str) -> None:
    """Choose an issue, then add a country, in the sidebar; wait until each is in the URL."""
    short = dict(zip(frames.issues["issue"], frames.issues["short"]))
    name = dict(zip(frames.countries["country"], frames.countries["country_name"]))[country]
    bs.choose(page, "Issue", short[issue])
    bs.wait_for_query(page, f"issue={issue}")
    bs.settle(page)
    bs.add_choice(page, "Countries", name[:4], f"{name} ({country})")
    bs.wait_for_query(page, f"country={country}")
    bs.settle(page)


def test_changing_filters_on_the_map_updates_the_url(app, tabs, frames):
    page = tabs.new(DESKTOP)
    bs.goto(page, _url(app, "map"))
    assert "issue=" not in page.url, "the default issue is not written into the link"
    _pick_issue_and_country(page, frames, "frozen_assets", "ITA")
    query = parse_qs(urlsplit(page.url).query)
    assert query.get("issue") == ["frozen_assets"] and query.get("country") == ["ITA"], page.url
    assert urlsplit(page.url).path == "/map"
    assert page.locator('[data-testid="stMain"] h2, [data-testid="stMain"] h1').first.inner_text().strip()
    _assert_clean(page, "/map after changing filters")


def test_bad_link_shows_a_notice_as_text_and_runs_nothing(app, tabs):
    script = "<script>alert(1)</script>"
    page = tabs.new(DESKTOP)
    bs.goto(page, _url(app, "", f"?country=XXX&issue={quote(script)}"))
    page.wait_for_timeout(500)  # time for a script to fire, were one to run
    warnings = " ".join(page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts())
    assert "XXX" in warnings, f"the notice names the ignored country: {warnings!r}"
    assert script in warnings, f"the ignored issue is shown literally, as text: {warnings!r}"
    assert page.locator('[data-testid="stMain"] script').count() == 0
    assert "XXX" not in page.url and "script" not in page.url, f"the link is cleaned up: {page.url}"
    assert not tabs.dialogs
    _assert_clean(page, "bad link")


# 6. a copied link reproduces the view ------------------------------------------------------------------
def test_copied_share_link_opens_the_same_view_in_a_fresh_browser(app, tabs, frames):
    short = dict(zip(frames.issues["issue"], frames.issues["short"]))
    names = dict(zip(frames.countries["country"], frames.countries["country_name"]))
    page = tabs.new(DESKTOP)
    bs.goto(page, _url(app, "matrix"))
    _pick_issue_and_country(page, frames, "troops", "DEU")
    bs.type_date(page, "As of", "2025-03-16")
    bs.wait_for_query(page, "as_of=2025-03-16")
    bs.settle(page)
    link_box = bs.sidebar(page).locator(".st-key-share_link code").filter(has_text="issue=")
    link = link_box.first.inner_text().strip()
    link = urljoin(app.url + "/", link)
    assert urlsplit(link).path == "/matrix", link
    assert parse_qs(urlsplit(link).query) == parse_qs(urlsplit(page.url).query), (link, page.url)
    before = (bs.chips(page, "Countries"), bs.selectbox_value(page, "Issue"), bs.date_value(page, "As of"))

    fresh = tabs.new(DESKTOP)  # a new context: no cookies, no session state
    bs.goto(fresh, link)
    after = (bs.chips(fresh, "Countries"), bs.selectbox_value(fresh, "Issue"), bs.date_value(fresh, "As of"))
    assert after == before == ([f"{names['DEU']} (DEU)"], short["troops"], "2025-03-16"), (before, after)
    assert urlsplit(fresh.url).path == "/matrix"
    _assert_clean(fresh, "the copied link")


# 7. data that looks like markup stays text ------------------------------------------------------------
_HOSTILE_DOM = """flag => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const n = a.name.toLowerCase(), v = a.value.trim().toLowerCase();
      if (n.startsWith('on') && v.includes(flag)) bad.push(`${el.tagName} ${n}=${a.value}`);
      if (['href', 'xlink:href', 'src', 'action', 'formaction'].includes(n) && v.startsWith('javascript:'))
        bad.push(`${el.tagName} ${n}=${a.value}`);
    }
    if (el.tagName === 'SCRIPT' && el.textContent.includes(flag)) bad.push('SCRIPT ' + el.textContent.slice(0, 80));
    if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') bad.push('IMG src=x');
    if (el.tagName === 'A' && (el.getAttribute('href') || '').includes('EVIL_HOST'))  // an autolinked address
      bad.push(`A href=${el.getAttribute('href')}`);
  }
  return {bad, pwned: typeof window[flag] === 'undefined' ? null : String(window[flag])};
}""".replace("EVIL_HOST", bs.EVIL_HOST)

# each page's own state that shows the most data text (page keys from coalition/urlstate.py)
_PAYLOAD_QUERY = {
    "map": "?focus=GBR", "matrix": "?cell=GBR.join", "timeline": "?event=london_summit_2025_03_02",
    "country": "?focus=GBR", "sources": "?source=s999&hl=GBR.join.1",
    "changes": "?country=ITA&country=USA",  # the frozen data's two changes: their links carry country names
}


def _hover_everything(page, max_points: int = 25, plots: bool = True) -> list[str]:
    """Hover the map (a grid of points over its canvas) and the points of the plotly charts; return the
    tooltip texts seen (deck.gl's tooltip box, plotly's hover labels)."""
    seen = []
    bs.wait_for_charts(page)
    for canvas in page.locator(bs.DECK_CANVAS).all()[:1]:
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        tip = page.locator(".deck-tooltip")
        for i in range(1, 9):
            for j in range(1, 7):
                page.mouse.move(box["x"] + box["width"] * i / 9, box["y"] + box["height"] * j / 7)
                try:
                    expect(tip.first).to_be_visible(timeout=300)
                except AssertionError:
                    continue  # the sea: no tooltip
                text = tip.first.inner_text()
                if text.strip() and text not in seen:
                    seen.append(text)
    for plot in page.locator(bs.PLOTLY).all()[:2] if plots else []:
        points = plot.locator(".scatterlayer .trace .points path")
        n = points.count()
        for k in range(0, n, max(1, n // max_points)):
            try:
                points.nth(k).hover(timeout=1000, force=True)
                label = page.locator(".hoverlayer .hovertext").first
                label.wait_for(state="visible", timeout=500)
                seen.append(label.text_content(timeout=500))
            except Exception:  # noqa: BLE001 - a point without hover text (titles), behind another element,
                continue       # or its label gone before it was read (the pointer moved on)
    page.mouse.move(1, 1)
    return [s for s in seen if s.strip()]


MANGLED: dict[str, list[str]] = {}  # page path -> payloads whose markup was interpreted there
LABELS: dict[str, list[str]] = {}  # page path -> its page links' labels that carry a payload


def _poisoned_labels(page) -> list[str]:
    """The labels of the page's own links (st.page_link) that hold data text with a payload."""
    texts = page.locator('a[data-testid="stPageLink-NavLink"]').all_inner_texts()
    return [t.replace("\u2060", "") for t in texts if bs.OPEN in t]  # ui.html.md's invisible word joiner


@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_markup_in_the_data_never_runs(payload_app, tabs, name, path):
    page = tabs.new(DESKTOP)
    query = _PAYLOAD_QUERY.get(path, "?country=GBR&country=FRA")
    bs.goto(page, _url(payload_app, path, query))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    state = page.evaluate(_HOSTILE_DOM, bs.FLAG)
    assert state["pwned"] is None, f"/{path}{query}: a payload ran (window.{bs.FLAG} = {state['pwned']!r})"
    assert not state["bad"], f"/{path}{query}: live markup from the data: {state['bad'][:5]}"
    text = page.locator("body").inner_text()
    literal = [p for p in payload_app.written if f"{bs.OPEN}{p}{bs.CLOSE}" in text]
    assert literal, f"/{path}{query}: no payload shown literally: the data text is missing or was rewritten"
    MANGLED[path] = bs.mangled(text, payload_app.written)  # asserted by test_markup_in_the_data_is_shown_verbatim
    LABELS[path] = _poisoned_labels(page)  # asserted by test_link_labels_show_every_payload_as_text

    if bs.dialog(page).count():  # the evidence of the link's selection: read above; close it to reach the chart
        _close_dialog(page)
    tips = _hover_everything(page)
    state = page.evaluate(_HOSTILE_DOM, bs.FLAG)
    assert state["pwned"] is None, f"/{path}{query} after hovering: window.{bs.FLAG} = {state['pwned']!r}"
    assert not state["bad"], f"/{path}{query} after hovering: live markup: {state['bad'][:5]}"
    if path in ("matrix", "timeline"):  # the hover reached the chart marks, and their text stays text
        assert tips, f"hovering the /{path} chart shows tooltips"
        assert any(f"{bs.OPEN}{p}{bs.CLOSE}" in t for t in tips for p in payload_app.written), tips[:3]
    if path == "map":
        assert tips, "hovering the map shows tooltips"
        shown = [t for t in tips if any(f"{bs.OPEN}{p}{bs.CLOSE}" in t for p in payload_app.written)]
        assert shown, f"tooltips show payloads as text: {tips[:3]}"
        MANGLED["map tooltips"] = bs.mangled("\n".join(tips), payload_app.written)
    bs.full_screenshot(page, ARTIFACTS / f"payload-{name}.png", DESKTOP)
    _assert_clean(page, f"/{path}{query} with payload data")


def _ui_h_leaves_markdown() -> bool:
    try:
        from ui.html import h
    except Exception:  # noqa: BLE001 - cannot tell: run the test
        return False
    return ":red[" in h(":red[x]")


@pytest.mark.xfail(
    condition=_ui_h_leaves_markdown(), strict=True,
    reason="ui.h() escapes HTML only; text it escapes is then put in st.markdown(unsafe_allow_html=True), which "
           "still parses markdown and directives: a label '[x](url)' becomes a link, ':red[x]' red text, '*a*' "
           "italic. ui.h should also encode markdown characters as entities (e.g. '[' -> '&#91;').")
def test_markup_in_the_data_is_shown_verbatim(payload_app, tabs):
    for _name, path in PAGES:  # pages the test above did not visit (e.g. when this runs alone)
        if path not in MANGLED:
            page = tabs.new(DESKTOP)
            bs.goto(page, _url(payload_app, path, _PAYLOAD_QUERY.get(path, "?country=GBR&country=FRA")))
            MANGLED[path] = bs.mangled(page.locator("body").inner_text(), payload_app.written)
            page.context.close()
    where = {path or "/": found for path, found in MANGLED.items() if found}
    assert not where, f"markup in the data was interpreted (shown: what the reader sees between « »): " \
        f"{json.dumps(where, indent=1, ensure_ascii=False)}"


def test_link_labels_show_every_payload_as_text(payload_app, tabs):
    """Link labels are markdown too (a country's name, an event's title, an outlet): over the pages, every
    kind of payload lands in some label, and each is shown as written (the DOM checks above: none runs)."""
    for _name, path in PAGES:  # pages the first test did not visit (e.g. when this runs alone)
        if path not in LABELS:
            page = tabs.new(DESKTOP)
            bs.goto(page, _url(payload_app, path, _PAYLOAD_QUERY.get(path, "?country=GBR&country=FRA")))
            LABELS[path] = _poisoned_labels(page)
            page.context.close()
    labels = [t for found in LABELS.values() for t in found]
    kinds = bs.payloads("")  # each kind's text up to its tag
    missing = [k for k in kinds if not any(f"{bs.OPEN}{k.split(chr(39))[0]}" in t for t in labels)]
    assert not missing, f"payload kinds no link label carries (the sweep would not see them): {missing}"
    wrong = bs.mangled("\n".join(labels), payload_app.written)
    assert not wrong, f"link labels whose markup was interpreted: {wrong[:5]}"


# 8. the very first visit may be a deep link --------------------------------------------------------------
# A deep link per page with the page's own state, as a reader would share it.
FIRST_VISIT_LINKS = {"": "?issue=troops&country=GBR", "map": "?issue=troops&country=GBR&focus=ITA",
                     "matrix": "?issue=frozen_assets&country=GBR", "timeline": "?country=GBR&on_issue=1",
                     "country": "?country=GBR&focus=ITA", "changes": "?country=GBR", "sources": "?country=GBR&source=s004",
                     "about": "?country=GBR"}


@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_first_request_of_a_fresh_server_is_a_deep_link_and_draws_the_whole_frame(browser, tabs, name, path):
    """Each page's deep link as the very first request of a new server (no one has opened '/'): the
    page's heading, the app's own navigation with the page marked, the shared sidebar filters set
    from the link, and no file-name menu (Streamlit's multipage v1 trap, guarded against by the
    classic layout: every page draws the frame itself)."""
    server = _start(f"server-fresh-{name}", browser, warm=False, watch=False)  # its log is checked here
    try:
        page = tabs.new(DESKTOP)
        page.goto(_url(server, path, FIRST_VISIT_LINKS[path]), wait_until="domcontentloaded")
        bs.wait_for_run(page)
        _assert_clean(page, f"first visit by deep link to /{path}")
        expect(bs.multiselect(page, "Countries").locator("[data-tag] span[title]")).to_have_text(
            ["United Kingdom (GBR)"], timeout=15_000)  # the link's country, in the shared sidebar
        expect(page.locator('[data-testid="stMain"] :is(h1, h2)').first).to_be_visible()
        assert _nav_titles(page) == NAV_TITLES, "the app's navigation, not a list of files"
        assert _nav_current(page) == [dict((p, t) for _, p, t in APP_PAGES)[path]]
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0, "no file-name menu"
        title = dict((p, t) for _, p, t in APP_PAGES)[path]
        assert page.title().startswith(title), f"the browser tab names the page: {page.title()!r}"
        assert "Traceback" not in server.log(), server.log()[-3000:]
    finally:
        server.stop()


# 8b. for readers who cite and share (issue: copy, embed, cite, phone) ----------------------------------------
READER_PHONE = {**bs.PHONE_DEVICE, "viewport": PHONE}  # a phone (touch, "Mobile" UA) 400 px wide


def test_each_view_names_its_browser_tab(app, tabs):
    page = tabs.new(DESKTOP)
    bs.goto(page, _url(app, "map", "?issue=troops"))
    assert page.title() == "Map: Will it send troops to a force in Ukraine? — Coalition Tracker"
    bs.goto(page, _url(app, "matrix", "?cell=ITA.troops"))
    expect(page).to_have_title("Stance matrix: Italy, Sends troops — Coalition Tracker")


def test_copy_buttons_put_the_link_and_the_citation_on_the_clipboard(app, tabs):
    page = tabs.new(DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    bs.goto(page, _url(app, "map", "?issue=troops&view=world"))
    shown = bs.sidebar(page).locator(".st-key-share_link code").inner_text().strip()
    assert shown == app.url + "/map?issue=troops&view=world"
    for where, name in ((".st-key-cite", "link"), ("[data-testid='stSidebar']", "embed"), (".st-key-cite", "citation")):
        button = page.locator(f"{where} button[data-copy='{name}']")
        button.click()
        expect(button).to_have_attribute("data-copied", "1")
        copied = page.evaluate("navigator.clipboard.readText()")
        if name == "link":
            assert copied == shown
        elif name == "embed":
            assert copied == shown + "&embed=true"
        else:
            assert copied.startswith("Coalition Tracker, “Map: Will it send troops") and shown in copied
        expect(button).not_to_have_attribute("data-copied", "1", timeout=5_000)  # says "Copied ✓", then its label


def test_the_embed_form_shows_the_chart_and_a_link_back_without_the_sidebar(app, tabs):
    page = tabs.new(DESKTOP)
    page.goto(_url(app, "map", "?issue=troops&embed=true"), wait_until="domcontentloaded")
    bs.wait_for_run(page)
    bs.wait_for_deck(page)
    _assert_clean(page, "the embedded map")
    assert page.locator('[data-testid="stSidebar"]').count() == 0 or \
        not page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.locator(NAV_LINKS).count() == 0
    back = page.locator(".st-key-embed_foot a")
    expect(back).to_have_attribute("href", app.url + "/map?issue=troops")
    assert back.get_attribute("target") == "_blank"
    expect(page.locator(".st-key-embed_foot")).to_contain_text("Latest records")
    assert page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "embed-map.png"))


def test_a_phone_reader_changes_the_issue_on_the_page_and_reads_tap_not_hover(app, tabs):
    page = tabs.new(**READER_PHONE)
    bs.goto(page, _url(app, "map", "?issue=join"))
    heading = page.locator('[data-testid="stMain"] h2').first
    assert heading.bounding_box()["y"] <= 90, "no empty band above the heading"
    label = page.evaluate("""() => getComputedStyle(document.querySelector('[data-testid="stExpandSidebarButton"]'),
                                                    '::after').content""")
    assert label == '"Filters & pages"'
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    assert "Tap a country" in caption and "hover" not in caption.lower() and "Point at" not in caption
    page.screenshot(path=str(ARTIFACTS / "phone-map-top.png"))
    picker = page.locator('[data-testid="stMain"] .st-key-f_issue_page')
    picker.click()
    page.get_by_role("option", name="Sends troops").click()
    bs.wait_for_query(page, "issue=troops")
    bs.settle(page)
    expect(heading).to_have_text("Will it send troops to a force in Ukraine?")


_CHART_WIDTHS = """() => { const svg = document.querySelector('[data-testid="stMain"] [data-testid="stPlotlyChart"] .main-svg');
  const box = document.querySelector('[data-testid="stMain"] .st-key-desktop_chart');
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  return {svg: svg.getBoundingClientRect().width, box: box ? box.clientWidth : null,
          boxScroll: box ? box.scrollWidth : null, main: main.clientWidth,
          page: document.documentElement.scrollWidth}; }"""


@pytest.mark.parametrize("path", ["matrix", "timeline"])
def test_a_narrow_desktop_window_scrolls_the_chart_instead_of_squeezing_it(app, tabs, path):
    from ui.device import DESKTOP_CHART_MIN_PX

    # a desktop browser (no "Mobile" in its UA) 400 px wide gets the desktop figure: it keeps its
    # minimum width and scrolls sideways in its own box, so cell labels and column heads do not overlap
    page = tabs.new({"width": 400, "height": 900})
    bs.goto(page, _url(app, path))
    bs.wait_for_charts(page)
    w = page.evaluate(_CHART_WIDTHS)
    assert w["svg"] >= DESKTOP_CHART_MIN_PX - 1, w
    assert w["box"] is not None and w["box"] < w["boxScroll"], f"the chart's box scrolls sideways: {w}"
    assert w["page"] <= 400 + 1, f"the page itself does not scroll sideways: {w}"
    _assert_clean(page, f"/{path} in a narrow desktop window")
    # at 1280 px the chart fills the page's column and nothing scrolls
    page.set_viewport_size(DESKTOP)
    page.wait_for_function(f"""() => {{ const w = ({_CHART_WIDTHS})();  // the sidebar opens, plotly re-lays out
        return w.box > {DESKTOP_CHART_MIN_PX} && Math.abs(w.svg - w.box) <= 2 && w.boxScroll <= w.box + 1; }}""")
    # a phone gets the phone figure, made for its width: no box, no minimum
    phone = tabs.new(**READER_PHONE)
    bs.goto(phone, _url(app, path))
    bs.wait_for_charts(phone)
    w = phone.evaluate(_CHART_WIDTHS)
    assert w["box"] is None and w["svg"] <= PHONE["width"], w


@pytest.mark.parametrize("path,query", [("map", "?issue=troops"), ("timeline", ""), ("sources", ""),
                                        ("country", "?focus=GBR")])
def test_tables_are_not_cut_at_1280_px(app, tabs, path, query):
    page = tabs.new(DESKTOP)
    bs.goto(page, _url(app, path, query))
    main = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    grids = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]')
    expect(grids.first).to_be_visible()
    for i in range(grids.count()):
        grid = grids.nth(i)
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        assert box["x"] + box["width"] <= main["x"] + main["width"] + 1
        overflow = grid.evaluate("""g => { const s = g.querySelector('.dvn-scroller');
                                           return s ? s.scrollWidth - s.clientWidth : 0; }""")
        assert overflow <= 1, f"table {i} on /{path} scrolls sideways by {overflow} px at 1280 px"


def test_the_download_holds_exactly_the_view(app, tabs):
    import csv
    import io
    page = tabs.new(DESKTOP)
    bs.goto(page, _url(app, "map", "?issue=troops&country=ITA&country=DEU"))
    with page.expect_download() as info:
        bs.sidebar(page).get_by_role("button", name="Stances CSV").click()
    download = info.value
    assert download.suggested_filename == "coalition-map-troops-ITA-DEU-stances.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert rows and {r["issue"] for r in rows} == {"troops"} and {r["country"] for r in rows} == {"ITA", "DEU"}
    assert {"source_url", "source_title", "published", "date_basis"} <= set(rows[0])


def test_a_tables_toolbar_offers_no_csv_of_its_own(app, tabs):
    """Streamlit's table toolbar writes a CSV in the browser, with no formula neutralising: it is hidden,
    and the table's other tools (search, full screen) stay; the sidebar's safe downloads are there."""
    page = tabs.new(DESKTOP)
    bs.goto(page, _url(app, "sources", "?source=s004"))
    table = page.locator('[data-testid="stDataFrame"]:visible').first
    table.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]:visible').first
    expect(toolbar.get_by_role("button", name="Search")).to_be_visible()
    csv_button = toolbar.locator('button[aria-label="Download as CSV"]')
    expect(csv_button).to_have_count(1)  # Streamlit still draws it (so this checks the hiding, not a rename)
    expect(csv_button).to_be_hidden()
    expect(bs.sidebar(page).get_by_role("button", name="Stances CSV")).to_be_visible()


# 9. nothing leaves the machine (runs last: it checks every request of the session) ------------------------
def test_no_request_leaves_127_0_0_1_on_any_page(app, tabs):
    page = None
    for _name, path in PAGES:  # pages no earlier test opened (e.g. when this test runs alone)
        if _url(app, path) in SESSION_NET.documents:
            continue
        page = page or tabs.new(DESKTOP)
        bs.goto(page, _url(app, path, "?country=GBR&country=FRA&issue=troops"))
        page.wait_for_load_state("networkidle")
        _hover_everything(page, plots=False)
    assert {_url(app, path) for _, path in PAGES} <= SESSION_NET.documents, "every page was opened"
    assert len(SESSION_NET.urls) > 20, "the request log is working (static files, health, websocket)"
    assert any(u.startswith(("ws://127.0.0.1", "ws://localhost")) for u in SESSION_NET.urls), "websocket seen"
    assert not SESSION_NET.foreign, (f"requests left this machine: {SESSION_NET.foreign} (e.g. page_icon=':material/…' "
                                     "fetches the favicon from fonts.gstatic.com)")
