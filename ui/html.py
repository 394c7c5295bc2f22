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


def md(text) -> str:
    """Escape data text for st.markdown: every markdown/HTML/directive character is backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def code(text) -> str:
    """Text as a markdown code span (shown verbatim: no escaping needed inside, only no backticks)."""
    return "`` " + str(text).replace("`", "'") + " ``"


def h(text) -> str:
    """Escape data text for HTML that st.markdown(unsafe_allow_html=True) also reads as markdown.

    HTML special characters become entities, and so do the markdown and directive characters
    ([, ], (, ), :, *, _, ...), so ``[x](javascript:...)`` or ``:red[x]`` stay plain text.
    """
    return _ENTITY_RE.sub(lambda m: _ENTITIES[m.group(0)], str(text))


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
