"""Shared AppTest helpers: open a page the way a shared link does, and read what it wrote."""
from __future__ import annotations

import html
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui.html import HTML_BREAK, WORD_JOINER

ROOT = Path(__file__).resolve().parent.parent


def run(page: str = "overview", session: dict | None = None, **params) -> AppTest:
    """A fresh session opening ``/<page>?<params>`` (the page name is its file stem)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    page = page.removesuffix(".py")
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    for k, v in params.items():
        at.query_params[k] = v
    for k, v in (session or {}).items():
        at.session_state[k] = v
    return at.run()


def clean(at: AppTest) -> AppTest:
    """Assert the run raised nothing and showed no error."""
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def text_of(at: AppTest) -> str:
    """Everything the page wrote as text (markdown, captions, notices, headings, html, metrics, links)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [t.value for t in at.title] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader] + [e.label for e in at.expander]
    parts += [h.proto.body for h in at.get("html")]
    parts += [f"{m.label}={m.value}" for m in at.metric] + [p.proto.label for p in at.get("page_link")]
    # as a reader reads it: markdown escapes and HTML entities resolved, ui.html's address breaks gone
    text = "\n".join(parts).replace("\\", "").replace(HTML_BREAK, "").replace(WORD_JOINER, "")
    return html.unescape(text)


def dialog(at: AppTest) -> str | None:
    """The title of the dialog the run opened (the evidence of a selection), or None."""
    event = at._tree.children.get(2)  # the event root: dialogs live there, outside the page's flow
    for child in getattr(event, "children", {}).values():
        if child.type == "dialog":
            return child.proto.dialog.title.replace("\\", "")
    return None
