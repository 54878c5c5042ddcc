/* TRE (B2A5): translate op1 in place through a 256-byte table until the
 * test byte (GR0 bits 56-63) is met: CC 0 done, CC 1 stopped at the test
 * byte (R1 at it, R1+1 the remaining length), the CC-3 loop; and a fault
 * when op1 crosses into a PROT_READ / PROT_NONE page.  TRE may stop after
 * a CPU-determined amount, so at the fault exactly the bytes before R1's
 * progress must be translated and none after: the program checks that
 * storage and registers agree. */
#include "pf.h"

static unsigned long R[6];

#define TRE "0: tre %%r2,%%r4\n\tjo 0b"

static void fault_line(const char *label, unsigned char *op1)
{
    long p = (long)(pf_gregs[2] - (unsigned long)op1);
    int ok = p >= 0 && p <= 16 && pf_gregs[3] == 64 - (unsigned long)p;
    for (long i = 0; ok && i < 16; i++) {
        unsigned char was = pf_snap[op1 - pf_base + i];
        unsigned char want = i < p ? pf_aux[was] : was;
        ok = op1[i] == want;
    }
    if (ok) {
        printf("%s: storage and registers consistent\n", label);
    } else {
        int n = 0;
        for (long i = 0; i < 16; i++)
            n += op1[i] != pf_snap[op1 - pf_base + i];
        printf("%s: storage and registers BAD: %d bytes translated, registers show %ld\n",
               label, n, p);
    }
}

int main(void)
{
    unsigned char *b, *d;
    pf_init();
    b = pf_base;

    pf_fill();
    for (int i = 0; i < 256; i++)                     /* swap case */
        pf_aux[i] = (unsigned char)((i | 0x20) >= 'a' && (i | 0x20) <= 'z' ? i ^ 0x20 : i);
    d = b;
    memcpy(d, "Hello, World", 12);
    R[0] = 0xff; R[2] = (unsigned long)d; R[3] = 12; R[4] = (unsigned long)pf_aux;
    LONG_RUN(TRE, R, 3);
    printf("tre: %.12s cc=%d r2=d%+ld r3=%lx\n", (char *)d, g_cc, (long)(R[2] - (unsigned long)d), R[3]);
    memcpy(d, "Hello, World", 12);
    R[0] = ','; R[2] = (unsigned long)d; R[3] = 12;
    LONG_RUN(TRE, R, 3);
    printf("tre stop: %.12s cc=%d r2=d%+ld r3=%lx\n", (char *)d, g_cc, (long)(R[2] - (unsigned long)d), R[3]);
    memcpy(d, "Hello, World", 12);
    R[0] = 0x100 | 'H';                               /* only bits 56-63 */
    R[2] = (unsigned long)d; R[3] = 12;
    LONG_RUN(TRE, R, 3);
    printf("tre first: %.12s cc=%d r2=d%+ld r3=%lx\n", (char *)d, g_cc, (long)(R[2] - (unsigned long)d), R[3]);
    R[0] = 0; R[2] = (unsigned long)d; R[3] = 0;
    LONG_RUN(TRE, R, 3);
    printf("tre empty: cc=%d r2=d%+ld r3=%lx\n", g_cc, (long)(R[2] - (unsigned long)d), R[3]);
    {
        unsigned char *big = malloc(40000);
        unsigned n = 0;
        memset(big, 'a', 40000);
        R[0] = 0; R[2] = (unsigned long)big; R[3] = 40000;
        LONG_RUN(TRE, R, 3);
        for (int i = 0; i < 40000; i++)
            n += big[i] == 'A';
        printf("tre big: cc=%d translated=%u r3=%lx\n", g_cc, n, R[3]);
        free(big);
    }

    pf_hide_cc = 1;
    pf_fill();
    for (int i = 0; i < 256; i++)
        pf_aux[i] = (unsigned char)(i ^ 0x20);
    d = b + PG - 16;
    R[0] = 0x100;            /* test byte 0: no such byte in the 16 */
    memset(d, 'm', 16);
    R[2] = (unsigned long)d; R[3] = 64; R[4] = (unsigned long)pf_aux;
    pf_expect(0, R[0]);
    pf_expect(4, R[4]);
    PF_CASE("tre op1->READ", 1, PROT_READ, LONG_RUN(TRE, R, 1));
    fault_line("tre op1->READ", d);
    pf_fill();
    for (int i = 0; i < 256; i++)
        pf_aux[i] = (unsigned char)(i ^ 0x20);
    memset(d, 'm', 16);
    R[0] = 0x100; R[2] = (unsigned long)d; R[3] = 64;
    pf_expect(0, R[0]);
    pf_expect(4, R[4]);
    PF_CASE("tre op1->NONE", 1, PROT_NONE, LONG_RUN(TRE, R, 1));
    fault_line("tre op1->NONE", d);
    return 0;
}
