/* intprog: a general integer workload (bench/README.md).
 *
 *   intprog [SCALE]     (default 128; the smoke test uses 2)
 *
 * Over SCALE * 4 Ki 32-bit values and a SCALE * 16 KiB byte buffer it
 * sorts (merge sort, then a check), hashes (open-addressing table: inserts
 * and lookups), and computes a table-driven CRC-32; every phase feeds one
 * 64-bit checksum.  Portable C with fixed-width types and no byte-order
 * dependence: the runner builds the same file for the host, and the guest's
 * checksum must equal the host's.  The work is timed inside the program
 * (CLOCK_MONOTONIC) and printed as
 *
 *   BENCH int ns=TOTAL ops=1 sum=CHECKSUM check=ok
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t rng(void)       /* xorshift64* */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1du;
}

/* Bottom-up merge sort, ping-ponging between a and tmp; the result ends in a. */
static void merge_sort(uint32_t *a, uint32_t *tmp, size_t n)
{
    uint32_t *src = a, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = src[i] <= src[j] ? src[i++] : src[j++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
}

static uint32_t crc_table[256];
static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}
static uint32_t crc32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static uint32_t hash32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 0) : 128;
    if (scale < 1 || scale > 16384) {
        fprintf(stderr, "intprog: bad scale\n");
        return 2;
    }
    size_t n = (size_t)scale * 4096, bytes = (size_t)scale * 16384;
    size_t slots = 1;
    while (slots < 2 * n)
        slots *= 2;
    uint32_t *a = malloc(n * sizeof *a), *tmp = malloc(n * sizeof *a);
    uint32_t *keys = calloc(slots, sizeof *keys);
    uint32_t *vals = calloc(slots, sizeof *vals);
    uint8_t *buf = malloc(bytes);
    if (!a || !tmp || !keys || !vals || !buf) {
        fprintf(stderr, "intprog: out of memory\n");
        return 2;
    }
    for (size_t i = 0; i < n; i++)
        a[i] = (uint32_t)(rng() >> 32) | 1u;  /* never 0: 0 marks a free slot */
    for (size_t i = 0; i < bytes; i++)
        buf[i] = (uint8_t)(rng() >> 56);

    uint64_t t0 = now_ns();
    uint64_t sum = 0;

    /* Hashing: insert every value with its index (later duplicates overwrite),
     * then look up every value and a miss for each. */
    crc_init();
    for (size_t i = 0; i < n; i++) {
        size_t h = hash32(a[i]) & (slots - 1);
        while (keys[h] && keys[h] != a[i])
            h = (h + 1) & (slots - 1);
        keys[h] = a[i];
        vals[h] = (uint32_t)i;
    }
    uint64_t hits = 0, misses = 0;
    for (size_t i = 0; i < n; i++) {
        for (int miss = 0; miss < 2; miss++) {
            uint32_t k = miss ? a[i] ^ 0x80000000u : a[i];
            size_t h = hash32(k) & (slots - 1);
            while (keys[h] && keys[h] != k)
                h = (h + 1) & (slots - 1);
            if (keys[h] == k) {
                hits++;
                sum += vals[h] * (uint64_t)(i + 1);
            } else {
                misses++;
            }
        }
    }
    sum = sum * 31 + hits * 7 + misses;

    /* Sorting: merge sort, then check the order and fold the result. */
    merge_sort(a, tmp, n);
    for (size_t i = 0; i < n; i++) {
        if (i && a[i - 1] > a[i]) {
            printf("BENCH int check=FAIL not sorted at %zu\n", i);
            return 1;
        }
        sum = sum * 1000003u + a[i];
    }

    /* CRC-32 over the buffer, in 4 KiB blocks and whole. */
    for (size_t off = 0; off < bytes; off += 4096)
        sum = sum * 33 + crc32(buf + off, 4096);
    sum = sum * 33 + crc32(buf, bytes);

    uint64_t t1 = now_ns();
    /* The standard check value of CRC-32 guards the table itself. */
    if (crc32((const uint8_t *)"123456789", 9) != 0xcbf43926u) {
        printf("BENCH int check=FAIL crc32 check value\n");
        return 1;
    }
    printf("BENCH int ns=%llu ops=1 sum=%016llx check=ok\n", (unsigned long long)(t1 - t0),
           (unsigned long long)sum);
    return 0;
}
