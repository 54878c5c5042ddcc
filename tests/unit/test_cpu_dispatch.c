/* The storage-access core's handlers reached through the definition table
 * and the dispatcher: each instruction is hand-encoded in its format, so a
 * wrong format or field mapping in the table shows up as a wrong result.
 * Also the byte-wise paths: loads, stores and instruction fetch through an
 * I/O region give the same bytes as RAM, each byte touched once, in order. */
#include "test_cpu.h"

#define DATA 0x20000ULL

TEST(dispatch_ss_character)
{
    TestEnv *e = tenv_cpu();
    memcpy(tenv_abs(e, DATA + 0x100), "HELLO, WORLD", 12);
    e->cpu.gr[7] = DATA;
    e->cpu.gr[8] = DATA + 0x100;
    Asm a = asm_at(e, CODE);
    SS_A(&a, 0xD2, 4, 7, 0x10, 8, 0);           /* MVC 0x10(5,7),0(8) */
    SS_A(&a, 0xD5, 4, 7, 0x10, 8, 0);           /* CLC 0x10(5,7),0(8) */
    SS_A(&a, 0xD7, 1, 7, 0x10, 7, 0x10);        /* XC 0x10(2,7),0x10(7) */
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_MEM(tenv_abs(e, DATA + 0x10), "HELLO", 5);
    CHECK_EQ(tenv_abs(e, DATA + 0x15)[0], 0);
    set_cc(e, 3);
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_MEM(tenv_abs(e, DATA + 0x10), "\0\0LLO", 5);
    CHECK_EQ(cc_of(e), 0);                      /* XC of a field with itself: zero */
    CHECK_EQ(e->cpu.psw_addr, CODE + 18);
    tenv_free(e);
}

TEST(dispatch_mvo_ss_b_lengths)
{
    TestEnv *e = tenv_cpu();
    e->cpu.gr[7] = DATA;
    /* MVO 0(4,7),0x10(2,7) (L1 = 3, L2 = 1): op1 12 34 56 7C, op2 AB CD ->
     * 00 0A BC DC: op2's digits right-aligned left of op1's rightmost digit
     * (C, kept), zeros on the left */
    memcpy(tenv_abs(e, DATA), "\x12\x34\x56\x7C", 4);
    memcpy(tenv_abs(e, DATA + 0x10), "\xAB\xCD", 2);
    Asm a = asm_at(e, CODE);
    EMIT(&a, 0xF1, 0x31, 0x70, 0x00, 0x70, 0x10);
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(rd_be(e, DATA, 4), 0x000ABCDC);
    tenv_free(e);
}

TEST(dispatch_long_and_string)
{
    TestEnv *e = tenv_cpu();
    memset(tenv_abs(e, DATA + 0x1000), 'x', 0x20);
    /* MVCLE 2,4,0xC1: RS-a, pad in the D2 field */
    e->cpu.gr[2] = DATA;
    e->cpu.gr[3] = 0x10;
    e->cpu.gr[4] = DATA + 0x1000;
    e->cpu.gr[5] = 8;
    Asm a = asm_at(e, CODE);
    RS(&a, 0xA8, 2, 4, 0, 0xC1);
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_MEM(tenv_abs(e, DATA), "xxxxxxxx\xC1\xC1\xC1\xC1\xC1\xC1\xC1\xC1", 16);
    CHECK_EQ(cc_of(e), 2);                      /* op1 length high: CC2 */
    CHECK_EQ(e->cpu.gr[3], 0);

    /* MVST 2,4 (RRE) with terminator 0 in GR0 */
    memcpy(tenv_abs(e, DATA + 0x200), "abc\0", 4);
    e->cpu.gr[0] = 0;
    e->cpu.gr[2] = DATA + 0x300;
    e->cpu.gr[4] = DATA + 0x200;
    a = asm_at(e, CODE);
    RRE(&a, 0xB255, 2, 4);
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_MEM(tenv_abs(e, DATA + 0x300), "abc\0", 4);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(e->cpu.gr[2], DATA + 0x303);

    /* STMG 6,8,0x10(7) (RSY) and LM 9,10,0(7) (RS) */
    e->cpu.gr[6] = 6; e->cpu.gr[7] = DATA + 0x400; e->cpu.gr[8] = 8;
    a = asm_at(e, CODE);
    RSY(&a, 0xEB24, 6, 8, 7, 0x10);
    RS(&a, 0x98, 9, 10, 7, 0x14);
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(rd_be(e, DATA + 0x410, 8), 6);
    CHECK_EQ(rd_be(e, DATA + 0x420, 8), 8);
    CHECK_EQ(step(e), CPU_STEP_OK);             /* LM 9,10 <- words at 0x414, 0x418 */
    CHECK_EQ((uint32_t)e->cpu.gr[9], 6);
    CHECK_EQ((uint32_t)e->cpu.gr[10], (uint32_t)((DATA + 0x400) >> 32));
    tenv_free(e);
}

TEST(dispatch_translate_rrf_m3)
{
    /* TROO 2,4 with M3 = 1 (RRF-c: M3 in bits 16-19): the test bit off:
     * translate all of op2 through the table in GR1 into op1 */
    TestEnv *e = tenv_cpu();
    uint8_t *tab = tenv_abs(e, DATA + 0x1000);
    for (int i = 0; i < 256; i++)
        tab[i] = (uint8_t)(255 - i);
    memcpy(tenv_abs(e, DATA + 0x100), "\x00\x01\x02", 3);
    e->cpu.gr[1] = DATA + 0x1000;
    e->cpu.gr[0] = 0x100;                       /* test character outside 0-255 */
    e->cpu.gr[2] = DATA;
    e->cpu.gr[3] = 3;
    e->cpu.gr[4] = DATA + 0x100;
    Asm a = asm_at(e, CODE);
    RRF(&a, 0xB993, 1, 0, 2, 4);
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_MEM(tenv_abs(e, DATA), "\xFF\xFE\xFD", 3);
    CHECK_EQ(cc_of(e), 0);
    tenv_free(e);
}

TEST(dispatch_mvcrl_needs_facility_61)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    EMIT(&a, 0xE5, 0x0A, 0x70, 0x00, 0x80, 0x00);   /* MVCRL 0(7),0(8) */
    facility_set(&e->m, 61, false);
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_OPERATION);
    CHECK_EQ(pgm_ilc(e), 6);
    tenv_free(e);
}

/* ---- byte-wise paths through an I/O region ---- */

typedef struct IoLog {
    uint8_t mem[8192];
    uint64_t seq[64];
    int n;
} IoLog;

static uint8_t io_rd(void *opaque, uint64_t off)
{
    IoLog *l = opaque;
    if (l->n < 64)
        l->seq[l->n++] = off;
    return l->mem[off];
}

static void io_wr(void *opaque, uint64_t off, uint8_t v)
{
    IoLog *l = opaque;
    if (l->n < 64)
        l->seq[l->n++] = 0x10000 | off;
    l->mem[off] = v;
}

#define IO_BASE 0x300000ULL

TEST(dispatch_io_region_load_store_bytewise)
{
    TestEnv *e = tenv_cpu();
    static IoLog log;
    memset(&log, 0, sizeof(log));
    CHECK_EQ(storage_add_io(&e->m.storage, IO_BASE, 0x2000, io_rd, io_wr, &log), 0);
    for (int i = 0; i < 16; i++)
        log.mem[0xFFC + i] = (uint8_t)(0xA0 + i);
    Asm a = asm_at(e, CODE);
    RXY(&a, 0xE304, 2, 0, 4, 0);        /* LG 2,0(4): crosses 0x1000 */
    RXY(&a, 0xE324, 3, 0, 4, 8);        /* STG 3,8(4) */
    e->cpu.gr[4] = IO_BASE + 0xFFC;
    e->cpu.gr[3] = 0x1122334455667788ULL;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[2], 0xA0A1A2A3A4A5A6A7ULL);
    CHECK_EQ(log.n, 8);
    for (int i = 0; i < 8 && i < log.n; i++)
        CHECK_EQ(log.seq[i], 0xFFCu + i);       /* each byte once, left to right */
    log.n = 0;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(log.n, 8);
    for (int i = 0; i < 8 && i < log.n; i++)
        CHECK_EQ(log.seq[i], 0x10000u | (0x1004u + i));
    CHECK_EQ(log.mem[0x1004], 0x11);
    CHECK_EQ(log.mem[0x100B], 0x88);
    tenv_free(e);
}

TEST(dispatch_ifetch_from_io_region)
{
    TestEnv *e = tenv_cpu();
    static IoLog log;
    memset(&log, 0, sizeof(log));
    CHECK_EQ(storage_add_io(&e->m.storage, IO_BASE, 0x2000, io_rd, io_wr, &log), 0);
    /* LLILF 5,0xCAFEBABE at IO_BASE + 0xFFE, crossing into the next page */
    memcpy(log.mem + 0xFFE, "\xC0\x5F\xCA\xFE\xBA\xBE", 6);
    e->cpu.psw_addr = IO_BASE + 0xFFE;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[5], 0xCAFEBABE);
    CHECK_EQ(e->cpu.psw_addr, IO_BASE + 0x1004);
    tenv_free(e);
}
