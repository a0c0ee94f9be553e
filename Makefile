# Thin wrapper over CMake. `make` builds build/pathmap; `make demo` and
# `make check` also install missing Debian packages first (scripts/deps.sh).
BUILD       ?= build
CHECK_BUILD ?= build-check
PM_WERROR   ?= OFF
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all build deps demo check test clean fuzz format

all: build

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPM_WERROR=$(PM_WERROR) $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

deps:
	@sh scripts/deps.sh

demo: deps build
	@sh scripts/demo.sh $(BUILD)/pathmap

# Sanitized build in its own tree so it never clobbers build/pathmap.
check: deps
	cmake -S . -B $(CHECK_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPM_SANITIZE=ON -DPM_WERROR=$(PM_WERROR) $(CMAKE_FLAGS) >/dev/null
	cmake --build $(CHECK_BUILD) -j $(JOBS)
	cd $(CHECK_BUILD) && ctest --output-on-failure -j $(JOBS)

test: check

# Real fuzzing with clang's libFuzzer: each target for FUZZ_TIME seconds,
# starting from (and adding to a scratch copy of) its checked-in corpus.
FUZZ_TIME ?= 30
fuzz: deps
	@sh scripts/deps.sh clang libclang-rt-14-dev
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DPM_FUZZ=ON >/dev/null
	cmake --build build-fuzz -j $(JOBS)
	@for f in build-fuzz/tests/fuzz_*; do \
		n=$$(basename $$f); mkdir -p build-fuzz/corpus/$$n; \
		cp tests/fuzz/corpus/$$n/* build-fuzz/corpus/$$n/ 2>/dev/null || true; \
		dict=""; [ -f tests/fuzz/$$n.dict ] && dict="-dict=tests/fuzz/$$n.dict"; \
		echo "== $$n ($(FUZZ_TIME)s)"; \
		if ! $$f -max_total_time=$(FUZZ_TIME) -max_len=65536 -artifact_prefix=build-fuzz/ \
			$$dict build-fuzz/corpus/$$n >build-fuzz/$$n.log 2>&1; then \
			tail -40 build-fuzz/$$n.log; echo "$$n: crash (input in build-fuzz/)"; exit 1; \
		fi; \
		tail -2 build-fuzz/$$n.log; \
	done

clean:
	rm -rf $(BUILD) $(CHECK_BUILD) build-fuzz

# Side-by-side benchmark against data.table, DuckDB and pandas (bench/README.md).
# Installs missing peers; BENCH_ARGS passes options, e.g. "--scale 0.05" or "--scaling".
.PHONY: bench
bench:
	@bash bench/run.sh $(BENCH_ARGS)
