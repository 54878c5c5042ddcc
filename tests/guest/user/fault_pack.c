/* PACK (F2), UNPK (F3) and MVO (F1): results (right to left, zero fill /
 * truncation at the left), and faults with op1 crossing a protected page on
 * either side.  These work right to left, so with page 0 protected and
 * page 1 writable the bytes in page 1 are processed first: a fixed-length
 * instruction must still store nothing when it faults. */
#include "pf.h"

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;

    pf_fill();
    memcpy(pf_aux, "\xf1\xf2\xf3\xf4\xf5", 5);
    SSB_RUN("pack", 3, 5, b, pf_aux, 2);
    pf_hex("pack 5->3", b, 3);
    SSB_RUN("pack", 5, 5, b + 8, pf_aux, 2);
    pf_hex("pack 5->5 (zero fill)", b + 8, 5);
    SSB_RUN("pack", 2, 5, b + 16, pf_aux, 2);
    pf_hex("pack 5->2 (truncate)", b + 16, 2);
    printf("pack cc=%d\n", g_cc);
    memcpy(pf_aux + 16, "\x12\x34\x5c", 3);
    SSB_RUN("unpk", 5, 3, b + 24, pf_aux + 16, 1);
    pf_hex("unpk 3->5", b + 24, 5);
    SSB_RUN("unpk", 8, 3, b + 32, pf_aux + 16, 1);
    pf_hex("unpk 3->8 (zero fill)", b + 32, 8);
    SSB_RUN("unpk", 3, 3, b + 40, pf_aux + 16, 1);
    pf_hex("unpk 3->3 (truncate)", b + 40, 3);
    memcpy(b + 48, "\x77\x88\x99\x0c", 4);
    memcpy(pf_aux + 24, "\x01\x23\x45", 3);
    SSB_RUN("mvo", 4, 3, b + 48, pf_aux + 24, 1);
    pf_hex("mvo", b + 48, 4);
    memcpy(b + 56, "\x77\x88\x0d", 3);
    SSB_RUN("mvo", 3, 3, b + 56, pf_aux + 24, 1);
    pf_hex("mvo truncate", b + 56, 3);

    pf_fill();
    PF_CASE("pack op1->READ", 1, PROT_READ, SSB_RUN("pack", 8, 8, b + PG - 4, pf_aux, 1));
    pf_fill();
    PF_CASE("pack op1 READ->", 0, PROT_READ, SSB_RUN("pack", 8, 8, b + PG - 4, pf_aux, 1));
    pf_fill();
    PF_CASE("pack op1 NONE->", 0, PROT_NONE, SSB_RUN("pack", 8, 8, b + PG - 4, pf_aux, 1));
    pf_fill();
    PF_CASE("pack op2 NONE->", 0, PROT_NONE, SSB_RUN("pack", 8, 8, pf_aux, b + PG - 4, 1));
    pf_fill();
    PF_CASE("unpk op1->READ", 1, PROT_READ, SSB_RUN("unpk", 16, 8, b + PG - 8, pf_aux, 2));
    pf_fill();
    PF_CASE("unpk op1 READ->", 0, PROT_READ, SSB_RUN("unpk", 16, 8, b + PG - 8, pf_aux, 2));
    pf_fill();
    PF_CASE("unpk op1 NONE->", 0, PROT_NONE, SSB_RUN("unpk", 16, 8, b + PG - 8, pf_aux, 2));
    pf_fill();
    PF_CASE("unpk op2 NONE->", 0, PROT_NONE, SSB_RUN("unpk", 16, 8, pf_aux, b + PG - 4, 2));
    pf_fill();
    PF_CASE("mvo op1 READ->", 0, PROT_READ, SSB_RUN("mvo", 8, 8, b + PG - 4, pf_aux, 3));
    pf_fill();
    PF_CASE("mvo op2 NONE->", 0, PROT_NONE, SSB_RUN("mvo", 8, 8, pf_aux, b + PG - 4, 3));
    return 0;
}
