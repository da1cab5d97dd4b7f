# Kennisplatform Jeugd. Quickstart: `make run` (serve with demo content), `make test` (whole suite).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_WORKERS ?= auto
UV := uv==0.13.9

# Python writes its bytecode (and pytest its rewritten test modules) even where the environment says not to: each
# test worker spent some 4.4 s of its start rewriting every test module's asserts again (pytest --collect-only 8.0 s,
# 3.6 s with them kept; two workers on a fresh clone share the writing: 5.9 s each).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test setup demo lint format messages vendor bench ci clean worker services opensearch stop-services

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	@# uv (pinned, from PyPI) installs the pinned requirements in parallel: a fresh venv in some 20-27 s instead of
	@# 32 s with pip. --compile-bytecode as pip does: without it every test worker and subprocess compiled the same
	@# modules on its first import. Where uv cannot be had, pip installs them as before.
	{ $(PY) -m pip install --quiet --disable-pip-version-check $(UV) && \
	  UV_LINK_MODE=copy $(PY) -m uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.txt; } || \
	  $(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0

demo: setup
	$(PY) manage.py load_demo

run: demo
	@echo "Kennisplatform Jeugd draait op http://$(HOST):$(PORT)/ (taken-worker draait mee; stoppen met Ctrl-C)"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --interval 2 --no-reload >var/worker.log 2>&1 & \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: setup
	$(PY) manage.py db_worker

test: $(STAMP)
	mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run -v1
	@# axe-core and ical.js (package.json) for the accessibility and calendar tests; they skip, with the reason, without npm.
	@if command -v npm >/dev/null 2>&1 && { [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -d node_modules/ical.js ]; }; then \
	  npm install --no-audit --no-fund --silent || echo "npm install failed: accessibility tests will be skipped"; fi
	@# One worker process per core (pytest-xdist); each test file stays in one worker (module fixtures, servers).
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# Types of the rooms that hold the rules (mypy.ini): services, selectors and the search app.
	$(BIN)/mypy $$(git ls-files '*services.py' '*selectors.py' | grep -v '^tests/') search

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	$(PY) manage.py makemessages -l nl -l en --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --ignore 'static_collected/*' --ignore 'tests/*' --ignore 'bench/*' -v0
	@# Dutch is the source language; its catalog still lists every message as its own translation (msgen), so a
	@# Dutch lookup is found in the project's catalog instead of missing all 24 catalogs of the installed apps first.
	msgen site/locale/nl/LC_MESSAGES/django.po -o site/locale/nl/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages -v0 --ignore '.venv/*' --ignore 'node_modules/*'

vendor:
	npm install --no-audit --no-fund
	cp node_modules/@utrecht/component-library-css/dist/index.css site/static/vendor/utrecht/component-library.css
	cp node_modules/@utrecht/design-tokens/dist/theme.css site/static/vendor/utrecht/design-tokens.css

bench: setup
	$(PY) bench/run_all.py

# Contributors and CI: PostgreSQL (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379), installed from Debian's
# packages when missing; OpenSearch (127.0.0.1:9200) built from Maven Central artifacts. See .ci/services.
services:
	.ci/services start

opensearch:
	.ci/services opensearch

stop-services:
	.ci/services stop

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var static_collected
