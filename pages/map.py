"""Map: each country coloured by its position on the issue in focus; click for the evidence.

Offline: a Vega-Lite spec (SVG, inline TopoJSON outlines; no tile server, no font or script from
elsewhere) drawn by st.vega_lite_chart; the projection fits the view to the chart's width. Widget
callbacks live in ui/mapui.py, so no session keeps this script's namespace alive.
The view (Europe / World) and the clicked country live in the URL (keys ``view``, ``focus``).
"""
import zlib

import pandas as pd
import streamlit as st

import coalition
from coalition import mapview, palette
from ui import evidence, frame, mapui, state
from ui.html import h, md, position_badge, legend_html

VIEW_KEY = "map_view"
VIEW_LABELS = {"europe": "Europe", "world": "World"}



def render(data, view) -> None:
    ss = st.session_state
    f = data.frames
    issue = view.issue

    # 1. data: every outline joined with its position on the issue, as on record on the "as of" day
    table, coloured = mapui.tables(data, issue, view.countries, view.as_of)  # cached per data version + filters
    names = dict(zip(table["iso3"], table["name"]))


    # 2. state: view toggle and focused country, from the URL and from the last click
    def _picked(sel) -> str | None:
        """The country clicked on the map: the selection of the small-state dots, else of the countries."""
        selection = (sel or {}).get("selection") or {}
        for param in ("dot", "country"):  # mapview.SELECTIONS
            for obj in selection.get(param) or []:
                if isinstance(obj, dict) and obj.get("iso3"):
                    return obj["iso3"]
        return None


    def _row(sel) -> str | None:
        rows = ((sel or {}).get("selection") or {}).get("rows") or []
        return coloured["iso3"].iloc[rows[0]] if rows and rows[0] < len(coloured) else None


    def keys() -> tuple[str, str]:
        # the table's key also names its rows, so a selection never points into another issue's table
        rows = zlib.crc32("|".join(coloured["iso3"]).encode())
        return f"map-{ss.get('_map_gen', 0)}", f"map_table-{ss.get('_map_table_gen', 0)}-{rows}"


    # A chart's or table's selection is in session_state before it is drawn. Act on it only when it
    # changed since the last run: a link's focus is not overwritten by an old selection, and clearing
    # the selection (a click on the sea, "Clear selection", unticking the row) closes the evidence.
    MAP_KEY, TABLE_KEY = keys()
    for by, key, read in (("map", MAP_KEY, _picked), ("table", TABLE_KEY, _row)):
        if key not in ss:
            continue  # a new widget: nothing clicked yet
        now = read(ss[key])
        last_key, last = ss.get(f"_map_seen_{by}", (None, None))
        ss[f"_map_seen_{by}"] = (key, now)
        if now != (last if last_key == key else None):
            mapui.set_focus(now, by, linkable=now in data.options.countries)
            break
    MAP_KEY, TABLE_KEY = keys()

    focus = state.get("focus")
    other = None if focus else ss.get("_map_other")

    url_view = state.get("view") or "europe"
    if ss.get("_map_view_url") != url_view or VIEW_KEY not in ss:
        ss[VIEW_KEY] = url_view
    ss["_map_view_url"] = url_view

    # 3. draw ----------------------------------------------------------------------
    st.header(md(data.issue_question.get(issue, issue)))
    line = []
    if view.as_of:
        line.append(f"As of {view.as_of:%d %b %Y}: what was on record that day.")
    if view.countries:
        line.append("Countries outside your filter are faded.")
    line.append("Hover a country for its position; click it (or a row of the table below) for the evidence.")
    st.caption(" ".join(line))

    shown = st.segmented_control("Show", list(VIEW_LABELS), format_func=VIEW_LABELS.get, key=VIEW_KEY,
                                 required=True, label_visibility="collapsed")
    if shown != url_view:
        state.set(view=None if shown == "europe" else shown)
        ss["_map_view_url"] = shown

    spec = mapui.spec(data, issue, view.countries, view.as_of, shown, focus or other)
    alt = (f"Map of {VIEW_LABELS[shown]}: countries coloured by their answer to "
           f"'{data.issue_question.get(issue, issue)}'. The same data is in the table below.")
    # theme=None: Streamlit's theme would restyle the chart; the palette's colours are drawn as they are
    st.vega_lite_chart(spec, on_select="rerun", selection_mode=list(mapview.SELECTIONS), key=MAP_KEY, theme=None,
                       width="stretch", alt=alt)

    # legend: colours, then what hatching, paleness, fading and dots mean
    st.markdown(legend_html(data.positions_of.get(issue, [])), unsafe_allow_html=True)
    _sw = ('<span style="display:inline-block;width:18px;height:12px;vertical-align:middle;border:1px solid #666;'
           'background:{bg}"></span> {text}')
    key_parts = [
        _sw.format(bg="repeating-linear-gradient(135deg,#ef8a62 0 3px,#333 3px 4px)", text="hatched: the sources disagree"),
        _sw.format(bg="radial-gradient(#333 1px, rgba(247,247,247,0.6) 1.5px) 0 0/5px 5px",
                   text="dotted and paler: only rumoured or uncertain"),
        '<span style="display:inline-block;width:10px;height:10px;border-radius:50%;background:#bdbdbd;'
        'border:1px solid #444;vertical-align:middle"></span> dot: a small state, click it',
    ]
    if view.countries:
        key_parts.append(_sw.format(bg="rgba(189,189,189,0.35)", text="faded: outside your countries filter"))
    st.markdown('<div style="font-size:0.85rem;line-height:1.8">' + " &nbsp;·&nbsp; ".join(key_parts) + "</div>",
                unsafe_allow_html=True)

    # outside Europe: coloured tiles, so these countries are seen in the Europe view too
    outside = f.countries[~f.countries["region"].str.contains("Europe") & (f.countries["n_stances"] > 0)]
    if len(outside):
        st.markdown("**Outside Europe**")
        cols = st.columns(len(outside))
        by_iso = table.set_index("iso3")
        for col, c in zip(cols, outside.itertuples()):
            r = by_iso.loc[c.country] if c.country in by_iso.index else None
            with col.container(border=True):
                name = h(c.country_name)
                if r is not None and r["has_record"]:
                    note = "disputed" if r["disputed"] else (r["confidence"] if r["low_confidence"] else "")
                    badge = position_badge(r["position_label"], r["score"], note)
                else:
                    badge = position_badge("No record", None)
                faded = "" if r is None or r["in_filter"] else "<br/><small>outside your countries filter</small>"
                st.markdown(f"**{name}**<br/>{badge}{faded}", unsafe_allow_html=True)
                st.button("Evidence", key=f"map_tile_{c.country}", on_click=mapui.set_focus,
                          args=(c.country, "tile", c.country in data.options.countries),
                          icon=":material/format_quote:", type="tertiary")

    # the evidence for the focused country
    box = st.container(border=True) if (focus or other) else None
    if box is not None:
        with box:
            iso3 = focus or other
            name = data.country_names.get(iso3) or names.get(iso3, iso3)
            head, close = st.columns([5, 1])
            head.subheader(md(name))
            close.button("Close", key="map_close", on_click=mapui.set_focus, args=(None, "close"), icon=":material/close:",
                         type="tertiary")
            r = table.set_index("iso3").loc[iso3] if iso3 in set(table["iso3"]) else None
            if r is not None and r["has_record"]:
                note = r["confidence"] + (" — low confidence" if r["low_confidence"] else "")
                st.markdown(position_badge(r["position_label"], r["score"], note), unsafe_allow_html=True)
                st.markdown(md(r["summary"]))
                if r["conditions"]:
                    st.markdown(f"**Condition:** {md(r['conditions'])}")
                if r["disputed"]:
                    st.warning("The sources disagree: " + md(" / ".join(r["positions"]))
                               + " — the map shows the latest record; all are quoted below.", icon=":material/balance:")
                rows = coalition.filter_stances(f.stances, [iso3], [issue], view.as_of)
                rows = rows.sort_values(["date", "stance_id", "evidence_no"], ascending=[False, True, True])
                st.markdown(f"**{len(rows['stance_id'].unique())} record(s) on this question**")
                for _sid, grp in rows.groupby("stance_id", sort=False):
                    s0 = grp.iloc[0]
                    outlet = "outlet unknown" if s0["outlet"] == "unknown" else s0["outlet"]
                    st.markdown(
                        position_badge(s0["position_label"], s0["score"], s0["confidence"])
                        + f" &nbsp;{h(outlet)}, {s0['date']:%d %b %Y}",
                        unsafe_allow_html=True)
                    st.caption(md(s0["summary"]))
                    evidence.quotes(grp, data)
            else:
                when = f" on {view.as_of:%d %b %Y}" if view.as_of else ""
                st.info(f"{palette.NO_RECORD_LABEL} on this question for {md(name)}{when}.")
                theirs = coalition.cells(coalition.filter_stances(f.stances, [iso3], None, view.as_of))
                if len(theirs):
                    st.markdown("On other questions: " + " ".join(
                        f"{h(data.issue_short.get(t.issue, t.issue))} {position_badge(t.position_label, t.score)}"
                        for t in theirs.itertuples()), unsafe_allow_html=True)
            if view.as_of:
                later = f.stances[(f.stances["country"] == iso3) & (f.stances["issue"] == issue)
                                  & (f.stances["date"] > pd.Timestamp(view.as_of))]
                if len(later):
                    st.caption(f"{later['stance_id'].nunique()} later record(s) are hidden by the 'as of' date.")
            if iso3 in data.options.countries:
                frame.link("country", f"All records for {md(name)}", focus=iso3)

    # the same data as a table, for readers who do not use the map
    st.markdown("**Countries with a record on this question**")
    if coloured.empty:
        st.info("No country has a record on this question" + (f" on {view.as_of:%d %b %Y}." if view.as_of else "."))
    else:
        st.dataframe(
            coloured.drop(columns=["iso3"]), key=TABLE_KEY, on_select="rerun", selection_mode="single-row",
            hide_index=True, width="stretch",
            column_config={"date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
                           "summary": st.column_config.TextColumn("summary", width="large"),
                           "disputed": st.column_config.TextColumn("disputed", width="medium")},
        )
        st.caption("Select a row to open its evidence above. Grey countries on the map have no record.")


data, view = frame.open("map")
render(data, view)
frame.close(data)
