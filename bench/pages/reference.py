"""The framework's floor for what the dashboard pages draw: one sidebar filter, one plotly
figure, one pydeck layer (offline: map_provider=None) and one table, each with trivial data."""
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

choice = st.sidebar.selectbox("Issue", ["a", "b", "c"], key="f_issue")
k = ["a", "b", "c"].index(choice) + 1
st.title("Reference page")
df = pd.DataFrame({"country": ["GBR", "FRA", "ITA"], "lon": [-2.0, 2.0, 12.0], "lat": [54.0, 46.0, 42.0],
                   "score": [2 * k, 0, -2]})
fig = go.Figure(go.Scatter(x=df["country"], y=df["score"], mode="markers"))
st.plotly_chart(fig, key="ref_chart", on_select="rerun", selection_mode="points")
layer = pdk.Layer("ScatterplotLayer", df, id="ref_layer", get_position=["lon", "lat"], get_radius=100000,
                  get_fill_color=[200, 30, 0, 160], pickable=True)
st.pydeck_chart(pdk.Deck(layers=[layer], map_provider=None, initial_view_state=pdk.ViewState(
    latitude=48, longitude=5, zoom=3)), key="ref_map", on_select="rerun", selection_mode="single-object")
st.dataframe(df, key="ref_table", on_select="rerun", selection_mode="single-cell")
