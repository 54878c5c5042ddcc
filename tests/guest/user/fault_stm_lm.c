/* STM / STMG / STMH / STAM and LM / LMG / LMH / LAM (multiple-register
 * stores and loads, with wraparound from r15 to r0 skipped here: r6-r9 and
 * a2-a5 are used) across a page boundary into PROT_READ / PROT_NONE pages:
 * a store stores nothing and a load changes no register when it faults;
 * the handler checks r6-r9 (and a2-a5) in the interrupted context. */
#include "pf.h"

#define V6 0x6666666606060606UL
#define V7 0x7777777707070707UL
#define V8 0x8888888808080808UL
#define V9 0x9999999909090909UL

static unsigned long out[4];
static unsigned g_ar[4];

#define MR_RUN(insn, ADDR)                                                 \
    do {                                                                   \
        unsigned long a_ = (unsigned long)(ADDR);                          \
        pf_expect(6, V6); pf_expect(7, V7);                                \
        pf_expect(8, V8); pf_expect(9, V9);                                \
        pf_expect(4, a_);                                                  \
        register unsigned long r4_ asm("r4") = a_;                         \
        register unsigned long r6_ asm("r6") = V6;                         \
        register unsigned long r7_ asm("r7") = V7;                         \
        register unsigned long r8_ asm("r8") = V8;                         \
        register unsigned long r9_ asm("r9") = V9;                         \
        asm volatile(insn " %%r6,%%r9,0(%[a])"                             \
                     : "+d"(r6_), "+d"(r7_), "+d"(r8_), "+d"(r9_)          \
                     : [a] "a"(r4_)                                        \
                     : "memory");                                          \
        out[0] = r6_; out[1] = r7_; out[2] = r8_; out[3] = r9_;            \
    } while (0)

static void show(const char *what)
{
    printf("%s: %016lx %016lx %016lx %016lx\n", what, out[0], out[1], out[2], out[3]);
}

/* a2-a5 <- 0xa2..0xa5 via LAM from memory, then run LAM/STAM at ADDR */
static const unsigned arinit[4] = { 0xa2a2a2a2, 0xa3a3a3a3, 0xa4a4a4a4, 0xa5a5a5a5 };

static void ar_run(int store, unsigned char *addr)
{
    register unsigned long r4_ asm("r4") = (unsigned long)addr;
    pf_expect(4, (unsigned long)addr);
    if (store)
        asm volatile("lam %%a2,%%a5,%[i]\n\tstam %%a2,%%a5,0(%[a])\n\t"
                     "stam %%a2,%%a5,%[o]"
                     : [o] "=Q"(g_ar) : [a] "a"(r4_), [i] "Q"(arinit) : "memory");
    else
        asm volatile("lam %%a2,%%a5,%[i]\n\tlam %%a2,%%a5,0(%[a])\n\t"
                     "stam %%a2,%%a5,%[o]"
                     : [o] "=Q"(g_ar) : [a] "a"(r4_), [i] "Q"(arinit) : "memory");
}

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;

    pf_fill();
    MR_RUN("stm", b);
    pf_hex("stm", b, 16);
    MR_RUN("stmg", b + 16);
    pf_hex("stmg", b + 16, 32);
    MR_RUN("stmh", b + 48);
    pf_hex("stmh", b + 48, 16);
    for (int i = 0; i < 32; i++)
        b[128 + i] = (unsigned char)(0xc0 + i);
    MR_RUN("lm", b + 128);
    show("lm");
    MR_RUN("lmg", b + 128);
    show("lmg");
    MR_RUN("lmh", b + 128);
    show("lmh");
    ar_run(1, b + 256);
    pf_hex("stam", b + 256, 16);
    for (int i = 0; i < 16; i++)
        b[300 + i] = (unsigned char)(0x10 + i);
    ar_run(0, b + 300);
    printf("lam: %08x %08x %08x %08x\n", g_ar[0], g_ar[1], g_ar[2], g_ar[3]);

    pf_hide_cc = 1;          /* nothing here sets the CC first */
    pf_fill();
    PF_CASE("stm ->READ", 1, PROT_READ, MR_RUN("stm", b + PG - 8));
    pf_fill();
    PF_CASE("stmg ->READ", 1, PROT_READ, MR_RUN("stmg", b + PG - 8));
    pf_fill();
    PF_CASE("stmg READ->", 0, PROT_READ, MR_RUN("stmg", b + PG - 24));
    pf_fill();
    PF_CASE("stmh ->NONE", 1, PROT_NONE, MR_RUN("stmh", b + PG - 4));
    pf_fill();
    PF_CASE("lm ->NONE", 1, PROT_NONE, MR_RUN("lm", b + PG - 12));
    pf_fill();
    PF_CASE("lmg ->NONE", 1, PROT_NONE, MR_RUN("lmg", b + PG - 24));
    pf_fill();
    PF_CASE("lmg NONE->", 0, PROT_NONE, MR_RUN("lmg", b + PG - 8));
    pf_fill();
    PF_CASE("lmh ->NONE", 1, PROT_NONE, MR_RUN("lmh", b + PG - 8));
    pf_fill();
    PF_CASE("stam ->READ", 1, PROT_READ, ar_run(1, b + PG - 8));
    pf_fill();
    PF_CASE("lam ->NONE", 1, PROT_NONE, ar_run(0, b + PG - 8));
    printf("lam ->NONE: a2-a5 %s\n",
           pf_aregs[2] == arinit[0] && pf_aregs[3] == arinit[1] &&
           pf_aregs[4] == arinit[2] && pf_aregs[5] == arinit[3] ? "unchanged" : "CHANGED");
    return 0;
}
