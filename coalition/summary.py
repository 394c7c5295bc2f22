"""Headline numbers and disagreements for the Overview and Country pages.

Plain Python over the frames (no streamlit): what the pages count, list and
compare is computed here and tested with pytest.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import actors
from .filters import DISAGREE_WINDOW_DAYS, cells, changes, filter_events, filter_stances, present

GROUPS = ("in", "undecided", "declined")  # score > 0, score == 0, score < 0


# 1. counts on one issue ---------------------------------------------------------
@dataclass
class IssueCount:
    """Who is in, undecided or declined on one issue (from the cells, i.e. the latest record)."""

    issue: str
    groups: dict = field(default_factory=dict)   # group -> list of country codes
    labels: dict = field(default_factory=dict)   # group -> position labels of that issue ("Joined")
    disputed: list = field(default_factory=list)  # country codes whose records disagree
    no_record: list = field(default_factory=list)  # tracked countries without a record on the issue

    def count(self, group: str) -> int:
        return len(self.groups.get(group, []))


def group_of(score) -> str:
    score = int(score)
    return "in" if score > 0 else ("declined" if score < 0 else "undecided")


def issue_counts(frames, issue: str, countries: Iterable[str] | None = None, as_of=None) -> IssueCount:
    """Count countries in (score > 0), undecided (0) and declined (< 0) on ``issue``.

    Uses ``cells(filter_stances(...))`` so a disputed cell counts once, by its
    latest record (and is listed in ``disputed``).
    """
    c = cells(filter_stances(frames.stances, countries, [issue], as_of))
    out = IssueCount(issue=issue, groups={g: [] for g in GROUPS})
    for r in c.sort_values(["score", "country"], ascending=[False, True]).itertuples():
        out.groups[group_of(r.score)].append(r.country)
        if r.disputed:
            out.disputed.append(r.country)
    pos = frames.positions[frames.positions["issue"] == issue].sort_values("order")
    for g in GROUPS:
        out.labels[g] = [r.label for r in pos.itertuples() if group_of(r.score) == g]
    tracked = tracked_countries(frames, countries)
    out.no_record = [code for code in tracked if code not in set(c["country"])]
    return out


def tracked_countries(frames, countries: Iterable[str] | None = None) -> list[str]:
    """The countries in the data (or the chosen ones), in data order."""
    codes = list(frames.countries["country"])
    if countries:
        wanted = set(countries)
        codes = [c for c in codes if c in wanted]
    return codes


# 2. figures ----------------------------------------------------------------------
_SCALES = ((1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"))
_CURRENCY = {"EUR": "€", "USD": "$", "GBP": "£"}


def format_figure(value, unit: str, approximate: bool = False) -> str:
    """A figure as a reader says it: '€300 billion', 'around 30 nations', '24,000 soldiers'."""
    v = float(value)
    number = None
    for size, word in _SCALES:
        if abs(v) >= size:
            n = v / size
            number = f"{n:,.0f} {word}" if n == int(n) else f"{n:,.1f} {word}"
            break
    if number is None:
        number = f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"
    if unit in _CURRENCY:
        text = f"{_CURRENCY[unit]}{number}"
    else:
        text = f"{number} {unit}"
    return f"around {text}" if approximate else text


def _up_to(df: pd.DataFrame, as_of) -> pd.DataFrame:
    """Rows dated up to ``as_of`` (all when unset)."""
    if as_of is None or as_of == "" or df.empty:
        return df
    return df[df["date"] <= pd.Timestamp(as_of)]


def figure_when(date, dated: bool = True) -> str:
    """A figure's date as a reader reads it: '04 Sep 2025', or for a figure the data does not date
    'as of 17 Mar 2025 (the source's date)' (frames dates it by its earliest source)."""
    if date is None or pd.isna(date):
        return "undated"
    return f"{date:%d %b %Y}" if dated else f"as of {date:%d %b %Y} (the source's date)"


def key_figures(figures: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """One row per figure (its first quote) dated up to ``as_of``, with a readable ``text`` and its date as
    ``when`` (:func:`figure_when`), in data order."""
    df = _up_to(figures[figures["evidence_no"] == 0], as_of).copy()
    df["text"] = [format_figure(r.value, r.unit, r.approximate) for r in df.itertuples()]
    dated = df["dated"] if "dated" in df.columns else pd.Series(True, index=df.index)
    df["when"] = [figure_when(d, bool(x)) for d, x in zip(df["date"], dated)] if len(df) else []
    return df.reset_index(drop=True)


def _compared(figures: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """:func:`key_figures` that have a ``compare_group``, oldest first within each group, with ``step``:
    the figure's window in its group (0, 1, ...). A window opens at a figure and holds every later one
    dated within ``DISAGREE_WINDOW_DAYS`` of it; the next figure after that opens the next window. Figures
    of one window are from the same moment (they agree or disagree); windows apart are a series."""
    df = key_figures(figures, as_of)
    df = df[df["compare_group"] != ""].sort_values(["compare_group", "date"], kind="stable")
    window = np.timedelta64(DISAGREE_WINDOW_DAYS, "D")
    steps, group, start, step = [], None, None, 0
    for g, d in zip(df["compare_group"].to_numpy(), df["date"].to_numpy()):
        if g != group:
            group, start, step = g, d, 0
        elif d - start > window:
            start, step = d, step + 1
        steps.append(step)
    df["step"] = np.asarray(steps, dtype=int)
    return df.reset_index(drop=True)


def _split(df: pd.DataFrame, keys: list[str]) -> list[pd.DataFrame]:
    """``df`` (sorted by ``keys``) cut into one frame per run of equal keys, by position (a groupby +
    sort per group took 0.1 s for the 100 groups of 100x data)."""
    if df.empty:
        return []
    change = np.zeros(len(df) - 1, dtype=bool)
    for k in keys:
        col = df[k].to_numpy()
        change |= col[1:] != col[:-1]
    bounds = np.flatnonzero(change) + 1
    starts, ends = [0, *bounds], [*bounds, len(df)]
    return [df.iloc[a:b].reset_index(drop=True) for a, b in zip(starts, ends)]


def figure_disagreements(figures: pd.DataFrame, as_of=None) -> list[pd.DataFrame]:
    """Groups of figures that measure the same thing (``compare_group``) at the same moment (dated within
    ``filters.DISAGREE_WINDOW_DAYS`` of each other: one ``step`` of :func:`_compared`) but give different
    values (or one is approximate and another not). Figures further apart are a change over time
    (:func:`figure_series`), not a disagreement.

    Each group is a frame of its figures (first quote of each), largest value first; groups by
    compare_group, then oldest first.
    """
    df = _compared(figures, as_of)
    if df.empty:
        return []
    by = df.groupby(["compare_group", "step"])
    differ = (by["value"].transform("nunique") > 1) | (by["approximate"].transform("nunique") > 1)
    df = df[differ].sort_values(["compare_group", "step", "value"], ascending=[True, True, False], kind="stable")
    return _split(df, ["compare_group", "step"])


def figure_series(figures: pd.DataFrame, as_of=None) -> list[pd.DataFrame]:
    """The compare groups whose figures span time (more than one ``step`` of :func:`_compared`): one frame
    per group, its figures oldest first (``step`` says which are of the same moment); groups by name."""
    df = _compared(figures, as_of)
    if df.empty:
        return []
    df = df[df.groupby("compare_group")["step"].transform("max") > 0]
    return _split(df, ["compare_group"])


def compare_title(group: str) -> str:
    """'coalition_size' -> 'Coalition size'."""
    return group.replace("_", " ").capitalize()


def series_text(series: pd.DataFrame) -> str:
    """A series as a reader says it, oldest first: '35 countries vs around 30 nations (17 Mar 2025) →
    around 30 nations (01 Apr 2025) → around 30 countries (13 Sep 2025)'. Figures of one moment are
    joined by 'vs' (the same number said twice is said once); the date is the moment's first. Plain text:
    the caller escapes it."""
    parts = []
    for _, moment in series.groupby("step", sort=True):
        texts = list(dict.fromkeys(moment["text"]))
        parts.append(f"{' vs '.join(texts)} ({moment['date'].iloc[0]:%d %b %Y})")
    return " → ".join(parts)


def figure_about(frames, figures: pd.DataFrame) -> pd.DataFrame:
    """``figures`` (from :func:`key_figures`) with what each is linked to: ``about`` ('Sends troops:
    Committed', or the issue alone) and ``event_title`` ('' when not linked)."""
    df = figures.copy()
    short = dict(zip(frames.issues["issue"], frames.issues["short"]))
    label = {(r.issue, r.position): r.label for r in frames.positions.itertuples()}
    titles = dict(zip(frames.events["event_id"], frames.events["title"]))
    issue = df["issue"] if "issue" in df.columns else pd.Series("", index=df.index)
    position = df["position"] if "position" in df.columns else pd.Series("", index=df.index)
    event = df["event"] if "event" in df.columns else pd.Series("", index=df.index)
    df["about"] = [
        "" if not i else short.get(i, i) + (f": {label.get((i, p), p)}" if p else "")
        for i, p in zip(issue, position)]
    df["event_title"] = [titles.get(e, e) if e else "" for e in event]
    return df


def overview_figures(frames, as_of=None) -> tuple[pd.DataFrame, list[pd.DataFrame], list[pd.DataFrame]]:
    """What the Overview draws of the figures dated up to ``as_of``: (:func:`key_figures` with
    :func:`figure_about`, :func:`figure_disagreements`, :func:`figure_series`)."""
    return (figure_about(frames, key_figures(frames.figures, as_of)), figure_disagreements(frames.figures, as_of),
            figure_series(frames.figures, as_of))


# 2b. actors beyond the named countries ------------------------------------------------------
def overview_groups(frames, issue: str, as_of=None) -> pd.DataFrame:
    """The counted groups on ``issue`` dated up to ``as_of`` (:func:`coalition.actors.groups`: newest
    first, one row per group, with ``unnamed``)."""
    return actors.groups(frames, issue, as_of)


def organisation_statements(frames, issue: str | None = None, as_of=None) -> pd.DataFrame:
    """What the organisations (the coalition, NATO, the EU...) said, as of ``as_of``: one row per
    (organisation, issue), its latest record (:func:`coalition.actors.organisation_cells`), with the
    record's ``date_precision``, ``date_end`` and ``date_basis`` and the organisation's ``kind``.
    Organisations in data order, each with the issue in focus first, then the issues' order. The
    organisation's id is in ``org``, its name in ``name``."""
    cols = ["org", "name", "kind", "issue", "issue_short", "position", "position_label", "score", "date",
            "date_end", "date_precision", "date_basis", "confidence", "summary", "quote", "source", "outlet",
            "stance_id", "positions", "disputed", "n_records"]
    c = actors.organisation_cells(frames, None, as_of)
    orgs = getattr(frames, "organisations", None)
    if c.empty or orgs is None or orgs.empty:
        return pd.DataFrame(columns=cols)
    first = frames.org_stances[frames.org_stances["evidence_no"] == 0]
    dates = first.set_index("stance_id")[["date_end", "date_precision", "date_basis"]]
    out = c.join(dates, on="stance_id").rename(columns={"country": "org", "country_name": "name"})
    out["kind"] = out["org"].map(dict(zip(orgs["org"], orgs["kind"]))).fillna("")
    org_order = {o: n for n, o in enumerate(orgs["org"])}
    issue_order = {i: n for n, i in enumerate(frames.issues.sort_values("order")["issue"])}
    out["_o"] = out["org"].map(org_order).fillna(len(org_order))
    out["_i"] = [-1 if i == issue else issue_order.get(i, len(issue_order)) for i in out["issue"]]
    return out.sort_values(["_o", "_i"], kind="stable")[cols].reset_index(drop=True)


# 3. where the sources disagree ------------------------------------------------------
def disputed_cells(stances: pd.DataFrame) -> pd.DataFrame:
    """Every present record (``filters.present``) of the cells whose records disagree on the position.

    One row per record (its first quote): country, issue, position, score, date,
    source, quote, stance_id ... ; cells in country/issue order, records oldest first.
    """
    c = cells(stances)
    if c.empty:
        return stances.iloc[0:0]
    bad = c[c["disputed"]][["country", "issue"]]
    first = present(stances[stances["evidence_no"] == 0])  # superseded records are changes, not the dispute
    df = first.merge(bad, on=["country", "issue"])
    return df.sort_values(["country", "issue", "date", "stance_id"], ascending=[True, True, True, True]) \
             .reset_index(drop=True)


_RECORD_COLS = ["country", "issue", "stance_id", "date", "date_end", "date_precision", "date_basis", "position",
                "position_label", "score", "confidence", "summary", "conditions", "source", "outlet"]


def disputed_records(frames, countries=None, as_of=None) -> tuple[pd.DataFrame, dict]:
    """:func:`disputed_cells` of the filtered stances and, per (country, issue), the positions of its
    records in that frame (for the Overview, which draws a few cells of possibly thousands)."""
    d = disputed_cells(filter_stances(frames.stances, countries, None, as_of))
    d = d[[c for c in _RECORD_COLS if c in d.columns]]  # what a page draws of a record: keeps caches small
    return d, (d.groupby(["country", "issue"], sort=False).indices if not d.empty else {})


def overview_latest(frames, countries=None, kinds=None, as_of=None, n: int = 5) -> pd.DataFrame:
    """:func:`latest_events` of ``frames.events``."""
    return latest_events(frames.events, n, countries, kinds, as_of)


def cell_sample(records: pd.DataFrame, k: int = 3) -> pd.DataFrame:
    """The records of one cell to draw when there is room for ``k``, oldest first.

    The latest record of each position comes first (newest positions first, so a disagreement
    stays visible however many records agree on one side), then the latest of the others.
    ``records``: one row per record (its first quote), as from :func:`disputed_cells`.
    """
    recs = records.sort_values(["date", "stance_id"])
    pick = recs.drop_duplicates("position", keep="last").tail(k)
    if len(pick) < k:
        pick = pd.concat([pick, recs.drop(pick.index).tail(k - len(pick))])
    return pick.sort_values(["date", "stance_id"])


def focus_first(keys: list[tuple[str, str]], issue: str | None) -> list[tuple[str, str]]:
    """(country, issue) keys with the issue in focus first, otherwise in the given order."""
    return sorted(keys, key=lambda k: k[1] != issue)


# 4. events ---------------------------------------------------------------------------
def latest_events(events: pd.DataFrame, n: int = 5, countries=None, kinds=None, as_of=None) -> pd.DataFrame:
    """The ``n`` most recent events that are not historical context, newest first."""
    df = filter_events(events, countries=countries, kinds=kinds, as_of=as_of, include_context=False)
    return df.sort_values(["date", "event_id"], ascending=[False, True]).head(n).reset_index(drop=True)


# 5. one country -------------------------------------------------------------------------
def country_issue_order(issues: pd.DataFrame, focus_issue: str | None) -> list[str]:
    """Issue ids in data order, the issue in focus first."""
    order = list(issues.sort_values("order")["issue"])
    if focus_issue in order:
        order.remove(focus_issue)
        order.insert(0, focus_issue)
    return order


def country_people(frames, country: str) -> pd.DataFrame:
    """People of a country: from ``frames.people`` and from event participants.

    Columns: name, role, events (list of event ids they take part in), sorted by name.
    """
    rows: dict[str, dict] = {}
    for r in frames.people[frames.people["country"] == country].itertuples():
        rows[r.name] = {"name": r.name, "role": r.role, "events": []}
    part = frames.participants[(frames.participants["country"] == country) & (frames.participants["person"] != "")]
    for r in part.itertuples():
        row = rows.setdefault(r.person, {"name": r.person, "role": r.role, "events": []})
        if not row["role"]:
            row["role"] = r.role
        if r.event_id not in row["events"]:
            row["events"].append(r.event_id)
    return pd.DataFrame(list(rows.values()), columns=["name", "role", "events"])


def country_sources(frames, country: str, as_of=None) -> pd.DataFrame:
    """Which sources mention a country, and how often: quotes in its stances and in its events.

    Columns: source, outlet, title, stance_quotes, event_quotes, total; most cited first.
    """
    st = filter_stances(frames.stances, [country], None, as_of)
    ev = filter_events(frames.events, countries=[country], as_of=as_of)
    evq = frames.event_evidence[frames.event_evidence["event_id"].isin(set(ev["event_id"]))]
    counts = pd.DataFrame({
        "stance_quotes": st.groupby("source").size(),
        "event_quotes": evq.groupby("source").size(),
    }).fillna(0).astype(int)
    counts["total"] = counts["stance_quotes"] + counts["event_quotes"]
    meta = frames.sources.set_index("source")[["outlet", "title"]]
    out = counts.join(meta).reset_index(names="source")
    cols = ["source", "outlet", "title", "stance_quotes", "event_quotes", "total"]
    if out.empty:
        return pd.DataFrame(columns=cols)
    return out[cols].sort_values(["total", "source"], ascending=[False, True]).reset_index(drop=True)


def country_view(frames, country: str, as_of=None, kinds=None, k: int = 3) -> dict:
    """What the Country page draws about one country, computed in one place (cacheable per arguments).

    Keys: has_record (any stance at any date), n_rows (stance rows on record as of the date), cells (indexed by issue, or None),
    questions (issue -> :func:`_question`: the cell, its record count, the ``k`` records to draw and
    the moves of position, as plain rows so a page run does no pandas work per question),
    history (:func:`changes`), events (newest first), people (with ``event_titles``),
    sources (:func:`country_sources`).
    """
    stances = filter_stances(frames.stances, [country], None, as_of)
    history = changes(stances)
    first = stances[stances["evidence_no"] == 0].sort_values("date")
    events = filter_events(frames.events, countries=[country], kinds=kinds, as_of=as_of)
    people = country_people(frames, country)
    wanted = {i for ids in people["events"] for i in ids}
    titles = frames.events[frames.events["event_id"].isin(wanted)]
    first = first[[c for c in _RECORD_COLS if c in first.columns]]  # keeps the cached view small
    cell_rows = cells(stances).set_index("issue") if not stances.empty else None
    recs_of = first.groupby("issue", sort=False).indices if not first.empty else {}
    moves_of = history.groupby("issue", sort=False).indices if not history.empty else {}
    questions = {} if cell_rows is None else {
        issue: _question(cell, first.iloc[recs_of[issue]], history.iloc[moves_of.get(issue, [])], k)
        for issue, cell in zip(cell_rows.index, cell_rows.itertuples()) if issue in recs_of}
    return {
        "has_record": bool((frames.stances["country"] == country).any()),
        "n_rows": len(stances),
        "cells": cell_rows,
        "questions": questions,
        "history": history,
        "events": events.sort_values(["date", "event_id"], ascending=[False, True]),
        "people": people,
        "event_titles": dict(zip(titles["event_id"], titles["title"])),
        "sources": country_sources(frames, country, as_of),
    }


def _question(cell, records: pd.DataFrame, moves: pd.DataFrame, k: int) -> dict:
    """One question of a country: its cell (a row of :func:`cells`), how many records it has, the
    only record when there is one, the ``k`` records to draw (:func:`cell_sample`, oldest first) and
    every move of position (newest first), each as a named tuple."""
    return {
        "cell": cell,
        "n_records": len(records),
        "only": next(records.itertuples()) if len(records) == 1 else None,
        "sample": list(cell_sample(records, k).itertuples()),
        "moves": list(moves.sort_values("date", ascending=False, kind="stable").itertuples()),
    }


def changes_view(frames, countries=None, as_of=None) -> pd.DataFrame:
    """The What changed page's list: :func:`changes` among every record dated up to ``as_of`` (all
    records when unset; not only the latest per source, so a change back and forth stays visible),
    newest first."""
    stances = filter_stances(frames.stances, countries, None, None)
    if as_of:
        stances = stances[stances["date"].dt.date <= as_of]
    return changes(stances).sort_values(["date", "stance_id"], ascending=[False, True])
