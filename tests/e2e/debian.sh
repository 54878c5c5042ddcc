#!/bin/sh
# End-to-end: one real Debian s390x program run under zemu and under
# qemu-s390x on the same input; stdout and the exit status must be
# byte-identical.
#
#   debian.sh ZEMU QEMU SYSROOT CASE
#
# SYSROOT is what scripts/fetch-debian-s390x.sh prints (busybox-static,
# sqlite3, python3.11 and their libraries, unpacked).  CASE is one of the
# functions below.  Inputs are made in a scratch directory, once per run,
# and both emulators read the same files.
set -u
if [ $# -ne 4 ]; then
    echo "usage: $0 ZEMU QEMU SYSROOT CASE" >&2
    exit 2
fi
zemu=$1 qemu=$2 root=$3 case=$4
bb="$root/bin/busybox"
for f in "$zemu" "$qemu" "$bb" "$root/usr/bin/sqlite3" "$root/usr/bin/python3.11"; do
    [ -x "$f" ] || { echo "FAIL: missing $f" >&2; exit 2; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/zemu-e2e.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

# --- inputs, made once with host tools and read by both runs ---
seq 1 20000 | awk '{ print ($1 * 7919) % 10007, $1 }' > "$work/nums"
seq 1 5000 > "$work/lines"
head -c 3000000 /dev/urandom | base64 > "$work/data"
head -c 1000000 /dev/urandom > "$work/blob"

# --- the cases: each runs "$@" (the emulator command) on its workload ---
busybox_sh() {
    "$@" "$bb" sh -c '
        i=0; s=0
        while [ $i -lt 300 ]; do s=$((s + i * i % 7)); i=$((i + 1)); done
        echo "sum $s"
        x=$(echo "a,b,c" | tr , "\n" | wc -l); echo "lines $x"
        for w in one two three; do printf "%s=%d " "$w" "${#w}"; done; echo
        (exit 3); echo "subshell status $?"
        f() { echo "args $# first $1"; return 5; }; f p q r; echo "func status $?"
        case "zemu" in z*) echo "case ok";; *) echo "case bad";; esac
        echo "$(( (1 << 40) / 3 )) $(( -17 % 5 ))"
        sh -c "kill -TERM \$\$"; echo "killed child status $?"
        echo done | cat | cat | cat'
}
busybox_sort() {
    "$@" "$bb" sh -c "sort -n -k1,1 -k2,2r '$work/nums' | head -5; sort -u '$work/nums' | wc -l; sort -r '$work/nums' | tail -3"
}
busybox_md5sum() {
    "$@" "$bb" md5sum "$work/blob" | cut -d' ' -f1
    md5sum "$work/blob" | cut -d' ' -f1
}
busybox_sed() {
    "$@" "$bb" sed -n -e 's/\([0-9]\)\([0-9]\)$/<\2\1>/' -e '/7/p' -e '1000,1010y/0123/abcd/p' "$work/lines"
}
busybox_awk() {
    "$@" "$bb" awk '
        { s += $1; q += $1 * $1; if ($1 % 3 == 0) t[$1 % 10]++ }
        END {
            printf "n=%d sum=%d mean=%.4f var=%.6f\n", NR, s, s / NR, q / NR - (s / NR) * (s / NR)
            for (k = 0; k < 10; k++) printf "%d:%d ", k, t[k]; print ""
            print substr("s390x emulator", 7), index("zemu", "m"), toupper("abc"), length("xyz")
            printf "%.3e %g %x %o %c\n", 12345.678, 1/3, 255, 8, 65
            print int(-3.7), 7 / 3, -0.0 * 1, 1e300 * 1e10, 0.1 + 0.2, 2147483647 * 4
        }' "$work/lines"
}
busybox_gzip() {
    # 4 MB of base64 text: a gzip -c | gunzip -c round trip.
    "$@" "$bb" sh -c "gzip -c '$work/data' > '$work/data.gz'; gunzip -c '$work/data.gz' | md5sum | cut -d' ' -f1; gzip -9 -c '$work/data' | gunzip -c | wc -c"
    md5sum "$work/data" | cut -d' ' -f1
}
sqlite3_cte() {
    "$@" -L "$root" "$root/usr/bin/sqlite3" <<'SQL'
create table t(id integer primary key, grp integer, val real, name text);
with recursive c(x) as (select 1 union all select x + 1 from c where x < 10000)
insert into t(grp, val, name) select x % 17, x * 1.5 - 3000, printf('n%05d', (x * 7919) % 10007) from c;
select grp, count(*), sum(val), min(name), max(name), round(avg(val), 3) from t group by grp order by grp;
select count(distinct substr(name, 1, 3)), total(length(name)) from t;
create index ix on t(name);
select id, name from t where name between 'n05000' and 'n05010' order by name;
select group_concat(grp, ',') from (select grp from t where id <= 20);
SQL
}
python3_script() {
    cat > "$work/s.py" <<'PY'
import math
n = 0
for i in range(1, 30000):
    n = (n * 31 + i * i) % 1000003
print("int", n, 2 ** 200 % 10 ** 30, (-7) // 2, divmod(10 ** 20 + 1, 97))
print("float", 1 / 3, math.sqrt(2), math.pi * 1e10, 2.5e-300 * 1e-20, float("1e308") * 10, round(2.675, 2))
print("fmt", "%.17g %.3f %e" % (0.1 + 0.2, 2 / 3, 123456789.0), format(1e16, ","), repr(1.1))
words = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod " * 200).split()
d = {}
for w in words:
    d[w] = d.get(w, 0) + len(w)
print("dict", sorted(d.items())[:4], len(d), sum(d.values()))
s = "".join(chr(65 + (i * 7) % 26) for i in range(5000))
print("str", s[:30], s.count("AB"), s.find("ZZ"), s.upper().lower()[100:110], hash("") == 0)
data = [(i * 2654435761) % 4294967296 for i in range(20000)]
data.sort()
print("sort", data[:3], data[-1], sorted(words, key=len)[-1], sorted(set(words))[:3])
print("misc", list(zip(range(3), "abc")), {1, 2} | {3}, [x for x in range(20) if x % 7 == 3])
PY
    "$@" -L "$root" "$root/usr/bin/python3.11" -S "$work/s.py"
}

case $case in
busybox_sh|busybox_sort|busybox_md5sum|busybox_sed|busybox_awk|busybox_gzip|sqlite3_cte|python3_script) ;;
*) echo "unknown case $case" >&2; exit 2 ;;
esac

"$case" "$zemu" > "$work/zemu.out" 2> "$work/zemu.err"
zrc=$?
"$case" "$qemu" > "$work/qemu.out" 2> "$work/qemu.err"
qrc=$?
status=0
if [ $zrc -ne $qrc ]; then
    echo "FAIL: exit status zemu $zrc, qemu-s390x $qrc"
    status=1
fi
if ! cmp -s "$work/qemu.out" "$work/zemu.out"; then
    echo "FAIL: stdout differs (- qemu-s390x, + zemu):"
    diff -u "$work/qemu.out" "$work/zemu.out" | head -40
    status=1
fi
if [ $status -ne 0 ]; then
    echo "--- zemu stderr:"; head -20 "$work/zemu.err"
    echo "--- qemu stderr:"; head -20 "$work/qemu.err"
else
    echo "ok: $case: $(wc -c < "$work/zemu.out") bytes identical to qemu-s390x, exit $zrc"
fi
exit $status
