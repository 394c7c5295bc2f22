"""timeline page (placeholder)."""
import streamlit as st

import ui

data = ui.data()
view = ui.view()
st.title("timeline")
st.write(view)
