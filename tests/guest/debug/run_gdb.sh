#!/usr/bin/env bash
# One GDB-stub scenario (tests/guest/debug/README.md):
#
#   run_gdb.sh KIND EMULATOR GDB PROGRAM SCRIPT EXPECTED STATUS [ARGS...]
#
# KIND tcp: starts `EMULATOR -g 0 PROGRAM ARGS` (zemu), reads the port zemu
#      chose from its "waiting for gdb on 127.0.0.1:PORT" line (no port to
#      guess, so parallel tests never collide), and connects GDB over TCP.
# KIND socket: starts `EMULATOR -g SOCKET PROGRAM ARGS` with a Unix socket in
#      the test's temporary directory (for qemu-user, which has no "any
#      port", and zemu's socket path).
# GDB runs SCRIPT in batch mode after `set architecture s390:64-bit`,
# `file PROGRAM` and `target remote`.  Its output is reduced to the lines a
# test can expect -- the script's own "@ ..." lines and GDB's watchpoint,
# signal and termination reports -- and compared with EXPECTED; the emulator must end
# by itself with exit status STATUS.
# A dynamically linked PROGRAM: SYSROOT in the environment is passed to the
# emulator (-L) and to GDB (set sysroot).
set -u
emu_opts=()
gdb_opts=()
if [ -n "${SYSROOT:-}" ]; then
    emu_opts=(-L "$SYSROOT")
    gdb_opts=(-ex "set sysroot $SYSROOT")
fi
kind=$1 emu=$2 gdb=$3 prog=$4 script=$5 expected=$6 status=$7
shift 7

tmp=$(mktemp -d)
emu_pid=
cleanup() {
    if [ -n "$emu_pid" ] && kill -0 "$emu_pid" 2>/dev/null; then
        kill -9 "$emu_pid" 2>/dev/null
        wait "$emu_pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*"
    echo "--- gdb output:"; cat "$tmp/gdb.out" 2>/dev/null
    echo "--- emulator stdout:"; cat "$tmp/out" 2>/dev/null
    echo "--- emulator stderr:"; cat "$tmp/err" 2>/dev/null
    exit 1
}

# Waits up to 20 s (the sanitizer build starts slowly) for a condition.
wait_for() {
    for _ in $(seq 200); do
        if eval "$1"; then return 0; fi
        kill -0 "$emu_pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

if [ "$kind" = tcp ]; then
    "$emu" "${emu_opts[@]}" -g 0 "$prog" "$@" >"$tmp/out" 2>"$tmp/err" &
    emu_pid=$!
    wait_for 'grep -q "waiting for gdb on 127.0.0.1:" "$tmp/err"' ||
        fail "zemu did not say where it waits for gdb"
    port=$(sed -n 's/.*waiting for gdb on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/err" | head -n 1)
    target="127.0.0.1:$port"
else
    "$emu" "${emu_opts[@]}" -g "$tmp/sock" "$prog" "$@" >"$tmp/out" 2>"$tmp/err" &
    emu_pid=$!
    wait_for '[ -S "$tmp/sock" ]' || fail "no gdb socket"
    target="$tmp/sock"
fi

# GDB in the background, watched by a deadline of 60 s.  A script with a
# line "# interrupt-when: TEXT" gets one SIGINT (GDB sends Ctrl-C to the
# target) once TEXT is in GDB's output and the target had half a second to
# run on.
"$gdb" -batch -nx -ex 'set architecture s390:64-bit' "${gdb_opts[@]}" -ex "file $prog" \
    -ex "target remote $target" -x "$script" >"$tmp/gdb.out" 2>&1 </dev/null &
gdb_pid=$!
intr=$(sed -n 's/^# interrupt-when: //p' "$script")
for _ in $(seq 600); do
    kill -0 "$gdb_pid" 2>/dev/null || break
    if [ -n "$intr" ] && grep -qF "$intr" "$tmp/gdb.out"; then
        sleep 0.5
        kill -INT "$gdb_pid"
        intr=
    fi
    sleep 0.1
done
if kill -0 "$gdb_pid" 2>/dev/null; then
    kill -9 "$gdb_pid"
    wait "$gdb_pid" 2>/dev/null
    fail "gdb timed out"
fi
wait "$gdb_pid"

# The emulator ends by itself: the program exited, was killed, or runs on
# after a detach.
for _ in $(seq 200); do
    kill -0 "$emu_pid" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$emu_pid" 2>/dev/null && fail "the emulator did not end"
wait "$emu_pid"
rc=$?
emu_pid=

grep -E '^(@|Old value = |New value = |Value = |Hardware (read |access \(read/write\) )?watchpoint [0-9]+: |Program received signal |Program terminated with signal )' \
    "$tmp/gdb.out" >"$tmp/got"
if ! diff -u "$expected" "$tmp/got" >"$tmp/diff"; then
    cat "$tmp/diff"
    fail "gdb output differs from $expected"
fi
[ "$rc" = "$status" ] || fail "exit status $rc, expected $status"
echo "ok: $(basename "$script") over $kind"
