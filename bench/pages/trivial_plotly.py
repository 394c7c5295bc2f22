"""The app's frame around one trivial plotly figure (three markers, a click selects one): the floor
for a page drawn with plotly (Streamlit loads plotly.js, ~4.7 MB, for it). The figure follows the
sidebar issue, so a filter change sends a new figure, as on the app's chart pages; it is built once
per issue, as the app's figures are built once per data version and filters."""
import plotly.graph_objects as go
import streamlit as st

from ui import frame


@st.cache_resource(max_entries=32, show_spinner=False)
def figure(issue: str) -> go.Figure:
    k = sum(map(ord, issue or "")) % 3 + 1
    fig = go.Figure(go.Scatter(x=["GBR", "FRA", "ITA"], y=[2 * k, 0, -2], mode="markers",
                               marker={"size": 18, "color": ["#2166ac", "#f7f7f7", "#b2182b"],
                                       "line": {"width": 1, "color": "#333"}}))
    fig.update_layout(height=320, margin={"l": 40, "r": 10, "t": 10, "b": 30}, showlegend=False)
    return fig


data, view = frame.open("about")
st.title("Trivial plotly page")
st.plotly_chart(figure(view.issue), key="trivial_plotly", on_select="rerun", selection_mode="points")
frame.close(data)
