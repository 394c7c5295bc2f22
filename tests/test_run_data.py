"""One run, one version of the data: the frame loads it once and the page draws that version."""
from __future__ import annotations

import pytest

from apptest_support import clean, run
from coalition import registry
from ui import data as ui_data


@pytest.mark.parametrize("page", [p.id for p in registry.PAGES])
def test_the_data_file_is_looked_at_once_per_run(page, monkeypatch):
    """The frame reads the file's stamp once and passes that version to the page (a second look-up
    could draw two versions in one run if the file were replaced in between)."""
    calls = []
    real = ui_data._stamp
    monkeypatch.setattr(ui_data, "_stamp", lambda p: calls.append(p) or real(p))
    at = clean(run(page, issue="troops"))
    assert len(calls) == 1, calls
    assert at.selectbox(key="f_issue").value == "troops"


def test_quote_lists_hold_every_quote_of_every_record_in_evidence_order():
    import coalition

    f = coalition.load_frames()
    by_stance = ui_data._quotes_of(f.stances, "stance_id")
    assert sum(len(v) for v in by_stance.values()) == len(f.stances)
    multi = [sid for sid, qs in by_stance.items() if len(qs) > 1]
    assert multi, "the frozen data has records with several quotes"
    for sid in multi:
        rows = f.stances[f.stances["stance_id"] == sid].sort_values("evidence_no")
        assert [(q.quote, q.source, q.stance_id) for q in by_stance[sid]] == \
            list(zip(rows["quote"], rows["source"], rows["stance_id"]))
    by_event = ui_data._quotes_of(f.event_evidence, "event_id")
    assert sum(len(v) for v in by_event.values()) == len(f.event_evidence)
    assert all(q.stance_id is None for qs in by_event.values() for q in qs)  # events link no stance
