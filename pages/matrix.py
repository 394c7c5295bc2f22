"""Stance matrix (/matrix): every country x issue, coloured and labelled; a click opens the evidence."""
import streamlit as st

import coalition
from coalition import charts
from ui import frame, state
from ui import matrix as mx
from ui.html import md

SORT_LABELS = {"country": "Country", "region": "Region", "score": "Score on the issue in focus"}


def render(data, view) -> None:
    # 1. state: shared filters + this page's own (sort, selected cell), all in the URL
    f = data.frames
    focus = view.issue
    sort = state.get("sort", "country")
    if sort not in charts.SORTS:
        sort = "country"

    # 2. data: what was on record that day, one cell per country x issue
    no_record, grid = mx.matrix_grid(data, view)
    order = charts.country_order(grid, sort, focus)
    table = charts.matrix_table(grid, order)
    cell = state.get("cell")
    # a click in the chart or the table (read before drawing, so the chart already rings the new cell)
    picks = [mx.chart_selection("matrix", st.session_state.get("matrix"), "key"),
             mx.table_selection("matrix_table", st.session_state.get("matrix_table"), list(table["key"]))]
    picked = next((p for p in picks if p), None)
    if picked and picked != cell:
        cell = picked
        state.set(cell=cell if cell in data.options.cells else None)

    # 3. draw
    st.title("Stance matrix")
    when = f"as of {view.as_of:%-d %B %Y}" if view.as_of else "latest records"
    st.caption(f"Where each country stands on each question ({when}). Click a cell, or a row of the table, "
               "for the sentences behind it. Columns: the questions; bold column: the issue in focus "
               f"({md(data.issue_short.get(focus, focus))}).")

    if no_record:
        st.info(f"No country positions were on record {when}. The earliest record is dated "
                f"{f.stances['date'].min():%-d %B %Y}; clear the “As of” date or pick a later one.", icon="🗓️")
    else:
        state.widget(st.segmented_control, "sort", default="country", label="Sort countries by",
                     options=list(SORT_LABELS), format_func=SORT_LABELS.get)
        tab_chart, tab_table = st.tabs(["Matrix", "Table (accessible alternative)"])
        with tab_chart:
            spec = mx.matrix_spec(data, view, focus, sort, cell)
            with st.container(key="matrix_wrap"):  # on a phone the grid keeps readable cells and scrolls sideways
                st.html(mx.SCROLL_CSS.format(key="matrix_wrap", min_width=mx.matrix_min_width(len(f.issues))))
                st.vega_lite_chart(spec, on_select="rerun", selection_mode=charts.CELL_SELECTION, key="matrix",
                                   theme=None, width="stretch")
            st.caption("On a narrow screen the matrix scrolls sideways; the Table tab lists the same cells.")
            mx.matrix_key()
            recorded = set(f.stances["issue"].unique())  # once, not once per issue (0.4 s a run at 100x data)
            empty = [i for i in f.issues["issue"] if i not in recorded]
            if empty:
                st.caption("No country-specific record for: " + ", ".join(f"**{md(data.issue_short[i])}**"
                                                                          for i in empty)
                           + ". The sources raise these questions only in general terms, never for a named country "
                           "(see the Timeline and Sources pages), so the column stays grey.")
        with tab_table:
            st.caption("The same cells as a table: one row per country and issue with a record. Select a row to see "
                       "its evidence below.")
            st.dataframe(
                table.drop(columns=["key"]), key="matrix_table", on_select="rerun", selection_mode="single-row",
                hide_index=True, width="stretch",
                column_config={"Sources disagree": st.column_config.CheckboxColumn(
                                   help="Records from different sources give different positions"),
                               "Date": st.column_config.DateColumn(format="D MMM YYYY"),
                               "Records": st.column_config.NumberColumn(help="How many dated records the cell has")},
            )

        # the evidence behind the selected cell (no st.stop(): app.py still draws the share link afterwards)
        st.divider()
        if not cell:
            st.markdown("**Select a cell** in the matrix or a row of the table to read the evidence behind it.")
        else:
            iso, _, issue = cell.partition(".")
            name, short = data.country_names.get(iso, iso), data.issue_short.get(issue, issue)
            top = st.columns([4, 1])
            top[0].subheader(f"{md(name)}: {md(short)}")
            top[1].button("Clear selection", icon=":material/close:", on_click=state.set, kwargs={"cell": None})
            st.markdown(f"*{md(data.issue_question.get(issue, ''))}*")
            rows = coalition.filter_stances(f.stances, [iso], [issue], view.as_of)
            if rows.empty:
                st.info(f"No record for {md(name)} on this question ({when}).")
            else:
                mx.stance_evidence(rows, data)
            frame.link("country", f"All of {md(name)}'s positions", focus=iso)


data, view = frame.open("matrix")
render(data, view)
frame.close(data)
