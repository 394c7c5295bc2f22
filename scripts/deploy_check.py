"""The deployment check (issue 13, "A real deployment in front"): nginx and N Streamlit replicas on loopback.

    python scripts/deploy_check.py                 # make deploy-check: 2 replicas, 30 concurrent sessions
    python scripts/deploy_check.py --sessions 4    # the short form tests/test_deploy.py runs

Starts the stack of deploy/stack.py (deploy/coalition.conf.in rendered into a temp folder, nginx as
the current user, replicas on 127.0.0.1), then checks through the proxy, each check returning its
figures and its problems (a check passes when it has none):

1. headers: CSP, X-Content-Type-Options, Referrer-Policy on a page, a script and an error page;
   frame-ancestors 'none' + X-Frame-Options DENY on a page, frame-ancestors * on its embed form;
2. gzip: every script and stylesheet of the page, and the largest script of the bundle, come
   gzipped (Content-Encoding, and the bytes, compared with the same file from a replica);
3. closed: /_stcore/metrics is 404 at the proxy (200 at a replica), the agent API too;
4. sticky: fresh clients get a cookie; their requests stay on one replica; both replicas get clients;
5. browser (headless Chromium, each a fresh client): every page through the proxy draws its heading
   and charts over the websocket, with no console error and no CSP violation; two clients pinned
   to different replicas keep every request and their websocket there, and one downloads a CSV
   (kept in its replica's memory); bytes of a chart page direct and through the proxy; an outside
   page can frame the embed form and cannot frame the page;
6. sessions: N concurrent readers on different deep links (scripts/load_test.py's links), each
   drawn, then another issue picked (a rerun over the websocket), no error of any kind;
7. limits: a 2 MB upload is refused (413), a burst over the request rate gets 429s, websockets
   past the per-address limit get 429s (it leaves this address's budget spent for a while);
8. failover: one replica stopped, the readers it had are served by the other.

Figures, the access log and the logs go to artifacts/deploy/. Exit 0 when every check passed.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import concurrent.futures
import gzip
import http.client
import json
import math
import os
import re
import shutil
import signal
import socket
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
for _p in (ROOT, ROOT / "tests", ROOT / "scripts", ROOT / "deploy"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import stack as deploy_stack  # noqa: E402 - deploy/stack.py

OUT = ROOT / "artifacts" / "deploy"
FAILOVER_WITHIN_S = 15  # a reader of a stopped replica is served again within this (nginx: fail_timeout=10s)
COOKIE = "coalition_replica"
# Installed in every page before its scripts: CSP violations as the page sees them
CSP_LISTENER = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || ''})`));"""


@dataclass
class Check:
    name: str
    facts: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def expect(self, cond: bool, problem: str) -> bool:
        if not cond:
            self.problems.append(problem)
        return cond


# 0. HTTP helpers ---------------------------------------------------------------------------------------
def request(url: str, method: str = "GET", headers: dict | None = None, body: bytes | None = None,
            timeout: float = 30) -> tuple[int, dict, bytes]:
    """(status, headers with lower-case names (repeated ones joined by '\\n'), body) of one request."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=body,
                     headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        out: dict = {}
        for k, v in r.getheaders():
            out[k.lower()] = f"{out[k.lower()]}\n{v}" if k.lower() in out else v
        return r.status, out, data
    finally:
        conn.close()


def csp_directives(value: str) -> dict[str, str]:
    return {d.split()[0]: " ".join(d.split()[1:]) for d in (x.strip() for x in value.split(";")) if d}


def set_cookie_value(headers: dict) -> str | None:
    m = re.search(rf"{COOKIE}=([0-9a-f]+)", headers.get("set-cookie", ""))
    return m.group(1) if m else None


def log_entries(stack) -> list[dict]:
    """The proxy's access log (deploy/coalition.conf.in's log_format coalition), parsed."""
    out = []
    for line in stack.log_lines():
        m = re.match(r'(\S+) \[([^]]+)\] "(\S+) (\S+)[^"]*" (\d+) (\d+) upstream=(.+?) '
                     r'replica_cookie=(\S*) cache=(\S+)', line)  # upstream: "a:1, b:2" when a failed
        if m:
            out.append({"method": m[3], "uri": m[4], "status": int(m[5]), "bytes": int(m[6]),
                        "upstream": m[7], "cookie": m[8], "cache": m[9]})
    return out


def pct(xs: list[float], q: float) -> float | None:
    xs = sorted(xs)
    return xs[max(0, math.ceil(q * len(xs)) - 1)] if xs else None


# 1. headers ---------------------------------------------------------------------------------------------
SECURITY_HEADERS = {"x-content-type-options": "nosniff", "referrer-policy": "same-origin"}


def check_headers(stack) -> Check:
    c = Check("headers")
    views = {"page": "/map?issue=troops", "embed": "/map?issue=troops&embed=true", "embed_upper": "/?EMBED=True",
             "embed_repeated": "/timeline?embed=false&embed=true", "not_embed": "/map?embed=truer",
             "not_embed_prefix": "/map?xembed=true", "error_page": "/_stcore/metrics"}
    got = {k: request(stack.url + v) for k, v in views.items()}
    status, html_headers, html = got["page"]
    js = re.search(r'src="\./(static/js/[^"]+\.js)"', html.decode("utf-8", "replace"))
    got["script"] = request(stack.url + "/" + js.group(1)) if js else (0, {}, b"")
    c.expect(status == 200, f"page: HTTP {status}")
    for view, (st, h, _) in got.items():
        csp = csp_directives(h.get("content-security-policy", ""))
        c.expect(bool(csp), f"{view}: no Content-Security-Policy")
        for name, value in SECURITY_HEADERS.items():
            c.expect(h.get(name) == value, f"{view}: {name} is {h.get(name)!r}, expected {value!r}")
        framed = view.startswith("embed")
        fa = csp.get("frame-ancestors")
        c.expect(fa == ("*" if framed else "'none'"), f"{view}: frame-ancestors {fa!r}")
        c.expect(h.get("x-frame-options") == (None if framed else "DENY"),
                 f"{view}: X-Frame-Options {h.get('x-frame-options')!r}")
        c.facts[view] = {"status": st, "frame-ancestors": fa, "x-frame-options": h.get("x-frame-options")}
    c.facts["csp"] = html_headers.get("content-security-policy")
    c.facts["set_cookie"] = html_headers.get("set-cookie")
    c.expect(set_cookie_value(html_headers) is not None, "a first response sets no replica cookie")
    c.expect("__streamlit" in html.decode("utf-8", "replace"), "the page has no injected base-URL script")
    return c


# 2. gzip ------------------------------------------------------------------------------------------------
GZIP_MIN_LENGTH = 1024


def static_assets(html: str) -> list[str]:
    return sorted(set(re.findall(r'(?:src|href)="\./(static/(?:js|css)/[^"]+\.(?:js|css))"', html)))


def largest_script() -> str:
    from streamlit import file_util

    js = Path(file_util.get_static_dir()) / "static" / "js"
    return "static/js/" + max(js.glob("*.js"), key=lambda p: p.stat().st_size).name


def check_gzip(stack) -> Check:
    c = Check("gzip")
    _, _, html = request(stack.url + "/")
    assets = static_assets(html.decode("utf-8", "replace")) + [largest_script()]
    c.expect(len(assets) > 5, f"only {len(assets)} scripts and stylesheets in the page")
    rows = []
    for path in assets:
        st_d, h_d, direct = request(stack.replica_urls[0] + "/" + path, headers={"Accept-Encoding": "gzip"})
        st_p, h_p, proxied = request(stack.url + "/" + path, headers={"Accept-Encoding": "gzip"})
        enc = h_p.get("content-encoding")
        row = {"path": path, "direct_bytes": len(direct), "direct_encoding": h_d.get("content-encoding"),
               "proxy_bytes": len(proxied), "proxy_encoding": enc, "type": h_p.get("content-type")}
        rows.append(row)
        if len(direct) < GZIP_MIN_LENGTH:  # not worth it (the config's gzip_min_length)
            c.expect(st_p == 200 and proxied == direct, f"{path} ({len(direct)} B): HTTP {st_p}, not the same bytes")
            continue
        if not c.expect(st_p == 200 and enc == "gzip", f"{path}: HTTP {st_p}, Content-Encoding {enc!r}"):
            continue
        c.expect(gzip.decompress(proxied) == direct, f"{path}: gunzipped bytes differ from the replica's")
        c.expect("accept-encoding" in h_p.get("vary", "").lower(), f"{path}: no Vary: Accept-Encoding")
    big = rows[-1]
    c.facts = {"files": len(rows), "direct_bytes": sum(r["direct_bytes"] for r in rows),
               "proxy_bytes": sum(r["proxy_bytes"] for r in rows), "largest": big, "per_file": rows}
    # without Accept-Encoding the proxy sends plain bytes
    st, h, plain = request(stack.url + "/" + big["path"])
    c.expect(h.get("content-encoding") is None and len(plain) == big["direct_bytes"],
             "a client without gzip does not get the plain file")
    # the bundle is kept in the proxy's cache: the replica served the largest script once
    cached = wait_log(stack, lambda e: e["uri"] == "/" + big["path"], 2)
    c.facts["largest_cache"] = [e["cache"] for e in cached]
    c.expect([e["cache"] for e in cached][-1:] == ["HIT"], f"{big['path']}: not served from the proxy's cache")
    return c


# 3. closed endpoints --------------------------------------------------------------------------------
def check_closed(stack) -> Check:
    c = Check("closed")
    direct = request(stack.replica_urls[0] + "/_stcore/metrics")[0]
    c.facts["replica_metrics"] = direct
    c.expect(direct == 200, f"a replica answers /_stcore/metrics with {direct} (the check would prove nothing)")
    for path in ("/_stcore/metrics", "/map/_stcore/metrics", "/_stcore/metrics?x=1", "/_stcore/agent/openapi.json",
                 "/_stcore/agent/interact"):
        st = request(stack.url + path)[0]
        c.facts[path] = st
        c.expect(st in (403, 404), f"{path} through the proxy: HTTP {st}")
    return c


# 4. sticky sessions (HTTP) -----------------------------------------------------------------------------
def wait_log(stack, pred, count: int = 1, timeout: float = 15) -> list[dict]:
    """The access log's entries matching ``pred``, once there are ``count`` (nginx writes a line when a
    request is over, which can be a moment after its client has the response; a websocket's when it
    closes)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [e for e in log_entries(stack) if pred(e)]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def check_sticky(stack, clients: int = 64) -> Check:
    """Fresh clients (no cookie) until every replica has had some; each client's requests stay put."""
    c = Check("sticky")
    replicas = {u.split("//")[1] for u in stack.replica_urls}
    by_replica: dict[str, list[str]] = {r: [] for r in replicas}
    n = 0
    for n in range(1, clients + 1):
        _, h, _ = request(stack.url + "/")
        cookie = set_cookie_value(h)
        if not c.expect(cookie is not None, "a fresh client got no cookie"):
            return c
        for _ in range(4):  # uncached requests, each logged with its replica
            request(stack.url + "/_stcore/host-config", headers={"Cookie": f"{COOKIE}={cookie}"})
        ups = {e["upstream"] for e in wait_log(stack, lambda e, k=cookie: e["cookie"] == k, 4)}
        c.expect(len(ups) == 1 and ups <= replicas, f"client {cookie[:8]}: requests went to {sorted(map(str, ups))}")
        if len(ups) == 1 and ups <= replicas:
            by_replica[ups.pop()].append(cookie)
        if n >= 8 and all(by_replica.values()):
            break
    c.facts = {"clients": n, "per_replica": {r: len(v) for r, v in sorted(by_replica.items())},
               "cookies": {r: v[:2] for r, v in sorted(by_replica.items())}}
    c.expect(all(by_replica.values()), f"{n} fresh clients never reached {[r for r, v in by_replica.items() if not v]}")
    # a forged cookie is replaced, not trusted
    _, h, _ = request(stack.url + "/", headers={"Cookie": f"{COOKIE}=../../etc"})
    c.expect(set_cookie_value(h) is not None, "a malformed replica cookie was kept")
    return c


# 5. the browser ---------------------------------------------------------------------------------------
async def _context(browser, cookie: str | None = None, base: str | None = None):
    from bench import browser as bb

    import browser_support as bs

    ctx = await bb.new_context(browser, viewport=bs.DESKTOP, accept_downloads=True)
    await ctx.add_init_script(CSP_LISTENER)
    if cookie:
        await ctx.add_cookies([{"name": COOKIE, "value": cookie, "url": base}])
    return ctx


class Watch:
    """What a reader's browser reports: console errors, CSP violations, uncaught errors, failed requests."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text[:300]}")
                if m.type in ("error", "warning") and "GL Driver Message" not in m.text else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {str(e)[:300]}"))
        page.on("response", lambda r: self.errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
        page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url} {r.failure}"))

    async def all(self) -> list[str]:
        try:
            csp = await self.page.evaluate("window.__csp || []")
        except Exception as exc:  # noqa: BLE001 - a closed page: reported
            csp = [f"page not readable: {exc}"]
        return self.errors + [f"CSP violation: {v}" for v in csp]


async def drawn(page, timeout_ms: float = 120_000, embedded: bool = False) -> str:
    """Until the run is over and the page drawn (headings, every chart painted); the kind waited for.
    ``embedded``: the embed form, which draws no sidebar (so its filters are not waited for)."""
    from bench import browser as bb

    import browser_support as bs

    over = bs._RUN_DREW if embedded else bs._APP_IDLE
    idle = "() => " + over  # a function, not a string to eval: the CSP forbids eval
    await page.wait_for_function(idle, polling=200, timeout=timeout_ms)
    decks = await page.locator('[data-testid="stMain"] [data-testid="stDeckGlJsonChart"]').count()
    plots = await page.locator('[data-testid="stMain"] [data-testid="stPlotlyChart"]').count()
    kind = "+".join([f"deck:{decks}"] * bool(decks) + [f"plotly:{plots}"] * bool(plots)) or "heading"
    await bb.wait_drawn(page, kind, timeout_ms, polling=200, extra_js=over)
    return kind


async def _heading(page) -> str:
    texts = await page.locator('[data-testid="stMain"] :is(h1, h2)').all_inner_texts()
    return texts[0].strip() if texts else ""


async def browser_pages(browser, stack, c: Check) -> None:
    """Every page of the registry (and an embed link) through the proxy, a fresh client each."""
    from coalition import registry

    import load_test as lt

    titles = {p.url_path: p.title for p in registry.PAGES}
    # each page bare, then at a deep link of the load test (filters, a selection in a dialog, a followed
    # passage on Sources: what a page runs depends on its link), and an embed link
    links = [("/" + p, t) for p, t in titles.items()] + [(x.href, titles[x.path]) for x in lt.links(len(titles))]
    links.append(("/map?embed=true", titles["map"]))
    rows = []
    for path, title in links:
        ctx = await _context(browser)
        page = await ctx.new_page()
        watch = Watch(page)
        t = time.perf_counter()
        row = {"path": path}
        try:
            await page.goto(stack.url + path, wait_until="commit", timeout=120_000)
            row["kind"] = await drawn(page, embedded="embed=true" in path.lower())
            row["seconds"] = round(time.perf_counter() - t, 2)
            row["heading"] = await _heading(page)
            row["title"] = await page.title()
            row["cookie"] = next((k["value"] for k in await ctx.cookies() if k["name"] == COOKIE), None)
            c.expect(bool(row["heading"]), f"{path}: no heading drawn")
            c.expect(title in row["title"], f"{path}: browser title {row['title']!r}, expected the {title!r} page")
            exceptions = await page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count()
            c.expect(exceptions == 0, f"{path}: {exceptions} exception or error box(es) shown")
        except Exception as exc:  # noqa: BLE001 - recorded as the page's problem
            c.problems.append(f"{path}: not drawn ({str(exc).splitlines()[0][:200]})")
        row["errors"] = await watch.all()
        for e in row["errors"]:
            c.problems.append(f"{path}: {e}")
        await ctx.close()
        rows.append(row)
    ws = wait_log(stack, lambda e: e["uri"] == "/_stcore/stream" and e["status"] == 101, len(rows))
    for row in rows:
        ups = {e["upstream"] for e in ws if e["cookie"] == row.get("cookie")}
        row["websocket"] = sorted(ups)
        c.expect(any(e["cookie"] == row.get("cookie") and e["status"] == 101 for e in ws),
                 f"{row['path']}: no websocket upgraded (101) through the proxy")
    c.facts["pages"] = rows


async def browser_sticky(browser, stack, cookies: dict[str, list[str]], c: Check) -> None:
    """One client pinned to each replica (a cookie the HTTP check saw land there): every request it
    makes and its websocket stay on that replica; the first one downloads a CSV from its replica."""
    rows = []
    for i, (replica, cks) in enumerate(sorted(cookies.items())):
        if not cks:
            continue
        cookie = cks[0]
        ctx = await _context(browser, cookie, stack.url)
        page = await ctx.new_page()
        watch = Watch(page)
        row = {"replica": replica, "cookie": cookie}
        try:
            await page.goto(stack.url + "/country?focus=JPN", wait_until="commit", timeout=120_000)
            await drawn(page)
            if i == 0:
                button = page.locator('[data-testid="stSidebar"] [data-testid="stDownloadButton"] button',
                                      has_text="Stances CSV")
                async with page.expect_download(timeout=60_000) as dl:
                    await button.click()
                d = await dl.value
                text = Path(await d.path()).read_text(encoding="utf-8")
                row["download"] = {"file": d.suggested_filename, "lines": text.count("\n"), "url": d.url}
                # the Country page's download holds that country's records only (header + Japan's)
                c.expect(d.suggested_filename == "coalition-country-JPN-stances.csv" and text.count("\n") >= 2
                         and all(line.startswith("JPN,") for line in text.splitlines()[1:]),
                         f"download: {d.suggested_filename!r}, {text.count(chr(10))} lines")
        except Exception as exc:  # noqa: BLE001
            c.problems.append(f"pinned client on {replica}: {str(exc).splitlines()[0][:200]}")
        for e in await watch.all():
            c.problems.append(f"pinned client on {replica}: {e}")
        await ctx.close()  # closes the websocket: its line is logged then
        wait_log(stack, lambda e, k=cookie: e["cookie"] == k and e["uri"] == "/_stcore/stream")
        mine = [e for e in log_entries(stack) if e["cookie"] == cookie]
        row["requests"] = len(mine)
        row["upstreams"] = sorted({e["upstream"] for e in mine if e["upstream"] != "-"})
        row["websockets"] = sorted({e["upstream"] for e in mine if e["uri"] == "/_stcore/stream" and e["status"] == 101})
        row["media"] = sorted({f"{e['status']} {e['upstream']}" for e in mine if e["uri"].startswith("/media/")})
        c.expect(row["upstreams"] == [replica], f"client pinned to {replica} reached {row['upstreams']}")
        c.expect(row["websockets"] == [replica], f"client pinned to {replica}: websocket on {row['websockets']}")
        # every /media/ request on the pinned replica and the download answered 200 there; a 499 (the browser
        # closing a duplicate request of the same file, seen once in a full run) is not a stickiness failure
        media = [m.split(" ", 1) for m in row["media"]]
        media_ok = (all(up == replica for _, up in media) and ["200", replica] in media) or \
            ("download" not in row and not media)
        c.expect(media_ok, f"client pinned to {replica}: /media/ (its download) answered {row['media']}")
        rows.append(row)
    c.expect(len({r["replica"] for r in rows}) >= 2, "fewer than two replicas had a pinned client")
    c.facts["pinned"] = rows


async def page_bytes(browser, stack, path: str) -> dict:
    """Bytes a fresh client receives for ``path`` (bodies as sent on the wire), straight from a replica
    and through the proxy, by resource type; and how much of it came gzipped."""
    out = {}
    for via, base in (("direct", stack.replica_urls[0]), ("proxy", stack.url)):
        ctx = await _context(browser)
        page = await ctx.new_page()
        done = []
        page.on("requestfinished", lambda r: done.append(r))
        await page.goto(base + path, wait_until="commit", timeout=120_000)
        await drawn(page)
        by_type: dict[str, int] = {}
        for r in done:
            sizes = await r.sizes()
            kind = r.resource_type if r.resource_type in ("script", "stylesheet", "document", "font") else "other"
            by_type[kind] = by_type.get(kind, 0) + sizes["responseBodySize"]
        await ctx.close()
        by_type["js_css"] = by_type.get("script", 0) + by_type.get("stylesheet", 0)
        by_type["total"] = sum(v for k, v in by_type.items() if k != "js_css")
        by_type["requests"] = len(done)
        out[via] = by_type
    return out


FRAMING_PAGE = """<!doctype html><title>another site</title>
<iframe id="embed" src="{base}/map?embed=true" width="900" height="700"></iframe>
<iframe id="page" src="{base}/about" width="900" height="700"></iframe>"""


def another_site(html: str):
    """A web server on http://localhost:<port>/ serving ``html``: another site than http://127.0.0.1
    (and on this machine, so Chromium's local-network checks let it frame the proxy)."""
    import http.server
    import threading

    body = html.encode("utf-8")

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://localhost:{server.server_address[1]}/"


async def browser_framing(browser, stack, c: Check) -> None:
    """A page of another site frames the embed form (allowed: it draws) and a page (refused)."""
    server, url = another_site(FRAMING_PAGE.format(base=stack.url))
    ctx = await _context(browser)
    page = await ctx.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    try:
        await page.goto(url, wait_until="domcontentloaded")
        embed = page.frame_locator("#embed")
        heading = embed.locator('[data-testid="stMain"] :is(h1, h2)').first
        try:
            await heading.wait_for(timeout=120_000)
            c.facts["embed_heading"] = (await heading.inner_text()).strip()
        except Exception as exc:  # noqa: BLE001
            c.problems.append(f"the embed form did not draw in another site's frame ({str(exc).splitlines()[0][:150]})")
        refused_frame = await (await page.query_selector("#page")).content_frame()
        deadline = time.monotonic() + 30
        while not any("frame-ancestors" in m for m in console) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        refused = [m.strip() for m in console if "frame-ancestors" in m]
        c.facts["refused"] = refused
        c.facts["frames"] = {"embed": (await (await page.query_selector("#embed")).content_frame()).url,
                             "page": refused_frame.url}
        c.expect(any("'none'" in m for m in refused), "framing /about was not refused by frame-ancestors 'none'")
        c.expect(len(refused) == 1, f"{len(refused)} frames refused, expected 1 (/about): {refused}")
        c.expect(not refused_frame.url.startswith(stack.url), f"the refused frame shows {refused_frame.url}")
    finally:
        await ctx.close()
        server.shutdown()


async def run_browser(stack, cookies: dict[str, list[str]]) -> list[Check]:
    from playwright.async_api import async_playwright

    import browser_support as bs

    pages, sticky, weight, framing = Check("browser_pages"), Check("browser_sticky"), Check("page_bytes"), Check("framing")
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=bs.CHROMIUM, args=bs.CHROMIUM_ARGS)
        try:
            await browser_pages(browser, stack, pages)
            await browser_sticky(browser, stack, cookies, sticky)
            for path in ("/matrix", "/map"):
                weight.facts[path] = b = await page_bytes(browser, stack, path)
                weight.expect(b["proxy"]["js_css"] < b["direct"]["js_css"] / 2,
                              f"{path}: JS+CSS {b['proxy']['js_css']} B through the proxy vs {b['direct']['js_css']} B direct")
            await browser_framing(browser, stack, framing)
        finally:
            await browser.close()
    return [pages, sticky, weight, framing]


# 6. concurrent sessions --------------------------------------------------------------------------------
async def _sessions(stack, n: int, timeout_s: float) -> tuple[list, dict]:
    from playwright.async_api import async_playwright

    import browser_support as bs
    import load_test as lt

    import coalition

    data_file = Path(os.environ.get(coalition.ENV_VAR) or ROOT / "data" / "coalition.yaml")
    chosen = lt.links(n)
    frames = coalition.load_frames(data_file)
    labels = dict(zip(frames.issues["issue"], frames.issues["short"]))
    kinds = lt.page_kinds(chosen, data_file)
    times = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=bs.CHROMIUM, args=bs.CHROMIUM_ARGS)
        try:
            readers = [lt.Reader(i + 1, link, stack.url, timeout_s, kinds) for i, link in enumerate(chosen)]
            watches = []
            for r in readers:
                await r.start(browser)
                await r.page.context.add_init_script(CSP_LISTENER)
                watches.append(Watch(r.page))
            for phase, call in (("open", lambda r: r.open()), ("change", lambda r: r.change(labels))):
                t = time.perf_counter()
                done = await asyncio.gather(*(call(r) for r in readers), return_exceptions=True)
                times[f"{phase}_all_s"] = round(time.perf_counter() - t, 1)
                for r, d in zip(readers, done):
                    if isinstance(d, BaseException):
                        r.rec.problems.append(f"crashed: {type(d).__name__}: {d}")
            for r, w in zip(readers, watches):
                r.rec.js_errors = await w.all()
                r.rec.cookie = next((k["value"] for k in await r.page.context.cookies() if k["name"] == COOKIE), None)
        finally:
            await browser.close()
    return readers, times


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) these processes have used so far."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def stack_pids(stack) -> dict[str, list[int]]:
    """The nginx master and its workers; each replica."""
    master = stack.nginx_proc.pid
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                workers.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return {"nginx": [master, *workers], **{f"replica-{i + 1}": [p.pid] for i, p in enumerate(stack.procs)}}


def check_sessions(stack, n: int, timeout_s: float = 300) -> Check:
    c = Check("sessions")
    pids = stack_pids(stack)
    cpu0 = {k: cpu_seconds(v) for k, v in pids.items()}
    readers, times = asyncio.run(_sessions(stack, n, timeout_s))
    cpu = {k: round(cpu_seconds(v) - cpu0[k], 1) for k, v in pids.items()}
    recs = [r.rec for r in readers]
    opened = [r.open_s for r in recs if r.open_s is not None]
    changed = [r.change_s for r in recs if r.change_s is not None]
    mine = {r.cookie for r in recs}
    ws = wait_log(stack, lambda e: e["uri"] == "/_stcore/stream" and e["status"] == 101 and e["cookie"] in mine, n)
    per_replica: dict[str, int] = {}
    for r in recs:
        for up in {e["upstream"] for e in ws if e["cookie"] == r.cookie}:
            per_replica[up] = per_replica.get(up, 0) + 1
    errors = [f"session {r.n} {r.link}: {p}" for r in recs for p in r.problems + r.js_errors]
    tracebacks = [f"{p.name}: {line}" for p in stack.prefix.glob("replica-*.log")
                  for line in p.read_text(errors="replace").splitlines() if re.search(r"Traceback|Error", line)]
    limited = [e for e in log_entries(stack) if e["status"] in (429, 502, 503, 504)]
    c.facts = {"sessions": n, "pages": sorted({r.page for r in recs}), "drew": len(opened), "changed": len(changed),
               "open_p50_s": pct(opened, 0.5), "open_p95_s": pct(opened, 0.95), "open_max_s": max(opened, default=None),
               "change_p50_s": pct(changed, 0.5), "change_p95_s": pct(changed, 0.95), **times,
               "websockets_per_replica": dict(sorted(per_replica.items())), "errors": len(errors),
               "cpu_s": cpu,
               "proxy_errors": len(limited)}
    c.expect(len(opened) == n, f"{n - len(opened)} of {n} sessions did not draw")
    c.expect(len(changed) == n, f"{n - len(changed)} of {n} sessions did not redraw after picking another issue")
    c.expect(sum(per_replica.values()) == n, f"{sum(per_replica.values())} of {n} sessions had one websocket "
                                             "through the proxy (logged with the session's cookie)")
    c.problems += errors[:60]
    c.problems += [f"replica log: {t}" for t in tracebacks[:20]]
    c.problems += [f"proxy answered {e['status']} to {e['uri']}" for e in limited[:20]]
    if n >= 20:  # fresh clients land by a random cookie: all n on one of two replicas has chance 2**(1-n)
        c.expect(len(per_replica) >= 2, f"{n} sessions all on {list(per_replica)}")
    return c


# 7. limits --------------------------------------------------------------------------------------------
def _ws_handshake(url: str) -> int:
    """Open a websocket to the proxy as a browser would; the HTTP status of the handshake (101 = open).
    The socket is left open (returned through _OPEN) so that it counts against the connection limit."""
    parts = urlsplit(url)
    s = socket.create_connection((parts.hostname, parts.port), timeout=30)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
               f"Origin: {url}\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            break
        head += chunk
    _OPEN.append(s)
    m = re.match(rb"HTTP/1\.1 (\d+)", head)
    return int(m.group(1)) if m else 0


_OPEN: list[socket.socket] = []


def check_limits(stack) -> Check:
    c = Check("limits")
    st = request(stack.url + "/_stcore/upload_file/x/y", method="PUT", body=b"x" * (2 * 1024 * 1024),
                 headers={"Content-Type": "application/octet-stream"})[0]
    c.facts["upload_2mb"] = st
    c.expect(st == 413, f"a 2 MB upload: HTTP {st}, expected 413")
    # websockets from one address, all held open: past the limit they are refused
    try:
        codes = [_ws_handshake(stack.url) for _ in range(48)]
    finally:
        for s in _OPEN:
            s.close()
        _OPEN.clear()
    c.facts["websockets_48"] = {str(k): codes.count(k) for k in sorted(set(codes))}
    c.expect(codes.count(101) >= 30, f"only {codes.count(101)} of 48 websockets opened (30 readers per address must fit)")
    c.expect(codes.count(429) > 0, "48 websockets held open from one address: none refused")
    # a burst of requests from one address, 16 at a time
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda _: request(stack.url + "/_stcore/health", timeout=60)[0], range(600)))
    c.facts["burst_600"] = {str(k): statuses.count(k) for k in sorted(set(statuses))}
    c.expect(statuses.count(200) >= 300, f"a burst of 600: only {statuses.count(200)} answered")
    c.expect(statuses.count(429) > 0, "a burst of 600 requests from one address: none refused")
    return c


def upstream_errors(stack) -> list[str]:
    """nginx's error-log lines about its replicas (not the rate limiting the checks provoke on purpose)."""
    log = stack.prefix / "error.log"
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    return [ln[:240] for ln in lines if "upstream" in ln and "limiting" not in ln]


def check_failover(stack, cookies: dict[str, list[str]]) -> Check:
    """A replica stops: the readers it had are sent to another one (their browsers reconnect there).
    Last: it stops a replica."""
    c = Check("failover")
    down = sorted(r for r, v in cookies.items() if v)[-1]
    cookie = cookies[down][0]
    proc = stack.procs[[u.split("//")[1] for u in stack.replica_urls].index(down)]
    deploy_stack._stop(proc)
    # The reader's browser asks again until it is served (Streamlit's frontend reconnects with a backoff):
    # poll until three answers in a row are 200, every status kept. Normally the very first one is.
    statuses: list[int] = []
    deadline = time.monotonic() + FAILOVER_WITHIN_S
    while statuses[-3:] != [200] * 3 and time.monotonic() < deadline:
        statuses.append(request(stack.url + "/_stcore/host-config", headers={"Cookie": f"{COOKIE}={cookie}"})[0])
        if statuses[-1] != 200:
            time.sleep(0.5)
    ups = [e["upstream"] for e in wait_log(stack, lambda e: e["cookie"] == cookie and e["uri"] == "/_stcore/host-config"
                                           and e["upstream"] != down, 3)][-3:]
    live = [u for u in stack.replica_urls if u.split("//")[1] != down]
    c.facts = {"stopped": down, "statuses": statuses, "upstreams": ups,
               "live_replicas_direct": {u: request(u + "/_stcore/health")[0] for u in live}}
    c.expect(statuses[-3:] == [200] * 3,
             f"a reader of the stopped replica got {statuses} in {FAILOVER_WITHIN_S} s; the live replicas answer "
             f"directly {c.facts['live_replicas_direct']}; nginx said: {upstream_errors(stack)[-6:]}")
    if statuses[:3] != [200] * 3:  # served, but not at once: say so in the report (not a failure)
        c.facts["not_at_once"] = f"the first answers were {statuses[:3]}; nginx said: {upstream_errors(stack)[-6:]}"
    c.expect(len(ups) == 3 and all(u.split(", ")[-1] != down for u in ups), f"served by {ups}")
    return c


# 8. the run --------------------------------------------------------------------------------------------
def run(replicas: int = 2, sessions: int = 30, env: dict | None = None) -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    checks: list[Check] = []
    stack = deploy_stack.Stack(replicas, env=env)
    try:
        stack.start()
        for fn in (check_headers, check_gzip, check_closed, check_sticky):
            checks.append(fn(stack))
            print(f"{checks[-1].name}: {'ok' if checks[-1].ok else 'FAILED'}", flush=True)
        cookies = next(c for c in checks if c.name == "sticky").facts.get("cookies", {})
        for c in asyncio.run(run_browser(stack, cookies)):
            checks.append(c)
            print(f"{c.name}: {'ok' if c.ok else 'FAILED'}", flush=True)
        checks.append(check_sessions(stack, sessions))
        print(f"sessions: {'ok' if checks[-1].ok else 'FAILED'}", flush=True)
        checks.append(check_limits(stack))
        print(f"limits: {'ok' if checks[-1].ok else 'FAILED'}", flush=True)
        checks.append(check_failover(stack, cookies))
        print(f"failover: {'ok' if checks[-1].ok else 'FAILED'}", flush=True)
    finally:
        stack.stop()
        for name in ("access.log", "error.log", "coalition.conf", "nginx.conf", "replica-1.log", "replica-2.log"):
            if (stack.prefix / name).exists():
                shutil.copy(stack.prefix / name, OUT / name)
        stack.cleanup()
    result = {"ok": all(c.ok for c in checks), "replicas": replicas, "seconds": round(time.perf_counter() - t0, 1),
              "nginx": deploy_stack.nginx_version(), "checks": {c.name: {"ok": c.ok, **asdict(c)} for c in checks}}
    (OUT / f"result-{sessions}.json").write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return result


def report(r: dict) -> str:
    ch = r["checks"]
    lines = []
    g = ch.get("gzip", {}).get("facts", {})
    if g:
        lines.append(f"gzip: {g['files']} scripts/stylesheets {g['direct_bytes']:,} B from a replica -> "
                     f"{g['proxy_bytes']:,} B through the proxy; largest {g['largest']['path']}: "
                     f"{g['largest']['direct_bytes']:,} -> {g['largest']['proxy_bytes']:,} B")
    for path, b in ch.get("page_bytes", {}).get("facts", {}).items():
        lines.append(f"{path} in Chromium: JS+CSS {b['direct']['js_css']:,} B direct -> {b['proxy']['js_css']:,} B "
                     f"through the proxy; everything {b['direct']['total']:,} -> {b['proxy']['total']:,} B")
    s = ch.get("sessions", {}).get("facts", {})
    if s:
        f = lambda x: "-" if x is None else f"{x:.1f} s"  # noqa: E731
        lines.append(f"sessions: {s['drew']}/{s['sessions']} drew (p50 {f(s['open_p50_s'])}, p95 {f(s['open_p95_s'])}, "
                     f"max {f(s['open_max_s'])}); {s['changed']}/{s['sessions']} redrew after an issue change "
                     f"(p50 {f(s['change_p50_s'])}, p95 {f(s['change_p95_s'])}); websockets per replica "
                     f"{s['websockets_per_replica']}; errors {s['errors']}; CPU seconds {s['cpu_s']}")
    st = ch.get("sticky", {}).get("facts", {})
    if st:
        lines.append(f"sticky: {st['clients']} fresh clients, per replica {st['per_replica']}")
    lim = ch.get("limits", {}).get("facts", {})
    if lim:
        lines.append(f"limits: 2 MB upload -> {lim.get('upload_2mb')}; 48 websockets -> {lim.get('websockets_48')}; "
                     f"600-request burst -> {lim.get('burst_600')}")
    for name, c in ch.items():
        lines += [f"FAIL {name}: {p}" for p in c["problems"][:30]]
    fo = ch.get("failover", {}).get("facts", {})
    if fo:
        lines.append(f"failover: {fo['stopped']} stopped; its reader got {fo['statuses']} from {fo['upstreams']}"
                     + (f" ({fo['not_at_once']})" if fo.get("not_at_once") else ""))
    lines.append(f"{'OK' if r['ok'] else 'FAILED'} ({r['replicas']} replicas, {r['seconds']} s, {r['nginx']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--sessions", type=int, default=30, help="concurrent browser sessions (default 30)")
    ap.add_argument("--json", type=Path, help="also write the result to this file")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped from outside: still stop the stack
    if not deploy_stack.nginx_binary():
        print("nginx not found (Debian: apt-get install nginx)", file=sys.stderr)
        return 2
    result = run(args.replicas, args.sessions)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
