"""Finding a quote word for word in a source text.

Matching folds typographic quotes to straight ones and runs of white space to one
space, and nothing else: case, spelling and other punctuation must be exact. The
seed files are never changed; positions are mapped back to the original text so
the Sources page can highlight the exact passage.
"""
from __future__ import annotations

import difflib
import re
import time
from array import array
from functools import lru_cache

_FOLD = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
}
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\S+")
_FOLD_TABLE = str.maketrans(_FOLD)


def normalize(text: str) -> str:
    """Fold typographic quotes and white space runs; strip the ends."""
    return _WS.sub(" ", "".join(_FOLD.get(c, c) for c in text)).strip()


@lru_cache(maxsize=256)
def _index(text: str) -> tuple[str, array]:
    """The normalized text and, for each of its characters, the offset in ``text``.

    Built a word at a time (not a character at a time) and kept as a compact array: 4 bytes per
    character instead of a Python int object each.
    """
    folded = text.translate(_FOLD_TABLE)  # one character for one: offsets are unchanged
    hay = _WS.sub(" ", folded)
    if hay.startswith(" "):  # white space before the first word is dropped; after the last, one space
        hay = hay[1:]
    where = array("i")
    prev_end = None
    for m in _WORD.finditer(folded):
        start, end = m.span()
        if prev_end is not None:  # the white space between two words: one space at its first character
            where.append(prev_end)
        where.extend(range(start, end))
        prev_end = end
    if prev_end is not None and prev_end < len(text):
        where.append(prev_end)
    return hay, where


def locate_all(quote: str, text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Every (start, end) span of ``quote`` in the original ``text`` (the first ``limit``); [] when absent."""
    needle = normalize(quote)
    if not needle:
        return []
    hay, where = _index(text)
    spans = []
    start = hay.find(needle)
    while start != -1 and (limit is None or len(spans) < limit):
        end = start + len(needle) - 1
        spans.append((where[start], where[end] + 1))
        start = hay.find(needle, start + 1)
    return spans


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """The first (start, end) span of ``quote`` in the original ``text``, or None (one search: a one-letter
    quote in a long seed no longer lists its every occurrence first)."""
    spans = locate_all(quote, text, limit=1)
    return spans[0] if spans else None


def closest_passage(quote: str, text: str, width: int = 160, budget: float | None = None) -> tuple[str, float]:
    """The passage of ``text`` most like ``quote`` and its similarity (0..1).

    Used in error messages so a curator sees at once which word differs. ``budget``: CPU seconds to
    spend at most; the best passage found by then is returned (the search is linear in the text, but
    with a large factor: a long seed could take many seconds for one hint).
    """
    deadline = time.process_time() + budget if budget is not None else None
    needle = normalize(quote)
    hay, _ = _index(text)
    if not needle or not hay:
        return "", 0.0
    n = len(needle)
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(needle)
    best, best_ratio = "", 0.0
    step = max(1, n // 4)
    for k, start in enumerate(range(0, max(1, len(hay) - n // 2), step)):
        if deadline is not None and k % 256 == 255 and time.process_time() > deadline:
            break
        window = hay[start:start + n]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    if len(best) > width:
        best = best[:width] + "..."
    return best, round(best_ratio, 2)


def sentence_around(text: str, span: tuple[int, int]) -> str:
    """The whole sentence (or line) of ``text`` that contains ``span``, trimmed."""
    start, end = span
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1:right].strip()
