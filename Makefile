# Cookie Lab: `make run` serves the site, `make test` runs the whole suite. Both set themselves up.
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8000
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.requirements.stamp

.PHONY: setup run test lint serve bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when requirements.txt changed since the last install.
$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: setup
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis

serve: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(BIN)/granian --interface wsgi --workers $${WORKERS:-2} --blocking-threads 4 --no-ws \
		--host 127.0.0.1 --port $(PORT) --static-path-route /static --static-path-mount staticfiles \
		sessionsdemo.wsgi:application

FLASK_PEER := bench/peer-flask/.venv

$(FLASK_PEER)/.requirements.stamp: bench/peer-flask/requirements.txt
	$(PYTHON) -m venv $(FLASK_PEER)
	$(FLASK_PEER)/bin/python -m pip install --quiet -r bench/peer-flask/requirements.txt
	touch $@

bench: setup $(FLASK_PEER)/.requirements.stamp
	@if command -v npm >/dev/null; then \
		cd bench/peer && npm install --no-audit --no-fund --silent; \
	else echo "skip: npm not found, the Express peers are not measured"; fi
	$(BIN)/python -m pip install --quiet -r bench/requirements.txt
	$(BIN)/python -m bench $(BENCH_ARGS)
