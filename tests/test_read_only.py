"""The app only reads: running every page (and the CLI) leaves data/ and seeds/ exactly as they were.

Two checks: a snapshot (path, size, SHA-256) of every file under data/ and seeds/
before and after, and an audit hook that records any attempt to open one of those
folders' files for writing, or to create, rename or delete anything in them, while
the app runs (so even a write that puts the same bytes back is caught). Both the
project's own folders and a temporary copy the app is pointed at (COALITION_DATA)
are watched.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = re.findall(r'st\.Page\(\s*"([^"]+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8"))
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
CHANGE_EVENTS = {"os.rename", "os.remove", "os.mkdir", "os.rmdir", "os.truncate", "os.symlink", "os.link",
                 "shutil.copyfile", "shutil.copytree", "shutil.rmtree", "shutil.move", "os.chmod", "os.utime"}


class _Watch:
    """An audit hook (they cannot be removed, so it is switched on and off) that records writes."""

    folders: tuple[Path, ...] = ()
    writes: list[tuple[str, str]] = []

    @classmethod
    def hook(cls, event: str, args: tuple) -> None:
        if not cls.folders or not (event == "open" or event in CHANGE_EVENTS):
            return
        if event == "open":
            path, mode, flags = (list(args) + [None, None, 0])[:3]
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool((flags or 0) & WRITE_FLAGS)
            if not writing:
                return
            paths = [path]
        else:
            paths = [a for a in args if isinstance(a, (str, bytes, os.PathLike))]
        for p in paths:
            if isinstance(p, int):
                continue
            try:
                resolved = Path(os.fsdecode(p)).resolve()
            except (TypeError, ValueError, OSError):
                continue
            if any(resolved == f or f in resolved.parents for f in cls.folders):
                cls.writes.append((event, str(resolved)))


sys.addaudithook(_Watch.hook)


def snapshot(*folders: Path) -> dict[str, tuple[int, str]]:
    out = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                data = p.read_bytes()
                out[str(p)] = (len(data), hashlib.sha256(data).hexdigest())
            else:
                out[str(p)] = (-1, "dir")
    return out




@pytest.fixture
def watched(tmp_path, monkeypatch):
    """A copy of data/ and seeds/ the app is pointed at; both it and the real folders are watched."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copytree(ROOT / "seeds", copy / "seeds")
    monkeypatch.setenv("COALITION_DATA", str(copy / "data" / "coalition.yaml"))
    folders = (ROOT / "data", ROOT / "seeds", copy / "data", copy / "seeds")
    before = snapshot(*folders)
    _Watch.writes = []
    _Watch.folders = tuple(f.resolve() for f in folders)
    try:
        yield folders
    finally:
        _Watch.folders = ()
    assert _Watch.writes == [], _Watch.writes
    after = snapshot(*folders)
    assert sorted(set(after) - set(before)) == [], "new files"
    assert sorted(set(before) - set(after)) == [], "files removed"
    assert {k for k in before if before[k] != after[k]} == set(), "files changed"


def test_the_watch_sees_a_write(tmp_path):
    """Not vacuous: a write into a watched folder is recorded, even when the bytes stay the same."""
    target = tmp_path / "data" / "coalition.yaml"
    target.parent.mkdir()
    target.write_text("x")
    _Watch.writes, _Watch.folders = [], (target.parent.resolve(),)
    try:
        target.write_text("x")
        os.open(target, os.O_RDONLY)
        target.read_text()
    finally:
        _Watch.folders = ()
    assert _Watch.writes == [("open", str(target.resolve()))]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_leaves_data_and_seeds_untouched(page, watched):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["country"] = ["ITA", "GBR"]
    at.query_params["issue"] = "troops"
    if page != PAGES[0]:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "_view" in at.session_state  # the app really ran its filters (not only an error page)
    # a reader then changes every shared filter
    at.selectbox(key="f_issue").set_value("join").run()
    at.multiselect(key="f_country").set_value([]).run()
    at.date_input(key="f_as_of").set_value("2025-03-15").run()
    at.multiselect(key="f_kind").set_value(["meeting"]).run()
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("args", [["validate"], ["export", "--format", "json"], ["export", "--country", "ITA"]])
def test_the_command_line_leaves_data_and_seeds_untouched(args, watched):
    run = subprocess.run([sys.executable, "-m", "coalition", *args], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env={**os.environ})
    assert run.returncode == 0, run.stderr
    # the audit hook only sees this process; the snapshot in `watched` covers the subprocess
