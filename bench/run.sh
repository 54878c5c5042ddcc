#!/usr/bin/env bash
# bench/run.sh: the zemu benchmark suite (issue 4; design and choices in bench/README.md).
#
#   bash bench/run.sh [--runs N] [--filter REGEX] [--qemu-cpu MODEL] [--md FILE]
#                     [--csv FILE] [--build-dir DIR] [ZEMU_BINARY]
#   bash bench/run.sh --smoke [--build-dir DIR] [ZEMU_BINARY]
#
# --qemu-cpu defaults to "qemu,vx=off,vxeh=off" (no vector facility, as in zemu, so
# glibc's ifuncs pick the same code under both); "default" passes no -cpu.
#
# Builds what it needs (guest programs with s390x-linux-gnu-gcc, host helpers
# with cc) in DIR (default build/bench), then runs every benchmark whose name
# matches REGEX under zemu and qemu-s390x alternately, N times each (default 5),
# and prints the medians: benchmark, unit, zemu, qemu, zemu/qemu, the host floor
# (the host's memmove/memset/... on the same sizes), the target and pass/FAIL.
# Each run's result is verified (checksums, expected output); a failing zemu run
# is diagnosed once with `zemu -d unimp,int` and the cause printed under the table.
#
# --smoke runs every micro-benchmark once with a tiny iteration count (and the
# integer program at scale 2) under zemu and qemu-s390x and only checks that
# the self-verification passes (the CTest test bench.smoke).
#
# Environment: QEMU_S390X (default: qemu-s390x on PATH), ZEMU_DEBIAN_CACHE (the
# sysroot cache of scripts/fetch-debian-s390x.sh).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
src=$root/bench
runs=5
filter=.
qemu_cpu="qemu,vx=off,vxeh=off"
smoke=0
build=""
md=""
csv=""
zemu=""

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "bench: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --filter) filter=$2; shift 2 ;;
        --qemu-cpu) qemu_cpu=$2; shift 2 ;;
        --build-dir) build=$2; shift 2 ;;
        --md) md=$2; shift 2 ;;
        --csv) csv=$2; shift 2 ;;
        --smoke) smoke=1; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) zemu=$1; shift ;;
    esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs wants a positive number"
zemu=${zemu:-$root/build/release/zemu}
[ -x "$zemu" ] || die "no zemu binary at $zemu (build: cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo && cmake --build build/release -j2)"
zemu=$(cd "$(dirname "$zemu")" && pwd)/$(basename "$zemu")
qemu=${QEMU_S390X:-$(command -v qemu-s390x || true)}
{ [ -n "$qemu" ] && [ -x "$qemu" ]; } || die "qemu-s390x not found (bash scripts/setup.sh installs qemu-user)"
gcc_s390x=$(command -v s390x-linux-gnu-gcc || true)
[ -n "$gcc_s390x" ] || die "s390x-linux-gnu-gcc not found (bash scripts/setup.sh installs it)"
build=${build:-$root/build/bench}
mkdir -p "$build"
build=$(cd "$build" && pwd)

# ---- build (only what is missing or older than its source) ----

compile() {   # OUTPUT SOURCE COMPILER FLAGS...
    local out=$1 in=$2
    shift 2
    if [ ! -x "$out" ] || [ "$in" -nt "$out" ]; then
        "$@" -o "$out.tmp" "$in" || die "building $out failed"
        mv "$out.tmp" "$out"
    fi
}
gflags=(-O2 -march=z196 -static -Wall -Wextra -Werror)
hflags=(-O2 -Wall -Wextra -Werror)
compile "$build/micro" "$src/guest/micro.c" "$gcc_s390x" "${gflags[@]}"
compile "$build/intprog" "$src/guest/intprog.c" "$gcc_s390x" "${gflags[@]}"
compile "$build/rss64" "$src/guest/rss64.c" "$gcc_s390x" "${gflags[@]}"
compile "$build/intprog.host" "$src/guest/intprog.c" cc "${hflags[@]}"
compile "$build/floor" "$src/host/floor.c" cc "${hflags[@]}"
compile "$build/timeit" "$src/host/timeit.c" cc "${hflags[@]}"
compile "$build/gendata" "$src/host/gendata.c" cc "${hflags[@]}"

work=$build/last-run
rm -rf "$work"
mkdir -p "$work"

qemu_cmd=("$qemu")
[ "$qemu_cpu" = default ] || qemu_cmd+=(-cpu "$qemu_cpu")
set_cmd() {   # WHO -> the emulator's command line in cmd
    if [ "$1" = zemu ]; then cmd=("${zemu_cmd[@]}"); else cmd=("${qemu_cmd[@]}"); fi
}
zemu_cmd=("$zemu")

# ---- smoke test ----

if [ "$smoke" = 1 ]; then
    nbench=$("$qemu" "$build/micro" list | wc -l)
    int_want=$("$build/intprog.host" 2 | sed -n 's/.* sum=\([0-9a-f]*\) .*/\1/p')
    status=0
    for who in zemu qemu; do
        set_cmd $who
        out=$("${cmd[@]}" "$build/micro" all 2 2>&1) || true
        ok=$(grep -c ' check=ok$' <<<"$out" || true)
        if [ "$ok" != "$nbench" ]; then
            echo "bench.smoke: $who: $ok of $nbench micro-benchmarks verified:"
            grep -v ' check=ok$' <<<"$out" || true
            status=1
        fi
        out=$("${cmd[@]}" "$build/micro" mvc.256.a,mvc.256.x 40 2>&1) || true
        if [ "$(grep -c ' check=ok$' <<<"$out" || true)" != 2 ]; then
            echo "bench.smoke: $who: the paired form (mvc.256.a,mvc.256.x) gave '$out'"
            status=1
        fi
        out=$("${cmd[@]}" "$build/intprog" 2 2>&1) || true
        if ! grep -q " sum=$int_want check=ok$" <<<"$out"; then
            echo "bench.smoke: $who: intprog gave '$out', the host says sum=$int_want"
            status=1
        fi
    done
    [ $status = 0 ] && echo "bench.smoke: $nbench micro-benchmarks and intprog verified under zemu and qemu-s390x"
    exit $status
fi

# ---- results: one file of per-run values per benchmark and runner ----

median() {   # FILE -> the median of its lines (empty when none)
    [ -s "$1" ] || return 0
    sort -g "$1" | awk '{a[NR] = $1} END {
        if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# The instruction at a PSW: objdump of BINARY (the program, when the address is
# inside it; shared libraries are not looked into).
insn_at() {   # BINARY ADDR_HEX
    s390x-linux-gnu-objdump -d --start-address=$((16#$2)) --stop-address=$((16#$2 + 6)) "$1" \
        2>/dev/null | awk -F'\t' '/^ *[0-9a-f]+:\t/ {print $3 (NF > 3 ? " " $4 : ""); exit}'
}

# Runs zemu once more with -d unimp,int and writes why it failed to $work/NAME.why.
diagnose() {   # NAME BINARY STDIN ARGS...
    local name=$1 bin=$2 in=$3 log=$work/$1.diag
    shift 3
    "$zemu" -d unimp,int -D "$log" "$@" <"$in" >/dev/null 2>&1 || true
    local why="" line code ilc addr insn
    line=$(grep 'program interruption' "$log" | tail -n 1 || true)
    if [ -n "$line" ]; then
        code=$(sed -n 's/.*code 0x\([0-9a-f]*\).*/\1/p' <<<"$line")
        ilc=$(sed -n 's/.* ilc \([0-9]*\).*/\1/p' <<<"$line")
        addr=$(awk '{print $NF}' <<<"$line")
        # Operation, privileged-operation, execute and specification exceptions
        # leave the PSW after the instruction; the others (access exceptions)
        # nullify and leave it at the instruction.
        case $code in 0001|0002|0003|0006) addr=$(printf '%x' $((16#$addr - ilc))) ;; esac
        insn=$(insn_at "$bin" "$addr")
        why="program interruption 0x$code at 0x$addr${insn:+: $insn}"
    fi
    local sys
    sys=$(grep -o 'unsupported [a-z]* [0-9a-fx]*' "$log" | sort | uniq -c |
          awk '{printf "%s%s %s %s (x%d)", (NR > 1 ? ", " : ""), $2, $3, $4, $1}' || true)
    [ -n "$sys" ] && why="${why:+$why; }$sys"
    [ -n "$why" ] || why="$(tail -n 3 "$work/$name.err" 2>/dev/null | tr '\n' ' ')"
    echo "$why" >"$work/$name.why"
}

note() { printf '%s\n' "$*" >&2; }

# One run of one benchmark by one runner: appends a value to $work/NAME.WHO, or
# marks NAME.WHO.fail.  Returns nonzero on failure.
run_micro() {   # WHO NAME
    local who=$1 name=$2 out cmd
    set_cmd "$who"
    out=$("${cmd[@]}" "$build/micro" "$name" 2>"$work/$name.err") || true
    if [[ $out =~ ns=([0-9]+)\ ops=([0-9]+)\ check=ok ]]; then
        awk -v t="${BASH_REMATCH[1]}" -v n="${BASH_REMATCH[2]}" 'BEGIN {print t / n}' >>"$work/$name.$who"
        return 0
    fi
    echo "$out" >>"$work/$name.err"
    touch "$work/$name.$who.fail"
    return 1
}

run_floor() {   # NAME
    local out
    out=$("$build/floor" "$1") || return 0
    if [[ $out =~ ns=([0-9]+)\ ops=([0-9]+)\ fn=([a-z]+) ]]; then
        awk -v t="${BASH_REMATCH[1]}" -v n="${BASH_REMATCH[2]}" 'BEGIN {print t / n}' >>"$work/$1.floor"
        echo "${BASH_REMATCH[3]}" >"$work/$1.floorfn"
    fi
}

# Whole programs.  prog_setup NAME sets: p_bin (for diagnosis), p_in (stdin),
# p_args (emulator arguments), p_check (a function of the output file), p_unit.
sysroot=""
need_sysroot() {
    if [ -z "$sysroot" ]; then
        sysroot=$(bash "$root/scripts/fetch-debian-s390x.sh" 2>"$work/fetch.err" | tail -n 1) || sysroot=none
        [ -d "$sysroot" ] || sysroot=none
    fi
    [ "$sysroot" != none ]
}

int_want=""
check_int() { grep -q " sum=$int_want check=ok$" "$1"; }
check_rss() { grep -q ' check=ok$' "$1"; }
check_gzip() { gunzip -c <"$1" | cmp -s - "$build/data/in8m"; }
check_sqlite() { cmp -s "$1" "$src/programs/sqlite.expected"; }
check_python() { cmp -s "$1" "$src/programs/workload.expected"; }

prog_setup() {   # NAME -> 0 when it can run
    p_in=/dev/null
    case $1 in
        int)
            [ -n "$int_want" ] || int_want=$("$build/intprog.host" | sed -n 's/.* sum=\([0-9a-f]*\) .*/\1/p')
            p_bin=$build/intprog p_args=("$build/intprog") p_check=check_int p_unit=ms ;;
        rss64)
            p_bin=$build/rss64 p_args=("$build/rss64") p_check=check_rss p_unit=MiB ;;
        gzip)
            need_sysroot || return 1
            mkdir -p "$build/data"
            if [ "$(stat -c %s "$build/data/in8m" 2>/dev/null || echo 0)" != 8388608 ] ||
               [ "$src/host/gendata.c" -nt "$build/data/in8m" ]; then
                "$build/gendata" 8388608 >"$build/data/in8m"
            fi
            p_bin=$sysroot/bin/busybox p_in=$build/data/in8m
            p_args=(-L "$sysroot" "$sysroot/bin/busybox" gzip -c) p_check=check_gzip p_unit=ms ;;
        sqlite3)
            need_sysroot || return 1
            p_bin=$sysroot/usr/bin/sqlite3 p_in=$src/programs/sqlite.sql
            p_args=(-L "$sysroot" "$sysroot/usr/bin/sqlite3" :memory:) p_check=check_sqlite p_unit=ms ;;
        python3)
            need_sysroot || return 1
            p_bin=$sysroot/usr/bin/python3.11
            p_args=(-L "$sysroot" "$sysroot/usr/bin/python3.11" -S "$src/programs/workload.py")
            p_check=check_python p_unit=ms ;;
    esac
    return 0
}

run_prog() {   # WHO NAME
    local who=$1 name=$2 cmd res out=$work/$2.$1.out
    set_cmd "$who"
    # A clean environment: host settings (PYTHONPATH, LANG, ...) must not leak in.
    env -i PATH="$PATH" HOME="$HOME" LC_ALL=C "$build/timeit" "$work/$name.res" \
        "${cmd[@]}" "${p_args[@]}" <"$p_in" >"$out" 2>"$work/$name.err" || true
    res=$(cat "$work/$name.res" 2>/dev/null || true)
    if [[ $res =~ wall_ns=([0-9]+)\ maxrss_kb=([0-9]+)\ status=0 ]] && $p_check "$out"; then
        case $name in
            rss64) awk -v k="${BASH_REMATCH[2]}" 'BEGIN {print k / 1024}' >>"$work/$name.$who" ;;
            int) sed -n 's/.* ns=\([0-9]*\) .*/\1/p' "$out" | awk '{print $1 / 1e6}' >>"$work/$name.$who" ;;
            *) awk -v t="${BASH_REMATCH[1]}" 'BEGIN {print t / 1e6}' >>"$work/$name.$who" ;;
        esac
        return 0
    fi
    touch "$work/$name.$who.fail"
    return 1
}

# ---- targets (issue 4) ----

target_of() {   # NAME -> "OP LIMIT" for the zemu/qemu ratio, or nothing
    case $1 in
        mvc.256.?|xc.256.?|xc.clear.256.?|nc.256.?|oc.256.?|clc.256.?|tr.256.?) echo "<= 0.33" ;;
        int) echo "<= 2.5" ;;
        gzip|sqlite3|python3) echo "<= 3" ;;
        rss64) echo "<= 1.2" ;;
    esac
}

verdict() {   # VALUE "OP LIMIT" -> pass / FAIL
    awk -v v="$1" -v op="${2% *}" -v lim="${2#* }" 'BEGIN {
        ok = (op == "<=") ? v <= lim : v >= lim; print ok ? "pass" : "FAIL" }'
}

fmt() {   # NUMBER -> a short fixed-point rendering
    [ -n "$1" ] || { echo "-"; return; }
    awk -v v="$1" 'BEGIN { if (v < 10) printf "%.2f\n", v; else if (v < 1000) printf "%.1f\n", v;
                           else printf "%.0f\n", v }'
}

fmt_ratio() {   # RATIO -> three significant digits below 1, so 0.334 is not shown as 0.33
    [ -n "$1" ] || { echo "-"; return; }
    awk -v v="$1" 'BEGIN { if (v < 1) printf "%.3f\n", v; else if (v < 10) printf "%.2f\n", v;
                           else printf "%.1f\n", v }'
}

# ---- the run ----

micro_names=$("$qemu" "$build/micro" list | awk '{print $1}')
prog_names="int gzip sqlite3 python3 rss64"
selected=()
for n in $micro_names $prog_names; do
    if grep -Eq -- "$filter" <<<"$n"; then selected+=("$n"); fi
done
[ ${#selected[@]} -gt 0 ] || die "no benchmark matches '$filter'"

load0=$(cut -d' ' -f1-3 /proc/loadavg)
note "bench: zemu=$zemu"
note "bench: qemu=$qemu -cpu $qemu_cpu; $runs runs each, alternating; results in $work"
for name in "${selected[@]}"; do
    if grep -qx -- "$name" <<<"$micro_names"; then
        for ((r = 0; r < runs; r++)); do
            [ -e "$work/$name.zemu.fail" ] || run_micro zemu "$name" ||
                diagnose "$name" "$build/micro" /dev/null "$build/micro" "$name"
            [ -e "$work/$name.qemu.fail" ] || run_micro qemu "$name" || true
            run_floor "$name"
        done
        echo ns/op >"$work/$name.unit"
    else
        if ! prog_setup "$name"; then
            echo "skipped: no Debian s390x sysroot ($(tail -n 1 "$work/fetch.err" 2>/dev/null))" \
                >"$work/$name.skip"
            note "bench: $name skipped (scripts/fetch-debian-s390x.sh failed)"
            continue
        fi
        for ((r = 0; r < runs; r++)); do
            [ -e "$work/$name.zemu.fail" ] || run_prog zemu "$name" ||
                diagnose "$name" "$p_bin" "$p_in" "${p_args[@]}"
            [ -e "$work/$name.qemu.fail" ] || run_prog qemu "$name" || true
        done
        echo "$p_unit" >"$work/$name.unit"
    fi
    note "bench: $name: zemu $(fmt "$(median "$work/$name.zemu")") qemu $(fmt "$(median "$work/$name.qemu")") $(cat "$work/$name.unit" 2>/dev/null || true)"
done

# The crossing target's ratio, paired: mvc.256.a and mvc.256.x in one
# process, in alternating slices (micro's A,B form), so that the phases of
# this host's speed, which last seconds, fall on both; one ratio per run.
run_pair() {   # WHO A B -> appends B/A to $work/A,B.WHO
    local who=$1 a=$2 b=$3 out cmd
    set_cmd "$who"
    out=$("${cmd[@]}" "$build/micro" "$a,$b" 2>/dev/null) || return 0
    awk -v a="$a" -v b="$b" '
        $1 == "BENCH" && $NF == "check=ok" {
            split($3, t, "="); split($4, o, "=")
            if ($2 == a) va = t[2] / o[2]; else if ($2 == b) vb = t[2] / o[2]
        }
        END { if (va > 0 && vb > 0) print vb / va }' <<<"$out" >>"$work/$a,$b.$who"
}
if grep -qx mvc.256.a <<<"$(printf '%s\n' "${selected[@]}")" &&
   grep -qx mvc.256.x <<<"$(printf '%s\n' "${selected[@]}")"; then
    for ((r = 0; r < runs; r++)); do
        run_pair zemu mvc.256.a mvc.256.x
        run_pair qemu mvc.256.a mvc.256.x
    done
fi

# ---- the table ----

rows=()     # benchmark|unit|zemu|qemu|ratio|floor|floorfn|target|result
value_of() { median "$work/$1.$2"; }
for name in "${selected[@]}"; do
    unit=$(cat "$work/$name.unit" 2>/dev/null || echo -)
    z=$(value_of "$name" zemu) q=$(value_of "$name" qemu) f=$(value_of "$name" floor)
    ffn=$(cat "$work/$name.floorfn" 2>/dev/null || true)
    tgt=$(target_of "$name")
    ratio="" result=-
    if [ -e "$work/$name.skip" ]; then
        result=skipped
    elif [ -e "$work/$name.zemu.fail" ]; then
        z="" result="zemu fails"
    elif [ -e "$work/$name.qemu.fail" ]; then
        q="" result="qemu fails"
    fi
    if [ -n "$z" ] && [ -n "$q" ]; then
        ratio=$(awk -v z="$z" -v q="$q" 'BEGIN {print z / q}')
        [ -n "$tgt" ] && result=$(verdict "$ratio" "$tgt")
    elif [ "$result" = - ] && [ -n "$tgt" ]; then
        result=FAIL
    fi
    rows+=("$name|$unit|$(fmt "$z")|$(fmt "$q")|$(fmt_ratio "$ratio")|$(fmt "$f")${ffn:+ $ffn}|${tgt:+$tgt x qemu}|$result")
done

# Derived targets: page crossing in zemu, long-move bandwidth against the host.
derived=()  # check|value|target|result
has() { [ -s "$work/$1.zemu" ] && [ ! -e "$work/$1.zemu.fail" ]; }
if [ -s "$work/mvc.256.a,mvc.256.x.zemu" ]; then
    v=$(median "$work/mvc.256.a,mvc.256.x.zemu")
    derived+=("mvc.256.x / mvc.256.a in zemu, paired|$(fmt_ratio "$v")|<= 1.3|$(verdict "$v" "<= 1.3")")
fi
# Context for it, no target: the same from the medians above (runs of a
# and x minutes apart), crossing against the same placement moved off the
# boundary (bench/README.md), and the ratio in qemu-s390x and on the host.
if has mvc.256.x && has mvc.256.a; then
    v=$(awk -v x="$(value_of mvc.256.x zemu)" -v a="$(value_of mvc.256.a zemu)" 'BEGIN {print x / a}')
    derived+=("mvc.256.x / mvc.256.a in zemu, medians|$(fmt_ratio "$v")|-|-")
fi
if [ -s "$work/mvc.256.a,mvc.256.x.qemu" ]; then
    v=$(median "$work/mvc.256.a,mvc.256.x.qemu")
    derived+=("mvc.256.x / mvc.256.a in qemu, paired|$(fmt_ratio "$v")|-|-")
fi
if has mvc.256.x && has mvc.256.n; then
    v=$(awk -v x="$(value_of mvc.256.x zemu)" -v n="$(value_of mvc.256.n zemu)" 'BEGIN {print x / n}')
    derived+=("mvc.256.x / mvc.256.n in zemu|$(fmt_ratio "$v")|-|-")
fi
if [ -s "$work/mvc.256.x.floor" ] && [ -s "$work/mvc.256.a.floor" ]; then
    v=$(awk -v x="$(value_of mvc.256.x floor)" -v a="$(value_of mvc.256.a floor)" 'BEGIN {print x / a}')
    derived+=("mvc.256.x / mvc.256.a host memmove|$(fmt_ratio "$v")|-|-")
fi
for l in mvcl.1m mvcle.1m; do
    if has $l && [ -s "$work/$l.floor" ]; then
        v=$(awk -v f="$(value_of $l floor)" -v z="$(value_of $l zemu)" 'BEGIN {print f / z}')
        derived+=("$l bandwidth / host memmove|$(awk -v v="$v" 'BEGIN {printf "%.0f%%", v * 100}')|>= 80%|$(verdict "$v" ">= 0.8")")
    fi
done

print_text() {
    local fmt_row="%-16s %-6s %10s %10s %9s %18s  %-15s %s\n"
    # shellcheck disable=SC2059
    printf "$fmt_row" benchmark unit zemu qemu zemu/qemu "host floor" target result
    local r
    for r in "${rows[@]}"; do
        IFS='|' read -r a b c d e f g h <<<"$r"
        # shellcheck disable=SC2059
        printf "$fmt_row" "$a" "$b" "$c" "$d" "$e" "$f" "${g:--}" "$h"
    done
    if [ ${#derived[@]} -gt 0 ]; then
        echo
        printf "%-40s %8s %8s %s\n" check value target result
        for r in "${derived[@]}"; do
            IFS='|' read -r a b c d <<<"$r"
            printf "%-40s %8s %8s %s\n" "$a" "$b" "$c" "$d"
        done
    fi
    local any=0 name
    for name in "${selected[@]}"; do
        if [ -e "$work/$name.why" ]; then
            [ $any = 1 ] || { echo; echo "zemu failures (from zemu -d unimp,int):"; any=1; }
            echo "  $name: $(cat "$work/$name.why")"
        fi
        [ -e "$work/$name.skip" ] && { echo "  $name: $(cat "$work/$name.skip")"; any=1; }
    done
    return 0
}

print_md() {
    echo "| benchmark | unit | zemu | qemu | zemu/qemu | host floor | target | result |"
    echo "|---|---|---:|---:|---:|---:|---|---|"
    local r
    for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
    if [ ${#derived[@]} -gt 0 ]; then
        echo
        echo "| check | value | target | result |"
        echo "|---|---:|---|---|"
        for r in "${derived[@]}"; do echo "| ${r//|/ | } |"; done
    fi
    local name
    for name in "${selected[@]}"; do
        [ -e "$work/$name.why" ] && echo "- zemu fails \`$name\`: $(cat "$work/$name.why")"
    done
    return 0
}

qdesc="-cpu $qemu_cpu"
[ "$qemu_cpu" != default ] || qdesc="(its default CPU model)"
echo "$("$zemu" -version 2>&1 | head -n 1) vs $("$qemu" -version | head -n 1) $qdesc"
echo "medians of $runs alternating runs; host floor = the host's libc; load average before/after: $load0 / $(cut -d' ' -f1-3 /proc/loadavg)"
print_text
[ -z "$md" ] || print_md >"$md"
if [ -n "$csv" ]; then
    {
        echo "benchmark,unit,zemu,qemu,zemu_over_qemu,host_floor,target,result"
        for r in "${rows[@]}"; do echo "${r//|/,}"; done
    } >"$csv"
fi
