/* TROO (B993): translate the one-byte arguments of op2 into one-byte
 * results in op1 through the table at GR1, stop with CC 1 at the test
 * character (GR0 bits 56-63) unless M3 bit 3 says not to compare; and a
 * fault with op1 crossing into a PROT_READ page or op2 into PROT_NONE:
 * TROO is CC-3-style, so storage and registers must agree (exactly the
 * results before R1's progress stored).  TROT/TRTO/TRTT: fault_trxx.c. */
#include "pf.h"

static unsigned long R[6];

#define TROO "0: troo %%r2,%%r4\n\tjo 0b"
#define TROO_NOTEST "0: troo %%r2,%%r4,1\n\tjo 0b"

static void show(const char *what, const void *op1, const void *op2)
{
    printf("%s: cc=%d r2=op1%+ld r3=%lx r4=op2%+ld r5=%lx\n", what, g_cc,
           (long)(R[2] - (unsigned long)op1), R[3], (long)(R[4] - (unsigned long)op2), R[5]);
}

int main(void)
{
    unsigned char *b, *t8, *t16;
    unsigned char *big = malloc(3 * 65536 + 4096);
    pf_init();
    b = pf_base;
    /* 4K-aligned tables: t8 256 bytes of one-byte results, t16 128 KiB of
     * two-byte results (TRTT/TRTO index with two-byte arguments) */
    t16 = (unsigned char *)(((unsigned long)big + 4095) & ~4095UL);
    t8 = t16 + 2 * 65536;
    for (int i = 0; i < 256; i++)
        t8[i] = (unsigned char)(i >= 'a' && i <= 'z' ? i - 32 : i);
    for (int i = 0; i < 65536; i++) {
        t16[2 * i] = (unsigned char)(i >> 8 ^ 0x10);
        t16[2 * i + 1] = (unsigned char)(i + 1);
    }

    pf_fill();
    memcpy(pf_aux, "shout it", 8);
    R[0] = 0x100; R[1] = (unsigned long)t8;
    R[2] = (unsigned long)b; R[3] = 8; R[4] = (unsigned long)pf_aux; R[5] = 0x55;
    LONG_RUN(TROO, R, 3);
    printf("troo: %.8s\n", (char *)b);
    show("troo", b, pf_aux);
    /* '!' translates to itself, so the stop is at the same place whether
     * the test compares arguments or function characters */
    memcpy(pf_aux, "shout!it", 8);
    R[0] = '!'; R[2] = (unsigned long)(b + 16); R[3] = 8; R[4] = (unsigned long)pf_aux;
    LONG_RUN(TROO, R, 3);
    show("troo test char", b + 16, pf_aux);
    pf_hex("troo test char", b + 16, 8);
    R[0] = '!'; R[2] = (unsigned long)(b + 32); R[3] = 8; R[4] = (unsigned long)pf_aux;
    LONG_RUN(TROO_NOTEST, R, 3);
    printf("troo m3=1: %.8s\n", (char *)b + 32);
    show("troo m3=1", b + 32, pf_aux);

    pf_hide_cc = 1;
    pf_fill();
    memcpy(pf_aux, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl", 64);
    R[0] = 0x100; R[1] = (unsigned long)t8;
    R[2] = (unsigned long)(b + PG - 16); R[3] = 64; R[4] = (unsigned long)pf_aux;
    pf_expect(0, R[0]);
    pf_expect(1, R[1]);
    PF_CASE("troo op1->READ", 1, PROT_READ, LONG_RUN(TROO, R, 1));
    {
        long p = (long)(pf_gregs[2] - (unsigned long)(b + PG - 16));
        int ok = p >= 0 && p <= 16 && pf_gregs[4] - (unsigned long)pf_aux == (unsigned long)p &&
                 pf_gregs[3] == 64 - (unsigned long)p;
        for (long i = 0; ok && i < 16; i++)
            ok = b[PG - 16 + i] == (i < p ? t8[pf_aux[i]] : pf_snap[PG - 16 + i]);
        printf("troo op1->READ: storage and registers %s\n", ok ? "consistent" : "BAD");
    }
    pf_fill();
    memset(b + PG - 16, 'q', 16);
    R[0] = 0x100; R[1] = (unsigned long)t8;
    R[2] = (unsigned long)(pf_aux + 1024); R[3] = 64; R[4] = (unsigned long)(b + PG - 16);
    pf_expect(0, R[0]);
    pf_expect(1, R[1]);
    PF_CASE("troo op2->NONE", 1, PROT_NONE, LONG_RUN(TROO, R, 1));
    {
        long p = (long)(pf_gregs[4] - (unsigned long)(b + PG - 16));
        int ok = p >= 0 && p <= 16 && pf_gregs[2] - (unsigned long)(pf_aux + 1024) == (unsigned long)p;
        for (long i = 0; ok && i < 16; i++)
            ok = pf_aux[1024 + i] == (i < p ? 'Q' : pf_aux_snap[1024 + i]);
        printf("troo op2->NONE: storage and registers %s\n", ok ? "consistent" : "BAD");
    }
    free(big);
    return 0;
}
