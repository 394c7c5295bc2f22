"""Overview (the default page, "/"): what the coalition is, who is in, the key numbers, where sources disagree."""
import streamlit as st

import ui
from coalition import charts, palette, summary

# how much each list draws at first (each then says how many it hides and offers the rest)
LINKS_SHOWN = 10     # country links per group (in / undecided / declined)
FIGURES_SHOWN = 8    # key figures (two rows of four)
FIGURE_GROUPS_SHOWN = 2
CELLS_SHOWN = 3      # disputed cells, the issue in focus first
RECORDS_SHOWN = 3    # records per disputed cell: the latest of each position

# 1. state ------------------------------------------------------------------------
data = ui.data()
view = ui.view()
f = data.frames
issue = view.issue or ui.DEFAULT_ISSUE
names = data.country_names


def name(code: str) -> str:
    return names.get(code, code)


def country_links(codes, disputed=()) -> None:
    """One link per country to its page (the first LINKS_SHOWN); a disputed cell says so."""
    for code in codes[:LINKS_SHOWN]:
        note = " (sources disagree)" if code in disputed else ""
        st.page_link("app_pages/country.py", label=ui.md(name(code) + note), icon=":material/flag:",
                     query_params={"focus": code})
    if len(codes) > LINKS_SHOWN:
        st.caption(f"and {len(codes) - LINKS_SHOWN:,} more: every country is on the map and in the matrix "
                   "(sort it by score).")
        st.page_link("app_pages/matrix.py", label="All of them in the matrix", icon=":material/grid_on:",
                     query_params={"sort": "score"})


def rows_of(items, width: int = 4):
    """Items in rows of ``width`` columns: (column, item) pairs."""
    items = list(items)
    for start in range(0, len(items), width):
        chunk = items[start:start + width]
        yield from zip(st.columns(width if len(items) > width else len(chunk)), chunk)


# 2. data ---------------------------------------------------------------------------
# computed once per data version and filters, shared by sessions (at 100x data each is 30-100 ms)
counts = ui.cached_call(data, summary.issue_counts, issue, view.countries, view.as_of)
tracked = summary.tracked_countries(f, view.countries)
figures, disagree_figures = ui.cached_call(data, summary.overview_figures)
disputed, cell_rows = ui.cached_call(data, summary.disputed_records, view.countries, view.as_of)
latest = ui.cached_call(data, summary.overview_latest, view.countries, view.kinds, view.as_of)
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
n_figures = ui.shown("overview_figures", FIGURES_SHOWN)
for col, r in rows_of(figures.head(n_figures).itertuples()):
    with col.container(border=True, height="stretch"):
        st.markdown(f"#### {ui.md(r.text)}")
        st.caption(ui.md(r.counts))
        st.markdown(f"> {ui.md(r.quote)}")
        st.page_link("app_pages/sources.py", label="Read in source", icon=":material/article:",
                     query_params={"source": r.source})
ui.more("overview_figures", min(n_figures, len(figures)), len(figures), "figures (in the order of the records)",
        FIGURES_SHOWN)

# 3c. where the numbers disagree
st.header("Where the numbers disagree")
if not disagree_figures:
    st.caption("The sources give no conflicting numbers for the same thing.")
n_groups = ui.shown("overview_figure_groups", FIGURE_GROUPS_SHOWN)
for grp in disagree_figures[:n_groups]:
    title = grp.iloc[0]["compare_group"].replace("_", " ").capitalize()
    st.subheader(ui.md(f"{title}: " + " vs ".join(grp["text"])))
    for col, r in rows_of(grp.itertuples()):
        with col.container(border=True):
            st.markdown(f"**{ui.md(r.text)}**: {ui.md(r.counts)}")
            ui.evidence(grp[grp["figure_id"] == r.figure_id], data, link_stance=False)
if disagree_figures:
    ui.more("overview_figure_groups", min(n_groups, len(disagree_figures)), len(disagree_figures),
            "groups of conflicting numbers", FIGURE_GROUPS_SHOWN)
    st.caption("Read what each number counts: figures in one group measure the same thing in different ways "
               "(who was counted, and when), so a gap need not mean an error; "
               "it shows the number was not settled.")

# 3d. where the sources disagree
st.header("Where the sources disagree")
if disputed.empty:
    st.caption("No country has conflicting records" + (" on that date." if view.as_of else "."))
# the cells' records by position (a mask per cell over thousands of records was quadratic at 100x data)
cell_keys = summary.focus_first(list(cell_rows), issue)
n_cells = ui.shown("overview_disputed", CELLS_SHOWN)
for code, iss in cell_keys[:n_cells]:
    grp = disputed.iloc[cell_rows[(code, iss)]]
    sample = summary.cell_sample(grp, RECORDS_SHOWN)
    st.subheader(ui.md(f"{name(code)}: {data.issue_short.get(iss, iss)}"))
    st.caption(ui.md(data.issue_question.get(iss, "")))
    gcols = st.columns(len(sample))
    for col, r in zip(gcols, sample.itertuples()):
        with col.container(border=True):
            st.markdown(ui.position_badge(r.position_label, r.score, palette.CONFIDENCE_NOTE.get(r.confidence, ""))
                        + f" &nbsp;{ui.h(r.outlet if r.outlet != 'unknown' else 'outlet unknown')}, "
                          f"{r.date:%d %b %Y}", unsafe_allow_html=True)
            st.markdown(ui.md(r.summary))
            ui.stance_evidence(data, r.stance_id)
    if len(grp) > len(sample):
        st.caption(f"Showing {len(sample)} of {len(grp):,} records on this cell (the latest for each position); "
                   "the matrix lists every one with its quotes.")
    lc = st.columns(2)
    lc[0].page_link("app_pages/matrix.py", label="This cell in the matrix", icon=":material/grid_on:",
                    query_params={"cell": f"{code}.{iss}"})
    lc[1].page_link("app_pages/country.py", label=ui.md(f"Every record on {name(code)}"), icon=":material/flag:",
                    query_params={"focus": code})
if ui.more("overview_disputed", min(n_cells, len(cell_keys)), len(cell_keys), "cells where the sources disagree",
           CELLS_SHOWN, f"The question in focus comes first. The matrix marks every one with {charts.DISPUTED_MARK}."):
    st.page_link("app_pages/matrix.py", label="Every cell in the matrix", icon=":material/grid_on:")

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
