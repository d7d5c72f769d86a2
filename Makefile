# Cookie Lab: `make run` serves the site, `make test` runs the whole suite. Both set themselves up.
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8000
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.requirements.stamp
# granian refuses a request head (request line and headers) bigger than this; Cookie Lab answers 431
# itself to a Cookie header over COOKIELAB_MAX_COOKIE_HEADER_BYTES (32 KiB), with a page that explains.
MAX_REQUEST_HEAD_BYTES ?= 65536
TEST_STAMP := $(VENV)/.requirements-test.stamp

.PHONY: setup setup-test run test lint serve classroom bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changed since the last install. The site needs only
# requirements.txt; the test tools (requirements-test.txt, which includes it) come with `make test`.
$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(TEST_STAMP): requirements-test.txt $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $(TEST_STAMP)

setup: $(STAMP)

setup-test: $(TEST_STAMP)

# exec: the server replaces the recipe's shell, so Ctrl-C stops it cleanly and make reports no Interrupt.
run: setup
	$(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} exec $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .matrix staticfiles .pytest_cache .ruff_cache .hypothesis

# granian as sessionsdemo/serving.py says: two worker processes of one thread each (measured: docs/performance.md).
serve: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} exec $(BIN)/granian --interface wsgi --workers $${WORKERS:-2} --blocking-threads 1 --no-ws \
		--host 127.0.0.1 --port $(PORT) --http1-buffer-size $(MAX_REQUEST_HEAD_BYTES) \
		sessionsdemo.wsgi:application

# The teacher's laptop serves the room: granian on every interface (0.0.0.0) with DEBUG off, ALLOWED_HOSTS set to
# this machine's names and addresses, a cache the workers share; prints the students' address (and a QR code)
# and a teacher link with a key made for this run (sessionsdemo/classroom.py).
classroom: setup
	exec $(BIN)/python manage.py classroom --port $(PORT)

FLASK_PEER := bench/peer-flask/.venv

$(FLASK_PEER)/.requirements.stamp: bench/peer-flask/requirements.txt
	$(PYTHON) -m venv $(FLASK_PEER)
	$(FLASK_PEER)/bin/python -m pip install --quiet -r bench/peer-flask/requirements.txt
	touch $@

bench: setup $(FLASK_PEER)/.requirements.stamp
	@# wrk measures without taking the CPU the server needs; without it a Python load generator is used.
	@if ! command -v wrk >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || echo "wrk could not be installed"; \
	fi
	@if command -v npm >/dev/null; then \
		cd bench/peer && npm install --no-audit --no-fund --silent; \
	else echo "skip: npm not found, the Express peers are not measured"; fi
	$(BIN)/python -m pip install --quiet -r bench/requirements.txt
	$(BIN)/python -m bench $(BENCH_ARGS)
	$(BIN)/python -m bench.cookie_flood
