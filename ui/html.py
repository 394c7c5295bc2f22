"""Text safety for everything the pages write: data text escaped for markdown and for HTML.

Data from the YAML, the seed files and the URL is untrusted; every page writes it through
``md`` (markdown) or ``h`` (HTML that st.markdown also reads as markdown).
"""
from __future__ import annotations

import re

from coalition import palette

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$=&^%@\"'])")
_ENTITIES = {c: f"&#{ord(c)};" for c in "&<>\"'[]()*_`~$\\#!|{}:"}
_ENTITY_RE = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")


# Streamlit's markdown (remark-gfm) turns web and mail addresses in text into live links ("autolink
# literals"), after escapes and entities are resolved: backslashes and &#58; do not stop it, only a
# break in the text does. A break goes into every place an address could start: inside "https:",
# "http:", "ftp:", "mailto:", "xmpp:" and "www." (after the first letter) and before every "@".
_LINKISH = re.compile(r"(?i)https?:|ftp:|mailto:|xmpp:|www\.|@")
WORD_JOINER = "\u2060"  # invisible, no width, no line break: what md() can break with (HTML is not allowed there)
HTML_BREAK = "<span></span>"  # what h() breaks with: an empty element, so copied text stays exact


def _pieces(text: str) -> list[str]:
    """``text`` cut where an autolink literal could start (see _LINKISH); joined back, it is ``text``."""
    cuts = [m.start() if m.group() == "@" else m.start() + 1 for m in _LINKISH.finditer(text)]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a or a == 0]


def md(text) -> str:
    """Escape data text for st.markdown: every markdown/HTML/directive character is backslashed, and
    an invisible word joiner keeps web and mail addresses from becoming live links."""
    return WORD_JOINER.join(_MD_SPECIAL.sub(r"\\\1", p) for p in _pieces(str(text))).replace("\n", " ")


def code(text) -> str:
    """Text as a markdown code span (shown verbatim: no escaping needed inside, only no backticks)."""
    return "`` " + str(text).replace("`", "'") + " ``"


def h(text) -> str:
    """Escape data text for HTML that st.markdown(unsafe_allow_html=True) also reads as markdown.

    HTML special characters become entities, and so do the markdown and directive characters
    ([, ], (, ), :, *, _, ...), so ``[x](javascript:...)`` or ``:red[x]`` stay plain text.
    Web and mail addresses stay text: an empty ``<span></span>`` breaks them where remark-gfm
    would start a link (so the text a reader copies is exactly the data's). For element content
    only; an attribute value takes html.escape(quote=True).
    """
    return HTML_BREAK.join(_ENTITY_RE.sub(lambda m: _ENTITIES[m.group(0)], p) for p in _pieces(str(text)))


def blockquote(text) -> str:
    """A data quote as a markdown block quote of escaped HTML (st.markdown with unsafe_allow_html=True):
    shown and copied exactly, its addresses not live links."""
    return "> " + h(" ".join(str(text).splitlines()))


def position_badge(label: str, score, note: str = "") -> str:
    """HTML badge: the position's colour and its label (escaped)."""
    bg, fg = palette.colour(score), palette.text_colour(score)
    extra = f" <small>({h(note)})</small>" if note else ""
    return (f'<span style="background:{bg};color:{fg};padding:2px 8px;border-radius:4px;'
            f'border:1px solid #888;font-weight:600;white-space:nowrap">{h(label)}</span>{extra}')


def legend_html(positions: list) -> str:
    """A position legend as escaped HTML: colour + label per (position, label, score, description),
    plus grey for no record."""
    parts = [position_badge(label, score) for _, label, score, _ in positions]
    parts.append(f'<span style="background:{palette.NO_RECORD};padding:2px 8px;border-radius:4px;'
                 f'border:1px solid #888;white-space:nowrap">{h(palette.NO_RECORD_LABEL)}</span>')
    return " ".join(parts)
