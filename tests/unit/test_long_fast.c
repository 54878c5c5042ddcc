/* The TLB-hit path of the long moves (move_fast in src/insn/long.c): with
 * every page of a run of units in the TLB (ordinary RAM, change bit set, no
 * decoded code, PER off) MVCL and MVCLE move several units per host call
 * where the host bytes of consecutive units continue each other, and write
 * the registers once for them.
 *
 * Every test starts from a warm TLB (tenv_tlb_warm; change bits set) and
 * compares with the architecture's definition worked out here byte by byte:
 * operand-1 byte i <- operand-2 byte i (the pad once operand 2 is
 * exhausted), left to right, each byte through the test builder's own
 * tables.  The layouts are the ones where a wrong merge of units would
 * show: frames out of order, logical pages sharing a frame, overlapping
 * operands, wraparound, and pages that stop being clean in the middle of
 * the instruction. */
#include "test_long.h"

#include "access/access.h"

#define RAM    (16ULL << 20)
/* Operand pages that share a TLB index would evict each other from the
 * direct-mapped TLB (a miss takes the prepared path): keep VA1 and VA2
 * 2048 pages apart modulo the TLB size. */
#define VA1    0x0000400000000000ULL
#define VA2    0x0000800000800000ULL
#define POOL   0x100000ULL          /* frame k of the pool: POOL + k * 4096 */
#define NPOOL  64
#define PG     0x1000ULL

typedef struct Fx {
    TestEnv *e;
    uint64_t asce;
    bool dat;
} Fx;

static void fx_new(Fx *x, bool dat)
{
    x->e = tenv_new(RAM);
    x->dat = dat;
    x->asce = 0;
    tl_fill_rand(tenv_abs(x->e, POOL), NPOOL * PG, 77);
    if (dat) {
        x->asce = tenv_asce_new(x->e, ASCE_TYPE_REGION1);
        tenv_dat_on(x->e, x->asce);
    }
}

/* Page k of [va, ...) -> pool frame frames[k]. */
static void fx_map(Fx *x, uint64_t va, const int *frames, int n)
{
    for (int k = 0; k < n; k++)
        tenv_map(x->e, x->asce, va + (uint64_t)k * PG, POOL + (uint64_t)frames[k] * PG, 0);
}

static uint64_t fx_abs(const Fx *x, uint64_t va)
{
    return x->dat ? tenv_v2abs(x->e, x->asce, va) : va;
}

static uint8_t *fx_byte(Fx *x, uint64_t va)
{
    return tenv_abs(x->e, fx_abs(x, va));
}

/* Change bits of the frames behind [va, va+len) set, and their pages in the
 * TLB: the state after a program has stored into them. */
static void fx_warm(Fx *x, uint64_t va, uint64_t len)
{
    const uint64_t mask = cpu_addr_mask(&x->e->cpu);
    for (uint64_t p = va & PAGE_MASK; p < va + len; p += PG) {
        const uint64_t f = fx_abs(x, p & mask);
        storage_set_key(&x->e->m.storage, f, storage_key(&x->e->m.storage, f) | SKEY_C);
    }
    tenv_tlb_warm(x->e, x->dat ? AS_PRIMARY : AS_REAL, va, len);
}

/* The expected pool after moving (a1, l1) <- (a2, l2) with pad, byte at a
 * time; the pool itself is left as it was. */
static uint8_t *fx_model(Fx *x, uint64_t a1, uint64_t l1, uint64_t a2, uint64_t l2, uint8_t pad)
{
    const uint64_t mask = cpu_addr_mask(&x->e->cpu);
    uint8_t *orig = malloc(NPOOL * PG), *want = malloc(NPOOL * PG);
    memcpy(orig, tenv_abs(x->e, POOL), NPOOL * PG);
    for (uint64_t i = 0; i < l1; i++)
        *fx_byte(x, (a1 + i) & mask) = i < l2 ? *fx_byte(x, (a2 + i) & mask) : pad;
    memcpy(want, tenv_abs(x->e, POOL), NPOOL * PG);
    memcpy(tenv_abs(x->e, POOL), orig, NPOOL * PG);
    free(orig);
    return want;
}

/* A move about to run: the pool as the model expects it after the move and
 * as it was before. */
typedef struct FxMove {
    uint8_t *want, *orig;
} FxMove;

/* Works out the expected pool, warms both operands and loads GR2/GR3 with
 * operand 1 and GR4/GR5 with operand 2 (MVCL's pad in GR5 bits 32-39). */
static FxMove fx_begin(Fx *x, uint64_t a1, uint64_t l1, uint64_t a2, uint64_t l2, uint8_t pad,
                       bool mvcle)
{
    CPUState *cpu = &x->e->cpu;
    FxMove mv = { fx_model(x, a1, l1, a2, l2, pad), malloc(NPOOL * PG) };
    memcpy(mv.orig, tenv_abs(x->e, POOL), NPOOL * PG);
    fx_warm(x, a1, l1);
    fx_warm(x, a2, l2);
    cpu->gr[2] = a1;
    cpu->gr[3] = l1;
    cpu->gr[4] = a2;
    cpu->gr[5] = mvcle ? l2 : ((uint64_t)pad << 24 | l2);
    return mv;
}

static void fx_end(FxMove *mv)
{
    free(mv->want);
    free(mv->orig);
}

/* Runs MVCL (resumed while interrupted) or MVCLE (looped on CC3) and checks
 * the pool against the model and the final registers and CC. */
static void fx_run(Fx *x, bool mvcle, uint64_t a1, uint64_t l1, uint64_t a2, uint64_t l2,
                   uint8_t pad)
{
    CPUState *cpu = &x->e->cpu;
    const uint64_t mask = cpu_addr_mask(cpu);
    FxMove mv = fx_begin(x, a1, l1, a2, l2, pad, mvcle);
    Insn in = mvcle ? tl_rs(OP_MVCLE, 2, 4, 0, pad) : tl_rr(OP_MVCL, 2, 4);
    int rc, execs = 0;
    do {
        rc = mvcle ? insn_mvcle(cpu, &in) : insn_mvcl(cpu, &in);
        execs++;
    } while (execs < 1000 && (rc == INSN_REEXECUTE || (mvcle && rc == 0 && cpu_cc(cpu) == 3)));
    CHECK_EQ(rc, 0);
    CHECK_EQ(cpu_cc(cpu), l1 == l2 ? 0 : l1 < l2 ? 1 : 2);
    const uint64_t moved = l1 < l2 ? l1 : l2;
    CHECK_EQ(cpu->gr[2], (a1 + l1) & mask);
    CHECK_EQ(cpu->gr[3], 0);
    CHECK_EQ(cpu->gr[4], (a2 + moved) & mask);
    CHECK_EQ(cpu->gr[5] & 0xFFFFFF, l2 - moved);
    CHECK_BYTES(tenv_abs(x->e, POOL), mv.want, NPOOL * PG);
    fx_end(&mv);
}

/* Operand 1 at VA1 + off1 over frames f1, operand 2 at VA2 + off2 over
 * frames f2 (n pages each): MVCL, then MVCLE, each on a fresh machine. */
static void two_ranges(const int *f1, const int *f2, int n, uint64_t off1, uint64_t l1,
                       uint64_t off2, uint64_t l2, uint8_t pad)
{
    for (int mvcle = 0; mvcle < 2; mvcle++) {
        Fx x;
        fx_new(&x, true);
        fx_map(&x, VA1, f1, n);
        fx_map(&x, VA2, f2, n);
        fx_run(&x, mvcle, VA1 + off1, l1, VA2 + off2, l2, pad);
        tenv_free(x.e);
    }
}

/* Operand 1's frames out of order (some neighbours contiguous, some not),
 * operand 2's in order; the operands at different page offsets, so units
 * end alternately at a page end of either; a pad tail. */
TEST(fast_op1_frames_out_of_order)
{
    static const int f1[] = { 5, 6, 7, 1, 2, 9, 8, 3, 4 },
                     f2[] = { 20, 21, 22, 23, 24, 25, 26, 27, 28 };
    two_ranges(f1, f2, 9, 0x123, 8 * PG + 0x77, 0x456, 6 * PG + 0x3, 0xC5);
}

TEST(fast_op2_frames_out_of_order)
{
    static const int f1[] = { 20, 21, 22, 23, 24, 25, 26, 27, 28 },
                     f2[] = { 9, 8, 7, 6, 0, 1, 2, 4, 3 };
    two_ranges(f1, f2, 9, 0xF00, 7 * PG, 0x80, 9 * PG - 0x100, 0);
}

/* Logical pages of the two operands share frames: a unit reads bytes an
 * earlier unit stored, and the host ranges of a merged run may overlap. */
TEST(fast_operands_share_frames)
{
    /* op1 two frames behind op2: op1 stores into what op2 reads later */
    static const int f1[] = { 10, 11, 12, 13, 14, 15 }, f2[] = { 12, 13, 14, 15, 16, 17 };
    two_ranges(f1, f2, 6, 0x10, 5 * PG, 0x20, 5 * PG, 0x11);
    /* op1 two frames ahead of op2, in the same direction: the pattern of
     * the first 0x2000 + 0x30 bytes repeats */
    static const int g1[] = { 3, 4, 5, 6, 7, 8 }, g2[] = { 1, 2, 3, 4, 5, 6 };
    two_ranges(g1, g2, 6, 0x50, 5 * PG + 0x9, 0x20, 5 * PG + 0x9, 0x22);
}

/* Overlapping operands in one address range (contiguous frames). */
TEST(fast_overlap_in_one_range)
{
    static const int f[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
    struct { bool mvcle; int64_t d; uint64_t l; } cases[] = {
        { true, 1, 5 * PG + 0x123 },        /* d = s + 1: the first byte everywhere */
        { true, 0x1801, 4 * PG },           /* a 0x1801-byte pattern across pages */
        { true, 0xFFF, 5 * PG },            /* a period just under a page */
        { false, -0x10, 5 * PG + 0x40 },    /* MVCL: op1 left of op2, not destructive */
        { false, -0x1000, 5 * PG },
        { true, -0x7FF, 5 * PG + 1 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        Fx x;
        fx_new(&x, true);
        fx_map(&x, VA1, f, 8);
        const uint64_t a2 = VA1 + 0x1200;
        fx_run(&x, cases[i].mvcle, a2 + (uint64_t)cases[i].d, cases[i].l, a2, cases[i].l, 0);
        tenv_free(x.e);
    }
}

/* 24-bit mode, DAT off: operand 1 wraps from the top of storage addressing
 * to 0 (different host pages), operand 2 is one contiguous run. */
TEST(fast_wraparound_24bit)
{
    for (int mvcle = 0; mvcle < 2; mvcle++) {
        Fx x;
        fx_new(&x, false);
        tenv_amode(&x.e->cpu, 24);
        tl_fill_rand(tenv_abs(x.e, 0xFFE000), 0x2000, 5);
        fx_run(&x, mvcle, 0xFFE800, 0x3000, POOL + 0x300, 0x3000, 0);
        tenv_free(x.e);
    }
}

/* Access-register mode: the operand registers' access registers choose the
 * TLB set (AR4 = 1: secondary, whose pages map other frames). */
TEST(fast_ar_mode_secondary_set)
{
    Fx x;
    fx_new(&x, true);
    CPUState *cpu = &x.e->cpu;
    static const int f1[] = { 0, 1, 2, 3 }, f2[] = { 10, 11, 12, 13 }, s2[] = { 20, 21, 22, 23 };
    fx_map(&x, VA1, f1, 4);
    fx_map(&x, VA2, f2, 4);
    uint64_t sec = tenv_asce_new(x.e, ASCE_TYPE_REGION1);
    for (int k = 0; k < 4; k++)
        tenv_map(x.e, sec, VA2 + (uint64_t)k * PG, POOL + (uint64_t)s2[k] * PG, 0);
    cpu->cr[7] = sec;
    cpu->cr[0] |= CR0_SEC_SPACE;
    cpu->psw_mask = (cpu->psw_mask & ~PSW_MASK_ASC) | ((uint64_t)PSW_ASC_AR << PSW_SHIFT_ASC);
    cpu->ar[2] = 0;
    cpu->ar[4] = 1;
    for (int k = 0; k < 4; k++)
        storage_set_key(&x.e->m.storage, POOL + (uint64_t)f1[k] * PG, SKEY_C);
    tenv_tlb_warm(x.e, AS_PRIMARY, VA1, 4 * PG);
    tenv_tlb_warm(x.e, AS_PRIMARY, VA2, 4 * PG);
    tenv_tlb_warm(x.e, AS_SECONDARY, VA2, 4 * PG);
    cpu->gr[2] = VA1;
    cpu->gr[3] = 4 * PG;
    cpu->gr[4] = VA2;
    cpu->gr[5] = 4 * PG;
    Insn in = tl_rr(OP_MVCL, 2, 4);
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_BYTES(tenv_abs(x.e, POOL), tenv_abs(x.e, POOL + 20 * PG), 4 * PG);
    tenv_free(x.e);
}

/* A page whose frame becomes decoded code in the middle of the instruction
 * (here from the unit hook, which also makes the move go unit by unit):
 * its store must take the prepared path, which ends the decoded copy. */
typedef struct MarkAt {
    int units, at;
    uint64_t frame;
} MarkAt;

static void mark_hook(CPUState *cpu, void *opaque)
{
    MarkAt *m = opaque;
    if (++m->units == m->at) {
        storage_code_mark(&cpu->machine->storage, m->frame);
        tlb_code_protect(&cpu->tlb, m->frame);
    }
}

TEST(fast_page_becomes_code_mid_instruction)
{
    static const int f1[] = { 0, 1, 2, 3, 4, 5 }, f2[] = { 10, 11, 12, 13, 14, 15 };
    for (int mvcle = 0; mvcle < 2; mvcle++) {
        Fx x;
        fx_new(&x, true);
        CPUState *cpu = &x.e->cpu;
        fx_map(&x, VA1, f1, 6);
        fx_map(&x, VA2, f2, 6);
        const uint64_t code_frame = POOL + 4 * PG;      /* op1 page 4 */
        MarkAt m = { .at = 2, .frame = code_frame };
        cpu->unit_hook = mark_hook;
        cpu->unit_hook_opaque = &m;
        const uint64_t epoch = cpu->tlb.epoch;
        fx_run(&x, mvcle, VA1, 6 * PG, VA2, 6 * PG, 0);
        const uint32_t gen = storage_code_gen(&x.e->m.storage, code_frame);
        CHECK(!storage_code_marked(&x.e->m.storage, code_frame));   /* the store ended it */
        CHECK(gen >= 2);
        CHECK(cpu->tlb.epoch != epoch);
        CHECK_EQ(m.units, 5);
        tenv_free(x.e);
    }
}

/* Stops a 24-page move part way -- MVCL by a flush request (as SSKE
 * resetting a change bit would post it) at the end of its first group of
 * fast units, MVCLE with CC3 after its CPU-determined amount of 16 units,
 * the same as on the prepared path (test_long.c) -- then resets the change
 * bit of a page beyond the stop point with the TLB flushed: the resumed
 * move stores into that page through the prepared path, which sets the
 * change bit again. */
static void stop_then_unclean(bool mvcle)
{
    enum { N = 24 };
    int f1[N], f2[N];
    for (int k = 0; k < N; k++)
        f1[k] = k, f2[k] = 32 + k;
    Fx x;
    fx_new(&x, true);
    CPUState *cpu = &x.e->cpu;
    fx_map(&x, VA1, f1, N);
    fx_map(&x, VA2, f2, N);
    FxMove mv = fx_begin(&x, VA1, N * PG, VA2, N * PG, 0, mvcle);
    Insn in = mvcle ? tl_rs(OP_MVCLE, 2, 4, 0, 0) : tl_rr(OP_MVCL, 2, 4);
    int (*h)(CPUState *, const Insn *) = mvcle ? insn_mvcle : insn_mvcl;
    if (!mvcle)
        machine_request_flush_all(cpu->machine);
    CHECK_EQ(h(cpu, &in), mvcle ? 0 : INSN_REEXECUTE);
    const uint64_t done = cpu->gr[2] - VA1;
    if (mvcle) {
        CHECK_EQ(cpu_cc(cpu), 3);
        CHECK_EQ(done, 16 * PG);
    } else {
        CHECK(done > 0 && done < N * PG && (done & 0xFFF) == 0);
        CHECK_EQ(atomic_load(&cpu->yield_request), 0);    /* served */
    }
    CHECK_EQ(cpu->gr[3], N * PG - done);
    CHECK_EQ(cpu->gr[4], VA2 + done);
    /* The units before the stop point are done, nothing after it. */
    CHECK_BYTES(tenv_abs(x.e, POOL), mv.want, done);
    CHECK_BYTES(tenv_abs(x.e, POOL + done), mv.orig + done, N * PG - done);

    const uint64_t f = POOL + (N - 2) * PG;
    storage_set_key(&x.e->m.storage, f, 0);
    tlb_flush_all(&cpu->tlb);
    int rc, execs = 0;
    do
        rc = h(cpu, &in);
    while (++execs < 10 && mvcle && rc == 0 && cpu_cc(cpu) == 3);
    CHECK_EQ(rc, 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(x.e, POOL), mv.want, NPOOL * PG);
    CHECK(storage_key(&x.e->m.storage, f) & SKEY_C);
    fx_end(&mv);
    tenv_free(x.e);
}

TEST(fast_mvcl_flush_request_then_unclean_page)
{
    stop_then_unclean(false);
}

TEST(fast_mvcle_cc3_amount_then_unclean_page)
{
    stop_then_unclean(true);
}

/* PER storage alteration armed: the fast path stays off, so the event is
 * recognised for the unit that stores into the range and MVCL stops after
 * that unit, exactly as with a cold TLB (test_long.c). */
TEST(fast_per_still_ends_the_unit)
{
    static const int f1[] = { 0, 1, 2, 3 }, f2[] = { 10, 11, 12, 13 };
    Fx x;
    fx_new(&x, true);
    CPUState *cpu = &x.e->cpu;
    fx_map(&x, VA1, f1, 4);
    fx_map(&x, VA2, f2, 4);
    FxMove mv = fx_begin(&x, VA1, 4 * PG, VA2, 4 * PG, 0, false);
    cpu->psw_mask |= PSW_MASK_PER;
    cpu->cr[9] = CR9_PER_SA;
    cpu->cr[10] = VA1 + 0x1800;
    cpu->cr[11] = VA1 + 0x1800;
    Insn in = tl_rr(OP_MVCL, 2, 4);
    CHECK_EQ(insn_mvcl(cpu, &in), INSN_REEXECUTE);
    CHECK(cpu->per.code & PER_CODE_SA);
    CHECK_EQ(cpu->gr[2], VA1 + 2 * PG);
    CHECK_BYTES(tenv_abs(x.e, POOL), mv.want, 2 * PG);
    CHECK_BYTES(tenv_abs(x.e, POOL + 2 * PG), mv.orig + 2 * PG, 2 * PG);
    memset(&cpu->per, 0, sizeof(cpu->per));
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_BYTES(tenv_abs(x.e, POOL), mv.want, NPOOL * PG);
    fx_end(&mv);
    tenv_free(x.e);
}

/* Padding only (operand 2 empty, then operand 2 exhausted after half a
 * page): the CC3 amount of MVCLE counts padded units like moved ones. */
TEST(fast_mvcle_pad_units_count_to_the_cc3_amount)
{
    enum { N = 20 };
    int f1[N], f2[N];
    for (int k = 0; k < N; k++)
        f1[k] = k, f2[k] = 32 + k;
    static const uint64_t l2s[] = { 0, 0x800 };
    for (int i = 0; i < 2; i++) {
        Fx x;
        fx_new(&x, true);
        CPUState *cpu = &x.e->cpu;
        fx_map(&x, VA1, f1, N);
        fx_map(&x, VA2, f2, N);
        FxMove mv = fx_begin(&x, VA1, N * PG, VA2, l2s[i], 0xAB, true);
        Insn in = tl_rs(OP_MVCLE, 2, 4, 0, 0xAB);
        CHECK_EQ(insn_mvcle(cpu, &in), 0);
        CHECK_EQ(cpu_cc(cpu), 3);
        /* 0x800 moved: one unit of 0x800 bytes, one of 0x800 padded, then
         * whole pages */
        const uint64_t done = l2s[i] ? 15 * PG : 16 * PG;
        CHECK_EQ(cpu->gr[2], VA1 + done);
        CHECK_EQ(cpu->gr[3], N * PG - done);
        CHECK_BYTES(tenv_abs(x.e, POOL), mv.want, done);
        CHECK_BYTES(tenv_abs(x.e, POOL + done), mv.orig + done, N * PG - done);
        CHECK_EQ(insn_mvcle(cpu, &in), 0);
        CHECK_EQ(cpu_cc(cpu), 2);
        CHECK_BYTES(tenv_abs(x.e, POOL), mv.want, NPOOL * PG);
        fx_end(&mv);
        tenv_free(x.e);
    }
}
