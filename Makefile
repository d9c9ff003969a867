# The README's two commands: `make site` and `make test`. Each sets up what it needs.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# Material 9.x prints an end-of-life notice on every build; ctkb knows (see README).
export NO_MKDOCS_2_WARNING := 1

.PHONY: site internal test check lint types unit browser serve validate schema format benchmark clean

site: $(VENV)/.site-deps node_modules/.installed  ## Build site/ and site/ctkb-offline.zip from the shipped data
	$(BIN)/ctkb build

test: lint types node_modules/.installed /usr/bin/chromium  ## Lint, types, unit, site and browser tests
	$(BIN)/pytest

check: lint types  ## The quick checks, without tests

lint: $(VENV)/.dev-deps  ## Format check and lint (ruff)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

types: $(VENV)/.dev-deps  ## Strict type check (mypy)
	$(BIN)/mypy

unit: $(VENV)/.dev-deps node_modules/.installed  ## Unit and site tests, without the browser
	$(BIN)/pytest -m "not browser"

browser: $(VENV)/.dev-deps node_modules/.installed /usr/bin/chromium  ## Browser tests only (Chromium)
	$(BIN)/pytest -m browser

internal: $(VENV)/.site-deps node_modules/.installed  ## Build site-internal/ with restricted fields (never deploy it)
	$(BIN)/ctkb build --profile internal

serve: $(VENV)/.site-deps node_modules/.installed  ## Preview at http://127.0.0.1:8000, rebuilding on edits
	$(BIN)/ctkb serve

validate: $(VENV)/.site-deps  ## Check the data only
	$(BIN)/ctkb validate

schema: $(VENV)/.site-deps  ## Re-export schemas/ after changing a model
	$(BIN)/ctkb schema

format: $(VENV)/.dev-deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

benchmark: $(VENV)/.site-deps node_modules/.installed  ## Print build-cost figures (not a test)
	$(BIN)/python scripts/benchmark.py

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-deps: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-deps: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.site-deps

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (Playwright's own browser download does not work here).
/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core

clean:
	rm -rf site site.old .site-build-* .pytest_cache .mypy_cache .ruff_cache
