/* micro: s390x storage-instruction and glibc micro-benchmarks (bench/README.md).
 *
 *   micro list               every benchmark with its default iteration count
 *   micro NAME [ITERS]       run one benchmark
 *   micro all ITERS          run every benchmark with ITERS iterations (smoke test)
 *   micro A,B [ITERS]        run two benchmarks in one process, in alternating
 *                            slices (A B B A ...), each line the sum of its slices
 *
 * The pair form is for ratios between two benchmarks (mvc.256.x against
 * mvc.256.a, bench/README.md): this host's speed moves in phases of seconds,
 * and slices of a few milliseconds put both sides in the same phases.
 *
 * Each benchmark times only its hot loop with clock_gettime(CLOCK_MONOTONIC), so
 * process start-up and page-in do not distort the per-instruction cost, and prints
 *
 *   BENCH NAME ns=TOTAL ops=N check=ok
 *
 * (the runner divides: no floating point here, so a missing BFP instruction
 * cannot hide a storage benchmark).
 * Every result is verified against a byte-at-a-time C model of the instruction
 * (through volatile pointers, so the model does not itself compile to the
 * instruction under test) over the whole buffer, which also catches stray stores;
 * a mismatch prints "check=FAIL ..." and the program exits 1.
 *
 * Built with s390x-linux-gnu-gcc -O2 -march=z196 -static. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE 4096
#define ARENA (8 * PAGE)
#define BIG (1u << 20)
#define STR (64u * 1024)

static unsigned char arena[ARENA] __attribute__((aligned(PAGE)));
static unsigned char model[ARENA] __attribute__((aligned(PAGE)));
static unsigned char big_s[BIG] __attribute__((aligned(PAGE)));
static unsigned char big_d[BIG] __attribute__((aligned(PAGE)));

static int failed;

static void fail(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("BENCH %s check=FAIL ", name);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    failed = 1;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Deterministic contents; strings never contain a zero byte. */
static unsigned char pattern(unsigned long i, unsigned seed)
{
    return (unsigned char)((i * 131u + seed * 17u + (i >> 8) * 7u) & 0xff);
}
static unsigned char nonzero(unsigned long i, unsigned seed)
{
    return (unsigned char)((i * 131u + seed * 17u + (i >> 8) * 7u) % 255u + 1u);
}

/* ---- fixed-length SS instructions: 8 executions per loop iteration ---- */

#define R4(x) x x x x
#define R8(x) R4(x) R4(x)

#define SS_LOOP(fn, body8)                                                                  \
    static void fn(unsigned char *d, unsigned char *s, long n)                              \
    {                                                                                       \
        asm volatile("0:\n" body8 "brctg %[n],0b\n"                                         \
                     : [n] "+d"(n)                                                          \
                     : [d] "a"(d), [s] "a"(s)                                               \
                     : "memory", "cc");                                                     \
    }

SS_LOOP(loop_mvc1, R8("mvc 0(1,%[d]),0(%[s])\n"))
SS_LOOP(loop_mvc8, R8("mvc 0(8,%[d]),0(%[s])\n"))
SS_LOOP(loop_mvc64, R8("mvc 0(64,%[d]),0(%[s])\n"))
SS_LOOP(loop_mvc256, R8("mvc 0(256,%[d]),0(%[s])\n"))
/* XC alternates direction so that every execution changes both operands
 * (with d == s it is the clearing idiom). */
SS_LOOP(loop_xc256, R4("xc 0(256,%[d]),0(%[s])\nxc 0(256,%[s]),0(%[d])\n"))
SS_LOOP(loop_nc256, R8("nc 0(256,%[d]),0(%[s])\n"))
SS_LOOP(loop_oc256, R8("oc 0(256,%[d]),0(%[s])\n"))
SS_LOOP(loop_tr256, R8("tr 0(256,%[d]),0(%[s])\n"))

/* CLC of equal operands compares all 256 bytes; any other CC is a failure. */
static long loop_clc256(unsigned char *d, unsigned char *s, long n)
{
    long bad = 0;
    asm volatile("0:\n" R8("clc 0(256,%[d]),0(%[s])\njne 1f\n") "brctg %[n],0b\n"
                 "j 2f\n"
                 "1: lghi %[bad],1\n"
                 "2:\n"
                 : [n] "+d"(n), [bad] "+d"(bad)
                 : [d] "a"(d), [s] "a"(s)
                 : "memory", "cc");
    return bad;
}

enum kind { K_MVC, K_XC, K_NC, K_OC, K_TR, K_CLC };

/* The C model of one execution. */
static void model_op(enum kind k, volatile unsigned char *d, volatile unsigned char *s, int len)
{
    for (int i = 0; i < len; i++) {
        switch (k) {
        case K_MVC: d[i] = s[i]; break;
        case K_XC: d[i] = d[i] ^ s[i]; break;
        case K_NC: d[i] = d[i] & s[i]; break;
        case K_OC: d[i] = d[i] | s[i]; break;
        case K_TR: d[i] = s[d[i]]; break;
        case K_CLC: break;
        }
    }
}

/* One loop iteration of the model (the same 8 executions as the asm body). */
static void model_iter(enum kind k, unsigned char *d, unsigned char *s, int len)
{
    for (int j = 0; j < 8; j++) {
        if (k == K_XC && (j & 1))
            model_op(k, s, d, len);
        else
            model_op(k, d, s, len);
    }
}

/* Operand placement inside the arena: a = page-aligned, u = odd offsets in a
 * page, x = both operands cross a page boundary, n = x's operands 512 bytes
 * lower, so that neither crosses (the same relative placement: x against n
 * is the cost of crossing alone; bench/README.md). */
static void place(char var, int clear, unsigned char **d, unsigned char **s)
{
    switch (var) {
    case 'u': *s = arena + 1; *d = arena + 4 * PAGE + 3; break;
    case 'x': *s = arena + PAGE - 100; *d = arena + 5 * PAGE - 200; break;
    case 'n': *s = arena + PAGE - 100 - 512; *d = arena + 5 * PAGE - 200 - 512; break;
    default: *s = arena; *d = arena + 4 * PAGE; break;
    }
    if (clear)
        *s = *d;
}

static void fill_arena(enum kind k, unsigned char *d, unsigned char *s, int len)
{
    for (unsigned long i = 0; i < ARENA; i++)
        arena[i] = pattern(i, 1);
    if (k == K_TR)
        for (int i = 0; i < 256; i++)
            s[i] = (unsigned char)(i + 1);      /* a permutation: period 256 */
    if (k == K_CLC)
        for (int i = 0; i < len; i++)
            d[i] = s[i];
}

/* Compares through volatile loads: 8 bytes at a time where both are aligned
 * (cheap enough for 1 MiB under a slow emulator), then byte by byte to name
 * the first differing byte. */
static int same_volatile(const volatile unsigned char *a, const volatile unsigned char *b,
                         unsigned long len, unsigned long *where)
{
    unsigned long i = 0;
    if (((uintptr_t)a | (uintptr_t)b) % 8 == 0) {
        const volatile uint64_t *wa = (const volatile uint64_t *)a;
        const volatile uint64_t *wb = (const volatile uint64_t *)b;
        while (i + 8 <= len && wa[i / 8] == wb[i / 8])
            i += 8;
    }
    for (; i < len; i++) {
        if (a[i] != b[i]) {
            *where = i;
            return 0;
        }
    }
    return 1;
}

/* Repeating the loop body n times equals repeating it r times: each body is
 * either a permutation of the operands' contents (XC: period 3, TR: period 32)
 * or idempotent from the first one on (MVC, NC, OC, XC clear). */
static long model_count(enum kind k, long n)
{
    long period = k == K_XC ? 3 : k == K_TR ? 32 : 1;
    return n < period ? n : period + n % period;
}

static uint64_t run_ss(const char *name, enum kind k, int len, char var, int clear, long n)
{
    unsigned char *d, *s;
    place(var, clear, &d, &s);
    fill_arena(k, d, s, len);
    memcpy(model, arena, ARENA);

    uint64_t t0 = now_ns(), t1;
    long bad = 0;
    switch (k) {
    case K_MVC:
        if (len == 1) loop_mvc1(d, s, n);
        else if (len == 8) loop_mvc8(d, s, n);
        else if (len == 64) loop_mvc64(d, s, n);
        else loop_mvc256(d, s, n);
        break;
    case K_XC: loop_xc256(d, s, n); break;
    case K_NC: loop_nc256(d, s, n); break;
    case K_OC: loop_oc256(d, s, n); break;
    case K_TR: loop_tr256(d, s, n); break;
    case K_CLC: bad = loop_clc256(d, s, n); break;
    }
    t1 = now_ns();

    unsigned char *md = model + (d - arena), *ms = model + (s - arena);
    for (long i = model_count(k, n); i > 0; i--)
        model_iter(k, md, ms, len);
    unsigned long where;
    if (bad)
        fail(name, "CLC of equal operands gave CC != 0");
    else if (!same_volatile(arena, model, ARENA, &where))
        fail(name, "arena byte %#lx is %#x, the model says %#x", where, arena[where],
             model[where]);
    if (k == K_CLC && !bad) {
        /* The comparison must reach the last byte. */
        d[len - 1] ^= 1;
        if (!loop_clc256(d, s, 1))
            fail(name, "CLC missed a difference in byte %d", len - 1);
    }
    return t1 - t0;
}

/* ---- long and string instructions (one per loop iteration) ---- */

/* Reload the four registers (r2/r3 destination address/length, r4/r5 source),
 * then one MVCL, or MVCLE repeated while it ends with CC 3. */
#define LONG_LOOP(fn, move)                                                                 \
    static void fn(unsigned char *d, unsigned char *s, unsigned long len, long n)          \
    {                                                                                       \
        asm volatile("0: lgr %%r2,%[d]\n lgr %%r3,%[l]\n lgr %%r4,%[s]\n lgr %%r5,%[l]\n"   \
                     move "brctg %[n],0b\n"                                                 \
                     : [n] "+d"(n)                                                          \
                     : [d] "a"(d), [s] "a"(s), [l] "d"(len)                                 \
                     : "r2", "r3", "r4", "r5", "memory", "cc");                             \
    }

LONG_LOOP(loop_mvcl, "mvcl %%r2,%%r4\n")
LONG_LOOP(loop_mvcle, "1: mvcle %%r2,%%r4,0\n jo 1b\n")

/* MVST: copies the string at s (terminated by r0 = 0) to d; returns the
 * final first-operand address (the terminator in d). */
static unsigned long loop_mvst(unsigned char *d, unsigned char *s, long n)
{
    unsigned long end;
    asm volatile("lghi %%r0,0\n"
                 "0: lgr %%r4,%[d]\n lgr %%r6,%[s]\n"
                 "1: mvst %%r4,%%r6\n jo 1b\n"
                 "brctg %[n],0b\n"
                 "lgr %[e],%%r4\n"
                 : [n] "+d"(n), [e] "=d"(end)
                 : [d] "a"(d), [s] "a"(s)
                 : "r0", "r4", "r6", "memory", "cc");
    return end;
}

/* SRST: searches [s, s + len) for a zero byte; returns the found address
 * and the final CC (1 = found). */
static unsigned long loop_srst(unsigned char *s, unsigned long len, long n, int *cc)
{
    unsigned long found;
    int ipm;
    asm volatile("lghi %%r0,0\n"
                 "0: lgr %%r4,%[s]\n agr %%r4,%[l]\n lgr %%r6,%[s]\n"
                 "1: srst %%r4,%%r6\n jo 1b\n"
                 "ipm %[c]\n"
                 "brctg %[n],0b\n"
                 "lgr %[f],%%r4\n"
                 : [n] "+d"(n), [f] "=d"(found), [c] "=&d"(ipm)
                 : [s] "a"(s), [l] "d"(len)
                 : "r0", "r4", "r6", "memory", "cc");
    *cc = (ipm >> 28) & 3;
    return found;
}

static int check_big(const char *name, const unsigned char *want, unsigned long len)
{
    unsigned long where;
    if (!same_volatile(big_d, want, len, &where)) {
        fail(name, "byte %#lx of the destination is %#x, want %#x", where, big_d[where],
             want[where]);
        return 0;
    }
    return 1;
}

static uint64_t run_long(const char *name, int mvcle, long n)
{
    volatile uint64_t *ws = (volatile uint64_t *)big_s, *wd = (volatile uint64_t *)big_d;
    for (unsigned long i = 0; i < BIG / 8; i++) {
        ws[i] = (i + 1) * 0x9e3779b97f4a7c15u;   /* every byte position varies */
        wd[i] = 0;
    }
    uint64_t t0 = now_ns();
    if (mvcle)
        loop_mvcle(big_d, big_s, BIG, n);
    else
        loop_mvcl(big_d, big_s, BIG, n);
    uint64_t t1 = now_ns();
    check_big(name, big_s, BIG);
    return t1 - t0;
}

static void fill_string(unsigned char *p, unsigned long len, unsigned seed)
{
    for (unsigned long i = 0; i + 1 < len; i++)
        p[i] = nonzero(i, seed);
    p[len - 1] = 0;
}

static uint64_t run_mvst(const char *name, long n)
{
    fill_string(big_s, STR, 3);
    memset(big_d, 0xee, STR + 16);
    uint64_t t0 = now_ns();
    unsigned long end = loop_mvst(big_d, big_s, n);
    uint64_t t1 = now_ns();
    if (end != (unsigned long)(big_d + STR - 1))
        fail(name, "MVST ended at offset %ld, want %ld", (long)(end - (unsigned long)big_d),
             (long)STR - 1);
    else if (check_big(name, big_s, STR) && big_d[STR] != 0xee)
        fail(name, "MVST stored %#x past the terminator", big_d[STR]);
    return t1 - t0;
}

static uint64_t run_srst(const char *name, long n)
{
    fill_string(big_s, STR, 4);
    int cc;
    uint64_t t0 = now_ns();
    unsigned long found = loop_srst(big_s, STR, n, &cc);
    uint64_t t1 = now_ns();
    if (cc != 1 || found != (unsigned long)(big_s + STR - 1))
        fail(name, "SRST cc %d found at offset %ld", cc, (long)(found - (unsigned long)big_s));
    return t1 - t0;
}

/* ---- glibc string functions (the ifunc variant glibc picks) ---- */

static void *(*volatile p_memcpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile p_memset)(void *, int, size_t) = memset;
static size_t (*volatile p_strlen)(const char *) = strlen;
static int (*volatile p_strcmp)(const char *, const char *) = strcmp;

enum libc_fn { L_MEMCPY, L_MEMSET, L_STRLEN, L_STRCMP };

static uint64_t run_libc(const char *name, enum libc_fn f, unsigned long size, long n)
{
    uint64_t t0 = 0, t1 = 0;
    switch (f) {
    case L_MEMCPY: {
        for (unsigned long i = 0; i < size + 64; i++) {
            big_s[i] = pattern(i, 5);
            big_d[i] = 0;
        }
        t0 = now_ns();
        for (long i = 0; i < n; i++)
            p_memcpy(big_d, big_s, size);
        t1 = now_ns();
        if (check_big(name, big_s, size) && big_d[size] != 0)
            fail(name, "memcpy stored %#x past the end", big_d[size]);
        break;
    }
    case L_MEMSET: {
        memset(big_d, 0, size + 64);
        t0 = now_ns();
        for (long i = 0; i < n; i++)
            p_memset(big_d, (int)(i & 0xff) | 0x40, size);
        t1 = now_ns();
        for (unsigned long i = 0; i < size; i++)
            big_s[i] = (unsigned char)(((n - 1) & 0xff) | 0x40);
        if (check_big(name, big_s, size) && big_d[size] != 0)
            fail(name, "memset stored %#x past the end", big_d[size]);
        break;
    }
    case L_STRLEN: {
        fill_string(big_s, size + 1, 6);
        unsigned long sum = 0;
        t0 = now_ns();
        for (long i = 0; i < n; i++)
            sum += p_strlen((const char *)big_s);
        t1 = now_ns();
        if (sum != size * (unsigned long)n)
            fail(name, "strlen sum %lu, want %lu", sum, size * (unsigned long)n);
        break;
    }
    case L_STRCMP: {
        fill_string(big_s, size + 1, 7);
        fill_string(big_d, size + 1, 7);
        long nonzero_results = 0;
        t0 = now_ns();
        for (long i = 0; i < n; i++)
            nonzero_results += p_strcmp((const char *)big_d, (const char *)big_s) != 0;
        t1 = now_ns();
        big_d[size - 1]--;
        if (nonzero_results)
            fail(name, "strcmp of equal strings was nonzero %ld times", nonzero_results);
        else if (p_strcmp((const char *)big_d, (const char *)big_s) >= 0)
            fail(name, "strcmp missed a smaller last byte at %lu", size - 1);
        break;
    }
    }
    return t1 - t0;
}

/* ---- the table ---- */

enum family { F_SS, F_LONG, F_MVST, F_SRST, F_LIBC };

struct bench {
    const char *name;
    enum family fam;
    int kind;           /* enum kind, or enum libc_fn, or 1 for MVCLE */
    int len;            /* SS length / libc size */
    char var;           /* SS placement: a, u, x, n */
    int clear;          /* XC with d == s */
    long iters;         /* default: about 0.2-1 s under qemu-s390x */
};

/* A 256-byte SS benchmark in its three placements. */
#define PLACED(name, kind, clear, iters)                                                    \
    {name ".a", F_SS, kind, 256, 'a', clear, iters},                                        \
    {name ".u", F_SS, kind, 256, 'u', clear, iters},                                        \
    {name ".x", F_SS, kind, 256, 'x', clear, iters}

static const struct bench benches[] = {
    PLACED("mvc.256", K_MVC, 0, 1000000),
    {"mvc.256.n", F_SS, K_MVC, 256, 'n', 0, 1000000},
    {"mvc.1", F_SS, K_MVC, 1, 'a', 0, 1000000},
    {"mvc.8", F_SS, K_MVC, 8, 'a', 0, 1000000},
    {"mvc.64", F_SS, K_MVC, 64, 'a', 0, 1000000},
    PLACED("xc.clear.256", K_XC, 1, 1000000),
    PLACED("xc.256", K_XC, 0, 100000),
    PLACED("nc.256", K_NC, 0, 100000),
    PLACED("oc.256", K_OC, 0, 100000),
    PLACED("clc.256", K_CLC, 0, 25000),
    PLACED("tr.256", K_TR, 0, 20000),
    {"mvcl.1m", F_LONG, 0, BIG, 0, 0, 10000},
    {"mvcle.1m", F_LONG, 1, BIG, 0, 0, 10000},
    {"mvst.64k", F_MVST, 0, STR, 0, 0, 5000},
    {"srst.64k", F_SRST, 0, STR, 0, 0, 1500},
    {"memcpy.16", F_LIBC, L_MEMCPY, 16, 0, 0, 6000000},
    {"memcpy.256", F_LIBC, L_MEMCPY, 256, 0, 0, 6000000},
    {"memcpy.4k", F_LIBC, L_MEMCPY, 4096, 0, 0, 600000},
    {"memcpy.64k", F_LIBC, L_MEMCPY, 65536, 0, 0, 40000},
    {"memset.16", F_LIBC, L_MEMSET, 16, 0, 0, 5000000},
    {"memset.256", F_LIBC, L_MEMSET, 256, 0, 0, 5000000},
    {"memset.4k", F_LIBC, L_MEMSET, 4096, 0, 0, 600000},
    {"memset.64k", F_LIBC, L_MEMSET, 65536, 0, 0, 40000},
    {"strlen.16", F_LIBC, L_STRLEN, 16, 0, 0, 7000000},
    {"strlen.256", F_LIBC, L_STRLEN, 256, 0, 0, 1500000},
    {"strlen.4k", F_LIBC, L_STRLEN, 4096, 0, 0, 120000},
    {"strcmp.16", F_LIBC, L_STRCMP, 16, 0, 0, 2500000},
    {"strcmp.256", F_LIBC, L_STRCMP, 256, 0, 0, 200000},
    {"strcmp.4k", F_LIBC, L_STRCMP, 4096, 0, 0, 15000},
};
#define NBENCH (sizeof benches / sizeof benches[0])

/* One timed run of b (n iterations): its time, *ops the operations. */
static uint64_t time_one(const struct bench *b, long n, long *ops)
{
    *ops = n;
    switch (b->fam) {
    case F_SS: *ops = 8 * n; return run_ss(b->name, (enum kind)b->kind, b->len, b->var, b->clear, n);
    case F_LONG: return run_long(b->name, b->kind, n);
    case F_MVST: return run_mvst(b->name, n);
    case F_SRST: return run_srst(b->name, n);
    case F_LIBC: return run_libc(b->name, (enum libc_fn)b->kind, (unsigned long)b->len, n);
    }
    return 0;
}

static void report(const struct bench *b, uint64_t ns, long ops)
{
    if (!failed)
        printf("BENCH %s ns=%llu ops=%ld check=ok\n", b->name, (unsigned long long)ns, ops);
    fflush(stdout);
}

static void run(const struct bench *b, long n)
{
    long ops;
    failed = 0;
    const uint64_t ns = time_one(b, n, &ops);
    report(b, ns, ops);
}

/* A and B in 2 * PAIR_SLICES alternating slices of n / (2 * PAIR_SLICES)
 * iterations (A B B A, so that neither always goes first). */
enum { PAIR_SLICES = 10 };
static int run_pair(const struct bench *a, const struct bench *b, long n)
{
    const struct bench *ab[2] = { a, b };
    uint64_t ns[2] = { 0, 0 };
    long ops[2] = { 0, 0 }, slice = n / (2 * PAIR_SLICES) > 0 ? n / (2 * PAIR_SLICES) : 1;
    failed = 0;
    for (int i = 0; i < 2 * PAIR_SLICES && !failed; i++) {
        for (int j = 0; j < 2 && !failed; j++) {
            const int w = (i & 1) ^ j;
            long o;
            ns[w] += time_one(ab[w], slice, &o);
            ops[w] += o;
        }
    }
    for (int w = 0; w < 2; w++)
        report(ab[w], ns[w], ops[w]);           /* nothing once one failed */
    return failed;
}

static const struct bench *find(const char *name, size_t len)
{
    for (size_t i = 0; i < NBENCH; i++)
        if (strlen(benches[i].name) == len && !strncmp(benches[i].name, name, len))
            return &benches[i];
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: micro list | NAME [ITERS] | all ITERS | A,B [ITERS]\n");
        return 2;
    }
    long iters = argc > 2 ? strtol(argv[2], NULL, 0) : 0;
    if (argc > 2 && iters < 1) {
        fprintf(stderr, "micro: bad iteration count %s\n", argv[2]);
        return 2;
    }
    const char *comma = strchr(argv[1], ',');
    if (comma) {
        const struct bench *a = find(argv[1], (size_t)(comma - argv[1]));
        const struct bench *b = find(comma + 1, strlen(comma + 1));
        if (!a || !b) {
            fprintf(stderr, "micro: no benchmark pair %s (try: micro list)\n", argv[1]);
            return 2;
        }
        return run_pair(a, b, iters ? iters : (a->iters > b->iters ? a->iters : b->iters));
    }
    int any_failed = 0, found = 0;
    for (size_t i = 0; i < NBENCH; i++) {
        const struct bench *b = &benches[i];
        if (!strcmp(argv[1], "list")) {
            printf("%s %ld\n", b->name, b->iters);
            found = 1;
        } else if (!strcmp(argv[1], "all") || !strcmp(argv[1], b->name)) {
            run(b, iters ? iters : b->iters);
            any_failed |= failed;
            found = 1;
        }
    }
    if (!found) {
        fprintf(stderr, "micro: no benchmark %s (try: micro list)\n", argv[1]);
        return 2;
    }
    return any_failed;
}
