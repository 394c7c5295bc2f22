"""The map, the stance matrix and the timeline, built once per data version and view.

Each chart is a view model (``coalition.views``) turned into a pydeck deck or a plotly figure by its
adapter (``coalition.render``); both are pure and cost tens of ms at 100x data, so they are cached
here per data version and everything the chart depends on, and shared by sessions (callers only read
what they get), in ``ui.store`` (this process; no client can empty it). A selection only adds a ring to
a shallow copy of the cached figure.

Saved as an image, a chart must say by itself what it shows: given a ``title``, the plotly figures
carry it, the date, their legend and the source line (with the view's ``link``) inside the figure, so
plotly's PNG button (``config=pr.image_config(...)``) saves all of it; ``map_image`` is the map as an
SVG with the same caption (pydeck has no image export).
"""
from __future__ import annotations

import coalition
from coalition.render import caption, deck, map_image as map_img
from coalition.render import plotly as pr
from coalition.views import map as mapview
from coalition.views import matrix as mview
from coalition.views import timeline as tview
from ui.data import Data, cached_call
from ui.store import memo


# 1. the map ---------------------------------------------------------------------------------------
@memo(max_entries=48)
def _map_tables(stamp: tuple, issue: str, countries: tuple, as_of, _data: Data):
    # the cells of every issue come once per data version and date: switching issues reuses them
    cells_of = cached_call(_data, mapview.issue_cells, as_of).get(issue, {})
    return mapview.tables(_data.frames, issue, countries, as_of, cells_of=cells_of)


def map_tables(data: Data, view) -> tuple:
    """(country_table, coloured_table) for the view's issue and filters (mapview.tables)."""
    return _map_tables(data.stamp, view.issue, tuple(view.countries), view.as_of, data)


@memo(max_entries=32)
def _deck(stamp: tuple, issue: str, countries: tuple, as_of, which: str, focus, narrow: bool, _data: Data):
    table, _ = _map_tables(stamp, issue, countries, as_of, _data)
    return deck.build(mapview.model(table, view=which, focus=focus, narrow=narrow))


def map_deck(data: Data, view, which: str, focus: str | None, narrow: bool) -> deck.DeckSpec:
    """The deck for st.pydeck_chart: Europe or World (``which``), the focused country outlined."""
    return _deck(data.stamp, view.issue, tuple(view.countries), view.as_of, which, focus, narrow, data)


def caption_lines(data: Data, as_of, link: str = "") -> tuple[str, str]:
    """(the date line, the source line) of a saved chart of a view on ``as_of`` (None: the latest records):
    "As of 17 March 2025" and "Coalition Tracker · sources: <outlets> · <link>"."""
    latest = cached_call(data, caption.latest_date)
    return caption.as_of_text(as_of, latest), caption.source_line(caption.outlets(data.frames.sources), link)


@memo(max_entries=16)
def _map_image(stamp: tuple, issue: str, countries: tuple, as_of, which: str, link: str, _data: Data) -> bytes:
    table, _ = _map_tables(stamp, issue, countries, as_of, _data)
    svg = map_img.map_svg(table, _data.positions_of.get(issue, []), _data.issue_question.get(issue, issue),
                          *caption_lines(_data, as_of, link), which=which)
    return svg.encode("utf-8")


def map_image(data: Data, view, which: str, link: str = "") -> bytes:
    """The map of the view's issue as an SVG document (bytes, UTF-8): Europe or World (``which``), titled
    with the issue's question, with its legend, date and source line (``link``: the view's address).
    Cached per data version, view and link; made when called, so pass it to ``st.download_button`` as
    a callable: ``data=lambda: charts.map_image(data, view, shown, link)``."""
    return _map_image(data.stamp, view.issue, tuple(view.countries), view.as_of, which, link, data)


# 2. the stance matrix --------------------------------------------------------------------------------
@memo(max_entries=16)
def _matrix_grid(stamp: tuple, countries: tuple, as_of, _data: Data):
    f = _data.frames
    stances = coalition.filter_stances(f.stances, countries, None, as_of)
    shown = f.countries[f.countries["country"].isin(countries)] if countries else f.countries
    return stances.empty, mview.matrix_grid(coalition.cells(stances), shown, f.issues)


def matrix_grid(data: Data, view) -> tuple:
    """(no stance on record, the grid of every country x issue) for the view's countries and date."""
    return _matrix_grid(data.stamp, tuple(view.countries), view.as_of, data)


@memo(max_entries=16)
def _matrix_table(stamp: tuple, countries: tuple, as_of, focus, sort: str, _data: Data):
    grid = _matrix_grid(stamp, countries, as_of, _data)[1]
    return mview.matrix_table(grid, mview.country_order(grid, sort, focus))


def matrix_table(data: Data, view, sort: str):
    """The accessible table of the matrix (one row per cell with a record), in the chart's row order."""
    return _matrix_table(data.stamp, tuple(view.countries), view.as_of, view.issue, sort, data)


@memo(max_entries=16)
def _matrix_figure(stamp: tuple, countries: tuple, as_of, focus, sort: str, narrow: bool, _data: Data) -> dict:
    grid = _matrix_grid(stamp, countries, as_of, _data)[1]
    return pr.matrix_figure(mview.model(grid, focus=focus, sort=sort, narrow=narrow))


def matrix_figure(data: Data, view, sort: str, selected: str | None, narrow: bool, title: str | None = None,
                  link: str = ""):
    """The matrix for st.plotly_chart, the ``selected`` cell ringed; with a ``title``, it also carries the
    date, its key and the source line (``link``: the view's address), for plotly's PNG button."""
    fig = _matrix_figure(data.stamp, tuple(view.countries), view.as_of, view.issue, sort, narrow, data)
    if title:
        fig = pr.with_caption(fig, title, *caption_lines(data, view.as_of, link), pr.matrix_legend(),
                              width_px=pr.NARROW_CAPTION_WIDTH_PX if narrow else None)
    return pr.figure(pr.with_selected_cell(fig, selected))


# 3. the timeline -----------------------------------------------------------------------------------
@memo(max_entries=16)
def _timeline_rows(stamp: tuple, countries: tuple, issues: tuple, kinds: tuple, as_of, _data: Data):
    events = coalition.filter_events(_data.frames.events, countries, issues, kinds, as_of)
    rows = tview.timeline_rows(events)
    attendance = cached_call(_data, tview.attendance_by_event)  # how each country took part
    return events, rows, tview.event_table(rows, _data.country_names, attendance)


def timeline_events(data: Data, view, issues) -> tuple:
    """(the filtered events, their timeline rows, the same as a table) for the view's filters."""
    return _timeline_rows(data.stamp, tuple(view.countries), tuple(issues or ()), tuple(view.kinds), view.as_of,
                          data)


@memo(max_entries=16)
def _timeline_figure(stamp: tuple, countries: tuple, issues: tuple, kinds: tuple, as_of, narrow: bool,
                     _data: Data) -> tuple[dict, list]:
    events = _timeline_rows(stamp, countries, issues, kinds, as_of, _data)[0]
    tm = tview.model(events, _data.frames.event_evidence, _data.country_names, narrow=narrow,
                     attendance=cached_call(_data, tview.attendance_by_event))
    return pr.timeline_figure(tm), tview.legend(events)


def timeline_figure(data: Data, view, issues, selected: str | None, narrow: bool, title: str | None = None,
                    link: str = "") -> tuple:
    """(the timeline for st.plotly_chart with the ``selected`` event ringed, its legend entries); with a
    ``title``, the figure also carries the date, the legend and the source line (``link``: the view's
    address), for plotly's PNG button."""
    fig, legend = _timeline_figure(data.stamp, tuple(view.countries), tuple(issues or ()), tuple(view.kinds),
                                   view.as_of, narrow, data)
    if title:
        fig = pr.with_caption(fig, title, *caption_lines(data, view.as_of, link), legend,
                              width_px=pr.NARROW_CAPTION_WIDTH_PX if narrow else None)
    return pr.figure(pr.with_selected_event(fig, selected)), legend
