# DiploKG: `make run` installs everything and serves the graph; `make test` runs the whole suite.
# Everything lands in .venv (Python), node_modules (web assets) and the machine's package
# manager (Java for the OWL reasoner, Chromium for the browser tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup setup-test system-deps assets build serve bench screenshots clean

run: setup build serve

build: setup
	$(BIN)/kg build

serve: setup
	$(BIN)/kg serve --host $(HOST) --port $(PORT)

test: setup-test
	$(BIN)/python -m pytest -q

# Every page at 1,280 and 390 px wide, as PNGs in screenshots/ (not committed), to look at.
screenshots: setup-test
	KG_SCREENSHOTS=$(CURDIR)/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider tests/integration/test_browser.py -k test_screenshots
	@echo "screenshots in $(CURDIR)/screenshots"

bench: setup-test
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	$(BIN)/python -m bench

setup: $(VENV)/.installed assets

setup-test: $(VENV)/.installed-test assets system-deps

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# the web assets' package folder is filled by `assets`, which needs this venv first
	mkdir -p kg/web/static/vendor
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# Java runs the HermiT reasoner (owlready2); Chromium drives the browser tests; Virtuoso is
# the external SPARQL engine the scale-out tests load and query.
system-deps:
	@command -v java >/dev/null && command -v chromium >/dev/null && command -v virtuoso-t >/dev/null || { \
	  $(SUDO) apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless chromium virtuoso-opensource; }

# The query UI's JavaScript (YASGUI, views) comes from npm and is served from the package: no CDN.
assets: kg/web/static/vendor/.installed

kg/web/static/vendor/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q npm; }
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m kg.web.assets
	touch $@

clean:
	rm -rf data/build node_modules kg/web/static/vendor
