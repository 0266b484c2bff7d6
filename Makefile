# kemi_analysis: the two commands are `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
YEAR   ?= 2022

.PHONY: setup report test test-fast lab bench clean

# pytest caches its rewritten test modules as bytecode; without the cache (PYTHONDONTWRITEBYTECODE set, as
# on some CI machines) it rewrites every module again for the doctest collection, which costs seconds.
unexport PYTHONDONTWRITEBYTECODE

setup: $(STAMP)

# Debian packages the tests need: Voikko for drafting (Finnish morphology). Installed when missing and we are root.
DEBIAN_PACKAGES := libvoikko1 voikko-fi

# Re-installs only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "kemi_analysis needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
	  { echo "Could not create $(VENV): on Debian, run 'apt-get install python3-venv'."; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,draft,pdf,import]'
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Drafting needs: apt-get install $$missing (run as root); everything else works without."; \
	  fi; \
	fi
	@touch $@

report: setup
	$(BIN)/kemi-analysis report --year $(YEAR)

# Both use the two cores (pytest-xdist); the workers share one rendering of the reports the tests look at
# (the 'rendered' fixture in tests/conftest.py).
test: setup
	$(BIN)/python -m pytest -n 2

test-fast: setup
	$(BIN)/python -m pytest -n 2 -m 'not slow' --hypothesis-profile=fast tests

lab: setup
	$(BIN)/jupyter lab notebooks/ $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis

bench: setup
	$(BIN)/python benchmarks/bench.py
