# kemi_analysis: the two commands are `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
YEAR   ?= 2022

.PHONY: setup report test test-fast lab bench clean

setup: $(STAMP)

# Re-installs only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "kemi_analysis needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
	  { echo "Could not create $(VENV): on Debian, run 'apt-get install python3-venv'."; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

report: setup
	$(BIN)/kemi-analysis report --year $(YEAR)

test: setup
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m 'not slow'

lab: setup
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis

bench: setup
	$(BIN)/python benchmarks/bench.py
