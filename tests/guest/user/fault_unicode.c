/* The two-byte forms of the long instructions: MVCLU (EB..8E, two-byte pad
 * from bits 48-63 of the second-operand address), CLCLU (EB..8F) and SRSTU
 * (B9BE, two-byte character in GR0 bits 48-63), with their CC-3 loops, and
 * a fault crossing into a PROT_NONE page: storage and registers agree. */
#include "pf.h"

static unsigned long R[6];

#define MVCLU "0: mvclu %%r2,%%r4,0(%%r1)\n\tjo 0b"
#define CLCLU "0: clclu %%r2,%%r4,0(%%r1)\n\tjo 0b"
#define SRSTU "0: srstu %%r2,%%r4\n\tjo 0b"

static void show(const char *what, const void *a, const void *c)
{
    printf("%s: cc=%d r2=a%+ld r3=%lx r4=b%+ld r5=%lx\n", what, g_cc,
           (long)(R[2] - (unsigned long)a), R[3], (long)(R[4] - (unsigned long)c), R[5]);
}

int main(void)
{
    static const unsigned char u[] = "\0h\0e\0l\0l\0o";     /* UTF-16BE */
    unsigned char *b;
    pf_init();
    b = pf_base;

    pf_fill();
    R[0] = 0; R[1] = 0x2d2e;              /* pad U+2D2E */
    R[2] = (unsigned long)b; R[3] = 14; R[4] = (unsigned long)u; R[5] = 10;
    LONG_RUN(MVCLU, R, 3);
    pf_hex("mvclu", b, 16);
    show("mvclu", b, u);
    R[1] = 0x0020;
    R[2] = (unsigned long)(b + 32); R[3] = 4; R[4] = (unsigned long)u; R[5] = 10;
    LONG_RUN(MVCLU, R, 3);
    show("mvclu short", b + 32, u);

    memcpy(b + 64, u, 10);
    memcpy(b + 74, "\0 \0 ", 4);
    R[1] = 0x0020;
    R[2] = (unsigned long)(b + 64); R[3] = 14; R[4] = (unsigned long)u; R[5] = 10;
    LONG_RUN(CLCLU, R, 3);
    show("clclu pad equal", b + 64, u);
    b[70] = 0x01;                         /* U+016C > U+006C at char 3 */
    R[2] = (unsigned long)(b + 64); R[3] = 14; R[4] = (unsigned long)u; R[5] = 10;
    LONG_RUN(CLCLU, R, 3);
    show("clclu high", b + 64, u);

    R[0] = 'l'; R[2] = (unsigned long)(u + 10); R[4] = (unsigned long)u;
    LONG_RUN(SRSTU, R, 3);
    printf("srstu found: cc=%d at=%ld\n", g_cc, (long)(R[2] - (unsigned long)u));
    R[0] = 0x6c00; R[2] = (unsigned long)(u + 10); R[4] = (unsigned long)u;
    LONG_RUN(SRSTU, R, 3);
    printf("srstu not found: cc=%d r2=%ld r4=%ld\n", g_cc, (long)(R[2] - (unsigned long)u),
           (long)(R[4] - (unsigned long)u));

    pf_hide_cc = 1;
    pf_fill();
    R[0] = 0; R[1] = 0x2d2e;
    R[2] = (unsigned long)(b + PG - 16); R[3] = 64; R[4] = (unsigned long)pf_aux; R[5] = 64;
    pf_expect(1, R[1]);
    PF_CASE("mvclu op1->NONE", 1, PROT_NONE, LONG_RUN(MVCLU, R, 1));
    {
        long p = (long)(pf_gregs[2] - (unsigned long)(b + PG - 16));
        int ok = p >= 0 && p <= 16 && p % 2 == 0 && pf_gregs[3] == 64 - (unsigned long)p &&
                 pf_gregs[4] - (unsigned long)pf_aux == (unsigned long)p &&
                 memcmp(b + PG - 16, pf_aux, (size_t)p) == 0 &&
                 memcmp(b + PG - 16 + p, pf_snap + PG - 16 + p, (size_t)(16 - p)) == 0;
        printf("mvclu op1->NONE: storage and registers %s\n", ok ? "consistent" : "BAD");
    }
    pf_fill();
    memcpy(pf_aux, b + PG - 16, 16);
    R[0] = 0; R[1] = 0;
    R[2] = (unsigned long)(b + PG - 16); R[3] = 64; R[4] = (unsigned long)pf_aux; R[5] = 64;
    pf_expect(1, 0);
    PF_CASE("clclu op1->NONE", 1, PROT_NONE, LONG_RUN(CLCLU, R, 1));
    {
        long p = (long)(pf_gregs[2] - (unsigned long)(b + PG - 16));
        int ok = p >= 0 && p <= 16 && pf_gregs[4] - (unsigned long)pf_aux == (unsigned long)p;
        printf("clclu op1->NONE: progress %s\n", ok ? "consistent" : "BAD");
    }
    pf_fill();
    memset(b + PG - 16, 0, 16);
    R[0] = 0xffff; R[2] = (unsigned long)(b + PG + 48); R[4] = (unsigned long)(b + PG - 16);
    pf_expect(0, 0xffff);
    pf_expect(2, R[2]);
    PF_CASE("srstu ->NONE", 1, PROT_NONE, LONG_RUN(SRSTU, R, 1));
    {
        long p = (long)(pf_gregs[4] - (unsigned long)(b + PG - 16));
        printf("srstu ->NONE: progress %s\n", p >= 0 && p <= 16 && p % 2 == 0 ? "consistent" : "BAD");
    }
    return 0;
}
