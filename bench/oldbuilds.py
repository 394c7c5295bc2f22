"""Older builds of the app, measured beside the current one: each commit checked out into a temporary
``git worktree`` outside the repository (removed after the run), served by its own ``streamlit run
app.py`` on the data it shipped with (its own data/coalition.yaml and seeds/: ``ENV``). Today's data
file has records an old validator does not know (groups, organisations, attendance, checksums), so an
old build given it draws only its error page; its own file holds the same two articles, a few records
fewer.

- ``ee53f0d``: the last plotly + pydeck build (pages in app_pages/, st.navigation): its map is a
  deck.gl chart, its matrix and timeline plotly figures;
- ``09e948d``: the Vega-Lite build just before the move back to plotly + pydeck.

What each old page draws is checked, not assumed: ``python bench/apptest.py --kinds`` runs in the
checkout (its own app, its own packages) and reports each page's chart elements, payload and
problems; ``EXPECTED`` is what the commits are known to draw, and a difference is reported.
"""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("map", "matrix", "timeline")
ENV = {"COALITION_DATA": ""}  # an old build reads its own data/coalition.yaml (an empty value is the default)


@dataclass(frozen=True)
class Build:
    commit: str
    label: str
    expected: dict  # page -> the chart kind it is known to draw


BUILDS = (
    Build("ee53f0d", "plotly + pydeck build", {"map": "deck", "matrix": "plotly", "timeline": "plotly"}),
    Build("09e948d", "Vega-Lite build", {"map": "vega", "matrix": "vega", "timeline": "vega"}),
)


def _git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=check)


@contextlib.contextmanager
def checkouts(folder: Path, builds=BUILDS, log=print):
    """``{commit: checkout folder}`` for the builds that could be checked out; every worktree added
    here is removed (and pruned from the repository's list) on the way out, whatever happened."""
    added: dict[str, Path] = {}
    try:
        for b in builds:
            where = Path(folder) / b.commit
            if _git("cat-file", "-e", f"{b.commit}^{{commit}}", check=False).returncode != 0:
                log(f"old builds: commit {b.commit} not in this repository: skipped")
                continue
            done = _git("worktree", "add", "--detach", "--force", str(where), b.commit, check=False)
            if done.returncode != 0:
                log(f"old builds: could not check out {b.commit}: {done.stderr.strip()[:200]}")
                continue
            added[b.commit] = where
        yield added
    finally:
        for where in added.values():
            _git("worktree", "remove", "--force", str(where), check=False)
        _git("worktree", "prune", check=False)


def detect(checkout: Path, links: list[tuple[str, str, dict]], env: dict, timeout: float = 300) -> dict:
    """Kinds, payloads and problems of ``links`` (name, url path, params) in an old checkout."""
    spec = Path(checkout) / ".bench-links.json"
    spec.write_text(json.dumps(links), encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "apptest.py"), "--kinds", "app.py", str(spec)],
                              cwd=checkout, env={**os.environ, **env}, capture_output=True, text=True,
                              timeout=timeout)
    finally:
        spec.unlink(missing_ok=True)
    if done.returncode != 0:
        raise RuntimeError(f"kind detection failed in {checkout}: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
