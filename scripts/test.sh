#!/usr/bin/env bash
# Builds zemu twice -- optimised, and with AddressSanitizer + UndefinedBehaviorSanitizer --
# and runs every test in both builds.  This is the README's test command and what CI runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)

# Real Debian s390x programs for the end-to-end tests (a cache outside git).
debian_root=$(bash "$root/scripts/fetch-debian-s390x.sh" | tail -n 1)

run_build() {   # name, cmake options...
    local dir="$root/build/$1"; shift
    echo "== build $dir ($*)"
    cmake -S "$root" -B "$dir" "$@" >/dev/null
    cmake --build "$dir" -j "$jobs" 2>&1 | grep -Ev '^\[|^-- ' || true
    test -x "$dir/zemu-demo" || { echo "build failed in $dir"; exit 1; }
    echo "== test $dir"
    ctest --test-dir "$dir" --output-on-failure -j "$jobs"
}

# The Debian programs run in the optimised build only: under the unoptimised
# sanitizer build they would take most of the suite's time budget, and the
# guest programs already take every system call through the sanitizers.
run_build release -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZEMU_DEBIAN_SYSROOT="$debian_root"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    run_build sanitize -DCMAKE_BUILD_TYPE=Debug -DZEMU_SANITIZE=ON -DZEMU_DEBIAN_SYSROOT=
