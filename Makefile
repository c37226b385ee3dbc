# actorgraph: the two commands a fresh machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test install lint format bench bench-layouts bench-memory screenshots clean server-stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

## demo: install, start a local Neo4j, load the bundled Panjshir dataset
demo: install
	$(BIN)/actorgraph server start
	$(BIN)/actorgraph load data/panjshir.yaml
	$(BIN)/actorgraph render --out $(OUT)/panjshir.html --title "Panjshir 2021: who backs, fights and talks to whom"
	@echo
	@echo "Open $(abspath $(OUT))/panjshir.html in a browser (it works offline)."
	@echo "Neo4j is running (stop it with: $(BIN)/actorgraph server stop)."
	@echo "Try: $(BIN)/actorgraph resolve 'Ahmed Masood'"

## test: lint, the layering contracts (pyproject.toml), then the whole suite against a real
## Neo4j started for the run (the browser tests need Debian's chromium: .ci/run installs it,
## `make test` skips them without). TEST_WORKERS processes share the tests, each with a Neo4j
## of its own (about 1.5 GB of memory each): one alone leaves a core idle while it waits for
## its server, and the other fills it.
TEST_WORKERS ?= 2
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: load, query, view and start-up benchmarks side by side (about 15 minutes)
bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py

## bench-layouts: the large-network layouts compared, time and spread (about 6 minutes)
bench-layouts: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/layouts.py

## bench-memory: peak memory of reading large YAML and CSV inputs (about 2 minutes)
bench-memory: install
	$(BIN)/python bench/memory.py

## screenshots: the README's pictures of an ACLED-shaped view, made again (about a minute)
screenshots: install
	$(BIN)/python docs/screenshots.py

server-stop: install
	$(BIN)/actorgraph server stop

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(OUT)
