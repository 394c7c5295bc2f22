"""Streamlit glue, one module per concern (the pure work is in ``coalition``):

- ``ui.frame``: the frame every page draws (page config and the view's title, navigation, shared
  filters, notices, share link, downloads, how to cite; the embed form's footer) and ``frame.link`` for every link between pages;
- ``ui.state``: the view in the URL (shared filters and each page's own keys, bound to widgets);
- ``ui.data``: the data file loaded and checked once per version, per-version look-ups, ``cached_call``;
- ``ui.html``: escaping data text for markdown and HTML, position badges;
- ``ui.evidence``: quotes with their source, and the dialog that shows the evidence of a click;
- ``ui.lists``: capped lists ("Showing 10 of 1,234", Show more);
- ``ui.device``: whether the reader is on a phone (tap or hover), whether the page is embedded;
- ``ui.copy``: copy buttons (the view's link, its citation);
- ``ui.tables``: column widths that fit the page, long text wrapped, the first column pinned;
- ``ui.charts``: the map, matrix and timeline built once per data version and view (cached adapters);
- ``ui.store``: where that per-version work is kept (this process, bounded; no client message empties it).
"""
