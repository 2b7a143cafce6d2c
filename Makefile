# Two commands on a fresh machine with only python3: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
ARGS ?=

.PHONY: run test bench stress lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# The packages: uv installs them, byte-compiled, in 12 s on this machine (pip took 30 s of one
# core); where uv cannot be had or fails, pip installs them.
install = { $(PY) -m pip install -q uv && $(VENV)/bin/uv pip install -q --python $(PY) \
	--compile-bytecode $(1); } || $(PY) -m pip install -q $(1)

# The modules byte-compiled once, as an installed user has them: a start never compiles them
# again, even where PYTHONDONTWRITEBYTECODE is set.
COMPILE := $(PY) -m compileall -q moderator

$(STAMP_RUN): pyproject.toml | $(PY)
	$(call install,-e .)
	$(COMPILE)
	touch $@

$(STAMP_TEST): pyproject.toml | $(PY)
	$(call install,-e '.[test]')
	$(COMPILE)
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(VENV)/bin/moderator run $(ARGS)

lint: $(STAMP_TEST)
	$(VENV)/bin/ruff check moderator tests benchmarks

# The suite waits (Pilot's pauses, fsync, child processes, the browser) more than it computes:
# more pytest-xdist workers than cores. The browser tests share one worker (--dist loadgroup).
TEST_WORKERS ?= 6
# Each worker would rewrite every test module's asserts again: the rewritten modules are cached
# beside the sources even where PYTHONDONTWRITEBYTECODE is set. (Not under a PYTHONPYCACHEPREFIX:
# Python then reads no other cache, and each of the workers compiled every installed package
# again on a fresh machine: 8 s of CPU each.)
TEST_ENV := PYTHONDONTWRITEBYTECODE=

test: $(STAMP_TEST) lint
	$(TEST_ENV) $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(ARGS)

# Compiled again first: the launch is measured as an installed user starts it.
bench: $(STAMP_TEST)
	$(COMPILE)
	$(PY) benchmarks/run.py $(ARGS)

stress: $(STAMP_TEST)
	$(PY) -m tests.reliability.stress

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
