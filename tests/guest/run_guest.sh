#!/bin/sh
# Run one s390x guest program and compare its stdout with the expected file.
#
#   run_guest.sh EXPECTED ALT_EXPECTED -- COMMAND [ARGS...]
#
# EXPECTED is the architecturally correct output (tests/guest/user/NAME.expected).
# ALT_EXPECTED, when not "-" and the file exists, replaces it: the qemu.* tests
# pass NAME.qemu-expected for the programs listed in QEMU-DIFFERS.md, where
# QEMU's output is known to differ from the architecture.  The program must
# exit with status 0 and print exactly the expected lines.
set -u
if [ $# -lt 4 ] || [ "$3" != "--" ]; then
    echo "usage: $0 EXPECTED ALT_EXPECTED|- -- COMMAND [ARGS...]" >&2
    exit 2
fi
expected=$1
alt=$2
shift 3
if [ "$alt" != "-" ] && [ -f "$alt" ]; then
    echo "note: using $alt (QEMU differs from the architecture here; see QEMU-DIFFERS.md)"
    expected=$alt
fi
if [ ! -f "$expected" ]; then
    echo "missing expected output $expected" >&2
    exit 2
fi
out=$(mktemp "${TMPDIR:-/tmp}/zemu-guest-out.XXXXXX") || exit 2
trap 'rm -f "$out"' EXIT
"$@" >"$out"
rc=$?
status=0
if [ $rc -ne 0 ]; then
    echo "FAIL: exit status $rc from: $*"
    status=1
fi
if ! diff -u "$expected" "$out"; then
    echo "FAIL: stdout differs from $expected (diff above: - expected, + actual)"
    status=1
fi
[ $status -eq 0 ] && echo "ok: $(wc -l <"$expected") lines match $expected"
exit $status
