/* TR (DC): translation of op1 through a 256-byte table, and faults with op1
 * crossing into a PROT_READ / PROT_NONE page (op1 is fetched and stored) or
 * the table crossing into PROT_NONE where a referenced table byte lies:
 * a fixed-length instruction stores nothing when it faults. */
#include "pf.h"

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;

    pf_fill();
    memcpy(b, "\x00\x01\x02\x10\x80\xfe\xff\x00", 8);
    SS_RUN("tr", 8, b, pf_aux, 2);         /* table[i] = i*11 + 0x40 */
    pf_hex("tr", b, 8);
    printf("tr cc=%d\n", g_cc);
    for (int i = 0; i < 256; i++)
        pf_aux[i] = (unsigned char)(255 - i);
    memcpy(b, "Hello", 5);
    SS_RUN("tr", 5, b, pf_aux, 0);
    pf_hex("tr invert", b, 5);

    pf_fill();
    PF_CASE("tr op1->READ", 1, PROT_READ, SS_RUN("tr", 64, b + PG - 32, pf_aux, 1));
    pf_fill();
    PF_CASE("tr op1->NONE", 1, PROT_NONE, SS_RUN("tr", 64, b + PG - 32, pf_aux, 1));
    pf_fill();
    PF_CASE("tr op1 READ->", 0, PROT_READ, SS_RUN("tr", 64, b + PG - 32, pf_aux, 2));
    pf_fill();
    PF_CASE("tr op1 NONE->", 0, PROT_NONE, SS_RUN("tr", 64, b + PG - 32, pf_aux, 2));
    pf_fill();
    memcpy(pf_aux + 1024, "\x10\x20\x30\x90", 4);  /* 0x90 is in page 1 */
    PF_CASE("tr table->NONE", 1, PROT_NONE, SS_RUN("tr", 4, pf_aux + 1024, b + PG - 128, 3));
    return 0;
}
