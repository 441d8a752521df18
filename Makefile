# Set-up and the two README commands: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'

demo: install
	$(BIN)/backstory extract samples/ --format jsonl -o samples-out.jsonl
	$(BIN)/backstory summary samples-out.jsonl

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) samples-out.jsonl
