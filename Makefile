# Entry points. Each target creates .venv and installs the package when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
FY     ?= 2563

.PHONY: install report test bench lab clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/ita-analysis score data/raw/ocsc_scores_2562_2563.csv --out outputs/scores.csv
	$(BIN)/ita-analysis score data/raw/ocsc_scores_2562_2563.csv --out outputs/scores.xlsx
	$(BIN)/ita-analysis score data/raw/ocsc_scores_2562_2563.csv

# pytest exits 5 when it collects no test: say so plainly instead of failing obscurely.
test: $(STAMP)
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; fi; exit $$rc

bench: $(STAMP)
	$(BIN)/python bench/bench_scoring.py

clean:
	rm -rf $(VENV) outputs/* .pytest_cache
	touch outputs/.gitkeep
