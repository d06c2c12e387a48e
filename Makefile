# Casework — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PYTEST := $(BIN)/python -m pytest
HOST ?= 127.0.0.1
PORT ?= 5000
POSTGRES_URL ?= $(CASEWORK_TEST_POSTGRES_URL)
# The SQLite run spreads over the cores (each test has its own database); PostgreSQL runs
# in one process, because its tests share one database.
TEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help setup run test test-e2e test-postgres test-load lint fmt check typecheck bench \
        translations-extract translations-update translations-compile translations-check \
        db-upgrade db-revision clean

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-22s\033[0m %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

setup: $(VENV)/.installed translations-compile db-upgrade ## Create the virtualenv, install pinned dependencies, compile translations, migrate

run: setup ## Set up everything and serve Casework on 127.0.0.1:5000, with the job consumer beside it
	@$(FLASK) casework setup-url --base http://$(HOST):$(PORT)
	@# The job consumer runs beside gunicorn and stops with it (Ctrl-C, or gunicorn exiting).
	@$(FLASK) casework jobs consume & consumer=$$!; \
	 trap 'kill $$consumer 2>/dev/null; wait $$consumer 2>/dev/null' EXIT; \
	 trap 'exit 130' INT TERM; \
	 $(BIN)/gunicorn --bind $(HOST):$(PORT) --workers 2 --access-logfile - wsgi:app

test: setup translations-check ## Set up everything and run the whole test suite (SQLite, then PostgreSQL if configured)
	$(PYTEST) -q -p no:cacheprovider -n $(TEST_WORKERS) tests
	@if [ -n "$(POSTGRES_URL)" ]; then $(MAKE) --no-print-directory test-postgres; \
	 elif [ -n "$$CASEWORK_REQUIRE_POSTGRES" ]; then echo "CASEWORK_REQUIRE_POSTGRES is set but CASEWORK_TEST_POSTGRES_URL is not."; exit 1; \
	 else echo "CASEWORK_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped."; fi

test-postgres: setup ## Run the database-backed tests on PostgreSQL (CASEWORK_TEST_POSTGRES_URL)
	CASEWORK_TEST_DB=postgres CASEWORK_TEST_POSTGRES_URL=$(POSTGRES_URL) \
	  $(PYTEST) -q -p no:cacheprovider -m "not pure and not browser" tests

test-e2e: setup ## Run only the browser tests (Chromium through Playwright)
	$(PYTEST) -q -p no:cacheprovider -m browser tests

test-load: setup ## Run the bounded load test on loopback (PostgreSQL)
	$(PYTEST) -q -p no:cacheprovider -m load tests

lint: $(VENV)/.installed ## Check style with ruff
	$(BIN)/ruff check .

TYPED := casework/law casework/privacy casework/crypto/keyring.py casework/crypto/envelope.py \
         casework/crypto/fields.py casework/crypto/blind_index.py casework/crypto/archive.py \
         casework/crypto/passwords.py casework/crypto/errors.py casework/letters/pdf.py \
         casework/letters/pdf_model.py casework/letters/pdf_page.py casework/letters/pdf_blocks.py \
         casework/letters/pdf_text.py casework/letters/pdf_fonts.py \
         casework/letters/pdf_script.py casework/letters/pdf_bidi.py \
         casework/letters/pdf_sheet.py casework/letters/pdf_sheet_model.py \
         casework/letters/pdf_sheet_parts.py

typecheck: $(VENV)/.installed ## Type-check the pure libraries strictly (mypy)
	$(BIN)/mypy $(TYPED)

check: $(VENV)/.installed ## ruff check, ruff format --check, mypy on the pure libraries, the translations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy $(TYPED)
	$(BIN)/python -m casework.i18n_check

fmt: $(VENV)/.installed ## Format and fix with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format casework tests config.py wsgi.py

BENCH_CASES ?= 100000
bench: setup ## Run the benchmarks on a seed-scale data set (made once: BENCH_CASES, BENCH_DATABASE_URL); writes bench/results.json
	BENCH_CASES=$(BENCH_CASES) $(BIN)/python -m bench.scale_db
	BENCH_CASES=$(BENCH_CASES) CASEWORK_BENCH_CASES=$(BENCH_CASES) \
	  CASEWORK_BENCH_DATABASE_URL=$$(BENCH_CASES=$(BENCH_CASES) $(BIN)/python -m bench.scale_db --url) \
	  $(BIN)/python -m bench

translations-extract: $(VENV)/.installed ## Extract messages into translations/messages.pot
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-location --sort-output \
	  --project Casework -o translations/messages.pot .

translations-update: translations-extract ## Merge new messages into the catalogs (staff screens, then the letter-only ones)
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/python -m casework.letters.catalogs update

translations-compile: $(VENV)/.installed ## Compile the catalogs (.po to .mo)
	$(BIN)/pybabel compile -d translations

translations-check: $(VENV)/.installed ## Fail when the catalog is stale or a Spanish message is untranslated
	$(BIN)/python -m casework.i18n_check

db-upgrade: $(VENV)/.installed ## Apply migrations to the database (SQLite under instance/ by default)
	@mkdir -p instance
	$(FLASK) db upgrade
	@$(FLASK) casework index-name-words

db-revision: $(VENV)/.installed ## Create a migration from model changes: make db-revision m="what changed"
	$(FLASK) db migrate -m "$(m)"

clean: ## Remove the virtualenv and caches (keeps instance/ data)
	rm -rf $(VENV) .pytest_cache .ruff_cache
