"""The app's frame around one trivial Vega-Lite chart (three points, a click selects one): the floor
for a page drawn with Vega-Lite, kept while the map, matrix and timeline of the Vega-Lite build are
measured (a page is compared with the reference of the kind it draws)."""
import pandas as pd
import streamlit as st

from ui import frame

data, view = frame.open("about")
st.title("Trivial Vega-Lite page")
k = sum(map(ord, view.issue or "")) % 3 + 1
df = pd.DataFrame({"country": ["GBR", "FRA", "ITA"], "score": [2 * k, 0, -2]})
st.vega_lite_chart(df, {
    "mark": {"type": "point", "filled": True, "size": 200},
    "params": [{"name": "pick", "select": {"type": "point", "fields": ["country"]}}],
    "encoding": {"x": {"field": "country", "type": "nominal"}, "y": {"field": "score", "type": "quantitative"},
                 "tooltip": [{"field": "country"}, {"field": "score"}]},
}, key="trivial_vega", on_select="rerun", selection_mode="pick", theme=None)
frame.close(data)
