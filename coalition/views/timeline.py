"""The timeline as plain data: events on a date axis, one lane per kind, the historical context apart.

No streamlit and no renderer here. ``model`` gives two panels: ``context`` (the 1953 and 2003
precedents the sources cite, on their own scale) and ``main`` (March 2025: one lane per kind,
events of one kind on one day stacked). Each event carries its list number (``timeline_rows``: the
page lists the events with the same numbers), its colour, whether it is hollow (planned), the span
of a date range or an approximate date, its hover text, and a short title placed beside it where
it fits at the assumed chart width (skipped where it would run into a neighbour in its row). An event
only known to come after a day (``after``) is drawn at that day with a dashed line running right to an
arrowhead; one the source gives no date for (``unknown``) at the date of the report, with a "?" beside
its marker.
"""
from __future__ import annotations

import bisect
import math
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import actors, palette
from .cite import outlet_shown
from .matrix import CLICK, TAP, plain, shorten, wrap_lines

KIND_ORDER = ("meeting", "call", "statement", "report")
KIND_LABELS = {"meeting": "Meetings", "call": "Calls", "statement": "Statements", "report": "Reports",
               "context": "Historical context"}
CONTEXT_TITLE = "Historical context cited by the sources (own scale)"
CONTEXT_LANE = "Context"
OTHER_COLOUR = "#666666"  # a kind without a palette colour
CONTEXT_NUMBER = "#111111"  # numbers on the grey context markers
HOLLOW_NUMBER = "#262730"   # numbers on planned (hollow) markers
FILLED_NUMBER = "#ffffff"   # numbers on filled markers
SELECTED_LINE = "#f5b700"
SPAN_PX = 3               # width of the line of a date range / approximate date / "after" date
AFTER_DAYS = 3            # an "after" date's dashed line runs right this many days at least ...
AFTER_PX = 56             # ... and this many px at the assumed chart width (a day is a few px over months)
ARROW_PX = 10             # the arrowhead at the end of an "after" date's line
UNKNOWN_MARK = "?"        # drawn beside the marker of an event with no date given
UNKNOWN_PX = 13           # its font size
EVENT_ROW_PX = 30         # height of one stacked row of events
MARKER_PX = 24            # diameter of an event marker (NARROW_MARKER_PX on a phone)
NARROW_MARKER_PX = 20
RING_PX = 34              # diameter of the selected event's ring (+ 4 px line)
MAX_STACK = 10            # events of one kind on one day stack this high, then wrap (and overlap)
LABEL_PX = 11             # font size of the titles beside the markers
CHAR_PX = 6.0             # assumed width of one character of a LABEL_PX title (wide enough for Arial)
LABEL_CHARS = 34          # a title beside a marker is cut to this many characters (NARROW_LABEL_CHARS on a phone)
NARROW_LABEL_CHARS = 20
MIN_LABEL_CHARS = 8       # shorter than this, a title is left out (the number and the list still say it)
LABEL_GAP_PX = 6          # free room kept between a title and the next mark in its row
WIDTH_PX = 860            # assumed chart width on a wide screen (the wide layout with the sidebar open)
NARROW_WIDTH_PX = 360     # ... and on a phone
RIGHT_PX = 12
TOP_PX = 24               # room for the first panel's title
GAP_PX = 56               # between the panels: the context's year ticks and the March title
BOTTOM_PX = 28            # the date ticks under the March panel
CONTEXT_BOTTOM_PX = 26    # the year ticks when the context panel is alone
HOVER_CHARS = 90
NARROW_HOVER_CHARS = 44
DAY = pd.Timedelta(days=1)
NONE = "—"


# 1. rows and dates (renderer-independent) ----------------------------------------------
def _date(ts, fmt: str = "%d %b %Y") -> str:
    return "" if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime(fmt).lstrip("0")


def _iso(ts) -> str:
    """A moment as plotly reads a date axis value: 'YYYY-MM-DD' at midnight, 'YYYY-MM-DD HH:MM' otherwise."""
    t = pd.Timestamp(ts)
    return t.strftime("%Y-%m-%d") if (t.hour, t.minute) == (0, 0) else t.strftime("%Y-%m-%d %H:%M")


def date_text(r) -> str:
    """'15–16 Mar 2025 (range)', '2 Mar 2025 (approximate)', '1953', 'after 20 Apr 2025 (planned)',
    'date not given (reported 5 Sep 2025; planned)' ..."""
    if r.date_precision == "unknown":  # actors.when: 'date not given (reported 5 Sep 2025)'
        out = actors.when(pd.Timestamp(r.date), "unknown", fmt="%-d %b %Y")
        return out[:-1] + "; planned)" if r.status == "planned" else out
    if r.date_precision == "after":  # 'after 20 Apr 2025'
        out = actors.when(pd.Timestamp(r.date), "after", fmt="%-d %b %Y")
    elif r.date_precision == "year":
        out = f"{pd.Timestamp(r.date).year}"
    elif r.date_end is not None and not pd.isna(r.date_end):
        a, b = pd.Timestamp(r.date), pd.Timestamp(r.date_end)
        out = f"{a.day}–{_date(b)}" if (a.year, a.month) == (b.year, b.month) else f"{_date(a)} – {_date(b)}"
    else:
        out = _date(r.date)
    notes = []
    if r.date_precision in ("approximate", "range"):
        notes.append(r.date_precision)
    if r.status == "planned":
        notes.append("planned")
    return out + (f" ({', '.join(notes)})" if notes else "")


def _left_px(main: pd.DataFrame, with_context: bool) -> int:
    """Room for the lane labels left of the plot."""
    lanes = [KIND_LABELS.get(k, plain(k)) for k in _kinds(main)] + ([CONTEXT_LANE] if with_context else [])
    return int(max([len(s) for s in lanes] + [4]) * CHAR_PX) + 14


def _plot_width(main: pd.DataFrame, with_context: bool, narrow: bool, width_px: int | None) -> tuple[int, int, int]:
    """(chart width, left margin, plot width) the timeline is laid out for."""
    width = int(width_px or (NARROW_WIDTH_PX if narrow else WIDTH_PX))
    left = _left_px(main, with_context)
    return width, left, max(width - left - RIGHT_PX, 60)  # TimelineModel.plot_width_px


def _main_range(main: pd.DataFrame, plot_w: float) -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp]:
    """(left edge, right edge, last day) of the main panel's date axis: the events' days and date ranges
    with 1.5 days either side, at least about a week, and room for the lines of "after" dates."""
    lo = main["date"].min() - 1.5 * DAY
    last = pd.concat([main["date"], main["date_end"].dropna()]).max()
    hi = last + 1.5 * DAY
    if hi - lo < pd.Timedelta(days=8):  # keep whole-day ticks: never zoom in below about a week
        pad = (pd.Timedelta(days=8) - (hi - lo)) / 2
        lo, hi = lo - pad, hi + pad
    after = main["date_precision"] == "after"
    if after.any():  # room for the dashed lines and arrowheads of "after" dates
        hi = max(hi, main.loc[after, "date"].max() + _after_days(lo, hi, plot_w) + 1.5 * DAY)
    return lo, hi, last


def _slots(rows: pd.DataFrame, reach: pd.Timedelta, after_len: pd.Timedelta) -> list[int]:
    """A row slot for each event of one kind (in date order), so that no marker covers another marker or
    a span line at the chart's scale: an event takes the first slot whose last event ends (its marker,
    ``reach`` either side of its day, or its span line) before its own marker begins. Beyond MAX_STACK
    busy slots, the slot used least recently (and least often) takes it: markers then overlap, so the
    chart keeps a readable height. On an axis of days, events of one day stack and those a day apart
    do not (as before); on an axis of months, events a few days apart stack too."""
    def days(ts) -> np.ndarray:  # plain floats (days): the loop below runs once per event
        return pd.to_datetime(ts).to_numpy(dtype="datetime64[ns]").astype("int64") / DAY.value

    r, after = reach / DAY, after_len / DAY
    start = days(rows["date"])
    stop = start + r
    ends = rows["date_end"].notna().to_numpy()
    stop[ends] = np.maximum(stop[ends], days(rows.loc[rows["date_end"].notna(), "date_end"]))
    precision = rows["date_precision"].to_numpy()
    approx, later = (precision == "approximate") & ~ends, (precision == "after") & ~ends
    stop[approx] = np.maximum(stop[approx], start[approx] + 1.0)
    stop[later] = np.maximum(stop[later], start[later] + after + r)  # the line and its arrowhead
    busy = [-math.inf] * MAX_STACK  # where each slot's last event ends
    uses = [0] * MAX_STACK
    out = []
    for a, b in zip((start - r).tolist(), stop.tolist()):
        slot = next((i for i in range(MAX_STACK) if busy[i] <= a), None)
        if slot is None:
            slot = min(range(MAX_STACK), key=lambda i: (busy[i], uses[i], i))
        busy[slot], uses[slot] = max(busy[slot], b), uses[slot] + 1
        out.append(slot)
    return out


def timeline_rows(events: pd.DataFrame, narrow: bool = False, width_px: int | None = None) -> pd.DataFrame:
    """Events with a list number ``n`` (date order, context last) and a y slot.

    Main events sit in one band per kind; events of the same kind whose markers would touch at the
    chart's scale (``narrow``, ``width_px``: as ``model``) are stacked within the band so none hides
    another (up to MAX_STACK deep; more than that wrap round and overlap, so the chart keeps a readable
    height). ``band_y`` gives each kind's label position.
    """
    ev = events.copy()
    ev["ctx"] = ev["context"].astype(bool) | (ev["kind"] == "context")
    ev = ev.sort_values(["ctx", "date", "event_id"]).reset_index(drop=True)
    ev["n"] = range(1, len(ev) + 1)
    ev["y"] = 0.0
    ev["band_y"] = 0.0
    main = ev[~ev["ctx"]]
    if not main.empty:
        _, _, plot_w = _plot_width(main, bool(ev["ctx"].any()), narrow, width_px)
        lo, hi, _ = _main_range(main, plot_w)
        day_px = plot_w / ((hi - lo) / DAY)
        reach = DAY * (((NARROW_MARKER_PX if narrow else MARKER_PX) / 2 + 1) / day_px)
        after_len = _after_days(lo, hi, plot_w)
    top = 0.0
    for kind in list(KIND_ORDER) + sorted(set(main["kind"]) - set(KIND_ORDER)):
        rows = main[main["kind"] == kind]
        if rows.empty:
            continue
        slot = pd.Series(_slots(rows, reach, after_len), index=rows.index)
        height = int(slot.max()) + 1
        ev.loc[rows.index, "y"] = top + slot.astype(float)
        ev.loc[rows.index, "band_y"] = top + (height - 1) / 2
        top += height + 0.6
    ctx = ev[ev["ctx"]]
    ev.loc[ctx.index, "y"] = (ctx.groupby(ctx["date"].dt.year).cumcount() % MAX_STACK).astype(float)
    return ev


def attendance_by_event(frames) -> dict[str, tuple[tuple[str, str, bool], ...]]:
    """How each country took part, for every event whose records say so (a role, a video link, absent):
    ``{event_id: ((country_name, how, absent), ...)}``, ``how`` as ``actors.event_attendance`` words it
    ('leader, by video link', 'observer', 'absent', '' where nothing is said), absent countries last.
    One pass over ``frames.participants`` (the same grouping as actors.event_attendance, for all events)."""
    p = getattr(frames, "participants", None)
    if p is None or p.empty or "attended_as" not in p.columns:
        return {}
    remote = p["remote"].astype(bool) if "remote" in p.columns else pd.Series(False, index=p.index)
    told = set(p.loc[(p["attended_as"] != "") | remote, "event_id"])
    if not told:
        return {}
    p = p[p["event_id"].isin(told)]
    remote = remote[p.index]
    seen: dict[str, dict[str, list]] = {}
    for r, rem in zip(p.itertuples(), remote):
        entry = seen.setdefault(r.event_id, {}).setdefault(r.country, [str(r.country_name), [], False])
        text = actors.attendance_text(r.person, r.role, r.attended_as, bool(rem))
        if text:
            entry[1].append(text)
        entry[2] = entry[2] or r.attended_as == "absent"
    return {eid: tuple(sorted(((name, "; ".join(texts), absent) for name, texts, absent in by.values()),
                              key=lambda t: t[2]))
            for eid, by in seen.items()}


def participants_text(countries, names: dict, attendance=None) -> str:
    """The countries of an event for one line: 'France, United Kingdom'; with the event's
    ``attendance_by_event`` entry, how each took part: 'France (Emmanuel Macron, leader), Italy (leader,
    by video link), Greece (observer); absent: United States'. Plain text: the caller escapes it."""
    if not attendance:
        return ", ".join(names.get(c, c) for c in countries)
    there = [f"{name} ({how})" if how else name for name, how, absent in attendance if not absent]
    away = [name for name, _, absent in attendance if absent]
    return "; ".join(part for part in (", ".join(there), ("absent: " + ", ".join(away)) if away else "") if part)


def event_table(rows: pd.DataFrame, names: dict, attendance: dict | None = None) -> pd.DataFrame:
    """The events as a table (the chart's accessible alternative), in the chart's numbering: event_id
    (the key; not shown), No., When, Kind, Event, Participants, Status. With ``attendance``
    (``attendance_by_event``), Participants says how each country took part."""
    attendance = attendance or {}
    return pd.DataFrame({
        "event_id": rows["event_id"], "No.": rows["n"].astype(int),
        "When": [date_text(r) for r in rows.itertuples()],
        "Kind": [plain(k).capitalize() for k in rows["kind"]], "Event": rows["title"].map(plain),
        "Participants": [participants_text(cs, names, attendance.get(eid))
                         for eid, cs in zip(rows["event_id"], rows["countries"])],
        "Status": rows["status"].map(plain),
    }).reset_index(drop=True)


def _kinds(main: pd.DataFrame) -> list[str]:
    present = set(main["kind"])
    return [k for k in KIND_ORDER if k in present] + sorted(present - set(KIND_ORDER))


def legend(events: pd.DataFrame) -> list[dict]:
    """The legend's entries for the March panel, in order: a dot per kind shown, then the marks in use
    (planned: hollow; a date range: solid line; an approximate date: dotted line; only known to come
    after a day: a dashed line with an arrowhead; no date given: a "?"). Plain data: each entry is
    ``{"mark": "dot"|"hollow"|"line"|"dotted"|"after"|"unknown", "label": str, "colour": "#rrggbb"}``."""
    ev = events
    ctx = ev["context"].astype(bool) | (ev["kind"] == "context")
    main = ev[~ctx]
    if main.empty:
        return []
    out = [{"mark": "dot", "label": KIND_LABELS.get(k, k), "colour": palette.KIND_COLOURS.get(k, OTHER_COLOUR)}
           for k in _kinds(main)]
    if (main["status"] == "planned").any():
        out.append({"mark": "hollow", "label": "planned (hollow)", "colour": "#555555"})
    if main["date_end"].notna().any():
        out.append({"mark": "line", "label": "date range", "colour": "#555555"})
    if (main["date_end"].isna() & (main["date_precision"] == "approximate")).any():
        out.append({"mark": "dotted", "label": "approximate date", "colour": "#555555"})
    if (main["date_precision"] == "after").any():
        out.append({"mark": "after", "label": "after a date", "colour": "#555555"})
    if (main["date_precision"] == "unknown").any():
        out.append({"mark": "unknown", "label": "date not given (at the report's date)", "colour": "#555555"})
    return out


# 2. the view model -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Event:
    event_id: str             # what a click on the marker names
    n: int                    # the list number drawn on the marker
    kind: str
    date: str                 # ISO day of the marker
    y: float                  # row within its panel (0 = top)
    colour: str               # palette.KIND_COLOURS[kind]: the marker's outline (and fill unless planned)
    planned: bool             # drawn hollow: white fill, thick outline
    fill: str
    number_colour: str
    span: tuple[str, str] | None  # (from, to) of a date range, of an approximate date (±1 day), or of the
    #                               dashed line of an "after" date (the day, then AFTER_DAYS / AFTER_PX right)
    span_style: str | None    # "range" (solid line), "approximate" (dotted) or "after" (dashed, arrowhead)
    date_unknown: bool        # no date given: drawn at the report's date with a "?" beside the marker
    label: str                # short title drawn beside the marker ('' where none fits)
    label_side: str | None    # "right" or "left" of the anchor
    label_at: str | None      # the anchor's date: the marker, or the end of its span on the label's side
    hover_title: str
    hover_lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lane:
    kind: str
    label: str
    y: float                  # where the lane's label sits (the middle of its rows)


@dataclass(frozen=True, slots=True)
class Panel:
    name: str                 # "context" or "main"
    title: str
    x_range: tuple[str, str]  # dates at the left and right edge
    ticks: tuple[tuple[str, str], ...]  # (date, label) of each tick on the date axis
    y_range: tuple[float, float]  # (bottom, top) in rows: the axis runs downwards
    lanes: tuple[Lane, ...]
    height_px: int            # height of the plot area
    events: tuple[Event, ...]  # in list order


@dataclass(frozen=True, slots=True)
class TimelineModel:
    context: Panel | None     # drawn above main
    main: Panel | None
    order: tuple[str, ...]    # event ids in list order (numbers 1..n)
    narrow: bool
    width_px: int             # the width the titles were placed for
    left_px: int              # room for the lane labels
    right_px: int
    top_px: int
    gap_px: int               # between the panels (0 with one panel)
    bottom_px: int
    marker_px: int
    label_offset_px: float    # distance from a title's anchor (marker centre or span end) to the title

    @property
    def panels(self) -> tuple[Panel, ...]:
        return tuple(p for p in (self.context, self.main) if p is not None)

    @property
    def height_px(self) -> int:
        return self.top_px + sum(p.height_px for p in self.panels) + self.gap_px + self.bottom_px

    @property
    def plot_width_px(self) -> int:
        """Width of the panels' plot area at the assumed chart width (what the titles were placed for)."""
        return max(self.width_px - self.left_px - self.right_px, 60)

    def event(self, event_id: str) -> Event | None:
        return next((e for p in self.panels for e in p.events if e.event_id == event_id), None)


def _hover(r, names: dict, quote: str, outlet: str, attendance=None) -> tuple[str, tuple[str, ...]]:
    lines = [f"{date_text(r)} · {plain(r.kind)} · {plain(r.status)}"]
    if attendance:
        there = [f"{name} ({how})" if how else name for name, how, absent in attendance if not absent]
        away = [name for name, _, absent in attendance if absent]
        if there:
            lines.append("Participants: " + ", ".join(there))
        if away:
            lines.append("Absent: " + ", ".join(away))
    elif len(r.countries):
        lines.append("Participants: " + ", ".join(str(names.get(c, c)) for c in r.countries))
    if r.people:
        lines.append("People: " + shorten("; ".join(map(str, r.people)), HOVER_CHARS))
    if quote:
        outlet = outlet_shown(outlet)
        lines.append(f"“{shorten(quote, HOVER_CHARS)}” ({outlet})")
    lines.append(CLICK)
    return plain(r.title), tuple(lines)


def fit_title(title: str, chars: int) -> str:
    """``title`` in at most ``chars`` characters (cut at a word, with '…'); '' when too little of it fits."""
    title = " ".join(str(title).split())
    if len(title) <= chars:
        return title
    if chars < MIN_LABEL_CHARS:
        return ""
    cut = textwrap.shorten(title, width=chars, placeholder="…")
    return cut if len(cut) >= MIN_LABEL_CHARS else ""


def _disjoint(intervals) -> list[list[float]]:
    """Intervals sorted and merged where they overlap."""
    out: list[list[float]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def _place_labels(rows: list[dict], px, plot_w: float, r_px: float, offset: float, max_chars: int) -> None:
    """Give each event of one panel a title beside it where one fits in its row.

    Obstacles in a row: every marker (its diameter), every span line, every title already placed.
    Events are taken in list order; each tries the room right of its marker (or of its span's end),
    then left of it (or of its span's start), and takes the side with room for the longer title.
    Obstacles are kept as sorted, disjoint intervals (a title only goes into free room), so finding
    the free room beside a marker is a bisection.
    """
    by_row: dict[float, list[dict]] = {}
    for r in rows:
        x = px(r["date"])
        lo, hi = x - r_px, x + r_px
        s0 = s1 = x
        if r["span"]:
            s0, s1 = px(r["span"][0]), px(r["span"][1])
            lo, hi = min(lo, s0), max(hi, s1)
        r["_x"], r["_lo"], r["_hi"], r["_s0"], r["_s1"] = x, lo, hi, s0, s1
        by_row.setdefault(r["y"], []).append(r)
    for row in by_row.values():
        free = _disjoint((r["_lo"], r["_hi"]) for r in row)
        starts, ends = [a for a, _ in free], [b for _, b in free]
        for r in sorted(row, key=lambda r: r["n"]):
            # the anchors the renderer draws a title at (label_at): the span's ends, the marker without one; a
            # span shorter than the marker (a day is a few px on an axis of months) ends inside the marker
            right_at, left_at = r["_s1"], r["_s0"]
            start = max(right_at + offset, r["_hi"] + 2)  # past the own marker and span
            i = bisect.bisect_right(ends, start)          # the first obstacle ending after ``start``
            stop = (starts[i] if i < len(starts) else plot_w) - LABEL_GAP_PX
            stop = min(stop, plot_w - LABEL_GAP_PX)
            end = min(left_at - offset, r["_lo"] - 2)
            j = bisect.bisect_left(starts, end) - 1       # the last obstacle starting before ``end``
            begin = (ends[j] if j >= 0 else 0.0) + LABEL_GAP_PX
            room = {"right": (stop - start) / CHAR_PX, "left": (end - begin) / CHAR_PX}
            want = min(len(r["title"]), max_chars)
            side = "right" if room["right"] >= want else ("left" if room["left"] >= want else max(room, key=room.get))
            text = fit_title(r["title"], int(min(max_chars, math.floor(room[side]))))
            if not text:
                continue
            width = len(text) * CHAR_PX
            a, b = (start, start + width) if side == "right" else (end - width, end)
            k = bisect.bisect_left(starts, a)
            starts.insert(k, a)
            ends.insert(k, b)
            r["label"], r["label_side"] = text, side
            r["label_at"] = (r["span"][1] if side == "right" else r["span"][0]) if r["span"] else r["date"]


def _day_ticks(lo: pd.Timestamp, hi: pd.Timestamp, step: int) -> tuple[tuple[str, str], ...]:
    """A tick every ``step`` days from the first whole day in view, labelled '2 Mar'."""
    day = lo.normalize() + (DAY if lo != lo.normalize() else pd.Timedelta(0))
    out = []
    while day <= hi:
        out.append((_iso(day), f"{day.day} {day:%b}"))
        day += step * DAY
    return tuple(out)


def _after_days(lo: pd.Timestamp, hi: pd.Timestamp, plot_w: float) -> pd.Timedelta:
    """Length of an "after" date's dashed line: AFTER_DAYS, or AFTER_PX at the assumed width if longer."""
    return max(AFTER_DAYS * DAY, (hi - lo) * (AFTER_PX / max(plot_w, 1.0)))


def _panel(name: str, rows: pd.DataFrame, names: dict, quotes: dict, outlets: dict, narrow: bool,
           plot_w: float, marker_px: int, offset: float, attendance: dict | None = None) -> Panel:
    after = rows["date_precision"] == "after"
    if name == "main":
        lo, hi, last = _main_range(rows, plot_w)
        days = (hi - lo) / DAY
        step = max(1, math.ceil(days / max(plot_w / (70 if narrow else 60), 1)))  # a label every ~60-70 px
        ticks = _day_ticks(lo, hi, step)
        bands = rows.drop_duplicates("kind")
        lanes = tuple(Lane(kind=k, label=KIND_LABELS.get(k, plain(k)), y=float(b))
                      for k, b in zip(bands["kind"], bands["band_y"]))
        lanes = tuple(sorted(lanes, key=lambda lane: lane.y))
        first = rows["date"].min()
        title = (f"{first:%B %Y}" if (first.year, first.month) == (last.year, last.month)
                 else f"{_date(first)} – {_date(last)}")
    else:
        years = rows["date"].dt.year
        lo, hi = pd.Timestamp(f"{years.min() - 8}-01-01"), pd.Timestamp(f"{years.max() + 9}-01-01")
        ticks = tuple((_iso(d), str(d.year)) for d in rows["date"].drop_duplicates())
        lanes = (Lane(kind="context", label=CONTEXT_LANE, y=float(rows["y"].max()) / 2),)
        title = CONTEXT_TITLE
    y_max = float(rows["y"].max())
    span_ms = (hi - lo).value
    after_len = _after_days(lo, hi, plot_w) if after.any() else None

    def px(iso: str) -> float:
        return (pd.Timestamp(iso) - lo).value / span_ms * plot_w

    recs = []
    for r in rows.itertuples():
        planned = r.status == "planned"
        colour = palette.KIND_COLOURS.get(r.kind, OTHER_COLOUR)
        span = style = None
        if r.date_end is not None and not pd.isna(r.date_end):
            span, style = (_iso(r.date), _iso(r.date_end)), "range"
        elif r.date_precision == "approximate":
            span, style = (_iso(r.date - DAY), _iso(r.date + DAY)), "approximate"
        elif r.date_precision == "after":
            span, style = (_iso(r.date), _iso((r.date + after_len).round("h"))), "after"
        head, hover = _hover(r, names, plain(quotes.get(r.event_id, "")), plain(outlets.get(r.event_id, "")),
                             (attendance or {}).get(r.event_id))
        if narrow:
            hover = wrap_lines(hover[:-1] + (TAP,), NARROW_HOVER_CHARS)
        recs.append({"event_id": r.event_id, "n": int(r.n), "kind": r.kind, "date": _iso(r.date), "y": float(r.y),
                     "colour": colour, "planned": planned, "span": span, "span_style": style,
                     "unknown": r.date_precision == "unknown", "title": head,
                     "hover": hover, "label": "", "label_side": None, "label_at": None})
    _place_labels(recs, px, plot_w, marker_px / 2, offset, NARROW_LABEL_CHARS if narrow else LABEL_CHARS)
    events = tuple(Event(
        event_id=r["event_id"], n=r["n"], kind=r["kind"], date=r["date"], y=r["y"], colour=r["colour"],
        planned=r["planned"], fill="#ffffff" if r["planned"] else r["colour"],
        number_colour=HOLLOW_NUMBER if r["planned"] else (CONTEXT_NUMBER if name == "context" else FILLED_NUMBER),
        span=r["span"], span_style=r["span_style"], date_unknown=r["unknown"], label=r["label"],
        label_side=r["label_side"], label_at=r["label_at"], hover_title=r["title"], hover_lines=r["hover"])
        for r in recs)
    return Panel(name=name, title=title, x_range=(_iso(lo), _iso(hi)), ticks=ticks, y_range=(y_max + 0.8, -0.8),
                 lanes=lanes, height_px=int(round((y_max + 1.6) * EVENT_ROW_PX)), events=events)


def model(events: pd.DataFrame, evidence: pd.DataFrame, names: dict, narrow: bool = False,
          width_px: int | None = None, attendance: dict | None = None) -> TimelineModel:
    """What the timeline draws for ``events`` (filtered ``frames.events``): the context panel above the
    March panel, either left out when it has no event. ``evidence`` is ``frames.event_evidence`` (the
    hover quotes its first quote); ``names`` maps ISO3 codes to country names; ``attendance``
    (``attendance_by_event(frames)``, optional) lets the hover say how each country took part. Titles
    beside the markers are placed for a chart ``width_px`` wide (WIDTH_PX, or NARROW_WIDTH_PX on a phone)."""
    rows = timeline_rows(events, narrow, width_px)  # stacked for this width: numbered as the page's list
    first = evidence.sort_values("evidence_no").drop_duplicates("event_id").set_index("event_id")
    quotes, outlets = first["quote"].to_dict(), first["outlet"].to_dict()
    marker = NARROW_MARKER_PX if narrow else MARKER_PX
    offset = RING_PX / 2 + 4  # a title starts clear of the selected event's ring
    main, ctx = rows[~rows["ctx"]], rows[rows["ctx"]]
    width, left, plot_w = _plot_width(main, not ctx.empty, narrow, width_px)
    panels = {name: _panel(name, part, names, quotes, outlets, narrow, plot_w, marker, offset, attendance)
              if not part.empty else None for name, part in (("context", ctx), ("main", main))}
    both = panels["context"] is not None and panels["main"] is not None
    return TimelineModel(
        context=panels["context"], main=panels["main"], order=tuple(rows["event_id"]), narrow=narrow,
        width_px=width, left_px=left, right_px=RIGHT_PX, top_px=TOP_PX, gap_px=GAP_PX if both else 0,
        bottom_px=BOTTOM_PX if panels["main"] is not None else CONTEXT_BOTTOM_PX, marker_px=marker,
        label_offset_px=offset)
