"""Many readers at once (issue 5): the short form of scripts/load_test.py, and a data swap that
rewords the label of the issue a reader has chosen.

Both run scripts/load_test.py in a subprocess (async Playwright cannot share this process with the
sync Playwright that tests/test_browser.py keeps open). The full form: ``make load-test`` (30 sessions).
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

import browser_support as bs

SCRIPT = bs.ROOT / "scripts" / "load_test.py"
SESSIONS = 8  # one per page: the first 8 deep links cover every page


def _script():
    spec = importlib.util.spec_from_file_location("load_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_test"] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


lt = _script()


# 1. the checks the load test relies on (no browser) ------------------------------------------------
def test_the_new_version_is_valid_and_moves_japan_to_considering(tmp_path):
    import coalition

    path = lt.make_project(tmp_path)
    text, ver = lt.new_version(path.read_text(encoding="utf-8"))
    lt.write_atomically(path, text)
    assert not list(path.parent.glob(".coalition-*")), "no temp file is left beside the data file"
    _, problems = coalition.check(path)
    assert not problems, "\n".join(map(str, problems[:10]))
    f = coalition.load_frames(path)
    cell = coalition.cells(f.stances).set_index(["country", "issue"]).loc[("JPN", "join")]
    # the new record quotes the same source as Japan's "declined": one source re-reporting is a change
    # (What changed lists it), not a dispute (coalition.filters.cells)
    assert cell["position"] == "considering" and not cell["disputed"]
    assert "lead_nations_v2" in set(f.figures["figure_id"])
    assert len(ver.old_texts) > 50, "most free texts tell the versions apart"


def test_the_version_check_tells_new_old_and_mixed_pages_apart():
    ver = lt.Version(old_texts=["Will it join the coalition?", "Declined for now."], figure_text="2 lead nations",
                     japan_move="Japan · Joins coalition")

    def state(side: str, main: str) -> dict:
        return {"side": side, "main": main, "issue": "Joins coalition"}

    new_side, old_side = "Will it join the coalition? (v2)", "Will it join the coalition?"
    assert lt.version_shown(state(new_side, "Declined for now. (v2)"), ver, "map")[0] == "new"
    assert lt.version_shown(state(old_side, "Declined for now."), ver, "map")[0] == "old"
    assert lt.version_shown(state(old_side, "Declined for now. (v2)"), ver, "map")[0] == "mixed"
    assert lt.version_shown(state(new_side, "Declined for now. (v2) and Declined for now."), ver, "map")[0] == "mixed"
    assert lt.version_shown(state(new_side, "Declined for now. (v2)"), ver, "")[0] == "unclear", \
        "the Overview must also show the new figure"
    assert lt.version_shown(state(new_side, "2 lead nations Declined for now. (v2)"), ver, "")[0] == "new"
    # a timeline whose chart shortens every title (and whose table is a canvas) shows no whole free text:
    # judged by the sidebar, and still "old" or "mixed" when a whole old text shows
    assert lt.version_shown(state(new_side, "London summit: Starmer names the…"), ver, "timeline")[0] == "new"
    assert lt.version_shown(state(new_side, "London summit: Starmer names the…"), ver, "map")[0] == "unclear"
    assert lt.version_shown(state(new_side, "Declined for now."), ver, "timeline")[0] == "mixed"
    assert lt.version_shown(state(old_side, "London summit: Starmer names the…"), ver, "timeline")[0] == "old"


def test_every_reader_has_a_different_deep_link_and_the_first_eight_cover_every_page():
    links = lt.links(lt.MAX_SESSIONS)
    assert len({link.href for link in links}) == len(links) >= 30
    pages = {path for _, path, _ in bs.app_pages()}
    assert {link.path for link in links[:SESSIONS]} == pages
    assert all(link.target != lt.JOIN for link in links), "phase 3 picks the default issue: it must be a change"


# 2. the load test itself and the relabel check (headless Chromium) ---------------------------------


def _run_script(args: list[str], out, timeout: float) -> tuple[int, str, dict]:
    """Run the load test script with ``--json out``; stop it (SIGTERM: it stops its server) on timeout."""
    bs.chromium_or_skip()
    proc = subprocess.Popen([sys.executable, str(SCRIPT), *args, "--json", str(out)], cwd=bs.ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        text, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            text, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            text, _ = proc.communicate()
        pytest.fail(f"{SCRIPT.name} {' '.join(args)} ran over {timeout:.0f}s:\n{text[-3000:]}", pytrace=False)
    result = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    return proc.returncode, text, result


@pytest.mark.browser
def test_concurrent_readers_draw_their_deep_links_and_see_only_new_data_after_a_file_swap(tmp_path):
    rc, text, r = _run_script(["--sessions", str(SESSIONS), "--timeout", "120", "--deadline", "270"],
                              tmp_path / "load.json", timeout=360)
    print(text)
    (lt.OUT / "test_load-output.txt").write_text(text, encoding="utf-8")  # kept for a failure seen later
    assert r, f"no figures written:\n{text[-3000:]}"
    assert len(r["pages"]) == 8, f"every page is opened by some reader: {r['pages']}"
    assert r["drew"] == SESSIONS, f"every session draws its deep link:\n{text}"
    assert r["changed"] == SESSIONS, f"every session redraws after picking another issue:\n{text}"
    assert r["new_file_valid"], "the replacement file passes the validator"
    assert r["swap_states"] == {"new": SESSIONS}, \
        f"after the file swap and a rerun every session shows the new data only (no old text, no mix):\n{text}"
    assert not r["server_log_problems"], f"server log: {r['server_log_problems']}"
    assert not r["failures"], "\n".join(r["failures"])
    assert rc == 0 and r["ok"], text


@pytest.mark.browser
def test_a_reworded_issue_label_keeps_the_readers_choice_after_a_file_swap(tmp_path):
    rc, text, r = _run_script(["--relabel"], tmp_path / "relabel.json", timeout=200)
    # anything else going wrong is a failure, not the expected one (pytest.fail is no AssertionError)
    if not r or "rerun 2" not in r or r["open"]["issue"] != "troops":
        pytest.fail(f"the check did not run to the end:\n{text[-3000:]}", pytrace=False)
    if r["problems"] or r["server_log_problems"]:
        pytest.fail(f"errors besides the relabelling:\n{text[-3000:]}", pytrace=False)
    first, second = r["rerun 1"], r["rerun 2"]
    assert first["issue"] == second["issue"] == "troops", \
        f"the reader's issue survives the swap and two reruns: {json.dumps(r, indent=1)}"
    assert second["box"] == r["new_label"], f"the Issue box shows the new label: {json.dumps(r, indent=1)}"
    # the country chosen before the swap (its name reworded too) is still chosen, with the two added
    assert all(f"country={c}" in second["url"] for c in ("GBR", "ITA", "FRA")), json.dumps(r, indent=1)
    assert rc == 0
