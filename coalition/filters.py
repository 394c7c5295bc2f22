"""Pure filters over the frames: by country, issue, date ("as of") and event kind."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .frames import CONFIDENCE_RANK

LOW_CONFIDENCE = ("rumoured", "uncertain")
# Records of one cell from different sources disagree only when they are this close in time to the
# cell's latest record; an earlier record further back is superseded: a change, not a disagreement
# (stated on the About page). Three days: outlets report the same meeting or statement a day or two apart.
DISAGREE_WINDOW_DAYS = 3
_WINDOW = pd.Timedelta(days=DISAGREE_WINDOW_DAYS)
# A record dated approximately may be this many days off either way; a range covers date..date_end. The
# window above is counted from the ends of these spans, so imprecise records overlap more.
APPROX_DAYS = 3
_APPROX = pd.Timedelta(days=APPROX_DAYS)


def spans(rows: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(first, last) day each record may refer to, from its date precision (rows without precision
    columns: the day itself)."""
    lo, hi = rows["date"], rows["date"]
    if "date_end" in rows.columns:
        hi = rows["date_end"].fillna(rows["date"]) if len(rows) else hi
    if "date_precision" in rows.columns:
        approx = (rows["date_precision"] == "approximate").to_numpy()
        lo = lo.where(~approx, lo - _APPROX)
        hi = hi.where(~approx, hi + _APPROX)
    return lo, hi


def _ts(as_of) -> pd.Timestamp | None:
    return None if as_of is None or as_of == "" else pd.Timestamp(as_of)


def filter_stances(stances: pd.DataFrame, countries: Iterable[str] | None = None,
                   issues: Iterable[str] | None = None, as_of=None) -> pd.DataFrame:
    """Stance rows for the given countries and issues (None or empty = all).

    With ``as_of``: only what was on record that day, i.e. for each country,
    issue and source, the latest record dated on or before it. Records from
    different sources are all kept, so a disagreement stays visible.
    """
    df = stances
    if countries:
        df = df[df["country"].isin(list(countries))]
    if issues:
        df = df[df["issue"].isin(list(issues))]
    when = _ts(as_of)
    if when is not None:
        df = df[df["date"] <= when]
        latest = df.groupby(["country", "issue", "source"])["date"].transform("max")
        keep = set(df.loc[df["date"] == latest, "stance_id"])
        df = df[df["stance_id"].isin(keep)]
    return df.reset_index(drop=True)


def present(stances: pd.DataFrame) -> pd.DataFrame:
    """The stance rows that describe their cell's present: within ``DISAGREE_WINDOW_DAYS`` of the cell's
    latest record, counted from the last day each may refer to (an approximate or ranged date reaches
    further: ``spans``); the records a disagreement is made of. Older ones are superseded."""
    if stances.empty:
        return stances
    lo, hi = spans(stances)
    latest = lo.groupby([stances["country"], stances["issue"]]).transform("max")
    return stances[hi >= latest - _WINDOW]


def cells(stances: pd.DataFrame) -> pd.DataFrame:
    """One row per (country, issue) cell from (already filtered) stance rows.

    The cell's position is the latest record's (ties: the surest confidence,
    then the stronger evidence count). The records that describe the cell's present are those dated
    within ``DISAGREE_WINDOW_DAYS`` of its latest record; older ones are superseded. ``disputed`` is
    True when those present records come from more than one source and hold more than one position;
    ``positions`` lists the positions they hold. ``low_confidence``: the shown record is only rumoured
    or uncertain.
    """
    cols = ["country", "country_name", "region", "issue", "issue_short", "position", "position_label", "score",
            "date", "confidence", "summary", "conditions", "quote", "source", "outlet", "stance_id", "n_records",
            "n_sources", "positions", "disputed", "low_confidence"]
    if stances.empty:
        return pd.DataFrame(columns=cols)
    first = stances[stances["evidence_no"] == 0].copy()
    first["_rank"] = first["confidence"].map(CONFIDENCE_RANK).fillna(9)
    first = first.sort_values(["country", "issue", "date", "_rank", "n_evidence"],
                              ascending=[True, True, False, True, False])
    top = first.groupby(["country", "issue"], sort=False).head(1).set_index(["country", "issue"])
    grouped = first.groupby(["country", "issue"])
    now = present(first).groupby(["country", "issue"])  # the records not superseded
    agg = pd.DataFrame({
        "n_records": grouped["stance_id"].nunique(),
        "n_sources": stances.groupby(["country", "issue"])["source"].nunique(),
        "positions": now["position_label"].agg(lambda s: sorted(set(s))),
        "_present_sources": now["source"].nunique(),
    })
    out = top.join(agg).reset_index()
    out["disputed"] = (out["positions"].map(len) > 1) & (out["_present_sources"] > 1)
    out["low_confidence"] = out["confidence"].isin(LOW_CONFIDENCE)
    return out[cols].sort_values(["country", "issue"]).reset_index(drop=True)


def filter_events(events: pd.DataFrame, countries: Iterable[str] | None = None,
                  issues: Iterable[str] | None = None, kinds: Iterable[str] | None = None,
                  as_of=None, include_context: bool = True) -> pd.DataFrame:
    """Events touching any of the countries / issues, of the given kinds, dated up to ``as_of``."""
    df = events
    if countries:
        wanted = set(countries)
        df = df[df["countries"].map(lambda cs: bool(wanted & set(cs))).astype(bool)]
    if issues:
        wanted_i = set(issues)
        # .astype(bool): on an empty frame the mapped mask has dtype object, which pandas reads as a list
        # of column labels (an empty frame with no columns)
        df = df[df["issues"].map(lambda xs: bool(wanted_i & set(xs))).astype(bool)]
    if kinds:
        df = df[df["kind"].isin(list(kinds))]
    when = _ts(as_of)
    if when is not None:
        df = df[df["date"] <= when]
    if not include_context:
        df = df[~df["context"]]
    return df.reset_index(drop=True)


def changes(stances: pd.DataFrame) -> pd.DataFrame:
    """Every change of position per (country, issue), oldest first.

    A change is a record whose position differs from the previous record (by
    date) for the same country and issue. ``same_source`` is False when the two
    records come from different sources; ``disagreement`` is True when they also lie within
    ``DISAGREE_WINDOW_DAYS`` of each other: then the sources disagree rather than the country
    changing its mind (further apart, the later source's record supersedes: a change).
    """
    cols = ["country", "country_name", "issue", "issue_short", "from_date", "date", "from_position", "to_position",
            "from_label", "to_label", "from_score", "to_score", "from_stance_id", "stance_id", "from_source",
            "source", "same_source", "disagreement", "quote"]
    need = ["country", "country_name", "issue", "issue_short", "date", "position", "position_label", "score",
            "stance_id", "source", "quote"]  # only these are sorted and taken (the table has ~40 columns)
    need += [c for c in ("date_end", "date_precision") if c in stances.columns]
    first = stances.loc[stances["evidence_no"] == 0, need].sort_values(["country", "issue", "date", "stance_id"])
    if first.empty:
        return pd.DataFrame(columns=cols)
    # compare each record with the previous one of its cell, vectorised (a Python loop per record
    # took 0.2 s for the 5,600 records of five countries at 100x data)
    key = first[["country", "issue", "position"]].to_numpy()
    same_cell = (key[1:, 0] == key[:-1, 0]) & (key[1:, 1] == key[:-1, 1])
    at = np.flatnonzero(same_cell & (key[1:, 2] != key[:-1, 2])) + 1  # positions of records that moved
    cur, before = first.iloc[at], first.iloc[at - 1]
    pairs = {"country": cur["country"], "country_name": cur["country_name"], "issue": cur["issue"],
             "issue_short": cur["issue_short"], "from_date": before["date"], "date": cur["date"],
             "from_position": before["position"], "to_position": cur["position"],
             "from_label": before["position_label"], "to_label": cur["position_label"],
             "from_score": before["score"], "to_score": cur["score"], "from_stance_id": before["stance_id"],
             "stance_id": cur["stance_id"], "from_source": before["source"], "source": cur["source"],
             "quote": cur["quote"]}
    out = pd.DataFrame({k: v.array for k, v in pairs.items()})  # .array: by position, dtype kept
    out["same_source"] = out["from_source"].to_numpy() == out["source"].to_numpy()
    lo, hi = spans(first)
    gap = np.maximum(lo.iloc[at].to_numpy() - hi.iloc[at - 1].to_numpy(),
                     lo.iloc[at - 1].to_numpy() - hi.iloc[at].to_numpy())  # days between the two spans
    out["disagreement"] = ~out["same_source"] & (gap <= _WINDOW.to_timedelta64())
    return out[cols]
