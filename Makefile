# The dev loop: `make demo`, `make test`, `make lint`, `make bench`.
# spaCy parses ~1.8x faster on Python 3.12 here; use it when present, else python3 (3.11+).
PYTHON ?= $(shell if PYENV_VERSION=3.12.1 python3.12 -c 'import sys' >/dev/null 2>&1; then echo "env PYENV_VERSION=3.12.1 python3.12"; else echo python3; fi)
VENV := .venv
BIN := $(VENV)/bin
DB ?= demo.sqlite

.PHONY: install demo test lint bench clean vendor serve browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/sitroom --db $(DB) ingest samples/
	$(BIN)/sitroom --db $(DB) reports
	$(BIN)/sitroom --db $(DB) events
	$(BIN)/sitroom --db $(DB) control
	$(BIN)/sitroom --db $(DB) claims

test: install browser
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's chromium through Playwright (never `playwright install`).
browser:
	@command -v chromium >/dev/null || (echo "make: installing Debian's chromium with apt-get, for the browser tests" \
	  && apt-get update -qq && apt-get install -y -qq chromium)

# The map's JavaScript and country outlines, from the npm registry, into the package (the
# copies are committed, so a fresh clone needs no npm). Versions pinned here.
NPM_PACKAGES := leaflet@1.9.4 world-atlas@2.0.2 topojson-client@3.1.0
VENDOR := src/sitroom/web/static/vendor
vendor:
	rm -rf build/npm $(VENDOR)
	npm install --no-save --prefix build/npm $(NPM_PACKAGES)
	mkdir -p $(VENDOR)/leaflet $(VENDOR)/world-atlas $(VENDOR)/topojson-client
	cp -r build/npm/node_modules/leaflet/dist/leaflet.js build/npm/node_modules/leaflet/dist/leaflet.css \
	  build/npm/node_modules/leaflet/dist/images build/npm/node_modules/leaflet/LICENSE $(VENDOR)/leaflet/
	cp build/npm/node_modules/world-atlas/countries-50m.json build/npm/node_modules/world-atlas/LICENSE \
	  $(VENDOR)/world-atlas/
	cp build/npm/node_modules/topojson-client/dist/topojson-client.min.js \
	  build/npm/node_modules/topojson-client/LICENSE $(VENDOR)/topojson-client/
	for p in $(NPM_PACKAGES); do echo $$p; done > $(VENDOR)/VERSIONS

serve: install
	$(BIN)/sitroom --db $(DB) serve

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf build $(VENV) $(DB) $(DB)-wal $(DB)-shm
