#!/usr/bin/env bash
# nginx in front of N Streamlit replicas on this machine's loopback, until Ctrl-C:
#   deploy/run.sh                          # 2 replicas (ports 8501, 8502), the proxy on http://127.0.0.1:8080
#   deploy/run.sh --replicas 4 --port 9000
# The config is rendered from deploy/coalition.conf.in into a temporary folder that also holds nginx's
# pid, logs and cache (printed at start); nginx runs as you. Needs Debian's nginx (apt-get install nginx).
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PY:-python3}" deploy/stack.py run "$@"
