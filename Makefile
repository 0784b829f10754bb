# The few commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# LibreOffice (Writer, no GUI) and its Python bridge convert Word files; `make run` works
# without them and conversion then says why.
TEST_PACKAGES := dovecot-imapd postgresql-15 openssl libreoffice-writer-nogui python3-uno \
	fonts-dejavu-core chromium
ASSETS := intake/web/static/vendor/.copied
PYTEST_ARGS ?=

.PHONY: install install-test run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

# GOV.UK Frontend, MoJ Frontend and pdf.js from the npm registry, pinned by package-lock.json,
# copied next to the app so that no page loads anything from elsewhere.
$(ASSETS): package.json package-lock.json scripts/copy-assets.sh
	npm ci --no-audit --no-fund --ignore-scripts --omit=optional --loglevel=error
	scripts/copy-assets.sh
	touch $@

install: $(VENV)/.installed $(ASSETS)  ## the service, its dependencies and web assets

install-test: $(VENV)/.installed-test $(ASSETS)

# The first start (an empty database) also makes the first sysadmin, demo accounts and sample
# e-mails, and prints their one-time passwords; later starts skip that step silently.
run: install  ## set up ./var, then serve the web UI on http://127.0.0.1:8080/ and watch the Maildir
	$(BIN)/mappa-intake db upgrade
	$(BIN)/mappa-intake setup
	$(BIN)/mappa-intake serve

test: install-test  ## Debian packages, ruff and the whole pytest suite
	scripts/system-packages.sh $(TEST_PACKAGES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

bench: install-test  ## benchmarks: they print figures, they never fail the build
	scripts/system-packages.sh $(TEST_PACKAGES)
	$(BIN)/python -m bench.intake
	$(BIN)/python -m bench.convert
	$(BIN)/python -m bench.parse
	$(BIN)/python -m bench.deadlines
	$(BIN)/python -m bench.outbox

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache node_modules intake/web/static/vendor
