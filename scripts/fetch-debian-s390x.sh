#!/usr/bin/env bash
# Fetches real Debian s390x programs (busybox-static, sqlite3, python3.11 and the
# libraries they load) with `apt-get download` for the s390x architecture, and
# unpacks them into one sysroot that both zemu and qemu-s390x run with -L.
#
#   scripts/fetch-debian-s390x.sh [CACHE_DIR]     (default: $ZEMU_DEBIAN_CACHE or
#                                                  ~/.cache/zemu/debian-s390x)
#
# Nothing goes into git: the .debs, apt's package lists and the unpacked tree live
# in CACHE_DIR.  The host's apt sources are used with a private state directory,
# so the host's own apt configuration is not touched.  Idempotent: a complete
# cache is reused; prints the sysroot path (CACHE_DIR/root) on its last line.
set -euo pipefail
cache=${1:-${ZEMU_DEBIAN_CACHE:-$HOME/.cache/zemu/debian-s390x}}
root="$cache/root"
pkgs=(busybox-static sqlite3 libsqlite3-0 libreadline8 libtinfo6 libc6 libgcc-s1
      python3.11-minimal libpython3.11-minimal libexpat1 zlib1g)

if [ -f "$cache/complete" ] && [ "$(cat "$cache/complete")" = "${pkgs[*]}" ]; then
    echo "$root"
    exit 0
fi
mkdir -p "$cache/lists/partial" "$cache/apt/archives/partial" "$cache/debs"
: > "$cache/status"
cat > "$cache/apt.conf" <<CONF
APT::Architecture "s390x";
APT::Architectures { "s390x"; };
Dir::State::Lists "$cache/lists";
Dir::Cache "$cache/apt";
Dir::State::status "$cache/status";
APT::Sandbox::User "root";
CONF
export APT_CONFIG="$cache/apt.conf"
apt-get update -qq >&2
(cd "$cache/debs" && rm -f ./*.deb && apt-get download -qq "${pkgs[@]}" >&2)
rm -rf "$root"
mkdir -p "$root"
for d in "$cache"/debs/*.deb; do
    dpkg-deb -x "$d" "$root"
done
echo "${pkgs[*]}" > "$cache/complete"
echo "$root"
