"""One client must not stall the server: the real server on loopback, driven by plain websocket clients.

A burst of rerun messages from one session once froze the server for every other reader (Streamlit's
default ``runner.fastReruns = true`` starts a script thread per message). With ``.streamlit/config.toml``
in effect, the burst is one pending rerun: the health endpoint and another reader's runs stay quick.
Also here: the largest message the app sends stays far below ``server.maxMessageSize``.
"""
from __future__ import annotations

import threading
import time
import tomllib
import urllib.request

import pytest

import browser_support as bs
import ws_support as ws

BURST = 300             # rerun messages sent at once by one client (about 8 KB on the wire)
WATCH_S = 12            # how long the other reader and the health probe keep going after the burst
HEALTH_LIMIT_S = 5      # every health probe answers within this (the burst once made it time out at 30 s)
OTHER_RUN_LIMIT_S = 10  # and every run of the other reader finishes within this (once 32-42 s)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = bs.AppServer(tmp_path_factory.mktemp("flood") / "server.log")
    try:
        srv.wait_healthy(90)
        yield srv
    finally:
        srv.stop()


def _health_s(base: str) -> float:
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(base + "/_stcore/health", timeout=30) as r:  # noqa: S310 - loopback
            assert r.read().strip() == b"ok"
    except OSError:
        return float("inf")
    return time.monotonic() - t0


def test_a_burst_of_reruns_from_one_client_does_not_stall_other_readers(server):
    other = ws.Session(server.url)
    flooder = ws.Session(server.url)
    stop = threading.Event()
    health: list[float] = []

    def probe():
        while not stop.is_set():
            health.append(_health_s(server.url))
            time.sleep(0.2)

    try:
        other.run("matrix", "", timeout=120)       # both sessions warm: the data is loaded
        flooder.run("map", "", timeout=120)
        flooder.drain(stop)
        prober = threading.Thread(target=probe, daemon=True)
        prober.start()
        for i in range(BURST):
            flooder.send(ws.rerun_msg("map", "issue=troops" if i % 2 else "issue=join&view=world"))
        runs: list[float] = []
        end = time.monotonic() + WATCH_S
        while time.monotonic() < end:
            try:
                runs.append(other.run("matrix", "issue=" + ("troops" if len(runs) % 2 else "join"),
                                      timeout=OTHER_RUN_LIMIT_S * 3))
            except TimeoutError:
                runs.append(float("inf"))
                break
        stop.set()
        prober.join(35)
    finally:
        stop.set()
        other.close()
        flooder.close()
    assert health and runs
    assert max(health) < HEALTH_LIMIT_S, f"health answered in {max(health):.1f} s during the burst: {health}"
    assert max(runs) < OTHER_RUN_LIMIT_S, f"another reader's runs during the burst took {runs}"
    assert len(health) >= 5 and len(runs) >= 3, (health, runs)
    assert not other.exceptions, other.exceptions
    assert "Traceback" not in server.log(), server.log()[-3000:]


def test_the_largest_message_is_far_below_the_configured_message_size(server):
    limit = tomllib.loads((bs.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"][
        "maxMessageSize"] * 10**6
    reader = ws.Session(server.url)
    try:
        reader.run("map", "view=world", timeout=120)   # every country's outline: the heaviest page
    finally:
        reader.close()
    assert 100_000 < max(reader.sizes) < limit / 16, (max(reader.sizes), limit)
