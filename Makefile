# make run: install (if needed) and serve; make test: install dev tools (if needed) and test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 2

.PHONY: install install-dev system-deps run test score openapi bench soak audit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-archive.txt constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-archive.txt -c constraints.txt
	$(BIN)/python -m service.nlp.build_gazetteer
	touch $@

# The `annotate` command (service/cli) of this checkout, as a console script in the venv.
$(BIN)/annotate: | $(BIN)/python
	printf '#!/bin/sh\n# annotate: service/cli of %s\nPYTHONPATH="%s$${PYTHONPATH:+:$$PYTHONPATH}" exec "%s" -m service.cli "$$@"\n' \
	  "$(CURDIR)" "$(CURDIR)" "$(CURDIR)/$(BIN)/python" > $@
	chmod +x $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed | $(BIN)/annotate
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

install: $(VENV)/.installed $(BIN)/annotate

install-dev: $(VENV)/.installed-dev

run: install
	PORT=$(PORT) WORKERS=$(WORKERS) $(BIN)/gunicorn -c gunicorn.conf.py "service:create_app()"

# Debian packages the tests drive for real: a browser and its driver, and a Redis server. Installed
# with apt when missing (as root: CI and the developers' machines); nothing downloads a browser.
SYSTEM_PACKAGES := chromium chromium-driver redis-server
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

test: install-dev system-deps
	$(BIN)/python -m pytest -q

# Accuracy against a folder of gold files: make score GOLD=../shared/devset
GOLD ?= gold
score: install
	$(BIN)/python -m evaluation.score $(GOLD)

# Service vs bare spaCy, side by side (ratios): make bench, or .venv/bin/python -m evaluation.bench --quick
bench: install
	$(BIN)/python -m evaluation.bench

# gunicorn (2 workers) under 8 clients for 60 s, one worker SIGKILLed, SIGTERM with requests in
# flight: make soak, or make soak SOAK_ARGS="--clients 4 --seconds 15"
SOAK_ARGS ?=
soak: install
	$(BIN)/python -m evaluation.soak $(SOAK_ARGS)

# Known vulnerabilities in the pinned versions (constraints.txt holds every pin, dev tools
# included). --strict: a package that could not be checked fails the audit. Needs the
# vulnerability service (PyPI's JSON API by default; AUDIT_ARGS="-s osv" for OSV).
AUDIT_ARGS ?=
audit: install-dev
	$(BIN)/pip-audit --strict --no-deps --disable-pip -r constraints.txt $(AUDIT_ARGS)

# Regenerate the committed OpenAPI document from the marshmallow schemas.
openapi: install
	$(BIN)/python -m service.openapi > openapi.yaml

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
