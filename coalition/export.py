"""What a reader downloads: the stances and events the view shows, one row per record and quote,
with the source's title, date and original address beside each quote."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pandas as pd

from . import csvsafe, filters

EXPORT_COLUMNS = ["country", "country_name", "issue", "position", "position_label", "score", "as_of", "as_of_end",
                  "date_precision", "date_basis",
                  "confidence", "conditions", "summary", "source", "outlet", "source_title", "published",
                  "source_url", "quote", "stance_id"]
EVENT_COLUMNS = ["event_id", "date", "date_end", "date_precision", "date_basis", "kind", "status", "context", "title",
                 "summary", "countries", "issues", "sources", "source_urls"]


@dataclass(frozen=True)
class Scope:
    """Which records a page's downloads hold: what the page shows, with the reader's filters."""

    page: str
    issues: tuple[str, ...] = ()      # () = every issue
    countries: tuple[str, ...] = ()   # () = every country
    kinds: tuple[str, ...] = ()       # event kinds; () = every kind
    as_of: object = None

    def slug(self) -> str:
        """The part of a file name that says what is in it: ``map-troops``, ``country-ITA``, ``matrix``."""
        parts = [self.page, *self.issues]
        if self.countries:
            parts.append("-".join(self.countries[:3]) + ("-etc" if len(self.countries) > 3 else ""))
        if self.as_of:
            parts.append(f"{self.as_of:%Y-%m-%d}")
        return re.sub(r"[^A-Za-z0-9_-]+", "_", "-".join(parts))

    def filename(self, what: str, ext: str) -> str:
        return f"coalition-{self.slug()}-{what}.{ext}"

    def describe(self, issue_short: dict, country_names: dict) -> str:
        """One sentence for the reader: what the files hold."""
        issues = (", ".join(f"“{issue_short.get(i, i)}”" for i in self.issues) if self.issues else "every question")
        who = (", ".join(country_names.get(c, c) for c in self.countries) if self.countries else "every country")
        when = f"as on record on {self.as_of:%-d %b %Y}" if self.as_of else "latest records"
        return (f"Positions on {issues} for {who} ({when}), one row per quote, with each source's title, date and "
                "original address; events with the same filters.")


def scope(page_id: str, view) -> Scope:
    """What the page shows for this view: the map and the Overview one issue; a Country page one
    country; the timeline one issue when its toggle is on; every other page the filters alone."""
    countries, issues = tuple(view.countries), ()
    if page_id in ("map", "overview"):
        issues = (view.issue,) if view.issue else ()
    elif page_id == "timeline" and view.page.get("on_issue") == "1" and view.issue:
        issues = (view.issue,)
    elif page_id == "country" and view.page.get("focus"):
        countries = (view.page["focus"],)
    return Scope(page=page_id, issues=issues, countries=countries, kinds=tuple(view.kinds), as_of=view.as_of)


def stances_in(frames, sc: Scope) -> pd.DataFrame:
    return stance_table(filters.filter_stances(frames.stances, sc.countries, sc.issues or None, sc.as_of),
                        frames.sources)


def events_in(frames, sc: Scope) -> pd.DataFrame:
    return event_table(filters.filter_events(frames.events, sc.countries, sc.issues or None, sc.kinds, sc.as_of),
                       frames.sources)


def stance_table(stances: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Stance rows in export form; ``as_of`` is the record's date as YYYY-MM-DD (``as_of_end`` the last day of
    a range, ``date_precision`` day / range / approximate); with ``sources``,
    each quote's article title, publication date and original address."""
    df = stances.rename(columns={"date": "as_of"}).copy()
    df["as_of"] = df["as_of"].dt.strftime("%Y-%m-%d")
    # the record's last day (a range) and how exact its date is; frames from before them read as exact days
    df["as_of_end"] = df["date_end"].dt.strftime("%Y-%m-%d").fillna("") if "date_end" in df else ""
    df["date_precision"] = df["date_precision"] if "date_precision" in df else "day"
    meta = _source_meta(sources)
    df["source_title"] = df["source"].map(lambda s: meta.get(s, ("", "", ""))[0])
    df["published"] = df["source"].map(lambda s: meta.get(s, ("", "", ""))[1])
    df["source_url"] = df["source"].map(lambda s: meta.get(s, ("", "", ""))[2])
    return df[EXPORT_COLUMNS].reset_index(drop=True)


def event_table(events: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Event rows in export form: dates as text, lists joined with ';' (``source_urls`` in the order
    of ``sources``; empty where an article's address is not recorded)."""
    df = events.copy()
    for col in ("date", "date_end"):
        df[col] = df[col].dt.strftime("%Y-%m-%d").fillna("")
    meta = _source_meta(sources)
    df["source_urls"] = df["sources"].map(lambda ss: ";".join(meta.get(s, ("", "", ""))[2] for s in ss))
    for col in ("countries", "issues", "sources"):
        df[col] = df[col].map(";".join)
    return df[EVENT_COLUMNS].reset_index(drop=True)


def _source_meta(sources: pd.DataFrame | None) -> dict:
    if sources is None or sources.empty:
        return {}
    return {r.source: (r.title or "", f"{r.published:%Y-%m-%d}" if r.published == r.published else "", r.url or "")
            for r in sources.itertuples()}


def to_csv(df: pd.DataFrame) -> str:
    return csvsafe.frame(df).to_csv(index=False, lineterminator="\n")  # no cell runs as a formula


def to_json(df: pd.DataFrame) -> str:
    return json.dumps(df.to_dict(orient="records"), ensure_ascii=False, indent=1, default=str)
