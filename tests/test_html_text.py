"""ui.html: data text stays text in markdown and HTML, and reads back exactly (pure functions).

The browser test (test_browser.py::test_markup_in_the_data_never_runs) proves the effect on every page;
these pin the escaping itself: what a reader copies is the data's text, and no address survives whole.
"""
from __future__ import annotations

import html
import re

import pytest

from ui.html import HTML_BREAK, WORD_JOINER, blockquote, h, md

SAMPLES = [
    "See https://evil.example/x, www.evil.example and press@evil.example.",
    "HTTPS://EVIL.EXAMPLE and Www.Evil.Example, mailto:a@b.example, xmpp:a@b.example, ftp://f.example",
    "https://www.evil.example/@x",  # an address inside an address
    "@handle at the start, and at the end @",
    "no address here: [x](javascript:alert(1)) :red[x] <b>b</b> *i* 1.5 + 2",
    "",
]
# what remark-gfm links, after escapes and entities are resolved (a text node holding one of these)
_AUTOLINK = re.compile(r"(?i)https?://|www\.|mailto:|xmpp:|[\w.+-]@[\w-]")


def _md_text(s: str) -> str:
    """md()'s output as the text node markdown makes of it: backslash escapes resolved."""
    return re.sub(r"\\(.)", r"\1", s)


@pytest.mark.parametrize("text", SAMPLES)
def test_md_shows_the_text_and_breaks_every_address(text):
    out = md(text)
    nodes = _md_text(out)
    assert nodes.replace(WORD_JOINER, "") == text  # the reader sees (and copies) the text, less an invisible joiner
    assert not _AUTOLINK.search(nodes.replace(WORD_JOINER, " ")), nodes  # no address is left whole in one run


@pytest.mark.parametrize("text", SAMPLES)
def test_h_shows_the_text_exactly_and_breaks_every_address(text):
    out = h(text)
    assert "<" not in out.replace(HTML_BREAK, "")  # the only markup is the empty break
    assert html.unescape(out.replace(HTML_BREAK, "")) == text  # copied text is exactly the data's
    for node in out.split(HTML_BREAK):  # each text node markdown sees, entities resolved
        assert not _AUTOLINK.search(html.unescape(node)), node


def test_a_quote_is_one_block_quote_of_its_exact_text():
    out = blockquote("He said:\nsee https://evil.example/x")
    assert out.startswith("> ") and "\n" not in out
    assert html.unescape(out[2:].replace(HTML_BREAK, "")) == "He said: see https://evil.example/x"
