/* ED (DE) and EDMK (DF): editing packed decimal with a pattern (fill byte,
 * digit selectors, significance starter, field separator, message bytes),
 * the CC (0 zero, 1 less than zero, 2 greater than zero), GR1 from EDMK,
 * and faults with the pattern (op1, updated left to right) crossing into a
 * PROT_READ / PROT_NONE page or the source crossing into PROT_NONE:
 * nothing stored, GR1 and the CC unchanged. */
#include "pf.h"

#define R1_INIT 0x1111111111111111UL

static unsigned long g_r1;

#define ED_RUN(insn, len, OP1, SRC, cc)                                    \
    do {                                                                   \
        unsigned long d_ = (unsigned long)(OP1), s_ = (unsigned long)(SRC);\
        pf_expect(1, R1_INIT);                                             \
        pf_expect(4, d_);                                                  \
        pf_expect(5, s_);                                                  \
        register unsigned long r1_ asm("r1") = R1_INIT;                    \
        register unsigned long r4_ asm("r4") = d_;                         \
        register unsigned long r5_ asm("r5") = s_;                         \
        register unsigned long r0_ asm("r0") = CCV(cc);                    \
        asm volatile("spm %[c]\n\t" insn " 0(" #len ",%[d]),0(%[s])\n\t"   \
                     "ipm %[c]"                                            \
                     : [c] "+d"(r0_), "+d"(r1_)                            \
                     : [d] "a"(r4_), [s] "a"(r5_)                          \
                     : "memory", "cc");                                    \
        g_cc = (int)(r0_ >> 28) & 3;                                       \
        g_r1 = r1_;                                                        \
    } while (0)

/* fill ' ', d d ',' d ss d '.' d d : 7 digits */
static const unsigned char pat[10] = {
    0x40, 0x20, 0x20, 0x6b, 0x20, 0x21, 0x20, 0x4b, 0x20, 0x20 };

static void edit(const char *what, const char *insn, const unsigned char *src)
{
    unsigned char *d = pf_base + 512;
    memcpy(d, pat, sizeof pat);
    if (sigsetjmp(pf_jmp, 1)) {                /* e.g. not implemented */
        printf("%s %s: signal %d\n", insn, what, (int)pf_sig);
        return;
    }
    if (insn[1] == 'd' && insn[2] == 'm')
        ED_RUN("edmk", 10, d, src, 3);
    else
        ED_RUN("ed", 10, d, src, 3);
    printf("%s %s:", insn, what);
    for (int i = 0; i < 10; i++)
        printf(" %02x", d[i]);
    printf(" cc=%d", g_cc);
    if (insn[1] == 'd' && insn[2] == 'm')
        printf(" r1=%s%+ld", g_r1 == R1_INIT ? "unchanged" : "op1",
               g_r1 == R1_INIT ? 0L : (long)(g_r1 - (unsigned long)d));
    printf("\n");
}

int main(void)
{
    static const unsigned char plus[] = { 0x00, 0x12, 0x34, 0x5c };
    static const unsigned char minus[] = { 0x00, 0x12, 0x34, 0x5d };
    static const unsigned char zero[] = { 0x00, 0x00, 0x00, 0x0c };
    static const unsigned char small[] = { 0x00, 0x00, 0x00, 0x7f };
    static const unsigned char big[] = { 0x98, 0x76, 0x54, 0x3c };
    unsigned char *b;
    pf_init();
    b = pf_base;

    pf_fill();
    edit("plus", "ed", plus);
    edit("minus", "ed", minus);
    edit("zero", "ed", zero);
    edit("small", "ed", small);
    edit("big", "ed", big);
    edit("plus", "edmk", plus);
    edit("zero", "edmk", zero);
    edit("small", "edmk", small);
    edit("big", "edmk", big);
    {
        /* two fields: +012 and -005; the field separator resets
         * significance; the last field sets the CC; the message bytes
         * "CR" are kept as the minus sign leaves significance on */
        static const unsigned char p2[] = {
            0x5c, 0x20, 0x20, 0x20, 0x22, 0x21, 0x20, 0x20, 0xc3, 0xd9 };
        static const unsigned char s2[] = { 0x01, 0x2c, 0x00, 0x5d };
        unsigned char *d = b + 600;
        memcpy(d, p2, sizeof p2);
        if (sigsetjmp(pf_jmp, 1) == 0) {
            ED_RUN("ed", 10, d, s2, 3);
            pf_hex("ed two fields", d, 10);
            printf("ed two fields cc=%d\n", g_cc);
        } else {
            printf("ed two fields: signal %d\n", (int)pf_sig);
        }
    }

    pf_fill();
    memcpy(b + PG - 5, pat, 10);
    memcpy(pf_aux, plus, 4);
    PF_CASE("ed op1->READ", 1, PROT_READ, ED_RUN("ed", 10, b + PG - 5, pf_aux, 1));
    pf_fill();
    memcpy(b + PG - 5, pat, 10);
    PF_CASE("edmk op1->READ", 1, PROT_READ, ED_RUN("edmk", 10, b + PG - 5, pf_aux, 1));
    pf_fill();
    memcpy(b + PG - 5, pat, 10);
    PF_CASE("ed op1->NONE", 1, PROT_NONE, ED_RUN("ed", 10, b + PG - 5, pf_aux, 1));
    pf_fill();
    memcpy(b + PG - 5, pat, 10);
    PF_CASE("ed op1 READ->", 0, PROT_READ, ED_RUN("ed", 10, b + PG - 5, pf_aux, 1));
    pf_fill();
    memcpy(pf_aux, pat, 10);
    memcpy(b + PG - 2, plus, 4);
    PF_CASE("ed op2->NONE", 1, PROT_NONE, ED_RUN("ed", 10, pf_aux, b + PG - 2, 2));
    pf_fill();
    memcpy(pf_aux, pat, 10);
    memcpy(b + PG - 2, plus, 4);
    PF_CASE("edmk op2->NONE", 1, PROT_NONE, ED_RUN("edmk", 10, pf_aux, b + PG - 2, 2));
    return 0;
}
