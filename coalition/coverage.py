"""Coverage and consistency of the records against the seeds (``python -m coalition coverage``).

``report(frames)`` is pure: it reads the frames (records and seed texts) and the
gazetteer, and returns a :class:`Coverage` with five lists, each a list of plain
dicts (``Coverage.frames()`` gives them as DataFrames, e.g. for the Sources page):

* ``unrecorded``: countries a seed names as actors (by the gazetteer's rules, as
  ``suggest`` finds them) with no stance or event part quoting that seed, and
  people it names who are listed under no country;
* ``single_source``: stance cells (country x issue) and events whose quotes all
  come from one source;
* ``uncited_sources``: sources no record quotes;
* ``uncovered``: sentences with a stance cue and a named country that no record
  quotes (stance, event or figure);
* ``disputed``: cells whose records disagree on the position
  (``coalition.cells(...).disputed``), with the sources behind each position.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from .filters import cells
from .frames import Frames
from .gazetteer import Gazetteer
from .gazetteer import load as load_gazetteer
from .suggest import suggest

SECTIONS = ("unrecorded", "single_source", "uncited_sources", "uncovered", "disputed")
COLUMNS = {
    "unrecorded": ["source", "kind", "code", "name", "role", "mentions", "named_as", "recorded_elsewhere", "example"],
    "single_source": ["kind", "country", "issue", "id", "source", "n_records", "records"],
    "uncited_sources": ["source", "file"],
    "uncovered": ["source", "start", "end", "sentence", "countries", "cue", "suggested"],
    "disputed": ["country", "issue", "positions", "by_position", "sources", "sources_disagree", "stance_ids"],
}
TITLES = {
    "unrecorded": "Named in a seed, no record from it",
    "single_source": "Backed by one source only",
    "uncited_sources": "Sources no record cites",
    "uncovered": "Sentences with stance cues that no record quotes",
    "disputed": "Cells where the records disagree",
}


@dataclass
class Coverage:
    unrecorded: list[dict] = field(default_factory=list)
    single_source: list[dict] = field(default_factory=list)
    uncited_sources: list[dict] = field(default_factory=list)
    uncovered: list[dict] = field(default_factory=list)
    disputed: list[dict] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k)) for k in SECTIONS}

    def frames(self) -> dict[str, pd.DataFrame]:
        """Each section as a DataFrame with fixed columns (COLUMNS), empty or not."""
        return {k: pd.DataFrame(getattr(self, k), columns=COLUMNS[k]) for k in SECTIONS}

    def to_text(self) -> str:
        """The report as plain text, one line per finding."""
        out = []
        for k in SECTIONS:
            rows = getattr(self, k)
            out.append(f"== {TITLES[k]}: {len(rows)}")
            for r in rows:
                out.append("  " + _line(k, r))
        return "\n".join(out)


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "\u2026"


def _line(kind: str, r: dict) -> str:
    if kind == "unrecorded":
        if r["kind"] == "person":
            return (f"{r['source']}: person {r['name']} ({r['role']}, {r['code']}) is listed under no country; "
                    f"e.g. \"{_short(r['example'], 80)}\"")
        elsewhere = "has records from other sources" if r["recorded_elsewhere"] else "has no record at all"
        return (f"{r['source']}: {r['code']} {r['name']} named {r['mentions']}x ({r['named_as']}), no record quotes "
                f"{r['source']}; {elsewhere}")
    if kind == "single_source":
        what = f"{r['country']}/{r['issue']}" if r["kind"] == "cell" else f"event {r['id']}"
        return f"{what}: only {r['source']} ({r['n_records']} record(s): {', '.join(r['records'])})"
    if kind == "uncited_sources":
        return f"{r['source']} ({r['file']})"
    if kind == "uncovered":
        return (f"{r['source']} [{r['start']}:{r['end']}] {', '.join(r['countries'])} (cue {r['cue']!r}): "
                f"\"{_short(r['sentence'])}\"")
    if kind == "disputed":
        by = "; ".join(f"{p} ({', '.join(s)})" for p, s in r["by_position"].items())
        return f"{r['country']}/{r['issue']}: {by}" + ("" if r["sources_disagree"] else " [within one source]")
    return str(r)


def _overlaps(a0: int, a1: int, spans: list[tuple[int, int]]) -> bool:
    return any(a0 < b1 and b0 < a1 for b0, b1 in spans)


def report(frames: Frames, gazetteer: Gazetteer | None = None) -> Coverage:
    """The coverage of ``frames`` (records + seed texts); nothing is read but the gazetteer."""
    gaz = gazetteer or load_gazetteer()
    cov = Coverage()
    st, ev, ee, parts, figs = frames.stances, frames.events, frames.event_evidence, frames.participants, frames.figures
    known_people = set(frames.people["name"]) if not frames.people.empty else set()

    # countries with a record quoting each source
    recorded: dict[str, set[str]] = {}
    for r in st.itertuples():
        recorded.setdefault(r.source, set()).add(r.country)
    ev_sources = ee.groupby("event_id")["source"].agg(set).to_dict() if not ee.empty else {}
    for r in parts.itertuples():
        for sid in ev_sources.get(r.event_id, ()):
            recorded.setdefault(sid, set()).add(r.country)
    any_record = set(st["country"]) | set(parts["country"])

    # quoted spans per source
    spans: dict[str, list[tuple[int, int]]] = {}
    for df in (st, ee, figs):
        for r in df.itertuples():
            if r.quote_start >= 0:
                spans.setdefault(r.source, []).append((int(r.quote_start), int(r.quote_end)))

    for src in frames.sources.itertuples():
        sid, text = src.source, frames.texts.get(src.source, "")
        if not text:
            continue
        published = src.published.date() if hasattr(src.published, "date") else dt.date.fromisoformat(str(src.published))
        draft = suggest(text, published, src.file, source_id=sid, gazetteer=gaz)
        for code, c in draft.countries.items():
            if not c.mentions:
                continue
            if code not in recorded.get(sid, set()):
                named: dict[str, int] = {}
                for m in c.mentions:
                    named[m.surface] = named.get(m.surface, 0) + 1
                cov.unrecorded.append({
                    "source": sid, "kind": "country", "code": code, "name": c.name, "role": "",
                    "mentions": len(c.mentions),
                    "named_as": ", ".join(named), "recorded_elsewhere": code in any_record,
                    "example": _sentence_of(text, c.mentions[0].start, c.mentions[0].end)})
            for p in c.people:
                if p.name not in known_people:
                    m = next(m for m in c.mentions if m.person == p)
                    cov.unrecorded.append({
                        "source": sid, "kind": "person", "code": code, "name": p.name, "role": p.role,
                        "mentions": sum(1 for x in c.mentions if x.person == p), "named_as": p.name,
                        "recorded_elsewhere": False, "example": _sentence_of(text, m.start, m.end)})
        # sentences with stance cues that no record quotes
        seen = set()
        quoted = spans.get(sid, [])
        for s in draft.stances:
            if s.span in seen:
                continue
            seen.add(s.span)
            if not _overlaps(*s.span, quoted):
                same = [x for x in draft.stances if x.span == s.span]
                cov.uncovered.append({
                    "source": sid, "start": s.span[0], "end": s.span[1], "sentence": s.quote,
                    "countries": sorted({x.country for x in same}), "cue": s.cue,
                    "suggested": sorted({f"{x.country}.{x.issue}={x.position}" for x in same})})
        for sentence, cue, actors in draft.other_sentences:
            start = text.find(sentence)
            if start < 0 or (start, start + len(sentence)) in seen:
                continue
            seen.add((start, start + len(sentence)))
            if not _overlaps(start, start + len(sentence), quoted):
                cov.uncovered.append({"source": sid, "start": start, "end": start + len(sentence),
                                      "sentence": sentence, "countries": sorted(actors), "cue": cue, "suggested": []})
    cov.uncovered.sort(key=lambda r: (r["source"], r["start"]))

    # single-source cells and events
    if not st.empty:
        for (country, issue), g in st.groupby(["country", "issue"], sort=True):
            if g["source"].nunique() == 1:
                cov.single_source.append({"kind": "cell", "country": country, "issue": issue, "id": "",
                                          "source": g["source"].iloc[0], "n_records": g["stance_id"].nunique(),
                                          "records": sorted(g["stance_id"].unique())})
    for eid, srcs in sorted(ev_sources.items()):
        if len(srcs) == 1:
            cov.single_source.append({"kind": "event", "country": "", "issue": "", "id": eid,
                                      "source": next(iter(srcs)), "n_records": 1, "records": [eid]})

    cited = set(st["source"]) | set(ee["source"]) | set(figs["source"])
    for src in frames.sources.itertuples():
        if src.source not in cited:
            cov.uncited_sources.append({"source": src.source, "file": src.file})

    c = cells(st)
    for r in c[c["disputed"]].itertuples():
        rows = st[(st["country"] == r.country) & (st["issue"] == r.issue) & (st["evidence_no"] == 0)]
        by_pos: dict[str, list[str]] = {}
        for x in rows.itertuples():
            by_pos.setdefault(x.position, [])
            if x.source not in by_pos[x.position]:
                by_pos[x.position].append(x.source)
        all_sources = {s for v in by_pos.values() for s in v}
        cov.disputed.append({"country": r.country, "issue": r.issue, "positions": list(by_pos),
                             "by_position": by_pos, "sources": sorted(all_sources),
                             "sources_disagree": len(all_sources) > 1,
                             "stance_ids": sorted(rows["stance_id"].unique())})
    return cov


def _sentence_of(text: str, start: int, end: int) -> str:
    from .quotes import sentence_around
    return sentence_around(text, (start, end))
