#!/usr/bin/env bash
# The README's main-job command: builds zemu and runs the bundled demos --
#   1. zemu-demo: a scripted MVC / MVCL scenario driven through the storage-access core;
#   2. zemu on bundled s390x guest programs (tests/guest/user/hello.c and mix.c, built with
#      s390x-linux-gnu-gcc), statically and dynamically linked (-L, like qemu-s390x).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/release"
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs" --target zemu-demo zemu-user zemu_user_guests >/dev/null
echo "== the storage-access core (zemu-demo)"
"$build/zemu-demo"
echo
echo "== zemu guest-user/hello_static"
"$build/zemu" "$build/guest-user/hello_static"
echo "== zemu -L /usr/s390x-linux-gnu guest-user/mix_dyn"
"$build/zemu" -L /usr/s390x-linux-gnu "$build/guest-user/mix_dyn"
