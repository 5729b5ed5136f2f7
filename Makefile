# FrameLens: `make report` builds the HTML reports, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.framelens-installed
DATA   ?= data
OUT    ?= reports
NBFILES := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))

.DEFAULT_GOAL := help
.PHONY: help setup report test notebooks lab docs slides clean bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c "import sys; assert sys.version_info[:2] == (3, 11)" 2>/dev/null || { echo "FrameLens needs Python 3.11 (found: $(PYTHON)); set PYTHON=/path/to/python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,lab,assist]'
	$(BIN)/python -m ipykernel install --prefix $(VENV) --name python3 --display-name "Python 3 (FrameLens)" >/dev/null
	touch $(STAMP)

setup: $(STAMP) ## create .venv with pinned dependencies (idempotent)

report: $(STAMP) ## build the HTML reports into $(OUT)/ from DATA=$(DATA)
	$(BIN)/framelens report --data $(DATA) --out $(OUT)

test: $(STAMP) ## ruff, then every test: unit, CLI, browser and strict nbval on all notebooks
	$(BIN)/ruff check lib tests benchmarks notebooks
	$(BIN)/ruff format --check lib tests benchmarks
	$(BIN)/python -m pytest -n 2 --dist loadfile --doctest-modules lib/framelens tests
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

notebooks: $(STAMP) ## re-execute every notebook in place (after changing lib/ or data/)
	$(BIN)/framelens notebooks run $(NBFILES)

docs: $(STAMP) ## regenerate data/README.md and data/datapackage.json from the codebook
	$(BIN)/framelens docs data --force

slides: $(STAMP) ## write offline slides (reveal.js, one file) and a print-friendly handout of the start-here notebook into $(OUT)/
	$(BIN)/framelens slides --data $(DATA) --out $(OUT)

lab: $(STAMP) ## open JupyterLab on the notebooks
	$(BIN)/jupyter lab notebooks

bench: $(STAMP) ## run the benchmarks (see docs/benchmarks.md)
	$(BIN)/python benchmarks/run.py

clean: ## remove .venv, reports and caches
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis build lib/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
