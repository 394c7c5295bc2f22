"""Map (/map): each country coloured by its position on the issue in focus; a click opens its evidence.

Drawn with pydeck (deck.gl), offline: no map style, no tile server (the outlines ship in data/).
The view (Europe / World) and the clicked country live in the URL (keys ``view``, ``focus``).
"""
import functools
import zlib

import streamlit as st

from coalition import actors
from coalition.render import deck
from coalition.render import plotly as pr
from coalition.views import cite
from coalition.views import map as mapview
from ui import charts, device, evidence, frame, state, tables
from ui.data import cached_call
from ui.html import h, legend_html, md, position_badge

MAP_KEY = "map"


def _swatch(entry) -> str:
    """A legend sample drawn in CSS: solid, hatched, stippled or a dot."""
    sw = entry.swatch
    fill, mark = sw.get("fill", "#bdbdbd"), sw.get("mark", "#333333")
    if sw.get("pattern") == "dot":
        return (f'<span style="display:inline-block;width:10px;height:10px;border-radius:50%;background:{fill};'
                f'border:1px solid {mark};vertical-align:middle"></span>')
    bg = {"hatch": f"repeating-linear-gradient(135deg,{fill} 0 3px,{mark} 3px 4px)",
          "stipple": f"radial-gradient({mark} 1px, {fill} 1.5px) 0 0/5px 5px"}.get(sw.get("pattern"), fill)
    return (f'<span style="display:inline-block;width:18px;height:12px;vertical-align:middle;'
            f'border:1px solid #666;background:{bg}"></span>')


def _map_ids(selection) -> tuple[str, ...]:
    """What the map's selection names: the country's ISO3, "" for the sea, () for nothing."""
    return deck.picked_ids(selection)


def render(data, view) -> None:
    # 1. state: the view (Europe / World) and the country in focus, from the URL and the last click
    ss = st.session_state
    issue = view.issue
    narrow = device.narrow()
    table, coloured = charts.map_tables(data, view)  # every outline with its position; the accessible table
    names = dict(zip(table["iso3"], table["name"]))
    # the table's key names its rows, so a selection never points into another issue's table
    table_key = f"map_table-{zlib.crc32('|'.join(coloured['iso3']).encode())}"
    row_ids = tuple(coloured["iso3"].iloc[r] for r in state.selected_rows(table_key, len(coloured)))
    # a click on the map or a row, read before drawing (so the map already outlines the new focus)
    picks = [state.clicked(MAP_KEY, _map_ids(ss.get(MAP_KEY)), again=True),
             state.clicked(table_key, row_ids, again=True)]
    picked = next((p for p in picks if p), None)
    if picked and picked != state.get("focus"):
        state.set(focus=picked)
    focus = state.get("focus")

    # 2. draw
    st.header(md(data.issue_question.get(issue, issue)))
    embed = frame.embedded()
    if not embed:
        frame.issue_picker(data, view)
    shown = state.get("view", "europe")
    if shown == "europe" and not embed:
        _nothing_in_europe(data, table, issue)
    line = []
    if view.as_of:
        line.append(f"As of {view.as_of:%d %b %Y}: what was on record that day.")
    if view.countries:
        line.append("Countries outside your filter are faded.")
    table_too = "" if embed else " (or a row of the table below)"
    line.append(device.point(
        f"Point at a country for its position; click it{table_too} for the evidence. Drag to pan, scroll to zoom.",
        f"Tap a country{table_too} for its position and evidence. Drag to pan, pinch to zoom."))
    st.caption(" ".join(line))
    link = frame.view_link()
    shown = state.widget(st.segmented_control, "view", default="europe", label="Show", options=list(mapview.VIEWS),
                         format_func=mapview.VIEWS.get, required=True, label_visibility="collapsed")
    st.pydeck_chart(charts.map_deck(data, view, shown, focus, narrow), on_select="rerun",
                    selection_mode="single-object", key=MAP_KEY,
                    height=mapview.camera(shown, narrow)["height"])

    # legend: the positions' colours, then what hatching, paleness, fading and dots mean
    st.markdown(legend_html(data.positions_of.get(issue, [])), unsafe_allow_html=True)
    keys = [e for e in mapview.LEGEND if e.key != "no_record" and (e.key != "faded" or view.countries)]
    st.markdown('<div style="font-size:0.85rem;line-height:1.8">'
                + " &nbsp;·&nbsp; ".join(f"{_swatch(e)} {h(e.text)}" for e in keys) + "</div>",
                unsafe_allow_html=True)
    _counted_groups(data, view, issue)
    if not embed:
        st.download_button("Save the map as an image (SVG)", data=lambda: charts.map_image(data, view, shown, link),
                           file_name=f"{pr.image_filename('map', issue)}-{shown}.svg", mime="image/svg+xml",
                           on_click="ignore", icon=":material/download:", key="map_image",
                           help="The map as drawn here, with its title, legend, date and source line: for "
                                "articles and slides (opens in any browser, Word or Google Slides).")
        _below_the_map(data, view, table, coloured, table_key, shown)

    # 3. the evidence of the country in focus, in view at any width
    if focus:
        name = data.country_names.get(focus) or names.get(focus, focus)
        evidence.dialog(f"{md(name)}: {md(data.issue_short.get(issue, issue))}", evidence.cell, data, focus, issue,
                        view.as_of, name, on_close=functools.partial(state.set, focus=None))


def _counted_groups(data, view, issue) -> None:
    """Countries a source counts on this question without naming them all: the map cannot colour them,
    so it says how many more there are, under the legend."""
    groups = cached_call(data, actors.groups, issue, view.as_of)
    if groups.empty:
        return
    with st.container(border=True, key="map_counted_groups"):
        st.markdown("**Counted, not all named:** the sources count more countries than the map can colour.")
        linked = set()
        for r in groups.head(5).itertuples():
            st.markdown(md(f"{r.name}. {actors.group_sentence(r, data.country_names)}"))
            if r.source not in linked:  # one link per source (identical links would be one element twice)
                linked.add(r.source)
                frame.link("sources", md(f"Read in source ({cite.outlet_shown(r.outlet)})"), ":material/article:", source=r.source)
        if len(groups) > 5:
            st.caption(f"and {len(groups) - 5:,} earlier counts: the Overview lists them.")


def _nothing_in_europe(data, table, issue) -> None:
    """At the top, when the Europe view would show no coloured country: who does have a record."""
    recorded = table[table["has_record"]]
    if recorded.empty or (recorded["region"] == "Europe").any():  # geo regions: "Europe", "Outside Europe"
        return
    with st.container(border=True, key="map_none_here"):
        who = ", ".join(f"{r.name} ({r.position_label})" for r in recorded.itertuples())
        st.markdown(md(f"No European country has a record on “{data.issue_short.get(issue, issue)}”. "
                       f"Countries with a record: {who}."))
        st.button("Show the world map", key="map_to_world", on_click=state.set, kwargs={"view": "world"},
                  icon=":material/public:")


def _below_the_map(data, view, table, coloured, table_key, shown) -> None:
    """Tiles for the countries outside Europe and the same data as a table."""
    f = data.frames
    # outside Europe: coloured tiles, so these countries are seen in the Europe view too
    outside = f.countries[~f.countries["region"].str.contains("Europe") & (f.countries["n_stances"] > 0)]
    if len(outside) and shown == "europe":
        st.markdown("**Outside Europe**")
        by_iso = table.set_index("iso3")
        for col, c in zip(st.columns(len(outside)), outside.itertuples()):
            r = by_iso.loc[c.country] if c.country in by_iso.index else None
            with col.container(border=True):
                if r is not None and r["has_record"]:
                    note = "disputed" if r["disputed"] else (r["confidence"] if r["low_confidence"] else "")
                    badge = position_badge(r["position_label"], r["score"], note)
                else:
                    badge = position_badge("No record", None)
                faded = "" if r is None or r["in_filter"] else "<br/><small>outside your countries filter</small>"
                st.markdown(f"**{h(c.country_name)}**<br/>{badge}{faded}", unsafe_allow_html=True)
                st.button("Evidence", key=f"map_tile_{c.country}", on_click=state.set, kwargs={"focus": c.country},
                          icon=":material/format_quote:", type="tertiary")

    # the same data as a table, for readers who do not use the map
    st.markdown("**Countries with a record on this question**")
    if coloured.empty:
        _none_in_filter(view, table)
    else:
        widths = {"country": 95, "position": 95, "confidence": 75, "date": 85, "summary": 225, "disputed": 90,
                  "source": 95}
        st.dataframe(
            coloured.drop(columns=["iso3"]), key=table_key, on_select="rerun", selection_mode="single-row",
            hide_index=True, width="stretch", column_order=list(widths), row_height=tables.row_height(4),
            column_config=tables.columns(widths, {"date": st.column_config.DateColumn("date", format="YYYY-MM-DD")}),
        )
        st.caption("Select a row to open its evidence. Grey countries on the map have no record.")


def _none_in_filter(view, table) -> None:
    """No coloured country inside the filter: say who outside it has a record, and offer to drop the filter
    (a reader who picked Japan should not read "no country" while the map shows France coloured, faded)."""
    day = f" on {view.as_of:%d %b %Y}" if view.as_of else ""
    others = table[table["has_record"] & ~table["in_filter"]].sort_values("name")
    if others.empty:
        st.info(f"No country has a record on this question{day}.")
        return
    names = ", ".join(others["name"].head(8)) + (f" and {len(others) - 8} more" if len(others) > 8 else "")
    st.info(md(f"None of the countries in your filter has a record on this question{day}. "
               f"{len(others)} other {'country has' if len(others) == 1 else 'countries have'} one "
               f"(faded on the map): {names}."))
    st.button("Show all countries", key="map_clear_countries", on_click=state.set_filters, kwargs={"countries": ()},
              icon=":material/filter_alt_off:")


data, view = frame.open("map")
render(data, view)
frame.close(data)
