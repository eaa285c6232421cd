# Two commands for a new machine with Python 3.11+, make and git: `make run`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INDEX  ?= var/index
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test check install install-dev lint corpus bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/kb reindex --index $(INDEX) corpus
	$(BIN)/kb serve --index $(INDEX) --host $(HOST) --port $(PORT)

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# The fast inner loop (under a minute): lint, and every test that needs neither the spaCy
# model's full runs, nor a browser, nor a rendering toolchain (markers `slow`, `browser`).
check: install-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -m "not slow and not browser"

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Re-render the demo archive from its sources in tools/demo_issues/.
corpus: install-dev
	$(BIN)/python -m tools.build_corpus

clean:
	rm -rf $(VENV) var build *.egg-info
