/* PKA (E9), PKU (E1), UNPKA (EA), UNPKU (E2): ASCII / Unicode digits to and
 * from a 16-byte packed field (op1 of PKA/PKU and op2 of UNPKA/UNPKU are
 * always 16 bytes), the CC of UNPKA/UNPKU (0 plus, 1 minus, 3 invalid
 * sign), digit codes A-F (never checked: no data exception), and faults
 * with an operand crossing into a protected page: these are fixed-length
 * single-unit instructions, so nothing is stored. */
#include "pf.h"

#define PKA_RUN(insn, l2, DST, SRC, cc)                                    \
    do {                                                                   \
        unsigned long d_ = (unsigned long)(DST), s_ = (unsigned long)(SRC);\
        pf_expect(4, d_);                                                  \
        pf_expect(5, s_);                                                  \
        register unsigned long r4_ asm("r4") = d_;                         \
        register unsigned long r5_ asm("r5") = s_;                         \
        register unsigned long r0_ asm("r0") = CCV(cc);                    \
        asm volatile("spm %[c]\n\t" insn " 0(%[d]),0(" #l2 ",%[s])\n\t"    \
                     "ipm %[c]"                                            \
                     : [c] "+d"(r0_)                                       \
                     : [d] "a"(r4_), [s] "a"(r5_)                          \
                     : "memory", "cc");                                    \
        g_cc = (int)(r0_ >> 28) & 3;                                       \
    } while (0)

/* UNPKA / UNPKU carry the length on the first operand. */
#define UNPKA_RUN(insn, l1, DST, SRC, cc)                                  \
    do {                                                                   \
        unsigned long d_ = (unsigned long)(DST), s_ = (unsigned long)(SRC);\
        pf_expect(4, d_);                                                  \
        pf_expect(5, s_);                                                  \
        register unsigned long r4_ asm("r4") = d_;                         \
        register unsigned long r5_ asm("r5") = s_;                         \
        register unsigned long r0_ asm("r0") = CCV(cc);                    \
        asm volatile("spm %[c]\n\t" insn " 0(" #l1 ",%[d]),0(%[s])\n\t"   \
                     "ipm %[c]"                                            \
                     : [c] "+d"(r0_)                                       \
                     : [d] "a"(r4_), [s] "a"(r5_)                          \
                     : "memory", "cc");                                    \
        g_cc = (int)(r0_ >> 28) & 3;                                       \
    } while (0)

int main(void)
{
    unsigned char *b;
    static const unsigned char pk_plus[16] = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x23, 0x45, 0x6c };
    static const unsigned char pk_minus[16] = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x09, 0x87, 0x6d };
    static const unsigned char pk_bad[16] = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x01, 0x23 };
    static const unsigned char pk_hex[16] = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0xab, 0xcd, 0xef, 0x1c };
    pf_init();
    b = pf_base;

    pf_fill();
    memcpy(pf_aux, "12345", 5);
    PKA_RUN("pka", 5, b, pf_aux, 2);
    pf_hex("pka \"12345\"", b, 16);
    printf("pka cc=%d\n", g_cc);
    memcpy(pf_aux, "9z8y", 4);                 /* zones are ignored */
    PKA_RUN("pka", 4, b + 16, pf_aux, 2);
    pf_hex("pka zones ignored", b + 16, 16);
    memcpy(pf_aux, "\0" "1\0" "2\0" "3", 6);   /* UTF-16BE "123" */
    PKA_RUN("pku", 6, b + 32, pf_aux, 2);
    pf_hex("pku \"123\"", b + 32, 16);

    UNPKA_RUN("unpka", 8, b + 64, pk_plus, 3);
    printf("unpka plus: %.8s cc=%d\n", (char *)b + 64, g_cc);
    UNPKA_RUN("unpka", 5, b + 80, pk_minus, 3);
    printf("unpka minus: %.5s cc=%d\n", (char *)b + 80, g_cc);
    UNPKA_RUN("unpka", 4, b + 88, pk_bad, 0);
    printf("unpka bad sign: %.4s cc=%d\n", (char *)b + 88, g_cc);
    UNPKA_RUN("unpku", 12, b + 96, pk_plus, 3);
    pf_hex("unpku plus", b + 96, 12);
    printf("unpku cc=%d\n", g_cc);

    /* Invalid digit codes are not checked by any of the four (no data
     * exception; only UNPKA/UNPKU look at the sign, for the CC).  PKA of
     * ":;<=>?" (low nibbles A-F) packs A B C D E F and the plus sign:
     * ...00 0a bc de fc, CC unchanged.  UNPKA of ...00 ab cd ef 1c (sign
     * C, digits A-F) to 8 bytes gives the rightmost 8 digits 0 A B C D E F
     * 1 with zone 3: "0:;<=>?1", CC 0; UNPKU to 12 bytes the rightmost 6,
     * 00 3b 00 3c 00 3d 00 3e 00 3f 00 31. */
    memcpy(pf_aux, ":;<=>?", 6);
    PKA_RUN("pka", 6, b + 128, pf_aux, 1);
    pf_hex("pka digits A-F", b + 128, 16);
    printf("pka digits A-F cc=%d\n", g_cc);
    UNPKA_RUN("unpka", 8, b + 160, pk_hex, 3);
    printf("unpka digits A-F: %.8s cc=%d\n", (char *)b + 160, g_cc);
    UNPKA_RUN("unpku", 12, b + 176, pk_hex, 3);
    pf_hex("unpku digits A-F", b + 176, 12);
    printf("unpku digits A-F cc=%d\n", g_cc);

    pf_fill();
    memcpy(pf_aux, "1234567890", 10);
    PF_CASE("pka op1->READ", 1, PROT_READ, PKA_RUN("pka", 10, b + PG - 8, pf_aux, 1));
    pf_fill();
    memcpy(pf_aux, "1234567890", 10);
    PF_CASE("pka op1 READ->", 0, PROT_READ, PKA_RUN("pka", 10, b + PG - 8, pf_aux, 1));
    pf_fill();
    memset(b + PG - 4, '7', 4);
    PF_CASE("pka op2->NONE", 1, PROT_NONE, PKA_RUN("pka", 10, pf_aux, b + PG - 4, 1));
    pf_fill();
    memcpy(b + PG - 8, pk_plus, 16);
    PF_CASE("unpka op2->NONE", 1, PROT_NONE, UNPKA_RUN("unpka", 8, pf_aux, b + PG - 8, 2));
    pf_fill();
    memcpy(pf_aux, pk_plus, 16);
    PF_CASE("unpka op1->READ", 1, PROT_READ, UNPKA_RUN("unpka", 16, b + PG - 8, pf_aux, 2));
    pf_fill();
    memcpy(pf_aux, pk_plus, 16);
    PF_CASE("unpka op1 READ->", 0, PROT_READ, UNPKA_RUN("unpka", 16, b + PG - 8, pf_aux, 2));
    pf_fill();
    memcpy(pf_aux, pk_plus, 16);
    PF_CASE("unpku op1 READ->", 0, PROT_READ, UNPKA_RUN("unpku", 32, b + PG - 8, pf_aux, 0));
    pf_fill();
    memcpy(pf_aux, "\0" "1\0" "2\0" "3\0" "4", 8);
    PF_CASE("pku op1 READ->", 0, PROT_READ, PKA_RUN("pku", 8, b + PG - 8, pf_aux, 0));
    return 0;
}
