# fazhi — two commands: `make run` (set up, migrate, demo data, serve) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    ?= .venv
BIN     := $(VENV)/bin
FAZHI   := $(BIN)/fazhi
STAMP   := $(VENV)/.installed

# Django 6.x needs Python >= 3.12: take one from PATH, else from pyenv.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	  c=$$(command -v $$p 2>/dev/null) && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$c; exit; }; \
	done; \
	for v in 3.13 3.12; do \
	  c=$$(pyenv which python$$v 2>/dev/null) && { echo $$c; exit; }; \
	  for d in $$HOME/.pyenv/versions/$$v*/bin/python$$v; do [ -x $$d ] && { echo $$d; exit; }; done; \
	done)

.PHONY: help venv run test test-postgres lint format bench browser-deps document-deps clean worker messages

help:
	@echo "make run            set up, migrate, load the demo and serve on http://127.0.0.1:8000"
	@echo "make test           set up, lint and run the whole suite on SQLite"
	@echo "make test-postgres  the suite against DATABASE_URL (PostgreSQL)"
	@echo "make bench          run the benchmarks and print their figures"

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
	  echo "fazhi needs Python >= 3.12 (Django 6.x). Install one, e.g. 'pyenv install 3.13' or 'apt-get install python3.13', then re-run."; \
	  exit 1; fi
	@echo "Using $(PYTHON)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: venv document-deps
	$(FAZHI) migrate --noinput
	$(FAZHI) demo
	@$(FAZHI) demo --accounts
	@set -m; $(FAZHI) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(FAZHI) runserver 127.0.0.1:8000

worker: venv
	$(FAZHI) worker

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

browser-deps:
	@command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q . || { \
	  echo "Installing Debian's chromium and a CJK font for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null) \
	  || echo "chromium could not be installed: browser tests will be skipped (and fail under CI)"; }

# LibreOffice (headless Writer) and a CJK font for the official documents' PDF (core.documents)
document-deps:
	@command -v soffice >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q . || { \
	  echo "Installing Debian's libreoffice-writer-nogui and fonts-noto-cjk for PDF documents"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk >/dev/null) \
	  || echo "LibreOffice could not be installed: PDF output is unavailable and its tests are skipped"; }

# Two workers (this machine's cores); a file's tests stay on one worker so its fixtures build once.
PYTEST_WORKERS ?= 2
PYTEST_ARGS    ?= -n $(PYTEST_WORKERS) --dist loadfile

test: venv lint browser-deps document-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: venv browser-deps document-deps
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/fazhi_test"; exit 2; }
	DATABASE_URL="$(DATABASE_URL)" $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: venv
	@for b in benchmarks/*/run.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) var/*.sqlite3 .pytest_cache

# Regenerate the English catalogue of the shared templates and core, fill it from the glossary
messages: venv
	cd src/fazhi && ../../$(FAZHI) makemessages -l en --no-location $(foreach a,lawbase review consultations normdocs decisions enforcement supervision disputes reconsideration litigation evidence learning grassroots services inspections reports dashboards assessment,--ignore '$(a)/*')
	$(BIN)/python scripts/fill_translations.py src/fazhi/locale/en/LC_MESSAGES/django.po src/fazhi/locale/glossary-en.json
	cd src/fazhi && ../../$(FAZHI) compilemessages -l en
