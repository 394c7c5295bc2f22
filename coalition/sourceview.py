"""A seed text cut into segments for the Sources page: plain, quoted as evidence, or web-page leftover.

``segments(text, marks, boilerplate)`` splits the text at every start and end of a
quote, so overlapping or nested quotes become runs of segments, each knowing
every record it supports. Joining the segments' text gives back the seed exactly.
``render_html`` turns them into escaped HTML with <mark> highlights.
"""
from __future__ import annotations

import html
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

KINDS = ("stance", "event", "figure")


@dataclass(frozen=True)
class Mark:
    """One quote used as evidence: which record (kind + id) and where it is in the text."""

    kind: str   # stance | event | figure
    id: str     # stance_id, event_id or figure_id
    start: int
    end: int
    label: str = ""  # e.g. "ITA · Sends troops · Declined"


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    kind: str                      # plain | quote | boilerplate
    marks: tuple[Mark, ...] = ()   # every quote covering this segment
    closing: tuple[Mark, ...] = ()  # the quotes that end with this segment

    def ids(self, kind: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.id for m in self.marks if m.kind == kind))

    @property
    def stance_ids(self) -> tuple[str, ...]:
        return self.ids("stance")

    @property
    def event_ids(self) -> tuple[str, ...]:
        return self.ids("event")

    @property
    def figure_ids(self) -> tuple[str, ...]:
        return self.ids("figure")


# A placeholder, made once per process, that pages may put in links where per-reader query
# parameters go, so a rendered article can be cached and the parameters filled in per run.
# Letters and digits only: html.escape leaves it as it is, and no article can guess it.
LINK_TOKEN = "ct" + secrets.token_hex(12)

# 1. where the quotes and the leftovers are -----------------------------------------
def marks_for(frames, source: str, issue_short: dict | None = None) -> list[Mark]:
    """Every located quote of ``source`` in the stances, events and figures."""
    issue_short = issue_short or {}
    out: list[Mark] = []
    st = frames.stances[(frames.stances["source"] == source) & (frames.stances["quote_start"] >= 0)]
    for r in st.itertuples():
        label = f"{r.country} · {issue_short.get(r.issue, r.issue)} · {r.position_label}"
        out.append(Mark("stance", r.stance_id, int(r.quote_start), int(r.quote_end), label))
    titles = dict(zip(frames.events["event_id"], frames.events["title"]))
    ev = frames.event_evidence[(frames.event_evidence["source"] == source)
                               & (frames.event_evidence["quote_start"] >= 0)]
    for r in ev.itertuples():
        out.append(Mark("event", r.event_id, int(r.quote_start), int(r.quote_end),
                        f"Event: {titles.get(r.event_id, r.event_id)}"))
    fg = frames.figures[(frames.figures["source"] == source) & (frames.figures["quote_start"] >= 0)]
    for r in fg.itertuples():
        out.append(Mark("figure", r.figure_id, int(r.quote_start), int(r.quote_end), f"Figure: {r.counts}"))
    return out


def boilerplate_spans(text: str, items: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of web-page leftovers: every line whose stripped content equals an item.

    An item that is not a whole line anywhere is marked wherever it occurs exactly.
    """
    items = [i for i in dict.fromkeys(items) if i and i.strip()]
    spans: list[tuple[int, int]] = []
    found: set[str] = set()
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped in items:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
            found.add(stripped)
        pos += len(line)
    for item in items:
        if item.strip() in found:
            continue
        at = text.find(item)
        while at != -1:
            spans.append((at, at + len(item)))
            at = text.find(item, at + len(item))
    return sorted(spans)


# 2. segments ---------------------------------------------------------------------------
def segments(text: str, marks: Iterable[Mark] = (), boilerplate: Iterable[tuple[int, int]] = ()) -> list[Segment]:
    """Cut ``text`` at every boundary of a quote or a leftover; join equal neighbours.

    Quotes win over leftovers. Joining ``s.text`` for all segments returns ``text``.
    """
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    boiler = [(a, b) for a, b in boilerplate if 0 <= a < b <= n]
    cuts = {0, n}
    for m in marks:
        cuts.update((m.start, m.end))
    for a, b in boiler:
        cuts.update((a, b))
    points = sorted(cuts)
    pieces: list[list] = []  # [start, end, kind, marks]
    for a, b in zip(points, points[1:]):
        covering = tuple(sorted((m for m in marks if m.start <= a and b <= m.end),
                                key=lambda m: (m.start, -m.end, KINDS.index(m.kind) if m.kind in KINDS else 9,
                                               m.id)))
        if covering:
            kind = "quote"
        elif any(x <= a and b <= y for x, y in boiler):
            kind = "boilerplate"
        else:
            kind = "plain"
        if pieces and pieces[-1][2] == kind and pieces[-1][3] == covering:
            pieces[-1][1] = b
        else:
            pieces.append([a, b, kind, covering])
    out = []
    for a, b, kind, covering in pieces:
        closing = tuple(m for m in covering if m.end == b)
        out.append(Segment(a, b, text[a:b], kind, covering, closing))
    return out


# 3. HTML -----------------------------------------------------------------------------------
# The page's one script (a constant, no data in it): bring the followed passage (id ct-hl) into view.
# It runs inline, so the proxy's Content-Security-Policy allows it by its hash (deploy/stack.py).
SCROLL_TO_HIGHLIGHT = ("setTimeout(function(){var e=window.document.getElementById('ct-hl');"
                       "if(e){e.scrollIntoView({block:'center'});}},300);")

CSS = """
<style>
.ct-source { white-space: pre-wrap; line-height: 1.65; font-size: 1.02rem; max-width: 48rem;
  overflow-wrap: anywhere; }
.ct-source mark { background: #fff3b0; color: #111; padding: 0 1px; border-radius: 2px;
  box-shadow: inset 0 -2px 0 #e0b400; }
.ct-source mark.ct-n2 { background: #ffe066; }
.ct-source mark.ct-hl { background: #ffb347; box-shadow: 0 0 0 2px #c25e00; }
.ct-source .ct-boiler { color: #8a8a8a; font-style: italic; font-size: 0.9em; }
.ct-source sup.ct-ref { font-size: 0.7em; white-space: nowrap; margin-left: 1px; }
.ct-source sup.ct-ref a { text-decoration: none; border-bottom: 1px dotted; }
</style>
"""


def _h(text) -> str:
    return html.escape(str(text), quote=True)


def render_html(segs: list[Segment], href: Callable[[Mark], str | None] | None = None,
                highlight: str | None = None, ref_label: Callable[[Mark], str] | None = None) -> str:
    """Escaped HTML of the segments: quotes in <mark> (title lists the records they support),
    leftovers greyed, and after each quote a superscript link per record it supports.

    ``href(mark)`` gives a link for a record (None: no link); ``highlight`` is a
    stance_id whose passage is emphasised (class ct-hl, the first one with id ct-hl).
    """
    href = href or (lambda m: None)
    ref_label = ref_label or default_ref_label
    parts = ['<div class="ct-source">']
    anchored = False
    for s in segs:
        text = _h(s.text)
        if s.kind == "quote":
            title = "\n".join(dict.fromkeys(m.label or m.id for m in s.marks))
            classes = []
            if len({m.id for m in s.marks}) > 1:
                classes.append("ct-n2")
            attrs = ""
            if highlight and highlight in s.stance_ids:
                classes.append("ct-hl")
                if not anchored:
                    attrs = ' id="ct-hl"'
                    anchored = True
            cls = f' class="{" ".join(classes)}"' if classes else ""
            parts.append(f'<mark{attrs}{cls} title="{_h(title)}">{text}</mark>')
            parts.append(_refs(s.closing, href, ref_label))
        elif s.kind == "boilerplate":
            parts.append(f'<span class="ct-boiler" title="Web-page leftover, not part of the article">{text}</span>')
        else:
            parts.append(text)
    parts.append("</div>")
    return "".join(parts)


def default_ref_label(m: Mark) -> str:
    if m.kind == "stance":
        return m.id.split(".")[0]
    return "event" if m.kind == "event" else "figure"


def _refs(closing: tuple[Mark, ...], href, ref_label) -> str:
    """One superscript per distinct (label, link) among the quotes ending here."""
    seen: dict[tuple[str, str | None], list[Mark]] = {}
    for m in closing:
        seen.setdefault((ref_label(m), href(m)), []).append(m)
    if not seen:
        return ""
    links = []
    for (label, link), ms in seen.items():
        title = _h("\n".join(dict.fromkeys(m.label or m.id for m in ms)))
        if link:
            links.append(f'<a href="{_h(link)}" target="_self" title="{title}">{_h(label)}</a>')
        else:
            links.append(f'<span title="{title}">{_h(label)}</span>')
    return f'<sup class="ct-ref">[{", ".join(links)}]</sup>'


def passages(frames, source: str) -> pd.DataFrame:
    """The records citing ``source``, one row per quote, in text order (for the list under the text).

    Columns: kind, id, start, end, quote, plus country / issue / position_label for stances.
    """
    rows = []
    st = frames.stances[frames.stances["source"] == source]
    for r in st.itertuples():
        rows.append({"kind": "stance", "id": r.stance_id, "start": r.quote_start, "end": r.quote_end,
                     "quote": r.quote, "country": r.country, "issue": r.issue, "position_label": r.position_label,
                     "score": r.score})
    ev = frames.event_evidence[frames.event_evidence["source"] == source]
    for r in ev.itertuples():
        rows.append({"kind": "event", "id": r.event_id, "start": r.quote_start, "end": r.quote_end,
                     "quote": r.quote, "country": "", "issue": "", "position_label": "", "score": None})
    fg = frames.figures[frames.figures["source"] == source]
    for r in fg.itertuples():
        rows.append({"kind": "figure", "id": r.figure_id, "start": r.quote_start, "end": r.quote_end,
                     "quote": r.quote, "country": "", "issue": "", "position_label": "", "score": None})
    cols = ["kind", "id", "start", "end", "quote", "country", "issue", "position_label", "score"]
    return pd.DataFrame(rows, columns=cols).sort_values(["start", "kind", "id"]).reset_index(drop=True)
