/* floor: the host's own libc on the micro-benchmarks' sizes and alignments
 * (bench/README.md) -- the physical limit to quote next to the emulators.
 *
 *   floor list | NAME | all
 *
 * For each micro-benchmark name it times the host operation that does the
 * same storage work on buffers laid out like the guest's (same page offsets,
 * so "x" crosses a host page as the guest operand crosses a guest page):
 *
 *   mvc.*, xc.256.*, nc.*, oc.*, tr.*, mvcl/mvcle, mvst, memcpy.*  memmove / memcpy
 *   xc.clear.*, memset.*                                           memset
 *   clc.*, strcmp.*                                                memcmp / strcmp
 *   srst.*, strlen.*                                               memchr / strlen
 *
 * XC/NC/OC/TR have no libc twin; a memmove of the same length is the floor
 * for any operation that reads one operand and writes the other.  Each name
 * runs for at least ~20 ms and prints "BENCH NAME ns=TOTAL ops=N fn=FUNC". */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE 4096
#define BIG (1u << 20)

static void *(*volatile p_memmove)(void *, const void *, size_t) = memmove;
static void *(*volatile p_memcpy)(void *, const void *, size_t) = memcpy;
static void *(*volatile p_memset)(void *, int, size_t) = memset;
static int (*volatile p_memcmp)(const void *, const void *, size_t) = memcmp;
static void *(*volatile p_memchr)(const void *, int, size_t) = memchr;
static size_t (*volatile p_strlen)(const char *) = strlen;
static int (*volatile p_strcmp)(const char *, const char *) = strcmp;

enum fn { MEMMOVE, MEMCPY, MEMSET, MEMCMP, MEMCHR, STRLEN, STRCMP };
static const char *const fn_name[] = {"memmove", "memcpy", "memset", "memcmp",
                                      "memchr", "strlen", "strcmp"};

struct floor_case {
    const char *name;
    enum fn fn;
    size_t len;
    char var;   /* a, u, x, n: page offsets as in the guest's micro.c */
};

/* A 256-byte case in the three placements of the guest's SS benchmarks. */
#define PLACED(name, fn) \
    {name ".a", fn, 256, 'a'}, {name ".u", fn, 256, 'u'}, {name ".x", fn, 256, 'x'}

static const struct floor_case cases[] = {
    PLACED("mvc.256", MEMMOVE),
    {"mvc.256.n", MEMMOVE, 256, 'n'},
    {"mvc.1", MEMMOVE, 1, 'a'}, {"mvc.8", MEMMOVE, 8, 'a'}, {"mvc.64", MEMMOVE, 64, 'a'},
    PLACED("xc.clear.256", MEMSET),
    PLACED("xc.256", MEMMOVE),
    PLACED("nc.256", MEMMOVE),
    PLACED("oc.256", MEMMOVE),
    PLACED("clc.256", MEMCMP),
    PLACED("tr.256", MEMMOVE),
    {"mvcl.1m", MEMMOVE, BIG, 'a'}, {"mvcle.1m", MEMMOVE, BIG, 'a'},
    {"mvst.64k", MEMMOVE, 65536, 'a'}, {"srst.64k", MEMCHR, 65536, 'a'},
    {"memcpy.16", MEMCPY, 16, 'a'}, {"memcpy.256", MEMCPY, 256, 'a'},
    {"memcpy.4k", MEMCPY, 4096, 'a'}, {"memcpy.64k", MEMCPY, 65536, 'a'},
    {"memset.16", MEMSET, 16, 'a'}, {"memset.256", MEMSET, 256, 'a'},
    {"memset.4k", MEMSET, 4096, 'a'}, {"memset.64k", MEMSET, 65536, 'a'},
    {"strlen.16", STRLEN, 16, 'a'}, {"strlen.256", STRLEN, 256, 'a'},
    {"strlen.4k", STRLEN, 4096, 'a'},
    {"strcmp.16", STRCMP, 16, 'a'}, {"strcmp.256", STRCMP, 256, 'a'},
    {"strcmp.4k", STRCMP, 4096, 'a'},
};
#define NCASES (sizeof cases / sizeof cases[0])

static unsigned char *src_base, *dst_base;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static long sink;

static void run_n(const struct floor_case *c, unsigned char *d, unsigned char *s, long n)
{
    for (long i = 0; i < n; i++) {
        switch (c->fn) {
        case MEMMOVE: p_memmove(d, s, c->len); break;
        case MEMCPY: p_memcpy(d, s, c->len); break;
        case MEMSET: p_memset(d, (int)(i & 0x3f) | 0x40, c->len); break;
        case MEMCMP: sink += p_memcmp(d, s, c->len); break;
        case MEMCHR: sink += p_memchr(s, 0, c->len) != NULL; break;
        case STRLEN: sink += (long)p_strlen((const char *)s); break;
        case STRCMP: sink += p_strcmp((const char *)d, (const char *)s); break;
        }
        __asm__ volatile("" ::: "memory");
    }
}

static void run_case(const struct floor_case *c)
{
    unsigned char *s = src_base, *d = dst_base;
    if (c->var == 'u') {
        s += 1;
        d += 3;
    } else if (c->var == 'x') {
        s += PAGE - 100;
        d += PAGE - 200;
    } else if (c->var == 'n') {
        s += PAGE - 100 - 512;
        d += PAGE - 200 - 512;
    }
    /* Equal operands for the comparisons, one terminator for the string
     * functions and memchr: the full length is always scanned. */
    for (size_t i = 0; i < c->len; i++)
        s[i] = d[i] = (unsigned char)(i % 255 + 1);
    if (c->fn == STRLEN || c->fn == STRCMP || c->fn == MEMCHR)
        s[c->len - 1] = d[c->len - 1] = 0;

    long n = 1;
    uint64_t t;
    for (;;) {
        uint64_t t0 = now_ns();
        run_n(c, d, s, n);
        t = now_ns() - t0;
        if (t >= 20000000u || n > (1L << 40))
            break;
        n *= t < 1000000u ? 16 : 2;
    }
    printf("BENCH %s ns=%llu ops=%ld fn=%s\n", c->name, (unsigned long long)t, n, fn_name[c->fn]);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: floor list | NAME | all\n");
        return 2;
    }
    src_base = aligned_alloc(PAGE, BIG + 2 * PAGE);
    dst_base = aligned_alloc(PAGE, BIG + 2 * PAGE);
    if (!src_base || !dst_base)
        return 2;
    memset(src_base, 1, BIG + 2 * PAGE);
    memset(dst_base, 1, BIG + 2 * PAGE);
    int found = 0;
    for (size_t i = 0; i < NCASES; i++) {
        if (!strcmp(argv[1], "list")) {
            printf("%s %s\n", cases[i].name, fn_name[cases[i].fn]);
            found = 1;
        } else if (!strcmp(argv[1], "all") || !strcmp(argv[1], cases[i].name)) {
            run_case(&cases[i]);
            found = 1;
        }
    }
    if (!found) {
        fprintf(stderr, "floor: no case %s\n", argv[1]);
        return 2;
    }
    return 0;
}
