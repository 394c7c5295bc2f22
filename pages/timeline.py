"""Timeline (/timeline): meetings, calls, statements and reports on a date axis; a click opens the evidence."""
import functools
import zlib

import streamlit as st

from coalition.render import plotly as pr
from coalition.views import cite
from coalition.views import timeline as tview
from ui import charts, device, evidence, frame, state, tables
from ui.data import cached_call
from ui.html import md

CHART_KEY, TABLE_KEY = "timeline", "timeline_table"
FIGURE_TITLE = "Meetings, calls, statements and reports"
PARTICIPANT_CHARS = 30  # characters on one line of the table's Participants column (220 px) with attendance


def marks_text(rows) -> str:
    """What the marks on the chart mean, for the caption above it; the marks of an "after" date and of an
    event with no date given only when such an event is shown (as in the chart's legend)."""
    main = rows[~rows["ctx"]] if "ctx" in rows.columns else rows
    shown = set(main["date_precision"]) if "date_precision" in main.columns else set()
    parts = ["Hollow markers: planned (as of the source's date)", "a solid line: a date range",
             "a dotted line: an approximate date"]
    if "after" in shown:
        parts.append("a dashed line ending in an arrowhead: only known to come after that day")
    if "unknown" in shown:
        parts.append("a “?” beside a marker: the source gives no date, so it is drawn at the date of the report")
    return "; ".join(parts) + ". "


def render(data, view) -> None:
    # 1. state: shared filters + this page's own (selected event, issue toggle), all in the URL
    f = data.frames
    focus = view.issue
    narrow = device.narrow()
    on_issue = state.get("on_issue") == "1"
    issues = [focus] if on_issue else None
    events, rows, table = charts.timeline_events(data, view, issues)
    ids = list(rows["event_id"])
    # a click on a marker or a row of the table, read before drawing (so the chart already rings the new event)
    ss = st.session_state
    table_key = f"{TABLE_KEY}-{zlib.crc32('|'.join(ids).encode())}"  # names its rows: no stale selection
    picked_rows = state.selected_rows(table_key, len(ids))
    picks = [state.clicked(CHART_KEY, pr.picked_all(ss.get(CHART_KEY))),
             state.clicked(table_key, tuple(ids[r] for r in picked_rows), again=True)]
    picked = next((p for p in picks if p), None)
    if picked and picked != state.get("event"):
        state.set(event=picked)
    selected = state.get("event")

    # 2. draw
    st.title("Timeline")
    embed = frame.embedded()
    st.caption("Meetings, calls, statements and reports the sources mention, by date; above, the historical "
               "context they cite, on its own scale. " + marks_text(rows)
               + ("" if embed else "The number on each marker matches the table below. ")
               + device.point("Click a marker for its evidence.", "Tap a marker for its evidence."))
    if not embed:
        state.widget(st.toggle, "on_issue", default=False, to_url=lambda v: "1", from_url=lambda v: v == "1",
                     label=f"Only events on the issue in focus ({md(data.issue_short.get(focus, focus))})")
        if on_issue:
            frame.issue_picker(data, view)
    if events.empty:
        when = f" up to {view.as_of:%-d %B %Y}" if view.as_of else ""
        st.info(f"No events match these filters{when}. The records start with the 1953 Korean armistice (context) "
                f"and run from {f.events.loc[~f.events['context'], 'date'].min():%-d %B %Y}. Clear a filter "
                "(countries, event kinds, “As of”, or the issue toggle) to see events.", icon="🗓️")
        return
    if rows["ctx"].all():
        st.info(f"No events from {cite.span(f)} match these filters"
                + (f" up to {view.as_of:%-d %B %Y}" if view.as_of else "")
                + "; only the historical context the sources cite is shown.", icon="🗓️")
    # the figure carries its title, date, legend and source line, so plotly's PNG button saves them too
    fig, legend = charts.timeline_figure(data, view, issues, selected, narrow, title=FIGURE_TITLE,
                                         link=frame.view_link())
    with device.chart_box(narrow):
        st.plotly_chart(fig, on_select="rerun", selection_mode="points", key=CHART_KEY, theme=None, width="stretch",
                        config=pr.image_config(pr.image_filename("timeline", issues[0] if issues else None)))
    # its legend is in the figure (so a saved PNG has it)
    if embed:
        return
    if narrow:
        st.caption("Tap a marker to see what it is, tap it again to open the evidence; or tap its row in the "
                   "table below.")
    if selected and selected not in ids:
        st.caption("The selected event is hidden by the current filters.")

    # the events as a table, numbered as the markers: a row opens its evidence (one tap on a phone)
    st.subheader("Events")
    st.caption("The same events, numbered as on the chart (historical context last). Select a row to open its "
               "evidence.")
    # how each country took part (a role, a video link, absent), where the records say so
    attendance = bool(table["event_id"].isin(list(cached_call(data, tview.attendance_by_event))).any())
    widths = {"No.": 45, "When": 140, "Kind": 80, "Event": 255, "Participants": 150, "Status": 90}
    if rows["date_precision"].isin(["after", "unknown"]).any():  # 'date not given (reported 5 Sep 2025)'
        widths.update({"When": 175, "Event": 220})
    lines = 2
    if attendance:  # 'France (Emmanuel Macron, leader), …; absent: United States': wider, on up to four lines
        widths.update({"Event": widths["Event"] - 52, "Participants": 220, "Status": 72})
        longest = int(table["Participants"].str.len().max())
        lines = min(4, max(2, -(-longest // PARTICIPANT_CHARS)))
    st.dataframe(table.drop(columns=["event_id"]), key=table_key, on_select="rerun", selection_mode="single-row",
                 hide_index=True, width="stretch", column_order=list(widths),
                 row_height=tables.row_height(lines),
                 column_config=tables.columns(widths, {"No.": st.column_config.NumberColumn("No.")}))

    # 3. the evidence of the selected event, in view at any width
    if selected in ids:
        r = rows[rows["event_id"] == selected].iloc[0]
        evidence.dialog(md(f"{r['n']}. {r['title']}"), evidence.event_details, data, r, tview.date_text(r),
                        on_close=functools.partial(state.set, event=None))


data, view = frame.open("timeline")
render(data, view)
frame.close(data)
