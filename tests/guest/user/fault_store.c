/* Single-operand stores and loads that span a page boundary (unaligned):
 * ST, STY, STG, STH, MVHI, MVGHI, STCM, STRL-free forms, and L, LG, LH,
 * LLGF, ICM; the part in the accessible page must not be stored, and a
 * load must not change its register, when the other page faults. */
#include "pf.h"

#define VAL 0x0123456789abcdefUL

#define ST_RUN(text, ADDR)                                                 \
    do {                                                                   \
        unsigned long a_ = (unsigned long)(ADDR);                          \
        pf_expect(4, a_);                                                  \
        pf_expect(6, VAL);                                                 \
        register unsigned long r4_ asm("r4") = a_;                         \
        register unsigned long r6_ asm("r6") = VAL;                        \
        asm volatile(text : "+d"(r6_) : "a"(r4_) : "memory");              \
        g_val = r6_;                                                       \
    } while (0)

static unsigned long g_val;

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;
    pf_hide_cc = 1;

    pf_fill();
    ST_RUN("st %%r6,0(%%r4)", b + 1);
    ST_RUN("stg %%r6,8(%%r4)", b + 1);
    ST_RUN("sth %%r6,20(%%r4)", b + 1);
    ST_RUN("stcm %%r6,5,24(%%r4)", b + 1);
    ST_RUN("mvhi 28(%%r4),-2", b + 1);
    ST_RUN("mvghi 32(%%r4),300", b + 1);
    pf_hex("stores", b + 1, 40);
    memcpy(b + 100, "\x80\x01\x02\x03\x04\x05\x06\x07", 8);
    ST_RUN("l %%r6,0(%%r4)", b + 100);
    printf("l: %016lx\n", g_val);
    ST_RUN("lg %%r6,0(%%r4)", b + 100);
    printf("lg: %016lx\n", g_val);
    ST_RUN("lh %%r6,0(%%r4)", b + 100);
    printf("lh: %016lx\n", g_val);
    ST_RUN("lgf %%r6,0(%%r4)", b + 100);
    printf("lgf: %016lx\n", g_val);
    ST_RUN("llgf %%r6,0(%%r4)", b + 100);
    printf("llgf: %016lx\n", g_val);
    ST_RUN("icm %%r6,10,0(%%r4)", b + 100);
    printf("icm: %016lx\n", g_val);

    pf_fill();
    PF_CASE("st ->READ", 1, PROT_READ, ST_RUN("st %%r6,0(%%r4)", b + PG - 2));
    pf_fill();
    PF_CASE("sty ->NONE", 1, PROT_NONE, ST_RUN("sty %%r6,-4096(%%r4)", b + 2 * PG - 1));
    pf_fill();
    PF_CASE("stg ->READ", 1, PROT_READ, ST_RUN("stg %%r6,0(%%r4)", b + PG - 5));
    pf_fill();
    PF_CASE("stg READ->", 0, PROT_READ, ST_RUN("stg %%r6,0(%%r4)", b + PG - 3));
    pf_fill();
    PF_CASE("sth ->NONE", 1, PROT_NONE, ST_RUN("sth %%r6,0(%%r4)", b + PG - 1));
    pf_fill();
    PF_CASE("stcm ->READ", 1, PROT_READ, ST_RUN("stcm %%r6,15,0(%%r4)", b + PG - 1));
    pf_fill();
    PF_CASE("mvhi ->READ", 1, PROT_READ, ST_RUN("mvhi 0(%%r4),-1", b + PG - 3));
    pf_fill();
    PF_CASE("mvghi ->READ", 1, PROT_READ, ST_RUN("mvghi 0(%%r4),-1", b + PG - 7));
    pf_fill();
    PF_CASE("l ->NONE", 1, PROT_NONE, ST_RUN("l %%r6,0(%%r4)", b + PG - 2));
    pf_fill();
    PF_CASE("lg ->NONE", 1, PROT_NONE, ST_RUN("lg %%r6,0(%%r4)", b + PG - 1));
    pf_fill();
    PF_CASE("lg NONE->", 0, PROT_NONE, ST_RUN("lg %%r6,0(%%r4)", b + PG - 7));
    pf_fill();
    PF_CASE("icm ->NONE", 1, PROT_NONE, ST_RUN("icm %%r6,15,0(%%r4)", b + PG - 3));
    return 0;
}
