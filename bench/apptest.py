"""Server-side times with Streamlit's AppTest: a fresh session opening a link, a warm filter change.

AppTest quirk (Streamlit 1.67), guarded against here: ``AppTest.run()`` resets
``PagesManager.uses_pages_directory`` before every run, and with a ``pages/`` folder next to
app.py every run after the first executed the *page file alone* (multipage v1 mode) instead
of app.py + the page, skipping the sidebar, the share link and the downloads. The app moved
its pages to app_pages/ (commit 0238110), so the patch below is now a no-op guard that keeps
st.navigation (v2) mode whatever the folder is called.

Two more AppTest costs that a real server pays once per process, not per session or per run,
are shared here so the figures show the app's own cost: the script bytecode cache (AppTest
builds a new ScriptCache per run, recompiling every script with its magic AST pass) and the
custom-component discovery (about 100 ms per AppTest instance; the bare page's whole run is
about 4 ms without it).
"""
from __future__ import annotations

import contextlib
import cProfile
import io
import logging
import os
import pstats
import time
from pathlib import Path

import streamlit.testing.v1.app_test as _app_test
import streamlit.testing.v1.local_script_runner as _local_runner
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
BARE = str(ROOT / "bench" / "pages" / "bare.py")
REFERENCE = str(ROOT / "bench" / "pages" / "reference.py")
SHELL = str(ROOT / "bench" / "pages" / "shell.py")
TIMEOUT = 300


class _NavigationPagesManager(PagesManager):
    """A PagesManager that never falls back to multipage v1 (the pages/ folder)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


_app_test.PagesManager = _NavigationPagesManager
_SCRIPT_CACHE = ScriptCache()  # one per server process, as in streamlit.runtime.Runtime
_app_test.ScriptCache = _local_runner.ScriptCache = lambda: _SCRIPT_CACHE
_COMPONENTS = {}


def new(script: str) -> AppTest:
    """An AppTest (a new session) sharing the process-wide component registry, as a server does."""
    at = AppTest.from_file(script, default_timeout=TIMEOUT)
    if "mgr" in _COMPONENTS:
        at._bidi_component_manager = _COMPONENTS["mgr"]
    return at


def remember_components(at: AppTest) -> None:
    if at._bidi_component_manager is not None:
        _COMPONENTS.setdefault("mgr", at._bidi_component_manager)
for _name in ("streamlit", "streamlit.runtime.scriptrunner_utils.script_run_context",
              "streamlit.runtime.caching.cache_data_api"):
    logging.getLogger(_name).setLevel(logging.ERROR)


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


def timed_run(at: AppTest, timeout: float = TIMEOUT) -> float:
    t = time.perf_counter()
    at.run(timeout=timeout)
    return time.perf_counter() - t


def problems(at: AppTest) -> list[str]:
    """Exceptions and error boxes the run showed (a page that throws is a bug, not a figure)."""
    out = [f"exception: {e.value}"[:300] for e in at.exception]
    out += [f"error: {e.value}"[:300] for e in at.error]
    return out


def registered_pages() -> tuple[dict, list[dict], float]:
    """Run app.py once (process-cold): its page registry, the pages in order, and the time."""
    at = new(APP)
    t = timed_run(at)
    remember_components(at)
    pages = []
    for info in at._registered_pages.values():
        script = Path(info["script_path"])
        pages.append({"name": info.get("url_pathname") or "overview", "url_path": info.get("url_pathname") or "",
                      "script": str(script.relative_to(ROOT)) if script.is_relative_to(ROOT) else str(script)})
    return at._registered_pages, pages, t


def open_link(registry: dict, page: dict, params: dict) -> AppTest:
    """A fresh session (new AppTest, new session state) about to open ``page`` with ``params``."""
    at = new(APP)
    at._registered_pages = registry
    for k, v in params.items():
        at.query_params[k] = v
    if page["url_path"]:
        at.switch_page(page["script"])
    return at


def change_issue(at: AppTest, issues: list[str], step: int) -> AppTest:
    """Set the sidebar issue to another value than the current one (cycling through ``issues``)."""
    box = at.selectbox(key="f_issue")
    current = box.value
    choices = [i for i in issues if i != current]
    box.set_value(choices[step % len(choices)])
    return at


def profile_page(page_script: str, params: dict, issues: list[str], data: str | None = None,
                 top: int = 30) -> str:
    """cProfile of a fresh run and of a warm filter change of one page (inside the script thread)."""
    from streamlit.runtime.scriptrunner import script_runner  # noqa: PLC0415

    prof = cProfile.Profile()
    orig = script_runner.ScriptRunner._run_script

    def profiled(self, rerun_data):
        prof.enable()
        try:
            return orig(self, rerun_data)
        finally:
            prof.disable()

    out = io.StringIO()
    with data_file(None):  # the page registry (same url paths whatever the data)
        registry, pages, _ = registered_pages()
    with data_file(data):
        wanted = Path(page_script).stem
        page = next(p for p in pages if p["script"] == page_script or p["name"] == wanted
                    or Path(p["script"]).stem == wanted)
        open_link(registry, page, params).run(timeout=TIMEOUT)  # warm: load the data, imports, caches
        script_runner.ScriptRunner._run_script = profiled
        try:
            for label, first in (("fresh session opening the link", True), ("warm filter change", False)):
                prof.clear() if hasattr(prof, "clear") else None
                prof = cProfile.Profile()
                if first:
                    at = open_link(registry, page, params)
                    t = timed_run(at)
                else:
                    change_issue(at, issues, 0)
                    t = timed_run(at)
                stats = pstats.Stats(prof, stream=out)
                out.write(f"\n=== {page['name']}: {label}: {t:.3f} s ===\n")
                stats.sort_stats("cumulative").print_stats(top)
        finally:
            script_runner.ScriptRunner._run_script = orig
    return out.getvalue()
