"""The on-disk frames cache: a hit gives the very frames validation builds, and any change to the
data file, a seed, the limits or the cache entry itself means a full validation again."""
from __future__ import annotations

import dataclasses
import subprocess
import sys

import pandas as pd
import pytest

from coalition import build, cache, check, yamlio

from conftest import ROOT


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(d))
    return d


def assert_same_frames(a, b):
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if f.name == "texts":
            assert x == y
        else:
            pd.testing.assert_frame_equal(x, y, obj=f.name)


def entries(d):
    return sorted(p for p in d.iterdir() if p.is_dir() and not p.name.startswith(".")) if d.exists() else []


def test_second_load_is_a_hit_with_identical_frames(scratch, cache_dir):
    first = cache.load(scratch.path)
    assert not first.cached and first.problems == []
    assert len(entries(cache_dir)) == 1
    second = cache.load(scratch.path)
    assert second.cached
    ds, _ = check(scratch.path)
    assert_same_frames(second.frames, build(ds))
    # list cells (slips, boilerplate) come back as lists, as build makes them
    assert all(isinstance(v, list) for v in second.frames.sources["boilerplate"])


def test_an_edited_data_file_is_checked_again(scratch, cache_dir):
    cache.load(scratch.path)
    scratch.replace("spearhead volunteer coalition", "spearhead a volunteer coalition")
    again = cache.load(scratch.path)
    assert not again.cached
    assert len(entries(cache_dir)) == 2


def test_an_edited_seed_is_a_miss_and_a_broken_quote_is_reported(scratch, cache_dir):
    assert cache.load(scratch.path).problems == []
    ds, _ = check(scratch.path)
    # break one quoted passage of the first source's seed: the cache must not hide it
    src = ds.data["sources"][0]
    seed = scratch.root / src["file"]
    text = seed.read_text(encoding="utf-8")
    q = next(ev["quote"] for c in ds.data["countries"].values() for st in c.get("stances") or [] for ev in st["evidence"]
             if ev["source"] == src["id"])
    words = q.split()
    assert q in text
    seed.write_text(text.replace(" ".join(words[:3]), "XXXX YYYY ZZZZ"), encoding="utf-8")
    res = cache.load(scratch.path)
    assert not res.cached
    assert res.problems and any("not found" in p.what or "quote" in p.what for p in res.problems)


def test_invalid_data_is_never_cached(scratch, cache_dir):
    scratch.replace("stances:", "stances_typo:")
    res = cache.load(scratch.path)
    assert res.problems and res.frames is None
    assert entries(cache_dir) == []


def test_a_damaged_entry_is_a_miss_not_an_error(scratch, cache_dir):
    cache.load(scratch.path)
    (entry,) = entries(cache_dir)
    (entry / "stances.parquet").write_bytes(b"not parquet")
    res = cache.load(scratch.path)
    assert not res.cached and res.problems == [] and len(res.frames.stances) > 0
    assert cache.load(scratch.path).cached  # rewritten by the full load


def test_a_planted_pickle_is_never_loaded(scratch, cache_dir):
    """The format has no pickle: replacing a frame with a pickle payload cannot run code."""
    import pickle

    cache.load(scratch.path)
    (entry,) = entries(cache_dir)

    class Boom:
        def __reduce__(self):
            return (exec, ("import builtins; builtins.__cache_pwned = True",))

    (entry / "stances.parquet").write_bytes(pickle.dumps(Boom()))
    res = cache.load(scratch.path)
    import builtins
    assert not getattr(builtins, "__cache_pwned", False)
    assert not res.cached and res.problems == []


def test_a_lowered_value_cap_checks_again(scratch, cache_dir, monkeypatch):
    cache.load(scratch.path)
    monkeypatch.setattr(yamlio, "MAX_NODES", 50)
    res = cache.load(scratch.path)
    assert not res.cached and res.problems and "more than 50 values" in res.problems[0].what


def test_off_and_unwritable_cache_still_load(scratch, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, "off")
    assert cache.cache_dir() is None
    assert cache.load(scratch.path).problems == [] and not cache.load(scratch.path).cached
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))  # cannot be created: a file is in the way
    res = cache.load(scratch.path)
    assert res.problems == [] and not res.cached


def test_default_location_is_the_user_cache_not_the_project(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "coalition-tracker"
    assert ROOT not in cache.cache_dir().parents


def test_old_entries_are_pruned(scratch, cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    for n in range(4):
        scratch.replace("spearhead volunteer coalition" if n == 0 else f"spearhead v{n - 1}", f"spearhead v{n}")
        cache.load(scratch.path)
    assert len(entries(cache_dir)) == 2


def test_cli_validate_fills_the_cache_for_the_app(scratch, cache_dir):
    env = {**__import__("os").environ, cache.ENV_VAR: str(cache_dir)}
    out = subprocess.run([sys.executable, "-m", "coalition", "validate", "--data", str(scratch.path)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert len(entries(cache_dir)) == 1
    assert cache.load(scratch.path).cached


# a data file cut at a record boundary still validates: the cache's last good version notices it ----------
CUT_AT = "  - id: frozen_assets_300bn\n"  # the last two figures of the frozen data


def test_a_file_cut_at_a_record_boundary_is_valid_but_its_lost_records_are_named(scratch, cache_dir):
    assert cache.load(scratch.path).dropped is None  # the first version: nothing to compare with
    scratch.write(scratch.text[: scratch.text.index(CUT_AT)])
    cut = cache.load(scratch.path)
    assert cut.problems == [] and not cut.cached  # valid: validation alone cannot tell
    assert cut.dropped is not None and cut.dropped.gone == {"figures": ["frozen_assets_300bn", "us_soldiers_korea_24000"]}
    assert "2 figures (frozen_assets_300bn, us_soldiers_korea_24000)" in cut.dropped.message()
    again = cache.load(scratch.path)  # the entry remembers it: a restarted app still says so
    assert again.cached and again.dropped == cut.dropped
    scratch.write(scratch.text)  # restored: more records than the last good version, none gone
    assert cache.load(scratch.path).dropped is None


def test_an_edit_that_keeps_every_record_reports_no_drop(scratch, cache_dir):
    cache.load(scratch.path)
    scratch.replace("spearhead volunteer coalition", "spearhead a volunteer coalition")
    assert cache.load(scratch.path).dropped is None


def test_the_drop_compares_with_the_same_data_file_only(scratch, cache_dir, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(scratch.text, encoding="utf-8")
    cache.load(other)  # another file with every record
    scratch.write(scratch.text[: scratch.text.index(CUT_AT)])
    assert cache.load(scratch.path).dropped is None  # this file's first version: nothing of its own to compare


def test_cli_validate_warns_of_a_cut_file_and_still_passes_it(scratch, cache_dir):
    env = {**__import__("os").environ, cache.ENV_VAR: str(cache_dir)}
    cmd = [sys.executable, "-m", "coalition", "validate", "--data", str(scratch.path)]
    assert "warning" not in subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120).stderr
    scratch.write(scratch.text[: scratch.text.index(CUT_AT)])
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and ": valid." in out.stdout
    assert "warning:" in out.stderr and "2 figures (frozen_assets_300bn, us_soldiers_korea_24000)" in out.stderr


def test_the_app_tells_curators_of_a_cut_file_and_readers_see_the_version(scratch, cache_dir, monkeypatch):
    from apptest_support import clean, run, text_of

    from coalition.paths import CURATOR_VAR
    monkeypatch.setenv("COALITION_DATA", str(scratch.path))
    cache.load(scratch.path)
    scratch.write(scratch.text[: scratch.text.index(CUT_AT)])
    monkeypatch.setenv(CURATOR_VAR, "1")
    at = clean(run("overview"))
    assert any("2 figures (frozen_assets_300bn" in w.value.replace("\\", "") for w in at.warning), \
        [w.value for w in at.warning]
    monkeypatch.delenv(CURATOR_VAR)
    at = clean(run("map"))
    assert not any("frozen_assets" in w.value.replace("\\", "") for w in at.warning)
    assert "2 figures" not in text_of(at) and "This page shows data of" in text_of(at)
