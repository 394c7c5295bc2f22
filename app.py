"""Coalition Tracker, Overview (the first page, "/"): what the coalition is, who is in, the key numbers,
where sources disagree, what the coalition and organisations say. Every other page is a file in pages/
(see coalition/registry.py)."""
import streamlit as st

from coalition import actors, palette, summary
from coalition.filters import DISAGREE_WINDOW_DAYS
from coalition.views import cite
from coalition.views import matrix as mview
from ui import evidence, frame, lists
from ui.data import cached_call
from ui.store import memo  # per data version, in this process
from ui.html import blockquote, md, h, position_badge

# how much each list draws at first (each then says how many it hides and offers the rest)
LINKS_SHOWN = 10     # country links per group (in / undecided / declined)
FIGURES_SHOWN = 8    # key figures (two rows of four)
FIGURE_GROUPS_SHOWN = 2
FIGURE_SERIES_SHOWN = 3  # figures of one compare group over time
GROUPS_SHOWN = 3     # counted groups on the issue in focus ("26 countries committed")
ORG_SHOWN = 6        # organisations' positions, the issue in focus first
ORG_COLUMNS = 3
CELLS_SHOWN = 3      # disputed cells, the issue in focus first
RECORDS_SHOWN = 3    # records per disputed cell: the latest of each position
# The latest events are links with long labels ("Date not given (reported 05 Sep 2025) · Joint delegation to
# Kyiv (planned, ...)"): Streamlit cuts a link label to one line, so on a phone they wrap instead (our own
# constant CSS, no data in it).
CSS = """<style>
.st-key-overview_events [data-testid="stPageLink"] * { white-space: normal; overflow: visible; }
</style>"""


@memo(max_entries=32)
def _disputed_samples(stamp: tuple, countries: tuple, as_of, keys: tuple, _data) -> dict:
    """Per disputed cell drawn (``keys``): the records to draw (the latest of each position, oldest first, as
    row tuples) and how many records the cell has; once per data version, filters and cells shown (pandas
    work: ~7 ms a cell at 100x data)."""
    disputed, cell_rows = cached_call(_data, summary.disputed_records, list(countries), as_of)
    return {key: (list(summary.cell_sample(disputed.iloc[cell_rows[key]], RECORDS_SHOWN).itertuples()),
                  len(cell_rows[key])) for key in keys}


def country_links(names: dict, codes, disputed=()) -> None:
    """One link per country to its page (the first LINKS_SHOWN); a disputed cell says so."""
    for code in codes[:LINKS_SHOWN]:
        note = " (sources disagree)" if code in disputed else ""
        frame.link("country", md(names.get(code, code) + note), focus=code)
    if len(codes) > LINKS_SHOWN:
        st.caption(f"and {len(codes) - LINKS_SHOWN:,} more: every country is on the map and in the matrix "
                   "(sort it by score).")
        frame.link("matrix", "All of them in the matrix", sort="score")


def rows_of(items, width: int = 4):
    """Items in rows of ``width`` columns: (column, item) pairs."""
    items = list(items)
    for start in range(0, len(items), width):
        chunk = items[start:start + width]
        yield from zip(st.columns(width if len(items) > width else len(chunk)), chunk)


def render(data, view) -> None:
    f = data.frames
    issue = view.issue
    names = data.country_names

    # 1. data: computed once per data version and filters, shared by sessions
    counts = cached_call(data, summary.issue_counts, issue, view.countries, view.as_of)
    tracked = summary.tracked_countries(f, view.countries)
    figures, disagree_figures, series = cached_call(data, summary.overview_figures, view.as_of)
    counted = cached_call(data, summary.overview_groups, issue, view.as_of)
    org_said = cached_call(data, summary.organisation_statements, issue, view.as_of)
    disputed, cell_rows = cached_call(data, summary.disputed_records, view.countries, view.as_of)
    latest = cached_call(data, summary.overview_latest, view.countries, view.kinds, view.as_of)
    published = f.sources["published"]

    # 2. draw: what this is
    st.title("The “coalition of the willing” for Ukraine")
    st.markdown(
        "In early March 2025 the United Kingdom and France began gathering a *coalition of the willing*: "
        "countries ready to help guard a future ceasefire in Ukraine, possibly with troops on the ground. "
        "Who would join, on what conditions, and whether the United States would back such a force: this "
        f"dashboard records what the source articles say about each country ({md(cite.span(f))}), and every "
        "claim links to the sentence it comes from."
    )  # the span follows the data: no sentence here turns false when an article is added
    st.caption(
        f"Based on {len(f.sources)} source articles published {published.min():%d %b %Y} to "
        f"{published.max():%d %b %Y}."
        + (f" Showing what was on record on {view.as_of:%d %b %Y}." if view.as_of else " Showing the latest records.")
    )

    # 2a. headline counts on the issue in focus
    st.header(md(data.issue_question.get(issue, issue)))
    frame.issue_picker(data, view, "Question")
    st.caption("Counted from each country's latest record on this question. "
               "Where sources disagree the latest record counts, and the country is marked.")
    group_help = {"in": "yes", "undecided": "undecided or unclear", "declined": "no"}
    cols = st.columns(4)
    with cols[0]:
        st.metric("Countries tracked", len(tracked), border=True,
                  help="Countries the records mention" + (" (among those chosen in the sidebar)." if view.countries
                                                          else "."))
        if counts.no_record:
            st.caption("No record on this question: " + md(", ".join(names.get(c, c) for c in counts.no_record)))
    for col, group in zip(cols[1:], summary.GROUPS):
        labels = counts.labels.get(group) or [group_help[group].capitalize()]
        with col:
            st.metric(md(" / ".join(labels)), counts.count(group), border=True,
                      help=f"Countries whose latest record answers {group_help[group]} (positions: "
                           f"{md(', '.join(labels))}).")
            if counts.groups[group]:
                country_links(names, counts.groups[group], counts.disputed)
            else:
                st.caption("None on record.")
    counted_groups(counted, names)
    links = st.columns(3)
    frame.link("map", "See it on the map", where=links[0])
    frame.link("matrix", "Every country on every question", where=links[1])
    frame.link("about", "How positions are scored", where=links[2])

    # 2b. key figures
    st.header("Key figures")
    n_figures = lists.shown("overview_figures", FIGURES_SHOWN)
    if figures.empty:
        st.caption("No figures on record" + (" on that date." if view.as_of else "."))
    for col, r in rows_of(figures.head(n_figures).itertuples()):
        with col.container(border=True, height="stretch"):
            st.markdown(f"#### {md(r.text)}")
            st.caption(md(r.when[:1].upper() + r.when[1:]) + " · " + md(r.counts))
            if r.about:
                st.caption(f"On the question: **{md(r.about)}**")
            st.markdown(blockquote(r.quote), unsafe_allow_html=True)
            if r.event_title:  # a page link does not wrap: the title goes in the caption
                st.caption(f"At the event: **{md(r.event_title)}**")
                frame.link("timeline", "On the timeline", ":material/event:", event=r.event)
            frame.link("sources", "Read in source", ":material/article:", source=r.source)
    lists.more("overview_figures", min(n_figures, len(figures)), len(figures), "figures (in the order of the records)",
               FIGURES_SHOWN)
    figure_series(series)

    # 2c. where the numbers disagree
    st.header("Where the numbers disagree")
    if not disagree_figures:
        st.caption("The sources give no conflicting numbers for the same thing at the same time.")
    n_groups = lists.shown("overview_figure_groups", FIGURE_GROUPS_SHOWN)
    for grp in disagree_figures[:n_groups]:
        title = summary.compare_title(grp.iloc[0]["compare_group"])
        st.subheader(md(f"{title}: " + " vs ".join(grp["text"])))
        for col, r in rows_of(grp.itertuples()):
            with col.container(border=True):
                st.markdown(f"**{md(r.text)}**, {md(r.when)}: {md(r.counts)}")
                evidence.quotes(grp[grp["figure_id"] == r.figure_id], data, link_stance=False)
    if disagree_figures:
        lists.more("overview_figure_groups", min(n_groups, len(disagree_figures)), len(disagree_figures),
                   "groups of conflicting numbers", FIGURE_GROUPS_SHOWN)
        st.caption("Read what each number counts: figures in one group measure the same thing in different ways "
                   "(who was counted, and when), so a gap need not mean an error; "
                   f"it shows the number was not settled. Only figures dated within {DISAGREE_WINDOW_DAYS} days of "
                   "each other are compared here; further apart, the later one is a change over time.")

    # 2d. where the sources disagree
    st.header("Where the sources disagree")
    if disputed.empty:
        st.caption("No country has conflicting records" + (" on that date." if view.as_of else "."))
    cell_keys = summary.focus_first(list(cell_rows), issue)
    n_cells = lists.shown("overview_disputed", CELLS_SHOWN)
    samples = _disputed_samples(data.stamp, tuple(view.countries), view.as_of, tuple(cell_keys[:n_cells]), data)
    for code, iss in cell_keys[:n_cells]:
        sample, n_records = samples[(code, iss)]
        st.subheader(md(f"{names.get(code, code)}: {data.issue_short.get(iss, iss)}"))
        st.caption(md(data.issue_question.get(iss, "")))
        gcols = st.columns(len(sample))
        for col, r in zip(gcols, sample):
            with col.container(border=True):
                when = actors.when(r.date, getattr(r, "date_precision", "day"), getattr(r, "date_end", None))
                st.markdown(position_badge(r.position_label, r.score, palette.CONFIDENCE_NOTE.get(r.confidence, ""))
                            + f" &nbsp;{h(cite.outlet_shown(r.outlet))}, {h(when)}",
                            unsafe_allow_html=True)
                st.markdown(md(r.summary))
                evidence.stance(data, r.stance_id)
        if n_records > len(sample):
            st.caption(f"Showing {len(sample)} of {n_records:,} records on this cell (the latest for each position); "
                       "the matrix lists every one with its quotes.")
        lc = st.columns(2)
        frame.link("matrix", "This cell in the matrix", where=lc[0], cell=f"{code}.{iss}")
        frame.link("country", md(f"Every record on {names.get(code, code)}"), where=lc[1], focus=code)
    if lists.more("overview_disputed", min(n_cells, len(cell_keys)), len(cell_keys),
                  "cells where the sources disagree", CELLS_SHOWN,
                  f"The question in focus comes first. The matrix marks every one with {mview.DISPUTED_MARK}."):
        frame.link("matrix", "Every cell in the matrix")

    # 2e. what the coalition and organisations say (kept apart from the countries)
    organisations(data, org_said, view)

    # 2f. latest events
    st.header("Latest events")
    if latest.empty:
        st.caption("No events on record for this selection.")
    st.html(CSS)
    with st.container(key="overview_events"):
        for r in latest.itertuples():
            planned = " (planned, as of the sources)" if r.status == "planned" else ""
            when = actors.when(r.date, r.date_precision, r.date_end)  # 'about ...', 'after ...', 'date not given ...'
            when = when[:1].upper() + when[1:]
            frame.link("timeline", md(f"{when} · {r.title}{planned}"), ":material/event:", event=r.event_id)
    frame.link("timeline", "The whole timeline")


def counted_groups(counted, names: dict) -> None:
    """Under the metrics: the groups sources count on the issue in focus beyond the countries they name
    ("26 countries: Committed ...: France and United Kingdom named, 24 not named."), newest first."""
    if counted.empty:
        return
    n = lists.shown("overview_groups", GROUPS_SHOWN)
    for i, r in enumerate(counted.head(n).itertuples()):
        lead = "Sources also count groups: " if i == 0 else ""
        st.caption(lead + md(actors.group_sentence(r, names)))
        frame.link("sources", "Read in source", ":material/article:", source=r.source)
    lists.more("overview_groups", min(n, len(counted)), len(counted), "counted groups on this question (newest first)",
               GROUPS_SHOWN)


def figure_series(series) -> None:
    """The compare groups whose figures span time, each as one line, oldest first."""
    if not series:
        return
    st.subheader("How the numbers changed")
    n = lists.shown("overview_figure_series", FIGURE_SERIES_SHOWN)
    for grp in series[:n]:
        st.markdown(f"**{md(summary.compare_title(grp.iloc[0]['compare_group']))}:** {md(summary.series_text(grp))}")
    lists.more("overview_figure_series", min(n, len(series)), len(series), "numbers over time", FIGURE_SERIES_SHOWN)
    undated = any(not grp["dated"].all() for grp in series[:n] if "dated" in grp.columns)
    st.caption("Figures that count the same thing at different dates, oldest first: a change over time, not a "
               f"disagreement (“vs” joins figures from within {DISAGREE_WINDOW_DAYS} days of each other)."
               + (" A figure the sources do not date is shown at its source's date." if undated else ""))


def organisations(data, said, view) -> None:
    """Positions the sources give for the coalition itself and for organisations (NATO, the EU...), one
    card per organisation and question; nothing when none is on record."""
    if said.empty:
        return
    st.header("What the coalition and organisations say")
    st.caption("Positions the sources give for the coalition itself and for organisations, not for their member "
               "countries: they are not counted among the countries above. Each card is the latest record"
               + (f" on {view.as_of:%d %b %Y}." if view.as_of else "."))
    n = lists.shown("overview_orgs", ORG_SHOWN)
    rows = list(said.head(n).itertuples())
    for start in range(0, len(rows), ORG_COLUMNS):  # always ORG_COLUMNS wide: a lone card is not stretched
        for col, r in zip(st.columns(ORG_COLUMNS), rows[start:start + ORG_COLUMNS]):
            with col.container(border=True, height="stretch"):
                st.markdown(f"#### {md(r.name)}")
                st.markdown(f"**{md(data.issue_short.get(r.issue, r.issue))}**: "
                            f"{md(data.issue_question.get(r.issue, ''))}")
                outlet = cite.outlet_shown(r.outlet)
                st.markdown(position_badge(r.position_label, r.score, palette.CONFIDENCE_NOTE.get(r.confidence, ""))
                            + f" &nbsp;{h(outlet)}, {h(actors.when(r.date, r.date_precision, r.date_end))}",
                            unsafe_allow_html=True)
                if r.disputed:
                    st.caption("Sources disagree: " + md(" vs ".join(r.positions)) + " (the latest record is shown).")
                st.markdown(md(r.summary))
                st.markdown(blockquote(r.quote), unsafe_allow_html=True)
                frame.link("sources", "Read in source", ":material/article:", source=r.source)
    lists.more("overview_orgs", min(n, len(said)), len(said), "positions of organisations (the question in focus "
               "first)", ORG_SHOWN)


data, view = frame.open("overview")
render(data, view)
frame.close(data)
