/* MVST, CLST, SRST, SRSTU (src/insn/string.c).
 *
 * Expected values are computed by hand from the architecture (ZARCH-NOTES
 * §7.6) and the unit rules of string.c: a unit ends at the next page
 * boundary of any operand (fetch-only operands below 2048 also at 2048), at
 * most 16 units per execution, CC3 when more remains. */
#include <stdlib.h>

#include "cpu/decode.h"
#include "faultmatrix.h"
#include "insn/insn.h"
#include "iolog.h"
#include "test.h"
#include "testenv.h"

#define RAM (16u << 20)

static TestEnv *env_new(void)
{
    return tenv_new(RAM);
}

/* DAT off, prefix 0: logical = absolute for the addresses used here. */
static uint8_t *at(TestEnv *e, uint64_t a)
{
    return tenv_abs(e, a);
}

static Insn rre(uint16_t opc, int r1, int r2)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.row = decode_row_of_opcode(opc);
    in.ilen = 4;
    in.r1 = (uint8_t)r1;
    in.r2 = (uint8_t)r2;
    in.addr = 0x8000;
    return in;
}

static void put(TestEnv *e, uint64_t a, const char *s, size_t n)
{
    memcpy(at(e, a), s, n);
}

/* Unit-hook helpers: count units, or ask for a stop after every unit. */
static int hook_count;
static void count_hook(CPUState *cpu, void *o)
{
    (void)cpu;
    (void)o;
    hook_count++;
}
static void yield_hook(CPUState *cpu, void *o)
{
    (void)o;
    hook_count++;
    cpu->yield_request = 1;
}

/* ---- I/O region log ---- */
#define IO_BASE 0x2000000ULL

/* ======================= MVST ======================= */

TEST(mvst_moves_through_terminator_cc1)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB255, 4, 5);
    put(e, 0x10000, "HELLO\0XY", 8);
    memset(at(e, 0x20000), 0xEE, 16);
    cpu->gr[0] = 0;
    cpu->gr[4] = 0x20000;
    cpu->gr[5] = 0x10000;
    cpu_set_cc(cpu, 2);
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x20005);      /* address of the terminator in op1 */
    CHECK_EQ(cpu->gr[5], 0x10000);      /* R2 unchanged */
    CHECK_MEM(at(e, 0x20000), "HELLO\0", 6);
    CHECK_EQ(*at(e, 0x20006), 0xEE);    /* nothing after the terminator */

    /* Any terminator; GR0 bits 0-31 are ignored. */
    memset(at(e, 0x20000), 0xEE, 16);
    cpu->gr[0] = 0xFFFFFFFF00000000ULL | 'L';
    cpu->gr[4] = 0x20000;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x20002);
    CHECK_MEM(at(e, 0x20000), "HEL\xEE", 4);
    tenv_free(e);
}

TEST(mvst_gr0_reserved_bits_specification)
{
    static const uint64_t bad[] = { 0x100, 0x80000000ULL, 0x00FFFF00ULL };
    for (unsigned i = 0; i < 3; i++) {
        TestEnv *e = env_new();
        CPUState *cpu = &e->cpu;
        Insn in = rre(0xB255, 4, 5);
        put(e, 0x10000, "AB\0", 3);
        memset(at(e, 0x20000), 0xEE, 4);
        cpu->gr[0] = bad[i];
        cpu->gr[4] = 0x20000;
        cpu->gr[5] = 0x10000;
        cpu_set_cc(cpu, 2);
        CHECK_EQ(insn_mvst(cpu, &in), PGM_SPECIFICATION);
        CHECK_EQ(cpu->pgm.code, PGM_SPECIFICATION);
        CHECK_EQ(cpu->gr[4], 0x20000);
        CHECK_EQ(cpu->gr[5], 0x10000);
        CHECK_EQ(cpu_cc(cpu), 2);
        CHECK_EQ(*at(e, 0x20000), 0xEE);
        tenv_free(e);
    }
}

TEST(mvst_register_results_in_24_31_64_bit_mode)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB255, 4, 5);
    put(e, 0x010000, "AB\0", 3);

    /* 24-bit: operand addresses are bits 40-63; the updated R1 gets bits
     * 32-39 zero and keeps bits 0-31; R2 is not touched at all. */
    tenv_amode(cpu, 24);
    cpu->gr[0] = 0;
    cpu->gr[4] = 0xAABBCCDDFF020000ULL;
    cpu->gr[5] = 0x11223344FF010000ULL;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0xAABBCCDD00020002ULL);
    CHECK_EQ(cpu->gr[5], 0x11223344FF010000ULL);
    CHECK_MEM(at(e, 0x020000), "AB\0", 3);

    /* 31-bit: bit 32 of the updated register becomes 0. */
    tenv_amode(cpu, 31);
    cpu->gr[4] = 0xAABBCCDD80020000ULL;
    cpu->gr[5] = 0x1122334480010000ULL;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu->gr[4], 0xAABBCCDD00020002ULL);
    CHECK_EQ(cpu->gr[5], 0x1122334480010000ULL);

    /* 64-bit: all 64 bits. */
    tenv_amode(cpu, 64);
    cpu->gr[4] = 0x20000;
    cpu->gr[5] = 0x10000;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu->gr[4], 0x20002);

    /* CC3 in 24-bit mode: both registers updated with bits 32-39 zero.
     * op2 at 0x10FFC: unit 0 is the 4 bytes up to its page end. */
    tenv_amode(cpu, 24);
    put(e, 0x010FFC, "abcdefgh\0", 9);
    cpu->gr[4] = 0xAABBCCDDFF020000ULL;
    cpu->gr[5] = 0x11223344FF010FFCULL;
    cpu->yield_request = 1;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[4], 0xAABBCCDD00020004ULL);
    CHECK_EQ(cpu->gr[5], 0x1122334400011000ULL);
    CHECK_MEM(at(e, 0x020000), "abcd", 4);
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0xAABBCCDD00020008ULL);
    CHECK_EQ(cpu->gr[5], 0x1122334400011000ULL);
    CHECK_MEM(at(e, 0x020000), "abcdefgh\0", 9);
    tenv_free(e);
}

TEST(mvst_operand_wraps_at_top_of_24bit_range)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB255, 4, 5);
    tenv_amode(cpu, 24);
    put(e, 0xFFFFFE, "AB", 2);
    *at(e, 0) = 0;                       /* byte after 0xFFFFFF is 0 */
    memset(at(e, 0x30000), 0xEE, 4);
    cpu->gr[0] = 0;
    cpu->gr[4] = 0x30000;
    cpu->gr[5] = 0xFFFFFE;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x30002);
    CHECK_EQ(cpu->gr[5], 0xFFFFFE);
    CHECK_MEM(at(e, 0x30000), "AB\0\xEE", 4);
    tenv_free(e);
}

TEST(mvst_cc3_after_16_units_then_completes)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB255, 6, 8);
    const uint32_t len = 70000;          /* more than 16 pages */
    uint8_t *src = at(e, 0x100000);
    for (uint32_t i = 0; i < len; i++)
        src[i] = (uint8_t)(i % 251 + 1);
    src[len] = 0;
    memset(at(e, 0x300000), 0xEE, len + 16);
    cpu->gr[0] = 0;
    cpu->gr[6] = 0x300000;
    cpu->gr[8] = 0x100000;
    cpu->unit_hook = count_hook;
    hook_count = 0;
    /* both page aligned: 16 units of 4096 bytes */
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[6], 0x300000 + 65536);
    CHECK_EQ(cpu->gr[8], 0x100000 + 65536);
    CHECK_EQ(hook_count, 15);            /* boundaries between the 16 units */
    CHECK_MEM(at(e, 0x300000), src, 65536);
    CHECK_EQ(*at(e, 0x300000 + 65536), 0xEE);
    /* the program loops on CC3 */
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[6], 0x300000 + len);
    CHECK_EQ(cpu->gr[8], 0x100000 + 65536);  /* as at the start of this execution */
    CHECK_MEM(at(e, 0x300000), src, len + 1);
    CHECK_EQ(*at(e, 0x300000 + len + 1), 0xEE);
    tenv_free(e);
}

TEST(mvst_stops_at_unit_boundary_request_and_loop_completes)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB255, 4, 5);
    uint8_t *src = at(e, 0x10F00);
    for (int i = 0; i < 1000; i++)
        src[i] = (uint8_t)('a' + i % 26);
    src[1000] = 0;
    cpu->gr[0] = 0;
    cpu->gr[4] = 0x20000;
    cpu->gr[5] = 0x10F00;
    cpu->unit_hook = yield_hook;
    hook_count = 0;
    int execs = 0;
    do {
        CHECK_EQ(insn_mvst(cpu, &in), 0);
        execs++;
        if (execs == 1) {
            /* unit 0 = the 256 bytes up to op2's page end */
            CHECK_EQ(cpu_cc(cpu), 3);
            CHECK_EQ(cpu->gr[4], 0x20100);
            CHECK_EQ(cpu->gr[5], 0x11000);
        }
    } while (cpu_cc(cpu) == 3 && execs < 10);
    CHECK_EQ(execs, 2);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x20000 + 1000);
    CHECK_EQ(cpu->gr[5], 0x11000);
    CHECK_MEM(at(e, 0x20000), src, 1001);
    tenv_free(e);
}

TEST(mvst_destructive_overlap_equals_byte_by_byte)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB255, 4, 5);
    /* op1 = op2 + 2: each fetched byte was stored two bytes earlier, so
     * "ab" repeats and the terminator behind it is overwritten before it
     * is reached.  Units: 4094, 2, 4094, 2, ... : 16 units = 32768 bytes. */
    put(e, 0x40000, "abc\0", 4);
    memset(at(e, 0x40004), 0x11, 0x9000);
    cpu->gr[0] = 0;
    cpu->gr[4] = 0x40002;
    cpu->gr[5] = 0x40000;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[4], 0x40002 + 32768);
    CHECK_EQ(cpu->gr[5], 0x40000 + 32768);
    bool pattern = true;
    for (uint32_t i = 0; i < 32768 + 2; i++)
        if (*at(e, 0x40000 + i) != (i % 2 ? 'b' : 'a'))
            pattern = false;
    CHECK(pattern);
    CHECK_EQ(*at(e, 0x40000 + 32770), 0x11);

    /* op1 = op2 + 3 with the terminator among the first 3 bytes. */
    put(e, 0x50000, "a\0xyz", 5);
    cpu->gr[4] = 0x50003;
    cpu->gr[5] = 0x50000;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x50004);
    CHECK_MEM(at(e, 0x50000), "a\0xa\0", 5);
    tenv_free(e);
}

/* DAT on, segment-table ASCE, identity mapping of the pages we map. */
static uint64_t dat_env(TestEnv *e)
{
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map(e, asce, 0x100000, 0x100000, 0);
    tenv_map(e, asce, 0x200000, 0x200000, 0);
    tenv_map(e, asce, 0x300000, 0x300000, 0);
    tenv_map(e, asce, 0x301000, 0x301000, 0);
    /* 0x101000 and 0x201000 stay invalid */
    tenv_dat_on(e, asce);
    return asce;
}

TEST(mvst_no_exception_for_pages_beyond_the_terminator)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB255, 4, 5);
    dat_env(e);

    /* op1 ends exactly at the last byte of its page, op2's string ends at
     * the last byte of its page: the invalid next pages are not needed. */
    put(e, 0x100FF8, "0123456\0", 8);
    cpu->gr[0] = 0;
    cpu->gr[4] = 0x200FF8;
    cpu->gr[5] = 0x100FF8;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x200FFF);
    CHECK_MEM(at(e, 0x200FF8), "0123456\0", 8);

    /* Two bytes longer: unit 0 moves the 8 bytes that fit op1's page, unit
     * 1 needs the invalid page: page-translation exception, registers show
     * unit 0 done. */
    memset(at(e, 0x200FF8), 0xEE, 8);
    put(e, 0x100100, "012345678\0", 10);
    cpu->gr[4] = 0x200FF8;
    cpu->gr[5] = 0x100100;
    cpu_set_cc(cpu, 2);
    CHECK_EQ(insn_mvst(cpu, &in), PGM_PAGE_TRANS);
    CHECK_EQ(cpu->pgm.teid, 0x201000 | TEID_STORE);
    CHECK_EQ(cpu->gr[4], 0x201000);
    CHECK_EQ(cpu->gr[5], 0x100108);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_MEM(at(e, 0x200FF8), "01234567", 8);

    /* op2 needs its invalid next page: fetch indication. */
    put(e, 0x100FFE, "AB", 2);
    cpu->gr[4] = 0x300000;
    cpu->gr[5] = 0x100FFE;
    CHECK_EQ(insn_mvst(cpu, &in), PGM_PAGE_TRANS);
    CHECK_EQ(cpu->pgm.teid, 0x101000 | TEID_FETCH);
    CHECK_EQ(cpu->gr[4], 0x300002);
    CHECK_EQ(cpu->gr[5], 0x101000);
    CHECK_MEM(at(e, 0x300000), "AB", 2);
    tenv_free(e);
}

TEST(mvst_io_region_gives_the_bytes_of_ram)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB255, 4, 5);
    IoLog *l = calloc(1, sizeof(*l));
    CHECK_EQ(storage_add_io(&e->m.storage, IO_BASE, 0x2000, iolog_read, iolog_write, l), 0);
    /* the same 20-byte string in I/O (crossing its page) and in RAM */
    for (int i = 0; i < 40; i++) {
        uint8_t v = i == 20 ? 0 : (uint8_t)(0x30 + i);
        l->mem[0xFF0 + i] = v;
        *at(e, 0x60FF0 + i) = v;
    }
    cpu->gr[0] = 0;
    cpu->gr[4] = 0x50000;
    cpu->gr[5] = IO_BASE + 0xFF0;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x50014);
    /* each byte read once, in order, none past the terminator */
    CHECK_EQ(l->n, 21);
    for (int i = 0; i < 21 && i < l->n; i++) {
        CHECK_EQ(l->ev[i].op, 'r');
        CHECK_EQ(l->ev[i].off, 0xFF0 + i);
    }
    cpu->gr[4] = 0x51000;
    cpu->gr[5] = 0x60FF0;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x51014);
    CHECK_MEM(at(e, 0x50000), at(e, 0x51000), 21);

    /* op1 in the I/O region: 21 writes in order */
    l->n = 0;
    cpu->gr[4] = IO_BASE + 0x100;
    cpu->gr[5] = 0x60FF0;
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(l->n, 21);
    for (int i = 0; i < 21 && i < l->n; i++) {
        CHECK_EQ(l->ev[i].op, 'w');
        CHECK_EQ(l->ev[i].off, 0x100 + i);
        CHECK_EQ(l->ev[i].v, *at(e, 0x60FF0 + i));
    }
    free(l);
    tenv_free(e);
}

TEST(mvst_watchpoint_on_op1_stores_nothing_of_the_unit)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB255, 4, 5);
    put(e, 0x10000, "HELLO\0", 6);
    memset(at(e, 0x20000), 0xEE, 0x1000);
    CHECK_EQ(access_watch_add(&e->m, 0x20003, 1, WP_WRITE), 0);
    cpu->gr[0] = 0;
    cpu->gr[4] = 0x20000;
    cpu->gr[5] = 0x10000;
    cpu_set_cc(cpu, 2);
    CHECK_EQ(insn_mvst(cpu, &in), INSN_WATCH);
    CHECK(cpu->watch.hit);
    CHECK_EQ(cpu->watch.addr, 0x20003);
    CHECK_EQ(cpu->gr[4], 0x20000);
    CHECK_EQ(cpu->gr[5], 0x10000);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(*at(e, 0x20000), 0xEE);
    CHECK_EQ(*at(e, 0x20003), 0xEE);

    /* the watched byte in unit 1: unit 0 (256 bytes) stands */
    access_watch_clear(&e->m);
    uint8_t *src = at(e, 0x10F00);
    for (int i = 0; i < 1000; i++)
        src[i] = (uint8_t)('A' + i % 26);
    src[1000] = 0;
    CHECK_EQ(access_watch_add(&e->m, 0x20000 + 300, 1, WP_WRITE), 0);
    memset(&cpu->watch, 0, sizeof(cpu->watch));
    cpu->gr[5] = 0x10F00;
    CHECK_EQ(insn_mvst(cpu, &in), INSN_WATCH);
    CHECK_EQ(cpu->gr[4], 0x20100);
    CHECK_EQ(cpu->gr[5], 0x11000);
    CHECK_MEM(at(e, 0x20000), src, 256);
    CHECK_EQ(*at(e, 0x20100), 0xEE);
    CHECK_EQ(*at(e, 0x20000 + 300), 0xEE);
    tenv_free(e);
}

/* Fault matrix: op1 (store) at 3950 of its page, op2 (fetch) at 4000, a
 * 199-byte string + terminator.  Units: 96 bytes (op2's page end), 50
 * bytes (op1's page end), 54 bytes (terminator). */
static const uint8_t *mvst_fm_src(void)
{
    static uint8_t s[200];
    for (int i = 0; i < 199; i++)
        s[i] = (uint8_t)(0x41 + i % 50);
    s[199] = 0;
    return s;
}

static void mvst_fm_setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint8_t ee[200];
    memset(ee, 0xEE, sizeof(ee));
    fm_write(c, c->va[0], ee, 200);
    fm_write(c, c->va[1], mvst_fm_src(), 200);
    cpu->gr[0] = 0;
    cpu->gr[2] = c->va[0];
    cpu->gr[3] = c->va[1];
    cpu_set_cc(cpu, 2);
}

static void mvst_fm_check(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint8_t got[200], want[200];
    uint32_t done;
    if (c->kind == FK_COUNT) {
        CHECK_EQ(cpu_cc(cpu), 1);
        CHECK_EQ(cpu->gr[2], c->va[0] + 199);
        CHECK_EQ(cpu->gr[3], c->va[1]);
        done = 200;
    } else {
        static const uint32_t unit_of[2][2] = { { 0, 146 }, { 0, 96 } };
        done = unit_of[c->fault_op][c->fault_page];
        CHECK_EQ(cpu_cc(cpu), 2);
        CHECK_EQ(cpu->gr[2], c->va[0] + done);
        CHECK_EQ(cpu->gr[3], c->va[1] + done);
    }
    memcpy(want, mvst_fm_src(), done);
    memset(want + done, 0xEE, 200 - done);
    fm_read(c, c->va[0], got, 200);
    CHECK_MEM(got, want, 200);
}

TEST(mvst_fault_matrix)
{
    FmScenario s = {
        .name = "mvst",
        .nops = 2,
        .ops = { { 3950, 200, ACC_STORE }, { 4000, 200, ACC_FETCH } },
        .handler = insn_mvst,
        .insn = rre(0xB255, 2, 3),
        .setup = mvst_fm_setup,
        .check = mvst_fm_check,
    };
    CHECK(fm_run(&s) > 10);
}

/* ======================= CLST ======================= */

TEST(clst_condition_codes_and_registers)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB25D, 2, 3);
    struct {
        const char *a, *b;
        size_t la, lb;
        uint8_t term;
        unsigned cc;
        uint64_t at;    /* offset of the deciding byte (CC1/2) */
    } t[] = {
        { "abc\0", "abc\0", 4, 4, 0, 0, 0 },
        { "ab\0", "abc\0", 3, 4, 0, 1, 2 },        /* op1 ends first: low */
        { "abc\0", "ab\0", 4, 3, 0, 2, 2 },
        { "abd\0", "abc\0", 4, 4, 0, 2, 2 },        /* plain byte order */
        { "abb\0", "abc\0", 4, 4, 0, 1, 2 },
        { "ab\xFF", "ab\x01\xFF", 3, 4, 0xFF, 1, 2 },  /* the ending one is low */
        { "ab\x01\xFF", "ab\xFF", 4, 3, 0xFF, 2, 2 },
        { "\0", "\0", 1, 1, 0, 0, 0 },
    };
    for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        put(e, 0x10000, t[i].a, t[i].la);
        put(e, 0x20000, t[i].b, t[i].lb);
        tenv_amode(cpu, 24);
        cpu->gr[0] = t[i].term;
        cpu->gr[2] = 0xAABBCCDDFF010000ULL;
        cpu->gr[3] = 0x11223344FF020000ULL;
        CHECK_EQ(insn_clst(cpu, &in), 0);
        CHECK_EQ(cpu_cc(cpu), t[i].cc);
        if (t[i].cc == 0) {
            /* equal: both registers unchanged */
            CHECK_EQ(cpu->gr[2], 0xAABBCCDDFF010000ULL);
            CHECK_EQ(cpu->gr[3], 0x11223344FF020000ULL);
        } else {
            CHECK_EQ(cpu->gr[2], 0xAABBCCDD00010000ULL + t[i].at);
            CHECK_EQ(cpu->gr[3], 0x1122334400020000ULL + t[i].at);
        }
    }
    tenv_free(e);
}

TEST(clst_gr0_reserved_bits_specification)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB25D, 2, 3);
    put(e, 0x10000, "a\0", 2);
    put(e, 0x20000, "b\0", 2);
    cpu->gr[0] = 0x200;
    cpu->gr[2] = 0x10000;
    cpu->gr[3] = 0x20000;
    cpu_set_cc(cpu, 3);
    CHECK_EQ(insn_clst(cpu, &in), PGM_SPECIFICATION);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], 0x10000);
    tenv_free(e);
}

TEST(clst_cc3_partial_then_equal_keeps_registers_of_that_execution)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB25D, 2, 3);
    for (int i = 0; i < 500; i++)
        *at(e, 0x10F80 + i) = *at(e, 0x20000 + i) = (uint8_t)(1 + i % 200);
    *at(e, 0x10F80 + 500) = *at(e, 0x20000 + 500) = 0;
    cpu->gr[0] = 0;
    cpu->gr[2] = 0x10F80;
    cpu->gr[3] = 0x20000;
    cpu->yield_request = 1;
    CHECK_EQ(insn_clst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);               /* unit 0: 128 bytes to op1's page end */
    CHECK_EQ(cpu->gr[2], 0x11000);
    CHECK_EQ(cpu->gr[3], 0x20080);
    CHECK_EQ(insn_clst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], 0x11000);
    CHECK_EQ(cpu->gr[3], 0x20080);

    /* a difference in the second execution */
    *at(e, 0x20000 + 400) = 0xF0;
    cpu->gr[2] = 0x10F80;
    cpu->gr[3] = 0x20000;
    cpu->yield_request = 1;
    CHECK_EQ(insn_clst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(insn_clst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[2], 0x10F80 + 400);
    CHECK_EQ(cpu->gr[3], 0x20000 + 400);
    tenv_free(e);
}

TEST(clst_io_region_reads_only_needed_bytes)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB25D, 2, 3);
    IoLog *l = calloc(1, sizeof(*l));
    CHECK_EQ(storage_add_io(&e->m.storage, IO_BASE, 0x2000, iolog_read, iolog_write, l), 0);
    memcpy(l->mem + 0x10, "abc\0zzzz", 8);
    put(e, 0x20000, "abd\0", 4);
    put(e, 0x21000, "abc\0zzzz", 8);
    cpu->gr[0] = 0;
    cpu->gr[2] = IO_BASE + 0x10;
    cpu->gr[3] = 0x20000;
    CHECK_EQ(insn_clst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[2], IO_BASE + 0x12);
    CHECK_EQ(l->n, 3);
    for (int i = 0; i < 3 && i < l->n; i++) {
        CHECK_EQ(l->ev[i].op, 'r');
        CHECK_EQ(l->ev[i].off, 0x10 + i);
    }
    /* same result as from RAM */
    cpu->gr[2] = 0x21000;
    cpu->gr[3] = 0x20000;
    CHECK_EQ(insn_clst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[2], 0x21002);
    free(l);
    tenv_free(e);
}

/* op1 at 4000 and op2 at 3950, both fetch; they differ at byte 150 (op1
 * low).  Units: 96 (op1's page end), 50 (op2's page end), then the rest. */
static void clst_fm_setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint8_t a[151], b[151];
    for (int i = 0; i < 151; i++)
        a[i] = b[i] = (uint8_t)(0x20 + i % 90);
    a[150] = 0x10;
    b[150] = 0x11;
    fm_write(c, c->va[0], a, 151);
    fm_write(c, c->va[1], b, 151);
    cpu->gr[0] = 0;
    cpu->gr[6] = c->va[0];
    cpu->gr[7] = c->va[1];
    cpu_set_cc(cpu, 2);
}

static void clst_fm_check(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    if (c->kind == FK_COUNT) {
        CHECK_EQ(cpu_cc(cpu), 1);
        CHECK_EQ(cpu->gr[6], c->va[0] + 150);
        CHECK_EQ(cpu->gr[7], c->va[1] + 150);
        return;
    }
    static const uint32_t unit_of[2][2] = { { 0, 96 }, { 0, 146 } };
    uint32_t done = unit_of[c->fault_op][c->fault_page];
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[6], c->va[0] + done);
    CHECK_EQ(cpu->gr[7], c->va[1] + done);
}

TEST(clst_fault_matrix)
{
    FmScenario s = {
        .name = "clst",
        .nops = 2,
        .ops = { { 4000, 151, ACC_FETCH }, { 3950, 151, ACC_FETCH } },
        .handler = insn_clst,
        .insn = rre(0xB25D, 6, 7),
        .setup = clst_fm_setup,
        .check = clst_fm_check,
    };
    CHECK(fm_run(&s) > 10);
}

/* ======================= SRST ======================= */

TEST(srst_found_not_found_empty)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB25E, 4, 5);
    memset(at(e, 0x10000), 'a', 0x100);
    *at(e, 0x10050) = 'x';
    cpu->gr[0] = 'x';
    cpu->gr[4] = 0x10100;                /* end: first byte after */
    cpu->gr[5] = 0x10000;
    CHECK_EQ(insn_srst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x10050);
    CHECK_EQ(cpu->gr[5], 0x10000);

    /* end just before the character: not found, registers unchanged */
    cpu->gr[4] = 0x10050;
    CHECK_EQ(insn_srst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[4], 0x10050);
    CHECK_EQ(cpu->gr[5], 0x10000);

    /* empty operand: no access at all, not even to absent storage */
    cpu->gr[4] = cpu->gr[5] = 0x7F000000000ULL;
    CHECK_EQ(insn_srst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);

    /* not found over 3 pages within one execution: R2 as at the start */
    memset(at(e, 0x30000), 'a', 0x3000);
    cpu->gr[4] = 0x33000;
    cpu->gr[5] = 0x30000;
    CHECK_EQ(insn_srst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[4], 0x33000);
    CHECK_EQ(cpu->gr[5], 0x30000);
    tenv_free(e);
}

TEST(srst_specification_and_cc3_loop)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB25E, 4, 5);
    cpu->gr[0] = 0x1FF;
    cpu->gr[4] = 0x10100;
    cpu->gr[5] = 0x10000;
    CHECK_EQ(insn_srst(cpu, &in), PGM_SPECIFICATION);
    CHECK_EQ(cpu->gr[5], 0x10000);

    /* 17 pages, the character in the last byte: CC3 after 16 pages with R2
     * advanced and R1 unchanged, then CC1. */
    const uint64_t s = 0x100000, end = s + 17 * 4096;
    memset(at(e, s), 'a', 17 * 4096);
    *at(e, end - 1) = 'z';
    cpu->gr[0] = 'z';
    cpu->gr[4] = end;
    cpu->gr[5] = s;
    CHECK_EQ(insn_srst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[4], end);
    CHECK_EQ(cpu->gr[5], s + 65536);
    CHECK_EQ(insn_srst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], end - 1);
    CHECK_EQ(cpu->gr[5], s + 65536);
    tenv_free(e);
}

TEST(srst_wraps_and_address_modes)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB25E, 4, 5);
    /* 24-bit: from 0xFFFF00 around the top to 0x100; char at 0x10 */
    tenv_amode(cpu, 24);
    memset(at(e, 0xFFFF00), 'a', 0x100);
    memset(at(e, 0), 'a', 0x100);
    *at(e, 0x10) = '!';
    cpu->gr[0] = '!';
    cpu->gr[4] = 0xAABBCCDD00000100ULL;
    cpu->gr[5] = 0x11223344FFFFFF00ULL;
    CHECK_EQ(insn_srst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0xAABBCCDD00000010ULL);
    CHECK_EQ(cpu->gr[5], 0x11223344FFFFFF00ULL);

    /* 31-bit CC3 (stop requested after unit 0): R2 bit 32 zeroed */
    tenv_amode(cpu, 31);
    memset(at(e, 0x40F00), 'a', 0x300);
    cpu->gr[4] = 0x0000000000041200ULL;
    cpu->gr[5] = 0x5555555580040F00ULL;
    cpu->yield_request = 1;
    CHECK_EQ(insn_srst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[5], 0x5555555500041000ULL);
    CHECK_EQ(cpu->gr[4], 0x41200);
    tenv_free(e);
}

TEST(srst_io_region_same_as_ram)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB25E, 4, 5);
    IoLog *l = calloc(1, sizeof(*l));
    CHECK_EQ(storage_add_io(&e->m.storage, IO_BASE, 0x2000, iolog_read, iolog_write, l), 0);
    memset(l->mem, 'q', 0x2000);
    l->mem[0x1005] = '#';
    cpu->gr[0] = '#';
    cpu->gr[4] = IO_BASE + 0x1100;
    cpu->gr[5] = IO_BASE + 0xFF0;
    CHECK_EQ(insn_srst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], IO_BASE + 0x1005);
    CHECK_EQ(l->n, 0x16);               /* 0xFF0..0x1005, once each */
    bool order = true;
    for (int i = 0; i < l->n; i++)
        if (l->ev[i].op != 'r' || l->ev[i].off != 0xFF0u + i)
            order = false;
    CHECK(order);
    free(l);
    tenv_free(e);
}

/* op2 at 4000 of its page, 200 bytes, the character in the last one. */
static void srst_fm_setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint8_t b[200];
    memset(b, 0x61, sizeof(b));
    b[199] = 0x7E;
    fm_write(c, c->va[0], b, 200);
    cpu->gr[0] = 0x7E;
    cpu->gr[8] = c->va[0] + 300;
    cpu->gr[9] = c->va[0];
    cpu_set_cc(cpu, 0);
}

static void srst_fm_check(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    CHECK_EQ(cpu->gr[8], c->va[0] + (c->kind == FK_COUNT ? 199 : 300));
    if (c->kind == FK_COUNT) {
        CHECK_EQ(cpu_cc(cpu), 1);
        CHECK_EQ(cpu->gr[9], c->va[0]);
    } else {
        CHECK_EQ(cpu_cc(cpu), 0);
        CHECK_EQ(cpu->gr[9], c->va[0] + (c->fault_page ? 96 : 0));
    }
}

TEST(srst_fault_matrix)
{
    FmScenario s = {
        .name = "srst",
        .nops = 1,
        .ops = { { 4000, 200, ACC_FETCH } },
        .handler = insn_srst,
        .insn = rre(0xB25E, 8, 9),
        .setup = srst_fm_setup,
        .check = srst_fm_check,
    };
    CHECK(fm_run(&s) > 5);
}

/* ======================= SRSTU ======================= */

static void put16(TestEnv *e, uint64_t a, uint16_t v)
{
    *at(e, a) = v >> 8;
    *at(e, a + 1) = v & 0xFF;
}

TEST(srstu_two_byte_characters)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rre(0xB9BE, 4, 5);
    for (int i = 0; i < 0x80; i += 2)
        put16(e, 0x10000 + i, 0x0041);
    put16(e, 0x10020, 0x1234);
    *at(e, 0x1000F) = 0x12;             /* 0x12 0x34 at an odd offset: */
    *at(e, 0x10010) = 0x34;             /* not a character */
    cpu->gr[0] = 0x1234;
    cpu->gr[4] = 0x10080;
    cpu->gr[5] = 0x10000;
    CHECK_EQ(insn_srstu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x10020);
    CHECK_EQ(cpu->gr[5], 0x10000);

    /* not found */
    cpu->gr[0] = 0x4142;
    CHECK_EQ(insn_srstu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[4], 0x10020);

    /* GR0 bits 32-47 must be zero */
    cpu->gr[0] = 0x10041;
    CHECK_EQ(insn_srstu(cpu, &in), PGM_SPECIFICATION);
    /* bits 0-31 are not looked at */
    cpu->gr[0] = 0xFFFFFFFF00001234ULL;
    cpu->gr[4] = 0x10080;
    CHECK_EQ(insn_srstu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x10020);

    /* [?] odd distance: the character holding the end byte is examined */
    put16(e, 0x10024, 0x7777);
    cpu->gr[0] = 0x7777;
    cpu->gr[4] = 0x10025;                /* distance 3: chars at 0x10022, 0x10024 */
    cpu->gr[5] = 0x10022;
    CHECK_EQ(insn_srstu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x10024);
    cpu->gr[4] = 0x10024;                /* even distance 2: only 0x10022 */
    CHECK_EQ(insn_srstu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);

    /* a character straddling a page boundary */
    put16(e, 0x20FFF, 0xBEEF);
    cpu->gr[0] = 0xBEEF;
    cpu->gr[4] = 0x21101;
    cpu->gr[5] = 0x20F01;
    CHECK_EQ(insn_srstu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[4], 0x20FFF);
    tenv_free(e);
}

/* op2 at 4001 (odd): units of 94 bytes, then the character straddling the
 * page boundary, then the rest; the character is the last one (198). */
static void srstu_fm_setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint8_t b[200];
    for (int i = 0; i < 200; i += 2)
        b[i] = 0x00, b[i + 1] = 0x41;
    b[198] = 0xAB;
    b[199] = 0xCD;
    fm_write(c, c->va[0], b, 200);
    cpu->gr[0] = 0xABCD;
    cpu->gr[10] = c->va[0] + 400;
    cpu->gr[11] = c->va[0];
}

static void srstu_fm_check(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    if (c->kind == FK_COUNT) {
        CHECK_EQ(cpu_cc(cpu), 1);
        CHECK_EQ(cpu->gr[10], c->va[0] + 198);
        CHECK_EQ(cpu->gr[11], c->va[0]);
    } else {
        CHECK_EQ(cpu->gr[10], c->va[0] + 400);
        CHECK_EQ(cpu->gr[11], c->va[0] + (c->fault_page ? 94 : 0));
    }
}

TEST(srstu_fault_matrix)
{
    FmScenario s = {
        .name = "srstu",
        .nops = 1,
        .ops = { { 4001, 200, ACC_FETCH } },
        .handler = insn_srstu,
        .insn = rre(0xB9BE, 10, 11),
        .setup = srstu_fm_setup,
        .check = srstu_fm_check,
    };
    CHECK(fm_run(&s) > 5);
}

/* Operands that overlap only through two logical pages on one frame: the
 * result is still that of a byte-at-a-time move.  Source "xy\0" at frame
 * offset 0x100 (logical 0x300100), destination logical 0x400101 = the same
 * frame at 0x101: byte i stored at 0x101+i is the source byte i+1, so 'x'
 * propagates and overwrites the terminator before it is fetched.  After one
 * unit (a CPU-determined amount k >= 3: the terminator's old position has
 * been passed) the CC is 3, both registers have advanced by k, and frame
 * bytes 0x100..0x100+k are all 'x', the byte after them untouched.  A move
 * from a snapshot would store "xy\0" and end with CC1. */
static void stop_after_unit(CPUState *cpu, void *o)
{
    (void)o;
    cpu->yield_request = 1;
}

TEST(mvst_overlap_through_shared_frame_is_bytewise)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map(e, asce, 0x300000, 0x50000, 0);
    tenv_map(e, asce, 0x400000, 0x50000, 0);
    tenv_dat_on(e, asce);
    memcpy(at(e, 0x50100), "xy\0", 3);
    cpu->unit_hook = stop_after_unit;
    cpu->gr[0] = 0;
    cpu->gr[4] = 0x400101;
    cpu->gr[6] = 0x300100;
    Insn in = rre(0xB255, 4, 6);
    CHECK_EQ(insn_mvst(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    uint64_t k = cpu->gr[4] - 0x400101;
    CHECK(k >= 3 && k <= 0xEFF);
    CHECK_EQ(cpu->gr[6] - 0x300100, k);
    bool all_x = true;
    for (uint64_t a = 0x50100; a <= 0x50100 + k; a++)
        all_x &= *at(e, a) == 'x';
    CHECK(all_x);
    if (k < 0xEFF)
        CHECK_EQ(*at(e, 0x50101 + k), 0);
    tenv_free(e);
}
