/* CKSM (B241): the 32-bit one's-complement checksum (end-around carry, a
 * short last word padded with zeros on the right) added into R1 bits 32-63
 * (bits 0-31 kept), the CC-3 loop, and a fault when op2 crosses into a
 * PROT_NONE page: the checksum register agrees with the progress of R2
 * (the sum of exactly the words already processed). */
#include "pf.h"

static unsigned long R[6];

#define CKSM "0: cksm %%r1,%%r2\n\tjo 0b"

/* Reference: hand rule of the architecture, written out. */
static uint32_t ref(uint32_t acc, const unsigned char *p, size_t n)
{
    uint64_t s = acc;
    for (size_t i = 0; i < n; i += 4) {
        uint32_t w = 0;
        for (size_t k = 0; k < 4; k++)
            w = w << 8 | (i + k < n ? p[i + k] : 0);
        s += w;
        s = (s & 0xffffffffu) + (s >> 32);
    }
    return (uint32_t)s;
}

static void run(const char *what, unsigned long init, const unsigned char *p, size_t n)
{
    R[0] = 0; R[1] = init; R[2] = (unsigned long)p; R[3] = n;
    LONG_RUN(CKSM, R, 3);
    printf("%s: cc=%d r1=%016lx r2=p%+ld r3=%lx ref=%s\n", what, g_cc, R[1],
           (long)(R[2] - (unsigned long)p), R[3],
           (uint32_t)R[1] == ref((uint32_t)init, p, n) ? "ok" : "BAD");
}

int main(void)
{
    static const unsigned char w[] = {
        0x00, 0x00, 0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0x12, 0x34, 0x56, 0x78,
        0x80, 0x00, 0x00, 0x00, 0xab, 0xcd, 0xef };
    unsigned char *b;
    pf_init();
    b = pf_base;

    run("one word", 0, w, 4);                         /* 00000001 */
    run("carry wraps", 0, w, 8);                      /* 1 + ffffffff = 1 */
    run("keeps high half", 0xdeadbeef00000005UL, w, 4);
    run("odd length", 0, w + 16, 3);                  /* abcdef00 */
    run("all", 0x7fffffff, w, sizeof w);
    run("empty", 0x1234, w, 0);
    {
        unsigned char *big = malloc(50000);
        for (int i = 0; i < 50000; i++)
            big[i] = (unsigned char)(i * 13 + 1);
        run("big", 0, big, 50000);
        free(big);
    }

    pf_hide_cc = 1;
    pf_fill();
    R[0] = 0; R[1] = 0; R[2] = (unsigned long)(b + PG - 16); R[3] = 64;
    pf_expect(0, 0);
    PF_CASE("cksm ->NONE", 1, PROT_NONE, LONG_RUN(CKSM, R, 1));
    {
        long p = (long)(pf_gregs[2] - (unsigned long)(b + PG - 16));
        int ok = p >= 0 && p <= 16 && p % 4 == 0 && pf_gregs[3] == 64 - (unsigned long)p &&
                 (uint32_t)pf_gregs[1] == ref(0, b + PG - 16, (size_t)p);
        printf("cksm ->NONE: progress %s\n", ok ? "consistent" : "BAD");
    }
    pf_fill();
    R[0] = 0; R[1] = 0; R[2] = (unsigned long)(b + PG - 16); R[3] = 64;
    pf_expect(0, 0);
    pf_expect(1, 0);
    pf_expect(2, R[2]);
    pf_expect(3, 64);
    PF_CASE("cksm NONE->", 0, PROT_NONE, LONG_RUN(CKSM, R, 1));
    return 0;
}
