#!/usr/bin/env bash
# Builds zemu and runs the bundled demo (the README's main-job command).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build/release" -j "$(nproc 2>/dev/null || echo 2)" --target zemu-demo >/dev/null
exec "$root/build/release/zemu-demo" "$@"
