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
