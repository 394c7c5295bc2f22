"""The framework's floor for what the dashboard pages draw: one sidebar filter, one Vega-Lite chart
with a point selection (what the map, matrix and timeline are drawn with) and one selectable table,
each with trivial data."""
import pandas as pd
import streamlit as st

choice = st.sidebar.selectbox("Issue", ["a", "b", "c"], key="f_issue")
k = ["a", "b", "c"].index(choice) + 1
st.title("Reference page")
df = pd.DataFrame({"country": ["GBR", "FRA", "ITA"], "score": [2 * k, 0, -2]})
st.vega_lite_chart(df, {
    "mark": {"type": "point", "filled": True, "size": 200},
    "params": [{"name": "pick", "select": {"type": "point", "fields": ["country"]}}],
    "encoding": {"x": {"field": "country", "type": "nominal"}, "y": {"field": "score", "type": "quantitative"},
                 "tooltip": [{"field": "country"}, {"field": "score"}]},
}, key="ref_chart", on_select="rerun", selection_mode="pick", theme=None)
st.dataframe(df, key="ref_table", on_select="rerun", selection_mode="single-cell")
