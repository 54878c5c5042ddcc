/* Minimal test harness: TEST() registers a function, CHECK*() record
 * failures with file:line and go on, main() (test_main.c) runs the tests
 * whose name contains argv[1] (all without) and ends with the line
 * "N passed, N failed". */
#ifndef ZEMU_TEST_H
#define ZEMU_TEST_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void test_register(const char *name, void (*fn)(void));
void test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
extern int test_checks;

#define TEST(name)                                                         \
    static void name(void);                                                \
    __attribute__((constructor)) static void test_reg_##name(void)         \
    {                                                                      \
        test_register(#name, name);                                        \
    }                                                                      \
    static void name(void)

#define CHECK(cond)                                                        \
    do {                                                                   \
        test_checks++;                                                     \
        if (!(cond))                                                       \
            test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);             \
    } while (0)

#define CHECK_EQ(a, b)                                                     \
    do {                                                                   \
        uint64_t _a = (uint64_t)(a), _b = (uint64_t)(b);                   \
        test_checks++;                                                     \
        if (_a != _b)                                                      \
            test_fail(__FILE__, __LINE__, "%s == %s: 0x%" PRIx64 " != 0x%" PRIx64, \
                      #a, #b, _a, _b);                                     \
    } while (0)

#define CHECK_MEM(p, q, n)                                                 \
    do {                                                                   \
        test_checks++;                                                     \
        if (memcmp((p), (q), (n)) != 0)                                    \
            test_fail(__FILE__, __LINE__, "memory %s != %s (%zu bytes)",   \
                      #p, #q, (size_t)(n));                                \
    } while (0)

/* Deterministic PRNG for fixed-seed random tests (xorshift64*). */
static inline uint64_t test_rand(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

#endif
