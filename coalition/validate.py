"""Validation of data/coalition.yaml: every problem, with its line, at once.

``check(path)`` returns ``(dataset_or_None, problems)``; ``load(path)`` returns a
valid :class:`Dataset` or raises :class:`DataError` carrying every problem.
Each problem prints as ``FILE:LINE: where: what``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from . import files, quotes, yamlio
from .paths import data_path, display_path, project_of

CONFIDENCE = ("confirmed", "reported", "rumoured", "uncertain")
REGIONS = (
    "Western Europe", "Northern Europe", "Southern Europe", "Central Europe",
    "Eastern Europe", "North America", "Asia-Pacific", "Middle East", "Other",
)
EVENT_KINDS = ("meeting", "call", "statement", "report", "context")
EVENT_STATUS = ("held", "planned")
DATE_PRECISION = ("day", "range", "approximate", "year", "after", "unknown")  # an event's
STANCE_PRECISION = ("day", "range", "approximate")  # a stance's, a group's and a figure's
# how a country took part in an event (participants.attendance[].role)
ATTENDANCE_ROLES = ("leader", "minister", "military_chief", "ambassador", "official", "observer", "absent")
ORGANISATION_KINDS = ("coalition", "alliance", "union", "international", "other")
# seeds/NNN_<hash>.txt: NNN the source's number (3+ digits; a source id sNNN must carry the same one),
# <hash> 16 lower-case hex digits (for seeds added with `python -m coalition add-seed`, the start of the
# file's SHA-256; the first two seeds kept the names they came with)
SEED_NAME = re.compile(r"^seeds/(\d{3,})_([0-9a-f]{16})\.txt$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
EXTRA_ISO3 = {"XKX": "Kosovo"}  # user-assigned code in common use
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EARLIEST = dt.date(1900, 1, 1)
# "closest passage" hints for quotes not found are slow (difflib): bound their cost
HINT_SECONDS = 0.25    # stop computing hints once this much CPU time is spent on them
HINT_WORK = 600_000    # len(seed) * len(quote) above which only the quote's start is compared
MAX_NUMBER = 10**15    # a figure counts soldiers, nations or euros: none comes near a thousand trillion


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.where}: {self.what}"


class DataError(Exception):
    """The data file cannot be used; ``problems`` says why, every one."""

    def __init__(self, problems: list[Problem], path: Path | None = None):
        self.problems = problems
        self.path = path
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Dataset:
    """A validated data file: the records (plain dicts), the seed texts, the paths."""

    path: Path
    root: Path
    data: dict
    texts: dict[str, str]
    counts: dict[str, int] = field(default_factory=dict)


# ----------------------------------------------------------------------------
# field specs: name -> (required, kind). Kinds are checked by _check_value.
SOURCE_FIELDS = {
    "id": (True, "id"), "file": (True, "text"), "outlet": (True, "text"), "title": (False, "text"),
    "published": (True, "date"), "published_basis": (True, "text"), "url": (False, "text"),
    "retrieved": (False, "date"), "sha256": (True, "text"),
    "slant": (False, "text"), "slips": (False, "texts"), "boilerplate": (False, "texts"),
}
ISSUE_FIELDS = {
    "id": (True, "id"), "question": (True, "text"), "short": (True, "text"),
    "description": (False, "text"), "positions": (True, "list"),
}
POSITION_FIELDS = {"id": (True, "id"), "label": (True, "text"), "description": (True, "text"), "score": (True, "score")}
COUNTRY_FIELDS = {"name": (True, "text"), "region": (True, "text"), "people": (False, "list"), "stances": (False, "list")}
ORGANISATION_FIELDS = {"name": (True, "text"), "kind": (True, "text"), "members": (False, "texts"),
                       "stances": (False, "list")}
PERSON_FIELDS = {"name": (True, "text"), "role": (True, "text"), "evidence": (False, "list")}
STANCE_FIELDS = {
    "issue": (True, "text"), "date": (True, "date"), "date_end": (False, "date"), "date_precision": (False, "text"),
    "date_basis": (True, "text"), "position": (True, "text"), "summary": (True, "text"), "confidence": (True, "text"), "conditions": (False, "text"), "evidence": (True, "list"),
}
EVIDENCE_FIELDS = {"source": (True, "text"), "quote": (True, "text")}
EVENT_FIELDS = {
    "id": (True, "id"), "title": (True, "text"), "date": (True, "date"), "date_end": (False, "date"),
    "date_precision": (True, "text"), "date_basis": (True, "text"), "kind": (True, "text"),
    "status": (True, "text"), "context": (False, "bool"), "participants": (False, "map"),
    "issues": (False, "texts"), "summary": (True, "text"), "evidence": (True, "list"),
}
PARTICIPANT_FIELDS = {"countries": (False, "texts"), "people": (False, "list"), "attendance": (False, "list")}
ATTENDANCE_FIELDS = {"country": (True, "text"), "role": (True, "text"), "person": (False, "text"),
                     "remote": (False, "bool")}
EVENT_PERSON_FIELDS = {"name": (True, "text"), "role": (True, "text"), "country": (True, "text")}
FIGURE_FIELDS = {
    "id": (True, "id"), "value": (True, "number"), "approximate": (False, "bool"), "unit": (True, "text"),
    "counts": (True, "text"), "compare_group": (False, "id"), "date": (False, "date"), "date_basis": (False, "text"),
    "issue": (False, "text"), "position": (False, "text"), "event": (False, "text"), "evidence": (True, "list"),
}
GROUP_FIELDS = {
    "id": (True, "id"), "name": (True, "text"), "count": (True, "number"), "approximate": (False, "bool"),
    "issue": (True, "text"), "position": (True, "text"), "date": (True, "date"), "date_end": (False, "date"),
    "date_precision": (False, "text"), "date_basis": (True, "text"), "members": (False, "texts"),
    "confidence": (True, "text"), "summary": (True, "text"), "evidence": (True, "list"),
}
TOP_FIELDS = {"sources": (True, "list"), "issues": (True, "list"), "countries": (True, "map"),
              "events": (True, "list"), "figures": (True, "list"), "groups": (False, "list"),
              "organisations": (False, "map")}


def date_out_of_range(d: dt.date, today: dt.date | None = None) -> str | None:
    """Why a date cannot be a record's (or a source's ``published``) date: outside EARLIEST .. today;
    None when it can. ``suggest --published`` gives the same message, so the two never disagree."""
    today = today or dt.date.today()
    if d < EARLIEST or d > today:
        return f"{d.isoformat()} is impossible: outside {EARLIEST} .. today ({today})"
    return None


def iso3_name(code: str) -> str | None:
    """The ISO 3166-1 name of an alpha-3 code, or None when it is not one."""
    if code in EXTRA_ISO3:
        return EXTRA_ISO3[code]
    if not (isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper()):
        return None
    c = pycountry.countries.get(alpha_3=code)
    return c.name if c else None


def _one_of(value, allowed) -> str:
    return f"{_shown(value)} is not one of: {', '.join(allowed)}"


class _Checker:
    def __init__(self, path: Path, today: dt.date, shown: str):
        self.file = shown
        self.root = project_of(path)
        self.today = today
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}
        self.checked = {"sources": 0, "issues": 0, "countries": 0, "stances": 0, "events": 0,
                        "figures": 0, "groups": 0, "organisations": 0, "quotes": 0}
        self.hint_seconds = 0.0

    # -- helpers -----------------------------------------------------------
    def err(self, line: int, where: str, what: str) -> None:
        self.problems.append(Problem(self.file, line, where, what))

    @staticmethod
    def line_of(container, key, default: int) -> int:
        lines = getattr(container, "lines", None)
        if isinstance(container, yamlio.Node) and key in lines:
            return lines[key]
        if isinstance(container, yamlio.Seq) and isinstance(key, int) and key < len(lines):
            return lines[key]
        return getattr(container, "line", default) or default

    def fields(self, rec, where: str, spec: dict, line: int) -> bool:
        """Check a mapping against a field spec; False when it is not a mapping."""
        if not isinstance(rec, dict):
            self.err(line, where, f"expected a mapping of fields, got {_kind(rec)}")
            return False
        line = getattr(rec, "line", line)
        for key in rec:
            if key not in spec:
                self.err(self.line_of(rec, key, line), f"{where}.{key}",
                         f"unknown field (allowed: {', '.join(spec)})")
        for key, (required, kind) in spec.items():
            if key not in rec or rec[key] is None:
                if required:
                    self.err(line, where, f"missing required field {key!r}")
                continue
            self.value(rec[key], kind, f"{where}.{key}", self.line_of(rec, key, line))
        return True

    def value(self, v, kind: str, where: str, line: int) -> None:
        if kind in ("text", "id"):
            if not isinstance(v, str):
                self.err(line, where, f"expected text, got {_kind(v)} {_shown(v)}")
            elif not v.strip():
                self.err(line, where, "is empty")
            elif kind == "id" and not _ID.match(v):
                self.err(line, where, f"{_shown(v)} is not a valid id (lower case letters, digits, _)")
        elif kind == "texts":
            if not isinstance(v, list):
                self.err(line, where, f"expected a list, got {_kind(v)}")
            else:
                for i, item in enumerate(v):
                    self.value(item, "text", f"{where}[{i}]", self.line_of(v, i, line))
        elif kind == "date":
            self.date(v, where, line)
        elif kind == "score":
            if not isinstance(v, int) or isinstance(v, bool):
                self.err(line, where, f"expected a whole number from -2 to 2, got {_kind(v)} {_shown(v)}")
            elif not -2 <= v <= 2:
                self.err(line, where, f"{v} is outside -2..2")
        elif kind == "number":
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                self.err(line, where, f"expected a number, got {_kind(v)} {_shown(v)}")
            elif isinstance(v, float) and not math.isfinite(v):  # (an int is finite, however long)
                self.err(line, where, f"expected a finite number, got {_shown(v)}")
            elif abs(v) > MAX_NUMBER:
                self.err(line, where, f"{_shown(v)} is larger than {MAX_NUMBER:,}, the largest figure allowed")
        elif kind == "bool":
            if not isinstance(v, bool):
                self.err(line, where, f"expected true or false, got {_kind(v)} {_shown(v)}")
        elif kind == "list":
            if not isinstance(v, list):
                self.err(line, where, f"expected a list, got {_kind(v)}")
        elif kind == "map":
            if not isinstance(v, dict):
                self.err(line, where, f"expected a mapping, got {_kind(v)}")

    def date(self, v, where: str, line: int) -> dt.date | None:
        if not isinstance(v, str) or not _DATE.match(v):
            self.err(line, where, f"{_shown(v)} is not a date in the form YYYY-MM-DD")
            return None
        try:
            d = dt.date.fromisoformat(v)
        except ValueError as exc:
            self.err(line, where, f"{_shown(v)} is not a real date ({exc})")
            return None
        wrong = date_out_of_range(d, self.today)
        if wrong:
            self.err(line, where, wrong)
            return None
        return d

    @staticmethod
    def as_date(v) -> dt.date | None:
        try:
            return dt.date.fromisoformat(v) if isinstance(v, str) and _DATE.match(v) else None
        except ValueError:
            return None

    def items(self, parent, key: str, where: str):
        """(index, item, line) for a list field that exists and is a list."""
        seq = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(seq, list):
            return []
        return [(i, item, self.line_of(seq, i, getattr(seq, "line", 1))) for i, item in enumerate(seq)]

    def unique(self, rows, where: str, what: str = "id") -> dict:
        seen: dict = {}
        for i, rec, line in rows:
            if isinstance(rec, dict) and isinstance(rec.get(what), str):
                key = rec[what]
                if key in seen:
                    self.err(line, f"{where}[{i}].{what}",
                             f"duplicate {what} {_shown(key)} (first on line {seen[key][1]})")
                else:
                    seen[key] = (rec, line)
        return {k: v[0] for k, v in seen.items()}

    # -- sections ----------------------------------------------------------
    def run(self, data) -> None:
        if not isinstance(data, dict):
            self.err(1, "(file)", f"expected a mapping with {', '.join(TOP_FIELDS)}, got {_kind(data)}")
            return
        self.fields(data, "(top)", TOP_FIELDS, 1)
        self.sources = self.check_sources(data)
        self.issues = self.check_issues(data)
        self.countries = self.check_countries(data)
        self.organisations = self.check_organisations(data)
        self.events = self.check_events(data)
        self.check_figures(data)
        self.check_groups(data)

    def check_sources(self, data) -> dict:
        rows = self.items(data, "sources", "sources")
        for i, rec, line in rows:
            where = f"sources[{i}]"
            if not self.fields(rec, where, SOURCE_FIELDS, line):
                continue
            self.checked["sources"] += 1
            f = rec.get("file")
            if isinstance(f, str) and f.strip():
                self.read_seed(rec, f, where, line)
                self.seed_name(rec, f, where, line)
            self.source_extras(rec, where, line)
        sources = self.unique(rows, "sources")
        for sid, rec in sources.items():
            text = self.texts.get(sid)
            bl = rec.get("boilerplate")
            for j, bp in enumerate(bl if isinstance(bl, list) else []):  # (a wrong type is reported by fields())
                if text is not None and isinstance(bp, str) and bp.strip() and not quotes.locate(bp, text):
                    self.err(self.line_of(bl, j, rec.line), f"sources[{sid}].boilerplate[{j}]",
                             f"{_shown(bp)} is not in {rec.get('file')}")
        return sources

    def seed_name(self, rec, f: str, where: str, line: int) -> None:
        """The naming rule: seeds/NNN_<16 hex digits>.txt, NNN the number of a source id sNNN."""
        m = SEED_NAME.match(f)
        if not m:
            self.err(self.line_of(rec, "file", line), f"{where}.file",
                     f"{_shown(f)} does not follow the naming rule seeds/NNN_<hash>.txt (NNN: the source's number, "
                     "3 or more digits; <hash>: 16 lower-case hex digits; `python -m coalition add-seed` names it)")
            return
        sid = rec.get("id")
        num = re.fullmatch(r"s(\d+)", sid) if isinstance(sid, str) else None
        if num and num.group(1) != m.group(1):
            self.err(self.line_of(rec, "file", line), f"{where}.file",
                     f"the file's number {m.group(1)} is not the source's ({sid}): use seeds/{num.group(1)}_….txt "
                     f"or id s{m.group(1)}")

    def source_extras(self, rec, where: str, line: int) -> None:
        url = rec.get("url")
        if isinstance(url, str) and url.strip() and not re.match(r"^https?://[^\s/]+\.[^\s]+$", url.strip()):
            self.err(self.line_of(rec, "url", line), f"{where}.url",
                     f"{_shown(url)} is not a web address (http:// or https://, no spaces)")
        pub, got = self.as_date(rec.get("published")), self.as_date(rec.get("retrieved"))
        if pub and got and got < pub:
            self.err(self.line_of(rec, "retrieved", line), f"{where}.retrieved",
                     f"{got} is before the publication date {pub}: a text cannot be taken before it is published")
        digest = rec.get("sha256")
        if isinstance(digest, str) and digest.strip() and not _SHA256.match(digest):
            self.err(self.line_of(rec, "sha256", line), f"{where}.sha256",
                     f"{_shown(digest)} is not a SHA-256 checksum (64 lower-case hex digits; "
                     "`sha256sum FILE` prints it)")

    def read_seed(self, rec, f: str, where: str, line: int) -> None:
        fline = self.line_of(rec, "file", line)
        try:
            text = files.read_seed(f, self.root)
        except files.FileProblem as exc:
            self.err(fline, f"{where}.file", exc.message)
            return
        digest = rec.get("sha256")
        if isinstance(digest, str) and _SHA256.match(digest):
            actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if actual != digest:
                self.err(self.line_of(rec, "sha256", line), f"{where}.sha256",
                         f"{f} has changed since it was recorded: its SHA-256 is now {actual}. Seeds are never "
                         "edited: restore the article as received (git checkout), or add a changed text as a new "
                         "source")
        if isinstance(rec.get("id"), str):
            self.texts[rec["id"]] = text

    def check_issues(self, data) -> dict:
        rows = self.items(data, "issues", "issues")
        for i, rec, line in rows:
            where = f"issues[{i}]"
            if not self.fields(rec, where, ISSUE_FIELDS, line):
                continue
            self.checked["issues"] += 1
            prow = self.items(rec, "positions", where)
            if isinstance(rec.get("positions"), list) and not prow:
                self.err(line, f"{where}.positions", "needs at least one position")
            for j, pos, pline in prow:
                self.fields(pos, f"{where}.positions[{j}]", POSITION_FIELDS, pline)
            self.unique(prow, f"{where}.positions")
        return self.unique(rows, "issues")

    def position_ids(self, issue_id) -> list[str]:
        issue = self.issues.get(issue_id) if isinstance(issue_id, str) else None
        if not issue or not isinstance(issue.get("positions"), list):
            return []
        return [p["id"] for p in issue["positions"] if isinstance(p, dict) and isinstance(p.get("id"), str)]

    def check_countries(self, data) -> dict:
        countries = data.get("countries")
        if not isinstance(countries, dict):
            return {}
        for code, rec in countries.items():
            line = self.line_of(countries, code, 1)
            where = f"countries.{code}"
            if iso3_name(code) is None:
                self.err(line, where, f"{_shown(code)} is not an ISO 3166-1 alpha-3 country code")
            if not self.fields(rec, where, COUNTRY_FIELDS, line):
                continue
            self.checked["countries"] += 1
            region = rec.get("region")
            if isinstance(region, str) and region.strip() and region not in REGIONS:
                self.err(self.line_of(rec, "region", line), f"{where}.region", _one_of(region, REGIONS))
            for j, person, pline in self.items(rec, "people", where):
                if self.fields(person, f"{where}.people[{j}]", PERSON_FIELDS, pline):
                    self.evidence(person, f"{where}.people[{j}]", pline, required=False)
            for j, st, sline in self.items(rec, "stances", where):
                self.check_stance(st, f"{where}.stances[{j}]", sline)
        return dict(countries)

    def check_stance(self, st, where: str, line: int) -> None:
        if not self.fields(st, where, STANCE_FIELDS, line):
            return
        self.checked["stances"] += 1
        self.position_of(st, where, line)
        conf = st.get("confidence")
        if isinstance(conf, str) and conf.strip() and conf not in CONFIDENCE:
            self.err(self.line_of(st, "confidence", line), f"{where}.confidence", _one_of(conf, CONFIDENCE))
        cited = self.evidence(st, where, line)
        self.precision(st, where, line, STANCE_PRECISION)
        self.not_after_sources(st, cited, where, line)  # a source cannot report a stance dated after it

    def precision(self, rec, where: str, line: int, allowed) -> None:
        """date_precision one of ``allowed`` (absent: day); date_end only for a range, and not before date."""
        prec = rec.get("date_precision")
        if isinstance(prec, str) and prec.strip() and prec not in allowed:
            self.err(self.line_of(rec, "date_precision", line), f"{where}.date_precision", _one_of(prec, allowed))
        d0, d1 = self.as_date(rec.get("date")), self.as_date(rec.get("date_end"))
        if rec.get("date_end") is not None and prec != "range":
            self.err(self.line_of(rec, "date_end", line), f"{where}.date_end",
                     "is only for a date range: set date_precision: range")
        elif prec == "range" and rec.get("date_end") is None:
            self.err(self.line_of(rec, "date_precision", line), f"{where}.date_precision",
                     "a range needs date_end, its last day")
        if d0 and d1 and d1 < d0:
            self.err(self.line_of(rec, "date_end", line), f"{where}.date_end", f"{d1} is before the start date {d0}")

    def position_of(self, rec, where: str, line: int) -> None:
        """``rec.issue`` an issue of this file and ``rec.position`` one of its positions (either may be absent)."""
        issue, pos = rec.get("issue"), rec.get("position")
        if isinstance(issue, str) and issue.strip() and issue not in self.issues:
            self.err(self.line_of(rec, "issue", line), f"{where}.issue",
                     f"unknown issue {_shown(issue)} (issues: {', '.join(self.issues)})")
        allowed = self.position_ids(issue)
        if isinstance(pos, str) and pos.strip():
            if not isinstance(issue, str):
                self.err(self.line_of(rec, "position", line), f"{where}.position", "a position needs its issue")
            elif allowed and pos not in allowed:
                self.err(self.line_of(rec, "position", line), f"{where}.position", _one_of(pos, allowed))

    def not_after_sources(self, rec, cited: list[str], where: str, line: int, what: str = "stance") -> None:
        d = self.as_date(rec.get("date"))
        pubs = [self.as_date(self.sources[s].get("published")) for s in cited if s in self.sources]
        pubs = [p for p in pubs if p]
        if d and pubs and d > max(pubs):
            self.err(self.line_of(rec, "date", line), f"{where}.date",
                     f"{d} is after the publication of every source cited ({max(pubs)}): a {what} is dated "
                     "when it was stated or reported")

    def evidence(self, rec, where: str, line: int, required: bool = True) -> list[str]:
        """Check ``rec.evidence``; returns the source ids cited."""
        ev = rec.get("evidence")
        if ev is None:
            return []
        if isinstance(ev, list) and not ev and required:
            self.err(self.line_of(rec, "evidence", line), f"{where}.evidence", "needs at least one {source, quote}")
        cited = []
        for k, item, eline in self.items(rec, "evidence", where):
            ewhere = f"{where}.evidence[{k}]"
            if not self.fields(item, ewhere, EVIDENCE_FIELDS, eline):
                continue
            src, quote = item.get("source"), item.get("quote")
            if not (isinstance(src, str) and src.strip()):
                continue
            if src not in self.sources:
                self.err(self.line_of(item, "source", eline), f"{ewhere}.source",
                         f"unknown source {_shown(src)} (sources: {', '.join(self.sources)})")
                continue
            cited.append(src)
            if not (isinstance(quote, str) and quote.strip()) or src not in self.texts:
                continue
            self.checked["quotes"] += 1
            if quotes.locate(quote, self.texts[src]) is None:
                self.err(self.line_of(item, "quote", eline), f"{ewhere}.quote",
                         f"quote not found in {src} ({self.sources[src].get('file')})"
                         + self.closest_hint(quote, self.texts[src]))
        return cited

    def closest_hint(self, quote: str, text: str) -> str:
        """'; closest passage (..% alike): ...' while the time budget for hints lasts."""
        if self.hint_seconds > HINT_SECONDS:
            return " (no closest passage shown: too many quotes not found)"
        start = time.process_time()
        near, ratio = quotes.closest_passage(quote[: max(40, HINT_WORK // max(1, len(text)))], text,
                                             budget=HINT_SECONDS - self.hint_seconds)
        self.hint_seconds += time.process_time() - start
        return f"; closest passage ({ratio:.0%} alike): {near!r}"

    def check_events(self, data) -> None:
        rows = self.items(data, "events", "events")
        for i, ev, line in rows:
            where = f"events[{i}]({ev['id']})" if isinstance(ev, dict) and isinstance(ev.get("id"), str) \
                else f"events[{i}]"
            if not self.fields(ev, where, EVENT_FIELDS, line):
                continue
            self.checked["events"] += 1
            for key, allowed in (("kind", EVENT_KINDS), ("status", EVENT_STATUS)):
                v = ev.get(key)
                if isinstance(v, str) and v.strip() and v not in allowed:
                    self.err(self.line_of(ev, key, line), f"{where}.{key}", _one_of(v, allowed))
            self.precision(ev, where, line, DATE_PRECISION)
            if ev.get("date_precision") == "after" and ev.get("status") == "held":
                self.err(self.line_of(ev, "status", line), f"{where}.status",
                         "an event known only to come 'after' a day is planned, not held")
            for k, iss in enumerate(ev.get("issues") or [] if isinstance(ev.get("issues"), list) else []):
                if isinstance(iss, str) and iss not in self.issues:
                    self.err(self.line_of(ev["issues"], k, line), f"{where}.issues[{k}]",
                             f"unknown issue {_shown(iss)}")
            parts = ev.get("participants")
            if isinstance(parts, dict) and self.fields(parts, f"{where}.participants", PARTICIPANT_FIELDS, line):
                self.participants(parts, f"{where}.participants", line)
            self.evidence(ev, where, line)
        return self.unique(rows, "events")

    def participants(self, parts, where: str, line: int) -> None:
        codes = parts.get("countries")
        if isinstance(codes, list):
            for k, code in enumerate(codes):
                if isinstance(code, str) and code not in self.countries:
                    self.err(self.line_of(codes, k, line), f"{where}.countries[{k}]",
                             f"{_shown(code)} is not a country in this file (countries: {', '.join(self.countries)})")
        for k, person, pline in self.items(parts, "people", where):
            if self.fields(person, f"{where}.people[{k}]", EVENT_PERSON_FIELDS, pline):
                code = person.get("country")
                if isinstance(code, str) and code.strip() and code not in self.countries:
                    self.err(self.line_of(person, "country", pline), f"{where}.people[{k}].country",
                             f"{_shown(code)} is not a country in this file")
        seen: dict = {}
        for k, att, aline in self.items(parts, "attendance", where):
            awhere = f"{where}.attendance[{k}]"
            if not self.fields(att, awhere, ATTENDANCE_FIELDS, aline):
                continue
            code, role = att.get("country"), att.get("role")
            if isinstance(code, str) and code.strip() and code not in self.countries:
                self.err(self.line_of(att, "country", aline), f"{awhere}.country",
                         f"{_shown(code)} is not a country in this file")
            if isinstance(role, str) and role.strip() and role not in ATTENDANCE_ROLES:
                self.err(self.line_of(att, "role", aline), f"{awhere}.role", _one_of(role, ATTENDANCE_ROLES))
            if role == "absent" and att.get("remote"):
                self.err(self.line_of(att, "remote", aline), f"{awhere}.remote", "an absent country did not join remotely")
            if isinstance(code, str) and role == "absent" and code in seen and seen[code] != "absent" \
                    or isinstance(code, str) and role != "absent" and seen.get(code) == "absent":
                self.err(aline, awhere, f"{code} is both absent and present at this event")
            if isinstance(code, str):
                seen.setdefault(code, role)

    def check_organisations(self, data) -> dict:
        orgs = data.get("organisations")
        if not isinstance(orgs, dict):
            return {}
        for oid, rec in orgs.items():
            line = self.line_of(orgs, oid, 1)
            where = f"organisations.{oid}"
            if not (isinstance(oid, str) and _ID.match(oid)):
                self.err(line, where, f"{_shown(oid)} is not a valid id (lower case letters, digits, _: nato, eu)")
            if not self.fields(rec, where, ORGANISATION_FIELDS, line):
                continue
            self.checked["organisations"] += 1
            kind = rec.get("kind")
            if isinstance(kind, str) and kind.strip() and kind not in ORGANISATION_KINDS:
                self.err(self.line_of(rec, "kind", line), f"{where}.kind", _one_of(kind, ORGANISATION_KINDS))
            members = rec.get("members")
            for k, code in enumerate(members if isinstance(members, list) else []):
                if isinstance(code, str) and code not in self.countries:
                    self.err(self.line_of(members, k, line), f"{where}.members[{k}]",
                             f"{_shown(code)} is not a country in this file")
            for j, st, sline in self.items(rec, "stances", where):
                self.check_stance(st, f"{where}.stances[{j}]", sline)
        return dict(orgs)

    def check_figures(self, data) -> None:
        rows = self.items(data, "figures", "figures")
        for i, fig, line in rows:
            where = f"figures[{i}]"
            if self.fields(fig, where, FIGURE_FIELDS, line):
                self.checked["figures"] += 1
                cited = self.evidence(fig, where, line)
                self.position_of(fig, where, line)
                event = fig.get("event")
                if isinstance(event, str) and event.strip() and event not in self.events:
                    self.err(self.line_of(fig, "event", line), f"{where}.event", f"unknown event {_shown(event)}")
                if fig.get("date") is not None and fig.get("date_basis") is None:
                    self.err(self.line_of(fig, "date", line), where, "a dated figure needs date_basis: how the date "
                             "was derived")
                self.not_after_sources(fig, cited, where, line, "figure")
        self.unique(rows, "figures")

    def check_groups(self, data) -> None:
        rows = self.items(data, "groups", "groups")
        for i, grp, line in rows:
            where = f"groups[{i}]({grp['id']})" if isinstance(grp, dict) and isinstance(grp.get("id"), str) \
                else f"groups[{i}]"
            if not self.fields(grp, where, GROUP_FIELDS, line):
                continue
            self.checked["groups"] += 1
            cited = self.evidence(grp, where, line)
            self.position_of(grp, where, line)
            self.precision(grp, where, line, STANCE_PRECISION)
            self.not_after_sources(grp, cited, where, line, "group")
            conf = grp.get("confidence")
            if isinstance(conf, str) and conf.strip() and conf not in CONFIDENCE:
                self.err(self.line_of(grp, "confidence", line), f"{where}.confidence", _one_of(conf, CONFIDENCE))
            count, members = grp.get("count"), grp.get("members")
            sane = isinstance(count, (int, float)) and not isinstance(count, bool) \
                and (isinstance(count, int) or math.isfinite(count)) and abs(count) <= MAX_NUMBER  # else value() says so
            if sane and (count < 1 or count != int(count)):
                self.err(self.line_of(grp, "count", line), f"{where}.count", f"{_shown(count)} is not a whole number "
                         "of countries (1 or more)")
            named = [m for m in members if isinstance(m, str)] if isinstance(members, list) else []
            for k, code in enumerate(named):
                if code not in self.countries:
                    self.err(self.line_of(members, k, line), f"{where}.members[{k}]",
                             f"{_shown(code)} is not a country in this file")
            if len(set(named)) != len(named):
                self.err(self.line_of(grp, "members", line), f"{where}.members", "names a country twice")
            if sane and not grp.get("approximate") and len(set(named)) > count:
                self.err(self.line_of(grp, "members", line), f"{where}.members",
                         f"names {len(set(named))} countries, more than its count of {count}")
        self.unique(rows, "groups")


def _shown(v, limit: int = 80) -> str:
    """A value as a problem message quotes it: its repr, cut to ``limit`` characters (a wrong value may
    be a whole mapping or a number of hundreds of digits)."""
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10**limit:
        return f"a number of {len(str(abs(v))):,} digits"
    r = repr(v)
    return r if len(r) <= limit else r[: limit - 1] + "…"


def _kind(v) -> str:
    """A reader's name for a YAML value's type."""
    if isinstance(v, dict):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, (int, float)):
        return "a number"
    if v is None:
        return "nothing"
    return "text" if isinstance(v, str) else type(v).__name__


def check(path=None, today: dt.date | None = None, raw: bytes | None = None,
          shown: str | None = None) -> tuple[Dataset | None, list[Problem]]:
    """Validate a data file; return (Dataset, []) when valid, else (None, problems).

    ``raw``: the file's bytes when the caller already read them (the cache keys on exactly them).
    ``shown``: how problems name the file (default: the path from the current folder; the app passes
    its path inside the project, so no page shows the server's folders).
    """
    path = data_path(path)
    today = today or dt.date.today()
    shown = shown or display_path(path)
    if raw is None and not path.is_file():
        return None, [Problem(shown, 0, "(file)", f"data file not found: {shown}. "
                                                   f"Check the path or the {'COALITION_DATA'} variable.")]
    try:
        data = yamlio.loads(yamlio.read_text(path, raw))
    except yamlio.YamlError as exc:
        return None, [Problem(shown, exc.line, exc.where or "(file)", exc.message)]
    except OSError as exc:
        return None, [Problem(shown, 0, "(file)", f"cannot read the file: {exc.strerror}")]
    if data is None:
        return None, [Problem(shown, 1, "(file)", "the file is empty")]
    checker = _Checker(path, today, shown)
    checker.run(data)
    if checker.problems:
        return None, sorted(checker.problems, key=lambda p: p.line)
    return Dataset(path=path, root=checker.root, data=data, texts=checker.texts, counts=checker.checked), []


def load(path=None, today: dt.date | None = None) -> Dataset:
    """A valid Dataset, or DataError listing every problem."""
    dataset, problems = check(path, today)
    if problems:
        raise DataError(problems, data_path(path))
    return dataset
