# The two commands: `make book` and `make test`. Both set up everything they need.
# `make grader` prepares a machine for grading only (the venv, bubblewrap, and a check).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful install; older than requirements.txt or pyproject.toml means stale.
VENV_STAMP := $(VENV)/.installed
# Browser assets (require.js, anywidget, MathJax, the widget manager) vendored from the npm registry.
VENDOR_STAMP := book/_vendored/.complete
HOST ?= 127.0.0.1
PORT ?= 8000

# The venv's bin goes first on PATH: nbgrader runs `alembic` from PATH.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: book serve test venv assets system-deps grader public clean

venv: $(VENV_STAMP)

$(VENV_STAMP): requirements.txt pyproject.toml
	@if [ ! -x $(BIN)/python ]; then echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

assets: $(VENDOR_STAMP)

$(VENDOR_STAMP): scripts/vendor_web_assets.py scripts/build_widget_manager.py $(wildcard scripts/widget_manager/*) requirements.txt | $(VENV_STAMP)
	$(BIN)/python scripts/vendor_web_assets.py

book: $(VENV_STAMP) $(VENDOR_STAMP)
	$(BIN)/python scripts/build_book.py
	@echo "The book is ready: open file://$(CURDIR)/_build/html/index.html (or run 'make serve')"

serve: book
	$(BIN)/python -m linalg_ai.book_server --directory _build/html --host $(HOST) --port $(PORT)

# System packages the tests need (Chromium, PostgreSQL, bubblewrap), installed when missing.
system-deps:
	bash scripts/ensure_system_packages.sh

# A grading machine: the venv and bubblewrap (every notebook is graded in its sandbox), then
# `python -m autograder check`: a sandbox starts and every master solution gets full marks.
grader: $(VENV_STAMP)
	bash scripts/ensure_system_packages.sh bubblewrap
	$(BIN)/python -m autograder check

test: $(VENV_STAMP) $(VENDOR_STAMP) system-deps
	$(BIN)/python -m pytest

# The student-facing copy of the course for its public repository: no solution, hidden test,
# reference implementation or seed (see "Publishing" in book/for_instructors.md).
PUBLIC_DIR ?= _build/public
public: $(VENV_STAMP)
	$(BIN)/python scripts/make_public.py --out $(PUBLIC_DIR)

clean:
	rm -rf _build test-output
