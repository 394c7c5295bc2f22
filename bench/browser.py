"""Browser measurements: time to "page drawn" from a deep link, bytes received, server memory.

Headless Debian Chromium through Playwright (never ``playwright install``), loopback only.
Nothing on the pages draws with WebGL any more: the map, the matrix and the timeline are Vega-Lite
SVG (a canvas past 2,000 marks). The map counts as drawn when its SVG is laid out with at least 20
painted country paths; the other charts when their marks are there.
"""
from __future__ import annotations

import asyncio
import gzip
import time
from urllib.parse import urlsplit

from playwright.async_api import async_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
NAV_TIMEOUT_MS = 90_000

# kind -> predicate; records performance.now() (ms since navigation start) the first time it holds
DRAWN = """
(kind) => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  let ok = false;
  if (kind === 'map_element') {  // the server has sent the map (memory and warm-up: no need to paint)
    ok = !!main.querySelector('[data-testid="stVegaLiteChart"]');
  } else if (kind === 'reference') {
    const v = main.querySelector('[data-testid="stVegaLiteChart"] svg.marks');
    const t = main.querySelector('[data-testid="stDataFrame"]');
    ok = !!(v && v.getBoundingClientRect().height > 0 && v.querySelector('.role-mark path') && t);
  } else if (kind === 'map') {  // the Vega-Lite map: its SVG laid out, its countries painted (one fill
    // each; an issue may have one position on record, or none, so the number of colours is no test)
    const svg = main.querySelector('[data-testid="stVegaLiteChart"] svg.marks:has(g.countries_marks)');
    if (svg && svg.getBoundingClientRect().height > 0) {  // SVG elements have no offsetHeight
      const paths = svg.querySelectorAll('g.countries_marks path');
      ok = [...paths].filter(p => { const f = p.getAttribute('fill'); return f && f !== 'none' && f !== 'transparent'; }).length >= 20;
    }
  } else if (kind === 'vega') {  // every Vega chart drawn: SVG marks (SVG has no offsetHeight: measure its box),
    // or a painted canvas (Streamlit draws charts of more than 2,000 marks on a canvas, e.g. at 100x data)
    const charts = [...main.querySelectorAll('[data-testid="stVegaLiteChart"]')];
    ok = charts.length > 0 && charts.every(c => {
      const s = c.querySelector('svg.marks'), k = c.querySelector('canvas.marks, canvas');
      return (s && s.getBoundingClientRect().height > 0 && s.querySelector('.role-mark path, .role-mark text'))
        || (k && k.width > 0 && k.height > 0);
    });
  } else if (kind === 'bare') {
    ok = [...main.querySelectorAll('[data-testid="stMarkdownContainer"]')].some(e => e.textContent.trim() === 'hi');
  } else {
    const h = main.querySelector('h1');
    ok = !!(h && h.offsetHeight > 0 && h.textContent.trim());
  }
  if (ok && !window.__drawn) window.__drawn = performance.now();
  return ok;
}
"""
KIND = {"map": "map", "matrix": "vega", "timeline": "vega"}


def drawn_kind(page_name: str) -> str:
    return KIND.get(page_name, "heading")


class Visit:
    """One fresh context visiting one URL: time to drawn, bytes received, problems."""

    def __init__(self):
        self.ws_payloads: list[bytes] = []
        self.responses: list = []
        self.last_frame = time.monotonic()
        self.drawn_ms: float | None = None
        self.error: str | None = None
        self.exceptions = 0

    def on_ws(self, ws) -> None:
        def got(payload):
            self.ws_payloads.append(payload if isinstance(payload, bytes) else payload.encode())
            self.last_frame = time.monotonic()
        ws.on("framereceived", got)

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
        return {"other_paths": paths, "ws_raw": len(ws), "ws_gz": len(gzip.compress(ws, 6)) if ws else 0, "ws_frames": len(self.ws_payloads),
                "other_raw": len(body), "other_gz": len(gzip.compress(body, 6)) if body else 0,
                "other_n": len(other)}


async def visit(browser, url: str, kind: str, settle: bool = True, screenshot: str | None = None) -> tuple[Visit, dict]:
    v = Visit()
    ctx = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await ctx.new_page()
        page.on("websocket", v.on_ws)
        page.on("response", lambda r: v.responses.append(r))
        try:
            await page.goto(url, wait_until="commit", timeout=NAV_TIMEOUT_MS)
            await page.wait_for_function(DRAWN, arg=kind, polling="raf", timeout=NAV_TIMEOUT_MS)
            v.drawn_ms = await page.evaluate("window.__drawn")
        except Exception as exc:  # noqa: BLE001 - reported, not raised: one bad page must not stop the run
            v.error = str(exc).splitlines()[0][:200]
        if settle:  # let the run finish (sidebar downloads, late deltas) before counting bytes
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and time.monotonic() - v.last_frame < 1.5:
                await asyncio.sleep(0.25)
        v.exceptions = await page.locator('[data-testid="stException"]').count()
        if screenshot:
            await page.screenshot(path=screenshot, full_page=False)
        w = await v.weight()
    finally:
        await ctx.close()
    return v, w


async def _launch(p):
    return await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)


async def page_times(app_url: str, bare_url: str, links: list[tuple[str, str]], repeats: int,
                     shots: str | None = None, ref_url: str | None = None) -> dict:
    """Rounds of: the bare page, the reference page, then every page's deep link; each in a fresh context."""
    out = {"bare": [], "reference": [], "pages": {name: {"drawn": [], "weights": [], "errors": []}
                                                  for name, _ in links}}
    async with async_playwright() as p:
        browser = await _launch(p)
        try:
            for name, link in links:  # warm-up: server caches, imports, Chromium's own start-up
                kind = drawn_kind(name)
                await visit(browser, app_url + link, "map_element" if kind == "map" else kind, settle=False)
            await visit(browser, bare_url, "bare", settle=False)
            if ref_url:
                await visit(browser, ref_url, "reference", settle=False)
            for r in range(repeats):
                v, _ = await visit(browser, bare_url, "bare", settle=False)
                out["bare"].append(v.drawn_ms / 1000 if v.drawn_ms else None)
                if ref_url:
                    v, _ = await visit(browser, ref_url, "reference", settle=False)
                    out["reference"].append(v.drawn_ms / 1000 if v.drawn_ms else None)
                for name, link in links:
                    shot = f"{shots}/{name}.png" if shots and r == 0 else None
                    # bytes are counted in the first round (after the run settles); later rounds only time
                    v, w = await visit(browser, app_url + link, drawn_kind(name), settle=r == 0, screenshot=shot)
                    rec = out["pages"][name]
                    rec["drawn"].append(v.drawn_ms / 1000 if v.drawn_ms else None)
                    if r == 0:
                        rec["weights"].append(w)
                    if v.error or v.exceptions:
                        rec["errors"].append(v.error or f"{v.exceptions} exception box(es) on the page")
        finally:
            await browser.close()
    return out


async def concurrency(server, url: str, kind: str, n: int = 20) -> dict:
    """Server RSS with 1 session, then with ``n`` sessions opened at once; time for all n to draw."""
    async with async_playwright() as p:
        browser = await _launch(p)
        try:
            await visit(browser, url, kind, settle=False)  # warm
            await asyncio.sleep(2)
            rss0 = server.rss_kb()
            ctx = await browser.new_context(viewport=VIEWPORT)
            page = await ctx.new_page()
            t = time.perf_counter()
            await page.goto(url, wait_until="commit", timeout=NAV_TIMEOUT_MS)
            await page.wait_for_function(DRAWN, arg=kind, polling="raf", timeout=NAV_TIMEOUT_MS)
            one = time.perf_counter() - t
            await asyncio.sleep(2)
            rss1 = server.rss_kb()
            await ctx.close()
            await asyncio.sleep(1)

            contexts = []
            for _ in range(n):
                c = await browser.new_context(viewport=VIEWPORT)
                contexts.append((c, await c.new_page()))
            peak = [0]

            async def watch():
                while True:
                    peak[0] = max(peak[0], server.rss_kb())
                    await asyncio.sleep(0.25)

            async def one_session(pg):
                await pg.goto(url, wait_until="commit", timeout=NAV_TIMEOUT_MS * 3)
                await pg.wait_for_function(DRAWN, arg=kind, polling=100, timeout=NAV_TIMEOUT_MS * 3)
                return time.perf_counter() - t0

            watcher = asyncio.create_task(watch())
            t0 = time.perf_counter()
            done = await asyncio.gather(*(one_session(pg) for _, pg in contexts), return_exceptions=True)
            all_drawn = time.perf_counter() - t0
            await asyncio.sleep(3)
            rssn = server.rss_kb()
            watcher.cancel()
            errors = [str(d).splitlines()[0][:160] for d in done if isinstance(d, BaseException)]
            times = sorted(d for d in done if not isinstance(d, BaseException))
            for c, _ in contexts:
                await c.close()
        finally:
            await browser.close()
    return {"rss0_kb": rss0, "rss1_kb": rss1, "rssn_kb": rssn, "peak_kb": max(peak[0], rssn), "n": n,
            "one_s": one, "all_s": all_drawn, "first_s": times[0] if times else None,
            "median_s": times[len(times) // 2] if times else None, "errors": errors}


async def sequential(server, url: str, kind: str, n: int = 5) -> dict:
    """Server RSS as ``n`` sessions open one after the other (each one's run finished before the
    next, all kept open): what each session keeps on the server, without the transient peaks of
    concurrent runs. A map counts once its element has arrived (painting is the browser's work)."""
    rss, contexts = [], []
    kind = "map_element" if kind == "map" else kind
    async with async_playwright() as p:
        browser = await _launch(p)
        try:
            await visit(browser, url, kind, settle=False)  # warm
            await asyncio.sleep(2)
            rss.append(server.rss_kb())
            for _ in range(n):
                c = await browser.new_context(viewport=VIEWPORT)
                pg = await c.new_page()
                contexts.append(c)
                await pg.goto(url, wait_until="commit", timeout=NAV_TIMEOUT_MS)
                await pg.wait_for_function(DRAWN, arg=kind, polling=100, timeout=NAV_TIMEOUT_MS)
                await asyncio.sleep(1.5)
                rss.append(server.rss_kb())
            for c in contexts:
                await c.close()
        finally:
            await browser.close()
    return {"rss_kb": rss, "n": n}


async def scale_visits(base: str, links: list[tuple[str, str]]) -> dict:
    """Generated data: a first visit (the server validates and loads the set), then each link once."""
    out = {"visits": {}}
    async with async_playwright() as p:
        browser = await _launch(p)
        try:
            t = time.perf_counter()
            await visit(browser, base + "/about", "heading", settle=False)
            out["first_s"] = time.perf_counter() - t
            for name, link in links:
                v, w = await visit(browser, base + link, drawn_kind(name))
                out["visits"][name] = {"drawn_s": v.drawn_ms / 1000 if v.drawn_ms else None, "weight": w,
                                       "error": v.error}
        finally:
            await browser.close()
    return out


def run(coro):
    return asyncio.run(coro)
