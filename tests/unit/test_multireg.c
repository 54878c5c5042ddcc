/* Multiple-register loads and stores (src/insn/multireg.c).
 *
 * Expected values are computed by hand from the architecture: registers
 * R1..R3 in ascending order with 0 after 15, the first register at the
 * leftmost bytes, big-endian; LM/STM use bits 32-63, LMH/STMH bits 0-31,
 * LMG/STMG all 64 bits; LAM/STAM the 32-bit access registers (word
 * aligned); LCTL/STCTL control-register bits 32-63 (word aligned,
 * privileged), LCTLG/STCTG all 64 bits (doubleword aligned, privileged). */
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "faultmatrix.h"
#include "test.h"
#include "testenv.h"

#define RAM (16ULL << 20)

INSN_HANDLER(stmy); INSN_HANDLER(lmy); INSN_HANDLER(stamy); INSN_HANDLER(lamy);
INSN_HANDLER(lmd); INSN_HANDLER(lpq); INSN_HANDLER(stpq);

static Insn rs(uint16_t op, int r1, int r3, int b2, int32_t d2)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.row = decode_row_of_opcode(op);
    in.ilen = op > 0xFF ? 6 : 4;
    in.r1 = (uint8_t)r1;
    in.r3 = (uint8_t)r3;
    in.b2 = (uint8_t)b2;
    in.d2 = d2;
    return in;
}

static void put_be(uint8_t *p, unsigned size, uint64_t v)
{
    for (int i = (int)size - 1; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

static uint64_t get_be(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | p[i];
    return v;
}

/* Distinct register contents: high word 0xA0000000+r, low word 0x10000000+r
 * with r in several bytes so a wrong register or half is obvious. */
static void fill_regs(CPUState *cpu)
{
    for (int r = 0; r < 16; r++) {
        cpu->gr[r] = ((0xA0A00000ULL | (uint64_t)r << 8 | r) << 32) | (0x10100000u | r << 8 | r);
        cpu->ar[r] = 0xC0C00000u | r << 8 | r;
    }
}

/* ---------------------------------------------------------------------- */

TEST(stm_wraps_14_to_1)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *m = tenv_abs(e, 0x20000);
    /* Twice: prepared path (cold TLB), then the exact-hit path. */
    for (int pass = 0; pass < 2; pass++) {
        fill_regs(cpu);
        memset(m, 0xEE, 64);
        cpu->gr[5] = 0x20000;
        uint64_t psw = cpu->psw_mask;
        Insn in = rs(0x90, 14, 1, 5, 0x10);
        CHECK_EQ(insn_stm(cpu, &in), 0);
        /* 4 registers: 14, 15, 0, 1, low words, at 0x20010 */
        uint8_t want[16];
        put_be(want + 0, 4, 0x10100E0E);
        put_be(want + 4, 4, 0x10100F0F);
        put_be(want + 8, 4, 0x10100000);
        put_be(want + 12, 4, 0x10100101);
        CHECK_MEM(m + 0x10, want, 16);
        CHECK_EQ(m[0x0F], 0xEE);
        CHECK_EQ(m[0x20], 0xEE);
        CHECK_EQ(cpu->psw_mask, psw);                 /* CC unchanged */
        CHECK(storage_key(&e->m.storage, 0x20000) & SKEY_C);
    }
    tenv_free(e);
}

TEST(lm_wraps_14_to_1_keeps_high_halves)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *m = tenv_abs(e, 0x20000);
    /* Twice: prepared path (cold TLB), then the exact-hit path. */
    for (int pass = 0; pass < 2; pass++) {
        fill_regs(cpu);
        for (int i = 0; i < 16; i++)
            m[i] = (uint8_t)(0x40 + i);
        cpu->gr[5] = 0x20000;
        Insn in = rs(0x98, 14, 1, 5, 0);
        CHECK_EQ(insn_lm(cpu, &in), 0);
        CHECK_EQ(cpu->gr[14], 0xA0A00E0E40414243ULL);
        CHECK_EQ(cpu->gr[15], 0xA0A00F0F44454647ULL);
        CHECK_EQ(cpu->gr[0], 0xA0A0000048494A4BULL);
        CHECK_EQ(cpu->gr[1], 0xA0A001014C4D4E4FULL);
        CHECK_EQ(cpu->gr[2], 0xA0A0020210100202ULL);     /* outside the range */
        CHECK_EQ(cpu->gr[13], 0xA0A00D0D10100D0DULL);
    }
    tenv_free(e);
}

TEST(stmg_lmg_all_16_and_single)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *m = tenv_abs(e, 0x30000);
    fill_regs(cpu);
    cpu->gr[3] = 0x30000 - 8;
    /* STMG 4,3,8(3): R1 = 4 .. R3 = 3 wraps through all 16 registers; the
     * base GR3 is stored with its value at the time of the store. */
    uint64_t saved[16];
    memcpy(saved, cpu->gr, sizeof(saved));
    Insn st = rs(0xEB24, 4, 3, 3, 8);
    CHECK_EQ(insn_stmg(cpu, &st), 0);
    for (int i = 0; i < 16; i++)
        CHECK_EQ(get_be(m + 8 * i, 8), saved[(4 + i) & 15]);
    /* LMG 7,7: one register */
    put_be(m + 0x200, 8, 0x0123456789ABCDEFULL);
    Insn l1 = rs(0xEB04, 7, 7, 3, 0x208);
    CHECK_EQ(insn_lmg(cpu, &l1), 0);
    CHECK_EQ(cpu->gr[7], 0x0123456789ABCDEFULL);
    CHECK_EQ(cpu->gr[8], saved[8]);
    CHECK_EQ(cpu->gr[6], saved[6]);
    tenv_free(e);
}

TEST(lmg_loads_base_register_with_old_address)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *m = tenv_abs(e, 0x30000);
    put_be(m + 0, 8, 0x1111111111111111ULL);
    put_be(m + 8, 8, 0x2222222222222222ULL);
    put_be(m + 16, 8, 0x3333333333333333ULL);
    /* Twice: the first LMG fills the TLB through the prepared path, the
     * second finds an exact hit and loads the registers straight from
     * host storage (multireg.c: load_multiple), where GR2 changes while
     * the operand is still being read. */
    for (int pass = 0; pass < 2; pass++) {
        fill_regs(cpu);
        cpu->gr[2] = 0x30000;
        Insn in = rs(0xEB04, 1, 3, 2, 0);
        CHECK_EQ(insn_lmg(cpu, &in), 0);
        CHECK_EQ(cpu->gr[1], 0x1111111111111111ULL);
        CHECK_EQ(cpu->gr[2], 0x2222222222222222ULL);
        CHECK_EQ(cpu->gr[3], 0x3333333333333333ULL);
    }
    tenv_free(e);
}

TEST(stmh_lmh_high_halves)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *m = tenv_abs(e, 0x30000);
    fill_regs(cpu);
    cpu->gr[9] = 0x30000;
    Insn st = rs(0xEB26, 15, 0, 9, 0x100);
    CHECK_EQ(insn_stmh(cpu, &st), 0);
    CHECK_EQ(get_be(m + 0x100, 4), 0xA0A00F0F);
    CHECK_EQ(get_be(m + 0x104, 4), 0xA0A00000);
    put_be(m + 0x200, 4, 0xDEADBEEF);
    put_be(m + 0x204, 4, 0xCAFEF00D);
    Insn ld = rs(0xEB96, 15, 0, 9, 0x200);
    CHECK_EQ(insn_lmh(cpu, &ld), 0);
    CHECK_EQ(cpu->gr[15], 0xDEADBEEF10100F0FULL);
    CHECK_EQ(cpu->gr[0], 0xCAFEF00D10100000ULL);
    tenv_free(e);
}

TEST(stam_lam_wrap_and_alignment)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *m = tenv_abs(e, 0x30000);
    fill_regs(cpu);
    cpu->gr[4] = 0x30000;
    Insn st = rs(0x9B, 15, 1, 4, 0x40);
    CHECK_EQ(insn_stam(cpu, &st), 0);
    CHECK_EQ(get_be(m + 0x40, 4), 0xC0C00F0F);
    CHECK_EQ(get_be(m + 0x44, 4), 0xC0C00000);
    CHECK_EQ(get_be(m + 0x48, 4), 0xC0C00101);
    for (int i = 0; i < 12; i++)
        m[0x80 + i] = (uint8_t)(0x60 + i);
    Insn ld = rs(0x9A, 15, 1, 4, 0x80);
    CHECK_EQ(insn_lam(cpu, &ld), 0);
    CHECK_EQ(cpu->ar[15], 0x60616263);
    CHECK_EQ(cpu->ar[0], 0x64656667);
    CHECK_EQ(cpu->ar[1], 0x68696A6B);
    CHECK_EQ(cpu->ar[2], 0xC0C00202);
    CHECK_EQ(cpu->gr[15], 0xA0A00F0F10100F0FULL);   /* GRs untouched */

    /* Word alignment: specification, nothing loaded or stored. */
    memset(m + 0x100, 0x55, 16);
    Insn bad = rs(0x9B, 0, 1, 4, 0x102);
    CHECK_EQ(insn_stam(cpu, &bad), PGM_SPECIFICATION);
    CHECK_EQ(m[0x102], 0x55);
    Insn badl = rs(0x9A, 2, 3, 4, 0x101);
    CHECK_EQ(insn_lam(cpu, &badl), PGM_SPECIFICATION);
    CHECK_EQ(cpu->ar[2], 0xC0C00202);
    CHECK_EQ(cpu->ar[3], 0xC0C00303);
    tenv_free(e);
}

TEST(stm_lm_no_alignment_needed)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *m = tenv_abs(e, 0x30000);
    fill_regs(cpu);
    cpu->gr[4] = 0x30000;
    Insn st = rs(0x90, 2, 2, 4, 0x43);
    CHECK_EQ(insn_stm(cpu, &st), 0);
    CHECK_EQ(get_be(m + 0x43, 4), 0x10100202);
    Insn ld = rs(0xEB04, 6, 6, 4, 0x41);
    memset(m + 0x41, 0x77, 8);
    CHECK_EQ(insn_lmg(cpu, &ld), 0);
    CHECK_EQ(cpu->gr[6], 0x7777777777777777ULL);
    tenv_free(e);
}

TEST(control_register_forms)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *m = tenv_abs(e, 0x30000);
    cpu->gr[4] = 0x30000;
    for (int r = 8; r < 12; r++)
        cpu->cr[r] = 0xF0F0000000000000ULL | (uint64_t)r << 40 | (0x0E0E0000u + r);
    uint64_t cr9 = cpu->cr[9];

    /* STCTL 10,11 stores bits 32-63 */
    Insn sc = rs(0xB6, 10, 11, 4, 0x10);
    CHECK_EQ(insn_stctl(cpu, &sc), 0);
    CHECK_EQ(get_be(m + 0x10, 4), 0x0E0E000A);
    CHECK_EQ(get_be(m + 0x14, 4), 0x0E0E000B);

    /* LCTL 8,8 loads bits 32-63 and keeps bits 0-31 */
    put_be(m + 0x20, 4, 0x12345678);
    Insn lc = rs(0xB7, 8, 8, 4, 0x20);
    CHECK_EQ(insn_lctl(cpu, &lc), 0);
    CHECK_EQ(cpu->cr[8], 0xF0F0080012345678ULL);

    /* STCTG / LCTLG: all 64 bits, wrap 15 -> 0 not needed here */
    Insn sg = rs(0xEB25, 9, 10, 4, 0x40);
    CHECK_EQ(insn_stctg(cpu, &sg), 0);
    CHECK_EQ(get_be(m + 0x40, 8), cr9);
    put_be(m + 0x60, 8, 0x0000000000000001ULL);
    put_be(m + 0x68, 8, 0x8000000000000002ULL);
    Insn lg = rs(0xEB2F, 10, 11, 4, 0x60);
    CHECK_EQ(insn_lctlg(cpu, &lg), 0);
    CHECK_EQ(cpu->cr[10], 1);
    CHECK_EQ(cpu->cr[11], 0x8000000000000002ULL);

    /* Alignment: word for LCTL/STCTL, doubleword for LCTLG/STCTG */
    uint64_t cr8 = cpu->cr[8];
    Insn a1 = rs(0xB7, 8, 8, 4, 0x22);
    CHECK_EQ(insn_lctl(cpu, &a1), PGM_SPECIFICATION);
    CHECK_EQ(cpu->cr[8], cr8);
    Insn a2 = rs(0xEB2F, 8, 8, 4, 0x64);
    CHECK_EQ(insn_lctlg(cpu, &a2), PGM_SPECIFICATION);
    CHECK_EQ(cpu->cr[8], cr8);
    memset(m + 0x80, 0x99, 16);
    Insn a3 = rs(0xEB25, 8, 8, 4, 0x84);
    CHECK_EQ(insn_stctg(cpu, &a3), PGM_SPECIFICATION);
    Insn a4 = rs(0xB6, 8, 8, 4, 0x81);
    CHECK_EQ(insn_stctl(cpu, &a4), PGM_SPECIFICATION);
    CHECK_EQ(m[0x84], 0x99);
    CHECK_EQ(m[0x81], 0x99);

    /* Problem state: privileged operation, recognised before the
     * alignment check. */
    cpu->psw_mask |= PSW_MASK_PSTATE;
    Insn p1 = rs(0xB7, 8, 8, 4, 0x20);
    CHECK_EQ(insn_lctl(cpu, &p1), PGM_PRIVILEGED);
    CHECK_EQ(insn_lctl(cpu, &a1), PGM_PRIVILEGED);
    CHECK_EQ(insn_lctlg(cpu, &a2), PGM_PRIVILEGED);
    CHECK_EQ(insn_stctl(cpu, &sc), PGM_PRIVILEGED);
    CHECK_EQ(insn_stctg(cpu, &sg), PGM_PRIVILEGED);
    CHECK_EQ(cpu->cr[8], cr8);
    /* ...while the unprivileged forms run in the problem state */
    Insn ps = rs(0x90, 1, 1, 4, 0x100);
    CHECK_EQ(insn_stm(cpu, &ps), 0);
    tenv_free(e);
}

/* LCTL changes what cached translations depend on: afterwards this CPU's
 * TLB must hold nothing, so a changed page-table entry (changed without
 * IPTE, as a program may after loading a new CR1) is seen. */
TEST(lctl_flushes_tlb)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_REGION3);
    const uint64_t va = 0x40000000, ctl = 0x50000000;
    tenv_map(e, asce, va, 0x100000, 0);
    tenv_map(e, asce, ctl, 0x110000, 0);
    tenv_dat_on(e, asce);
    put_be(tenv_abs(e, 0x100000), 8, 0x1111111111111111ULL);
    put_be(tenv_abs(e, 0x101000), 8, 0x2222222222222222ULL);
    /* the word LCTL loads into CR8 */
    put_be(tenv_abs(e, 0x110000), 4, 0x00000000);

    for (int g = 0; g < 2; g++) {
        cpu->gr[1] = va;
        cpu->gr[2] = ctl;
        Insn lm = rs(0xEB04, 3, 3, 1, 0);
        CHECK_EQ(insn_lmg(cpu, &lm), 0);
        CHECK_EQ(cpu->gr[3], 0x1111111111111111ULL);
        uint64_t fl;
        CHECK(tlb_lookup(&cpu->tlb, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 0, &fl) != NULL);

        /* Repoint the page without purging, then load a control register. */
        tenv_map(e, asce, va, 0x101000, 0);
        Insn lc = g ? rs(0xEB2F, 8, 8, 2, 0) : rs(0xB7, 8, 8, 2, 0);
        CHECK_EQ(g ? insn_lctlg(cpu, &lc) : insn_lctl(cpu, &lc), 0);
        CHECK(tlb_lookup(&cpu->tlb, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 0, &fl) == NULL);
        CHECK_EQ(insn_lmg(cpu, &lm), 0);
        CHECK_EQ(cpu->gr[3], 0x2222222222222222ULL);
        tenv_map(e, asce, va, 0x100000, 0);
        cpu_flush_tlb_local(cpu);
    }
    tenv_free(e);
}

/* ---------------------------------------------------------------------- */
/* Fault matrix: every instruction with its operand crossing a page. */

typedef struct MrCase {
    const char *name;
    int (*handler)(CPUState *, const Insn *);
    uint16_t op;
    int r1, r3;
    unsigned size;          /* bytes per register */
    int file;               /* 0 GR low, 1 GR high, 2 GR full, 3 AR, 4 CR low, 5 CR full */
    bool load;
} MrCase;

#define MR_BASE 12

static uint64_t mr_reg(const CPUState *cpu, int file, int r)
{
    switch (file) {
    case 0: return (uint32_t)cpu->gr[r];
    case 1: return cpu->gr[r] >> 32;
    case 2: return cpu->gr[r];
    case 3: return cpu->ar[r];
    case 4: return (uint32_t)cpu->cr[r];
    default: return cpu->cr[r];
    }
}

static void mr_setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    for (int r = 0; r < 16; r++) {
        if (r != MR_BASE)
            cpu->gr[r] = 0x0102030405060708ULL * (uint64_t)(r + 1);
        cpu->ar[r] = 0x0A0B0C00u + r;
    }
    /* CR8, CR10, CR11 are harmless to load with arbitrary values here */
    cpu->cr[8] = 0x8888888888888888ULL;
    cpu->cr[10] = 0xAAAAAAAAAAAAAAAAULL;
    cpu->cr[11] = 0xBBBBBBBBBBBBBBBBULL;
    cpu->gr[MR_BASE] = c->va[0];
}

/* Fault-free run: the registers and the operand agree (loads: registers
 * hold the operand; stores: operand holds the registers). */
static void mr_check(FmCase *c)
{
    const MrCase *mc = c->ctx;
    CPUState *cpu = &c->env->cpu;
    if (c->rc != 0)
        return;
    unsigned n = ((mc->r3 - mc->r1) & 15) + 1;
    uint8_t buf[128];
    fm_read(c, c->va[0], buf, n * mc->size);
    for (unsigned i = 0; i < n; i++) {
        int r = (mc->r1 + (int)i) & 15;
        if (mc->load && r == MR_BASE)
            continue;
        CHECK_EQ(mr_reg(cpu, mc->file, r), get_be(buf + i * mc->size, mc->size));
    }
}

static const MrCase mr_cases[] = {
    { "STM",   insn_stm,   0x90,   14, 3, 4, 0, false },
    { "STMG",  insn_stmg,  0xEB24, 14, 3, 8, 2, false },
    { "STMH",  insn_stmh,  0xEB26, 14, 3, 4, 1, false },
    { "LM",    insn_lm,    0x98,   14, 3, 4, 0, true },
    { "LMG",   insn_lmg,   0xEB04, 14, 3, 8, 2, true },
    { "LMH",   insn_lmh,   0xEB96, 14, 3, 4, 1, true },
    { "STAM",  insn_stam,  0x9B,   14, 3, 4, 3, false },
    { "LAM",   insn_lam,   0x9A,   14, 3, 4, 3, true },
    { "STCTL", insn_stctl, 0xB6,   14, 3, 4, 4, false },
    { "STCTG", insn_stctg, 0xEB25, 14, 3, 8, 5, false },
    { "LCTL",  insn_lctl,  0xB7,   10, 11, 4, 4, true },
    { "LCTLG", insn_lctlg, 0xEB2F, 10, 11, 8, 5, true },
    /* the long-displacement forms do the same */
    { "STMY",  insn_stmy,  0xEB90, 14, 3, 4, 0, false },
    { "LMY",   insn_lmy,   0xEB98, 14, 3, 4, 0, true },
    { "STAMY", insn_stamy, 0xEB9B, 14, 3, 4, 3, false },
    { "LAMY",  insn_lamy,  0xEB9A, 14, 3, 4, 3, true },
    /* all 16 registers: 128 bytes */
    { "STMG16", insn_stmg, 0xEB24, 0, 15, 8, 2, false },
    { "LM16",   insn_lm,   0x98,   3, 2, 4, 0, true },
};

TEST(multireg_fault_matrix)
{
    for (size_t k = 0; k < sizeof(mr_cases) / sizeof(mr_cases[0]); k++) {
        const MrCase *mc = &mr_cases[k];
        unsigned n = ((mc->r3 - mc->r1) & 15) + 1;
        FmScenario s;
        memset(&s, 0, sizeof(s));
        s.name = mc->name;
        s.nops = 1;
        /* cross the page after the second register (aligned for all) */
        s.ops[0].off = 4096 - 2 * mc->size;
        s.ops[0].len = n * mc->size;
        s.ops[0].kind = mc->load ? ACC_FETCH : ACC_STORE;
        s.handler = mc->handler;
        s.insn = rs(mc->op, mc->r1, mc->r3, MR_BASE, 0);
        s.setup = mr_setup;
        s.check = mr_check;
        s.flags = FM_NOTHING_STORED;
        s.ctx = (void *)mc;
        CHECK(fm_run(&s) > 0);
    }
}

/* ---------------------------------------------------------------------- */
/* LOAD MULTIPLE DISJOINT and the quadword pair forms. */

TEST(lmd_high_halves_from_op2_low_from_op4)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    fill_regs(cpu);
    /* LMD 14,1,0(5),8(6): registers 14, 15, 0, 1 */
    Insn in;
    memset(&in, 0, sizeof(in));
    in.ilen = 6;
    in.r1 = 14;
    in.r3 = 1;
    in.b2 = 5;
    in.d2 = 0;
    in.b4 = 6;
    in.d4 = 8;
    for (unsigned i = 0; i < 4; i++) {
        put_be(tenv_abs(e, 0x20000 + 4 * i), 4, 0xA0000000u + i);
        put_be(tenv_abs(e, 0x30008 + 4 * i), 4, 0xB0000000u + i);
    }
    cpu->gr[5] = 0x20000;
    cpu->gr[6] = 0x30000;
    uint64_t r2 = cpu->gr[2];
    CHECK_EQ(insn_lmd(cpu, &in), 0);
    CHECK_EQ(cpu->gr[14], 0xA0000000B0000000ULL);
    CHECK_EQ(cpu->gr[15], 0xA0000001B0000001ULL);
    CHECK_EQ(cpu->gr[0], 0xA0000002B0000002ULL);
    CHECK_EQ(cpu->gr[1], 0xA0000003B0000003ULL);
    CHECK_EQ(cpu->gr[2], r2);
    /* a base register among R1..R3 was used with its old value */
    in.r1 = 5;
    in.r3 = 6;
    CHECK_EQ(insn_lmd(cpu, &in), 0);
    CHECK_EQ(cpu->gr[5], 0xA0000000B0000000ULL);
    CHECK_EQ(cpu->gr[6], 0xA0000001B0000001ULL);
    tenv_free(e);
}

TEST(lpq_stpq_even_pair_quadword_aligned)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    Insn in;
    memset(&in, 0, sizeof(in));
    in.ilen = 6;
    in.r1 = 4;
    in.x2 = 3;
    in.b2 = 5;
    in.d2 = -0x10;
    cpu->gr[3] = 0x20;
    cpu->gr[5] = 0x20000;                   /* 0x20000 + 0x20 - 0x10 = 0x20010 */
    cpu->gr[4] = 0x0123456789ABCDEFULL;
    memset(tenv_abs(e, 0x20000), 0xEE, 0x40);
    /* STPQ 4,-16(3,5) stores R4 then R5 */
    CHECK_EQ(insn_stpq(cpu, &in), 0);
    CHECK_EQ(get_be(tenv_abs(e, 0x20010), 8), 0x0123456789ABCDEFULL);
    CHECK_EQ(get_be(tenv_abs(e, 0x20018), 8), 0x20000);
    CHECK_EQ(tenv_abs(e, 0x20020)[0], 0xEE);
    /* LPQ 6,0(3,5) */
    put_be(tenv_abs(e, 0x20020), 8, 0x1111111111111111ULL);
    put_be(tenv_abs(e, 0x20028), 8, 0x2222222222222222ULL);
    in.r1 = 6;
    in.d2 = 0;
    CHECK_EQ(insn_lpq(cpu, &in), 0);
    CHECK_EQ(cpu->gr[6], 0x1111111111111111ULL);
    CHECK_EQ(cpu->gr[7], 0x2222222222222222ULL);
    /* odd R1; doubleword- but not quadword-aligned operand */
    in.r1 = 7;
    CHECK_EQ(insn_lpq(cpu, &in), PGM_SPECIFICATION);
    in.r1 = 6;
    in.d2 = 8;
    CHECK_EQ(insn_lpq(cpu, &in), PGM_SPECIFICATION);
    CHECK_EQ(insn_stpq(cpu, &in), PGM_SPECIFICATION);
    tenv_free(e);
}

static void lmd_setup(FmCase *c)
{
    mr_setup(c);
    c->env->cpu.gr[MR_BASE + 1] = c->va[1];
}

static void lmd_check(FmCase *c)
{
    if (c->rc != 0)
        return;
    uint8_t hi[16], lo[16];
    fm_read(c, c->va[0], hi, 16);
    fm_read(c, c->va[1], lo, 16);
    for (int i = 0; i < 4; i++)
        CHECK_EQ(c->env->cpu.gr[(14 + i) & 15], get_be(hi + 4 * i, 4) << 32 | get_be(lo + 4 * i, 4));
}

static void q_check(FmCase *c)
{
    uint8_t b[16];
    if (c->rc != 0)
        return;
    fm_read(c, c->va[0], b, 16);
    CHECK_EQ(c->env->cpu.gr[2], get_be(b, 8));
    CHECK_EQ(c->env->cpu.gr[3], get_be(b + 8, 8));
}

TEST(lmd_lpq_stpq_fault_matrices)
{
    FmScenario s;
    memset(&s, 0, sizeof(s));
    s.name = "LMD";
    s.nops = 2;
    s.ops[0] = (FmOperand){ 4088, 16, ACC_FETCH };
    s.ops[1] = (FmOperand){ 4092, 16, ACC_FETCH };
    s.handler = insn_lmd;
    s.insn.ilen = 6;
    s.insn.r1 = 14;
    s.insn.r3 = 1;
    s.insn.b2 = MR_BASE;
    s.insn.b4 = MR_BASE + 1;
    s.setup = lmd_setup;
    s.check = lmd_check;
    s.flags = FM_NOTHING_STORED;
    CHECK(fm_run(&s) >= 29);                /* 1 + 7 kinds x 2 pages x 2 operands */

    memset(&s, 0, sizeof(s));
    s.name = "LPQ";
    s.nops = 1;
    s.ops[0] = (FmOperand){ 4080, 16, ACC_FETCH };
    s.handler = insn_lpq;
    s.insn = rs(0xE38F, 2, 0, MR_BASE, 0);
    s.setup = mr_setup;
    s.check = q_check;
    s.flags = FM_NOTHING_STORED;
    CHECK(fm_run(&s) >= 8);
    s.name = "STPQ";
    s.ops[0].kind = ACC_STORE;
    s.handler = insn_stpq;
    CHECK(fm_run(&s) >= 9);
}

/* ---------------------------------------------------------------------- */
/* I/O region: the operand runs from the last RAM page into a byte-wise I/O
 * region placed right after RAM; each I/O byte is accessed exactly once, in
 * ascending address order, with the same bytes as RAM would get. */

typedef struct IoLog {
    uint8_t mem[8192];
    int n;
    struct { uint64_t off; uint8_t v; bool wr; } ev[512];
} IoLog;

static uint8_t io_rd(void *opaque, uint64_t off)
{
    IoLog *l = opaque;
    if (l->n < 512)
        l->ev[l->n].off = off, l->ev[l->n].v = l->mem[off], l->ev[l->n].wr = false;
    l->n++;
    return l->mem[off];
}

static void io_wr(void *opaque, uint64_t off, uint8_t v)
{
    IoLog *l = opaque;
    if (l->n < 512)
        l->ev[l->n].off = off, l->ev[l->n].v = v, l->ev[l->n].wr = true;
    l->n++;
    l->mem[off] = v;
}

TEST(multireg_io_region_byte_path)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    IoLog *log = calloc(1, sizeof(*log));
    CHECK_EQ(storage_add_io(&e->m.storage, RAM, 8192, io_rd, io_wr, log), 0);
    fill_regs(cpu);
    /* STMG 0,15 at RAM-32: 32 bytes of RAM, then 96 bytes of I/O */
    cpu->gr[7] = RAM - 32;
    uint64_t want[16];
    memcpy(want, cpu->gr, sizeof(want));
    Insn st = rs(0xEB24, 0, 15, 7, 0);
    CHECK_EQ(insn_stmg(cpu, &st), 0);
    const uint8_t *ram = tenv_abs(e, RAM - 32);
    for (int i = 0; i < 4; i++)
        CHECK_EQ(get_be(ram + 8 * i, 8), want[i]);
    CHECK_EQ(log->n, 96);
    bool order_ok = true;
    for (int i = 0; i < 96 && i < log->n; i++) {
        int r = 4 + i / 8;
        uint8_t exp = (uint8_t)(want[r] >> (8 * (7 - i % 8)));
        if (log->ev[i].off != (uint64_t)i || !log->ev[i].wr || log->ev[i].v != exp)
            order_ok = false;
    }
    CHECK(order_ok);

    /* LM 2,9 from the I/O page alone (32 bytes at offset 4090, crossing
     * into the second I/O page) */
    log->n = 0;
    for (int i = 0; i < 32; i++)
        log->mem[4090 + i] = (uint8_t)(0x80 + i);
    cpu->gr[7] = RAM + 4090;
    Insn ld = rs(0x98, 2, 9, 7, 0);
    CHECK_EQ(insn_lm(cpu, &ld), 0);
    CHECK_EQ(log->n, 32);
    order_ok = true;
    for (int i = 0; i < 32 && i < log->n; i++)
        if (log->ev[i].off != (uint64_t)(4090 + i) || log->ev[i].wr)
            order_ok = false;
    CHECK(order_ok);
    CHECK_EQ(cpu->gr[2], (want[2] & 0xFFFFFFFF00000000ULL) | 0x80818283);
    CHECK_EQ(cpu->gr[9], (want[9] & 0xFFFFFFFF00000000ULL) | 0x9C9D9E9F);
    tenv_free(e);
    free(log);
}

/* ---------------------------------------------------------------------- */
/* Watchpoints: a hit on the second page stops before anything is stored or
 * loaded. */
TEST(multireg_watchpoints)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *m = tenv_abs(e, 0x40000);
    fill_regs(cpu);
    memset(m, 0x5A, 8192);
    uint64_t regs[16];
    memcpy(regs, cpu->gr, sizeof(regs));
    CHECK_EQ(access_watch_add(&e->m, 0x41004, 4, WP_WRITE), 0);
    cpu->gr[11] = 0x41000 - 16;
    Insn st = rs(0xEB24, 0, 3, 11, 0);          /* 32 bytes: 16 + 16 */
    CHECK_EQ(insn_stmg(cpu, &st), INSN_WATCH);
    CHECK(cpu->watch.hit);
    CHECK_EQ(cpu->watch.addr, 0x41004);
    bool untouched = true;
    for (int i = 0; i < 8192; i++)
        if (m[i] != 0x5A)
            untouched = false;
    CHECK(untouched);
    CHECK(!(storage_key(&e->m.storage, 0x40000) & SKEY_C));

    /* A write watchpoint does not stop a load */
    Insn ld = rs(0x98, 0, 7, 11, 0);
    CHECK_EQ(insn_lm(cpu, &ld), 0);
    CHECK_EQ(cpu->gr[7], (regs[7] & 0xFFFFFFFF00000000ULL) | 0x5A5A5A5A);

    /* A read watchpoint does: no register changes */
    memcpy(regs, cpu->gr, sizeof(regs));
    access_watch_clear(&e->m);
    memset(&cpu->watch, 0, sizeof(cpu->watch));
    CHECK_EQ(access_watch_add(&e->m, 0x41000, 1, WP_READ), 0);
    Insn lg = rs(0xEB04, 14, 1, 11, 0);
    CHECK_EQ(insn_lmg(cpu, &lg), INSN_WATCH);
    CHECK_EQ(cpu->watch.addr, 0x41000);
    CHECK_MEM(cpu->gr, regs, sizeof(regs));
    tenv_free(e);
}

/* PER storage alteration is recognised for exactly the stored bytes (the
 * handler commits its operand); loads never recognise it. */
TEST(multireg_per_storage_alteration)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    fill_regs(cpu);
    cpu->psw_mask |= PSW_MASK_PER;
    cpu->cr[9] = CR9_PER_SA;
    cpu->gr[4] = 0x30000;
    Insn st = rs(0x90, 0, 3, 4, 0x100);         /* bytes 0x30100..0x3010F */
    struct { uint64_t lo, hi; bool hit; } r[] = {
        { 0x3010F, 0x3010F, true },              /* last byte */
        { 0x30110, 0x30200, false },             /* just after */
        { 0x30000, 0x300FF, false },             /* just before */
        { 0x30108, 0x30108, true },
    };
    for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
        memset(&cpu->per, 0, sizeof(cpu->per));
        cpu->cr[10] = r[i].lo, cpu->cr[11] = r[i].hi;
        CHECK_EQ(insn_stm(cpu, &st), 0);
        CHECK_EQ((cpu->per.code & PER_CODE_SA) != 0, r[i].hit);
    }
    memset(&cpu->per, 0, sizeof(cpu->per));
    cpu->cr[10] = 0, cpu->cr[11] = ~0ULL;
    Insn ld = rs(0x98, 0, 3, 4, 0x100);
    CHECK_EQ(insn_lm(cpu, &ld), 0);
    CHECK_EQ(cpu->per.code, 0);
    tenv_free(e);
}
