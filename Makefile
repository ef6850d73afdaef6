# netweave — the two commands: `make demo` and `make test` (and `make bench`, `make soak`).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := demo/netweave.db
DEMO_PEOPLE ?= 300
DEMO_SEED ?= 7

.PHONY: demo test lint typecheck pytest services browser bench bench-quick soak clean

$(BIN)/netweave: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.dev: $(BIN)/netweave
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

DEMO_PORT ?= 8765

## demo: build the demo network (once) and serve the web app on it: open http://127.0.0.1:8765/
## in a browser; the server keeps the terminal until Ctrl-C
demo: $(BIN)/netweave
	@if [ ! -f $(DEMO_DB) ]; then \
		mkdir -p demo && $(BIN)/netweave --db $(DEMO_DB) demo --people $(DEMO_PEOPLE) --seed $(DEMO_SEED); \
	fi
	$(BIN)/netweave --db $(DEMO_DB) serve --port $(DEMO_PORT)

## test: lint, type checks and the whole suite on SQLite and PostgreSQL
test: $(VENV)/.dev services browser lint typecheck pytest

## browser: the machine's Chromium for the browser tests (Debian's package, when missing)
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

services:
	@bash scripts/test-services.sh

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.dev
	$(BIN)/mypy

pytest: $(VENV)/.dev
	NETWEAVE_TEST_PG=$${NETWEAVE_TEST_PG:-postgresql+psycopg:///postgres?host=/var/run/postgresql} \
		$(BIN)/pytest -n 2 -p no:cacheprovider

## bench: the benchmarks in bench/, written to docs/benchmarks.md (slow: builds 100k-person networks)
bench: $(VENV)/.dev services
	cd bench && ../$(BIN)/python startup.py
	cd bench && ../$(BIN)/python today.py
	cd bench && ../$(BIN)/python today.py --pg "postgresql+psycopg:///postgres?host=/var/run/postgresql"
	cd bench && ../$(BIN)/python imports.py
	cd bench && ../$(BIN)/python web.py
	cd bench && ../$(BIN)/python web.py --pg "postgresql+psycopg:///postgres?host=/var/run/postgresql"
	cd bench && ../$(BIN)/python search.py
	cd bench && ../$(BIN)/python search.py --pg "postgresql+psycopg:///postgres?host=/var/run/postgresql"
	cd bench && ../$(BIN)/python paths.py
	cd bench && ../$(BIN)/python intros.py
	cd bench && ../$(BIN)/python intros.py --pg "postgresql+psycopg:///postgres?host=/var/run/postgresql"

## bench-quick: the same benchmarks on small networks (about two minutes), to bench/.cache/quick.md
bench-quick: export NETWEAVE_BENCH_REPORT = $(CURDIR)/bench/.cache/quick.md
bench-quick: $(VENV)/.dev services
	mkdir -p bench/.cache
	cd bench && ../$(BIN)/python startup.py --runs 5
	cd bench && ../$(BIN)/python today.py --people 10000 --runs 5
	cd bench && ../$(BIN)/python imports.py --rows 10000 --messages 5000 --runs 1
	cd bench && ../$(BIN)/python search.py --people 10000 --runs 5
	cd bench && ../$(BIN)/python paths.py --people 100000 --edges 1000000 --runs 5
	cd bench && ../$(BIN)/python intros.py --people 1000 --runs 5

## soak: the reliability tests run long (more crash trials, 30 s of concurrent writers, more
## fuzzing, 10k-person backups); their figures are written to docs/reliability.md
soak: $(VENV)/.dev services
	NETWEAVE_SOAK=1 NETWEAVE_RELIABILITY_REPORT=1 \
	NETWEAVE_TEST_PG=$${NETWEAVE_TEST_PG:-postgresql+psycopg:///postgres?host=/var/run/postgresql} \
		$(BIN)/pytest -n 2 -p no:cacheprovider tests/reliability

clean:
	rm -rf $(VENV) demo build *.egg-info
