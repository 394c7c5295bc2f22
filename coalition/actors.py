"""Actors beyond the named countries (issue 15): counted groups of countries, organisations, and how
each country took part in an event. Plain Python over the frames, for every page that shows them.
"""
from __future__ import annotations

import pandas as pd

from .filters import APPROX_DAYS, cells
from .views.cite import outlet_shown

ATTENDANCE_LABELS = {
    "leader": "leader", "minister": "minister", "military_chief": "military chief", "ambassador": "ambassador",
    "official": "official", "observer": "observer", "absent": "absent",
}


def _as_of(df: pd.DataFrame, as_of) -> pd.DataFrame:
    return df if as_of is None or as_of == "" or df.empty else df[df["date"] <= pd.Timestamp(as_of)]


def when(date, precision: str = "day", date_end=None, fmt: str = "%d %b %Y") -> str:
    """A record's date as a reader should read it: '15 Mar 2025', 'about 15 Mar 2025' (approximate,
    within APPROX_DAYS days), '15–17 Mar 2025' (a range), 'after 20 Apr 2025', 'date not given (reported
    5 Sep 2025)'."""
    if date is None or pd.isna(date):
        return "undated"
    day = f"{date:{fmt}}"
    if precision == "approximate":
        return f"about {day}"
    if precision == "range" and date_end is not None and not pd.isna(date_end):
        return f"{date:%d}–{date_end:{fmt}}" if date.month == date_end.month and date.year == date_end.year \
            else f"{day} – {date_end:{fmt}}"
    if precision == "after":
        return f"after {day}"
    if precision == "unknown":
        return f"date not given (reported {day})"
    if precision == "year":
        return f"{date:%Y}"
    return day


def precision_note(precision: str) -> str:
    """A short note for a reader, or '' for an exact day."""
    return {"approximate": f"approximate date (within {APPROX_DAYS} days)", "range": "date range",
            "after": "only known to come after this day", "unknown": "no date given by the source"}.get(precision, "")


# 1. counted groups ----------------------------------------------------------------------------------
def groups(frames, issue: str | None = None, as_of=None) -> pd.DataFrame:
    """One row per counted group (its first quote), optionally on one issue and up to ``as_of``; newest
    first. ``unnamed``: how many of its count the records do not name (never below 0)."""
    g = getattr(frames, "groups", None)
    if g is None or g.empty:
        return pd.DataFrame(columns=["group_id", "name", "count", "approximate", "issue", "position",
                                     "position_label", "score", "date", "members", "n_named", "unnamed", "summary",
                                     "source", "outlet", "quote", "confidence", "date_precision", "date_end"])
    df = g[g["evidence_no"] == 0]
    if issue:
        df = df[df["issue"] == issue]
    df = _as_of(df, as_of).copy()
    df["unnamed"] = (df["count"].astype(int) - df["n_named"].astype(int)).clip(lower=0)
    return df.sort_values(["date", "group_id"], ascending=[False, True]).reset_index(drop=True)


def count_text(r) -> str:
    """'26 countries' / 'some 40 countries'."""
    n = int(r.count)
    return f"{'some ' if r.approximate else ''}{n:,} {'country' if n == 1 else 'countries'}"


def group_sentence(r, names: dict) -> str:
    """'26 countries committed (Test Wire, 04 Sep 2025): France and the United Kingdom named, 24 not named.'
    Plain text: the caller escapes it."""
    named = [names.get(c, c) for c in r.members]
    who = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1] if named else ""
    outlet = outlet_shown(r.outlet)
    count = count_text(r)
    head = f"{count[0].upper()}{count[1:]}: {r.position_label} ({outlet}, {when(r.date, r.date_precision, r.date_end)})"
    if not named:
        return f"{head}; none of them named."
    more = f"{'about ' if r.approximate else ''}{int(r.unnamed):,} not named" if r.unnamed else "no others"
    return f"{head}: {who} named, {more}."


# 2. organisations -----------------------------------------------------------------------------------
def organisation_cells(frames, issues=None, as_of=None) -> pd.DataFrame:
    """The organisations' latest positions, one row per (organisation, issue), as country cells are."""
    st = getattr(frames, "org_stances", None)
    if st is None or st.empty:
        return cells(st if st is not None else pd.DataFrame())
    if issues:
        st = st[st["issue"].isin(list(issues))]
    return cells(_as_of(st, as_of))


# 3. attendance --------------------------------------------------------------------------------------
def attendance_text(person: str, role: str, attended_as: str, remote: bool) -> str:
    """'Emmanuel Macron (President), leader, by video link' / 'observer' / 'absent' / ''."""
    bits = []
    if person:
        bits.append(f"{person} ({role})" if role else person)
    if attended_as:
        bits.append(ATTENDANCE_LABELS.get(attended_as, attended_as))
    if remote:
        bits.append("by video link")
    return ", ".join(bits)


def event_attendance(frames, event_id: str) -> pd.DataFrame:
    """Who took part in an event and how: country_name, text ('leader, by video link'), absent."""
    p = frames.participants
    p = p[p["event_id"] == event_id]
    rows = []
    for (code, name), grp in p.groupby(["country", "country_name"], sort=False):
        texts = [attendance_text(r.person, r.role, getattr(r, "attended_as", ""), bool(getattr(r, "remote", False)))
                 for r in grp.itertuples()]
        rows.append({"country": code, "country_name": name, "text": "; ".join(t for t in texts if t),
                     "absent": bool((grp.get("attended_as", pd.Series(dtype=str)) == "absent").any())})
    return pd.DataFrame(rows, columns=["country", "country_name", "text", "absent"])
