/* memcpy / memmove (both directions, overlapping) / memset / memcmp /
 * memchr / memrchr over many sizes and alignments, including sizes that
 * glibc moves with MVC, MVCLE-free loops and XC for clearing. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long hash(const unsigned char *p, size_t n)
{
    unsigned long h = 1469598103934665603UL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211UL;
    return h;
}

int main(void)
{
    static unsigned char a[70000], b[70000];
    unsigned long h = 0;
    size_t sizes[] = { 0, 1, 2, 3, 7, 8, 15, 16, 31, 255, 256, 257, 1000, 4095, 4096, 4097, 65536 };

    for (size_t i = 0; i < sizeof a; i++)
        a[i] = (unsigned char)(i * 131 + (i >> 7));
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        size_t n = sizes[s] & 0x1ffff;
        for (int off = 0; off < 4; off++) {
            memset(b, 0x5a, n + 64);
            memcpy(b + off, a + 3 - off, n);
            h = h * 7 + hash(b, n + 64);
            memset(b + off, off * 17, n);
            h = h * 7 + hash(b, n + 64);
            h = h * 7 + (unsigned long)(memcmp(a, b, n) > 0) + (unsigned long)(memcmp(a, a, n) == 0);
        }
    }
    printf("copy/set hash=%016lx\n", h);

    memcpy(b, a, 1000);
    memmove(b + 10, b, 500);          /* forward overlap */
    printf("memmove fwd=%016lx\n", hash(b, 1000));
    memcpy(b, a, 1000);
    memmove(b, b + 10, 500);          /* backward overlap */
    printf("memmove bwd=%016lx\n", hash(b, 1000));
    memcpy(b, a, 5000);
    memmove(b + 1, b, 4500);
    printf("memmove 1=%d\n", memcmp(b + 1, a, 4500) == 0);

    memset(b, 0, 300);
    b[299] = 1;
    printf("memcmp zero=%d\n", memcmp(b, b + 1, 298) == 0);
    memcpy(b, "abcdefghij", 10);
    printf("memchr=%ld memrchr=%ld none=%d\n", (long)((unsigned char *)memchr(b, 'e', 10) - b),
           (long)((unsigned char *)memrchr(b, 'a', 10) - b), memchr(b, 'z', 10) == NULL);
    printf("memcmp signs=%d %d\n", memcmp("\x80", "\x7f", 1) > 0, memcmp("abc", "abd", 3) < 0);
    {
        unsigned char *m = malloc(1 << 20);
        memset(m, 0, 1 << 20);
        m[(1 << 20) - 1] = 9;
        printf("memset 1M sum=%d\n", m[0] + m[12345] + m[(1 << 20) - 1]);
        free(m);
    }
    {
        unsigned char x[64];
        void *r = mempcpy(x, "12345678", 8);
        printf("mempcpy=%ld\n", (long)((unsigned char *)r - x));
    }
    return 0;
}
