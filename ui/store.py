"""Per-data-version work kept for the life of the server process, out of reach of any client.

Streamlit's ``st.cache_data`` and ``st.cache_resource`` are emptied by the ``clear_cache`` message,
which any client can send over its websocket (the hidden developer menu is only the polite way to
send it): a client sending it in a loop made every other reader load, check and build everything
again on each run. What is expensive and the same for every reader (the validated data of a version,
its look-ups, the chart models and figures) is memoised here instead: a plain dict per function in
this process, bounded in entries (least recently used dropped first), keyed by the arguments, of
which the first is always the data version (``ui.data.Data.stamp``: the data file's path, mtime and
size), so a new version of the data is a new key and an old one ages out.

``@memo(max_entries=16)`` works like ``st.cache_resource``: arguments whose name starts with ``_``
are not part of the key (the Data object a stamp already names), callers only read what they get,
and concurrent sessions asking for the same missing key wait for one computation instead of each
running it. An exception is not stored.
"""
from __future__ import annotations

import functools
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable

_MISSING = object()


def _freeze(v):
    """A hashable stand-in for an argument (lists and dicts from callers become tuples)."""
    if isinstance(v, (list, tuple)):
        return tuple(_freeze(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _freeze(x)) for k, x in v.items()))
    if isinstance(v, (set, frozenset)):
        return frozenset(_freeze(x) for x in v)
    return v


class Memo:
    """The memo of one function (see the module docstring)."""

    def __init__(self, fn: Callable, max_entries: int, spinner: str | None = None):
        self.fn = fn
        self.max_entries = max_entries
        self.spinner = spinner
        self.computed = 0  # how many times ``fn`` ran (tests count them)
        self._sig = inspect.signature(fn)
        self._keyed = [n for n in self._sig.parameters if not n.startswith("_")]
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict = {}  # key -> lock held while that key is computed
        functools.update_wrapper(self, fn)

    def key(self, *args, **kwargs) -> tuple:
        bound = self._sig.bind(*args, **kwargs)
        bound.apply_defaults()
        return tuple(_freeze(bound.arguments[n]) for n in self._keyed)

    def _get(self, key):
        with self._lock:
            value = self._entries.get(key, _MISSING)
            if value is not _MISSING:
                self._entries.move_to_end(key)
            return value

    def cached(self, *args, **kwargs) -> bool:
        """Whether a call with these arguments would be answered without computing."""
        with self._lock:
            return self.key(*args, **kwargs) in self._entries

    def __call__(self, *args, **kwargs):
        key = self.key(*args, **kwargs)
        value = self._get(key)
        if value is not _MISSING:
            return value
        with self._lock:
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:  # a second session asking for the same key waits for the first one's result
            value = self._get(key)
            if value is not _MISSING:
                return value
            try:
                value = self._compute(*args, **kwargs)
                with self._lock:
                    self._entries[key] = value
                    self._entries.move_to_end(key)
                    while len(self._entries) > self.max_entries:
                        self._entries.popitem(last=False)
            finally:
                with self._lock:
                    self._pending.pop(key, None)
        return value

    def _compute(self, *args, **kwargs):
        self.computed += 1
        if self.spinner:  # only inside a page run (the benchmark and tests also call these directly)
            import streamlit as st  # noqa: PLC0415 - only for the spinner; the memo itself needs no streamlit
            from streamlit.runtime.scriptrunner import get_script_run_ctx  # noqa: PLC0415

            if get_script_run_ctx(suppress_warning=True) is not None:
                with st.spinner(self.spinner):
                    return self.fn(*args, **kwargs)
        return self.fn(*args, **kwargs)

    def __len__(self) -> int:
        return len(self._entries)


def memo(max_entries: int, spinner: str | None = None) -> Callable[[Callable], Memo]:
    """Decorator: memoise a function of a data version in this process (see the module docstring).

    A page file (``pages/*.py``) is executed again on every run, so its decorators run again: the memo
    of a function is kept in a registry by its file and name, and a later definition gets the same
    memo back (a new, empty one when the function's code changed, as when a developer edits the page)."""
    def wrap(fn: Callable) -> Memo:
        where = (fn.__code__.co_filename, fn.__qualname__)
        with _REGISTRY_LOCK:
            known = _REGISTRY.get(where)
            if (known is not None and known.fn.__code__ == fn.__code__ and known.max_entries == max_entries
                    and known.spinner == spinner):
                known.fn = fn  # the same code: keep the entries, read this run's module globals
                return known
            _REGISTRY[where] = made = Memo(fn, max_entries, spinner)  # new, or its code changed
            return made
    return wrap


_REGISTRY: dict[tuple[str, str], Memo] = {}
_REGISTRY_LOCK = threading.Lock()
