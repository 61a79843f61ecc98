# Entry points. Each target creates .venv and installs the package when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
FY     ?= 2563
PLAN_FY = $(shell echo $$(( $(FY) + 1 )))

.PHONY: install report test test-fast test-slow lint bench mutate lab notebooks messages clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name ita-analysis --display-name "Python (ita-analysis)" >/dev/null
	touch $(STAMP)

# The main job: the sample scores checked and their tidy tables written to data/processed/, then the
# FY2563 analysis of the shipped sample data into outputs/2563/.
report: $(STAMP)
	$(BIN)/ita-analysis validate data/raw/ocsc_scores_2562_2563.csv --processed data/processed
	$(BIN)/ita-analysis run --fy $(FY) --data data/raw/ocsc_scores_2562_2563.csv \
		--targets data/raw/targets.csv --notes data/raw/notes_$(FY).csv \
		--recommendations data/raw/recommendations_$(FY).csv --plan data/raw/plan_$(PLAN_FY).csv

# The notebooks' parameters cells, written from ita_analysis.parameters.AnalysisParameters (both the
# .py scripts and the paired .ipynb); tests/batch/test_params.py fails when a cell drifts from it.
notebooks: $(STAMP)
	$(BIN)/python -m ita_analysis.parameters

# The Thai catalog in step with the code: the messages marked in ita_analysis/ (babel.cfg) extracted,
# then ita_analysis/locale/th/LC_MESSAGES/ita_analysis.po updated (new messages with an empty Thai
# to fill in, those no longer in the code dropped). tests/test_i18n.py fails while a message has no Thai.
POT = $(VENV)/ita_analysis.pot
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --project ita-analysis -o $(POT) ita_analysis
	$(BIN)/pybabel update -i $(POT) -d ita_analysis/locale -D ita_analysis -l th --no-fuzzy-matching \
		--ignore-obsolete --no-wrap

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

# The tests on every core (pytest-xdist; the tests of a file on one worker, so that a module's
# fixtures are built once).
# test: all of them; test-fast: those not marked slow (no whole runs with notebook kernels, browser or
# LibreOffice); test-slow: the others. pytest exits 5 when it collects no test: say so plainly.
PYTEST = $(BIN)/python -m pytest -n auto --dist loadfile
test: $(STAMP)
	@$(PYTEST); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; fi; exit $$rc

test-fast: $(STAMP)
	@$(PYTEST) -m "not slow"; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; fi; exit $$rc

test-slow: $(STAMP)
	@$(PYTEST) -m slow; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; fi; exit $$rc

# ruff: lint rules and formatting (the settings are in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check ita_analysis tests bench notebooks/*.py
	$(BIN)/ruff format --check ita_analysis tests bench notebooks/*.py

bench: $(STAMP)
	$(BIN)/python bench/bench_scoring.py
	$(BIN)/python bench/bench_run.py
	$(BIN)/python bench/bench_ingest_memory.py
	$(BIN)/python bench/bench_groups.py
	$(BIN)/python bench/bench_group_report.py

# Mutation testing (mutmut; what it mutates and which tests it runs: [tool.mutmut] in pyproject.toml).
# Each mutant is one small change to the code; the list printed at the end holds those no test caught.
# Results are kept in mutants/: a second run redoes only what changed (rm -rf mutants to start over),
# and `.venv/bin/mutmut show NAME` shows one mutant's change.
mutate: $(STAMP)
	$(BIN)/mutmut run
	@echo "Mutants no test caught (survived, timed out or without a test):"
	@$(BIN)/mutmut results

clean:
	rm -rf $(VENV) outputs/* .pytest_cache
	touch outputs/.gitkeep
