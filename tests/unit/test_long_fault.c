/* Access exceptions in long instructions: a fault in unit k leaves exactly
 * units 0..k-1 done, with the registers describing them, and returns the
 * exception (DESIGN.md §3, brief "Access-layer usage").
 *
 * Part 1 runs every instruction through the fault matrix (faultmatrix.h)
 * with operands that cross a page; check() works out by hand which units
 * completed.  Units end at page boundaries, so the unit that first touches
 * page 1 of an operand starting at offset off begins at operand byte
 * 4096 - off (for CKSM with an operand not on a word boundary, at the last
 * word boundary before it).
 *
 * Part 2 puts a fault of each kind on the 1st, 2nd and 3rd page of a 3-page
 * MVCL and MVCLE and checks the exact registers and storage, then removes
 * the fault and resumes from the registers. */
#include "faultmatrix.h"
#include "test_long.h"

/* ===================== Part 1: the fault matrix ===================== */

enum { K_MVCL, K_MVCLE, K_MVCLU, K_CLCL, K_CLCLE, K_CLCLU, K_CKSM };

typedef struct LongFm {
    int kind;
    uint64_t l1, l2;            /* register lengths (CKSM: l1 only) */
    uint16_t pad;
    uint32_t page1_done[2];     /* bytes done before the unit touching page 1 */
    /* filled by setup() */
    uint8_t op1[2 * 4096], op2[2 * 4096];
    uint32_t sum0;
} LongFm;

static bool is_move(int k) { return k <= K_MVCLU; }
static bool is_cmp(int k) { return k >= K_CLCL && k <= K_CLCLU; }

static uint8_t fm_pad_byte(const LongFm *x, uint64_t rem)
{
    if (x->kind == K_MVCLU || x->kind == K_CLCLU)
        return (rem & 1) ? (uint8_t)x->pad : (uint8_t)(x->pad >> 8);
    return (uint8_t)x->pad;
}

static uint64_t len_reg(const LongFm *x, uint64_t len)
{
    if (x->kind == K_MVCL || x->kind == K_CLCL)
        return ((uint64_t)(x->pad & 0xFF) << 24) | len;
    return len;
}

static void lfm_setup(FmCase *c)
{
    LongFm *x = c->ctx;
    CPUState *cpu = &c->env->cpu;
    if (x->kind == K_CKSM) {
        fm_read(c, c->va[0], x->op1, x->l1);
        cpu->gr[2] = c->va[0];
        cpu->gr[3] = x->l1;
        cpu->gr[6] = 0x5555555500000000ULL | (x->sum0 = 0x89ABCDEF);
        cpu_set_cc(cpu, 1);
        return;
    }
    uint64_t acc2 = x->l1 < x->l2 ? x->l1 : x->l2;
    if (is_cmp(x->kind)) {
        /* Equal operands: op1 = op2 where both exist, the pad beyond. */
        uint64_t n = x->l1 > x->l2 ? x->l1 : x->l2;
        fm_read(c, c->va[1], x->op2, acc2);
        memcpy(x->op1, x->op2, acc2);
        for (uint64_t i = acc2; i < n; i++) {
            if (x->l1 > x->l2)
                x->op1[i] = fm_pad_byte(x, x->l1 - i);
            else
                x->op2[i] = fm_pad_byte(x, x->l2 - i);
        }
        fm_write(c, c->va[0], x->op1, x->l1);
        fm_write(c, c->va[1], x->op2, x->l2);
    } else {
        fm_read(c, c->va[1], x->op2, acc2);
    }
    fm_read(c, c->va[0], x->op1, x->l1);
    cpu->gr[2] = c->va[0];
    cpu->gr[3] = x->l1;
    cpu->gr[4] = c->va[1];
    cpu->gr[5] = len_reg(x, x->l2);
    cpu_set_cc(cpu, 1);
}

/* One's-complement word sum as the architecture defines it, word by word
 * (the reference for CKSM's partial sums). */
static uint32_t ref_cksm(uint32_t sum, const uint8_t *b, uint64_t n)
{
    for (uint64_t i = 0; i < n; i += 4) {
        uint32_t w = 0;
        for (int k = 0; k < 4; k++)
            w = w << 8 | (i + k < n ? b[i + k] : 0);
        uint64_t s = (uint64_t)sum + w;
        sum = (uint32_t)s + (uint32_t)(s >> 32);
    }
    return sum;
}

static void lfm_check(FmCase *c)
{
    LongFm *x = c->ctx;
    CPUState *cpu = &c->env->cpu;
    uint64_t done;
    if (c->kind == FK_COUNT)
        done = x->kind == K_CKSM || is_move(x->kind) ? x->l1
             : (x->l1 > x->l2 ? x->l1 : x->l2);
    else
        done = c->fault_page == 0 ? 0 : x->page1_done[c->fault_op];

    if (x->kind == K_CKSM) {
        CHECK_EQ(cpu->gr[2], c->va[0] + done);
        CHECK_EQ(cpu->gr[3], x->l1 - done);
        CHECK_EQ(cpu->gr[6], 0x5555555500000000ULL | ref_cksm(x->sum0, x->op1, done));
        CHECK_EQ(cpu_cc(cpu), c->kind == FK_COUNT ? 0 : 1);
        return;
    }
    uint64_t d1 = done < x->l1 ? done : x->l1, d2 = done < x->l2 ? done : x->l2;
    CHECK_EQ(cpu->gr[2], c->va[0] + d1);
    CHECK_EQ(cpu->gr[3], x->l1 - d1);
    CHECK_EQ(cpu->gr[4], c->va[1] + d2);
    CHECK_EQ(cpu->gr[5], len_reg(x, x->l2 - d2));
    if (c->kind == FK_COUNT)
        CHECK_EQ(cpu_cc(cpu), is_cmp(x->kind) ? 0
                 : x->l1 == x->l2 ? 0 : x->l1 < x->l2 ? 1 : 2);
    else
        CHECK_EQ(cpu_cc(cpu), 1);

    /* op1 storage: the first `done` bytes moved (or padded), the rest as
     * before; compares store nothing. */
    uint8_t want[2 * 4096], now[2 * 4096];
    memcpy(want, x->op1, x->l1);
    if (is_move(x->kind))
        for (uint64_t i = 0; i < d1; i++)
            want[i] = i < x->l2 ? x->op2[i] : fm_pad_byte(x, x->l1 - i);
    fm_read(c, c->va[0], now, x->l1);
    CHECK_BYTES(now, want, x->l1);
}

static void run_matrix(const char *name, int kind, int (*h)(CPUState *, const Insn *),
                       Insn in, LongFm *x, FmOperand o1, FmOperand o2)
{
    x->kind = kind;
    FmScenario s = {
        .name = name,
        .nops = kind == K_CKSM ? 1 : 2,
        .ops = { o1, o2 },
        .handler = h,
        .insn = in,
        .setup = lfm_setup,
        .check = lfm_check,
        .flags = FM_WARM_TLB,
        .ctx = x,
    };
    int n = fm_run(&s);
    CHECK(n > 1);
}

TEST(fm_mvcl_pad)
{
    /* op1 0x100 + 0x1000 (page 1 at byte 0xF00), op2 0x900 + 0xC00 (page 1
     * at byte 0x700); pad C1 fills op1 from 0xC00. */
    static LongFm x = { .l1 = 0x1000, .l2 = 0xC00, .pad = 0xC1,
                        .page1_done = { 0xF00, 0x700 } };
    run_matrix("mvcl-pad", K_MVCL, insn_mvcl, tl_rr(OP_MVCL, 2, 4), &x,
               (FmOperand){ 0x100, 0x1000, ACC_STORE }, (FmOperand){ 0x900, 0xC00, ACC_FETCH });
}

TEST(fm_mvcl_op1_shorter)
{
    /* L2 = 0x1200 but only min(L1, L2) = 0xE00 op2 bytes are accessed.
     * op1 0x600 (page 1 at 0xA00), op2 0x800 (page 1 at 0x800). */
    static LongFm x = { .l1 = 0xE00, .l2 = 0x1200, .pad = 0,
                        .page1_done = { 0xA00, 0x800 } };
    run_matrix("mvcl-cc1", K_MVCL, insn_mvcl, tl_rr(OP_MVCL, 2, 4), &x,
               (FmOperand){ 0x600, 0xE00, ACC_STORE }, (FmOperand){ 0x800, 0xE00, ACC_FETCH });
}

TEST(fm_mvcle)
{
    static LongFm x = { .l1 = 0x1400, .l2 = 0x900, .pad = 0x5C,
                        .page1_done = { 0xD00, 0x600 } };
    run_matrix("mvcle", K_MVCLE, insn_mvcle, tl_rs(OP_MVCLE, 2, 4, 0, 0x5C), &x,
               (FmOperand){ 0x300, 0x1400, ACC_STORE }, (FmOperand){ 0xA00, 0x900, ACC_FETCH });
}

TEST(fm_mvclu)
{
    static LongFm x = { .l1 = 0x1000, .l2 = 0x400, .pad = 0x1234,
                        .page1_done = { 0xEFE, 0x100 } };
    run_matrix("mvclu", K_MVCLU, insn_mvclu, tl_rs(OP_MVCLU, 2, 4, 0, 0x1234), &x,
               (FmOperand){ 0x102, 0x1000, ACC_STORE }, (FmOperand){ 0xF00, 0x400, ACC_FETCH });
}

TEST(fm_clcl)
{
    /* Equal with pad: op1 0x1200 (op2's 0x800 bytes then pad 0x40). */
    static LongFm x = { .l1 = 0x1200, .l2 = 0x800, .pad = 0x40,
                        .page1_done = { 0xF00, 0x400 } };
    run_matrix("clcl", K_CLCL, insn_clcl, tl_rr(OP_CLCL, 2, 4), &x,
               (FmOperand){ 0x100, 0x1200, ACC_FETCH }, (FmOperand){ 0xC00, 0x800, ACC_FETCH });
}

TEST(fm_clcle)
{
    /* op2 longer: its tail is compared with the pad. */
    static LongFm x = { .l1 = 0x600, .l2 = 0x1000, .pad = 0x20,
                        .page1_done = { 0x200, 0xE00 } };
    run_matrix("clcle", K_CLCLE, insn_clcle, tl_rs(OP_CLCLE, 2, 4, 0, 0x20), &x,
               (FmOperand){ 0xE00, 0x600, ACC_FETCH }, (FmOperand){ 0x200, 0x1000, ACC_FETCH });
}

TEST(fm_clclu)
{
    static LongFm x = { .l1 = 0xA00, .l2 = 0xA00, .pad = 0,
                        .page1_done = { 0x800, 0x700 } };
    run_matrix("clclu", K_CLCLU, insn_clclu, tl_rs(OP_CLCLU, 2, 4, 0, 0), &x,
               (FmOperand){ 0x800, 0xA00, ACC_FETCH }, (FmOperand){ 0x900, 0xA00, ACC_FETCH });
}

TEST(fm_cksm)
{
    /* Operand at 0xF02: 0xFE bytes to the page end, not a whole number of
     * words, so unit 0 is 0xFC bytes and the word at 0xFC straddles the
     * boundary: a fault on page 1 leaves 0xFC bytes summed. */
    static LongFm x = { .l1 = 0x20E, .page1_done = { 0xFC, 0 } };
    Insn in = tl_rr(OP_CKSM, 6, 2);
    run_matrix("cksm", K_CKSM, insn_cksm, in, &x, (FmOperand){ 0xF02, 0x20E, ACC_FETCH },
               (FmOperand){ 0, 0, 0 });
}

/* ============ Part 2: three-page MVCL / MVCLE, fault on each page ============ */

#define P3_RAM      (16ULL << 20)
#define P3_FRAMES   0x100000ULL
#define P3_NO_FRAME 0x40000000ULL   /* real frame outside storage */
#define P3_LEN      0x3000ULL

typedef struct P3 {
    TestEnv *e;
    uint64_t asce;
    uint64_t base[2];               /* op1 (store), op2 (fetch) */
    uint64_t frame[2][3];
    uint8_t key;
    uint64_t saved_addr, saved_val; /* the table entry the fault changed */
} P3;

static uint64_t p3_page(const P3 *p, int op, int k)
{
    return p->base[op] + (uint64_t)k * 0x1000;       /* wraps mod 2^64 */
}

static void p3_build(P3 *p, int fop, int fpage, FaultKind k, bool warm)
{
    p->e = tenv_new(P3_RAM);
    p->asce = tenv_asce_new(p->e, ASCE_TYPE_REGION1);
    p->key = (k == FK_KEY_PROT || k == FK_FETCH_PROT) ? 2 : 0;
    for (int op = 0; op < 2; op++) {
        uint64_t region = (uint64_t)(2 * op + 1) << 53;
        /* The faulting page is the first page at a region-first boundary,
         * so every DAT level can be made invalid for it alone (and the
         * pages before it).  For LAP it is logical page 0 instead: the
         * operand wraps from the top of the address space. */
        if (op == fop)
            p->base[op] = (k == FK_LAP ? 0 : region) - (uint64_t)fpage * 0x1000;
        else
            p->base[op] = region - 0x1000;
        /* A warm TLB must hold both operands: the one without the fault
         * moves 2048 pages away from the other's TLB indexes. */
        if (warm && op != fop)
            p->base[op] += 0x800000;
        for (int pg = 0; pg < 3; pg++) {
            p->frame[op][pg] = P3_FRAMES + (uint64_t)(3 * op + pg) * 0x1000;
            tenv_map(p->e, p->asce, p3_page(p, op, pg), p->frame[op][pg], 0);
            tl_fill_rand(tenv_abs(p->e, p->frame[op][pg]), 0x1000, (uint64_t)(7 * op + pg + 1));
            storage_set_key(&p->e->m.storage, p->frame[op][pg], (uint8_t)(p->key << 4));
        }
    }
    tenv_dat_on(p->e, p->asce);
    CPUState *cpu = &p->e->cpu;
    cpu->psw_mask = (cpu->psw_mask & ~PSW_MASK_KEY) | ((uint64_t)p->key << PSW_SHIFT_KEY);
}

static void p3_inject(P3 *p, int op, int pg, FaultKind k, bool undo)
{
    TestEnv *e = p->e;
    uint64_t va = p3_page(p, op, pg);
    uint64_t f = p->frame[op][pg];
    static const int lvl[] = { LVL_REGION1, LVL_REGION2, LVL_REGION3, LVL_SEGMENT, LVL_PAGE };
    if (undo) {
        if (p->saved_addr)
            memcpy(tenv_abs(e, p->saved_addr), &p->saved_val, 8);
        storage_set_key(&e->m.storage, f, (uint8_t)(p->key << 4));
        e->cpu.cr[0] &= ~CR0_LAP;
        tlb_flush_all(&e->cpu.tlb);
        return;
    }
    p->saved_addr = 0;
    if (k <= FK_DAT_PROT || k == FK_ADDRESSING) {
        int l = k <= FK_PAGE_INVALID ? lvl[k] : LVL_PAGE;
        p->saved_addr = tenv_entry_addr(e, p->asce, va, l);
        memcpy(&p->saved_val, tenv_abs(e, p->saved_addr), 8);
    }
    switch (k) {
    case FK_REGION1_INVALID: tenv_entry_or(e, p->asce, va, LVL_REGION1, REGION_ENTRY_I); break;
    case FK_REGION2_INVALID: tenv_entry_or(e, p->asce, va, LVL_REGION2, REGION_ENTRY_I); break;
    case FK_REGION3_INVALID: tenv_entry_or(e, p->asce, va, LVL_REGION3, REGION_ENTRY_I); break;
    case FK_SEGMENT_INVALID: tenv_entry_or(e, p->asce, va, LVL_SEGMENT, SEGMENT_ENTRY_I); break;
    case FK_PAGE_INVALID: tenv_entry_or(e, p->asce, va, LVL_PAGE, PAGE_ENTRY_I); break;
    case FK_DAT_PROT: tenv_entry_or(e, p->asce, va, LVL_PAGE, PAGE_ENTRY_P); break;
    case FK_KEY_PROT: storage_set_key(&e->m.storage, f, 0x30); break;
    case FK_FETCH_PROT: storage_set_key(&e->m.storage, f, 0x30 | SKEY_F); break;
    case FK_LAP: e->cpu.cr[0] |= CR0_LAP; break;
    case FK_ADDRESSING: tenv_map(e, p->asce, va, P3_NO_FRAME, 0); break;
    default: break;
    }
    tlb_flush_all(&e->cpu.tlb);
}

/* warm: every page the TLB can hold is in it before the instruction starts
 * (tenv_tlb_warm), the op1 frames with their change bits set, so the units
 * before the fault run on the TLB-hit path (move_fast, one host move for
 * the contiguous frames) and the fault must still land exactly in unit
 * fpage. */
static void p3_case(bool mvcle, int fop, int fpage, FaultKind k, bool warm)
{
    static const uint16_t code[FK_COUNT] = {
        PGM_REG_FIRST_TRANS, PGM_REG_SECOND_TRANS, PGM_REG_THIRD_TRANS, PGM_SEGMENT_TRANS,
        PGM_PAGE_TRANS, PGM_PROTECTION, PGM_PROTECTION, PGM_PROTECTION, PGM_PROTECTION,
        PGM_ADDRESSING,
    };
    P3 p;
    memset(&p, 0, sizeof(p));
    p3_build(&p, fop, fpage, k, warm);
    CPUState *cpu = &p.e->cpu;
    uint8_t before[2][3][0x1000];
    for (int op = 0; op < 2; op++)
        for (int pg = 0; pg < 3; pg++)
            memcpy(before[op][pg], tenv_abs(p.e, p.frame[op][pg]), 0x1000);

    cpu->gr[2] = p.base[0];
    cpu->gr[3] = P3_LEN;
    cpu->gr[4] = p.base[1];
    cpu->gr[5] = P3_LEN;
    cpu_set_cc(cpu, 2);
    Insn in = mvcle ? tl_rs(OP_MVCLE, 2, 4, 0, 0) : tl_rr(OP_MVCL, 2, 4);
    int (*h)(CPUState *, const Insn *) = mvcle ? insn_mvcle : insn_mvcl;

    p3_inject(&p, fop, fpage, k, false);
    if (warm) {
        for (int pg = 0; pg < 3; pg++) {
            const uint64_t f = p.frame[0][pg];
            storage_set_key(&p.e->m.storage, f, storage_key(&p.e->m.storage, f) | SKEY_C);
        }
        tenv_tlb_warm(p.e, AS_PRIMARY, p.base[0], P3_LEN);
        tenv_tlb_warm(p.e, AS_PRIMARY, p.base[1], P3_LEN);
    }
    int rc = h(cpu, &in);

    /* The fault is in unit `fpage`: pages 0..fpage-1 are done. */
    const uint64_t done = (uint64_t)fpage * 0x1000;
    CHECK_EQ(rc, code[k]);
    CHECK_EQ(cpu->pgm.code, code[k]);
    uint64_t teid = p3_page(&p, fop, fpage);
    switch (k) {
    case FK_DAT_PROT: teid |= TEID_STORE | TEID_PROT_DAT; break;
    case FK_KEY_PROT: teid |= TEID_STORE | TEID_PROT_KEY; break;
    case FK_FETCH_PROT: teid |= TEID_FETCH | TEID_PROT_KEY; break;
    case FK_LAP: teid |= TEID_STORE | TEID_PROT_LAP; break;
    default: teid |= fop == 1 ? TEID_FETCH : TEID_STORE; break;
    }
    if (k == FK_ADDRESSING) {
        CHECK(!cpu->pgm.teid_valid);
    } else {
        CHECK(cpu->pgm.teid_valid);
        CHECK_EQ(cpu->pgm.teid, teid);
    }
    CHECK_EQ(cpu->gr[2], p.base[0] + done);
    CHECK_EQ(cpu->gr[3], P3_LEN - done);
    CHECK_EQ(cpu->gr[4], p.base[1] + done);
    CHECK_EQ(cpu->gr[5], P3_LEN - done);
    CHECK_EQ(cpu_cc(cpu), 2);
    for (int pg = 0; pg < 3; pg++) {
        const uint8_t *want = pg < fpage ? before[1][pg] : before[0][pg];
        CHECK_BYTES(tenv_abs(p.e, p.frame[0][pg]), want, 0x1000);
        CHECK_BYTES(tenv_abs(p.e, p.frame[1][pg]), before[1][pg], 0x1000);
        /* Change bits: exactly the op1 frames of the completed units (all
         * of them when they were set beforehand). */
        CHECK_EQ(!!(storage_key(&p.e->m.storage, p.frame[0][pg]) & SKEY_C), warm || pg < fpage);
    }

    /* The fault handled, execution resumes from the registers. */
    p3_inject(&p, fop, fpage, k, true);
    int rounds = 0;
    do {
        rc = h(cpu, &in);
        rounds++;
    } while (mvcle && rc == 0 && cpu_cc(cpu) == 3 && rounds < 4);
    CHECK_EQ(rc, 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], p.base[0] + P3_LEN);
    CHECK_EQ(cpu->gr[3], 0);
    for (int pg = 0; pg < 3; pg++)
        CHECK_BYTES(tenv_abs(p.e, p.frame[0][pg]), before[1][pg], 0x1000);
    tenv_free(p.e);
}

static void p3_all(bool mvcle, bool warm)
{
    for (int pg = 0; pg < 3; pg++) {
        for (int k = 0; k < FK_COUNT; k++) {
            /* op1 is a store operand: no fetch protection; LAP needs the
             * page to be logical page 0 (done by the layout). */
            if (k != FK_FETCH_PROT)
                p3_case(mvcle, 0, pg, (FaultKind)k, warm);
            /* op2 is fetched: no store-only kinds. */
            if (k != FK_DAT_PROT && k != FK_KEY_PROT && k != FK_LAP)
                p3_case(mvcle, 1, pg, (FaultKind)k, warm);
        }
    }
}

TEST(mvcl_three_pages_fault_on_each_page)
{
    p3_all(false, false);
}

TEST(mvcle_three_pages_fault_on_each_page)
{
    p3_all(true, false);
}

TEST(mvcl_three_pages_fault_on_each_page_warm_tlb)
{
    p3_all(false, true);
}

TEST(mvcle_three_pages_fault_on_each_page_warm_tlb)
{
    p3_all(true, true);
}
