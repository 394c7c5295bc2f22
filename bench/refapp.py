"""The bench's reference app: its reference pages laid out as the app is, so they run the way the
app's pages run (classic multipage: ``app.py`` first, ``pages/<name>.py`` served at ``/<name>``).

The frame's navigation links to every page of ``coalition.registry`` by file (``app.py``,
``pages/map.py``, ...), and Streamlit resolves a link against the pages beside the main script: so
the reference pages cannot run from bench/pages/ itself. ``build(folder)`` writes, in a temporary
folder outside the repository::

    app.py                    bench/pages/shell.py (the frame around nothing, at "/")
    pages/trivial_plotly.py   bench/pages/trivial_plotly.py, and every other bench/pages/trivial_*.py
    pages/bare.py             bench/pages/bare.py: the one-line page at a path ("/bare"), as every page
                              but the Overview is reached (the browser first probes /<path>/_stcore/...)
    pages/<id>.py             a one-line stand-in for each page of the registry (a link target only)

The reference pages import ``ui`` and ``coalition`` from the project: a server of this app runs with
the project as its working folder (``python -m streamlit`` puts it on sys.path), an AppTest in the
bench's process, which has the project on sys.path.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "bench" / "pages"
BARE = SOURCES / "bare.py"  # runs alone (its own server, its own AppTest): the one-line floor
BARE_AT_PATH = "bare"        # ... and the same page at /bare in the reference app (browser only)
MAIN = "shell"              # the reference app's first page
STAND_IN = '"""A link target of the bench\'s reference app (the frame links to every page)."""\n'


@dataclass(frozen=True)
class Ref:
    name: str       # shell, trivial_plotly, ...
    kind: str       # what it draws: plain (the frame alone), plotly, deck, vega
    url_path: str   # '' for the first page
    file: str       # relative to the reference app's folder


# the kind each reference page stands for (a page is compared with the reference of its kind)
KINDS = {"shell": "heading", "trivial_plotly": "plotly", "trivial_pydeck": "deck", "trivial_vega": "vega"}


def refs() -> list[Ref]:
    out = [Ref(MAIN, KINDS[MAIN], "", "app.py")]
    for src in sorted(SOURCES.glob("trivial_*.py")):
        out.append(Ref(src.stem, KINDS.get(src.stem, "heading"), src.stem, f"pages/{src.name}"))
    return out


def build(folder: Path) -> Path:
    """Write the reference app into ``folder`` (created); return its app.py."""
    from coalition import registry  # noqa: PLC0415

    folder = Path(folder)
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    for ref in refs():
        shutil.copyfile(SOURCES / f"{ref.name}.py", folder / ref.file)
    shutil.copyfile(BARE, folder / "pages" / f"{BARE_AT_PATH}.py")
    names = {r.file for r in refs()} | {f"pages/{BARE_AT_PATH}.py"}
    for page in registry.PAGES:
        if page.file != "app.py":
            if page.file in names:
                raise RuntimeError(f"a reference page has the name of the app's page {page.file}")
            (folder / page.file).parent.mkdir(parents=True, exist_ok=True)
            (folder / page.file).write_text(STAND_IN, encoding="utf-8")
    return folder / "app.py"
