# Store builder: `make run` serves the demo stores, `make test` runs the whole suite.
# Both create the virtualenv and install everything on a fresh machine with Python 3.11.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# The suite runs in this many processes (pytest-xdist), each with its own test database.
# `--dist load` hands each process its tests in the suite's order (database tests, then
# transactional ones, browser tests last), so a test that empties the tables never runs
# before one that needs the data migrations wrote.
TEST_WORKERS ?= 2
# What the demo's settings are given: every absolute link (store addresses, invitation and
# password-reset emails) follows the port it is served on.
DEMO_ENV = STORES_PORT=$(PORT) WAGTAILADMIN_BASE_URL=http://localhost:$(PORT)
# The project's Django templates; djhtml indents them, four spaces a level.
TEMPLATE_DIRS := templates $(wildcard */templates)
DJHTML = $(BIN)/djhtml --tabwidth 4 $(TEMPLATE_DIRS)

.DEFAULT_GOAL := help
.PHONY: help install migrate seed static run dev test bench lint format check clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11 or run 'make PYTHON=/path/to/python3.11 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@touch $(STAMP)

install: $(STAMP)  ## Create the virtualenv and install the pinned dependencies

migrate: install  ## Apply database migrations (SQLite unless DATABASE_URL is set)
	$(BIN)/python manage.py migrate --noinput

seed: migrate  ## Create (or refresh) the four demo stores
	$(DEMO_ENV) $(BIN)/python manage.py seed_demo

static: install  ## Collect the static files that `make run` serves through WhiteNoise
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: seed static  ## Serve the demo stores on PORT (default 8000) as production does: DEBUG off
	$(DEMO_ENV) DJANGO_DEBUG=0 $(BIN)/python manage.py runserver --noreload 0.0.0.0:$(PORT)

dev: seed  ## Serve the demo stores for developers: DEBUG on, reloads on code changes
	$(DEMO_ENV) DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 0.0.0.0:$(PORT)

test: install check lint  ## Run the checks and the whole suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load

bench: install  ## Seed a 2,000-product catalog and 1,000 stores, serve them with gunicorn, measure with wrk (a few minutes)
	@command -v wrk >/dev/null 2>&1 || { echo "make bench needs wrk, the load generator:"; \
	  echo "  Debian/Ubuntu: sudo apt-get install wrk   Fedora: sudo dnf install wrk   macOS: brew install wrk"; exit 1; }
	$(BIN)/python -m tests.bench

check: install  ## Migrations are committed; production settings pass `check --deploy`
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings.test
	DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY=check-deploy-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH \
	DATABASE_URL=postgres://check@localhost/check REDIS_URL=redis://localhost:6379/0 \
	EMAIL_URL=smtp://localhost:25 AWS_STORAGE_BUCKET_NAME=check \
	WAGTAILADMIN_BASE_URL=https://platform.example \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

lint: install  ## ruff check and format check; template indentation (djhtml); import contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DJHTML) --check
	$(BIN)/lint-imports --no-cache

format: install  ## Reformat the code with ruff and re-indent the templates with djhtml
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(DJHTML)

clean:  ## Remove the virtualenv, the SQLite database and local media
	rm -rf $(VENV) db.sqlite3 media .test-media staticfiles .bench
