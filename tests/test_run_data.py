"""One run, one version of the data: the page draws what the sidebar was drawn from."""
from __future__ import annotations

import pytest

import ui
from apptest_support import clean, run


def test_page_data_is_returned_inside_and_cleared_after():
    sentinel = object()
    with ui.page_data(sentinel):
        assert ui.data() is sentinel
    assert getattr(ui._RUN, "data", None) is None
    with pytest.raises(RuntimeError):
        with ui.page_data(sentinel):
            raise RuntimeError("a page that fails still clears it")
    assert getattr(ui._RUN, "data", None) is None


@pytest.mark.parametrize("page", ["overview", "map", "matrix", "timeline", "country", "changes", "sources", "about"])
def test_the_data_file_is_looked_at_once_per_run(page, monkeypatch):
    """app.py reads the file's stamp once; the page reuses that version (it used to stat and look
    it up again, so a file replaced between the two could draw two versions in one run)."""
    calls = []
    real = ui._stamp
    monkeypatch.setattr(ui, "_stamp", lambda p: calls.append(p) or real(p))
    at = clean(run(page, issue="troops"))
    assert len(calls) == 1, calls
    assert at.selectbox(key="f_issue").value == "troops"
