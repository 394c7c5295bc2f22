"""Sources (/sources?source=s000&hl=ITA.troops.1): each article in full, with the quoted passages highlighted."""
import dataclasses
import html

import streamlit as st

import ui
from coalition import coverage, sourceview, urlstate


@st.cache_resource(max_entries=64, show_spinner="Checking this source's coverage…")
def _source_coverage(stamp: tuple, source: str, _data) -> dict:
    """Coverage sections of one source (its seed through the curation engine: ~0.2 s; the whole
    report ran it over every seed, > 15 s for the first visit at 100x data)."""
    f = coverage.source_report(_data.frames, source).frames()
    return {k: f[k] for k in ("unrecorded", "uncovered")}


@st.cache_resource(max_entries=4, show_spinner="Checking coverage…")
def _global_coverage(stamp: tuple, _data) -> dict:
    """The sections that concern every source (single-source cells, uncited sources, disputed cells)."""
    f = coverage.global_report(_data.frames).frames()
    return {k: f[k] for k in ("single_source", "uncited_sources", "disputed")}


# 1. state: source and highlighted record live in the URL -------------------------------
data = ui.data()
view = ui.view()
f = data.frames
ids = list(f.sources["source"])
meta = f.sources.set_index("source")
hl = ui.page_state("hl")
hl_rows = data.stance_rows(hl) if hl else f.stances.iloc[0:0]
chosen = ui.page_state("source")
if chosen not in ids:
    # a link with only hl=... opens the source its record quotes first
    chosen = hl_rows.iloc[0]["source"] if not hl_rows.empty else ids[0]
if st.session_state.get("sources_pick") != chosen:
    st.session_state["sources_pick"] = chosen


def _picked() -> None:
    ui.set_page_state("sources", source=st.session_state["sources_pick"], hl=None)


labels = {r.source: f"{r.source} · {r.outlet if r.outlet != 'unknown' else 'outlet unknown'} · {r.title} "
                     f"({r.published:%d %b %Y})" for r in f.sources.itertuples()}  # one pass, not a .loc per option


st.title("Sources")
st.selectbox("Source article", ids, key="sources_pick", on_change=_picked, format_func=labels.get)
src = st.session_state["sources_pick"]
m = meta.loc[src]


# 2. data: the article as HTML and the table of its records, once per data version, source and
# highlighted record, shared by sessions. Its links keep the reader's filters: they are built with a
# per-process token where the filters go, which each run replaces (a filter change costs no rebuild).
_TOKEN = sourceview.LINK_TOKEN


@st.cache_resource(max_entries=64, show_spinner=False)
def _article(stamp: tuple, src: str, hl: str | None, _data) -> tuple[str, object]:
    fr = _data.frames

    def href(mark: sourceview.Mark) -> str | None:
        """A relative link to the page of the record a quote supports, the filters left as the token."""
        if mark.kind == "stance":
            page, state = "country", {"focus": mark.id.split(".")[0]}
        elif mark.kind == "event":
            page, state = "timeline", {"event": mark.id}
        else:
            return "./" + _TOKEN
        own = urlstate.query_string(urlstate.encode(urlstate.View(page=state), page))
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


def with_filters(body: str) -> str:
    """The article's links with the reader's filters (shared keys first, then the page's own, as
    urlstate.encode orders them), escaped as render_html escapes every link."""
    shared = urlstate.query_string(urlstate.encode(dataclasses.replace(view, page={}), "", ui.DEFAULT_ISSUE))
    if not shared:
        return body.replace(f"?{_TOKEN}&amp;", "?").replace(_TOKEN, "")
    return body.replace(_TOKEN + "&amp;", html.escape(shared[1:] + "&")).replace(_TOKEN, html.escape(shared))


html_body, table = _article(data.stamp, src, hl, data)
body = with_filters(html_body)
hl_here = hl_rows[hl_rows["source"] == src]

# 3. draw -----------------------------------------------------------------------------------
with st.container(border=True):
    outlet = m["outlet"] if m["outlet"] != "unknown" else "Outlet unknown"
    st.markdown(f"**{ui.md(outlet)}**: *{ui.md(m['title'])}*")
    st.markdown(f"Published **{m['published']:%d %b %Y}**. " + ui.md(m["published_basis"]))
    if m["slant"]:
        st.markdown("**Slant:** " + ui.md(m["slant"]))
    for slip in m["slips"]:
        st.markdown("**Known slip:** " + ui.md(slip))
    if m["url"]:
        st.caption("Original address (not fetched): " + ui.md(m["url"]))
    st.caption(ui.md(f"File {m['file']}, {m['chars']:,} characters, shown unchanged."))

if hl and hl_here.empty and not hl_rows.empty:
    other = hl_rows.iloc[0]["source"]
    st.info(ui.md(f"Record {hl} quotes {other}, not this source."), icon=":material/info:")
    st.page_link("app_pages/sources.py", label=ui.md(f"Open {other} at that passage"), icon=":material/article:",
                 query_params={"source": other, "hl": hl})
elif not hl_here.empty:
    r = hl_here.iloc[0]
    with st.container(border=True):
        st.markdown("The passage you followed, **highlighted in orange** below: "
                    + ui.position_badge(r["position_label"], r["score"]) + " "
                    + ui.h(f"{r['country_name']} · {data.issue_short.get(r['issue'], r['issue'])} · "
                           f"{r['date']:%d %b %Y}"), unsafe_allow_html=True)
        st.markdown(ui.md(r["summary"]))
        c1, c2 = st.columns(2)
        c1.page_link("app_pages/country.py", label=ui.md(f"All of {r['country_name']}'s records"),
                     icon=":material/flag:", query_params={"focus": r["country"]})
        c2.page_link("app_pages/matrix.py", label="This cell in the matrix", icon=":material/grid_on:",
                     query_params={"cell": f"{r['country']}.{r['issue']}"})

st.caption("Yellow: a passage quoted as evidence (darker where it supports several records; hover for the list). "
           "The bracketed codes after a passage link to the record's country or event. "
           "Grey italics: web-page leftovers (image placeholders, comment box), kept as received.")
st.html(sourceview.CSS + body)
if not hl_here.empty:
    # our own constant script (no data in it): bring the followed passage into view
    st.html("<script>setTimeout(function(){var e=window.document.getElementById('ct-hl');"
            "if(e){e.scrollIntoView({block:'center'});}},300);</script>", unsafe_allow_javascript=True)

st.header("Records that quote this source")
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"record": "Record", "id": "Id", "quote": "Quote"})

st.header("Coverage: what the records may still miss")
st.caption("The same report as `python -m coalition coverage`, for this source where a section is per source. "
           "It is a curator's to-do list, not a verdict: a named country may rightly have no record.")

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
