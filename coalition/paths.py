"""Where things are: the project root, the data file, the seed files.

Rule (documented in the README): a source's ``file`` is resolved relative to the
*data file's project*, i.e. the parent of the folder that holds the YAML file
(``data/coalition.yaml`` -> the repository root). ``COALITION_DATA`` points the
package and the app at another YAML file.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT_ROOT / "data" / "coalition.yaml"
ENV_VAR = "COALITION_DATA"
CURATOR_VAR = "COALITION_CURATOR"  # "1": the app also shows curators' tools (the coverage report)


def data_path(explicit: str | os.PathLike | None = None) -> Path:
    """The data file to read: an explicit path, else $COALITION_DATA, else the default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_VAR, "").strip()
    return Path(env) if env else DEFAULT_DATA


def project_of(data_file: str | os.PathLike) -> Path:
    """The project root a data file belongs to: the parent of its folder."""
    return Path(data_file).resolve().parent.parent


def display_path(path: str | os.PathLike) -> str:
    """A path as shown in messages: relative to the current folder when below it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def curator_mode() -> bool:
    """True when the app was started for curators (``COALITION_CURATOR=1 make run``)."""
    return os.environ.get(CURATOR_VAR, "").strip().lower() in ("1", "true", "yes", "on")


def project_path(path: str | os.PathLike) -> str:
    """A data file as the app names it to readers: its path inside its project (``data/coalition.yaml``),
    never the server's absolute path."""
    p = Path(path).resolve()
    return p.relative_to(project_of(p)).as_posix()
