"""Streamlit glue shared by every page: cached data, the shared filters, the URL, evidence.

Pages stay thin: ``data = ui.data()``, ``view = ui.view()``, then call ``coalition``
functions and draw. Everything here that can be pure lives in ``coalition``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st

import coalition
from coalition import cache, export, palette, urlstate
from coalition.paths import data_path

KIND_LABELS = {"meeting": "Meetings", "call": "Calls", "statement": "Statements", "report": "Reports",
               "context": "Historical context"}
DEFAULT_ISSUE = "join"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$=&^%@\"'])")


# 1. text safety ---------------------------------------------------------------
def md(text) -> str:
    """Escape data text for st.markdown: every markdown/HTML/directive character is backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def _code(text) -> str:
    """Text as a markdown code span (shown verbatim: no escaping needed inside, only no backticks)."""
    return "`` " + str(text).replace("`", "'") + " ``"


_ENTITIES = {c: f"&#{ord(c)};" for c in "&<>\"'[]()*_`~$\\#!|{}:"}
_ENTITY_RE = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")


def h(text) -> str:
    """Escape data text for HTML that st.markdown(unsafe_allow_html=True) also reads as markdown.

    HTML special characters become entities, and so do the markdown and directive characters
    ([, ], (, ), :, *, _, ...), so ``[x](javascript:...)`` or ``:red[x]`` stay plain text.
    """
    return _ENTITY_RE.sub(lambda m: _ENTITIES[m.group(0)], str(text))


# 2. data ----------------------------------------------------------------------
@dataclass
class Data:
    frames: coalition.Frames
    options: urlstate.Options
    country_names: dict
    issue_short: dict
    issue_question: dict
    path: Path
    stamp: tuple           # (path, mtime_ns, size) this version was loaded under: key of per-version caches
    labels: str            # fingerprint of the sidebar's option labels (see sidebar)
    # built once per data version, so pages look records up instead of masking whole tables
    source_meta: dict      # source id -> (outlet, title, published)
    stance_pos: dict       # stance_id -> row positions in frames.stances (one per quote)
    positions_of: dict     # issue -> [(position, label, score, description)] in the issue's order
    quotes_of_stance: dict  # stance_id -> [Quote] in evidence order (drawn without pandas)
    quotes_of_event: dict   # event_id -> [Quote] in evidence order

    def stance_rows(self, stance_id: str) -> pd.DataFrame:
        """Every quote row of one stance record (empty frame when unknown)."""
        pos = self.stance_pos.get(stance_id)
        return self.frames.stances.iloc[pos if pos is not None else []]


def _stamp(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


@st.cache_resource(show_spinner="Loading and checking the records…", max_entries=4)
def _load(path_str: str, mtime_ns: int, size: int):
    """Validate + build frames once per version of the data file (shared by sessions).

    Backed by the on-disk cache (coalition.cache, outside data/ and seeds/): a version validated
    before, by this process, another one or ``python -m coalition validate``, loads in a fraction
    of a second instead of being parsed and checked again.
    """
    loaded = cache.load(path_str)
    if loaded.problems:
        return None, loaded.problems
    f = loaded.frames
    opts = urlstate.Options(
        countries=frozenset(f.countries["country"]), issues=frozenset(f.issues["issue"]),
        kinds=frozenset(coalition.validate.EVENT_KINDS), events=frozenset(f.events["event_id"]),
        sources=frozenset(f.sources["source"]), stance_ids=frozenset(f.stances["stance_id"]),
        cells=frozenset(f.stances["country"] + "." + f.stances["issue"]),
    )
    issues = list(zip(f.issues["issue"], f.issues["short"]))
    countries = list(zip(f.countries["country"], f.countries["country_name"]))
    return Data(
        frames=f, options=opts, country_names=dict(countries), issue_short=dict(issues),
        issue_question=dict(zip(f.issues["issue"], f.issues["question"])), path=Path(path_str),
        stamp=(path_str, mtime_ns, size), labels=repr((issues, countries)),
        source_meta={r.source: (r.outlet, r.title, r.published) for r in f.sources.itertuples()},
        stance_pos=_positions(f.stances, "stance_id"), positions_of=_positions_of(f.positions),
        quotes_of_stance=_quotes_of(f.stances, "stance_id"), quotes_of_event=_quotes_of(f.event_evidence, "event_id"),
    ), []


class Quote(NamedTuple):
    """One quote of a record, as ui.evidence draws it."""
    quote: str
    source: str
    stance_id: str | None = None


def _quotes_of(frame: pd.DataFrame, key: str) -> dict:
    """key -> [Quote] in evidence order, built once per data version: drawing a record's evidence
    then costs no pandas indexing (at 100x data that was most of a Country page run)."""
    out: dict = {}
    if frame.empty:
        return out
    ordered = frame.sort_values([key, "evidence_no"], kind="stable")
    sids = ordered["stance_id"] if "stance_id" in ordered else [None] * len(ordered)
    for k, q, src, sid in zip(ordered[key], ordered["quote"], ordered["source"], sids):
        out.setdefault(k, []).append(Quote(q, src, sid))
    return out


def _positions_of(positions: pd.DataFrame) -> dict:
    out: dict = {}
    for r in positions.sort_values(["issue", "order"]).itertuples():
        out.setdefault(r.issue, []).append((r.position, r.label, r.score, r.description))
    return out


def _positions(frame: pd.DataFrame, key: str) -> dict:
    """key value -> row positions (numpy array), built once per data version."""
    if frame.empty or key not in frame:
        return {}
    return {k: v for k, v in frame.groupby(key, sort=False).indices.items()}


_RUN = threading.local()


@contextlib.contextmanager
def page_data(loaded: Data):
    """While app.py runs the page, ``data()`` returns the data app.py loaded for this run.

    So the sidebar and the page always draw the same version, even if the file is replaced
    between the two calls (a run happens in one thread; the value is cleared when the page ends).
    """
    _RUN.data = loaded
    try:
        yield
    finally:
        _RUN.data = None


def data() -> Data:
    """The data for this run, or an error page (and st.stop()) when it cannot be used."""
    current = getattr(_RUN, "data", None)
    if current is not None:
        return current
    path = data_path()
    if not path.is_file():
        st.error(f"The data file was not found: {_code(path)}.")
        st.markdown(
            f"Check the path in the `{coalition.ENV_VAR}` environment variable, or unset it to use "
            "`data/coalition.yaml`. Then reload this page."
        )
        st.stop()
    loaded, problems = _load(*_stamp(path))
    if problems:
        st.error(f"The data file {_code(path.name)} has {len(problems)} problem(s); the dashboard is not shown "
                 "until they are fixed.")
        st.code("\n".join(str(p) for p in problems[:200]), language=None)
        st.markdown("Run `python -m coalition validate` for the same list, fix each line, then reload.")
        st.stop()
    return loaded


# 3. the shared filters and the URL --------------------------------------------
_STATE = "_view"


def _apply(view: urlstate.View, data: Data, first: bool) -> None:
    """Put a parsed view into the widget state (URL wins for the keys it carries)."""
    ss = st.session_state
    if first or view.countries:
        ss["f_country"] = list(view.countries)
    if first or view.issue:
        ss["f_issue"] = view.issue or (DEFAULT_ISSUE if DEFAULT_ISSUE in data.options.issues
                                       else sorted(data.options.issues)[0])
    if first or view.as_of:
        ss["f_as_of"] = view.as_of
    if first or view.kinds:
        ss["f_kind"] = list(view.kinds)


def _clear_notices() -> None:
    st.session_state.pop("_notices", None)


def sidebar(data: Data, page: str) -> urlstate.View:
    """Draw the shared filters; sync them with the URL. Returns the current view."""
    ss = st.session_state
    query = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    first = _STATE not in ss
    if first or query != ss.get("_last_query"):
        view, notices = urlstate.parse(query, data.options, page)
        _apply(view, data, first)
        ss["_page_state"] = dict(view.page)
        if notices:
            ss["_notices"] = notices
        elif ss.get("_last_page") != page:
            ss.pop("_notices", None)
    elif ss.get("_last_page") != page:
        ss["_page_state"] = {}
        ss.pop("_notices", None)
    ss["_last_page"] = page
    _keep_choices_across_relabelling(data)

    f = data.frames
    with st.sidebar:
        st.markdown("### Filters")
        countries = st.multiselect(
            "Countries", options=list(f.countries["country"]), key="f_country", on_change=_clear_notices,
            format_func=lambda c: f"{data.country_names.get(c, c)} ({c})", placeholder="All countries",
        )
        issue = st.selectbox(
            "Issue", options=list(f.issues["issue"]), key="f_issue", on_change=_clear_notices,
            format_func=lambda i: data.issue_short.get(i, i),
            help="The map colours countries by this question; other pages highlight it.",
        )
        st.caption(md(data.issue_question.get(issue, "")))
        as_of = st.date_input(
            "As of", key="f_as_of", min_value=urlstate.MIN_DATE, max_value=dt.date.today(),
            on_change=_clear_notices, format="YYYY-MM-DD",
            help="Show what was on record on that day. Leave empty for the latest records.",
        )
        kinds = st.multiselect(
            "Event kinds", options=list(coalition.validate.EVENT_KINDS), key="f_kind", on_change=_clear_notices,
            format_func=lambda k: KIND_LABELS.get(k, k), placeholder="All kinds",
        )
    view = urlstate.View(countries=tuple(countries), issue=issue, as_of=as_of or None, kinds=tuple(kinds),
                         page=dict(ss.get("_page_state", {})))
    ss[_STATE] = view
    _write_url(view, page)
    return view


def _keep_choices_across_relabelling(data: Data) -> None:
    """Keep the reader's issue and countries when a new data file rewords their labels.

    Streamlit identifies a selectbox/multiselect value by its formatted label: after a data file
    that renames the chosen issue's short label (or a country's name), the browser sends the old
    label back, it matches no option and the box silently falls back to its default. So when the
    labels change, the choices are put back into session state by id before the boxes are drawn
    (session state set by the script wins over the browser's stale value).
    """
    ss = st.session_state
    if ss.get("_labels") == data.labels:
        return
    if "_labels" in ss:
        last = ss.get(_STATE)
        issue = ss.get("f_issue")
        if issue not in data.options.issues:
            issue = last.issue if last and last.issue in data.options.issues else None
        if issue:
            ss["f_issue"] = issue
        chosen = ss.get("f_country")
        if chosen is None and last:
            chosen = last.countries
        if chosen is not None:
            ss["f_country"] = [c for c in chosen if c in data.options.countries]
    ss["_labels"] = data.labels


def _write_url(view: urlstate.View, page: str) -> None:
    params = urlstate.encode(view, page, DEFAULT_ISSUE)
    current = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    if current != params:
        st.query_params.from_dict(params)
    st.session_state["_last_query"] = params


def view() -> urlstate.View:
    """The current view (set by the sidebar in app.py before the page runs).

    A page run on its own (without app.py, e.g. a test that opens the page
    script directly) draws the shared sidebar itself.
    """
    if _STATE not in st.session_state:
        import inspect

        caller = Path(inspect.stack()[1].filename).stem
        sidebar(data(), "" if caller == "overview" else caller)
    return st.session_state[_STATE]


def set_page_state(page: str, **values) -> None:
    """Record the page's own URL state (e.g. the selected cell) and update the URL."""
    ss = st.session_state
    state = dict(ss.get("_page_state", {}))
    for k, v in values.items():
        if v in (None, ""):
            state.pop(k, None)
        else:
            state[k] = v
    ss["_page_state"] = state
    new = urlstate.View(**{**view().__dict__, "page": state})
    ss[_STATE] = new
    _write_url(new, page)


def page_state(key: str, default=None):
    return st.session_state.get("_page_state", {}).get(key, default)


def notices() -> None:
    """Show what the link asked for that was dropped (escaped)."""
    for n in st.session_state.get("_notices", []):
        st.warning(md(n), icon="⚠️")


def share_link(page: str) -> None:
    """The link that reproduces this view, in a copyable box."""
    params = urlstate.encode(view(), page, DEFAULT_ISSUE)
    base = ""
    try:
        url = st.context.url or ""
        base = url.split("?")[0]
    except Exception:  # noqa: BLE001 - st.context.url is missing in some contexts (AppTest)
        base = ""
    if not base:
        base = "/" + page
    with st.sidebar:
        st.markdown("**Link to this view**")
        # plain HTML, not st.code: st.code makes every page load a 1.5 MB syntax-highlighter chunk,
        # measured 250-400 ms later to a drawn matrix, timeline or map in headless Chromium
        with st.container(key="share_link"):
            st.markdown('<code style="word-break:break-all;white-space:normal;user-select:all">'
                        f"{h(base + urlstate.query_string(params))}</code>", unsafe_allow_html=True)
        st.caption("Click it to select, then copy. The address bar holds the same link.")


def downloads(data: Data, v: urlstate.View) -> None:
    """CSV and JSON of the filtered stances and events, built only when a reader clicks.

    The buttons get callables: Streamlit runs them on click, so no page run pays for the four
    exports and no page view prefetches them (at 100x data that was 0.6 s a run, 1.9 MB a view).
    """
    f = data.frames

    def stances():
        return export.stance_table(coalition.filter_stances(f.stances, v.countries, None, v.as_of))

    def events():
        return export.event_table(coalition.filter_events(f.events, v.countries, None, v.kinds, v.as_of))

    with st.sidebar:
        st.markdown("**Download (filtered)**")
        c1, c2 = st.columns(2)
        c1.download_button("Stances CSV", lambda: export.to_csv(stances()), "stances.csv", "text/csv",
                           on_click="ignore")
        c2.download_button("Stances JSON", lambda: export.to_json(stances()), "stances.json", "application/json",
                           on_click="ignore")
        c1.download_button("Events CSV", lambda: export.to_csv(events()), "events.csv", "text/csv", on_click="ignore")
        c2.download_button("Events JSON", lambda: export.to_json(events()), "events.json", "application/json",
                           on_click="ignore")


# 4. evidence --------------------------------------------------------------------
def stance_evidence(data: Data, stance_id: str) -> None:
    """ui.evidence of one stance record, from the per-version quote lists."""
    evidence(data.quotes_of_stance.get(stance_id, []), data)


def event_evidence(data: Data, event_id: str) -> None:
    """ui.evidence of one event, from the per-version quote lists."""
    evidence(data.quotes_of_event.get(event_id, []), data, link_stance=False)


def evidence(rows, data: Data, link_stance: bool = True) -> None:
    """Quotes with their source and a link to the highlighted passage on the Sources page.

    The link sits under the citation (not in a side column) so it is never clipped when
    the quote is shown in a narrow column, e.g. two disagreeing records side by side.
    """
    if isinstance(rows, pd.DataFrame):
        cols = [c for c in ("quote", "source", "stance_id") if c in rows.columns]
        rows = rows[cols].itertuples()  # three columns: the full rows are ~40 wide
    for r in rows:
        outlet, title, published = data.source_meta[r.source]
        outlet = outlet if outlet != "unknown" else "outlet unknown"
        st.markdown(f"> {md(r.quote)}")
        st.caption(f"{md(outlet)}, {md(title)} ({published:%d %b %Y}), source {md(r.source)}")
        params = {"source": r.source}
        if link_stance and getattr(r, "stance_id", None):
            params["hl"] = r.stance_id
        st.page_link("app_pages/sources.py", label="Read in source", icon=":material/article:",
                     query_params=params)


def position_badge(label: str, score, note: str = "") -> str:
    """HTML badge: the position's colour and its label (escaped)."""
    bg, fg = palette.colour(score), palette.text_colour(score)
    extra = f" <small>({h(note)})</small>" if note else ""
    return (f'<span style="background:{bg};color:{fg};padding:2px 8px;border-radius:4px;'
            f'border:1px solid #888;font-weight:600;white-space:nowrap">{h(label)}</span>{extra}')


def legend_html(data: Data, issue: str) -> str:
    """The position legend for one issue as escaped HTML: colour + label, plus grey for no record."""
    parts = [position_badge(label, score) for _, label, score, _ in data.positions_of.get(issue, [])]
    parts.append(f'<span style="background:{palette.NO_RECORD};padding:2px 8px;border-radius:4px;'
                 f'border:1px solid #888;white-space:nowrap">{h(palette.NO_RECORD_LABEL)}</span>')
    return " ".join(parts)


def legend(data: Data, issue: str) -> None:
    """The position legend for one issue, drawn."""
    st.markdown(legend_html(data, issue), unsafe_allow_html=True)


# 6. capped lists -----------------------------------------------------------------------------
# Long lists (every disputed cell, every change, every record of a country) are drawn a page at a
# time: at 100x data drawing them all took 5 s to several minutes a run. A capped list always says
# how many items are hidden and offers the next ones; how far a reader opened each list is part of
# the view, so it is in the link (``more=changes:10``).
MAX_STEPS = 20  # a link may open a list to at most 20 times its first page


def shown(key: str, step: int) -> int:
    """How many items of the capped list ``key`` this view shows: ``step``, plus ``step`` per "Show more"."""
    asked = urlstate.parse_more(page_state("more")).get(key, step)
    return min(max(step, asked), MAX_STEPS * step)


def _show_more(key: str, step: int) -> None:
    counts = urlstate.parse_more(page_state("more"))
    counts[key] = min(shown(key, step) + step, MAX_STEPS * step)
    set_page_state(st.session_state.get("_last_page", ""), more=urlstate.encode_more(counts) or None)


def more(key: str, n_shown: int, total: int, noun: str, step: int, where: str = "") -> bool:
    """'Showing 3 of 1,234 <noun>.' and a button for the next ``step``; nothing when all are shown.

    ``noun`` and ``where`` are markdown written by the page (escape data text with ui.md).
    Returns True when some items are hidden.
    """
    if total <= n_shown:
        return False
    capped = n_shown >= MAX_STEPS * step
    st.caption(f"Showing {n_shown:,} of {total:,} {noun}." + (f" {where}" if where else "")
               + (" This is the most the page draws; the sidebar's downloads hold every record." if capped else ""))
    if not capped:
        st.button(f"Show {min(step, total - n_shown):,} more", key=f"more_{key}", on_click=_show_more,
                  args=(key, step), icon=":material/expand_more:")
    return True


# 7. any pure computation over the frames, once per data version and arguments ------------------
@st.cache_resource(max_entries=48, ttl=3600, show_spinner=False)  # a 100x overview entry is a few MB
def _cached_call(stamp: tuple, fn_key: str, args: tuple, _fn, _data):
    return _fn(_data.frames, *args)


def cached_call(data, fn, *args):
    """``fn(data.frames, *args)`` computed once per data file version and (hashable) arguments, and shared
    by reruns and sessions, as a server shares ``ui.data()``. Callers must only read the result."""
    return _cached_call(data.stamp, f"{fn.__module__}.{fn.__qualname__}", args, fn, data)
