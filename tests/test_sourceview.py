"""Cutting a seed into plain / quoted / leftover segments and rendering it (coalition.sourceview)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coalition import load_frames, sourceview
from coalition.sourceview import Mark

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def f():
    return load_frames(today=TODAY)


def cut(f, source):
    text = f.texts[source]
    meta = f.sources.set_index("source").loc[source]
    marks = sourceview.marks_for(f, source)
    return text, sourceview.segments(text, marks, sourceview.boilerplate_spans(text, meta["boilerplate"]))


@pytest.mark.parametrize("source", ["s000", "s004"])
def test_segments_reassemble_to_the_exact_seed_text(f, source):
    text, segs = cut(f, source)
    assert "".join(s.text for s in segs) == text
    assert segs[0].start == 0 and segs[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(segs, segs[1:]))
    assert all(s.text for s in segs)


@pytest.mark.parametrize("source", ["s000", "s004"])
def test_every_stance_quote_lies_in_highlighted_segments_naming_it(f, source):
    _, segs = cut(f, source)
    rows = f.stances[f.stances["source"] == source]
    assert len(rows) > 5
    for r in rows.itertuples():
        inside = [s for s in segs if s.start < r.quote_end and s.end > r.quote_start]
        assert inside and all(s.kind == "quote" and r.stance_id in s.stance_ids for s in inside), r.stance_id
        assert inside[0].start == r.quote_start and inside[-1].end == r.quote_end
        assert any(m.id == r.stance_id for m in inside[-1].closing)


def test_event_and_figure_quotes_are_highlighted_too(f):
    _, segs = cut(f, "s000")
    assert any("korea_armistice_1953" in s.event_ids for s in segs)
    assert any("frozen_assets_300bn" in s.figure_ids for s in segs)


def test_boilerplate_lines_are_marked_not_deleted(f):
    text, segs = cut(f, "s000")
    boiler = [s.text for s in segs if s.kind == "boilerplate"]
    assert boiler == ["Image placeholder", "Comment", "To post a comment, you have to login first", "Login",
                      "No Comments Yet..."]
    # "Comment" is a whole line: the word inside "No Comments Yet..." is not marked twice
    assert sum(1 for s in segs if s.kind == "boilerplate" and s.text == "Comment") == 1


def test_boilerplate_not_a_whole_line_is_marked_where_it_occurs():
    spans = sourceview.boilerplate_spans("Intro. Share this! More.\nShare this!x", ["Share this!"])
    assert spans == [(7, 18), (25, 36)]


def test_overlapping_quotes_split_into_segments_that_know_both():
    text = "aaa bbb ccc ddd"
    one, two = Mark("stance", "A.x.1", 0, 7), Mark("stance", "B.x.1", 4, 11)
    segs = sourceview.segments(text, [one, two])
    assert [(s.text, s.stance_ids) for s in segs] == [
        ("aaa ", ("A.x.1",)), ("bbb", ("A.x.1", "B.x.1")), (" ccc", ("B.x.1",)), (" ddd", ())]
    assert [m.id for m in segs[1].closing] == ["A.x.1"] and [m.id for m in segs[2].closing] == ["B.x.1"]


def test_nested_quote_keeps_the_outer_one_around_it():
    text = "0123456789"
    outer, inner = Mark("event", "e", 0, 10), Mark("figure", "g", 3, 6)
    segs = sourceview.segments(text, [outer, inner])
    assert [(s.text, s.event_ids, s.figure_ids) for s in segs] == [
        ("012", ("e",), ()), ("345", ("e",), ("g",)), ("6789", ("e",), ())]


def test_the_same_span_quoted_by_several_records_is_one_segment(f):
    _, segs = cut(f, "s000")
    s = next(s for s in segs if "GBR.join.1" in s.stance_ids)
    assert set(s.stance_ids) == {"GBR.join.1", "GBR.troops.1", "FRA.join.1", "FRA.troops.1"}


@given(st.text(alphabet="ab <&\n", max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=3))
def test_any_marks_reassemble_and_cover_their_span(text, raw, boiler):
    marks = [Mark("stance", f"X.i.{n}", a, b) for n, (a, b) in enumerate(raw)]
    segs = sourceview.segments(text, marks, boiler)
    assert "".join(s.text for s in segs) == text
    for m in marks:
        if 0 <= m.start < m.end <= len(text):
            covered = [s for s in segs if m.start <= s.start and s.end <= m.end]
            assert sum(s.end - s.start for s in covered) == m.end - m.start
            assert all(m.id in s.stance_ids for s in covered)


def test_html_in_a_seed_is_escaped_in_the_rendered_html():
    text = 'Plain <script>alert(1)</script> then "quoted <b>bold</b>" & end'
    start = text.index('"quoted')
    mark = Mark("stance", "ITA.troops.1", start, start + 20, 'ITA · <i>troops</i> · "Declined"')
    html = sourceview.render_html(sourceview.segments(text, [mark]), href=lambda m: "country?focus=ITA&issue=x")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and "&lt;b&gt;bold" in html and "&amp; end" in html
    assert "<i>" not in html and 'title="ITA · &lt;i&gt;troops&lt;/i&gt; · &quot;Declined&quot;"' in html
    assert 'href="country?focus=ITA&amp;issue=x"' in html
    # stripping our own tags gives back the text, escaped
    assert re.sub(r"<sup.*?</sup>", "", re.sub(r"<(?!sup|/sup)[^>]+>", "", html)) == \
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def test_render_marks_the_followed_passage_and_greys_leftovers(f):
    text, segs = cut(f, "s000")
    html = sourceview.render_html(segs, highlight="ITA.troops.1")
    assert html.count('id="ct-hl"') == 1
    assert html.count("ct-hl") >= 3  # the passage is split by overlapping quotes: every piece is emphasised
    assert html.count('class="ct-boiler"') == 5
    assert html.count("<mark") == sum(1 for s in segs if s.kind == "quote")
    assert "ITA · troops · No, unless..." in html


def test_superscript_links_point_at_each_country_once_per_passage(f):
    _, segs = cut(f, "s000")
    html = sourceview.render_html(segs, href=lambda m: f"country?focus={m.id.split('.')[0]}"
                                  if m.kind == "stance" else None)
    first = html.split("</sup>")[0]  # the refs after the first quoted passage (UK and France spearhead...)
    assert first.count('href="country?focus=GBR"') == 1 and first.count('href="country?focus=FRA"') == 1


def test_passages_list_every_quote_in_text_order(f):
    p = sourceview.passages(f, "s004")
    n = (f.stances["source"] == "s004").sum() + (f.event_evidence["source"] == "s004").sum() \
        + (f.figures["source"] == "s004").sum()
    assert len(p) == n and list(p["start"]) == sorted(p["start"])
