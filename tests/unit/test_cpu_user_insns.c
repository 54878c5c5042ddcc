/* Instructions added for Linux user mode (glibc start-up, stdio and code
 * built with -march=z196), through the dispatcher.  Each instruction is
 * encoded by hand (test_cpu.h), run once, and compared with values worked
 * out by hand from the instruction's definition (comments give the rule). */
#include <stdlib.h>

#include "test_cpu.h"

#define DATA 0x20000ULL



static void fresh(void) { tenv_fresh(); }

static Asm at_code(void) { return asm_at(E, CODE); }

static void run_ok(void)
{
    E->cpu.psw_addr = CODE;
    CHECK_EQ(step(E), CPU_STEP_OK);
}

static void run_pgm(unsigned code)
{
    E->cpu.psw_addr = CODE;
    CHECK_EQ(step(E), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(E), code);
    E->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
}

#define GR E->cpu.gr
#define FPR E->cpu.fpr
#define CC() cc_of(E)

/* ---- register-register forms: R2 <- a, R3 <- b, run "op 2,3" ---- */

typedef struct {
    uint16_t op;
    uint64_t a, b, r;
    int cc;             /* -1: unchanged (set to 1 before) */
} RegCase;

static const RegCase reg_cases[] = {
    { 0xB916, ~0ULL, 0xAAAAAAAA87654321ULL, 0x87654321ULL, -1 },           /* LLGFR */
    { 0xB917, 0, ~0ULL, 0x7FFFFFFFULL, -1 },                               /* LLGTR: bit 32 dropped */
    { 0xB984, ~0ULL, 0x1234, 0x34, -1 },                                   /* LLGCR */
    { 0xB994, 0xAAAAAAAA11111111ULL, 0x1FF, 0xAAAAAAAA000000FFULL, -1 },   /* LLCR: high half kept */
    { 0xB985, ~0ULL, 0x12345678, 0x5678, -1 },                             /* LLGHR */
    { 0xB995, 0xAAAAAAAA11111111ULL, 0x18765, 0xAAAAAAAA00008765ULL, -1 }, /* LLHR */
    { 0xB927, 0xAAAAAAAA00000000ULL, 0x8000, 0xAAAAAAAAFFFF8000ULL, -1 },  /* LHR: sign of bit 48 */
    { 0xB907, 0, 0x7FFF, 0x7FFF, -1 },                                     /* LGHR */
    { 0xB907, 0, 0xFFFF, ~0ULL, -1 },
    { 0xB926, 0xAAAAAAAA00000000ULL, 0x80, 0xAAAAAAAAFFFFFF80ULL, -1 },    /* LBR */
    { 0xB906, 0, 0x17F, 0x7F, -1 },                                        /* LGBR */
    { 0xB906, 0, 0x80, 0xFFFFFFFFFFFFFF80ULL, -1 },
    /* LNGR: -|b|, CC1 unless zero; the most negative number stays (no overflow) */
    { 0xB901, 0, 5, (uint64_t)-5, 1 },
    { 0xB901, 0, (uint64_t)-5, (uint64_t)-5, 1 },
    { 0xB901, 0, 0, 0, 0 },
    { 0xB901, 0, 0x8000000000000000ULL, 0x8000000000000000ULL, 1 },
    /* LCGFR: -(sign-extended low word); -(-2^31) = +2^31 fits: CC2 */
    { 0xB913, 0, 0x80000000, 0x80000000ULL, 2 },
    { 0xB913, 0, 5, (uint64_t)-5, 1 },
    { 0xB913, 0, 0xFFFFFFFF00000000ULL, 0, 0 },
    /* ALGFR: + zero-extended word; CC = 2*carry + nonzero */
    { 0xB91A, ~0ULL, 1, 0, 2 },
    { 0xB91A, 1, 0xFFFFFFFF, 0x100000000ULL, 1 },
    /* SLGFR: a - zero-extended b; no borrow -> carry */
    { 0xB91B, 5, 5, 0, 2 },
    { 0xB91B, 0, 1, ~0ULL, 1 },
    { 0xB91B, 0x100000000ULL, 0xFFFFFFFF, 1, 3 },
    /* LRVR / LRVGR: byte reversal */
    { 0xB91F, 0xAAAAAAAA00000000ULL, 0x11223344, 0xAAAAAAAA44332211ULL, -1 },
    { 0xB90F, 0, 0x0102030405060708ULL, 0x0807060504030201ULL, -1 },
};

TEST(user_insns_register_forms)
{
    fresh();
    for (size_t i = 0; i < sizeof(reg_cases) / sizeof(reg_cases[0]); i++) {
        const RegCase *c = &reg_cases[i];
        Asm a = at_code();
        RRE(&a, c->op, 2, 3);
        GR[2] = c->a;
        GR[3] = c->b;
        set_cc(E, 1);
        run_ok();
        if (GR[2] != c->r)
            fprintf(stderr, "  case %zu (op 0x%X): 0x%llx\n", i, c->op, (unsigned long long)GR[2]);
        CHECK_EQ(GR[2], c->r);
        CHECK_EQ(CC(), c->cc >= 0 ? (unsigned)c->cc : 1);
        CHECK_EQ(GR[3], c->b);
    }
}

/* ---- storage operand forms at DATA+0x110 (B2 = r4 = DATA, X2 = r5 = 0x100, D2 = 0x10) ---- */

typedef struct {
    uint16_t op;
    uint64_t mem;       /* 8 bytes at DATA+0x110 */
    uint64_t before, after;
    int cc;
} MemCase;

static const MemCase mem_cases[] = {
    /* LT / LTG / LTGF: load and test */
    { 0xE312, 0x8182838485868788ULL, 0xAAAAAAAA00000000ULL, 0xAAAAAAAA81828384ULL, 1 },
    { 0xE312, 0x0000000085868788ULL, 0xAAAAAAAA11111111ULL, 0xAAAAAAAA00000000ULL, 0 },
    { 0xE302, 0x8182838485868788ULL, 0, 0x8182838485868788ULL, 1 },
    { 0xE302, 0x0000000000000001ULL, 0, 1, 2 },
    { 0xE332, 0x8182838485868788ULL, 0, 0xFFFFFFFF81828384ULL, 1 },
    /* LLGT: 31 bits */
    { 0xE317, 0x8182838485868788ULL, ~0ULL, 0x01828384ULL, -1 },
    /* ICY: byte 0 into bits 56-63 */
    { 0xE373, 0x8182838485868788ULL, 0x1111, 0x1181, -1 },
    /* AY / SY (32-bit signed), AHY / SHY (halfword operand) */
    { 0xE35A, 0xFFFFFFFF00000000ULL, 0xAAAAAAAA00000005ULL, 0xAAAAAAAA00000004ULL, 2 },
    { 0xE35A, 0x0000000100000000ULL, 0x7FFFFFFF, 0x80000000ULL, 3 },
    { 0xE35B, 0x0000000500000000ULL, 5, 0, 0 },
    { 0xE37A, 0xFFFE000000000000ULL, 1, 0xFFFFFFFF, 1 },                  /* 1 + -2 */
    { 0xE37B, 0xFFFE000000000000ULL, 1, 3, 2 },                           /* 1 - -2 */
    /* ALGF / SLGF: zero-extended word */
    { 0xE31A, 0xFFFFFFFF00000000ULL, 1, 0x100000000ULL, 1 },
    { 0xE31B, 0x0000000200000000ULL, 1, ~0ULL, 1 },
    /* CY / CHY / CLY: compares, register unchanged */
    { 0xE359, 0xFFFFFFFF00000000ULL, 0, 0, 2 },                           /* 0 > -1 */
    { 0xE379, 0x0005000000000000ULL, 5, 5, 0 },
    { 0xE355, 0xFFFFFFFF00000000ULL, 0, 0, 1 },                           /* 0 < 0xFFFFFFFF */
    /* LRV / LRVG / LRVH */
    { 0xE31E, 0x8182838485868788ULL, 0xAAAAAAAA00000000ULL, 0xAAAAAAAA84838281ULL, -1 },
    { 0xE30F, 0x8182838485868788ULL, 0, 0x8887868584838281ULL, -1 },
    { 0xE31F, 0x8182838485868788ULL, 0xAAAAAAAAAAAAAAAAULL, 0xAAAAAAAAAAAA8281ULL, -1 },
};

TEST(user_insns_storage_forms)
{
    fresh();
    GR[4] = DATA;
    GR[5] = 0x100;
    for (size_t i = 0; i < sizeof(mem_cases) / sizeof(mem_cases[0]); i++) {
        const MemCase *c = &mem_cases[i];
        wr_be(E, DATA + 0x110, 8, c->mem);
        Asm a = at_code();
        RXY(&a, c->op, 2, 5, 4, 0x10);
        GR[2] = c->before;
        set_cc(E, 1);
        run_ok();
        if (GR[2] != c->after)
            fprintf(stderr, "  case %zu (op 0x%X): 0x%llx\n", i, c->op, (unsigned long long)GR[2]);
        CHECK_EQ(GR[2], c->after);
        CHECK_EQ(CC(), c->cc >= 0 ? (unsigned)c->cc : 1);
    }
    /* The RX forms IC and SH */
    wr_be(E, DATA + 0x110, 8, 0x8182838485868788ULL);
    Asm a = at_code();
    RX(&a, 0x43, 2, 5, 4, 0x10);
    GR[2] = 0xFFFF0000ULL;
    run_ok();
    CHECK_EQ(GR[2], 0xFFFF0081ULL);
    a = at_code();
    RX(&a, 0x4B, 2, 5, 4, 0x10);            /* SH: 0 - (int16)0x8182 = 0x7E7E */
    GR[2] = 0;
    run_ok();
    CHECK_EQ(GR[2], 0x7E7EULL);
    CHECK_EQ(CC(), 2);
}

TEST(user_insns_reversed_stores)
{
    fresh();
    GR[4] = DATA;
    GR[2] = 0x0102030405060708ULL;
    Asm a = at_code();
    RXY(&a, 0xE33E, 2, 0, 4, 0);            /* STRV: low word reversed */
    run_ok();
    CHECK_EQ(rd_be(E, DATA, 4), 0x08070605ULL);
    a = at_code();
    RXY(&a, 0xE32F, 2, 0, 4, 8);            /* STRVG */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 8, 8), 0x0807060504030201ULL);
    a = at_code();
    RXY(&a, 0xE33F, 2, 0, 4, 0x20);         /* STRVH */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 0x20, 2), 0x0807ULL);
}

/* ICM: the mask selects register bytes (left to right) that receive
 * consecutive storage bytes; CC0 zero/empty, 1 leftmost inserted bit one,
 * 2 otherwise. */
TEST(user_insns_icm_clm)
{
    fresh();
    GR[4] = DATA;
    wr_be(E, DATA, 4, 0x80112233);
    Asm a = at_code();
    RS(&a, 0xBF, 2, 0xA, 4, 0);             /* ICM 2,b'1010': bytes 0 and 2 */
    GR[2] = 0xAAAAAAAA00000000ULL;
    run_ok();
    CHECK_EQ(GR[2], 0xAAAAAAAA80001100ULL);
    CHECK_EQ(CC(), 1);
    wr_be(E, DATA, 4, 0x00110000);
    run_ok();                               /* inserts 00, 11 */
    CHECK_EQ(GR[2], 0xAAAAAAAA00001100ULL);
    CHECK_EQ(CC(), 2);
    wr_be(E, DATA, 4, 0);
    run_ok();
    CHECK_EQ(CC(), 0);
    a = at_code();
    RS(&a, 0xBF, 2, 0, 4, 0);               /* mask 0: CC0, nothing changes */
    GR[2] = 0x1234;
    set_cc(E, 2);
    run_ok();
    CHECK_EQ(GR[2], 0x1234);
    CHECK_EQ(CC(), 0);
    a = at_code();
    RSY(&a, 0xEB80, 2, 0x3, 4, 0);          /* ICMH 2,b'0011': bytes 2,3 of the high word */
    wr_be(E, DATA, 4, 0x7F010000);
    GR[2] = 0;
    run_ok();
    CHECK_EQ(GR[2], 0x00007F0100000000ULL);
    CHECK_EQ(CC(), 2);
    a = at_code();
    RSY(&a, 0xEB81, 2, 0x1, 4, 0);          /* ICMY 2,b'0001' */
    GR[2] = 0;
    run_ok();
    CHECK_EQ(GR[2], 0x7FULL);

    /* CLM: register bytes 1 and 3 (mask 0101) against 2 storage bytes */
    a = at_code();
    RS(&a, 0xBD, 2, 0x5, 4, 0);
    GR[2] = 0x00410042;
    wr_be(E, DATA, 2, 0x4142);
    run_ok();
    CHECK_EQ(CC(), 0);
    wr_be(E, DATA, 2, 0x4141);              /* second byte 42 > 41: high */
    run_ok();
    CHECK_EQ(CC(), 2);
    wr_be(E, DATA, 2, 0x5000);              /* 41 < 50: low */
    run_ok();
    CHECK_EQ(CC(), 1);
    a = at_code();
    RSY(&a, 0xEB20, 2, 0x8, 4, 0);          /* CLMH: byte 0 of the high word */
    GR[2] = 0x5000000000000000ULL;
    run_ok();                               /* 50 vs 50 */
    CHECK_EQ(CC(), 0);
    a = at_code();
    RSY(&a, 0xEB21, 2, 0x1, 4, 0);          /* CLMY: byte 3 = 0x00 vs 0x50 */
    run_ok();
    CHECK_EQ(CC(), 1);
}

/* COMPARE AND SWAP: equal -> store R3, CC0; unequal -> R1 = storage, CC1;
 * the operand must be aligned. */
TEST(user_insns_compare_and_swap)
{
    fresh();
    GR[4] = DATA;
    wr_be(E, DATA, 4, 7);
    Asm a = at_code();
    RS(&a, 0xBA, 2, 3, 4, 0);               /* CS 2,3,0(4) */
    GR[2] = 0xAAAAAAAA00000007ULL;
    GR[3] = 0xBBBBBBBB00000009ULL;
    run_ok();
    CHECK_EQ(CC(), 0);
    CHECK_EQ(rd_be(E, DATA, 4), 9);
    run_ok();                               /* now 9 != 7 */
    CHECK_EQ(CC(), 1);
    CHECK_EQ(GR[2], 0xAAAAAAAA00000009ULL);
    CHECK_EQ(rd_be(E, DATA, 4), 9);
    a = at_code();
    RSY(&a, 0xEB14, 2, 3, 4, 0);            /* CSY equal now */
    run_ok();
    CHECK_EQ(CC(), 0);
    a = at_code();
    RSY(&a, 0xEB30, 2, 3, 4, 8);            /* CSG */
    wr_be(E, DATA + 8, 8, 0x1122334455667788ULL);
    GR[2] = 0x1122334455667788ULL;
    GR[3] = 0xCAFEULL;
    run_ok();
    CHECK_EQ(CC(), 0);
    CHECK_EQ(rd_be(E, DATA + 8, 8), 0xCAFEULL);
    a = at_code();
    RSY(&a, 0xEB30, 2, 3, 4, 4);            /* CSG at DATA+4: not doubleword aligned */
    run_pgm(PGM_SPECIFICATION);
}

/* LOAD AND ADD/AND/OR/EXCLUSIVE OR: R1 = old storage, storage = old op R3. */
TEST(user_insns_load_and_op)
{
    fresh();
    GR[4] = DATA;
    struct { uint16_t op; unsigned size; uint64_t mem, r3, newmem; unsigned cc; } c[] = {
        { 0xEBF8, 4, 5, 0xFFFFFFFD, 2, 2 },                     /* LAA: 5 + -3 = 2 */
        { 0xEBF8, 4, 0x7FFFFFFF, 1, 0x80000000, 3 },            /* overflow */
        { 0xEBE8, 8, 1, ~0ULL, 0, 0 },                          /* LAAG: 1 + -1 */
        { 0xEBFA, 4, 0xFFFFFFFF, 1, 0, 2 },                     /* LAAL: carry, zero */
        { 0xEBEA, 8, 1, 1, 2, 1 },                              /* LAALG */
        { 0xEBF4, 4, 0xF0F0, 0x0F0F, 0, 0 },                    /* LAN */
        { 0xEBE4, 8, ~0ULL, 0xFF00, 0xFF00, 1 },                /* LANG */
        { 0xEBF6, 4, 0xF000, 0x000F, 0xF00F, 1 },               /* LAO */
        { 0xEBE6, 8, 0, 0, 0, 0 },                              /* LAOG */
        { 0xEBF7, 4, 0xFF, 0xFF, 0, 0 },                        /* LAX */
        { 0xEBE7, 8, 0xF0, 0x0F, 0xFF, 1 },                     /* LAXG */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        wr_be(E, DATA, c[i].size, c[i].mem);
        Asm a = at_code();
        RSY(&a, c[i].op, 2, 3, 4, 0);
        GR[2] = 0xAAAAAAAAAAAAAAAAULL;
        GR[3] = c[i].r3;
        run_ok();
        uint64_t want_r1 = c[i].size == 4 ? (0xAAAAAAAA00000000ULL | c[i].mem) : c[i].mem;
        if (GR[2] != want_r1 || rd_be(E, DATA, c[i].size) != c[i].newmem || CC() != c[i].cc)
            fprintf(stderr, "  case %zu op 0x%X\n", i, c[i].op);
        CHECK_EQ(GR[2], want_r1);
        CHECK_EQ(rd_be(E, DATA, c[i].size), c[i].newmem);
        CHECK_EQ(CC(), c[i].cc);
    }
    Asm a = at_code();
    RSY(&a, 0xEBF8, 2, 3, 4, 2);            /* LAA on a halfword boundary */
    run_pgm(PGM_SPECIFICATION);
}

/* ADD (LOGICAL) WITH SIGNED IMMEDIATE to storage. */
TEST(user_insns_add_immediate_storage)
{
    fresh();
    GR[4] = DATA;
    struct { uint16_t op; unsigned size; uint64_t mem; uint8_t imm; uint64_t res; unsigned cc; } c[] = {
        { 0xEB6A, 4, 5, 0xFD, 2, 2 },                           /* ASI 5 + -3 */
        { 0xEB6A, 4, 0x7FFFFFFF, 1, 0x80000000, 3 },            /* overflow: stored, CC3 */
        { 0xEB7A, 8, 0, 0xFF, ~0ULL, 1 },                       /* AGSI 0 + -1 */
        { 0xEB6E, 4, 0xFFFFFFFF, 1, 0, 2 },                     /* ALSI carry */
        { 0xEB6E, 4, 5, 0xFF, 4, 3 },                           /* 5 + 0xFFFFFFFF: carry, nonzero */
        { 0xEB7E, 8, 0, 1, 1, 1 },                              /* ALGSI */
    };
    /* Twice: the first case of the first pass fills the TLB through the
     * prepared path; every later one takes the exact hit (general.c: add_si). */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
            wr_be(E, DATA, c[i].size, c[i].mem);
            Asm a = at_code();
            SIY(&a, c[i].op, c[i].imm, 4, 0);
            run_ok();
            CHECK_EQ(rd_be(E, DATA, c[i].size), c[i].res);
            CHECK_EQ(CC(), c[i].cc);
        }
    }
}

/* Relative-long forms: DATA is 0x10000 bytes after CODE, I2 = 0x8000. */
TEST(user_insns_relative_long)
{
    fresh();
    wr_be(E, DATA, 4, 0x8001FFFF);
    struct { uint16_t op; uint64_t before, after; int cc; } c[] = {
        { 0xC405, 0xAAAAAAAA00000000ULL, 0xAAAAAAAAFFFF8001ULL, -1 },   /* LHRL */
        { 0xC404, 0, 0xFFFFFFFFFFFF8001ULL, -1 },                       /* LGHRL */
        { 0xC402, 0xAAAAAAAA00000000ULL, 0xAAAAAAAA00008001ULL, -1 },   /* LLHRL */
        { 0xC406, ~0ULL, 0x8001ULL, -1 },                               /* LLGHRL */
        { 0xC40E, ~0ULL, 0x8001FFFFULL, -1 },                           /* LLGFRL */
        { 0xC605, 0, 0, 2 },                                            /* CHRL 0 > -32767 */
        { 0xC604, 0xFFFFFFFFFFFF8001ULL, 0xFFFFFFFFFFFF8001ULL, 0 },    /* CGHRL */
        { 0xC60C, 0xFFFFFFFF8001FFFFULL, 0xFFFFFFFF8001FFFFULL, 0 },    /* CGFRL */
        { 0xC607, 0x8002, 0x8002, 2 },                                  /* CLHRL */
        { 0xC606, 0x8000, 0x8000, 1 },                                  /* CLGHRL */
        { 0xC60E, 0x8001FFFF, 0x8001FFFF, 0 },                          /* CLGFRL */
        { 0xC602, 0x55, 0x55, -1 },                                     /* PFDRL: nothing */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        RIL(&a, c[i].op, 2, 0x8000);
        GR[2] = c[i].before;
        set_cc(E, 1);
        run_ok();
        CHECK_EQ(GR[2], c[i].after);
        CHECK_EQ(CC(), c[i].cc >= 0 ? (unsigned)c[i].cc : 1);
    }
    Asm a = at_code();
    RIL(&a, 0xC407, 2, 0x8000);             /* STHRL */
    GR[2] = 0x12345678;
    run_ok();
    CHECK_EQ(rd_be(E, DATA, 4), 0x5678FFFFULL);
    /* Relative-long addresses are always even: only the word forms can be
     * misaligned (LLGFRL at DATA+2). */
    a = at_code();
    RIL(&a, 0xC40E, 2, 0x8001);
    run_pgm(PGM_SPECIFICATION);
}

/* PREFETCH DATA is a hint: no access, so even an address outside storage
 * completes; ECAG reports "no information" (all ones). */
TEST(user_insns_prefetch_ecag)
{
    fresh();
    Asm a = at_code();
    RXY(&a, 0xE336, 1, 0, 4, 0);
    GR[4] = 0xFFFFFFFFF000ULL;
    run_ok();
    CHECK_EQ(GR[4], 0xFFFFFFFFF000ULL);
    a = at_code();
    RSY(&a, 0xEB4C, 2, 0, 0, 0);
    GR[2] = 0;
    run_ok();
    CHECK_EQ(GR[2], ~0ULL);
}

/* Floating-point register moves: bits unchanged; short operands are bits
 * 0-31 of the FPR. */
TEST(user_insns_fpr_moves)
{
    fresh();
    GR[4] = DATA;
    wr_be(E, DATA, 8, 0x3FF8000000000000ULL);   /* 1.5 */
    Asm a = at_code();
    RX(&a, 0x68, 1, 0, 4, 0);                   /* LD 1,0(4) */
    run_ok();
    CHECK_EQ(FPR[1], 0x3FF8000000000000ULL);
    a = at_code();
    RX(&a, 0x60, 1, 0, 4, 8);                   /* STD 1,8(4) */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 8, 8), 0x3FF8000000000000ULL);
    a = at_code();
    RXY(&a, 0xED65, 2, 0, 4, 8);                /* LDY */
    run_ok();
    CHECK_EQ(FPR[2], 0x3FF8000000000000ULL);
    a = at_code();
    RXY(&a, 0xED67, 2, 0, 4, 0x10);             /* STDY */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 0x10, 8), 0x3FF8000000000000ULL);
    wr_be(E, DATA + 0x20, 4, 0x3F800000);       /* 1.0f */
    FPR[3] = 0x1111111122222222ULL;
    a = at_code();
    RX(&a, 0x78, 3, 0, 4, 0x20);                /* LE: low half kept */
    run_ok();
    CHECK_EQ(FPR[3], 0x3F80000022222222ULL);
    a = at_code();
    RXY(&a, 0xED64, 4, 0, 4, 0x20);             /* LEY */
    FPR[4] = 0;
    run_ok();
    CHECK_EQ(FPR[4], 0x3F80000000000000ULL);
    a = at_code();
    RX(&a, 0x70, 3, 0, 4, 0x28);                /* STE: bits 0-31 */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 0x28, 4), 0x3F800000ULL);
    a = at_code();
    RXY(&a, 0xED66, 3, 0, 4, 0x2C);             /* STEY */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 0x2C, 4), 0x3F800000ULL);
    a = at_code();
    RR(&a, 0x28, 5, 1);                         /* LDR 5,1 */
    run_ok();
    CHECK_EQ(FPR[5], 0x3FF8000000000000ULL);
    a = at_code();
    FPR[6] = 0x1111111122222222ULL;
    RR(&a, 0x38, 6, 3);                         /* LER 6,3 */
    run_ok();
    CHECK_EQ(FPR[6], 0x3F80000022222222ULL);
    FPR[0] = ~0ULL;
    a = at_code();
    RRE(&a, 0xB375, 0, 0);                      /* LZDR 0 */
    run_ok();
    CHECK_EQ(FPR[0], 0);
    a = at_code();
    RRE(&a, 0xB374, 6, 0);                      /* LZER 6: low half kept */
    run_ok();
    CHECK_EQ(FPR[6], 0x0000000022222222ULL);
    a = at_code();
    RRE(&a, 0xB3CD, 2, 1);                      /* LGDR 2,1 */
    run_ok();
    CHECK_EQ(GR[2], 0x3FF8000000000000ULL);
    a = at_code();
    GR[3] = 0xC000000000000000ULL;              /* -2.0 */
    RRE(&a, 0xB3C1, 7, 3);                      /* LDGR 7,3 */
    run_ok();
    CHECK_EQ(FPR[7], 0xC000000000000000ULL);
    a = at_code();
    RRF(&a, 0xB372, 7, 0, 8, 1);                /* CPSDR 8,7,1: |1.5| with sign of -2 */
    run_ok();
    CHECK_EQ(FPR[8], 0xBFF8000000000000ULL);
}

TEST(user_insns_fpc)
{
    fresh();
    GR[4] = DATA;
    Asm a = at_code();
    RRE(&a, 0xB384, 2, 0);                      /* SFPC 2 */
    GR[2] = 0xAAAAAAAA00000001ULL;              /* round toward zero */
    run_ok();
    CHECK_EQ(E->cpu.fpc, 1);
    a = at_code();
    RRE(&a, 0xB38C, 3, 0);                      /* EFPC 3: high half kept */
    GR[3] = 0xBBBBBBBB00000000ULL;
    run_ok();
    CHECK_EQ(GR[3], 0xBBBBBBBB00000001ULL);
    a = at_code();
    S_(&a, 0xB29C, 4, 0);                       /* STFPC 0(4) */
    run_ok();
    CHECK_EQ(rd_be(E, DATA, 4), 1);
    wr_be(E, DATA, 4, 0xF8000002);              /* all IEEE masks, round +inf */
    a = at_code();
    S_(&a, 0xB29D, 4, 0);                       /* LFPC 0(4) */
    run_ok();
    CHECK_EQ(E->cpu.fpc, 0xF8000002);
    /* A reserved bit (bit 29 = 0x4 without the FP-extension facility). */
    a = at_code();
    RRE(&a, 0xB384, 2, 0);
    GR[2] = 4;
    run_pgm(PGM_SPECIFICATION);
    CHECK_EQ(E->cpu.fpc, 0xF8000002);
}

/* BFP long sign operations and test: CC0 zero, 1 negative, 2 positive,
 * 3 NaN. */
TEST(user_insns_bfp_sign_ops)
{
    fresh();
    struct { uint16_t op; uint64_t in, out; unsigned cc; } c[] = {
        { 0xB312, 0xBFF0000000000000ULL, 0xBFF0000000000000ULL, 1 },   /* LTDBR -1 */
        { 0xB312, 0x8000000000000000ULL, 0x8000000000000000ULL, 0 },   /* -0 */
        { 0xB312, 0x7FF8000000000000ULL, 0x7FF8000000000000ULL, 3 },   /* NaN */
        { 0xB313, 0x3FF0000000000000ULL, 0xBFF0000000000000ULL, 1 },   /* LCDBR */
        { 0xB310, 0xBFF0000000000000ULL, 0x3FF0000000000000ULL, 2 },   /* LPDBR */
        { 0xB311, 0x3FF0000000000000ULL, 0xBFF0000000000000ULL, 1 },   /* LNDBR */
        { 0xB311, 0, 0x8000000000000000ULL, 0 },
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        RRE(&a, c[i].op, 1, 2);
        FPR[2] = c[i].in;
        run_ok();
        CHECK_EQ(FPR[1], c[i].out);
        CHECK_EQ(CC(), c[i].cc);
    }
}

/* TEST DATA CLASS: mask bits 52-63 of the address = +0,-0,+norm,-norm,
 * +sub,-sub,+inf,-inf,+QNaN,-QNaN,+SNaN,-SNaN (bit 52 = 0x800). */
TEST(user_insns_test_data_class)
{
    fresh();
    struct { uint64_t v; unsigned bit; } d[] = {
        { 0, 0x800 }, { 0x8000000000000000ULL, 0x400 }, { 0x3FF0000000000000ULL, 0x200 },
        { 0xBFF0000000000000ULL, 0x100 }, { 1, 0x80 }, { 0x8000000000000001ULL, 0x40 },
        { 0x7FF0000000000000ULL, 0x20 }, { 0xFFF0000000000000ULL, 0x10 },
        { 0x7FF8000000000000ULL, 0x8 }, { 0xFFF8000000000000ULL, 0x4 },
        { 0x7FF0000000000001ULL, 0x2 }, { 0xFFF0000000000001ULL, 0x1 },
    };
    for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
        FPR[1] = d[i].v;
        Asm a = at_code();
        RXY(&a, 0xED11, 1, 0, 0, d[i].bit);     /* TCDB 1,bit: selected -> CC1 */
        run_ok();
        CHECK_EQ(CC(), 1);
        a = at_code();
        RXY(&a, 0xED11, 1, 0, 0, 0xFFF & ~d[i].bit);  /* every other class: CC0 */
        run_ok();
        CHECK_EQ(CC(), 0);
    }
    /* TCEB on short operands in bits 0-31: -inf = 0xFF800000 */
    FPR[1] = 0xFF80000012345678ULL;
    Asm a = at_code();
    RXY(&a, 0xED10, 1, 0, 0, 0x10);
    run_ok();
    CHECK_EQ(CC(), 1);
    FPR[1] = 0x0000000100000000ULL;             /* +subnormal */
    run_ok();
    CHECK_EQ(CC(), 0);
    a = at_code();
    RXY(&a, 0xED10, 1, 0, 0, 0x80);
    run_ok();
    CHECK_EQ(CC(), 1);
}

#define D1 0x3FF0000000000000ULL   /* 1.0 */
#define D2 0x4000000000000000ULL   /* 2.0 */
#define D3 0x4008000000000000ULL   /* 3.0 */
#define D6 0x4018000000000000ULL   /* 6.0 */
#define DH 0x3FE0000000000000ULL   /* 0.5 */
#define DNAN 0x7FF8000000000000ULL

TEST(user_insns_bfp_arith_compare)
{
    fresh();
    GR[4] = DATA;
    /* RRE forms: FPR1 = a, FPR2 = b, "op 1,2" */
    struct { uint16_t op; uint64_t a, b, r; int cc; } c[] = {
        { 0xB31A, D1, D2, D3, 2 },                      /* ADBR 1+2 = 3 */
        { 0xB31B, D1, D2, 0xBFF0000000000000ULL, 1 },   /* SDBR 1-2 = -1 */
        { 0xB31B, D2, D2, 0, 0 },
        { 0xB31C, D2, D3, D6, -1 },                     /* MDBR: CC unchanged */
        { 0xB31D, D1, D2, DH, -1 },                     /* DDBR */
        { 0xB319, D1, D2, D1, 1 },                      /* CDBR low */
        { 0xB319, D2, D1, D2, 2 },
        { 0xB319, D2, D2, D2, 0 },
        { 0xB319, DNAN, D2, DNAN, 3 },                  /* unordered */
        { 0xB318, D1, D2, D1, 1 },                      /* KDBR */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        RRE(&a, c[i].op, 1, 2);
        FPR[1] = c[i].a;
        FPR[2] = c[i].b;
        set_cc(E, 1);
        run_ok();
        if (FPR[1] != c[i].r)
            fprintf(stderr, "  case %zu op 0x%X: 0x%llx\n", i, c[i].op, (unsigned long long)FPR[1]);
        CHECK_EQ(FPR[1], c[i].r);
        CHECK_EQ(CC(), c[i].cc >= 0 ? (unsigned)c[i].cc : 1);
    }
    /* RXE forms with the operand in storage */
    struct { uint16_t op; uint64_t a, m, r; int cc; } s[] = {
        { 0xED1A, D1, D2, D3, 2 }, { 0xED1B, D3, D1, D2, 2 }, { 0xED1C, D3, D2, D6, -1 },
        { 0xED1D, D3, D6, DH, -1 }, { 0xED19, D3, D6, D3, 1 }, { 0xED18, D6, D3, D6, 2 },
    };
    for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
        wr_be(E, DATA, 8, s[i].m);
        Asm a = at_code();
        RXY(&a, s[i].op, 1, 0, 4, 0);
        FPR[1] = s[i].a;
        set_cc(E, 1);
        run_ok();
        CHECK_EQ(FPR[1], s[i].r);
        CHECK_EQ(CC(), s[i].cc >= 0 ? (unsigned)s[i].cc : 1);
    }
}

TEST(user_insns_bfp_convert)
{
    fresh();
    Asm a = at_code();
    RRE(&a, 0xB395, 1, 2);                      /* CDFBR: low word -3 */
    GR[2] = 0x12345678FFFFFFFDULL;
    run_ok();
    CHECK_EQ(FPR[1], 0xC008000000000000ULL);
    a = at_code();
    RRE(&a, 0xB3A5, 1, 2);                      /* CDGBR: 2^40 */
    GR[2] = 1ULL << 40;
    run_ok();
    CHECK_EQ(FPR[1], (uint64_t)(1023 + 40) << 52);
    a = at_code();
    RRE(&a, 0xB304, 1, 2);                      /* LDEBR: 1.0f -> 1.0 */
    FPR[2] = 0x3F800000ABCDEF01ULL;
    run_ok();
    CHECK_EQ(FPR[1], D1);
    a = at_code();
    RRE(&a, 0xB344, 3, 1);                      /* LEDBR: 1.0 -> 1.0f, low half kept */
    FPR[3] = 0x0000000055555555ULL;
    run_ok();
    CHECK_EQ(FPR[3], 0x3F80000055555555ULL);
}

/* ---- BFP extended: pair R (high) / R+2 (low) ---- */
#define X1 0x3FFF000000000000ULL    /* 1.0 (high part; low 0) */
#define X2 0x4000000000000000ULL    /* 2.0 */
#define X3 0x4000800000000000ULL    /* 3.0 */
#define X6 0x4001800000000000ULL    /* 6.0 */
#define XH 0x3FFE000000000000ULL    /* 0.5 */

static void setx(int r, uint64_t hi, uint64_t lo) { FPR[r] = hi; FPR[r + 2] = lo; }

TEST(user_insns_bfp_extended)
{
    fresh();
    struct { uint16_t op; uint64_t a, b, r; int cc; } c[] = {
        { 0xB34A, X1, X2, X3, 2 },                          /* AXBR */
        { 0xB34B, X1, X2, 0xBFFF000000000000ULL, 1 },       /* SXBR */
        { 0xB34C, X2, X3, X6, -1 },                         /* MXBR */
        { 0xB34D, X1, X2, XH, -1 },                         /* DXBR */
        { 0xB349, X1, X2, X1, 1 },                          /* CXBR */
        { 0xB349, X3, X3, X3, 0 },
        { 0xB349, 0x7FFF800000000000ULL, X3, 0x7FFF800000000000ULL, 3 },
        { 0xB348, X3, X1, X3, 2 },                          /* KXBR */
        { 0xB342, 0, 0xBFFF000000000000ULL, 0xBFFF000000000000ULL, 1 },  /* LTXBR: R1 <- R2 */
        { 0xB343, 0, X2, 0xC000000000000000ULL, 1 },        /* LCXBR */
        { 0xB340, 0, 0xC000000000000000ULL, X2, 2 },        /* LPXBR */
        { 0xB341, 0, X2, 0xC000000000000000ULL, 1 },        /* LNXBR */
        { 0xB365, 0, X6, X6, -1 },                          /* LXR */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        RRE(&a, c[i].op, 1, 4);
        setx(1, c[i].a, 0);
        setx(4, c[i].b, c[i].op == 0xB365 ? 0x1234 : 0);
        set_cc(E, 1);
        run_ok();
        if (FPR[1] != c[i].r)
            fprintf(stderr, "  case %zu op 0x%X: 0x%llx\n", i, c[i].op, (unsigned long long)FPR[1]);
        CHECK_EQ(FPR[1], c[i].r);
        CHECK_EQ(FPR[3], c[i].op == 0xB365 ? 0x1234 : 0);
        CHECK_EQ(CC(), c[i].cc >= 0 ? (unsigned)c[i].cc : 1);
    }
    /* 1 + 2^-112 keeps the low part: the arithmetic is really 128-bit */
    Asm a = at_code();
    RRE(&a, 0xB34A, 1, 4);
    setx(1, X1, 0);
    setx(4, 0x3F8F000000000000ULL, 0);                      /* 2^-112 */
    run_ok();
    CHECK_EQ(FPR[1], X1);
    CHECK_EQ(FPR[3], 1);
    /* An invalid pair (R2 = 2) is a specification exception */
    a = at_code();
    RRE(&a, 0xB34A, 1, 2);
    run_pgm(PGM_SPECIFICATION);
    a = at_code();
    RRE(&a, 0xB376, 4, 0);                                  /* LZXR 4 */
    setx(4, ~0ULL, ~0ULL);
    run_ok();
    CHECK_EQ(FPR[4], 0);
    CHECK_EQ(FPR[6], 0);
    /* conversions */
    a = at_code();
    RRE(&a, 0xB396, 1, 2);                                  /* CXFBR: -3 */
    GR[2] = 0xFFFFFFFD;
    run_ok();
    CHECK_EQ(FPR[1], 0xC000800000000000ULL);
    CHECK_EQ(FPR[3], 0);
    a = at_code();
    RRE(&a, 0xB3A6, 1, 2);                                  /* CXGBR: 6 */
    GR[2] = 6;
    run_ok();
    CHECK_EQ(FPR[1], X6);
    a = at_code();
    RRE(&a, 0xB305, 4, 0);                                  /* LXDBR: 1.5 long -> ext */
    FPR[0] = 0x3FF8000000000000ULL;
    run_ok();
    CHECK_EQ(FPR[4], 0x3FFF800000000000ULL);
    CHECK_EQ(FPR[6], 0);
    a = at_code();
    RRE(&a, 0xB345, 0, 1);                                  /* LDXBR: ext 6 -> long */
    setx(1, X6, 0);
    run_ok();
    CHECK_EQ(FPR[0], 0x4018000000000000ULL);
    /* TCXB classes: +inf 0x20, +QNaN 0x8, +SNaN 0x2, +subnormal 0x80, -0 0x400 */
    struct { uint64_t hi, lo; unsigned bit; } t[] = {
        { 0x7FFF000000000000ULL, 0, 0x20 }, { 0x7FFF800000000000ULL, 0, 0x8 },
        { 0x7FFF000000000000ULL, 1, 0x2 }, { 0, 1, 0x80 }, { 0x8000000000000000ULL, 0, 0x400 },
        { X3, 0, 0x200 },
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        setx(1, t[i].hi, t[i].lo);
        a = at_code();
        RXY(&a, 0xED12, 1, 0, 0, t[i].bit);
        run_ok();
        CHECK_EQ(CC(), 1);
        a = at_code();
        RXY(&a, 0xED12, 1, 0, 0, 0xFFF & ~t[i].bit);
        run_ok();
        CHECK_EQ(CC(), 0);
    }
}

/* ---- BFP short: bits 0-31 of the FPR, bits 32-63 unchanged ---- */
#define S1 0x3F800000ULL
#define S2 0x40000000ULL
#define S3 0x40400000ULL
#define S6 0x40C00000ULL
#define SH_ 0x3F000000ULL
#define SHI(v) ((uint64_t)(v) << 32 | 0x55555555ULL)

TEST(user_insns_bfp_short)
{
    fresh();
    GR[4] = DATA;
    struct { uint16_t op; uint64_t a, b, r; int cc; } c[] = {
        { 0xB30A, S1, S2, S3, 2 },                  /* AEBR */
        { 0xB30B, S1, S2, 0xBF800000ULL, 1 },       /* SEBR */
        { 0xB317, S2, S3, S6, -1 },                 /* MEEBR */
        { 0xB30D, S1, S2, SH_, -1 },                /* DEBR */
        { 0xB309, S2, S1, S2, 2 },                  /* CEBR */
        { 0xB309, 0x7FC00000ULL, S1, 0x7FC00000ULL, 3 },
        { 0xB302, 0, 0x80000000ULL, 0x80000000ULL, 0 },   /* LTEBR -0 */
        { 0xB303, 0, S1, 0xBF800000ULL, 1 },        /* LCEBR */
        { 0xB300, 0, 0xBF800000ULL, S1, 2 },        /* LPEBR */
        { 0xB301, 0, S2, 0xC0000000ULL, 1 },        /* LNEBR */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        RRE(&a, c[i].op, 1, 2);
        FPR[1] = SHI(c[i].a);
        FPR[2] = SHI(c[i].b);
        set_cc(E, 1);
        run_ok();
        if (FPR[1] != SHI(c[i].r))
            fprintf(stderr, "  case %zu op 0x%X: 0x%llx\n", i, c[i].op, (unsigned long long)FPR[1]);
        CHECK_EQ(FPR[1], SHI(c[i].r));
        CHECK_EQ(CC(), c[i].cc >= 0 ? (unsigned)c[i].cc : 1);
    }
    struct { uint16_t op; uint64_t a, m, r; int cc; } s[] = {
        { 0xED0A, S1, S2, S3, 2 }, { 0xED0B, S3, S1, S2, 2 }, { 0xED17, S3, S2, S6, -1 },
        { 0xED0D, S3, S6, SH_, -1 }, { 0xED09, S3, S6, S3, 1 },
    };
    for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
        wr_be(E, DATA, 4, s[i].m);
        Asm a = at_code();
        RXY(&a, s[i].op, 1, 0, 4, 0);
        FPR[1] = SHI(s[i].a);
        set_cc(E, 1);
        run_ok();
        CHECK_EQ(FPR[1], SHI(s[i].r));
        CHECK_EQ(CC(), s[i].cc >= 0 ? (unsigned)s[i].cc : 1);
    }
    Asm a = at_code();
    RRE(&a, 0xB394, 1, 2);                      /* CEFBR -3 */
    GR[2] = 0xFFFFFFFD;
    FPR[1] = 0x55555555ULL;
    run_ok();
    CHECK_EQ(FPR[1], SHI(0xC0400000ULL));
    a = at_code();
    RRE(&a, 0xB3A4, 1, 2);                      /* CEGBR 6 */
    GR[2] = 6;
    run_ok();
    CHECK_EQ(FPR[1], SHI(S6));
}

/* ---- high-word facility: bits 0-31 ("high") of a register ---- */
#define HW(h, l) ((uint64_t)(uint32_t)(h) << 32 | (uint32_t)(l))

TEST(user_insns_high_word_arith)
{
    fresh();
    /* RRF "op 1,2,3": R1h <- R2h op R3h (or R3 low for the *LR forms) */
    struct { uint16_t op; uint64_t r2, r3, r1; unsigned cc; } c[] = {
        { 0xB9C8, HW(5, 0), HW(-3, 0), HW(2, 0x11111111), 2 },          /* AHHHR */
        { 0xB9D8, HW(5, 0), HW(0, -3), HW(2, 0x11111111), 2 },          /* AHHLR */
        { 0xB9C9, HW(5, 0), HW(7, 0), HW(-2, 0x11111111), 1 },          /* SHHHR */
        { 0xB9D9, HW(0x80000000, 0), HW(0, 1), HW(0x7FFFFFFF, 0x11111111), 3 },  /* SHHLR ovf */
        { 0xB9CA, HW(0xFFFFFFFF, 0), HW(1, 0), HW(0, 0x11111111), 2 },  /* ALHHHR carry */
        { 0xB9DA, HW(1, 0), HW(0, 1), HW(2, 0x11111111), 1 },           /* ALHHLR */
        { 0xB9CB, HW(5, 0), HW(5, 0), HW(0, 0x11111111), 2 },           /* SLHHHR */
        { 0xB9DB, HW(0, 0), HW(0, 1), HW(0xFFFFFFFF, 0x11111111), 1 },  /* SLHHLR borrow */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        RRF(&a, c[i].op, 3, 0, 1, 2);
        GR[1] = HW(0x99999999, 0x11111111);
        GR[2] = c[i].r2;
        GR[3] = c[i].r3;
        run_ok();
        if (GR[1] != c[i].r1)
            fprintf(stderr, "  case %zu op 0x%X: 0x%llx\n", i, c[i].op, (unsigned long long)GR[1]);
        CHECK_EQ(GR[1], c[i].r1);
        CHECK_EQ(CC(), c[i].cc);
    }
    /* RIL immediates on the high word */
    struct { uint16_t op; uint64_t r1; int32_t i2; uint64_t res; int cc; } d[] = {
        { 0xCC08, HW(1, 7), -2, HW(-1, 7), 1 },                         /* AIH */
        { 0xCC0A, HW(0xFFFFFFFF, 7), 1, HW(0, 7), 2 },                  /* ALSIH */
        { 0xCC0B, HW(0xFFFFFFFF, 7), 1, HW(0, 7), -1 },                 /* ALSIHN: CC kept */
        { 0xCC0D, HW(-5, 0), -4, HW(-5, 0), 1 },                        /* CIH */
        { 0xCC0F, HW(0xFFFFFFFF, 0), 1, HW(0xFFFFFFFF, 0), 2 },         /* CLIH */
    };
    for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
        Asm a = at_code();
        RIL(&a, d[i].op, 1, d[i].i2);
        GR[1] = d[i].r1;
        set_cc(E, 1);
        run_ok();
        CHECK_EQ(GR[1], d[i].res);
        CHECK_EQ(CC(), d[i].cc >= 0 ? (unsigned)d[i].cc : 1);
    }
    /* register compares */
    struct { uint16_t op; uint64_t r1, r2; unsigned cc; } e[] = {
        { 0xB9CD, HW(-1, 0), HW(1, 0), 1 },                 /* CHHR */
        { 0xB9DD, HW(3, 0), HW(0, 3), 0 },                  /* CHLR */
        { 0xB9CF, HW(-1, 0), HW(1, 0), 2 },                 /* CLHHR */
        { 0xB9DF, HW(1, 0), HW(0, 2), 1 },                  /* CLHLR */
    };
    for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
        Asm a = at_code();
        RRE(&a, e[i].op, 1, 2);
        GR[1] = e[i].r1;
        GR[2] = e[i].r2;
        run_ok();
        CHECK_EQ(CC(), e[i].cc);
    }
}

/* BRANCH RELATIVE ON COUNT HIGH: taken while the decremented high word is
 * nonzero. */
TEST(user_insns_brcth)
{
    fresh();
    Asm a = at_code();
    RIL(&a, 0xCC06, 1, 0x40);
    GR[1] = HW(2, 0xABCD);
    run_ok();
    CHECK_EQ(GR[1], HW(1, 0xABCD));
    CHECK_EQ(E->cpu.psw_addr, CODE + 0x80);
    run_ok();
    CHECK_EQ(GR[1], HW(0, 0xABCD));
    CHECK_EQ(E->cpu.psw_addr, CODE + 6);
}

TEST(user_insns_high_word_storage)
{
    fresh();
    GR[4] = DATA;
    wr_be(E, DATA, 4, 0x8182FFFE);
    struct { uint16_t op; uint64_t res; } l[] = {
        { 0xE3C0, HW(0xFFFFFF81, 0x11111111) },     /* LBH */
        { 0xE3C4, HW(0xFFFF8182, 0x11111111) },     /* LHH */
        { 0xE3CA, HW(0x8182FFFE, 0x11111111) },     /* LFH */
        { 0xE3C2, HW(0x81, 0x11111111) },           /* LLCH */
        { 0xE3C6, HW(0x8182, 0x11111111) },         /* LLHH */
    };
    for (size_t i = 0; i < sizeof(l) / sizeof(l[0]); i++) {
        Asm a = at_code();
        RXY(&a, l[i].op, 1, 0, 4, 0);
        GR[1] = HW(0x99999999, 0x11111111);
        run_ok();
        CHECK_EQ(GR[1], l[i].res);
    }
    GR[1] = HW(0x01020304, 0x05060708);
    Asm a = at_code();
    RXY(&a, 0xE3CB, 1, 0, 4, 0x10);             /* STFH */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 0x10, 4), 0x01020304ULL);
    a = at_code();
    RXY(&a, 0xE3C7, 1, 0, 4, 0x20);             /* STHH: bits 16-31 */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 0x20, 2), 0x0304ULL);
    a = at_code();
    RXY(&a, 0xE3C3, 1, 0, 4, 0x30);             /* STCH: bits 24-31 */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 0x30, 1), 0x04ULL);
    /* CHF / CLHF against the word 0x8182FFFE */
    a = at_code();
    RXY(&a, 0xE3CD, 1, 0, 4, 0);
    GR[1] = HW(0, 0);
    run_ok();
    CHECK_EQ(CC(), 2);                          /* 0 > negative */
    a = at_code();
    RXY(&a, 0xE3CF, 1, 0, 4, 0);
    run_ok();
    CHECK_EQ(CC(), 1);                          /* 0 < 0x8182FFFE */
}

TEST(user_insns_gie_multiply_compare)
{
    fresh();
    GR[4] = DATA;
    wr_be(E, DATA, 4, 3);
    Asm a = at_code();
    RXY(&a, 0xE35C, 2, 0, 4, 0);                /* MFY 2: R3 low (-2) * 3 */
    GR[2] = HW(0x55555555, 0);
    GR[3] = HW(0x66666666, -2);
    run_ok();
    CHECK_EQ(GR[2], HW(0x55555555, 0xFFFFFFFF));
    CHECK_EQ(GR[3], HW(0x66666666, 0xFFFFFFFA));
    a = at_code();
    RXY(&a, 0xE35C, 3, 0, 4, 0);                /* odd R1 */
    run_pgm(PGM_SPECIFICATION);
    wr_be(E, DATA, 2, 0xFFFE);
    a = at_code();
    RXY(&a, 0xE37C, 1, 0, 4, 0);                /* MHY: 3 * -2 */
    GR[1] = HW(0x77777777, 3);
    run_ok();
    CHECK_EQ(GR[1], HW(0x77777777, -6));
    a = at_code();
    RXY(&a, 0xE334, 1, 0, 4, 0);                /* CGH: -2 (64-bit) vs -2 */
    GR[1] = (uint64_t)-2;
    run_ok();
    CHECK_EQ(CC(), 0);
    GR[1] = 0;
    run_ok();
    CHECK_EQ(CC(), 2);
}
