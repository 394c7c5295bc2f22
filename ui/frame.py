"""The frame every page draws around itself: page config, data, navigation, shared filters, notices;
after the page, the link to the view and the downloads.

A page file is::

    data, view = frame.open("map")     # 1. frame (its own browser title), data, sidebar, notices
    render(data, view)                 # 2. the page itself
    frame.close(data)                  # 3. share link and downloads

Classic multipage layout: app.py is the first page and ``pages/<id>.py`` the others, so a
fresh server's first request to any deep link runs that page's file, which draws the whole frame.
The navigation and every link between pages come from ``coalition.registry`` through ``link``,
which carries the shared filters, so a link always opens exactly the view it encodes.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

import coalition
from coalition import export, registry, urlstate
from coalition.views import timeline as tview
from ui import data as data_mod
from ui import state
from ui.html import h, md

ICON = "assets/icon.png"
FILTER_KEYS = {"countries": "f_country", "issue": "f_issue", "as_of": "f_as_of", "kinds": "f_kind"}


def open(page_id: str) -> tuple[data_mod.Data, urlstate.View]:  # noqa: A001 - read as frame.open / frame.close
    """Page config, data (or the error page), the view from the URL, the sidebar and the notices."""
    page = registry.page(page_id)
    st.set_page_config(page_title=f"{page.title} · {registry.APP_NAME}", page_icon=ICON, layout="wide")
    data = data_mod.load()
    view = state.sync(data.options, page)
    with st.sidebar:
        _navigation(page)
        _filters(data, view)
    for n in state.notices():
        st.warning(md(n), icon="⚠️")
    return data, view


def close(data: data_mod.Data) -> None:
    """After the page: the link to this view and the downloads (sidebar)."""
    share_link()
    downloads(data, state.view())


# navigation and links ------------------------------------------------------------------------------
def link(page_id: str, label: str, icon: str | None = None, where=None, countries: tuple | None = None,
         **page_params) -> None:
    """A link to a page with the reader's shared filters and the given page keys (e.g. ``focus="ITA"``).

    ``label`` is markdown written by the caller (escape data text with ui.html.md); ``countries``
    replaces the countries filter in the link; ``where``: the container to draw in (a column).
    """
    target = registry.page(page_id)
    current = state.view()
    v = urlstate.View(countries=current.countries if countries is None else tuple(countries), issue=current.issue,
                      as_of=current.as_of, kinds=current.kinds,
                      page={k: str(v) for k, v in page_params.items() if v not in (None, "")})
    params = {k: vs if len(vs) > 1 else vs[0] for k, vs in state.params(v, page_id).items()}
    (where or st).page_link(target.file, label=label, icon=icon or target.icon, query_params=params)


def _navigation(page: registry.Page) -> None:
    st.markdown(f"**{registry.APP_NAME}**")
    shared = {k: vs if len(vs) > 1 else vs[0] for k, vs in state.shared_params().items()}
    with st.container(key="nav"):
        for p in registry.PAGES:  # the page shown is in bold (and Streamlit highlights its link)
            st.page_link(p.file, label=f"**{p.title}**" if p.id == page.id else p.title, icon=p.icon,
                         query_params=shared)


# the shared filters ---------------------------------------------------------------------------------
def _filters_changed() -> None:
    ss = st.session_state
    state.set_filters(countries=tuple(ss.get("f_country") or ()), issue=ss.get("f_issue"),
                      as_of=ss.get("f_as_of") or None, kinds=tuple(ss.get("f_kind") or ()))


def _filters(data: data_mod.Data, view: urlstate.View) -> None:
    """The shared filters, seeded from the view on every run (their callbacks write the view back)."""
    ss = st.session_state
    f = data.frames
    ss["f_country"], ss["f_issue"] = list(view.countries), view.issue
    ss["f_as_of"], ss["f_kind"] = view.as_of, list(view.kinds)
    st.markdown("### Filters")
    st.multiselect("Countries", options=list(f.countries["country"]), key="f_country", on_change=_filters_changed,
                   format_func=lambda c: f"{data.country_names.get(c, c)} ({c})", placeholder="All countries")
    st.selectbox("Issue", options=list(f.issues["issue"]), key="f_issue", on_change=_filters_changed,
                 format_func=lambda i: data.issue_short.get(i, i),
                 help="The map colours countries by this question; other pages highlight it.")
    st.caption(md(data.issue_question.get(view.issue, "")))
    st.date_input("As of", key="f_as_of", min_value=urlstate.MIN_DATE, max_value=dt.date.today(),
                  on_change=_filters_changed, format="YYYY-MM-DD",
                  help="Show what was on record on that day. Leave empty for the latest records.")
    st.multiselect("Event kinds", options=list(coalition.validate.EVENT_KINDS), key="f_kind",
                   on_change=_filters_changed, format_func=lambda k: tview.KIND_LABELS.get(k, k),
                   placeholder="All kinds")


# after the page ----------------------------------------------------------------------------------------
def share_link() -> None:
    """The link that reproduces this view, in a copyable box."""
    page = registry.page(state.page_id())
    base = ""
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:  # noqa: BLE001 - st.context.url is missing in some contexts (AppTest)
        base = ""
    if not base:
        base = "/" + page.url_path
    with st.sidebar:
        st.markdown("**Link to this view**")
        # plain HTML, not st.code: st.code makes every page load a 1.5 MB syntax-highlighter chunk
        with st.container(key="share_link"):
            st.markdown('<code style="word-break:break-all;white-space:normal;user-select:all">'
                        f"{h(base + urlstate.query_string(state.params()))}</code>", unsafe_allow_html=True)
        st.caption("Click it to select, then copy. The address bar holds the same link.")


def downloads(data: data_mod.Data, v: urlstate.View) -> None:
    """CSV and JSON of the filtered stances and events, built only when a reader clicks.

    The buttons get callables: Streamlit runs them on click, so no page run pays for the four
    exports and no page view prefetches them.
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
