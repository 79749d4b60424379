# One task file for developers and CI. Every target creates the virtual environment it needs.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: build test test-fast lint typecheck bench bench-sessions fuzz clean
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= text akn layouts manifest query

$(BIN)/unga-ld: pyproject.toml tools/system-packages.sh
	tools/system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@

build: $(BIN)/unga-ld  ## set up, then run the main job on the bundled corpus
	$(BIN)/unga-ld build

test: $(BIN)/unga-ld  ## set up, then run every test (doctests included)
	$(BIN)/python -m pytest tests pipeline

test-fast: $(BIN)/unga-ld  ## the edit loop: unit tests on fragments, no builds, servers or subprocesses
	$(BIN)/python -m pytest tests pipeline -m "not slow"

lint: $(BIN)/unga-ld  ## ruff (the rules in pyproject.toml, and the formatting); regexploit finds no ReDoS
	$(BIN)/ruff check pipeline tests bench tools
	$(BIN)/ruff format --check pipeline tests bench tools
	$(BIN)/regexploit-py pipeline/ > $(VENV)/regexploit.txt 2>&1; status=$$?; cat $(VENV)/regexploit.txt; \
	  test $$status -eq 0 && ! grep -q "Vulnerable regex" $(VENV)/regexploit.txt

typecheck: $(BIN)/unga-ld  ## mypy, configured in pyproject.toml
	$(BIN)/mypy

fuzz: $(BIN)/unga-ld  ## atheris on every reader, FUZZ_SECONDS each; crashes land in tests/fuzz/crashes/
	for target in $(FUZZ_TARGETS); do $(BIN)/python tests/fuzz/run.py $$target $(FUZZ_SECONDS) || exit 1; done

bench: $(BIN)/unga-ld  ## performance figures (never part of the tests)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/regexes.py
	$(BIN)/python bench/shacl_engines.py
	$(BIN)/python bench/lineage.py
	$(BIN)/python bench/pdf.py

bench-sessions: $(BIN)/unga-ld  ## the build of sessions 75-78 and the emergency sessions: time and memory
	$(BIN)/python bench/sessions.py

clean:
	rm -rf $(VENV) build *.egg-info
