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


def test_quote_lists_hold_every_quote_of_every_record_in_evidence_order():
    import coalition

    f = coalition.load_frames()
    by_stance = ui._quotes_of(f.stances, "stance_id")
    assert sum(len(v) for v in by_stance.values()) == len(f.stances)
    multi = [sid for sid, qs in by_stance.items() if len(qs) > 1]
    assert multi, "the real data has records with several quotes"
    for sid in multi:
        rows = f.stances[f.stances["stance_id"] == sid].sort_values("evidence_no")
        assert [(q.quote, q.source, q.stance_id) for q in by_stance[sid]] == \
            list(zip(rows["quote"], rows["source"], rows["stance_id"]))
    by_event = ui._quotes_of(f.event_evidence, "event_id")
    assert sum(len(v) for v in by_event.values()) == len(f.event_evidence)
    assert all(q.stance_id is None for qs in by_event.values() for q in qs)  # events link no stance
