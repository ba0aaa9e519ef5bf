# Set-up is idempotent: each step is skipped when its stamp is newer than its inputs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
OUT ?= out
APT_STAMP := .make/apt-done
PY_STAMP := .make/deps-done

.PHONY: setup demo test bench clean

setup: $(APT_STAMP) $(PY_STAMP)

# Debian packages: Tesseract with Spanish (and OSD, which the orientation check uses);
# PostgreSQL server binaries, which the database tests start on a private port; Chromium and its
# driver, in which the review page's tests open it.
$(APT_STAMP): Makefile
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx spa \
	   || ! tesseract --list-langs 2>/dev/null | grep -qx osd \
	   || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	   || ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    tesseract-ocr tesseract-ocr-spa tesseract-ocr-osd postgresql chromium chromium-driver >/dev/null; \
	fi
	@mkdir -p .make && touch $@

# Python packages exactly as locked in uv.lock, with the Ray extra (`--executor ray`) the tests use.
# Compiled to bytecode here: where PYTHONDONTWRITEBYTECODE is set (containers, CI) no .pyc is ever
# written, and every run compiled the libraries it imports again, about 5 s of CPU per `ingest run`.
$(PY_STAMP): pyproject.toml uv.lock Makefile
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install -q "uv==$(UV_VERSION)"
	python3 -m uv sync --frozen --quiet --extra ray --compile-bytecode
	@mkdir -p .make && touch $@

demo: setup
	$(PY) -m ingest run samples --out $(OUT); status=$$?; \
	  [ $$status -le 1 ] || exit $$status

test: setup
	$(PY) -m pytest -n 2 -q

bench: setup
	$(PY) benchmarks/ocr_throughput.py

clean:
	rm -rf $(VENV) .make $(OUT) .pytest_cache
