"""Fuzzed links on every page (AppTest + hypothesis): no exception, every dropped value named, escaped.

Each example opens the app the way a reader opens a shared link: a fresh session whose
first run has the (hostile) query string, on the page of the link. Checks:

* no exception, ever;
* the app's link notices are exactly what ``urlstate.parse`` says about the query the
  app received (after Streamlit's own query-string parsing), a few at most however many
  values were dropped, escaped with ``ui.md``;
* no hostile string from the link (one with ``<``, ``](`` or a ``:directive[``) appears
  unescaped in any element rendered as markdown or HTML;
* the URL the app writes back is clean (parsing it again drops nothing).
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from streamlit.runtime.state import query_params as st_query_params
from streamlit.testing.v1 import AppTest

from ui import data as ui_data
from ui.html import md
from coalition import registry, urlstate
from coalition.paths import data_path

ROOT = Path(__file__).resolve().parent.parent
# (page file, url_path) for every page of the registry; the first page's url_path is ""
PAGES = [(p.file, p.url_path) for p in registry.PAGES]
DEFAULT_PAGE = next(p for p, path in PAGES if path == "")
DATA = ui_data._load(*ui_data._stamp(data_path()))[0]  # the options the app itself builds
OPTS = DATA.options
EXAMPLES_PER_PAGE = 40




def received(query: dict[str, list[str]]) -> dict[str, list[str]]:
    """The query as the app sees it: through the URL and Streamlit's own parser (limits, embed keys)."""
    parsed = st_query_params._parse_query_string(urlencode(query, doseq=True))
    return {k: v for k, v in parsed.items() if k.lower() not in st_query_params.EMBED_QUERY_PARAMS_KEYS}


def texts(at: AppTest) -> list[str]:
    """Text of every element that is rendered as markdown or HTML (not code, tables, plain text)."""
    out = []

    def walk(block):
        for child in getattr(block, "children", {}).values():
            if child.type in SHOWN_LITERALLY:
                continue
            value = getattr(child, "value", None)
            if isinstance(value, str):
                out.append(value)
            for attr in ("label", "body", "help"):
                v = getattr(child, attr, None)
                if isinstance(v, str):
                    out.append(v)
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return out


def raw_inputs(q: dict[str, list[str]], at: AppTest) -> list[str]:
    """Strings from the link that markdown/HTML would act on and that appear unescaped on the page."""
    hostile = {s for k, vs in q.items() for s in [k, *vs] if len(s) >= 6 and MARKUP.search(s)}
    shown = texts(at)
    return sorted(s for s in hostile if any(s in t for t in shown))


# --- what a hostile link carries --------------------------------------------------------------
HOSTILE = [
    "<script>window.__pwned=1</script>", "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>",
    "javascript:alert(1)", "[click](javascript:alert(1))", ":red[boom] :material/warning:", "**bold** _it_",
    "$$x$$", "<!--", "{{7*7}}", "../../etc/passwd", "%00", "\u202eevil", "\x00\x01\x1f", "\r\nX-Injected: 1",
    "ITA ", "ita", "ITA\u200b", "ＩＴＡ", "🇮🇹", "x" * 5000, "2025-02-30", "2025-13-01", "1949-12-31",
    "2999-01-01", "2025-W10-1", "20250315", "٢٠٢٥-٠٣-١٥", "-1", "NaN", "None", "[]", "{}",
]
KEYS = list(urlstate.SHARED_KEYS) + sorted({k for ks in urlstate.PAGE_KEYS.values() for k in ks})
VALID = sorted(OPTS.countries | OPTS.issues | OPTS.kinds | OPTS.events | OPTS.sources | OPTS.stance_ids
               | OPTS.cells | {c for cs in urlstate.CHOICES.values() for c in cs} | {"2025-03-15", "2025-03-16"})
value = st.one_of(st.sampled_from(VALID), st.sampled_from(VALID), st.sampled_from(HOSTILE),
                  st.text(max_size=40), st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
key = st.one_of(st.sampled_from(KEYS), st.sampled_from(KEYS), st.sampled_from(HOSTILE[:12]),
                st.text(min_size=1, max_size=20))
query = st.dictionaries(key, st.lists(value, min_size=1, max_size=4), max_size=6)
# no shrinking: one app run costs ~0.2-0.5 s, and the failing link is shown as found
FUZZ = settings(max_examples=EXAMPLES_PER_PAGE, deadline=None, database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SHOWN_LITERALLY = {"code", "text", "dataframe", "arrow_data_frame", "json", "table"}  # never read as markup
MARKUP = re.compile(r"<|\]\(|:[a-z]+\[|:material/")  # what markdown or HTML would act on


def test_every_registered_page_is_fuzzed():
    assert len(PAGES) >= 7 and DEFAULT_PAGE == "app.py"
    assert all((ROOT / p).is_file() for p, _ in PAGES)


def open_link(page: str, q: dict[str, list[str]]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, vs in q.items():
        at.query_params[k] = vs
    if page != DEFAULT_PAGE:
        at.switch_page(page)
    return at.run()


@pytest.mark.parametrize("page,url_path", PAGES, ids=[p for _, p in PAGES])
def test_a_fuzzed_link_never_breaks_the_page_and_each_drop_is_named(page, url_path):
    @FUZZ
    @given(q=query)
    def check(q):
        at = open_link(page, q)
        assert not at.exception, [e.value for e in at.exception]
        _, expected = urlstate.parse(received(q), OPTS, url_path)
        shown = [w.value for w in at.warning if w.value.startswith(("Ignored", "This link"))]
        assert shown == [md(n) for n in expected]
        assert not raw_inputs(q, at)
        back = {k: (v if isinstance(v, list) else [v]) for k, v in at.query_params.items()}
        assert urlstate.parse(back, OPTS, url_path)[1] == [], back

    check()


@pytest.mark.parametrize("page,url_path", PAGES, ids=[p for _, p in PAGES])
def test_a_link_full_of_payloads_is_dropped_with_escaped_notices(page, url_path):
    q = {"country": ["ITA", "<script>window.__pwned=1</script>"], "issue": ["[x](javascript:alert(1))"],
         "as_of": ["2025-02-30"], "<img src=x onerror=alert(1)>": ["1"], "kind": [":red[boom]"]}
    at = open_link(page, q)
    assert not at.exception
    shown = [w.value for w in at.warning if w.value.startswith("Ignored")]
    assert len(shown) == 5
    assert any("\\<script\\>" in s for s in shown) and any("\\[x\\]\\(javascript" in s for s in shown)
    assert not raw_inputs(q, at)
    assert not [t for t in texts(at) if "window.__pwned" in t and "\\<script" not in t]
    assert at.multiselect(key="f_country").value == ["ITA"]


@pytest.mark.parametrize("n", [250, 999, 1001])  # under the app's limit; over it; over Streamlit's own (emptied)
def test_a_link_with_hundreds_of_unknown_parameters_shows_one_notice_with_the_count_and_the_first_few(n):
    q = {f"<b>p{i}</b>": ["1"] for i in range(n)}
    at = open_link("pages/map.py", q)
    assert not at.exception
    (notice,) = [w.value for w in at.warning]
    assert f"{n:,}" in notice and "p0" in notice and "p2" in notice and "p3" not in notice
    assert "\\<b\\>p0\\</b\\>" in notice, notice            # escaped: shown as typed, never as bold
    assert not raw_inputs(q, at)
    assert at.multiselect(key="f_country").value == []     # nothing of the link was taken
    at.run()
    assert len(at.warning) == 1, "a rerun keeps the one notice, not more"
