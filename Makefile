# Two jobs a newcomer needs: `make demo` (set up, then build the kit and one tailored kit, and
# match the example cohort into a private folder) and
# `make test` (set up, then run every test). Both install only from constraints.txt.
VENV ?= .venv
BIN := $(VENV)/bin
PROFILE ?= kit/examples/northwind.yaml

.PHONY: setup demo test lint browser bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

COHORT ?= kit/examples/cohort

demo: setup
	$(BIN)/upward validate
	$(BIN)/upward build
	$(BIN)/upward tailor $(PROFILE) --force
	$(BIN)/upward match $(COHORT)/mentors.csv $(COHORT)/mentees.csv $(COHORT)/pdfs \
		--profile $(PROFILE) -o build/private/matching --force

browser:
	bash scripts/setup-browser.sh

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: setup browser lint
	$(BIN)/pytest

bench: setup
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site build .pytest_cache
