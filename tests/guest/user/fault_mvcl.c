/* MVCL (0E): padding, CC 0/1/2, CC 3 for destructive overlap (nothing
 * moved), the 24-bit lengths (bits 32-39 of R1+1 and the pad byte of R2+1
 * kept), and faults crossing into PROT_NONE / PROT_READ pages.  MVCL is
 * interruptible: at a fault the registers show the bytes already moved
 * (the unit before the page boundary: 16 bytes here, the amount zemu, QEMU
 * and the hardware model move before the next page) and the PSW is at MVCL,
 * so re-executing it finishes the move. */
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

#define MVCL "mvcl %%r2,%%r4"

int main(void)
{
    unsigned char *b, *d, *s;
    unsigned long e[6];
    pf_init();
    b = pf_base;

    pf_fill();
    d = b; s = pf_aux;
    memcpy(s, "abcdefghij", 10);
    set(d, 10, s, 0x2a000004);              /* pad '*' */
    LONG_RUN(MVCL, R, 3);
    printf("pad: %.10s\n", (char *)d);
    show("op1 longer", d, s);
    set(d + 16, 4, s, 10);
    LONG_RUN(MVCL, R, 3);
    printf("trunc: %.4s %02x\n", (char *)d + 16, d[20]);
    show("op1 shorter", d, s);
    set(d + 32, 8, s, 8);
    LONG_RUN(MVCL, R, 3);
    show("equal", d + 32, s);
    set(d + 64, 0, s, 5);
    LONG_RUN(MVCL, R, 3);
    show("op1 empty", d + 64, s);
    set(d + 64, 0, s, 0);
    LONG_RUN(MVCL, R, 3);
    show("both empty", d + 64, s);
    /* destructive overlap: op1 starts inside op2 */
    memcpy(d + 100, "0123456789", 10);
    set(d + 101, 9, d + 100, 9);
    LONG_RUN(MVCL, R, 0);
    printf("overlap: %.10s\n", (char *)d + 100);
    show("overlap", d + 101, d + 100);
    /* op1 starting at op2's leftmost byte is not destructive */
    set(d + 100, 9, d + 100, 9);
    LONG_RUN(MVCL, R, 0);
    show("same address", d + 100, d + 100);
    /* op1 left of op2: not destructive either */
    set(d + 100, 9, d + 101, 9);
    LONG_RUN(MVCL, R, 0);
    printf("left move: %.10s\n", (char *)d + 100);
    /* bits 0-39 of the length registers are kept */
    set(d + 128, 0x12345678ab000010UL, s, 0x876543212a000004UL);
    LONG_RUN(MVCL, R, 0);
    show("high bits", d + 128, s);
    printf("high pad: %.16s\n", (char *)d + 128);
    /* 256 KiB move across many pages */
    {
        unsigned char *big = malloc(1 << 18), *src = malloc(1 << 18);
        unsigned sum = 0;
        for (int i = 0; i < 1 << 18; i++)
            src[i] = (unsigned char)(i ^ (i >> 9));
        set(big, 1 << 18, src, 1 << 18);
        LONG_RUN(MVCL, R, 0);
        for (int i = 0; i < 1 << 18; i++)
            sum = sum * 31 + big[i];
        printf("big: cc=%d same=%d sum=%08x\n", g_cc,
               memcmp(big, src, 1 << 18) == 0, sum);
        free(big);
        free(src);
    }

    pf_fill();
    d = b + PG - 16; s = pf_aux;
    set(d, 64, s, 64);
    e[0] = R[0]; e[1] = R[1]; e[2] = R[2] + 16; e[3] = 48; e[4] = R[4] + 16; e[5] = 48;
    pf_expect6(e);
    PF_CASE("mvcl op1->NONE", 1, PROT_NONE, LONG_RUN(MVCL, R, 1));
    pf_fill();
    set(d, 64, s, 64);
    pf_expect6(e);
    PF_CASE("mvcl op1->READ", 1, PROT_READ, LONG_RUN(MVCL, R, 1));
    pf_fill();
    set(d, 64, s, 0x2a000000);
    e[4] = R[4]; e[5] = 0x2a000000;
    pf_expect6(e);
    PF_CASE("mvcl pad->READ", 1, PROT_READ, LONG_RUN(MVCL, R, 2));
    pf_fill();
    set(d, 64, s, 64);
    memcpy(e, R, sizeof e);
    pf_expect6(e);
    PF_CASE("mvcl op1 NONE->", 0, PROT_NONE, LONG_RUN(MVCL, R, 2));
    pf_fill();
    s = b + PG - 16; d = pf_aux + 512;
    set(d, 64, s, 64);
    e[0] = R[0]; e[1] = R[1]; e[2] = R[2] + 16; e[3] = 48; e[4] = R[4] + 16; e[5] = 48;
    pf_expect6(e);
    PF_CASE("mvcl op2->NONE", 1, PROT_NONE, LONG_RUN(MVCL, R, 3));
    /* resume: re-executing with the registers of the fault finishes it */
    memcpy(R, pf_gregs, sizeof R);
    LONG_RUN(MVCL, R, 3);
    printf("resumed: cc=%d r3=%lx done=%d\n", g_cc, R[3],
           memcmp(d, b + PG - 16, 64) == 0);
    return 0;
}
