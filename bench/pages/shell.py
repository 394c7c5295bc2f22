"""The app's own frame around an empty page: page config, data, navigation, the sidebar filters, the
notices, then the share link and the downloads, drawn by the very calls every page makes
(``ui.frame.open`` / ``ui.frame.close``). Its figures are the floor under every page of the app.

Served as a page of the bench's reference app (bench/refapp.py: a copy of this folder laid out as
the app is, app.py first and pages/<name>.py, so the frame's page links resolve)."""
from ui import frame

data, view = frame.open("about")  # a page without URL keys of its own: the frame alone
frame.close(data)
