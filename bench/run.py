"""The benchmark: ``make bench`` or ``python3 -m bench`` (``--help`` for the options; ``--quick``: a
smoke run). One interleaved run compares, on the same machine at the same time:

- the floors: the bare one-line page (bench/pages/bare.py); the app's own frame around nothing
  (shell.py); the frame around one trivial plotly figure, one trivial one-layer deck and one trivial
  Vega-Lite chart (trivial_*.py; the Vega-Lite one only while a page of the app draws Vega-Lite),
  served as the app is served (bench/refapp.py);
- every page of the app (coalition.registry), by its deep link with filters;
- the map, matrix and timeline of two older builds checked out from git (bench/oldbuilds.py).

Sections:
1. server (AppTest, real data): a fresh session opening each deep link; a warm filter change in it;
   what each run sends (payload). Rounds: every page and every floor once per round, the order
   rotated each round; medians over the rounds.
2. scale: generated data at 1x, 10x, 100x (bench/generate.py): validate + load; the rounds of 1.
3. browser (headless Chromium, a fresh context per visit): deep link -> drawn (bench/browser.py: the
   predicate of the kind the page draws, detected from what its run sent); a warm-up round that also
   counts the bytes each page receives, then rotated timed rounds over floors, pages and old builds;
   the map's World view weighed for each build; memory per session; the chart pages at 100x.
Every time is also a ratio to the floor it is judged against, measured in the same rounds.
Results: bench/RESULTS.md (with bench/FINDINGS.md appended) and bench/results.json (raw).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import apptest, generate, oldbuilds, refapp  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
RAW = ROOT / "bench" / "results.json"
APP = ROOT / "app.py"
# the filters every deep link carries, and each page's own keys (used only where the page owns the key)
SHARED = {"issue": "troops", "country": ["GBR", "FRA", "ITA", "DEU", "POL"]}
PAGE_PARAMS = {"map": {"view": "europe"}, "matrix": {"sort": "score"}, "country": {"focus": "ITA"},
               "sources": {"source": None}}  # None: the data's first source
WORLD = {"view": "world"}  # the map's World view: the payload target is about the world's outlines
from bench.report import TARGETS  # noqa: E402 - the targets (the report judges them)


# -- helpers ----------------------------------------------------------------------------
def med(xs):
    xs = [x for x in (xs or []) if x is not None]
    return statistics.median(xs) if xs else None


def ratio(x, base) -> float | None:
    return x / base if x is not None and base else None


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def main_kind(spec: str | None) -> str:
    """The kind a page is judged as: a deck if it draws one, else plotly, else Vega-Lite, else plain."""
    spec = spec or "heading"
    for kind in ("deck", "plotly", "vega"):
        if kind in spec:
            return kind
    return "heading"


def query(params: dict) -> str:
    pairs = [(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])]
    return "?" + urlencode(pairs) if pairs else ""


def app_pages() -> list[dict]:
    """The app's pages from the registry: id, url path, file."""
    from coalition import registry  # noqa: PLC0415
    return [{"name": p.id, "url_path": p.url_path, "file": p.file, "keys": dict(p.keys)} for p in registry.PAGES]


def links_for(pages: list[dict], source: str | None, countries=None) -> dict[str, dict]:
    """Each page's deep link: the shared filters (countries the data has: a link with an unknown one
    draws a notice) plus the page's own state (keys the registry gives the page only)."""
    shared = dict(SHARED)
    if countries is not None:
        shared["country"] = [c for c in SHARED["country"] if c in set(countries)]
    out = {}
    for p in pages:
        own = {k: (source if v is None else v) for k, v in PAGE_PARAMS.get(p["name"], {}).items()
               if k in p["keys"] and (v is not None or source)}
        out[p["name"]] = {**shared, **own}
    return out


def machine() -> dict:
    import pandas, streamlit  # noqa: E401, PLC0415
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "unknown"
    try:
        kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    try:
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                                  timeout=20).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        chromium = "not found"
    versions = {}
    for mod in ("plotly", "pydeck"):
        try:
            versions[mod] = __import__(mod).__version__
        except ImportError:
            versions[mod] = "not installed"
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "app.py", "pages", "ui",
                            "coalition", "bench", ":!bench/RESULTS.md", ":!bench/results.json", ":!bench/FINDINGS.md"],
                           capture_output=True, text=True).stdout.strip()
    return {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "nproc": os.cpu_count(), "memory": mem,
            "cpu": cpu, "python": platform.python_version(), "streamlit": streamlit.__version__,
            "pandas": pandas.__version__, **versions, "chromium": chromium,
            "load_at_start": [round(x, 2) for x in os.getloadavg()], "commit": commit,
            "uncommitted_changes": bool(dirty)}


# -- 1 + 2. server time -----------------------------------------------------------------
class Floors:
    """The reference app, built once per run in a temporary folder."""

    def __init__(self, folder: Path, need_vega: bool):
        self.app = refapp.build(folder)
        self.refs = [r for r in refapp.refs() if need_vega or r.kind != "vega"]
        self.shared = dict(SHARED)  # the shared filters of the pages' links, on the data measured

    def link(self, ref: refapp.Ref) -> tuple[str | None, dict]:
        return ref.file, dict(self.shared)


def detect_pages(pages: list[dict], links: dict, budget: float) -> dict:
    """Each page's deep link opened once: what it draws (its kind), what it sends, its problems."""
    out = {}
    for p in pages:
        at = apptest.open_link(APP, p["file"], links[p["name"]])
        try:
            pay = apptest.payload(at, budget)
            out[p["name"]] = {"kind": apptest.kind_of(at), "payload": pay, "problems": apptest.problems(at)}
        except RuntimeError as exc:
            out[p["name"]] = {"kind": None, "payload": None, "problems": [f"over {budget:.0f} s: {exc}"[:300]]}
    return out


def server_rounds(pages: list[dict], links: dict, kinds: dict, floors: Floors, repeats: int, issues: list[str],
                  budget: float, label: str) -> dict:
    """Rounds of fresh + warm runs of every page and every floor (the order rotated each round)."""
    res = {"label": label, "bare_fresh": [], "refs": {r.name: {"fresh": [], "warm": [], "errors": []}
                                                      for r in floors.refs},
           "pages": {p["name"]: {"fresh": [], "warm": [], "errors": [], "kind": kinds.get(p["name"])}
                     for p in pages}, "budget_s": budget}
    # the bare page runs before every other item: a floor of a few ms is the noisiest figure, so it
    # gets the most samples, spread over the whole round
    items = [("ref", r) for r in floors.refs] + [("page", p) for p in pages]
    items = [x for item in items for x in (("bare", None), item)]
    # warm-up: every page and floor through the very filter changes the rounds make, untimed, so the
    # rounds measure a warm server (per-issue caches filled, as on a server readers already use);
    # what a first visit costs is in detect_pages' run and the first session's figure
    apptest.new(refapp.BARE).run()
    for rnd in range(repeats):
        for what, obj in items:
            if what == "bare" or (what == "page" and res["pages"][obj["name"]]["kind"] is None):
                continue
            at = apptest.open_link(floors.app, *floors.link(obj)) if what == "ref" else \
                apptest.open_link(APP, obj["file"], links[obj["name"]])
            try:
                at.run(timeout=budget)
                apptest.change_issue(at, issues, rnd).run(timeout=budget)
            except RuntimeError:
                pass  # over budget: the timed rounds report it
    t0 = time.perf_counter()
    for rnd in range(repeats):
        k = 2 * rnd % len(items)
        for what, obj in items[k:] + items[:k]:
            if what == "bare":
                res["bare_fresh"].append(apptest.timed_run(apptest.new(refapp.BARE)))
                continue
            if what == "ref":
                rec, at = res["refs"][obj.name], apptest.open_link(floors.app, *floors.link(obj))
            else:
                rec = res["pages"][obj["name"]]
                if rec["kind"] is None or sum(rec["fresh"]) + sum(rec["warm"]) > 2 * budget:
                    continue  # over budget (generated data): fewer runs, shown as n
                at = apptest.open_link(APP, obj["file"], links[obj["name"]])
            try:
                rec["fresh"].append(apptest.timed_run(at, budget))
                errs = apptest.problems(at)
                apptest.change_issue(at, issues, rnd)
                rec["warm"].append(apptest.timed_run(at, budget))
                errs += apptest.problems(at)
            except RuntimeError as exc:  # over budget on a repeat
                errs = [str(exc)[:300]]
            if errs and len(rec["errors"]) < 3:
                rec["errors"].extend(errs[:2])
    res["rounds_s"], res["rounds"] = time.perf_counter() - t0, repeats
    return res


def server_section(pages: list[dict], repeats: int, data: str | None, label: str, floors: Floors | None,
                   tmp: Path, budget: float = apptest.TIMEOUT) -> dict:
    """Detection, payloads and rounds on one data file (None: the real data)."""
    import coalition  # noqa: PLC0415
    from ui import data as ui_data  # noqa: PLC0415 - the app's cached loader

    with apptest.data_file(data):
        t = time.perf_counter()
        first = next(p for p in pages if p["name"] == "about") if any(p["name"] == "about" for p in pages) else pages[-1]
        at = apptest.open_link(APP, first["file"], {})
        cold = apptest.timed_run(at, max(budget, 120))
        loaded, errs = ui_data._load(*ui_data._stamp(coalition.data_path(data)))
        if errs:
            raise RuntimeError(f"the data does not validate: {errs[:3]}")
        f = loaded.frames
        issues = list(f.issues["issue"])
        links = links_for(pages, f.sources["source"].iloc[0], f.countries["country"])
        log(f"{label}: first session {cold:.2f} s; detecting what each page draws")
        found = detect_pages(pages, links, budget)
        kinds = {n: d["kind"] for n, d in found.items()}
        world = apptest.payload(apptest.open_link(APP, next(p["file"] for p in pages if p["name"] == "map"),
                                                  {**links["map"], **WORLD}), budget) \
            if any(p["name"] == "map" for p in pages) else None
        if floors is None:
            floors = Floors(tmp / "refapp", any("vega" in (k or "") for k in kinds.values()))
        floors.shared = {k: v for k, v in links[pages[0]["name"]].items() if k in SHARED}
        log(f"{label}: kinds {kinds}; {repeats} rounds")
        res = server_rounds(pages, links, kinds, floors, repeats, issues, budget, label)
        res.update(cold_first_s=cold, cold_page=first["name"], links=links, detected=found, map_world_payload=world,
                   total_s=time.perf_counter() - t)
        for r in floors.refs:  # what the floors send (once, untimed)
            res["refs"][r.name]["payload"] = apptest.payload(apptest.open_link(floors.app, *floors.link(r)))
            res["refs"][r.name]["kind"] = apptest.kind_of(apptest.open_link(floors.app, *floors.link(r)).run())
    return res, floors


def validate_load(path: str, repeats: int) -> dict:
    """``coalition.check`` + ``coalition.build`` from cold (quote index cache cleared), median.

    The validator may cap the number of YAML values (``coalition.yamlio.MAX_NODES``); when it
    refuses a generated set for its size alone, the cap is raised in this process only and the
    results say so."""
    import coalition  # noqa: PLC0415
    from coalition import cache, quotes, yamlio  # noqa: PLC0415
    check, build, lifted = [], [], None
    while len(check) < repeats:
        if len(check) == 2 and sum(check) + sum(build) > 40:  # 100x on a loaded machine: two runs
            break
        if hasattr(quotes._index, "cache_clear"):
            quotes._index.cache_clear()
        t = time.perf_counter()
        ds, problems = coalition.check(path)
        t1 = time.perf_counter()
        if problems:
            cap = getattr(yamlio, "MAX_NODES", None)
            if lifted is None and cap and any("values" in p.what and "refusing" in p.what for p in problems):
                lifted, yamlio.MAX_NODES = cap, 10 ** 8
                continue
            raise RuntimeError(f"generated data does not validate: {problems[:3]}")
        frames = coalition.build(ds)
        check.append(t1 - t)
        build.append(time.perf_counter() - t1)
    # a later load of the same version: the on-disk frames cache (coalition/cache.py)
    t = time.perf_counter()
    cache.write(Path(path), Path(path).read_bytes(), frames)
    write_s = time.perf_counter() - t
    cached = []
    for _ in range(max(repeats, 3)):
        got = cache.load(path)
        if not got.cached:
            raise RuntimeError(f"the frames cache missed on {path} (COALITION_CACHE={cache.cache_dir()})")
        cached.append(got.seconds)
    return {"check": check, "build": build, "total": [a + b for a, b in zip(check, build)],
            "cached": cached, "cache_write": write_s,
            "counts": dict(ds.counts), "yaml_bytes": Path(path).stat().st_size, "cap_lifted": lifted}


def scale(pages: list[dict], factors: list[int], repeats: int, workdir: Path, floors: Floors, budget: float) -> dict:
    out = {}
    for f in factors:
        t = time.perf_counter()
        path = generate.generate(workdir / f"x{f}", f)
        gen = time.perf_counter() - t
        log(f"scale {f}x: generated in {gen:.1f} s; validate + load")
        vl = validate_load(str(path), repeats)
        if vl.get("cap_lifted"):
            out.setdefault("_value_cap", {"cap": vl["cap_lifted"], "factors": []})["factors"].append(f)
        log(f"scale {f}x: validate + load {med(vl['total']):.2f} s")
        srv, _ = server_section(pages, repeats, str(path), f"{f}x", floors, workdir, budget)
        out[str(f)] = {"generate_s": gen, "validate_load": vl, "server": srv, "data": str(path)}
    return out


# -- 3. browser -------------------------------------------------------------------------
def browser_section(pages: list[dict], kinds: dict, links: dict, floors: Floors, repeats: int, sessions: int,
                    sequential_n: int, shots: str | None, tmp: Path, old: bool = True,
                    big: tuple[str, str, dict] | None = None) -> dict:
    from bench import browser  # noqa: PLC0415
    from bench.server import Server  # noqa: PLC0415

    out: dict = {"old": {}}
    data_file = str((ROOT / "data" / "coalition.yaml").resolve())
    env = {"COALITION_DATA": data_file}
    urls = {p["name"]: f"/{p['url_path']}{query(links[p['name']])}" for p in pages}
    shared = {k: v for k, v in links[pages[0]["name"]].items() if k in SHARED}  # the floors' links
    old_urls = {name: f"/{name}{query(links[name])}" for name in oldbuilds.PAGES if name in links}
    with tempfile.TemporaryDirectory(prefix="coalition-bench-old-") as oldtmp, \
            oldbuilds.checkouts(Path(oldtmp) if old else None, oldbuilds.BUILDS if old else (), log) as checkouts:
        for commit, where in checkouts.items():  # what each old page draws, checked in its own checkout
            build = next(b for b in oldbuilds.BUILDS if b.commit == commit)
            try:
                found = oldbuilds.detect(where, [(n, n, links[n]) for n in old_urls] +
                                         [("map_world", "map", {**links["map"], **WORLD})], oldbuilds.ENV)
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                log(f"old build {commit}: {exc}")
                found = {}
            rec = out["old"][commit] = {"label": build.label, "detected": found, "kinds": {}, "mismatch": []}
            for n in old_urls:
                got = (found.get(n) or {}).get("kind")
                rec["kinds"][n] = got or f"{build.expected[n]}:1"
                if main_kind(got) != build.expected[n]:
                    rec["mismatch"].append(f"{n}: expected {build.expected[n]}, detected {got}")
            log(f"old build {commit} ({build.label}): kinds {rec['kinds']}"
                + (f"; MISMATCH {rec['mismatch']}" if rec["mismatch"] else ""))
        servers = {"app": Server(APP, env=env, log=tmp / "bench-app.log"),
                   "refs": Server(floors.app, env=env, log=tmp / "bench-refapp.log"),
                   "bare": Server(refapp.BARE, log=tmp / "bench-bare.log")}
        for commit, where in checkouts.items():
            servers[commit] = Server("app.py", env=oldbuilds.ENV, log=tmp / f"bench-{commit}.log", cwd=where)
        try:
            for s in servers.values():
                s.start()
            app = servers["app"]
            log("browser: servers up: " + ", ".join(f"{k} {s.url}" for k, s in servers.items()))
            targets = [browser.Target("bare", servers["bare"].url, "bare"),
                       browser.Target("bare_at_path", f"{servers['refs'].url}/{refapp.BARE_AT_PATH}", "bare")]
            for r in floors.refs:
                targets.append(browser.Target(r.name, f"{servers['refs'].url}/{r.url_path}{query(shared)}",
                                              "frame" if r.kind == "heading" else f"{r.kind}:1"))
            targets += [browser.Target(n, app.url + u, kinds.get(n) or "heading") for n, u in urls.items()]
            for commit in checkouts:
                targets += [browser.Target(f"{commit} {n}", servers[commit].url + u, out["old"][commit]["kinds"][n])
                            for n, u in old_urls.items()]
            weigh = [t.name for t in targets]
            out["urls"] = {t.name: t.url.split("/", 3)[-1] for t in targets}
            out["kinds"] = {t.name: t.kind for t in targets}
            log(f"browser: warm-up round (bytes, screenshots) + {repeats} timed rounds over {len(targets)} targets")
            out["times"] = browser.run(browser.rounds(targets, repeats, shots, weigh, log))
            log("browser: the map's World view, each build")
            world = [browser.Target("map_world", f"{app.url}/map{query({**links['map'], **WORLD})}", kinds.get("map") or "heading")]
            world += [browser.Target(f"{c} map_world", f"{servers[c].url}/map{query({**links['map'], **WORLD})}",
                                     out["old"][c]["kinds"]["map"]) for c in checkouts]
            out["world"] = browser.run(browser.single_visits(world))["visits"]
            out["overhead"] = browser.run(browser.draw_counter_cost())
            rss_idle = app.rss_kb()
            conc_page = "overview"
            log(f"browser: {sessions} concurrent sessions on {conc_page}")
            out["concurrency"] = browser.run(browser.concurrency(app, app.url + urls[conc_page],
                                                                 kinds.get(conc_page) or "heading", sessions))
            out["concurrency"].update(page=conc_page, rss_idle_kb=rss_idle)
            if sequential_n and "map" in urls:
                log(f"browser: {sequential_n} map sessions one after the other")
                out["sequential"] = browser.run(browser.sequential(app, app.url + urls["map"], kinds.get("map"),
                                                                   sequential_n))
                out["sequential"]["page"] = "map"
        finally:
            for s in servers.values():
                s.stop()
    if big:
        label, path, big_kinds = big
        chart = [n for n in ("map", "matrix", "timeline", "overview") if n in urls]
        with Server(APP, env={"COALITION_DATA": path}, log=tmp / "bench-app-scale.log") as srv:
            log(f"browser: {label} data: {', '.join(chart)} once each")
            first = browser.Target("about", srv.url + urls.get("about", "/"), "heading")
            got = browser.run(browser.single_visits(
                [browser.Target(n, srv.url + urls[n], big_kinds.get(n) or kinds.get(n) or "heading") for n in chart],
                first))
        out["scale"] = {"data": label, **got}
    return out


# -- main -------------------------------------------------------------------------------
def _public(obj):
    if isinstance(obj, dict):
        return {k: _public(v) for k, v in obj.items() if not str(k).startswith("_")}
    if isinstance(obj, list):
        return [_public(v) for v in obj]
    return obj


def main(argv=None) -> int:
    from bench import report  # noqa: PLC0415

    p = argparse.ArgumentParser(prog="python3 -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--sections", default="1,2,3", help="1 = server, 2 = scale, 3 = browser (default: all)")
    p.add_argument("--repeats", type=int, default=5, help="server rounds (real data)")
    p.add_argument("--scale-repeats", type=int, default=3, help="server rounds per generated data size")
    p.add_argument("--browser-repeats", type=int, default=5, help="timed browser rounds")
    p.add_argument("--factors", default="1,10,100")
    p.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (memory)")
    p.add_argument("--sequential", type=int, default=4, help="map sessions opened one after the other (memory)")
    p.add_argument("--no-old", action="store_true", help="leave out the old builds (ee53f0d, 09e948d)")
    p.add_argument("--budget", type=float, default=15, help="seconds one AppTest run may take on generated "
                   "data before the page is reported as over budget and not repeated at that size")
    p.add_argument("--quick", action="store_true", help="a smoke run: fewer rounds, factors 1,10, 5 sessions")
    p.add_argument("--out", default=str(RESULTS), help="results file (default bench/RESULTS.md)")
    p.add_argument("--findings", default=str(ROOT / "bench" / "FINDINGS.md"),
                   help="markdown appended to the results (default bench/FINDINGS.md)")
    p.add_argument("--screenshots", default=str(ROOT / "artifacts" / "bench"),
                   help="folder for one screenshot per browser target, taken in the warm-up round "
                        "(default artifacts/bench/; '' for none)")
    p.add_argument("--report-only", action="store_true",
                   help="rewrite the results file from bench/results.json and the findings (no measuring)")
    p.add_argument("--check-predicates", nargs="?", const="refs", choices=("refs", "old"),
                   help="check the 'drawn' predicates on pages that draw and pages that do not (bench/selfcheck.py; "
                        "'old': also on the ee53f0d build's deck and plotly pages) and exit")
    p.add_argument("--profile", metavar="PAGE", help="print a cProfile of PAGE (fresh + warm) and exit")
    p.add_argument("--data", help="with --profile: a data file (e.g. a generated 100x set)")
    a = p.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped from outside: still stop servers, remove worktrees
    apptest.share_script_cache()
    if a.check_predicates:
        from bench import selfcheck  # noqa: PLC0415
        return selfcheck.main(old=a.check_predicates == "old")
    if a.profile:
        import coalition  # noqa: PLC0415
        pages = {pg["name"]: pg for pg in app_pages()}
        page = pages[Path(a.profile).stem]
        f = coalition.load_frames(a.data)
        params = links_for([page], f.sources["source"].iloc[0], f.countries["country"])[page["name"]]
        print(apptest.profile_page(APP, page["file"], params, list(f.issues["issue"]), a.data))
        return 0
    if a.report_only:
        res = json.loads(RAW.read_text(encoding="utf-8"))
        fpath = Path(a.findings)
        res["findings"] = fpath.read_text(encoding="utf-8") if fpath.is_file() else ""
        Path(a.out).write_text(report.render(res), encoding="utf-8")
        print(f"wrote {a.out} from {RAW}")
        return 0
    if a.quick:
        a.repeats, a.scale_repeats, a.browser_repeats, a.factors = 3, 2, 2, "1,10"
        a.sessions, a.sequential = 5, 2
    sections = {int(x) for x in a.sections.split(",")}
    started = time.perf_counter()
    os.chdir(ROOT)  # the pages read assets/ and .streamlit/ relative to the working folder
    # a frames cache of the bench's own (coalition/cache.py): empty at the start, so the first loads are
    # measured cold; the servers the browser section starts inherit it
    cache_tmp = tempfile.TemporaryDirectory(prefix="coalition-bench-cache-")
    os.environ["COALITION_CACHE"] = cache_tmp.name
    os.environ.pop("COALITION_DATA", None)  # the real data: data/coalition.yaml
    res = {"argv": list(argv if argv is not None else sys.argv[1:]), "meta": machine(), "targets": TARGETS}
    log(f"machine: {res['meta']['nproc']} CPUs, load {res['meta']['load_at_start']}, commit {res['meta']['commit']}")
    pages = app_pages()
    with tempfile.TemporaryDirectory(prefix="coalition-bench-") as tmpname:
        tmp = Path(tmpname)
        log("1. server, real data")
        srv, floors = server_section(pages, a.repeats if 1 in sections else 1, None, "real", None, tmp)
        if 1 in sections:
            res["server"] = srv
        kinds = {n: d["kind"] for n, d in srv["detected"].items()}
        res["kinds"] = kinds
        factors = [int(x) for x in a.factors.split(",")]
        if 2 in sections:
            res["scale"] = scale(pages, factors, a.scale_repeats, tmp, floors, a.budget)
        if 3 in sections:
            log("3. browser")
            big = None
            top = str(max(factors))
            if res.get("scale", {}).get(top):
                sc = res["scale"][top]
                big = (f"{top}×", sc["data"], {n: d["kind"] for n, d in sc["server"]["detected"].items()})
            if a.screenshots:
                Path(a.screenshots).mkdir(parents=True, exist_ok=True)
            res["browser"] = browser_section(pages, kinds, srv["links"], floors, a.browser_repeats, a.sessions,
                                             a.sequential, a.screenshots or None, tmp, old=not a.no_old, big=big)
    res["elapsed_s"] = time.perf_counter() - started
    res["meta"]["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    fpath = Path(a.findings)
    res["findings"] = fpath.read_text(encoding="utf-8") if a.findings and fpath.is_file() else ""
    res = json.loads(json.dumps(_public(res), default=str))
    text = report.render(res)
    print(text)
    Path(a.out).write_text(text, encoding="utf-8")
    if Path(a.out).resolve() == RESULTS.resolve():
        RAW.write_text(json.dumps({k: v for k, v in res.items() if k != "findings"}, indent=1), encoding="utf-8")
    log(f"done in {res['elapsed_s'] / 60:.1f} min: {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
