"""Seeds are read with the same care everywhere (coalition/files.py): a regular file, inside the project,
under the size limit, read with a bound, by the validator, the frames cache's check, the app and suggest.

A seed replaced by a named pipe once hung every page (the frames cache hashed it with a plain read); a seed
linked to /dev/zero was read without end; ``seeds/`` linked to a folder outside the project was accepted
by the cache. Every case here runs under a time limit, so a regression fails instead of hanging the suite.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path

import pytest

from apptest_support import ROOT
from coalition import cache, check, files
from coalition.files import MAX_SEED_BYTES, FileProblem

SEED = "seeds/004_87bcee758dff4290.txt"
LIMIT_S = 20  # far above what any case needs (well under a second); a blocked read never returns


def within(seconds: float, fn, *args, **kwargs):
    """``fn(*args)`` in a thread; fails the test (leaving the thread behind) when it has not returned in time."""
    out: dict = {}

    def go():
        try:
            out["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out["error"] = exc
    t = threading.Thread(target=go, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        pytest.fail(f"{getattr(fn, '__name__', fn)} did not return within {seconds} s (blocked on a read?)")
    if "error" in out:
        raise out["error"]
    return out["value"]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    return folder


def _problems_about(problems, text: str) -> list[str]:
    return [str(p) for p in problems if text in p.what]


# 1. what the validator says ----------------------------------------------------------------------
def test_a_seed_replaced_by_a_named_pipe_is_refused_without_blocking(scratch):
    seed = scratch.root / SEED
    seed.unlink()
    os.mkfifo(seed)
    _, problems = within(LIMIT_S, check, scratch.path)
    assert _problems_about(problems, "is a named pipe, not a regular file"), problems


def test_a_seed_linked_to_dev_zero_is_refused_before_any_read(scratch):
    seed = scratch.root / SEED
    seed.unlink()
    seed.symlink_to("/dev/zero")
    _, problems = within(LIMIT_S, check, scratch.path)
    assert _problems_about(problems, "must be a path inside the project"), problems


def test_a_seeds_folder_linked_outside_the_project_is_refused(scratch, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "seeds"
    shutil.move(scratch.root / "seeds", outside)
    (scratch.root / "seeds").symlink_to(outside, target_is_directory=True)
    _, problems = check(scratch.path)
    assert len(_problems_about(problems, "must be a path inside the project")) == 2, problems
    assert not [p for p in problems if str(outside) in p.what or str(scratch.root) in p.what], \
        "no absolute path of the server in a problem"


def test_a_link_between_seeds_inside_the_project_is_read(scratch):
    seed = scratch.root / SEED
    shutil.move(seed, scratch.root / "seeds" / "real.txt")
    seed.symlink_to("real.txt")
    _, problems = check(scratch.path)
    assert problems == []


def test_a_seed_over_the_size_limit_is_refused_with_the_limit_named(scratch):
    seed = scratch.root / SEED
    seed.write_bytes(seed.read_bytes() + b" padding" * (MAX_SEED_BYTES // 8))
    _, problems = check(scratch.path)
    (msg,) = _problems_about(problems, "over the limit of 2.0 MB")
    assert SEED in msg


def test_read_regular_reads_at_most_its_bound_even_from_a_file_that_grows(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"x" * 100)
    assert files.read_regular(f, 100) == b"x" * 100
    with pytest.raises(FileProblem, match="over the limit"):
        files.read_regular(f, 99)
    assert len(files.read_regular(f, 10, truncate=True)) == 11  # the data file's reader refuses it itself
    with pytest.raises(FileProblem, match="a folder"):
        files.read_regular(tmp_path, 10)


# 2. the frames cache's check of a cached version -----------------------------------------------------
def _cached_then(scratch, change) -> tuple[cache.Loaded, int]:
    """Cache a valid version, apply ``change``, load again: (what the load says, peak bytes it allocated)."""
    first = cache.load(scratch.path)
    assert not first.problems and cache.load(scratch.path).cached, "the valid version is cached"
    change(scratch.root)
    tracemalloc.start()
    try:
        res = within(LIMIT_S, cache.load, scratch.path)
        return res, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _fifo(root: Path):
    (root / SEED).unlink()
    os.mkfifo(root / SEED)


def _dev_zero(root: Path):
    (root / SEED).unlink()
    (root / SEED).symlink_to("/dev/zero")


def _seeds_outside(root: Path):
    outside = root.parent / f"{root.name}-outside-seeds"
    shutil.copytree(root / "seeds", outside)  # the same bytes, but outside the project
    shutil.rmtree(root / "seeds")
    (root / "seeds").symlink_to(outside, target_is_directory=True)


@pytest.mark.parametrize("change", [_fifo, _dev_zero, _seeds_outside], ids=["fifo", "dev_zero", "seeds_outside"])
def test_the_frames_cache_does_not_accept_a_seed_the_validator_refuses(scratch, cache_dir, change):
    res, peak = _cached_then(scratch, change)
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MB allocated: a seed was read without a bound"
    assert not res.cached and res.frames is None
    assert any("sources[1].file" in p.where for p in res.problems), res.problems


# 3. the app and the command line ----------------------------------------------------------------------
def test_the_app_shows_the_error_page_for_a_named_pipe_seed(scratch, cache_dir, monkeypatch):
    from test_app_bad_data import assert_error_page_only, open_page

    cache.load(scratch.path)  # cached while valid: the app's load goes through the cache's check
    _fifo(scratch.root)
    at = within(90, open_page, "app.py", scratch.path, monkeypatch)
    assert_error_page_only(at)
    assert "named pipe" in at.code[0].value


def _cli(*args, timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coalition", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def test_validate_on_the_command_line_names_the_named_pipe(scratch):
    _fifo(scratch.root)
    r = _cli("validate", "--data", str(scratch.path))
    assert r.returncode == 1 and "named pipe" in r.stderr, r.stderr


@pytest.mark.parametrize("make", ["fifo", "dev_zero", "large"])
def test_suggest_refuses_an_article_that_is_not_a_readable_text_file(tmp_path, make):
    article = tmp_path / "new.txt"
    if make == "fifo":
        os.mkfifo(article)
    elif make == "dev_zero":
        article.symlink_to("/dev/zero")
    else:
        article.write_text("Word. " * (MAX_SEED_BYTES // 6 + 1), encoding="utf-8")
    r = _cli("suggest", str(article), "--published", "2025-03-16", "--out", str(tmp_path / "d.yaml"))
    assert r.returncode == 2, r.stderr
    assert {"fifo": "named pipe", "dev_zero": "a device", "large": "over the limit"}[make] in r.stderr
    assert not (tmp_path / "d.yaml").exists()
