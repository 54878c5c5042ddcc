/* General instructions (insn/general.c) through the dispatcher: each test
 * encodes the instruction by hand, runs it, and compares with values worked
 * out by hand in the comments (rules: PoP chapter 7 as summarised in the
 * comments of general.c). */
#include <stdlib.h>

#include "test_cpu.h"

#define DATA 0x20000ULL


/* Runs the instruction assembled at CODE once; expects completion. */
static void run_ok(void)
{
    E->cpu.psw_addr = CODE;
    CpuStepResult r = step(E);
    CHECK_EQ(r, CPU_STEP_OK);
}

/* Runs it and expects a program interruption with this code. */
static void run_pgm(unsigned code)
{
    E->cpu.psw_addr = CODE;
    E->cpu.psw_mask &= ~(PSW_MASK_PER);
    CpuStepResult r = step(E);
    CHECK_EQ(r, CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(E), code);
    E->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
}

static Asm at_code(void)
{
    E = E ? E : tenv_cpu();
    return asm_at(E, CODE);
}


/* Every test starts on a new machine; the last one is freed at exit. */
static void fresh(void) { tenv_fresh(); }

#define GR E->cpu.gr

/* ---- register-register arithmetic: table of hand-computed cases ---- */

typedef struct {
    uint16_t op;        /* RR (< 0x100) or RRE opcode */
    uint64_t a, b;      /* R2 <- a (first operand), R3 <- b (second) */
    uint64_t r;         /* expected R2 */
    int cc;             /* expected CC, -1 = unchanged (set to 1 before) */
} RegCase;

static const RegCase reg_cases[] = {
    /* AR: 5 + (-7) = -2; bits 0-31 of R1 unchanged */
    { 0x1A, 0xAAAAAAAA00000005ULL, 0xFFFFFFF9, 0xAAAAAAAAFFFFFFFEULL, 1 },
    { 0x1A, 0x7FFFFFFF, 1, 0x80000000, 3 },              /* overflow */
    { 0x1A, 0xFFFFFFFF, 1, 0, 0 },                       /* -1 + 1 = 0 */
    /* SR */
    { 0x1B, 0x80000000, 1, 0x7FFFFFFF, 3 },              /* INT_MIN - 1 overflows */
    { 0x1B, 10, 3, 7, 2 },
    /* ALR: CC = (carry ? 2 : 0) | (nonzero ? 1 : 0) */
    { 0x1E, 0xFFFFFFFF, 1, 0, 2 },
    { 0x1E, 0xFFFFFFFF, 2, 1, 3 },
    { 0x1E, 1, 1, 2, 1 },
    { 0x1E, 0, 0, 0, 0 },
    /* SLR: a + ~b + 1; equal -> 0 with carry (CC2); borrow -> CC1 */
    { 0x1F, 5, 5, 0, 2 },
    { 0x1F, 5, 6, 0xFFFFFFFF, 1 },
    { 0x1F, 6, 5, 1, 3 },
    /* LCR */
    { 0x13, 0, 0x80000000, 0x80000000, 3 },
    { 0x13, 0, 5, 0xFFFFFFFB, 1 },
    { 0x13, 0, 0, 0, 0 },
    /* LNR */
    { 0x11, 0, 5, 0xFFFFFFFB, 1 },
    { 0x11, 0, 0xFFFFFFFB, 0xFFFFFFFB, 1 },
    { 0x11, 0, 0, 0, 0 },
    /* LPR */
    { 0x10, 0, 0xFFFFFFFB, 5, 2 },
    { 0x10, 0, 0x80000000, 0x80000000, 3 },
    /* LTR */
    { 0x12, 0x1234567800000000ULL, 0xFFFFFFFF, 0x12345678FFFFFFFFULL, 1 },
    { 0x12, 0, 0, 0, 0 },
    /* NR / OR / XR: CC0 zero result, 1 nonzero */
    { 0x14, 0xF0F0, 0x0F0F, 0, 0 },
    { 0x16, 0xF0F0, 0x0F0F, 0xFFFF, 1 },
    { 0x17, 0xFFFF, 0xFFFF, 0, 0 },
    /* CR signed / CLR unsigned: R1 unchanged */
    { 0x19, 0xFFFFFFFF, 1, 0xFFFFFFFF, 1 },
    { 0x15, 0xFFFFFFFF, 1, 0xFFFFFFFF, 2 },
    { 0x19, 7, 7, 7, 0 },
    /* LR: no CC */
    { 0x18, 0xFFFFFFFF00000000ULL, 0x1111111122222222ULL, 0xFFFFFFFF22222222ULL, -1 },
    /* 64-bit RRE */
    { 0xB908, 0x7FFFFFFFFFFFFFFFULL, 1, 0x8000000000000000ULL, 3 },     /* AGR */
    { 0xB908, 0xFFFFFFFFFFFFFFFFULL, 2, 1, 2 },                           /* AGR -1+2 */
    { 0xB909, 0, 1, 0xFFFFFFFFFFFFFFFFULL, 1 },                           /* SGR */
    { 0xB90A, 0xFFFFFFFFFFFFFFFFULL, 1, 0, 2 },                           /* ALGR */
    { 0xB90B, 1, 2, 0xFFFFFFFFFFFFFFFFULL, 1 },                           /* SLGR */
    { 0xB918, 10, 0xFFFFFFFF, 9, 2 },                                     /* AGFR: +(-1) */
    { 0xB919, 10, 0xFFFFFFFF, 11, 2 },                                    /* SGFR */
    { 0xB903, 0, 0x8000000000000000ULL, 0x8000000000000000ULL, 3 },       /* LCGR */
    { 0xB900, 0, 0xFFFFFFFFFFFFFFFFULL, 1, 2 },                           /* LPGR */
    { 0xB902, 0, 0x8000000000000000ULL, 0x8000000000000000ULL, 1 },       /* LTGR */
    { 0xB912, 0, 0x80000000, 0xFFFFFFFF80000000ULL, 1 },                  /* LTGFR */
    { 0xB914, 0, 0x80000000, 0xFFFFFFFF80000000ULL, -1 },                 /* LGFR */
    { 0xB904, 0, 0x123456789ULL, 0x123456789ULL, -1 },                    /* LGR */
    { 0xB980, 0xFF00FF00FF00FF00ULL, 0x0FF00FF00FF00FF0ULL, 0x0F000F000F000F00ULL, 1 },
    { 0xB981, 0xF000000000000000ULL, 1, 0xF000000000000001ULL, 1 },       /* OGR */
    { 0xB982, 5, 5, 0, 0 },                                               /* XGR */
    { 0xB920, 0xFFFFFFFFFFFFFFFFULL, 0, 0xFFFFFFFFFFFFFFFFULL, 1 },       /* CGR */
    { 0xB921, 0xFFFFFFFFFFFFFFFFULL, 0, 0xFFFFFFFFFFFFFFFFULL, 2 },       /* CLGR */
    { 0xB930, 0xFFFFFFFFFFFFFFFFULL, 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFFULL, 0 },  /* CGFR -1 vs -1 */
    { 0xB931, 0x100000000ULL, 0xFFFFFFFF, 0x100000000ULL, 2 },           /* CLGFR */
    { 0xB252, 0xAAAAAAAA00000003ULL, 0xFFFFFFFD, 0xAAAAAAAAFFFFFFF7ULL, -1 }, /* MSR 3*-3 */
    { 0xB90C, 0x100000000ULL, 0x100000000ULL, 0, -1 },                    /* MSGR: low 64 */
    { 0xB91C, 3, 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFDULL, -1 },                 /* MSGFR 3*-1 */
    /* POPCNT: per-byte counts of R2 (01 FF 00 00 80 00 00 03) */
    { 0xB9E1, 0, 0x01FF000080000003ULL, 0x0108000001000002ULL, 1 },
    { 0xB9E1, 0, 0, 0, 0 },
};

TEST(general_register_table)
{
    fresh();
    for (size_t i = 0; i < sizeof(reg_cases) / sizeof(reg_cases[0]); i++) {
        const RegCase *c = &reg_cases[i];
        Asm a = at_code();
        if (c->op < 0x100)
            RR(&a, c->op, 2, 3);
        else
            RRE(&a, c->op, 2, 3);
        GR[2] = c->a;
        GR[3] = c->b;
        set_cc(E, 1);
        run_ok();
        if (GR[2] != c->r || (c->cc >= 0 && cc_of(E) != (unsigned)c->cc) ||
            (c->cc < 0 && cc_of(E) != 1))
            fprintf(stderr, "  case %zu (op 0x%X): r=0x%llx cc=%u\n", i, c->op,
                    (unsigned long long)GR[2], cc_of(E));
        CHECK_EQ(GR[2], c->r);
        CHECK_EQ(cc_of(E), c->cc >= 0 ? (unsigned)c->cc : 1);
        CHECK_EQ(GR[3], c->b);
    }
}

/* ADD/SUBTRACT LOGICAL WITH CARRY/BORROW use the carry in the CC. */
TEST(general_alc_slb_carry)
{
    fresh();
    Asm a = at_code();
    RRE(&a, 0xB998, 2, 3);              /* ALCR 2,3 */
    GR[2] = 5; GR[3] = 6;
    set_cc(E, 2);                       /* carry in: 5 + 6 + 1 = 12, CC1 */
    run_ok();
    CHECK_EQ(GR[2], 12);
    CHECK_EQ(cc_of(E), 1);
    GR[2] = 0xFFFFFFFF; GR[3] = 0;
    set_cc(E, 3);                       /* 0xFFFFFFFF + 0 + 1 = 0 carry: CC2 */
    run_ok();
    CHECK_EQ(GR[2], 0);
    CHECK_EQ(cc_of(E), 2);

    a = at_code();
    RRE(&a, 0xB999, 2, 3);              /* SLBR 2,3 */
    GR[2] = 5; GR[3] = 3;
    set_cc(E, 1);                       /* borrow in (CC 0/1): 5 - 3 - 1 = 1, CC3 */
    run_ok();
    CHECK_EQ(GR[2], 1);
    CHECK_EQ(cc_of(E), 3);
    GR[2] = 5; GR[3] = 5;
    set_cc(E, 1);                       /* 5 - 5 - 1 = -1: borrow, CC1 */
    run_ok();
    CHECK_EQ(GR[2], 0xFFFFFFFF);
    CHECK_EQ(cc_of(E), 1);

    a = at_code();
    RRE(&a, 0xB988, 2, 3);              /* ALCGR */
    GR[2] = 0xFFFFFFFFFFFFFFFFULL; GR[3] = 0;
    set_cc(E, 2);
    run_ok();
    CHECK_EQ(GR[2], 0);
    CHECK_EQ(cc_of(E), 2);
    a = at_code();
    RRE(&a, 0xB989, 2, 3);              /* SLBGR */
    GR[2] = 0; GR[3] = 0;
    set_cc(E, 0);                       /* 0 - 0 - 1 = -1, borrow: CC1 */
    run_ok();
    CHECK_EQ(GR[2], 0xFFFFFFFFFFFFFFFFULL);
    CHECK_EQ(cc_of(E), 1);
}

TEST(general_distinct_operands)
{
    fresh();
    Asm a = at_code();
    RRF(&a, 0xB9F8, 3, 0, 1, 2);        /* ARK 1,2,3 */
    GR[1] = 0xAAAAAAAA00000000ULL; GR[2] = 40; GR[3] = 2;
    run_ok();
    CHECK_EQ(GR[1], 0xAAAAAAAA0000002AULL);
    CHECK_EQ(GR[2], 40);
    CHECK_EQ(cc_of(E), 2);

    a = at_code();
    RRF(&a, 0xB9E9, 3, 0, 1, 2);        /* SGRK 1,2,3: 2 - 40 */
    GR[2] = 2; GR[3] = 40;
    run_ok();
    CHECK_EQ(GR[1], (uint64_t)-38);
    CHECK_EQ(cc_of(E), 1);

    a = at_code();
    RRF(&a, 0xB9FB, 3, 0, 1, 2);        /* SLRK 1,2,3 */
    GR[2] = 3; GR[3] = 3;
    run_ok();
    CHECK_EQ((uint32_t)GR[1], 0);
    CHECK_EQ(cc_of(E), 2);

    a = at_code();
    RRF(&a, 0xB9EA, 3, 0, 1, 2);        /* ALGRK */
    GR[2] = ~0ULL; GR[3] = ~0ULL;
    run_ok();
    CHECK_EQ(GR[1], ~0ULL - 1);
    CHECK_EQ(cc_of(E), 3);

    a = at_code();
    RRF(&a, 0xB9F4, 3, 0, 1, 2);        /* NRK */
    GR[1] = 0; GR[2] = 0xFF0; GR[3] = 0x0FF;
    run_ok();
    CHECK_EQ(GR[1], 0x0F0);
    a = at_code();
    RRF(&a, 0xB9E6, 3, 0, 1, 2);        /* OGRK */
    GR[2] = 0xF000000000000000ULL; GR[3] = 1;
    run_ok();
    CHECK_EQ(GR[1], 0xF000000000000001ULL);
    a = at_code();
    RRF(&a, 0xB9F7, 3, 0, 1, 2);        /* XRK */
    GR[1] = 0x1111111100000000ULL; GR[2] = 0xFF; GR[3] = 0xFF;
    run_ok();
    CHECK_EQ(GR[1], 0x1111111100000000ULL);
    CHECK_EQ(cc_of(E), 0);

    a = at_code();
    RIE_D(&a, 0xECD8, 1, 3, -5);        /* AHIK 1,3,-5 */
    GR[1] = 0; GR[3] = 2;
    run_ok();
    CHECK_EQ(GR[1], 0xFFFFFFFD);
    CHECK_EQ(cc_of(E), 1);
    a = at_code();
    RIE_D(&a, 0xECD9, 1, 3, 0x7FFF);    /* AGHIK */
    GR[3] = 0x7FFFFFFFFFFFFFFFULL;
    run_ok();
    CHECK_EQ(GR[1], 0x8000000000007FFEULL);
    CHECK_EQ(cc_of(E), 3);

    a = at_code();
    RSY(&a, 0xEBDF, 1, 3, 0, 4);        /* SLLK 1,3,4 */
    GR[1] = 0x5555555500000000ULL; GR[3] = 0x80000001;
    run_ok();
    CHECK_EQ(GR[1], 0x5555555500000010ULL);
    a = at_code();
    RSY(&a, 0xEBDE, 1, 3, 0, 4);        /* SRLK 1,3,4 */
    run_ok();
    CHECK_EQ(GR[1], 0x5555555508000000ULL);
    a = at_code();
    RSY(&a, 0xEBDC, 1, 3, 0, 4);        /* SRAK 1,3,4 */
    run_ok();
    CHECK_EQ(GR[1], 0x55555555F8000000ULL);
    CHECK_EQ(cc_of(E), 1);
    a = at_code();
    RSY(&a, 0xEBDD, 1, 3, 0, 1);        /* SLAK 1,3,1: 0x40000000 -> overflow */
    GR[3] = 0x40000000;
    run_ok();
    CHECK_EQ((uint32_t)GR[1], 0);
    CHECK_EQ(cc_of(E), 3);
}

/* ---- immediates ---- */

TEST(general_immediates)
{
    fresh();
    struct { uint16_t op; int ril; uint64_t before; int32_t imm; uint64_t after; int cc; } c[] = {
        { 0xA708, 0, 0xAAAAAAAA00000000ULL, -1, 0xAAAAAAAAFFFFFFFFULL, -1 },   /* LHI */
        { 0xA709, 0, 5, -2, 0xFFFFFFFFFFFFFFFEULL, -1 },                       /* LGHI */
        { 0xC001, 1, 5, -2, 0xFFFFFFFFFFFFFFFEULL, -1 },                       /* LGFI */
        { 0xC00F, 1, ~0ULL, (int32_t)0x80000000, 0x80000000ULL, -1 },          /* LLILF */
        { 0xC00E, 1, ~0ULL, 0x12345678, 0x1234567800000000ULL, -1 },           /* LLIHF */
        { 0xC008, 1, ~0ULL, 0x12345678, 0x12345678FFFFFFFFULL, -1 },           /* IIHF */
        { 0xC009, 1, 0, 0x12345678, 0x12345678ULL, -1 },                       /* IILF */
        { 0xA500, 0, 0, 0x1234, 0x1234000000000000ULL, -1 },                   /* IIHH */
        { 0xA501, 0, 0, 0x1234, 0x0000123400000000ULL, -1 },                  /* IIHL */
        { 0xA502, 0, 0, 0x1234, 0x12340000ULL, -1 },                           /* IILH */
        { 0xA503, 0, ~0ULL, 0x1234, 0xFFFFFFFFFFFF1234ULL, -1 },               /* IILL */
        { 0xA50C, 0, ~0ULL, 0x1234, 0x1234000000000000ULL, -1 },               /* LLIHH */
        { 0xA50D, 0, ~0ULL, 0x1234, 0x0000123400000000ULL, -1 },               /* LLIHL */
        { 0xA50E, 0, ~0ULL, 0x1234, 0x12340000ULL, -1 },                       /* LLILH */
        { 0xA50F, 0, ~0ULL, -1, 0xFFFFULL, -1 },                               /* LLILL */
        /* AND/OR/XOR immediate: CC from the field only */
        { 0xA507, 0, 0xFFFFFFFFFFFF00FFULL, 0xFF00, 0xFFFFFFFFFFFF0000ULL, 0 }, /* NILL */
        { 0xA506, 0, 0xFFFFFFFFFFFFFFFFULL, 0x0F00, 0xFFFFFFFF0F00FFFFULL, 1 }, /* NILH */
        { 0xA505, 0, 0xFFFFFFFFFFFFFFFFULL, 0, 0xFFFF0000FFFFFFFFULL, 0 },      /* NIHL */
        { 0xA504, 0, 0x1234000000000000ULL, 0x1000, 0x1000000000000000ULL, 1 }, /* NIHH */
        { 0xC00B, 1, 0xFFFFFFFF12345678ULL, 0, 0xFFFFFFFF00000000ULL, 0 },     /* NILF */
        { 0xC00A, 1, 0x12345678FFFFFFFFULL, 0x0F0F0F0F, 0x02040608FFFFFFFFULL, 1 }, /* NIHF */
        { 0xA50B, 0, 0, 0x8000, 0x8000ULL, 1 },                                /* OILL */
        { 0xA50A, 0, 0, 0, 0, 0 },                                             /* OILH */
        { 0xA509, 0, 0, 1, 0x100000000ULL, 1 },                                /* OIHL */
        { 0xA508, 0, 0, 1, 0x1000000000000ULL, 1 },                            /* OIHH */
        { 0xC00D, 1, 0, (int32_t)0x80000000, 0x80000000ULL, 1 },               /* OILF */
        { 0xC00C, 1, 0, 1, 0x100000000ULL, 1 },                                /* OIHF */
        { 0xC007, 1, 0xFFFFFFFFFFFFFFFFULL, -1, 0xFFFFFFFF00000000ULL, 0 },     /* XILF */
        { 0xC006, 1, 0, -1, 0xFFFFFFFF00000000ULL, 1 },                         /* XIHF */
        /* arithmetic immediates */
        { 0xA70A, 0, 0x7FFFFFFF, 1, 0x80000000, 3 },                           /* AHI overflow */
        { 0xA70B, 0, 1, -2, 0xFFFFFFFFFFFFFFFFULL, 1 },                        /* AGHI */
        { 0xC209, 1, 1, -1, 0, 0 },                                            /* AFI */
        { 0xC208, 1, 1, (int32_t)0x80000000, 0xFFFFFFFF80000001ULL, 1 },       /* AGFI */
        { 0xC20B, 1, 0xFFFFFFFF, 1, 0, 2 },                                    /* ALFI */
        { 0xC20A, 1, 1, -1, 0x100000000ULL, 1 },                               /* ALGFI: +0xFFFFFFFF */
        { 0xC205, 1, 1, 1, 0, 2 },                                             /* SLFI */
        { 0xC204, 1, 0, 1, 0xFFFFFFFFFFFFFFFFULL, 1 },                         /* SLGFI */
        { 0xA70C, 0, 0xAAAAAAAA00000003ULL, -4, 0xAAAAAAAAFFFFFFF4ULL, -1 },   /* MHI */
        { 0xA70D, 0, 3, -4, 0xFFFFFFFFFFFFFFF4ULL, -1 },                       /* MGHI */
        { 0xC201, 1, 0x10000, 0x10000, 0, -1 },                                /* MSFI: 2^32 low */
        { 0xC200, 1, 0x10000, 0x10000, 0x100000000ULL, -1 },                   /* MSGFI */
        /* compares */
        { 0xA70E, 0, 0xFFFFFFFF, -1, 0xFFFFFFFF, 0 },                          /* CHI -1 = -1 */
        { 0xA70F, 0, 0xFFFFFFFF, -1, 0xFFFFFFFF, 2 },                          /* CGHI 2^32-1 > -1 */
        { 0xC20D, 1, 0, 1, 0, 1 },                                             /* CFI */
        { 0xC20C, 1, 0x8000000000000000ULL, 0, 0x8000000000000000ULL, 1 },     /* CGFI */
        { 0xC20F, 1, 0xFFFFFFFF, -1, 0xFFFFFFFF, 0 },                          /* CLFI */
        { 0xC20E, 1, 0x100000000ULL, -1, 0x100000000ULL, 2 },                  /* CLGFI */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        if (c[i].ril)
            RIL(&a, c[i].op, 2, c[i].imm);
        else
            RI(&a, c[i].op, 2, c[i].imm);
        GR[2] = c[i].before;
        set_cc(E, 1);
        run_ok();
        if (GR[2] != c[i].after || cc_of(E) != (c[i].cc < 0 ? 1u : (unsigned)c[i].cc))
            fprintf(stderr, "  imm case %zu (op 0x%X): r=0x%llx cc=%u\n", i, c[i].op,
                    (unsigned long long)GR[2], cc_of(E));
        CHECK_EQ(GR[2], c[i].after);
        CHECK_EQ(cc_of(E), c[i].cc < 0 ? 1u : (unsigned)c[i].cc);
    }
}

/* ---- loads and stores ---- */

TEST(general_loads_with_base_index_displacement)
{
    fresh();
    wr_be(E, DATA + 0x110, 8, 0x8182838485868788ULL);
    GR[4] = DATA;
    GR[5] = 0x100;
    struct { uint16_t op; uint64_t before, after; } c[] = {
        { 0x58, 0xAAAAAAAA00000000ULL, 0xAAAAAAAA81828384ULL },     /* L */
        { 0xE358, 0xAAAAAAAA00000000ULL, 0xAAAAAAAA81828384ULL },   /* LY */
        { 0xE304, 0, 0x8182838485868788ULL },                       /* LG */
        { 0xE314, 0, 0xFFFFFFFF81828384ULL },                       /* LGF */
        { 0x48, 0xAAAAAAAA00000000ULL, 0xAAAAAAAAFFFF8182ULL },     /* LH */
        { 0xE378, 0xAAAAAAAA00000000ULL, 0xAAAAAAAAFFFF8182ULL },   /* LHY */
        { 0xE315, 0, 0xFFFFFFFFFFFF8182ULL },                       /* LGH */
        { 0xE316, ~0ULL, 0x81828384ULL },                           /* LLGF */
        { 0xE391, ~0ULL, 0x8182ULL },                               /* LLGH */
        { 0xE390, ~0ULL, 0x81ULL },                                 /* LLGC */
        { 0xE394, ~0ULL, 0xFFFFFFFF00000081ULL },                   /* LLC */
        { 0xE395, ~0ULL, 0xFFFFFFFF00008182ULL },                   /* LLH */
        { 0xE376, 0, 0xFFFFFF81ULL },                               /* LB */
        { 0xE377, 0, 0xFFFFFFFFFFFFFF81ULL },                       /* LGB */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        if (c[i].op < 0x100)
            RX(&a, c[i].op, 2, 5, 4, 0x10);
        else
            RXY(&a, c[i].op, 2, 5, 4, 0x10);
        GR[2] = c[i].before;
        run_ok();
        if (GR[2] != c[i].after)
            fprintf(stderr, "  load case %zu (op 0x%X): 0x%llx\n", i, c[i].op,
                    (unsigned long long)GR[2]);
        CHECK_EQ(GR[2], c[i].after);
    }
}

TEST(general_long_displacement_negative)
{
    fresh();
    wr_be(E, DATA + 0x100, 4, 0xDEADBEEF);
    Asm a = at_code();
    RXY(&a, 0xE358, 2, 0, 4, -0x100 & 0xFFFFF);   /* LY 2,-0x100(4) */
    GR[4] = DATA + 0x200;
    run_ok();
    CHECK_EQ(GR[2], 0xDEADBEEF);
}

TEST(general_load_store_page_crossing)
{
    fresh();
    /* doubleword at DATA+0xFFC crosses into the next page */
    Asm a = at_code();
    RXY(&a, 0xE324, 2, 0, 4, 0);        /* STG 2,0(4) */
    RXY(&a, 0xE304, 3, 0, 4, 0);        /* LG 3,0(4) */
    GR[4] = DATA + 0xFFC;
    GR[2] = 0x0102030405060708ULL;
    run_ok();
    E->cpu.psw_addr = CODE + 6;
    CHECK_EQ(step(E), CPU_STEP_OK);
    CHECK_EQ(GR[3], 0x0102030405060708ULL);
    CHECK_EQ(rd_be(E, DATA + 0xFFC, 4), 0x01020304);
    CHECK_EQ(rd_be(E, DATA + 0x1000, 4), 0x05060708);
}

TEST(general_24bit_address_wraps)
{
    fresh();
    E->cpu.psw_mask = 0;                /* 24-bit mode */
    wr_be(E, 0x11, 4, 0x11223344);
    Asm a = at_code();
    RX(&a, 0x58, 2, 0, 4, 0x12);        /* L 2,0x12(4): 0xFFFFFFFF + 0x12 -> 0x11 */
    GR[4] = 0xFFFFFFFF;
    E->cpu.psw_addr = CODE;
    CHECK_EQ(step(E), CPU_STEP_OK);
    CHECK_EQ(GR[2], 0x11223344);

    /* LA in 24-bit mode: bits 32-39 zero, bits 0-31 unchanged */
    a = at_code();
    RX(&a, 0x41, 2, 0, 4, 0xFFF);
    GR[2] = 0xBBBBBBBB00000000ULL;
    GR[4] = 0xAAAAAAAAFFFFFFFFULL;
    E->cpu.psw_addr = CODE;
    CHECK_EQ(step(E), CPU_STEP_OK);
    CHECK_EQ(GR[2], 0xBBBBBBBB00000FFEULL);
    /* 31-bit mode: bit 32 zero */
    E->cpu.psw_mask = PSW_MASK_BA;
    E->cpu.psw_addr = CODE;
    CHECK_EQ(step(E), CPU_STEP_OK);
    CHECK_EQ(GR[2], 0xBBBBBBBB00000FFEULL);
    GR[4] = 0x7FFFF000;
    E->cpu.psw_addr = CODE;
    CHECK_EQ(step(E), CPU_STEP_OK);
    CHECK_EQ(GR[2], 0xBBBBBBBB7FFFFFFFULL);
    /* 64-bit mode: all 64 bits */
    E->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
    GR[4] = 0xAAAAAAAAFFFFFFFFULL;
    run_ok();
    CHECK_EQ(GR[2], 0xAAAAAAAB00000FFEULL);
}

TEST(general_stores)
{
    fresh();
    GR[2] = 0x8182838485868788ULL;
    GR[4] = DATA;
    struct { uint16_t op; unsigned n; uint64_t v; } c[] = {
        { 0x50, 4, 0x85868788 }, { 0xE350, 4, 0x85868788 }, { 0xE324, 8, 0x8182838485868788ULL },
        { 0x40, 2, 0x8788 }, { 0xE370, 2, 0x8788 }, { 0x42, 1, 0x88 }, { 0xE372, 1, 0x88 },
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        memset(tenv_abs(E, DATA), 0, 16);
        Asm a = at_code();
        if (c[i].op < 0x100)
            RX(&a, c[i].op, 2, 0, 4, 4);
        else
            RXY(&a, c[i].op, 2, 0, 4, 4);
        run_ok();
        CHECK_EQ(rd_be(E, DATA + 4, c[i].n), c[i].v);
        CHECK_EQ(rd_be(E, DATA + 4 + c[i].n, 1), 0);
        CHECK_EQ(rd_be(E, DATA + 3, 1), 0);
    }
}

TEST(general_storage_immediates)
{
    fresh();
    GR[4] = DATA;
    memset(tenv_abs(E, DATA), 0, 32);
    Asm a = at_code();
    SI(&a, 0x92, 0xC1, 4, 1);           /* MVI 1(4),0xC1 */
    run_ok();
    CHECK_EQ(rd_be(E, DATA, 3), 0x00C100);
    a = at_code();
    SIY(&a, 0xEB52, 0xC2, 4, 2);        /* MVIY */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 2, 1), 0xC2);
    a = at_code();
    SIL(&a, 0xE544, 4, 8, -2);          /* MVHHI 8(4),-2 */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 8, 2), 0xFFFE);
    a = at_code();
    SIL(&a, 0xE54C, 4, 12, -2);         /* MVHI: sign-extended to a word */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 12, 4), 0xFFFFFFFE);
    a = at_code();
    SIL(&a, 0xE548, 4, 16, 0x7FFF);     /* MVGHI */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 16, 8), 0x7FFF);

    /* NI / OI / XI: read-modify-write, CC0 zero result, 1 nonzero */
    tenv_abs(E, DATA)[0] = 0xF0;
    a = at_code();
    SI(&a, 0x94, 0x0F, 4, 0);           /* NI -> 0 */
    run_ok();
    CHECK_EQ(tenv_abs(E, DATA)[0], 0);
    CHECK_EQ(cc_of(E), 0);
    a = at_code();
    SI(&a, 0x96, 0x81, 4, 0);           /* OI -> 0x81 */
    run_ok();
    CHECK_EQ(tenv_abs(E, DATA)[0], 0x81);
    CHECK_EQ(cc_of(E), 1);
    a = at_code();
    SI(&a, 0x97, 0x01, 4, 0);           /* XI -> 0x80 */
    run_ok();
    CHECK_EQ(tenv_abs(E, DATA)[0], 0x80);
    CHECK_EQ(cc_of(E), 1);
    a = at_code();
    SIY(&a, 0xEB57, 0x80, 4, 0);        /* XIY -> 0 */
    run_ok();
    CHECK_EQ(tenv_abs(E, DATA)[0], 0);
    CHECK_EQ(cc_of(E), 0);
    a = at_code();
    SIY(&a, 0xEB56, 0x3C, 4, 0);        /* OIY */
    run_ok();
    a = at_code();
    SIY(&a, 0xEB54, 0x0F, 4, 0);        /* NIY -> 0x0C */
    run_ok();
    CHECK_EQ(tenv_abs(E, DATA)[0], 0x0C);
}

TEST(general_relative_long)
{
    fresh();
    Asm a = at_code();
    /* LARL 2,+0x1000 -> CODE + 0x2000 */
    RIL(&a, 0xC000, 2, 0x1000);
    run_ok();
    CHECK_EQ(GR[2], CODE + 0x2000);
    /* LRL/LGRL/LGFRL/STRL/STGRL at DATA = CODE + 2 * 0x8000 */
    wr_be(E, DATA, 8, 0xF1F2F3F4F5F6F7F8ULL);
    a = at_code();
    RIL(&a, 0xC40D, 2, (DATA - CODE) / 2);  /* LRL */
    GR[2] = 0xAAAAAAAA00000000ULL;
    run_ok();
    CHECK_EQ(GR[2], 0xAAAAAAAAF1F2F3F4ULL);
    a = at_code();
    RIL(&a, 0xC408, 2, (DATA - CODE) / 2);  /* LGRL */
    run_ok();
    CHECK_EQ(GR[2], 0xF1F2F3F4F5F6F7F8ULL);
    a = at_code();
    RIL(&a, 0xC40C, 2, (DATA - CODE) / 2);  /* LGFRL */
    run_ok();
    CHECK_EQ(GR[2], 0xFFFFFFFFF1F2F3F4ULL);
    a = at_code();
    RIL(&a, 0xC40F, 3, (DATA + 8 - CODE) / 2);  /* STRL 3 */
    GR[3] = 0x0102030405060708ULL;
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 8, 4), 0x05060708);
    a = at_code();
    RIL(&a, 0xC40B, 3, (DATA + 16 - CODE) / 2); /* STGRL 3 */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 16, 8), 0x0102030405060708ULL);
    /* compares relative long */
    a = at_code();
    RIL(&a, 0xC60D, 2, (DATA - CODE) / 2);  /* CRL: 0 vs 0xF1F2F3F4 (negative) */
    GR[2] = 0;
    run_ok();
    CHECK_EQ(cc_of(E), 2);
    a = at_code();
    RIL(&a, 0xC60F, 2, (DATA - CODE) / 2);  /* CLRL: unsigned */
    run_ok();
    CHECK_EQ(cc_of(E), 1);
    a = at_code();
    RIL(&a, 0xC608, 2, (DATA - CODE) / 2);  /* CGRL equal */
    GR[2] = 0xF1F2F3F4F5F6F7F8ULL;
    run_ok();
    CHECK_EQ(cc_of(E), 0);
    a = at_code();
    RIL(&a, 0xC60A, 2, (DATA - CODE) / 2);  /* CLGRL */
    GR[2] = 1;
    run_ok();
    CHECK_EQ(cc_of(E), 1);
    /* alignment: LGRL needs a doubleword boundary */
    a = at_code();
    RIL(&a, 0xC408, 2, (DATA + 4 - CODE) / 2);
    run_pgm(PGM_SPECIFICATION);
    a = at_code();
    RIL(&a, 0xC40F, 2, (DATA + 2 - CODE) / 2);  /* STRL on a halfword */
    run_pgm(PGM_SPECIFICATION);
}

/* ---- storage arithmetic and compares ---- */

TEST(general_storage_arithmetic)
{
    fresh();
    GR[4] = DATA;
    wr_be(E, DATA, 8, 0xFFFFFFFFFFFFFFFFULL);   /* -1 as word, doubleword */
    wr_be(E, DATA + 8, 2, 0x8000);              /* -32768 halfword */
    struct { uint16_t op; unsigned disp; uint64_t before, after; int cc; } c[] = {
        { 0x5A, 0, 5, 4, 2 },                       /* A: 5 + -1 */
        { 0xE308, 0, 0, 0xFFFFFFFFFFFFFFFFULL, 1 }, /* AG */
        { 0xE318, 0, 1, 0, 0 },                     /* AGF: 1 + -1 */
        { 0x4A, 8, 0, 0xFFFF8000, 1 },              /* AH */
        { 0x5B, 0, 5, 6, 2 },                       /* S: 5 - -1 */
        { 0xE309, 0, 0, 1, 2 },                     /* SG */
        { 0xE319, 0, 0, 1, 2 },                     /* SGF */
        { 0x5E, 0, 1, 0, 2 },                       /* AL: 1 + 0xFFFFFFFF carry */
        { 0xE30A, 0, 2, 1, 3 },                     /* ALG */
        { 0x5F, 0, 1, 2, 1 },                       /* SL: 1 - 0xFFFFFFFF borrow */
        { 0xE30B, 0, 0xFFFFFFFFFFFFFFFFULL, 0, 2 }, /* SLG */
        { 0x71, 0, 7, 0xFFFFFFF9, -1 },             /* MS */
        { 0xE30C, 0, 7, 0xFFFFFFFFFFFFFFF9ULL, -1 },/* MSG */
        { 0xE31C, 0, 7, 0xFFFFFFFFFFFFFFF9ULL, -1 },/* MSGF */
        { 0x54, 0, 0xAAAAAAAA0000F0F0ULL, 0xAAAAAAAA0000F0F0ULL, 1 },   /* N */
        { 0x56, 0, 0, 0xFFFFFFFF, 1 },              /* O */
        { 0x57, 0, 0xFFFFFFFF, 0, 0 },              /* X */
        { 0xE380, 0, 0x1234, 0x1234, 1 },           /* NG */
        { 0xE381, 0, 0, ~0ULL, 1 },                 /* OG */
        { 0xE382, 0, ~0ULL, 0, 0 },                 /* XG */
        { 0x59, 0, 0, 0, 2 },                       /* C: 0 > -1 */
        { 0xE320, 0, 0, 0, 2 },                     /* CG */
        { 0xE330, 0, ~0ULL, ~0ULL, 0 },             /* CGF: -1 = -1 */
        { 0x49, 8, 0xFFFF8000, 0xFFFF8000, 0 },     /* CH */
        { 0x55, 0, 0, 0, 1 },                       /* CL: 0 < 0xFFFFFFFF */
        { 0xE321, 0, ~0ULL, ~0ULL, 0 },             /* CLG */
        { 0xE331, 0, 0x100000000ULL, 0x100000000ULL, 2 },   /* CLGF */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        if (c[i].op < 0x100)
            RX(&a, c[i].op, 2, 0, 4, c[i].disp);
        else
            RXY(&a, c[i].op, 2, 0, 4, c[i].disp);
        GR[2] = c[i].before;
        set_cc(E, 1);
        run_ok();
        unsigned cc = c[i].cc < 0 ? 1u : (unsigned)c[i].cc;
        if (GR[2] != c[i].after || cc_of(E) != cc)
            fprintf(stderr, "  mem case %zu (op 0x%X): r=0x%llx cc=%u\n", i, c[i].op,
                    (unsigned long long)GR[2], cc_of(E));
        CHECK_EQ(GR[2], c[i].after);
        CHECK_EQ(cc_of(E), cc);
    }
}

TEST(general_alc_slb_storage)
{
    fresh();
    GR[4] = DATA;
    wr_be(E, DATA, 8, 1);
    Asm a = at_code();
    RXY(&a, 0xE388, 2, 0, 4, 0);        /* ALCG 2,0(4): 1 + 1 + carry */
    GR[2] = 1;
    set_cc(E, 3);
    run_ok();
    CHECK_EQ(GR[2], 3);
    CHECK_EQ(cc_of(E), 1);
    wr_be(E, DATA + 8, 4, 1);
    a = at_code();
    RXY(&a, 0xE398, 2, 0, 4, 8);        /* ALC */
    GR[2] = 0xFFFFFFFE;
    set_cc(E, 2);                       /* 0xFFFFFFFE + 1 + 1 = 0, carry */
    run_ok();
    CHECK_EQ(GR[2], 0);
    CHECK_EQ(cc_of(E), 2);
    a = at_code();
    RXY(&a, 0xE399, 2, 0, 4, 8);        /* SLB: 0 - 1 - 0 (no borrow in) */
    GR[2] = 0;
    set_cc(E, 2);
    run_ok();
    CHECK_EQ(GR[2], 0xFFFFFFFF);
    CHECK_EQ(cc_of(E), 1);
    a = at_code();
    RXY(&a, 0xE389, 2, 0, 4, 0);        /* SLBG: 5 - 1 - 1 (borrow in) */
    GR[2] = 5;
    set_cc(E, 0);
    run_ok();
    CHECK_EQ(GR[2], 3);
    CHECK_EQ(cc_of(E), 3);
}

TEST(general_compare_storage_immediate)
{
    fresh();
    GR[4] = DATA;
    wr_be(E, DATA, 8, 0xFFFFFFFFFFFFFFFFULL);
    struct { uint16_t op; int16_t imm; int cc; } c[] = {
        { 0xE554, -1, 0 },          /* CHHSI: -1 vs -1 */
        { 0xE55C, 0, 1 },           /* CHSI: -1 < 0 */
        { 0xE558, -2, 2 },          /* CGHSI: -1 > -2 */
        { 0xE555, -1, 0 },          /* CLHHSI: 0xFFFF vs 0xFFFF */
        { 0xE55D, -1, 2 },          /* CLFHSI: 0xFFFFFFFF vs 0xFFFF */
        { 0xE559, 0, 2 },           /* CLGHSI */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        SIL(&a, c[i].op, 4, 0, c[i].imm);
        run_ok();
        CHECK_EQ(cc_of(E), (unsigned)c[i].cc);
    }
    tenv_abs(E, DATA)[0] = 0x80;
    Asm a = at_code();
    SI(&a, 0x95, 0x7F, 4, 0);           /* CLI: 0x80 > 0x7F */
    run_ok();
    CHECK_EQ(cc_of(E), 2);
    a = at_code();
    SIY(&a, 0xEB55, 0x81, 4, 0);        /* CLIY: 0x80 < 0x81 */
    run_ok();
    CHECK_EQ(cc_of(E), 1);
}

TEST(general_test_under_mask)
{
    fresh();
    GR[4] = DATA;
    tenv_abs(E, DATA)[0] = 0xA5;        /* 1010 0101 */
    struct { uint8_t mask; unsigned cc; } c[] = {
        { 0x00, 0 }, { 0x5A, 0 }, { 0xA0, 3 }, { 0x81, 3 }, { 0xF0, 1 }, { 0x0F, 1 },
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        SI(&a, 0x91, c[i].mask, 4, 0);
        run_ok();
        CHECK_EQ(cc_of(E), c[i].cc);
    }
    Asm a = at_code();
    SIY(&a, 0xEB51, 0x44, 4, 0);        /* TMY: 0x44 & 0xA5 = 0x04: mixed */
    run_ok();
    CHECK_EQ(cc_of(E), 1);

    /* TMLL on 0x00F0: CC2 when mixed and the leftmost selected bit is 1 */
    struct { uint16_t op; uint64_t v; uint16_t mask; unsigned cc; } t[] = {
        { 0xA701, 0x00F0, 0x0180, 1 },   /* sel 0x0080; leftmost mask bit 0x0100 is 0 */
        { 0xA701, 0x00F0, 0x00C0, 3 },
        { 0xA701, 0x00F0, 0x0F00, 0 },
        { 0xA701, 0x00F0, 0x00F8, 2 },   /* leftmost mask bit 0x80 is 1 */
        { 0xA701, 0x00F0, 0x0000, 0 },
        { 0xA700, 0x80000000ULL, 0x8001, 2 },            /* TMLH */
        { 0xA703, 0x0000000100000000ULL, 0x0003, 1 },    /* TMHL: bit 0x2 zero */
        { 0xA702, 0xFFFF000000000000ULL, 0xFFFF, 3 },    /* TMHH */
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        a = at_code();
        RI(&a, t[i].op, 2, t[i].mask);
        GR[2] = t[i].v;
        run_ok();
        if (cc_of(E) != t[i].cc)
            fprintf(stderr, "  tm case %zu\n", i);
        CHECK_EQ(cc_of(E), t[i].cc);
    }
}

/* ---- multiply and divide ---- */

TEST(general_multiply_pairs)
{
    fresh();
    GR[4] = DATA;
    wr_be(E, DATA, 4, 7);
    Asm a = at_code();
    RX(&a, 0x5C, 2, 0, 4, 0);           /* M 2,0(4): R3 = -3 -> -21 in R2:R3 */
    GR[2] = 0xAAAAAAAA00000000ULL;
    GR[3] = 0xBBBBBBBBFFFFFFFDULL;
    run_ok();
    CHECK_EQ(GR[2], 0xAAAAAAAAFFFFFFFFULL);
    CHECK_EQ(GR[3], 0xBBBBBBBBFFFFFFEBULL);

    a = at_code();
    RR(&a, 0x1C, 2, 5);                 /* MR 2,5 */
    GR[3] = 0x10000;
    GR[5] = 0x10000;                    /* 2^32: high word 1, low 0 */
    run_ok();
    CHECK_EQ((uint32_t)GR[2], 1);
    CHECK_EQ((uint32_t)GR[3], 0);

    a = at_code();
    RRE(&a, 0xB996, 2, 5);              /* MLR: 0xFFFFFFFF^2 = 0xFFFFFFFE00000001 */
    GR[3] = 0xFFFFFFFF;
    GR[5] = 0xFFFFFFFF;
    run_ok();
    CHECK_EQ((uint32_t)GR[2], 0xFFFFFFFE);
    CHECK_EQ((uint32_t)GR[3], 1);

    wr_be(E, DATA, 4, 0xFFFFFFFF);
    a = at_code();
    RXY(&a, 0xE396, 2, 0, 4, 0);        /* ML: unsigned */
    GR[3] = 2;
    run_ok();
    CHECK_EQ((uint32_t)GR[2], 1);
    CHECK_EQ((uint32_t)GR[3], 0xFFFFFFFE);

    a = at_code();
    RRE(&a, 0xB986, 2, 5);              /* MLGR: (2^64-1)^2 */
    GR[3] = ~0ULL;
    GR[5] = ~0ULL;
    run_ok();
    CHECK_EQ(GR[2], 0xFFFFFFFFFFFFFFFEULL);
    CHECK_EQ(GR[3], 1);

    wr_be(E, DATA, 8, 0x100000000ULL);
    a = at_code();
    RXY(&a, 0xE386, 2, 0, 4, 0);        /* MLG: 2^32 * 2^32 = 2^64 */
    GR[3] = 0x100000000ULL;
    run_ok();
    CHECK_EQ(GR[2], 1);
    CHECK_EQ(GR[3], 0);

    /* odd R1 -> specification, registers unchanged */
    a = at_code();
    RRE(&a, 0xB986, 3, 5);
    GR[3] = 9;
    run_pgm(PGM_SPECIFICATION);
    CHECK_EQ(GR[3], 9);
}

TEST(general_divide)
{
    fresh();
    Asm a = at_code();
    RR(&a, 0x1D, 2, 4);                 /* DR 2,4: 100 / 7 = 14 r 2 */
    GR[2] = 0; GR[3] = 100; GR[4] = 7;
    run_ok();
    CHECK_EQ((uint32_t)GR[2], 2);
    CHECK_EQ((uint32_t)GR[3], 14);
    /* -100 / 7 = -14 r -2 (remainder has the dividend's sign) */
    GR[2] = 0xFFFFFFFF; GR[3] = 0xFFFFFF9C;
    run_ok();
    CHECK_EQ((uint32_t)GR[2], 0xFFFFFFFE);
    CHECK_EQ((uint32_t)GR[3], 0xFFFFFFF2);
    /* divide by zero: fixed-point divide, PSW after, registers unchanged */
    GR[2] = 0; GR[3] = 5; GR[4] = 0;
    run_pgm(PGM_FIXED_DIVIDE);
    CHECK_EQ(pgm_old_addr(E), CODE + 2);
    CHECK_EQ(GR[3], 5);
    /* quotient too large: 2^32 / 1 */
    GR[2] = 1; GR[3] = 0; GR[4] = 1;
    run_pgm(PGM_FIXED_DIVIDE);
    CHECK_EQ(GR[2], 1);

    a = at_code();
    RRE(&a, 0xB997, 2, 4);              /* DLR: 2^32 / 2 = 0x80000000 fits unsigned */
    GR[2] = 1; GR[3] = 0; GR[4] = 2;
    run_ok();
    CHECK_EQ((uint32_t)GR[2], 0);
    CHECK_EQ((uint32_t)GR[3], 0x80000000);

    a = at_code();
    RRE(&a, 0xB90D, 2, 4);              /* DSGR: -100 / 7 */
    GR[3] = (uint64_t)-100; GR[4] = 7;
    run_ok();
    CHECK_EQ(GR[2], (uint64_t)-2);
    CHECK_EQ(GR[3], (uint64_t)-14);
    GR[3] = 0x8000000000000000ULL; GR[4] = (uint64_t)-1;
    run_pgm(PGM_FIXED_DIVIDE);

    a = at_code();
    RRE(&a, 0xB91D, 2, 4);              /* DSGFR: divisor is bits 32-63 sign-extended */
    GR[3] = 100; GR[4] = 0x12345678FFFFFFFFULL;
    run_ok();
    CHECK_EQ(GR[3], (uint64_t)-100);
    CHECK_EQ(GR[2], 0);

    a = at_code();
    RRE(&a, 0xB987, 2, 4);              /* DLGR: 2^64 / 2 = 2^63 */
    GR[2] = 1; GR[3] = 0; GR[4] = 2;
    run_ok();
    CHECK_EQ(GR[2], 0);
    CHECK_EQ(GR[3], 0x8000000000000000ULL);
    GR[2] = 5; GR[3] = 0; GR[4] = 5;    /* quotient 2^64: too large */
    run_pgm(PGM_FIXED_DIVIDE);

    GR[4] = DATA;
    wr_be(E, DATA, 8, 3);
    a = at_code();
    RX(&a, 0x5D, 2, 0, 4, 4);           /* D 2,4(4): divisor word 3 */
    GR[2] = 0; GR[3] = 10;
    run_ok();
    CHECK_EQ((uint32_t)GR[3], 3);
    CHECK_EQ((uint32_t)GR[2], 1);
    a = at_code();
    RXY(&a, 0xE397, 2, 0, 4, 4);        /* DL */
    GR[2] = 0; GR[3] = 10;
    run_ok();
    CHECK_EQ((uint32_t)GR[3], 3);
    a = at_code();
    RXY(&a, 0xE30D, 2, 0, 4, 0);        /* DSG */
    GR[3] = (uint64_t)-10;
    run_ok();
    CHECK_EQ(GR[3], (uint64_t)-3);
    CHECK_EQ(GR[2], (uint64_t)-1);
    a = at_code();
    RXY(&a, 0xE31D, 2, 0, 4, 4);        /* DSGF */
    GR[3] = 9;
    run_ok();
    CHECK_EQ(GR[3], 3);
    a = at_code();
    RXY(&a, 0xE387, 2, 0, 4, 0);        /* DLG */
    GR[2] = 0; GR[3] = 10;
    run_ok();
    CHECK_EQ(GR[3], 3);
    CHECK_EQ(GR[2], 1);
    /* odd R1 */
    a = at_code();
    RR(&a, 0x1D, 3, 4);
    run_pgm(PGM_SPECIFICATION);
}

/* ---- shifts and rotates ---- */

TEST(general_shifts)
{
    fresh();
    struct { uint16_t op; uint64_t r1, r3; unsigned n; uint64_t after; int cc; } c[] = {
        { 0x89, 0xAAAAAAAA80000001ULL, 0, 1, 0xAAAAAAAA00000002ULL, -1 },  /* SLL */
        { 0x89, 0xAAAAAAAA80000001ULL, 0, 32, 0xAAAAAAAA00000000ULL, -1 },
        { 0x88, 0xAAAAAAAA80000001ULL, 0, 31, 0xAAAAAAAA00000001ULL, -1 }, /* SRL */
        { 0x8B, 0x40000000, 0, 1, 0, 3 },                /* SLA: 1 shifted into sign */
        { 0x8B, 0xFFFFFFFF, 0, 4, 0xFFFFFFF0, 1 },       /* SLA -1 << 4 = -16 */
        { 0x8B, 0x00000001, 0, 31, 0, 3 },               /* shifted out of bit 1 */
        { 0x8B, 0x00000001, 0, 30, 0x40000000, 2 },
        { 0x8B, 0x80000000, 0, 40, 0x80000000, 3 },      /* zeros unlike the sign */
        { 0x8B, 0, 0, 63, 0, 0 },
        { 0x8A, 0x80000000, 0, 31, 0xFFFFFFFF, 1 },      /* SRA */
        { 0x8A, 0x80000000, 0, 40, 0xFFFFFFFF, 1 },
        { 0x8A, 0x7FFFFFFF, 0, 40, 0, 0 },
        { 0xEB0D, 0, 0x8000000000000001ULL, 4, 0x10, -1 },               /* SLLG */
        { 0xEB0C, 0, 0x8000000000000001ULL, 63, 1, -1 },                 /* SRLG */
        { 0xEB0B, 0, 0x4000000000000000ULL, 1, 0, 3 },                   /* SLAG overflow */
        { 0xEB0B, 0, 0xFFFFFFFFFFFFFFFFULL, 8, 0xFFFFFFFFFFFFFF00ULL, 1 },
        { 0xEB0A, 0, (uint64_t)-256, 4, (uint64_t)-16, 1 },             /* SRAG */
        { 0xEB1D, 0xAAAAAAAA00000000ULL, 0x80000001, 1, 0xAAAAAAAA00000003ULL, -1 }, /* RLL */
        { 0xEB1D, 0, 0x12345678, 36, 0x23456781, -1 },   /* 36 & 31 = 4 */
        { 0xEB1C, 0, 0x8000000000000001ULL, 4, 0x18, -1 },               /* RLLG */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = at_code();
        /* the amount comes from the address D2(B2): B2 = 5 holds 0x1000 + n
         * so only bits 58-63 matter */
        GR[5] = 0x1000 + c[i].n - 0x10;
        if (c[i].op < 0x100)
            RS(&a, c[i].op, 2, 0, 5, 0x10);
        else
            RSY(&a, c[i].op, 2, 3, 5, 0x10);
        GR[2] = c[i].r1;
        GR[3] = c[i].r3;
        set_cc(E, 1);
        run_ok();
        unsigned cc = c[i].cc < 0 ? 1u : (unsigned)c[i].cc;
        if (GR[2] != c[i].after || cc_of(E) != cc)
            fprintf(stderr, "  shift case %zu (op 0x%X): r=0x%llx cc=%u\n", i, c[i].op,
                    (unsigned long long)GR[2], cc_of(E));
        CHECK_EQ(GR[2], c[i].after);
        CHECK_EQ(cc_of(E), cc);
    }
}

TEST(general_double_shifts)
{
    fresh();
    Asm a = at_code();
    RS(&a, 0x8C, 2, 0, 0, 1);           /* SRDL 2,1 */
    GR[2] = 0xAAAAAAAA00000001ULL; GR[3] = 0xBBBBBBBB00000000ULL;
    run_ok();
    CHECK_EQ(GR[2], 0xAAAAAAAA00000000ULL);
    CHECK_EQ(GR[3], 0xBBBBBBBB80000000ULL);
    a = at_code();
    RS(&a, 0x8D, 2, 0, 0, 33);          /* SLDL 2,33 */
    GR[2] = 0; GR[3] = 0x80000001;
    run_ok();
    CHECK_EQ((uint32_t)GR[2], 2);
    CHECK_EQ((uint32_t)GR[3], 0);
    a = at_code();
    RS(&a, 0x8E, 2, 0, 0, 32);          /* SRDA 2,32: -2 : x -> -1 : -2 */
    GR[2] = 0xFFFFFFFE; GR[3] = 0x12345678;
    run_ok();
    CHECK_EQ((uint32_t)GR[2], 0xFFFFFFFF);
    CHECK_EQ((uint32_t)GR[3], 0xFFFFFFFE);
    CHECK_EQ(cc_of(E), 1);
    a = at_code();
    RS(&a, 0x8F, 2, 0, 0, 1);           /* SLDA 2,1: 0x40000000:0 -> overflow */
    GR[2] = 0x40000000; GR[3] = 0;
    run_ok();
    CHECK_EQ((uint32_t)GR[2], 0);
    CHECK_EQ(cc_of(E), 3);
    GR[2] = 0; GR[3] = 0x80000000;      /* 2^31 << 1 = 2^32: positive, no overflow */
    run_ok();
    CHECK_EQ((uint32_t)GR[2], 1);
    CHECK_EQ((uint32_t)GR[3], 0);
    CHECK_EQ(cc_of(E), 2);
    a = at_code();
    RS(&a, 0x8D, 3, 0, 0, 1);           /* odd R1 */
    run_pgm(PGM_SPECIFICATION);
}

/* ---- rotate then <op> selected bits ---- */

TEST(general_risbg_family)
{
    fresh();
    Asm a = at_code();
    /* RISBG 2,2,63,0x80|63,54: (x >> 10) & 1 (rotate left 54 = right 10) */
    RIE_F(&a, 0xEC55, 2, 2, 63, 0xBF, 54);
    GR[2] = 0x400;
    run_ok();
    CHECK_EQ(GR[2], 1);
    CHECK_EQ(cc_of(E), 2);
    GR[2] = 0x3FF;
    run_ok();
    CHECK_EQ(GR[2], 0);
    CHECK_EQ(cc_of(E), 0);

    a = at_code();
    RIE_F(&a, 0xEC55, 1, 2, 32, 63, 0); /* insert bits 32-63, keep the rest */
    GR[1] = ~0ULL; GR[2] = 0;
    run_ok();
    CHECK_EQ(GR[1], 0xFFFFFFFF00000000ULL);
    CHECK_EQ(cc_of(E), 1);

    a = at_code();
    RIE_F(&a, 0xEC55, 1, 2, 60, 0x83, 0);   /* wrapping range 60..3, zero the rest */
    GR[1] = 0x0123456789ABCDEFULL; GR[2] = ~0ULL;
    run_ok();
    CHECK_EQ(GR[1], 0xF00000000000000FULL);

    a = at_code();
    RIE_F(&a, 0xEC54, 1, 2, 48, 63, 0); /* RNSBG: AND in bits 48-63 */
    GR[1] = 0xFF00FF00; GR[2] = 0x0F0F;
    run_ok();
    CHECK_EQ(GR[1], 0xFF000F00);
    CHECK_EQ(cc_of(E), 1);
    a = at_code();
    RIE_F(&a, 0xEC54, 1, 2, 0x80 | 48, 63, 0);  /* test only */
    GR[1] = 0xFF00; GR[2] = 0x00FF;
    run_ok();
    CHECK_EQ(GR[1], 0xFF00);
    CHECK_EQ(cc_of(E), 0);
    a = at_code();
    RIE_F(&a, 0xEC56, 1, 2, 0, 7, 8);   /* ROSBG: OR rotated byte into bits 0-7 */
    GR[1] = 1; GR[2] = 0x0081000000000000ULL;   /* rotated left 8: 0x81 in bits 0-7 */
    run_ok();
    CHECK_EQ(GR[1], 0x8100000000000001ULL);
    CHECK_EQ(cc_of(E), 1);
    a = at_code();
    RIE_F(&a, 0xEC57, 1, 2, 56, 63, 0); /* RXSBG on the low byte */
    GR[1] = 0xAB; GR[2] = 0xAB;
    run_ok();
    CHECK_EQ(GR[1], 0);
    CHECK_EQ(cc_of(E), 0);

    /* RISBHG/RISBLG: word-relative positions, other word and CC unchanged */
    set_cc(E, 3);
    a = at_code();
    RIE_F(&a, 0xEC5D, 1, 2, 0, 0x80 | 31, 32);   /* RISBHG: low word of R2 -> high of R1 */
    GR[1] = 0x1111111122222222ULL; GR[2] = 0xAABBCCDD;
    run_ok();
    CHECK_EQ(GR[1], 0xAABBCCDD22222222ULL);
    CHECK_EQ(cc_of(E), 3);
    a = at_code();
    RIE_F(&a, 0xEC51, 1, 2, 0, 0x80 | 31, 32);   /* RISBLG: high word of R2 -> low of R1 */
    GR[1] = 0x1111111122222222ULL; GR[2] = 0xAABBCCDD00000000ULL;
    run_ok();
    CHECK_EQ(GR[1], 0x11111111AABBCCDDULL);
    a = at_code();
    RIE_F(&a, 0xEC51, 1, 2, 24, 31, 0);          /* RISBLG: only the low byte */
    GR[1] = 0x1111111122222222ULL; GR[2] = 0xFF;
    run_ok();
    CHECK_EQ(GR[1], 0x11111111222222FFULL);
    a = at_code();
    RIE_F(&a, 0xEC5D, 1, 2, 0, 0x80 | 7, 8);     /* RISBHG: top byte, zero the rest of the high word */
    GR[1] = 0x1111111122222222ULL; GR[2] = 0x00CC000000000000ULL;
    run_ok();
    CHECK_EQ(GR[1], 0xCC00000022222222ULL);
}

/* ---- load/store on condition, POPCNT, FLOGR ---- */

TEST(general_load_store_on_condition)
{
    fresh();
    Asm a = at_code();
    RRF(&a, 0xB9F2, 2, 0, 1, 2);        /* LOCR 1,2,M3=2 (CC2) */
    GR[1] = 0xAAAAAAAA00000000ULL; GR[2] = 0x55;
    set_cc(E, 2);
    run_ok();
    CHECK_EQ(GR[1], 0xAAAAAAAA00000055ULL);
    GR[1] = 0;
    set_cc(E, 1);
    run_ok();
    CHECK_EQ(GR[1], 0);
    a = at_code();
    RRF(&a, 0xB9E2, 8, 0, 1, 2);        /* LOCGR M3=8 (CC0) */
    GR[2] = ~0ULL;
    set_cc(E, 0);
    run_ok();
    CHECK_EQ(GR[1], ~0ULL);

    GR[4] = DATA;
    wr_be(E, DATA, 8, 0x1122334455667788ULL);
    a = at_code();
    RSY(&a, 0xEBF2, 1, 4, 4, 0);        /* LOC 1,0(4),4 (CC1) */
    GR[1] = 0;
    set_cc(E, 1);
    run_ok();
    CHECK_EQ(GR[1], 0x11223344);
    a = at_code();
    RSY(&a, 0xEBE2, 1, 4, 4, 0);        /* LOCG */
    run_ok();
    CHECK_EQ(GR[1], 0x1122334455667788ULL);
    a = at_code();
    RSY(&a, 0xEBF3, 1, 1, 4, 8);        /* STOC 1,8(4),1 (CC3) */
    GR[1] = 0xCAFEBABEDEADBEEFULL;
    set_cc(E, 3);
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 8, 4), 0xDEADBEEF);
    a = at_code();
    RSY(&a, 0xEBE3, 1, 1, 4, 16);       /* STOCG */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 16, 8), 0xCAFEBABEDEADBEEFULL);
    /* condition not met: nothing stored, and (our choice, the architecture
     * leaves it model-dependent) the operand is not accessed at all */
    set_cc(E, 0);
    GR[4] = 0x10000000;                 /* beyond storage: would be addressing */
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 16, 8), 0xCAFEBABEDEADBEEFULL);
}

TEST(general_flogr)
{
    fresh();
    Asm a = at_code();
    RRE(&a, 0xB983, 2, 4);              /* FLOGR 2,4 */
    GR[4] = 0x0000100000000000ULL;      /* leftmost one = bit 19 */
    run_ok();
    CHECK_EQ(GR[2], 19);
    CHECK_EQ(GR[3], 0);
    CHECK_EQ(cc_of(E), 2);
    GR[4] = 0x8000000000000001ULL;
    run_ok();
    CHECK_EQ(GR[2], 0);
    CHECK_EQ(GR[3], 1);
    GR[4] = 0;
    run_ok();
    CHECK_EQ(GR[2], 64);
    CHECK_EQ(GR[3], 0);
    CHECK_EQ(cc_of(E), 0);
    a = at_code();
    RRE(&a, 0xB983, 3, 4);
    run_pgm(PGM_SPECIFICATION);
}

/* ---- PSW-related and access registers ---- */

TEST(general_ipm_spm)
{
    fresh();
    Asm a = at_code();
    RRE(&a, 0xB222, 2, 0);              /* IPM 2 */
    E->cpu.psw_mask |= 0x5ULL << 40;    /* program mask 0101 */
    set_cc(E, 2);
    GR[2] = 0xAAAAAAAAFFFFFFFFULL;
    run_ok();
    /* bits 32-33 zero, 34-35 CC (10), 36-39 PM (0101): byte 0x25 */
    CHECK_EQ(GR[2], 0xAAAAAAAA25FFFFFFULL);
    a = at_code();
    RR(&a, 0x04, 3, 0);                 /* SPM 3 */
    GR[3] = 0x1A000000;                 /* CC 01, PM 1010 */
    run_ok();
    CHECK_EQ(cc_of(E), 1);
    CHECK_EQ((E->cpu.psw_mask & PSW_MASK_PM) >> 40, 0xA);
}

TEST(general_ear_sar)
{
    fresh();
    Asm a = at_code();
    RRE(&a, 0xB24E, 5, 2);              /* SAR 5,2 */
    GR[2] = 0x12345678DEADBEEFULL;
    run_ok();
    CHECK_EQ(E->cpu.ar[5], 0xDEADBEEF);
    a = at_code();
    RRE(&a, 0xB24F, 3, 5);              /* EAR 3,5 */
    GR[3] = 0xAAAAAAAA00000000ULL;
    run_ok();
    CHECK_EQ(GR[3], 0xAAAAAAAADEADBEEFULL);
}

TEST(general_sam)
{
    fresh();
    Asm a = at_code();
    E_(&a, 0x010D);                     /* SAM31 */
    run_ok();
    CHECK_EQ(E->cpu.psw_mask & (PSW_MASK_EA | PSW_MASK_BA), PSW_MASK_BA);
    a = at_code();
    E_(&a, 0x010C);                     /* SAM24 */
    run_ok();
    CHECK_EQ(E->cpu.psw_mask & (PSW_MASK_EA | PSW_MASK_BA), 0);
    a = at_code();
    E_(&a, 0x010E);                     /* SAM64 */
    run_ok();
    CHECK_EQ(E->cpu.psw_mask & (PSW_MASK_EA | PSW_MASK_BA), PSW_MASK_EA | PSW_MASK_BA);

    /* SAM24 at an address whose successor does not fit 24 bits */
    tenv_free(E);
    E = tenv_new(32 << 20);
    wr_be(E, 0x1D0, 8, PSW_MASK_EA | PSW_MASK_BA);
    wr_be(E, 0x1D8, 8, 0x7000);
    Asm b = asm_at(E, 0x1000000);
    E_(&b, 0x010C);
    E->cpu.psw_addr = 0x1000000;
    CHECK_EQ(step(E), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(E), PGM_SPECIFICATION);
    CHECK_EQ(pgm_old_mask(E) & (PSW_MASK_EA | PSW_MASK_BA), PSW_MASK_EA | PSW_MASK_BA);
    CHECK_EQ(pgm_old_addr(E), 0x1000002);
    tenv_free(E);
    E = NULL;
}

TEST(general_stfle)
{
    fresh();
    facility_set(&E->m, 129, true);     /* vector: must never be advertised */
    GR[4] = DATA;
    memset(tenv_abs(E, DATA), 0xEE, 64);
    Asm a = at_code();
    S_(&a, 0xB2B0, 4, 0);               /* STFLE 0(4) */
    GR[0] = 0;                          /* room for 1 doubleword */
    run_ok();
    uint64_t w0 = E->m.facilities[0];
    CHECK_EQ(rd_be(E, DATA, 8), w0);
    CHECK_EQ(rd_be(E, DATA + 8, 1), 0xEE);      /* only one doubleword stored */
    CHECK(w0 & BIT64(7));                       /* STFLE itself */
    /* the machine has bits in doubleword 2 (131): M = 3, CC3, GR0 = M-1 */
    CHECK_EQ(GR[0] & 0xFF, 2);
    CHECK_EQ(cc_of(E), 3);
    GR[0] = 2;
    run_ok();
    CHECK_EQ(cc_of(E), 0);
    uint64_t w2 = rd_be(E, DATA + 16, 8);
    CHECK(w2 & BIT64(131 - 128));
    CHECK(!(w2 & BIT64(129 - 128)));
    CHECK_EQ(rd_be(E, DATA + 24, 1), 0xEE);
    GR[4] = DATA + 4;
    run_pgm(PGM_SPECIFICATION);
}

TEST(general_stck)
{
    fresh();
    GR[4] = DATA;
    Asm a = at_code();
    S_(&a, 0xB205, 4, 0);               /* STCK 0(4) */
    S_(&a, 0xB27C, 4, 8);               /* STCKF 8(4) */
    set_cc(E, 3);
    run_ok();
    CHECK_EQ(cc_of(E), 0);
    E->cpu.psw_addr = CODE + 4;
    CHECK_EQ(step(E), CPU_STEP_OK);
    uint64_t t1 = rd_be(E, DATA, 8), t2 = rd_be(E, DATA + 8, 8);
    /* TOD bit 51 = 1 us since 1900: 2020-01-01 is 3786825600 s after 1900 */
    CHECK(t1 > (3786825600ULL * 1000000ULL) << 12);
    CHECK(t2 > t1);
}

TEST(general_svc_code)
{
    fresh();
    Asm a = at_code();
    I_(&a, 0x0A, 0xFF);
    E->cpu.psw_addr = CODE;
    CHECK_EQ(step(E), CPU_STEP_INTERRUPT);
    CHECK_EQ(rd_be(E, 0x8A, 2), 0xFF);
    tenv_free(E);
    E = NULL;
}

/* ---- fast path versus access layer ---- */

TEST(general_fast_path_respects_keys_and_dat)
{
    fresh();
    uint64_t asce = tenv_asce_new(E, ASCE_TYPE_SEGMENT);
    tenv_map_range(E, asce, 0, 0, 0x4000, 0);
    tenv_map(E, asce, CODE, CODE, 0);
    tenv_map(E, asce, 0x80000, DATA, 0);
    tenv_map(E, asce, 0x81000, DATA + 0x1000, PAGE_ENTRY_P);    /* read-only */
    tenv_dat_on(E, asce);
    wr_be(E, DATA, 4, 0x01020304);
    Asm a = at_code();
    RX(&a, 0x58, 2, 0, 4, 0);           /* L 2,0(4) */
    RX(&a, 0x50, 2, 0, 5, 0);           /* ST 2,0(5) */
    GR[4] = 0x80000;
    GR[5] = 0x80010;
    /* twice: the second time the TLB hit path is taken */
    for (int i = 0; i < 2; i++) {
        GR[2] = 0;
        run_ok();
        CHECK_EQ(GR[2], 0x01020304);
        E->cpu.psw_addr = CODE + 4;
        CHECK_EQ(step(E), CPU_STEP_OK);
        CHECK_EQ(rd_be(E, DATA + 0x10, 4), 0x01020304);
    }
    /* a store into the DAT-protected page: protection, nothing stored */
    GR[5] = 0x81000;
    for (int i = 0; i < 2; i++) {
        E->cpu.psw_addr = CODE + 4;
        CHECK_EQ(step(E), CPU_STEP_INTERRUPT);
        CHECK_EQ(pgm_code(E), PGM_PROTECTION);
        CHECK_EQ(rd_be(E, DATA + 0x1000, 4), 0);
        E->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_DAT;
    }
    /* a different PSW key must not reuse a key-0 TLB entry: frame key 3 */
    storage_set_key(&E->m.storage, DATA, 0x38);                 /* ACC 3, fetch-protected */
    E->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_DAT | (5ULL << PSW_SHIFT_KEY);
    E->cpu.psw_addr = CODE;
    CHECK_EQ(step(E), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(E), PGM_PROTECTION);
    tenv_free(E);
    E = NULL;
}

TEST(general_store_sets_change_bit_then_takes_inline_path)
{
    fresh();
    Asm a = at_code();
    RX(&a, 0x50, 2, 0, 4, 0);           /* ST 2,0(4) */
    GR[4] = DATA + 0x40;
    GR[2] = 0xA1B2C3D4;
    Storage *st = &E->m.storage;
    CHECK(!(storage_key(st, DATA) & SKEY_C));
    run_ok();
    CHECK(storage_key(st, DATA) & SKEY_C);      /* the store set the change bit */
    CHECK_EQ(rd_be(E, DATA + 0x40, 4), 0xA1B2C3D4);
    /* with the change bit set, the page's write translation is a plain hit */
    CHECK(tlb_fast_host(&E->cpu.tlb, TLB_SPACE_REAL, DATA + 0x44, TLB_KIND_WRITE, 0) != NULL);
    GR[2] = 0x01020304;
    run_ok();
    CHECK_EQ(rd_be(E, DATA + 0x40, 4), 0x01020304);
    /* resetting the change bit (as SSKE does, with its TLB flush): the next
     * store sets it again */
    storage_set_key(st, DATA, 0);
    tlb_flush_all(&E->cpu.tlb);
    GR[2] = 0x55667788;
    run_ok();
    CHECK(storage_key(st, DATA) & SKEY_C);
    CHECK_EQ(rd_be(E, DATA + 0x40, 4), 0x55667788);
}

TEST(general_more_register_forms)
{
    fresh();
    struct { uint16_t op; uint64_t b, c, r; int cc; } k[] = {
        { 0xB9E8, 0x7FFFFFFFFFFFFFFFULL, 1, 0x8000000000000000ULL, 3 },   /* AGRK overflow */
        { 0xB9F9, 5, 7, 0xFFFFFFFE, 1 },                                   /* SRK */
        { 0xB9FA, 0xFFFFFFFF, 1, 0, 2 },                                   /* ALRK carry */
        { 0xB9EB, 1, 2, 0xFFFFFFFFFFFFFFFFULL, 1 },                        /* SLGRK borrow */
        { 0xB9E4, 0xF0F0, 0x0FF0, 0x00F0, 1 },                             /* NGRK */
        { 0xB9F6, 0, 0, 0, 0 },                                            /* ORK */
        { 0xB9E7, ~0ULL, 0xFFFF, 0xFFFFFFFFFFFF0000ULL, 1 },               /* XGRK */
    };
    for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
        Asm a = at_code();
        RRF(&a, k[i].op, 3, 0, 1, 2);   /* op 1,2,3 */
        GR[1] = 0;
        GR[2] = k[i].b;
        GR[3] = k[i].c;
        run_ok();
        CHECK_EQ(GR[1], k[i].r);
        CHECK_EQ(cc_of(E), (unsigned)k[i].cc);
    }
    /* LAY with a negative long displacement */
    Asm a = at_code();
    RXY(&a, 0xE371, 1, 0, 2, -0x10 & 0xFFFFF);
    GR[2] = 0x1000;
    run_ok();
    CHECK_EQ(GR[1], 0xFF0);
    /* LPR / LPGR of positive and zero operands */
    a = at_code();
    RR(&a, 0x10, 1, 2);
    GR[2] = 5;
    run_ok();
    CHECK_EQ((uint32_t)GR[1], 5);
    CHECK_EQ(cc_of(E), 2);
    GR[2] = 0;
    run_ok();
    CHECK_EQ(cc_of(E), 0);
    a = at_code();
    RRE(&a, 0xB900, 1, 2);
    GR[2] = 0;
    run_ok();
    CHECK_EQ(GR[1], 0);
    CHECK_EQ(cc_of(E), 0);
    GR[2] = 7;
    run_ok();
    CHECK_EQ(GR[1], 7);
    CHECK_EQ(cc_of(E), 2);
}
