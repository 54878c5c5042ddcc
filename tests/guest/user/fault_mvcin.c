/* MVCIN (E8): op2 (addressed by its rightmost byte) is moved in inverse
 * order; faults with op1 crossing into PROT_READ / PROT_NONE and op2
 * crossing a PROT_NONE page on either side: nothing stored. */
#include "pf.h"

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;

    pf_fill();
    memcpy(pf_aux, "ABCDEFGH", 8);
    SS_RUN("mvcin", 8, b, pf_aux + 7, 1);
    printf("mvcin: %.8s cc=%d\n", (char *)b, g_cc);
    SS_RUN("mvcin", 1, b + 16, pf_aux + 2, 1);
    printf("mvcin 1: %c\n", b[16]);

    pf_fill();
    PF_CASE("mvcin op1->READ", 1, PROT_READ, SS_RUN("mvcin", 32, b + PG - 16, pf_aux + 31, 2));
    pf_fill();
    PF_CASE("mvcin op1->NONE", 1, PROT_NONE, SS_RUN("mvcin", 32, b + PG - 16, pf_aux + 31, 2));
    pf_fill();
    PF_CASE("mvcin op1 READ->", 0, PROT_READ, SS_RUN("mvcin", 32, b + PG - 16, pf_aux + 31, 2));
    pf_fill();
    PF_CASE("mvcin op2->NONE", 1, PROT_NONE, SS_RUN("mvcin", 32, pf_aux, b + PG + 15, 0));
    pf_fill();
    PF_CASE("mvcin op2 NONE->", 0, PROT_NONE, SS_RUN("mvcin", 32, pf_aux, b + PG + 15, 0));
    return 0;
}
