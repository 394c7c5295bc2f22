"""nginx in front of N Streamlit replicas: render the proxy's config, or run the whole stack on loopback.

    python3 deploy/stack.py run [--replicas 2] [--port 8080]      # proxy + replicas until Ctrl-C
    python3 deploy/stack.py render --replica 127.0.0.1:8501 --replica 127.0.0.1:8502 \\
        --listen 80 --server-name tracker.example.org > /etc/nginx/conf.d/coalition.conf

``render`` fills deploy/coalition.conf.in (an http-context file: upstream, maps, limits, one server).
``run`` starts N ``streamlit run app.py`` replicas on 127.0.0.1 and Debian's nginx with that file,
rendered into a temporary folder that also holds nginx's pid, logs, cache and temp files: it runs
as the current user and needs nothing from /etc/nginx or /var. scripts/deploy_check.py and
tests/test_deploy.py drive the same ``Stack``.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "coalition.conf.in"
NGINX = os.environ.get("NGINX", "nginx")

# The script the proxy injects at the top of every page (deploy/coalition.conf.in, sub_filter): it
# tells Streamlit's frontend that the app's server is at the site's root (window.__streamlit is
# Streamlit's hook for a host page's settings), so a deep link connects without probing its own path.
BOOT_SCRIPT = "window.__streamlit={BACKEND_BASE_URL:location.origin}"


def app_scripts() -> dict[str, str]:
    """The app's own inline scripts (st.html(..., unsafe_allow_javascript=True)), by the name the code
    uses: constants, allowed by their hashes (tests/test_deploy.py checks that no other is run)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from coalition import sourceview

    return {"sourceview.SCROLL_TO_HIGHLIGHT": sourceview.SCROLL_TO_HIGHLIGHT}


# 1. the config -------------------------------------------------------------------------------------
def streamlit_index() -> Path:
    """The index.html the replicas serve (the installed Streamlit's)."""
    from streamlit import file_util

    return Path(file_util.get_static_dir()) / "index.html"


def script_hash(body: str) -> str:
    """The CSP source expression that allows one inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-...') for every inline <script> of a page (none with src=)."""
    return [script_hash(body) for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S | re.I)
            if not re.search(r"\bsrc\s*=", attrs)]


def served_index(html: str) -> str:
    """Streamlit's index.html as the proxy serves it (with BOOT_SCRIPT injected, as its sub_filter does)."""
    return html.replace("<head>", f"<head><script>{BOOT_SCRIPT}</script>", 1)


def render(replicas: list[str], listen: list[str], *, server_name: str = "_", cache_dir: str,
           access_log: str, html: str | None = None) -> str:
    """deploy/coalition.conf.in with its slots filled. ``replicas`` are host:port of the Streamlit
    servers, ``listen`` nginx ``listen`` arguments ("80", "127.0.0.1:8080"); ``html`` is the page
    whose inline scripts the CSP allows (default: the installed Streamlit's index.html), besides the
    app's own (``app_scripts``)."""
    if not replicas:
        raise ValueError("at least one replica")
    for r in replicas:
        if not re.fullmatch(r"[A-Za-z0-9.\-\[\]:]+:\d+", r):
            raise ValueError(f"replica {r!r}: expected host:port")
    html = served_index(html if html is not None else streamlit_index().read_text(encoding="utf-8"))
    slots = {
        "REPLICAS": "\n".join(f"    server {r} max_fails=1 fail_timeout=10s;" for r in replicas),
        "LISTEN": "\n".join(f"    listen {x};" for x in listen),
        "SERVER_NAME": server_name,
        "CACHE_DIR": cache_dir,
        "ACCESS_LOG": access_log,
        "SCRIPT_HASHES": " ".join(inline_script_hashes(html) + [script_hash(js) for js in app_scripts().values()]),
        "BOOT_SCRIPT": BOOT_SCRIPT,
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in slots.items():
        text = text.replace("{{ " + key + " }}", value)
    left = re.findall(r"\{\{ \w+ \}\}", text)
    if left:
        raise ValueError(f"unfilled slots in {TEMPLATE.name}: {left}")
    return text


def main_conf(prefix: Path, site: Path) -> str:
    """A whole nginx.conf for a loopback run: everything nginx writes lives under ``prefix``."""
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""  # workers as us
    temp = "\n".join(f"    {kind}_temp_path {prefix / 'tmp' / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{user}worker_processes 1;
pid {prefix / 'nginx.pid'};
error_log {prefix / 'error.log'} warn;
events {{ worker_connections 1024; }}
http {{
{temp}
    default_type application/octet-stream;
    sendfile on;
    include {site};
}}
"""


# 2. the stack on loopback ------------------------------------------------------------------------
def nginx_binary() -> str | None:
    found = shutil.which(NGINX) or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
                                         if os.path.isfile(p)), None)
    return found


def nginx_version() -> str | None:
    binary = nginx_binary()
    if not binary:
        return None
    out = subprocess.run([binary, "-v"], capture_output=True, text=True)
    return (out.stderr or out.stdout).strip().removeprefix("nginx version: ")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)  # its own session: the process and its children
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)


class Stack:
    """N ``streamlit run app.py`` replicas on 127.0.0.1 and nginx in front, all under one temp folder.

    ``url`` is the proxy's address; ``replica_urls`` the replicas' own (to compare with going direct).
    Use as a context manager, or call ``start()`` and ``stop()``."""

    def __init__(self, replicas: int = 2, port: int | None = None, replica_ports: list[int] | None = None,
                 env: dict | None = None, prefix: Path | None = None, app: str = "app.py"):
        self.nginx = nginx_binary()
        if not self.nginx:
            raise FileNotFoundError("nginx not found (Debian: apt-get install nginx)")
        self.own_prefix = prefix is None
        self.prefix = Path(prefix or tempfile.mkdtemp(prefix="coalition-deploy-"))
        self.port = port or free_port()
        self.replica_ports = replica_ports or [free_port() for _ in range(replicas)]
        self.url = f"http://127.0.0.1:{self.port}"
        self.replica_urls = [f"http://127.0.0.1:{p}" for p in self.replica_ports]
        self.env = {**os.environ, **(env or {})}
        self.app = app
        self.procs: list[subprocess.Popen] = []
        self.nginx_proc: subprocess.Popen | None = None
        self._logs: list = []

    # paths
    @property
    def site_conf(self) -> Path:
        return self.prefix / "coalition.conf"

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    @property
    def error_log(self) -> Path:
        return self.prefix / "error.log"

    def replica_log(self, i: int) -> Path:
        return self.prefix / f"replica-{i + 1}.log"

    def _spawn(self, cmd: list[str], log: Path) -> subprocess.Popen:
        fh = open(log, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self._logs.append(fh)
        return subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=fh, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)

    def start(self, timeout: float = 90) -> Stack:
        for port in [self.port, *self.replica_ports]:  # else a server already there would pass for ours
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    raise RuntimeError(f"port {port} of 127.0.0.1 is in use")
        for d in ("tmp", "cache"):
            (self.prefix / d).mkdir(parents=True, exist_ok=True)
        for i, port in enumerate(self.replica_ports):
            self.procs.append(self._spawn(
                [sys.executable, "-m", "streamlit", "run", self.app, "--server.port", str(port),
                 "--server.address", "127.0.0.1", "--server.headless", "true",
                 "--browser.gatherUsageStats", "false"], self.replica_log(i)))
        self.site_conf.write_text(render([f"127.0.0.1:{p}" for p in self.replica_ports],
                                         [f"127.0.0.1:{self.port}"], cache_dir=str(self.prefix / "cache"),
                                         access_log=str(self.access_log)), encoding="utf-8")
        main = self.prefix / "nginx.conf"
        main.write_text(main_conf(self.prefix, self.site_conf), encoding="utf-8")
        base = [self.nginx, "-p", str(self.prefix), "-e", str(self.error_log), "-c", str(main)]
        test = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True)
        if test.returncode != 0:
            self.stop()
            raise RuntimeError(f"nginx -t failed:\n{test.stderr}")
        self.nginx_proc = self._spawn([*base, "-g", "daemon off;"], self.prefix / "nginx.out")
        try:
            self.wait_healthy(timeout)
        except Exception:
            self.stop()
            raise
        return self

    def wait_healthy(self, timeout: float) -> None:
        """Until our nginx has bound its port (it writes its pid file after that) and every replica and
        the proxy answer /_stcore/health with ok."""
        deadline = time.monotonic() + timeout
        pid_file = self.prefix / "nginx.pid"
        while not (pid_file.exists() and pid_file.read_text().strip() == str(self.nginx_proc.pid)):
            if self.nginx_proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {self.error_log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.1)
        for url in [*self.replica_urls, self.url]:
            while True:
                for p in [*self.procs, self.nginx_proc]:
                    if p is not None and p.poll() is not None:
                        raise RuntimeError(f"a process of the stack exited ({p.args[:3]}): see {self.prefix}")
                try:
                    if _get(url + "/_stcore/health") == (200, b"ok"):
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} not healthy within {timeout}s: see {self.prefix}")
                time.sleep(0.2)

    def stop(self) -> None:
        if self.nginx_proc is not None:
            _stop(self.nginx_proc, signal.SIGQUIT)  # graceful: lets open responses finish
        for p in self.procs:
            _stop(p)
        for fh in self._logs:
            fh.close()
        self._logs = []

    def cleanup(self) -> None:
        if self.own_prefix:
            shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def log_lines(self) -> list[str]:
        return self.access_log.read_text(encoding="utf-8", errors="replace").splitlines() \
            if self.access_log.exists() else []


# 3. command line ----------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    run = sub.add_parser("run", help="start N replicas and nginx on loopback until Ctrl-C")
    run.add_argument("--replicas", type=int, default=2)
    run.add_argument("--port", type=int, default=8080, help="the proxy's port on 127.0.0.1 (default 8080)")
    run.add_argument("--base-port", type=int, default=8501, help="the first replica's port (default 8501)")
    run.add_argument("--keep", action="store_true", help="keep the temp folder (config, logs) after stopping")
    ren = sub.add_parser("render", help="print the nginx config for given replicas (production)")
    ren.add_argument("--replica", action="append", required=True, metavar="HOST:PORT")
    ren.add_argument("--listen", action="append", default=None, help="nginx listen argument (default 80)")
    ren.add_argument("--server-name", default="_")
    ren.add_argument("--cache-dir", default="/var/cache/nginx/coalition")
    ren.add_argument("--access-log", default="/var/log/nginx/coalition.access.log")
    args = ap.parse_args(argv)
    if args.cmd == "render":
        sys.stdout.write(render(args.replica, args.listen or ["80"], server_name=args.server_name,
                                cache_dir=args.cache_dir, access_log=args.access_log))
        return 0
    stack = Stack(args.replicas, port=args.port,
                  replica_ports=[args.base_port + i for i in range(args.replicas)])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        stack.start()
        print(f"proxy {stack.url} -> replicas {', '.join(stack.replica_urls)}; files in {stack.prefix}",
              flush=True)
        print("Ctrl-C stops the proxy and the replicas.", flush=True)
        while all(p.poll() is None for p in [*stack.procs, stack.nginx_proc]):
            time.sleep(1)
        print("a process of the stack exited; stopping", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except RuntimeError as exc:
        print(f"deploy/stack.py: {exc}", file=sys.stderr)
        return 1
    finally:
        stack.stop()
        if args.keep:
            print(f"config and logs kept in {stack.prefix}", file=sys.stderr)
        else:
            stack.cleanup()


if __name__ == "__main__":
    sys.exit(main())
