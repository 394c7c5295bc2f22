"""Start and stop a Streamlit server on loopback for the browser measurements."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A loopback port free right now (the system's choice, so not one another job prefers)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``with Server("app.py") as srv: srv.url`` — one streamlit process, stopped by its pid."""

    def __init__(self, script: str | Path, env: dict | None = None, log: Path | None = None,
                 cwd: str | Path = ROOT):
        """``cwd``: the working folder (its .streamlit/config.toml applies, and ``python -m streamlit``
        puts it on sys.path): the project for the app and the reference app, a checkout for an old build."""
        self.script = str(script)
        self.cwd = Path(cwd)
        self.env = {**os.environ, **(env or {})}
        self.port: int | None = None  # chosen when started: servers started one after another never share one
        self.url = ""
        self.log = log
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> "Server":
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        out = open(self.log, "w") if self.log else subprocess.DEVNULL  # noqa: SIM115 - closed in stop()
        self._out = out
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", self.script, "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(self.port),
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
             "--server.runOnSave", "false"],
            cwd=self.cwd, env=self.env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode} (log: {self.log})")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200 and self.proc.poll() is None:  # answered by this process
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not answer on {self.url} within {timeout} s")

    def rss_kb(self) -> int:
        """Resident memory of the server process (VmRSS, kB)."""
        try:
            import psutil  # noqa: PLC0415 - optional
            return psutil.Process(self.proc.pid).memory_info().rss // 1024
        except ImportError:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.log and getattr(self, "_out", None):
            self._out.close()

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
