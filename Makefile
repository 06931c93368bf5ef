# Every target works on a fresh machine with Python 3.13 (pyenv, see .python-version) and make.
PYTHON ?= $(shell command -v python3.13 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test lint typecheck check build eval bench soak local-aws status schema sdk-models clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# the seed indexes the layer build also writes: a first article in a language opens its lemma dictionary
	# in tens of ms instead of seconds (pipeline/lemma_dictionaries.py), here as on Lambda
	$(BIN)/python -m article_pipeline.pipeline.lemma_dictionaries shared/article_pipeline/data/lemma_index
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)  ## run the whole event flow on the embedded AWS emulator
	$(BIN)/article-pipeline demo

test: $(STAMP)  ## unit, integration and end-to-end tests
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check shared functions tests
	$(BIN)/ruff format --check shared functions tests

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

clean:
	rm -rf $(VENV) .aws-sam .pytest_cache .mypy_cache .ruff_cache

eval: $(STAMP)  ## score the pipeline against the gold corpus, beside spaCy small and trafilatura
	$(BIN)/python -m pip install --quiet -e '.[dev,peers]'
	$(BIN)/article-pipeline eval

SAM_VENV := .venv-sam
SAM_CLI_VERSION := 1.170.0
$(SAM_VENV)/bin/sam:
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/python -m pip install --quiet 'aws-sam-cli==$(SAM_CLI_VERSION)'

# The layer is built by shared/Makefile -> scripts/build_layer.py (install for arm64, prune, compile); the
# interpreter is passed as a real path (pyenv's shim cannot resolve python3.13 in sam's scratch folder).
LAYER_PYTHON := $(shell $(PYTHON) -c 'import sys; print(sys.executable)')
build: $(SAM_VENV)/bin/sam  ## sam build (no Docker): lean layer, then bytecode for fast cold starts
	PATH="$(dir $(LAYER_PYTHON)):$$PATH" LAYER_PYTHON="$(LAYER_PYTHON)" SAM_CLI_TELEMETRY=0 $(SAM_VENV)/bin/sam build
	# unchecked-hash: zip keeps mtimes only to 2 s and /opt is read-only, so timestamp .pyc could be stale
	$(PYTHON) -m compileall -q -j 0 --invalidation-mode unchecked-hash .aws-sam/build
	test -f .aws-sam/build/SharedLayer/.layer-build || { echo "layer was not built by scripts/build_layer.py" >&2; exit 1; }
	test ! -d .aws-sam/build/SharedLayer/python/botocore || { echo "botocore in the layer: pruning did not run" >&2; exit 1; }

bench: $(STAMP)  ## speed, scaling, cold start, memory, size and cost; writes docs/bench/
	$(BIN)/python -m pip install --quiet -e '.[dev,peers,bench]'
	$(BIN)/article-pipeline bench

soak: $(STAMP)  ## thousands of articles with faults and redeliveries; exits 1 on loss or duplicates
	$(BIN)/article-pipeline soak $(ARGS)

local-aws: $(STAMP)  ## local AWS endpoint with the stack's resources, env.json for sam local invoke
	$(BIN)/article-pipeline local-aws $(ARGS)

status: $(STAMP)
	$(BIN)/article-pipeline status $(ARGS)

schema: $(STAMP)  ## regenerate docs/record.schema.json from the pydantic models
	$(BIN)/python -m article_pipeline.schema

sdk-models: $(STAMP)  ## rewrite the pruned AWS API models the ingest clients load (after adding an operation)
	$(BIN)/python scripts/prune_sdk_models.py
