# Two entry points for a fresh machine: `make sample` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup sample test lint bench lm chromium lm-tools screenshot shapes ocr

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

test: setup chromium lm-tools ocr
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

# The look-alike table of drawn glyphs S102 reads, drawn in Debian's Song typeface (Noto Serif CJK)
shapes: setup
	test -e /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc || (apt-get update && apt-get install -y fonts-noto-cjk)
	$(BIN)/cleaner build-shapes -o rules/confusion_shape_rendered.tsv
	$(BIN)/cleaner build-shapes --unlike rules/confusion_shape_sighan13_simp.tsv -o rules/unlike_glyphs_sighan13.tsv

# The README's picture of the seed page's review report, taken by the browser test
screenshot: setup chromium
	CLEANER_SCREENSHOT=benchmarks/screenshots/seed_report.png $(BIN)/python -m pytest -q tests/test_browser.py

# The browser tests drive Debian's chromium headless; a CJK font makes the screenshots legible
chromium:
	test -x /usr/bin/chromium -a -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || (apt-get update && apt-get install -y chromium chromium-driver fonts-wqy-microhei)

# kenlm's lmplz and build_binary (for `cleaner train-lm`), built from the kenlm source package into .venv/bin
KENLM := $(VENV)/kenlm-build
KENLM_DEBS := cmake g++ libboost-program-options-dev libboost-system-dev libboost-thread-dev libboost-test-dev zlib1g-dev libbz2-dev liblzma-dev
lm-tools: $(BIN)/lmplz $(BIN)/build_binary

$(BIN)/lmplz $(BIN)/build_binary &: | $(BIN)/cleaner
	dpkg -s $(KENLM_DEBS) >/dev/null 2>&1 || (apt-get update && apt-get install -y --no-install-recommends $(KENLM_DEBS))
	rm -rf $(KENLM) && mkdir -p $(KENLM)
	$(BIN)/pip download --quiet --no-deps --no-binary :all: --no-build-isolation kenlm==0.3.0 -d $(KENLM)
	tar -xzf $(KENLM)/kenlm-0.3.0.tar.gz -C $(KENLM)
	cmake -S $(KENLM)/kenlm-0.3.0 -B $(KENLM)/build -DCMAKE_BUILD_TYPE=Release >/dev/null
	$(MAKE) -C $(KENLM)/build -j2 lmplz build_binary
	cp $(KENLM)/build/bin/lmplz $(KENLM)/build/bin/build_binary $(BIN)/

# Debian's tesseract with its simplified-Chinese model, and the Song face it reads (`cleaner eval ocr` and its tests)
OCR_DEBS := tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk
ocr:
	dpkg -s $(OCR_DEBS) >/dev/null 2>&1 || (apt-get update && apt-get install -y --no-install-recommends $(OCR_DEBS))

bench: setup
	$(BIN)/python -m pytest benchmarks --benchmark-enable -q
