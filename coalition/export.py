"""The stance table for export: one row per stance and evidence quote."""
from __future__ import annotations

import json

import pandas as pd

from . import csvsafe

EXPORT_COLUMNS = ["country", "country_name", "issue", "position", "position_label", "score", "as_of", "date_basis",
                  "confidence", "conditions", "summary", "source", "outlet", "quote", "stance_id"]
EVENT_COLUMNS = ["event_id", "date", "date_end", "date_precision", "kind", "status", "context", "title", "summary",
                 "countries", "issues", "sources"]


def stance_table(stances: pd.DataFrame) -> pd.DataFrame:
    """Stance rows in export form; ``as_of`` is the record's date as YYYY-MM-DD."""
    df = stances.rename(columns={"date": "as_of"}).copy()
    df["as_of"] = df["as_of"].dt.strftime("%Y-%m-%d")
    return df[EXPORT_COLUMNS].reset_index(drop=True)


def event_table(events: pd.DataFrame) -> pd.DataFrame:
    """Event rows in export form: dates as text, lists joined with ';'."""
    df = events.copy()
    for col in ("date", "date_end"):
        df[col] = df[col].dt.strftime("%Y-%m-%d").fillna("")
    for col in ("countries", "issues", "sources"):
        df[col] = df[col].map(";".join)
    return df[EVENT_COLUMNS].reset_index(drop=True)


def to_csv(df: pd.DataFrame) -> str:
    return csvsafe.frame(df).to_csv(index=False, lineterminator="\n")  # no cell runs as a formula


def to_json(df: pd.DataFrame) -> str:
    return json.dumps(df.to_dict(orient="records"), ensure_ascii=False, indent=1, default=str)
