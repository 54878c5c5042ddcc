/* XC / NC / OC (D7 / D4 / D6): results and CC (0 zero, 1 nonzero), XC of an
 * operand with itself (clearing, as memset does), and faults with the
 * first operand (an update operand) crossing into a PROT_READ or PROT_NONE
 * page and the second operand crossing into PROT_NONE: nothing stored,
 * CC and registers unchanged, PSW at the instruction. */
#include "pf.h"

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;

    pf_fill();
    memcpy(b, "\x0f\xf0\x55\xaa", 4);
    memcpy(pf_aux, "\xff\x0f\x55\x55", 4);
    SS_RUN("xc", 4, b, pf_aux, 3);
    pf_hex("xc", b, 4);
    printf("xc cc=%d\n", g_cc);
    SS_RUN("xc", 4, b + 8, b + 8, 3);
    pf_hex("xc self", b + 8, 4);
    printf("xc self cc=%d\n", g_cc);

    memcpy(b, "\x0f\xf0\x55\xaa", 4);
    SS_RUN("nc", 4, b, pf_aux, 3);
    pf_hex("nc", b, 4);
    printf("nc cc=%d\n", g_cc);
    memcpy(b, "\x0f\xf0\xaa\xaa", 4);
    memcpy(pf_aux, "\xf0\x0f\x55\x55", 4);
    SS_RUN("nc", 4, b, pf_aux, 3);
    pf_hex("nc zero", b, 4);
    printf("nc zero cc=%d\n", g_cc);
    SS_RUN("oc", 4, b, pf_aux, 3);
    pf_hex("oc", b, 4);
    printf("oc cc=%d\n", g_cc);
    memset(b, 0, 4);
    memset(pf_aux, 0, 4);
    SS_RUN("oc", 4, b, pf_aux, 3);
    printf("oc zero cc=%d\n", g_cc);

    pf_fill();
    PF_CASE("xc op1->READ", 1, PROT_READ, SS_RUN("xc", 32, b + PG - 16, pf_aux, 2));
    pf_fill();
    PF_CASE("xc self->READ", 1, PROT_READ, SS_RUN("xc", 256, b + PG - 200, b + PG - 200, 2));
    pf_fill();
    PF_CASE("xc op1->NONE", 1, PROT_NONE, SS_RUN("xc", 32, b + PG - 16, pf_aux, 2));
    pf_fill();
    PF_CASE("xc op2->NONE", 1, PROT_NONE, SS_RUN("xc", 32, pf_aux, b + PG - 16, 1));
    pf_fill();
    PF_CASE("nc op1->READ", 1, PROT_READ, SS_RUN("nc", 32, b + PG - 16, pf_aux, 1));
    pf_fill();
    PF_CASE("nc op1 READ->", 0, PROT_READ, SS_RUN("nc", 32, b + PG - 16, pf_aux, 1));
    pf_fill();
    PF_CASE("nc op2->NONE", 1, PROT_NONE, SS_RUN("nc", 32, pf_aux, b + PG - 16, 0));
    pf_fill();
    PF_CASE("oc op1->READ", 1, PROT_READ, SS_RUN("oc", 32, b + PG - 16, pf_aux, 0));
    pf_fill();
    PF_CASE("oc op1->NONE", 1, PROT_NONE, SS_RUN("oc", 32, b + PG - 16, pf_aux, 0));
    pf_fill();
    PF_CASE("oc op2 NONE->", 0, PROT_NONE, SS_RUN("oc", 32, pf_aux, b + PG - 16, 3));
    return 0;
}
