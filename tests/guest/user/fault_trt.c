/* TRT (DD) and TRTR (D0): the scan, GR1/GR2 and the CC, and faults when the
 * scan must go on into a PROT_NONE page (op1, or a referenced table byte):
 * GR1, GR2 and the CC unchanged, nothing stored, PSW at the instruction. */
#include "pf.h"

#define R1_INIT 0x1111111111111111UL
#define R2_INIT 0x2222222222222222UL

static unsigned long g_r1, g_r2;

#define TRT_RUN(insn, len, OP1, TAB, cc)                                   \
    do {                                                                   \
        unsigned long d_ = (unsigned long)(OP1), s_ = (unsigned long)(TAB);\
        pf_expect(1, R1_INIT);                                             \
        pf_expect(2, R2_INIT);                                             \
        pf_expect(4, d_);                                                  \
        pf_expect(5, s_);                                                  \
        register unsigned long r1_ asm("r1") = R1_INIT;                    \
        register unsigned long r2_ asm("r2") = R2_INIT;                    \
        register unsigned long r4_ asm("r4") = d_;                         \
        register unsigned long r5_ asm("r5") = s_;                         \
        register unsigned long r0_ asm("r0") = CCV(cc);                    \
        asm volatile("spm %[c]\n\t" insn " 0(" #len ",%[d]),0(%[s])\n\t"   \
                     "ipm %[c]"                                            \
                     : [c] "+d"(r0_), "+d"(r1_), "+d"(r2_)                 \
                     : [d] "a"(r4_), [s] "a"(r5_)                          \
                     : "memory", "cc");                                    \
        g_cc = (int)(r0_ >> 28) & 3;                                       \
        g_r1 = r1_;                                                        \
        g_r2 = r2_;                                                        \
    } while (0)

static void show(const char *what, const unsigned char *op1)
{
    printf("%s: cc=%d r1=%s%+ld r2=%016lx\n", what, g_cc,
           g_r1 == R1_INIT ? "unchanged" : "op1",
           g_r1 == R1_INIT ? 0L : (long)(g_r1 - (unsigned long)op1), g_r2);
}

int main(void)
{
    unsigned char *b, *tab;
    pf_init();
    b = pf_base;
    tab = pf_aux + 2048;

    pf_fill();
    memset(tab, 0, 256);
    tab['x'] = 0x77;
    tab['y'] = 0x99;
    memcpy(b, "abcxdefy", 8);
    TRT_RUN("trt", 8, b, tab, 3);
    show("trt stop at 3", b);
    TRT_RUN("trt", 3, b + 5, tab, 3);     /* "efy" */
    show("trt on last byte", b + 5);
    TRT_RUN("trt", 3, b, tab, 3);
    show("trt none", b);
    TRT_RUN("trtr", 8, b + 7, tab, 3);    /* rightmost byte is 'y' */
    show("trtr on first (rightmost)", b + 7);
    TRT_RUN("trtr", 7, b + 6, tab, 3);    /* "abcxdef": from the right, 'x' */
    show("trtr stop", b + 6);
    TRT_RUN("trtr", 4, b + 3, tab, 3);    /* "abcx": 'x' is the first tested */
    show("trtr first tested", b + 3);
    TRT_RUN("trtr", 3, b + 2, tab, 0);
    show("trtr none", b + 2);
    memcpy(b, "xbc", 3);
    TRT_RUN("trtr", 3, b + 2, tab, 1);
    show("trtr on last (leftmost)", b + 2);

    /* no hit in page 0: the scan needs page 1 */
    pf_fill();
    memset(tab, 0, 256);
    PF_CASE("trt op1->NONE", 1, PROT_NONE, TRT_RUN("trt", 64, b + PG - 32, tab, 2));
    pf_fill();
    memset(tab, 0, 256);
    PF_CASE("trtr op1 NONE<-", 0, PROT_NONE, TRT_RUN("trtr", 64, b + PG + 31, tab, 1));
    pf_fill();
    memset(b + PG - 128, 0, 128);
    memcpy(pf_aux + 1024, "\x10\x20\x30\x90", 4);  /* 0x90 is in page 1 */
    PF_CASE("trt table->NONE", 1, PROT_NONE, TRT_RUN("trt", 4, pf_aux + 1024, b + PG - 128, 3));
    pf_fill();
    memset(b + PG - 128, 0, 128);
    memcpy(pf_aux + 1024, "\x10\x20\x30\x90", 4);
    PF_CASE("trtr table->NONE", 1, PROT_NONE, TRT_RUN("trtr", 4, pf_aux + 1027, b + PG - 128, 3));
    return 0;
}
