# Paragraf: set-up, tests, benchmark and demo. Everything runs from .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: venv test bench demo clean messages

## venv: create .venv and install paragraf (editable) with its pinned dev dependencies
venv: $(STAMP)

# Reinstalls only when the pinned dependencies change.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

## test: run the test suite
test: venv
	$(BIN)/pytest -q

BENCH_DB := sqlite:///$(CURDIR)/data-bench/make-bench.sqlite3

## bench: parse, PDF extraction, import, a walk of the whole API over the corpus, the portal on a generated 20k-§ SQLite database, and load: clients over every page type beside an import, server memory on a 50 MB packet; a meeting packet PDF of 300 pages (PDF part needs pdftotext: apt-get install poppler-utils)
bench: venv
	$(BIN)/paragraf bench parse
	$(BIN)/paragraf bench import
	$(BIN)/paragraf bench api
	rm -f data-bench/make-bench.sqlite3*
	$(BIN)/paragraf bench generate --paragraphs 20000 --database $(BENCH_DB)
	$(BIN)/paragraf bench portal --database $(BENCH_DB) --duration 10
	$(BIN)/paragraf bench review --database $(BENCH_DB)
	$(BIN)/paragraf bench load --duration 10
	$(BIN)/paragraf bench packet
	$(BIN)/paragraf bench minutes
	$(BIN)/paragraf bench sign

## demo: migrate a SQLite database under data/, import both corpus packets, serve on http://127.0.0.1:8000
demo: venv
	$(BIN)/paragraf demo --host 127.0.0.1 --port 8000

## clean: remove .venv, caches and demo output
clean:
	rm -rf $(VENV) benchmarks/.cache data data-bench .pytest_cache .hypothesis *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

## messages: refresh the Swedish UI strings (needs GNU gettext: xgettext, msgfmt)
messages: venv
	cd paragraf && PARAGRAF_DATA=../data ../$(BIN)/django-admin makemessages -l sv --settings=paragraf.site.development --no-location --no-wrap
	$(BIN)/python tools/sv_translations.py
	msgfmt --check-format -o paragraf/locale/sv/LC_MESSAGES/django.mo paragraf/locale/sv/LC_MESSAGES/django.po
