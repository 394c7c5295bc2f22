"""The dashboard's shared frame around an empty page: page config, navigation, the sidebar filters,
the notices, the share link and the downloads, drawn by the same calls as app.py. A fresh run of it
is the floor under every page of the app (bench section 1 reports it beside the bare page)."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

import ui  # noqa: E402

st.set_page_config(page_title="Coalition Tracker", page_icon=str(ROOT / "assets" / "icon.png"), layout="wide")
page = st.navigation([st.Page(lambda: None, title="Empty page", url_path="empty", default=True)])
data = ui.data()
view = ui.sidebar(data, page.url_path)
ui.notices()
with ui.page_data(data):
    page.run()
ui.share_link(page.url_path)
ui.downloads(data, ui.view())
