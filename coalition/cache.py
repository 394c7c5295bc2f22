"""An on-disk cache of the validated, built frames, keyed by content.

Parsing and checking a data file is the slow part of loading (the 100x benchmark set, 12 MB of
YAML, takes ~10 s; libyaml's parser is not the bottleneck, composing 600,000 values is), and it
only has to happen once per *version* of the data: the key is the SHA-256 of the YAML bytes and
of the code that reads them, and each entry records the SHA-256 of every seed file it quoted, so
any change to the data file, a seed or the reader code is a miss and a full validation.

Format: one folder per key holding a ``manifest.json``, one Parquet file per frame and the seed
texts as JSON. No pickle: a planted cache file can at worst hold wrong records (rendered escaped,
like any data), never run code. Entries are written atomically (a temporary folder renamed into
place) and the cache keeps the newest ``KEEP`` entries.

Each entry also lists the ids of its records (``ids.json``), and its manifest says which records of
the last good version of the same file, the entry most recently used before it, are gone
(``Drop``): a data file cut at a record boundary still validates, and this is how a curator hears
of it (``python -m coalition validate`` warns; the app says so in curator mode).

Where: ``$COALITION_CACHE``, else ``$XDG_CACHE_HOME/coalition-tracker``, else
``~/.cache/coalition-tracker``; never inside data/ or seeds/. ``COALITION_CACHE=off`` turns it off.
The cache is an optimisation only: when the folder cannot be written or an entry cannot be read,
the data is validated as if there were no cache.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd

from . import files, yamlio
from .frames import Frames, build, datetimes_ns
from .paths import data_path, project_of
from .validate import Problem, check

ENV_VAR = "COALITION_CACHE"
KEEP = 8
FORMAT = 1
_CODE_FILES = ("yamlio.py", "validate.py", "frames.py", "quotes.py", "cache.py", "paths.py", "files.py")
_FRAME_NAMES = tuple(f.name for f in dataclasses.fields(Frames) if f.name != "texts")


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env.lower() in ("off", "0", "none", "false"):
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "coalition-tracker"


def _code_version() -> str:
    h = hashlib.sha256(f"format {FORMAT}; pandas {pd.__version__}".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE_FILES:
        h.update((here / name).read_bytes())
    return h.hexdigest()


_CODE = None


def key_for(yaml_bytes: bytes) -> str:
    global _CODE
    _CODE = _CODE or _code_version()
    # a lowered cap must re-check
    limits = f"{yamlio.MAX_NODES} {yamlio.MAX_DEPTH} {yamlio.MAX_BYTES} {files.MAX_SEED_BYTES}"
    return hashlib.sha256(f"{_CODE} {limits}".encode() + b"\0" + yaml_bytes).hexdigest()[:40]


def read(path: Path, yaml_bytes: bytes) -> Frames | None:
    """The cached frames for this exact data file and seeds, or None (miss, stale or unreadable)."""
    folder = cache_dir()
    if folder is None:
        return None
    entry = folder / key_for(yaml_bytes)
    try:
        manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
        root = project_of(path)
        for f, digest in manifest["seeds"].items():  # read as the validator reads them (coalition.files)
            if files.seed_digest(f, root) != digest:
                return None
        frames = {name: datetimes_ns(pd.read_parquet(entry / f"{name}.parquet")) for name in _FRAME_NAMES}
        texts = json.loads((entry / "texts.json").read_text(encoding="utf-8"))
        for name, cols in manifest["lists"].items():  # Parquet gives numpy arrays back for list cells
            for c in cols:
                frames[name][c] = [list(v) if v is not None else [] for v in frames[name][c]]
        os.utime(entry / "manifest.json")  # most recently used: kept longest
        return Frames(texts=texts, **frames)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    except Exception:  # noqa: BLE001 - a damaged Parquet file raises pyarrow's own errors: treat as a miss
        return None


# the records a version holds, by kind: (frame, id column)
_ID_COLUMNS = {"sources": ("sources", "source"), "countries": ("countries", "country"),
               "stances": ("stances", "stance_id"), "events": ("events", "event_id"),
               "figures": ("figures", "figure_id")}
_SINGULAR = {"sources": "source", "countries": "country", "stances": "stance", "events": "event",
             "figures": "figure"}


def record_ids(frames: Frames) -> dict[str, list[str]]:
    """Every record's id, by kind (sorted; a stance's quotes count once)."""
    return {kind: sorted({str(v) for v in getattr(frames, name)[col]}) for kind, (name, col) in _ID_COLUMNS.items()}


@dataclasses.dataclass(frozen=True)
class Drop:
    """Records of the last good version of a data file that a newer version no longer has."""
    since: float                 # when that version was stored (time.time())
    gone: dict                   # kind -> sorted ids

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.gone.values())

    def summary(self, shown: int = 5) -> str:
        """'2 stances (GBR.join.1, ITA.troops.2), 1 event (x)': each kind with its first ids."""
        parts = []
        for kind, ids in self.gone.items():
            name = kind if len(ids) > 1 else _SINGULAR.get(kind, kind)
            more = f", … {len(ids) - shown} more" if len(ids) > shown else ""
            parts.append(f"{len(ids)} {name} ({', '.join(ids[:shown])}{more})")
        return ", ".join(parts)

    def message(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since))
        return (f"{self.count} record(s) of the last good version of this file (validated {when}) are gone: "
                f"{self.summary()}. If they were removed on purpose, nothing is wrong; if the file was cut "
                "or a merge lost them, restore it from version control.")


def _last_good(folder: Path, path: Path, key: str) -> tuple[float, dict] | None:
    """The ids and store time of the most recently used other entry of the same data file."""
    best = None
    target = str(path.resolve())
    for e in folder.iterdir():
        m = e / "manifest.json"
        if e.name == key or e.name.startswith(".") or not m.is_file() or not (e / "ids.json").is_file():
            continue
        try:
            manifest = json.loads(m.read_text(encoding="utf-8"))
            if manifest.get("data_file") == target and (best is None or m.stat().st_mtime > best[0]):
                best = (m.stat().st_mtime, e, float(manifest.get("written", 0)))
        except (OSError, ValueError, TypeError, AttributeError):
            continue
    if best is None:
        return None
    try:
        ids = json.loads((best[1] / "ids.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return (best[2], ids) if isinstance(ids, dict) else None


def drop(yaml_bytes: bytes) -> Drop | None:
    """What the stored entry of this exact version says is gone since the last good version (None: nothing,
    no entry, or the cache off)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        manifest = json.loads((folder / key_for(yaml_bytes) / "manifest.json").read_text(encoding="utf-8"))
        d = manifest.get("dropped")
        return Drop(float(d["since"]), {k: list(v) for k, v in d["gone"].items()}) if d else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(path: Path, yaml_bytes: bytes, frames: Frames) -> Path | None:
    """Store the frames of a valid data file; returns the entry, or None when it could not be written.

    Also stores the version's record ids, and which records of the last good version are gone."""
    folder = cache_dir()
    if folder is None:
        return None
    key = key_for(yaml_bytes)
    entry = folder / key
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        ids = record_ids(frames)
        dropped = None
        last = _last_good(folder, path, key)
        if last is not None:
            gone = {kind: sorted(set(last[1].get(kind, [])) - set(now)) for kind, now in ids.items()}
            gone = {kind: v for kind, v in gone.items() if v}
            dropped = {"since": last[0], "gone": gone} if gone else None
        tmp = Path(tempfile.mkdtemp(dir=folder, prefix=".tmp-"))
        lists = {}
        for name in _FRAME_NAMES:
            frame: pd.DataFrame = getattr(frames, name)
            lists[name] = [c for c in frame.columns
                           if frame[c].dtype == object and any(isinstance(v, list) for v in frame[c])]
            frame.to_parquet(tmp / f"{name}.parquet", index=False)
        (tmp / "texts.json").write_text(json.dumps(frames.texts, ensure_ascii=False), encoding="utf-8")
        # digests of the texts validation read (strict UTF-8, so the same bytes), not a re-read:
        # a seed edited meanwhile is then a miss next time, never a stale hit
        seeds = {f: hashlib.sha256(frames.texts.get(s, "").encode("utf-8")).hexdigest()
                 for s, f in zip(frames.sources["source"], frames.sources["file"])}
        (tmp / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
        manifest = {"format": FORMAT, "data_file": str(path.resolve()), "written": time.time(),
                    "seeds": seeds, "lists": lists, "dropped": dropped}
        (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        if entry.exists():
            shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
        tmp = None
        _prune(folder)
        return entry
    except Exception:  # noqa: BLE001 - caching is an optimisation: never fail a load because of it
        return None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _prune(folder: Path) -> None:
    entries = []
    for e in folder.iterdir():
        m = e / "manifest.json"
        if e.is_dir() and not e.name.startswith(".") and m.is_file():
            entries.append((m.stat().st_mtime, e))
    for _, e in sorted(entries, reverse=True)[KEEP:]:
        shutil.rmtree(e, ignore_errors=True)


@dataclasses.dataclass
class Loaded:
    frames: Frames | None
    problems: list[Problem]
    cached: bool          # True when the frames came from the cache (no validation run)
    seconds: float
    dropped: Drop | None = None  # records of the last good version this one no longer has


def load(path=None, shown: str | None = None) -> Loaded:
    """Validated frames for a data file: from the cache when this exact version was validated
    before, else validate + build (and store the result when valid). ``shown``: how problems name
    the file (``validate.check``)."""
    t0 = time.perf_counter()
    path = data_path(path)
    try:
        raw = yamlio.read_bytes(path) if path.is_file() else None
    except (OSError, files.FileProblem):
        raw = None
    if raw is not None and len(raw) <= yamlio.MAX_BYTES:
        frames = read(path, raw)
        if frames is not None:
            return Loaded(frames, [], True, time.perf_counter() - t0, drop(raw))
    ds, problems = check(path, raw=raw, shown=shown)  # the very bytes the key is made of
    if problems:
        return Loaded(None, problems, False, time.perf_counter() - t0)
    frames = build(ds)
    write(path, raw, frames)
    return Loaded(frames, [], False, time.perf_counter() - t0, drop(raw))
