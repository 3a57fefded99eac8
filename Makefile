# Code-n-Social course kit. Quick start: `make demo`, then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# nbgrader reads the course settings from config/; its helpers (alembic) live in the venv's bin/.
export JUPYTER_CONFIG_PATH := $(CURDIR)/config
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: demo test lab hub clean-demo help bench bench-report site

help:
	@echo "make demo   run the whole trainer pipeline on a demo cohort"
	@echo "make test   run the test suite"
	@echo "make lab    open JupyterLab on the learner's lessons (my-lessons/) and landing page"
	@echo "make hub    run a demo JupyterHub with a trainer and two learners (as root)"
	@echo "make site   build the course website into build/site/ (open build/site/index.html)"
	@echo "make bench  grade 200 notebooks with nbgrader and with course grade; print the ratio"

# constraints.txt pins the versions the kit is tested with (pyproject.toml gives the ranges).
$(BIN)/course: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,languages,site]"
	$(BIN)/python -m course setup
	touch $@

demo: $(BIN)/course
	$(BIN)/course demo

test: $(BIN)/course
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The course website: offline, into build/site/ (index.html at its root).
site: $(BIN)/course
	$(BIN)/python -m course.site build/site

# Not part of `make test`: minutes long. BENCH_ARGS="--notebooks 24 --repeat 1" for a quick look.
BENCH_ARGS ?= --notebooks 200 --repeat 3
bench: $(BIN)/course
	$(BIN)/python -m bench.grading $(BENCH_ARGS)

# Jupyter refuses to run as root unless told; only then is the flag added.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

# The laptop path: the learner's own copies of the lessons in every lesson language (my-lessons/ and
# my-lessons/<lang>/, never overwritten), then JupyterLab on them only, with the landing page
# my-lessons/index.md (the choice of language first) and none of nbgrader's trainer tools.
LEARNER_JUPYTER := $(VENV)/etc/learner-jupyter
lab: $(BIN)/course
	$(BIN)/python -m course.hub.binder --learner-config $(LEARNER_JUPYTER) >/dev/null
	$(BIN)/course workspace
	JUPYTER_CONFIG_PATH=$(CURDIR)/config:$(CURDIR)/$(LEARNER_JUPYTER) $(BIN)/jupyter lab $(ROOT_FLAG) --LabApp.default_url=/lab/tree/index.md

# Makes demo Unix users, so it needs root; Ctrl-C stops the hub and removes them.
hub: $(BIN)/course
	$(BIN)/python -m course.hub

# The report benchmark (1,000 learners x 11 lessons); not part of `make test`.
bench-report: $(BIN)/course
	$(BIN)/python bench/report_bench.py

clean-demo:
	rm -rf demo reports/demo
