"""The stance matrix as plain data: one cell per country x issue, with what is drawn in it.

No streamlit and no renderer here: ``model`` says where each cell sits (column ``x``, row ``y``), its
colour, the lines of its label, its outline, and its hover text as plain strings; an adapter
(``coalition.render.plotly``) turns that into a figure and escapes the text for its renderer.

Colour is never the only signal: every cell names its position, a disputed cell adds "⇄" and a
strong dark outline, a low-confidence cell "?" with a faded fill and a dotted outline.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd

from .. import palette
from ..validate import REGIONS
from .cite import outlet_shown

SORTS = ("country", "region", "score")
DISPUTED_MARK = "⇄"
LOW_CONFIDENCE_MARK = "?"
NO_RECORD_TEXT = "no record"
DISPUTED_LINE = "#111111"
DISPUTED_WIDTH = 3.0
LOW_CONFIDENCE_LINE = "#555555"
LOW_CONFIDENCE_WIDTH = 1.5
LOW_CONFIDENCE_OPACITY = 0.5
SELECTED_LINE = "#f5b700"
SELECTED_WIDTH = 4.0
FOCUS_BAND = "#fff3c4"
TEXT = "#262730"          # headings, the focused column's label
MUTED = "#555555"         # other axis labels, the "no record" label
DARK = "#111111"          # labels on light or faded cells
ROW_PX = 44               # height of a row: the figure grows with the countries
CELL_BAND = 0.92          # share of a row / column a cell fills (the rest is the white gap)
CELL_LINE_CHARS = 12      # a cell's label wraps at this many characters
COLUMN_LINE_CHARS = 11    # a column label wraps at this many characters
NARROW_NAME_CHARS = 12    # on a phone a country name wraps at this many characters
NARROW_COLUMNS = 3        # columns in view at first on a phone (the rest pan into view)
NARROW_ROWS = 12          # rows in view at first on a phone: the chart stays shorter than the screen, so a
                          # swipe beside it scrolls the page (plotly keeps swipes that start on the cells)
PEEK = 0.3                # share of the next column / row shown at the edge, a hint that more pan into view
COLUMN_MIN_PX = 72        # narrowest column in which every cell label fits
CHAR_PX = 6.6             # width of a character of a 12 px label (Source Sans Pro / Arial), for margins
FONT_PX = {"cell": 11, "empty": 9, "row": 12, "region": 10, "column": 11}
BOTTOM_PX = 6             # room under the last row
TOP_PX = 28               # room above the column labels: plotly's modebar (fullscreen) sits there on hover
HOVER_CHARS = 90          # a hover line is shortened to this many characters
NARROW_HOVER_CHARS = 44   # on a phone hover lines wrap at this many characters (the box stays on screen)
NONE = "—"
CLICK = "Click for the evidence"
# On a touch screen plotly selects, on a tap, the point whose hover box is showing: the first tap
# shows the box, the next tap opens that cell's evidence (tested in Chromium with touch events).
TAP = "Tap again to open the evidence"


# 1. small text helpers ----------------------------------------------------------
def plain(text) -> str:
    """Data text as a plain string ('' for None/NaN)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return str(text)


def shorten(text, width: int = 140) -> str:
    """One line of at most ``width`` characters, cut at a word, with an ellipsis ('' for None)."""
    text = " ".join(str(text or "").split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut).rstrip() + " …"


def wrap_label(text, width: int = COLUMN_LINE_CHARS, lines: int = 2) -> tuple[str, ...]:
    """A short label broken into at most ``lines`` lines."""
    parts = textwrap.wrap(str(text), width=width, break_long_words=False) or [""]
    if len(parts) > lines:
        parts = parts[: lines - 1] + [" ".join(parts[lines - 1:])]
    return tuple(parts)


def wrap_lines(lines, width: int) -> tuple[str, ...]:
    """Each line wrapped at ``width`` characters (a hover box that stays on a phone's screen)."""
    return tuple(part for line in lines for part in (textwrap.wrap(line, width=width) or [""]))


def _date(ts, fmt: str = "%d %b %Y") -> str:
    return "" if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime(fmt).lstrip("0")


# 2. the grid (renderer-independent) -----------------------------------------------
def cell_text(label, disputed: bool, low: bool) -> str:
    """The label shown in a cell, with the marks that say 'disputed' / 'low confidence'."""
    if label is None or (isinstance(label, float) and pd.isna(label)):
        return NO_RECORD_TEXT
    marks = (f" {DISPUTED_MARK}" if disputed else "") + (f" {LOW_CONFIDENCE_MARK}" if low else "")
    return f"{label}{marks}"


def cell_lines(label, disputed: bool, low: bool, width: int = CELL_LINE_CHARS) -> tuple[str, ...]:
    """cell_text broken into lines that fit a cell; the marks go on the last line (or a line of their own)."""
    text = cell_text(label, disputed, low)
    if len(text) <= width or text == NO_RECORD_TEXT:
        return (text,)
    marks = text[len(str(label)):].strip()
    lines = textwrap.wrap(str(label), width=width, break_long_words=False) or [""]
    if marks:
        if len(lines[-1]) + 1 + len(marks) <= width:
            lines[-1] = f"{lines[-1]} {marks}"
        else:
            lines.append(marks)
    return tuple(lines)


def matrix_grid(cells: pd.DataFrame, countries: pd.DataFrame, issues: pd.DataFrame) -> pd.DataFrame:
    """One row per country x issue (every pair, with or without a record).

    ``countries`` has country, country_name, region; ``issues`` has issue, short,
    question (in display order). Cells without a record have ``has_record`` False
    and NaN position/score.
    """
    base = countries[["country", "country_name", "region"]].merge(
        issues[["issue", "short", "question"]], how="cross")
    keep = ["country", "issue", "position", "position_label", "score", "date", "confidence", "summary",
            "conditions", "quote", "source", "outlet", "stance_id", "n_records", "n_sources", "positions",
            "disputed", "low_confidence"]
    grid = base.merge(cells[keep], on=["country", "issue"], how="left")
    grid["date"] = pd.to_datetime(grid["date"])
    grid["has_record"] = grid["position"].notna()
    grid["disputed"] = grid["disputed"].astype("boolean").fillna(False).astype(bool)
    grid["low_confidence"] = grid["low_confidence"].astype("boolean").fillna(False).astype(bool)
    grid["key"] = grid["country"] + "." + grid["issue"]
    grid["text"] = [cell_text(lbl if has else None, d, lo) for lbl, has, d, lo
                    in zip(grid["position_label"], grid["has_record"], grid["disputed"], grid["low_confidence"])]
    grid["colour"] = [palette.colour(s) if has else palette.NO_RECORD
                      for s, has in zip(grid["score"], grid["has_record"])]
    return grid


def country_order(grid: pd.DataFrame, sort: str = "country", focus: str | None = None) -> list[str]:
    """Country codes top to bottom.

    country: by name; region: by region (west to east, then other continents),
    then name; score: by the score on the ``focus`` issue, highest first, countries
    without a record on it last, ties by name.
    """
    c = grid.drop_duplicates("country")[["country", "country_name", "region"]].copy()
    if sort == "region":
        rank = {r: n for n, r in enumerate(REGIONS)}
        c["_r"] = c["region"].map(rank).fillna(len(rank))
        c = c.sort_values(["_r", "country_name"])
    elif sort == "score" and focus is not None:
        sc = grid[grid["issue"] == focus].set_index("country")["score"]
        c["_s"] = c["country"].map(sc)
        c["_none"] = c["_s"].isna()
        c = c.sort_values(["_none", "_s", "country_name"], ascending=[True, False, True])
    else:
        c = c.sort_values("country_name")
    return list(c["country"])


def matrix_table(grid: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """The accessible alternative: one row per cell with a record, in the chart's order."""
    g = grid[grid["has_record"]].copy()
    rank = {c: n for n, c in enumerate(order)}
    irank = {i: n for n, i in enumerate(dict.fromkeys(grid["issue"]))}
    g = g[g["country"].isin(rank)]
    g["_r"], g["_i"] = g["country"].map(rank), g["issue"].map(irank)
    g = g.sort_values(["_r", "_i"])
    return pd.DataFrame({
        "key": g["key"], "Country": g["country_name"], "Issue": g["short"], "Position": g["text"],
        "Confidence": g["confidence"], "Sources disagree": g["disputed"],
        "All positions": [" / ".join(p) for p in g["positions"]], "Date": g["date"].dt.date,
        "Source": g["source"] + " (" + g["outlet"].map(outlet_shown) + ")",
        "Records": g["n_records"].astype(int),
    }).reset_index(drop=True)


# 3. the view model ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Cell:
    """One drawn cell. ``x`` is its column (0 = the first issue), ``y`` its row (0 = the top country)."""

    key: str                  # "ISO3.issue": what a click on the cell names
    country: str
    issue: str
    x: int
    y: int
    fill: str                 # palette.colour(score), palette.NO_RECORD without a record
    opacity: float            # 1.0, or LOW_CONFIDENCE_OPACITY (faded against white)
    lines: tuple[str, ...]    # the label, line by line (plain text: the adapter escapes it)
    text_colour: str
    text_px: int
    has_record: bool
    disputed: bool
    low: bool
    outline: str | None       # "disputed", "low" or None (disputed wins when both)
    hover_title: str          # "Italy · Sends troops"
    hover_lines: tuple[str, ...]  # question, position, sources, summary, quote, "Click for the evidence"


@dataclass(frozen=True, slots=True)
class Column:
    issue: str
    short: str
    question: str
    lines: tuple[str, ...]    # the column label, line by line
    focus: bool               # the issue in focus: bold label, banded column


@dataclass(frozen=True, slots=True)
class Row:
    country: str
    name: str
    lines: tuple[str, ...]    # the name (two lines on a phone when long)
    region: str | None        # shown under the name when sorted by region


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """One entry of the matrix key (the page draws it): a swatch with its text and how it is outlined."""

    label: str                # text inside the swatch
    note: str                 # text after the swatch ('' for the colour entries)
    fill: str
    text_colour: str
    border_colour: str
    border_px: float
    border_style: str         # "solid", "dotted" or "none"
    opacity: float


@dataclass(frozen=True, slots=True)
class MatrixModel:
    cells: tuple[Cell, ...]   # row by row, top to bottom, each row left to right
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    focus: str | None
    focus_x: int | None       # the column of the issue in focus (None when it is not shown)
    sort: str
    narrow: bool
    row_px: int               # height of a row
    plot_height_px: int       # rows x row_px
    top_px: int               # room above the cells for the column labels
    left_px: int              # room left of the cells for the row labels
    visible_columns: int      # columns in view at first (all on a wide screen; NARROW_COLUMNS on a phone)
    visible_rows: int         # rows in view at first (all on a wide screen; NARROW_ROWS on a phone)
    min_width_px: int         # narrowest chart in which every column keeps COLUMN_MIN_PX (wide screens)

    @property
    def order(self) -> list[str]:
        return [r.country for r in self.rows]

    @property
    def issues(self) -> list[str]:
        return [c.issue for c in self.columns]

    @property
    def height_px(self) -> int:
        return self.plot_height_px + self.top_px + BOTTOM_PX

    @property
    def x_range(self) -> tuple[float, float]:
        """The columns in view at first (plot x coordinates: column n is centred on n): all of them, or on a
        phone a window that shows the issue in focus (second from the left where it can be)."""
        n = len(self.columns)
        if self.visible_columns >= n:
            return (-0.5, n - 0.5)
        return window(self.focus_x - 1 if self.focus_x is not None else 0, self.visible_columns, n)

    @property
    def y_range(self) -> tuple[float, float]:
        """The rows in view at first, top to bottom (row n is centred on n; the axis runs downwards)."""
        n = len(self.rows)
        return (n - 0.5, -0.5) if self.visible_rows >= n else (self.visible_rows - 0.5 + PEEK, -0.5)

    @property
    def pans(self) -> tuple[bool, bool]:
        """(x, y): whether more columns / rows than those in view pan into view."""
        return self.visible_columns < len(self.columns), self.visible_rows < len(self.rows)

    def cell(self, key: str) -> Cell | None:
        return next((c for c in self.cells if c.key == key), None)



def window(first: int, size: int, n: int) -> tuple[float, float]:
    """The plot range that shows ``size`` of ``n`` columns (or rows) from ``first`` (moved back where the
    window would run past the end), plus a PEEK of the next one: a hint that more pan into view."""
    first = max(0, min(first, n - size))
    return (first - 0.5, first + size - 0.5 + (PEEK if first + size < n else 0.0))


def _hover(r) -> tuple[str, tuple[str, ...]]:
    """(title, lines) of a cell's hover text, plain."""
    title = f"{plain(r.country_name)} · {plain(r.short)}"
    question = plain(r.question) or NONE
    if not r.has_record:
        return title, (question, palette.NO_RECORD_LABEL, CLICK)
    n = int(r.n_records) if not pd.isna(r.n_records) else 1
    outlet = outlet_shown(plain(r.outlet))
    lines = [question, f"Position: {plain(r.position_label)} ({plain(r.confidence)}, {_date(r.date)})",
             (f"{DISPUTED_MARK} Sources disagree: " + " / ".join(map(str, r.positions))) if r.disputed
             else (f"{n} records, same position" if n > 1 else "1 record")]
    if plain(r.summary):
        lines.append(shorten(r.summary, HOVER_CHARS))
    if plain(r.quote):
        lines.append(f"“{shorten(r.quote, HOVER_CHARS)}” ({outlet})")
    lines.append(CLICK)
    return title, tuple(lines)


def _text_width(lines, px: float) -> float:
    return max((len(s) for s in lines), default=0) * px


def model(grid: pd.DataFrame, focus: str | None = None, sort: str = "country", narrow: bool = False) -> MatrixModel:
    """What the matrix draws for ``grid`` (``matrix_grid``), its rows in ``country_order(grid, sort, focus)``.

    ``narrow`` (a phone, ~360 px): country names wrap to two lines so the row labels stay narrow,
    and only NARROW_COLUMNS issues are in view at first (the adapter lets the rest pan into view).
    """
    sort = sort if sort in SORTS else "country"
    order = country_order(grid, sort, focus)
    issues = list(dict.fromkeys(grid["issue"]))
    first = grid.drop_duplicates("issue").set_index("issue")
    names = dict(zip(grid["country"], grid["country_name"]))
    regions = dict(zip(grid["country"], grid["region"]))
    xi = {i: n for n, i in enumerate(issues)}
    yi = {c: n for n, c in enumerate(order)}

    columns = tuple(Column(issue=i, short=plain(first.at[i, "short"]), question=plain(first.at[i, "question"]),
                           lines=wrap_label(plain(first.at[i, "short"])), focus=i == focus) for i in issues)
    rows = []
    for c in order:
        name = plain(names[c])
        lines = wrap_label(name, NARROW_NAME_CHARS) if narrow else (name,)
        rows.append(Row(country=c, name=name, lines=lines,
                        region=plain(regions[c]) if sort == "region" else None))

    g = grid[grid["country"].isin(yi)].copy()
    g["gy"], g["gx"] = g["country"].map(yi), g["issue"].map(xi)
    g = g.sort_values(["gy", "gx"])
    cells = []
    for r in g.itertuples():
        has, disputed, low = bool(r.has_record), bool(r.disputed), bool(r.low_confidence)
        title, hover = _hover(r)
        if narrow:
            hover = wrap_lines(hover[:-1] + (TAP,), NARROW_HOVER_CHARS)
        cells.append(Cell(
            key=r.key, country=r.country, issue=r.issue, x=int(r.gx), y=int(r.gy),
            fill=r.colour, opacity=LOW_CONFIDENCE_OPACITY if low else 1.0,
            lines=cell_lines(r.position_label if has else None, disputed, low),
            text_colour=(DARK if low else palette.text_colour(r.score)) if has else MUTED,
            text_px=FONT_PX["cell"] if has else FONT_PX["empty"],
            has_record=has, disputed=disputed, low=low,
            outline="disputed" if disputed else ("low" if low else None),
            hover_title=title, hover_lines=hover,
        ))

    label_lines = max((len(c.lines) for c in columns), default=1)
    left = max([_text_width(r.lines, CHAR_PX) for r in rows]
               + [_text_width([r.region], CHAR_PX * FONT_PX["region"] / FONT_PX["row"]) for r in rows if r.region]
               + [40])
    return MatrixModel(
        cells=tuple(cells), columns=columns, rows=tuple(rows), focus=focus,
        focus_x=xi.get(focus), sort=sort, narrow=narrow, row_px=ROW_PX,
        plot_height_px=int(ROW_PX * (min(NARROW_ROWS + PEEK, len(order)) if narrow else len(order))),
        top_px=TOP_PX + 14 * label_lines, left_px=int(left) + 12,
        visible_columns=min(NARROW_COLUMNS, len(columns)) if narrow else len(columns),
        visible_rows=min(NARROW_ROWS, len(rows)) if narrow else len(rows),
        min_width_px=COLUMN_MIN_PX * len(columns) + int(left) + 12,
    )


def key_entries() -> tuple[KeyEntry, ...]:
    """What the colours and marks in the matrix mean, in the order to draw them (colour entries first)."""
    scores = [(2, "Yes / for"), (0, "Undecided / unclear"), (-1, "No, with a condition / unlikely"),
              (-2, "No / against")]
    out = [KeyEntry(label=t, note="", fill=palette.colour(s), text_colour=palette.text_colour(s),
                    border_colour="#888888", border_px=1, border_style="solid", opacity=1.0) for s, t in scores]
    out.append(KeyEntry(label=f"{NO_RECORD_TEXT}: {palette.NO_RECORD_LABEL.lower()}", note="",
                        fill=palette.NO_RECORD, text_colour=MUTED, border_colour="#888888", border_px=1,
                        border_style="solid", opacity=1.0))
    out += [
        KeyEntry(label=f"Label {DISPUTED_MARK}", note="sources disagree (the newest record is shown)",
                 fill="#ffffff", text_colour=DARK, border_colour=DISPUTED_LINE, border_px=DISPUTED_WIDTH,
                 border_style="solid", opacity=1.0),
        KeyEntry(label=f"Label {LOW_CONFIDENCE_MARK}", note="faded: only rumoured, or the source says it is unclear",
                 fill=palette.colour(0), text_colour=DARK, border_colour=LOW_CONFIDENCE_LINE,
                 border_px=LOW_CONFIDENCE_WIDTH, border_style="dotted", opacity=LOW_CONFIDENCE_OPACITY + 0.2),
        KeyEntry(label="bold column", note="the issue in focus", fill=FOCUS_BAND, text_colour=TEXT,
                 border_colour=FOCUS_BAND, border_px=0, border_style="none", opacity=1.0),
        KeyEntry(label="gold ring", note="the selected cell", fill="#ffffff", text_colour=TEXT,
                 border_colour=SELECTED_LINE, border_px=3, border_style="solid", opacity=1.0),
    ]
    return tuple(out)
