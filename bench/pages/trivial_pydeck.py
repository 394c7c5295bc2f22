"""The app's frame around one trivial one-layer deck (four polygons, a click selects one): the floor
for a page drawn with pydeck (deck.gl, WebGL; drawn on the CPU in headless Chromium). Offline as the
app's map must be: the deck's JSON has no map provider, so no tile or style is fetched. The
colours follow the sidebar issue, so a filter change sends a new deck; the deck is built once per issue."""
import pydeck as pdk
import streamlit as st

from ui import frame

COLOURS = ([33, 102, 172], [239, 138, 98], [178, 24, 43], [189, 189, 189])


@st.cache_resource(max_entries=32, show_spinner=False)
def deck(issue: str) -> pdk.Deck:
    k = sum(map(ord, issue or "")) % len(COLOURS)
    cells = [{"id": f"c{i}", "polygon": [[x, y], [x + 8, y], [x + 8, y + 6], [x, y + 6]],
              "fill": COLOURS[(i + k) % len(COLOURS)]}
             for i, (x, y) in enumerate([(-10, 40), (0, 40), (-10, 48), (0, 48)])]
    layer = pdk.Layer("SolidPolygonLayer", data=cells, id="cells", get_polygon="polygon", get_fill_color="fill",
                      pickable=True)
    # map_provider=None, map_style left unset: the JSON has no map provider, so deck.gl draws no basemap
    # and fetches nothing (the bench's browser aborts and reports any request to another host)
    return pdk.Deck(layers=[layer], initial_view_state=pdk.ViewState(latitude=47, longitude=-2, zoom=3),
                    map_provider=None, tooltip={"text": "{id}"})


data, view = frame.open("about")
st.title("Trivial pydeck page")
st.pydeck_chart(deck(view.issue), key="trivial_pydeck", on_select="rerun", selection_mode="single-object",
                height=420)
frame.close(data)
