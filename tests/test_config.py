"""The public-deployment settings in .streamlit/config.toml: present, real Streamlit options, in effect."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from streamlit import config as st_config

from coalition import palette

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".streamlit" / "config.toml"
REQUIRED = {
    "client.showErrorDetails": "none",      # no tracebacks or file paths in the browser
    "client.showErrorLinks": False,
    "client.toolbarMode": "minimal",        # no developer menu
    "server.headless": True,
    "server.runOnSave": False,
    "server.fileWatcherType": "none",
    "server.enableCORS": True,
    "server.enableXsrfProtection": True,
    "server.enableStaticServing": False,
    "server.enableAgentApi": False,
    "runner.fastReruns": False,             # a burst of reruns from one client is one pending rerun
    "browser.gatherUsageStats": False,
    "theme.base": "light",
    "theme.primaryColor": palette.SCORE_COLOURS[2],
}


def flat(table: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in table.items():
        if isinstance(v, dict):
            out.update(flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


SETTINGS = flat(tomllib.loads(CONFIG.read_text(encoding="utf-8")))


@pytest.mark.parametrize("key,value", REQUIRED.items())
def test_public_setting_is_in_the_config_file(key, value):
    assert SETTINGS.get(key) == value


def test_upload_size_is_small():
    assert 0 < SETTINGS["server.maxUploadSize"] <= 5


def test_message_size_is_bounded_well_below_streamlits_default():
    # what the app needs (tests/test_server_flood.py measures its largest message against it), not 200 MB
    assert 1 <= SETTINGS["server.maxMessageSize"] <= 32


def test_every_key_in_the_file_is_a_real_streamlit_option():
    known = set(st_config.get_config_options())
    assert set(SETTINGS) <= known, set(SETTINGS) - known


def test_streamlit_reads_the_file_from_the_project_folder():
    shown = subprocess.run([sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120).stdout
    section, effective = "", {}
    for line in shown.splitlines():
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif " = " in line and not line.startswith("#"):
            k, v = line.split(" = ", 1)
            effective[f"{section}.{k}"] = tomllib.loads(f"v = {v}")["v"]
    for key, value in REQUIRED.items():
        assert effective.get(key) == value, key


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 - loopback only
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""


def test_the_app_starts_with_this_config_and_serves_no_project_file():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(f"{base}/_stcore/health") == (200, "ok"):
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
            time.sleep(0.3)
        status, body = _get(base + "/")
        assert status == 200 and "<div id=\"root\">" in body
        # static serving is off: these paths give the app shell (or nothing), never the files
        for path in ("/app/static/coalition.yaml", "/app/static/app.py", "/data/coalition.yaml",
                     "/seeds/000_3b4eb8e4f72c0423.txt", "/.streamlit/config.toml"):
            _, body = _get(base + path)
            assert "sources:" not in body and "import streamlit" not in body and "[server]" not in body, path
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        out, _ = server.communicate(timeout=30)
    assert "Traceback" not in out and "Error" not in out, out
