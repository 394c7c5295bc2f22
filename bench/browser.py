"""Browser measurements: time to "page drawn" from a deep link, bytes received, server memory; and the
"drawn" predicates scripts/load_test.py reuses.

Headless Debian Chromium through Playwright (never ``playwright install``), loopback only: any
request to another host is aborted and reported as a problem of the page.

What "drawn" means depends on what the page draws: its *kind*, found on the server side by
bench/apptest.py (``kind_of``: the chart elements a run sent to the main area), so the same bench
measures the pages before and after their charts change renderer. A kind is one of

- ``deck``: every ``st.pydeck_chart`` (``[data-testid="stDeckGlJsonChart"]``) has its deck.gl canvas
  laid out, deck.gl has issued draw calls on it, and a screenshot of the canvas shows at least
  ``DECK_COLOURS`` colours besides the background (deck.gl draws WebGL, on the CPU here; its drawing
  buffer is not preserved, so reading the canvas back from the page gives blank pixels: the
  screenshot is of what the compositor shows);
- ``plotly``: every ``st.plotly_chart`` holds a plotly graph whose main SVG is laid out with marks of
  its traces (points, lines, bars, a heatmap image; or a WebGL trace canvas with draw calls);
- ``vega``: every ``st.vega_lite_chart`` has its SVG marks (or its canvas, past 2,000 marks);
- ``heading``: the main area's first heading (h1 or h2) is laid out with text (pages without a chart);
- ``frame``: the frame's sidebar is drawn to its end (its download buttons), for the shell page;
- ``bare``: the one-line page's text.
A kind may carry how many charts to wait for (``plotly:2``: a chart element that has not arrived
yet cannot be missed) and combine kinds (``deck:1+plotly:1``: all must hold).

Times are ``performance.now()`` in the page (ms since navigation start). For a deck, drawn is the
end of deck.gl's last draw pass before the screenshot that showed it painted (an upper bound: a
pass that only redrew the same picture counts against the page, never for it).
"""
from __future__ import annotations

import asyncio
import gzip
import io
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.async_api import async_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
NAV_TIMEOUT_MS = 90_000
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
DECK_COLOURS = 2          # distinct colours besides the background for a deck to count as painted
DECK_MIN_SHARE = 0.002    # ... each covering at least this share of the canvas (not anti-aliasing)
SHOT_GAP_S = 0.25         # at least this long between two screenshots of a canvas not yet painted

# Installed in every page before its scripts: count WebGL draw calls per canvas (deck.gl's, plotly's
# WebGL traces), with the time of the first and the last. A few property writes per draw call.
INIT_JS = """
(() => {
  const mark = (gl) => {
    const c = gl && gl.canvas;
    if (!c) return;
    const now = performance.now();
    c.__draws = (c.__draws || 0) + 1;
    if (!c.__firstDraw) c.__firstDraw = now;
    c.__lastDraw = now;
  };
  for (const proto of [self.WebGLRenderingContext && WebGLRenderingContext.prototype,
                       self.WebGL2RenderingContext && WebGL2RenderingContext.prototype]) {
    if (!proto) continue;
    for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced',
                        'drawRangeElements']) {
      const f = proto[name];
      if (typeof f !== 'function') continue;
      proto[name] = function (...args) { mark(this); return f.apply(this, args); };
    }
  }
})();
"""

# kind -> true once the page is drawn (the deck kind: up to its screenshot check, see wait_drawn);
# records performance.now() the first time it holds in window.__drawn
DRAWN = """
(spec) => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  if (!main) return false;  // right after navigation the document may have no body yet
  const sized = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const need = (testid, n) => {  // the chart elements, when at least n have arrived; else null
    const els = [...main.querySelectorAll(`[data-testid="${testid}"]`)];
    return els.length >= Math.max(n, 1) ? els : null;
  };
  const deckCanvas = el => el.querySelector('canvas#deckgl-overlay') || el.querySelector('canvas');
  const checks = {
    deck: n => { const els = need('stDeckGlJsonChart', n); return !!els && els.every(el => {
      const c = deckCanvas(el);
      return !!c && c.width > 0 && c.height > 0 && sized(c) && (c.__draws || 0) > 0; }); },
    plotly: n => { const els = need('stPlotlyChart', n); return !!els && els.every(el => {
      const gd = el.querySelector('.js-plotly-plot');
      const svg = gd && gd.querySelector('svg.main-svg');
      if (!gd || !gd._fullLayout || !svg || !sized(svg)) return false;
      if (gd.querySelector('.trace path.point, .trace path.js-line, .trace path.js-fill, .trace text, ' +
                           '.barlayer .trace path, .hm image, .heatmaplayer image, .pielayer path.surface'))
        return true;
      return [...gd.querySelectorAll('canvas')].some(k => (k.__draws || 0) > 0); }); },
    vega: n => { const els = need('stVegaLiteChart', n); return !!els && els.every(el => {
      const s = el.querySelector('svg.marks'), k = el.querySelector('canvas.marks, canvas');
      return (s && sized(s) && !!s.querySelector('.role-mark path, .role-mark text, .role-mark line'))
        || (!!k && k.width > 0 && k.height > 0); }); },
    heading: () => { const h = main.querySelector('h1, h2'); return !!h && h.offsetHeight > 0 && !!h.textContent.trim(); },
    frame: () => {
      const side = document.querySelector('[data-testid="stSidebarUserContent"]');
      return !!side && side.querySelectorAll('[data-testid="stDownloadButton"]').length >= 4
        && !!side.querySelector('[data-testid="stSelectbox"]'); },
    bare: () => [...main.querySelectorAll('[data-testid="stMarkdownContainer"]')].some(e => e.textContent.trim() === 'hi'),
  };
  const ok = String(spec).split('+').every(part => {
    const [kind, n] = part.split(':');
    const check = checks[kind];
    if (!check) throw new Error('unknown drawn kind ' + kind);
    return check(parseInt(n || '1', 10));
  });
  if (ok && !window.__drawn) window.__drawn = performance.now();
  return ok;
}
"""

# the deck canvases of the main area: [index, draws, last draw time] (the screenshot check's input)
_DECKS = """() => [...(document.querySelector('[data-testid="stMain"]') || document.documentElement)
  .querySelectorAll('[data-testid="stDeckGlJsonChart"]')].map((el, i) => {
    const c = el.querySelector('canvas#deckgl-overlay') || el.querySelector('canvas');
    return [i, c ? (c.__draws || 0) : 0, c ? (c.__lastDraw || 0) : 0]; })"""


def parse_kind(spec: str) -> dict[str, int]:
    """'deck:1+plotly:2' -> {'deck': 1, 'plotly': 2}."""
    out = {}
    for part in str(spec).split("+"):
        kind, _, n = part.partition(":")
        out[kind] = int(n or 1)
    return out


def painted_colours(png: bytes) -> int:
    """Distinct colours in a screenshot besides its most common one (the background), counting only
    colours that cover at least DECK_MIN_SHARE of it; channels reduced to 4 bits."""
    from PIL import Image  # noqa: PLC0415

    img = Image.open(io.BytesIO(png)).convert("RGB").point(lambda v: v & 0xF0)
    colours = img.getcolors(maxcolors=1 << 16) or []
    if not colours:
        return 0
    floor = DECK_MIN_SHARE * img.width * img.height
    counts = sorted((n for n, _ in colours), reverse=True)
    return sum(1 for n in counts[1:] if n >= floor)


@dataclass
class DeckCheck:
    """What checking a deck's paint cost: screenshots taken and their time (for the overhead line)."""
    shots: int = 0
    shot_s: float = 0.0
    colours: list = field(default_factory=list)
    draws: int = 0  # draw calls counted on the deck canvases until painted


async def wait_drawn(page, kind: str, timeout_ms: float = NAV_TIMEOUT_MS, polling="raf",
                     extra_js: str | None = None, check: DeckCheck | None = None) -> float:
    """Wait until ``page`` is drawn as ``kind``; return the drawn time (ms since navigation start).

    ``extra_js``: a JS expression that must hold too (the load test's "the script run is over").
    The cheap in-page predicate is polled first (every animation frame, or every ``polling`` ms);
    a deck then needs a screenshot of each deck canvas showing it painted, retried after further
    draw calls until the timeout."""
    fn = DRAWN if not extra_js else f"spec => ({extra_js}) && ({DRAWN})(spec)"
    deadline = time.monotonic() + timeout_ms / 1000
    await page.wait_for_function(fn, arg=kind, polling=polling, timeout=timeout_ms)
    drawn = await page.evaluate("window.__drawn")
    if "deck" not in parse_kind(kind):
        return drawn
    check = check if check is not None else DeckCheck()
    decks = page.locator('[data-testid="stMain"] [data-testid="stDeckGlJsonChart"]')
    confirmed: dict[int, float] = {}
    seen: dict[int, int] = {}
    while True:
        state = await page.evaluate(_DECKS)
        for i, draws, last in state:
            if i in confirmed or draws == 0 or draws == seen.get(i):
                continue  # nothing drawn since the last screenshot of this canvas: it cannot have changed
            el = decks.nth(i)
            canvas = el.locator("canvas#deckgl-overlay")
            if not await canvas.count():
                canvas = el.locator("canvas").first
            t = time.perf_counter()
            png = await canvas.screenshot(timeout=max(1000, (deadline - time.monotonic()) * 1000))
            check.shots += 1
            check.shot_s += time.perf_counter() - t
            n = painted_colours(png)
            check.colours.append(n)
            seen[i] = draws
            if n >= DECK_COLOURS:
                # the last draw pass the screenshot can show: the canvas's last draw before it was taken
                after = await page.evaluate(_DECKS)
                confirmed[i] = next((lst for j, _, lst in after if j == i), last)
        if state and len(confirmed) == len(state):
            check.draws = sum(d for _, d, _ in state)
            return max(drawn, *confirmed.values())
        if time.monotonic() > deadline:
            raise TimeoutError(f"deck not painted within {timeout_ms / 1000:.0f} s (colours seen: "
                               f"{check.colours[-5:]}, draw calls: {[d for _, d, _ in state]})")
        await asyncio.sleep(SHOT_GAP_S)


async def new_context(browser, **kwargs):
    """A browser context ready for the predicates: the draw-call counter in every page."""
    ctx = await browser.new_context(viewport=kwargs.pop("viewport", VIEWPORT), **kwargs)
    await ctx.add_init_script(INIT_JS)
    return ctx


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


class Visit:
    """One fresh context visiting one URL: time to drawn, bytes received, problems."""

    def __init__(self):
        self.ws_payloads: list[bytes] = []
        self.responses: list = []
        self.last_frame = time.monotonic()
        self.drawn_ms: float | None = None
        self.error: str | None = None
        self.exceptions = 0
        self.foreign: list[str] = []
        self.deck = DeckCheck()

    def on_ws(self, ws) -> None:
        def got(payload):
            self.ws_payloads.append(payload if isinstance(payload, bytes) else payload.encode())
            self.last_frame = time.monotonic()
        ws.on("framereceived", got)

    async def route(self, route) -> None:
        if is_local(route.request.url):
            await route.continue_()
        else:
            self.foreign.append(route.request.url[:120])
            await route.abort("blockedbyclient")

    async def weight(self) -> dict:
        """Bytes received besides Streamlit's static bundle (/static/* and the index document)."""
        ws = b"".join(self.ws_payloads)
        other = []
        for r in self.responses:
            path = urlsplit(r.url).path
            if path.startswith("/static/") or r.request.resource_type == "document" or path == "/favicon.png":
                continue
            try:
                other.append((path, await r.body()))
            except Exception:  # noqa: BLE001 - some bodies are gone (redirects, aborted)
                continue
        body = b"".join(b for _, b in other)
        paths: dict[str, int] = {}
        for path, b in other:
            key = "/media/*" if path.startswith("/media/") else path
            paths[key] = paths.get(key, 0) + len(b)
        return {"other_paths": paths, "ws_raw": len(ws), "ws_gz": len(gzip.compress(ws, 6)) if ws else 0,
                "ws_frames": len(self.ws_payloads), "other_raw": len(body),
                "other_gz": len(gzip.compress(body, 6)) if body else 0, "other_n": len(other)}

    def problems(self) -> list[str]:
        out = [self.error] if self.error else []
        if self.exceptions:
            out.append(f"{self.exceptions} exception box(es) on the page")
        if self.foreign:
            out.append(f"{len(self.foreign)} request(s) to another host aborted: {self.foreign[0]}")
        return out


async def visit(browser, url: str, kind: str, settle: bool = False, screenshot: str | None = None,
                weigh: bool = False, timeout_ms: float = NAV_TIMEOUT_MS) -> tuple[Visit, dict | None]:
    """Open ``url`` in a fresh context and wait until drawn as ``kind``. ``settle``: then wait until
    the websocket is quiet (the run is over) before counting bytes (``weigh``) or taking a screenshot."""
    v = Visit()
    ctx = await new_context(browser)
    w = None
    try:
        await ctx.route("**/*", v.route)
        page = await ctx.new_page()
        page.on("websocket", v.on_ws)
        page.on("response", lambda r: v.responses.append(r))
        try:
            await page.goto(url, wait_until="commit", timeout=timeout_ms)
            v.drawn_ms = await wait_drawn(page, kind, timeout_ms, check=v.deck)
        except Exception as exc:  # noqa: BLE001 - reported, not raised: one bad page must not stop the run
            v.error = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        if settle:  # let the run finish (sidebar downloads, late deltas) before counting bytes
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and time.monotonic() - v.last_frame < 1.5:
                await asyncio.sleep(0.25)
        v.exceptions = await page.locator('[data-testid="stException"]').count()
        if screenshot:
            await page.screenshot(path=screenshot, full_page=False)
        if weigh:
            w = await v.weight()
    finally:
        await ctx.close()
    return v, w


async def launch(p):
    return await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)


@dataclass(frozen=True)
class Target:
    """One thing the browser rounds open: a name, its URL, its drawn kind."""
    name: str
    url: str
    kind: str


async def rounds(targets: list[Target], repeats: int, shots: str | None = None, weigh: list[str] = (),
                 log=print) -> dict:
    """A warm-up round (every target once, settled: bytes counted for the names in ``weigh``,
    screenshots taken), then ``repeats`` timed rounds over every target, each in a fresh context.
    The order is rotated by one target per round, so no target always follows the same one."""
    out = {t.name: {"drawn": [], "errors": [], "weights": [], "deck_shots": [], "deck_shot_s": []}
           for t in targets}
    async with async_playwright() as p:
        browser = await launch(p)
        try:
            for t in targets:  # warm-up: server caches, imports, Chromium's own start-up
                shot = f"{shots}/{t.name}.png" if shots else None
                v, w = await visit(browser, t.url, t.kind, settle=True, screenshot=shot, weigh=t.name in weigh)
                rec = out[t.name]
                rec["warmup_ms"] = v.drawn_ms
                if w:
                    rec["weights"].append(w)
                rec["errors"].extend(f"warm-up: {e}" for e in v.problems())
            broken = {t.name for t in targets if out[t.name]["warmup_ms"] is None}
            live = [t for t in targets if t.name not in broken]  # not drawn in the warm-up: not timed again
            for name in broken:
                log(f"browser: {name} was not drawn in the warm-up round ({out[name]['errors'][:1]}): not timed")
            for r in range(repeats if live else 0):
                t0 = time.perf_counter()
                k = r % len(live)
                for t in live[k:] + live[:k]:
                    v, _ = await visit(browser, t.url, t.kind)
                    rec = out[t.name]
                    rec["drawn"].append(v.drawn_ms / 1000 if v.drawn_ms else None)
                    rec["errors"].extend(v.problems())
                    if v.deck.shots:
                        rec["deck_shots"].append(v.deck.shots)
                        rec["deck_shot_s"].append(v.deck.shot_s / v.deck.shots)
                        rec.setdefault("deck_draws", []).append(v.deck.draws)
                log(f"browser: round {r + 1}/{repeats} in {time.perf_counter() - t0:.0f} s")
        finally:
            await browser.close()
    return out


async def concurrency(server, url: str, kind: str, n: int = 20) -> dict:
    """Server RSS with 1 session, then with ``n`` sessions opened at once; time for all n to draw."""
    async with async_playwright() as p:
        browser = await launch(p)
        try:
            await visit(browser, url, kind)  # warm
            await asyncio.sleep(2)
            rss0 = server.rss_kb()
            ctx = await new_context(browser)
            page = await ctx.new_page()
            t = time.perf_counter()
            await page.goto(url, wait_until="commit", timeout=NAV_TIMEOUT_MS)
            await wait_drawn(page, kind)
            one = time.perf_counter() - t
            await asyncio.sleep(2)
            rss1 = server.rss_kb()
            await ctx.close()
            await asyncio.sleep(1)

            contexts = []
            for _ in range(n):
                c = await new_context(browser)
                contexts.append((c, await c.new_page()))
            peak = [0]

            async def watch():
                while True:
                    peak[0] = max(peak[0], server.rss_kb())
                    await asyncio.sleep(0.25)

            async def one_session(pg):
                await pg.goto(url, wait_until="commit", timeout=NAV_TIMEOUT_MS * 3)
                await wait_drawn(pg, kind, NAV_TIMEOUT_MS * 3, polling=100)
                return time.perf_counter() - t0

            watcher = asyncio.create_task(watch())
            t0 = time.perf_counter()
            done = await asyncio.gather(*(one_session(pg) for _, pg in contexts), return_exceptions=True)
            all_drawn = time.perf_counter() - t0
            await asyncio.sleep(3)
            rssn = server.rss_kb()
            watcher.cancel()
            errors = [str(d).splitlines()[0][:160] if str(d) else type(d).__name__
                      for d in done if isinstance(d, BaseException)]
            times = sorted(d for d in done if not isinstance(d, BaseException))
            for c, _ in contexts:
                await c.close()
        finally:
            await browser.close()
    return {"rss0_kb": rss0, "rss1_kb": rss1, "rssn_kb": rssn, "peak_kb": max(peak[0], rssn), "n": n,
            "one_s": one, "all_s": all_drawn, "first_s": times[0] if times else None,
            "median_s": times[len(times) // 2] if times else None, "errors": errors}


async def sequential(server, url: str, kind: str, n: int = 5) -> dict:
    """Server RSS as ``n`` sessions open one after the other (each one drawn before the next, all
    kept open): what each session keeps on the server, without the transient peaks of concurrent runs."""
    rss, contexts = [], []
    async with async_playwright() as p:
        browser = await launch(p)
        try:
            await visit(browser, url, kind)  # warm
            await asyncio.sleep(2)
            rss.append(server.rss_kb())
            for _ in range(n):
                c = await new_context(browser)
                pg = await c.new_page()
                contexts.append(c)
                await pg.goto(url, wait_until="commit", timeout=NAV_TIMEOUT_MS)
                await wait_drawn(pg, kind, polling=100)
                await asyncio.sleep(1.5)
                rss.append(server.rss_kb())
            for c in contexts:
                await c.close()
        finally:
            await browser.close()
    return {"rss_kb": rss, "n": n}


async def single_visits(targets: list[Target], first: Target | None = None) -> dict:
    """Each target once, settled and weighed (generated data: after ``first``, the visit that makes
    the server load the data set)."""
    out = {"visits": {}}
    async with async_playwright() as p:
        browser = await launch(p)
        try:
            if first:
                t = time.perf_counter()
                await visit(browser, first.url, first.kind, timeout_ms=NAV_TIMEOUT_MS * 2)
                out["first_s"] = time.perf_counter() - t
            for t in targets:
                v, w = await visit(browser, t.url, t.kind, settle=True, weigh=True)
                out["visits"][t.name] = {"drawn_s": v.drawn_ms / 1000 if v.drawn_ms else None, "weight": w,
                                         "error": "; ".join(v.problems()) or None}
        finally:
            await browser.close()
    return out


async def draw_counter_cost(calls: int = 20000) -> dict:
    """What the draw-call counter (INIT_JS) costs: microseconds per WebGL draw call in a page with it
    and in one without it (the same loop of trivial draw calls on a small WebGL2 canvas), best of 3."""
    loop = f"""() => {{
      const c = document.createElement('canvas'); c.width = c.height = 16; document.body.appendChild(c);
      const gl = c.getContext('webgl2') || c.getContext('webgl');
      if (!gl) return null;
      let best = Infinity;
      for (let k = 0; k < 3; k++) {{
        const t = performance.now();
        for (let i = 0; i < {calls}; i++) gl.drawArrays(gl.POINTS, 0, 0);
        gl.finish();
        best = Math.min(best, performance.now() - t);
      }}
      return best * 1000 / {calls};
    }}"""
    out = {"calls": calls}
    async with async_playwright() as p:
        browser = await launch(p)
        try:
            for label, counted in (("with_counter_us", True), ("without_counter_us", False)):
                ctx = await (new_context(browser) if counted else browser.new_context(viewport=VIEWPORT))
                page = await ctx.new_page()
                await page.set_content("<html><body></body></html>")
                out[label] = await page.evaluate(loop)
                await ctx.close()
        finally:
            await browser.close()
    return out


def run(coro):
    return asyncio.run(coro)
