"""Who and where a text names: countries, capitals, people and organisations.

The names live in ``data/gazetteer.yaml`` (documented there); this module only
matches them. ``load()`` reads the file with the project's safe YAML loader and
``Gazetteer.mentions(text)`` returns every name found, longest first, with its
character span in ``text``:

* names are matched case-sensitively as whole words ("UK" is not in "Ukraine",
  "US" is not "us"); typographic apostrophes count as straight ones;
* a capital right after "in", "at", "to", "from", "of"... or right before
  "summit", "meeting", "talks"... is a *place* ("talks in Paris"), otherwise a
  metonym for its government ("Tokyo declined");
* a country named inside a context phrase ("Iraq War", "Latin America") is
  *context*, never an actor.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import yamlio
from .paths import PROJECT_ROOT

DEFAULT_GAZETTEER = PROJECT_ROOT / "data" / "gazetteer.yaml"
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|to|from|of|near|into|outside|inside|across|via|towards?|around|through|visit|visits|visited|"
    r"visiting|arrive in|arrived in|held in)\s+(?:the\s+)?$", re.I)
_PLACE_AFTER = re.compile(
    r"^[\s-]+(?:summit|summits|meeting|meetings|talks|conference|agreement|accords?|format|declaration|process|"
    r"embassy|airport|gathering|ministerial|base|office|press conference)\b", re.I)


class GazetteerError(ValueError):
    """The gazetteer file is unusable; the message says where."""


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    country: str | None = None
    organisation: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One name found in a text."""

    start: int
    end: int
    surface: str
    kind: str  # name | adjective | capital | person | organisation
    country: str | None = None
    organisation: str | None = None
    person: Person | None = None
    place: bool = False  # a capital used as a location ("in London")
    context: bool = False  # inside a context phrase ("Iraq War")

    @property
    def is_actor(self) -> bool:
        """A country acting or spoken of (not a mere venue, not history)."""
        return self.country is not None and not self.place and not self.context


@dataclass
class Gazetteer:
    countries: dict[str, dict]
    organisations: dict[str, dict]
    people: list[Person]
    context_phrases: list[str]
    stance_cues: dict
    generic_cues: list[str]
    path: Path | None = None
    attendance: dict = field(default_factory=dict)
    _regex: re.Pattern | None = field(default=None, repr=False)
    _entries: dict = field(default_factory=dict, repr=False)
    _inner: list | None = field(default=None, repr=False)  # (pattern, entry) for names inside context phrases

    # -- lookups -------------------------------------------------------------
    def country_name(self, iso3: str) -> str:
        c = self.countries.get(iso3)
        return c["name"] if c else iso3

    def region(self, iso3: str) -> str:
        c = self.countries.get(iso3)
        return c["region"] if c else "Other"

    def person(self, name: str) -> Person | None:
        for p in self.people:
            if p.name == name or name in p.aliases:
                return p
        return None

    # -- matching ------------------------------------------------------------
    def _build(self) -> None:
        entries: dict[str, tuple] = {}

        def put(surface: str, entry: tuple) -> None:
            surface = surface.translate(_FOLD)
            entries.setdefault(surface, entry)  # first definition wins

        for phrase in self.context_phrases:
            put(phrase, ("context",))
        for p in self.people:
            for s in (p.name, *p.aliases):
                put(s, ("person", p))
        # newspaper style "Mr Harris", "Ms Frederiksen": an honorific and a surname no other person shares
        surnames: dict[str, list] = {}
        for p in self.people:
            for s in {p.name.split()[-1], *(a for a in p.aliases if " " not in a)}:
                if s[:1].isupper():
                    surnames.setdefault(s, []).append(p)
        for sur, ps in surnames.items():
            if len({q.name for q in ps}) == 1:
                for title in ("Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr."):
                    put(f"{title} {sur}", ("person", ps[0]))
        for iso3, c in self.countries.items():
            for s in c.get("names") or []:
                put(s, ("name", iso3))
            for s in c.get("adjectives") or []:
                put(s, ("adjective", iso3))
            for s in c.get("capitals") or []:
                put(s, ("capital", iso3))
        for oid, o in self.organisations.items():
            for s in o.get("names") or []:
                put(s, ("organisation", oid))
            for s in o.get("capitals") or []:
                put(s, ("organisation_seat", oid))
        alternation = "|".join(re.escape(s) for s in sorted(entries, key=len, reverse=True))
        self._regex = re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")
        self._entries = entries

    def mentions(self, text: str) -> list[Mention]:
        """Every country, capital, person and organisation named in ``text``, in order."""
        if self._regex is None:
            self._build()
        folded = text.translate(_FOLD)
        out: list[Mention] = []
        for m in self._regex.finditer(folded):
            entry = self._entries[m.group(0)]
            kind = entry[0]
            if kind == "context":
                out.extend(self._inside_context(text, folded, m.start(), m.end()))
                continue
            out.append(self._mention(text, folded, m.start(), m.end(), entry))
        return out

    def _mention(self, text: str, folded: str, start: int, end: int, entry: tuple, context: bool = False) -> Mention:
        kind, ref = entry
        surface = text[start:end]
        if kind == "person":
            return Mention(start, end, surface, "person", ref.country, ref.organisation, ref, context=context)
        if kind in ("organisation", "organisation_seat"):
            place = kind == "organisation_seat" and self._is_place(folded, start, end)
            return Mention(start, end, surface, "organisation", None, ref, place=place, context=context)
        place = kind == "capital" and self._is_place(folded, start, end)
        return Mention(start, end, surface, kind, ref, place=place, context=context)

    def _inside_context(self, text: str, folded: str, start: int, end: int) -> list[Mention]:
        """Names inside a context phrase, marked as context (reported, never actors)."""
        inner = []
        if self._inner is None:  # every name but the context phrases, longest first, compiled once
            self._inner = [(re.compile(rf"(?<![\w]){re.escape(surface)}(?![\w])"), entry)
                           for surface, entry in sorted(self._entries.items(), key=lambda kv: -len(kv[0]))
                           if entry[0] != "context"]
        phrase = folded[start:end]
        for pattern, entry in self._inner:
            for m in pattern.finditer(phrase):
                s, e = start + m.start(), start + m.end()
                if any(not (e <= x.start or s >= x.end) for x in inner):
                    continue
                inner.append(self._mention(text, folded, s, e, entry, context=True))
        return sorted(inner, key=lambda x: x.start)

    @staticmethod
    def _is_place(folded: str, start: int, end: int) -> bool:
        return bool(_PLACE_BEFORE.search(folded[max(0, start - 25):start]) or _PLACE_AFTER.match(folded[end:end + 30]))

    def actors(self, text: str) -> dict[str, list[Mention]]:
        """Countries named as actors in ``text``: ISO3 -> their mentions."""
        out: dict[str, list[Mention]] = {}
        for m in self.mentions(text):
            if m.is_actor:
                out.setdefault(m.country, []).append(m)
        return out


def _problem(path, line, where, what) -> str:
    return f"{path}:{line}: {where}: {what}"


_PATTERN_REF = re.compile(r"\{([a-z_]+)\}")  # a named pattern in a cue: "{ceasefire}" (never a regex quantifier)


def _named_patterns(data: dict, shown: str, problems: list[str]):
    """The ``patterns:`` section (name -> regex text) and a function writing each ``{name}`` in a cue as its text,
    so a noun group many cues share ("ceasefire, truce, armistice ...") is written once. A name that is not defined
    is a problem, reported with the cue's place."""
    named = data.get("patterns") or {}
    if not isinstance(named, dict):
        problems.append(_problem(shown, getattr(named, "line", 0), "patterns", "expected a mapping name -> regex"))
        named = {}
    for name, pat in named.items():
        if not (isinstance(name, str) and re.fullmatch(r"[a-z_]+", name)) or not isinstance(pat, str):
            problems.append(_problem(shown, getattr(named, "line", 0), f"patterns.{name}",
                                     "needs a lower-case name and a regex"))
            continue
        try:
            re.compile(pat)
        except re.error as exc:
            problems.append(_problem(shown, getattr(named, "line", 0), f"patterns.{name}", f"bad regex {pat!r}: {exc}"))

    def expand(pat, line: int, where: str):
        if not isinstance(pat, str):
            return pat

        def one(m: re.Match) -> str:
            if m.group(1) not in named:
                problems.append(_problem(shown, line, where, f"unknown pattern {{{m.group(1)}}} in {pat!r}"))
                return m.group(0)
            return named[m.group(1)]
        return _PATTERN_REF.sub(one, pat)
    return expand


def from_data(data: dict, path: Path | None = None) -> Gazetteer:
    """Build a Gazetteer from parsed YAML, raising GazetteerError listing every problem."""
    shown = str(path or "gazetteer")
    problems: list[str] = []
    if not isinstance(data, dict):
        raise GazetteerError(f"{shown}: expected a mapping with countries, organisations, people")
    countries = data.get("countries") or {}
    for iso3, c in countries.items():
        line = getattr(c, "line", 0)
        if not (isinstance(iso3, str) and re.fullmatch(r"[A-Z]{3}", iso3)):
            problems.append(_problem(shown, line, f"countries.{iso3}", "key must be an ISO3 code"))
        if not isinstance(c, dict) or not c.get("name") or not c.get("region") or not c.get("names"):
            problems.append(_problem(shown, line, f"countries.{iso3}", "needs name, region and names"))
    organisations = data.get("organisations") or {}
    people = []
    for i, p in enumerate(data.get("people") or []):
        line = getattr(p, "line", 0)
        if not isinstance(p, dict) or not p.get("name") or not p.get("role"):
            problems.append(_problem(shown, line, f"people[{i}]", "needs name and role"))
            continue
        country, org = p.get("country"), p.get("organisation")
        if bool(country) == bool(org):
            problems.append(_problem(shown, line, f"people[{i}]({p['name']})", "give exactly one of country, organisation"))
        elif country and country not in countries:
            problems.append(_problem(shown, line, f"people[{i}]({p['name']})", f"unknown country {country!r}"))
        elif org and org not in organisations:
            problems.append(_problem(shown, line, f"people[{i}]({p['name']})", f"unknown organisation {org!r}"))
        people.append(Person(p["name"], p["role"], country or None, org or None, tuple(p.get("aliases") or ())))
    expand = _named_patterns(data, shown, problems)
    cues = dict(data.get("stance_cues") or {})
    for issue, spec in list(cues.items()):
        line = getattr(spec, "line", 0)
        if not isinstance(spec, dict) or not spec.get("topic") or not isinstance(spec.get("positions"), dict):
            problems.append(_problem(shown, line, f"stance_cues.{issue}", "needs topic and positions"))
            continue
        where = f"stance_cues.{issue}"
        # the expanded patterns go into copies: the caller's parsed YAML is left as it was
        spec = cues[issue] = copy.copy(spec)
        spec["positions"] = dict(spec["positions"])
        for key in ("topic", "weak_topic", "context_topic"):
            if spec.get(key):
                spec[key] = [expand(pat, line, where) for pat in spec[key]]
        for pos, ps in spec["positions"].items():
            spec["positions"][pos] = [expand(pat, line, where) for pat in (ps or [])]
        patterns = [p for key in ("topic", "weak_topic", "context_topic") for p in (spec.get(key) or [])]
        patterns += [p for ps in spec["positions"].values() for p in (ps or [])]
        for pat in patterns:
            try:
                re.compile(pat)
            except re.error as exc:
                problems.append(_problem(shown, line, f"stance_cues.{issue}", f"bad regex {pat!r}: {exc}"))
    attendance = data.get("attendance") or {}
    if not isinstance(attendance, dict):
        problems.append(_problem(shown, 0, "attendance", "expected a mapping"))
        attendance = {}
    attendance = copy.copy(attendance)  # expanded below, not in the caller's mapping
    for key in ("joined", "observer", "absent"):
        if attendance.get(key):
            attendance[key] = [expand(pat, getattr(attendance, "line", 0), f"attendance.{key}")
                               for pat in attendance[key]]
        for pat in attendance.get(key) or []:
            try:
                re.compile(pat)
            except re.error as exc:
                problems.append(_problem(shown, getattr(attendance, "line", 0), f"attendance.{key}",
                                         f"bad regex {pat!r}: {exc}"))
    for code in attendance.get("exclude") or []:
        if code not in countries:
            problems.append(_problem(shown, 0, "attendance.exclude", f"unknown country {code!r}"))
    for issue, spec in cues.items():
        for code in (spec.get("excludes") or []) if isinstance(spec, dict) else []:
            if code not in countries:
                problems.append(_problem(shown, getattr(spec, "line", 0), f"stance_cues.{issue}.excludes",
                                         f"unknown country {code!r}"))
    generic = [expand(pat, 0, "generic_cues") for pat in data.get("generic_cues") or []]
    for pat in generic:
        try:
            re.compile(pat)
        except re.error as exc:
            problems.append(_problem(shown, 0, "generic_cues", f"bad regex {pat!r}: {exc}"))
    if problems:
        raise GazetteerError("\n".join(problems))
    return Gazetteer(countries=dict(countries), organisations=dict(organisations), people=people,
                     context_phrases=list(data.get("context_phrases") or []), stance_cues=dict(cues),
                     generic_cues=generic, path=path, attendance=dict(attendance))


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Gazetteer:
    p = Path(path)
    try:
        data = yamlio.loads(yamlio.read_text(p))
    except yamlio.YamlError as exc:
        raise GazetteerError(f"{p}:{exc.line}: {exc.message}") from None
    return from_data(data, p)


def load(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer (default ``data/gazetteer.yaml``), cached until the file changes."""
    p = Path(path) if path else DEFAULT_GAZETTEER
    if not p.is_file():
        raise GazetteerError(f"gazetteer not found: {p}")
    return _load_cached(str(p.resolve()), p.stat().st_mtime)
