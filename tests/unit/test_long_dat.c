/* "One translation per page per unit" (DESIGN.md §3-§4): with DAT on and an
 * empty TLB, a long move walks the tables exactly once per page of each
 * operand; a flush requested in the middle of a unit (from another CPU, an
 * I/O callback, ...) is served only at the unit boundary, so the unit in
 * progress never re-translates; after it, the interruptible instruction
 * stops and resumes with fresh translations of the pages it still needs. */
#include "test_long.h"

#define RAM     (16ULL << 20)
#define VA1     0x0000400000000000ULL  /* op1 */
#define VA2     0x0000800000000000ULL  /* op2 */
#define FR1     0x100000ULL
#define FR2     0x200000ULL
#define NPAGES  8
#define IO_BASE RAM

typedef struct DatEnv {
    TestEnv *e;
    uint64_t asce;
} DatEnv;

static void dat_env(DatEnv *d, uint64_t op2_frames)
{
    d->e = tenv_new(RAM);
    d->asce = tenv_asce_new(d->e, ASCE_TYPE_REGION1);
    tenv_map_range(d->e, d->asce, VA1, FR1, (NPAGES + 1) * 0x1000ULL, 0);
    tenv_map_range(d->e, d->asce, VA2, op2_frames, (NPAGES + 1) * 0x1000ULL, 0);
    tenv_dat_on(d->e, d->asce);
}

/* Records cpu->dat_walks at every unit boundary; optionally requests a
 * global flush at one of them. */
typedef struct WalkLog {
    uint64_t walks[64];
    int n;
    int flush_at;       /* request machine_request_flush_all at this boundary (1-based) */
} WalkLog;

static void walk_hook(CPUState *cpu, void *opaque)
{
    WalkLog *w = opaque;
    if (w->n < 64)
        w->walks[w->n] = cpu->dat_walks;
    w->n++;
    if (w->n == w->flush_at)
        machine_request_flush_all(cpu->machine);
}

static void mvcl_regs(CPUState *cpu, uint64_t a1, uint64_t a2, uint64_t l)
{
    cpu->gr[2] = a1;
    cpu->gr[3] = l;
    cpu->gr[4] = a2;
    cpu->gr[5] = l;
}

TEST(mvcl_one_walk_per_page_per_operand)
{
    DatEnv d;
    dat_env(&d, FR2);
    CPUState *cpu = &d.e->cpu;
    tl_fill_rand(tenv_abs(d.e, FR2), NPAGES * 0x1000, 1);
    Insn in = tl_rr(OP_MVCL, 2, 4);

    /* Aligned: NPAGES units, each walks op2's page and op1's page once. */
    tlb_flush_all(&cpu->tlb);
    WalkLog w = { .flush_at = 0 };
    cpu->unit_hook = walk_hook;
    cpu->unit_hook_opaque = &w;
    uint64_t w0 = cpu->dat_walks;
    mvcl_regs(cpu, VA1, VA2, NPAGES * 0x1000);
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu->dat_walks - w0, 2 * NPAGES);
    CHECK_EQ(w.n, NPAGES - 1);
    for (int i = 0; i < w.n; i++)
        CHECK_EQ(w.walks[i] - w0, 2 * (uint64_t)(i + 1));
    CHECK_BYTES(tenv_abs(d.e, FR1), tenv_abs(d.e, FR2), NPAGES * 0x1000);

    /* The same move again: every translation is in the TLB. */
    w0 = cpu->dat_walks;
    mvcl_regs(cpu, VA1, VA2, NPAGES * 0x1000);
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu->dat_walks - w0, 0);

    /* op2 half a page off: units of 0x800, 2 * NPAGES of them, but still
     * one walk per page: NPAGES for op1 + NPAGES + 1 for op2. */
    tlb_flush_all(&cpu->tlb);
    w0 = cpu->dat_walks;
    w.n = 0;
    mvcl_regs(cpu, VA1, VA2 + 0x800, NPAGES * 0x1000);
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(w.n, 2 * NPAGES - 1);
    CHECK_EQ(cpu->dat_walks - w0, 2 * NPAGES + 1);
    CHECK_BYTES(tenv_abs(d.e, FR1), tenv_abs(d.e, FR2 + 0x800), NPAGES * 0x1000);
    tenv_free(d.e);
}

TEST(mvcl_flush_from_unit_hook_stops_and_resumes)
{
    DatEnv d;
    dat_env(&d, FR2);
    CPUState *cpu = &d.e->cpu;
    tl_fill_rand(tenv_abs(d.e, FR2), NPAGES * 0x1000, 2);
    Insn in = tl_rr(OP_MVCL, 2, 4);
    tlb_flush_all(&cpu->tlb);
    WalkLog w = { .flush_at = 3 };
    cpu->unit_hook = walk_hook;
    cpu->unit_hook_opaque = &w;
    uint64_t w0 = cpu->dat_walks;
    mvcl_regs(cpu, VA1, VA2, NPAGES * 0x1000);
    /* The flush request after unit 3 is a reason to stop: PSW stays. */
    CHECK_EQ(insn_mvcl(cpu, &in), INSN_REEXECUTE);
    CHECK_EQ(cpu->dat_walks - w0, 6);
    CHECK_EQ(cpu->gr[2], VA1 + 3 * 0x1000);
    CHECK_EQ(cpu->gr[3], (NPAGES - 3) * 0x1000);
    CHECK_EQ(atomic_load(&cpu->flush_request), 0);   /* served */
    CHECK_EQ(atomic_load(&cpu->yield_request), 0);
    /* Pages 3.. were never translated: resuming walks each exactly once,
     * so the whole move still made one walk per page per operand. */
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu->dat_walks - w0, 2 * NPAGES);
    CHECK_BYTES(tenv_abs(d.e, FR1), tenv_abs(d.e, FR2), NPAGES * 0x1000);

    /* The flush was real: the same move now walks everything again, except
     * what the resumed part put back into the TLB (pages 3..7). */
    w0 = cpu->dat_walks;
    w.flush_at = 0;
    mvcl_regs(cpu, VA1, VA2, NPAGES * 0x1000);
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu->dat_walks - w0, 2 * 3);
    tenv_free(d.e);
}

/* An I/O device behind op2 whose read callback requests a global flush
 * when a given offset is read. */
typedef struct FlushDev {
    Machine *m;
    uint64_t trigger;
    int reads_after_trigger;
    bool triggered;
    uint64_t walks_at_trigger;
    CPUState *cpu;
} FlushDev;

static uint8_t flushdev_rd(void *opaque, uint64_t off)
{
    FlushDev *f = opaque;
    if (off == f->trigger && !f->triggered) {
        f->triggered = true;
        f->walks_at_trigger = f->cpu->dat_walks;
        machine_request_flush_all(f->m);
    } else if (f->triggered) {
        f->reads_after_trigger++;
    }
    return (uint8_t)(off * 7 + (off >> 8));
}

static void io_flush_case(bool mvcle)
{
    DatEnv d;
    dat_env(&d, IO_BASE);
    CPUState *cpu = &d.e->cpu;
    FlushDev f = { .m = &d.e->m, .trigger = 2 * 0x1000 + 0x10, .cpu = cpu };
    CHECK_EQ(storage_add_io(&d.e->m.storage, IO_BASE, (NPAGES + 1) * 0x1000ULL, flushdev_rd,
                            NULL, &f), 0);
    Insn in = mvcle ? tl_rs(OP_MVCLE, 2, 4, 0, 0) : tl_rr(OP_MVCL, 2, 4);
    int (*h)(CPUState *, const Insn *) = mvcle ? insn_mvcle : insn_mvcl;
    tlb_flush_all(&cpu->tlb);
    WalkLog w = { .flush_at = 0 };
    cpu->unit_hook = walk_hook;
    cpu->unit_hook_opaque = &w;
    uint64_t w0 = cpu->dat_walks;
    mvcl_regs(cpu, VA1, VA2, NPAGES * 0x1000);

    int rc = h(cpu, &in);
    /* The request came in the middle of unit 2 (0-based): the unit went on
     * with its prepared translations to its end (no walk after the
     * trigger), then the instruction stopped at the boundary. */
    CHECK(f.triggered);
    CHECK_EQ(f.walks_at_trigger - w0, 6);
    CHECK_EQ(f.reads_after_trigger, 0x1000 - 0x10 - 1);
    CHECK_EQ(w.n, 3);
    CHECK_EQ(w.walks[2] - w0, 6);
    if (mvcle) {
        CHECK_EQ(rc, 0);
        CHECK_EQ(cpu_cc(cpu), 3);
    } else {
        CHECK_EQ(rc, INSN_REEXECUTE);
    }
    CHECK_EQ(cpu->gr[2], VA1 + 3 * 0x1000);
    CHECK_EQ(atomic_load(&cpu->flush_request), 0);
    for (int i = 0; i < 3 * 0x1000; i++)
        if (tenv_abs(d.e, FR1)[i] != (uint8_t)(i * 7 + (i >> 8))) {
            CHECK_EQ(i, -1);
            break;
        }
    do
        rc = h(cpu, &in);
    while (mvcle && rc == 0 && cpu_cc(cpu) == 3);
    CHECK_EQ(rc, 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->dat_walks - w0, 2 * NPAGES);
    int bad = -1;
    for (int i = 0; i < NPAGES * 0x1000 && bad < 0; i++)
        if (tenv_abs(d.e, FR1)[i] != (uint8_t)(i * 7 + (i >> 8)))
            bad = i;
    CHECK_EQ(bad, -1);
    tenv_free(d.e);
}

TEST(mvcl_flush_from_io_callback_mid_unit)
{
    io_flush_case(false);
}

TEST(mvcle_flush_from_io_callback_mid_unit)
{
    io_flush_case(true);
}

TEST(unit_boundary_contract)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    TlYield y = { 0 };
    tl_hook(cpu, &y);
    /* Nothing pending: the hook runs, no stop. */
    CHECK(!insn_unit_boundary(cpu));
    CHECK_EQ(y.units, 1);
    /* A flush request: served (TLB emptied), request and yield cleared. */
    TlbEntry *probe_e;
    uint64_t fl;
    tlb_fill(&cpu->tlb, TLB_SPACE_REAL, 0x5000, TLB_KIND_READ, 0, 0x5000, tenv_abs(e, 0x5000), 0);
    CHECK(tlb_lookup(&cpu->tlb, TLB_SPACE_REAL, 0x5000, TLB_KIND_READ, 0, &fl) != NULL);
    machine_request_flush_all(&e->m);
    CHECK(insn_unit_boundary(cpu));
    CHECK_EQ(y.units, 2);
    CHECK_EQ(atomic_load(&cpu->yield_request), 0);
    CHECK_EQ(atomic_load(&cpu->flush_request), 0);
    probe_e = tlb_lookup(&cpu->tlb, TLB_SPACE_REAL, 0x5000, TLB_KIND_READ, 0, &fl);
    CHECK(probe_e == NULL);
    /* A plain interrupt request (no flush) also stops. */
    atomic_store(&cpu->yield_request, 1);
    CHECK(insn_unit_boundary(cpu));
    CHECK(!insn_unit_boundary(cpu));
    /* No hook installed: fine. */
    cpu->unit_hook = NULL;
    CHECK(!insn_unit_boundary(cpu));
    tenv_free(e);
}

TEST(mvcl_ar_mode_uses_register_access_registers)
{
    /* In the access-register mode the operand registers R1 and R2 name the
     * access registers: AR4 = 1 (secondary) for op2, AR2 = 0 (primary) for
     * op1.  Both spaces map VA2, to different frames. */
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint64_t prim = tenv_asce_new(e, ASCE_TYPE_REGION1);
    uint64_t sec = tenv_asce_new(e, ASCE_TYPE_REGION1);
    tenv_map(e, prim, VA1, FR1, 0);
    tenv_map(e, prim, VA2, FR2, 0);
    tenv_map(e, sec, VA2, FR2 + 0x1000, 0);
    tl_fill_rand(tenv_abs(e, FR2), 0x2000, 3);
    tenv_dat_on(e, prim);
    cpu->cr[7] = sec;
    cpu->cr[0] |= CR0_SEC_SPACE;
    cpu->psw_mask = (cpu->psw_mask & ~PSW_MASK_ASC) | ((uint64_t)PSW_ASC_AR << PSW_SHIFT_ASC);
    cpu->ar[2] = 0;
    cpu->ar[4] = 1;
    mvcl_regs(cpu, VA1, VA2, 0x1000);
    Insn in = tl_rr(OP_MVCL, 2, 4);
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(e, FR1), tenv_abs(e, FR2 + 0x1000), 0x1000);
    /* AR4 = 0: op2 from the primary space. */
    cpu->ar[4] = 0;
    mvcl_regs(cpu, VA1, VA2, 0x1000);
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_BYTES(tenv_abs(e, FR1), tenv_abs(e, FR2), 0x1000);
    tenv_free(e);
}
