# konsultacje — the two commands a new developer needs are `make run` and `make test`.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test install lock audit backup restore demo prod messages clean lint

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

# E-mails link to the address the server listens on (another PORT, another link).
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install ## set up, migrate, seed the demo and serve it (HTTP + WebSockets) at http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py periodic --every 60 & trap 'kill $$!' EXIT; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install ## run the whole test suite (SQLite; PostgreSQL + Redis when DATABASE_URL/REDIS_URL are set)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed ## create the virtual environment and install the locked versions with the test tools

# Exactly the versions and files in requirements/test.lock (checked by hash), then the project
# itself without resolving anything again. Runs again whenever the lock or pyproject.toml changes.
$(VENV)/.installed: pyproject.toml requirements/test.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "konsultacje needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# requirements/test.lock: runtime + `dev` + `test` extras and the build backend (this venv);
# requirements/production.lock: runtime + `sentry` extra, the same versions (servers, the image).
# UPGRADE= keeps the locked versions and only adds or drops what pyproject.toml changed;
# UPGRADE="--upgrade-package django" moves one package.
UPGRADE ?= --upgrade
LOCK := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: install ## refresh both lock files from pyproject.toml (newest versions its ranges allow)
	$(LOCK) $(UPGRADE) --build-deps-for editable --extra sentry --extra dev --extra test \
		-o requirements/test.lock pyproject.toml
	cp requirements/test.lock requirements/production.lock
	$(LOCK) --extra sentry -o requirements/production.lock pyproject.toml

audit: install ## known vulnerabilities in the locked versions (pip-audit; exceptions in requirements/audit-ignore.txt)
	$(BIN)/python bin/audit-locks requirements/production.lock requirements/test.lock

backup: install ## back up the database, uploads and private scans into BACKUP_DIR (manage.py backup)
	$(BIN)/python manage.py backup

restore: install ## restore ARCHIVE=<file> into an empty database (manage.py restore)
	@test -n "$(ARCHIVE)" || { echo "Usage: make restore ARCHIVE=backups/<file>.tar[.enc]"; exit 2; }
	$(BIN)/python manage.py restore "$(ARCHIVE)"

demo: install ## (re)build the demo data only
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

# The production stack on this machine: uvicorn workers, the task worker, PostgreSQL and
# Redis. Local defaults below; a real server sets its own environment (see README).
prod: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/konsultacje
prod: export REDIS_URL ?= redis://127.0.0.1:6379/0
prod: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
prod: export SITE_URL ?= http://127.0.0.1:$(PORT)
prod: export SECURE_SSL_REDIRECT ?= 0
prod: export SESSION_COOKIE_SECURE ?= 0
prod: export CSRF_COOKIE_SECURE ?= 0
prod: export SECURE_HSTS_SECONDS ?= 0
prod: export SERVE_MEDIA ?= 1
prod: export HOST := $(HOST)
prod: export PORT := $(PORT)
prod: install ## run the production stack locally (PostgreSQL, Redis, several ASGI workers, task worker)
	@test -n "$$SECRET_KEY" || { test -f .secret_key || $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key; }
	@createdb -h 127.0.0.1 -U postgres konsultacje 2>/dev/null || true
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" PATH="$(CURDIR)/$(BIN):$$PATH" bin/serve-production

messages: install ## refresh the Polish translation catalogue and compile it
	$(BIN)/python manage.py makemessages -l pl --no-obsolete --ignore=.venv --ignore=static_collected --ignore=tests --ignore=bench
	cd cms && ../$(BIN)/python ../manage.py compilemessages -l pl

clean: ## remove the virtual environment, the development database and collected static files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm static_collected

lint: install ## ruff lint and format check, the layers between the apps, and no missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
