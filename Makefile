# Phaen: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test test-sqlite test-postgres lint format messages check-deploy bench clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "}; /^[a-zA-Z_-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies (idempotent)

var/local.env: | $(STAMP)
	$(BIN)/python scripts/write_local_env.py

run: install var/local.env ## Migrate, load the demo into an empty database, start the job worker and serve
	$(BIN)/phaen migrate --noinput
	$(BIN)/phaen load_demo --if-empty
	HOST=$(HOST) PORT=$(PORT) scripts/serve-local

test: install ## The whole suite: SQLite (+ browser), then PostgreSQL when reachable
	scripts/run-tests

test-sqlite: install ## Only the SQLite pass
	PHAEN_TEST_PASSES=sqlite scripts/run-tests

test-postgres: install ## Only the PostgreSQL pass
	PHAEN_TEST_PASSES=postgres scripts/run-tests

lint: install ## ruff lint and format check, migrations check
	$(BIN)/ruff check phaen scripts
	$(BIN)/ruff format --check phaen scripts
	DJANGO_SETTINGS_MODULE=phaen.settings_test $(BIN)/phaen makemigrations --check --dry-run

format: install ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix phaen scripts
	$(BIN)/ruff format phaen scripts

messages: install ## Re-extract translatable strings into every app's locale/ and compile them
	scripts/messages

check-deploy: install ## Django's deployment checks with production-like settings
	PHAEN_IGNORE_LOCAL_ENV=1 PHAEN_DEBUG=0 PHAEN_SECRET_KEY=$$($(BIN)/python -c "import secrets;print(secrets.token_urlsafe(50))") \
	  PHAEN_ALLOWED_HOSTS=phaen.example.org $(BIN)/phaen check --deploy --fail-level WARNING

clean: ## Remove the virtual environment (keeps var/, your data)
	rm -rf $(VENV)
