/* MVCLE (A8): padding from the second-operand address, CC 0/1/2, 64-bit
 * lengths, the CC-3 loop, and faults crossing into PROT_NONE / PROT_READ.
 * At a fault the registers show the bytes moved before the page boundary
 * (16 here) and the PSW is at MVCLE; the CC at the fault is not shown, as
 * whether an earlier execution ended with CC 3 is CPU-determined. */
#include "pf.h"

static unsigned long R[6];

static void set(unsigned char *d, unsigned long l1, const unsigned char *s,
                unsigned long l2)
{
    R[0] = 0x0f0f; R[1] = 0x1f1f;
    R[2] = (unsigned long)d; R[3] = l1;
    R[4] = (unsigned long)s; R[5] = l2;
}

static void show(const char *what, const unsigned char *d,
                 const unsigned char *s)
{
    printf("%s: cc=%d r2=d%+ld r3=%lx r4=s%+ld r5=%lx\n", what, g_cc,
           (long)(R[2] - (unsigned long)d), R[3],
           (long)(R[4] - (unsigned long)s), R[5]);
}

#define MVCLE "0: mvcle %%r2,%%r4,0x2a(%%r1)\n\tjo 0b"   /* pad 0x2a + r1 */

int main(void)
{
    unsigned char *b, *d, *s;
    unsigned long e[6];
    pf_init();
    b = pf_base;

    pf_fill();
    d = b; s = pf_aux;
    memcpy(s, "abcdefghij", 10);
    set(d, 10, s, 4);
    R[1] = 0;                                   /* pad = '*' */
    LONG_RUN(MVCLE, R, 3);
    printf("pad: %.10s\n", (char *)d);
    show("op1 longer", d, s);
    set(d + 16, 4, s, 10);
    R[1] = 0x100;                               /* only bits 56-63 count */
    LONG_RUN(MVCLE, R, 3);
    show("op1 shorter", d + 16, s);
    set(d + 32, 8, s, 8);
    LONG_RUN(MVCLE, R, 3);
    show("equal", d + 32, s);
    set(d + 64, 0, s, 0);
    LONG_RUN(MVCLE, R, 3);
    show("both empty", d + 64, s);
    set(d + 64, 0, s, 7);
    LONG_RUN(MVCLE, R, 3);
    show("op1 empty", d + 64, s);
    R[1] = 0xfe - 0x2a;                         /* pad 0xfe */
    set(d + 200, 20, s, 0);
    R[1] = 0xfe - 0x2a;
    LONG_RUN(MVCLE, R, 3);
    pf_hex("pad fe", d + 198, 24);
    {
        unsigned char *big = malloc(100000), *src = malloc(60000);
        unsigned long n = 0;
        for (int i = 0; i < 60000; i++)
            src[i] = (unsigned char)(i % 251);
        set(big, 100000, src, 60000);
        R[1] = 0;
        LONG_RUN(MVCLE, R, 0);
        for (int i = 60000; i < 100000; i++)
            n += big[i] == '*';
        printf("big: cc=%d same=%d pads=%lu r3=%lx r5=%lx\n", g_cc,
               memcmp(big, src, 60000) == 0, n, R[3], R[5]);
        free(big);
        free(src);
    }

    pf_hide_cc = 1;
    pf_fill();
    d = b + PG - 16; s = pf_aux;
    set(d, 64, s, 64);
    R[1] = 0;
    e[0] = R[0]; e[1] = 0; e[2] = R[2] + 16; e[3] = 48; e[4] = R[4] + 16; e[5] = 48;
    pf_expect6(e);
    PF_CASE("mvcle op1->NONE", 1, PROT_NONE, LONG_RUN(MVCLE, R, 1));
    pf_fill();
    set(d, 64, s, 64);
    R[1] = 0;
    pf_expect6(e);
    PF_CASE("mvcle op1->READ", 1, PROT_READ, LONG_RUN(MVCLE, R, 1));
    pf_fill();
    set(d, 64, s, 0);
    R[1] = 0;
    e[4] = R[4]; e[5] = 0;
    pf_expect6(e);
    PF_CASE("mvcle pad->READ", 1, PROT_READ, LONG_RUN(MVCLE, R, 1));
    pf_fill();
    s = b + PG - 16; d = pf_aux + 512;
    set(d, 64, s, 64);
    R[1] = 0;
    e[0] = R[0]; e[1] = 0; e[2] = R[2] + 16; e[3] = 48; e[4] = R[4] + 16; e[5] = 48;
    pf_expect6(e);
    PF_CASE("mvcle op2->NONE", 1, PROT_NONE, LONG_RUN(MVCLE, R, 2));
    pf_fill();
    set(d, 64, s, 64);
    R[1] = 0;
    memcpy(e, R, sizeof e);
    pf_expect6(e);
    PF_CASE("mvcle op2 NONE->", 0, PROT_NONE, LONG_RUN(MVCLE, R, 2));
    return 0;
}
