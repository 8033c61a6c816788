#!/usr/bin/env bash
# Set up what is missing, build everything with warnings as errors, and run every test with CTest.
#
#   scripts/test.sh                 all tests
#   scripts/test.sh -L unit         extra arguments go to ctest (-L label, -R regex, -V, ...)
#   BUILD_DIR=build-ci scripts/test.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR="${BUILD_DIR:-build}"

# Tests never need a real display; the CMake helper sets this per test too.
export QT_QPA_PLATFORM=offscreen

bash scripts/deps.sh

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCREWLINE_WERROR=ON
cmake --build "$BUILD_DIR" -j"$(nproc)"

# --no-tests=error: a build that registers no test must not pass as green.
ctest --test-dir "$BUILD_DIR" --output-on-failure --no-tests=error -j2 --timeout 300 "$@"
