"""matrix page (placeholder)."""
import streamlit as st

import ui

data = ui.data()
view = ui.view()
st.title("matrix")
st.write(view)
