"""The app pointed at a broken or missing data file (COALITION_DATA): an error page, never a traceback.

Every page of the registry is tried (whatever the pages become): the reader gets the
list of problems (file:line: record: what) or the missing file's path and how to fix it,
and nothing else: no chart, no table, no filter drawn from half-read data.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coalition import check, registry

ROOT = Path(__file__).resolve().parent.parent
PAGES = [p.file for p in registry.PAGES]
ERROR_PAGE_ELEMENTS = {"error", "code", "markdown"}

_spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "tests" / "bad_data" / "make_corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)




def open_page(page: str, data_file: Path, monkeypatch, **params) -> AppTest:
    monkeypatch.setenv("COALITION_DATA", str(data_file))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    if page != PAGES[0]:
        at.switch_page(page)
    return at.run()


def element_types(block) -> list[str]:
    out = []
    for child in getattr(block, "children", {}).values():
        out.append(child.type)
        out.extend(element_types(child))
    return out


def assert_error_page_only(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    shown = set(element_types(at.main))
    assert shown <= ERROR_PAGE_ELEMENTS | {"vertical", "horizontal"}, shown  # containers are fine
    assert element_types(at.sidebar) == [], "filters drawn from a file that could not be read"
    assert len(at.error) == 1
    assert "Traceback" not in " ".join(m.value for m in at.markdown)


def test_every_registered_page_is_tried():
    assert len(PAGES) >= 7 and PAGES[0] == "app.py"


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """A file with 5 problems (a duplicate issue id and the stances that then point nowhere)."""
    return corpus.project("duplicate_issue_id", tmp_path_factory.mktemp("broken"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_lists_the_problems_of_a_broken_file(page, broken, monkeypatch):
    at = open_page(page, broken, monkeypatch, country="ITA", issue="troops")
    assert_error_page_only(at)
    _, problems = check(broken)
    assert len(problems) == 5
    assert f"has {len(problems)} problem(s)" in at.error[0].value
    listed = at.code[0].value
    for p in problems:
        assert f":{p.line}: {p.where}: {p.what}" in listed, p
    assert "python -m coalition validate" in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_which_file_is_missing_and_how_to_fix_it(page, tmp_path, monkeypatch):
    missing = tmp_path / "data" / "nowhere.yaml"
    at = open_page(page, missing, monkeypatch)
    assert_error_page_only(at)
    assert "not found" in at.error[0].value and "nowhere" in at.error[0].value
    how = " ".join(m.value for m in at.markdown)
    assert "COALITION_DATA" in how and "data/coalition.yaml" in how


def test_the_missing_file_is_named_by_its_path_inside_the_project_never_the_servers_folders(tmp_path, monkeypatch):
    missing = tmp_path / "data" / "nowhere.yaml"
    at = open_page(PAGES[0], missing, monkeypatch)
    assert "data/nowhere.yaml" in at.error[0].value and str(tmp_path) not in at.error[0].value


def test_the_problems_of_a_broken_file_name_it_inside_its_project(broken, monkeypatch):
    at = open_page(PAGES[0], broken, monkeypatch)
    shown = at.error[0].value + at.code[0].value + " ".join(m.value for m in at.markdown)
    assert "data/coalition.yaml" in shown and str(broken.parent.parent) not in shown


CASES = ["syntax_unclosed_quote", "tab_indent", "python_object_apply", "alias_bomb", "binary_garbage",
         "empty_file", "deep_nesting", "giant_number", "no_seeds_folder", "quote_not_in_source", "wrong_type_value"]


@pytest.mark.parametrize("name", CASES)
def test_each_kind_of_broken_file_gives_the_error_page_with_its_line(name, tmp_path, monkeypatch):
    path = corpus.project(name, tmp_path / name)
    at = open_page(PAGES[0], path, monkeypatch)
    assert_error_page_only(at)
    _, problems = check(path)
    first = problems[0]
    assert f":{first.line}: {first.where}: " in at.code[0].value
    assert not list(tmp_path.rglob(corpus.MARKER_NAME + "*"))


def test_markup_inside_a_problem_is_shown_as_text(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    path = tmp_path / "data" / "coalition.yaml"
    payload = "<script>window.__pwned=1</script>[x](javascript:alert(1))"
    path.write_text(corpus.base_text().replace("position: declined_conditional", f"position: '{payload}'", 1),
                    encoding="utf-8")
    at = open_page(PAGES[0], path, monkeypatch)
    assert_error_page_only(at)
    assert payload in at.code[0].value  # st.code shows text, never markup
    assert "<script" not in at.error[0].value + " ".join(m.value for m in at.markdown)


def test_the_dashboard_comes_back_once_the_file_is_fixed(tmp_path, monkeypatch):
    path = corpus.project("tab_indent", tmp_path)
    at = open_page(PAGES[0], path, monkeypatch)
    assert_error_page_only(at)
    path.write_text(corpus.base_text(), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a new version, even within one tick
    at.run()
    assert not at.exception and not at.error
    assert at.selectbox(key="f_issue").value  # the shared filters are drawn again
