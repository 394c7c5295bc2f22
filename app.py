"""Placeholder until the dashboard lands: the stance table."""
import streamlit as st

import coalition

st.set_page_config(page_title="Coalition Tracker", layout="wide")
st.title("Coalition Tracker")
frames = coalition.load_frames()
st.dataframe(frames.stances[["country_name", "issue", "position_label", "date", "confidence", "summary", "quote"]])
