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

clean:
	rm -rf $(BUILD) $(CHECK_BUILD) build-fuzz
