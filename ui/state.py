"""The view in the URL, for Streamlit: shared filters and each page's own state, bound to widgets.

One plain session key (``_view``: a ``coalition.urlstate.View``) holds everything a link
reproduces. Every run starts with ``sync``: when the address changed from outside (a shared link,
a page link, the back button) it is parsed (``urlstate.parse``: unknown values dropped with a
notice) and wins for the keys it carries. Widgets never own the state: each run seeds them from
the view, and their callbacks write back to it and to the address (Streamlit drops a widget's key
when the page changes, so widget state alone would lose the filters between pages).

A page declares its URL state with three calls, each naming the page's own key once:
- ``get("sort", default)`` reads it;
- ``set(cell="ITA.troops")`` (or ``set(cell=None)``) writes it;
- ``widget(st.segmented_control, "sort", default="country", ...)`` draws a widget bound to it;
- ``clicked("matrix", ids)`` tells a new chart/table selection from one left over from an earlier run;
- ``selected_rows(key, n)`` reads a table's selected rows (checked: the client may send anything).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import streamlit as st

from coalition import registry, urlstate

VIEW = "_view"            # urlstate.View of this session
PAGE = "_page"            # id of the page of the last run
LAST_QUERY = "_last_query"  # the query parameters written last (to tell an outside change)
NOTICES = "_notices"      # what the last link asked for that was dropped
OPTIONS = "_options"      # urlstate.Options of this run's data: what a link or a click may name
DEFAULT_ISSUE = "join"


def query() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def raw_query() -> str | None:
    """The query string as the browser sent it, or None when unknown. ``st.query_params`` is empty for a
    link over Streamlit's own limits (1,000 parameters); this still tells how long the link was."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx  # noqa: PLC0415

        ctx = get_script_run_ctx(suppress_warning=True)
        return ctx.query_string if ctx is not None and isinstance(ctx.query_string, str) else None
    except Exception:  # noqa: BLE001 - an internal of Streamlit: without it, links are measured as parsed
        return None


def _default_issue(options: urlstate.Options) -> str | None:
    if DEFAULT_ISSUE in options.issues:
        return DEFAULT_ISSUE
    return sorted(options.issues)[0] if options.issues else None


def _known(v: urlstate.View, options: urlstate.Options) -> urlstate.View:
    """The view without ids the data no longer has (a new data file may drop or rename them)."""
    issue = v.issue if v.issue in options.issues else _default_issue(options)
    return dataclasses.replace(v, issue=issue, countries=tuple(c for c in v.countries if c in options.countries),
                               kinds=tuple(k for k in v.kinds if k in options.kinds))


def sync(options: urlstate.Options, page: registry.Page) -> urlstate.View:
    """The view of this run: the session's, updated from the address when that changed from outside."""
    ss = st.session_state
    ss[OPTIONS] = options
    q = query()
    last: urlstate.View | None = ss.get(VIEW)
    came_from = ss.get(PAGE)
    if last is None or q != ss.get(LAST_QUERY):
        # the address changed from outside: a link means exactly the view it encodes (every link the
        # app draws carries the shared filters, see ui.frame.link)
        view, notices = urlstate.parse(q, options, page.url_path, raw=raw_query())
        if notices:
            ss[NOTICES] = notices
        else:
            ss.pop(NOTICES, None)
    else:
        view = last if came_from == page.id else dataclasses.replace(last, page={})
        if came_from != page.id:
            ss.pop(NOTICES, None)
    view = _known(view, options)
    ss[PAGE] = page.id
    _store(view)
    return view


def view() -> urlstate.View:
    return st.session_state[VIEW]


def page_id() -> str:
    return st.session_state.get(PAGE, "overview")


def _store(v: urlstate.View) -> None:
    """Keep the view and write it to the address (canonical form, only when it differs)."""
    ss = st.session_state
    ss[VIEW] = v
    params = urlstate.encode(v, registry.page(page_id()).url_path, DEFAULT_ISSUE)
    if query() != params:
        st.query_params.from_dict(params)
    ss[LAST_QUERY] = params


def params(v: urlstate.View | None = None, page: str | None = None) -> dict[str, list[str]]:
    """The canonical query parameters of a view on a page (default: this run's)."""
    return urlstate.encode(v or view(), registry.page(page or page_id()).url_path, DEFAULT_ISSUE)


def shared_params(v: urlstate.View | None = None) -> dict[str, list[str]]:
    """Only the shared filters' parameters: what every page link carries, so filters travel with it."""
    return urlstate.encode(dataclasses.replace(v or view(), page={}), "", DEFAULT_ISSUE)


def set_filters(**values) -> None:
    """Change shared filters (countries, issue, as_of, kinds) and clear the notices of the last link."""
    st.session_state.pop(NOTICES, None)
    _store(dataclasses.replace(view(), **values))


# the page's own keys ---------------------------------------------------------------------------
def get(key: str, default=None):
    """The page's own URL value ``key`` (a string), or ``default``."""
    return view().page.get(key, default)


def set(**values) -> None:  # noqa: A001 - the page state's setter, read as state.set(cell=...)
    """Write page keys (None or '' removes a key) and the address.

    A value is checked as a link's would be (``urlstate.valid_value``): a chart's or a table's selection
    comes from the client and may be forged (``event=<b>x</b>``); a value the data does not know is not
    written, and the key keeps its value.
    """
    page = dict(view().page)
    options = st.session_state.get(OPTIONS)
    url_path = registry.page(page_id()).url_path
    for k, v in values.items():
        if v is None or v == "":
            page.pop(k, None)
        elif options is None or urlstate.valid_value(k, str(v), options, url_path):
            page[k] = str(v)
    _store(dataclasses.replace(view(), page=page))


def selected_rows(widget_key: str, n: int) -> list[int]:
    """The rows a ``st.dataframe(on_select=...)`` selection names, each a position below ``n``. The state
    comes from the client: anything but such whole numbers (text, fractions, negative numbers, a
    mapping) is no row, never an error."""
    state = st.session_state.get(widget_key)
    selection = state.get("selection") if isinstance(state, dict) else None
    rows = selection.get("rows") if isinstance(selection, dict) else None
    if not isinstance(rows, (list, tuple)):
        return []
    return [r for r in rows if isinstance(r, int) and not isinstance(r, bool) and 0 <= r < n]


def widget(fn: Callable, url_key: str, *, default: Any, to_url: Callable = str, from_url: Callable = lambda v: v,
           also: dict | None = None, **kwargs) -> Any:
    """Draw ``fn`` (st.selectbox, st.segmented_control, st.toggle, ...) bound to the page's URL key.

    Seeded from the link on every run; a change writes the value back (the default is left out of
    the link), with the page keys in ``also`` (e.g. ``{"hl": None}``: another source drops the
    highlight). ``from_url``/``to_url`` convert between the link's string and the widget's value.
    """
    wkey = widget_key(page_id(), url_key)
    raw = get(url_key)
    st.session_state[wkey] = from_url(raw) if raw is not None else default
    return fn(key=wkey, on_change=_widget_changed, args=(url_key, wkey, default, to_url, also or {}), **kwargs)


def widget_key(page: str, url_key: str) -> str:
    """The session key of the widget bound to ``url_key`` on ``page`` (tests read widgets by it)."""
    return f"url_{page}_{url_key}"


def _widget_changed(url_key: str, wkey: str, default, to_url: Callable, also: dict) -> None:
    value = st.session_state.get(wkey)
    set(**also, **{url_key: None if value is None or value == default else to_url(value)})


def clicked(widget_key: str, ids: tuple[str, ...], again: bool = False) -> str | None:
    """The id a chart's or table's selection newly points at, or None when nothing new was clicked.

    A selection stays in the widget's state across reruns; only a change counts as a click, so a
    choice made elsewhere since (another widget, a link) is not overridden by an old selection.
    An empty id ("") is a click on nothing (the sea). An emptied selection is no choice, except with
    ``again``: for a chart or table whose selection survives reruns, a second click on the selected
    object unselects it, so it means "this one again" (the reader closed its evidence and clicks it
    once more). Not for a chart that is redrawn as new when its selection is ringed (plotly): its
    selection empties by itself.
    """
    seen_key = f"_seen_{widget_key}"
    prev = st.session_state.get(seen_key, ())
    if prev == ids:
        return None
    st.session_state[seen_key] = ids
    if ids:
        return ids[-1] or None
    return (prev[-1] or None) if again and prev else None


def notices() -> list[str]:
    return st.session_state.get(NOTICES, [])


def clear_notices() -> None:
    st.session_state.pop(NOTICES, None)
