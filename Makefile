# Entry points (see README). Each target sets up .venv/ from the lock file first.
PY       ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The browser of the real-browser tests and the benchmarks (tests/browser/conftest.py, bench/measure.py):
# Debian's chromium by default, installed by `make chromium` when missing; GitHub's Ubuntu runners
# set CHROMIUM=/usr/bin/google-chrome (preinstalled there; Ubuntu's chromium is a snap shim).
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
# pip prints errors only (-qq): no progress, no warnings about a machine's own index settings.
# Its cache (~/.cache/pip or PIP_CACHE_DIR) is used as usual.
PIP      := $(BIN)/python -m pip --disable-pip-version-check -qq

.PHONY: site serve test bench lint validate clean chromium publish preview-summary

# One install, no fallback: the lock pins and hashes every package, setuptools (the build backend)
# included, so the editable install of builder/ needs no build environment and no download.
$(STAMP): requirements.lock pyproject.toml
	@echo "Cài đặt môi trường Python .venv/ theo requirements.lock…"
	@$(PY) -m venv $(VENV)
	@$(PIP) install --require-hashes -r requirements.lock
	@$(PIP) install --no-deps --no-build-isolation -e .
	@touch $(STAMP)
	@echo "Đã cài đặt .venv/."

site: $(STAMP)
	@$(BIN)/congkhai build

# The publishing build (deploy workflow): refuses without the site's real public address, so
# notices, feeds and canonical links never point at a preview address.
publish: $(STAMP)
	@url="$(SITE_URL)"; \
	case "$$url" in \
	  http://localhost*|https://localhost*|http://127.*|https://127.*|http://0.0.0.0*|http://\[::1\]*) \
	    echo "Lỗi: SITE_URL=$$url là địa chỉ trên máy này, không phải địa chỉ công khai của trang." >&2; exit 1;; \
	  https://?*|http://?*) ;; \
	  *) echo "Lỗi: chưa có địa chỉ công khai của trang: đặt SITE_URL=https://… (trên GitHub: biến SITE_URL của kho," \
	          "Settings → Secrets and variables → Actions → Variables)." >&2; exit 1;; \
	esac; \
	case "$$url" in */) ;; *) url="$$url/";; esac; \
	SITE_URL="$$url" $(BIN)/congkhai build --publish

# Reviewers' summary of a pull request (the PR workflow comments it): BASE=<the base commit>.
preview-summary: $(STAMP)
	@test -n "$(BASE)" || { echo "Lỗi: cần BASE=<commit gốc của pull request>." >&2; exit 2; }
	@$(BIN)/python .ci/preview_summary.py --base "$(BASE)" --site site

serve: $(STAMP)
	@$(BIN)/congkhai serve

validate: $(STAMP)
	@$(BIN)/congkhai validate

# Install Debian's chromium when CHROMIUM is the Debian default and missing (never a downloaded
# browser). apt's chatter (debconf notices on stderr) is kept in a log shown only on failure.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$(CHROMIUM)" = /usr/bin/chromium ]; then \
	  echo "Cài đặt trình duyệt chromium của Debian (apt-get)…"; \
	  log=$$(mktemp); \
	  if { $(SUDO) apt-get update -qq && \
	       $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$$log" 2>&1; \
	  then rm -f "$$log"; else cat "$$log" >&2; rm -f "$$log"; exit 1; fi; \
	else echo "Không tìm thấy trình duyệt CHROMIUM=$(CHROMIUM)." >&2; exit 1; fi

# Developers' checks (also the pre-commit hooks; `make test` runs them first). Every check runs;
# any failure fails.
lint: $(STAMP)
	@s=0; \
	$(BIN)/ruff check builder tests bench .ci || s=1; \
	$(BIN)/ruff format --check --output-format=concise builder tests bench .ci || s=1; \
	$(BIN)/mypy builder || s=1; \
	exit $$s

test: $(STAMP) chromium
	$(BIN)/ruff check builder tests bench .ci
	$(BIN)/ruff format --check --output-format=concise builder tests bench .ci
	$(BIN)/mypy builder
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m compileall -q builder  # timed runs read compiled modules, as an editor's second run does
	$(BIN)/python -m bench.run

clean:
	rm -rf build site .pytest_cache
