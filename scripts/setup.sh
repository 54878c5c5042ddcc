#!/usr/bin/env bash
# Installs the Debian packages zemu needs, only when missing.  Idempotent and
# non-interactive; safe to run on every CI start.
#   build:        cmake, gcc (host compiler), libcapstone-dev (s390x disassembly in traces)
#   guest tests:  gcc-s390x-linux-gnu, libc6-dev-s390x-cross (build s390x test programs)
#   references:   qemu-user (qemu-s390x), qemu-system-misc (qemu-system-s390x)
#   debugging:    gdb-multiarch (the real GDB client for stub tests)
set -euo pipefail
pkgs=(cmake gcc make libcapstone-dev pkg-config gcc-s390x-linux-gnu libc6-dev-s390x-cross
      qemu-user qemu-system-misc gdb-multiarch)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all packages present"
    exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
