"""What a reader copies: the view's title, the data's version, a citation of the view or of an article.

Pure Python (no streamlit). The pages draw these strings; the browser title, the "how to cite this
view" line, the embed footer and the Sources page's citation all come from here, so they agree.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from coalition.registry import APP_NAME

TITLE_SEP = " — "


@dataclass(frozen=True)
class Version:
    """Which data a reader saw: the date of the latest record, a short hash of the data file, counts."""

    latest: dt.date | None
    sha: str            # the first 8 hex digits of the data file's SHA-256
    stances: int
    events: int
    sources: int

    def label(self) -> str:
        """``data of 18 Mar 2025 (a1b2c3d4)``: short enough for a footer."""
        day = f"{self.latest:%-d %b %Y}" if self.latest else "no dated record"
        return f"data of {day} ({self.sha})"

    def long_label(self) -> str:
        """The label with the counts, for the About page and the embed footer."""
        return (f"{self.label()}: {self.stances} position records, {self.events} events, "
                f"{self.sources} articles")


def file_sha(path: str | Path, length: int = 8) -> str:
    """The first ``length`` hex digits of the data file's SHA-256 ("unknown" when it cannot be read),
    read as every data file is (coalition.yamlio: a regular file, with a size bound)."""
    from coalition import files, yamlio

    try:
        return hashlib.sha256(yamlio.read_bytes(path)).hexdigest()[:length]
    except (OSError, files.FileProblem):
        return "unknown"


def _latest(*columns) -> dt.date | None:
    days = [c.max() for c in columns if c is not None and len(c) and c.notna().any()]
    days = [d for d in days if d == d]  # drop NaT
    return max(days).date() if days else None


def _record_dates(frames) -> list:
    """The date columns of every dated record: countries' and organisations' stances, counted groups,
    dated figures and events (not the historical context, never "the latest")."""
    ev = frames.events
    columns = [frames.stances["date"]] + ([ev.loc[~ev["context"], "date"]] if len(ev) else [])
    for name in ("org_stances", "groups"):
        table = getattr(frames, name, None)
        if table is not None and len(table):
            columns.append(table["date"])
    figures = getattr(frames, "figures", None)
    if figures is not None and len(figures) and "dated" in figures:
        columns.append(figures.loc[figures["dated"].astype(bool), "date"])
    return columns


def span(frames) -> str:
    """The months the records cover (stances, organisations' stances, groups, dated figures and events,
    not the historical context), as a page says it: "March 2025", "March–September 2025",
    "December 2025 – January 2026" ("" without a record)."""
    columns = _record_dates(frames)
    days = [d for c in columns if len(c) for d in (c.min(), c.max()) if d == d]  # NaT != NaT: dropped
    if not days:
        return ""
    first, last = min(days), max(days)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%B %Y}"
    if first.year == last.year:
        return f"{first:%B}–{last:%B %Y}"
    return f"{first:%B %Y} – {last:%B %Y}"


def version(frames, sha: str) -> Version:
    """The version of these frames (the data file's hash computed by the caller, once per version)."""
    ev = frames.events
    return Version(latest=_latest(*_record_dates(frames)), sha=sha,
                   stances=int(frames.stances["stance_id"].nunique()), events=int(len(ev)),
                   sources=int(len(frames.sources)))


def view_heading(page_title: str, *, issue: str | None = None, country: str | None = None,
                 event: str | None = None, source: str | None = None) -> str:
    """What this view shows, in a few words: ``Map: Will it join the coalition?``.

    The most specific thing the view is about wins: an open event, a source, a country, the issue.
    """
    detail = event or source or country or issue
    return f"{page_title}: {detail}" if detail else page_title


def heading_of(page, view, *, country_names: dict, issue_short: dict, issue_question: dict, event_title: dict,
               source_title: dict) -> str:
    """The heading of a page's view (``page``: a registry.Page; ``view``: a urlstate.View): the issue's
    question on the pages that draw one issue, the country, event, cell or source the view opens on."""
    p = view.page
    if page.id == "matrix" and p.get("cell"):
        iso, _, issue = p["cell"].partition(".")
        return view_heading(page.title, country=f"{country_names.get(iso, iso)}, {issue_short.get(issue, issue)}")
    if page.id == "timeline":
        if p.get("event"):
            return view_heading(page.title, event=event_title.get(p["event"], p["event"]))
        return view_heading(page.title, issue=issue_short.get(view.issue) if p.get("on_issue") else None)
    if page.id == "country":
        focus = p.get("focus")
        return view_heading(page.title, country=country_names.get(focus, focus))
    if page.id == "sources":
        src = p.get("source") or next(iter(source_title), None)  # the page opens on the first source
        return view_heading(page.title, source=source_title.get(src) or src)
    if page.uses_issue:
        heading = view_heading(page.title, issue=issue_question.get(view.issue))
        focus = p.get("focus")
        return f"{heading} ({country_names.get(focus, focus)})" if page.id == "map" and focus else heading
    return page.title


def browser_title(heading: str) -> str:
    """The tab's title: ``Map: Will it join the coalition? — Coalition Tracker``."""
    return f"{heading}{TITLE_SEP}{APP_NAME}"


def citation(heading: str, link: str, ver: Version, accessed: dt.date) -> str:
    """A citation of this view a reader can paste into an article or a paper."""
    return (f"{APP_NAME}, “{heading}”, {ver.label()}. {link} (accessed {accessed:%-d %B %Y}).")


UNKNOWN_OUTLET = "outlet unknown"  # how a source with no known outlet is named to readers, everywhere


def outlet_shown(outlet) -> str:
    """An outlet's name as a reader sees it: the data's "unknown" (or no outlet at all) reads "outlet unknown"."""
    if outlet is None or (isinstance(outlet, float) and outlet != outlet):  # None or NaN
        return UNKNOWN_OUTLET
    name = " ".join(str(outlet).split())
    return UNKNOWN_OUTLET if not name or name.lower() == "unknown" else name


def source_citation(outlet: str, title: str, published, url: str = "") -> str:
    """An article as a journalist cites it: Outlet, “Title”, 12 March 2025, address."""
    parts = []
    if outlet and outlet != "unknown":
        parts.append(outlet)
    if title:
        parts.append(f"“{title}”")
    if published is not None and published == published:  # not NaT
        parts.append(f"{published:%-d %B %Y}")
    text = ", ".join(parts) or "Untitled article"
    return f"{text}. {url}" if url else f"{text}."
