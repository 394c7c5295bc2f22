"""``python3 -m bench --check-predicates [old]``: the "drawn" predicates (bench/browser.py) hold on pages
that draw their kind, and do not hold where the page does not draw it (so a figure is never the time
to a false "drawn"). Used by tests/test_bench.py (browser) and worth running after a change of
predicate or of Streamlit.

Cases, on the bench's reference app (bench/refapp.py) plus pages written here for the check only:
each trivial page drawn as its kind; a plotly page is not a deck, a deck page is not plotly; a deck
whose polygons are transparent issues draw calls but paints nothing, so it is not drawn (the
screenshot check, not the draw-call counter, decides); two plotly charts drawn as ``plotly:2`` but
not as ``plotly:3``. With ``old``: the ee53f0d build's map (a deck) and matrix and timeline
(plotly), checked out from git, each drawn as its kind.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from bench import browser, oldbuilds, refapp
from bench.server import Server

ROOT = Path(__file__).resolve().parent.parent
NEGATIVE_TIMEOUT_MS = 12_000  # how long a predicate that must not hold is given

EXTRA_PAGES = {
    # draw calls, nothing painted: every polygon fully transparent
    "zz_blank_deck.py": '''import pydeck as pdk
import streamlit as st
st.title("Blank deck")
layer = pdk.Layer("SolidPolygonLayer", data=[{"p": [[0, 0], [10, 0], [10, 10], [0, 10]]}], id="blank",
                  get_polygon="p", get_fill_color=[0, 0, 0, 0])
st.pydeck_chart(pdk.Deck(layers=[layer], initial_view_state=pdk.ViewState(latitude=5, longitude=5, zoom=3),
                         map_provider=None), height=300)
''',
    "zz_two_plotly.py": '''import plotly.graph_objects as go
import streamlit as st
st.title("Two plotly charts")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2], mode="markers")), key="one")
st.plotly_chart(go.Figure(go.Heatmap(z=[[1, 2], [3, 4]])), key="two")
''',
}


def cases(base: str) -> list[tuple[str, str, str, bool]]:
    """(label, url, kind, must be drawn)."""
    q = "?issue=troops"
    return [
        ("trivial pydeck page as deck", f"{base}/trivial_pydeck{q}", "deck:1", True),
        ("trivial plotly page as plotly", f"{base}/trivial_plotly{q}", "plotly:1", True),
        ("trivial Vega-Lite page as vega", f"{base}/trivial_vega{q}", "vega:1", True),
        ("shell as frame", f"{base}/{q}", "frame", True),
        ("shell as heading (it has none)", f"{base}/{q}", "heading", False),
        ("trivial plotly page as deck", f"{base}/trivial_plotly{q}", "deck:1", False),
        ("trivial pydeck page as plotly", f"{base}/trivial_pydeck{q}", "plotly:1", False),
        ("transparent deck (draw calls, no paint) as deck", f"{base}/zz_blank_deck", "deck:1", False),
        ("two plotly charts as plotly:2", f"{base}/zz_two_plotly", "plotly:2", True),
        ("two plotly charts as plotly:3", f"{base}/zz_two_plotly", "plotly:3", False),
    ]


async def _check(targets: list[tuple[str, str, str, bool]]) -> list[dict]:
    out = []
    async with browser.async_playwright() as p:
        b = await browser.launch(p)
        try:
            for label, url, kind, want in targets:
                v, _ = await browser.visit(b, url, kind, timeout_ms=browser.NAV_TIMEOUT_MS if want else NEGATIVE_TIMEOUT_MS)
                got = v.drawn_ms is not None
                out.append({"case": label, "kind": kind, "want_drawn": want, "drawn": got, "ok": got == want,
                            "drawn_ms": v.drawn_ms, "deck_screenshots": v.deck.shots, "colours": v.deck.colours[-3:],
                            "error": v.error})
        finally:
            await b.close()
    return out


def main(old: bool = False) -> int:
    with tempfile.TemporaryDirectory(prefix="coalition-bench-check-") as tmp:
        app = refapp.build(Path(tmp) / "refapp")
        for name, text in EXTRA_PAGES.items():
            (app.parent / "pages" / name).write_text(text, encoding="utf-8")
        data = str(ROOT / "data" / "coalition.yaml")
        with Server(app, env={"COALITION_DATA": data}, log=Path(tmp) / "refapp.log") as srv:
            targets = cases(srv.url)
            results = browser.run(_check(targets))
        if old:
            build = oldbuilds.BUILDS[0]
            with oldbuilds.checkouts(Path(tmp) / "old", [build]) as done:
                if build.commit not in done:
                    results.append({"case": f"{build.commit} checkout", "ok": False, "error": "not checked out"})
                else:
                    with Server("app.py", env=oldbuilds.ENV, cwd=done[build.commit],
                                log=Path(tmp) / "old.log") as srv:
                        old_targets = [(f"{build.commit} {page} as {kind}", f"{srv.url}/{page}?issue=troops",
                                        f"{kind}:1", True) for page, kind in build.expected.items()]
                        results += browser.run(_check(old_targets))
    width = max(len(r["case"]) for r in results)
    for r in results:
        print(f"{'ok  ' if r['ok'] else 'FAIL'} {r['case']:<{width}}  drawn={r.get('drawn')} "
              f"(wanted {r.get('want_drawn')}) {r.get('drawn_ms') and round(r['drawn_ms'])} ms; deck screenshots "
              f"{r.get('deck_screenshots')}, colours {r.get('colours')}{'; ' + r['error'] if r.get('error') else ''}")
    bad = [r for r in results if not r["ok"]]
    print("predicates: " + ("OK" if not bad else f"{len(bad)} case(s) wrong"))
    return 1 if bad else 0
