"""bench/RESULTS.md from the results of a run (bench/run.py; ``python3 -m bench --report-only``
rewrites it from bench/results.json)."""
from __future__ import annotations

import statistics

# a page drawing this kind is compared with this reference page (warm filter change, browser)
REF_OF_KIND = {"deck": "trivial_pydeck", "plotly": "trivial_plotly", "vega": "trivial_vega", "heading": "shell"}
TARGETS = {
    "fresh_x_bare": 3.0,        # a fresh session's run of any page <= 3x the bare page's
    "warm_x_ref": 2.0,          # a warm filter change on any page <= 2x the same-kind reference page's
    "deck_x_trivial": 1.3,      # browser: the map drawn <= 1.3x the trivial pydeck page
    "plotly_x_trivial": 1.15,   # browser: matrix and timeline <= 1.15x the trivial plotly page
    "plain_x_bare": 1.5,        # browser: pages without a chart <= 1.5x the bare page
    "map_gz_kb": 150,           # the map's payload with the world's outlines, gzipped
    "per_session_mb": 5.0,      # server memory per extra session
    "scale_x_real": 2.0,        # at 100x data each page <= 2x its real-data figure
    "load_s": 1.0,              # a cached load of the 100x data
}
# the browser target of a page, by its id (the issue names these three) or else by the kind it draws
BROWSER_TARGET_OF_PAGE = {"map": ("trivial_pydeck", "deck_x_trivial"), "matrix": ("trivial_plotly", "plotly_x_trivial"),
                          "timeline": ("trivial_plotly", "plotly_x_trivial")}
BROWSER_TARGET_OF_KIND = {"deck": ("trivial_pydeck", "deck_x_trivial"), "plotly": ("trivial_plotly", "plotly_x_trivial"),
                          "heading": ("bare", "plain_x_bare")}
KIND_NAMES = {"deck": "pydeck", "plotly": "plotly", "vega": "Vega-Lite", "heading": "no chart"}
REF_LABEL = {"bare": "bare page", "bare_at_path": "bare page at /bare", "shell": "shell (frame only)", "trivial_plotly": "trivial plotly page",
             "trivial_pydeck": "trivial pydeck page", "trivial_vega": "trivial Vega-Lite page"}


def med(xs):
    xs = [x for x in (xs or []) if x is not None]
    return statistics.median(xs) if xs else None


def ratio(x, base):
    return x / base if x is not None and base else None


def fmt_s(x) -> str:
    if x is None:
        return "n/a"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def _num(r: float, target=None) -> str:
    """Two decimals, three where two would show a missed target as equal to it (1.304 > 1.3)."""
    return f"{r:.3f}" if target is not None and round(r, 2) == target and r != target else f"{r:.2f}"


def fmt_r(r, target=None) -> str:
    if r is None:
        return "n/a"
    return f"{_num(r, target)}×" + ("" if target is None else (" ✓" if r <= target else " ✗"))


def mark(r, target) -> str:
    return "n/a" if r is None or target is None else ("✓" if r <= target else "✗")


def kb(n) -> str:
    return "n/a" if n is None else f"{n / 1024:.0f} KB"


def _kept(rss_kb: list, n: int) -> float:
    """MB a session keeps, from RSS readings [before, after session 1, ..., after session n]: the highest
    reading after the first session less that first reading, per further session (never below 0: the
    server's collector may free memory between readings)."""
    return max(0.0, (max(rss_kb[2:]) - rss_kb[1]) / 1024 / max(1, n - 1))


def main_kind(spec) -> str:
    spec = spec or "heading"
    return next((k for k in ("deck", "plotly", "vega") if k in spec), "heading")


def kind_text(spec) -> str:
    if not spec:
        return "?"
    return " + ".join(f"{KIND_NAMES.get(k.split(':')[0], k)}" + (f" ×{k.split(':')[1]}" if ":" in k and
                                                                  k.split(":")[1] != "1" else "")
                      for k in str(spec).split("+"))


def _browser_target(name: str, kind: str, res: dict):
    page = name.split(" ")[-1]
    if page in BROWSER_TARGET_OF_PAGE:
        return BROWSER_TARGET_OF_PAGE[page]
    return BROWSER_TARGET_OF_KIND.get(main_kind(kind), (None, None))


def render(res: dict) -> str:
    m, T = res["meta"], res["targets"]
    L = ["# Benchmark results", "",
         f"`python3 -m bench {' '.join(res['argv'])}` on {m['date']}, commit `{m['commit']}`"
         f"{' (with uncommitted changes)' if m.get('uncommitted_changes') else ''}; took "
         f"{res['elapsed_s'] / 60:.1f} min.", "",
         f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM; load average at start {m['load_at_start']}, "
         f"at the end {m.get('load_at_end')} (a shared machine: read the ratios, not the milliseconds). "
         f"Python {m['python']}, Streamlit {m['streamlit']}, pandas {m['pandas']}, plotly {m.get('plotly')}, "
         f"pydeck {m.get('pydeck')}, {m['chromium']}.", ""]
    s, b, sc = res.get("server"), res.get("browser"), res.get("scale") or {}
    L += ["**How.** Every figure is the median of n runs made in *rounds*: each round runs every page and every "
          "floor once, the order rotated by one each round, so all of them share the machine's load. Floors: the "
          "bare one-line page; *shell*, the app's frame (navigation, sidebar filters, share box, downloads) around "
          "nothing; the frame around one trivial plotly figure, one trivial one-layer deck, one trivial Vega-Lite "
          "chart (bench/pages/, served as the app is: bench/refapp.py). What a page draws (its *kind*) is read "
          "from what its run sent (AppTest), and the browser waits for that kind to be drawn (bench/browser.py). "
          "Old builds: `ee53f0d` (plotly + pydeck) and `09e948d` (Vega-Lite), checked out from git into temporary "
          "worktrees, each its own server on the data it shipped with (the same two articles, a few records fewer: "
          "today's file has records their validators do not know), in the same browser rounds.", ""]

    rows = []  # the targets at a glance: (target, what, figure, against, ratio, limit)
    if b:
        t = b["times"]
        for name, rec in t.items():
            if name.startswith(("bare", "shell", "trivial_")):
                continue
            ref, key = _browser_target(name, b["kinds"].get(name), res)
            if key is None:
                continue
            d, base = med(rec["drawn"]), med(t.get(ref, {}).get("drawn"))
            label = {"deck_x_trivial": "map drawn ≤ 1.3× trivial pydeck",
                     "plotly_x_trivial": "chart drawn ≤ 1.15× trivial plotly",
                     "plain_x_bare": "page without a chart drawn ≤ 1.5× bare"}[key]
            rows.append((label, name, fmt_s(d), REF_LABEL[ref], ratio(d, base), T[key]))
    if s:
        bare = med(s["bare_fresh"])
        for name, p in s["pages"].items():
            rows.append(("fresh session ≤ 3× bare (server)", name, fmt_s(med(p["fresh"])), "bare page",
                         ratio(med(p["fresh"]), bare), T["fresh_x_bare"]))
        for name, p in s["pages"].items():
            ref = REF_OF_KIND[main_kind(p["kind"])]
            rows.append(("warm filter change ≤ 2× same-kind reference (server)", name, fmt_s(med(p["warm"])),
                         REF_LABEL[ref], ratio(med(p["warm"]), med(s["refs"].get(ref, {}).get("warm"))), T["warm_x_ref"]))
    if b and b.get("world", {}).get("map_world"):
        w = b["world"]["map_world"]["weight"]
        tot = (w["ws_gz"] + w["other_gz"]) / 1024 if w else None
        rows.append(("map payload with the world's outlines ≤ 150 KB gz", "map (World view, browser)",
                     f"{tot:.0f} KB" if tot is not None else "n/a", "150 KB", ratio(tot, T["map_gz_kb"]), 1.0))
    if b and b.get("concurrency"):
        c = b["concurrency"]
        per = (c["rssn_kb"] - c["rss1_kb"]) / 1024 / max(1, c["n"] - 1)
        rows.append(("≤ 5 MB per extra session", f"{c['page']}, {c['n']} at once", f"{per:.1f} MB", "5 MB",
                     per / T["per_session_mb"], 1.0))
        q = b.get("sequential")
        if q and len(q["rss_kb"]) > 2:
            r = q["rss_kb"]
            per_q = _kept(r, q["n"])
            rows.append(("≤ 5 MB per extra session", f"{q['page']}, {q['n']} one after another", f"{per_q:.1f} MB",
                         "5 MB", per_q / T["per_session_mb"], 1.0))
    top = max(sc, key=lambda k: int(k)) if [k for k in sc if k.isdigit()] else None
    if s and top == "100":
        srv = sc[top]["server"]
        for name, p in srv["pages"].items():
            for key in ("fresh", "warm"):
                real = med(s["pages"].get(name, {}).get(key))
                rows.append((f"at 100× data ≤ 2× real ({key}, server)", name, fmt_s(med(p[key])), f"real {fmt_s(real)}",
                             ratio(med(p[key]), real), T["scale_x_real"]))
    if rows:
        L += ["## Targets at a glance", "",
              "Ratio = figure ÷ what it is judged against (for payload and memory: ÷ the limit). Pages whose new "
              "charts have not landed yet still draw Vega-Lite: their chart targets are pending the new charts.", "",
              "| target | page | figure | against | ratio | ✓/✗ |", "|---|---|---|---|---|---|"]
        for label, name, fig, against, r, lim in rows:
            shown = (f"{_num(r, lim)}×" if lim != 1.0 else f"{r:.2f}") if r is not None else "n/a"
            L.append(f"| {label} | {name} | {fig} | {against} | {shown} | {mark(r, lim)} |")
        L.append("")

    # 1. browser -----------------------------------------------------------------------------------
    if b:
        t = b["times"]
        bare = med(t["bare"]["drawn"])
        n = max(len(r["drawn"]) for r in t.values())
        L += ["## 1. Browser: deep link to drawn (headless Chromium, a fresh context per visit)", "",
              f"{n} timed rounds after a warm-up round; the figure is the median time from navigation start to "
              "*drawn* for the page's kind: pydeck = the deck.gl canvas laid out, draw calls issued, and a "
              "screenshot of it showing ≥ 2 colours besides the background (the time is the end of deck.gl's last "
              "draw pass before that screenshot); plotly = every plotly chart's SVG laid out with its traces' "
              "marks; Vega-Lite = every chart's marks; no chart = the main heading; shell = the sidebar drawn to its "
              "downloads; bare = its one word (*bare_at_path*: the same page reached at a path, `/bare`, as every "
              "page but the Overview is: Streamlit's frontend first probes `/<path>/_stcore/health`, gets a 404 "
              "and retries at the root). Target reference: map → trivial pydeck (≤ 1.3×), matrix and "
              "timeline → trivial plotly (≤ 1.15×), pages without a chart → bare (≤ 1.5×); old builds are "
              "judged against the same targets as the current page of the same name.", "",
              "| target | draws | deep link | drawn | n | × bare | × bare at /bare | × target ref | target | problems |",
              "|---|---|---|---|---|---|---|---|---|---|"]
        bare_path = med(t.get("bare_at_path", {}).get("drawn"))
        for name, rec in t.items():
            kind = b["kinds"].get(name)
            d = med(rec["drawn"])
            ref, key = (None, None) if name.startswith(("bare", "shell", "trivial_")) else \
                _browser_target(name, kind, res)
            base = med(t.get(ref, {}).get("drawn")) if ref else None
            target = f"{REF_LABEL[ref]} ≤ {res['targets'][key]}×" if key else "–"
            errs = "; ".join(sorted(set(rec["errors"])))[:200] or "–"
            L.append(f"| {name} | {kind_text(kind) if kind not in ('bare', 'frame') else kind} | "
                     f"`{b['urls'].get(name, '')[:90]}` | {fmt_s(d)} | {len([x for x in rec['drawn'] if x])} | "
                     f"{fmt_r(ratio(d, bare))} | {fmt_r(ratio(d, bare_path))} | "
                     f"{fmt_r(ratio(d, base), res['targets'][key] if key else None)} | "
                     f"{target} | {errs} |")
        shots = [x for r in t.values() for x in r.get("deck_shots", [])]
        shot_s = [x for r in t.values() for x in r.get("deck_shot_s", [])]
        draws = {n: med(r.get("deck_draws")) for n, r in t.items() if r.get("deck_draws")}
        o = b.get("overhead") or {}
        if shots:
            L += ["", f"Cost of the pydeck check: {med(shots):.0f} screenshot(s) per visit (max {max(shots)}), "
                  f"{fmt_s(med(shot_s))} each, taken after deck.gl's draw pass (not inside the figure unless a first "
                  f"screenshot found the canvas unpainted); the draw-call counter costs "
                  f"{(o.get('with_counter_us') or 0) - (o.get('without_counter_us') or 0):.2f} µs per WebGL draw call "
                  f"({o.get('with_counter_us', 0):.2f} against {o.get('without_counter_us', 0):.2f} µs, "
                  f"{o.get('calls')} calls), for "
                  + ", ".join(f"{k} {v:.0f}" for k, v in draws.items()) + " draw calls until painted."]
        mism = [f"{c}: {', '.join(o2['mismatch'])}" for c, o2 in b.get("old", {}).items() if o2.get("mismatch")]
        if mism:
            L += ["", "⚠ Old builds draw other kinds than expected: " + "; ".join(mism)]
        L.append("")

    # 2. server ------------------------------------------------------------------------------------
    if s:
        bare = med(s["bare_fresh"])
        n = s.get("rounds", len(s["bare_fresh"]))
        L += ["## 2. Server time (AppTest, real data)", "",
              f"{n} rounds after an untimed warm-up pass through the same runs (the bare page runs before every "
              f"other run: n = {len(s['bare_fresh'])}). Fresh = a new session's first run of a deep link with "
              "filters (app.py + `switch_page(\"pages/<id>.py\")`, new session state; the process's caches warm, "
              "as on a server readers already use). Warm = the rerun after changing the sidebar issue in that "
              "session (round r picks the r-th other issue), judged against the same rerun on the reference page "
              "of the kind the page draws. "
              f"First session of the process (the {s['cold_page']} page, loads the data): {fmt_s(s['cold_first_s'])}.", "",
              "| floor | draws | fresh | × bare | warm filter change |", "|---|---|---|---|---|",
              f"| bare | – | {fmt_s(bare)} | 1.00× | – |"]
        for name, r in s["refs"].items():
            L.append(f"| {REF_LABEL.get(name, name)} | {kind_text(r.get('kind'))} | {fmt_s(med(r['fresh']))} | "
                     f"{fmt_r(ratio(med(r['fresh']), bare))} | {fmt_s(med(r['warm']))} |")
        shell = med(s["refs"].get("shell", {}).get("fresh"))
        L += ["", f"| page | draws | fresh | × bare (≤ {res['targets']['fresh_x_bare']:.0f}×) | × shell | warm | "
              f"reference | × reference (≤ {res['targets']['warm_x_ref']:.0f}×) | problems |",
              "|---|---|---|---|---|---|---|---|---|"]
        for name, p in s["pages"].items():
            ref = REF_OF_KIND[main_kind(p["kind"])]
            fr, wa = med(p["fresh"]), med(p["warm"])
            L.append(f"| {name} | {kind_text(p['kind'])} | {fmt_s(fr)} | "
                     f"{fmt_r(ratio(fr, bare), res['targets']['fresh_x_bare'])} | {fmt_r(ratio(fr, shell))} | "
                     f"{fmt_s(wa)} | {REF_LABEL[ref]} {fmt_s(med(s['refs'].get(ref, {}).get('warm')))} | "
                     f"{fmt_r(ratio(wa, med(s['refs'].get(ref, {}).get('warm'))), res['targets']['warm_x_ref'])} | "
                     f"{'; '.join(p['errors'])[:200] or '–'} |")
        L.append("")

    # 3. payload -----------------------------------------------------------------------------------
    if s or b:
        L += ["## 3. Payload: what a page receives besides Streamlit's static bundle", "",
              "Server = the messages of the page's fresh run (AppTest, serialised), raw and through gzip -6. "
              "Browser = the websocket frames the page received plus every other non-`/static/` response (e.g. "
              "`/media/*`), counted in the warm-up round after the run settled; gzip -6 of them is about what goes "
              "over the wire with `server.enableWebsocketCompression` (on in `.streamlit/config.toml`).", "",
              "| page | server msgs | server raw | server gz | browser ws frames | ws raw | ws gz | other responses | "
              "total gz |", "|---|---|---|---|---|---|---|---|---|"]
        weights = {n: (r["weights"][0] if r.get("weights") else None) for n, r in (b or {}).get("times", {}).items()}
        world = {n: v.get("weight") for n, v in (b or {}).get("world", {}).items()}
        table = []  # (name, server payload, browser weight)
        for name, ref in (s or {}).get("refs", {}).items():
            table.append((name, ref.get("payload"), weights.get(name)))
        for name, d in (s or {}).get("detected", {}).items():
            table.append((name, d.get("payload"), weights.get(name)))
        if s or world.get("map_world"):
            table.append(("map_world", (s or {}).get("map_world_payload"), world.get("map_world")))
        for c, o2 in (b or {}).get("old", {}).items():
            for page, d in (o2.get("detected") or {}).items():
                table.append((f"{c} {page}", (d or {}).get("payload"), weights.get(f"{c} {page}") or world.get(f"{c} {page}")))
        for name, pay, w in table:
            other = ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in sorted((w or {}).get("other_paths", {}).items(),
                                                                         key=lambda kv: -kv[1])[:3]) if w else ""
            tot = (w["ws_gz"] + w["other_gz"]) if w else None
            mk = (" ✓" if tot / 1024 <= res["targets"]["map_gz_kb"] else " ✗") if name == "map_world" and tot else ""
            L.append(f"| {name} | {pay['msgs'] if pay else 'n/a'} | {kb(pay['raw']) if pay else 'n/a'} | "
                     f"{kb(pay['gz']) if pay else 'n/a'} | {w['ws_frames'] if w else 'n/a'} | "
                     f"{kb(w['ws_raw']) if w else 'n/a'} | {kb(w['ws_gz']) if w else 'n/a'} | "
                     f"{(str(w['other_n']) + (' (' + other + ')' if other else '')) if w else 'n/a'} | "
                     f"{kb(tot)}{mk} |")
        L += ["", f"Target: the map with the world's outlines (`/map?…&view=world`) ≤ {res['targets']['map_gz_kb']} KB "
              "gzipped (browser total).", ""]

    # 4. scale -------------------------------------------------------------------------------------
    cap = sc.get("_value_cap")
    sizes = {k: v for k, v in sc.items() if k.isdigit()}
    if sizes:
        L += ["## 4. Scale (generated data, `bench/generate.py`)", "",
              "70 countries (every European outline + 20 others), 20 issues; per 1×: 200 stances, 50 events, 2 seed "
              "files, 4 figures (the real data: 24 stances, 14 events, 2 seeds); 100× = 20,000 stances, 5,000 events, "
              "200 seed files. Each set passes `python -m coalition validate`.", "",
              *([f"⚠ The validator caps a file at {cap['cap']:,} YAML values and refuses the "
                 f"{', '.join(f'{x}×' for x in cap['factors'])} set(s); the bench lifted the cap in its own process.",
                 ""] if cap else []),
              "| data | stances | events | quotes | YAML | validate | build frames | first validate + load | "
              f"cached load (≤ {res['targets']['load_s']:.0f} s at 100×) |", "|---|---|---|---|---|---|---|---|---|"]
        for f, d in sizes.items():
            vl, c = d["validate_load"], d["validate_load"]["counts"]
            cached = med(vl.get("cached"))
            mk = (" ✓" if cached is not None and cached <= res["targets"]["load_s"] else " ✗") if f == "100" else ""
            L.append(f"| {f}× | {c['stances']} | {c['events']} | {c['quotes']} | {vl['yaml_bytes'] / 1e6:.1f} MB | "
                     f"{fmt_s(med(vl['check']))} | {fmt_s(med(vl['build']))} | {fmt_s(med(vl['total']))} | "
                     f"{fmt_s(cached)}{mk} |")
        L.append("")
        names = list(next(iter(sizes.values()))["server"]["pages"])
        for key, floor in (("fresh", "bare"), ("warm", "ref")):
            L += [f"**{'Fresh session' if key == 'fresh' else 'Warm filter change'}** (server, median; in brackets × "
                  f"{'the bare page' if key == 'fresh' else 'the same-kind reference page'} of the same size):", "",
                  "| page | real | " + " | ".join(f"{f}×" for f in sizes) +
                  (f" | 100× ÷ real (≤ {res['targets']['scale_x_real']:.0f}×) |" if "100" in sizes else " |"),
                  "|---" * (2 + len(sizes) + ("100" in sizes)) + "|"]
            for name in names:
                cells = []
                real = med((s or {}).get("pages", {}).get(name, {}).get(key)) if s else None
                cells.append(fmt_s(real))
                last = None
                for f, d in sizes.items():
                    srv = d["server"]
                    p = srv["pages"].get(name) or {}
                    v = med(p.get(key))
                    last = v
                    if floor == "bare":
                        base = med(srv["bare_fresh"])
                    else:
                        base = med(srv["refs"].get(REF_OF_KIND[main_kind(p.get("kind"))], {}).get("warm"))
                    nrun = len(p.get(key) or [])
                    note = f" n={nrun}" if nrun < srv.get("rounds", len(srv["bare_fresh"])) else ""
                    cells.append(f"{fmt_s(v)} ({fmt_r(ratio(v, base))}{note})" + (" ⚠" if p.get("errors") else ""))
                grow = [fmt_r(ratio(last, real), res["targets"]["scale_x_real"])] if "100" in sizes else []
                L.append(f"| {name} | " + " | ".join(cells + grow) + " |")
            L.append("")
        L += ["**Payload** (server, gzipped):", "", "| page | real | " + " | ".join(f"{f}×" for f in sizes) + " |",
              "|---" * (2 + len(sizes)) + "|"]
        for name in names:
            real = ((s or {}).get("detected", {}).get(name) or {}).get("payload")
            cells = [kb(real["gz"]) if real else "n/a"]
            for f, d in sizes.items():
                pay = (d["server"]["detected"].get(name) or {}).get("payload")
                cells.append(kb(pay["gz"]) if pay else "n/a")
            L.append(f"| {name} | " + " | ".join(cells) + " |")
        worlds = [(f, d["server"].get("map_world_payload")) for f, d in sizes.items() if d["server"].get("map_world_payload")]
        if worlds:
            L.append("| map, World view | " + kb(((s or {}).get("map_world_payload") or {}).get("gz")) + " | "
                     + " | ".join(kb(w["gz"]) for _, w in worlds) + " |")
        errs = [f"{f}× {n}: {e}" for f, d in sizes.items() for n, p in d["server"]["pages"].items() for e in p["errors"]]
        if errs:
            L += ["", "⚠ Problems shown by pages on generated data:", ""] + [f"- {e[:300]}" for e in errs[:20]]
        big = (b or {}).get("scale")
        if big and big.get("visits"):
            real_t = (b or {}).get("times", {})
            L += ["", f"**Browser at {big['data']}** (one visit each, after a first visit that loaded the data in "
                  f"{fmt_s(big.get('first_s'))}; n = 1, so a rough figure):", "",
                  "| page | drawn | real-data drawn (median) | ÷ real | ws gz | total gz |", "|---|---|---|---|---|---|"]
            for name, v in big["visits"].items():
                w = v["weight"] or {}
                real = med(real_t.get(name, {}).get("drawn"))
                L.append(f"| {name} | {fmt_s(v['drawn_s'])}{' ⚠ ' + v['error'] if v.get('error') else ''} | "
                         f"{fmt_s(real)} | {fmt_r(ratio(v['drawn_s'], real), res['targets']['scale_x_real'])} | "
                         f"{kb(w.get('ws_gz'))} | {kb((w.get('ws_gz') or 0) + (w.get('other_gz') or 0))} |")
        L.append("")

    # 5. memory -------------------------------------------------------------------------------------
    if b and b.get("concurrency"):
        c = b["concurrency"]
        per = (c["rssn_kb"] - c["rss1_kb"]) / 1024 / max(1, c["n"] - 1)
        L += ["## 5. Memory and concurrency (real data, the app's server)", "",
              "| measure | value |", "|---|---|",
              f"| server RSS after the browser rounds | {c['rss_idle_kb'] / 1024:.0f} MB |",
              f"| server RSS, 1 session on {c['page']} drawn | {c['rss1_kb'] / 1024:.0f} MB |",
              f"| server RSS, {c['n']} sessions drawn (peak while drawing) | {c['rssn_kb'] / 1024:.0f} MB "
              f"({c['peak_kb'] / 1024:.0f} MB) |",
              f"| per session beyond the first (≤ {res['targets']['per_session_mb']:.0f} MB) | {per:.1f} MB "
              f"{mark(per, res['targets']['per_session_mb'])} |",
              f"| one session alone: link to drawn | {fmt_s(c['one_s'])} |",
              f"| {c['n']} sessions opened at once: first / median / all drawn | {fmt_s(c['first_s'])} / "
              f"{fmt_s(c['median_s'])} / {fmt_s(c['all_s'])} |",
              f"| failures | {len(c['errors'])} {'; '.join(c['errors'][:3])} |"]
        q = b.get("sequential")
        if q and len(q["rss_kb"]) > 2:
            r = q["rss_kb"]
            per_q = _kept(r, q["n"])
            L += [f"| {q['page']} page, {q['n']} sessions one after another (all kept open): RSS | "
                  + " → ".join(f"{x / 1024:.0f}" for x in r) + " MB |",
                  f"| {q['page']} page: kept per session beyond the first (≤ {res['targets']['per_session_mb']:.0f} "
                  f"MB) | {per_q:.1f} MB {mark(per_q, res['targets']['per_session_mb'])} |"]
        L.append("")
    if res.get("findings"):
        L += ["## Findings", "", res["findings"].strip(), ""]
    return "\n".join(L) + "\n"
