"""Dates in news text, resolved against the publication date.

``find(sentence, published)`` returns every date phrase in a sentence with the day
(or range of days) it points to, a precision (day | range | approximate | year)
and a ``basis`` that says how it was derived, e.g.::

    'next Thursday' in a text published Sunday 2025-03-16: Thursday 2025-03-20

Bare weekdays ("on Saturday") are read by tense: in a clause about the future
("will meet on Tuesday", "is set to") they are the next such day on or after
publication, otherwise the last such day on or before it. "next Thursday" is the
first Thursday after publication; "last Thursday" the last one before it. Weeks
run Monday to Sunday. Nothing here looks at the clock: the publication date is
always passed in.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3, "several": 3,
}

_FUTURE = re.compile(
    r"\b(will|shall|is set to|are set to|is due to|are due to|is expected to|are expected to|is scheduled|"
    r"are scheduled|plans? to|is planning|are planning|upcoming|going to|next|coming)\b|'ll\b", re.I)

_REL_DAY = re.compile(r"\b(yesterday|today|tonight|tomorrow|last night|this morning|this afternoon|this evening|"
                      r"earlier today|later today)\b", re.I)
_WEEKDAY = re.compile(
    r"\b(?:(?i:(last|next|this|on|coming|past|by|until|since|from))\s+)?"
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?(?:'s)?\b"
    r"(?!\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Independent|Star|People|Sport|Club)\b)")
_WEEKEND = re.compile(r"\b(over|at|during|on|this|last|next|the past|the coming)\s+(?:the\s+)?weekend\b", re.I)
_WEEK = re.compile(r"\b(last|this|next|earlier this|later this|the past|the previous|the coming)\s+week\b", re.I)
_MONTH_REL = re.compile(r"\b(last|this|next|earlier this|later this)\s+month\b", re.I)
_AGO = re.compile(
    r"\b(?:(almost|nearly|about|around|some|roughly|more than|over|just over|less than|barely|just)\s+)?"
    r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of|\d+)\s+"
    r"(days?|weeks?|fortnights?|months?|years?)\s+(ago|after|earlier|since)\b", re.I)
_MONTHS_RE = "|".join(MONTHS)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS_RE})(?:,?\s+(\d{{4}}))?\b")
_MONTH_DAY = re.compile(rf"\b({_MONTHS_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?(?![\d,])")
_IN_MONTH = re.compile(rf"\b(?:(?i:in|since|during|until|by|early|late|mid-|earlier in|later in))\s*"
                       rf"(?:(?i:early|late|mid-)\s*)?({_MONTHS_RE})(?:\s+(\d{{4}}))?\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTHS_RE})\s+(\d{{4}})\b")
_YEAR = re.compile(r"(?<![\d,.\-/])(1[89]\d{2}|20\d{2})(?![\d,])")
_YEAR_BEFORE = re.compile(r"(?:\b(?:in|since|of|the|from|until|by|before|after|year|early|late|mid|summer|spring|"
                          r"autumn|winter|its|a|an)\s+|mid-|[(\"'])$", re.I)


@dataclass(frozen=True)
class DateRef:
    """A date phrase found in a sentence and the day or days it stands for."""

    phrase: str
    start: int
    end: int
    date: dt.date
    date_end: dt.date | None
    precision: str  # day | range | approximate | year
    basis: str
    future: bool = False

    @property
    def historical(self) -> bool:
        """A year-only reference to a past year (the sentence is history, not news)."""
        return self.precision == "year"

    def contains(self, day: dt.date, slack_days: int = 0) -> bool:
        """True when ``day`` falls within this reference (with slack for approximate ones)."""
        lo, hi = self.date, self.date_end or self.date
        if self.precision == "year":
            return day.year == self.date.year
        slack = dt.timedelta(days=slack_days)
        return lo - slack <= day <= hi + slack


def _wd(d: dt.date) -> str:
    return WEEKDAYS[d.weekday()]


def _fmt(d: dt.date) -> str:
    return f"{_wd(d)} {d.isoformat()}"


def is_future(sentence: str, pos: int) -> bool:
    """Whether the clause of ``sentence`` around offset ``pos`` speaks of the future."""
    text = sentence.translate(_FOLD)
    left = max(text.rfind(c, 0, pos) for c in ",;:\u2014")
    rights = [i for i in (text.find(c, pos) for c in ",;:\u2014") if i != -1]
    right = min(rights) if rights else len(text)
    return bool(_FUTURE.search(text[left + 1:right]))


def _last_weekday(target: int, before: dt.date, strict: bool) -> dt.date:
    delta = (before.weekday() - target) % 7
    if delta == 0 and strict:
        delta = 7
    return before - dt.timedelta(days=delta)


def _next_weekday(target: int, after: dt.date, strict: bool) -> dt.date:
    delta = (target - after.weekday()) % 7
    if delta == 0 and strict:
        delta = 7
    return after + dt.timedelta(days=delta)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def find(sentence: str, published: dt.date) -> list[DateRef]:
    """Every date phrase in ``sentence``, resolved against ``published``, in text order."""
    text = sentence.translate(_FOLD)
    pub = published
    found: list[DateRef] = []

    def add(m: re.Match, date: dt.date, date_end: dt.date | None, precision: str, resolved: str,
            future: bool = False) -> None:
        phrase = sentence[m.start():m.end()]
        basis = f"'{phrase}' in a text published {_fmt(pub)}: {resolved}"
        found.append(DateRef(phrase, m.start(), m.end(), date, date_end, precision, basis, future))

    for m in _REL_DAY.finditer(text):
        word = m.group(1).lower()
        d = pub - dt.timedelta(days=1) if word in ("yesterday", "last night") else \
            pub + dt.timedelta(days=1) if word == "tomorrow" else pub
        add(m, d, None, "day", _fmt(d), d > pub)

    for m in _WEEKDAY.finditer(text):
        mod = (m.group(1) or "").lower()
        target = WEEKDAYS.index(m.group(2))
        if mod in ("last", "past"):
            d, fut = _last_weekday(target, pub, strict=True), False
        elif mod in ("next", "coming"):
            d, fut = _next_weekday(target, pub, strict=True), True
        else:
            fut = is_future(text, m.start())
            d = _next_weekday(target, pub, strict=False) if fut else _last_weekday(target, pub, strict=False)
        add(m, d, None, "day", _fmt(d) + (" (the clause speaks of the future)" if fut and not mod else ""), fut)

    for m in _WEEKEND.finditer(text):
        mod = m.group(1).lower()
        sat_before = _last_weekday(5, pub, strict=False) if pub.weekday() != 6 else pub - dt.timedelta(days=1)
        if mod in ("last", "the past"):
            sat = sat_before - dt.timedelta(days=7) if pub.weekday() in (5, 6) else sat_before
            fut = False
        elif mod in ("next", "the coming"):
            sat, fut = _next_weekday(5, pub, strict=True), True
        else:
            fut = is_future(text, m.start())
            sat = (_next_weekday(5, pub, strict=False) if pub.weekday() != 6 else sat_before) if fut else sat_before
        add(m, sat, sat + dt.timedelta(days=1), "range",
            f"{_fmt(sat)} to {_fmt(sat + dt.timedelta(days=1))}", fut)

    for m in _WEEK.finditer(text):
        mod = m.group(1).lower()
        monday = pub - dt.timedelta(days=pub.weekday())
        if mod in ("last", "the previous"):
            lo, hi, fut = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), False
        elif mod == "the past":
            lo, hi, fut = pub - dt.timedelta(days=7), pub - dt.timedelta(days=1), False
        elif mod in ("next", "the coming"):
            lo, hi, fut = monday + dt.timedelta(days=7), monday + dt.timedelta(days=13), True
        elif mod == "earlier this":
            lo, hi, fut = monday, max(monday, pub - dt.timedelta(days=1)), False
        elif mod == "later this":
            lo, hi, fut = min(pub + dt.timedelta(days=1), monday + dt.timedelta(days=6)), monday + dt.timedelta(days=6), True
        else:
            lo, hi, fut = monday, monday + dt.timedelta(days=6), is_future(text, m.start())
        add(m, lo, hi, "range", f"the week {lo.isoformat()} to {hi.isoformat()} (weeks run Monday to Sunday)", fut)

    for m in _MONTH_REL.finditer(text):
        mod = m.group(1).lower()
        first = pub.replace(day=1)
        if mod == "last":
            lo = _add_months(first, -1)
            hi, fut = _month_end(lo.year, lo.month), False
        elif mod == "next":
            lo = _add_months(first, 1)
            hi, fut = _month_end(lo.year, lo.month), True
        elif mod == "earlier this":
            lo, hi, fut = first, max(first, pub - dt.timedelta(days=1)), False
        elif mod == "later this":
            lo, hi, fut = pub + dt.timedelta(days=1), _month_end(pub.year, pub.month), True
        else:
            lo, hi, fut = first, _month_end(pub.year, pub.month), is_future(text, m.start())
        add(m, lo, hi, "range", f"{lo.isoformat()} to {hi.isoformat()}", fut)

    for m in _AGO.finditer(text):
        qual, num, unit, rel = (m.group(1) or "").lower(), m.group(2).lower(), m.group(3).lower(), m.group(4).lower()
        n = int(num) if num.isdigit() else NUMBER_WORDS[num]
        unit = unit.rstrip("s")
        if unit == "day":
            d = pub - dt.timedelta(days=n)
        elif unit == "week":
            d = pub - dt.timedelta(days=7 * n)
        elif unit == "fortnight":
            d = pub - dt.timedelta(days=14 * n)
        elif unit == "month":
            d = _add_months(pub, -n)
        else:
            d = _add_months(pub, -12 * n)
        exact = unit == "day" and not qual and num not in ("a few", "several", "a couple of")
        how = "before publication" if rel in ("ago", "earlier") else \
            "before publication (the text is written that long after it)"
        add(m, d, None, "day" if exact else "approximate",
            f"{'about ' if not exact else ''}{n} {unit}(s) {how}: {_fmt(d)}")

    def absolute(m: re.Match, day: int, month: str, year: str | None) -> None:
        y = int(year) if year else pub.year
        try:
            d = dt.date(y, MONTHS.index(month) + 1, day)
        except ValueError:
            return
        add(m, d, None, "day", _fmt(d) + ("" if year else f" (year {pub.year} assumed from publication)"), d > pub)

    for m in _DAY_MONTH.finditer(text):
        absolute(m, int(m.group(1)), m.group(2), m.group(3))
    for m in _MONTH_DAY.finditer(text):
        absolute(m, int(m.group(2)), m.group(1), m.group(3))
    for rx in (_IN_MONTH, _MONTH_YEAR):
        for m in rx.finditer(text):
            y = int(m.group(2)) if m.group(2) else pub.year
            mo = MONTHS.index(m.group(1)) + 1
            lo = dt.date(y, mo, 1)
            hi = _month_end(y, mo)
            add(m, lo, hi, "range", f"the month {lo.isoformat()} to {hi.isoformat()}", lo > pub)

    for m in _YEAR.finditer(text):
        y = int(m.group(1))
        before = text[max(0, m.start() - 12):m.start()]
        after = text[m.end():m.end() + 2]
        if not (_YEAR_BEFORE.search(before) or not re.match(r"\s+[a-z]", after)):
            continue  # "send 2000 troops": a number, not a year
        if y >= pub.year - 1:
            continue  # this or last year: not history, and too vague to date an event
        add(m, dt.date(y, 1, 1), None, "year", f"the year {y}; the day is not in the text (look it up)")

    # keep the longest phrase where two overlap ("on Saturday" inside "Saturday's")
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[DateRef] = []
    for r in found:
        if kept and r.start < kept[-1].end:
            continue
        kept.append(r)
    return kept


def resolve(phrase: str, published: dt.date) -> DateRef | None:
    """The first date phrase in ``phrase`` resolved against ``published`` (a convenience)."""
    refs = find(phrase, published)
    return refs[0] if refs else None
