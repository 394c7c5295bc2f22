"""Overview (the default page, "/"): what the coalition is, who is in, the key numbers, where sources disagree."""
import streamlit as st

import coalition
import ui
from coalition import palette, summary

# 1. state ------------------------------------------------------------------------
data = ui.data()
view = ui.view()
f = data.frames
issue = view.issue or ui.DEFAULT_ISSUE
names = data.country_names


def name(code: str) -> str:
    return names.get(code, code)


def country_links(codes, disputed=()) -> None:
    """One link per country to its page; a disputed cell says so."""
    for code in codes:
        note = " (sources disagree)" if code in disputed else ""
        st.page_link("app_pages/country.py", label=ui.md(name(code) + note), icon=":material/flag:",
                     query_params={"focus": code})


# 2. data ---------------------------------------------------------------------------
counts = summary.issue_counts(f, issue, view.countries, view.as_of)
tracked = summary.tracked_countries(f, view.countries)
figures = summary.key_figures(f.figures)
disagree_figures = summary.figure_disagreements(f.figures)
stances = coalition.filter_stances(f.stances, view.countries, None, view.as_of)
disputed = summary.disputed_cells(stances)
latest = summary.latest_events(f.events, 5, view.countries, view.kinds, view.as_of)
published = f.sources["published"]

# 3. draw -------------------------------------------------------------------------------
st.title("The “coalition of the willing” for Ukraine")
st.markdown(
    "In early March 2025 the United Kingdom and France began gathering a *coalition of the willing*: "
    "countries ready to help guard a future ceasefire in Ukraine, possibly with troops on the ground. "
    "Who would join, on what conditions, and whether the United States would back such a force was still "
    "open in mid-March. This dashboard records what the source articles say about each country, and every "
    "claim links to the sentence it comes from."
)
st.caption(
    f"Based on {len(f.sources)} source articles published {published.min():%d %b %Y} to "
    f"{published.max():%d %b %Y}."
    + (f" Showing what was on record on {view.as_of:%d %b %Y}." if view.as_of else " Showing the latest records.")
)

# 3a. headline counts on the issue in focus
st.header(ui.md(data.issue_question.get(issue, issue)))
st.caption("Counted from each country's latest record on this question (change the question in the sidebar). "
           "Where sources disagree the latest record counts, and the country is marked.")
group_help = {"in": "yes", "undecided": "undecided or unclear", "declined": "no"}
cols = st.columns(4)
with cols[0]:
    st.metric("Countries tracked", len(tracked), border=True,
              help="Countries the records mention" + (" (among those chosen in the sidebar)." if view.countries
                                                      else "."))
    if counts.no_record:
        st.caption("No record on this question: " + ui.md(", ".join(name(c) for c in counts.no_record)))
for col, group in zip(cols[1:], summary.GROUPS):
    labels = counts.labels.get(group) or [group_help[group].capitalize()]
    with col:
        st.metric(ui.md(" / ".join(labels)), counts.count(group), border=True,
                  help=f"Countries whose latest record answers {group_help[group]} (positions: "
                       f"{ui.md(', '.join(labels))}).")
        if counts.groups[group]:
            country_links(counts.groups[group], counts.disputed)
        else:
            st.caption("None on record.")
links = st.columns(3)
links[0].page_link("app_pages/map.py", label="See it on the map", icon=":material/map:")
links[1].page_link("app_pages/matrix.py", label="Every country on every question", icon=":material/grid_on:")
links[2].page_link("app_pages/about.py", label="How positions are scored", icon=":material/info:")

# 3b. key figures
st.header("Key figures")
fig_cols = st.columns(len(figures) or 1)
for col, r in zip(fig_cols, figures.itertuples()):
    with col.container(border=True, height="stretch"):
        st.markdown(f"#### {ui.md(r.text)}")
        st.caption(ui.md(r.counts))
        st.markdown(f"> {ui.md(r.quote)}")
        st.page_link("app_pages/sources.py", label="Read in source", icon=":material/article:",
                     query_params={"source": r.source})

# 3c. where the numbers disagree
st.header("Where the numbers disagree")
if not disagree_figures:
    st.caption("The sources give no conflicting numbers for the same thing.")
for grp in disagree_figures:
    title = grp.iloc[0]["compare_group"].replace("_", " ").capitalize()
    st.subheader(ui.md(f"{title}: " + " vs ".join(grp["text"])))
    gcols = st.columns(len(grp))
    for col, r in zip(gcols, grp.itertuples()):
        with col.container(border=True):
            st.markdown(f"**{ui.md(r.text)}**: {ui.md(r.counts)}")
            ui.evidence(grp[grp["figure_id"] == r.figure_id], data, link_stance=False)
    st.caption("Read what each number counts: figures in one group measure the same thing in different ways "
               "(who was counted, and when), so a gap need not mean an error; "
               "it shows the number was not settled.")

# 3d. where the sources disagree
st.header("Where the sources disagree")
if disputed.empty:
    st.caption("No country has conflicting records" + (" on that date." if view.as_of else "."))
for (code, iss), grp in disputed.groupby(["country", "issue"], sort=False):
    st.subheader(ui.md(f"{name(code)}: {data.issue_short.get(iss, iss)}"))
    st.caption(ui.md(data.issue_question.get(iss, "")))
    gcols = st.columns(len(grp))
    for col, r in zip(gcols, grp.itertuples()):
        with col.container(border=True):
            st.markdown(ui.position_badge(r.position_label, r.score, palette.CONFIDENCE_NOTE.get(r.confidence, ""))
                        + f" &nbsp;{ui.h(r.outlet if r.outlet != 'unknown' else 'outlet unknown')}, "
                          f"{r.date:%d %b %Y}", unsafe_allow_html=True)
            st.markdown(ui.md(r.summary))
            ui.evidence(stances[(stances["stance_id"] == r.stance_id)], data)
    lc = st.columns(2)
    lc[0].page_link("app_pages/matrix.py", label="This cell in the matrix", icon=":material/grid_on:",
                    query_params={"cell": f"{code}.{iss}"})
    lc[1].page_link("app_pages/country.py", label=ui.md(f"Every record on {name(code)}"), icon=":material/flag:",
                    query_params={"focus": code})

# 3e. latest events
st.header("Latest events")
if latest.empty:
    st.caption("No events on record for this selection.")
for r in latest.itertuples():
    planned = " (planned, as of the sources)" if r.status == "planned" else ""
    when = f"{r.date:%d %b %Y}" if r.date_precision != "approximate" else f"about {r.date:%d %b %Y}"
    st.page_link("app_pages/timeline.py", label=ui.md(f"{when} · {r.title}{planned}"), icon=":material/event:",
                 query_params={"event": r.event_id})
st.page_link("app_pages/timeline.py", label="The whole timeline", icon=":material/timeline:")
