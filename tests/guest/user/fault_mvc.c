/* MVC (D2) from real guest code: results, the overlap (byte replication)
 * rule, and faults when either operand crosses into a PROT_NONE or
 * PROT_READ page: nothing stored, r4/r5 and the CC unchanged, PSW at MVC. */
#include "pf.h"

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;

    pf_fill();
    SS_RUN("mvc", 16, b + 100, pf_aux, 2);
    pf_hex("mvc16", b + 100, 16);
    printf("cc after mvc (preset 2): %d\n", g_cc);

    pf_fill();
    b[200] = 0xAB;
    SS_RUN("mvc", 20, b + 201, b + 200, 0); /* d = s + 1: replicate */
    pf_hex("mvc replicate", b + 199, 23);

    pf_fill();
    SS_RUN("mvc", 256, b + PG - 128, pf_aux, 0);   /* crosses, no protection */
    printf("mvc256 across boundary: %s\n",
           memcmp(b + PG - 128, pf_aux, 256) == 0 ? "ok" : "BAD");

    pf_fill();
    PF_CASE("mvc dst->NONE", 1, PROT_NONE, SS_RUN("mvc", 20, b + PG - 10, pf_aux, 1));
    pf_fill();
    PF_CASE("mvc dst->READ", 1, PROT_READ, SS_RUN("mvc", 20, b + PG - 10, pf_aux, 1));
    pf_fill();
    PF_CASE("mvc dst NONE->", 0, PROT_NONE, SS_RUN("mvc", 20, b + PG - 10, pf_aux, 3));
    pf_fill();
    PF_CASE("mvc dst READ->", 0, PROT_READ, SS_RUN("mvc", 256, b + PG - 1, pf_aux, 3));
    pf_fill();
    PF_CASE("mvc src->NONE", 1, PROT_NONE, SS_RUN("mvc", 20, pf_aux, b + PG - 10, 2));
    pf_fill();
    PF_CASE("mvc src NONE->", 0, PROT_NONE, SS_RUN("mvc", 200, pf_aux, b + PG - 100, 2));
    pf_fill();
    PF_CASE("mvc src->NONE last byte", 1, PROT_NONE, SS_RUN("mvc", 256, pf_aux, b + PG - 255, 0));
    pf_fill();
    PF_CASE("mvc both cross, dst->READ", 1, PROT_READ, SS_RUN("mvc", 100, b + PG - 50, b + PG - 60, 1));
    return 0;
}
