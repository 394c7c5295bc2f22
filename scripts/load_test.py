"""Load test (issue 5, "Many readers"): concurrent readers on different deep links, then a data swap.

    python scripts/load_test.py                  # 30 sessions (make load-test)
    python scripts/load_test.py --sessions 8     # the short form tests/test_load.py runs in CI

One ``streamlit run app.py`` on 127.0.0.1 (a free port) reads a temporary copy of the project's
data/ and seeds/ (COALITION_DATA); one headless Debian Chromium (never ``playwright install``)
holds N browser contexts, each a reader with its own deep link (pages and filters spread out).
Requests to any other host are aborted. Every wait has a hard timeout and the whole run a deadline:
it stops by itself, and stops the server and the browser it started.

1. open: every session opens its link at once; timed until drawn (the script run is over, nothing
   stale, sidebar filters and a page heading present, and the page drawn as the kind it draws in that
   view: a deck painted, every plotly or Vega-Lite chart with its marks; bench.browser, with the
   kind of each view found beforehand by bench.apptest);
2. change: every session picks another issue in the sidebar; timed from the click until drawn
   with the new issue in the URL;
3. swap: with every session open, the data file is replaced (temp file + os.replace) by a valid
   new version: Japan gets a later "join" record (considering), there is a new key figure, and
   every free text a reader sees (questions, summaries, titles, date notes...) ends in " (v2)",
   so a page shows which version it drew and a mix shows as old text. Every session then picks
   the default issue (a rerun) and must show the new version in the sidebar and in the page, and
   nothing of the old one: never a mix, never an error.
Fails (exit 1) when a session did not draw, showed an exception, an error box or a link notice,
did not show the new data after the swap, or when the server log has a "Traceback" or "Error" line.
Figures and the server log go to artifacts/load/.

``--relabel`` runs another check instead (tests/test_load.py): one reader, and a new file that
rewords the short label of the issue the reader has chosen (the Issue box's own text).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _p in (ROOT, ROOT / "tests"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import browser_support as bs  # noqa: E402 - the app server, Chromium's flags, "the run is over", is_local
from bench import browser as bb  # noqa: E402 - the "drawn" predicates (deck, plotly, vega, heading)

OUT = ROOT / "artifacts" / "load"
JOIN = "join"  # the default issue (not written in links): what every session picks after the swap
V2 = " (v2)"  # appended to every free text in the new version


# 1. the readers: one deep link each, spread over every page and filter; the issue each picks next ----
@dataclass(frozen=True)
class Link:
    path: str    # url path ('' = the overview)
    query: str   # the deep link's query string
    target: str  # the issue the reader picks in phase 2 (never the default: phase 3 picks that)

    @property
    def href(self) -> str:
        return f"/{self.path}" + (f"?{self.query}" if self.query else "")


_BY_PAGE = {  # by page id (coalition.registry); a page not listed here gets links with shared filters only
    "overview": ["issue=troops&country=GBR&country=FRA:frozen_assets", "issue=frozen_assets&as_of=2025-03-16:troops",
         "kind=meeting:sanctions", "country=JPN&country=AUS&country=NZL:leadership",
         "issue=un_mandate&country=ITA&as_of=2025-03-17:troops"],
    "map": ["issue=troops&country=ITA:un_mandate", "issue=frozen_assets&view=world:sanctions",
            "focus=JPN&view=world:troops", "issue=leadership&as_of=2025-03-15:troops",
            "country=GBR&country=FRA&country=DEU&focus=DEU&issue=leadership:frozen_assets"],
    # the matrix shows free text (the question) only under a selected cell
    "matrix": ["issue=frozen_assets&as_of=2025-03-16&cell=FRA.frozen_assets:troops",
               "issue=troops&cell=ITA.troops:un_mandate", "issue=us_backstop&sort=score&cell=USA.us_backstop:troops",
               "country=JPN&country=AUS&country=NZL&sort=region&cell=AUS.join:leadership",
               "cell=JPN.join&kind=statement:sanctions"],
    "timeline": ["kind=meeting:troops", "event=japan_declines_2025_03_15&issue=leadership:troops",
                 "issue=troops&on_issue=1:sanctions",  # (the timeline must keep some events to draw its chart)
                 "country=USA&kind=call&kind=statement&issue=us_backstop:ceasefire_talks",
                 "issue=sanctions&as_of=2025-03-15:troops"],
    "country": ["focus=JPN:troops", "focus=ITA&issue=troops:un_mandate",
                "focus=USA&issue=us_backstop&as_of=2025-03-16:ceasefire_talks",
                "focus=FRA&issue=without_russian_consent:leadership",
                "focus=GBR&country=GBR&country=DEU&issue=frozen_assets:sanctions"],
    # What changed must list Japan's move after the swap: Japan not filtered out, "as of" none or late
    "changes": [":troops", "country=JPN&country=ITA:sanctions", "issue=us_backstop&as_of=2025-03-17:troops",
                "country=JPN&issue=troops:leadership", "kind=report&issue=frozen_assets:troops"],
    # Sources: a followed "join" passage names the issue's short label
    "sources": ["source=s000&hl=JPN.join.1:troops", "source=s000&hl=GBR.join.1&issue=leadership:frozen_assets",
                "source=s000&hl=AUS.join.1&country=AUS&country=NZL:troops",
                "source=s000&hl=FRA.join.1&issue=troops&as_of=2025-03-16:un_mandate",
                "source=s000&hl=NZL.join.1&issue=sanctions:troops"],
    "about": ["issue=troops:frozen_assets", "as_of=2025-03-16&kind=report:troops",
              "country=DEU&issue=leadership:troops", "issue=ceasefire_talks&country=USA:us_backstop",
              "kind=call&kind=meeting:sanctions"],
}


_SHARED_ONLY = ["issue=troops:frozen_assets", "country=GBR&country=FRA&issue=leadership:troops",
                "as_of=2025-03-16:sanctions", "kind=meeting&issue=sanctions:troops", "country=ITA:un_mandate"]


def _page_links() -> dict[str, list[str]]:
    """url path -> its deep links ("query:issue picked next"), for every page of the registry."""
    from coalition import registry

    return {p.url_path: _BY_PAGE.get(p.id, _SHARED_ONLY) for p in registry.PAGES}


def links(n: int) -> list[Link]:
    """``n`` different deep links, round-robin over the pages (the first len(pages) cover every page)."""
    by_path = _page_links()
    out = []
    for k in range(max(len(v) for v in by_path.values())):
        for path, queries in by_path.items():
            if k < len(queries):
                query, _, target = queries[k].rpartition(":")
                out.append(Link(path, query, target))
    if not 1 <= n <= len(out):
        raise SystemExit(f"--sessions {n}: 1 to {len(out)} (one different deep link per session)")
    return out[:n]


MAX_SESSIONS = sum(len(v) for v in _page_links().values())


def page_kinds(chosen: list[Link], data_file: Path) -> dict[tuple[str, str], str]:
    """What each reader's page draws when opened, after its issue change and after picking the default
    issue (bench.apptest: the chart elements a run of that view sent), keyed (href, phase): the
    "drawn" predicate of that kind is waited for (bench.browser), so the load test needs no edit
    when a page's chart changes renderer."""
    from urllib.parse import parse_qs

    from bench import apptest

    views = []
    for link in chosen:
        params = parse_qs(link.query, keep_blank_values=True)
        views.append((f"{link.href}|open", link.path, params))
        views.append((f"{link.href}|change", link.path, {**params, "issue": [link.target]}))
        views.append((f"{link.href}|swap", link.path, {k: v for k, v in params.items() if k != "issue"}))
    with apptest.data_file(str(data_file)):
        found = apptest.detect(ROOT / "app.py", views)
    return {tuple(name.split("|")): (d.get("kind") or "heading") for name, d in found.items()}


# 2. the data: a scratch project, and a valid new version of its file ------------------------------
def make_project(base: Path) -> Path:
    """A copy of data/ and seeds/ under ``base``; returns its data file."""
    shutil.copytree(ROOT / "data", base / "data")
    shutil.copytree(ROOT / "seeds", base / "seeds")
    return base / "data" / "coalition.yaml"


# free text a reader sees; the new version rewrites every one of them (labels, names and short
# names are left: they are widget labels, see tests/test_load.py for what happens when they change)
REWORDED = ("question", "description", "title", "summary", "counts", "date_basis", "published_basis",
            "conditions", "slant")


@dataclass
class Version:
    """What tells the two versions apart on a page."""
    old_texts: list[str]  # v1's free texts; on a page of v2 each is followed by V2
    figure_text: str      # the new key figure, as the Overview writes it
    japan_move: str       # What changed lists Japan's move: "Japan · <short>"


def new_version(text: str) -> tuple[str, Version]:
    """The data file's next version: every free text a reader sees ends in " (v2)" (so a page shows
    which version it drew, and a mix shows as old text), Japan's latest join record says "considering"
    (a later record quoting a sentence of its source) and there is a new key figure."""
    import yaml

    from coalition import summary

    doc = yaml.safe_load(text)
    olds: set[str] = set()

    def reword(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in REWORDED and isinstance(value, str) and value.strip() and value != "unknown":
                    olds.add(_flat(value))
                    node[key] = value + V2
                else:
                    reword(value)
        elif isinstance(node, list):
            for item in node:
                reword(item)

    reword(doc)
    japan = doc["countries"]["JPN"]
    old = max((s for s in japan["stances"] if s["issue"] == JOIN), key=lambda s: str(s["date"]))
    src = old["evidence"][0]["source"]
    published = str(next(s for s in doc["sources"] if s["id"] == src)["published"])
    assert published > str(old["date"]), "the new record must be later than Japan's last join record"
    japan["stances"].append({
        "issue": JOIN, "date": published, "date_basis": "Load-test data version 2 (not from the sources)." + V2,
        "position": "considering", "summary": "Now considering joining the coalition." + V2,
        "confidence": "reported",
        "evidence": [{"source": src, "quote": " ".join(old["evidence"][0]["quote"].split()[:8])}],
    })
    fig = {"id": "lead_nations_v2", "value": 2, "unit": "lead nations",
           "counts": "Nations spearheading the volunteer coalition." + V2,
           "evidence": [{"source": "s000", "quote": "The UK and France are spearheading a volunteer coalition"}]}
    doc["figures"].append(fig)
    join_short = next(i["short"] for i in doc["issues"] if i["id"] == JOIN)
    new_texts = [_flat(t) + V2 for t in olds]
    # an old text that is also part of another text (not followed by V2) could not tell the versions apart
    tellers = sorted(t for t in olds if len(t) >= 12 and not any(
        t in n.replace(t + V2, "") for n in new_texts))
    ver = Version(tellers, summary.format_figure(fig["value"], fig["unit"]), f"{japan['name']} · {join_short}")
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000), ver


def write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, never half of it: a temp file, then os.replace."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".coalition-", suffix=".yaml.tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def check_valid(path: Path) -> None:
    import coalition

    _, problems = coalition.check(path)
    if problems:
        raise SystemExit(f"{path} is not valid:\n" + "\n".join(map(str, problems[:20])))


# 3. one reader ------------------------------------------------------------------------------------
# drawn = the run is over and the page's main content is there (bs._APP_IDLE), and the page is drawn
# as the kind it draws in that view (bench.browser.wait_drawn: a deck painted, every plotly or
# Vega-Lite chart with its marks, else the heading)
_PROBE = """() => {
  const t = s => { const e = document.querySelector(s); return e ? e.innerText : ''; };
  const issue = [...document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stSelectbox"]')]
    .find(b => ((b.querySelector('[data-testid="stWidgetLabel"]') || {}).innerText || '').trim().startsWith('Issue'));
  // a dialog (the evidence of a selected cell or event) is part of what the reader sees of the page
  const dialogs = [...document.querySelectorAll('[data-testid="stDialog"]')].map(e => e.innerText).join(' ');
  return {main: t('[data-testid="stMain"]') + ' ' + dialogs, side: t('[data-testid="stSidebarUserContent"]'),
          issue: issue ? issue.querySelector('input').value : null,
          exceptions: [...document.querySelectorAll('[data-testid="stException"]')].map(e => e.innerText.slice(0, 400)),
          errors: [...document.querySelectorAll('[data-testid="stAlertContentError"]')].map(e => e.innerText.slice(0, 300)),
          warnings: [...document.querySelectorAll('[data-testid="stAlertContentWarning"]')].map(e => e.innerText.slice(0, 300)),
          traceback: document.body.innerText.includes('Traceback')};
}"""


@dataclass
class Session:
    n: int
    link: str
    page: str
    open_s: float | None = None
    change_s: float | None = None
    swap_s: float | None = None
    swap_state: str = "not reached"  # new | old | mixed | ...
    problems: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)


class Reader:
    def __init__(self, n: int, link: Link, base: str, timeout_s: float, kinds: dict | None = None):
        self.link, self.url, self.timeout_ms = link, base + link.href, timeout_s * 1000
        self.kinds = {phase: (kinds or {}).get((link.href, phase), "heading") for phase in ("open", "change", "swap")}
        self.kind = self.kinds["open"]
        self.rec = Session(n, link.href, link.path or "overview")
        self.page = None

    async def start(self, browser) -> None:
        ctx = await bb.new_context(browser, viewport=bs.DESKTOP)  # with the predicates' draw-call counter
        await ctx.route("**/*", self._route)
        self.page = await ctx.new_page()
        self.page.on("pageerror", lambda e: self.rec.js_errors.append(str(e)[:200]))
        self.page.on("dialog", lambda d: (self.rec.problems.append(f"dialog: {d.message}"),
                                          asyncio.ensure_future(d.dismiss())))

    async def _route(self, route) -> None:
        if bs.is_local(route.request.url):
            await route.continue_()
        else:
            self.rec.problems.append(f"request to another host aborted: {route.request.url[:120]}")
            await route.abort("blockedbyclient")

    async def _drawn(self) -> None:
        await bb.wait_drawn(self.page, self.kind, self.timeout_ms, polling=250, extra_js=bs._APP_IDLE)

    async def probe(self) -> dict:
        try:
            return await self.page.evaluate(_PROBE)
        except Exception as exc:  # noqa: BLE001 - a crashed or closed page: reported, not raised
            self.rec.problems.append(f"the page could not be read ({_first_line(exc)})")
            return {"main": "", "side": "", "issue": None, "exceptions": [], "errors": [], "warnings": [],
                    "traceback": False}

    def _problems(self, state: dict, when: str) -> None:
        for e in state["exceptions"]:
            self.rec.problems.append(f"{when}: exception shown: {e}")
        for e in state["errors"]:
            self.rec.problems.append(f"{when}: error box: {e}")
        if state["traceback"]:
            self.rec.problems.append(f"{when}: 'Traceback' in the page")
        for w in state["warnings"]:  # a valid link needs no notice (pages warn of disagreeing sources: fine)
            if "Ignored" in w:
                self.rec.problems.append(f"{when}: link notice: {w}")

    async def open(self) -> None:
        t = time.perf_counter()
        try:
            await self.page.goto(self.url, wait_until="commit", timeout=self.timeout_ms)
            await self._drawn()
            self.rec.open_s = time.perf_counter() - t
        except Exception as exc:  # noqa: BLE001 - recorded: one reader's failure must not stop the others
            self.rec.problems.append(f"open: not drawn ({_first_line(exc)})")
        self._problems(await self.probe(), "open")

    async def close_dialog(self) -> None:
        """Close the evidence dialog a link may open (a selected cell or event), as a reader does before
        using the sidebar: the dialog is modal. Escape dismisses it (a rerun); wait until that is drawn."""
        dialog = self.page.locator('[data-testid="stDialog"]')
        if not await dialog.count() or not await dialog.first.is_visible():
            return
        await self.page.keyboard.press("Escape")
        await dialog.first.wait_for(state="hidden", timeout=self.timeout_ms)
        await asyncio.sleep(0.25)
        await self._drawn()

    async def pick_issue(self, label: str, query_js: str) -> float:
        """Pick ``label`` in the sidebar's Issue box; seconds from the click until drawn with the URL updated."""
        await self.close_dialog()
        box = self.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
            has=self.page.locator('[data-testid="stWidgetLabel"]', has_text="Issue"))
        await box.locator("input").click(timeout=self.timeout_ms)
        await self.page.get_by_role("option", name=label, exact=True).click(timeout=self.timeout_ms)
        t = time.perf_counter()
        await self.page.wait_for_function(query_js, polling=100, timeout=self.timeout_ms)
        await asyncio.sleep(0.25)  # the URL changes mid-run: let the run's state reach the page
        await self._drawn()
        return time.perf_counter() - t

    async def add_country(self, typed: str, option: str, code: str) -> None:
        """Add a country in the sidebar multiselect (type to filter, click); wait until drawn."""
        await self.close_dialog()
        box = self.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
            has=self.page.locator('[data-testid="stWidgetLabel"]', has_text="Countries")).locator("input")
        await box.click(timeout=self.timeout_ms)
        await box.fill(typed)
        await self.page.get_by_role("option", name=option, exact=True).click(timeout=self.timeout_ms)
        await self.page.keyboard.press("Escape")
        await self.page.wait_for_function("c => new URLSearchParams(location.search).getAll('country').includes(c)",
                                          arg=code, polling=100, timeout=self.timeout_ms)
        await asyncio.sleep(0.25)
        await self._drawn()

    async def change(self, labels: dict) -> None:
        if self.rec.open_s is None:
            return
        self.kind = self.kinds["change"]
        try:
            self.rec.change_s = await self.pick_issue(
                labels[self.link.target], f"() => new URLSearchParams(location.search).get('issue') === "
                                          f"{json.dumps(self.link.target)}")
        except Exception as exc:  # noqa: BLE001
            self.rec.problems.append(f"change: not drawn with issue={self.link.target} ({_first_line(exc)})")
        self._problems(await self.probe(), "change")

    async def after_swap(self, ver: Version, labels: dict, settle_s: float = 20) -> None:
        """Pick the default issue (a rerun); then the sidebar and the page must both show the new
        version, and nothing of the old one."""
        if self.rec.change_s is None:
            return
        self.kind = self.kinds["swap"]
        try:
            self.rec.swap_s = await self.pick_issue(
                labels[JOIN], "() => !new URLSearchParams(location.search).has('issue')")
        except Exception as exc:  # noqa: BLE001
            self.rec.problems.append(f"swap: not drawn after picking {labels[JOIN]!r} ({_first_line(exc)})")
            self._problems(await self.probe(), "swap")
            self.rec.swap_state = "not drawn"
            return
        deadline = time.monotonic() + settle_s  # lazily loaded elements (charts) may still be mounting
        while True:
            state = await self.probe()
            self.rec.swap_state, why = version_shown(state, ver, self.link.path)
            if self.rec.swap_state == "new" or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.5)
        if self.rec.swap_state != "new":
            self.rec.problems.append(f"swap: shows {self.rec.swap_state} data: {why}")
        self._problems(state, "swap")


def _flat(text: str) -> str:
    return " ".join(text.split())


# pages whose view may show no whole free text: the matrix once its evidence dialog is closed (cells and
# table are labels and canvas); the timeline without a selected event (its chart shortens titles to fit,
# "London summit: Starmer names the…", so the " (v2)" at their end is cut; its table is a canvas)
_NO_TEXT_PAGES = ("matrix", "timeline")


def version_shown(state: dict, ver: Version, path: str) -> tuple[str, str]:
    """'new', 'old', 'mixed' or 'unclear' for the sidebar and the page's main content, and why.

    New: both show V2 text; old: some text of the old version is shown (an old free text not
    followed by V2); the Overview must show the new figure, What changed Japan's move. A page whose
    view shows no free text of either version (the matrix once its evidence dialog is closed: cells
    and table are labels and canvas) is judged by the sidebar alone: it cannot show a mix."""
    side, main = _flat(state["side"]), _flat(state["main"])
    new = {"sidebar": V2 in side, "page": V2 in main}
    old = {where: [t for t in ver.old_texts if text.count(t) > text.count(t + V2)]
           for where, text in (("sidebar", side), ("page", main))}
    missing = [m for m in {"": [ver.figure_text], "changes": [ver.japan_move]}.get(path, []) if m not in main]
    if all(new.values()) and not any(old.values()) and not missing:
        return "new", ""
    if new["sidebar"] and not new["page"] and not any(old.values()) and not missing and path in _NO_TEXT_PAGES:
        return "new", "the page shows no free text (judged by the sidebar)"
    why = "; ".join([f"{w}: no new text" for w, ok in new.items() if not ok]
                    + [f"{w}: old text {ts[:3]}" for w, ts in old.items() if ts]
                    + ([f"page: missing {missing}"] if missing else []))
    if any(old.values()):
        return ("mixed" if any(new.values()) else "old"), why
    return "unclear", why


def _count(xs) -> dict:
    out: dict = {}
    for x in xs:
        out[x] = out.get(x, 0) + 1
    return out


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


# 4. the run ------------------------------------------------------------------------------------
def pct(xs: list[float], q: float) -> float | None:
    """Nearest-rank percentile."""
    xs = sorted(x for x in xs if x is not None)
    return xs[max(0, math.ceil(q * len(xs)) - 1)] if xs else None


def log_problems(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.search(r"Traceback|Error", line)]


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _readers(server, chosen: list[Link], data_file: Path, new_text: str, ver: Version,
                   labels: dict, timeout_s: float, shots: bool, kinds: dict) -> tuple[list[Reader], dict]:
    from playwright.async_api import async_playwright

    times = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=bs.CHROMIUM, args=bs.CHROMIUM_ARGS)
        try:
            warm = Reader(0, Link("", "", JOIN), server.url, timeout_s)  # the first run loads the data
            await warm.start(browser)
            t = time.perf_counter()
            await warm.open()
            times["warm_s"] = time.perf_counter() - t
            await warm.page.context.close()

            readers = [Reader(i + 1, link, server.url, timeout_s, kinds) for i, link in enumerate(chosen)]
            for r in readers:
                await r.start(browser)

            async def each(call) -> None:  # every reader at once; one reader's crash is its own failure
                done = await asyncio.gather(*(call(r) for r in readers), return_exceptions=True)
                for r, d in zip(readers, done):
                    if isinstance(d, BaseException):
                        r.rec.problems.append(f"crashed: {type(d).__name__}: {_first_line(d)}")

            async def swap() -> None:
                write_atomically(data_file, new_text)  # every session is open, idle, showing the old data
                await each(lambda r: r.after_swap(ver, labels))

            for phase, step in (("open", lambda: each(lambda r: r.open())),
                                ("change", lambda: each(lambda r: r.change(labels))),
                                ("swap", swap)):
                t, cpu = time.perf_counter(), cpu_seconds(server.proc.pid)
                await step()
                times[f"{phase}_all_s"] = time.perf_counter() - t
                times[f"{phase}_server_cpu_s"] = cpu_seconds(server.proc.pid) - cpu
            if shots:
                for r in readers[:8]:
                    if r.rec.swap_s is not None:
                        await r.page.screenshot(path=str(OUT / f"after-swap-{r.rec.n:02d}-{r.rec.page}.png"))
        finally:
            await browser.close()
    return readers, times


def run(sessions: int = 30, timeout_s: float = 300, deadline_s: float = 900, shots: bool = True) -> dict:
    """The whole load test; returns the figures (``ok`` False when something failed)."""
    import coalition

    OUT.mkdir(parents=True, exist_ok=True)
    chosen = links(sessions)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coalition-load-") as tmp:
        data_file = make_project(Path(tmp))
        check_valid(data_file)
        new_text, ver = new_version(data_file.read_text(encoding="utf-8"))
        staged = data_file.with_name("next.yaml")  # beside the file: its quotes are checked in seeds/
        staged.write_text(new_text, encoding="utf-8")
        check_valid(staged)
        staged.unlink()
        frames = coalition.load_frames(data_file)
        labels = dict(zip(frames.issues["issue"], frames.issues["short"]))
        t = time.perf_counter()
        kinds = page_kinds(chosen, data_file)
        print(f"what each reader's page draws (detected in {time.perf_counter() - t:.1f} s): "
              + ", ".join(f"{k}: {n}" for k, n in sorted(_count(kinds.values()).items())), flush=True)

        server = bs.AppServer(OUT / f"server-{len(chosen)}.log", env={coalition.ENV_VAR: str(data_file)})
        try:
            server.wait_healthy(timeout=60)
            readers, times = asyncio.run(asyncio.wait_for(
                _readers(server, chosen, data_file, new_text, ver, labels, timeout_s, shots, kinds), deadline_s))
        finally:
            server.stop()
        log = server.log_path.read_text(encoding="utf-8", errors="replace")
        swapped_ok = coalition.check(data_file)[1] == [] and coalition.load_frames(data_file).figures[
            "figure_id"].eq("lead_nations_v2").any()

    recs = [r.rec for r in readers]
    opened = [r.open_s for r in recs if r.open_s is not None]
    changed = [r.change_s for r in recs if r.change_s is not None]
    swapped = [r.swap_s for r in recs if r.swap_s is not None]
    states = {}
    for r in recs:
        states[r.swap_state] = states.get(r.swap_state, 0) + 1
    bad_log = log_problems(log)
    result = {
        "sessions": len(recs), "pages": sorted({r.page for r in recs}),
        "drew": len(opened), "changed": len(changed), "swap_reran": len(swapped), "swap_states": states,
        "open_p50_s": pct(opened, 0.5), "open_p95_s": pct(opened, 0.95), "open_max_s": max(opened, default=None),
        "change_p50_s": pct(changed, 0.5), "change_p95_s": pct(changed, 0.95),
        "swap_p50_s": pct(swapped, 0.5), "swap_p95_s": pct(swapped, 0.95),
        **times, "total_s": time.perf_counter() - t0,
        "server_log_problems": bad_log[:20], "new_file_valid": swapped_ok,
        "js_errors": sum(len(r.js_errors) for r in recs),
        "failures": [f"session {r.n} {r.link}: {p}" for r in recs for p in r.problems],
        "per_session": [asdict(r) for r in recs],
    }
    result["ok"] = (result["drew"] == result["changed"] == result["swap_reran"] == len(recs)
                    and states == {"new": len(recs)} and not bad_log and not result["failures"] and swapped_ok)
    (OUT / f"result-{len(recs)}.json").write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return result


def report(r: dict) -> str:
    f = lambda x: "-" if x is None else f"{x:.1f} s"  # noqa: E731
    n = r["sessions"]

    def phase(name: str) -> str:
        return f"all done after {f(r.get(name + '_all_s'))}, server CPU {f(r.get(name + '_server_cpu_s'))}"

    lines = [
        f"{n} concurrent sessions on {len(r['pages'])} pages ({', '.join(r['pages'])}), one Chromium, loopback; "
        f"first load of the data (warm-up, not counted): {f(r.get('warm_s'))}",
        f"open a deep link -> drawn:         {r['drew']}/{n}; p50 {f(r['open_p50_s'])}, p95 {f(r['open_p95_s'])}, "
        f"max {f(r['open_max_s'])} ({phase('open')})",
        f"pick another issue -> drawn:       {r['changed']}/{n}; p50 {f(r['change_p50_s'])}, "
        f"p95 {f(r['change_p95_s'])} ({phase('change')})",
        f"file replaced; pick -> drawn:      {r['swap_reran']}/{n}; p50 {f(r['swap_p50_s'])}, "
        f"p95 {f(r['swap_p95_s'])} ({phase('swap')}); data shown: {r['swap_states']}",
        f"server log: {len(r['server_log_problems'])} Traceback/Error line(s); uncaught page script errors: "
        f"{r['js_errors']}; total {f(r['total_s'])}",
    ]
    lines += [f"FAIL {x}" for x in r["failures"][:40]] + [f"LOG  {x}" for x in r["server_log_problems"]]
    lines.append("OK" if r["ok"] else "FAILED")
    return "\n".join(lines)


# 5. a reworded label of the issue a reader has chosen ----------------------------------------------
def relabel_check(timeout_s: float = 60, deadline_s: float = 150) -> dict:
    """One reader on /about?issue=troops&country=GBR; the file is replaced by a version where that
    issue's short label (the Issue box's text) and the United Kingdom's name are reworded; then two
    reruns from another filter (two countries added). Does the reader keep the issue and GBR, and
    does the box show the new label? (tests/test_load.py)"""
    import yaml

    import coalition

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="coalition-relabel-") as tmp:
        data_file = make_project(Path(tmp))
        doc = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        issue = next(i for i in doc["issues"] if i["id"] == "troops")
        old_label, issue["short"] = issue["short"], issue["short"] + V2
        names = {code: c["name"] for code, c in doc["countries"].items()}
        doc["countries"]["GBR"]["name"] = names["GBR"] + V2  # the chosen country's label reworded too
        new_text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000)
        server = bs.AppServer(OUT / "server-relabel.log", env={coalition.ENV_VAR: str(data_file)})
        steps: dict = {"old_label": old_label, "new_label": old_label + V2}

        async def go():
            from playwright.async_api import async_playwright

            async with async_playwright() as p:
                browser = await p.chromium.launch(executable_path=bs.CHROMIUM, args=bs.CHROMIUM_ARGS)
                try:
                    r = Reader(1, Link("about", "issue=troops&country=GBR", "troops"), server.url, timeout_s)
                    await r.start(browser)
                    await r.open()
                    steps["open"] = await _issue_state(r)
                    write_atomically(data_file, new_text)
                    for step, code in (("rerun 1", "ITA"), ("rerun 2", "FRA")):
                        await r.add_country(names[code][:4], f"{names[code]} ({code})", code)
                        steps[step] = await _issue_state(r)
                    steps["problems"] = r.rec.problems
                finally:
                    await browser.close()

        try:
            server.wait_healthy(timeout=60)
            asyncio.run(asyncio.wait_for(go(), deadline_s))
        finally:
            server.stop()
        steps["server_log_problems"] = log_problems(server.log_path.read_text(encoding="utf-8", errors="replace"))
    last = steps.get("rerun 2", {})
    steps["kept"] = last.get("issue") == "troops" and last.get("box") == steps["new_label"]
    return steps


async def _issue_state(r: Reader) -> dict:
    await r.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first.wait_for(
        state="attached", timeout=r.timeout_ms)
    state = await r.probe()
    issue = await r.page.evaluate("() => new URLSearchParams(location.search).get('issue')")
    return {"issue": issue, "box": state["issue"], "url": r.page.url.split("/", 3)[-1]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=30, help="concurrent browser sessions (default 30, at most "
                    f"{MAX_SESSIONS})")
    ap.add_argument("--timeout", type=float, default=300, help="seconds allowed for each wait (default 300)")
    ap.add_argument("--deadline", type=float, default=900, help="seconds allowed for the whole run (default 900)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--relabel", action="store_true",
                    help="instead: does a reader keep the chosen issue when the new file rewords its label?")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped from outside: still stop the server
    if not os.path.isfile(bs.CHROMIUM):
        print(f"Chromium not found at {bs.CHROMIUM}", file=sys.stderr)
        return 2
    if args.relabel:
        result = relabel_check(min(args.timeout, 60), min(args.deadline, 150))
        print(json.dumps(result, indent=1))
        ok = result["kept"]
    else:
        result = run(args.sessions, args.timeout, args.deadline)
        print(report(result))
        n = result["sessions"]
        print(f"(figures: {OUT / f'result-{n}.json'}; server log: {OUT / f'server-{n}.log'})")
        ok = result["ok"]
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
