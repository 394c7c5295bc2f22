"""Every page of the dashboard, named once: id, file, title, icon and the URL keys the page owns.

The navigation, the URL parser (``urlstate``), page links and the tests all read this list, so a
page's path or a key is never spelled anywhere else. Classic multipage layout: ``app.py`` is the
first page (served at ``/``), every other page is ``pages/<id>.py``, served at ``/<id>``: those
paths appear in links readers have shared, so they never change.
"""
from __future__ import annotations

from dataclasses import dataclass, field

APP_NAME = "Coalition Tracker"
# Keys every page reads: the shared filters of the sidebar.
SHARED_KEYS = ("country", "issue", "as_of", "kind")


@dataclass(frozen=True)
class Page:
    id: str
    file: str          # relative to the project root
    title: str         # navigation label and the start of the browser title
    icon: str
    keys: dict = field(default_factory=dict)  # the page's own URL keys: key -> "one" (one value each)
    embed: bool = False       # has an embed form (?embed=true): the chart, its legend, "as of", a link back
    uses_issue: bool = False  # what it draws depends on the issue in focus: it offers the issue picker

    @property
    def url_path(self) -> str:
        """The path a link uses: '' for the first page, else the file's stem."""
        return "" if self.file == "app.py" else self.id


PAGES: tuple[Page, ...] = (
    Page("overview", "app.py", "Overview", ":material/dashboard:", {"more": "one"}, uses_issue=True),
    Page("map", "pages/map.py", "Map", ":material/map:", {"view": "one", "focus": "one", "more": "one"},
         embed=True, uses_issue=True),
    Page("matrix", "pages/matrix.py", "Stance matrix", ":material/grid_on:",
         {"sort": "one", "cell": "one", "more": "one"}, embed=True, uses_issue=True),
    Page("timeline", "pages/timeline.py", "Timeline", ":material/timeline:",
         {"event": "one", "on_issue": "one", "more": "one"}, embed=True),
    Page("country", "pages/country.py", "Country", ":material/flag:", {"focus": "one", "more": "one"}),
    Page("changes", "pages/changes.py", "What changed", ":material/change_history:", {"more": "one"}),
    Page("sources", "pages/sources.py", "Sources", ":material/article:", {"source": "one", "hl": "one"}),
    Page("about", "pages/about.py", "About & method", ":material/info:"),
)
BY_ID: dict[str, Page] = {p.id: p for p in PAGES}
BY_PATH: dict[str, Page] = {p.url_path: p for p in PAGES}


def page(page_id: str) -> Page:
    """The page with this id (KeyError names the known ids)."""
    try:
        return BY_ID[page_id]
    except KeyError:
        raise KeyError(f"unknown page {page_id!r}; known: {', '.join(BY_ID)}") from None
