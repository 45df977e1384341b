# Two jobs a newcomer needs: `make demo` (set up, then build the kit and one tailored kit, match
# the example cohort, and run a fictional programme's status and sponsor report, each into a
# private folder under build/private/) and
# `make test` (set up, then run every test). Both install only from constraints.txt.
VENV ?= .venv
BIN := $(VENV)/bin
PROFILE ?= kit/examples/northwind.yaml

.PHONY: setup demo test lint browser bench dist clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

COHORT ?= kit/examples/cohort
RETURNS ?= kit/examples/returns
APRIL_TRACKER ?= kit/examples/mid-programme/tracker.xlsx

demo: setup
	$(BIN)/upward validate
	$(BIN)/upward build
	$(BIN)/upward tailor $(PROFILE) --force
	$(BIN)/upward match $(COHORT)/mentors.csv $(COHORT)/mentees.csv $(COHORT)/pdfs \
		--profile $(PROFILE) -o build/private/matching --force
	$(BIN)/upward status $(APRIL_TRACKER) --today 2027-04-22 -o build/private/nudges
	$(BIN)/upward report $(RETURNS) --today 2027-07-12 -o build/private/report

browser:
	bash scripts/setup-browser.sh

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup browser lint
	$(BIN)/pytest

# The sdist, and the wheel built from it (with the kit inside: setup.py), into dist/.
dist: setup
	$(BIN)/python -m build --no-isolation --outdir dist .

bench: setup
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site build dist .pytest_cache
