# Code-n-Social course kit. Quick start: `make demo`, then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# nbgrader reads the course settings from config/; its helpers (alembic) live in the venv's bin/.
export JUPYTER_CONFIG_PATH := $(CURDIR)/config
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: demo test lab clean-demo help bench

help:
	@echo "make demo   run the whole trainer pipeline on a demo cohort"
	@echo "make test   run the test suite"
	@echo "make lab    open JupyterLab on the course"
	@echo "make bench  grade 200 notebooks with nbgrader and with course grade; print the ratio"

$(BIN)/course: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m course setup
	touch $@

demo: $(BIN)/course
	$(BIN)/course demo

test: $(BIN)/course
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Not part of `make test`: minutes long. BENCH_ARGS="--notebooks 24 --repeat 1" for a quick look.
BENCH_ARGS ?= --notebooks 200 --repeat 3
bench: $(BIN)/course
	$(BIN)/python -m bench.grading $(BENCH_ARGS)

# Jupyter refuses to run as root unless told; only then is the flag added.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(BIN)/course
	$(BIN)/jupyter lab --notebook-dir=$(CURDIR) $(ROOT_FLAG)

clean-demo:
	rm -rf demo reports/demo
