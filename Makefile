# The two commands: `make run` and `make test`. Both bootstrap .venv from nothing but Python.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
DEMO_CASES ?= 300
export PORT

.PHONY: run test lint typecheck check bench install messages clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Expediente needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/expediente migrate --no-input -v 0
	$(BIN)/expediente collectstatic --no-input -v 0
	$(BIN)/expediente demo --if-empty --cases $(DEMO_CASES)
	$(BIN)/expediente serve --port $(PORT) --with-worker

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src

check: lint typecheck test

bench: $(STAMP)
	$(BIN)/python bench/run.py

messages: $(STAMP)
	cd src/expediente && ../../$(BIN)/expediente makemessages -l es -l en -l pt -l fr -e html,txt,py,svg --no-obsolete && ../../$(BIN)/expediente compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
