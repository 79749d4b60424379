# One task file for developers and CI. Every target creates the virtual environment it needs.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: build test bench clean

$(BIN)/unga-ld: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(BIN)/unga-ld  ## set up, then run the main job on the bundled corpus
	$(BIN)/unga-ld build

test: $(BIN)/unga-ld  ## set up, then run the tests (doctests included)
	$(BIN)/python -m pytest tests pipeline

bench: $(BIN)/unga-ld  ## performance figures (never part of the tests)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info
