# Two commands for a fresh Debian machine with Python 3.11+ and Node/npm:
#   make run   - install what is missing, migrate, build and serve on http://localhost:$PEERSUPPORT_PORT
#   make test  - install what is missing (Chromium too), then lint, type-check and run every test
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TOOLS := .tools
BUN_VERSION := 1.4.5
AXE_VERSION := 4.14.1
HASH_WASM_VERSION := 4.13.0
# ESLint for the browser code (eslint.config.mjs), with its recommended rules and the
# browser's globals.
ESLINT_VERSION := 10.16.0
ESLINT_JS_VERSION := 10.0.1
GLOBALS_VERSION := 17.15.0
ESLINT := $(TOOLS)/node_modules/.bin/eslint
NODE ?= node
BUN := $(TOOLS)/node_modules/.bin/bun
AXE := $(TOOLS)/node_modules/axe-core/axe.min.js
CHROMIUM ?= /usr/bin/chromium
# The unit tests run in this many processes (pytest-xdist), each with its own database;
# 0 runs them in this process. The browser tests run in BROWSER_WORKERS processes, each
# with its own database and build of the app: one by default, as on two cores a second
# app and browser gained almost nothing and made every wait longer.
TEST_WORKERS ?= 2
BROWSER_WORKERS ?= 0

.PHONY: help run test migrate lint unit browser bench clean

help:
	@echo "make run    install, migrate and serve the app on http://localhost:$${PEERSUPPORT_PORT:-3000}"
	@echo "make test   install (Chromium too) and run the whole test suite"
	@echo "make bench  measure key derivation, the notes page and the story pages (see bench/)"

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "peersupport needs Python 3.11 or newer as '$(PYTHON)' (set PYTHON=...)"; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null \
	  || { echo "Python's venv module is missing: install the Debian package python3-venv"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# A stamp named after the pinned versions: changing a pin reinstalls, nothing else does.
TOOLS_STAMP := $(TOOLS)/.installed-bun$(BUN_VERSION)-axe$(AXE_VERSION)-hashwasm$(HASH_WASM_VERSION)-eslint$(ESLINT_VERSION)-$(ESLINT_JS_VERSION)-globals$(GLOBALS_VERSION)

$(TOOLS_STAMP):
	@command -v npm >/dev/null || { echo "npm is missing: install the Debian packages nodejs and npm"; exit 1; }
	mkdir -p $(TOOLS)
	npm install --prefix $(TOOLS) --no-audit --no-fund --save-exact bun@$(BUN_VERSION) axe-core@$(AXE_VERSION) hash-wasm@$(HASH_WASM_VERSION) eslint@$(ESLINT_VERSION) @eslint/js@$(ESLINT_JS_VERSION) globals@$(GLOBALS_VERSION)
	@test -x $(BUN) || { echo "bun did not install from the npm registry into $(TOOLS)"; exit 1; }
	@test -x $(ESLINT) || { echo "eslint did not install from the npm registry into $(TOOLS)"; exit 1; }
	rm -f $(TOOLS)/.installed-*
	touch $@

chromium:
	@if ! test -x $(CHROMIUM); then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Chromium from Debian packages"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Chromium is missing: install the Debian package 'chromium' (apt-get install chromium)"; exit 1; \
	  fi; \
	fi

.PHONY: chromium
deps: $(VENV)/.installed $(TOOLS_STAMP)
.PHONY: deps

migrate: deps
	$(PY) -m peersupport migrate

run: migrate
	$(PY) -m peersupport run

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(ESLINT) --max-warnings 0 .

unit: deps
	$(NODE) --test tests/js/*.test.mjs
	$(PY) -m pytest tests/unit -q -n $(TEST_WORKERS)

browser: deps chromium
	$(PY) -m pytest tests/browser -q -n $(BROWSER_WORKERS) --dist loadfile

test: lint unit browser

bench: deps chromium
	$(PY) bench/notes_bench.py
	$(PY) bench/stories_bench.py
	$(PY) bench/boards_bench.py

clean:
	rm -rf .web .states tests/artifacts
