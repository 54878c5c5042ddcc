/* CLC (D5): CC 0/1/2 (unsigned, left to right) and faults when the compare
 * must go on into a PROT_NONE page (the operands are equal in page 0):
 * CC and registers unchanged, PSW at CLC. */
#include "pf.h"

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;

    pf_fill();
    memcpy(b, "abcdef", 6);
    memcpy(pf_aux, "abcdef", 6);
    SS_RUN("clc", 6, b, pf_aux, 3);
    printf("clc equal cc=%d\n", g_cc);
    pf_aux[3] = 'z';
    SS_RUN("clc", 6, b, pf_aux, 3);
    printf("clc low cc=%d\n", g_cc);
    pf_aux[3] = 0x01;
    SS_RUN("clc", 6, b, pf_aux, 3);
    printf("clc high cc=%d\n", g_cc);
    b[0] = 0x80; pf_aux[0] = 0x7f;       /* unsigned: 0x80 > 0x7f */
    SS_RUN("clc", 1, b, pf_aux, 3);
    printf("clc unsigned cc=%d\n", g_cc);

    /* equal through the boundary: the compare needs page 1 */
    pf_fill();
    memcpy(pf_aux, b + PG - 16, 16);
    PF_CASE("clc op1->NONE", 1, PROT_NONE, SS_RUN("clc", 32, b + PG - 16, pf_aux, 1));
    pf_fill();
    memcpy(pf_aux, b + PG - 16, 16);
    PF_CASE("clc op2->NONE", 1, PROT_NONE, SS_RUN("clc", 32, pf_aux, b + PG - 16, 2));
    pf_fill();
    memcpy(pf_aux, b + PG - 16, 16);
    PF_CASE("clc op1->READ", 1, PROT_READ, SS_RUN("clc", 32, b + PG - 16, pf_aux, 3));
    printf("clc op1->READ cc=%d\n", g_cc);
    pf_fill();
    PF_CASE("clc op1 NONE->", 0, PROT_NONE, SS_RUN("clc", 32, b + PG - 16, pf_aux, 0));
    return 0;
}
