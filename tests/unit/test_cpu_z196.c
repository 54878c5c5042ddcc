/* General instructions completed by the z196 audit (docs/INSN-COVERAGE.md):
 * MH, MSY, NY/OY/XY, ALY/SLY, LPGFR/LNGFR, ALHSIK/ALGHSIK, LAE/LAEY,
 * STCM/STCMY/STCMH (charmask.c), TAM, EPSW, CPYA, MC (state.c), STCKE and
 * ECTG (sysinfo.c).  Each is encoded by hand (test_cpu.h), run through the
 * dispatcher and compared with values worked out by hand from the
 * instruction's definition (the comments give the arithmetic).  The storage
 * forms also run through the fault matrix: an access exception on either
 * page of the operand stores nothing and changes no register. */
#include "faultmatrix.h"
#include "test_cpu.h"

#define DATA 0x20000ULL

INSN_HANDLER(stcm);
INSN_HANDLER(ectg);
INSN_HANDLER(stcke);

#define GR e->cpu.gr

/* ---- storage arithmetic and logic ---- */

TEST(mh_msy_low_word_products)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RX(&a, 0x4C, 2, 0, 4, 0);                /* MH 2,0(4) */
    wr_be(e, DATA, 2, 0xFFFE);               /* -2 */
    GR[4] = DATA;
    GR[2] = 0x1234567800010000ULL;           /* 65536 * -2 = -131072 = 0xFFFE0000 */
    set_cc(e, 1);
    step_ok(e);
    CHECK_EQ(GR[2], 0x12345678FFFE0000ULL);
    CHECK_EQ(cc_of(e), 1);                   /* CC unchanged */
    GR[2] = 0x40000000;                      /* 2^30 * 4 = 2^32: low word 0, no overflow */
    wr_be(e, DATA, 2, 4);
    step_ok(e);
    CHECK_EQ(GR[2], 0);
    CHECK_EQ(cc_of(e), 1);

    a = asm_at(e, CODE);
    RXY(&a, 0xE351, 2, 0, 4, -8);            /* MSY 2,-8(4) */
    wr_be(e, DATA - 8, 4, 0xFFFFFFFD);       /* 7 * -3 = -21 = 0xFFFFFFEB */
    GR[2] = 0xAAAAAAAA00000007ULL;
    step_ok(e);
    CHECK_EQ(GR[2], 0xAAAAAAAAFFFFFFEBULL);
    tenv_free(e);
}

TEST(ny_oy_xy_aly_sly)
{
    TestEnv *e = tenv_cpu();
    struct { uint16_t op; uint64_t r; uint32_t m; uint64_t want; unsigned cc; } c[] = {
        { 0xE354, 0x11111111FF00FF00ULL, 0x0F0F0F0F, 0x111111110F000F00ULL, 1 },  /* NY */
        { 0xE354, 0xFF00, 0x00FF, 0, 0 },
        { 0xE356, 0x2222222200000000ULL, 0, 0x2222222200000000ULL, 0 },          /* OY */
        { 0xE356, 0, 0x80000000, 0x80000000, 1 },
        { 0xE357, 0x33333333FFFFFFFFULL, 0xFFFFFFFF, 0x3333333300000000ULL, 0 },  /* XY */
        /* ALY: CC = carry*2 + nonzero */
        { 0xE35E, 0xFFFFFFFF, 1, 0, 2 },
        { 0xE35E, 0x44444444FFFFFFFFULL, 2, 0x4444444400000001ULL, 3 },
        { 0xE35E, 1, 1, 2, 1 },
        /* SLY: a + ~b + 1; no borrow is a carry */
        { 0xE35F, 5, 6, 0xFFFFFFFF, 1 },
        { 0xE35F, 5, 5, 0, 2 },
        { 0xE35F, 6, 5, 1, 3 },
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        Asm a = asm_at(e, CODE);
        RXY(&a, c[i].op, 2, 5, 4, 0x10);     /* op 2,0x10(5,4) */
        GR[4] = DATA - 0x20;
        GR[5] = 0x10;
        wr_be(e, DATA, 4, c[i].m);
        GR[2] = c[i].r;
        step_ok(e);
        CHECK_EQ(GR[2], c[i].want);
        CHECK_EQ(cc_of(e), c[i].cc);
    }
    tenv_free(e);
}

/* ---- register forms ---- */

TEST(lpgfr_lngfr_alhsik_alghsik)
{
    TestEnv *e = tenv_cpu();
    struct { uint16_t op; uint64_t b; uint64_t want; unsigned cc; } rr[] = {
        { 0xB910, 0xFFFFFFFF80000000ULL, 0x80000000ULL, 2 },  /* LPGFR |-2^31| fits in 64 */
        { 0xB910, 0x77777777FFFFFFFBULL, 5, 2 },             /* bits 0-31 ignored */
        { 0xB910, 0x7777777700000000ULL, 0, 0 },
        { 0xB911, 5, (uint64_t)-5, 1 },                       /* LNGFR */
        { 0xB911, 0x80000000, 0xFFFFFFFF80000000ULL, 1 },
        { 0xB911, 0xFFFFFFFFULL, (uint64_t)-1, 1 },
        { 0xB911, 0x1234567800000000ULL, 0, 0 },
    };
    for (size_t i = 0; i < sizeof(rr) / sizeof(rr[0]); i++) {
        Asm a = asm_at(e, CODE);
        RRE(&a, rr[i].op, 2, 3);
        GR[2] = 0xDEADBEEFDEADBEEFULL;
        GR[3] = rr[i].b;
        step_ok(e);
        CHECK_EQ(GR[2], rr[i].want);
        CHECK_EQ(cc_of(e), rr[i].cc);
    }

    struct { uint16_t op; uint64_t r3; int16_t i2; uint64_t want; unsigned cc; } ri[] = {
        /* ALHSIK: R1 bits 32-63 <- R3 + (uint32)sext(I2); bits 0-31 kept */
        { 0xECDA, 0xFFFFFFFF, 1, 0x5555555500000000ULL, 2 },         /* zero, carry */
        { 0xECDA, 5, -1, 0x5555555500000004ULL, 3 },                 /* 5 + 0xFFFFFFFF */
        { 0xECDA, 0, 0, 0x5555555500000000ULL, 0 },
        { 0xECDA, 0x7FFFFFFF, 1, 0x5555555580000000ULL, 1 },         /* logical: no overflow */
        /* ALGHSIK: 64-bit */
        { 0xECDB, 1, -1, 0, 2 },
        { 0xECDB, 0, -1, ~0ULL, 1 },
        { 0xECDB, ~0ULL, 0x7FFF, 0x7FFE, 3 },
    };
    for (size_t i = 0; i < sizeof(ri) / sizeof(ri[0]); i++) {
        Asm a = asm_at(e, CODE);
        RIE_D(&a, ri[i].op, 1, 3, ri[i].i2);
        GR[1] = 0x5555555566666666ULL;
        GR[3] = ri[i].r3;
        step_ok(e);
        CHECK_EQ(GR[1], ri[i].want);
        CHECK_EQ(cc_of(e), ri[i].cc);
    }
    tenv_free(e);
}

/* LOAD ADDRESS EXTENDED: the address as LA forms it, and AR R1 <- 0, 1, 2
 * in primary/secondary/home mode, AR B2 (or 0 for B2 = 0) in AR mode. */
TEST(lae_laey_alet_by_mode)
{
    TestEnv *e = tenv_cpu();
    static const struct { unsigned asc; uint32_t want; } m[] = {
        { PSW_ASC_PRIMARY, 0 }, { PSW_ASC_SECONDARY, 1 }, { PSW_ASC_HOME, 2 },
        { PSW_ASC_AR, 0xABCD0001 },
    };
    for (int i = 0; i < 4; i++) {
        Asm a = asm_at(e, CODE);
        RX(&a, 0x51, 2, 5, 4, 0x123);        /* LAE 2,0x123(5,4) */
        GR[4] = 0x1000;
        GR[5] = 0x20;
        e->cpu.ar[2] = 0x77777777;
        e->cpu.ar[4] = 0xABCD0001;
        e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA | (uint64_t)m[i].asc << PSW_SHIFT_ASC;
        step_ok(e);
        CHECK_EQ(GR[2], 0x1143);
        CHECK_EQ(e->cpu.ar[2], m[i].want);
    }
    /* AR mode with B2 = 0: AR R1 <- 0 (not AR 0) */
    Asm a = asm_at(e, CODE);
    RXY(&a, 0xE375, 2, 5, 0, -1);            /* LAEY 2,-1(5,0) */
    e->cpu.ar[0] = 0x99;
    e->cpu.ar[5] = 0x55;
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA | (uint64_t)PSW_ASC_AR << PSW_SHIFT_ASC;
    step_ok(e);
    CHECK_EQ(GR[2], 0x1F);
    CHECK_EQ(e->cpu.ar[2], 0);
    /* 31-bit mode: bits 0-31 of R1 unchanged, bit 32 zero */
    a = asm_at(e, CODE);
    RX(&a, 0x51, 2, 0, 4, 0);
    e->cpu.psw_mask = PSW_MASK_BA;
    GR[2] = 0x1111111111111111ULL;
    GR[4] = 0xFFFFFFFF80001234ULL;
    step_ok(e);
    CHECK_EQ(GR[2], 0x1111111100001234ULL);
    CHECK_EQ(e->cpu.ar[2], 0);
    tenv_free(e);
}

/* ---- STORE CHARACTERS UNDER MASK ---- */

TEST(stcm_selected_bytes_left_to_right)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RS(&a, 0xBE, 2, 0xA, 4, 1);              /* STCM 2,b'1010',1(4) */
    GR[2] = 0xAABBCCDD11223344ULL;
    GR[4] = DATA;
    memset(tenv_abs(e, DATA), 0xEE, 8);
    set_cc(e, 2);
    step_ok(e);
    CHECK_EQ(rd_be(e, DATA, 4), 0xEE1133EE);
    CHECK_EQ(cc_of(e), 2);

    a = asm_at(e, CODE);
    RSY(&a, 0xEB2C, 2, 0x7, 4, -2);          /* STCMH 2,b'0111',-2(4): BB CC DD at DATA-2..DATA */
    step_ok(e);
    CHECK_EQ(rd_be(e, DATA - 2, 4), 0xBBCCDD11);  /* DATA+1 keeps 11 */

    a = asm_at(e, CODE);
    RSY(&a, 0xEB2D, 2, 0xF, 4, 0x10);        /* STCMY 2,15: the whole low word */
    step_ok(e);
    CHECK_EQ(rd_be(e, DATA + 0x10, 4), 0x11223344);

    /* Mask 0: nothing stored and no access: an address beyond storage
     * does not raise an addressing exception. */
    a = asm_at(e, CODE);
    RS(&a, 0xBE, 2, 0, 4, 0);
    GR[4] = 0x7FFFFF00;
    step_ok(e);
    tenv_free(e);
}

typedef struct {
    uint8_t before[4], after[4];
} StcmCtx;

static void stcm_setup(FmCase *c)
{
    const StcmCtx *x = c->ctx;
    fm_write(c, c->va[0], x->before, 4);
    c->env->cpu.gr[2] = 0x0102030405060708ULL;
    c->env->cpu.gr[4] = c->va[0];
}

static void stcm_check(FmCase *c)
{
    const StcmCtx *x = c->ctx;
    uint8_t got[4];
    fm_read(c, c->va[0], got, 4);
    CHECK_MEM(got, c->kind == FK_COUNT ? x->after : x->before, 4);
}

TEST(stcm_fault_matrix)
{
    /* STCM 2,15,0(4) at 4094 of its page: 05 06 | 07 08 */
    static const StcmCtx x = { { 0xA1, 0xA2, 0xA3, 0xA4 }, { 0x05, 0x06, 0x07, 0x08 } };
    FmScenario s;
    memset(&s, 0, sizeof(s));
    s.name = "stcm";
    s.nops = 1;
    s.ops[0] = (FmOperand){ 4094, 4, ACC_STORE };
    s.handler = insn_stcm;
    s.insn.ilen = 4;
    s.insn.r1 = 2;
    s.insn.m3 = 0xF;
    s.insn.b2 = 4;
    s.setup = stcm_setup;
    s.check = stcm_check;
    s.flags = FM_NOTHING_STORED;
    s.ctx = (void *)&x;
    CHECK(fm_run(&s) > 10);
}

/* ---- PSW state ---- */

TEST(tam_reports_the_addressing_mode)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    E_(&a, 0x010B);
    static const struct { uint64_t mask; unsigned cc; } m[] = {
        { PSW_MASK_EA | PSW_MASK_BA, 3 }, { PSW_MASK_BA, 1 }, { 0, 0 },
    };
    for (int i = 0; i < 3; i++) {
        e->cpu.psw_mask = m[i].mask;
        step_ok(e);
        CHECK_EQ(cc_of(e), m[i].cc);
    }
    tenv_free(e);
}

TEST(epsw_cpya)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RRE(&a, 0xB98D, 2, 3);                   /* EPSW 2,3 */
    /* PSW mask: EA (bit 31), BA (bit 32), CC 2 (bits 18-19 = 10), program
     * mask 0101 (bits 20-23): bits 0-31 = 0x00002501, bits 32-63 = 0x80000000 */
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
    set_cc(e, 2);
    e->cpu.psw_mask |= 0x5ULL << 40;
    GR[2] = 0xAAAAAAAA00000000ULL;
    GR[3] = 0xBBBBBBBB00000000ULL;
    step_ok(e);
    CHECK_EQ(GR[2], 0xAAAAAAAA00002501ULL);
    CHECK_EQ(GR[3], 0xBBBBBBBB80000000ULL);
    a = asm_at(e, CODE);
    RRE(&a, 0xB98D, 2, 0);                   /* EPSW 2,0: GR0 untouched */
    GR[0] = 0x1234;
    step_ok(e);
    CHECK_EQ(GR[0], 0x1234);

    a = asm_at(e, CODE);
    RRE(&a, 0xB24D, 2, 3);                   /* CPYA 2,3 */
    e->cpu.ar[3] = 0xDEADBEEF;
    step_ok(e);
    CHECK_EQ(e->cpu.ar[2], 0xDEADBEEF);
    CHECK_EQ(e->cpu.ar[3], 0xDEADBEEF);
    tenv_free(e);
}

TEST(mc_monitor_event_only_when_class_enabled)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    SI(&a, 0xAF, 0x05, 4, 0x123);            /* MC 0x123(4),5 */
    GR[4] = 0x40000;
    step_ok(e);                                   /* CR8 = 0: nothing */

    e->cpu.cr[8] = BIT64(48 + 5);            /* enable class 5 */
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), 0x40);
    CHECK_EQ(rd_be(e, 0x94, 2), 5);          /* monitor class */
    CHECK_EQ(rd_be(e, 0xB0, 8), 0x40123);    /* monitor code: the operand address */
    CHECK_EQ(pgm_old_addr(e), CODE + 4);     /* completing */

    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
    e->cpu.cr[8] = BIT64(48 + 6);            /* another class: nothing */
    step_ok(e);

    a = asm_at(e, CODE);
    SI(&a, 0xAF, 0x15, 4, 0);                /* I2 bits 8-11 nonzero */
    step_pgm(e, PGM_SPECIFICATION);
    tenv_free(e);
}

/* ---- clock and CPU timer ---- */

TEST(stcke_layout)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    S_(&a, 0xB205, 4, 0);                    /* STCK 0(4) */
    S_(&a, 0xB278, 4, 8);                    /* STCKE 8(4) */
    S_(&a, 0xB205, 4, 0x20);                 /* STCK 0x20(4) */
    GR[4] = DATA + 1;                        /* no alignment needed */
    memset(tenv_abs(e, DATA), 0xEE, 0x40);
    set_cc(e, 3);
    e->cpu.psw_addr = CODE;
    for (int i = 0; i < 3; i++)
        CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(cc_of(e), 0);
    uint64_t t0 = rd_be(e, DATA + 1, 8), t1 = rd_be(e, DATA + 0x21, 8);
    CHECK_EQ(rd_be(e, DATA + 9, 1), 0);      /* epoch index */
    uint64_t te = rd_be(e, DATA + 10, 8);    /* TOD bits 0-63 */
    CHECK(t0 < te && te < t1);
    CHECK_EQ(rd_be(e, DATA + 18, 7), 0);     /* bits 64-103 and the programmable field */
    CHECK_EQ(rd_be(e, DATA + 25, 1), 0xEE);  /* 16 bytes only */
    tenv_free(e);
}

TEST(ectg_three_operands)
{
    TestEnv *e = tenv_cpu();
    facility_set(&e->m, 31, true);
    Asm a = asm_at(e, CODE);
    /* ECTG 0(4),8(4),6: SSF op C8, R3 6, op nibble 1 */
    EMIT(&a, 0xC8, 0x61, 0x40, 0x00, 0x40, 0x08);
    wr_be(e, DATA, 8, 0x0000100000000000ULL);
    wr_be(e, DATA + 8, 8, 0x1122334455667788ULL);
    wr_be(e, DATA + 0x100, 8, 0x99AABBCCDDEEFF00ULL);
    GR[4] = DATA;
    GR[6] = DATA + 0x100;
    set_cc(e, 2);
    step_ok(e);
    /* GR0 = op1 - CPU timer; the timer counts down from 0, so GR0 - op1 is
     * the CPU time used so far: positive and far below a minute (2^38). */
    uint64_t used = GR[0] - 0x0000100000000000ULL;
    CHECK(used > 0 && used < (1ULL << 38));
    CHECK_EQ(GR[1], 0x1122334455667788ULL);
    CHECK_EQ(GR[6], 0x99AABBCCDDEEFF00ULL);
    CHECK_EQ(cc_of(e), 2);
    uint64_t first = GR[0];
    GR[6] = DATA + 0x100;
    step_ok(e);
    CHECK(GR[0] >= first);                   /* the timer only goes down */

    facility_set(&e->m, 31, false);
    step_pgm(e, PGM_OPERATION);
    tenv_free(e);
}

static void ectg_setup(FmCase *c)
{
    static const uint8_t v[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    for (int i = 0; i < 3; i++)
        fm_write(c, c->va[i], v, 8);
    c->env->cpu.gr[4] = c->va[0];
    c->env->cpu.gr[5] = c->va[1];
    c->env->cpu.gr[6] = c->va[2];
}

static void ectg_check(FmCase *c)
{
    if (c->kind == FK_COUNT) {
        CHECK_EQ(c->env->cpu.gr[1], 0x0102030405060708ULL);
        CHECK_EQ(c->env->cpu.gr[6], 0x0102030405060708ULL);
    }
}

static void stcke_setup(FmCase *c)
{
    c->env->cpu.gr[4] = c->va[0];
}

TEST(ectg_stcke_fault_matrices)
{
    FmScenario s;
    memset(&s, 0, sizeof(s));
    s.name = "ectg";
    s.nops = 3;
    s.ops[0] = (FmOperand){ 4092, 8, ACC_FETCH };
    s.ops[1] = (FmOperand){ 4095, 8, ACC_FETCH };
    s.ops[2] = (FmOperand){ 4089, 8, ACC_FETCH };
    s.handler = insn_ectg;
    s.insn.ilen = 6;
    s.insn.b1 = 4;
    s.insn.b2 = 5;
    s.insn.r3 = 6;
    s.setup = ectg_setup;
    s.check = ectg_check;
    s.flags = FM_NOTHING_STORED;
    CHECK(fm_run(&s) > 30);

    memset(&s, 0, sizeof(s));
    s.name = "stcke";
    s.nops = 1;
    s.ops[0] = (FmOperand){ 4090, 16, ACC_STORE };
    s.handler = insn_stcke;
    s.insn.ilen = 4;
    s.insn.b2 = 4;
    s.setup = stcke_setup;
    s.flags = FM_NOTHING_STORED;
    CHECK(fm_run(&s) > 10);
}
