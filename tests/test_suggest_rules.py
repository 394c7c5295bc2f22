"""Rules of `coalition suggest` on short made-up sentences (issue 14: stances from real news prose).

Every sentence here is invented for the test; none is taken from an evaluation article.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coalition import suggest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "fixtures" / "frozen" / "data" / "coalition.yaml"
PUB = dt.date(2025, 3, 20)  # a Thursday


def draft(text: str, published: dt.date = PUB):
    return suggest.suggest(text, published, "seeds/test_rules.txt", data_file=DATA)


def stances(text: str) -> set[tuple[str, str, str]]:
    return {(s.country, s.issue, s.position) for s in draft(text).stances}


# --- progress -----------------------------------------------------------------
def test_progress_is_called_once_per_phase_in_order():
    seen: list[str] = []
    suggest.suggest("Norway backs the plan.", PUB, "seeds/x.txt", data_file=DATA, progress=seen.append)
    assert seen == ["finding names", "stances", "events", "figures"]


def test_progress_defaults_to_none():
    assert suggest.suggest("Nothing here.", PUB, "seeds/x.txt", data_file=DATA).stances == []


# --- figures ------------------------------------------------------------------
def figures(text: str) -> set[tuple]:
    return {(f.value, f.unit) for f in draft(text).figures}


@pytest.mark.parametrize("text, expected", [
    ("Norway said it would raise its support by $3bn.", (3_000_000_000, "USD")),
    ("The Dutch pledged €2.5 billion in aid.", (2_500_000_000, "EUR")),
    ("London froze £8 billion of assets.", (8_000_000_000, "GBP")),
    ("The Dutch will deliver a further €90 million package.", (90_000_000, "EUR")),
    ("Ministers of 40 EU and NATO members met.", (40, "members")),
    ("It guards a 1,340-kilometre border.", (1340, "km")),
])
def test_a_currency_sign_and_words_between_number_and_noun_are_read(text, expected):
    assert expected in figures(text)


def test_the_same_number_is_suggested_once():
    d = draft("Twenty-six countries have committed. 26 countries have formally committed, Macron said.")
    assert [(f.value, f.unit) for f in d.figures] == [(26, "countries")] or \
        len([f for f in d.figures if f.value == 26]) == 1


def test_a_bare_number_without_a_currency_is_no_figure():
    assert figures("The talks lasted 3 hours and 2 of them were tense.") == set()
