"""The frame every page draws around itself: page config, data, navigation, shared filters, notices;
after the page, the link to the view and the downloads.

A page file is::

    data, view = frame.open("map")     # 1. frame (the view's own browser title), data, sidebar, notices
    render(data, view)                 # 2. the page itself
    frame.close(data)                  # 3. share link, downloads, how to cite (embed form: a link back)

Classic multipage layout: app.py is the first page and ``pages/<id>.py`` the others, so a
fresh server's first request to any deep link runs that page's file, which draws the whole frame.
The navigation and every link between pages come from ``coalition.registry`` through ``link``,
which carries the shared filters, so a link always opens exactly the view it encodes.
"""
from __future__ import annotations

import datetime as dt
import html

import streamlit as st

import coalition
from coalition import export, registry, urlstate
from coalition.views import cite
from coalition.paths import curator_mode
from coalition.views import timeline as tview
from ui import copy, device, state
from ui import data as data_mod
from ui.html import h, md

ICON = "assets/icon.png"
FILTER_KEYS = {"countries": "f_country", "issue": "f_issue", "as_of": "f_as_of", "kinds": "f_kind"}
ISSUE_PICKER_KEY = "f_issue_page"

# Layout fixes for readers (our own constant CSS, no data in it): less empty space above the page
# heading (on a phone, room for the header's buttons), and the button that opens the sidebar says
# what is in it instead of a bare "»". A table's own "Download as CSV" is hidden: Streamlit writes
# that file in the browser with cells as shown, so a summary starting with "=" would run as a
# formula in a spreadsheet; the sidebar's downloads hold the same rows, neutralised (coalition/csvsafe).
# A desktop chart keeps its width in a narrow window (ui.device.chart_box).
# (client.disableDataExport would hide it too, but also stop readers copying cells from tables.)
CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.25rem; }
@media (max-width: 640px) { [data-testid="stMainBlockContainer"] { padding-top: 3.5rem; } }
[data-testid="stExpandSidebarButton"] { width: auto; gap: 0.25rem; padding: 0 0.5rem; }
[data-testid="stExpandSidebarButton"]::after { content: "Filters & pages"; font-size: 0.875rem;
  white-space: nowrap; }
[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"]) { display: none; }
""" + device.WIDE_CHART_CSS + "\n</style>"


def open(page_id: str) -> tuple[data_mod.Data, urlstate.View]:  # noqa: A001 - read as frame.open / frame.close
    """Page config, data (or the error page), the view from the URL, the sidebar and the notices."""
    page = registry.page(page_id)
    st.set_page_config(page_title=cite.browser_title(page.title), page_icon=ICON, layout="wide")
    st.html(CSS)
    data = data_mod.load()
    view = state.sync(data.options, page)
    st.set_page_config(page_title=cite.browser_title(view_heading(data, page, view)))  # the view's own tab title
    if not device.embedded():  # the embed form: the chart and a link back, no sidebar
        with st.sidebar:
            _navigation(page)
            _filters(data, view)
    for n in state.notices():
        st.warning(md(n), icon="⚠️")
    if data.dropped is not None and curator_mode():  # a cut file still validates: curators hear of it
        st.warning(md(f"For curators: {data.dropped.message()}"), icon=":material/content_cut:")
    return data, view


def close(data: data_mod.Data) -> None:
    """After the page: the link to this view, the downloads (sidebar) and how to cite it; in the
    embed form, the "as of" line, the sources, the data's version and a link to the full view."""
    v = state.view()
    if device.embedded():
        _embed_foot(data, v)
        return
    share_link()
    downloads(data, v)
    cite_line(data, v)


def embedded() -> bool:
    """This page in its embed form: pages draw their chart and legend only."""
    return device.embedded()


# what the view is called and how it is cited ----------------------------------------------------------
def view_heading(data: data_mod.Data, page: registry.Page, v: urlstate.View) -> str:
    """``Map: Will it join the coalition of the willing?``: the page and what this view shows."""
    return cite.heading_of(page, v, country_names=data.country_names, issue_short=data.issue_short,
                           issue_question=data.issue_question, event_title=data.event_title,
                           source_title={s: m[1] for s, m in data.source_meta.items()})


def view_link(embed: bool = False, v: urlstate.View | None = None) -> str:
    """The address of this view (``embed``: its embed form), as a reader would paste it."""
    page = registry.page(state.page_id())
    base = ""
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:  # noqa: BLE001 - st.context.url is missing in some contexts (AppTest)
        base = ""
    if not base:
        base = "/" + page.url_path
    query = urlstate.query_string(state.params(v))
    if embed:
        query = (query + "&" if query else "?") + "embed=true"
    return base + query


def citation(data: data_mod.Data, v: urlstate.View) -> str:
    page = registry.page(state.page_id())
    return cite.citation(view_heading(data, page, v), view_link(v=v), data.version, dt.date.today())


def cite_line(data: data_mod.Data, v: urlstate.View) -> None:
    """At the foot of every page: how to cite this view (its link and the data's version), copyable."""
    text = citation(data, v)
    with st.container(key="cite"):
        st.divider()
        st.caption("**How to cite this view:** " + h(text), unsafe_allow_html=True)  # h: its link copies exactly
        st.caption(md(f"This page shows {data.version.long_label()}."))  # a cut or stale file shows here
        copy.buttons([("link", "Copy link", view_link(v=v)), ("citation", "Copy citation", text)], key="copy_cite")


def _embed_foot(data: data_mod.Data, v: urlstate.View) -> None:
    """Under an embedded chart: as of, sources, data version and the way to the full view."""
    f = data.frames
    known = sorted({o for o in f.sources["outlet"] if o and o != "unknown"})
    unknown = int((f.sources["outlet"] == "unknown").sum())
    outlets = "; ".join(known + ([f"{unknown} of unknown outlet"] if unknown else []))
    when = f"As of {v.as_of:%-d %b %Y}" if v.as_of else "Latest records"
    link = view_link(v=v)
    with st.container(key="embed_foot"):
        st.caption(md(f"{when}. Sources: {len(f.sources)} articles ({outlets}). "
                      f"{registry.APP_NAME}, {data.version.label()}."))
        st.markdown(f'<a href="{html.escape(link, quote=True)}" target="_blank" rel="noopener">'
                    f"Open the full view in the {h(registry.APP_NAME)} ↗</a>", unsafe_allow_html=True)


def issue_picker(data: data_mod.Data, v: urlstate.View, label: str = "Issue in focus") -> None:
    """The issue in focus, changeable on the page itself (on a phone the sidebar is folded away)."""
    ss = st.session_state
    ss[ISSUE_PICKER_KEY] = v.issue
    f = data.frames
    st.selectbox(label, options=list(f.issues["issue"]), key=ISSUE_PICKER_KEY, width=340,
                 format_func=lambda i: data.issue_short.get(i, i),
                 on_change=lambda: state.set_filters(issue=st.session_state.get(ISSUE_PICKER_KEY)))


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
    """The link that reproduces this view, shown and copyable (and its embed form, on chart pages)."""
    page = registry.page(state.page_id())
    link = view_link()
    with st.sidebar:
        st.markdown("**Link to this view**")
        # plain HTML, not st.code: st.code makes every page load a 1.5 MB syntax-highlighter chunk
        with st.container(key="share_link"):
            st.markdown('<code style="word-break:break-all;white-space:normal;user-select:all">'
                        f"{h(link)}</code>", unsafe_allow_html=True)
        items = [("link", "Copy link", link)]
        if page.embed:
            items.append(("embed", "Copy embed link", view_link(embed=True)))
        copy.buttons(items, key="copy_share")
        st.caption("The address bar holds the same link." + (
            " The embed link shows the chart alone, for an article or slides." if page.embed else ""))


def downloads(data: data_mod.Data, v: urlstate.View) -> None:
    """CSV and JSON of exactly what the page shows (its issue, country, filters), built only when a
    reader clicks.

    The buttons get callables: Streamlit runs them on click, so no page run pays for the four
    exports and no page view prefetches them.
    """
    f = data.frames
    sc = export.scope(state.page_id(), v)

    def stances():
        return export.stances_in(f, sc)

    def events():
        return export.events_in(f, sc)

    with st.sidebar:
        st.markdown("**Download what this page shows**")
        c1, c2 = st.columns(2)
        c1.download_button("Stances CSV", lambda: export.to_csv(stances()), sc.filename("stances", "csv"), "text/csv",
                           on_click="ignore")
        c2.download_button("Stances JSON", lambda: export.to_json(stances()), sc.filename("stances", "json"),
                           "application/json", on_click="ignore")
        c1.download_button("Events CSV", lambda: export.to_csv(events()), sc.filename("events", "csv"), "text/csv",
                           on_click="ignore")
        c2.download_button("Events JSON", lambda: export.to_json(events()), sc.filename("events", "json"),
                           "application/json", on_click="ignore")
        st.caption(md(sc.describe(data.issue_short, data.country_names)))
