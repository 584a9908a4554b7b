# Set-up and everyday commands. Everything installs into a local virtual environment (.venv).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501

.PHONY: install run seed test check lint typecheck browser benchmark clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

seed: $(STAMP)
	$(PY) -m analytics seed

run: seed
	$(VENV)/bin/streamlit run dashboard/app.py --server.port $(PORT)

# The browser tests use Debian's Chromium where it is installed (/usr/bin/chromium);
# elsewhere Playwright fetches its own build.
browser: $(STAMP)
	@if [ -x /usr/bin/chromium ] || [ -n "$$CHROMIUM_PATH" ]; then echo "browser: using system Chromium"; \
	else $(PY) -m playwright install chromium; fi

# The whole suite: the guard rails first (lint, format, types), then every test.
test: check browser
	$(PY) -m pytest

check: lint typecheck

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# mypy on the engine (settings in pyproject.toml: [tool.mypy]); zero errors expected.
typecheck: $(STAMP)
	$(VENV)/bin/mypy

benchmark: $(STAMP)
	$(PY) benchmarks/ingest.py

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache
