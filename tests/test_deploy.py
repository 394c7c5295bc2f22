"""The deployment in front (issue 13): deploy/coalition.conf.in rendered by deploy/stack.py, and the
whole stack (nginx + 2 replicas on loopback) checked by scripts/deploy_check.py.

The stack checks run scripts/deploy_check.py once, in a subprocess (its async Playwright cannot share
this process with the sync Playwright of tests/test_browser.py), with 4 concurrent sessions; each test
below reads one of its checks. ``make deploy-check`` runs the same script with 30 sessions.
Without nginx (Debian's package) they skip, and fail under REQUIRE_BROWSER=1 as in CI.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys

import pytest

import browser_support as bs

sys.path.insert(0, str(bs.ROOT / "deploy"))
import stack as deploy_stack  # noqa: E402 - deploy/stack.py

SCRIPT = bs.ROOT / "scripts" / "deploy_check.py"
SESSIONS = 4  # make deploy-check runs 30


def nginx_or_skip() -> str:
    path = deploy_stack.nginx_binary()
    if path:
        return path
    msg = "nginx not found (install Debian's 'nginx' package; .ci/run does)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {msg}", pytrace=False)
    pytest.skip(msg)


# 1. the config file (no server) -------------------------------------------------------------------------
def render(n: int = 2, html: str | None = None) -> str:
    return deploy_stack.render([f"127.0.0.1:{8501 + i}" for i in range(n)], ["127.0.0.1:8080"],
                               cache_dir="/tmp/cache", access_log="/tmp/access.log", html=html)


def test_render_fills_every_slot_and_lists_each_replica_once():
    text = render(4)
    assert "{{" not in text and "}}" not in text
    upstream = text[text.index("upstream coalition_replicas"):].split("}", 1)[0]
    assert [line.split()[1] for line in upstream.splitlines() if line.strip().startswith("server ")] == \
        ["127.0.0.1:8501", "127.0.0.1:8502", "127.0.0.1:8503", "127.0.0.1:8504"]
    assert "hash $coalition_sticky_key consistent;" in upstream


@pytest.mark.parametrize("bad", ["8501", "127.0.0.1", "127.0.0.1:85x", "127.0.0.1:8501; include /etc/passwd"])
def test_render_refuses_a_replica_that_is_not_host_and_port(bad):
    with pytest.raises(ValueError):
        deploy_stack.render([bad], ["80"], cache_dir="/c", access_log="/a.log")


def test_the_csp_allows_the_inline_scripts_of_the_served_page_and_the_app_by_hash_and_nothing_else_inline():
    html = "<head><script>a=1</script><script type=module src=./x.js></script></head><body></body>"
    text = render(html=html)
    csp = next(line for line in text.splitlines() if "add_header Content-Security-Policy" in line)

    def sha(body: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"

    script_src = csp.split("script-src", 1)[1].split(";", 1)[0].split()
    app = [sha(js) for js in deploy_stack.app_scripts().values()]
    assert sorted(script_src) == sorted(["'self'", "blob:", "'wasm-unsafe-eval'", sha("a=1"), sha(deploy_stack.BOOT_SCRIPT),
                                         *app])
    assert "'unsafe-eval'" not in csp and "'unsafe-inline'" not in csp.split("style-src")[0]


def test_every_script_the_app_runs_inline_is_one_the_csp_allows():
    """A page that runs a script the CSP does not list breaks behind the proxy (the script is blocked,
    the console shows the violation): every st.html(..., unsafe_allow_javascript=True) runs one of
    deploy/stack.py's app_scripts() constants, by name."""
    names = deploy_stack.app_scripts()
    calls = []
    for path in [bs.ROOT / "app.py", *(bs.ROOT / "pages").glob("*.py"), *(bs.ROOT / "ui").glob("*.py")]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "unsafe_allow_javascript=True" in line:
                calls.append(f"{path.relative_to(bs.ROOT)}:{n}")
                assert any(name in line for name in names), \
                    f"{path.relative_to(bs.ROOT)}:{n} runs a script the CSP does not allow: add it to app_scripts()"
    assert calls, "no inline script found: the check would pass vacuously (drop app_scripts() if none is left)"


def test_the_served_streamlit_page_has_exactly_the_two_hashed_inline_scripts():
    served = deploy_stack.served_index(deploy_stack.streamlit_index().read_text(encoding="utf-8"))
    hashes = deploy_stack.inline_script_hashes(served)
    assert len(hashes) == 2, "Streamlit's index.html changed its inline scripts: re-run the deploy check"
    text = render()
    assert all(h in text for h in hashes)


def test_the_rendered_config_passes_nginx_t(tmp_path):
    nginx = nginx_or_skip()
    site = tmp_path / "coalition.conf"
    site.write_text(deploy_stack.render(["127.0.0.1:8501", "127.0.0.1:8502"], [f"127.0.0.1:{deploy_stack.free_port()}"],
                                        cache_dir=str(tmp_path / "cache"), access_log=str(tmp_path / "access.log")))
    (tmp_path / "tmp").mkdir()
    main = tmp_path / "nginx.conf"
    main.write_text(deploy_stack.main_conf(tmp_path, site))
    out = subprocess.run([nginx, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(main), "-t"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


# 2. the stack, through the proxy (scripts/deploy_check.py) ---------------------------------------------
@pytest.fixture(scope="module")
def result(tmp_path_factory):
    bs.chromium_or_skip()
    nginx_or_skip()
    out = tmp_path_factory.mktemp("deploy") / "result.json"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--sessions", str(SESSIONS), "--json", str(out)],
                          cwd=bs.ROOT, capture_output=True, text=True, timeout=1500)
    if not out.exists():
        pytest.fail(f"deploy_check.py wrote no result (exit {proc.returncode}):\n{proc.stdout[-3000:]}\n"
                    f"{proc.stderr[-3000:]}", pytrace=False)
    return json.loads(out.read_text(encoding="utf-8"))


def check(result: dict, name: str) -> dict:
    c = result["checks"][name]
    assert c["ok"], f"{name}:\n" + "\n".join(c["problems"][:40])
    return c["facts"]


@pytest.mark.browser
def test_a_page_and_its_embed_form_get_the_security_headers_with_different_frame_rules(result):
    facts = check(result, "headers")
    assert facts["page"]["frame-ancestors"] == "'none'" and facts["page"]["x-frame-options"] == "DENY"
    assert facts["embed"]["frame-ancestors"] == "*" and facts["embed"]["x-frame-options"] is None
    assert "default-src 'self'" in facts["csp"]


@pytest.mark.browser
def test_static_javascript_and_css_come_gzipped(result):
    facts = check(result, "gzip")
    largest = facts["largest"]
    assert largest["direct_encoding"] is None, "the replica itself sends the bundle uncompressed"
    assert largest["proxy_encoding"] == "gzip" and largest["proxy_bytes"] < largest["direct_bytes"] / 2


@pytest.mark.browser
def test_a_chart_page_transfers_under_half_its_javascript_and_css_bytes(result):
    facts = check(result, "page_bytes")
    assert facts["/matrix"]["direct"]["js_css"] > 5_000_000  # the issue: 6-10 MB per chart page


@pytest.mark.browser
def test_metrics_and_the_agent_api_are_closed_at_the_proxy(result):
    facts = check(result, "closed")
    assert facts["replica_metrics"] == 200 and facts["/_stcore/metrics"] == 404


@pytest.mark.browser
def test_every_page_draws_through_the_proxy_with_no_console_error_or_csp_violation(result):
    facts = check(result, "browser_pages")
    assert len(facts["pages"]) == 2 * len(bs.app_pages()) + 1  # every page bare and at a deep link, an embed link
    assert all(p["heading"] and p["websocket"] for p in facts["pages"])


@pytest.mark.browser
def test_clients_spread_over_both_replicas_and_each_sticks_to_its_own(result):
    check(result, "sticky")
    pinned = check(result, "browser_sticky")["pinned"]
    assert len({p["replica"] for p in pinned}) == 2
    assert all(p["upstreams"] == [p["replica"]] == p["websockets"] for p in pinned)
    assert pinned[0]["download"]["file"] == "coalition-country-JPN-stances.csv"  # Japan's records only


@pytest.mark.browser
def test_another_site_can_frame_the_embed_form_and_not_a_page(result):
    facts = check(result, "framing")
    assert facts["embed_heading"]


@pytest.mark.browser
def test_concurrent_sessions_draw_and_rerun_through_the_proxy_with_no_error(result):
    facts = check(result, "sessions")
    assert facts["drew"] == facts["changed"] == SESSIONS and facts["errors"] == 0
    assert sum(facts["websockets_per_replica"].values()) >= SESSIONS


@pytest.mark.browser
def test_uploads_bursts_and_websockets_over_the_limits_are_refused(result):
    facts = check(result, "limits")
    assert facts["upload_2mb"] == 413
    assert facts["websockets_48"].get("429") and facts["burst_600"].get("429")


@pytest.mark.browser
def test_when_a_replica_stops_its_readers_are_served_by_another(result):
    facts = check(result, "failover")
    assert facts["statuses"] == [200, 200, 200]


def test_the_csp_lets_the_apps_components_load_their_module():
    """The copy buttons are an st.components.v2 component: Streamlit imports its JavaScript from a
    blob: URL, which the CSP must allow (without it every page shows a component error behind the proxy)."""
    uses = [p for p in [bs.ROOT / "app.py", *(bs.ROOT / "pages").glob("*.py"), *(bs.ROOT / "ui").glob("*.py")]
            if "components.v2.component(" in p.read_text(encoding="utf-8")]
    assert uses, "no component left: drop blob: from script-src"
    csp = next(line for line in render().splitlines() if "add_header Content-Security-Policy" in line)
    assert "blob:" in csp.split("script-src", 1)[1].split(";", 1)[0]
