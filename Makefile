# Two commands on a fresh machine: `make serve` and `make test`.
# Everything else (a .venv with pinned packages, Chromium, Node tools) is bootstrapped here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve site check test bench clean browser node

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

## Live preview on http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

## Production build into site/ (refuses to publish when content has problems)
site: $(STAMP)
	$(BIN)/mkdocs build --strict --clean --site-dir site

## Check all content; prints every problem as path:line: message
check: $(STAMP)
	@$(BIN)/python -m activity_directory.check content

## System packages for the tests: Debian chromium (Playwright never downloads a browser),
## Java for the Nu Html Checker, Node.js for ical.js and axe-core, and libical with its
## GObject bindings for the system Python (/usr/bin/python3: the feed tests read every feed
## with libical in a subprocess). Installed only when missing.
HAVE_LIBICAL := $(shell /usr/bin/python3 -c "import gi; gi.require_version('ICalGLib', '3.0')" 2>/dev/null && echo yes)
SYSTEM_PACKAGES := $(if $(shell command -v chromium),,chromium) \
                   $(if $(shell command -v java),,default-jre-headless) \
                   $(if $(shell command -v npm),,nodejs npm) \
                   $(if $(HAVE_LIBICAL),,gir1.2-ical-3.0 python3-gi)
browser:
	@if [ -n "$(strip $(SYSTEM_PACKAGES))" ]; then \
	  echo "Installeren met apt-get: $(strip $(SYSTEM_PACKAGES))"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	fi

## Node packages for independent checks (ical.js)
node: node_modules/.installed
node_modules/.installed: package.json package-lock.json | browser
	npm ci --no-audit --no-fund --silent
	@touch $@

## The whole test suite
test: $(STAMP) browser node
	$(BIN)/python -m pytest -n 2 -q

## Benchmark (not a test): build times, sizes, filter speed
bench: $(STAMP) browser
	$(BIN)/python -m bench.run

clean:
	rm -rf site .pytest_cache
