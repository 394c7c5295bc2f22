"""Coalition Tracker: the entry point. Navigation, shared filters, then the page."""
import streamlit as st

import ui

st.set_page_config(page_title="Coalition Tracker", page_icon="assets/icon.png", layout="wide")

# 1. pages (url paths appear in shared links: keep them stable)
PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("app_pages/map.py", title="Map", icon=":material/map:", url_path="map"),
    st.Page("app_pages/matrix.py", title="Stance matrix", icon=":material/grid_on:", url_path="matrix"),
    st.Page("app_pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("app_pages/country.py", title="Country", icon=":material/flag:", url_path="country"),
    st.Page("app_pages/changes.py", title="What changed", icon=":material/change_history:", url_path="changes"),
    st.Page("app_pages/sources.py", title="Sources", icon=":material/article:", url_path="sources"),
    st.Page("app_pages/about.py", title="About & method", icon=":material/info:", url_path="about"),
]
page = st.navigation(PAGES)

# 2. data and the filters every page shares (also kept in the URL)
data = ui.data()
view = ui.sidebar(data, page.url_path)
ui.notices()

# 3. the page itself
with ui.page_data(data):  # the page draws the very version the sidebar was drawn from
    page.run()
ui.share_link(page.url_path)
ui.downloads(data, ui.view())
