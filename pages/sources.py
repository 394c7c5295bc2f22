"""Sources (/sources?source=s000&hl=ITA.troops.1): each article in full, with the quoted passages highlighted."""
import dataclasses
import html

import pandas as pd
import streamlit as st

from coalition import coverage, sourceview, urlstate
from coalition.paths import curator_mode
from coalition.views import cite
from ui import copy, frame, state, tables
from ui.html import md, position_badge, h
from ui.store import memo  # per data version, in this process: no client can empty it

# The article's links keep the reader's filters: they are built with a per-process token where the
# filters go, which each run replaces (a filter change costs no rebuild of the article).
_TOKEN = sourceview.LINK_TOKEN


@memo(max_entries=64, spinner="Checking this source's coverage…")
def _source_coverage(stamp: tuple, source: str, _data) -> dict:
    """Coverage sections of one source (its seed through the curation engine: ~0.2 s; the whole
    report ran it over every seed, > 15 s for the first visit at 100x data)."""
    f = coverage.source_report(_data.frames, source).frames()
    return {k: f[k] for k in ("unrecorded", "uncovered")}


@memo(max_entries=4, spinner="Checking coverage…")
def _global_coverage(stamp: tuple, _data) -> dict:
    """The sections that concern every source (single-source cells, uncited sources, disputed cells)."""
    f = coverage.global_report(_data.frames).frames()
    return {k: f[k] for k in ("single_source", "uncited_sources", "disputed")}


@memo(max_entries=64)
def _article(stamp: tuple, src: str, hl: str | None, _data) -> tuple[str, object]:
    """The article as HTML and the table of its records, once per data version, source and highlighted
    record, shared by sessions; links hold the token where the filters go."""
    fr = _data.frames

    def href(mark: sourceview.Mark) -> str | None:
        """A relative link to the page of the record a quote supports, the filters left as the token."""
        if mark.kind == "stance":
            page, own_state = "country", {"focus": mark.id.split(".")[0]}
        elif mark.kind == "event":
            page, own_state = "timeline", {"event": mark.id}
        else:
            return "./" + _TOKEN
        own = urlstate.query_string(urlstate.encode(urlstate.View(page=own_state), page))
        return f"{page}?{_TOKEN}&{own[1:]}"

    text = fr.texts.get(src, "")
    marks = sourceview.marks_for(fr, src, _data.issue_short)
    bp = fr.sources.set_index("source").loc[src, "boilerplate"]
    segs = sourceview.segments(text, marks, sourceview.boilerplate_spans(text, bp))
    rows = sourceview.passages(fr, src)
    table = rows.assign(record=[
        f"{r.country} · {_data.issue_short.get(r.issue, r.issue)} · {r.position_label}" if r.kind == "stance"
        else r.kind for r in rows.itertuples()
    ])[["record", "id", "quote"]]
    return sourceview.render_html(segs, href=href, highlight=hl), table


def with_filters(body: str, view) -> str:
    """The article's links with the reader's filters (shared keys first, then the page's own, as
    urlstate.encode orders them), escaped as render_html escapes every link."""
    shared = urlstate.query_string(state.shared_params(dataclasses.replace(view, page={})))
    if not shared:
        return body.replace(f"?{_TOKEN}&amp;", "?").replace(_TOKEN, "")
    return body.replace(_TOKEN + "&amp;", html.escape(shared[1:] + "&")).replace(_TOKEN, html.escape(shared))


def render(data, view) -> None:
    # 1. state: source and highlighted record live in the URL
    f = data.frames
    ids = list(f.sources["source"])
    meta = f.sources.set_index("source")
    hl = state.get("hl")
    hl_rows = data.stance_rows(hl) if hl else f.stances.iloc[0:0]
    if state.get("source") is None and not hl_rows.empty:
        state.set(source=hl_rows.iloc[0]["source"])  # a link with only hl=... opens the source it quotes
    labels = {r.source: f"{r.source} · {cite.outlet_shown(r.outlet)} · {r.title} "
                         f"({r.published:%d %b %Y})" for r in f.sources.itertuples()}

    st.title("Sources")
    src = state.widget(st.selectbox, "source", default=ids[0], also={"hl": None}, label="Source article",
                       options=ids, format_func=labels.get)
    m = meta.loc[src]

    # 2. data
    html_body, table = _article(data.stamp, src, hl, data)
    body = with_filters(html_body, view)
    hl_here = hl_rows[hl_rows["source"] == src]

    # 3. draw: the article as a journalist cites it (outlet, title, date, the original address)
    with st.container(border=True, key="citation"):
        outlet = m["outlet"] if m["outlet"] != "unknown" else "Outlet unknown"
        url = m["url"] or ""
        title = md(m["title"])
        if url.startswith(("https://", "http://")):  # only web addresses become links (no javascript:, data:)
            title = f"[{title}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"
        st.markdown(f"**{md(outlet)}**: *{title}*, published **{m['published']:%-d %B %Y}**")
        if not url:
            st.caption("The article's original address was not recorded; search for its title at the outlet.")
        st.caption("How the date is known: " + md(m["published_basis"]))
        if m["slant"]:
            st.markdown("**Slant:** " + md(m["slant"]))
        for slip in m["slips"]:
            st.markdown("**Known slip:** " + md(slip))
        text = cite.source_citation(m["outlet"], m["title"], m["published"], url)
        st.caption("**Cite the article:** " + h(text), unsafe_allow_html=True)  # h: its link copies exactly
        copy.buttons([("source", "Copy article citation", text)], key="copy_source")
        taken = "" if pd.isna(m["retrieved"]) else f", taken on {m['retrieved']:%-d %B %Y}"
        st.caption(f"The text below is the article as received{taken} ({m['chars']:,} characters), unchanged: "
                   f"its SHA-256 checksum starts {h(str(m['sha256'])[:16])}, and the validator checks it.")

    if hl and hl_here.empty and not hl_rows.empty:
        other = hl_rows.iloc[0]["source"]
        st.info(md(f"Record {hl} quotes {other}, not this source."), icon=":material/info:")
        frame.link("sources", md(f"Open {other} at that passage"), source=other, hl=hl)
    elif not hl_here.empty:
        r = hl_here.iloc[0]
        with st.container(border=True):
            st.markdown("The passage you followed, **highlighted in orange** below: "
                        + position_badge(r["position_label"], r["score"]) + " "
                        + h(f"{r['country_name']} · {data.issue_short.get(r['issue'], r['issue'])} · "
                               f"{r['date']:%d %b %Y}"), unsafe_allow_html=True)
            st.markdown(md(r["summary"]))
            c1, c2 = st.columns(2)
            frame.link("country", md(f"All of {r['country_name']}'s records"), where=c1, focus=r["country"])
            frame.link("matrix", "This cell in the matrix", where=c2, cell=f"{r['country']}.{r['issue']}")

    st.caption("Yellow: a passage quoted as evidence (darker where it supports several records). "
               "The bracketed codes after a passage link to the record's country or event. "
               "Grey italics: web-page leftovers (image placeholders, comment box), kept as received.")
    st.html(sourceview.CSS + body)
    if not hl_here.empty:
        # our own constant script (no data in it): bring the followed passage into view
        st.html(f"<script>{sourceview.SCROLL_TO_HIGHLIGHT}</script>", unsafe_allow_javascript=True)

    st.header("Records that quote this source")
    widths = {"record": 220, "id": 130, "quote": 410}
    st.dataframe(table, hide_index=True, width="stretch", column_order=list(widths), row_height=tables.row_height(3),
                 column_config=tables.columns(widths, {"record": st.column_config.TextColumn("Record"),
                                                       "id": st.column_config.TextColumn("Id"),
                                                       "quote": st.column_config.TextColumn("Quote")}))

    if curator_mode():  # a curator's to-do list: not shown to readers
        coverage_section(data, src)


def coverage_section(data, src: str) -> None:
    st.header("Coverage: what the records may still miss")
    st.caption("Curator mode. The same report as `python -m coalition coverage`, for this source where a section "
               "is per source. It is a to-do list, not a verdict: a named country may rightly have no record.")
    cov_frames = {**_global_coverage(data.stamp, data), **_source_coverage(data.stamp, src, data)}
    for section in coverage.SECTIONS:
        df = cov_frames[section]
        if section == "uncited_sources":
            df = df[df["source"] == src]
        with st.expander(f"{coverage.TITLES[section]} ({len(df)})", expanded=False):
            if df.empty:
                st.caption("Nothing here.")
            else:
                st.dataframe(df, hide_index=True, width="stretch")


data, view = frame.open("sources")
render(data, view)
frame.close(data)
