"""The URL state: untrusted query parameters in, a valid View and a few notices naming what was dropped out.

Property-based (hypothesis) on ``coalition.urlstate.parse`` with hostile input, plus plain
examples: repeated keys, ``as_of`` bounds, encode/parse round trips.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition import urlstate
from coalition.urlstate import (CHOICES, MAX_LINK_CHARS, MAX_PARAMS, MAX_SHOWN, MAX_VALUE_LEN, MIN_DATE,
                               NOTICE_EXAMPLES, PAGE_KEYS, SHARED_KEYS, View)

TODAY = dt.date(2026, 11, 21)
OPTS = urlstate.Options(
    countries=frozenset({"GBR", "FRA", "DEU", "ITA", "JPN", "USA", "RUS", "UKR"}),
    issues=frozenset({"join", "troops", "leadership", "frozen_assets", "un_mandate"}),
    kinds=frozenset({"meeting", "call", "statement", "report", "context"}),
    events=frozenset({"london_summit_2025_03_02", "trump_putin_call_2025_03_18"}),
    sources=frozenset({"s000", "s004"}),
    stance_ids=frozenset({"ITA.troops.1", "ITA.troops.2", "GBR.join.1"}),
    cells=frozenset({"ITA.troops", "GBR.join"}),
    today=TODAY,
)
PAGES = list(PAGE_KEYS) + ["no_such_page"]
SINGLE = {"issue", "as_of"}
CASES = settings(max_examples=3000, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
STRICT_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# --- an independent oracle: which values a link may carry ----------------------------------------
def allowed(key: str, value: str) -> bool:
    if key in ("country", "focus"):
        return value in OPTS.countries
    if key == "as_of":
        if not STRICT_DATE.fullmatch(value):
            return False
        try:
            return MIN_DATE <= dt.date.fromisoformat(value) <= TODAY
        except ValueError:
            return False
    if key == "more":  # list:count[,list:count...], names of letters, digits, _ and ., counts 1..9999
        return len(value) <= MAX_VALUE_LEN and all(
            re.fullmatch(r"[A-Za-z][A-Za-z0-9_.]{0,39}:[1-9][0-9]{0,3}", item) for item in value.split(","))
    known = {"issue": OPTS.issues, "kind": OPTS.kinds, "event": OPTS.events, "source": OPTS.sources,
             "hl": OPTS.stance_ids, "cell": OPTS.cells}
    return value in known.get(key, CHOICES.get(key, ()))


def over_limits(query: dict) -> bool:
    pairs = [(k, v) for k, vs in query.items() for v in ([vs] if isinstance(vs, str) else vs)]
    return len(pairs) > MAX_PARAMS or sum(len(k) + len(v) + 2 for k, v in pairs) > MAX_LINK_CHARS


def expected_notices(query: dict, page: str) -> int:
    """One notice for all unknown keys together; per known key, one for its unknown values and one for
    extra values of a one-value key; a link over the limits: one notice, nothing read."""
    if over_limits(query):
        return 1
    own = PAGE_KEYS.get(page, {})
    n = 0
    unknown = False
    for key, values in query.items():
        values = [values] if isinstance(values, str) else list(values)
        if key not in SHARED_KEYS and key not in own:
            unknown = True
            continue
        kept = list(dict.fromkeys(v for v in values if allowed(key, v)))
        n += any(not allowed(key, v) for v in values)
        if (key in SINGLE or own.get(key) == "one") and len(kept) > 1:
            n += 1
    return n + unknown


# --- strategies: hostile and near-valid input --------------------------------------------------
HOSTILE = [
    "<script>window.__pwned=1</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "[x](javascript:alert(1))", ":red[boom]", "**bold**", "$$\\frac{1}{0}$$", "' OR 1=1 --", "../../etc/passwd",
    "%3Cscript%3E", "\u202egnp.exe", "\x00", "\x1b[31m", "\r\nSet-Cookie: a=b", "GBR ", " GBR", "gbr", "ITA.troops.9",
    "GBR\u200b", "ＧＢＲ", "🇬🇧", "x" * 10_000, "1950-01-01T00:00", "2025-W10-1", "20250301", "٢٠٢٥-٠٣-٠١",
    "2025-02-30", "2025-13-01", "0000-01-01", "9999-12-31", "1949-12-31", "2999-01-01", "-2025-01-01",
]
real_values = st.sampled_from(sorted(OPTS.countries | OPTS.issues | OPTS.kinds | OPTS.events | OPTS.sources
                                     | OPTS.stance_ids | OPTS.cells | {c for cs in CHOICES.values() for c in cs}))
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat)
values = st.one_of(
    real_values, real_values.map(str.lower), dates, st.sampled_from(HOSTILE), st.text(max_size=80),
    st.text(min_size=MAX_VALUE_LEN - 2, max_size=MAX_VALUE_LEN + 2, alphabet="ABCDEFGHIJ"),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
)
keys = st.one_of(st.sampled_from(list(SHARED_KEYS) + sorted({k for ks in PAGE_KEYS.values() for k in ks})),
                 st.sampled_from(HOSTILE), st.text(max_size=30))
queries = st.dictionaries(keys, st.one_of(values, st.lists(values, max_size=6)), max_size=8)


@CASES
@given(query=queries, page=st.sampled_from(PAGES))
def test_parse_never_raises_keeps_only_valid_values_and_names_each_drop(query, page):
    view, notices = urlstate.parse(query, OPTS, page)
    own = PAGE_KEYS.get(page, {})
    if over_limits(query):
        assert (view, len(notices)) == (View(), 1) and notices[0].startswith("This link was not read")
        return
    # only valid values survive
    assert set(view.countries) <= OPTS.countries and len(set(view.countries)) == len(view.countries)
    assert view.issue is None or view.issue in OPTS.issues
    assert view.as_of is None or MIN_DATE <= view.as_of <= TODAY
    assert set(view.kinds) <= OPTS.kinds
    assert set(view.page) <= set(own)
    for key, value in view.page.items():
        assert allowed(key, value), (key, value)
    # what the link asked for and was valid is kept (first value for single-valued keys)
    asked = {k: ([v] if isinstance(v, str) else list(v)) for k, v in query.items()}
    assert list(view.countries) == list(dict.fromkeys(v for v in asked.get("country", []) if allowed("country", v)))
    first_issue = next((v for v in asked.get("issue", []) if allowed("issue", v)), None)
    assert view.issue == first_issue
    first_date = next((v for v in asked.get("as_of", []) if allowed("as_of", v)), None)
    assert (view.as_of.isoformat() if view.as_of else None) == first_date
    # a notice per kind of drop, never one per value; short, printable
    assert len(notices) == expected_notices(query, page)
    for n in notices:
        assert len(n) <= NOTICE_EXAMPLES * (MAX_SHOWN + 6) + 80, n
        assert n.isprintable(), repr(n)


@settings(CASES, max_examples=400)
@given(data=st.data(), page=st.sampled_from(PAGES))
def test_every_valid_view_survives_encode_then_parse(data, page):
    own = PAGE_KEYS.get(page, {})
    pools = {"focus": OPTS.countries, "event": OPTS.events, "source": OPTS.sources, "hl": OPTS.stance_ids,
             "cell": OPTS.cells, "more": {"changes:10", "overview_disputed:6,overview_figures:16",
                                           "cell_ITA.troops:20", "country_events_GBR:30"},
             **{k: set(v) for k, v in CHOICES.items()}}
    view = View(
        countries=tuple(data.draw(st.lists(st.sampled_from(sorted(OPTS.countries)), unique=True, max_size=4))),
        issue=data.draw(st.none() | st.sampled_from(sorted(OPTS.issues))),
        as_of=data.draw(st.none() | st.dates(min_value=MIN_DATE, max_value=TODAY)),
        kinds=tuple(data.draw(st.lists(st.sampled_from(sorted(OPTS.kinds)), unique=True, max_size=3))),
        page={k: data.draw(st.sampled_from(sorted(pools[k]))) for k in own if data.draw(st.booleans())},
    )
    # through the canonical dict, and through the real query string a browser would send
    again, notices = urlstate.parse(urlstate.encode(view, page), OPTS, page)
    assert (again, notices) == (view, [])
    qs = urlstate.query_string(urlstate.encode(view, page))
    again, notices = urlstate.parse(parse_qs(qs.lstrip("?"), keep_blank_values=True), OPTS, page)
    assert (again, notices) == (view, [])


# --- plain examples ----------------------------------------------------------------------------
def test_repeated_country_keeps_each_once_in_order_without_notice():
    view, notices = urlstate.parse({"country": ["ITA", "GBR", "ITA", "GBR"]}, OPTS)
    assert view.countries == ("ITA", "GBR") and notices == []


def test_repeated_single_key_keeps_the_first_and_says_so():
    view, notices = urlstate.parse({"issue": ["troops", "join"], "as_of": ["2025-03-15", "2025-03-16"]}, OPTS)
    assert view.issue == "troops" and view.as_of == dt.date(2025, 3, 15)
    assert notices == ["Ignored extra values of issue: kept the first, 'troops'.",
                       "Ignored extra values of as_of: kept the first, '2025-03-15'."]


def test_repeated_page_key_keeps_the_first():
    view, notices = urlstate.parse({"cell": ["GBR.join", "ITA.troops"]}, OPTS, "matrix")
    assert view.page == {"cell": "GBR.join"} and len(notices) == 1


@pytest.mark.parametrize("value,kept", [
    (MIN_DATE.isoformat(), True), ((MIN_DATE - dt.timedelta(days=1)).isoformat(), False),
    (TODAY.isoformat(), True), ((TODAY + dt.timedelta(days=1)).isoformat(), False),
    ("2025-02-28", True), ("2025-02-30", False), ("2024-02-29", True), ("2025-3-1", False),
    ("2025-03-01 ", False), ("20250301", False), ("2025-W10-1", False), ("٢٠٢٥-٠٣-٠١", False), ("", False),
])
def test_as_of_bounds_and_format(value, kept):
    view, notices = urlstate.parse({"as_of": [value]}, OPTS)
    assert (view.as_of is not None) == kept
    assert len(notices) == (0 if kept else 1)


def test_page_keys_only_count_on_their_own_page():
    view, notices = urlstate.parse({"cell": ["ITA.troops"], "focus": ["ITA"]}, OPTS, "matrix")
    assert view.page == {"cell": "ITA.troops"}
    assert notices == ["Ignored unknown link parameter 'focus'."]


def test_unknown_key_is_one_notice_whatever_its_values():
    _, notices = urlstate.parse({"utm_source": ["a", "b", "c"]}, OPTS)
    assert notices == ["Ignored unknown link parameter 'utm_source'."]


def test_a_thousand_unknown_parameters_are_one_notice_with_the_count_and_the_first_few():
    query = {f"p{i}": ["1"] for i in range(250)}
    view, notices = urlstate.parse({**query, "country": ["ITA"]}, OPTS)
    assert view.countries == ("ITA",)
    assert notices == ["Ignored 250 unknown link parameters: 'p0', 'p1', 'p2' and 247 more."]


def test_many_unknown_values_of_one_key_are_one_notice():
    view, notices = urlstate.parse({"country": ["ITA"] + [f"<b>X{i}</b>" for i in range(200)]}, OPTS)
    assert view.countries == ("ITA",)
    assert notices == ["Ignored 200 values of country that are not known: '<b>X0</b>', '<b>X1</b>', '<b>X2</b>' "
                       "and 197 more."]


@pytest.mark.parametrize("query,raw", [
    ({f"p{i}": ["1"] for i in range(999)}, None),                      # 999 parameters
    ({"country": ["ITA"] * (MAX_PARAMS + 1)}, None),                   # one over the count, all valid
    ({"country": ["ITA"], "x": ["y" * MAX_LINK_CHARS]}, None),         # one over the length
    ({}, "&".join(f"p{i}=1" for i in range(1001))),                   # emptied by Streamlit: only the raw string
])
def test_a_link_over_the_limits_is_not_read_and_says_so_once(query, raw):
    view, notices = urlstate.parse(query, OPTS, raw=raw)
    assert view == View()
    (n,) = notices
    assert n.startswith("This link was not read") and f"{MAX_PARAMS}" in n and f"{MAX_LINK_CHARS:,}" in n
    assert n.isprintable() and len(n) < 400


def test_the_limits_leave_room_for_every_link_the_app_writes():
    every = View(countries=tuple(f"C{i:02d}" for i in range(249)), issue="frozen_assets", as_of=TODAY,
                 kinds=tuple(OPTS.kinds), page={"cell": "x" * MAX_VALUE_LEN, "more": "y" * MAX_VALUE_LEN})
    q = urlstate.encode(every, "matrix")
    chars, count = urlstate.link_size(q)
    assert count < MAX_PARAMS and len(urlstate.query_string(q)) < MAX_LINK_CHARS and chars < MAX_LINK_CHARS


def test_a_hostile_value_is_dropped_and_shown_short_and_printable():
    payload = "<script>window.__pwned=1</script>" + "A" * 500 + "\x00\x1b"
    view, notices = urlstate.parse({"country": ["ITA", payload]}, OPTS)
    assert view.countries == ("ITA",)
    (n,) = notices
    assert n.startswith("Ignored country='<script>window.__pwned=1</script>AAAAAAA…'")
    assert n.isprintable() and len(n) < 2 * MAX_SHOWN + 60


def test_control_characters_in_a_key_are_replaced_in_the_notice():
    _, notices = urlstate.parse({"a\x00b\nc": ["1"]}, OPTS)
    assert notices == ["Ignored unknown link parameter 'a\ufffdb\ufffdc'."]


def test_encode_leaves_out_the_default_issue_and_parse_reads_nothing_as_no_filter():
    view = View(countries=("ITA",), issue="join", as_of=dt.date(2025, 3, 16), kinds=("meeting",))
    params = urlstate.encode(view, "", default_issue="join")
    assert params == {"country": ["ITA"], "as_of": ["2025-03-16"], "kind": ["meeting"]}
    assert urlstate.query_string(params) == "?country=ITA&as_of=2025-03-16&kind=meeting"
    again, notices = urlstate.parse(params, OPTS)
    assert again == View(countries=("ITA",), issue=None, as_of=dt.date(2025, 3, 16), kinds=("meeting",))
    assert notices == [] and urlstate.parse({}, OPTS) == (View(), [])


def test_more_values_parse_and_encode_canonically():
    assert urlstate.parse_more("changes:10") == {"changes": 10}
    assert urlstate.parse_more("cell_ITA.troops:20,country_events_GBR:30") == \
        {"cell_ITA.troops": 20, "country_events_GBR": 30}
    for bad in ("", "changes", "changes:0", "changes:10000", "changes:-1", ":5", "a b:5", "changes:5,", "x:1" * 30,
                "<script>:1", "changes:5,,x:1"):
        assert urlstate.parse_more(bad) == {}, bad
    assert urlstate.encode_more({"b": 2, "a": 1}) == "a:1,b:2"
    long = {f"list_{i:02d}_xxxxxxxx": 10 for i in range(10)}
    value = urlstate.encode_more(long)
    assert len(value) <= MAX_VALUE_LEN and urlstate.parse_more(value)  # what does not fit is left out
    view, notices = urlstate.parse({"more": ["changes:10"]}, OPTS, "changes")
    assert view.page == {"more": "changes:10"} and notices == []
    view, notices = urlstate.parse({"more": ["changes:lots"]}, OPTS, "changes")
    assert view.page == {} and len(notices) == 1
    view, notices = urlstate.parse({"more": ["changes:10"]}, OPTS, "about")  # not a key of the About page
    assert view.page == {} and len(notices) == 1
