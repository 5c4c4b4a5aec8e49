# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test test-sqlite test-postgres lint benchmark benchmark-postgres messages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_calendar
	$(PY) manage.py load_catalogs
	$(PY) manage.py seed_demo
	@echo "Serving on http://127.0.0.1:8000 (Ctrl-C to stop)."
	$(PY) manage.py runserver 127.0.0.1:8000

test: install test-sqlite test-postgres

# The suite runs on $(WORKERS) processes (pytest-xdist, one test database each); the
# few tests that restart or share the PostgreSQL cluster itself (marked `serial`) run
# after the others, alone.
WORKERS ?= 2

test-sqlite: install
	@echo "== Test suite on SQLite =="
	$(PY) -m pytest -q -n $(WORKERS)

test-postgres: install
	@echo "== Test suite on a throwaway PostgreSQL cluster =="
	$(PY) tests/pgcluster.py -- sh -c '$(PY) -m pytest -q -n $(WORKERS) -m "not serial" && $(PY) -m pytest -q -m serial'

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py build_catalog_fixtures --check

# The benchmarks of docs/performance.md, on SQLite (about 10 minutes) or on a
# throwaway PostgreSQL cluster (1.26 million publications; about 20 minutes). The
# load tests need wrk (apt-get install -y wrk), the deployment load test also
# redis-server and pgbouncer; each is skipped, saying so, without them.
BENCHMARK := -m pytest tests/benchmarks -q -s -rs -p no:randomly -p no:cacheprovider --override-ini addopts=

benchmark: install
	@command -v wrk >/dev/null || echo "wrk is missing: the load test will be skipped (apt-get install -y wrk)."
	$(PY) $(BENCHMARK)

benchmark-postgres: install
	@command -v wrk >/dev/null || echo "wrk is missing: the load test will be skipped (apt-get install -y wrk)."
	@command -v redis-server >/dev/null && [ -x /usr/sbin/pgbouncer ] || echo "redis-server or pgbouncer is missing: the deployment load test will be skipped (apt-get install -y redis-server pgbouncer)."
	$(PY) tests/pgcluster.py -- $(PY) $(BENCHMARK)

messages: install
	$(PY) manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=tests --ignore=static
	$(PY) manage.py compilemessages -l zh_Hans --ignore=.venv
