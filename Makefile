# Vigie — two commands: `make run` and `make test` (and `make test-fast` for the inner loop).
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
APT_PACKAGES := chromium libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils \
	fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea postgresql-15 caddy

.PHONY: run test test-fast install install-dev apt db lint bench clean npm

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/.installed
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed
install-dev: $(BIN)/.installed-dev

## apt: Debian packages the tests and exports need (installed only when missing)
apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | grep -qx installed || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installation des paquets Debian : $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## db: migrate and load the default dataset (the sourced catalogue)
db: install
	$(BIN)/python -m plans seed

## run: install, load the default dataset into embedded SQLite, start the app on 127.0.0.1:$(PORT)
run: db
	$(BIN)/python -m dashboard.auth check
	$(BIN)/python -m streamlit run dashboard/app.py --server.address 127.0.0.1 --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false \
		--server.maxUploadSize $$($(BIN)/python -m plans.config get upload_max_mb)

## lint: ruff, then mypy on plans/ and loaders/ (settings in pyproject.toml)
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

## npm: the Node packages the tests use (axe-core, oidc-provider), exactly as package-lock.json pins them
npm: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

## test: everything CI runs (ruff, unit, PostgreSQL, AppTest, browser, slow)
test: install-dev apt npm lint
	$(BIN)/python -m pytest -q -p no:cacheprovider --durations=15 tests

## test-fast: the inner loop — unit tests without browser, PostgreSQL or slow tests (no apt, no lint)
test-fast: install-dev
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto -m "not browser and not postgres and not slow" tests

## bench: the speed and memory benchmarks (minutes each; results go to docs/benchmarks.md by hand)
bench: install-dev apt
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) node_modules data/*.db data/*.db-* .pytest_cache .mypy_cache
