"""Stance matrix (/matrix): every country x issue, coloured and labelled; a click opens the evidence."""
import functools

import streamlit as st

from coalition import actors
from coalition.render import plotly as pr
from coalition.views import cite
from coalition.views import matrix as mview
from ui import charts, device, evidence, frame, state, tables
from ui.store import memo  # per data version, in this process
from ui.html import h, md, position_badge

SORT_LABELS = {"country": "Country", "region": "Region", "score": "Score on the issue in focus"}
CHART_KEY, TABLE_KEY = "matrix", "matrix_table"
FIGURE_TITLE = "Where each country stands on each question"
GROUPS_SHOWN = 10  # counted groups listed under the matrix, newest first
TABLE_WIDTHS = {"Country": 95, "Issue": 95, "Position": 90, "Confidence": 80, "Sources disagree": 70,
                "All positions": 105, "Date": 80, "Source": 90, "Records": 55}


def _swatch(e) -> str:
    """A key entry drawn as a small cell: its fill, outline and text (all from the view model)."""
    border = "0" if e.border_style == "none" else f"{e.border_px}px {e.border_style} {e.border_colour}"
    return (f'<span style="display:inline-block;background:{e.fill};color:{e.text_colour};padding:1px 8px;'
            f'border-radius:3px;border:{border};opacity:{e.opacity};font-size:0.85rem;margin:2px 0">'
            f"{h(e.label)}</span>" + (f" {h(e.note)}" if e.note else ""))


def render(data, view) -> None:
    # 1. state: shared filters + this page's own (sort, selected cell), all in the URL
    f = data.frames
    focus = view.issue
    narrow = device.narrow()
    sort = state.get("sort", "country")
    if sort not in mview.SORTS:
        sort = "country"
    no_record, grid = charts.matrix_grid(data, view)
    table = charts.matrix_table(data, view, sort)
    # a click in the chart or the table, read before drawing (so the chart already rings the new cell)
    ss = st.session_state
    rows = state.selected_rows(TABLE_KEY, len(table))
    picks = [state.clicked(CHART_KEY, pr.picked_all(ss.get(CHART_KEY))),
             state.clicked(TABLE_KEY, tuple(table["key"].iloc[r] for r in rows), again=True)]
    picked = next((p for p in picks if p), None)
    if picked and picked != state.get("cell"):
        state.set(cell=picked)
    cell = state.get("cell")

    # 2. draw
    st.title("Stance matrix")
    when = f"as of {view.as_of:%-d %B %Y}" if view.as_of else "latest records"
    embed = frame.embedded()
    st.caption(f"Where each country stands on each question ({when}). "
               + ("" if embed else device.point("Click a cell, or a row of the table, for the sentences behind it. ",
                                                "Tap a cell, or a row of the table, for the sentences behind it. "))
               + f"Columns: the questions; bold column: the issue in focus ({md(data.issue_short.get(focus, focus))}).")
    if no_record:
        st.info(f"No country positions were on record {when}. The earliest record is dated "
                f"{f.stances['date'].min():%-d %B %Y}; clear the “As of” date or pick a later one.", icon="🗓️")
        return
    if embed:  # the embed form: the chart and its key only
        _chart(data, view, sort, cell, narrow)
    else:
        frame.issue_picker(data, view, "Issue in focus (bold column)")
        state.widget(st.segmented_control, "sort", default="country", label="Sort countries by",
                     options=list(SORT_LABELS), format_func=SORT_LABELS.get)
        tab_chart, tab_table = st.tabs(["Matrix", "Table (accessible alternative)"])
        with tab_chart:
            _chart(data, view, sort, cell, narrow)
        with tab_table:
            st.caption("The same cells as a table: one row per country and issue with a record. Select a row to "
                       "open its evidence.")
            st.dataframe(
                table.drop(columns=["key"]), key=TABLE_KEY, on_select="rerun", selection_mode="single-row",
                hide_index=True, width="stretch", column_order=list(TABLE_WIDTHS), row_height=tables.row_height(2),
                column_config=tables.columns(TABLE_WIDTHS, {
                    "Sources disagree": st.column_config.CheckboxColumn(
                        "Sources disagree", help="Records from different sources give different positions"),
                    "Date": st.column_config.DateColumn("Date", format="D MMM YYYY"),
                    "Records": st.column_config.NumberColumn("Records", help="How many dated records the cell has")}),
            )
        _beyond_countries(data, view)

    # 3. the evidence behind the selected cell, in view at any width
    if cell:
        iso, _, issue = cell.partition(".")
        name = data.country_names.get(iso, iso)
        evidence.dialog(f"{md(name)}: {md(data.issue_short.get(issue, issue))}", evidence.cell, data, iso, issue,
                        view.as_of, name, on_close=functools.partial(state.set, cell=None))


@memo(max_entries=16)
def _beyond_text(stamp: tuple, as_of, _data) -> tuple[str, str, int]:
    """The organisations' cells and the newest counted groups as two markdown blocks (a paragraph each),
    and how many groups there are; once per data version and date (~100 cells at 100x data)."""
    orgs = actors.organisation_cells(_data.frames, None, as_of)
    groups = actors.groups(_data.frames, None, as_of)
    org_md = "\n\n".join(
        f"**{h(r.country_name)}** · {h(_data.issue_short.get(r.issue, r.issue))}: "
        + position_badge(r.position_label, r.score, r.confidence if r.low_confidence else "")
        + f" &nbsp;{h(r.summary)} <small>({h(cite.outlet_shown(r.outlet))}, {h(actors.when(r.date))})</small>"
        for r in orgs.sort_values(["country_name", "issue"]).itertuples())
    group_md = "\n\n".join(f"**{md(_data.issue_short.get(r.issue, r.issue))}**: "
                             + md(f"{r.name}. {actors.group_sentence(r, _data.country_names)}")
                             for r in groups.head(GROUPS_SHOWN).itertuples())
    return org_md, group_md, len(groups)


def _beyond_countries(data, view) -> None:
    """What the matrix's rows cannot hold: the organisations' own positions (kept apart from the
    countries) and groups the sources count without naming every member."""
    org_md, group_md, n_groups = _beyond_text(data.stamp, view.as_of, data)
    if org_md:
        st.subheader("Organisations and the coalition itself")
        st.caption("Positions stated by the coalition, alliances and unions as such; not counted among the "
                   "countries above.")
        st.markdown(org_md, unsafe_allow_html=True)  # every value escaped by h() above
    if group_md:
        st.subheader("Counted, not all named")
        st.markdown(group_md)
        if n_groups > GROUPS_SHOWN:
            st.caption(f"and {n_groups - GROUPS_SHOWN:,} earlier counts: the Overview lists them.")


def _chart(data, view, sort, cell, narrow) -> None:
    """The matrix and its key."""
    f = data.frames
    # the figure carries its title, date, key and source line, so plotly's PNG button saves them too
    with device.chart_box(narrow):
        st.plotly_chart(charts.matrix_figure(data, view, sort, cell, narrow, title=FIGURE_TITLE,
                                             link=frame.view_link()),
                        on_select="rerun", selection_mode="points", key=CHART_KEY, theme=None, width="stretch",
                        config=pr.image_config(pr.image_filename("matrix", view.issue)))
    if narrow:
        st.caption("Tap a cell to see its position, tap it again to open the evidence. Drag the cells "
                   "sideways for more questions" + ("." if frame.embedded() else "; the Table tab lists the same cells."))
    # the key is in the figure (so a saved PNG has it); the page adds what only a reader clicking sees
    ring = next(e for e in mview.key_entries() if e.border_colour == mview.SELECTED_LINE)
    st.caption("Colour = the position's direction; each cell also names it. " + _swatch(ring),
               unsafe_allow_html=True)
    recorded = set(f.stances["issue"].unique())  # once, not once per issue (0.4 s a run at 100x data)
    empty = [i for i in f.issues["issue"] if i not in recorded]
    if empty:
        st.caption("No country-specific record for: " + ", ".join(f"**{md(data.issue_short[i])}**" for i in empty)
                   + ". The sources raise these questions only in general terms, never for a named country "
                   "(see the Timeline and Sources pages), so the column stays grey.")


data, view = frame.open("matrix")
render(data, view)
frame.close(data)
