# Two commands on a fresh machine (Python 3.11 + pip):
#   make reports   — execute every notebook on data_samples/ into reports/ (notebooks + HTML)
#   make test      — run the whole test suite
# Both create and use a local virtual environment in .venv by themselves.

PYTHON ?= python3.11
VENV   ?= .venv
PY      = $(VENV)/bin/python

# Byte-compiled files are cached (in __pycache__/, ignored by git) even where the environment
# asks Python not to write them: without the cache every test run and every notebook kernel
# compiles cslib and the tests from source again, which doubles test collection.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: reports test check lint bench test-spark samples clean screenshots screenshots-app lab app

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=python3 to use another)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

reports: $(VENV)/.installed
	$(PY) -m cslib run

test: $(VENV)/.installed
	$(PY) -m ruff check cslib tests benchmarks data_samples tools notebooks
	$(PY) -m ruff format --check cslib tests benchmarks data_samples tools notebooks
	$(VENV)/bin/lint-imports
	$(PY) -m mypy
	$(PY) -m pytest

# the fast inner loop: lint, types, unit tests and doctests; no kernels, subprocesses, browser
# or LibreOffice (tests marked slow by tests/conftest.py).  `make test` runs everything.
check: lint
	$(PY) -m pytest -q -m "not slow"

lint: $(VENV)/.installed
	$(PY) -m ruff check cslib tests benchmarks data_samples tools notebooks
	$(PY) -m ruff format --check cslib tests benchmarks data_samples tools notebooks
	$(VENV)/bin/lint-imports
	$(PY) -m mypy

bench: $(VENV)/.installed
	$(PY) benchmarks/bench_delphi.py
	$(PY) benchmarks/bench_readers.py
	$(PY) benchmarks/bench_calls.py
	$(PY) benchmarks/bench_suite.py

# the Spark path of the call-record aggregation (docs/call_records.md): needs pyspark and Java
test-spark: $(VENV)/.installed
	command -v java >/dev/null 2>&1 || { \
	  SUDO=$$(command -v sudo || true); $$SUDO apt-get update && $$SUDO apt-get install -y default-jre-headless; }
	$(PY) -m pip install --quiet 'pyspark>=3.5'
	$(PY) -m pytest -rs tests/test_calls.py -k spark

samples: $(VENV)/.installed
	for g in data_samples/generate_*.py; do $(PY) $$g || exit 1; done

# review: every reports/*.html (and index.html) as PNG, reports also as A4 PDF, and every Word
# version through LibreOffice as PDF and one PNG per page, in reports/screenshots/
screenshots: $(VENV)/.installed
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else echo "Chromium is missing: run 'sudo apt-get install -y chromium' (Debian/Ubuntu), then 'make screenshots' again"; exit 1; fi; }
	@{ command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q libreoffice-writer-nogui poppler-utils; \
	  else echo "LibreOffice/poppler are missing: run 'sudo apt-get install -y libreoffice-writer-nogui poppler-utils', then 'make screenshots' again"; exit 1; fi; }
	$(PY) tools/screenshots.py reports --out reports/screenshots
	$(MAKE) screenshots-app

# the browser workspace: one PNG per step of the trainer's walk-through (tests/test_app_browser.py,
# which also prints how long the first page takes) in reports/screenshots/app/
screenshots-app: $(VENV)/.installed
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	  else echo "Chromium is missing: run 'sudo apt-get install -y chromium', then 'make screenshots-app' again"; exit 1; fi; }
	CSLIB_APP_SCREENSHOTS=reports/screenshots/app $(PY) -m pytest -n0 -q -s tests/test_app_browser.py

# trainers: JupyterLab with the notebooks, in this project's environment.  Notebooks run by
# hand write into scratch/ (their output_dir default), never into reports/; as root (CI,
# containers) JupyterLab needs --allow-root
lab: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[lab]'
	@echo "JupyterLab: notebooks write their files into scratch/ (cslib run writes reports/)"
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

# trainers: the browser workspace (docs/app.md) on http://127.0.0.1:8765/ for the studies in
# the current folder; WORKSPACE=folder for another, ARGS="--host 0.0.0.0" to share (token)
app: $(VENV)/.installed
	$(PY) -m cslib app --workspace $${WORKSPACE:-.} $(ARGS)

clean:
	rm -rf reports/*.html reports/*.ipynb reports/*.xlsx reports/*.docx reports/.??*
