"""Server-side measurements with Streamlit's AppTest: a fresh session opening a deep link, a warm
filter change, what a page draws (its kind) and what it sends (payload).

The app is classic multipage (app.py is the first page, ``pages/<id>.py`` the others), so a fresh
session opening ``/<id>?...`` is ``AppTest.from_file("app.py")`` + ``switch_page("pages/<id>.py")``
+ the link's query parameters + one run, as tests/apptest_support.py opens a page. The same holds
for the bench's reference app (bench/refapp.py) and, through the pages an app registers on its
first run, for an app of an older commit laid out with ``st.navigation`` (``python
bench/apptest.py --kinds APP.py ...``: run with that commit's folder as the working folder).

Two AppTest costs that a real server pays once per process, not per session, are shared here so
the figures show the app's own cost: the custom-component discovery (about 100 ms per AppTest
instance; the bare page's whole run is a few ms without it) and, once ``share_script_cache()`` is
called, the script bytecode cache (AppTest builds a new ScriptCache per run, recompiling every
script with its magic AST pass).

This module imports nothing of the project, so it can run against another commit's app.
"""
from __future__ import annotations

import contextlib
import cProfile
import gzip
import io
import json
import logging
import os
import pstats
import sys
import time
from pathlib import Path

import streamlit.testing.v1.app_test as _app_test
import streamlit.testing.v1.local_script_runner as _local_runner
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

TIMEOUT = 300
# what a page draws in its main area, by the element Streamlit sends -> the bench's kind of "drawn"
CHART_KINDS = {"deck_gl_json_chart": "deck", "plotly_chart": "plotly", "vega_lite_chart": "vega"}

_SCRIPT_CACHE = ScriptCache()  # one per server process, as in streamlit.runtime.Runtime
_COMPONENTS: dict = {}


def share_script_cache() -> None:
    """Every AppTest of this process shares one script bytecode cache, as a server's sessions do
    (AppTest recompiles every script per run otherwise). Process-wide: the bench and the load test
    call it; a test process does not (a script rewritten at the same path would not be reread)."""
    _app_test.ScriptCache = _local_runner.ScriptCache = lambda: _SCRIPT_CACHE

for _name in ("streamlit", "streamlit.runtime.scriptrunner_utils.script_run_context",
              "streamlit.runtime.caching.cache_data_api"):
    logging.getLogger(_name).setLevel(logging.ERROR)


# -- payload: the messages a run sends (recorded only when asked: serialising costs time) -------------
class _Capture:
    on = False
    last: dict | None = None


_parse_tree = _local_runner.parse_tree_from_messages


def _recording_parse(msgs):
    if _Capture.on:
        raw = [m.SerializeToString() for m in msgs]
        blob = b"".join(raw)
        _Capture.last = {"msgs": len(raw), "raw": len(blob), "gz": len(gzip.compress(blob, 6)) if blob else 0}
    return _parse_tree(msgs)


def payload(at: AppTest, timeout: float = TIMEOUT) -> dict:
    """Run ``at`` once and return what the run sent: messages, bytes raw and gzipped (-6, about what
    goes over the wire with ``server.enableWebsocketCompression``)."""
    _local_runner.parse_tree_from_messages = _recording_parse  # records only while _Capture.on
    _Capture.on, _Capture.last = True, None
    try:
        at.run(timeout=timeout)
    finally:
        _Capture.on = False
    return dict(_Capture.last or {"msgs": 0, "raw": 0, "gz": 0})


# -- sessions --------------------------------------------------------------------------------------
def new(script: str | Path) -> AppTest:
    """An AppTest (a new session) sharing the process-wide component registry, as a server does."""
    if "mgr" not in _COMPONENTS:
        mgr = BidiComponentManager()
        mgr.discover_and_register_components(start_file_watching=False)
        _COMPONENTS["mgr"] = mgr
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    at._bidi_component_manager = _COMPONENTS["mgr"]
    return at


def open_link(app: str | Path, page_file: str | None, params: dict, registered: dict | None = None) -> AppTest:
    """A fresh session (new AppTest, new session state) about to open a deep link: ``page_file``
    relative to ``app``'s folder (None or 'app.py': the first page) with the query ``params``.
    ``registered``: the pages an st.navigation app registered on an earlier run (see ``pages_of``)."""
    at = new(app)
    if registered:
        at._registered_pages = registered
    for k, v in params.items():
        at.query_params[k] = v
    if page_file and page_file != Path(app).name:
        at.switch_page(page_file)
    return at


def pages_of(app: str | Path) -> tuple[dict, dict[str, str], float]:
    """Run ``app`` once (process-cold): the pages it registered, url path -> page file (relative to
    the app's folder), and the time of that first run."""
    at = new(app)
    t = timed_run(at)
    root = Path(app).resolve().parent
    files = {}
    for info in at._registered_pages.values():
        script = Path(info["script_path"]).resolve()
        rel = str(script.relative_to(root)) if script.is_relative_to(root) else str(script)
        files[info.get("url_pathname") or ""] = rel
    return at._registered_pages, files, t


def timed_run(at: AppTest, timeout: float = TIMEOUT) -> float:
    t = time.perf_counter()
    at.run(timeout=timeout)
    return time.perf_counter() - t


def problems(at: AppTest) -> list[str]:
    """Exceptions and error boxes the run showed (a page that throws is a bug, not a figure)."""
    out = [f"exception: {e.value}"[:300] for e in at.exception]
    out += [f"error: {e.value}"[:300] for e in at.error]
    return out


def kind_of(at: AppTest) -> str:
    """What the last run drew in the main area, as the browser's "drawn" predicate kind
    (bench/browser.py): ``deck:1``, ``plotly:2``, ``deck:1+plotly:1``, ``vega:1``; ``heading``
    when the main area holds no chart."""
    counts = {kind: len(at.main.get(element)) for element, kind in CHART_KINDS.items()}
    parts = [f"{k}:{n}" for k, n in sorted(counts.items()) if n]
    return "+".join(parts) or "heading"


def change_issue(at: AppTest, issues: list[str], step: int) -> AppTest:
    """Set the sidebar issue to another value than the current one (cycling through ``issues``)."""
    box = at.selectbox(key="f_issue")
    current = box.value
    choices = [i for i in issues if i != current] or issues
    box.set_value(choices[step % len(choices)])
    return at


@contextlib.contextmanager
def data_file(path: str | None):
    """Point the app at another data file (COALITION_DATA) for the duration."""
    old = os.environ.get("COALITION_DATA")
    if path:
        os.environ["COALITION_DATA"] = str(path)
    else:
        os.environ.pop("COALITION_DATA", None)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("COALITION_DATA", None)
        else:
            os.environ["COALITION_DATA"] = old


def detect(app: str | Path, links: list[tuple[str, str, dict]]) -> dict[str, dict]:
    """Open each link (name, url path, params) of ``app`` once: its kind, payload and problems."""
    registered, files, _ = pages_of(app)
    out = {}
    for name, url_path, params in links:
        if url_path not in files:
            out[name] = {"kind": None, "error": f"no page at /{url_path} (pages: {sorted(files)})"}
            continue
        at = open_link(app, files[url_path], params, registered)
        try:
            pay = payload(at)
        except RuntimeError as exc:
            out[name] = {"kind": None, "error": str(exc)[:300]}
            continue
        out[name] = {"kind": kind_of(at), "payload": pay, "problems": problems(at), "file": files[url_path]}
    return out


def profile_page(app: str | Path, page_file: str, params: dict, issues: list[str], data: str | None = None,
                 top: int = 30) -> str:
    """cProfile of a fresh run and of a warm filter change of one page (inside the script thread), on a
    warm process (the link and the same filter change run once before, as in the bench's rounds)."""
    from streamlit.runtime.scriptrunner import script_runner  # noqa: PLC0415

    orig = script_runner.ScriptRunner._run_script
    prof = cProfile.Profile()

    def profiled(self, rerun_data):
        prof.enable()
        try:
            return orig(self, rerun_data)
        finally:
            prof.disable()

    out = io.StringIO()
    with data_file(data):
        pages_of(app)
        # warm, as the bench's rounds are: load the data, imports, the caches of the link and of the change
        change_issue(open_link(app, page_file, params).run(timeout=TIMEOUT), issues, 0).run(timeout=TIMEOUT)
        script_runner.ScriptRunner._run_script = profiled
        try:
            at = None
            for label in ("fresh session opening the link", "warm filter change"):
                prof = cProfile.Profile()
                if at is None:
                    at = open_link(app, page_file, params)
                else:
                    change_issue(at, issues, 0)
                t = timed_run(at)
                out.write(f"\n=== {page_file}: {label}: {t:.3f} s ===\n")
                pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
        finally:
            script_runner.ScriptRunner._run_script = orig
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """``python bench/apptest.py --kinds APP.py LINKS.json``: detect() as JSON on stdout (LINKS: a
    list of [name, url_path, params]); run with the app's folder as the working folder."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3 or args[0] != "--kinds":
        print(main.__doc__, file=sys.stderr)
        return 2
    app, links = Path(args[1]).resolve(), json.loads(Path(args[2]).read_text(encoding="utf-8"))
    sys.path[0] = str(app.parent)  # the app's own packages (not bench/), as `streamlit run` has them
    share_script_cache()
    print(json.dumps(detect(app, [tuple(x) for x in links])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
