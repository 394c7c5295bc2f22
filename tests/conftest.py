"""Shared fixtures: a scratch copy of the project's data and seeds to break on purpose."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Tests that pin exact content read a frozen copy of the data and its seeds, never the live
# data/coalition.yaml: a curator adding an article must not turn CI red. The live file is checked
# by tests/test_live_data.py, with checks that hold for any valid data.
FROZEN = ROOT / "tests" / "fixtures" / "frozen"
DATA = FROZEN / "data" / "coalition.yaml"
LIVE_DATA = ROOT / "data" / "coalition.yaml"
os.environ.setdefault("COALITION_DATA", str(DATA))

# The frames cache (coalition/cache.py) of this test run: a fresh folder, so no test reads an
# entry written outside the run (or writes to the developer's ~/.cache). Set here, at import, so
# the servers and CLIs the tests start inherit it.
os.environ["COALITION_CACHE"] = tempfile.mkdtemp(prefix="coalition-cache-tests-")


class Scratch:
    """A temporary project (data/ + seeds/) whose YAML a test may rewrite."""

    def __init__(self, base: Path):
        self.root = base
        (base / "data").mkdir()
        shutil.copytree(FROZEN / "seeds", base / "seeds")
        self.path = base / "data" / "coalition.yaml"
        self.text = DATA.read_text(encoding="utf-8")
        self.path.write_text(self.text, encoding="utf-8")

    def replace(self, old: str, new: str, count: int = 1) -> int:
        """Replace the first ``count`` occurrences of ``old``; return the 1-based line of the first."""
        assert old in self.text, f"fixture text not found: {old!r}"
        line = self.text[: self.text.index(old)].count("\n") + 1
        self.text = self.text.replace(old, new, count)
        self.path.write_text(self.text, encoding="utf-8")
        return line

    def add_seed(self, number: str, text: str) -> tuple[str, str]:
        """Write an article into seeds/ under the naming rule; returns (its ``file:``, its ``sha256:``)."""
        return add_seed(self.root, number, text)

    def write(self, text: str | bytes) -> None:
        if isinstance(text, bytes):
            self.path.write_bytes(text)
        else:
            self.path.write_text(text, encoding="utf-8")


def add_seed(root: Path, number: str, text: str) -> tuple[str, str]:
    """Write ``text`` as ``seeds/<number>_<first 16 hex of its SHA-256>.txt`` under ``root`` (the naming
    rule); returns (the source's ``file:``, its ``sha256:``)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    file = f"seeds/{number}_{digest[:16]}.txt"
    (root / file).write_text(text, encoding="utf-8")
    return file, digest


@pytest.fixture
def scratch(tmp_path) -> Scratch:
    return Scratch(tmp_path)


@pytest.fixture(scope="session")
def grown_data(tmp_path_factory) -> Path:
    """The grown project copy (tests/test_live_data.py: grow): the frozen data plus three later articles'
    records. Built once per run and shared; tests read it and copy it before changing anything."""
    from test_live_data import grow  # imported here: test_live_data imports this module

    return grow(tmp_path_factory.mktemp("grown"))


@pytest.fixture(scope="session")
def grown_frames(grown_data):
    """The grown copy's frames (read only)."""
    from coalition import load_frames

    return load_frames(grown_data)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run, shared by every browser test file: Playwright's sync API
    cannot be started a second time while the first is running (a second file's own browser errored)."""
    import browser_support as bs

    executable = bs.chromium_or_skip()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but python playwright is not installed", pytrace=False)
        pytest.skip("python playwright is not installed")
    bs.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = bs.launch(p, executable)
        yield b
        b.close()
