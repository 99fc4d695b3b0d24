# Two entry points (see README): `make demo` installs and runs dyad on the bundled examples,
# `make test` runs the whole test suite. Both create the virtualenv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test bench evaluate train-parser train-model docs screenshots

$(BIN)/dyad: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/dyad

install: $(BIN)/dyad

demo: install
	$(BIN)/dyad demo

test: install
	$(BIN)/ruff check src tests bench training
	bash scripts/ensure_chromium.sh
	$(BIN)/pytest

# Refreshes the README's pictures of the workbench (a plain test run keeps them in a temp folder).
screenshots: install
	bash scripts/ensure_chromium.sh
	DYAD_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/serve/test_browser.py

bench: install
	$(BIN)/python bench/throughput.py

evaluate: install
	$(BIN)/dyad evaluate

train-parser: install
	bash training/train_parser.sh

# Fine-tunes the event model and ships it as int8 ONNX (needs the train extra: torch CPU etc.).
train-model: install
	$(BIN)/pip install --quiet -e ".[dev,train]"
	$(BIN)/python training/train_event_model.py

docs: install
	$(BIN)/python docs/update_settings.py
