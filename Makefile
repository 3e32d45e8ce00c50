# ecoplan — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
export ECOPLAN_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test install install-test browser-deps fonts lint typecheck bench fuzz demo clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

install: $(BIN)/activate
	$(PY) -m pip install -q -e .

install-test: $(BIN)/activate
	$(PY) -m pip install -q -e '.[test]'

# Debian's chromium for the Playwright browser tests (no browser download: offline-safe).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi

# Chinese TrueType fonts the bulletin PDFs embed (reporting/fonts.py): AR PL UMing (宋体-like body),
# WenQuanYi Zen Hei (黑体-like headings).  Without them PDFs fall back to the non-embedded CID font
# STSong-Light and chart pictures lose their labels; ECOPLAN_CJK_FONT names another .ttf/.ttc instead.
FONT_FILES := /usr/share/fonts/truetype/arphic/uming.ttc /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
fonts:
	@if [ -n "$$ECOPLAN_CJK_FONT" ] && [ -f "$$ECOPLAN_CJK_FONT" ]; then exit 0; fi; \
	missing=""; for f in $(FONT_FILES); do [ -f $$f ] || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  if { [ -z "$$SUDO" ] || command -v sudo >/dev/null; } && command -v apt-get >/dev/null \
	     && $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	        fonts-arphic-uming fonts-wqy-zenhei; then :; \
	  else \
	    echo "ecoplan: could not install the Chinese fonts (apt-get install fonts-arphic-uming fonts-wqy-zenhei)."; \
	    echo "  Bulletin PDFs will not embed a font. Install them, or set ECOPLAN_CJK_FONT=/path/to/a-TrueType-CJK.ttf"; \
	  fi; \
	fi

# the development server: DEBUG on, plain http (production: see README "Production")
run: export ECOPLAN_DEBUG = 1
run: install fonts
	$(BIN)/ecoplan migrate --noinput
	$(BIN)/ecoplan load_demo
	$(BIN)/ecoplan runserver 127.0.0.1:8000

# ruff, and the import contracts of .importlinter (layers point one way; the core has no Django)
lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

# mypy: strict on the pure core (importers, standards, analytics, reporting), plain on the apps
typecheck: install-test
	$(BIN)/mypy

test: install-test browser-deps fonts lint typecheck
	$(BIN)/pytest

bench: install-test
	$(PY) bench/run.py

# the whole fuzz corpus (2,000+ bad plan documents, 120+ bad air files, seed 7), each input in its
# own process bounded to 20 s and 1 GiB; tables in bench/results/fuzz-latest.md.  `make test`
# runs a fixed sample of it (tests/fuzz/test_fuzz.py).
fuzz: install-test
	$(PY) -m tests.fuzz --jobs 2 -o bench/results/fuzz-latest

clean:
	rm -rf $(VENV) var build src/*.egg-info
