/* Interlocked-update instructions (insn/interlocked.c): COMPARE DOUBLE AND
 * SWAP (CDS, CDSY, CDSG), TEST AND SET, COMPARE AND SWAP AND STORE, LOAD
 * PAIR DISJOINT.  Hand-computed results, CC, register pairs and the
 * specification cases, then the fault matrix of each: an access exception
 * on any page of any operand stores nothing and changes no register. */
#include "faultmatrix.h"
#include "test_cpu.h"

#define DATA 0x20000ULL
#define GR e->cpu.gr

INSN_HANDLER(cds);
INSN_HANDLER(cdsg);
INSN_HANDLER(ts);
INSN_HANDLER(csst);
INSN_HANDLER(lpd);
INSN_HANDLER(lpdg);

/* ---- COMPARE DOUBLE AND SWAP ---- */

TEST(cds_equal_swaps_unequal_loads)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RS(&a, 0xBB, 2, 6, 4, 8);                /* CDS 2,6,8(4) */
    GR[4] = DATA;
    wr_be(e, DATA + 8, 8, 0x1111111122222222ULL);
    GR[2] = 0xAAAAAAAA11111111ULL;           /* bits 32-63 compared */
    GR[3] = 0xBBBBBBBB22222222ULL;
    GR[6] = 0x0123456789ABCDEFULL;           /* bits 32-63 stored */
    GR[7] = 0xFEDCBA9876543210ULL;
    step_ok(e);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(rd_be(e, DATA + 8, 8), 0x89ABCDEF76543210ULL);
    CHECK_EQ(GR[2], 0xAAAAAAAA11111111ULL);
    /* now unequal (second word differs): R2, R3 low words <- storage */
    step_ok(e);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(GR[2], 0xAAAAAAAA89ABCDEFULL);
    CHECK_EQ(GR[3], 0xBBBBBBBB76543210ULL);
    CHECK_EQ(rd_be(e, DATA + 8, 8), 0x89ABCDEF76543210ULL);

    a = asm_at(e, CODE);
    RSY(&a, 0xEB31, 2, 6, 4, -8);            /* CDSY 2,6,-8(4) */
    wr_be(e, DATA - 8, 8, 0x89ABCDEF76543210ULL);
    step_ok(e);
    CHECK_EQ(cc_of(e), 0);

    /* odd R1 or R3, or a word-aligned operand: specification */
    a = asm_at(e, CODE);
    RS(&a, 0xBB, 3, 6, 4, 8);
    step_pgm(e, PGM_SPECIFICATION);
    a = asm_at(e, CODE);
    RS(&a, 0xBB, 2, 7, 4, 8);
    step_pgm(e, PGM_SPECIFICATION);
    a = asm_at(e, CODE);
    RS(&a, 0xBB, 2, 6, 4, 4);
    step_pgm(e, PGM_SPECIFICATION);
    tenv_free(e);
}

TEST(cdsg_quadword)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RSY(&a, 0xEB3E, 8, 10, 4, 0x10);         /* CDSG 8,10,16(4) */
    GR[4] = DATA;
    wr_be(e, DATA + 0x10, 8, 0x0102030405060708ULL);
    wr_be(e, DATA + 0x18, 8, 0x1112131415161718ULL);
    GR[8] = 0x0102030405060708ULL;
    GR[9] = 0x1112131415161718ULL;
    GR[10] = 0xA;
    GR[11] = 0xB;
    step_ok(e);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(rd_be(e, DATA + 0x10, 8), 0xA);
    CHECK_EQ(rd_be(e, DATA + 0x18, 8), 0xB);
    GR[9] = 0xB;                              /* high half differs */
    step_ok(e);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(GR[8], 0xA);
    CHECK_EQ(GR[9], 0xB);
    a = asm_at(e, CODE);
    RSY(&a, 0xEB3E, 8, 10, 4, 8);            /* doubleword, not quadword aligned */
    step_pgm(e, PGM_SPECIFICATION);
    tenv_free(e);
}

/* ---- TEST AND SET ---- */

TEST(ts_leftmost_bit_then_all_ones)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    EMIT(&a, 0x93, 0x5A, 0x40, 0x04);        /* TS 4(4); bits 8-15 ignored */
    GR[4] = DATA;
    wr_be(e, DATA, 8, 0x000000007F000000ULL);
    step_ok(e);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(rd_be(e, DATA, 8), 0x00000000FF000000ULL);
    step_ok(e);                                   /* now 0xFF: leftmost bit one */
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(rd_be(e, DATA, 8), 0x00000000FF000000ULL);
    tenv_free(e);
}

/* ---- COMPARE AND SWAP AND STORE ---- */

/* CSST D1(B1),D2(B2),R3: C8 R3 2 B1D1 B2D2 */
static void emit_csst(Asm *a, int r3, int b1, int d1, int b2, int d2)
{
    EMIT(a, 0xC8, B(r3 << 4 | 2), B(b1 << 4 | d1 >> 8), B(d1), B(b2 << 4 | d2 >> 8), B(d2));
}

static void csst_plist(TestEnv *e, uint64_t pl)
{
    for (unsigned i = 0; i < 32; i++)
        tenv_abs(e, pl)[i] = (uint8_t)(0xA0 + i);   /* replacement A0.., store B0.. */
}

TEST(csst_function_codes_and_storage_characteristics)
{
    TestEnv *e = tenv_cpu();
    facility_set(&e->m, 32, true);
    Asm a = asm_at(e, CODE);
    emit_csst(&a, 6, 4, 0x100, 4, 0x200);
    GR[4] = DATA;
    GR[1] = DATA + 0x307;                    /* rightmost four bits ignored: 0x300 */
    csst_plist(e, DATA + 0x300);

    /* FC 0 (4-byte compare), SC 3 (8-byte store), equal */
    GR[0] = 0x0300;
    wr_be(e, DATA + 0x100, 4, 0x11111111);
    wr_be(e, DATA + 0x200, 8, 0);
    GR[6] = 0xFFFFFFFF11111111ULL;
    step_ok(e);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(rd_be(e, DATA + 0x100, 4), 0xA0A1A2A3);
    CHECK_EQ(rd_be(e, DATA + 0x200, 8), 0xB0B1B2B3B4B5B6B7ULL);
    CHECK_EQ(GR[6], 0xFFFFFFFF11111111ULL);

    /* unequal: R3 bits 32-63 <- the first operand, nothing stored */
    wr_be(e, DATA + 0x200, 8, 0);
    step_ok(e);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(GR[6], 0xFFFFFFFFA0A1A2A3ULL);
    CHECK_EQ(rd_be(e, DATA + 0x200, 8), 0);

    /* FC 1 (8-byte compare), SC 0 (one byte) */
    GR[0] = 0x0001;
    wr_be(e, DATA + 0x100, 8, 0x5555555566666666ULL);
    GR[6] = 0x5555555566666666ULL;
    step_ok(e);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(rd_be(e, DATA + 0x100, 8), 0xA0A1A2A3A4A5A6A7ULL);
    CHECK_EQ(rd_be(e, DATA + 0x200, 2), 0xB000);

    /* FC 2 / SC 4 need facility 33 */
    GR[0] = 0x0002;
    step_pgm(e, PGM_SPECIFICATION);
    GR[0] = 0x0400;
    step_pgm(e, PGM_SPECIFICATION);
    facility_set(&e->m, 33, true);
    GR[0] = 0x0402;                          /* 16-byte compare (pair R6, R7), 16-byte store */
    wr_be(e, DATA + 0x100, 8, 1);
    wr_be(e, DATA + 0x108, 8, 2);
    GR[6] = 1;
    GR[7] = 2;
    step_ok(e);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(rd_be(e, DATA + 0x108, 8), 0xA8A9AAABACADAEAFULL);
    CHECK_EQ(rd_be(e, DATA + 0x208, 8), 0xB8B9BABBBCBDBEBFULL);
    step_ok(e);                                   /* unequal now: the pair is loaded */
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(GR[6], 0xA0A1A2A3A4A5A6A7ULL);
    CHECK_EQ(GR[7], 0xA8A9AAABACADAEAFULL);

    /* specification: FC 3, SC 5, odd R3 with FC 2, misaligned operands */
    GR[0] = 0x0003;
    step_pgm(e, PGM_SPECIFICATION);
    GR[0] = 0x0500;
    step_pgm(e, PGM_SPECIFICATION);
    a = asm_at(e, CODE);
    emit_csst(&a, 7, 4, 0x100, 4, 0x200);
    GR[0] = 0x0002;
    step_pgm(e, PGM_SPECIFICATION);
    a = asm_at(e, CODE);
    emit_csst(&a, 6, 4, 0x104, 4, 0x200);    /* 8-byte compare on a word boundary */
    GR[0] = 0x0001;
    step_pgm(e, PGM_SPECIFICATION);
    a = asm_at(e, CODE);
    emit_csst(&a, 6, 4, 0x100, 4, 0x202);    /* 4-byte store on a halfword boundary */
    GR[0] = 0x0200;
    step_pgm(e, PGM_SPECIFICATION);

    facility_set(&e->m, 32, false);
    step_pgm(e, PGM_OPERATION);
    tenv_free(e);
}

/* ---- LOAD PAIR DISJOINT ---- */

TEST(lpd_lpdg_pairs)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    EMIT(&a, 0xC8, 0x44, 0x40, 0x00, 0x50, 0x04);    /* LPD 4,0(4),4(5) */
    GR[4] = DATA;
    GR[5] = DATA + 0x100;
    wr_be(e, DATA, 4, 0x11223344);
    wr_be(e, DATA + 0x104, 4, 0x55667788);
    set_cc(e, 3);
    step_ok(e);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(GR[4], (DATA & 0xFFFFFFFF00000000ULL) | 0x11223344);
    CHECK_EQ(GR[5], ((DATA + 0x100) & 0xFFFFFFFF00000000ULL) | 0x55667788);

    a = asm_at(e, CODE);
    EMIT(&a, 0xC8, 0x25, 0x40, 0x08, 0x50, 0x00);    /* LPDG 2,8(4),0(5) */
    GR[4] = DATA;
    GR[5] = DATA + 0x100;
    wr_be(e, DATA + 8, 8, 0x0102030405060708ULL);
    wr_be(e, DATA + 0x100, 8, 0x1112131415161718ULL);
    step_ok(e);
    CHECK_EQ(GR[2], 0x0102030405060708ULL);
    CHECK_EQ(GR[3], 0x1112131415161718ULL);

    a = asm_at(e, CODE);
    EMIT(&a, 0xC8, 0x35, 0x40, 0x08, 0x50, 0x00);    /* odd R3 */
    step_pgm(e, PGM_SPECIFICATION);
    a = asm_at(e, CODE);
    EMIT(&a, 0xC8, 0x25, 0x40, 0x04, 0x50, 0x00);    /* LPDG op1 on a word boundary */
    step_pgm(e, PGM_SPECIFICATION);
    tenv_free(e);
}

/* ---- fault matrices ---- */

static void regs_setup(FmCase *c)
{
    static const uint8_t v[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    CPUState *cpu = &c->env->cpu;
    fm_write(c, c->va[0], v, 16);
    cpu->gr[4] = c->va[0];
    if (c->va[1]) {
        fm_write(c, c->va[1], v, 32);
        cpu->gr[5] = c->va[1];
    }
    if (c->va[2]) {
        fm_write(c, c->va[2], v, 32);
        cpu->gr[1] = c->va[2];
    }
    /* compare values equal to the operand: the equal (storing) path runs */
    cpu->gr[2] = 0x0102030405060708ULL;
    cpu->gr[3] = 0x090A0B0C0D0E0F10ULL;
    cpu->gr[6] = 0xDDDDDDDDDDDDDDDDULL;
    cpu->gr[7] = 0xEEEEEEEEEEEEEEEEULL;
}

static void swapped_check(FmCase *c)
{
    if (c->kind != FK_COUNT)
        return;
    CHECK_EQ(cpu_cc(&c->env->cpu), 0);
    uint8_t got[8];
    fm_read(c, c->va[0], got, 8);
    CHECK_EQ(got[0], 0xDD);
}

static FmScenario one_op(const char *name, int (*h)(CPUState *, const Insn *), uint32_t off,
                         uint32_t len, AccessKind k)
{
    FmScenario s;
    memset(&s, 0, sizeof(s));
    s.name = name;
    s.nops = 1;
    s.ops[0] = (FmOperand){ off, len, k };
    s.handler = h;
    s.insn.ilen = 6;
    s.insn.r1 = 2;
    s.insn.r3 = 6;
    s.insn.b1 = 4;
    s.insn.b2 = 4;
    s.setup = regs_setup;
    s.check = swapped_check;
    s.flags = FM_NOTHING_STORED;
    return s;
}

TEST(interlocked_fault_matrices)
{
    FmScenario s = one_op("cdsg", insn_cdsg, 4080, 16, ACC_UPDATE);
    CHECK(fm_run(&s) > 8);
    s = one_op("cds", insn_cds, 8, 8, ACC_UPDATE);
    s.check = NULL;                          /* compares 01020304 05060708 with R2/R3 low */
    CHECK(fm_run(&s) > 8);
    s = one_op("ts", insn_ts, 4095, 1, ACC_UPDATE);
    s.check = NULL;
    CHECK(fm_run(&s) > 8);

    /* LPD: two fetch operands on one page each */
    s = one_op("lpdg", insn_lpdg, 4088, 8, ACC_FETCH);
    s.nops = 2;
    s.ops[1] = (FmOperand){ 0, 8, ACC_FETCH };
    s.insn.r3 = 2;
    s.insn.b2 = 5;
    s.check = NULL;
    CHECK(fm_run(&s) >= 15);   /* 1 + 7 kinds on each fetch operand */
    s.name = "lpd";
    s.handler = insn_lpd;
    s.ops[0].len = s.ops[1].len = 4;
    CHECK(fm_run(&s) >= 15);   /* 1 + 7 kinds on each fetch operand */
}

/* CSST: the parameter list (GR1), the first operand (update) and the
 * second operand (store) are all checked before anything is stored, even
 * the second operand when the comparison will be equal or not. */
static void csst_setup(FmCase *c)
{
    regs_setup(c);
    facility_set(&c->env->m, 32, true);
    facility_set(&c->env->m, 33, true);
    c->env->cpu.gr[0] = 0x0401;              /* 8-byte compare, 16-byte store */
    c->env->cpu.gr[6] = 0x0102030405060708ULL;
}

static void csst_check(FmCase *c)
{
    if (c->kind != FK_COUNT)
        return;
    CHECK_EQ(cpu_cc(&c->env->cpu), 0);
    uint8_t got[16];
    fm_read(c, c->va[1], got, 16);           /* store value = plist bytes 16-31 */
    CHECK_EQ(got[0], 0);
    fm_read(c, c->va[0], got, 8);            /* replacement = plist bytes 0-7 */
    CHECK_EQ(got[7], 8);
}

TEST(csst_fault_matrix)
{
    FmScenario s = one_op("csst", insn_csst, 4088, 8, ACC_UPDATE);
    s.nops = 3;
    s.ops[1] = (FmOperand){ 4080, 16, ACC_STORE };
    s.ops[2] = (FmOperand){ 4064, 32, ACC_FETCH };
    s.insn.b2 = 5;
    s.setup = csst_setup;
    s.check = csst_check;
    CHECK(fm_run(&s) >= 25);   /* 1 + 9 update + 8 store + 7 fetch */
}
