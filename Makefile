# One place for each check: CI (.ci/run) and people call the same targets.
PY ?= python3
PORT ?= 8501

.PHONY: install install-dev run test test-fast validate lint

install:
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt

install-dev:
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt

run: install
	$(PY) -m coalition validate
	$(PY) -m streamlit run app.py --server.port $(PORT)

validate:
	$(PY) -m coalition validate

test: install-dev
	$(PY) -m pytest -q

test-fast:
	$(PY) -m pytest -q -m "not browser"

# Benchmark (not a test; ~8 min): server time, scale, browser, weight, memory -> bench/RESULTS.md
.PHONY: bench
bench:
	$(PY) -m bench

# Load test (issue 5, ~3 min; not in `make test`, whose tests/test_load.py runs 8 sessions): 30 concurrent
# Chromium sessions on different deep links, a filter change each, then the data file replaced under them
.PHONY: load-test
load-test:
	$(PY) scripts/load_test.py --sessions 30

# Deployment check (issue 13, ~5 min; not in `make test`, whose tests/test_deploy.py runs 4 sessions): nginx
# (deploy/coalition.conf.in) in front of 2 replicas on loopback: headers, gzip, sticky sessions, every page in
# Chromium with no console error or CSP violation, framing, 30 concurrent sessions, limits -> artifacts/deploy/
.PHONY: deploy-check
deploy-check:
	$(PY) scripts/deploy_check.py --sessions 30
