"""The data a page draws: validated once per version of the data file and shared by every session.

``load()`` returns the current version (or draws the error page and stops the run); per-version
look-ups (quotes of a record, positions of an issue, ...) are built here once, so pages look
records up instead of masking whole tables on every run. ``cached_call`` computes any pure
function of the frames once per data version and arguments. Both are kept in ``ui.store`` (this
process), not in Streamlit's caches, which any client can empty.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st

import coalition
from coalition import cache, urlstate
from coalition.views import cite
from coalition.views import map as mapview
from coalition.paths import data_path, project_path
from ui.html import code
from ui.store import memo


@dataclass
class Data:
    frames: coalition.Frames
    options: urlstate.Options
    country_names: dict
    issue_short: dict
    issue_question: dict
    path: Path
    stamp: tuple           # (path, mtime_ns, size) this version was loaded under: key of per-version caches
    labels: str            # fingerprint of the sidebar's option labels (see ui.frame)
    source_meta: dict      # source id -> (outlet, title, published)
    stance_pos: dict       # stance_id -> row positions in frames.stances (one per quote)
    positions_of: dict     # issue -> [(position, label, score, description)] in the issue's order
    quotes_of_stance: dict  # stance_id -> [Quote] in evidence order (drawn without pandas)
    quotes_of_event: dict   # event_id -> [Quote] in evidence order
    event_title: dict       # event_id -> title
    version: cite.Version   # latest record, short hash of the file, counts: what a reader cites
    dropped: cache.Drop | None = None  # records of the last good version this one lacks (curators)

    def stance_rows(self, stance_id: str) -> pd.DataFrame:
        """Every quote row of one stance record (empty frame when unknown)."""
        pos = self.stance_pos.get(stance_id)
        return self.frames.stances.iloc[pos if pos is not None else []]


class Quote(NamedTuple):
    """One quote of a record, as ui.evidence draws it."""
    quote: str
    source: str
    stance_id: str | None = None


def _stamp(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


@memo(max_entries=4, spinner="Loading and checking the records…")
def _load(path_str: str, mtime_ns: int, size: int):
    """Validate + build frames once per version of the data file (shared by sessions).

    Backed by the on-disk cache (coalition.cache, outside data/ and seeds/): a version validated
    before, by this process, another one or ``python -m coalition validate``, loads in a fraction
    of a second instead of being parsed and checked again.
    """
    loaded = cache.load(path_str, shown=project_path(path_str))  # problems never name the server's folders
    if loaded.problems:
        return None, loaded.problems
    f = loaded.frames
    opts = urlstate.Options(
        countries=frozenset(f.countries["country"]), issues=frozenset(f.issues["issue"]),
        kinds=frozenset(coalition.validate.EVENT_KINDS), events=frozenset(f.events["event_id"]),
        sources=frozenset(f.sources["source"]), stance_ids=frozenset(f.stances["stance_id"]),
        cells=frozenset(f"{c}.{i}" for c in f.countries["country"] for i in f.issues["issue"]),  # any matrix cell
        places=frozenset(mapview.outlines().props),  # the map may focus any country it draws
    )
    issues = list(zip(f.issues["issue"], f.issues["short"]))
    countries = list(zip(f.countries["country"], f.countries["country_name"]))
    return Data(
        frames=f, options=opts, country_names=dict(countries), issue_short=dict(issues),
        issue_question=dict(zip(f.issues["issue"], f.issues["question"])), path=Path(path_str),
        stamp=(path_str, mtime_ns, size), labels=repr((issues, countries)),
        source_meta={r.source: (r.outlet, r.title, r.published) for r in f.sources.itertuples()},
        stance_pos=_positions(f.stances, "stance_id"), positions_of=_positions_of(f.positions),
        quotes_of_stance=_quotes_of(f.stances, "stance_id"), quotes_of_event=_quotes_of(f.event_evidence, "event_id"),
        event_title=dict(zip(f.events["event_id"], f.events["title"])),
        version=cite.version(f, cite.file_sha(path_str)), dropped=loaded.dropped,
    ), []


def _quotes_of(frame: pd.DataFrame, key: str) -> dict:
    """key -> [Quote] in evidence order, built once per data version: drawing a record's evidence
    then costs no pandas indexing (at 100x data that was most of a Country page run)."""
    out: dict = {}
    if frame.empty:
        return out
    ordered = frame.sort_values([key, "evidence_no"], kind="stable")
    sids = ordered["stance_id"] if "stance_id" in ordered else [None] * len(ordered)
    for k, q, src, sid in zip(ordered[key], ordered["quote"], ordered["source"], sids):
        out.setdefault(k, []).append(Quote(q, src, sid))
    return out


def _positions_of(positions: pd.DataFrame) -> dict:
    out: dict = {}
    for r in positions.sort_values(["issue", "order"]).itertuples():
        out.setdefault(r.issue, []).append((r.position, r.label, r.score, r.description))
    return out


def _positions(frame: pd.DataFrame, key: str) -> dict:
    """key value -> row positions (numpy array), built once per data version."""
    if frame.empty or key not in frame:
        return {}
    return {k: v for k, v in frame.groupby(key, sort=False).indices.items()}


def load() -> Data:
    """The data for this run, or an error page (and st.stop()) when it cannot be used."""
    path = data_path()
    if not path.is_file():
        st.error(f"The data file was not found: {code(project_path(path))}.")
        st.markdown(
            f"Check the path in the `{coalition.ENV_VAR}` environment variable, or unset it to use "
            "`data/coalition.yaml`. Then reload this page."
        )
        st.stop()
    loaded, problems = _load(*_stamp(path))
    if problems:
        st.error(f"The data file {code(project_path(path))} has {len(problems)} problem(s); the dashboard is not shown "
                 "until they are fixed.")
        st.code("\n".join(str(p) for p in problems[:200]), language=None)
        st.markdown("Run `python -m coalition validate` for the same list, fix each line, then reload.")
        st.stop()
    return loaded


# any pure computation over the frames, once per data version and arguments ------------------------
@memo(max_entries=48)  # a 100x overview entry is a few MB
def _cached_call(stamp: tuple, fn_key: str, args: tuple, _fn, _data):
    return _fn(_data.frames, *args)


def cached_call(data: Data, fn, *args):
    """``fn(data.frames, *args)`` computed once per data file version and (hashable) arguments, and shared
    by reruns and sessions. Callers must only read the result."""
    return _cached_call(data.stamp, f"{fn.__module__}.{fn.__qualname__}", args, fn, data)
