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

## bench: parse and PDF extraction benchmarks (PDF part needs pdftotext: apt-get install poppler-utils)
bench: venv
	$(BIN)/paragraf bench parse

## demo: parse both corpus packets into data/demo/*.json
demo: venv
	@mkdir -p data/demo
	@for packet in samples/corpus/*.txt; do \
	  out=data/demo/$$(basename $$packet .txt).json; \
	  $(BIN)/paragraf parse $$packet --format json > $$out || exit 1; \
	  echo "parsed $$packet -> $$out"; \
	done
	@$(BIN)/python -c 'import glob, json; [print("%s: %d documents, %d meetings, %d paragraphs, %d indicators" % ( \
	    p, len(d["documents"]), len(d["meetings"]), sum(len(m.get("paragraphs", [])) for m in d["meetings"]), \
	    len(d["indicators"]))) for p in sorted(glob.glob("data/demo/*.json")) for d in [json.load(open(p, encoding="utf-8"))]]'

## clean: remove .venv, caches and demo output
clean:
	rm -rf $(VENV) benchmarks/.cache data/demo .pytest_cache .hypothesis *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

## messages: refresh the Swedish UI strings (needs GNU gettext: xgettext, msgfmt)
messages: venv
	cd paragraf && ../$(BIN)/django-admin makemessages -l sv --settings=paragraf.site.settings --no-location
	$(BIN)/python tools/sv_translations.py
	msgfmt --check-format -o paragraf/locale/sv/LC_MESSAGES/django.mo paragraf/locale/sv/LC_MESSAGES/django.po
