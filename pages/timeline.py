"""Timeline (/timeline): meetings, calls, statements and reports on a date axis; a click opens the evidence."""
import streamlit as st

from coalition import charts
from ui import evidence, frame, lists, state
from ui import matrix as mx
from ui.html import md

LISTED = 20  # expanders listed below the chart at first ("Show more" adds as many); the selected one always


def render(data, view) -> None:
    # 1. state: shared filters + this page's own (selected event, issue toggle), all in the URL
    f = data.frames
    focus = view.issue
    on_issue = state.get("on_issue") == "1"
    selected = state.get("event")

    # 2. data
    issues = [focus] if on_issue else None
    events, rows, label = mx.timeline_events(data, view, issues)
    ids = list(rows["event_id"])
    # a click on a marker in either chart (read before drawing, so the chart already rings the new event)
    picks = [mx.chart_selection(k, st.session_state.get(k), "event_id") for k in ("timeline_context", "timeline")]
    picked = next((p for p in picks if p), None)
    if picked and picked != selected:
        selected = picked
        state.set(event=selected)

    # 3. draw
    st.title("Timeline")
    st.caption("Meetings, calls, statements and reports the two sources mention, by date. Hollow markers: planned "
               "(as of the source's date); a solid line: a date range; a dotted line: an approximate date. "
               "The number on each marker matches the list below. Click a marker for its evidence.")
    state.widget(st.toggle, "on_issue", default=False, to_url=lambda v: "1", from_url=lambda v: v == "1",
                 label=f"Only events on the issue in focus ({md(data.issue_short.get(focus, focus))})")

    if events.empty:
        when = f" up to {view.as_of:%-d %B %Y}" if view.as_of else ""
        st.info(f"No events match these filters{when}. The records start with the 1953 Korean armistice (context) "
                f"and run from {f.events.loc[~f.events['context'], 'date'].min():%-d %B %Y}. Clear a filter "
                "(countries, event kinds, “As of”, or the issue toggle) to see events.", icon="🗓️")
    else:  # (no st.stop(): app.py still draws the share link after the page)
        if rows["ctx"].all():
            st.info("No March 2025 events match these filters"
                    + (f" up to {view.as_of:%-d %B %Y}" if view.as_of else "")
                    + "; only the historical context the sources cite is shown.", icon="🗓️")
        specs = mx.timeline_specs(data, view, issues, selected)
        # the context strip (1953, 2003) on its own scale, above the March 2025 panel: two charts
        for key in ("context", "main"):
            if specs[key]:
                st.vega_lite_chart(specs[key], on_select="rerun", selection_mode=charts.EVENT_SELECTION,
                                   key="timeline" if key == "main" else "timeline_context", theme=None, width="stretch")
        mx.timeline_key(specs["legend"])

        if selected and selected not in ids:
            st.caption("The selected event is hidden by the current filters.")
        state.widget(st.selectbox, "event", default="", from_url=lambda v: v if v in ids else "",
                     label="Show the evidence for", options=[""] + ids,
                     format_func=lambda e: label.get(e, "— choose an event —"))

        names = data.country_names
        n_listed = lists.shown("timeline_listed", LISTED)
        listed = rows.head(n_listed)
        if len(rows) > n_listed:
            listed = rows[rows.index.isin(listed.index) | (rows["event_id"] == selected)]
        for part, title in ((listed[~listed["ctx"]], "Events"), (listed[listed["ctx"]], "Historical context")):
            if part.empty:
                continue
            st.subheader(title)
            if title == "Historical context":
                st.caption("Precedents the sources cite; the chart shows them in their own panel, on their own scale.")
            for r in part.itertuples():
                head = f"{r.n}. {charts.date_text(r)}: {r.title}"
                with st.expander(md(head) + f" · {md(r.kind)}", expanded=(r.event_id == selected),
                                 icon=":material/radio_button_checked:" if r.event_id == selected else None):
                    st.markdown(md(r.summary))
                    who = ", ".join(names.get(c, c) for c in r.countries)
                    facts = [f"**Kind:** {md(r.kind)}", f"**Status:** {md(r.status)}"]
                    if who:
                        facts.append(f"**Participants:** {md(who)}")
                    if r.people:
                        facts.append(f"**People:** {md('; '.join(r.people))}")
                    st.markdown(" · ".join(facts))
                    st.caption(f"How the date was derived ({md(r.date_precision)}): {md(r.date_basis)}")
                    evidence.event(data, r.event_id)
        extra = " (plus the selected one)" if selected in ids[n_listed:] else ""
        lists.more("timeline_listed", min(n_listed, len(rows)), len(rows), "events listed here" + extra, LISTED,
                "Pick any event in the chart or the box above to read it, or narrow the filters.")


data, view = frame.open("timeline")
render(data, view)
frame.close(data)
