"""Every page, every issue, single countries, early dates, deep links, bad links (AppTest)."""
from __future__ import annotations

from pathlib import Path

import pytest

from apptest_support import clean, run
from coalition import load_frames, registry

ROOT = Path(__file__).resolve().parent.parent
PAGES = [p.id for p in registry.PAGES]
FRAMES = load_frames()
ISSUES = list(FRAMES.issues["issue"])


def test_the_registry_names_every_page_file_and_only_those():
    """app.py is the first page; every other page is a file in pages/ (classic multipage layout), and
    the registry lists each exactly once, at the path Streamlit serves it from."""
    files = {"app.py"} | {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert {p.file for p in registry.PAGES} == files
    assert len(registry.PAGES) == len(files) == 8
    for p in registry.PAGES:
        assert p.url_path == ("" if p.file == "app.py" else p.file.removeprefix("pages/").removesuffix(".py"))
    # the paths links have carried so far
    assert [p.url_path for p in registry.PAGES] == ["", "map", "matrix", "timeline", "country", "changes",
                                                     "sources", "about"]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_no_filters(page):
    clean(run(page))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("issue", ISSUES)
def test_page_runs_with_each_issue(page, issue):
    at = run(page, issue=issue)
    clean(at)
    assert at.selectbox(key="f_issue").value == issue


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("country", ["ITA", "RUS", "JPN"])
def test_page_runs_with_a_single_country(page, country):
    at = run(page, country=country)
    clean(at)
    assert at.multiselect(key="f_country").value == [country]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_as_of_before_any_record(page):
    at = run(page, as_of="1950-01-01")
    clean(at)
    assert str(at.date_input(key="f_as_of").value) == "1950-01-01"


def test_deep_link_sets_every_filter_and_survives_page_switch():
    at = run("matrix.py", country=["GBR", "FRA"], issue="frozen_assets", as_of="2025-03-16", kind=["meeting"])
    assert at.multiselect(key="f_country").value == ["GBR", "FRA"]
    assert at.selectbox(key="f_issue").value == "frozen_assets"
    assert str(at.date_input(key="f_as_of").value) == "2025-03-16"
    assert at.multiselect(key="f_kind").value == ["meeting"]
    at.switch_page("pages/timeline.py").run()
    assert at.multiselect(key="f_country").value == ["GBR", "FRA"]
    assert at.query_params["issue"] == ["frozen_assets"] or at.query_params["issue"] == "frozen_assets"


def test_changing_a_filter_updates_the_url():
    at = run("overview.py")
    at.selectbox(key="f_issue").set_value("troops").run()
    assert "troops" in str(at.query_params["issue"])
    at.multiselect(key="f_country").set_value(["ITA"]).run()
    assert "ITA" in str(at.query_params["country"])


@pytest.mark.parametrize("page", PAGES)
def test_bad_link_values_are_dropped_with_a_notice(page):
    at = run(page, country=["GBR", "ZZZ"], issue="nope", as_of="2025-02-30", bogus="1")
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "ZZZ" in notices and "nope" in notices and "2025" in notices and "bogus" in notices
    assert at.multiselect(key="f_country").value == ["GBR"]


def test_what_changed_lists_italy_as_possible_disagreement():
    at = run("changes.py")
    text = " ".join(m.value for m in at.markdown)
    assert "Italy" in text and "different sources" in text
    at = run("changes.py", as_of="2025-03-15")
    assert "No change of position" in at.info[0].value


def test_every_page_offers_filtered_csv_and_json_downloads():
    for page in ("overview", "map", "matrix"):
        at = clean(run(page, country="ITA"))
        labels = [b.proto.label for b in at.sidebar.get("download_button")]  # the map also saves its image
        assert sorted(labels) == ["Events CSV", "Events JSON", "Stances CSV", "Stances JSON"], labels
