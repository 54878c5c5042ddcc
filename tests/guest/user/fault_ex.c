/* EXECUTE (44) and EXECUTE RELATIVE LONG (C6x0) of MVC / XC / TR / CLC with
 * the length taken from bits 56-63 of a register (ORed into the L field),
 * and faults of the executed instruction across a page boundary: the PSW
 * of the interruption points at the EXECUTE instruction, nothing stored. */
#include "pf.h"

#define EX_RUN(tmpl, LEN, DST, SRC, cc, rel)                               \
    do {                                                                   \
        unsigned long d_ = (unsigned long)(DST), s_ = (unsigned long)(SRC);\
        pf_expect(4, d_);                                                  \
        pf_expect(5, s_);                                                  \
        pf_expect(3, (unsigned long)(LEN));                                \
        register unsigned long r3_ asm("r3") = (unsigned long)(LEN);       \
        register unsigned long r4_ asm("r4") = d_;                         \
        register unsigned long r5_ asm("r5") = s_;                         \
        register unsigned long r0_ asm("r0") = CCV(cc);                    \
        if (rel)                                                           \
            asm volatile("spm %[c]\n\t"                                   \
                         "exrl %%r3,2f\n\tj 3f\n"                           \
                         "2:\t" tmpl " 0(1,%%r4),0(%%r5)\n"                \
                         "3:\tipm %[c]"                                    \
                         : [c] "+d"(r0_)                                   \
                         : "d"(r3_), "a"(r4_), "a"(r5_)                    \
                         : "memory", "cc");                                \
        else                                                               \
            asm volatile("spm %[c]\n\t"                                   \
                         "j 1f\n0:\t" tmpl " 0(1,%%r4),0(%%r5)\n"          \
                         "1:\tlarl %%r1,0b\n"                              \
                         "ex %%r3,0(%%r1)\n\t"                             \
                         "ipm %[c]"                                        \
                         : [c] "+d"(r0_)                                   \
                         : "d"(r3_), "a"(r4_), "a"(r5_)                    \
                         : "memory", "cc", "r1");                          \
        g_cc = (int)(r0_ >> 28) & 3;                                       \
    } while (0)

static void where(const char *label)
{
    /* the handler read the two bytes at the interrupted PSW address:
     * EX %r3 is 44 30, EXRL %r3 is c6 30 */
    printf("%s: psw at %s\n", label,
           pf_at == 0x4430 ? "EX" : pf_at == 0xc630 ? "EXRL" : "the wrong place");
}

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;

    pf_fill();
    EX_RUN("mvc", 7, b, pf_aux, 1, 0);       /* L = 0 | 7: 8 bytes */
    pf_hex("ex mvc", b, 9);
    EX_RUN("xc", 0x103, b, b, 2, 1);         /* only bits 56-63: 4 bytes */
    pf_hex("exrl xc", b, 9);
    printf("exrl xc cc=%d\n", g_cc);
    EX_RUN("clc", 3, b, pf_aux, 0, 0);
    printf("ex clc cc=%d\n", g_cc);

    pf_fill();
    PF_CASE("ex mvc ->NONE", 1, PROT_NONE, EX_RUN("mvc", 31, b + PG - 16, pf_aux, 1, 0));
    where("ex mvc ->NONE");
    pf_fill();
    PF_CASE("exrl mvc ->READ", 1, PROT_READ, EX_RUN("mvc", 255, b + PG - 16, pf_aux, 1, 1));
    where("exrl mvc ->READ");
    pf_fill();
    PF_CASE("ex xc ->READ", 1, PROT_READ, EX_RUN("xc", 31, b + PG - 16, b + PG - 16, 3, 0));
    where("ex xc ->READ");
    pf_fill();
    PF_CASE("exrl tr ->READ", 1, PROT_READ, EX_RUN("tr", 31, b + PG - 16, pf_aux, 3, 1));
    where("exrl tr ->READ");
    return 0;
}
