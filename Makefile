# Set-up and everyday commands. Everything installs into a local virtual environment (.venv).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501

.PHONY: install run seed test lint browser benchmark clean

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

test: $(STAMP) browser
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

benchmark: $(STAMP)
	$(PY) benchmarks/ingest.py

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache
