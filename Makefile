# Two entry points for a fresh machine: `make sample` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup sample test lint bench lm chromium

$(BIN)/cleaner: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: this is the CPU build; an unpinned torch pulls a CUDA build of several GB
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(BIN)/cleaner

setup: $(BIN)/cleaner

sample: setup
	$(BIN)/cleaner clean corpus/sample -o out/sample

test: setup chromium
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's chromium headless; a CJK font makes the screenshots legible
chromium:
	test -x /usr/bin/chromium -a -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || (apt-get update && apt-get install -y chromium chromium-driver fonts-wqy-microhei)

bench: setup
	$(BIN)/python -m pytest benchmarks --benchmark-enable -q
