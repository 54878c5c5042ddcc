/* MVZ (D3) and MVN (D1): zone / numeric nibbles moved, the other nibble
 * kept; the overlap rule (one byte at a time, left to right); faults with
 * op1 crossing into PROT_READ / PROT_NONE and op2 into PROT_NONE. */
#include "pf.h"

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;

    pf_fill();
    memcpy(b, "\x12\x34\x56\x78", 4);
    memcpy(pf_aux, "\xab\xcd\xef\x90", 4);
    SS_RUN("mvz", 4, b, pf_aux, 1);
    pf_hex("mvz", b, 4);
    memcpy(b, "\x12\x34\x56\x78", 4);
    SS_RUN("mvn", 4, b, pf_aux, 1);
    pf_hex("mvn", b, 4);
    memcpy(b + 16, "\xf1\x02\x03\x04\x05", 5);
    SS_RUN("mvz", 4, b + 17, b + 16, 1);      /* zone 0xf ripples right */
    pf_hex("mvz ripple", b + 16, 5);
    printf("cc=%d\n", g_cc);

    pf_fill();
    PF_CASE("mvz op1->READ", 1, PROT_READ, SS_RUN("mvz", 64, b + PG - 32, pf_aux, 2));
    pf_fill();
    PF_CASE("mvz op1->NONE", 1, PROT_NONE, SS_RUN("mvz", 64, b + PG - 32, pf_aux, 2));
    pf_fill();
    PF_CASE("mvz op2->NONE", 1, PROT_NONE, SS_RUN("mvz", 64, pf_aux, b + PG - 32, 2));
    pf_fill();
    PF_CASE("mvn op1->READ", 1, PROT_READ, SS_RUN("mvn", 64, b + PG - 32, pf_aux, 0));
    pf_fill();
    PF_CASE("mvn op1 READ->", 0, PROT_READ, SS_RUN("mvn", 64, b + PG - 32, pf_aux, 0));
    pf_fill();
    PF_CASE("mvn op2->NONE", 1, PROT_NONE, SS_RUN("mvn", 64, pf_aux, b + PG - 32, 0));
    return 0;
}
