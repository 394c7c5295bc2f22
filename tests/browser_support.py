"""Helpers for the real-browser tests (tests/test_browser.py): the app server, Chromium, waits.

Nothing here is a test. Debian's /usr/bin/chromium is driven by python Playwright (never
``playwright install``); each data set gets one Streamlit server on a free port of 127.0.0.1.
"""
from __future__ import annotations

import collections
import hashlib
import io
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 400, "height": 900}
# A phone as the server sees it: a touch screen whose browser sends "Mobile" in its User-Agent
PHONE_DEVICE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
                "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
                              "Chrome/156.0.0.0 Mobile Safari/537.36"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-error"}


# 1. the pages, read from app.py (so a new page is tested without editing the tests) --------------
def app_pages() -> list[tuple[str, str, str]]:
    """(id, url_path, title) of every page in the registry; the first page's url_path is ''."""
    from coalition import registry

    return [(p.id, p.url_path, p.title) for p in registry.PAGES]


# 2. Chromium -------------------------------------------------------------------------------------
def chromium_or_skip() -> str:
    """The Chromium binary; skip (or fail when REQUIRE_BROWSER=1, as in CI) when it is missing."""
    path = CHROMIUM if os.path.isfile(CHROMIUM) else shutil.which("chromium")
    if path:
        return path
    msg = (f"Chromium not found at {CHROMIUM} (install Debian's 'chromium' package; "
           "`playwright install` cannot download here)")
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {msg}", pytrace=False)
    pytest.skip(msg)


def launch(playwright, executable: str):
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


# 3. the app server -------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """``streamlit run app.py`` in a subprocess, its output in a log file."""

    def __init__(self, log_path: Path, env: dict | None = None, cwd: Path = ROOT):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.checked = 0  # how much of the log the per-test traceback check has read
        self.written: list[str] = []  # payload servers: the payloads in their data
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(self.port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false",
               # other people edit the pages while the suite runs: no "file changed" reruns mid-test
               "--server.fileWatcherType", "none"]
        self.proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200 and r.read().strip() == b"ok":
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"streamlit did not answer /_stcore/health within {timeout}s:\n{self.log()}")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def tracebacks_since(self, offset: int) -> str:
        """The server output after ``offset`` when it holds a Python traceback, else ''."""
        new = self.log()[offset:]
        return new if "Traceback" in new else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)  # our own session: streamlit and its children
                self.proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=5)
        self._log.close()


# 4. waiting for Streamlit --------------------------------------------------------------------------
_RUN_OVER = """(() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stSkeleton"]');
})()"""
# stSkeleton: an element whose code Streamlit loads lazily (st.page_link's, the charts') stands as a grey
# bar until its chunk arrives; the navigation was once read in that moment and found empty (CI, 2 of 8)
_APP_IDLE = _RUN_OVER + """
    && !!document.querySelector('[data-testid="stSidebarUserContent"] [data-testid="stMultiSelect"]')
    && !!document.querySelector('[data-testid="stMain"] :is(h1, h2)')"""


def wait_for_app(page, timeout: float = 45_000) -> None:
    """Until the script has run and drawn: connected, not running, nothing stale, sidebar filters
    and a page heading present (a page that dies before its heading never gets there)."""
    page.wait_for_function(_APP_IDLE, timeout=timeout)


_RUN_DREW = _RUN_OVER + """
    && !!document.querySelector('[data-testid="stMain"] :is(h1, h2, [data-testid="stException"])')"""


def wait_for_run(page, timeout: float = 60_000) -> None:
    """Until a script run is over and has drawn a page heading or an exception, whatever else it drew
    (no sidebar required). 'notRunning' alone is also true before the first run has started: a cold
    first run (data checked, no cache yet) can take seconds, so waiting on it alone raced."""
    page.wait_for_function(_RUN_DREW, timeout=timeout)
    page.wait_for_timeout(500)


def settle(page, timeout: float = 45_000) -> None:
    """After an interaction: give the rerun a moment to start, then wait until it is done."""
    page.wait_for_timeout(250)
    wait_for_app(page, timeout)


def goto(page, url: str, timeout: float = 45_000) -> None:
    page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    wait_for_app(page, timeout)


def wait_for_query(page, needle: str, timeout: float = 15_000) -> None:
    """Until the address bar's query string contains ``needle`` (Streamlit uses history.replaceState)."""
    page.wait_for_function("n => decodeURIComponent(location.search.replace(/\\+/g, ' ')).includes(n)",
                           arg=needle, timeout=timeout)


def page_problems(page) -> list[str]:
    """What a reader would call broken: exceptions, tracebacks, error boxes."""
    problems = []
    for el in page.locator('[data-testid="stException"]').all():
        problems.append("exception shown: " + el.inner_text()[:800])
    body = page.locator("body").inner_text()
    if "Traceback" in body:
        problems.append("'Traceback' in the page text")
    for el in page.locator('[data-testid="stAlertContentError"]').all():
        problems.append("error box: " + el.inner_text()[:400])
    return problems


# 5. screenshots ------------------------------------------------------------------------------------
def full_screenshot(page, path: Path, viewport: dict) -> None:
    """Streamlit scrolls inside <main> and the sidebar, so a 'full page' shot is one with a
    viewport as tall as the longest of them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(viewport)
    page.wait_for_timeout(300)
    height = page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...['stMain', 'stSidebarContent'].map(t => document.querySelector(`[data-testid="${t}"]`))
           .filter(e => e && e.getBoundingClientRect().right > 0).map(e => e.scrollHeight))""")  # a collapsed sidebar is off-screen
    page.set_viewport_size({"width": viewport["width"], "height": min(max(int(height), viewport["height"]), 8000)})
    page.wait_for_timeout(700)  # charts re-lay themselves out on resize
    page.screenshot(path=str(path))
    page.set_viewport_size(viewport)


# The charts: the map is a deck.gl canvas (WebGL, drawn on the CPU here), the matrix and the timeline are
# plotly SVG. A deck counts as drawn when a screenshot of its canvas shows several colours (WebGL pixels
# cannot be read back reliably from a script); a plotly chart when its points or their labels are there.
DECK = '[data-testid="stMain"] [data-testid="stDeckGlJsonChart"]'
DECK_CANVAS = DECK + " canvas"
PLOTLY = '[data-testid="stMain"] [data-testid="stPlotlyChart"] .js-plotly-plot'
_PLOTLY_DRAWN = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"] .js-plotly-plot')]
  .every(p => { const c = p.querySelector('.plot-container .svg-container');
    return c && c.getBoundingClientRect().height > 0
      && p.querySelector('.main-svg .scatterlayer .trace .points path, .main-svg .scatterlayer .trace .textpoint text'); })"""


def png_colours(png: bytes, min_share: float = 0.002) -> dict[tuple[int, int, int], int]:
    """The colours of a screenshot that cover at least ``min_share`` of it (anti-aliasing left out)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    counts: dict = {}
    for c in img.getdata():
        counts[c] = counts.get(c, 0) + 1
    floor = min_share * img.width * img.height
    return {c: n for c, n in counts.items() if n >= floor}


def pixels_near(png: bytes, colour: tuple[int, int, int], tolerance: float = 30) -> list[tuple[int, int]]:
    """(x, y) of every pixel (every other row and column) within ``tolerance`` of ``colour``."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    px = img.load()
    return [(x, y) for x in range(0, img.width, 2) for y in range(0, img.height, 2)
            if math.dist(px[x, y], colour) < tolerance]


def wait_for_deck(page, timeout: float = 60_000, colours: int = 3) -> bytes:
    """Until the map's canvas is painted (a screenshot of it shows ``colours`` colours); its screenshot."""
    canvas = page.locator(DECK_CANVAS).first
    canvas.wait_for(state="visible", timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    seen: dict = {}
    while time.monotonic() < deadline:
        png = canvas.screenshot(timeout=timeout)
        seen = png_colours(png)
        if len(seen) >= colours:
            return png
        page.wait_for_timeout(300)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "blank-map-page.png"))
    raise AssertionError(f"the map's canvas was not painted within {timeout / 1000:.0f}s on {page.url} "
                         f"(colours seen: {len(seen)}; artifacts/browser/blank-map-page.png)")


def wait_for_charts(page, timeout: float = 60_000) -> None:
    """Until every chart of the page is drawn: the map's canvas painted, every plotly chart's points."""
    if page.locator(DECK).count():
        wait_for_deck(page, timeout)
    if page.locator(PLOTLY).count():
        page.wait_for_function(_PLOTLY_DRAWN, timeout=timeout)


def dialog(page):
    """The open dialog (the evidence of a selection)."""
    return page.locator('[data-testid="stDialog"]')


# 6. sidebar widgets --------------------------------------------------------------------------------
def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def multiselect(page, label: str):
    return sidebar(page).locator('[data-testid="stMultiSelect"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=label))


def selectbox(page, label: str):
    return sidebar(page).locator('[data-testid="stSelectbox"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=label))


def date_input(page, label: str):
    return sidebar(page).locator('[data-testid="stDateInput"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=label))


def chips(page, label: str) -> list[str]:
    """The chips a multiselect shows (their visible text)."""
    return [t.strip() for t in multiselect(page, label).locator("[data-tag] span[title]").all_inner_texts()]


def selectbox_value(page, label: str) -> str:
    return selectbox(page, label).locator("input").input_value()


def date_value(page, label: str) -> str:
    """The date as the reader sees it in the field (segments joined), e.g. '2025-03-16'."""
    text = date_input(page, label).locator('[data-testid="stDateInputField"]').inner_text()
    return re.sub(r"[\s\u200b-\u200f\u2066-\u2069]", "", text)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in a sidebar selectbox the way a reader does: open it, click the option."""
    selectbox(page, label).locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()


def add_choice(page, label: str, typed: str, option: str) -> None:
    """Add ``option`` to a sidebar multiselect: type to filter (options render lazily), click it."""
    box = multiselect(page, label).locator("input")
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def type_date(page, label: str, iso: str) -> None:
    """Type a date into the segmented date field; Escape closes the calendar and commits it."""
    date_input(page, label).get_by_role("spinbutton").first.click()
    page.keyboard.type(iso.replace("-", ""))
    page.keyboard.press("Escape")


# 7. the network --------------------------------------------------------------------------------------
def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS | {"::1"}


class NetLog:
    """Every request browser contexts make; anything not on this machine is recorded and aborted.
    ``documents`` holds the pages opened (``http://host:port/path``, no query)."""

    def __init__(self):
        self.urls: list[str] = []
        self.foreign: list[str] = []
        self.documents: set[str] = set()

    def attach(self, context) -> None:
        context.route("**/*", self._route)
        context.on("request", self._request)
        context.on("page", lambda p: p.on("websocket", lambda ws: self._seen(ws.url)))

    def _request(self, request) -> None:
        self._seen(request.url)
        if request.resource_type == "document":
            self.documents.add(request.url.split("?")[0].split("#")[0])

    def _seen(self, url: str) -> None:
        self.urls.append(url)
        if not is_local(url) and url not in self.foreign:
            self.foreign.append(url)

    def _route(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            if url not in self.foreign:
                self.foreign.append(url)
            route.abort("blockedbyclient")


# 8. a data set full of markup that must stay text ------------------------------------------------
FLAG = "__pwned"
EVIL_HOST = "evil.example"  # a link to it on a page means data text became a live link


def payloads(tag: str) -> list[str]:
    """Markup that sets ``window.__pwned = tag`` if it ever runs (or styles text if parsed)."""
    return [
        f"<img src=x onerror=\"window.{FLAG}='{tag}'\">",
        f"<script>window.{FLAG}='{tag}'</script>",
        f"[x](javascript:window.{FLAG}='{tag}')",
        ":red[redstyled]",
        f"<svg onload=window.{FLAG}='{tag}'>",
        f"<a href=\"javascript:window.{FLAG}='{tag}'\">clickme</a>",
        # plain addresses: markdown's autolinks would make each a live link (pages show data as text)
        f"https://{EVIL_HOST}/{FLAG}", f"www.{EVIL_HOST}", f"press@{EVIL_HOST}",
    ]


OPEN, CLOSE = "\u00ab", "\u00bb"  # « »: every payload is written between them, to find it again
_WRAPPED = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]{{0,300}}){CLOSE}")


def mangled(text: str, written: list[str]) -> list[str]:
    """Every «...» in a page's text whose content is not one of the payloads as written: the
    markup was interpreted (a link, a colour, a dropped tag) instead of shown."""
    known = set(written)
    text = text.replace("\u2060", "")  # ui.html.md's word joiner: invisible, it only keeps addresses text
    # a label wrapped onto several lines in a chart (SVG tspans) reads back without its spaces:
    # wrapping only moves whitespace, while interpreted markup loses or changes other characters
    compact = {"".join(p.split()) for p in written}
    return [" ".join(text[max(0, m.start() - 50):m.end()].split())
            for m in _WRAPPED.finditer(text)
            if m.group(1) not in known and "".join(m.group(1).split()) not in compact]


# free-text fields a reader sees; ids, dates, quotes, files and enumerations are left alone
POISON_KEYS = {"title", "slant", "published_basis", "outlet", "question", "short", "description", "label",
               "name", "role", "summary", "date_basis", "conditions", "counts", "person"}
SEED_NAME = "999_" + hashlib.sha256(b"payload").hexdigest()[:16] + ".txt"  # the naming rule
SEED_PAYLOADS = payloads("seed")
SEED_QUOTE = (f"the minister said {OPEN}{SEED_PAYLOADS[0]}{CLOSE} and {OPEN}{SEED_PAYLOADS[1]}{CLOSE}"
              f" (see {OPEN}{SEED_PAYLOADS[6]}{CLOSE}, {OPEN}{SEED_PAYLOADS[8]}{CLOSE})")
SEED_TEXT = (
    "Payload article.\n\nA source whose own words are markup: " + SEED_QUOTE + " then "
    + " and ".join(f"{OPEN}{p}{CLOSE}" for p in SEED_PAYLOADS[2:]) + " before leaving.\n"
)


def write_payload_project(base: Path) -> tuple[Path, list[str]]:
    """A copy of the project's data and seeds (as tests/conftest.py Scratch) whose free-text fields
    carry payloads, plus a seed file of markup quoted by a stance and an event.
    Each payload is written between « and »; returns the YAML path and every payload written."""
    import yaml

    (base / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "tests" / "fixtures" / "frozen" / "seeds", base / "seeds")
    (base / "seeds" / SEED_NAME).write_text(SEED_TEXT, encoding="utf-8")
    doc = yaml.safe_load((ROOT / "tests" / "fixtures" / "frozen" / "data" / "coalition.yaml").read_text(encoding="utf-8"))
    written: list[str] = list(SEED_PAYLOADS)
    counter = collections.Counter()

    def poison(node, where: str):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in POISON_KEYS and isinstance(value, str) and value != "unknown":
                    options = payloads(f"{where}.{key}")  # each field cycles through every kind on its own
                    payload = options[counter[key] % len(options)]
                    counter[key] += 1
                    node[key] = f"{value} {OPEN}{payload}{CLOSE}"
                    written.append(payload)
                else:
                    poison(value, f"{where}.{key}" if where else str(key))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                poison(item, f"{where}[{i}]")

    # one record of each kind the frozen data predates, so their free text is poisoned too
    stance = doc["countries"]["GBR"]["stances"][0]
    doc["groups"] = [{"id": "pledgers", "name": "Countries ready to send troops", "count": 19, "issue": stance["issue"],
                      "position": stance["position"], "date": stance["date"], "date_basis": "test fixture",
                      "members": ["GBR", "FRA"], "confidence": "reported", "summary": "Nineteen countries pledged.",
                      "evidence": [dict(e) for e in stance["evidence"]]}]
    doc["organisations"] = {"nato": {"name": "NATO", "kind": "alliance", "stances": [
        {k: (list(map(dict, v)) if k == "evidence" else v) for k, v in stance.items()}]}}
    poison(doc, "")
    # attendance roles are an enumeration (not poisoned); the person's name is free text
    envoy = payloads("attendance.person")[0]
    written.append(envoy)
    doc["events"][0]["participants"]["attendance"] = [{"country": "ITA", "role": "observer",
                                                       "person": f"An Envoy {OPEN}{envoy}{CLOSE}"}]
    extra = payloads("s999")
    written += extra[:4]
    doc["sources"].append({
        "id": "s999", "file": f"seeds/{SEED_NAME}", "outlet": f"Payload Outlet {OPEN}{extra[0]}{CLOSE}",
        "title": f"Payload {OPEN}{extra[1]}{CLOSE}", "published": "2025-03-16",
        "published_basis": f"test fixture {OPEN}{extra[2]}{CLOSE}", "slant": f"{OPEN}{extra[3]}{CLOSE}",
        "sha256": hashlib.sha256(SEED_TEXT.encode("utf-8")).hexdigest(),
    })
    quote = {"source": "s999", "quote": SEED_QUOTE}
    doc["countries"]["GBR"]["stances"][0]["evidence"].append(quote)
    doc["events"][0]["evidence"].append(dict(quote))
    path = base / "data" / "coalition.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path, written
