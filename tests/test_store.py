"""Per-data-version work survives a client's clear_cache message (ui/store.py).

Any client can send Streamlit's ``clear_cache`` message; it empties ``st.cache_data`` and
``st.cache_resource`` for everyone. The data of a version and the charts built from it are kept in
``ui.store`` instead, so a run after a clear loads, checks and builds nothing again.
"""
from __future__ import annotations

import threading
import time

import pytest
import streamlit as st

import coalition.cache
from apptest_support import clean, run
from coalition import actors, sourceview
from coalition.render import deck
from coalition.render import plotly as pr
from ui.store import memo


# 1. the store itself ----------------------------------------------------------------------------------
def test_the_store_keys_on_the_arguments_without_underscore_and_drops_the_least_recently_used():
    @memo(max_entries=2)
    def f(stamp, x, _big=None):
        return (stamp, x, _big)

    assert f("v1", 1, _big="a") == ("v1", 1, "a")
    assert f("v1", 1, _big="b") == ("v1", 1, "a"), "an argument named _x is not part of the key"
    f("v1", 2)
    f("v1", 1)          # used: now the most recent
    f("v2", 1)          # a third key: the least recently used one (v1, 2) goes
    assert f.computed == 3 and len(f) == 2
    assert f.cached("v1", 1) and f.cached("v2", 1) and not f.cached("v1", 2)


def test_a_memo_declared_again_by_a_rerun_page_keeps_its_entries_until_its_code_changes():
    def define(body: str):
        g = {"memo": memo}
        exec(compile(f"@memo(max_entries=4)\ndef page_fn(stamp, x):\n    return {body}\n", "/pages/p.py", "exec"), g)
        return g["page_fn"]

    first = define("x + 1")
    assert first("v1", 1) == 2
    again = define("x + 1")            # the page file executed again, unchanged
    assert again is first and again("v1", 1) == 2 and again.computed == 1
    edited = define("x + 100")         # a developer edited the function: nothing stale is served
    assert edited("v1", 1) == 101 and edited.computed == 1


def test_the_store_keeps_no_exception_and_computes_a_key_once_for_concurrent_callers():
    calls = []

    @memo(max_entries=4)
    def slow(stamp):
        calls.append(stamp)
        time.sleep(0.2)
        if stamp == "bad":
            raise ValueError(stamp)
        return stamp.upper()

    threads = [threading.Thread(target=slow, args=("v1",)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["v1"], "four sessions asking at once wait for one computation"
    with pytest.raises(ValueError):
        slow("bad")
    with pytest.raises(ValueError):
        slow("bad")
    assert calls == ["v1", "bad", "bad"], "a failure is not remembered"


# 2. in the app: what a clear_cache message empties is not what the pages need --------------------------
class _Count:
    def __init__(self, monkeypatch, module, name):
        self.n = 0
        real = getattr(module, name)

        def counted(*a, **kw):
            self.n += 1
            return real(*a, **kw)
        monkeypatch.setattr(module, name, counted)


@pytest.mark.parametrize("page,params,builder", [
    ("map", {"view": "world"}, (deck, "build")),
    ("matrix", {}, (pr, "matrix_figure")),
    ("timeline", {}, (pr, "timeline_figure")),
    # the organisations' cells under the matrix (pandas group-bys, ~25 ms a run before they were cached)
    ("matrix", {}, (actors, "cells")),
    # a memo declared in a page file: the page's code runs again on every run, its memo must not start empty
    ("sources", {}, (sourceview, "render_html")),
])
def test_a_run_after_the_streamlit_caches_are_cleared_loads_and_builds_nothing_again(monkeypatch, page, params,
                                                                                   builder):
    at = clean(run(page, **params))                  # this version loaded, the chart built
    loads = _Count(monkeypatch, coalition.cache, "load")  # the data file read, checked or read from disk
    builds = _Count(monkeypatch, *builder)
    at.run()
    assert (loads.n, builds.n) == (0, 0), "a plain rerun reuses everything"
    st.cache_data.clear()                             # what a client's clear_cache message does
    st.cache_resource.clear()
    clean(at.run())
    assert loads.n == 0, "the data of this version survives a clear_cache message"
    assert builds.n == 0, "the chart of this version and view survives a clear_cache message"
