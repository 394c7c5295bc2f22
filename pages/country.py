"""Country (/country?focus=ITA): one country's positions with their evidence, events, people and sources."""
import pandas as pd
import streamlit as st

from coalition import actors, palette, summary
from coalition.filters import DISAGREE_WINDOW_DAYS
from coalition.views import cite
from coalition.views import matrix as mview
from ui import evidence, frame, lists, state, tables
from ui.data import cached_call
from ui.html import h, md, position_badge

# how much each list draws at first (each says how many it hides and offers the rest)
CELLS_SHOWN = 6     # questions with a record, the issue in focus first (a table lists them all)
RECORDS_SHOWN = 3   # records per question: the latest of each position
MOVES_SHOWN = 3     # changes of position per question, newest first
EVENTS_SHOWN = 10   # newest first
SOURCE_LINKS = 6    # most cited first (the table lists every source)


def when(r) -> str:
    """A record's date with its precision ('about 15 Mar 2025', '15–17 Mar 2025')."""
    return actors.when(r.date, getattr(r, "date_precision", "day"), getattr(r, "date_end", None))


def badge(r) -> str:
    return position_badge(r.position_label, r.score, palette.CONFIDENCE_NOTE.get(r.confidence, ""))


def render(data, view) -> None:
    # 1. state: the country in focus lives in the URL (focus=ISO3)
    f = data.frames
    codes = list(f.countries["country"])
    names = data.country_names
    default = view.countries[0] if view.countries else ("GBR" if "GBR" in codes else codes[0])
    focus = state.get("focus")
    if focus not in codes:
        focus = default
    issue_focus = view.issue

    # 2. data: once per data version, country, date and kinds, shared by sessions (callers only read)
    row = f.countries.set_index("country").loc[focus]
    cv = cached_call(data, summary.country_view, focus, view.as_of, view.kinds, RECORDS_SHOWN)
    cells, events = cv["cells"], cv["events"]
    people, sources, event_titles = cv["people"], cv["sources"], cv["event_titles"]
    order = summary.country_issue_order(f.issues, issue_focus)

    def outlet_of(source: str) -> str:  # read from the loaded version's source table, only for sources shown
        meta = data.source_meta.get(source)
        return cite.outlet_shown(meta[0]) if meta else source

    # 3. draw
    st.title(md(f"{row['country_name']} ({focus})"))
    st.caption(md(row["region"]) + (f" · records as of {view.as_of:%d %b %Y}" if view.as_of else " · latest records"))
    state.widget(st.selectbox, "focus", default=default, label="Choose a country", options=codes,
                 format_func=lambda c: f"{names.get(c, c)} ({c})")

    st.header("Positions")
    if not cv["has_record"]:
        st.info(md(f"The sources record no position for {row['country_name']} on any of the questions tracked. "
                      "It appears in the events and people below."), icon=":material/info:")
    elif not cv["n_rows"]:
        st.info(f"No position on record on or before {view.as_of:%d %b %Y}; clear the “As of” date in the sidebar "
                "to see the latest records.", icon=":material/info:")
    else:
        questions = cv["questions"]
        with_record = [i for i in order if i in questions]
        if issue_focus and issue_focus not in questions:  # the link asked about a question with no record here
            st.info(md(f"{row['country_name']} has no record on “{data.issue_short.get(issue_focus, issue_focus)}” "
                       "(the question in focus)" + (f" on or before {view.as_of:%d %b %Y}" if view.as_of else "")
                       + "; its other positions follow."), icon=":material/info:")
        n_cells = lists.shown(f"country_cells_{focus}", CELLS_SHOWN)
        if len(with_record) > n_cells:
            st.caption(f"Every question with a record at a glance (the newest record of each; "
                       f"{md(mview.DISPUTED_MARK)}: sources disagree). The first {n_cells} are shown in full "
                       "below, with their evidence.")
            glance = cells.loc[with_record].reset_index()
            st.dataframe(pd.DataFrame({
                "Question": [data.issue_short.get(i, i) for i in glance["issue"]],
                "Position": glance["position_label"] + glance["disputed"].map({True: " " + mview.DISPUTED_MARK,
                                                                               False: ""}),
                "Date": glance["date"], "Records": glance["n_records"], "Sources": glance["n_sources"],
            }), hide_index=True, width="stretch",
                column_config={"Date": st.column_config.DateColumn(format="D MMM YYYY")})
        for iss in with_record[:n_cells]:
            q = questions[iss]
            c, n_recs, sample, moves = q["cell"], q["n_records"], q["sample"], q["moves"]
            with st.container(border=True):
                tag = " · *the question in focus*" if iss == issue_focus else ""
                st.markdown(f"**{md(data.issue_short.get(iss, iss))}**: {md(data.issue_question.get(iss, ''))}"
                            + tag)
                note = palette.CONFIDENCE_NOTE.get(c.confidence, "")
                if q["only"] is not None:
                    only = q["only"]
                    when_ = f" &nbsp;{h(when(only))} · {h(outlet_of(only.source))}"
                else:
                    when_ = " &nbsp;<b>Sources disagree</b>" if c.disputed else ""
                st.markdown(position_badge(c.position_label, c.score, note) + when_, unsafe_allow_html=True)
                if c.conditions:
                    st.caption("Condition: " + md(c.conditions))
                for ch in moves[:MOVES_SHOWN]:
                    st.caption(md(f"Moved from {ch.from_label} to {ch.to_label} on {ch.date:%d %b %Y} "
                                     f"(source {ch.source}, {outlet_of(ch.source)})")
                               + (f" — different sources within {DISAGREE_WINDOW_DAYS} days of each other: the "
                                  "sources disagree, this is not a change of mind." if getattr(ch, "disagreement", False)
                                  else " — reported by a later source than the earlier position."
                                  if not getattr(ch, "same_source", True) else "."))
                if len(moves) > MOVES_SHOWN:
                    hidden = len(moves) - MOVES_SHOWN
                    st.caption(f"…and {hidden:,} earlier change{'s' if hidden > 1 else ''} on this question (the newest "
                               f"{MOVES_SHOWN} are listed): What changed lists every one.")
                if n_recs > 1:
                    st.caption(("The records disagree; " if c.disputed else f"{n_recs} records agree; ")
                               + ("side by side, oldest first:" if len(sample) == n_recs else
                                  f"the latest of each position ({len(sample)} of {n_recs:,} records), "
                                  "oldest first; the matrix cell lists every record:"))
                rcols = st.columns(len(sample))
                for col, r in zip(rcols, sample):
                    with col:
                        if n_recs > 1:
                            st.markdown(badge(r) + f" &nbsp;{h(when(r))} · {h(cite.outlet_shown(r.outlet))}",
                                        unsafe_allow_html=True)
                        st.markdown(md(r.summary))
                        note = actors.precision_note(getattr(r, "date_precision", "day"))
                        st.caption(md(f"Confidence: {r.confidence}. Date"
                                      + (f" ({when(r)}, {note})" if note else "") + f": {r.date_basis}"))
                        evidence.stance(data, r.stance_id)
                links = st.columns(2) if len(moves) > MOVES_SHOWN else [st]
                frame.link("matrix", "This cell in the matrix", where=links[0], cell=f"{focus}.{iss}")
                if len(moves) > MOVES_SHOWN:
                    frame.link("changes", md(f"What changed for {row['country_name']}"), where=links[1],
                               countries=(focus,))
        lists.more(f"country_cells_{focus}", min(n_cells, len(with_record)), len(with_record),
                   "questions with a record in full (all are in the table above)", CELLS_SHOWN)
        missing = [data.issue_short.get(i, i) for i in order if i not in cells.index]
        if missing:
            st.caption("No record in the sources on: " + md(", ".join(missing)) + ".")

    _counted_and_member(data, focus, row["country_name"], view.as_of)

    st.header("Events")
    if events.empty:
        st.caption("No event involving this country" + (" on or before that date." if view.as_of else "."))
    n_events = lists.shown(f"country_events_{focus}", EVENTS_SHOWN)
    if len(events) > 1:
        st.caption("Newest first.")
    took_part = f.participants[f.participants["country"] == focus]
    how = {e: actors.attendance_text("", "", a, bool(rm))
           for e, a, rm in zip(took_part["event_id"], took_part["attended_as"], took_part["remote"])}
    for r in events.head(n_events).itertuples():
        extra = " (historical context)" if r.context else (" (planned, as of the sources)" if r.status == "planned"
                                                           else "")
        role = f" · {how[r.event_id]}" if how.get(r.event_id) else ""
        frame.link("timeline", md(f"{when(r)} · {r.title}{extra}{role}"), ":material/event:", event=r.event_id)
    if lists.more(f"country_events_{focus}", min(n_events, len(events)), len(events), "events", EVENTS_SHOWN):
        frame.link("timeline", md(f"{row['country_name']}'s events on the timeline"), countries=(focus,))

    st.header("People quoted or named")
    if people.empty:
        st.caption("No person from this country is named in the records.")
    else:
        table = people.assign(events=people["events"].map(lambda ids: "; ".join(event_titles.get(i, i) for i in ids)))
        widths = {"name": 150, "role": 240, "events": 370}
        st.dataframe(table, hide_index=True, width="stretch", column_order=list(widths), row_height=tables.row_height(2),
                     column_config=tables.columns(widths, {
                         "name": st.column_config.TextColumn("Name"), "role": st.column_config.TextColumn("Role"),
                         "events": st.column_config.TextColumn("Events they take part in")}))

    st.header("Sources")
    if sources.empty:
        st.caption("No source quote concerns this country" + (" on or before that date." if view.as_of else "."))
    else:
        st.caption("How many quotes about this country each source gives (in its positions and in its events).")
        table = sources.drop(columns=["title"]).assign(outlet=[cite.outlet_shown(o) for o in sources["outlet"]])
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={"source": "Source", "outlet": "Outlet", "stance_quotes": "On positions",
                                    "event_quotes": "On events", "total": "Quotes"})
        n_links = lists.shown(f"country_sources_{focus}", SOURCE_LINKS)
        for col, r in zip(st.columns(min(len(sources), 3)) * (1 + n_links // 3),  # 3 a row: labels fit
                          sources.head(n_links).itertuples()):
            frame.link("sources", md(f"Read {r.source} ({cite.outlet_shown(r.outlet)})"), where=col, source=r.source)
        lists.more(f"country_sources_{focus}", min(n_links, len(sources)), len(sources),
                   "links to sources (most cited first; the table lists every source)", SOURCE_LINKS)


def _counted_and_member(data, focus: str, name: str, as_of) -> None:
    """The counted groups that name this country, and the organisations it is a member of."""
    f = data.frames
    groups = cached_call(data, actors.groups, None, as_of)
    groups = groups[groups["members"].map(lambda ms: focus in ms)] if not groups.empty else groups
    orgs = f.organisations[f.organisations["members"].map(lambda ms: focus in ms)] if len(f.organisations) \
        else f.organisations
    if groups.empty and orgs.empty:
        return
    st.header("Counted with others")
    for r in groups.itertuples():
        st.markdown(md(f"Named among {actors.count_text(r)}: {r.name} "
                       f"({data.issue_short.get(r.issue, r.issue)}: {r.position_label}; {cite.outlet_shown(r.outlet)}, "
                       f"{actors.when(r.date, r.date_precision, r.date_end)})."))
    if not orgs.empty:
        st.markdown(md(f"{name} is a member of: " + ", ".join(orgs["name"]) + "."))


data, view = frame.open("country")
render(data, view)
frame.close(data)
