/* MVCL, MVCLE, MVCLU: moves, pads, condition codes, register updates,
 * overlap and wraparound, units of operation (DAT off: real = absolute above
 * the prefix area).  Expected values are worked out by hand in the comments;
 * the rules are ZARCH-NOTES §7.3-§7.4 and §7.10. */
#include "test_long.h"

#define RAM (16ULL << 20)

/* Sets op1 to a filler and op2 to random bytes; returns op2's copy. */
static uint8_t *prep(TestEnv *e, uint64_t a1, uint64_t l1, uint64_t a2, uint64_t l2,
                     uint64_t seed)
{
    uint8_t *src = malloc(l2 + 1);
    tl_fill_rand(src, l2, seed);
    memset(tenv_abs(e, a1), 0x5A, l1 + 16);
    memcpy(tenv_abs(e, a2), src, l2);
    return src;
}

/* ---------------- MVCL ---------------- */

TEST(mvcl_equal_lengths_moves_all)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100123, a2 = 0x300456, l = 0x2345;  /* 3 pages each, misaligned */
    uint8_t *src = prep(e, a1, l, a2, l, 1);
    cpu->gr[2] = a1;
    cpu->gr[3] = 0xDEADBEEFAA000000ULL | l;     /* bits 0-39 must survive */
    cpu->gr[4] = a2;
    cpu->gr[5] = 0x12345678C1000000ULL | l;     /* pad C1 in bits 32-39 */
    cpu_set_cc(cpu, 3);
    Insn in = tl_rr(OP_MVCL, 2, 4);
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(e, a1), src, l);
    CHECK_EQ(tenv_abs(e, a1)[l], 0x5A);          /* nothing beyond op1 */
    CHECK_EQ(cpu->gr[2], a1 + l);
    CHECK_EQ(cpu->gr[3], 0xDEADBEEFAA000000ULL);
    CHECK_EQ(cpu->gr[4], a2 + l);
    CHECK_EQ(cpu->gr[5], 0x12345678C1000000ULL);
    free(src);
    tenv_free(e);
}

TEST(mvcl_pad_cc2)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100000, a2 = 0x300800, l1 = 0x3000, l2 = 0x1001;
    uint8_t *src = prep(e, a1, l1, a2, l2, 2);
    cpu->gr[2] = a1;
    cpu->gr[3] = l1;
    cpu->gr[4] = a2;
    cpu->gr[5] = 0xC1000000 | l2;
    Insn in = tl_rr(OP_MVCL, 2, 4);
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);                    /* op1 longer */
    CHECK_BYTES(tenv_abs(e, a1), src, l2);
    uint8_t pad[0x3000];
    memset(pad, 0xC1, sizeof(pad));
    CHECK_BYTES(tenv_abs(e, a1 + l2), pad, l1 - l2);
    CHECK_EQ(tenv_abs(e, a1)[l1], 0x5A);
    CHECK_EQ(cpu->gr[2], a1 + l1);
    CHECK_EQ(cpu->gr[3], 0);
    CHECK_EQ(cpu->gr[4], a2 + l2);
    CHECK_EQ(cpu->gr[5], 0xC1000000);
    free(src);
    tenv_free(e);
}

TEST(mvcl_op1_shorter_cc1)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100010, a2 = 0x300020, l1 = 0x1800, l2 = 0x2000;
    uint8_t *src = prep(e, a1, l1, a2, l2, 3);
    cpu->gr[2] = a1;
    cpu->gr[3] = l1;
    cpu->gr[4] = a2;
    cpu->gr[5] = l2;
    Insn in = tl_rr(OP_MVCL, 2, 4);
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_BYTES(tenv_abs(e, a1), src, l1);
    CHECK_EQ(tenv_abs(e, a1)[l1], 0x5A);
    CHECK_EQ(cpu->gr[2], a1 + l1);
    CHECK_EQ(cpu->gr[3], 0);
    CHECK_EQ(cpu->gr[4], a2 + l1);
    CHECK_EQ(cpu->gr[5], l2 - l1);               /* 0x800 left */
    free(src);
    tenv_free(e);
}

TEST(mvcl_zero_op1_length_no_access)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    Insn in = tl_rr(OP_MVCL, 2, 4);
    /* Operands outside storage: any access would be an addressing
     * exception. */
    cpu->gr[2] = 0x7FFFF000;
    cpu->gr[3] = 0;
    cpu->gr[4] = 0x7FFFE000;
    cpu->gr[5] = 0xC1000005;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);                    /* 0 < 5 */
    CHECK_EQ(cpu->gr[3], 0);
    CHECK_EQ(cpu->gr[5], 0xC1000005);
    CHECK_EQ(cpu->gr[2], 0x7FFFF000);
    cpu->gr[5] = 0xC1000000;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);                    /* both zero */

    /* 24-bit mode: bits 32-39 of the address registers become zero even
     * though nothing is moved; bits 0-31 stay. */
    tenv_amode(cpu, 24);
    cpu->gr[2] = 0x11111111FF000010ULL;
    cpu->gr[4] = 0x2222222280FFFFF0ULL;
    cpu->gr[3] = 0x3333333344000000ULL;
    cpu->gr[5] = 0x4444444455000003ULL;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[2], 0x1111111100000010ULL);
    CHECK_EQ(cpu->gr[4], 0x2222222200FFFFF0ULL);
    CHECK_EQ(cpu->gr[3], 0x3333333344000000ULL);
    CHECK_EQ(cpu->gr[5], 0x4444444455000003ULL);
    tenv_free(e);
}

/* Runs MVCL op1 = base + d1, op2 = base + d2 over a random buffer and
 * checks the CC, the storage around both and the registers. */
static void overlap_case(int64_t d1, int64_t d2, uint64_t l1, uint64_t l2, unsigned want_cc,
                         bool moves)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t base = 0x200000;
    uint8_t before[0x5000], want[0x5000];
    tl_fill_rand(tenv_abs(e, base - 0x1000), sizeof(before), (uint64_t)(d1 * 31 + d2));
    memcpy(before, tenv_abs(e, base - 0x1000), sizeof(before));
    memcpy(want, before, sizeof(want));
    if (moves) {
        /* The architected result: one byte at a time, left to right. */
        for (uint64_t i = 0; i < l1; i++)
            want[0x1000 + d1 + i] = i < l2 ? want[0x1000 + d2 + i] : 0xEE;
    }
    cpu->gr[2] = base + d1;
    cpu->gr[3] = l1;
    cpu->gr[4] = base + d2;
    cpu->gr[5] = 0xEE000000 | l2;
    Insn in = tl_rr(OP_MVCL, 2, 4);
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), want_cc);
    CHECK_BYTES(tenv_abs(e, base - 0x1000), want, sizeof(want));
    if (!moves) {
        CHECK_EQ(cpu->gr[2], base + d1);
        CHECK_EQ(cpu->gr[3], l1);
        CHECK_EQ(cpu->gr[4], base + d2);
        CHECK_EQ(cpu->gr[5], 0xEE000000 | l2);
    } else {
        CHECK_EQ(cpu->gr[2], base + d1 + l1);
        CHECK_EQ(cpu->gr[3], 0);
    }
    tenv_free(e);
}

TEST(mvcl_destructive_overlap_cc3)
{
    /* op1 starts on the 2nd participating op2 byte: destructive. */
    overlap_case(1, 0, 0x100, 0x100, 3, false);
    /* ... on the last participating one (d = 0xFF < 0x100). */
    overlap_case(0xFF, 0, 0x100, 0x100, 3, false);
    /* A long one, over pages: still nothing at all moved. */
    overlap_case(0x800, 0, 0x2000, 0x2000, 3, false);
    /* Participating = min(L1, L2) = 0x40; op1 at op2 + 0x20 is inside. */
    overlap_case(0x20, 0, 0x100, 0x40, 3, false);
}

TEST(mvcl_nondestructive_overlaps)
{
    /* op1 right after the participating op2 bytes: moves (CC0). */
    overlap_case(0x100, 0, 0x100, 0x100, 0, true);
    /* op2 longer (0x100) but only 0x10 bytes participate: op1 at op2 +
     * 0x10 overlaps non-participating op2 bytes only.  CC1. */
    overlap_case(0x10, 0, 0x10, 0x100, 1, true);
    /* op1 to the left of op2, overlapping it, over several pages: the
     * left-to-right result equals a memmove (CC0). */
    overlap_case(0, 3, 0x3000, 0x3000, 0, true);
    /* Same location. */
    overlap_case(0, 0, 0x1800, 0x1800, 0, true);
    /* op1 inside op2 but op2 shorter: op1 at op2 + 5 with L2 = 5 is right
     * of every participating byte; the rest is pad (CC2). */
    overlap_case(5, 0, 0x100, 5, 2, true);
}

TEST(mvcl_destructive_overlap_wraparound)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    Insn in = tl_rr(OP_MVCL, 2, 4);

    /* 24-bit: op2 = 0xFFFFF0.., 0x40 bytes, wraps to 0x00..0x2F; op1 at 0x10
     * is one of its bytes after the wrap: (0x10 - 0xFFFFF0) mod 2^24 = 0x20
     * < 0x40 -> destructive.  Bits 32-39 of the address registers zeroed. */
    tenv_amode(cpu, 24);
    uint8_t low[0x50], top[0x10];
    memcpy(low, tenv_abs(e, 0), sizeof(low));
    memcpy(top, tenv_abs(e, 0xFFFFF0), sizeof(top));
    cpu->gr[2] = 0xAAAAAAAA55000010ULL;
    cpu->gr[3] = 0x40;
    cpu->gr[4] = 0xBBBBBBBB66FFFFF0ULL;
    cpu->gr[5] = 0x40;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], 0xAAAAAAAA00000010ULL);
    CHECK_EQ(cpu->gr[4], 0xBBBBBBBB00FFFFF0ULL);
    CHECK_EQ(cpu->gr[3], 0x40);
    CHECK_EQ(cpu->gr[5], 0x40);
    CHECK_BYTES(tenv_abs(e, 0), low, sizeof(low));
    CHECK_BYTES(tenv_abs(e, 0xFFFFF0), top, sizeof(top));

    /* 31-bit: op2 at 0x7FFFFF00 for 0x200 wraps to 0..0xFF; op1 at 0x80:
     * (0x80 - 0x7FFFFF00) mod 2^31 = 0x180 < 0x200.  Both outside the 16 MiB
     * of storage: CC3 must come before any access. */
    tenv_amode(cpu, 31);
    cpu->gr[2] = 0x80;
    cpu->gr[3] = 0x200;
    cpu->gr[4] = 0x7FFFFF00;
    cpu->gr[5] = 0x200;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);

    /* 64-bit: op2 at 2^64 - 0x100, op1 at 0x40: distance 0x140 < 0x200. */
    tenv_amode(cpu, 64);
    cpu->gr[2] = 0x40;
    cpu->gr[3] = 0x200;
    cpu->gr[4] = 0xFFFFFFFFFFFFFF00ULL;
    cpu->gr[5] = 0x200;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], 0x40);
    CHECK_EQ(cpu->gr[3], 0x200);

    /* 24-bit, op1 wrapping into op2 from the left: op1 = 0xFFFFF8.. (0x20
     * bytes, wraps to 0..0x17), op2 = 0x10..0x2F.  op1's leftmost byte is
     * not an op2 byte ((0xFFFFF8 - 0x10) mod 2^24 = 0xFFFFE8 >= 0x20):
     * movement.  Every op2 byte is fetched before op1 overwrites it (op2
     * byte at 0x10+k is read at step k, written at step 0x18+k), so op1
     * receives the original op2 bytes. */
    tenv_amode(cpu, 24);
    uint8_t src[0x20];
    tl_fill_rand(tenv_abs(e, 0x10), sizeof(src), 77);
    memcpy(src, tenv_abs(e, 0x10), sizeof(src));
    cpu->gr[2] = 0xFFFFF8;
    cpu->gr[3] = 0x20;
    cpu->gr[4] = 0x10;
    cpu->gr[5] = 0x20;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(e, 0xFFFFF8), src, 8);
    CHECK_BYTES(tenv_abs(e, 0), src + 8, 0x18);
    CHECK_EQ(cpu->gr[2], 0x18);                  /* wrapped */
    CHECK_EQ(cpu->gr[4], 0x30);
    tenv_free(e);
}

TEST(mvcl_address_registers_24_31)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    Insn in = tl_rr(OP_MVCL, 2, 4);
    uint8_t *src = prep(e, 0x100000, 0x1100, 0x200F00, 0x1100, 5);
    /* 31-bit: the address is bits 33-63; bit 32 is set in the register and
     * must come back as zero; bits 0-31 stay. */
    tenv_amode(cpu, 31);
    cpu->gr[2] = 0x1234567880100000ULL;
    cpu->gr[3] = 0x99999999AB001100ULL;
    cpu->gr[4] = 0x8765432180200F00ULL;
    cpu->gr[5] = 0x77777777CD001100ULL;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(e, 0x100000), src, 0x1100);
    CHECK_EQ(cpu->gr[2], 0x1234567800101100ULL);
    CHECK_EQ(cpu->gr[3], 0x99999999AB000000ULL);
    CHECK_EQ(cpu->gr[4], 0x8765432100202000ULL);
    CHECK_EQ(cpu->gr[5], 0x77777777CD000000ULL);

    /* 24-bit: bits 40-63; bits 32-39 become zero. */
    tenv_amode(cpu, 24);
    cpu->gr[2] = 0x12345678FF300000ULL;
    cpu->gr[3] = 0x0000000011000010ULL;
    cpu->gr[4] = 0x87654321EE100000ULL;
    cpu->gr[5] = 0x0000000022000010ULL;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu->gr[2], 0x1234567800300010ULL);
    CHECK_EQ(cpu->gr[3], 0x0000000011000000ULL);
    CHECK_EQ(cpu->gr[4], 0x8765432100100010ULL);
    CHECK_EQ(cpu->gr[5], 0x0000000022000000ULL);
    CHECK_BYTES(tenv_abs(e, 0x300000), src, 0x10);
    free(src);
    tenv_free(e);
}

TEST(mvcl_op1_wraps_24bit)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    Insn in = tl_rr(OP_MVCL, 2, 4);
    tenv_amode(cpu, 24);
    uint8_t src[0x200];
    tl_fill_rand(src, sizeof(src), 6);
    memcpy(tenv_abs(e, 0x200000), src, sizeof(src));
    /* op1 = 0xFFFF00..0xFFFFFF then 0x000000..0x0000FF */
    cpu->gr[2] = 0xFFFF00;
    cpu->gr[3] = 0x200;
    cpu->gr[4] = 0x200000;
    cpu->gr[5] = 0x200;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(e, 0xFFFF00), src, 0x100);
    CHECK_BYTES(tenv_abs(e, 0), src + 0x100, 0x100);
    CHECK_EQ(cpu->gr[2], 0x100);
    CHECK_EQ(cpu->gr[4], 0x200200);
    tenv_free(e);
}

TEST(mvcl_specification_odd_registers)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    cpu->gr[2] = cpu->gr[4] = 0x100000;
    cpu->gr[3] = cpu->gr[5] = 0x10;
    uint64_t g[16];
    memcpy(g, cpu->gr, sizeof(g));
    Insn in = tl_rr(OP_MVCL, 3, 4);
    CHECK_EQ(insn_mvcl(cpu, &in), PGM_SPECIFICATION);
    in = tl_rr(OP_MVCL, 2, 5);
    CHECK_EQ(insn_mvcl(cpu, &in), PGM_SPECIFICATION);
    CHECK_EQ(cpu->pgm.code, PGM_SPECIFICATION);
    CHECK_MEM(g, cpu->gr, sizeof(g));
    tenv_free(e);
}

TEST(mvcl_reexecute_on_yield)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100000, a2 = 0x300000, l = 0x5000;   /* 5 aligned pages */
    uint8_t *src = prep(e, a1, l, a2, l, 7);
    TlYield y = { .yield_after = 2 };
    tl_hook(cpu, &y);
    cpu->gr[2] = a1;
    cpu->gr[3] = l;
    cpu->gr[4] = a2;
    cpu->gr[5] = l;
    cpu_set_cc(cpu, 1);
    Insn in = tl_rr(OP_MVCL, 2, 4);
    CHECK_EQ(insn_mvcl(cpu, &in), INSN_REEXECUTE);
    /* Two units (pages) done, registers show it, CC untouched. */
    CHECK_EQ(y.units, 2);
    CHECK_EQ(cpu->gr[2], a1 + 0x2000);
    CHECK_EQ(cpu->gr[3], l - 0x2000);
    CHECK_EQ(cpu->gr[4], a2 + 0x2000);
    CHECK_EQ(cpu->gr[5], l - 0x2000);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(atomic_load(&cpu->yield_request), 0);
    CHECK_BYTES(tenv_abs(e, a1), src, 0x2000);
    CHECK_EQ(tenv_abs(e, a1)[0x2000], 0x5A);
    /* Re-executing resumes from the registers and completes. */
    y.yield_after = 0;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(e, a1), src, l);
    CHECK_EQ(cpu->gr[2], a1 + l);
    CHECK_EQ(cpu->gr[3], 0);
    free(src);
    tenv_free(e);
}

TEST(mvcl_yield_every_unit_loops_to_completion)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    /* op1 page aligned, op2 at +0x800: boundaries at 0x800 (op2), 0x1000
     * (op1), 0x1800, 0x2000, 0x2800, 0x3000 -> 6 units. */
    const uint64_t a1 = 0x100000, a2 = 0x300800, l = 0x3000;
    uint8_t *src = prep(e, a1, l, a2, l, 8);
    TlYield y = { .every = true };
    tl_hook(cpu, &y);
    cpu->gr[2] = a1;
    cpu->gr[3] = l;
    cpu->gr[4] = a2;
    cpu->gr[5] = l;
    Insn in = tl_rr(OP_MVCL, 2, 4);
    int execs = 0, rc;
    do {
        rc = insn_mvcl(cpu, &in);
        execs++;
        if (rc == INSN_REEXECUTE)
            CHECK_EQ(cpu->gr[3], l - 0x800 * (uint64_t)execs);
    } while (rc == INSN_REEXECUTE && execs < 100);
    CHECK_EQ(rc, 0);
    CHECK_EQ(execs, 6);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(e, a1), src, l);
    free(src);
    tenv_free(e);
}

/* ---------------- watchpoints and PER ---------------- */

TEST(mvcl_watchpoint_second_page_of_op1)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100000, a2 = 0x300000, l = 0x3000;
    uint8_t *src = prep(e, a1, l, a2, l, 9);
    CHECK_EQ(access_watch_add(&e->m, a1 + 0x1010, 4, WP_WRITE), 0);
    cpu->gr[2] = a1;
    cpu->gr[3] = l;
    cpu->gr[4] = a2;
    cpu->gr[5] = l;
    Insn in = tl_rr(OP_MVCL, 2, 4);
    CHECK_EQ(insn_mvcl(cpu, &in), INSN_WATCH);
    CHECK(cpu->watch.hit);
    CHECK_EQ(cpu->watch.addr, a1 + 0x1010);
    CHECK_EQ(cpu->watch.type, WP_WRITE);
    /* Unit 0 (page 0) done; nothing of the watched unit stored. */
    CHECK_EQ(cpu->gr[2], a1 + 0x1000);
    CHECK_EQ(cpu->gr[3], l - 0x1000);
    CHECK_EQ(cpu->gr[4], a2 + 0x1000);
    CHECK_EQ(cpu->gr[5], l - 0x1000);
    CHECK_BYTES(tenv_abs(e, a1), src, 0x1000);
    uint8_t filler[0x2000];
    memset(filler, 0x5A, sizeof(filler));
    CHECK_BYTES(tenv_abs(e, a1 + 0x1000), filler, 0x2000);
    free(src);
    tenv_free(e);
}

TEST(mvcl_per_storage_alteration_ends_unit)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100000, a2 = 0x300000, l = 0x3000;
    uint8_t *src = prep(e, a1, l, a2, l, 10);
    cpu->psw_mask |= PSW_MASK_PER;
    cpu->cr[9] = CR9_PER_SA;
    cpu->cr[10] = a1 + 0x1800;
    cpu->cr[11] = a1 + 0x1800;
    cpu->gr[2] = a1;
    cpu->gr[3] = l;
    cpu->gr[4] = a2;
    cpu->gr[5] = l;
    Insn in = tl_rr(OP_MVCL, 2, 4);
    /* Unit 1 stores into the range: the event is presented when that unit
     * completes, so MVCL stops after it (PSW at the instruction). */
    CHECK_EQ(insn_mvcl(cpu, &in), INSN_REEXECUTE);
    CHECK(cpu->per.code & PER_CODE_SA);
    CHECK_EQ(cpu->gr[2], a1 + 0x2000);
    CHECK_EQ(cpu->gr[3], l - 0x2000);
    CHECK_BYTES(tenv_abs(e, a1), src, 0x2000);
    CHECK_EQ(tenv_abs(e, a1)[0x2000], 0x5A);
    /* After the interruption the instruction resumes and completes. */
    memset(&cpu->per, 0, sizeof(cpu->per));
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu->per.code, 0);
    CHECK_BYTES(tenv_abs(e, a1), src, l);
    free(src);
    tenv_free(e);
}

/* ---------------- MVCLE ---------------- */

TEST(mvcle_pad_from_second_operand_address)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100100, a2 = 0x300F00, l1 = 0x1234, l2 = 0x234;
    uint8_t *src = prep(e, a1, l1, a2, l2, 11);
    cpu->gr[2] = a1;
    cpu->gr[3] = l1;
    cpu->gr[4] = a2;
    cpu->gr[5] = l2;
    Insn in = tl_rs(OP_MVCLE, 2, 4, 0, 0x5C1);   /* pad = low byte of 0x5C1 */
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_BYTES(tenv_abs(e, a1), src, l2);
    uint8_t pad[0x1234];
    memset(pad, 0xC1, sizeof(pad));
    CHECK_BYTES(tenv_abs(e, a1 + l2), pad, l1 - l2);
    CHECK_EQ(tenv_abs(e, a1)[l1], 0x5A);
    CHECK_EQ(cpu->gr[2], a1 + l1);
    CHECK_EQ(cpu->gr[3], 0);
    CHECK_EQ(cpu->gr[4], a2 + l2);
    CHECK_EQ(cpu->gr[5], 0);

    /* Pad through a base register: 0x12345600 + 0x7F -> 0x7F; op2 empty. */
    cpu->gr[2] = a1;
    cpu->gr[3] = 0x20;
    cpu->gr[4] = a2;
    cpu->gr[5] = 0;
    cpu->gr[6] = 0x12345600;
    in = tl_rs(OP_MVCLE, 2, 4, 6, 0x7F);
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    memset(pad, 0x7F, 0x20);
    CHECK_BYTES(tenv_abs(e, a1), pad, 0x20);
    free(src);
    tenv_free(e);
}

TEST(mvcle_cc_equal_and_shorter)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *src = prep(e, 0x100000, 0x300, 0x200000, 0x400, 12);
    cpu->gr[2] = 0x100000;
    cpu->gr[3] = 0x300;
    cpu->gr[4] = 0x200000;
    cpu->gr[5] = 0x300;
    Insn in = tl_rs(OP_MVCLE, 2, 4, 0, 0);
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    cpu->gr[2] = 0x100000;
    cpu->gr[3] = 0x300;
    cpu->gr[4] = 0x200000;
    cpu->gr[5] = 0x400;
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[5], 0x100);
    CHECK_BYTES(tenv_abs(e, 0x100000), src, 0x300);
    free(src);
    tenv_free(e);
}

TEST(mvcle_cpu_determined_end_cc3_and_loop)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    /* 20 aligned pages: one execution does 16 units (pages) and ends with
     * CC3; the second does the remaining 4 and sets CC0. */
    const uint64_t a1 = 0x100000, a2 = 0x300000, l = 20 * 0x1000;
    uint8_t *src = prep(e, a1, l, a2, l, 13);
    cpu->gr[2] = a1;
    cpu->gr[3] = l;
    cpu->gr[4] = a2;
    cpu->gr[5] = l;
    Insn in = tl_rs(OP_MVCLE, 2, 4, 0, 0);
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], a1 + 0x10000);
    CHECK_EQ(cpu->gr[3], 0x4000);
    CHECK_EQ(cpu->gr[4], a2 + 0x10000);
    CHECK_EQ(cpu->gr[5], 0x4000);
    CHECK_BYTES(tenv_abs(e, a1), src, 0x10000);
    CHECK_EQ(tenv_abs(e, a1)[0x10000], 0x5A);
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(e, a1), src, l);

    /* Misaligned (op2 at +0x800): units are 0x800 bytes, 16 of them. */
    cpu->gr[2] = a1;
    cpu->gr[3] = l;
    cpu->gr[4] = a2 + 0x800;
    cpu->gr[5] = l;
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[3], l - 16 * 0x800);
    int loops = 1;
    while (cpu_cc(cpu) == 3 && loops < 100) {
        CHECK_EQ(insn_mvcle(cpu, &in), 0);
        loops++;
    }
    /* Every unit ends at a multiple of 0x800: 0x14000 / 0x800 = 40 units
     * -> 16 + 16 + 8: 3 executions. */
    CHECK_EQ(loops, 3);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(e, a1), tenv_abs(e, a2 + 0x800), l);
    free(src);
    tenv_free(e);
}

TEST(mvcle_64bit_length)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    /* A length above 2^32 in 64-bit mode: all 64 bits count.  Pad only:
     * 16 page units = 0x10000 bytes, then CC3. */
    cpu->gr[2] = 0x100000;
    cpu->gr[3] = 0x100000010ULL;
    cpu->gr[4] = 0x200000;
    cpu->gr[5] = 0;
    Insn in = tl_rs(OP_MVCLE, 2, 4, 0, 0xAB);
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[3], 0xFFFF0010ULL);
    CHECK_EQ(cpu->gr[2], 0x110000);
    CHECK_EQ(tenv_abs(e, 0x10FFFF)[0], 0xAB);
    tenv_free(e);
}

TEST(mvcle_31bit_registers)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *src = prep(e, 0x100000, 0x1000, 0x200000, 0x800, 14);
    tenv_amode(cpu, 31);
    /* Lengths are bits 32-63 (bits 0-31 ignored and kept); address bit 32
     * comes back as zero. */
    cpu->gr[2] = 0xBBBBBBBB80100000ULL;
    cpu->gr[3] = 0xAAAAAAAA00001000ULL;
    cpu->gr[4] = 0xDDDDDDDD00200000ULL;
    cpu->gr[5] = 0xCCCCCCCC00000800ULL;
    Insn in = tl_rs(OP_MVCLE, 2, 4, 0, 0x11);
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[2], 0xBBBBBBBB00101000ULL);
    CHECK_EQ(cpu->gr[3], 0xAAAAAAAA00000000ULL);
    CHECK_EQ(cpu->gr[4], 0xDDDDDDDD00200800ULL);
    CHECK_EQ(cpu->gr[5], 0xCCCCCCCC00000000ULL);
    CHECK_BYTES(tenv_abs(e, 0x100000), src, 0x800);
    CHECK_EQ(tenv_abs(e, 0x100FFF)[0], 0x11);

    /* 24-bit: 32-bit lengths too; address bits 32-39 zeroed. */
    tenv_amode(cpu, 24);
    cpu->gr[2] = 0x00000000FF100000ULL;
    cpu->gr[3] = 0xFFFFFFFF00000010ULL;
    cpu->gr[4] = 0x00000000EE200000ULL;
    cpu->gr[5] = 0x0000000000000010ULL;
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], 0x100010);
    CHECK_EQ(cpu->gr[3], 0xFFFFFFFF00000000ULL);
    CHECK_EQ(cpu->gr[4], 0x200010);
    free(src);
    tenv_free(e);
}

TEST(mvcle_zero_length_and_spec)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    cpu->gr[2] = 0x7FFFF000;     /* outside storage: must not be touched */
    cpu->gr[3] = 0;
    cpu->gr[4] = 0x7FFFE000;
    cpu->gr[5] = 7;
    Insn in = tl_rs(OP_MVCLE, 2, 4, 0, 0);
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[5], 7);
    in = tl_rs(OP_MVCLE, 3, 4, 0, 0);
    CHECK_EQ(insn_mvcle(cpu, &in), PGM_SPECIFICATION);
    in = tl_rs(OP_MVCLE, 2, 5, 0, 0);
    CHECK_EQ(insn_mvcle(cpu, &in), PGM_SPECIFICATION);
    tenv_free(e);
}

TEST(mvcle_yield_gives_cc3)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100000, a2 = 0x300000, l = 0x3000;
    uint8_t *src = prep(e, a1, l, a2, l, 15);
    TlYield y = { .yield_after = 1 };
    tl_hook(cpu, &y);
    cpu->gr[2] = a1;
    cpu->gr[3] = l;
    cpu->gr[4] = a2;
    cpu->gr[5] = l;
    Insn in = tl_rs(OP_MVCLE, 2, 4, 0, 0);
    /* Not interruptible: a pending request ends it with CC3, PSW after. */
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], a1 + 0x1000);
    CHECK_EQ(cpu->gr[3], l - 0x1000);
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(e, a1), src, l);
    free(src);
    tenv_free(e);
}

TEST(mvcle_per_event_ends_with_cc3)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100000, a2 = 0x300000, l = 0x3000;
    uint8_t *src = prep(e, a1, l, a2, l, 16);
    cpu->psw_mask |= PSW_MASK_PER;
    cpu->cr[9] = CR9_PER_SA;
    cpu->cr[10] = a1;
    cpu->cr[11] = a1;
    cpu->gr[2] = a1;
    cpu->gr[3] = l;
    cpu->gr[4] = a2;
    cpu->gr[5] = l;
    Insn in = tl_rs(OP_MVCLE, 2, 4, 0, 0);
    CHECK_EQ(insn_mvcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK(cpu->per.code & PER_CODE_SA);
    CHECK_EQ(cpu->gr[3], l - 0x1000);
    CHECK_BYTES(tenv_abs(e, a1), src, 0x1000);
    free(src);
    tenv_free(e);
}

/* ---------------- MVCLU ---------------- */

TEST(mvclu_two_byte_pad)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    static const uint8_t s[4] = { 0xAA, 0xBB, 0xCC, 0xDD };
    static const uint8_t want[10] = { 0xAA, 0xBB, 0xCC, 0xDD, 0x12, 0x34, 0x12, 0x34, 0x12, 0x34 };
    memcpy(tenv_abs(e, 0x200000), s, 4);
    memset(tenv_abs(e, 0x100000), 0x5A, 16);
    cpu->gr[2] = 0x100000;
    cpu->gr[3] = 10;
    cpu->gr[4] = 0x200000;
    cpu->gr[5] = 4;
    Insn in = tl_rs(OP_MVCLU, 2, 4, 0, 0x1234);
    CHECK_EQ(insn_mvclu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_MEM(tenv_abs(e, 0x100000), want, 10);
    CHECK_EQ(tenv_abs(e, 0x100000)[10], 0x5A);
    CHECK_EQ(cpu->gr[2], 0x10000A);
    CHECK_EQ(cpu->gr[3], 0);
    CHECK_EQ(cpu->gr[4], 0x200004);
    CHECK_EQ(cpu->gr[5], 0);
    tenv_free(e);
}

TEST(mvclu_odd_length_specification)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    cpu->gr[2] = 0x100000;
    cpu->gr[3] = 9;
    cpu->gr[4] = 0x200000;
    cpu->gr[5] = 4;
    Insn in = tl_rs(OP_MVCLU, 2, 4, 0, 0);
    CHECK_EQ(insn_mvclu(cpu, &in), PGM_SPECIFICATION);
    cpu->gr[3] = 8;
    cpu->gr[5] = 3;
    CHECK_EQ(insn_mvclu(cpu, &in), PGM_SPECIFICATION);
    CHECK_EQ(cpu->gr[3], 8);
    in = tl_rs(OP_MVCLU, 2, 3, 0, 0);
    CHECK_EQ(insn_mvclu(cpu, &in), PGM_SPECIFICATION);
    tenv_free(e);
}

TEST(mvclu_units_keep_whole_characters)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    /* op1 at an odd address 3 bytes before a page end, 8 bytes:
     *   unit 0: min(3, 4096, 8) = 3, odd -> 2 bytes (a1 -> 0x100FFF)
     *   unit 1: 1 byte to the page end -> one 2-byte unit over the boundary
     *   unit 2: the remaining 4 bytes.
     * With a yield after every unit each execution stops with CC3 and
     * even lengths in the registers. */
    static const uint8_t s[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    memcpy(tenv_abs(e, 0x200000), s, 8);
    TlYield y = { .every = true };
    tl_hook(cpu, &y);
    cpu->gr[2] = 0x100FFD;
    cpu->gr[3] = 8;
    cpu->gr[4] = 0x200000;
    cpu->gr[5] = 8;
    Insn in = tl_rs(OP_MVCLU, 2, 4, 0, 0);
    CHECK_EQ(insn_mvclu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], 0x100FFF);
    CHECK_EQ(cpu->gr[3], 6);
    CHECK_EQ(cpu->gr[5], 6);
    CHECK_EQ(insn_mvclu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], 0x101001);
    CHECK_EQ(cpu->gr[3], 4);
    CHECK_EQ(insn_mvclu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[3], 0);
    CHECK_MEM(tenv_abs(e, 0x100FFD), s, 8);

    /* The same geometry with pad only: the pad characters stay in phase
     * (AB CD AB CD ...) across the odd page boundary. */
    static const uint8_t want[8] = { 0xAB, 0xCD, 0xAB, 0xCD, 0xAB, 0xCD, 0xAB, 0xCD };
    y.every = false;
    cpu->gr[2] = 0x100FFD;
    cpu->gr[3] = 8;
    cpu->gr[5] = 0;
    in = tl_rs(OP_MVCLU, 2, 4, 0, 0xABCD);
    CHECK_EQ(insn_mvclu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_MEM(tenv_abs(e, 0x100FFD), want, 8);
    tenv_free(e);
}
