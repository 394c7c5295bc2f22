"""The view in the URL: parse untrusted query parameters, write canonical ones.

Pure Python (no streamlit) so it can be fuzzed fast. A query string is a mapping
of key -> list of values (keys may repeat). ``parse`` keeps what is valid and
returns notices naming what it drops (grouped: a few at most, whatever the link); ``encode`` writes
the canonical form.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl

from . import registry

MAX_VALUE_LEN = 64  # longer values are never valid ids, codes or dates
MAX_SHOWN = 40      # how much of a dropped value a notice shows
NOTICE_EXAMPLES = 3  # how many of many dropped values a notice names
# A link the app writes holds the shared filters and a page's own keys: even every country of the world
# selected is under 270 parameters and 3,500 characters. Longer links are not read (one notice says so);
# 8,192 characters is also what common proxies accept for a whole request line. (Streamlit itself
# empties the query of a link over 1,000 parameters or 512 Ki characters; the notice covers that too.)
MAX_LINK_CHARS = 8192
MAX_PARAMS = 300
MIN_DATE = dt.date(1950, 1, 1)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

SHARED_KEYS = registry.SHARED_KEYS
# page url_path -> the page's own keys and how many values each takes (from the page registry)
PAGE_KEYS: dict[str, dict[str, str]] = {p.url_path: dict(p.keys) for p in registry.PAGES}
CHOICES = {"view": ("europe", "world"), "sort": ("country", "region", "score"), "on_issue": ("1",)}

# "more": how far a reader opened the page's capped lists ("Show more"), e.g. "changes:10" or
# "country_events_GBR:20,cell_ITA.troops:20"; list names are the pages' own, counts 1..9999
_MORE_ITEM = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,39}:[1-9][0-9]{0,3}")


def parse_more(value: str | None) -> dict[str, int]:
    """``{list: count}`` from a valid ``more`` value ({} for none or an invalid one)."""
    if not value or len(value) > MAX_VALUE_LEN:
        return {}
    items = value.split(",")
    if not all(_MORE_ITEM.fullmatch(i) for i in items):
        return {}
    return {name: int(n) for name, n in (i.split(":") for i in items)}


def encode_more(counts: dict[str, int]) -> str:
    """The canonical ``more`` value (sorted; items that would pass MAX_VALUE_LEN are left out)."""
    out = ""
    for name, n in sorted(counts.items()):
        item = f"{name}:{int(n)}"
        if not _MORE_ITEM.fullmatch(item):
            continue
        joined = f"{out},{item}" if out else item
        if len(joined) <= MAX_VALUE_LEN:
            out = joined
    return out


@dataclass(frozen=True)
class View:
    """Everything a link reproduces: the shared filters and the page's own state."""

    countries: tuple[str, ...] = ()
    issue: str | None = None
    as_of: dt.date | None = None
    kinds: tuple[str, ...] = ()
    page: dict = field(default_factory=dict)

    def with_page(self, **kw) -> "View":
        return replace(self, page={**self.page, **{k: v for k, v in kw.items() if v not in (None, "")}})


@dataclass(frozen=True)
class Options:
    """The values a link may carry, from the data."""

    countries: frozenset
    issues: frozenset
    kinds: frozenset
    events: frozenset = frozenset()
    sources: frozenset = frozenset()
    stance_ids: frozenset = frozenset()
    cells: frozenset = frozenset()  # "ISO3.issue"
    places: frozenset = frozenset()  # every country the map draws (ISO3): the map may focus one with no record
    today: dt.date = field(default_factory=dt.date.today)


def _short(v: str) -> str:
    v = "".join(ch if ch.isprintable() else "\ufffd" for ch in v)
    return v if len(v) <= MAX_SHOWN else v[:MAX_SHOWN] + "…"


def _date(v: str, opts: Options) -> dt.date | None:
    if not _ISO_DAY.fullmatch(v):  # YYYY-MM-DD only (fromisoformat also takes "2025-W10-1")
        return None
    try:
        d = dt.date.fromisoformat(v)
    except ValueError:
        return None
    return d if MIN_DATE <= d <= opts.today else None


def valid_value(key: str, value, opts: Options, page: str = "") -> bool:
    """Whether a link, or a click on a chart or a table, may set ``key`` to ``value`` on ``page``: a key of
    the page (or a shared one) and a value the data knows (ids, codes, dates in range, listed choices)."""
    if key not in SHARED_KEYS and key not in PAGE_KEYS.get(page, {}):
        return False
    if not isinstance(value, str) or len(value) > MAX_VALUE_LEN:
        return False
    if key == "as_of":
        return _date(value, opts) is not None
    if key == "more":
        return bool(parse_more(value))
    if key == "focus":
        return value in opts.countries or (page == "map" and value in opts.places)
    known = {"country": opts.countries, "issue": opts.issues, "kind": opts.kinds, "event": opts.events,
             "source": opts.sources, "hl": opts.stance_ids, "cell": opts.cells}
    return value in known.get(key, CHOICES.get(key, ()))


def _examples(items: list[str]) -> str:
    """``'a', 'b', 'c' and 996 more``: the first few of many dropped things, shortened and quoted."""
    shown = ", ".join(repr(_short(i)) for i in items[:NOTICE_EXAMPLES])
    more = len(items) - NOTICE_EXAMPLES
    return shown + (f" and {more:,} more" if more > 0 else "")


def link_size(query: dict[str, list[str]], raw: str | None = None) -> tuple[int, int]:
    """(characters, parameters) of a link's query, as its decoded parameters add up; of ``raw`` (the query
    string as received) when the parameters are empty, as Streamlit leaves them for a link over its own
    limits."""
    pairs = [(k, v) for k, vs in query.items() for v in ([vs] if isinstance(vs, str) else list(vs))]
    if not pairs and raw:
        return len(raw), raw.count("&") + 1
    return sum(len(k) + len(str(v)) + 2 for k, v in pairs), len(pairs)


def parse(query: dict[str, list[str]], opts: Options, page: str = "", raw: str | None = None
          ) -> tuple[View, list[str]]:
    """A View from untrusted query parameters, and notices of what was dropped.

    At most one notice for every unknown parameter together and one per known key (its values that are
    not known, then extra values of a one-value key), each naming how many and the first few, so a link
    of a thousand junk parameters gives one notice, not a thousand. A link over MAX_LINK_CHARS characters
    or MAX_PARAMS parameters (``raw``: the query string as received, when known) is not read at all.
    """
    chars, count = link_size(query, raw)
    if chars > MAX_LINK_CHARS or count > MAX_PARAMS:
        names = list(query) or [k for k, _ in parse_qsl(raw[:MAX_LINK_CHARS] if raw else "", keep_blank_values=True)]
        return View(), [f"This link was not read: it has {count:,} parameters and {chars:,} characters, over the "
                        f"limit of {MAX_PARAMS} parameters and {MAX_LINK_CHARS:,} characters a link of this app may "
                        f"have ({_examples(names)}). The default view is shown."]
    notices: list[str] = []
    own = PAGE_KEYS.get(page, {})
    kept: dict[str, list[str]] = {}
    unknown: list[str] = []
    for key, values in query.items():
        values = [values] if isinstance(values, str) else list(values)
        if key not in SHARED_KEYS and key not in own:
            unknown.append(key)
            continue
        single = key in ("issue", "as_of") or own.get(key) == "one"
        bad = []
        for v in values:
            if not valid_value(key, v, opts, page):
                bad.append(str(v))
            elif v not in kept.setdefault(key, []):
                kept[key].append(v)
        if len(bad) == 1:
            notices.append(f"Ignored {key}={_short(bad[0])!r}: not a known value.")
        elif bad:
            notices.append(f"Ignored {len(bad):,} values of {key} that are not known: {_examples(bad)}.")
        if single and len(kept.get(key, [])) > 1:
            notices.append(f"Ignored extra values of {key}: kept the first, {kept[key][0]!r}.")
            kept[key] = kept[key][:1]
    if len(unknown) == 1:
        notices.insert(0, f"Ignored unknown link parameter {_short(unknown[0])!r}.")
    elif unknown:
        notices.insert(0, f"Ignored {len(unknown):,} unknown link parameters: {_examples(unknown)}.")
    view = View(
        countries=tuple(kept.get("country", [])),
        issue=(kept.get("issue") or [None])[0],
        as_of=_date(kept["as_of"][0], opts) if kept.get("as_of") else None,
        kinds=tuple(kept.get("kind", [])),
        page={k: kept[k][0] for k in own if kept.get(k)},
    )
    return view, notices


def encode(view: View, page: str = "", default_issue: str | None = None) -> dict[str, list[str]]:
    """Canonical query parameters for a view: shared filters first, then the page's own."""
    out: dict[str, list[str]] = {}
    if view.countries:
        out["country"] = list(view.countries)
    if view.issue and view.issue != default_issue:
        out["issue"] = [view.issue]
    if view.as_of:
        out["as_of"] = [view.as_of.isoformat()]
    if view.kinds:
        out["kind"] = list(view.kinds)
    for key in PAGE_KEYS.get(page, {}):
        if view.page.get(key):
            out[key] = [str(view.page[key])]
    return out


def query_string(params: dict[str, list[str]]) -> str:
    """``?a=1&a=2`` form of encoded parameters ('' when empty)."""
    from urllib.parse import urlencode

    pairs = [(k, v) for k, vs in params.items() for v in vs]
    return "?" + urlencode(pairs) if pairs else ""
