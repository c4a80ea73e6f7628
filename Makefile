# Entry points (see README). Each target sets up .venv/ from the lock file first.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site serve test bench lint validate clean chromium

$(STAMP): requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . || \
	  $(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/congkhai build

serve: $(STAMP)
	$(BIN)/congkhai serve

validate: $(STAMP)
	$(BIN)/congkhai validate

# Real-browser tests use Debian's Chromium; install it when missing (never a downloaded browser).
chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium (apt-get)…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check builder tests bench

test: $(STAMP) chromium
	$(BIN)/ruff check builder tests bench
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf build site .pytest_cache
