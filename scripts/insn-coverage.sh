#!/usr/bin/env bash
# Lists the instructions of s390x binaries that zemu's definition table lacks,
# most frequent first:  scripts/insn-coverage.sh BUILD_DIR BINARY...
# (objdump's static view: code reached only through ifuncs for facilities
# zemu does not offer, such as vector, shows up too and is harmless).
set -euo pipefail
build=$1; shift
for f in "$@"; do
    echo "== $f"
    s390x-linux-gnu-objdump -d "$f" | "$build/insn-coverage"
done
