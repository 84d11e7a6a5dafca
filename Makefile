# Two commands on a fresh machine: `make serve` and `make test`.
# Everything else (a .venv with pinned packages, Chromium, Node tools) is bootstrapped here.
SHELL := /bin/bash
PYTHON ?= python3
# The build engine: mkdocs (default) or properdocs, each in its own environment (README, "Engines").
ENGINE ?= mkdocs
ifeq ($(strip $(ENGINE)),)
ENGINE := mkdocs
endif
ifeq ($(ENGINE),mkdocs)
VENV := .venv
else ifeq ($(ENGINE),properdocs)
VENV := .venv-properdocs
else
$(error ENGINE kan mkdocs of properdocs zijn, niet '$(ENGINE)')
endif
export ENGINE
# The engine is always given mkdocs.yml by name: ProperDocs otherwise asks, in English, to rename it.
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1
# Material for MkDocs prints an English end-of-life banner before anything else; editors
# read Dutch messages only (the move away from Material is planned: see README).
export NO_MKDOCS_2_WARNING := 1
# apt-get needs root: GitHub's runners (and most laptops) are not root, this container is.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# GNU make closes every failed recipe with an English line of its own ("make: *** [Makefile:NN: check]
# Error 1") and has no option to leave it out. Editors read Dutch only, so a failing command ends with a
# Dutch line (its own, or the recipe's) and then QUIET_FAIL stops make with SIGPIPE: make stops without a
# word, shells do not announce that signal, and the exit status (141) is still a failure for CI and scripts.
QUIET_FAIL = { kill -PIPE $$PPID; exit 1; }

.PHONY: serve site check test bench clean browser nodejs node nieuw verouderd import cms vertalingen

.venv/.installed: pyproject.toml
	@test -x .venv/bin/python || $(PYTHON) -m venv .venv
	.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

# ProperDocs in place of MkDocs: the same pins, then MkDocs taken out again (Material names
# mkdocs<2 as a dependency; ProperDocs answers its `import mkdocs`), as `pip install --no-deps` would.
.venv-properdocs/.installed: pyproject.toml
	@test -x .venv-properdocs/bin/python || $(PYTHON) -m venv .venv-properdocs
	.venv-properdocs/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	.venv-properdocs/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,properdocs]'
	.venv-properdocs/bin/python -m pip uninstall --quiet --yes mkdocs
	@touch $@

## Live preview on http://127.0.0.1:8000 (reloads the page when you save a file)
ADDR ?= 127.0.0.1:8000
serve: $(STAMP) node
	$(BIN)/$(ENGINE) serve -f mkdocs.yml --dev-addr $(ADDR) --livereload

## Production build into site/ (refuses to publish when content has problems)
site: $(STAMP) node
	@$(BIN)/$(ENGINE) build -f mkdocs.yml --strict --clean --site-dir site || \
	  { echo "De site is niet gebouwd: er staan problemen hierboven. Draai 'make check' voor de regels om aan te passen." >&2; $(QUIET_FAIL); }

## Check all content; prints every problem as path:line: message
## (in GitHub Actions as annotations on the lines of the pull request)
check: $(STAMP)
	@$(BIN)/python -m activity_directory.editors.check content || $(QUIET_FAIL)

## Translations: extract every message with Babel (babel.cfg) into locales/site.pot and update
## locales/<code>/LC_MESSAGES/site.po of every language in 'talen' (a new language gets one)
vertalingen: $(STAMP)
	@$(BIN)/python -m activity_directory.editors.catalogues content

## A new activity file from a commented template: make nieuw TITEL="Peutergym Noord"
nieuw: $(STAMP)
	@$(BIN)/python -m activity_directory.editors.newactivity content "$(TITEL)" || $(QUIET_FAIL)

## Entries not checked for MAANDEN months (default 6), with whom to ask; and ended activities
verouderd: $(STAMP)
	@$(BIN)/python -m activity_directory.editors.stale content $(MAANDEN) || $(QUIET_FAIL)

## Activity files from a spreadsheet (;-separated CSV, as Excel saves it): make import CSV=lijst.csv
import: $(STAMP)
	@$(BIN)/python -m activity_directory.editors.spreadsheet content "$(CSV)" || $(QUIET_FAIL)

## The web editor on your own computer: http://127.0.0.1:8000/admin/ saves into this folder
CMS_PORT ?= 8081
cms: $(STAMP) node
	@echo "Het beheer staat op http://$(ADDR)/admin/ en slaat op in deze map. Stoppen: Ctrl+C."
	@trap 'kill $$server 2>/dev/null' EXIT; \
	BIND_HOST=127.0.0.1 PORT=$(CMS_PORT) MODE=fs GIT_REPO_DIRECTORY="$(CURDIR)" ORIGIN=http://$(ADDR) LOG_LEVEL=warn \
	  node node_modules/decap-server/dist/index.js & server=$$!; \
	CMS_LOCAL_BACKEND=http://127.0.0.1:$(CMS_PORT)/api/v1 $(BIN)/$(ENGINE) serve -f mkdocs.yml --dev-addr $(ADDR) --livereload

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
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	fi

## Node.js alone (make serve and make site need it for the web editor; no browser or Java)
nodejs:
	@if ! command -v npm >/dev/null; then \
	  echo "Installeren met apt-get: nodejs npm"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; \
	fi

## Node packages: the web editor (Decap CMS) and independent checks (ical.js, axe-core, ...)
node: node_modules/.installed
node_modules/.installed: package.json package-lock.json | nodejs
	npm ci --no-audit --no-fund --silent
	@touch $@

## The whole test suite
## (ENGINE=properdocs: with ProperDocs; its output is compared with MkDocs' too, so both environments)
test: $(STAMP) .venv/.installed browser node
	@$(BIN)/python -m pytest -n 2 -q || \
	  { echo "Niet alle tests slagen: zie de meldingen hierboven." >&2; $(QUIET_FAIL); }

## Benchmark (not a test): build times, sizes, filter speed
bench: $(STAMP) browser
	$(BIN)/python -m bench.run

clean:
	rm -rf site .pytest_cache
