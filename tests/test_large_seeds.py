"""Long articles cost time in proportion to their length (scripts/bench_seed_size.py prints the figures).

Coverage of a source was quadratic in a long paragraph (sentence splitting sliced the rest of the
paragraph at every full stop; suggestions were compared with every other one), a one-letter quote
listed its every occurrence before the first was taken, a "closest passage" hint for a quote not found
had no bound (19 s against a 2 MB seed), and a seed's index took ~36 bytes per character. Times are
CPU seconds of this process, with bounds far above the figures measured, so a busy machine does not
fail them while the quadratic versions do.
"""
from __future__ import annotations

import hashlib
import re
import time
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coalition
from coalition import coverage, quotes
from coalition.files import MAX_SEED_BYTES

SEED = "seeds/000_3b4eb8e4f72c0423.txt"


def cpu(fn, *args, **kwargs):
    t = time.process_time()
    out = fn(*args, **kwargs)
    return out, time.process_time() - t


def _grow(scratch, size: int) -> None:
    """Seed 000 repeated (the other seed between copies) up to ``size`` bytes, as one paragraph."""
    seed = scratch.root / SEED
    text = seed.read_text(encoding="utf-8")
    filler = (" " + (scratch.root / "seeds" / "004_87bcee758dff4290.txt").read_text(encoding="utf-8") + " " + text)
    filler = filler.replace("\n", " ")
    out = text
    while len(out.encode()) < size:
        out += filler
    seed.write_text(out[:size], encoding="utf-8")
    # a grown test seed, not an edited article: record its checksum so validate accepts it
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    scratch.write(re.sub(r"(file: seeds/000_3b4eb8e4f72c0423\.txt\n\s+sha256: )[0-9a-f]{64}", rf"\g<1>{digest}",
                         scratch.text))
    scratch.text = scratch.path.read_text(encoding="utf-8")


def _coverage_cpu(scratch, size: int) -> float:
    _grow(scratch, size)
    ds, problems = coalition.check(scratch.path)
    assert not problems, problems[:3]
    frames = coalition.build(ds)
    cov, seconds = cpu(coverage.source_report, frames, "s000")
    assert cov.unrecorded or cov.uncovered, "the report found something to report (it ran)"
    return seconds


def test_coverage_of_a_source_grows_linearly_with_a_long_paragraph(scratch):
    small = _coverage_cpu(scratch, 50 * 1024)
    large = _coverage_cpu(scratch, 200 * 1024)
    # 4x the text: linear is ~4x (measured 0.45 -> 1.6 s); the quadratic version was ~12x (1.0 -> 12 s)
    assert large < 7 * max(small, 0.05), (small, large)


def test_a_one_letter_quote_in_the_largest_seed_is_found_at_once():
    text = "a " * (MAX_SEED_BYTES // 2)  # a million occurrences
    quotes._index(text)  # (the index is built once per text, in linear time)
    spans, seconds = cpu(lambda: [quotes.locate("a", text) for _ in range(20)])
    assert spans[0] == (0, 1)
    assert seconds < 1.0, f"20 one-letter quotes took {seconds:.1f} s (every occurrence listed?)"


def test_the_index_of_the_largest_seed_is_compact():
    text = "word " * (MAX_SEED_BYTES // 5)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = quotes._index.__wrapped__(text)
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(index[0]) == len(index[1]) == len(text)  # one offset per character of the normalised text
    # what stays in memory per seed (the server keeps up to 256 of them): 10 MB here, 74 MB as a tuple of ints
    assert kept < 6 * MAX_SEED_BYTES, f"{kept / 2**20:.0f} MB kept for a {MAX_SEED_BYTES / 2**20:.0f} MB seed"


def test_a_quote_not_found_in_a_large_seed_gets_its_hint_within_the_budget(scratch):
    _grow(scratch, MAX_SEED_BYTES - 1024)
    # a quote like nothing in the seed: no good passage is found early to cut the search short
    line = scratch.replace("Starmer also attempted to bring Japan into the coalition, but Tokyo declined to join for now.",
                           "Zebras quietly juggled seventeen violet umbrellas near the harbour.")
    (_, problems), seconds = cpu(coalition.check, scratch.path)
    (p,) = [p for p in problems if "quote not found" in p.what]
    assert p.line == line and "closest passage" in p.what
    assert seconds < 5, f"validate took {seconds:.1f} s CPU"


# the index as it was defined (a character at a time), for the rewritten one to match exactly
def _reference_index(text: str) -> tuple[str, tuple[int, ...]]:
    out, where, in_space = [], [], False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space and out:
                out.append(" ")
                where.append(i)
            in_space = True
            continue
        in_space = False
        out.append(quotes._FOLD.get(ch, ch))
        where.append(i)
    return "".join(out), tuple(where)


@settings(max_examples=500, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n\t\r\u00a0\u2003\u3000\u2019\u201c\u201d`'\"x")), max_size=40))
def test_the_index_maps_every_normalised_character_back_to_the_same_offset_as_before(text):
    hay, where = quotes._index.__wrapped__(text)
    assert (hay, tuple(where)) == _reference_index(text)


@pytest.mark.parametrize("quote", ["declined to join", "“declined”", "a", "  spaced   out  "])
def test_locate_is_the_first_of_locate_all(quote):
    text = "He “declined” to join; a  spaced \n out  text declined to join, a."
    spans = quotes.locate_all(quote, text)
    assert quotes.locate(quote, text) == (spans[0] if spans else None)
