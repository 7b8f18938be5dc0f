# RETA. `make run` to try it, `make test` to check it: on a fresh Debian 12 machine each
# installs what it needs first (scripts/bootstrap) and starts a private PostgreSQL and
# Redis under .local/ (scripts/services).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.PHONY: help run test bench lint stop messages

PYTEST_ARGS ?=
# One pytest worker a core (tests/workers.py keeps their databases apart); PYTEST_WORKERS=0
# runs in this process.
PYTEST_WORKERS ?= auto
BENCH_ARGS ?=
# Not a secret: the settings refuse to load without a key when DEBUG is off.
LOCAL_ONLY_KEY := local-only-key-for-tests-and-benchmarks-never-used-in-production

help:
	@echo "make run     RETA with demo data on http://127.0.0.1:8000/ (Ctrl-C stops it)"
	@echo "make test    the test suite; PYTEST_ARGS='-k name -x' passes options to pytest"
	@echo "make bench   the benchmarks (scripts/bench.py); BENCH_ARGS passes options"
	@echo "make lint    ruff check and ruff format --check"
	@echo "make messages  update the Spanish catalogues from the code (then translate the new entries)"
	@echo "make stop    stop the private PostgreSQL and Redis"

run:
	@scripts/bootstrap
	@scripts/run

# The private PostgreSQL and Redis stay up after the tests, so the next run starts at
# once; `make stop` stops them.
test:
	@scripts/bootstrap --browser
	@scripts/services start
	@source .local/env && export RETA_HTTPS=0 SECRET_KEY=$(LOCAL_ONLY_KEY) \
	  && DATABASE_URL=$$DATABASE_OWNER_URL .venv/bin/python manage.py makemigrations --check --dry-run \
	  && .venv/bin/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench:
	@scripts/bootstrap
	@scripts/services start
	@[[ -f scripts/bench.py ]] || { echo "make bench: scripts/bench.py does not exist yet" >&2; exit 1; }
	@source .local/env && export RETA_HTTPS=0 SECRET_KEY=$(LOCAL_ONLY_KEY) \
	  && .venv/bin/python scripts/bench.py $(BENCH_ARGS)

lint:
	@scripts/bootstrap
	@.venv/bin/ruff check . && .venv/bin/ruff format --check .

stop:
	@scripts/services stop

# The project's catalogue (locale/), then each app that keeps its own (<app>/locale/, or
# <package>/<app>/locale/ for an app nested in a package, as administration/statistics).
# No source locations: entries stay put when code moves, so branches merge cleanly.
messages:
	@scripts/bootstrap
	@own=$$(for d in */locale */*/locale; do if [[ -d $$d ]]; then echo "--ignore=$${d%/locale}"; fi; done); \
	  DEBUG=1 .venv/bin/python manage.py makemessages -l es --no-location \
	    --ignore=.venv --ignore=.local --ignore=tests $$own
	@for d in */locale */*/locale; do [[ -d $$d ]] || continue; \
	  (cd "$${d%/locale}" && DEBUG=1 $(CURDIR)/.venv/bin/python $(CURDIR)/manage.py makemessages -l es --no-location); done
