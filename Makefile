# Two commands on a fresh machine: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV ?= .venv
PORT ?= 8000
HOST ?= 127.0.0.1
BIN := $(VENV)/bin
# Where a browser on this machine reaches `make run`; `make demo` prints it.
LOCAL_URL := http://$(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST)):$(PORT)

.PHONY: run test lint typecheck pytest audit demo bench bench-http clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the dependencies change; a stamp file keeps later runs instant.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/twitchlog serve --host $(HOST) --port $(PORT)

# The same data folder as `make run` (TWITCHLOG_DATA_DIR, default ./var).
demo: $(VENV)/.installed
	SITE_URL="$${SITE_URL:-$(LOCAL_URL)}" $(BIN)/twitchlog demo

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

# Known vulnerabilities in the pinned dependencies; accept a reviewed one in
# .ci/accepted-advisories.txt.
audit: $(VENV)/.installed-dev
	$(BIN)/python .ci/audit.py

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/insights_power.py

# Throughput of the hot paths against a bare view, on gunicorn and PostgreSQL (127.0.0.1:5432).
bench-http: $(VENV)/.installed-dev
	$(BIN)/python bench/http_load.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
